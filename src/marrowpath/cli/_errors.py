"""Turning core errors into one line on stderr and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from marrowpath.errors import InputError, MarrowPathError

__all__ = ["fail", "reported_errors"]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as one line on stderr; return the Exit to raise."""
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Run a command body; bad input exits 2, other refusals exit 1, each with one line."""
    try:
        yield
    except InputError as exc:
        where = f"{exc.field}: " if exc.field and not str(exc).startswith(exc.field) else ""
        raise fail(f"{where}{exc}", 2) from None
    except MarrowPathError as exc:
        raise fail(str(exc), 1) from None
