"""Web fixtures: a small app holding only the UI router, on a fresh SQLite store per test."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

from marrowpath.store import Store, open_store
from marrowpath.store.accounts import create_user
from marrowpath.web import create_router

with warnings.catch_warnings():
    # Starlette warns once at import that it prefers httpx2; the client works with httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

# A case that reaches the assessment without a red flag (transient osteoporosis of the hip).
CASE_FORM = {
    "patient": "P-0042",
    "patient.age": "44",
    "patient.sex": "male",
    "region": "hip",
    "side": "right",
    "onset_weeks": "5",
    "trauma": "no",
    "start": "2026-01-05",
    "findings.groin_pain": "yes",
    "findings.pain_on_weight_bearing": "yes",
    "findings.limp": "yes",
    "findings.fever": "no",
    "findings.crp": "2,1",
    "findings.xray_normal": "yes",
    "findings.mri_bme": "yes",
    "findings.mri_bme_diffuse": "yes",
    "findings.mri_t1_low": "yes",
    "findings.mri_t2_high": "yes",
    "findings.mri_double_line_sign": "no",
}


@dataclass
class UI:
    """A test client on the UI and the store behind it."""

    client: TestClient
    store: Store

    def csrf(self, path: str = "/ui/cases/new") -> str:
        """The CSRF token the page at ``path`` puts in its forms."""
        found = CSRF.search(self.client.get(path).text)
        if found is None:
            msg = f"no CSRF token on {path}"
            raise AssertionError(msg)
        return found.group(1)

    def new_episode(self, lang: str = "en", **changes: str) -> str:
        """Submit the case form and return the new episode's id."""
        data = {**CASE_FORM, **changes, "csrf_token": self.csrf(), "action": "assess"}
        r = self.client.post(f"/ui/cases?lang={lang}", data=data, follow_redirects=False)
        assert r.status_code == 303, r.text[:2000]
        found = re.search(r"/ui/episodes/([0-9a-f-]{36})/assessment", r.headers["location"])
        assert found is not None
        return found.group(1)


@pytest.fixture
def ui_factory(tmp_path: Path) -> Iterator[Callable[..., UI]]:
    """Make a UI in local mode (default) or account mode; stores are closed afterwards."""
    stores: list[Store] = []

    def make(local_mode: bool = True, **settings: object) -> UI:
        url = f"sqlite:///{tmp_path / f'ui{len(stores)}.sqlite'}"
        store = open_store(url)
        stores.append(store)
        config = SimpleNamespace(local_mode=local_mode, database_url=url, **settings)
        app = FastAPI()
        app.include_router(create_router(config, store=store))
        return UI(client=TestClient(app), store=store)

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def ui(ui_factory: Callable[..., UI]) -> UI:
    """The UI in single-user local mode."""
    return ui_factory()


@pytest.fixture
def accounts_ui(ui_factory: Callable[..., UI]) -> UI:
    """The UI with clinician accounts; user ``dr_a`` exists."""
    made = ui_factory(local_mode=False)
    create_user(made.store, "dr_a", PASSWORD, display_name="Dr. A", actor="admin")
    return made


def login(ui: UI, username: str = "dr_a", password: str = PASSWORD) -> None:
    """Log in through the login form."""
    token = ui.csrf("/ui/login")
    r = ui.client.post(
        "/ui/login?lang=en",
        data={"csrf_token": token, "username": username, "password": password, "next": "/ui/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:1000]
