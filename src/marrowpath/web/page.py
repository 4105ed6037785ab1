"""One page request: its language, caller, links that keep the language, and rendering.

Every link and form of a page is built with :meth:`Page.url`, so the language travels with
the clinician (``?lang=``) even without cookies; the language switch links to the same page
in the other language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from marrowpath.i18n import LANGS
from marrowpath.web.context import Web
from marrowpath.web.labels import label
from marrowpath.web.language import COOKIE as LANG_COOKIE, negotiate
from marrowpath.web.security import CSRF_FIELD, Caller, identify

__all__ = ["SECURITY_HEADERS", "Page", "begin"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
_PUBLIC = ("/ui/login", "/ui/static/")


@dataclass
class Page:
    """What a page handler needs: the request, the language and the caller."""

    web: Web
    request: Request
    lang: str
    caller: Caller
    lang_from_query: bool
    here: str = ""
    """The GET page that shows this page again (set by POST handlers for the language switch)."""

    def t(self, key: str, **fields: object) -> str:
        """The interface label ``key`` in the page language."""
        return label(key, self.lang, **fields)

    def url(self, path: str, lang: str | None = None, **params: object) -> str:
        """``path`` with the page language (or ``lang``) and ``params`` in the query."""
        return self.link(path, params, lang)

    def link(self, path: str, params: Mapping[str, object], lang: str | None = None) -> str:
        """``path`` with ``params`` (None values left out) and the language in the query."""
        query = {k: str(v) for k, v in params.items() if v is not None}
        query["lang"] = lang or self.lang
        return f"{path}?{urlencode(query)}"

    def switch_url(self, lang: str) -> str:
        """This page in ``lang`` (GET pages keep their query; a POST result links to itself)."""
        if self.here:
            return self.url(self.here, lang=lang)
        query = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        return f"{self.request.url.path}?{urlencode([*query, ('lang', lang)])}"

    @property
    def other_langs(self) -> list[str]:
        return [code for code in LANGS if code != self.lang]

    def finish(self, response: Response) -> Response:
        """Set the cookies this request decided on and the security headers."""
        secure = self.web.config.secure_cookies
        for name, value in self.caller.new_cookies.items():
            response.set_cookie(
                name, value, httponly=True, samesite="lax", secure=secure, path="/ui"
            )
        if self.lang_from_query:
            response.set_cookie(
                LANG_COOKIE,
                self.lang,
                max_age=365 * 24 * 3600,
                samesite="lax",
                secure=secure,
                path="/",
            )
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        """The template rendered with the page context, as an HTML response."""
        kb = self.web.kb
        html = self.web.env.get_template(template).render(
            p=self,
            t=self.t,
            lang=self.lang,
            csrf_field=CSRF_FIELD,
            disclaimer=getattr(kb.meta.disclaimer, self.lang),
            kb_version=kb.meta.version,
            local_mode=self.web.config.local_mode,
            **context,
        )
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, path: str, fragment: str = "", **params: object) -> Response:
        """303 See Other to ``path`` in the page language (POST-redirect-GET)."""
        target = self.link(path, params) + (f"#{fragment}" if fragment else "")
        return self.finish(RedirectResponse(target, status_code=303))

    def error(self, status: int, title_key: str, message: str) -> Response:
        """An error page that keeps the navigation, the language switch and the disclaimer."""
        return self.render("error.html", status=status, title=self.t(title_key), message=message)


def begin(web: Web, request: Request) -> Page | Response:
    """The page for ``request``, or a redirect to the login page when a login is needed."""
    lang = negotiate(
        request.query_params, request.cookies, request.headers.get("accept-language", "")
    )
    page = Page(
        web=web,
        request=request,
        lang=lang,
        caller=identify(web, request.cookies),
        lang_from_query=request.query_params.get("lang") in LANGS,
    )
    path = request.url.path
    needs_login = not web.config.local_mode and page.caller.session is None
    if needs_login and not path.startswith(_PUBLIC):
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return page.redirect("/ui/login", next=target)
    return page
