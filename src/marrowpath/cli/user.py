"""``marrowpath user``: accounts of the web UI (create, disable, enable).

The password is prompted twice (hidden) or read from stdin with ``--password-stdin`` (first
line), never taken as an argument, so it stays out of shell history and process lists.
"""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from marrowpath.cli._errors import fail, reported_errors
from marrowpath.cli._options import ActorOption, DbOption, actor_name

__all__ = ["register"]

user_app = typer.Typer(help="Web UI accounts: create, disable, enable.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise fail("password: the two entries differ")
    return first


@user_app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="The login name (letters, digits, ._@-).")],
    display_name: Annotated[str, typer.Option(help="The name shown in the UI.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Create a user of the web UI; print its id.

    Example: marrowpath user create dr_a --display-name "Dr. A"
    """
    from marrowpath.store import open_store
    from marrowpath.store.accounts import create_user

    password = _password(password_stdin)
    with reported_errors(), open_store(db) as store:
        user = create_user(
            store, username, password, display_name=display_name, actor=actor_name(actor)
        )
    print(f"{user.id}\t{user.username}")


def _set_disabled(username: str, disabled: bool, db: str | None, actor: str | None) -> None:
    from marrowpath.store import open_store
    from marrowpath.store.accounts import set_disabled

    with reported_errors(), open_store(db) as store:
        user = set_disabled(store, username, disabled, actor=actor_name(actor))
    print(f"{user.username}\t{'disabled' if user.disabled else 'enabled'}")


@user_app.command("disable")
def disable(
    username: Annotated[str, typer.Argument(help="The login name.")],
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Disable a user (its sessions end at once)."""
    _set_disabled(username, True, db, actor)


@user_app.command("enable")
def enable(
    username: Annotated[str, typer.Argument(help="The login name.")],
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Enable a disabled user again."""
    _set_disabled(username, False, db, actor)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
