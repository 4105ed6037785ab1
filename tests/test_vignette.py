"""Published-case vignettes read into Cases, with what was not understood reported back."""

from __future__ import annotations

from typing import Any

import pytest

from marrowpath.errors import InputError
from marrowpath.vignette import case_from_vignette


def vignette(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "v1", "age": 44, "sex": "M", "region": "hip", "laterality": "right",
        "onset_weeks": None, "trauma": False, "pregnancy": False, "symptoms": [], "labs": {},
        "xray": None, "mri": None, "scintigraphy": None, "final_diagnosis": "transient_osteoporosis",
    }  # fmt: skip
    base.update(fields)
    return base


class TestFields:
    def test_structured_fields(self) -> None:
        """Age, sex, side, trauma and pregnancy become patient facts."""
        case = case_from_vignette(
            vignette(sex="F", pregnancy=True, symptoms=["35th week of pregnancy"])
        )
        assert case.patient.sex == "female"
        assert case.patient.pregnancy is not None
        assert case.patient.pregnancy.status == "pregnant"
        assert case.patient.pregnancy.trimester == 3
        assert case.side == "right"
        assert case.trauma is False

    def test_postpartum_is_recognised(self) -> None:
        case = case_from_vignette(
            vignette(sex="F", pregnancy=True, symptoms=["fever from 8 days postpartum"])
        )
        assert case.patient.pregnancy is not None
        assert case.patient.pregnancy.status == "postpartum"
        assert case.findings["fever"] is True

    def test_symptoms_with_negation(self) -> None:
        """Symptoms are read with negation: 'no pain at rest', 'afebrile'."""
        case = case_from_vignette(
            vignette(symptoms=["groin pain", "no pain at rest", "afebrile", "antalgic gait"])
        )
        f = case.findings
        assert f["groin_pain"] is True
        assert f["rest_pain"] is False
        assert f["fever"] is False
        assert f["limp"] is True

    def test_duration_from_text(self) -> None:
        """'for 2 months' gives the symptom duration when onset_weeks is not stated."""
        case = case_from_vignette(vignette(symptoms=["right knee pain for 2 months"]))
        assert case.onset_weeks == pytest.approx(2 * 52 / 12)
        stated = case_from_vignette(vignette(onset_weeks=3, symptoms=["pain for 2 years"]))
        assert stated.onset_weeks == 3

    def test_labs_numbers_units_and_reference_ranges(self) -> None:
        """Numbers with units, reference ranges and normal/positive words are all read."""
        case = case_from_vignette(
            vignette(
                labs={
                    "CRP": "10 mg/l (normal <3)",
                    "ESR": "45 mm/h",
                    "WBC": "21,800/mm3",
                    "HLA-B27": "positive",
                    "complete blood count": "unremarkable",
                }
            )
        )
        f = case.findings
        assert f["crp"] == 10.0
        assert f["crp_elevated"] is True
        assert f["esr"] == 45.0
        assert f["wbc"] == pytest.approx(21.8)
        assert f["hla_b27_positive"] is True
        assert f["blood_count_abnormal"] is False

    def test_crp_in_mg_per_dl(self) -> None:
        case = case_from_vignette(vignette(labs={"CRP": "4.8 mg/dL"}))
        assert case.findings["crp"] == pytest.approx(48.0)

    def test_mri_signal_fields(self) -> None:
        """'low' under t1 and 'high' under t2_or_stir are signal findings; BME is present."""
        case = case_from_vignette(
            vignette(
                mri={"t1": "low", "t2_or_stir": "high", "double_line_sign": False, "effusion": True}
            )
        )
        f = case.findings
        assert f["mri_t1_low"] is True
        assert f["mri_t2_high"] is True
        assert f["mri_double_line_sign"] is False
        assert f["mri_joint_effusion"] is True
        assert f["mri_bme"] is True

    def test_extent_gives_sites_and_migration(self) -> None:
        """Sites come from the extent; sites that follow one another are migration."""
        case = case_from_vignette(
            vignette(
                region="knee",
                mri={"extent": "medial femoral condyle, later lateral femoral condyle"},
            )
        )
        f = case.findings
        assert f["site_medial_femoral_condyle"] is True
        assert f["site_lateral_femoral_condyle"] is True
        assert f["migratory_pain"] is True

    def test_pattern_and_normal_signal(self) -> None:
        """'diffuse' under pattern is diffuse edema; 'normal' under t1 states no low T1."""
        case = case_from_vignette(
            vignette(mri={"pattern": "diffuse", "t1": "normal", "extent": "femoral head and neck"})
        )
        f = case.findings
        assert f["mri_bme_diffuse"] is True
        assert f["mri_t1_low"] is False
        assert f["mri_bme_multifocal"] is False  # head and neck are one bone
        assert f["site_femoral_neck"] is True

    def test_discitis_pattern(self) -> None:
        case = case_from_vignette(
            vignette(
                region="lumbar_spine", mri={"extent": "L2 and L3 vertebral bodies and L2-L3 disc"}
            )
        )
        assert case.findings["mri_discitis_pattern"] is True

    def test_xray_list_negation(self) -> None:
        """'no joint space narrowing or fracture' negates both."""
        case = case_from_vignette(
            vignette(xray="diffuse osteopenia; no joint space narrowing or fracture")
        )
        f = case.findings
        assert f["xray_osteopenia"] is True
        assert f["xray_joint_space_narrowing"] is False
        assert f["xray_fracture"] is False

    def test_not_understood_is_returned(self) -> None:
        """Clauses that yield nothing are listed as unused input, never dropped."""
        case = case_from_vignette(
            vignette(symptoms=["quadriceps atrophy"], labs={"globulins": "36 g/l"})
        )
        assert "symptoms[0]: 'quadriceps atrophy'" in case.unused_input
        assert any(u.startswith("labs.globulins") for u in case.unused_input)


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"colour": "red"}, "colour: unknown field"),
            ({"region": "elbow"}, "region: unknown region 'elbow'"),
            ({"sex": "X"}, "sex: 'X' is not one of 'M', 'F' or null"),
            ({"age": 150}, "age: Input should be less than or equal to 120 (got 150)"),
            ({"symptoms": "pain"}, None),
            ({"symptoms": [1, 2]}, "symptoms: expected a list of texts, got [1, 2]"),
            ({"labs": ["CRP"]}, "labs: expected an object of lab names and values, got ['CRP']"),
            ({"mri": "edema"}, "mri: expected an object with "),
            ({"mri": {"t3": "x"}}, "mri.t3: unknown field"),
            (
                {"laterality": "up"},
                "laterality: 'up' is not one of 'left', 'right', 'bilateral' or null",
            ),
            ({"pregnancy": "yes"}, "pregnancy: expected true, false or null, got 'yes'"),
            ({"lang": "fr"}, "lang: 'fr' is not one of 'en', 'de'"),
            (
                {"onset_weeks": -1},
                "onset_weeks: Input should be greater than or equal to 0 (got -1)",
            ),
        ],
    )
    def test_errors_name_the_field(self, change: dict[str, Any], message: str | None) -> None:
        """Each malformed field is one InputError that names it."""
        if message is None:  # a single string is accepted as one symptom
            case_from_vignette(vignette(**change))
            return
        with pytest.raises(InputError) as info:
            case_from_vignette(vignette(**change))
        assert str(info.value).startswith(message)
        assert info.value.field == message.split(":")[0]


class TestGerman:
    def test_german_vignette(self) -> None:
        """German signal words, lab words and symptoms are read."""
        case = case_from_vignette(
            vignette(
                lang="de",
                symptoms=["Leistenschmerz links", "kein Fieber"],
                labs={"CRP": "erhöht", "HLA-B27": "negativ"},
                mri={"t1": "hypointens", "t2_or_stir": "hyperintens"},
            )
        )
        f = case.findings
        assert f["groin_pain"] is True
        assert f["fever"] is False
        assert f["crp_elevated"] is True
        assert f["hla_b27_positive"] is False
        assert f["mri_t1_low"] is True
        assert f["mri_t2_high"] is True

    def test_one_normal_marker_says_nothing_of_the_others(self) -> None:
        """A normal CRP makes 'inflammatory markers raised' absent, but not the ESR."""
        case = case_from_vignette(vignette(labs={"CRP": "2 mg/L"}))
        from marrowpath.reasoning import assess

        f = assess(case).findings
        assert f["crp_elevated"] is False
        assert f["inflammatory_markers_elevated"] is False
        assert "esr_elevated" not in f
