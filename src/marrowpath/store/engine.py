"""Opening the store: the database URL, connection settings and migrations on open.

SQLite (the default, a file in the user's data directory) and PostgreSQL share the code. On
SQLite every transaction starts with ``BEGIN IMMEDIATE`` so that concurrent writers wait
(``busy_timeout``) instead of failing half-way, and the journal is WAL so that a killed writer
leaves only whole, committed transactions.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from marrowpath.errors import StoreError

__all__ = ["ENV_URL", "Store", "alembic_config", "default_url", "open_store"]

ENV_URL = "MARROWPATH_DATABASE_URL"


def default_url() -> str:
    """``MARROWPATH_DATABASE_URL``, else SQLite in ``user_data_dir("marrowpath")``."""
    url = os.environ.get(ENV_URL)
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("marrowpath"))
    return f"sqlite:///{folder / 'marrowpath.sqlite'}"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration built in code (no alembic.ini at run time)."""
    cfg = Config()
    location = resources.files("marrowpath.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(location))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


class Store:
    """An open store: the engine and a session factory; repository functions take it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on any error.

        A database that fails underneath (connection lost, locked too long) raises
        :class:`StoreError` with the driver's first line; nothing of the transaction stays.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            url = self.engine.url.render_as_string(hide_password=True)
            msg = f"database {url!r}: {detail}"
            raise StoreError(msg) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if cur.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_MIGRATING = threading.Lock()
"""Alembic's ``context`` and ``op`` are process globals: one migration per process at a time.
Other processes are held off by the database (BEGIN IMMEDIATE, a PostgreSQL advisory lock)."""


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision (no-op when it is current)."""
    with _MIGRATING:
        _migrate(engine)


def _migrate(engine: Engine) -> None:
    cfg = alembic_config(engine)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    if current == head:
        return
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and by default migrate) the store at ``url`` or the default one.

    Raises:
        StoreError: the URL is not usable or the database cannot be opened.
    """
    url = url or default_url()
    try:
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError, ValueError) as exc:
        msg = f"database URL: {url!r} is not usable ({exc})"
        raise StoreError(msg) from None
    if engine.dialect.name == "sqlite":
        _sqlite_settings(engine)
    try:
        if upgrade:
            migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        msg = f"database {engine.url.render_as_string(hide_password=True)!r}: {detail}"
        raise StoreError(msg) from None
    return Store(engine)
