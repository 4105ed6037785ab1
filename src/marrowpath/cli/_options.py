"""Options shared by the commands that touch the episode store."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

__all__ = ["ActorOption", "DbOption", "actor_name"]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: MARROWPATH_DATABASE_URL or "
        "SQLite in the user data directory).",
    ),
]
ActorOption = Annotated[
    str | None, typer.Option(help="Who acts, for the audit (default: MARROWPATH_ACTOR or login).")
]


def actor_name(actor: str | None) -> str:
    """The audit's actor: the option, else MARROWPATH_ACTOR, else the login name."""
    if actor:
        return actor
    if os.environ.get("MARROWPATH_ACTOR"):
        return os.environ["MARROWPATH_ACTOR"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"
