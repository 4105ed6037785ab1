"""Prefetched FHIR data, or the same queries against the EHR's ``fhirServer``.

For each prefetch template: a value the client sent is used (``null`` means "no data"); a key
the client left out is fetched from ``fhirServer`` with the ``fhirAuthorization`` bearer token
(search pages followed up to a limit). When a key is neither sent nor fetchable the hook
answers 412 with an OperationOutcome (:class:`PrefetchError`). Access tokens are never logged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx

from marrowpath.errors import InputError
from marrowpath.fhir.bundle_in import resources_of

__all__ = ["PrefetchError", "gather", "render"]

_TOKEN = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")
_USER_TOKENS = {
    "userPractitionerId": "Practitioner",
    "userPractitionerRoleId": "PractitionerRole",
    "userPatientId": "Patient",
    "userRelatedPersonId": "RelatedPerson",
}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_PAGES = 5


class PrefetchError(Exception):
    """The data a hook needs could not be had; answered with 412 and an OperationOutcome."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def render(template: str, context: Mapping[str, Any]) -> str | None:
    """The query of ``template`` for ``context``; None when a token has no value."""
    missing = False

    def value(m: re.Match[str]) -> str:
        nonlocal missing
        name = m.group(1)
        if name.startswith("context."):
            v = context.get(name.removeprefix("context."))
        elif name in _USER_TOKENS:
            user = context.get("userId")
            prefix = _USER_TOKENS[name] + "/"
            v = (
                user.removeprefix(prefix)
                if isinstance(user, str) and user.startswith(prefix)
                else None
            )
        else:
            v = None
        if not isinstance(v, str | int) or isinstance(v, bool) or str(v) == "":
            missing = True
            return ""
        return quote(str(v), safe="")

    out = _TOKEN.sub(value, template)
    return None if missing else out


def check_server(url: str) -> str:
    """The FHIR base URL, https (http only on loopback), without a trailing slash."""
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    if secure and parts.netloc:
        return url.rstrip("/")
    msg = f"fhirServer: {url!r} is not an https URL"
    raise InputError(msg, field="fhirServer")


def _fetch(
    client: httpx.Client, base: str, query: str, token: str | None, key: str
) -> list[dict[str, Any]]:
    headers = {"Accept": "application/fhir+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url: str | None = f"{base}/{query}"
    out: list[dict[str, Any]] = []
    pages = 0
    while url is not None and pages < MAX_PAGES:
        pages += 1
        try:
            response = client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            msg = f"prefetch.{key}: fetching from fhirServer failed ({type(exc).__name__})"
            raise PrefetchError(msg, f"prefetch.{key}") from None
        if response.status_code == 404 and "?" not in query:
            return []
        if response.status_code != 200:
            msg = f"prefetch.{key}: fhirServer answered HTTP {response.status_code}"
            raise PrefetchError(msg, f"prefetch.{key}")
        try:
            data = response.json()
        except ValueError:
            msg = f"prefetch.{key}: fhirServer did not answer JSON"
            raise PrefetchError(msg, f"prefetch.{key}") from None
        try:
            out.extend(r for r in resources_of(data, f"prefetch.{key}") if _usable(r))
        except InputError as exc:
            raise PrefetchError(str(exc), exc.field) from None
        url = None
        if isinstance(data, dict) and data.get("resourceType") == "Bundle":
            for link in data.get("link") or []:
                if isinstance(link, dict) and link.get("relation") == "next":
                    nxt = link.get("url")
                    if (
                        isinstance(nxt, str)
                        and urlsplit(urljoin(base + "/", nxt)).netloc == urlsplit(base).netloc
                    ):
                        url = urljoin(base + "/", nxt)
    return out


def _usable(resource: Mapping[str, Any]) -> bool:
    return resource.get("resourceType") != "OperationOutcome"


def gather(
    templates: Mapping[str, str],
    context: Mapping[str, Any],
    prefetch: Mapping[str, Any] | None,
    *,
    fhir_server: str | None,
    fhir_authorization: Mapping[str, Any] | None,
    client_factory: Any,
) -> dict[str, list[dict[str, Any]]]:
    """Resources per prefetch key, from the prefetch or fetched from ``fhirServer``.

    Raises:
        InputError: a malformed prefetch value or fhirServer/fhirAuthorization.
        PrefetchError: a key is missing and cannot be fetched (412).
    """
    sent = prefetch or {}
    out: dict[str, list[dict[str, Any]]] = {}
    todo: list[tuple[str, str]] = []
    for key, template in templates.items():
        if key in sent:
            value = sent[key]
            if value is None:
                out[key] = []
                continue
            resources = resources_of(value, f"prefetch.{key}")
            if any(r.get("resourceType") == "OperationOutcome" for r in resources) and not any(
                _usable(r) for r in resources
            ):
                query = render(template, context)
                if query is not None:
                    todo.append((key, query))
                continue
            out[key] = [r for r in resources if _usable(r)]
            continue
        query = render(template, context)
        if query is None:
            out[key] = []
            continue
        todo.append((key, query))
    if not todo:
        return out
    if not fhir_server:
        keys = ", ".join(k for k, _ in todo)
        msg = f"prefetch: {keys} not sent and no fhirServer to fetch them from"
        raise PrefetchError(msg, f"prefetch.{todo[0][0]}")
    base = check_server(fhir_server)
    token = None
    if fhir_authorization is not None:
        raw = fhir_authorization.get("access_token")
        if not isinstance(raw, str) or not raw:
            msg = "fhirAuthorization.access_token: expected a non-empty string"
            raise InputError(msg, field="fhirAuthorization.access_token")
        if str(fhir_authorization.get("token_type", "Bearer")).lower() != "bearer":
            msg = "fhirAuthorization.token_type: expected 'Bearer'"
            raise InputError(msg, field="fhirAuthorization.token_type")
        token = raw
    client: httpx.Client = client_factory()
    for key, query in todo:
        out[key] = _fetch(client, base, query, token, key)
    return out
