"""marrowpath token, user and serve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marrowpath.cli import app
from marrowpath.store import open_store
from marrowpath.store.accounts import authenticate
from marrowpath.store.tokens import verify_token

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


class TestToken:
    """marrowpath token create/list/revoke."""

    def test_create_list_revoke(self, db: str) -> None:
        """The secret is printed once and verifies; revoked tokens stop working."""
        r = runner.invoke(
            app, ["token", "create", "--scope", "read,write", "--label", "ward", "--db", db]
        )
        assert r.exit_code == 0, r.output
        secret = r.output.strip()
        with open_store(db) as store:
            record = verify_token(store, secret)
        assert record is not None
        assert record.scopes == ("read", "write")
        listed = runner.invoke(app, ["token", "list", "--db", db])
        assert listed.output.startswith(record.id)
        assert "\tread,write\t" in listed.output
        assert secret not in listed.output
        assert runner.invoke(app, ["token", "revoke", record.id, "--db", db]).exit_code == 0
        with open_store(db) as store:
            assert verify_token(store, secret) is None

    def test_bad_scope(self, db: str) -> None:
        """One line on stderr, exit 2."""
        r = runner.invoke(app, ["token", "create", "--scope", "admin", "--db", db])
        assert r.exit_code == 2
        assert "error: scope: 'admin' is not a comma-separated list of read, write" in r.output


class TestUser:
    """marrowpath user create/disable."""

    def test_create_from_stdin(self, db: str) -> None:
        """The password comes from stdin and is never printed."""
        r = runner.invoke(
            app,
            ["user", "create", "dr_a", "--display-name", "Dr. A", "--password-stdin", "--db", db],
            input="correct horse\n",
        )
        assert r.exit_code == 0, r.output
        assert r.output.strip().endswith("\tdr_a")
        assert "correct horse" not in r.output
        with open_store(db) as store:
            user = authenticate(store, "dr_a", "correct horse", actor="t")
        assert user is not None
        assert user.display_name == "Dr. A"
        assert (
            runner.invoke(app, ["user", "disable", "dr_a", "--db", db]).output.strip()
            == "dr_a\tdisabled"
        )

    def test_short_password(self, db: str) -> None:
        """Refused with the field, without the password."""
        r = runner.invoke(
            app, ["user", "create", "dr_b", "--password-stdin", "--db", db], input="short\n"
        )
        assert r.exit_code == 2
        assert "password: 8-1024 characters expected, got 5" in r.output

    def test_duplicate(self, db: str) -> None:
        """A taken name exits 1."""
        for expected in (0, 1):
            r = runner.invoke(
                app, ["user", "create", "dr_c", "--password-stdin", "--db", db], input="password1\n"
            )
            assert r.exit_code == expected


class TestServe:
    """marrowpath serve refuses bad settings before starting."""

    def test_bad_variable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bad MARROWPATH_* value: one line naming it, exit 2."""
        monkeypatch.setenv("MARROWPATH_RATE_LIMIT_PER_MINUTE", "lots")
        r = runner.invoke(app, ["serve"])
        assert r.exit_code == 2
        assert "error: MARROWPATH_RATE_LIMIT_PER_MINUTE: 'lots' is not an integer" in r.output

    def test_local_mode_only_on_loopback(self) -> None:
        """--local with a public address is refused."""
        r = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--local"])
        assert r.exit_code == 2
        assert "local single-user mode listens only on 127.0.0.1" in r.output

    def test_bad_jwks(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """An unusable JWKS file stops the start (exit 1)."""
        path = tmp_path / "jwks.json"
        path.write_text(json.dumps({"keys": []}))
        monkeypatch.setenv("MARROWPATH_CDS_TRUSTED_ISSUERS", json.dumps({"https://ehr": str(path)}))
        monkeypatch.setenv("MARROWPATH_DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite'}")
        r = runner.invoke(app, ["serve"])
        assert r.exit_code == 1
        assert "has no ES384 (P-384) or RS384 signing key with a kid" in r.output
