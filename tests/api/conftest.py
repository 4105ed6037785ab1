"""Service fixtures: an app on a fresh SQLite store, a client, tokens with scopes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from tests.api.helpers import TestClient, client_for, make_app, token


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return make_app(tmp_path)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with client_for(app) as c:
        yield c


@pytest.fixture
def rw(app: FastAPI) -> dict[str, str]:
    """Headers of a read+write token."""
    return token(app, "read,write")


@pytest.fixture
def ro(app: FastAPI) -> dict[str, str]:
    """Headers of a read-only token."""
    return token(app, "read")
