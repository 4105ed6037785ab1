"""FHIR R4 in and out: assess a Bundle of the patient's record, answer a Bundle."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request
from starlette.responses import JSONResponse

from marrowpath.api.errors import FHIR_JSON
from marrowpath.api.state import audit, service
from marrowpath.errors import InputError
from marrowpath.fhir.assessment_out import assessment_bundle
from marrowpath.fhir.bundle_in import read_bundle
from marrowpath.pathway import plan
from marrowpath.reasoning import assess

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/fhir", tags=["FHIR R4"])

_BUNDLE_DOC = {
    "type": "object",
    "required": ["resourceType"],
    "properties": {
        "resourceType": {"type": "string", "enum": ["Bundle"]},
        "type": {"type": "string"},
        "entry": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"resource": {"type": "object"}},
            },
        },
    },
}


@router.post(
    "/assess",
    summary="Assess a FHIR Bundle",
    responses={200: {"content": {FHIR_JSON: {}}}},
)
def assess_bundle(
    request: Request,
    bundle: Annotated[dict[str, Any], Body(json_schema_extra=_BUNDLE_DOC)],
    lang: Annotated[Literal["en", "de"], Query()] = "en",
    region: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    with_plan: Annotated[bool, Query(alias="plan")] = False,
    start_date: Annotated[dt.date | None, Query()] = None,
) -> JSONResponse:
    """Read Patient, Condition, Observation, DiagnosticReport (text) and ImagingStudy into a
    case, assess it, and answer a Bundle of Conditions (provisional/differential),
    DetectedIssues for red flags, optionally the CarePlan, with Provenance."""
    st = service(request)
    if region is not None and region not in st.kb.regions:
        msg = f"region: {region!r} is not a region; expected one of {', '.join(st.kb.regions)}"
        raise InputError(msg, field="region")
    reading = read_bundle(bundle, kb=st.kb, lang=lang, region=region)
    if reading.case is None:
        msg = "region: no body region found in the bundle; give ?region="
        raise InputError(msg, field="region")
    audit(request, "read", "patient", reading.patient_id or "-")
    assessment = assess(reading.case, lang, st.kb)
    care = None
    if with_plan:
        care = plan(assessment, start_date or dt.datetime.now(dt.UTC).date(), None, lang, st.kb)
    out = assessment_bundle(
        assessment,
        reading.patient_id or "anonymous",
        kb=st.kb,
        care=care,
        sources=reading.report_refs,
    )
    return JSONResponse(out, media_type=FHIR_JSON)
