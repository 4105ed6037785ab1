"""Episodes and visits: the store's repository functions over HTTP (read and write scopes)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

from marrowpath.api.errors import FHIR_JSON
from marrowpath.api.state import actor_of, service
from marrowpath.casefile import case_from_data
from marrowpath.fhir.assessment_out import assessment_bundle
from marrowpath.pathway import plan
from marrowpath.reasoning import assess
from marrowpath.reasoning.model import Assessment
from marrowpath.store import (
    AlertRecord,
    EpisodeDetail,
    EpisodeRecord,
    VisitAdded,
    VisitRecord,
    add_case_version,
    add_visit,
    create_episode,
    list_alerts,
    list_episodes,
    list_visits,
    load_episode,
)

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/episodes", tags=["Episodes"])

Lang = Literal["en", "de"]
EpisodeId = Annotated[str, Field(min_length=1, max_length=36)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewEpisode(_Body):
    patient: str = Field(min_length=1, max_length=128, description="Pseudonym, never a name.")
    case: dict[str, Any]
    lang: Lang = "en"
    start_date: dt.date | None = None
    condition: str | None = Field(default=None, max_length=64)


class NewVisit(_Body):
    expected_version: int = Field(ge=1, le=2**31 - 1)
    visit: dict[str, Any] = Field(
        description="date, pain_rest, pain_load (0-10), weight_bearing, function_notes, new_imaging"
    )


class NewCaseVersion(_Body):
    expected_version: int = Field(ge=1, le=2**31 - 1)
    case: dict[str, Any]
    lang: Lang = "en"
    replan: bool = Field(default=False, description="Also store a new plan.")


@router.get("", response_model=list[EpisodeRecord], summary="List episodes")
def episodes(
    request: Request,
    patient: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[EpisodeRecord]:
    """Newest first, optionally of one patient pseudonym."""
    st = service(request)
    return list_episodes(
        st.store, actor=actor_of(request), patient=patient, limit=limit, offset=offset
    )


@router.post("", response_model=EpisodeRecord, status_code=201, summary="Open an episode")
def new_episode(body: NewEpisode, request: Request) -> EpisodeRecord:
    """Assess the case, plan, and open an episode (version 1)."""
    st = service(request)
    case = case_from_data(body.case)
    assessment = assess(case, body.lang, st.kb)
    start = body.start_date or dt.datetime.now(dt.UTC).date()
    care = plan(assessment, start, body.condition, body.lang, st.kb)
    return create_episode(
        st.store,
        actor=actor_of(request),
        patient=body.patient,
        case=case,
        assessment=assessment,
        plan=care,
    )


@router.get("/{episode_id}", response_model=EpisodeDetail, summary="One episode")
def episode(episode_id: EpisodeId, request: Request) -> EpisodeDetail:
    """The episode with its case versions, plans, visits and alerts."""
    return load_episode(service(request).store, episode_id, actor=actor_of(request))


@router.post(
    "/{episode_id}/visits", response_model=VisitAdded, status_code=201, summary="Add a visit"
)
def visit(episode_id: EpisodeId, body: NewVisit, request: Request) -> VisitAdded:
    """Record a visit; returns the alerts it raised and the new version (409 if stale)."""
    return add_visit(
        service(request).store,
        episode_id,
        body.visit,
        actor=actor_of(request),
        expected_version=body.expected_version,
    )


@router.get("/{episode_id}/visits", response_model=list[VisitRecord], summary="Visits")
def visits(episode_id: EpisodeId, request: Request) -> list[VisitRecord]:
    return list_visits(service(request).store, episode_id, actor=actor_of(request))


@router.get("/{episode_id}/alerts", response_model=list[AlertRecord], summary="Alerts")
def alerts(episode_id: EpisodeId, request: Request) -> list[AlertRecord]:
    return list_alerts(service(request).store, episode_id, actor=actor_of(request))


@router.post(
    "/{episode_id}/cases", response_model=EpisodeRecord, status_code=201, summary="New case"
)
def case_version(episode_id: EpisodeId, body: NewCaseVersion, request: Request) -> EpisodeRecord:
    """Store a new version of the case, reassessed (and replanned on request)."""
    st = service(request)
    case = case_from_data(body.case)
    assessment = assess(case, body.lang, st.kb)
    care = None
    if body.replan:
        care = plan(assessment, dt.datetime.now(dt.UTC).date(), None, body.lang, st.kb)
    return add_case_version(
        st.store,
        episode_id,
        actor=actor_of(request),
        expected_version=body.expected_version,
        case=case,
        assessment=assessment,
        plan=care,
    )


@router.get(
    "/{episode_id}/fhir",
    summary="The episode as FHIR R4",
    responses={200: {"content": {FHIR_JSON: {}}}},
)
def episode_fhir(episode_id: EpisodeId, request: Request) -> JSONResponse:
    """A Bundle: Conditions (provisional/differential), DetectedIssues, Flags for alerts,
    the CarePlan, pain Observations (LOINC 72514-3) and Provenance."""
    st = service(request)
    detail = load_episode(st.store, episode_id, actor=actor_of(request))
    latest = detail.case_versions[-1]
    assessment = Assessment.model_validate(latest.assessment)
    bundle = assessment_bundle(
        assessment,
        detail.episode.patient,
        kb=st.kb,
        care=detail.plan,
        visits=detail.visits,
        alerts=detail.alerts,
    )
    return JSONResponse(bundle, media_type=FHIR_JSON)
