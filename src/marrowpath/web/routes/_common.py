"""Helpers shared by the page modules: error pages, form reading and the CSRF check."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.responses import Response

from marrowpath.errors import ConflictError, InputError, NotFoundError, StoreError
from marrowpath.web.page import Page
from marrowpath.web.security import CSRF_FIELD, token_matches

__all__ = ["FormData", "csrf_refusal", "guarded", "read_form"]

FormData = dict[str, str]


async def read_form(request: Request) -> FormData:
    """The text fields of a submitted form (file parts are ignored; the last value wins)."""
    form = await request.form()
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


def csrf_refusal(page: Page, data: FormData) -> Response | None:
    """A 403 page when the form's CSRF token is not the caller's, else None."""
    if token_matches(page.caller, data.get(CSRF_FIELD)):
        return None
    return page.error(403, "forbidden_title", page.t("csrf_refused"))


def guarded(page: Page, handler: Callable[[], Response]) -> Response:
    """Run ``handler``; refusals of the core become error pages with the message."""
    try:
        return handler()
    except NotFoundError as exc:
        return page.error(404, "not_found_title", str(exc))
    except ConflictError as exc:
        return page.error(409, "conflict_title", str(exc))
    except InputError as exc:
        return page.error(400, "bad_input_title", str(exc))
    except StoreError as exc:
        return page.error(503, "error_title", str(exc))
