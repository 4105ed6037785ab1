"""SQLAlchemy models of the episode store (the schema at the newest migration).

Patient data lives in ``episodes`` (pseudonym only), ``case_versions``, ``plans``, ``visits``
and ``alerts``; ``audit`` records who read or wrote what and when, never clinical text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Alert", "Audit", "Base", "CaseVersion", "Episode", "Plan", "Visit"]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Episode(Base):
    __tablename__ = "episodes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient: Mapped[str] = mapped_column(String(128), index=True)
    condition: Mapped[str] = mapped_column(String(64))
    region: Mapped[str] = mapped_column(String(64))
    side: Mapped[str | None] = mapped_column(String(16))
    start_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseVersion(Base):
    __tablename__ = "case_versions"
    __table_args__ = (UniqueConstraint("episode_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    case: Mapped[dict[str, Any]] = mapped_column(JSON)
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    case_version: Mapped[int | None] = mapped_column(Integer)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("pain_rest BETWEEN 0 AND 10", name="pain_rest_range"),
        CheckConstraint("pain_load BETWEEN 0 AND 10", name="pain_load_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    visit_date: Mapped[dt.date] = mapped_column(Date)
    pain_rest: Mapped[int] = mapped_column(Integer)
    pain_load: Mapped[int] = mapped_column(Integer)
    weight_bearing: Mapped[str] = mapped_column(String(40))
    function_notes: Mapped[str] = mapped_column(Text)
    new_imaging: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Alert(Base):
    """Added by migration 0002."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("episode_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    alert_date: Mapped[dt.date] = mapped_column(Date)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Audit(Base):
    """Who read or wrote which record when; ids and verbs only, no clinical text."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
