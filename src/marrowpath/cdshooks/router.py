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
from starlette.types import ASGIApp, Receive, Scope, Send

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

__all__ = ["CdsFastPath", "Endpoints", "create_cds_router"]

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


class Endpoints:
    """The handlers, shared by the FastAPI routes and the ASGI fast path."""

    def __init__(self, cds: CdsService, limiter: RateLimiter) -> None:
        self.cds = cds
        self.limiter = limiter

    def unauthorized(self, request: Request) -> JSONResponse:
        return error_response(
            request,
            401,
            [("Authorization", "unauthorized")],
            headers={"WWW-Authenticate": "Bearer"},
        )

    def check(self, request: Request, audiences: list[str]) -> JwtClaims | JSONResponse:
        """The verified claims, or the 401/429 answer (the reason goes to the log only)."""
        token = bearer(request.scope)
        if token is None:
            log.info("cds: refused a call without a bearer JWT")
            return self.unauthorized(request)
        try:
            claims = self.cds.verify(token, audiences)
        except JwtError as exc:
            log.info("cds: refused a JWT: %s", exc.reason)
            return self.unauthorized(request)
        retry = self.limiter.retry_after(claims.iss)
        if retry is not None:
            return error_response(
                request,
                429,
                [("Authorization", "rate limit of this CDS client reached; retry later")],
                headers=self.limiter.headers(retry),
            )
        return claims

    async def invoke(self, service_id: str, request: Request) -> Response:
        """Cards for one hook call (``{"cards": []}`` when there is nothing to say)."""
        cds = self.cds
        if service_id not in SERVICES:
            message = f"service_id: {service_id!r} is not a service of this server"
            return error_response(request, 404, [("service_id", message)])
        base = base_url(request, cds.settings.public_base_url)
        checked = self.check(request, [f"{base}/cds-services/{service_id}"])
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
            future = cds.claim(checked, prepared)
            result = future.result() if future.done() else await asyncio.wrap_future(future)
        except SQLAlchemyError:
            return error_response(request, 503, [("", "the store is not available; retry later")])
        if not result.fresh:
            log.info("cds: refused a replayed jti from %s", checked.iss)
            return self.unauthorized(request)
        return Response(
            cds.cards_json(prepared, result.episodes, base), media_type="application/json"
        )

    async def feedback(self, service_id: str, request: Request) -> Response:
        """Record accepted and overridden cards (idempotent: a repeat is a no-op)."""
        cds = self.cds
        if service_id not in SERVICES:
            message = f"service_id: {service_id!r} is not a service of this server"
            return error_response(request, 404, [("service_id", message)])
        base = base_url(request, cds.settings.public_base_url)
        endpoint = f"{base}/cds-services/{service_id}"
        checked = self.check(request, [endpoint, f"{endpoint}/feedback"])
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
                return self.unauthorized(request)
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


class CdsFastPath:
    """ASGI middleware that answers ``POST /cds-services/{id}`` without the router.

    The hook is the hot path of the service: routing, dependency resolution and the
    framework's exception layers cost as much as the hook itself, so the call goes straight
    to :meth:`Endpoints.invoke` (the FastAPI route stays for the OpenAPI document and runs
    the same code). Placed inside the auth, body-limit and CORS middleware.
    """

    def __init__(self, app: ASGIApp, endpoints: Endpoints) -> None:
        self.app = app
        self.endpoints = endpoints

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            path: str = scope["path"]
            if path.startswith("/cds-services/"):
                service_id = path[len("/cds-services/") :]
                if service_id in SERVICES:
                    request = Request(scope, receive)
                    try:
                        response = await self.endpoints.invoke(service_id, request)
                    except Exception:  # the route's handlers are bypassed here
                        log.exception("cds: unexpected error in %s", service_id)
                        response = error_response(
                            request, 500, [("", "internal error; it has been logged")]
                        )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def create_cds_router(endpoints: Endpoints) -> APIRouter:
    """The router of ``/cds-services``."""
    router = APIRouter(tags=["CDS Hooks"])
    discovery_body = json.dumps(discovery()).encode()

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
        return await endpoints.invoke(service_id, request)

    @router.post(
        "/cds-services/{service_id}/feedback",
        summary="Feedback on cards",
        openapi_extra=_body_doc(FeedbackRequest),
    )
    async def feedback(service_id: str, request: Request) -> Response:
        """Record accepted and overridden cards (idempotent: a repeat is a no-op)."""
        return await endpoints.feedback(service_id, request)

    return router
