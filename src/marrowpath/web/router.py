"""``create_router``: every page of the clinician UI under ``/ui/`` as one FastAPI router."""

from __future__ import annotations

from fastapi import APIRouter

from marrowpath.store import Store
from marrowpath.web.config import WebConfig
from marrowpath.web.context import Web
from marrowpath.web.routes import auth, cases, episodes, imaging, knowledge, static

__all__ = ["create_router"]


def create_router(settings: object | None = None, *, store: Store | None = None) -> APIRouter:
    """The UI router; the service includes it in its app.

    Args:
        settings: the service settings; the UI reads ``local_mode`` (default True),
            ``database_url``, ``session_ttl_hours``, ``secure_cookies`` / ``public_base_url``
            and ``local_actor`` when present.
        store: an open store to share; by default the UI opens ``database_url`` on first use.

    Example:
        >>> app.include_router(create_router(settings))  # doctest: +SKIP
    """
    web = Web(WebConfig.from_settings(settings), store=store)
    router = APIRouter(include_in_schema=False)
    static.register(router)
    auth.register(router, web)
    cases.register(router, web)
    episodes.register(router, web)
    imaging.register(router, web)
    knowledge.register(router, web)
    return router
