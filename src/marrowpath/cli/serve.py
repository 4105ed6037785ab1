"""``marrowpath serve``: the HTTP service (REST API, CDS Hooks, web UI) under uvicorn.

Defaults: 127.0.0.1:8000, SQLite in the user data directory and the single-user local mode of
the web UI. Every setting is a ``MARROWPATH_*`` environment variable (``docs/service.md``);
the options here override the few that are usually given on the command line.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from marrowpath.cli._errors import fail
from marrowpath.errors import MarrowPathError

__all__ = ["register"]


def serve(
    host: Annotated[str | None, typer.Option(help="Address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default 8000).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default 1).")] = None,
    local: Annotated[
        bool | None,
        typer.Option(
            "--local/--accounts",
            help="Single-user web UI without login (default on for 127.0.0.1).",
        ),
    ] = None,
) -> None:
    """Start the HTTP service and print the URL of the web UI.

    Example: marrowpath serve --port 8080
    """
    from marrowpath.api.settings import Settings, SettingsError

    overrides = {
        "MARROWPATH_HOST": host,
        "MARROWPATH_PORT": None if port is None else str(port),
        "MARROWPATH_WORKERS": None if workers is None else str(workers),
        "MARROWPATH_LOCAL": None if local is None else str(local).lower(),
    }
    env = {**os.environ, **{k: v for k, v in overrides.items() if v is not None}}
    try:
        settings = Settings.from_env(env)
    except SettingsError as exc:
        raise fail(str(exc)) from None
    if settings.local_mode and settings.host not in {"127.0.0.1", "localhost", "::1"}:
        raise fail(
            f"MARROWPATH_LOCAL: local single-user mode listens only on 127.0.0.1, "
            f"not {settings.host!r}; use --accounts"
        )
    from marrowpath.api.app import check_startup

    try:
        check_startup(settings)
    except MarrowPathError as exc:
        raise fail(str(exc), 1) from None
    import uvicorn

    # The workers build their app from the environment (uvicorn's factory), so the options
    # given here go there too.
    os.environ.update({k: v for k, v in overrides.items() if v is not None})

    shown = "localhost" if settings.host in {"127.0.0.1", "::1"} else settings.host
    base = settings.public_base_url or f"http://{shown}:{settings.port}"
    print(f"MarrowPath web UI: {base}/ui/  (REST API: {base}/api/v1, needs a token)", flush=True)
    uvicorn.run(
        "marrowpath.api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        access_log=False,
        proxy_headers=settings.public_base_url is not None,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
