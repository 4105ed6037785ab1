"""CDS Hooks 2.0 endpoints: discovery, patient-view, order-select/sign, prefetch, feedback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi import FastAPI

from marrowpath.casefile import case_from_data
from marrowpath.cdshooks.cards import MAX_SUMMARY, summary
from marrowpath.cdshooks.prefetch import render
from marrowpath.pathway import plan
from marrowpath.reasoning import assess
from marrowpath.store import add_visit, create_episode
from tests.api.helpers import TestClient, client_for, make_app
from tests.cdshooks.conftest import BASE, PATIENT, Call, bundle, hook_body, prefetch, report
from tests.cdshooks.fhir_server import TOKEN, FhirServer
from tests.cdshooks.keys import Client

PV = "marrowpath-patient-view"
SELECT = "marrowpath-order-select"
SIGN = "marrowpath-order-sign"


def check_card(card: dict[str, Any]) -> None:
    """The CDS Hooks 2.0 rules every card must keep."""
    assert 0 < len(card["summary"]) <= MAX_SUMMARY
    assert card["indicator"] in {"info", "warning", "critical"}
    assert card["source"]["label"] == "MarrowPath"
    assert len(card["uuid"]) == 36
    for value in card.values():
        assert value not in (None, "", [], {})
    if "suggestions" in card:
        assert card["selectionBehavior"] == "at-most-one"
        for s in card["suggestions"]:
            assert s["label"]
            assert s["actions"]
    for link in card.get("links", []):
        assert link["type"] == "absolute"
        assert link["label"]
        assert link["url"]


def order(text: str, rid: str = "sr-1") -> dict[str, Any]:
    return {
        "resourceType": "ServiceRequest",
        "id": rid,
        "status": "draft",
        "intent": "order",
        "code": {"text": text},
        "subject": {"reference": "Patient/pat-1"},
    }


class TestDiscovery:
    """GET /cds-services."""

    def test_services(self, cds: TestClient) -> None:
        """Three services with hook, id, title, description and prefetch templates."""
        r = cds.get("/cds-services")
        assert r.status_code == 200
        services = {s["id"]: s for s in r.json()["services"]}
        assert {s["hook"] for s in services.values()} == {
            "patient-view",
            "order-select",
            "order-sign",
        }
        for s in services.values():
            assert s["title"]
            assert s["description"]
            assert s["prefetch"]["patient"] == "Patient/{{context.patientId}}"

    def test_templates_render(self) -> None:
        """Context tokens are filled in (URL-encoded); a missing one leaves the key out."""
        assert (
            render("Condition?patient={{context.patientId}}", {"patientId": "a b"})
            == "Condition?patient=a%20b"
        )
        assert (
            render("Practitioner/{{userPractitionerId}}", {"userId": "Practitioner/7"})
            == "Practitioner/7"
        )
        assert render("Condition?patient={{context.patientId}}", {}) is None


class TestPatientView:
    """patient-view: episode state, assessment card, or nothing."""

    def test_nothing_to_say(self, call: Call) -> None:
        """No episode and no BME in the record: cards is an empty list."""
        r = call(PV, hook_body("patient-view", prefetch=prefetch()))
        assert r.status_code == 200
        assert r.json() == {"cards": []}

    def test_negated_edema_is_nothing(self, call: Call) -> None:
        """A report that rules BME out gives no card."""
        text = "MRI of the left knee: no bone marrow edema. Menisci intact."
        r = call(PV, hook_body("patient-view", prefetch=prefetch(reports=[report(text)])))
        assert r.json() == {"cards": []}

    def test_assessment_card(self, call: Call) -> None:
        """A recent MRI report with BME gives a sourced differential card linking to the UI."""
        r = call(PV, hook_body("patient-view", prefetch=prefetch(reports=[report()])))
        assert r.status_code == 200
        cards = r.json()["cards"]
        assert len(cards) == 1
        card = cards[0]
        check_card(card)
        assert card["summary"].startswith("Bone marrow edema (Hip): ")
        assert card["indicator"] == "info"
        assert card["links"][0]["url"] == f"{BASE}/ui/"
        assert "| p |" in card["detail"]

    def test_old_report_is_ignored(self, call: Call) -> None:
        """Only reports of the last 90 days count."""
        old = report(days_ago=200)
        assert call(PV, hook_body("patient-view", prefetch=prefetch(reports=[old]))).json() == {
            "cards": []
        }

    def test_condition_with_edema(self, call: Call) -> None:
        """A Condition stating BME with a body site is enough."""
        cond = {
            "resourceType": "Condition",
            "id": "c-bme",
            "code": {"text": "Bone marrow edema of the right knee"},
            "bodySite": [{"text": "Knee"}],
        }
        cards = call(PV, hook_body("patient-view", prefetch=prefetch(conditions=[cond]))).json()[
            "cards"
        ]
        assert cards
        assert cards[-1]["summary"].startswith("Bone marrow edema (Knee)")

    def test_red_flag_card_first(self, call: Call) -> None:
        """Fever with BME: a critical red-flag card before the differential."""
        fever = {"resourceType": "Condition", "id": "c-f", "code": {"text": "Fever"}}
        cards = call(
            PV, hook_body("patient-view", prefetch=prefetch(reports=[report()], conditions=[fever]))
        ).json()["cards"]
        assert cards[0]["indicator"] == "critical"
        assert cards[0]["summary"].startswith("Red flag: Suspected bone or joint infection.")
        for c in cards:
            check_card(c)

    def test_open_episode(self, cds_app: FastAPI, call: Call) -> None:
        """An open episode of the patient: its state and alerts, linked to the episode page."""
        store = cds_app.state.service.store
        case = case_from_data({"region": "knee", "findings": {"mri_bme": True}})
        a = assess(case)
        start = dt.date.today() - dt.timedelta(days=15)
        ep = create_episode(
            store, actor="t", patient="pat-1", case=case, assessment=a, plan=plan(a, start)
        )
        add_visit(
            store,
            ep.id,
            {
                "date": dt.date.today().isoformat(),
                "pain_rest": 3,
                "pain_load": 5,
                "weight_bearing": "full_weight_bearing",
            },
            actor="t",
            expected_version=1,
        )
        cards = call(PV, hook_body("patient-view", prefetch=prefetch(reports=[report()]))).json()[
            "cards"
        ]
        assert len(cards) == 1
        check_card(cards[0])
        assert cards[0]["summary"].startswith("BME episode (")
        assert cards[0]["summary"].endswith("): week 2, no open alerts")
        assert cards[0]["links"][0]["url"] == f"{BASE}/ui/episodes/{ep.id}"
        assert "pain at rest 3/10" in cards[0]["detail"]

    def test_public_base_url(self, tmp_path: Path, ehr: Client) -> None:
        """Behind a proxy: aud and links use MARROWPATH_PUBLIC_BASE_URL, not the Host."""
        public = "https://cds.example.org/mp"
        app = make_app(
            tmp_path,
            public_base_url=public,
            cds_trusted_issuers={ehr.issuer: ehr.write_jwks(tmp_path)},
        )
        body = hook_body("patient-view", prefetch=prefetch(reports=[report()]))
        with client_for(app) as c:
            good = ehr.token(f"{public}/cds-services/{PV}")
            r = c.post(
                f"/cds-services/{PV}", json=body, headers={"Authorization": f"Bearer {good}"}
            )
            assert r.status_code == 200
            assert r.json()["cards"][0]["links"][0]["url"] == f"{public}/ui/"
            local = ehr.token(f"{BASE}/cds-services/{PV}")
            r = c.post(
                f"/cds-services/{PV}", json=body, headers={"Authorization": f"Bearer {local}"}
            )
            assert r.status_code == 401


class TestOrders:
    """order-select and order-sign for MRI and radiograph orders."""

    def test_mri_knee(self, call: Call) -> None:
        """Protocol advice and a radiograph-first suggestion (no recent radiograph)."""
        ctx = {
            "draftOrders": bundle(order("MRI knee without contrast")),
            "selections": ["ServiceRequest/sr-1"],
        }
        cards = call(SELECT, hook_body("order-select", ctx, prefetch=prefetch())).json()["cards"]
        assert [c["summary"] for c in cards] == [
            "MRI Knee: include fluid-sensitive fat-suppressed (STIR/T2-FS/PD-FS) and T1 sequences",
            "No radiograph of the Knee in the last 90 days: consider a radiograph first",
        ]
        for c in cards:
            check_card(c)
        assert "[s67]" in cards[0]["detail"]
        action = cards[1]["suggestions"][0]["actions"][0]
        assert action["type"] == "create"
        assert action["resource"]["resourceType"] == "ServiceRequest"
        assert action["resource"]["subject"] == {"reference": "Patient/pat-1"}

    def test_hip_cites_its_source(self, call: Call) -> None:
        """The hip radiograph-first advice names its source."""
        ctx = {"draftOrders": bundle(order("MR hip left"))}
        cards = call(SIGN, hook_body("order-sign", ctx, prefetch=prefetch())).json()["cards"]
        assert cards[1]["detail"].endswith("Source: s161.")

    def test_recent_radiograph(self, call: Call) -> None:
        """With a radiograph of the region in the last 90 days, only the protocol card."""
        xray = report("Radiograph of the right knee: no fracture, joint space preserved.", rid="x1")
        xray["code"] = {"text": "XR knee 2 views"}
        ctx = {"draftOrders": bundle(order("MRI knee"))}
        cards = call(SIGN, hook_body("order-sign", ctx, prefetch=prefetch(reports=[xray]))).json()[
            "cards"
        ]
        assert [c["summary"][:9] for c in cards] == ["MRI Knee:"]

    def test_spine_has_no_radiograph_first(self, call: Call) -> None:
        """Spine MRI: protocol with the Modic note, no radiograph suggestion."""
        ctx = {"draftOrders": bundle(order("MRI lumbar spine"))}
        cards = call(SIGN, hook_body("order-sign", ctx, prefetch=prefetch())).json()["cards"]
        assert len(cards) == 1
        assert "Modic" in cards[0]["detail"]

    def test_not_selected_or_not_imaging(self, call: Call) -> None:
        """Unselected orders and other orders give no card."""
        ctx = {
            "draftOrders": bundle(order("MRI knee"), order("Physiotherapy", "sr-2")),
            "selections": ["ServiceRequest/sr-2"],
        }
        assert call(SELECT, hook_body("order-select", ctx, prefetch=prefetch())).json() == {
            "cards": []
        }

    def test_radiograph_order_with_red_flag(self, call: Call) -> None:
        """A radiograph order gets no protocol card but the record's red flags."""
        fever = {"resourceType": "Condition", "id": "c-f", "code": {"text": "Fever"}}
        ctx = {"draftOrders": bundle(order("X-ray right ankle"))}
        body = hook_body(
            "order-sign", ctx, prefetch=prefetch(conditions=[fever], reports=[report()])
        )
        cards = call(SIGN, body).json()["cards"]
        assert [c["indicator"] for c in cards] == ["critical"]

    def test_draft_orders_required(self, call: Call) -> None:
        """order-sign without draftOrders is 400 naming the field."""
        r = call(SIGN, hook_body("order-sign", prefetch=prefetch()))
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["context.draftOrders"]

    def test_selections_must_be_references(self, call: Call) -> None:
        """order-select with a bad selections list is 400."""
        ctx = {"draftOrders": bundle(order("MRI knee")), "selections": "sr-1"}
        r = call(SELECT, hook_body("order-select", ctx, prefetch=prefetch()))
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["context.selections"]


class TestRequests:
    """Malformed calls are 4xx with an OperationOutcome naming the field."""

    def test_unknown_service(self, call: Call) -> None:
        """404 naming the service."""
        r = call("nope", hook_body("patient-view"))
        assert r.status_code == 404
        assert (
            r.json()["issue"][0]["diagnostics"]
            == "service_id: 'nope' is not a service of this server"
        )

    def test_wrong_hook(self, call: Call) -> None:
        """The body's hook must be the service's."""
        r = call(PV, hook_body("order-sign", prefetch=prefetch()))
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["hook"]

    def test_missing_fields(self, call: Call) -> None:
        """422 listing hookInstance and context."""
        r = call(PV, {"hook": "patient-view"})
        assert r.status_code == 422
        assert [i["expression"] for i in r.json()["issue"]] == [["hookInstance"], ["context"]]

    def test_invalid_json(self, cds: TestClient, ehr: Client) -> None:
        """Broken JSON is 400 naming the body."""
        token = ehr.token(f"{BASE}/cds-services/{PV}")
        r = cds.post(
            f"/cds-services/{PV}",
            content=b"{",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["body"]

    def test_patient_id_required(self, call: Call) -> None:
        """context.patientId is required."""
        body = hook_body("patient-view", prefetch=prefetch())
        del body["context"]["patientId"]
        r = call(PV, body)
        assert r.status_code == 400
        assert (
            r.json()["issue"][0]["diagnostics"]
            == "context.patientId: expected a FHIR Patient id, got None"
        )

    def test_malformed_prefetch(self, call: Call) -> None:
        """A prefetch value that is not FHIR names its key."""
        body = hook_body("patient-view", prefetch={**prefetch(), "reports": [1, 2]})
        r = call(PV, body)
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["prefetch.reports[0]"]


class TestFetch:
    """Missing prefetch: fetched from fhirServer with fhirAuthorization, else 412."""

    record: ClassVar[dict[str, list[dict[str, Any]]]] = {
        "Patient": [PATIENT],
        "Condition": [],
        "DiagnosticReport": [
            report("MRI right shoulder: rotator cuff tendinosis.", rid="r0"),
            report(),
        ],
        "ImagingStudy": [],
        "Observation": [],
    }

    def auth(self, token: str = TOKEN) -> dict[str, Any]:
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "patient/*.read",
            "subject": "marrowpath",
        }

    def test_412_without_fhir_server(self, call: Call) -> None:
        """Nothing sent and nowhere to fetch from: 412 OperationOutcome."""
        r = call(PV, hook_body("patient-view"))
        assert r.status_code == 412
        issue = r.json()["issue"][0]
        assert issue["code"] == "processing"
        assert issue["diagnostics"] == (
            "prefetch: patient, conditions, reports, imaging, observations not sent and no "
            "fhirServer to fetch them from"
        )

    def test_fetched_with_the_token(self, call: Call) -> None:
        """Every key is fetched with the bearer token; search pages are followed."""
        server = FhirServer(self.record)
        with server.running():
            body = hook_body("patient-view", fhirServer=server.base, fhirAuthorization=self.auth())
            r = call(PV, body)
        assert r.status_code == 200
        assert r.json()["cards"][-1]["summary"].startswith("Bone marrow edema (Hip)")
        paths = [p for p, _ in server.requests]
        assert "/fhir/Patient/pat-1" in paths
        assert "/fhir/DiagnosticReport?patient=pat-1&page=2" in paths
        assert {a for _, a in server.requests} == {f"Bearer {TOKEN}"}

    def test_partial_prefetch(self, call: Call) -> None:
        """Only the missing keys are fetched; null means no data."""
        server = FhirServer(self.record)
        sent = {"patient": PATIENT, "conditions": None, "imaging": None, "observations": None}
        with server.running():
            body = hook_body(
                "patient-view", prefetch=sent, fhirServer=server.base, fhirAuthorization=self.auth()
            )
            assert call(PV, body).status_code == 200
        assert [p.split("?")[0] for p, _ in server.requests] == ["/fhir/DiagnosticReport"] * 2

    def test_refused_token_is_412(self, call: Call) -> None:
        """The EHR refuses the access token: 412 naming the key."""
        server = FhirServer(self.record)
        with server.running():
            body = hook_body(
                "patient-view", fhirServer=server.base, fhirAuthorization=self.auth("wrong")
            )
            r = call(PV, body)
        assert r.status_code == 412
        assert (
            r.json()["issue"][0]["diagnostics"] == "prefetch.patient: fhirServer answered HTTP 401"
        )

    def test_server_down_is_412(self, call: Call) -> None:
        """An unreachable fhirServer: 412."""
        server = FhirServer(self.record)
        base = server.base
        server.httpd.server_close()
        r = call(PV, hook_body("patient-view", fhirServer=base, fhirAuthorization=self.auth()))
        assert r.status_code == 412
        assert (
            r.json()["issue"][0]["diagnostics"]
            == "prefetch.patient: fetching from fhirServer failed (ConnectError)"
        )

    def test_plain_http_only_on_loopback(self, call: Call) -> None:
        """fhirServer must be https (http is accepted on loopback for testing)."""
        r = call(
            PV,
            hook_body(
                "patient-view",
                fhirServer="http://ehr.example.org/fhir",
                fhirAuthorization=self.auth(),
            ),
        )
        assert r.status_code == 400
        assert (
            r.json()["issue"][0]["diagnostics"]
            == "fhirServer: 'http://ehr.example.org/fhir' is not an https URL"
        )


class TestFeedback:
    """POST /cds-services/{id}/feedback."""

    def post(
        self, cds: TestClient, ehr: Client, body: dict[str, Any], aud_suffix: str = "/feedback"
    ) -> Any:
        token = ehr.token(f"{BASE}/cds-services/{PV}{aud_suffix}")
        return cds.post(
            f"/cds-services/{PV}/feedback", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    def test_accepted_and_overridden(self, cds_app: FastAPI, cds: TestClient, ehr: Client) -> None:
        """Both outcomes are recorded once (a repeat is a no-op)."""
        body = {
            "feedback": [
                {
                    "card": "card-1",
                    "outcome": "accepted",
                    "acceptedSuggestions": [{"id": "s-1"}],
                    "outcomeTimestamp": "2026-11-30T10:00:00Z",
                },
                {
                    "card": "card-2",
                    "outcome": "overridden",
                    "overrideReason": {"reason": {"code": "x", "system": "y", "display": "z"}},
                    "outcomeTimestamp": "2026-11-30T10:00:00Z",
                },
            ]
        }
        assert self.post(cds, ehr, body).status_code == 200
        assert self.post(cds, ehr, body, aud_suffix="").status_code == 200
        from marrowpath.store import audit_log

        rows = [r for r in audit_log(cds_app.state.service.store) if r.entity == "cds_card"]
        assert sorted((r.entity_id, r.action) for r in rows) == [
            ("card-1", "accepted"),
            ("card-2", "overridden"),
        ]

    def test_accepted_needs_suggestions(self, cds: TestClient, ehr: Client) -> None:
        """accepted without acceptedSuggestions is 422 naming the field."""
        body = {
            "feedback": [
                {"card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-30T10:00:00Z"}
            ]
        }
        r = self.post(cds, ehr, body)
        assert r.status_code == 422
        assert r.json()["issue"][0]["expression"] == ["feedback.0.acceptedSuggestions"]

    def test_bad_outcome_and_time(self, cds: TestClient, ehr: Client) -> None:
        """An unknown outcome or a bad timestamp is 422."""
        r = self.post(
            cds,
            ehr,
            {
                "feedback": [
                    {"card": "c", "outcome": "ignored", "outcomeTimestamp": "2026-11-30T10:00:00Z"}
                ]
            },
        )
        assert r.status_code == 422
        assert r.json()["issue"][0]["expression"] == ["feedback.0.outcome"]
        r = self.post(
            cds,
            ehr,
            {
                "feedback": [
                    {"card": "c", "outcome": "overridden", "outcomeTimestamp": "yesterday!"}
                ]
            },
        )
        assert r.status_code == 422
        assert (
            r.json()["issue"][0]["diagnostics"]
            == "feedback.0.outcomeTimestamp: 'yesterday!' is not an RFC 3339 timestamp"
        )

    def test_needs_a_jwt(self, cds: TestClient) -> None:
        """Feedback without a JWT is 401."""
        assert cds.post(f"/cds-services/{PV}/feedback", json={"feedback": []}).status_code == 401


class TestSummary:
    """Summaries are cut to 140 characters at a word."""

    @pytest.mark.parametrize("n", [10, 139, 140, 141, 400])
    def test_length(self, n: int) -> None:
        text = ("word " * 100)[:n]
        out = summary(text)
        assert len(out) <= MAX_SUMMARY
        if len(" ".join(text.split())) > MAX_SUMMARY:
            assert out.endswith("…")


def test_old_condition_is_not_recent(call: Call) -> None:
    """A BME Condition recorded long ago does not trigger the assessment card."""
    cond = {
        "resourceType": "Condition",
        "id": "c-old",
        "code": {"text": "Bone marrow edema of the right knee"},
        "recordedDate": "2020-01-01",
    }
    body = hook_body("patient-view", prefetch=prefetch(conditions=[cond]))
    assert call(PV, body).json() == {"cards": []}
