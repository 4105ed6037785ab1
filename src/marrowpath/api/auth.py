"""Bearer tokens with scopes for the REST API, checked before the body is read.

An ASGI middleware looks at the ``Authorization`` header of every request that is not public
(only health, readiness, CDS Hooks, which has its own JWT check, and the web UI, which has its
own login): a missing or unknown token is 401, a token without the needed scope 403, a token
over its rate 429. Reading endpoints need ``read``; endpoints that change stored episodes need
``write``. A checked token is cached for ``MARROWPATH_TOKEN_CACHE_SECONDS``; tokens are never
logged.
"""

from __future__ import annotations

import threading
import time

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from marrowpath.api.errors import error_response
from marrowpath.api.limits import RateLimiter
from marrowpath.store.engine import Store
from marrowpath.store.tokens import TokenRecord, token_digest, verify_token

__all__ = ["AuthMiddleware", "TokenCache", "required_scope"]

PUBLIC_PREFIXES = ("/cds-services", "/ui")
PUBLIC_PATHS = frozenset({"/", "/health", "/ready", "/favicon.ico"})
DOC_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
READ_ONLY_POSTS = frozenset(
    {
        "/api/v1/assess",
        "/api/v1/plan",
        "/api/v1/reports/read",
        "/api/v1/fhir/assess",
        "/api/v1/fhir/case",
    }
)


def required_scope(method: str, path: str, *, public_docs: bool = False) -> str | None:
    """The scope a request needs, or None when the path is public."""
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return None
    if path in DOC_PATHS:
        return None if public_docs else "read"
    if method in {"GET", "HEAD", "OPTIONS"} or path in READ_ONLY_POSTS:
        return "read"
    return "write"


class TokenCache:
    """Checked tokens by digest for a few seconds, so most requests need no database read."""

    def __init__(self, store: Store, ttl_seconds: float) -> None:
        self.store = store
        self.ttl = ttl_seconds
        self._cache: dict[str, tuple[TokenRecord, float]] = {}
        self._lock = threading.Lock()

    def check(self, secret: str) -> TokenRecord | None:
        digest = token_digest(secret)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(digest)
        if hit is not None and hit[1] > now:
            return hit[0]
        record = verify_token(self.store, secret)
        if record is not None and self.ttl > 0:
            with self._lock:
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[digest] = (record, now + self.ttl)
        return record

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()


def bearer(scope: Scope) -> str | None:
    """The bearer credential of the ``Authorization`` header, if any."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            try:
                text = value.decode("latin-1")
            except UnicodeDecodeError:
                return None
            kind, _, cred = text.partition(" ")
            if kind.lower() == "bearer" and cred.strip():
                return str(cred.strip())
            return None
    return None


class AuthMiddleware:
    """401/403/429 before the endpoint (and before the body is read)."""

    def __init__(
        self,
        app: ASGIApp,
        tokens: TokenCache,
        limiter: RateLimiter,
        *,
        public_docs: bool,
        failures_per_minute: int = 60,
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.limiter = limiter
        self.failures = RateLimiter(failures_per_minute)
        """Failed attempts per client address: guessing tokens is throttled."""
        self.public_docs = public_docs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        need = required_scope(scope["method"], scope["path"], public_docs=self.public_docs)
        if need is None:
            await self.app(scope, receive, send)
            return
        secret = bearer(scope)
        record = self.tokens.check(secret) if secret else None
        if record is None:
            client = scope.get("client")
            wait = self.failures.retry_after(str(client[0]) if client else "-")
            if wait is not None:
                response = error_response(
                    Request(scope),
                    429,
                    [("Authorization", "Authorization: too many failed attempts; retry later")],
                    headers=self.failures.headers(wait),
                )
                await response(scope, receive, send)
                return
            response = error_response(
                Request(scope),
                401,
                [("Authorization", "Authorization: a valid bearer token is required")],
                headers={"WWW-Authenticate": 'Bearer realm="marrowpath"'},
            )
            await response(scope, receive, send)
            return
        if need not in record.scopes:
            response = error_response(
                Request(scope),
                403,
                [("Authorization", f"Authorization: this request needs the {need!r} scope")],
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{need}"'},
            )
            await response(scope, receive, send)
            return
        retry = self.limiter.retry_after(record.id)
        if retry is not None:
            response = error_response(
                Request(scope),
                429,
                [("Authorization", "Authorization: rate limit of this token reached; retry later")],
                headers=self.limiter.headers(retry),
            )
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["token"] = record
        await self.app(scope, receive, send)
