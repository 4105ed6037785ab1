"""Users and web sessions of the web UI, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from marrowpath.errors import ConflictError, InputError, NotFoundError
from marrowpath.store import Store, audit_log
from marrowpath.store.accounts import (
    authenticate,
    create_session,
    create_user,
    end_session,
    get_session,
    hash_password,
    set_disabled,
    verify_password,
)


class TestPasswords:
    """scrypt hashes with a per-user salt."""

    def test_hash_and_verify(self) -> None:
        """Two hashes of one password differ (salt); both verify."""
        a, b = hash_password("correct horse"), hash_password("correct horse")
        assert a != b
        assert a.startswith("scrypt$16384$8$1$")
        assert verify_password("correct horse", a)
        assert verify_password("correct horse", b)
        assert not verify_password("wrong horse", a)
        assert not verify_password("x", "md5$abc")


class TestUsers:
    """create_user and authenticate."""

    def test_create_and_authenticate(self, store: Store) -> None:
        """The right password gives the user; a wrong one or an unknown name gives None."""
        user = create_user(store, "dr_a", "correct horse", display_name="Dr. A", actor="admin")
        assert (user.username, user.display_name) == ("dr_a", "Dr. A")
        assert authenticate(store, "dr_a", "correct horse", actor="web") == user
        assert authenticate(store, "dr_a", "wrong horse!", actor="web") is None
        assert authenticate(store, "nobody", "correct horse", actor="web") is None
        actions = [r.action for r in audit_log(store)]
        assert actions == ["create", "login", "login-failed", "login-failed"]

    def test_password_never_stored(self, store: Store) -> None:
        """Only the scrypt string is in the table."""
        create_user(store, "dr_b", "my secret pw", actor="admin")
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar_one()
        assert "my secret pw" not in stored
        assert stored.startswith("scrypt$")

    def test_duplicate(self, store: Store) -> None:
        """A taken name is ConflictError."""
        create_user(store, "dr_c", "password1", actor="admin")
        with pytest.raises(ConflictError) as err:
            create_user(store, "dr_c", "password2", actor="admin")
        assert str(err.value) == "username: 'dr_c' exists already"

    @pytest.mark.parametrize(
        ("username", "password", "message"),
        [
            (
                "a b",
                "password1",
                "username: 'a b' is not a user name (1-64 letters, digits or ._@-, starting with a letter or digit)",
            ),
            (
                "",
                "password1",
                "username: '' is not a user name (1-64 letters, digits or ._@-, starting with a letter or digit)",
            ),
            (
                "dr_d",
                "short",
                "password: 8-1024 characters expected, got 5 (the password itself is not shown)",
            ),
        ],
    )
    def test_bad_input(self, store: Store, username: str, password: str, message: str) -> None:
        """Messages name the field; the password is never shown."""
        with pytest.raises(InputError) as err:
            create_user(store, username, password, actor="admin")
        assert str(err.value) == message

    def test_disabled_user(self, store: Store) -> None:
        """A disabled user cannot log in and loses its sessions."""
        user = create_user(store, "dr_e", "password1", actor="admin")
        token, _ = create_session(store, user.id, actor="dr_e")
        set_disabled(store, "dr_e", True, actor="admin")
        assert authenticate(store, "dr_e", "password1", actor="web") is None
        assert get_session(store, token) is None
        set_disabled(store, "dr_e", False, actor="admin")
        assert authenticate(store, "dr_e", "password1", actor="web") is not None


class TestSessions:
    """create_session, get_session, end_session."""

    def test_lifecycle(self, store: Store) -> None:
        """A session carries the user and a CSRF token until it ends."""
        user = create_user(store, "dr_f", "password1", actor="admin")
        token, csrf = create_session(store, user.id, ttl_hours=1, actor="dr_f")
        assert token != csrf
        assert len(token) >= 40
        session = get_session(store, token)
        assert session is not None
        assert (session.user_id, session.username, session.csrf_token) == (user.id, "dr_f", csrf)
        assert dt.timedelta(minutes=59) < session.expires - session.created <= dt.timedelta(hours=1)
        end_session(store, token, actor="dr_f")
        assert get_session(store, token) is None
        end_session(store, token, actor="dr_f")  # a second logout is a no-op

    def test_expired(self, store: Store) -> None:
        """An expired session is None."""
        user = create_user(store, "dr_g", "password1", actor="admin")
        token, _ = create_session(store, user.id, ttl_hours=0.0001, actor="dr_g")
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE web_sessions SET expires = created")
        assert get_session(store, token) is None

    def test_token_not_stored(self, store: Store) -> None:
        """Only the digest of the session token is in the table."""
        user = create_user(store, "dr_h", "password1", actor="admin")
        token, _ = create_session(store, user.id, actor="dr_h")
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT id FROM web_sessions").scalar_one()
        assert token not in stored
        assert len(stored) == 64

    def test_bad_input(self, store: Store) -> None:
        """Unknown users and bad lifetimes are refused; junk tokens are None."""
        with pytest.raises(NotFoundError):
            create_session(store, "nope", actor="x")
        user = create_user(store, "dr_i", "password1", actor="admin")
        with pytest.raises(InputError) as err:
            create_session(store, user.id, ttl_hours=0, actor="x")
        assert str(err.value) == "ttl_hours: 0 is not within (0, 720] hours"
        assert get_session(store, "") is None
        assert get_session(store, "x" * 1000) is None
