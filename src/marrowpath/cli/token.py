"""``marrowpath token``: bearer tokens of the REST API (create, list, revoke).

The secret is printed once, on creation; the store keeps only its SHA-256 digest.
"""

from __future__ import annotations

from typing import Annotated

import typer

from marrowpath.cli._errors import reported_errors
from marrowpath.cli._options import ActorOption, DbOption, actor_name

__all__ = ["register"]

token_app = typer.Typer(help="REST API tokens: create, list, revoke.", no_args_is_help=True)


@token_app.command("create")
def create(
    scope: Annotated[str, typer.Option(help="Comma-separated scopes: read, write.")] = "read",
    label: Annotated[str, typer.Option(help="What the token is for (shown in lists).")] = "",
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Create a token and print its secret (shown only now).

    Example: marrowpath token create --scope read,write --label "ward dashboard"
    """
    from marrowpath.store import open_store
    from marrowpath.store.tokens import create_token

    with reported_errors(), open_store(db) as store:
        secret, _ = create_token(store, scopes=scope, label=label, actor=actor_name(actor))
    print(secret)


@token_app.command("list")
def list_(db: DbOption = None) -> None:
    """List tokens: id, scopes, created, revoked, label (never the secret)."""
    from marrowpath.store import open_store
    from marrowpath.store.tokens import list_tokens

    with reported_errors(), open_store(db) as store:
        for t in list_tokens(store):
            revoked = t.revoked.isoformat(timespec="seconds") if t.revoked else "-"
            created = t.created.isoformat(timespec="seconds")
            print(f"{t.id}\t{','.join(t.scopes)}\t{created}\t{revoked}\t{t.label}")


@token_app.command("revoke")
def revoke(
    token_id: Annotated[str, typer.Argument(help="The id shown by `token list`.")],
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Revoke a token by id."""
    from marrowpath.store import open_store
    from marrowpath.store.tokens import revoke_token

    with reported_errors(), open_store(db) as store:
        t = revoke_token(store, token_id, actor=actor_name(actor))
    print(f"{t.id}\trevoked")


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
