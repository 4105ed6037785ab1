"""Login and logout (account mode); in local mode the login page says that none is needed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from marrowpath.store.accounts import authenticate, create_session, end_session
from marrowpath.web.context import Web
from marrowpath.web.page import Page, begin
from marrowpath.web.routes._common import FormData, csrf_refusal, read_form
from marrowpath.web.security import CSRF_COOKIE, SESSION_COOKIE

__all__ = ["register", "safe_next"]


def safe_next(target: str) -> str:
    """Where to go after login: a path of the UI only (never another site)."""
    if target.startswith("/ui/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/ui/"


def _login_page(
    page: Page, status: int = 200, error: str = "", username: str = "", target: str = ""
) -> Response:
    target = safe_next(target or page.request.query_params.get("next", "/ui/"))
    return page.render(
        "login.html",
        status=status,
        error=error,
        username=username,
        target=target,
        logged_out=page.request.query_params.get("bye") == "1",
    )


def _login(web: Web, request: Request, data: FormData) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = "/ui/login"
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused
    if web.config.local_mode:
        return page.redirect("/ui/")
    username = data.get("username", "")[:64]
    user = authenticate(web.store, username, data.get("password", ""), actor=username or "?")
    if user is None:
        return _login_page(page, 401, page.t("login_failed"), username, data.get("next", ""))
    token, _csrf = create_session(
        web.store, user.id, ttl_hours=web.config.session_ttl_hours, actor=user.username
    )
    target = safe_next(data.get("next", "/ui/"))
    response = page.redirect(target.split("?")[0], **_query(target))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=web.config.secure_cookies,
        path="/",
        max_age=int(web.config.session_ttl_hours * 3600),
    )
    response.delete_cookie(CSRF_COOKIE, path="/ui")
    return response


def _query(target: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    _, _, query = target.partition("?")
    return {k: v for k, v in parse_qsl(query) if k != "lang"}


def _logout(web: Web, request: Request, data: FormData) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused
    if page.caller.session is not None:
        end_session(web.store, page.caller.session_token, actor=page.caller.actor)
    response = page.redirect("/ui/login", bye=1)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def register(router: APIRouter, web: Web) -> None:
    """Add the login and logout pages to ``router``."""

    @router.get("/ui/login", name="ui_login")
    def login_page(request: Request) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        if web.config.local_mode or page.caller.session is not None:
            return page.redirect("/ui/")
        return _login_page(page)

    @router.post("/ui/login", name="ui_login_submit")
    async def login(request: Request) -> Response:
        data = await read_form(request)
        return await run_in_threadpool(_login, web, request, data)

    @router.post("/ui/logout", name="ui_logout")
    async def logout(request: Request) -> Response:
        data = await read_form(request)
        return await run_in_threadpool(_logout, web, request, data)
