"""Hook calls with odd but JSON-valid records and orders: a 200 or a 4xx, never a 5xx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.api.helpers import client_for, make_app
from tests.cdshooks.conftest import BASE, bundle, hook_body
from tests.cdshooks.keys import Client
from tests.fhir.test_bundle_in_fuzz import json_values, resources

ORDER_FIELDS = ["code", "bodySite", "orderDetail", "id"]


@st.composite
def orders(draw: st.DrawFn) -> dict[str, Any]:
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "sr-1"}
    for field in draw(st.lists(st.sampled_from(ORDER_FIELDS), max_size=3, unique=True)):
        order[field] = draw(json_values)
    if draw(st.booleans()):
        order["code"] = {
            "text": draw(st.sampled_from(["MRI knee", "X-ray hip", "MR lumbar spine"]))
        }
    return order


def test_hooks_never_5xx(tmp_path: Path, ehr: Client) -> None:
    """patient-view and order-sign with generated prefetch and draft orders."""
    app = make_app(tmp_path, cds_trusted_issuers={ehr.issuer: ehr.write_jwks(tmp_path)})
    with client_for(app) as client:

        @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
        @given(
            st.lists(resources(), max_size=4),
            st.lists(orders(), max_size=2),
            st.sampled_from(["marrowpath-patient-view", "marrowpath-order-sign"]),
        )
        def run(record: list[dict[str, Any]], draft: list[dict[str, Any]], service: str) -> None:
            hook = "patient-view" if service.endswith("view") else "order-sign"
            context = {} if hook == "patient-view" else {"draftOrders": bundle(*draft)}
            prefetch = {
                "patient": None,
                "conditions": bundle(*record),
                "reports": None,
                "imaging": None,
                "observations": None,
            }
            token = ehr.token(f"{BASE}/cds-services/{service}")
            r = client.post(
                f"/cds-services/{service}",
                json=hook_body(hook, context, prefetch=prefetch),
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code < 500, r.text
            if r.status_code == 200:
                assert isinstance(r.json()["cards"], list)

        run()
