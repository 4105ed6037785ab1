"""Opening the store: URLs, defaults, errors, SQLite settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from platformdirs import user_data_dir

from marrowpath.errors import StoreError
from marrowpath.store import ENV_URL, default_url, open_store


class TestUrls:
    """Where the store lives."""

    def test_default_is_sqlite_in_the_user_data_dir(self) -> None:
        """Without the environment variable: user_data_dir('marrowpath')/marrowpath.sqlite."""
        expected = Path(user_data_dir("marrowpath")) / "marrowpath.sqlite"
        assert default_url() == f"sqlite:///{expected}"

    def test_environment_overrides(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """MARROWPATH_DATABASE_URL wins, and open_store uses it."""
        url = f"sqlite:///{tmp_path / 'sub' / 'env.sqlite'}"
        monkeypatch.setenv(ENV_URL, url)
        assert default_url() == url
        store = open_store()
        store.close()
        assert (tmp_path / "sub" / "env.sqlite").is_file()

    def test_bad_url(self) -> None:
        """A URL SQLAlchemy cannot use is a StoreError naming it."""
        with pytest.raises(StoreError, match=r"^database URL: 'nonsense://x' is not usable"):
            open_store("nonsense://x")

    def test_unreachable_server(self) -> None:
        """A server that does not answer is a StoreError naming the database."""
        with pytest.raises(
            StoreError, match=r"^database 'postgresql\+psycopg://postgres@127.0.0.1:1/x': "
        ):
            open_store("postgresql+psycopg://postgres@127.0.0.1:1/x")


class TestSqlite:
    """SQLite is set up for crash safety and concurrent writers."""

    def test_pragmas(self, tmp_path: Path) -> None:
        """WAL journal, foreign keys on, a busy timeout."""
        with (
            open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store,
            store.engine.connect() as conn,
        ):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000

    def test_in_memory(self) -> None:
        """An in-memory database works for quick experiments."""
        with open_store("sqlite:///:memory:") as store:
            assert "episodes" in sa.inspect(store.engine).get_table_names()
