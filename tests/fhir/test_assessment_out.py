"""Assessment -> FHIR R4: every output validates with fhir.resources (R4B models)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from marrowpath.case import Case
from marrowpath.fhir.assessment_out import assessment_bundle
from marrowpath.fhir.observations import PAIN_LOINC, pain_observation
from marrowpath.fhir.provenance import provenance, stamp
from marrowpath.pathway import plan
from marrowpath.reasoning import assess
from marrowpath.store.records import AlertRecord, VisitRecord

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"


def kinds(bundle: dict[str, Any]) -> list[str]:
    return [e["resource"]["resourceType"] for e in bundle["entry"]]


def of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


class TestAssessmentBundle:
    """Conditions, DetectedIssues, Flags, Observations, CarePlan, Provenance."""

    def test_differential(self) -> None:
        """Leading diagnosis provisional, the others differential, never confirmed."""
        a = assess(Case(region="knee", findings={"mri_bme": True}))
        b = assessment_bundle(a, "P-1", now=NOW, sources=["DiagnosticReport/r1"])
        Bundle.model_validate(b)
        conditions = of(b, "Condition")
        statuses = [c["verificationStatus"]["coding"][0]["code"] for c in conditions]
        assert statuses[0] == "provisional"
        assert set(statuses[1:]) == {"differential"}
        assert all(c["verificationStatus"]["coding"][0]["system"] == VER for c in conditions)
        assert conditions[0]["evidence"] == [{"detail": [{"reference": "DiagnosticReport/r1"}]}]
        prov = of(b, "Provenance")[0]
        assert {t["reference"] for t in prov["target"]} == {
            f"urn:uuid:{c['id']}" for c in conditions
        }
        assert prov["entity"] == [{"role": "source", "what": {"reference": "DiagnosticReport/r1"}}]
        assert prov["recorded"] == "2026-11-30T10:00:00+00:00"

    def test_red_flags_plan_visits_alerts(self) -> None:
        """Red flags as DetectedIssue, alerts as Flag, pain as LOINC 72514-3, the CarePlan."""
        a = assess(Case(region="hip", side="left", findings={"mri_bme": True, "fever": True}))
        care = plan(a, dt.date(2026, 11, 1))
        visit = VisitRecord(
            id=1,
            episode_id="e1",
            date=dt.date(2026, 11, 20),
            pain_rest=4,
            pain_load=7,
            weight_bearing="partial_weight_bearing",
            function_notes="",
            new_imaging="",
            created_at=dt.datetime(2026, 11, 20),
        )
        alert = AlertRecord(
            id=3,
            episode_id="e1",
            kind="course",
            key="k",
            date=dt.date(2026, 11, 20),
            message="Pain above the expected band",
            created_at=dt.datetime(2026, 11, 20),
        )
        b = assessment_bundle(a, "P-2", care=care, visits=[visit], alerts=[alert], now=NOW)
        Bundle.model_validate(b)
        assert {"Patient", "CarePlan", "DetectedIssue", "Flag", "Observation", "Provenance"} <= set(
            kinds(b)
        )
        issue = of(b, "DetectedIssue")[0]
        assert issue["severity"] == "high"
        assert issue["code"]["text"]
        obs = of(b, "Observation")
        assert [o["valueQuantity"]["value"] for o in obs] == [4, 7]
        assert {o["code"]["coding"][0]["code"] for o in obs} == {PAIN_LOINC}
        subjects = {o["subject"]["reference"] for o in obs} | {
            of(b, "Flag")[0]["subject"]["reference"]
        }
        patient_url = next(
            e["fullUrl"] for e in b["entry"] if e["resource"]["resourceType"] == "Patient"
        )
        assert subjects == {patient_url}

    def test_one_patient_resource(self) -> None:
        """With a plan, the careplan bundle's Patient is the only Patient."""
        a = assess(Case(region="knee", findings={"mri_bme": True}))
        b = assessment_bundle(a, "P-3", care=plan(a, dt.date(2026, 11, 1)), now=NOW)
        assert kinds(b).count("Patient") == 1


class TestPieces:
    """Provenance and Observation alone."""

    def test_provenance(self) -> None:
        """Valid alone, naming MarrowPath and the knowledge version."""
        from fhir.resources.R4B.provenance import Provenance

        p = provenance(["Condition/c1"], knowledge_version="0.1.0", now=NOW)
        Provenance.model_validate(p)
        assert "knowledge 0.1.0" in p["agent"][0]["who"]["display"]

    def test_observation(self) -> None:
        """NRS with UCUM {score}."""
        from fhir.resources.R4B.observation import Observation

        o = pain_observation(5, "2026-11-30", subject="Patient/p1")
        Observation.model_validate(o)
        assert o["valueQuantity"]["code"] == "{score}"

    def test_stamp_is_timezone_aware(self) -> None:
        """Naive times are taken as UTC."""
        assert stamp(dt.datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05+00:00"
