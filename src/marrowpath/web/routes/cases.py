"""The episode list (home) and case entry: form, report reading, assess and open an episode."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from marrowpath.errors import InputError
from marrowpath.pathway import plan
from marrowpath.reasoning import assess
from marrowpath.store import create_episode, list_episodes
from marrowpath.web.context import Web
from marrowpath.web.forms import CaseForm, finding_groups, parse_case, read_into_form
from marrowpath.web.page import Page, begin
from marrowpath.web.routes._common import FormData, csrf_refusal, guarded, read_form

__all__ = ["register"]


def _form_page(page: Page, form: CaseForm, status: int = 200) -> Response:
    web = page.web
    key = ("groups", page.lang)
    groups = web.cache.get(key) or web.remember(key, finding_groups(web.kb, page.lang))
    regions = [(r.id, getattr(r.names, page.lang) or r.names.en) for r in web.kb.regions.values()]
    return page.render(
        "case_form.html",
        status=status,
        nav="new",
        form=form,
        groups=groups,
        counts={g.category: sum(1 for f in g.fields if form.get(f.field)) for g in groups},
        error_groups={g.category for g in groups for f in g.fields if f.field in form.errors},
        regions=regions,
        today=dt.date.today().isoformat(),
    )


def _submit(web: Web, request: Request, data: FormData) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = "/ui/cases/new"
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused
    form = CaseForm.from_mapping(data, page.lang)
    if data.get("action") == "read":
        try:
            count = read_into_form(form, web.kb)
        except InputError as exc:
            form.errors[exc.field or "report"] = str(exc)
            return _form_page(page, form, status=422)
        form.notice = page.t("report_read", count=count) if count else page.t("report_nothing")
        return _form_page(page, form)
    parsed = parse_case(form, web.kb, dt.date.today())
    if parsed is None:
        return _form_page(page, form, status=422)
    case, start = parsed
    try:
        assessment = assess(case, page.lang, kb=web.kb)
        care = plan(assessment, start, lang=page.lang, kb=web.kb)
    except InputError as exc:
        form.errors[exc.field or "case"] = str(exc)
        return _form_page(page, form, status=422)

    def store() -> Response:
        episode = create_episode(
            web.store,
            actor=page.caller.actor,
            patient=form.get("patient"),
            case=case,
            assessment=assessment,
            plan=care,
        )
        return page.redirect(f"/ui/episodes/{episode.id}/assessment")

    return guarded(page, store)


def register(router: APIRouter, web: Web) -> None:
    """Add the home page and the case entry pages to ``router``."""

    @router.get("/ui/", name="ui_home")
    def home(request: Request) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page

        def show() -> Response:
            rows = list_episodes(web.store, actor=page.caller.actor, limit=100)
            names = {c.id: getattr(c.names, page.lang) for c in web.kb.conditions.values()}
            regions = {r.id: getattr(r.names, page.lang) for r in web.kb.regions.values()}
            return page.render(
                "home.html", nav="episodes", episodes=rows, names=names, regions=regions
            )

        return guarded(page, show)

    @router.get("/ui/cases/new", name="ui_case_new")
    def new_case(request: Request) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        return _form_page(page, CaseForm())

    @router.get("/ui/cases")
    def cases_alias(request: Request) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        return page.redirect("/ui/cases/new")

    @router.post("/ui/cases", name="ui_case_submit")
    async def submit_case(request: Request) -> Response:
        data = await read_form(request)
        return await run_in_threadpool(_submit, web, request, data)
