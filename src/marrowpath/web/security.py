"""Who is asking and whether a form is genuine: sessions, the acting user and CSRF tokens.

In account mode a clinician logs in and gets a session cookie; the session carries its own
CSRF token (from the account store), which every form repeats in a hidden field. Without a
session (local mode, or the login form itself) a random token in a cookie is repeated in the
form instead (double submit). Either way a POST whose token does not match is refused, so
another site cannot make the browser submit a form here.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from marrowpath.store.accounts import SessionRecord, get_session
from marrowpath.web.context import Web

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "SESSION_COOKIE",
    "Caller",
    "identify",
    "token_matches",
]

SESSION_COOKIE = "mp_session"
CSRF_COOKIE = "mp_csrf"
CSRF_FIELD = "csrf_token"


@dataclass
class Caller:
    """The person behind one request: their session (account mode) and form token."""

    actor: str
    csrf: str
    session: SessionRecord | None = None
    session_token: str = ""
    new_cookies: dict[str, str] = field(default_factory=dict)
    """Cookies to set on the response (a fresh CSRF cookie)."""

    @property
    def display_name(self) -> str:
        return self.session.display_name if self.session is not None else ""


def identify(web: Web, cookies: Mapping[str, str]) -> Caller:
    """The caller of a request from its cookies; ``session`` is None when not logged in."""
    if not web.config.local_mode:
        token = cookies.get(SESSION_COOKIE, "")
        session = get_session(web.store, token) if token else None
        if session is not None:
            return Caller(
                actor=session.username,
                csrf=session.csrf_token,
                session=session,
                session_token=token,
            )
    csrf = cookies.get(CSRF_COOKIE, "")
    fresh: dict[str, str] = {}
    if not (16 <= len(csrf) <= 128 and csrf.replace("-", "").replace("_", "").isalnum()):
        csrf = secrets.token_urlsafe(32)
        fresh[CSRF_COOKIE] = csrf
    actor = web.config.local_actor if web.config.local_mode else "anonymous"
    return Caller(actor=actor, csrf=csrf, new_cookies=fresh)


def token_matches(caller: Caller, submitted: object) -> bool:
    """Whether the form's CSRF token is the caller's (constant-time comparison)."""
    if not isinstance(submitted, str) or not submitted or caller.new_cookies:
        return False
    return hmac.compare_digest(submitted.encode(), caller.csrf.encode())
