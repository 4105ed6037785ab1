"""API tokens and the CDS JWT-id register, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from marrowpath.errors import InputError, NotFoundError
from marrowpath.store import Store, audit_log, open_store
from marrowpath.store.tokens import (
    TOKEN_PREFIX,
    claim_jti,
    create_token,
    list_tokens,
    parse_scopes,
    purge_jti,
    revoke_token,
    token_digest,
    verify_token,
)


class TestTokens:
    """Create, verify, list, revoke."""

    def test_roundtrip(self, store: Store) -> None:
        """The secret is shown once; only its digest is stored; it verifies until revoked."""
        secret, record = create_token(store, scopes="write,read", label="ward", actor="admin")
        assert secret.startswith(TOKEN_PREFIX)
        assert len(secret) > 40
        assert record.scopes == ("read", "write")
        assert record.label == "ward"
        assert verify_token(store, secret) == record
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT digest FROM api_tokens").scalar_one()
        assert stored == token_digest(secret)
        assert secret not in stored
        assert [t.id for t in list_tokens(store)] == [record.id]
        revoked = revoke_token(store, record.id, actor="admin")
        assert revoked.revoked is not None
        assert verify_token(store, secret) is None
        actions = [(r.action, r.entity) for r in audit_log(store)]
        assert actions == [("create", "api_token"), ("revoke", "api_token")]

    def test_unknown_secrets(self, store: Store) -> None:
        """Anything else is None."""
        assert verify_token(store, "mp_nothing") is None
        assert verify_token(store, "Bearer x") is None
        assert verify_token(store, "") is None

    def test_revoke_unknown(self, store: Store) -> None:
        """An unknown id is NotFoundError."""
        with pytest.raises(NotFoundError) as err:
            revoke_token(store, "nope", actor="admin")
        assert str(err.value) == "token id: 'nope' is not a known token"

    @pytest.mark.parametrize("bad", ["admin", "", "read,delete", ","])
    def test_bad_scopes(self, bad: str) -> None:
        """Only read and write."""
        with pytest.raises(InputError) as err:
            parse_scopes(bad)
        assert str(err.value) == f"scope: {bad!r} is not a comma-separated list of read, write"
        assert err.value.field == "scope"


class TestJti:
    """The replay register."""

    exp = dt.datetime(2099, 1, 1)

    def test_second_claim_refused(self, store: Store) -> None:
        """A jti is accepted once per issuer."""
        with store.transaction() as s:
            assert claim_jti(s, "iss-a", "j1", self.exp) is True
        with store.transaction() as s:
            assert claim_jti(s, "iss-a", "j1", self.exp) is False
            assert claim_jti(s, "iss-b", "j1", self.exp) is True

    def test_rolled_back_claim_is_forgotten(self, store: Store) -> None:
        """A claim in a failed transaction does not count."""

        def claim_then_fail() -> None:
            with store.transaction() as s:
                claim_jti(s, "iss", "j2", self.exp)
                raise RuntimeError

        with pytest.raises(RuntimeError):
            claim_then_fail()
        with store.transaction() as s:
            assert claim_jti(s, "iss", "j2", self.exp) is True

    def test_purge(self, store: Store) -> None:
        """Expired ids are forgotten."""
        with store.transaction() as s:
            claim_jti(s, "iss", "old", dt.datetime(2000, 1, 1))
            claim_jti(s, "iss", "new", self.exp)
        assert purge_jti(store) == 1

    def test_race_between_stores(self, db_url: str) -> None:
        """Two stores (two workers) claiming the same jti at once: exactly one wins."""
        stores = [open_store(db_url) for _ in range(2)]
        results: list[bool] = []
        barrier = threading.Barrier(2)

        def claim(store: Store) -> None:
            barrier.wait()
            with store.transaction() as s:
                results.append(claim_jti(s, "iss", "race", self.exp))

        threads = [threading.Thread(target=claim, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for s in stores:
            s.close()
        assert sorted(results) == [False, True]


class TestMigration:
    """Migration 0003 is the single head and creates the service tables."""

    def test_single_head(self) -> None:
        """Exactly one Alembic head, 0003 or later, descending from 0002."""
        from alembic.script import ScriptDirectory

        from marrowpath.store.engine import alembic_config

        script = ScriptDirectory.from_config(alembic_config())
        assert len(script.get_heads()) == 1
        assert script.get_revision("0003").down_revision == "0002"

    def test_tables(self, store: Store) -> None:
        """api_tokens, cds_jti, users and web_sessions exist with their unique keys."""
        import sqlalchemy as sa

        inspector = sa.inspect(store.engine)
        assert {"api_tokens", "cds_jti", "users", "web_sessions"} <= set(
            inspector.get_table_names()
        )
        uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("cds_jti")}
        assert ("issuer", "jti") in uniques
