"""ORM classes of the HTTP service: API tokens, CDS Hooks JWT ids, users and web sessions.

They share :class:`~marrowpath.store.models.Base` (so ``Base.metadata`` knows them once this
module is imported) and are created by migration 0003. Secrets are never stored: tokens and
session tokens only as SHA-256 digests, passwords only as scrypt hashes with a per-user salt.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marrowpath.store.models import Base

__all__ = ["ApiToken", "CdsJti", "User", "WebSession"]


class ApiToken(Base):
    """A bearer token of the REST API; ``digest`` is the SHA-256 hex of the secret."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(String(128))
    scopes: Mapped[str] = mapped_column(String(128))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CdsJti(Base):
    """A JWT id already used by a CDS client; the unique key refuses replays across workers."""

    __tablename__ = "cds_jti"
    __table_args__ = (UniqueConstraint("issuer", "jti"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    issuer: Mapped[str] = mapped_column(String(512))
    jti: Mapped[str] = mapped_column(String(256))
    exp: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class User(Base):
    """A clinician of the web UI; ``password_hash`` is ``scrypt$n$r$p$salt$hash`` (hex)."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    display_name: Mapped[str] = mapped_column(String(128))
    created: Mapped[dt.datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A login session; ``id`` is the SHA-256 hex of the session token given to the browser."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime)
    expires: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))
