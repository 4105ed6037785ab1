"""A measurement as a FHIR R4 Observation (a plain dict; validated in tests with R4B models).

No LOINC or SNOMED code for "bone marrow edema volume" appears with a source in
shared/reference/interop.md (its gaps list names BME and Modic), so the code is ``text`` plus
a project-local code system. Body sites use the SNOMED CT codes that interop.md lists with
their source (Belgian eHealth ValueSet be-vs-diagnostic-imaging-indication). The category
``imaging`` is from the FHIR observation-category code system.
"""

from __future__ import annotations

from typing import Any

from marrowpath.imaging.measure import Measurement

__all__ = ["BODY_SITES", "LOCAL_SYSTEM", "observation"]

LOCAL_SYSTEM = "http://marrowpath.org/fhir/CodeSystem/marrowpath"
UCUM = "http://unitsofmeasure.org"
# SNOMED CT body sites with their source in shared/reference/interop.md section 2.
BODY_SITES: dict[str, tuple[str, str]] = {
    "hip": ("29836001", "Hip region"),
    "knee": ("72696002", "Knee region"),
    "ankle": ("344001", "Ankle region"),
    "shoulder": ("16982005", "Shoulder region"),
    "femur": ("71341001", "Bone structure of femur"),
    "sacroiliac_joint": ("39723000", "Sacroiliac joint"),
    "tibial_plateau": ("306783000", "Tibial plateau"),
}


def _local(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": LOCAL_SYSTEM, "code": code, "display": display}], "text": display}


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": round(value, 4), "unit": unit, "system": UCUM, "code": code}


def observation(
    measurement: Measurement,
    *,
    subject: str | None = None,
    effective: str | None = None,
    body_site: str | None = None,
    derived_from: str | None = None,
) -> dict[str, Any]:
    """The measurement as an Observation: the edema volume, with the rest as components.

    Args:
        subject: a reference such as ``"Patient/123"``.
        effective: the study date-time (ISO 8601 with time zone).
        body_site: a key of ``BODY_SITES``.
        derived_from: a reference to the ImagingStudy or DiagnosticReport measured.
    """
    m = measurement
    components: list[dict[str, Any]] = [
        {
            "code": _local("bone-volume", "Bone volume analysed"),
            "valueQuantity": _quantity(m.bone_volume_ml, "mL", "mL"),
        },
        {
            "code": _local("bme-percent-of-bone", "Bone marrow edema, percent of bone"),
            "valueQuantity": _quantity(m.percent_of_bone, "%", "%"),
        },
        {
            "code": _local("bme-pv-volume", "Bone marrow edema volume, partial-volume weighted"),
            "valueQuantity": _quantity(m.pv_volume_ml, "mL", "mL"),
        },
        {
            "code": _local("bme-lesion-count", "Bone marrow edema regions"),
            "valueInteger": m.lesions,
        },
    ]
    if m.depth is not None:
        components.append(
            {
                "code": _local(
                    "bme-max-depth", f"Bone marrow edema maximum depth from {m.depth.surface}"
                ),
                "valueQuantity": _quantity(m.depth.max_mm, "mm", "mm"),
            }
        )
    for r in m.regions:
        components.append(
            {
                "code": _local("bme-region-percent", f"Bone marrow edema, percent of {r.name}"),
                "valueQuantity": _quantity(r.percent, "%", "%"),
            }
        )
    for g in m.grades:
        raw = f" (fraction {g.fraction:.3f})" if g.fraction is not None else ""
        components.append(
            {
                "code": _local("grade", f"{g.system}, {g.region}"),
                "valueString": f"{g.grade}{raw}; cut-offs {g.cutoffs}; source {g.source}",
            }
        )
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "imaging",
                        "display": "Imaging",
                    }
                ]
            }
        ],
        "code": _local("bme-volume", "Bone marrow edema volume (MRI)"),
        "valueQuantity": _quantity(m.edema_volume_ml, "mL", "mL"),
        "method": {
            "text": f"MarrowPath reference-relative threshold ({m.parameters.get('rule')}), "
            f"reference marrow median {m.reference.median:.1f} ({m.reference.source})"
        },
        "component": components,
        "note": [{"text": m.disclaimer}, *({"text": w} for w in m.warnings)],
    }
    if subject:
        obs["subject"] = {"reference": subject}
    if effective:
        obs["effectiveDateTime"] = effective
    if body_site:
        if body_site not in BODY_SITES:
            from marrowpath.errors import InputError

            msg = f"body site {body_site!r} is unknown; expected one of {sorted(BODY_SITES)!r}"
            raise InputError(msg, field="body_site")
        code, display = BODY_SITES[body_site]
        obs["bodySite"] = {
            "coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}],
            "text": display,
        }
    if derived_from:
        obs["derivedFrom"] = [{"reference": derived_from}]
    return obs
