"""Users and login sessions of the web UI, one short transaction each.

Passwords are hashed with ``hashlib.scrypt`` and a random per-user salt; session tokens are
random and stored only as their SHA-256 digest, so a copy of the database lets nobody log in.
Every login, logout and account change writes an audit row (ids and verbs, never secrets).

Example:
    >>> user = create_user(store, "dr_a", "correct horse", actor="admin")  # doctest: +SKIP
    >>> token, csrf = create_session(store, user.id, actor="dr_a")  # doctest: +SKIP
    >>> get_session(store, token).user_id == user.id  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from marrowpath.errors import ConflictError, InputError, NotFoundError
from marrowpath.store.audit import check_actor, now, record_access
from marrowpath.store.engine import Store
from marrowpath.store.service_models import User, WebSession
from marrowpath.store.tokens import token_digest

__all__ = [
    "SessionRecord",
    "UserRecord",
    "authenticate",
    "create_session",
    "create_user",
    "end_session",
    "get_session",
    "get_user",
    "hash_password",
    "set_disabled",
    "verify_password",
]

_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 16 MiB and some tens of ms per hash


class UserRecord(BaseModel):
    """A user as the repository returns it (never the password hash)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    username: str
    display_name: str
    created: dt.datetime
    disabled: bool


class SessionRecord(BaseModel):
    """A live session: whose it is, its CSRF token and when it expires (UTC, naive)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: str
    username: str
    display_name: str
    csrf_token: str
    created: dt.datetime
    expires: dt.datetime


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (hex) of ``password`` with a random 16-byte salt."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` string (constant-time compare)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


_DUMMY_HASH = hash_password("not a password", salt=b"\0" * 16)


def _check_username(username: str) -> str:
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        msg = (
            f"username: {username!r} is not a user name (1-64 letters, digits or ._@-, "
            "starting with a letter or digit)"
        )
        raise InputError(msg, field="username")
    return username


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        size = len(password) if isinstance(password, str) else type(password).__name__
        msg = (
            f"password: {MIN_PASSWORD}-{MAX_PASSWORD} characters expected, got {size} "
            "(the password itself is not shown)"
        )
        raise InputError(msg, field="password")
    return password


def _record(u: User) -> UserRecord:
    return UserRecord(
        id=u.id,
        username=u.username,
        display_name=u.display_name,
        created=u.created,
        disabled=u.disabled,
    )


def create_user(
    store: Store, username: str, password: str, *, display_name: str = "", actor: str
) -> UserRecord:
    """A new user; :class:`ConflictError` when the user name is taken.

    Raises:
        InputError: a bad user name, password (8-1024 characters) or display name.
        ConflictError: the user name exists already.
    """
    actor = check_actor(actor)
    username = _check_username(username)
    _check_password(password)
    if not isinstance(display_name, str) or len(display_name) > 128 or "\n" in display_name:
        msg = f"display_name: {display_name!r} is not a name (at most 128 characters, one line)"
        raise InputError(msg, field="display_name")
    user = User(
        id=str(uuid.uuid4()),
        username=username,
        password_hash=hash_password(password),
        display_name=display_name.strip() or username,
        created=now(),
        disabled=False,
    )
    try:
        with store.transaction() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                msg = f"username: {username!r} exists already"
                raise ConflictError(msg)
            s.add(user)
            s.flush()
            record_access(s, actor, "create", "user", user.id)
            return _record(user)
    except IntegrityError:
        msg = f"username: {username!r} exists already"
        raise ConflictError(msg) from None


def get_user(store: Store, user_id: str) -> UserRecord:
    """The user with id ``user_id``; :class:`NotFoundError` when there is none."""
    with store.transaction() as s:
        u = s.get(User, user_id)
        if u is None:
            msg = f"user_id: {user_id!r} is not a known user"
            raise NotFoundError(msg)
        return _record(u)


def set_disabled(store: Store, username: str, disabled: bool, *, actor: str) -> UserRecord:
    """Disable (or enable again) a user; a disabled user's sessions end at once."""
    actor = check_actor(actor)
    with store.transaction() as s:
        u = s.scalar(select(User).where(User.username == username))
        if u is None:
            msg = f"username: {username!r} is not a known user"
            raise NotFoundError(msg)
        u.disabled = disabled
        if disabled:
            s.execute(delete(WebSession).where(WebSession.user_id == u.id))
        record_access(s, actor, "disable" if disabled else "enable", "user", u.id)
        return _record(u)


def authenticate(store: Store, username: str, password: str, *, actor: str) -> UserRecord | None:
    """The user when name and password match and the user is enabled, else None.

    An unknown name costs the same scrypt work as a wrong password (no user enumeration by
    timing). Both outcomes are audited.
    """
    actor = check_actor(actor)
    if not isinstance(username, str) or not isinstance(password, str):
        return None
    if len(password) > MAX_PASSWORD:
        return None
    with store.transaction() as s:
        u = s.scalar(select(User).where(User.username == username))
        ok = verify_password(password, u.password_hash if u is not None else _DUMMY_HASH)
        if u is None or not ok or u.disabled:
            entity_id = u.id if u is not None else "unknown"
            record_access(s, actor, "login-failed", "user", entity_id)
            return None
        record_access(s, actor, "login", "user", u.id)
        return _record(u)


def create_session(
    store: Store, user_id: str, *, ttl_hours: float = 12, actor: str
) -> tuple[str, str]:
    """A new session of ``user_id``: (session token, CSRF token), valid ``ttl_hours``.

    Raises:
        InputError: ``ttl_hours`` is not positive (at most 720).
        NotFoundError: no such user, or the user is disabled.
    """
    actor = check_actor(actor)
    if isinstance(ttl_hours, bool) or not isinstance(ttl_hours, int | float):
        msg = f"ttl_hours: {ttl_hours!r} is not a number of hours"
        raise InputError(msg, field="ttl_hours")
    if not 0 < ttl_hours <= 720:
        msg = f"ttl_hours: {ttl_hours!r} is not within (0, 720] hours"
        raise InputError(msg, field="ttl_hours")
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    with store.transaction() as s:
        u = s.get(User, user_id)
        if u is None or u.disabled:
            msg = f"user_id: {user_id!r} is not a known, enabled user"
            raise NotFoundError(msg)
        created = now()
        s.add(
            WebSession(
                id=token_digest(token),
                user_id=user_id,
                created=created,
                expires=created + dt.timedelta(hours=ttl_hours),
                csrf_secret=csrf,
            )
        )
        s.execute(delete(WebSession).where(WebSession.expires < created))
        record_access(s, actor, "session-start", "user", user_id)
    return token, csrf


def get_session(store: Store, token: str) -> SessionRecord | None:
    """The live session of ``token``; None when unknown, expired or its user is disabled."""
    if not isinstance(token, str) or not token or len(token) > 256:
        return None
    with store.transaction() as s:
        row = s.execute(
            select(WebSession, User)
            .join(User, User.id == WebSession.user_id)
            .where(WebSession.id == token_digest(token))
        ).first()
        if row is None:
            return None
        ws, u = row
        if ws.expires <= now() or u.disabled:
            return None
        return SessionRecord(
            user_id=u.id,
            username=u.username,
            display_name=u.display_name,
            csrf_token=ws.csrf_secret,
            created=ws.created,
            expires=ws.expires,
        )


def end_session(store: Store, token: str, *, actor: str) -> None:
    """End the session of ``token`` (logout); an unknown token is a no-op."""
    actor = check_actor(actor)
    if not isinstance(token, str) or not token:
        return
    with store.transaction() as s:
        ws = s.get(WebSession, token_digest(token))
        if ws is None:
            return
        record_access(s, actor, "session-end", "user", ws.user_id)
        s.delete(ws)
