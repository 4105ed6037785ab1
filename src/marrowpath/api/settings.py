"""Service settings: every ``MARROWPATH_*`` variable, read and checked once at start.

A bad value stops the server with one message naming the variable, the value and what was
expected (:class:`SettingsError`), so a typo never becomes a silently insecure default.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from marrowpath.errors import InputError

__all__ = ["ENV_VARS", "Settings", "SettingsError"]


class SettingsError(InputError):
    """A ``MARROWPATH_*`` variable with a value that cannot be used."""


ENV_VARS: dict[str, str] = {
    "MARROWPATH_DATABASE_URL": "SQLAlchemy URL of the store (default SQLite in the user data "
    "directory; postgresql+psycopg://... for several workers or hosts).",
    "MARROWPATH_HOST": "Address to listen on (default 127.0.0.1).",
    "MARROWPATH_PORT": "TCP port (default 8000).",
    "MARROWPATH_WORKERS": "Uvicorn worker processes (default 1; several hosts need PostgreSQL).",
    "MARROWPATH_LOCAL": "Single-user local mode of the web UI, no login (true/false; default "
    "true when listening on 127.0.0.1 or localhost, else false).",
    "MARROWPATH_PUBLIC_BASE_URL": "The external base URL behind a proxy, e.g. "
    "https://cds.example.org/marrowpath (used for JWT audience and card links).",
    "MARROWPATH_CDS_TRUSTED_ISSUERS": "JSON object from JWT issuer to its JWKS file, e.g. "
    '{"https://ehr.example.org": "/etc/marrowpath/ehr-jwks.json"}.',
    "MARROWPATH_CDS_JWT_LEEWAY_SECONDS": "Clock skew allowed for exp/iat (default 30).",
    "MARROWPATH_CDS_FHIR_TIMEOUT_SECONDS": "Timeout of a fetch from the EHR's fhirServer "
    "(default 5).",
    "MARROWPATH_CDS_RATE_LIMIT_PER_MINUTE": "Hook calls per minute per JWT issuer (default 0 "
    "= unlimited).",
    "MARROWPATH_CDS_CACHE_SIZE": "Hook results kept per worker for identical record data "
    "(default 1024; 0 = off).",
    "MARROWPATH_CDS_DURABLE_COMMIT": "Wait for the disk on every hook's jti/audit commit "
    "(group commit; true/false, default false: relaxed flush, see docs/service.md).",
    "MARROWPATH_CORS_ORIGINS": "Comma-separated origins allowed by CORS (default none).",
    "MARROWPATH_MAX_BODY_BYTES": "Largest request body accepted (default 2097152 = 2 MiB).",
    "MARROWPATH_RATE_LIMIT_PER_MINUTE": "REST requests per minute per API token (default 600; "
    "0 = unlimited).",
    "MARROWPATH_AUTH_FAILURES_PER_MINUTE": "Requests with a missing or unknown API token "
    "per minute and client address before 429 (default 60; 0 = unlimited).",
    "MARROWPATH_TOKEN_CACHE_SECONDS": "How long a checked API token is trusted without a "
    "database read (default 10; a revocation takes at most this long).",
    "MARROWPATH_PUBLIC_DOCS": "Serve /openapi.json and /docs without a token (true/false; "
    "default false).",
    "MARROWPATH_LANG": "Default language of texts, en or de (default en).",
    "MARROWPATH_LOG_LEVEL": "Log level: debug, info, warning, error (default info).",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Settings(BaseModel):
    """The checked settings of one service process."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    local_mode: bool = True
    public_base_url: str | None = None
    cds_trusted_issuers: dict[str, Path] = {}
    cds_jwt_leeway_seconds: int = 30
    cds_fhir_timeout_seconds: float = 5.0
    cds_rate_limit_per_minute: int = 0
    cds_cache_size: int = 1024
    cds_durable_commit: bool = False
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2 * 1024 * 1024
    rate_limit_per_minute: int = 600
    auth_failures_per_minute: int = 60
    token_cache_seconds: float = 10.0
    public_docs: bool = False
    lang: str = "en"
    log_level: str = "info"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``env`` (default ``os.environ``).

        Raises:
            SettingsError: a variable has a value that cannot be used; the message names it.
        """
        e = os.environ if env is None else env
        host = e.get("MARROWPATH_HOST", "127.0.0.1").strip() or "127.0.0.1"
        local_default = host in {"127.0.0.1", "localhost", "::1"}
        return cls(
            database_url=e.get("MARROWPATH_DATABASE_URL") or None,
            host=host,
            port=_int(e, "MARROWPATH_PORT", 8000, 1, 65535),
            workers=_int(e, "MARROWPATH_WORKERS", 1, 1, 256),
            local_mode=_bool(e, "MARROWPATH_LOCAL", local_default),
            public_base_url=_base_url(e.get("MARROWPATH_PUBLIC_BASE_URL")),
            cds_trusted_issuers=_issuers(e.get("MARROWPATH_CDS_TRUSTED_ISSUERS")),
            cds_jwt_leeway_seconds=_int(e, "MARROWPATH_CDS_JWT_LEEWAY_SECONDS", 30, 0, 300),
            cds_fhir_timeout_seconds=_float(e, "MARROWPATH_CDS_FHIR_TIMEOUT_SECONDS", 5.0, 60.0),
            cds_rate_limit_per_minute=_int(
                e, "MARROWPATH_CDS_RATE_LIMIT_PER_MINUTE", 0, 0, 10_000_000
            ),
            cds_cache_size=_int(e, "MARROWPATH_CDS_CACHE_SIZE", 1024, 0, 1_000_000),
            cds_durable_commit=_bool(e, "MARROWPATH_CDS_DURABLE_COMMIT", False),
            cors_origins=_origins(e.get("MARROWPATH_CORS_ORIGINS", "")),
            max_body_bytes=_int(e, "MARROWPATH_MAX_BODY_BYTES", 2 * 1024 * 1024, 1024, 2**30),
            rate_limit_per_minute=_int(e, "MARROWPATH_RATE_LIMIT_PER_MINUTE", 600, 0, 10_000_000),
            auth_failures_per_minute=_int(
                e, "MARROWPATH_AUTH_FAILURES_PER_MINUTE", 60, 0, 10_000_000
            ),
            token_cache_seconds=_float(e, "MARROWPATH_TOKEN_CACHE_SECONDS", 10.0, 3600.0),
            public_docs=_bool(e, "MARROWPATH_PUBLIC_DOCS", False),
            lang=_choice(e, "MARROWPATH_LANG", "en", ("en", "de")),
            log_level=_choice(
                e, "MARROWPATH_LOG_LEVEL", "info", ("debug", "info", "warning", "error")
            ),
        )


def _fail(name: str, value: str, expected: str) -> SettingsError:
    return SettingsError(f"{name}: {value!r} is not {expected}", field=name)


def _int(e: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = e.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _fail(name, raw, f"an integer from {low} to {high}") from None
    if not low <= value <= high:
        raise _fail(name, raw, f"an integer from {low} to {high}")
    return value


def _float(e: Mapping[str, str], name: str, default: float, high: float) -> float:
    raw = e.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise _fail(name, raw, f"a number of seconds from 0 to {high:g}") from None
    if not 0 <= value <= high:
        raise _fail(name, raw, f"a number of seconds from 0 to {high:g}")
    return value


def _bool(e: Mapping[str, str], name: str, default: bool) -> bool:
    raw = e.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise _fail(name, e[name], "true or false")


def _choice(e: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = e.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise _fail(name, e[name], "one of " + ", ".join(choices))
    return raw


def _base_url(raw: str | None) -> str | None:
    name = "MARROWPATH_PUBLIC_BASE_URL"
    if raw is None or not raw.strip():
        return None
    parts = urlsplit(raw.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise _fail(name, raw, "an http(s) URL without query or fragment")
    return raw.strip().rstrip("/")


def _issuers(raw: str | None) -> dict[str, Path]:
    name = "MARROWPATH_CDS_TRUSTED_ISSUERS"
    if raw is None or not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise _fail(name, raw, "a JSON object from issuer to JWKS file path") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in data.items()
    ):
        raise _fail(name, raw, "a JSON object from issuer to JWKS file path")
    out: dict[str, Path] = {}
    for issuer, path in data.items():
        p = Path(path)
        if not p.is_file():
            msg = f"{name}: JWKS file {path!r} of issuer {issuer!r} does not exist"
            raise SettingsError(msg, field=name)
        out[issuer] = p
    return out


def _origins(raw: str) -> tuple[str, ...]:
    name = "MARROWPATH_CORS_ORIGINS"
    out = []
    for item in (s.strip() for s in raw.split(",")):
        if not item:
            continue
        parts = urlsplit(item)
        if item != "*" and (
            parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}
        ):
            raise _fail(name, item, "an origin like https://ehr.example.org")
        out.append(item.rstrip("/"))
    return tuple(out)
