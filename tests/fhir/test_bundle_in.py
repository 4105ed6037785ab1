"""FHIR R4 Bundle -> Case: Patient, Condition, Observation, DiagnosticReport, ImagingStudy."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest

from marrowpath.errors import InputError
from marrowpath.fhir.bundle_in import case_from_bundle, read_bundle, resources_of, shows_bme

TODAY = dt.date(2026, 11, 30)
HIP = (
    "MRI of the left hip: diffuse bone marrow edema of the femoral head and neck extending to "
    "the intertrochanteric region. No subchondral fracture line. Joint effusion."
)


def entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource.get('id', 'x')}", "resource": resource}


def record(*extra: dict[str, Any], text: str = HIP) -> dict[str, Any]:
    resources: list[dict[str, Any]] = [
        {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1990-03-02"},
        {
            "resourceType": "Condition",
            "id": "c1",
            "code": {"text": "Pregnancy, third trimester"},
            "clinicalStatus": {"coding": [{"code": "active"}]},
        },
        {
            "resourceType": "Observation",
            "id": "o1",
            "status": "final",
            "code": {"text": "CRP"},
            "valueQuantity": {"value": 3, "unit": "mg/L"},
        },
        {
            "resourceType": "DiagnosticReport",
            "id": "d1",
            "status": "final",
            "code": {"text": "MRI hip"},
            "effectiveDateTime": "2026-11-20",
            "presentedForm": [
                {"contentType": "text/plain", "data": base64.b64encode(text.encode()).decode()}
            ],
        },
        {
            "resourceType": "ImagingStudy",
            "id": "i1",
            "status": "available",
            "subject": {"reference": "Patient/p1"},
            "started": "2026-11-20T09:00:00+01:00",
            "modality": [{"code": "MR"}],
            "series": [
                {"uid": "1.2.3", "modality": {"code": "MR"}, "bodySite": {"display": "Hip"}}
            ],
        },
        *extra,
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": [entry(r) for r in resources]}


class TestReadBundle:
    """What is read from each resource."""

    def test_full_record(self) -> None:
        """Age and sex, pregnancy, lab value, report text, region and side, imaging."""
        reading = read_bundle(record(), today=TODAY)
        case = reading.case
        assert case is not None
        assert (case.region, case.side) == ("hip", "left")
        assert (case.patient.age, case.patient.sex) == (36, "female")
        assert case.patient.pregnancy is not None
        assert case.patient.pregnancy.trimester == 3
        assert case.findings["crp"] == 3.0
        assert case.reports == [HIP]
        assert reading.patient_id == "p1"
        assert reading.report_refs == ["DiagnosticReport/d1"]
        assert reading.bme_refs == ["DiagnosticReport/d1"]
        assert [(i.reference, i.modality, i.region) for i in reading.imaging] == [
            ("DiagnosticReport/d1", "mri", "hip"),
            ("ImagingStudy/i1", "mri", "hip"),
        ]

    def test_conclusion_text(self) -> None:
        """The conclusion counts as report text."""
        rep = {
            "resourceType": "DiagnosticReport",
            "id": "d2",
            "status": "final",
            "code": {"text": "MRI knee"},
            "conclusion": "Bone bruise of the lateral femoral condyle of the right knee.",
        }
        reading = read_bundle([rep], today=TODAY)
        assert reading.case is not None
        assert reading.case.region == "knee"

    def test_refuted_and_resolved_conditions_are_skipped(self) -> None:
        """Only active, not refuted conditions are read."""
        refuted = {
            "resourceType": "Condition",
            "id": "c2",
            "code": {"text": "Fever"},
            "verificationStatus": {"coding": [{"code": "refuted"}]},
        }
        resolved = {
            "resourceType": "Condition",
            "id": "c3",
            "code": {"text": "Fever"},
            "clinicalStatus": {"coding": [{"code": "resolved"}]},
        }
        case = read_bundle(record(refuted, resolved), today=TODAY).case
        assert case is not None
        assert "fever" not in case.findings

    def test_old_reports_when_recent_asked(self) -> None:
        """recent_days drops older reports."""
        reading = read_bundle(record(), today=TODAY + dt.timedelta(days=400), recent_days=90)
        assert reading.report_refs == []
        assert reading.bme_refs == []

    def test_no_region(self) -> None:
        """Without any region the case is None and the reason is kept."""
        reading = read_bundle([{"resourceType": "Patient", "id": "p"}], today=TODAY)
        assert reading.case is None
        assert reading.unused_input == ["region: no body region found in the resources"]
        with pytest.raises(InputError) as err:
            case_from_bundle([{"resourceType": "Patient", "id": "p"}])
        assert err.value.field == "region"

    def test_region_given(self) -> None:
        """A caller's region is used when the record names none, or first when asked."""
        assert read_bundle([], region="knee").case is not None
        reading = read_bundle(record(), region="knee", region_first=True, today=TODAY)
        assert reading.case is not None
        assert reading.case.region == "knee"


class TestMalformed:
    """Bad input names the entry."""

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ("text", "bundle"),
            ({"resourceType": "Bundle", "entry": {}}, "bundle.entry"),
            ({"resourceType": "Bundle", "entry": [{"x": 1}]}, "bundle.entry[0].resource"),
            ({"resourceType": "Bundle", "entry": [{"resource": {"id": "x"}}]}, "bundle.entry[0]"),
            ([{"resourceType": "Patient"}, 3], "bundle[1]"),
        ],
    )
    def test_field(self, data: Any, field: str) -> None:
        with pytest.raises(InputError) as err:
            resources_of(data)
        assert err.value.field == field

    def test_bad_base64_is_ignored(self) -> None:
        """An undecodable attachment is skipped, not a crash."""
        rep = {
            "resourceType": "DiagnosticReport",
            "id": "d",
            "presentedForm": [{"contentType": "text/plain", "data": "***"}],
        }
        assert read_bundle([rep]).report_refs == []


class TestShowsBme:
    """BME statements in texts."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Bone marrow edema of the medial femoral condyle.", True),
            ("Knochenmarködem im Femurkopf links.", True),
            ("No bone marrow edema.", False),
            ("Rotator cuff tendinosis.", False),
            ("", False),
        ],
    )
    def test_texts(self, text: str, expected: bool) -> None:
        assert shows_bme(text) is expected


def test_unreadable_lab_is_reported_not_fatal() -> None:
    """A lab value the reader cannot parse is listed in unused_input; the case remains."""
    rep = {
        "resourceType": "DiagnosticReport",
        "id": "d",
        "conclusion": "MRI right knee: bone marrow edema of the medial femoral condyle.",
    }
    obs = {
        "resourceType": "Observation",
        "id": "o",
        "code": {"text": "CRP"},
        "valueString": "1.2.3",
    }
    reading = read_bundle([rep, obs], today=TODAY)
    assert reading.case is not None
    assert reading.case.region == "knee"
    assert "Observation: 'CRP' not understood" in reading.unused_input
