"""What one service process holds: settings, the store, the knowledge base, caches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from marrowpath.api.auth import TokenCache
from marrowpath.api.limits import RateLimiter
from marrowpath.api.settings import Settings
from marrowpath.cdshooks.hooks import CdsService
from marrowpath.knowledge import Knowledge
from marrowpath.store.engine import Store
from marrowpath.store.models import Audit
from marrowpath.store.tokens import TokenRecord

__all__ = ["ServiceState", "actor_of", "audit", "service"]


@dataclass
class ServiceState:
    settings: Settings
    store: Store
    kb: Knowledge
    tokens: TokenCache
    limiter: RateLimiter
    cds_limiter: RateLimiter
    cds: CdsService
    cache: dict[str, Any]


def service(request: Request) -> ServiceState:
    """The state of the application serving ``request``."""
    state: ServiceState = request.app.state.service
    return state


def actor_of(request: Request) -> str:
    """The audit actor of a request: ``token:<id>`` of its API token."""
    token = request.scope.get("state", {}).get("token")
    if isinstance(token, TokenRecord):
        return f"token:{token.id}"
    return "anonymous"


def audit(request: Request, action: str, entity: str, entity_id: str) -> None:
    """One audit row (ids and verbs only) for an access that the store does not record."""
    st = service(request)
    with st.store.transaction() as s:
        s.add(
            Audit(
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                actor=actor_of(request),
                action=action,
                entity=entity,
                entity_id=entity_id[:64] or "-",
            )
        )
