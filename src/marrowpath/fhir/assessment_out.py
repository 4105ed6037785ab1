"""An Assessment (and optionally its plan, visits and alerts) as a FHIR R4 Bundle.

The differential becomes Conditions whose verificationStatus is ``provisional`` (the leading
diagnosis) or ``differential`` (the others), never ``confirmed``; red flags become
DetectedIssues, episode alerts Flags, the plan a CarePlan (``marrowpath.fhir.careplan``), pain
scores Observations (LOINC 72514-3); one Provenance names MarrowPath and what it read. Codes
come only from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from marrowpath.fhir.careplan import CODE_SYSTEMS, PSEUDONYM_SYSTEM, careplan_bundle
from marrowpath.fhir.observations import VisitLike, pain_observations
from marrowpath.fhir.provenance import provenance, stamp
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.pathway.model import CarePlan
from marrowpath.reasoning.model import Assessment

__all__ = ["AlertLike", "assessment_bundle", "condition_resources", "red_flag_issues"]

_NS = uuid.UUID("9d4b7c21-6e3f-4a8b-b5d2-0c1e7f9a3b64")
_VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_SEVERITY = {"emergency": "high", "urgent": "high", "soon": "moderate"}


class AlertLike(Protocol):
    """What a Flag needs of an episode alert (``marrowpath.store.AlertRecord`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def message(self) -> str: ...


def _uid(*parts: object) -> str:
    return str(uuid.uuid5(_NS, "|".join(str(p) for p in parts)))


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def condition_resources(
    assessment: Assessment,
    subject: str,
    *,
    kb: Knowledge,
    recorded: str,
    evidence: Sequence[str] = (),
    limit: int = 5,
    min_probability: float = 0.01,
    skip: str | None = None,
) -> list[dict[str, Any]]:
    """Conditions for the leading diagnoses (at most ``limit``, probability >= the minimum)."""
    lang = assessment.lang
    region = kb.regions.get(assessment.region)
    site = region.names.get(lang) if region is not None else assessment.region
    if assessment.side:
        site = f"{site} ({assessment.side})"
    out = []
    for rank, d in enumerate(assessment.differential[:limit]):
        if rank > 0 and d.probability < min_probability:
            break
        if d.condition == skip:
            continue
        cond = kb.conditions.get(d.condition)
        codings = [
            {"system": CODE_SYSTEMS[c.system], "code": c.code, "display": c.display}
            for c in (cond.codes if cond is not None else [])
        ]
        status = "provisional" if rank == 0 else "differential"
        resource: dict[str, Any] = {
            "resourceType": "Condition",
            "id": _uid("Condition", subject, assessment.case_id, d.condition, recorded),
            "clinicalStatus": {"coding": [{"system": _CLINICAL, "code": "active"}]},
            "verificationStatus": {"coding": [{"system": _VER, "code": status}]},
            "code": {"text": d.name, **({"coding": codings} if codings else {})},
            "bodySite": [{"text": site}],
            "subject": {"reference": subject},
            "recordedDate": recorded,
            "note": [
                {
                    "text": (
                        f"MarrowPath rank {rank + 1}, estimated probability "
                        f"{d.probability:.2f} from the knowledge base "
                        f"{assessment.knowledge_version}. {assessment.disclaimer}"
                    ).strip()
                }
            ],
        }
        if evidence:
            resource["evidence"] = [{"detail": [{"reference": r} for r in evidence]}]
        out.append(resource)
    return out


def red_flag_issues(
    assessment: Assessment, subject: str, *, identified: str
) -> list[dict[str, Any]]:
    """One DetectedIssue per red flag, severity high (emergency/urgent) or moderate."""
    out = []
    for flag in assessment.red_flags:
        out.append(
            {
                "resourceType": "DetectedIssue",
                "id": _uid("DetectedIssue", subject, assessment.case_id, flag.id, identified),
                "status": "final",
                "code": {"text": flag.name},
                "severity": _SEVERITY.get(flag.urgency, "moderate"),
                "patient": {"reference": subject},
                "identifiedDateTime": identified,
                "detail": f"{flag.name} ({flag.urgency}): {flag.action} [source {flag.source}]",
            }
        )
    return out


def _flags(alerts: Sequence[AlertLike], subject: str) -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "Flag",
            "id": _uid("Flag", subject, a.id, a.kind),
            "status": "active",
            "code": {"text": a.message},
            "subject": {"reference": subject},
            "period": {"start": a.date.isoformat()},
        }
        for a in alerts
    ]


def assessment_bundle(
    assessment: Assessment,
    patient: str,
    *,
    kb: Knowledge | None = None,
    care: CarePlan | None = None,
    visits: Sequence[VisitLike] = (),
    alerts: Sequence[AlertLike] = (),
    sources: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """A ``collection`` Bundle of everything MarrowPath concluded for the patient ``patient``.

    Args:
        patient: the pseudonym (or EHR id) of the patient; the Patient resource carries it
            as an identifier only.
        sources: references of what was read (e.g. ``DiagnosticReport/r1``), named in the
            Conditions' evidence and the Provenance.
    """
    kb = kb or load_knowledge()
    when = stamp(now)
    entries: list[dict[str, Any]] = []
    plan_condition: str | None = None
    if care is not None:
        cp = careplan_bundle(care, patient, kb=kb, now=now)
        entries.extend(cp["entry"])
        pat_entry = next(e for e in cp["entry"] if e["resource"]["resourceType"] == "Patient")
        subject = pat_entry["fullUrl"]
        plan_condition = care.condition
    else:
        pat = {
            "resourceType": "Patient",
            "id": _uid("Patient", patient),
            "identifier": [{"system": PSEUDONYM_SYSTEM, "value": patient}],
        }
        entries.append(_entry(pat))
        subject = f"urn:uuid:{pat['id']}"
    ours: list[dict[str, Any]] = []
    ours += condition_resources(
        assessment, subject, kb=kb, recorded=when, evidence=sources, skip=plan_condition
    )
    ours += red_flag_issues(assessment, subject, identified=when)
    ours += _flags(alerts, subject)
    ours += pain_observations(visits, subject=subject, lang=assessment.lang)
    entries.extend(_entry(r) for r in ours)
    if ours:
        prov = provenance(
            [f"urn:uuid:{r['id']}" for r in ours],
            knowledge_version=assessment.knowledge_version,
            sources=sources,
            now=now,
        )
        entries.append(_entry(prov))
    return {"resourceType": "Bundle", "type": "collection", "timestamp": when, "entry": entries}
