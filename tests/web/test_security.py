"""Accounts, sessions and CSRF: who may see the pages and which forms are accepted."""

from __future__ import annotations

import re

from marrowpath.store import audit_log, list_episodes
from marrowpath.web.routes.auth import safe_next
from tests.web.conftest import CASE_FORM, PASSWORD, UI, login


class TestCsrfLocalMode:
    """Local mode: a double-submit cookie protects every form."""

    def test_missing_token_is_refused(self, ui: UI) -> None:
        """A form without the token is refused with 403 and nothing is stored."""
        ui.csrf()  # the browser has the cookie, the attacker's form lacks the field
        data = {**CASE_FORM, "action": "assess"}
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert r.status_code == 403
        assert "csrf_token: the form&#39;s security token is missing or stale" in r.text
        assert list_episodes(ui.store, actor="test") == []

    def test_wrong_token_is_refused(self, ui: UI) -> None:
        """A token that is not the cookie's is refused."""
        ui.csrf()
        r = ui.client.post(
            "/ui/cases?lang=de", data={**CASE_FORM, "action": "assess", "csrf_token": "x" * 43}
        )
        assert r.status_code == 403
        assert "Formular abgelehnt" in r.text

    def test_no_cookie_is_refused(self, ui: UI) -> None:
        """A cross-site post without the cookie is refused even with some token."""
        token = ui.csrf()
        ui.client.cookies.clear()
        r = ui.client.post(
            "/ui/cases?lang=en", data={**CASE_FORM, "action": "assess", "csrf_token": token}
        )
        assert r.status_code == 403

    def test_visit_form_is_protected(self, ui: UI) -> None:
        """The visit form needs the token too."""
        episode = ui.new_episode()
        r = ui.client.post(
            f"/ui/episodes/{episode}/visits?lang=en",
            data={"date": "2026-01-05", "pain_rest": "1", "pain_load": "1"},
        )
        assert r.status_code == 403

    def test_cookie_attributes(self, ui: UI) -> None:
        """The CSRF cookie is HttpOnly and SameSite=Lax; ?lang= is remembered in a cookie."""
        r = ui.client.get("/ui/cases/new?lang=de")
        cookies = r.headers.get_list("set-cookie")
        csrf = next(c for c in cookies if c.startswith("mp_csrf="))
        assert "HttpOnly" in csrf
        assert "SameSite=lax" in csrf
        assert any(c.startswith("mp_lang=de") for c in cookies)


class TestAccounts:
    """Account mode: login, session, session-bound CSRF token, logout."""

    def test_pages_need_a_login(self, accounts_ui: UI) -> None:
        """Any page redirects to the login page and comes back after login."""
        r = accounts_ui.client.get("/ui/knowledge?lang=de", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/ui/login?next=%2Fui%2Fknowledge%3Flang%3Dde&lang=de"
        page = accounts_ui.client.get(r.headers["location"])
        assert page.status_code == 200
        assert 'name="next" value="/ui/knowledge?lang=de"' in page.text
        assert 'autocomplete="current-password"' in page.text

    def test_wrong_password(self, accounts_ui: UI) -> None:
        """A wrong password is a 401 with one message that does not say which part was wrong."""
        token = accounts_ui.csrf("/ui/login")
        r = accounts_ui.client.post(
            "/ui/login?lang=en",
            data={"csrf_token": token, "username": "dr_a", "password": "wrong password"},
        )
        assert r.status_code == 401
        assert "User name or password is not correct." in r.text
        assert "mp_session" not in accounts_ui.client.cookies

    def test_login_session_and_actor(self, accounts_ui: UI) -> None:
        """After login the pages open, the user is named, and the audit names the user."""
        login(accounts_ui)
        cookie = next(c for c in accounts_ui.client.cookies.jar if c.name == "mp_session")
        assert cookie.has_nonstandard_attr("HttpOnly")
        r = accounts_ui.client.get("/ui/?lang=en")
        assert r.status_code == 200
        assert "Signed in as Dr. A" in r.text
        episode = accounts_ui.new_episode()
        assert audit_log(accounts_ui.store, entity_id=episode)[0].actor == "dr_a"

    def test_csrf_token_is_bound_to_the_session(self, accounts_ui: UI) -> None:
        """The form token is the session's; the pre-login cookie token no longer works."""
        before = accounts_ui.csrf("/ui/login")
        login(accounts_ui)
        after = accounts_ui.csrf()
        assert after != before
        r = accounts_ui.client.post(
            "/ui/cases?lang=en", data={**CASE_FORM, "action": "assess", "csrf_token": before}
        )
        assert r.status_code == 403
        r = accounts_ui.client.post(
            "/ui/cases?lang=en",
            data={**CASE_FORM, "action": "assess", "csrf_token": after},
            follow_redirects=False,
        )
        assert r.status_code == 303

    def test_logout_ends_the_session(self, accounts_ui: UI) -> None:
        """Logout (a POST with the token) ends the session in the store."""
        login(accounts_ui)
        page = accounts_ui.client.get("/ui/?lang=en").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        session = accounts_ui.client.cookies["mp_session"]
        refused = accounts_ui.client.post("/ui/logout?lang=en", data={})
        assert refused.status_code == 403
        r = accounts_ui.client.post(
            "/ui/logout?lang=en", data={"csrf_token": token.group(1)}, follow_redirects=False
        )
        assert r.status_code == 303
        assert r.headers["location"] == "/ui/login?bye=1&lang=en"
        accounts_ui.client.cookies.set("mp_session", session)
        again = accounts_ui.client.get("/ui/?lang=en", follow_redirects=False)
        assert again.status_code == 303

    def test_local_mode_has_no_login(self, ui: UI) -> None:
        """In local mode the login page sends the clinician to the episodes."""
        r = ui.client.get("/ui/login?lang=en", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/ui/?lang=en"
        assert "Single-user local mode (no login)" in ui.client.get("/ui/?lang=en").text

    def test_password_is_never_echoed(self, accounts_ui: UI) -> None:
        """A failed login keeps the user name but not the password."""
        token = accounts_ui.csrf("/ui/login")
        r = accounts_ui.client.post(
            "/ui/login?lang=en",
            data={"csrf_token": token, "username": "dr_a", "password": PASSWORD + "x"},
        )
        assert PASSWORD not in r.text
        assert 'value="dr_a"' in r.text

    def test_target_survives_a_failed_login(self, accounts_ui: UI) -> None:
        """After a wrong password and then the right one, the clinician lands where they went."""
        token = accounts_ui.csrf("/ui/login?next=/ui/knowledge")
        data = {"csrf_token": token, "username": "dr_a", "next": "/ui/knowledge/sources"}
        failed = accounts_ui.client.post("/ui/login?lang=en", data={**data, "password": "nope"})
        assert 'name="next" value="/ui/knowledge/sources"' in failed.text
        r = accounts_ui.client.post(
            "/ui/login?lang=de", data={**data, "password": PASSWORD}, follow_redirects=False
        )
        assert r.headers["location"] == "/ui/knowledge/sources?lang=de"


class TestSafeNext:
    """After login only UI paths are followed."""

    def test_targets(self) -> None:
        """Other sites and odd paths fall back to the episode list."""
        assert safe_next("/ui/knowledge?lang=de") == "/ui/knowledge?lang=de"
        assert safe_next("https://evil.example/") == "/ui/"
        assert safe_next("//evil.example/ui/") == "/ui/"
        assert safe_next("/ui/\\evil") == "/ui/"
        assert safe_next("/api/v1/episodes") == "/ui/"
