"""The CDS Hooks endpoints: discovery, invocation and feedback (CDS Hooks 2.0).

Invocation and feedback need the client's JWT (``Authorization: Bearer``), checked before the
body is read; any failure is a bare 401 (the reason goes to the log, never the token).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from marrowpath.api.auth import bearer
from marrowpath.api.errors import error_response, validation_errors
from marrowpath.api.limits import RateLimiter
from marrowpath.cdshooks.hooks import CdsService
from marrowpath.cdshooks.jwt_auth import JwtClaims, JwtError
from marrowpath.cdshooks.models import FeedbackRequest, HookRequest
from marrowpath.cdshooks.prefetch import PrefetchError
from marrowpath.cdshooks.services import SERVICES, discovery
from marrowpath.errors import InputError
from marrowpath.store.models import Audit
from marrowpath.store.tokens import claim_jti

__all__ = ["create_cds_router"]

log = logging.getLogger("marrowpath.cdshooks")


def _schema(model: type[HookRequest] | type[FeedbackRequest]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


def _body_doc(model: type[HookRequest] | type[FeedbackRequest]) -> dict[str, Any]:
    schema = _schema(model)
    if model is FeedbackRequest:
        item = FeedbackRequest.model_json_schema()["$defs"]["FeedbackItem"]
        schema["properties"]["feedback"]["items"] = item
    return {
        "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
        "security": [{"cdsJwt": []}],
        "responses": {
            "401": {"description": "JWT missing or refused (bare, by design)"},
            "412": {"description": "Prefetch missing and not fetchable (OperationOutcome)"},
            "422": {"description": "Malformed body (OperationOutcome naming the field)"},
        },
    }


def base_url(request: Request, public: str | None) -> str:
    """The base URL the client called: the configured public one behind a proxy."""
    return public or str(request.base_url).rstrip("/")


def create_cds_router(cds: CdsService, limiter: RateLimiter) -> APIRouter:
    """The router of ``/cds-services``."""
    router = APIRouter(tags=["CDS Hooks"])
    discovery_body = json.dumps(discovery()).encode()

    def unauthorized(request: Request) -> JSONResponse:
        return error_response(
            request,
            401,
            [("Authorization", "unauthorized")],
            headers={"WWW-Authenticate": "Bearer"},
        )

    def check(request: Request, audiences: list[str]) -> JwtClaims | JSONResponse:
        token = bearer(request.scope)
        if token is None:
            log.info("cds: refused a call without a bearer JWT")
            return unauthorized(request)
        try:
            claims = cds.verify(token, audiences)
        except JwtError as exc:
            log.info("cds: refused a JWT: %s", exc.reason)
            return unauthorized(request)
        retry = limiter.retry_after(claims.iss)
        if retry is not None:
            return error_response(
                request,
                429,
                [("Authorization", "rate limit of this CDS client reached; retry later")],
                headers=limiter.headers(retry),
            )
        return claims

    @router.get("/cds-services", summary="CDS Hooks discovery")
    async def discover() -> Response:
        """The services, their hooks and prefetch templates."""
        return Response(discovery_body, media_type="application/json")

    @router.post(
        "/cds-services/{service_id}",
        summary="Invoke a CDS service",
        openapi_extra=_body_doc(HookRequest),
    )
    async def invoke(service_id: str, request: Request) -> Response:
        """Cards for one hook call (``{"cards": []}`` when there is nothing to say)."""
        if service_id not in SERVICES:
            message = f"service_id: {service_id!r} is not a service of this server"
            return error_response(request, 404, [("service_id", message)])
        base = base_url(request, cds.settings.public_base_url)
        checked = check(request, [f"{base}/cds-services/{service_id}"])
        if isinstance(checked, JSONResponse):
            return checked
        try:
            req = HookRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            errors = validation_errors(exc.errors())
            status = 400 if errors and errors[0][0] == "body" else 422
            return error_response(request, status, errors)
        if req.hook != SERVICES[service_id]["hook"]:
            message = f"hook: {req.hook!r} is not the hook of this service"
            return error_response(request, 400, [("hook", message)])
        try:
            if cds.needs_fetch(req):
                prepared = await run_in_threadpool(cds.prepare, service_id, req)
            else:
                prepared = cds.prepare(service_id, req)
        except PrefetchError as exc:
            return error_response(request, 412, [(exc.field, str(exc))])
        except InputError as exc:
            field = exc.field or "context"
            text = str(exc) if str(exc).startswith(field) else f"{field}: {exc}"
            return error_response(request, 400, [(field, text)])
        try:
            result = await asyncio.wrap_future(cds.claim(checked, prepared))
        except SQLAlchemyError:
            return error_response(request, 503, [("", "the store is not available; retry later")])
        if not result.fresh:
            log.info("cds: refused a replayed jti from %s", checked.iss)
            return unauthorized(request)
        cards = cds.cards(prepared, result.episodes, base)
        return JSONResponse({"cards": cards})

    @router.post(
        "/cds-services/{service_id}/feedback",
        summary="Feedback on cards",
        openapi_extra=_body_doc(FeedbackRequest),
    )
    async def feedback(service_id: str, request: Request) -> Response:
        """Record accepted and overridden cards (idempotent: a repeat is a no-op)."""
        if service_id not in SERVICES:
            message = f"service_id: {service_id!r} is not a service of this server"
            return error_response(request, 404, [("service_id", message)])
        base = base_url(request, cds.settings.public_base_url)
        endpoint = f"{base}/cds-services/{service_id}"
        checked = check(request, [endpoint, f"{endpoint}/feedback"])
        if isinstance(checked, JSONResponse):
            return checked
        try:
            req = FeedbackRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            errors = validation_errors(exc.errors())
            status = 400 if errors and errors[0][0] == "body" else 422
            return error_response(request, status, errors)
        for i, item in enumerate(req.feedback):
            if item.outcome == "accepted" and not item.acceptedSuggestions:
                field = f"feedback.{i}.acceptedSuggestions"
                return error_response(
                    request, 422, [(field, f"{field}: required when the outcome is accepted")]
                )
            try:
                dt.datetime.fromisoformat(item.outcomeTimestamp.replace("Z", "+00:00"))
            except ValueError:
                field = f"feedback.{i}.outcomeTimestamp"
                message = f"{field}: {item.outcomeTimestamp!r} is not an RFC 3339 timestamp"
                return error_response(request, 422, [(field, message)])
        actor = f"cds:{checked.iss}"[:128]
        with cds.store.transaction() as s:
            if not claim_jti(s, checked.iss, checked.jti, checked.exp):
                return unauthorized(request)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            for item in req.feedback:
                known = s.scalar(
                    select(Audit.id).where(
                        Audit.entity == "cds_card",
                        Audit.entity_id == item.card[:64],
                        Audit.action == item.outcome,
                    )
                )
                if known is None:
                    s.add(
                        Audit(
                            at=now,
                            actor=actor,
                            action=item.outcome,
                            entity="cds_card",
                            entity_id=item.card[:64],
                        )
                    )
        return Response(b"{}", media_type="application/json")

    return router
