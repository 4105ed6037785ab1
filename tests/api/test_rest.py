"""The REST API end to end: assess, plan, read, episodes and visits, knowledge, audit, FHIR."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import FastAPI
from fhir.resources.R4B.bundle import Bundle

from tests.api.helpers import TestClient

CASE = {
    "region": "hip",
    "side": "left",
    "patient": {"age": 41, "sex": "male"},
    "findings": {"mri_bme": True, "mri_bme_diffuse": True, "mri_joint_effusion": True},
}


class TestStateless:
    """Assessment endpoints store nothing but an audit row."""

    def test_assess(self, client: TestClient, ro: dict[str, str]) -> None:
        """The differential of a TOH-like hip case."""
        r = client.post("/api/v1/assess", json={"case": CASE}, headers=ro)
        assert r.status_code == 200
        body = r.json()
        assert body["region"] == "hip"
        assert body["differential"]
        assert abs(sum(d["probability"] for d in body["differential"]) - 1) < 1e-6

    def test_plan(self, client: TestClient, ro: dict[str, str]) -> None:
        """Assessment and plan together; the plan starts on the given day."""
        r = client.post("/api/v1/plan", json={"case": CASE, "start_date": "2026-01-05"}, headers=ro)
        assert r.status_code == 200
        assert r.json()["plan"]["start"] == "2026-01-05"
        assert (
            r.json()["plan"]["condition"] == r.json()["assessment"]["differential"][0]["condition"]
        )

    def test_read_report(self, client: TestClient, ro: dict[str, str]) -> None:
        """A report's findings and regions."""
        text = "MRI right knee: bone bruise of the lateral femoral condyle. No fracture line."
        r = client.post("/api/v1/reports/read", json={"text": text}, headers=ro)
        assert r.status_code == 200
        assert r.json()["findings"]["mri_bme"] is True
        assert r.json()["regions"] == ["knee"]

    def test_audited_without_clinical_text(
        self, app: FastAPI, client: TestClient, ro: dict[str, str]
    ) -> None:
        """Each call leaves an AuditEvent with ids and verbs only."""
        client.post("/api/v1/assess", json={"case": {**CASE, "id": "case-7"}}, headers=ro)
        r = client.get("/api/v1/audit", headers=ro)
        Bundle.model_validate(r.json())
        events = [e["resource"] for e in r.json()["entry"]]
        assert events[-1]["action"] == "R"
        assert events[-1]["entity"][0]["what"]["display"] == "case/case-7"
        assert events[-1]["agent"][0]["who"]["display"].startswith("token:")
        assert "bone" not in str(r.json()).lower()


class TestEpisodes:
    """Episodes and visits with optimistic concurrency."""

    def test_flow(self, client: TestClient, rw: dict[str, str]) -> None:
        """Open, add a visit, see alerts, refuse a stale version, export FHIR."""
        start = (dt.date.today() - dt.timedelta(days=21)).isoformat()
        r = client.post(
            "/api/v1/episodes",
            json={"patient": "P-42", "case": CASE, "start_date": start},
            headers=rw,
        )
        assert r.status_code == 201
        ep = r.json()
        assert ep["version"] == 1
        assert ep["patient"] == "P-42"
        visit = {
            "date": dt.date.today().isoformat(),
            "pain_rest": 8,
            "pain_load": 9,
            "weight_bearing": "full_weight_bearing",
        }
        r = client.post(
            f"/api/v1/episodes/{ep['id']}/visits",
            json={"expected_version": 1, "visit": visit},
            headers=rw,
        )
        assert r.status_code == 201
        assert r.json()["episode"]["version"] == 2
        stale = client.post(
            f"/api/v1/episodes/{ep['id']}/visits",
            json={"expected_version": 1, "visit": visit},
            headers=rw,
        )
        assert stale.status_code == 409
        assert stale.json()["field"] == "expected_version"
        listed = client.get("/api/v1/episodes?patient=P-42", headers=rw).json()
        assert [e["id"] for e in listed] == [ep["id"]]
        assert len(client.get(f"/api/v1/episodes/{ep['id']}/visits", headers=rw).json()) == 1
        assert isinstance(
            client.get(f"/api/v1/episodes/{ep['id']}/alerts", headers=rw).json(), list
        )
        detail = client.get(f"/api/v1/episodes/{ep['id']}", headers=rw).json()
        assert detail["episode"]["version"] == 2
        fhir = client.get(f"/api/v1/episodes/{ep['id']}/fhir", headers=rw)
        assert fhir.headers["content-type"] == "application/fhir+json"
        Bundle.model_validate(fhir.json())
        kinds = [e["resource"]["resourceType"] for e in fhir.json()["entry"]]
        assert {"Patient", "Condition", "CarePlan", "Observation", "Provenance"} <= set(kinds)

    def test_bad_visit_names_the_field(self, client: TestClient, rw: dict[str, str]) -> None:
        """Pain 11 is refused by the store with the field."""
        ep = client.post(
            "/api/v1/episodes", json={"patient": "P-1", "case": CASE}, headers=rw
        ).json()
        r = client.post(
            f"/api/v1/episodes/{ep['id']}/visits",
            json={
                "expected_version": 1,
                "visit": {
                    "date": dt.date.today().isoformat(),
                    "pain_rest": 11,
                    "pain_load": 2,
                    "weight_bearing": "full_weight_bearing",
                },
            },
            headers=rw,
        )
        assert r.status_code == 400
        assert r.json()["field"] == "pain_rest"

    def test_new_case_version(self, client: TestClient, rw: dict[str, str]) -> None:
        """A reassessed case bumps the version."""
        ep = client.post(
            "/api/v1/episodes", json={"patient": "P-2", "case": CASE}, headers=rw
        ).json()
        r = client.post(
            f"/api/v1/episodes/{ep['id']}/cases",
            json={"expected_version": 1, "case": CASE, "replan": True},
            headers=rw,
        )
        assert r.status_code == 201
        assert r.json()["version"] == 2


class TestKnowledge:
    """Browsing the knowledge base."""

    def test_lists_and_items(self, client: TestClient, ro: dict[str, str]) -> None:
        """Conditions, findings by category, sources and regions."""
        conditions = client.get("/api/v1/knowledge/conditions", headers=ro).json()
        ids = [c["id"] for c in conditions]
        assert "transient_osteoporosis" in ids
        one = client.get("/api/v1/knowledge/conditions/transient_osteoporosis", headers=ro).json()
        assert one["id"] == "transient_osteoporosis"
        assert one["names"]["en"]
        mri = client.get("/api/v1/knowledge/findings?category=mri", headers=ro).json()
        assert mri
        assert all(f["category"] == "mri" for f in mri)
        assert (
            client.get("/api/v1/knowledge/findings/mri_bme", headers=ro).json()["id"] == "mri_bme"
        )
        assert client.get("/api/v1/knowledge/sources/s1", headers=ro).json()["id"] == "s1"
        assert "hip" in [
            r["id"] for r in client.get("/api/v1/knowledge/regions", headers=ro).json()
        ]

    def test_unknown_item(self, client: TestClient, ro: dict[str, str]) -> None:
        """404 naming the kind and the id."""
        r = client.get("/api/v1/knowledge/findings/nope", headers=ro)
        assert r.status_code == 404
        assert r.json()["detail"] == "finding: 'nope' is not in the knowledge base"


class TestApp:
    """Application wiring."""

    def test_root_redirects_to_ui(self, client: TestClient) -> None:
        """/ goes to the web UI."""
        r = client.get("/", follow_redirects=False)
        assert r.status_code == 307
        assert r.headers["location"] == "/ui/"

    def test_openapi(self, client: TestClient, ro: dict[str, str]) -> None:
        """The document lists the REST and CDS Hooks paths with the bearer scheme."""
        doc = client.get("/openapi.json", headers=ro).json()
        for path in (
            "/api/v1/assess",
            "/api/v1/episodes/{episode_id}/visits",
            "/cds-services/{service_id}",
            "/health",
        ):
            assert path in doc["paths"]
        assert "HTTPBearer" in doc["components"]["securitySchemes"]
        assert "cdsJwt" in doc["components"]["securitySchemes"]

    def test_cors(self, tmp_path: Path) -> None:
        """Only configured origins get CORS headers; preflight needs no token."""
        from tests.api.helpers import client_for, make_app

        app = make_app(tmp_path, cors_origins=("https://ehr.example.org",))
        with client_for(app) as c:
            ok = c.options(
                "/cds-services/marrowpath-patient-view",
                headers={
                    "Origin": "https://ehr.example.org",
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "Authorization, Content-Type",
                },
            )
            assert ok.status_code == 200
            assert ok.headers["access-control-allow-origin"] == "https://ehr.example.org"
            other = c.get("/health", headers={"Origin": "https://evil.example"})
            assert "access-control-allow-origin" not in other.headers

    def test_no_cors_by_default(self, client: TestClient) -> None:
        """Without configured origins there are no CORS headers."""
        r = client.get("/health", headers={"Origin": "https://ehr.example.org"})
        assert "access-control-allow-origin" not in r.headers


class TestFhirAssess:
    """POST /api/v1/fhir/assess: a FHIR Bundle in, a FHIR Bundle out."""

    def test_bundle_in_bundle_out(self, client: TestClient, ro: dict[str, str]) -> None:
        """Conditions, CarePlan and Provenance, valid R4 (R4B models), audited by patient id."""
        from tests.fhir.test_bundle_in import record

        r = client.post(
            "/api/v1/fhir/assess?plan=true&start_date=2026-11-30",
            json=record(),
            headers={**ro, "Content-Type": "application/fhir+json"},
        )
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/fhir+json"
        Bundle.model_validate(r.json())
        kinds = {e["resource"]["resourceType"] for e in r.json()["entry"]}
        assert {"Patient", "Condition", "CarePlan", "Provenance"} <= kinds
        events = client.get("/api/v1/audit", headers=ro).json()["entry"]
        assert events[-1]["resource"]["entity"][0]["what"]["display"] == "patient/p1"

    def test_unknown_region(self, client: TestClient, ro: dict[str, str]) -> None:
        """A bad ?region= is 400 naming it."""
        r = client.post(
            "/api/v1/fhir/assess?region=elbow", json={"resourceType": "Bundle"}, headers=ro
        )
        assert r.status_code == 400
        assert r.json()["issue"][0]["expression"] == ["region"]
