"""Knowledge pages: conditions with their likelihood ratios, findings and sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from marrowpath.web.context import Web
from marrowpath.web.forms import CATEGORY_ORDER
from marrowpath.web.page import Page, begin

__all__ = ["register"]


def _name(obj: object, lang: str) -> str:
    names = getattr(obj, "names", None)
    return str(getattr(names, lang, "") or getattr(names, "en", "")) if names else ""


def register(router: APIRouter, web: Web) -> None:
    """Add the knowledge pages to ``router``."""
    kb = web.kb

    def start(request: Request) -> Page | Response:
        return begin(web, request)

    @router.get("/ui/knowledge", name="ui_knowledge")
    def index(request: Request) -> Response:
        page = start(request)
        if isinstance(page, Response):
            return page
        conditions = sorted(kb.conditions.values(), key=lambda c: _name(c, page.lang))
        return page.render(
            "knowledge.html",
            nav="knowledge",
            conditions=conditions,
            name=lambda obj: _name(obj, page.lang),
            counts={
                "findings": len(kb.findings),
                "sources": len(kb.sources),
                "conditions": len(kb.conditions),
            },
        )

    @router.get("/ui/knowledge/conditions/{condition_id}", name="ui_condition")
    def condition(request: Request, condition_id: str) -> Response:
        page = start(request)
        if isinstance(page, Response):
            return page
        cond = kb.conditions.get(condition_id)
        if cond is None:
            return page.error(
                404,
                "not_found_title",
                page.t("not_found", what=page.t("condition_word"), ident=condition_id[:80]),
            )
        evidence = sorted(
            (e for e in kb.kb.evidence if e.condition == condition_id),
            key=lambda e: -max(e.lr_pos, 1 / e.lr_neg),
        )
        priors = [
            (region, table[condition_id])
            for region, table in kb.priors.items()
            if condition_id in table
        ]
        return page.render(
            "condition.html",
            nav="knowledge",
            cond=cond,
            evidence=evidence,
            priors=priors,
            name=lambda obj: _name(obj, page.lang),
            finding=lambda fid: _name(kb.findings[fid], page.lang) if fid in kb.findings else fid,
            region=lambda rid: _name(kb.regions[rid], page.lang) if rid in kb.regions else rid,
        )

    @router.get("/ui/knowledge/findings", name="ui_findings")
    def findings(request: Request) -> Response:
        page = start(request)
        if isinstance(page, Response):
            return page
        order = {c: i for i, c in enumerate(("demographic", *CATEGORY_ORDER))}
        rows = sorted(
            kb.findings.values(), key=lambda f: (order.get(f.category, 99), _name(f, page.lang))
        )
        return page.render(
            "findings.html", nav="knowledge", rows=rows, name=lambda o: _name(o, page.lang)
        )

    @router.get("/ui/knowledge/sources", name="ui_sources")
    def sources(request: Request) -> Response:
        page = start(request)
        if isinstance(page, Response):
            return page

        def key(sid: str) -> tuple[int, str]:
            return (int(sid[1:]), "") if sid[1:].isdigit() else (-1, sid)

        rows = [kb.sources[s] for s in sorted(kb.sources, key=key)]
        return page.render("sources.html", nav="knowledge", rows=rows)
