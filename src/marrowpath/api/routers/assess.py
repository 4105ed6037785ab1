"""Stateless clinical endpoints: assess a case, plan for it, read a report.

Nothing is stored, but each call handles patient data and is audited (ids only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from marrowpath.api.state import audit, service
from marrowpath.casefile import case_from_data
from marrowpath.nlp import read_report
from marrowpath.nlp.models import ReportReading
from marrowpath.pathway import CarePlan, plan
from marrowpath.reasoning import assess
from marrowpath.reasoning.model import Assessment

__all__ = ["AssessBody", "PlanBody", "ReadBody", "router"]

router = APIRouter(prefix="/api/v1", tags=["Assessment"])

Lang = Literal["en", "de"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssessBody(_Body):
    case: dict[str, Any] = Field(
        description="A structured case (see Case) or a vignette (free-text fields)."
    )
    lang: Lang = "en"


class PlanBody(AssessBody):
    start_date: dt.date | None = Field(default=None, description="Week 0 (default today).")
    condition: str | None = Field(
        default=None, max_length=64, description="Plan for this condition id (default the leading)."
    )


class PlanResult(BaseModel):
    assessment: Assessment
    plan: CarePlan


class ReadBody(_Body):
    text: str = Field(min_length=1, max_length=100_000, description="The report text.")
    lang: Lang | None = Field(default=None, description="Default: detected.")


class ReadResult(BaseModel):
    reading: ReportReading
    findings: dict[str, bool]
    regions: list[str]


@router.post("/assess", response_model=Assessment, summary="Assess a case")
def assess_case(body: AssessBody, request: Request) -> Assessment:
    """The ranked, explained differential with red flags (decision support, not a diagnosis)."""
    st = service(request)
    case = case_from_data(body.case)
    audit(request, "read", "case", case.id or "-")
    return assess(case, body.lang, st.kb)


@router.post("/plan", response_model=PlanResult, summary="Assess and plan")
def plan_case(body: PlanBody, request: Request) -> PlanResult:
    """The assessment and the staged care plan for the leading (or given) condition."""
    st = service(request)
    case = case_from_data(body.case)
    audit(request, "read", "case", case.id or "-")
    assessment = assess(case, body.lang, st.kb)
    start = body.start_date or dt.datetime.now(dt.UTC).date()
    care = plan(assessment, start, body.condition, body.lang, st.kb)
    return PlanResult(assessment=assessment, plan=care)


@router.post("/reports/read", response_model=ReadResult, summary="Read a radiology report")
def read(body: ReadBody, request: Request) -> ReadResult:
    """Bone marrow edema mentions and case findings of one MRI or radiograph report."""
    reading = read_report(body.text, lang=body.lang)
    audit(request, "read", "report", "-")
    return ReadResult(reading=reading, findings=reading.findings(), regions=reading.regions())
