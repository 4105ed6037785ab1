"""``assess``: red flags first, an exact explanation, classifications, next examinations."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from marrowpath.case import Case, Patient, Pregnancy
from marrowpath.casefile import case_from_data
from marrowpath.errors import InputError, UnknownIdError
from marrowpath.knowledge import load_knowledge
from marrowpath.reasoning import Assessment, assess
from tests.conftest import SHARED

CASES = SHARED / "data" / "cases"


def hip(**findings: bool | float) -> Case:
    return Case(region="hip", patient=Patient(age=45, sex="male"), findings=findings)


class TestDifferential:
    def test_probabilities_sum_to_one_best_first(self) -> None:
        """The differential is a distribution over the region's conditions, best first."""
        a = assess(hip(mri_bme=True, mri_bme_diffuse=True))
        probs = [d.probability for d in a.differential]
        assert math.isclose(sum(probs), 1.0, rel_tol=1e-9)
        assert probs == sorted(probs, reverse=True)
        assert {d.condition for d in a.differential} == set(load_knowledge().priors["hip"])

    def test_explanation_is_the_computation(self) -> None:
        """log prior + the listed log LRs reproduce each score exactly."""
        a = assess(hip(mri_double_line_sign=True, corticosteroid_use=True, fever=False))
        for d in a.differential:
            total = math.log(d.prior) + sum(c.log_lr for c in d.contributions)
            assert math.isclose(total, d.log_score, abs_tol=1e-9)
            for c in d.contributions:
                assert math.isclose(c.log_lr, math.log(c.likelihood_ratio))
                assert c.source in load_knowledge().sources

    def test_double_line_sign_leads_to_osteonecrosis(self) -> None:
        """A double-line sign with steroid use puts osteonecrosis first, with both as reasons."""
        a = assess(hip(mri_bme=True, mri_double_line_sign=True, corticosteroid_use=True))
        top = a.differential[0]
        assert top.condition == "osteonecrosis"
        reasons = {c.finding: c.direction for c in top.contributions}
        assert reasons["mri_double_line_sign"] == "for"
        assert reasons["corticosteroid_use"] == "for"

    def test_stated_absent_counts_against(self) -> None:
        """A finding stated absent applies its negative likelihood ratio."""
        a = assess(hip(mri_double_line_sign=False))
        on = next(d for d in a.differential if d.condition == "osteonecrosis")
        c = next(c for c in on.contributions if c.finding == "mri_double_line_sign")
        assert c.direction == "against"
        assert c.value is False

    def test_unknown_findings_add_nothing(self) -> None:
        """With no findings the posterior equals the normalised prior."""
        a = assess(Case(region="knee"))
        for d in a.differential:
            assert math.isclose(d.probability, d.prior, rel_tol=1e-9)
            assert d.contributions == []

    def test_numeric_findings_act_through_derived_ones(self) -> None:
        """CRP 48 mg/L derives 'CRP elevated' and 'CRP above 20 mg/L'."""
        a = assess(hip(crp=48.0))
        assert a.findings["crp_elevated"] is True
        assert a.findings["crp_over_20"] is True
        assert a.findings["inflammatory_markers_elevated"] is True

    def test_patient_facts_become_findings(self) -> None:
        """Pregnancy in the third trimester, age and eGFR are findings the engine uses."""
        case = Case(
            region="hip",
            patient=Patient(
                age=31, sex="female", egfr=25, pregnancy=Pregnancy(status="pregnant", trimester=3)
            ),
        )
        f = assess(case).findings
        assert f["pregnancy"] is True
        assert f["pregnancy_third_trimester"] is True
        assert f["egfr_below_30"] is True
        assert f["age_over_65"] is False

    def test_facts_that_cannot_apply(self) -> None:
        """Men and women over 65 are taken as not pregnant; a stated value still wins."""
        old = assess(Case(region="knee", patient=Patient(age=78, sex="female")))
        assert old.findings["pregnancy"] is False
        assert old.findings["breastfeeding"] is False
        man = assess(Case(region="hip", patient=Patient(age=40, sex="male")))
        assert man.findings["pregnancy"] is False
        young = assess(Case(region="hip", patient=Patient(age=30, sex="female")))
        assert "pregnancy" not in young.findings

    def test_german_names(self) -> None:
        """Names and the disclaimer follow the language."""
        a = assess(hip(mri_bme=True), lang="de")
        assert a.lang == "de"
        assert "Entscheidungsunterstützung" in a.disclaimer
        assert (
            a.differential[0].name
            == load_knowledge().conditions[a.differential[0].condition].names.de
        )

    def test_reports_are_read(self) -> None:
        """Report texts attached to a case are read into findings."""
        case = Case(
            region="hip",
            reports=[
                "Diffuse bone marrow edema of the femoral head and neck. No double-line sign."
            ],
        )
        a = assess(case)
        assert a.findings["mri_bme"] is True
        assert a.findings["site_femoral_head"] is True


class TestRedFlags:
    def test_fever_raises_infection_first(self) -> None:
        """Fever raises the infection flag, with its trigger and an action."""
        a = assess(hip(fever=True, mri_bme=True))
        flag = a.red_flags[0]
        assert flag.id == "suspected_infection"
        assert flag.urgency == "emergency"
        assert flag.triggered_by == ["fever"]
        assert "cultures" in flag.action

    def test_tension_side_only_in_the_hip(self) -> None:
        """Region-bound criteria hold only in their region."""
        assert [f.id for f in assess(hip(mri_femoral_neck_tension_side=True)).red_flags] == [
            "femoral_neck_tension_side"
        ]
        knee = Case(region="knee", findings={"mri_femoral_neck_tension_side": True})
        assert assess(knee).red_flags == []

    def test_flags_sorted_by_urgency(self) -> None:
        """Emergencies come before urgent flags."""
        a = assess(hip(prior_cancer=True, fever=True))
        assert [f.urgency for f in a.red_flags] == ["emergency", "urgent"]

    def test_no_flag_without_findings(self) -> None:
        assert assess(hip()).red_flags == []


class TestClassifications:
    def test_modic_from_signal(self) -> None:
        """Low T1 and high T2 at the endplates classify as Modic type I."""
        case = Case(
            region="lumbar_spine",
            findings={
                "mri_t1_low": True,
                "mri_t2_high": True,
                "back_pain": True,
                "site_vertebral_endplate": True,
            },
        )
        a = assess(case)
        modic = next(c for c in a.classifications if c.id == "modic")
        assert modic.grade == "I"
        assert modic.matched == ["mri_t1_low", "mri_t2_high"]

    @pytest.mark.parametrize(
        ("percent", "grade"), [(20.0, "1"), (50.0, "2"), (80.0, "3"), (0.0, "0")]
    )
    def test_moaks_size_grade(self, percent: float, grade: str) -> None:
        """MOAKS size follows the share of the subregion: <33, 33-66, >66 %."""
        a = assess(Case(region="knee", findings={"mri_bml_percent": percent}))
        moaks = next(c for c in a.classifications if c.id == "moaks_bml_size")
        assert moaks.grade == grade

    def test_arco_shown_for_osteonecrosis(self) -> None:
        """ARCO staging appears when osteonecrosis leads; a normal radiograph gives stage I."""
        a = assess(
            hip(mri_double_line_sign=True, corticosteroid_use=True, xray_normal=True, mri_bme=True)
        )
        arco = next(c for c in a.classifications if c.id == "arco")
        assert arco.grade == "I"

    def test_fredericson_grade(self) -> None:
        case = Case(
            region="tibia_shaft",
            findings={
                "repetitive_loading": True,
                "mri_bme": True,
                "mri_t1_low": True,
                "mri_periosteal_edema": True,
            },
        )
        a = assess(case)
        fred = next(c for c in a.classifications if c.id == "fredericson")
        assert fred.grade == "3"


class TestNextExaminations:
    def test_suggests_what_separates_the_leaders(self) -> None:
        """With only hip BME known, the suggestions include the double-line sign question."""
        a = assess(hip(mri_bme=True))
        suggested = [n.finding for n in a.next_examinations]
        assert suggested
        assert len(set(n.examination for n in a.next_examinations)) == len(suggested)
        gains = [n.information_gain for n in a.next_examinations]
        assert gains == sorted(gains, reverse=True)
        assert all(n.examination for n in a.next_examinations)
        assert "age" not in suggested

    def test_known_findings_are_not_suggested(self) -> None:
        a = assess(hip(mri_bme=True, mri_double_line_sign=False, fever=False))
        suggested = {n.finding for n in a.next_examinations}
        assert not suggested & {"mri_double_line_sign", "fever"}


class TestBadInput:
    def test_unknown_region(self) -> None:
        with pytest.raises(
            UnknownIdError, match=r"^unknown region 'elbow'; expected one of hip,"
        ) as info:
            assess(Case(region="elbow"))
        assert info.value.field == "region"

    def test_unknown_finding(self) -> None:
        with pytest.raises(
            UnknownIdError, match=r"^findings\.xray_glow: unknown finding 'xray_glow'$"
        ):
            assess(hip(xray_glow=True))

    def test_number_for_boolean(self) -> None:
        with pytest.raises(
            InputError, match=r"^findings\.fever: expected true or false, got 38\.5$"
        ):
            assess(hip(fever=38.5))

    def test_boolean_for_number(self) -> None:
        with pytest.raises(
            InputError, match=r"^findings\.crp: expected a number in mg/L, got True$"
        ):
            assess(hip(crp=True))

    def test_number_out_of_range(self) -> None:
        with pytest.raises(
            InputError, match=r"^findings\.crp: 5000\.0 is outside the range 0\.0\.\.1000\.0 mg/L$"
        ):
            assess(hip(crp=5000.0))

    def test_unknown_language(self) -> None:
        with pytest.raises(InputError, match=r"^lang: 'fr' is not one of 'en', 'de'$"):
            assess(hip(), lang="fr")


class TestPublishedCases:
    def test_development_cases_meet_the_goals(self) -> None:
        """Top-3 >= 95% and every infection and tumour case flagged (see benchmarks/cases.py)."""
        files = sorted(CASES.glob("*.json"))
        assert len(files) >= 40
        top3 = 0
        for f in files:
            data = json.loads(f.read_text(encoding="utf-8"))
            truth = data["final_diagnosis"].removeprefix("other:")
            a: Assessment = assess(case_from_data(data))
            order = [d.condition for d in a.differential]
            top3 += truth in order[:3]
            if truth in ("osteomyelitis", "tumor"):
                kind = "infection" if truth == "osteomyelitis" else "tumor"
                assert any(r.kind == kind for r in a.red_flags), f.name
        assert top3 / len(files) >= 0.95

    def test_assessment_round_trips_as_json(self) -> None:
        """Every object built on the fast path validates as the schema says."""
        for f in sorted(CASES.glob("*.json"))[:10]:
            a = assess(case_from_data(json.loads(f.read_text(encoding="utf-8"))))
            again = Assessment.model_validate_json(a.model_dump_json())
            assert again.model_dump() == a.model_dump()


def test_examples_assess(tmp_path: Path) -> None:
    """The bundled example case assesses to transient osteoporosis first."""
    from marrowpath.casefile import load_case

    root = Path(__file__).resolve().parents[2]
    a = assess(load_case(root / "examples" / "toh-hip.yaml"))
    assert a.differential[0].condition == "transient_osteoporosis"
