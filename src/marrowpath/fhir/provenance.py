"""Provenance for every resource MarrowPath produces: the software, its knowledge version and
the resources it read (e.g. the DiagnosticReport a finding came from)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from marrowpath import __version__

__all__ = ["MARROWPATH_DEVICE", "provenance", "stamp"]

MARROWPATH_DEVICE = "MarrowPath"
_NS = uuid.UUID("0b7e2d4c-59a1-4d0e-8f5e-6c2a9d3b1e47")


def stamp(now: dt.datetime | None = None) -> str:
    """A FHIR ``instant``: UTC with offset, seconds precision."""
    moment = now or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def provenance(
    targets: Sequence[str],
    *,
    knowledge_version: str,
    sources: Sequence[str] = (),
    now: dt.datetime | None = None,
    activity: str = "decision support",
) -> dict[str, Any]:
    """A Provenance resource whose targets are ``targets`` (``urn:uuid:...`` or ``Type/id``).

    The agent is the MarrowPath software (type ``assembler``); ``sources`` are references to
    what was read (entity role ``source``). The id is derived from the targets and the time.
    """
    when = stamp(now)
    ident = str(uuid.uuid5(_NS, "|".join([*targets, when])))
    resource: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": ident,
        "target": [{"reference": t} for t in targets],
        "recorded": when,
        "activity": {"text": activity},
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
                    "display": f"{MARROWPATH_DEVICE} {__version__} (knowledge {knowledge_version})"
                },
            }
        ],
    }
    if sources:
        resource["entity"] = [{"role": "source", "what": {"reference": s}} for s in sources]
    return resource
