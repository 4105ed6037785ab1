"""Which language a page is shown in: ``?lang=``, then the cookie, then Accept-Language.

An explicit ``?lang=`` wins and is remembered in a cookie, so that a clinician who switched
to German stays in German on pages reached without the parameter.
"""

from __future__ import annotations

from collections.abc import Mapping

from marrowpath.i18n import LANGS

__all__ = ["COOKIE", "DEFAULT", "from_accept_language", "negotiate"]

COOKIE = "mp_lang"
DEFAULT = "en"


def from_accept_language(header: str) -> str | None:
    """The supported language the browser prefers most (q-values honoured), or None.

    >>> from_accept_language("fr-CH, de;q=0.8, en;q=0.5")
    'de'
    """
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        candidate = (-q, index, primary)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best is not None else None


def negotiate(query: Mapping[str, str], cookies: Mapping[str, str], accept: str) -> str:
    """The page language: a valid ``lang`` query value, the cookie, the header, else English."""
    for value in (query.get("lang"), cookies.get(COOKIE)):
        if value in LANGS:
            return value
    return from_accept_language(accept) or DEFAULT
