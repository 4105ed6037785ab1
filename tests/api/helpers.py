"""Shared helpers of the service tests: an app on a fresh store, tokens, a TestClient."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from marrowpath.api.app import create_app
from marrowpath.api.settings import Settings
from marrowpath.store.tokens import create_token

with warnings.catch_warnings():
    # Starlette warns at import that its TestClient prefers httpx2; the client works the same.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

__all__ = ["TestClient", "client_for", "make_app", "token"]


def make_app(tmp_path: Path, **overrides: Any) -> FastAPI:
    """An app on a new SQLite store in ``tmp_path`` with ``overrides`` of the settings."""
    values: dict[str, Any] = {"database_url": f"sqlite:///{tmp_path / 'service.sqlite'}"}
    values.update(overrides)
    return create_app(Settings(**values))


def token(app: FastAPI, scopes: str = "read,write") -> dict[str, str]:
    """The Authorization header of a new token with ``scopes``."""
    secret, _ = create_token(app.state.service.store, scopes=scopes, actor="test")
    return {"Authorization": f"Bearer {secret}"}


@contextmanager
def client_for(app: FastAPI, base_url: str = "http://testserver") -> Iterator[TestClient]:
    with TestClient(app, base_url=base_url) as client:
        yield client
