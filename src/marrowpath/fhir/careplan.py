"""A CarePlan as a FHIR R4 Bundle: CarePlan, the Condition it addresses, the Patient (by
pseudonym only) and a Provenance naming MarrowPath as the author of the proposal.

Plain dicts (JSON-ready); tests validate them with ``fhir.resources.R4B``. Codes come from the
knowledge base; drug classes carry text only, never an invented code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from marrowpath import __version__
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.pathway.model import CarePlan

__all__ = ["CODE_SYSTEMS", "PSEUDONYM_SYSTEM", "careplan_bundle"]

CODE_SYSTEMS = {
    "icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm",
    "snomed-ct": "http://snomed.info/sct",
    "loinc": "http://loinc.org",
    "marrowpath": "urn:marrowpath:code",
}
PSEUDONYM_SYSTEM = "urn:marrowpath:pseudonym"
_NS = uuid.UUID("6f1c9a52-3c1b-4b8e-9d43-1f3a5e2c7b10")  # namespace of MarrowPath's uuid5 ids


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NS, "|".join(str(p) for p in parts)))


def _ref(uid: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{uid}"}


def careplan_bundle(
    care: CarePlan,
    patient: str,
    *,
    kb: Knowledge | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The plan for the patient with pseudonym ``patient`` as a FHIR R4 ``collection`` Bundle."""
    kb = kb or load_knowledge()
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    key = (patient, care.case_id, care.condition, care.start.isoformat())
    pid, cid, plan_id, prov_id = (
        _id("Patient", patient),
        _id("Condition", *key),
        _id("CarePlan", *key),
        _id("Provenance", *key, stamp),
    )
    pat = {
        "resourceType": "Patient",
        "id": pid,
        "identifier": [{"system": PSEUDONYM_SYSTEM, "value": patient}],
    }
    cond = kb.conditions.get(care.condition)
    codings = [
        {"system": CODE_SYSTEMS[c.system], "code": c.code, "display": c.display}
        for c in (cond.codes if cond is not None else [])
    ]
    region = kb.regions.get(care.region)
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "id": cid,
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": "provisional",
                }
            ]
        },
        "code": {"text": care.condition_name, **({"coding": codings} if codings else {})},
        "subject": _ref(pid),
    }
    if region is not None:
        side = f" ({care.side})" if care.side else ""
        condition["bodySite"] = [{"text": region.names.get(care.lang) + side}]
    end = care.expected_healing.latest if care.expected_healing else None
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": plan_id,
        "status": "draft",
        "intent": "proposal",
        "title": care.condition_name,
        "description": care.summary,
        "subject": _ref(pid),
        "period": {"start": care.start.isoformat(), **({"end": end.isoformat()} if end else {})},
        "created": stamp,
        "addresses": [_ref(cid)],
        "activity": _activities(care),
        "note": [{"text": w.text} for w in care.warnings] + [{"text": care.disclaimer}],
    }
    provenance = {
        "resourceType": "Provenance",
        "id": prov_id,
        "target": [_ref(plan_id), _ref(cid)],
        "recorded": stamp,
        "agent": [
            {
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                            "code": "assembler",
                        }
                    ]
                },
                "who": {
                    "display": f"MarrowPath {__version__} (knowledge {care.knowledge_version})"
                },
            }
        ],
    }
    entries = [pat, condition, plan, provenance]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": stamp,
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in entries],
    }


def _activities(care: CarePlan) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in care.phases:
        parts = [p.weight_bearing.replace("_", " "), p.aids, p.allowed]
        if p.avoid:
            parts.append(f"avoid: {p.avoid}" if care.lang == "en" else f"vermeiden: {p.avoid}")
        out.append(
            {
                "detail": {
                    "code": {"text": p.name},
                    "status": "scheduled",
                    "description": "; ".join(x for x in parts if x),
                    "scheduledPeriod": {"start": p.start.isoformat(), "end": p.end.isoformat()},
                }
            }
        )
    for t in care.therapies:
        refused = t.status in ("contraindicated", "not_recommended")
        out.append(
            {
                "detail": {
                    "code": {"text": t.name},
                    "status": "not-started",
                    "doNotPerform": refused,
                    "description": f"{t.status}: {t.reason}",
                }
            }
        )
    for f in care.follow_ups:
        out.append(
            {
                "detail": {
                    "kind": "Appointment",
                    "code": {"text": f.what},
                    "status": "scheduled",
                    "scheduledPeriod": {"start": f.date.isoformat()},
                }
            }
        )
    return out
