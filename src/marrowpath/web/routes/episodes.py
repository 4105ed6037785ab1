"""Episode pages: assessment, care plan with downloads, follow-up with visits and alerts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from marrowpath.errors import InputError
from marrowpath.followup import (
    course_alerts,
    expected_course_of_plan,
    make_visit,
    overdue_alerts,
)
from marrowpath.pathway._texts import WEIGHT_BEARING
from marrowpath.store import add_visit, close_episode
from marrowpath.web import charts
from marrowpath.web.context import Web
from marrowpath.web.forms import parse_visit
from marrowpath.web.page import Page, begin
from marrowpath.web.routes._common import FormData, csrf_refusal, guarded, read_form
from marrowpath.web.views import EpisodeView, episode_view

__all__ = ["register"]

VISIT_WEIGHT_BEARING = (
    "non_weight_bearing",
    "partial_weight_bearing",
    "weight_bearing_as_tolerated",
    "full_weight_bearing",
    "not_applicable",
)
DOWNLOADS = {"pdf": "plan.pdf", "ics": "plan.ics", "fhir": "plan.fhir.json", "png": "pain.png"}


def _common(page: Page, view: EpisodeView) -> dict[str, Any]:
    kb, lang = page.web.kb, page.lang
    ep = view.detail.episode
    region = kb.regions.get(ep.region)
    return {
        "view": view,
        "episode": ep,
        "region_name": getattr(region.names, lang) if region is not None else ep.region,
        "base": f"/ui/episodes/{ep.id}",
        "finding_name": lambda fid: (
            getattr(kb.findings[fid].names, lang) if fid in kb.findings else fid
        ),
        "cond_name": lambda cid: (
            getattr(kb.conditions[cid].names, lang) if cid in kb.conditions else cid
        ),
        "source_title": lambda sid: kb.sources[sid].title if sid in kb.sources else sid,
        "wb": lambda key: WEIGHT_BEARING.get(key, {}).get(lang, key),
    }


def _assessment(page: Page, episode_id: str) -> Response:
    view = episode_view(page.web, episode_id, page.lang, page.caller.actor)
    a = view.assessment
    waterfalls = {
        d.condition: charts.waterfall(d, page.lang, f"wf-{i}")
        for i, d in enumerate(a.differential[:3])
    }
    return page.render(
        "assessment.html",
        tab="assessment",
        a=a,
        bars=charts.probability_bars(a.differential, page.lang),
        waterfalls=waterfalls,
        **_common(page, view),
    )


def _plan(page: Page, episode_id: str) -> Response:
    view = episode_view(page.web, episode_id, page.lang, page.caller.actor)
    context = _common(page, view)
    picture = (
        charts.timeline(view.care, page.lang, context["wb"]) if view.care is not None else None
    )
    return page.render("plan.html", tab="plan", care=view.care, picture=picture, **context)


def _followup(
    page: Page,
    episode_id: str,
    values: FormData | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    view = episode_view(page.web, episode_id, page.lang, page.caller.actor)
    detail, care = view.detail, view.care
    visits = [v.visit() for v in detail.visits]
    course = expected_course_of_plan(care) if care is not None else None
    today = dt.date.today()
    overdue = overdue_alerts(care.follow_ups, visits, today, page.lang) if care else []
    # Stored alerts keep the wording of the plan's language; show the page's where it can be
    # computed again from the same visits (same key, same facts).
    fresh = {
        a.key: a.message
        for a in course_alerts(visits, detail.episode.start_date, course, page.lang)
    }
    alerts = [(a, fresh.get(a.key, a.message)) for a in reversed(detail.alerts)]
    defaults = {"date": today.isoformat(), "weight_bearing": ""}
    return page.render(
        "followup.html",
        status=status,
        tab="followup",
        chart=charts.pain_chart(visits, detail.episode.start_date, course, page.lang),
        course=course,
        alerts=alerts,
        overdue=overdue,
        values={**defaults, **(values or {})},
        errors=errors or {},
        wb_choices=VISIT_WEIGHT_BEARING,
        saved=page.request.query_params.get("saved") == "1",
        **_common(page, view),
    )


def _add_visit(web: Web, request: Request, episode_id: str, data: FormData) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = f"/ui/episodes/{episode_id}"
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused

    def save() -> Response:
        fields, errors = parse_visit(data, page.lang)
        if not errors:
            try:
                visit = make_visit(fields)
                version = int(data.get("expected_version", "0") or 0)
                add_visit(
                    web.store,
                    episode_id,
                    visit,
                    actor=page.caller.actor,
                    expected_version=version,
                )
            except InputError as exc:
                errors[exc.field or "date"] = str(exc)
            except ValueError:
                errors["expected_version"] = (
                    f"expected_version: {data.get('expected_version')!r} is not a version number"
                )
        if errors:
            return _followup(page, episode_id, data, errors, status=422)
        return page.redirect(f"/ui/episodes/{episode_id}", fragment="alerts", saved=1)

    return guarded(page, save)


def _set_status(web: Web, request: Request, episode_id: str, data: FormData) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = f"/ui/episodes/{episode_id}"
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused
    action = data.get("action", "")
    if action not in ("close", "reopen"):
        message = f"action: {action[:40]!r} is not one of 'close', 'reopen'"
        return page.error(400, "bad_input_title", message)
    raw = data.get("expected_version", "")
    if not raw.isdigit():
        message = f"expected_version: {raw[:40]!r} is not a version number"
        return page.error(400, "bad_input_title", message)

    def save() -> Response:
        close_episode(
            web.store,
            episode_id,
            actor=page.caller.actor,
            expected_version=int(raw),
            reopen=action == "reopen",
        )
        return page.redirect(f"/ui/episodes/{episode_id}")

    return guarded(page, save)


def _download(page: Page, episode_id: str, kind: str) -> Response:
    view = episode_view(page.web, episode_id, page.lang, page.caller.actor)
    care = view.care
    if care is None:  # pragma: no cover - every episode is created with a plan
        return page.error(404, "not_found_title", f"episode {episode_id!r} has no plan")
    stem = f"marrowpath-plan-{view.detail.episode.patient}-{care.start.isoformat()}"
    body: bytes
    if kind == "pdf":
        from marrowpath.pathway.handout import handout_pdf

        body, media = handout_pdf(care, page.lang), "application/pdf"
    elif kind == "ics":
        from marrowpath.pathway.ical import plan_calendar

        body, media = plan_calendar(care), "text/calendar; charset=utf-8"
    elif kind == "fhir":
        from marrowpath.fhir import careplan_bundle

        bundle = careplan_bundle(care, view.detail.episode.patient, kb=page.web.kb)
        body = json.dumps(bundle, indent=2, ensure_ascii=False).encode("utf-8")
        media, stem = "application/fhir+json", stem + ".fhir"
        kind = "json"
    else:
        from marrowpath.followup.chart import pain_chart

        visits = [v.visit() for v in view.detail.visits]
        course = expected_course_of_plan(care)
        body = pain_chart(visits, view.detail.episode.start_date, course, "png", page.lang)
        media, stem = "image/png", f"marrowpath-pain-{view.detail.episode.patient}"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)
    response = Response(body, media_type=media)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{kind}"'
    return page.finish(response)


def register(router: APIRouter, web: Web) -> None:
    """Add the episode pages and downloads to ``router``."""

    def show(request: Request, render: Callable[[Page], Response]) -> Response:
        """Begin the page (a redirect to the login when needed), then render it guarded."""
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        return guarded(page, lambda: render(page))

    @router.get("/ui/episodes/{episode_id}/assessment", name="ui_assessment")
    def assessment_page(request: Request, episode_id: str) -> Response:
        return show(request, lambda page: _assessment(page, episode_id))

    @router.get("/ui/episodes/{episode_id}/plan", name="ui_plan")
    def plan_page(request: Request, episode_id: str) -> Response:
        return show(request, lambda page: _plan(page, episode_id))

    @router.get("/ui/episodes/{episode_id}", name="ui_episode")
    def followup_page(request: Request, episode_id: str) -> Response:
        return show(request, lambda page: _followup(page, episode_id))

    @router.get("/ui/episodes/{episode_id}/visits")
    def visits_alias(request: Request, episode_id: str) -> Response:
        return show(request, lambda page: page.redirect(f"/ui/episodes/{episode_id}"))

    @router.post("/ui/episodes/{episode_id}/visits", name="ui_add_visit")
    async def add_visit_form(request: Request, episode_id: str) -> Response:
        data = await read_form(request)
        return await run_in_threadpool(_add_visit, web, request, episode_id, data)

    @router.post("/ui/episodes/{episode_id}/status", name="ui_episode_status")
    async def set_status(request: Request, episode_id: str) -> Response:
        data = await read_form(request)
        return await run_in_threadpool(_set_status, web, request, episode_id, data)

    def download_route(kind: str) -> Callable[[Request, str], Response]:
        def download(request: Request, episode_id: str) -> Response:
            return show(request, lambda page: _download(page, episode_id, kind))

        return download

    for kind, suffix in DOWNLOADS.items():
        router.add_api_route(
            f"/ui/episodes/{{episode_id}}/{suffix}",
            download_route(kind),
            methods=["GET"],
            name=f"ui_download_{kind}",
        )
