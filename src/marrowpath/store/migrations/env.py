"""Alembic environment: runs on the connection that ``open_store`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

import marrowpath.store.service_models  # noqa: F401 - its tables join Base.metadata
from marrowpath.store.models import Base

_LOCK = 7_262_770_512  # advisory-lock key: one migrating worker at a time on PostgreSQL


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
        context.run_migrations()


run()
