"""The audit trail: who read or wrote which record, when. Ids and verbs only.

Rows are written in the same transaction as the access they record, so an access that is
rolled back leaves no audit row and a committed one always has its row.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from marrowpath.errors import InputError
from marrowpath.store.models import Audit
from marrowpath.store.records import AuditRecord

__all__ = ["Action", "Entity", "audit_log", "check_actor", "now", "record_access"]

Action = Literal[
    "create", "read", "update", "list", "export",
    "revoke", "disable", "enable", "login", "login-failed", "session-start", "session-end",
]  # fmt: skip
Entity = Literal["episode", "case_version", "plan", "visit", "alert", "user", "api_token"]


def now() -> dt.datetime:
    """The current UTC time without tzinfo (the same on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def check_actor(actor: str) -> str:
    """The actor, validated: a non-empty name of at most 128 characters on one line."""
    if not isinstance(actor, str) or not actor.strip() or len(actor) > 128 or "\n" in actor:
        msg = f"actor: {actor!r} is not a user name (1-128 characters on one line)"
        raise InputError(msg, field="actor")
    return actor.strip()


def record_access(
    session: Session, actor: str, action: Action, entity: Entity, entity_id: str
) -> None:
    session.add(
        Audit(at=now(), actor=actor, action=action, entity=entity, entity_id=str(entity_id))
    )


def audit_log(
    session: Session, *, entity_id: str | None = None, actor: str | None = None, limit: int = 1000
) -> list[AuditRecord]:
    """Audit rows, oldest first, optionally for one record or one actor."""
    q = select(Audit).order_by(Audit.id)
    if entity_id is not None:
        q = q.where(Audit.entity_id == entity_id)
    if actor is not None:
        q = q.where(Audit.actor == actor)
    rows = session.scalars(q.limit(limit))
    return [
        AuditRecord(
            id=r.id, at=r.at, actor=r.actor, action=r.action, entity=r.entity, entity_id=r.entity_id
        )
        for r in rows
    ]
