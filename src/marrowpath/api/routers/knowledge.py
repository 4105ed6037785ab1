"""Browsing the knowledge base: conditions, findings, regions and sources (read scope).

The lists are built once at start; an unknown id is 404.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from marrowpath.api.state import service
from marrowpath.errors import NotFoundError
from marrowpath.knowledge import Knowledge

__all__ = ["precompute", "router"]

router = APIRouter(prefix="/api/v1/knowledge", tags=["Knowledge"])

Ident = Annotated[str, Path(min_length=1, max_length=128)]


def precompute(kb: Knowledge) -> dict[str, Any]:
    """JSON bodies of every list and item, built once."""

    def dump(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False).encode()

    conditions = {cid: c.model_dump(mode="json") for cid, c in kb.conditions.items()}
    findings = {fid: f.model_dump(mode="json") for fid, f in kb.findings.items()}
    sources = {sid: s.model_dump(mode="json") for sid, s in kb.sources.items()}
    regions = [
        {"id": r.id, "names": r.names.model_dump(), "bones": [b.id for b in r.bones]}
        for r in kb.regions.values()
    ]
    summary = [
        {"id": cid, "names": c["names"], "codes": c["codes"]} for cid, c in conditions.items()
    ]
    return {
        "version": kb.meta.version,
        "conditions": dump(summary),
        "condition": {k: dump(v) for k, v in conditions.items()},
        "findings": findings,
        "finding": {k: dump(v) for k, v in findings.items()},
        "sources": dump(list(sources.values())),
        "source": {k: dump(v) for k, v in sources.items()},
        "regions": dump(regions),
    }


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def _item(request: Request, table: str, ident: str, kind: str) -> Response:
    body = service(request).cache["knowledge"][table].get(ident)
    if body is None:
        msg = f"{kind}: {ident!r} is not in the knowledge base"
        raise NotFoundError(msg)
    return _json(body)


@router.get("/conditions", summary="Conditions")
def conditions(request: Request) -> Response:
    """Every condition: id, names and codes."""
    return _json(service(request).cache["knowledge"]["conditions"])


@router.get("/conditions/{condition_id}", summary="One condition")
def condition(condition_id: Ident, request: Request) -> Response:
    return _item(request, "condition", condition_id, "condition")


@router.get("/findings", summary="Findings")
def findings(
    request: Request,
    category: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
) -> Response:
    """Every finding of the catalogue, optionally of one category (e.g. ``mri``)."""
    table = service(request).cache["knowledge"]["findings"]
    items = [f for f in table.values() if category is None or f["category"] == category]
    return _json(json.dumps(items, ensure_ascii=False).encode())


@router.get("/findings/{finding_id}", summary="One finding")
def finding(finding_id: Ident, request: Request) -> Response:
    return _item(request, "finding", finding_id, "finding")


@router.get("/sources", summary="Sources")
def sources(request: Request) -> Response:
    """Every source a number in the knowledge base cites."""
    return _json(service(request).cache["knowledge"]["sources"])


@router.get("/sources/{source_id}", summary="One source")
def source(source_id: Ident, request: Request) -> Response:
    return _item(request, "source", source_id, "source")


@router.get("/regions", summary="Regions")
def regions(request: Request) -> Response:
    return _json(service(request).cache["knowledge"]["regions"])
