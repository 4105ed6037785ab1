"""API bearer tokens with scopes, and the CDS Hooks JWT-id register (replay refusal).

A token is shown once when created; the store keeps only its SHA-256 digest. The JWT-id
register is a table with a unique (issuer, jti) key, so a replayed JWT is refused by whichever
worker or host sees it second; :func:`claim_jti` runs inside the caller's transaction so that
the check and the audit row of a CDS Hooks call are one short transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from marrowpath.errors import InputError, NotFoundError
from marrowpath.store.audit import check_actor, now, record_access
from marrowpath.store.engine import Store
from marrowpath.store.service_models import ApiToken, CdsJti

__all__ = [
    "SCOPES",
    "TOKEN_PREFIX",
    "TokenRecord",
    "claim_jti",
    "create_token",
    "list_tokens",
    "parse_scopes",
    "purge_jti",
    "revoke_token",
    "token_digest",
    "verify_token",
]

SCOPES = ("read", "write")
TOKEN_PREFIX = "mp_"  # noqa: S105 - a prefix, not a secret


class TokenRecord(BaseModel):
    """An API token without its secret."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    scopes: tuple[str, ...]
    created: dt.datetime
    revoked: dt.datetime | None


def token_digest(secret: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(scopes: str | Iterable[str]) -> tuple[str, ...]:
    """Scopes from ``"read,write"`` or a list, checked and sorted.

    Raises:
        InputError: an empty list or a scope other than read and write.
    """
    items = scopes.split(",") if isinstance(scopes, str) else list(scopes)
    clean = sorted({s.strip() for s in items if isinstance(s, str) and s.strip()})
    bad = [s for s in clean if s not in SCOPES]
    if bad or not clean:
        msg = f"scope: {scopes!r} is not a comma-separated list of {', '.join(SCOPES)}"
        raise InputError(msg, field="scope")
    return tuple(clean)


def _record(t: ApiToken) -> TokenRecord:
    return TokenRecord(
        id=t.id,
        label=t.label,
        scopes=tuple(s for s in t.scopes.split(",") if s),
        created=t.created,
        revoked=t.revoked,
    )


def create_token(
    store: Store, *, scopes: str | Iterable[str], label: str = "", actor: str
) -> tuple[str, TokenRecord]:
    """A new token: (the secret, shown only now; its record)."""
    actor = check_actor(actor)
    scope_tuple = parse_scopes(scopes)
    if not isinstance(label, str) or len(label) > 128 or "\n" in label:
        msg = f"label: {label!r} is not a label (at most 128 characters, one line)"
        raise InputError(msg, field="label")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        id=str(uuid.uuid4()),
        label=label,
        scopes=",".join(scope_tuple),
        digest=token_digest(secret),
        created=now(),
        revoked=None,
    )
    with store.transaction() as s:
        s.add(row)
        record_access(s, actor, "create", "api_token", row.id)
        return secret, _record(row)


def verify_token(store: Store, secret: str) -> TokenRecord | None:
    """The live (not revoked) token with this secret, else None."""
    if not isinstance(secret, str) or not secret.startswith(TOKEN_PREFIX) or len(secret) > 128:
        return None
    with store.transaction() as s:
        t = s.scalar(select(ApiToken).where(ApiToken.digest == token_digest(secret)))
        if t is None or t.revoked is not None:
            return None
        return _record(t)


def list_tokens(store: Store) -> list[TokenRecord]:
    """Every token, oldest first (secrets are never kept, so none is shown)."""
    with store.transaction() as s:
        return [_record(t) for t in s.scalars(select(ApiToken).order_by(ApiToken.created))]


def revoke_token(store: Store, token_id: str, *, actor: str) -> TokenRecord:
    """Revoke a token by id (idempotent); :class:`NotFoundError` for an unknown id."""
    actor = check_actor(actor)
    with store.transaction() as s:
        t = s.get(ApiToken, token_id)
        if t is None:
            msg = f"token id: {token_id!r} is not a known token"
            raise NotFoundError(msg)
        if t.revoked is None:
            t.revoked = now()
            record_access(s, actor, "revoke", "api_token", t.id)
        return _record(t)


def claim_jti(session: Session, issuer: str, jti: str, exp: dt.datetime) -> bool:
    """Register a JWT id inside the caller's transaction; False when it was used before.

    ``exp`` is naive UTC. One ``INSERT ... ON CONFLICT DO NOTHING`` on both SQLite and
    PostgreSQL, so two workers racing with the same JWT cannot both succeed.
    """
    values = {"issuer": issuer, "jti": jti, "exp": exp}
    if session.get_bind().dialect.name == "postgresql":
        stmt = pg_insert(CdsJti).values(**values).on_conflict_do_nothing()
        row = session.execute(stmt.returning(CdsJti.id)).first()
    else:
        lite = sqlite_insert(CdsJti).values(**values).on_conflict_do_nothing()
        row = session.execute(lite.returning(CdsJti.id)).first()
    return row is not None


def purge_jti(store: Store, *, before: dt.datetime | None = None) -> int:
    """Forget JWT ids that expired before ``before`` (default now); how many were removed."""
    cutoff = before or now()
    with store.transaction() as s:
        result = s.execute(delete(CdsJti).where(CdsJti.exp < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)
