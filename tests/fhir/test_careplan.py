"""Tests of the FHIR R4 CarePlan bundle, validated with fhir.resources (R4B models)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from marrowpath.fhir import careplan_bundle
from marrowpath.fhir.careplan import CODE_SYSTEMS, PSEUDONYM_SYSTEM
from marrowpath.knowledge import load_knowledge
from marrowpath.pathway import CarePlan

NOW = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)


def care_plan(**changes: Any) -> CarePlan:
    """A plan as ``plan`` makes it, written out so the test needs no pathway data."""
    data: dict[str, Any] = {
        "case_id": "c-1",
        "condition": "transient_osteoporosis",
        "condition_name": "Transient osteoporosis",
        "region": "hip",
        "side": "left",
        "pathway": "toh_hip",
        "urgent": False,
        "start": "2026-01-05",
        "lang": "en",
        "summary": "Unloading, pain therapy and physiotherapy.",
        "red_flags": [],
        "phases": [
            {
                "id": "protection",
                "name": "Protection",
                "start": "2026-01-05",
                "end": "2026-02-16",
                "start_week": 0,
                "end_week": 6,
                "weight_bearing": "partial_weight_bearing",
                "aids": "Forearm crutches",
                "allowed": "Walking",
                "avoid": "Sport",
                "source": "seed-article",
            }
        ],
        "therapies": [
            {
                "class": "nsaids",
                "name": "NSAIDs",
                "kind": "drug_class",
                "status": "contraindicated",
                "reason": "Third trimester.",
                "indication": "Pain",
                "evidence": "Symptomatic",
                "contraindications": ["pregnancy_third_trimester"],
                "checks_needed": [],
                "source": "seed-article",
            },
            {
                "class": "physiotherapy",
                "name": "Physiotherapy",
                "kind": "physiotherapy",
                "status": "recommended",
                "reason": "Function.",
                "indication": "Function",
                "evidence": "Standard",
                "contraindications": [],
                "checks_needed": [],
                "source": "seed-article",
            },
        ],
        "follow_ups": [
            {
                "date": "2026-02-16",
                "week": 6,
                "what": "Clinical review",
                "imaging": False,
                "source": "seed-article",
            }
        ],
        "return_to_sport": None,
        "expected_healing": {
            "weeks_min": 4,
            "weeks_max": 26,
            "earliest": "2026-02-02",
            "latest": "2026-07-06",
            "source": "seed-article",
        },
        "expected_improvement_week": 6,
        "adjustments": [],
        "warnings": [
            {"kind": "contraindication", "text": "NSAIDs: contraindicated", "source": "x"}
        ],
        "knowledge_version": "0.1.0",
        "disclaimer": "Decision support for qualified health professionals.",
    }
    data.update(changes)
    return CarePlan.model_validate(data)


def resources(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}


class TestCarePlanBundle:
    """The bundle validates and links its resources."""

    def test_validates_with_fhir_resources(self) -> None:
        """fhir.resources parses the bundle; it holds Patient, Condition, CarePlan, Provenance."""
        bundle = careplan_bundle(care_plan(), "P-0042", now=NOW)
        parsed = Bundle.model_validate(bundle)
        assert parsed.entry is not None
        assert [e.resource.get_resource_type() for e in parsed.entry if e.resource] == [
            "Patient",
            "Condition",
            "CarePlan",
            "Provenance",
        ]

    def test_references_resolve(self) -> None:
        """Every reference points at an entry of the bundle."""
        bundle = careplan_bundle(care_plan(), "P-0042", now=NOW)
        urls = {e["fullUrl"] for e in bundle["entry"]}
        r = resources(bundle)
        refs = [
            r["Condition"]["subject"]["reference"],
            r["CarePlan"]["subject"]["reference"],
            *(a["reference"] for a in r["CarePlan"]["addresses"]),
            *(t["reference"] for t in r["Provenance"]["target"]),
        ]
        assert set(refs) <= urls

    def test_patient_only_by_pseudonym(self) -> None:
        """The Patient carries the pseudonym and nothing else identifying."""
        patient = resources(careplan_bundle(care_plan(), "P-0042", now=NOW))["Patient"]
        assert patient["identifier"] == [{"system": PSEUDONYM_SYSTEM, "value": "P-0042"}]
        assert set(patient) == {"resourceType", "id", "identifier"}

    def test_care_plan_content(self) -> None:
        """Phases, therapies (contraindicated as doNotPerform) and follow-ups are activities."""
        plan = resources(careplan_bundle(care_plan(), "P-0042", now=NOW))["CarePlan"]
        assert (plan["status"], plan["intent"]) == ("draft", "proposal")
        assert plan["period"] == {"start": "2026-01-05", "end": "2026-07-06"}
        details = [a["detail"] for a in plan["activity"]]
        assert details[0]["scheduledPeriod"] == {"start": "2026-01-05", "end": "2026-02-16"}
        assert details[1]["code"] == {"text": "NSAIDs"}
        assert details[1]["doNotPerform"] is True
        assert details[2]["doNotPerform"] is False
        assert details[3]["kind"] == "Appointment"
        assert plan["note"][-1]["text"].startswith("Decision support")

    def test_condition_codes_come_from_the_knowledge_base(self) -> None:
        """The Condition's codings are the knowledge base's codes, provisional."""
        kb = load_knowledge()
        condition = resources(careplan_bundle(care_plan(), "P-0042", kb=kb, now=NOW))["Condition"]
        expected = [
            {"system": CODE_SYSTEMS[c.system], "code": c.code, "display": c.display}
            for c in kb.conditions["transient_osteoporosis"].codes
        ]
        assert condition["code"].get("coding", []) == expected
        assert condition["verificationStatus"]["coding"][0]["code"] == "provisional"

    @pytest.mark.parametrize("condition", sorted(load_knowledge().conditions))
    def test_every_condition_validates(self, condition: str) -> None:
        """Every condition of the shipped knowledge base maps to a valid bundle."""
        bundle = careplan_bundle(care_plan(condition=condition, region="knee"), "P-1", now=NOW)
        Bundle.model_validate(bundle)

    def test_urgent_plan(self) -> None:
        """An urgent work-up without healing window has an open period."""
        bundle = careplan_bundle(
            care_plan(expected_healing=None, therapies=[], urgent=True), "P-1", now=NOW
        )
        Bundle.model_validate(bundle)
        assert resources(bundle)["CarePlan"]["period"] == {"start": "2026-01-05"}

    def test_stable_ids(self) -> None:
        """The same plan at the same time gives the same bundle."""
        assert careplan_bundle(care_plan(), "P-1", now=NOW) == careplan_bundle(
            care_plan(), "P-1", now=NOW
        )
