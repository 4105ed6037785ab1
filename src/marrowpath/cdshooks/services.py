"""The services MarrowPath offers (the discovery document) and their prefetch templates."""

from __future__ import annotations

from typing import Any

__all__ = ["PREFETCH", "SERVICES", "discovery"]

PREFETCH: dict[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}&_count=100",
    "reports": "DiagnosticReport?patient={{context.patientId}}&_sort=-date&_count=10",
    "imaging": "ImagingStudy?patient={{context.patientId}}&_sort=-started&_count=10",
    "observations": "Observation?patient={{context.patientId}}&category=laboratory"
    "&_sort=-date&_count=50",
}

SERVICES: dict[str, dict[str, Any]] = {
    "marrowpath-patient-view": {
        "hook": "patient-view",
        "title": "MarrowPath: bone marrow edema episode and assessment",
        "description": (
            "Shows the state and alerts of an open bone marrow edema episode, or a ranked, "
            "sourced differential when a recent MRI report or condition states bone marrow "
            "edema. Decision support for clinicians, not a diagnosis."
        ),
        "prefetch": PREFETCH,
        "usageRequirements": (
            "Episodes are matched by the EHR Patient id used as the episode's patient "
            "pseudonym. Sign calls with ES384 or RS384."
        ),
    },
    "marrowpath-order-select": {
        "hook": "order-select",
        "title": "MarrowPath: MRI and radiograph orders (select)",
        "description": (
            "For MRI and radiograph orders of hip, knee, ankle/foot, shoulder and spine: "
            "protocol advice (fluid-sensitive fat-suppressed and T1 sequences), a radiograph "
            "first where appropriate, and red flags from the record."
        ),
        "prefetch": PREFETCH,
    },
    "marrowpath-order-sign": {
        "hook": "order-sign",
        "title": "MarrowPath: MRI and radiograph orders (sign)",
        "description": (
            "The last check before an MRI or radiograph order of hip, knee, ankle/foot, "
            "shoulder or spine is signed: protocol, radiograph first, red flags."
        ),
        "prefetch": PREFETCH,
    },
}


def discovery() -> dict[str, Any]:
    """The body of ``GET /cds-services``."""
    return {"services": [{"id": sid, **svc} for sid, svc in SERVICES.items()]}
