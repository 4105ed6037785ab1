"""Pain scores of an episode's visits as FHIR R4 Observations (LOINC 72514-3, NRS 0-10).

LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" with UCUM
``{score}`` (see shared/reference/interop.md, section 2.3); pain at rest and on load are two
Observations distinguished by ``code.text``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["PAIN_LOINC", "VisitLike", "pain_observation", "pain_observations"]

PAIN_LOINC = "72514-3"
_NS = uuid.UUID("3f0a61c2-8d7e-4a55-9b1c-2e6f4d8a7c90")
_TEXT = {
    "rest": {"en": "Pain at rest (NRS 0-10)", "de": "Ruheschmerz (NRS 0-10)"},
    "load": {"en": "Pain on load (NRS 0-10)", "de": "Belastungsschmerz (NRS 0-10)"},
}


class VisitLike(Protocol):
    """What a pain Observation needs of a visit (``marrowpath.store.VisitRecord`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def episode_id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def pain_rest(self) -> int: ...
    @property
    def pain_load(self) -> int: ...


def pain_observation(
    score: int, day: str, *, subject: str, when: str = "rest", lang: str = "en", ident: str = ""
) -> dict[str, Any]:
    """One pain Observation; ``day`` is an ISO date, ``subject`` a reference string."""
    oid = ident or str(uuid.uuid5(_NS, f"{subject}|{day}|{when}|{score}"))
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [
                {
                    "system": "http://loinc.org",
                    "code": PAIN_LOINC,
                    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
                }
            ],
            "text": _TEXT[when]["de" if lang == "de" else "en"],
        },
        "subject": {"reference": subject},
        "effectiveDateTime": day,
        "valueQuantity": {
            "value": score,
            "unit": "{score}",
            "system": "http://unitsofmeasure.org",
            "code": "{score}",
        },
    }


def pain_observations(
    visits: Sequence[VisitLike], *, subject: str, lang: str = "en"
) -> list[dict[str, Any]]:
    """Two Observations (rest, load) per visit, oldest visit first."""
    out = []
    for v in visits:
        day = v.date.isoformat()
        ident = f"{v.episode_id}|{v.id}"
        out.append(
            pain_observation(
                v.pain_rest,
                day,
                subject=subject,
                when="rest",
                lang=lang,
                ident=str(uuid.uuid5(_NS, ident + "|rest")),
            )
        )
        out.append(
            pain_observation(
                v.pain_load,
                day,
                subject=subject,
                when="load",
                lang=lang,
                ident=str(uuid.uuid5(_NS, ident + "|load")),
            )
        )
    return out
