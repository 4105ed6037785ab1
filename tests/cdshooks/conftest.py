"""CDS Hooks fixtures: an EHR client with keys, an app that trusts it, request helpers."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.api.helpers import TestClient, client_for, make_app
from tests.cdshooks.keys import Client

BASE = "http://testserver"
HIP_REPORT = (
    "MRI of the left hip: diffuse bone marrow edema of the femoral head and neck extending to "
    "the intertrochanteric region. No subchondral fracture line. Joint effusion."
)


@pytest.fixture(scope="session")
def ehr() -> Client:
    """The calling EHR (keys made once per session)."""
    return Client()


@pytest.fixture
def cds_app(tmp_path: Path, ehr: Client) -> FastAPI:
    return make_app(tmp_path, cds_trusted_issuers={ehr.issuer: ehr.write_jwks(tmp_path)})


@pytest.fixture
def cds(cds_app: FastAPI) -> Iterator[TestClient]:
    with client_for(cds_app) as c:
        yield c


def report(text: str = HIP_REPORT, rid: str = "r1", days_ago: int = 3) -> dict[str, Any]:
    day = (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
    return {
        "resourceType": "DiagnosticReport",
        "id": rid,
        "status": "final",
        "code": {"text": "MRI hip"},
        "effectiveDateTime": day,
        "presentedForm": [
            {"contentType": "text/plain", "data": base64.b64encode(text.encode()).decode()}
        ],
    }


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }


PATIENT = {"resourceType": "Patient", "id": "pat-1", "gender": "male", "birthDate": "1980-04-02"}


def prefetch(
    *, reports: list[dict[str, Any]] | None = None, conditions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "patient": PATIENT,
        "conditions": bundle(*(conditions or [])),
        "reports": bundle(*(reports or [])),
        "imaging": None,
        "observations": None,
    }


def hook_body(hook: str, context: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    ctx = {"patientId": "pat-1", "userId": "Practitioner/dr-1", **(context or {})}
    return {
        "hook": hook,
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": ctx,
        **extra,
    }


Call = Callable[..., Any]


@pytest.fixture
def call(cds: TestClient, ehr: Client) -> Call:
    """POST a hook body to a service with a fresh valid JWT (or the given one)."""

    def run(service: str, body: dict[str, Any], jwt: str | None = None, **kw: Any) -> Any:
        token = jwt or ehr.token(f"{BASE}/cds-services/{service}", **kw)
        return cds.post(
            f"/cds-services/{service}", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    return run
