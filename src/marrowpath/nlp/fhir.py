"""FHIR R4 Observations from a report reading, as plain dicts (validated in the tests).

One Observation per case finding of :meth:`ReportReading.findings` (``valueBoolean``: present
or stated absent), coded with the knowledge base's finding id in the local system
``urn:marrowpath:finding`` (MarrowPath ids are not SNOMED or LOINC codes; none is invented).
"""

from __future__ import annotations

from typing import Any

from marrowpath.knowledge import load_knowledge
from marrowpath.nlp.models import ReportReading

__all__ = ["FINDING_SYSTEM", "REPORT_SYSTEM", "observations"]

FINDING_SYSTEM = "urn:marrowpath:finding"
REPORT_SYSTEM = "urn:marrowpath:report"


def observations(report_id: str, reading: ReportReading) -> list[dict[str, Any]]:
    """The Observations of one report; ``identifier`` is "<report id>#<finding id>"."""
    kb = load_knowledge()
    out = []
    for fid, value in sorted(reading.findings().items()):
        finding = kb.findings.get(fid)
        display = finding.names.get(reading.lang) if finding else fid
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "identifier": [{"system": REPORT_SYSTEM, "value": f"{report_id}#{fid}"}],
            "status": "preliminary",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                            "code": "imaging",
                        }
                    ]
                }
            ],
            "code": {
                "coding": [{"system": FINDING_SYSTEM, "code": fid, "display": display}],
                "text": display,
            },
            "valueBoolean": value,
            "method": {"text": "MarrowPath report reader (rule-based NLP of the MRI report)"},
        }
        if fid == "mri_bme" and value:
            sites = sorted({m.bone or m.region for m in reading.edema if m.status == "present"})
            obs["bodySite"] = {"text": ", ".join(sites)}
        out.append(obs)
    return out
