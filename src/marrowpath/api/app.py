"""The FastAPI application: REST API, CDS Hooks, FHIR R4 and the web UI in one process.

``create_app(settings)`` opens the store, loads the knowledge base and the CDS clients' keys
once, and wires the middleware (outermost first): CORS (only the configured origins), bearer
token auth with scopes and rate limit (before any body is read), body size limit.
"""

from __future__ import annotations

import gc
import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Security
from fastapi.openapi.utils import get_openapi
from fastapi.security import HTTPBearer
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import RedirectResponse

from marrowpath import __version__
from marrowpath.api.auth import AuthMiddleware, TokenCache
from marrowpath.api.errors import install_handlers
from marrowpath.api.limits import BodyLimitMiddleware, RateLimiter
from marrowpath.api.routers import assess, audit, episodes, fhir, health, knowledge
from marrowpath.api.settings import Settings
from marrowpath.api.state import ServiceState
from marrowpath.cdshooks.hooks import CdsService
from marrowpath.cdshooks.jwt_auth import JwtVerifier
from marrowpath.cdshooks.router import CdsFastPath, Endpoints, create_cds_router
from marrowpath.knowledge import load_knowledge
from marrowpath.store import open_store

__all__ = ["check_startup", "create_app"]

log = logging.getLogger("marrowpath.api")

GC_THRESHOLD = 50_000
"""Allocations between young-generation collections in the service (Python's default 700)."""

_DESCRIPTION = (
    "Clinical decision support for bone marrow edema: assessment, care plans, episodes, "
    "knowledge, FHIR R4 and CDS Hooks 2.0. Every /api endpoint needs a bearer token "
    "(`marrowpath token create --scope read,write`). Decision support for qualified "
    "professionals, not a diagnosis."
)


def check_startup(settings: Settings) -> None:
    """Fail early, with one message, if the store, knowledge base or CDS keys are unusable.

    Raises:
        MarrowPathError: a StoreError, KnowledgeBaseError or InputError naming the variable.
    """
    open_store(settings.database_url).close()
    load_knowledge()
    JwtVerifier(settings.cds_trusted_issuers)


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["cdsJwt"] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "CDS Hooks client JWT (ES384/RS384), aud = the endpoint URL",
    }
    app.openapi_schema = schema
    return schema


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    store = open_store(settings.database_url)
    kb = load_knowledge()
    cds = CdsService(settings, store, kb)
    state = ServiceState(
        settings=settings,
        store=store,
        kb=kb,
        tokens=TokenCache(store, settings.token_cache_seconds),
        limiter=RateLimiter(settings.rate_limit_per_minute),
        cds_limiter=RateLimiter(settings.cds_rate_limit_per_minute),
        cds=cds,
        cache={"knowledge": knowledge.precompute(kb)},
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        cds.close()
        store.close()

    app = FastAPI(
        title="MarrowPath",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.service = state
    install_handlers(app)
    app.include_router(health.router)
    bearer = HTTPBearer(auto_error=False, description="API token with scopes read, write")
    api = APIRouter(dependencies=[Security(bearer)])
    for module in (assess, episodes, knowledge, fhir, audit):
        api.include_router(module.router)
    app.include_router(api)
    endpoints = Endpoints(cds, state.cds_limiter)
    app.include_router(create_cds_router(endpoints))
    if importlib.util.find_spec("marrowpath.web") is not None:
        from marrowpath.web import create_router as create_web_router

        app.include_router(create_web_router(settings))

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(CdsFastPath, endpoints=endpoints)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        AuthMiddleware,
        tokens=state.tokens,
        limiter=state.limiter,
        public_docs=settings.public_docs,
        failures_per_minute=settings.auth_failures_per_minute,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    # Everything loaded so far (knowledge base, compiled patterns, keys) lives as long as the
    # process: keep it out of the cyclic garbage collector's full passes, which otherwise
    # stall every request for tens of milliseconds.
    gc.collect()
    gc.freeze()
    # Fewer, larger young-generation passes: a request allocates thousands of short-lived
    # containers (parsed FHIR JSON), and each pass of the default 700 costs latency.
    gc.set_threshold(GC_THRESHOLD, 20, 100)
    return app
