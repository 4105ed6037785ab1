"""Error bodies and exception handlers: every refusal is a 4xx naming the field.

REST paths answer ``application/problem+json`` (RFC 9457) with ``field`` and ``errors``; CDS
Hooks and FHIR paths (or an ``Accept`` of ``application/fhir+json``) answer a FHIR R4
``OperationOutcome`` whose ``issue.expression`` names the field. Bodies never echo secrets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from marrowpath.errors import ConflictError, InputError, MarrowPathError, NotFoundError, StoreError

__all__ = [
    "FHIR_JSON",
    "PROBLEM_JSON",
    "error_response",
    "install_handlers",
    "operation_outcome",
    "validation_errors",
]

log = logging.getLogger("marrowpath.api")

PROBLEM_JSON = "application/problem+json"
FHIR_JSON = "application/fhir+json"

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}
_ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    412: "processing",
    413: "too-costly",
    415: "not-supported",
    422: "invalid",
    429: "throttled",
    503: "transient",
}


def _wants_fhir(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/cds-services") or "/fhir" in path:
        return True
    return FHIR_JSON in request.headers.get("accept", "")


def operation_outcome(
    status: int, errors: Sequence[tuple[str, str]], *, code: str | None = None
) -> dict[str, Any]:
    """A FHIR R4 OperationOutcome with one issue per (field, message)."""
    issue_code = code or _ISSUE_CODES.get(status, "processing")
    issues = []
    for field, message in errors or [("", _TITLES.get(status, "Error"))]:
        issue: dict[str, Any] = {
            "severity": "error",
            "code": issue_code,
            "diagnostics": message,
        }
        if field:
            issue["expression"] = [field]
        issues.append(issue)
    return {"resourceType": "OperationOutcome", "issue": issues}


def error_response(
    request: Request,
    status: int,
    errors: Sequence[tuple[str, str]],
    *,
    headers: dict[str, str] | None = None,
    code: str | None = None,
) -> JSONResponse:
    """The error body the client asked for: OperationOutcome or problem+json."""
    if _wants_fhir(request):
        body = operation_outcome(status, errors, code=code)
        return JSONResponse(body, status_code=status, media_type=FHIR_JSON, headers=headers)
    first_field, first_message = errors[0] if errors else ("", _TITLES.get(status, "Error"))
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": first_message,
    }
    if first_field:
        problem["field"] = first_field
    if errors:
        problem["errors"] = [{"field": f, "message": m} for f, m in errors]
    return JSONResponse(problem, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def validation_errors(raw: Sequence[Any]) -> list[tuple[str, str]]:
    """(field, message) pairs from pydantic/FastAPI error dicts; the field is a dotted path."""
    out: list[tuple[str, str]] = []
    for err in raw:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "header", "cookie"}:
            where = loc[0]
            loc = loc[1:]
        else:
            where = "body"
        field = ".".join(loc) or where
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "json_invalid":
            field = "body"
            msg = "the body is not valid JSON"
            out.append((field, f"{field}: {msg}"))
            continue
        if "input" in err and err.get("type") != "missing":
            msg = f"{msg}, got {_short(err['input'])}"
        out.append((field, f"{field}: {msg}"))
    return out


def _field_message(exc: InputError) -> tuple[str, str]:
    text = str(exc)
    field = exc.field or ""
    if field and not text.startswith(field):
        text = f"{field}: {text}"
    return field, text


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(request, 400, [_field_message(cast(InputError, exc))])


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    errors = validation_errors(cast(RequestValidationError, exc).errors())
    json_broken = any(f == "body" and "not valid JSON" in m for f, m in errors)
    return error_response(request, 400 if json_broken else 422, errors)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return error_response(request, 404, [("id", str(exc))])


async def _conflict(request: Request, exc: Exception) -> JSONResponse:
    return error_response(request, 409, [("expected_version", str(exc))])


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error: %s", type(exc).__name__)
    return error_response(request, 503, [("", "the store is not available; retry later")])


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    exc = cast(StarletteHTTPException, error)
    detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
    field = ""
    if isinstance(exc.detail, dict):
        field = str(exc.detail.get("field", ""))
        detail = str(exc.detail.get("message", detail))
    return error_response(
        request, exc.status_code, [(field, str(detail))], headers=getattr(exc, "headers", None)
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, MarrowPathError):
        return error_response(request, 400, [("", str(exc))])
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(request, 500, [("", "internal error; it has been logged")])


def install_handlers(app: FastAPI) -> None:
    """Register the handlers; more specific classes first (Starlette walks the MRO)."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
