"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL is ``MARROWPATH_TEST_POSTGRES_URL`` (default the local trust-auth server); each
test gets its own schema, dropped afterwards. An unreachable server skips those tests,
except under ``CI=true`` where it fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from marrowpath.knowledge import Knowledge
from marrowpath.store import Store, open_store
from tests.pathway.fixture_kb import fixture_kb

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    return os.environ.get("MARROWPATH_TEST_POSTGRES_URL") or PG_DEFAULT


_REACHABLE: dict[str, str | None] = {}


def _unreachable(url: str) -> str | None:
    """None when the server answers, else why not (checked once per session)."""
    if url not in _REACHABLE:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            _REACHABLE[url] = None
        except sa.exc.OperationalError as exc:
            _REACHABLE[url] = str(exc.orig).strip().splitlines()[0]
        finally:
            engine.dispose()
    return _REACHABLE[url]


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The fixture knowledge base."""
    return fixture_kb(tmp_path_factory.mktemp("kb"))


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema (dropped afterwards)."""
    url = postgres_url()
    why = _unreachable(url)
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {url} is required under CI=true: {why}")
        pytest.skip(f"PostgreSQL at {url} not reachable: {why}")
    schema = f"mp_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL of an empty database, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated store."""
    s = open_store(db_url)
    yield s
    s.close()
