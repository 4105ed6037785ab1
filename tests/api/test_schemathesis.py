"""Schemathesis against the OpenAPI document, in process: generated requests, never a 5xx."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.api.helpers import make_app, token
from tests.cdshooks.keys import Client

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.python import asgi

PER_OPERATION = 60
SERVICES = ("marrowpath-patient-view", "marrowpath-order-select", "marrowpath-order-sign")


@pytest.mark.slow
def test_generated_requests_never_5xx(tmp_path: Path) -> None:
    """At least 1,000 generated requests with a read+write token (and valid CDS JWTs)."""
    ehr = Client()
    app = make_app(
        tmp_path,
        rate_limit_per_minute=0,
        cds_trusted_issuers={ehr.issuer: ehr.write_jwks(tmp_path)},
    )
    headers = token(app, "read,write")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)
    sent = 0
    failures: list[str] = []
    statuses: dict[int, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]

        @given(case=operation.as_strategy())
        @settings(
            max_examples=PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal sent
            extra = dict(headers)
            path = case.operation.path
            if path.startswith("/cds-services/"):
                service = SERVICES[sent % len(SERVICES)]
                case.path_parameters = {"service_id": service}
                aud = f"http://{asgi.HOST}/cds-services/{service}"
                if path.endswith("/feedback"):
                    aud += "/feedback"
                extra["Authorization"] = f"Bearer {ehr.token(aud)}"
            response = case.call(headers=extra)
            sent += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        run()
    print(f"schemathesis: {sent} requests, statuses {sorted(statuses.items())}")
    assert sent >= 1000
    assert sum(n for code, n in statuses.items() if code < 300) > 100
    assert failures == []
