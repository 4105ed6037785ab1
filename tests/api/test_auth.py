"""Bearer tokens with scopes: checked before the body is read; only health is open."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from marrowpath.api.auth import required_scope
from marrowpath.store.tokens import create_token, revoke_token
from tests.api.helpers import TestClient, client_for, make_app, token

CASE = {"case": {"region": "knee", "findings": {"mri_bme": True}}}


class TestOpen:
    """What answers without a token."""

    def test_health_and_ready(self, client: TestClient) -> None:
        """Health and readiness are open."""
        assert client.get("/health").json() == {"status": "ok"}
        ready = client.get("/ready")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"

    def test_api_needs_a_token(self, client: TestClient) -> None:
        """Every API path answers 401 with a problem body naming Authorization."""
        for path in ("/api/v1/episodes", "/api/v1/knowledge/conditions", "/openapi.json"):
            r = client.get(path)
            assert r.status_code == 401
            assert r.headers["www-authenticate"] == 'Bearer realm="marrowpath"'
            assert r.json()["field"] == "Authorization"
            assert r.json()["detail"] == "Authorization: a valid bearer token is required"

    def test_unknown_path_is_not_open(self, client: TestClient) -> None:
        """Not even a 404 is told without a token."""
        assert client.get("/api/v2/whatever").status_code == 401

    def test_public_docs_setting(self, tmp_path: Path) -> None:
        """MARROWPATH_PUBLIC_DOCS opens the OpenAPI document only."""
        app = make_app(tmp_path, public_docs=True)
        with client_for(app) as c:
            assert c.get("/openapi.json").status_code == 200
            assert c.get("/api/v1/episodes").status_code == 401


class TestScopes:
    """Read and write scopes."""

    def test_wrong_scheme_and_unknown_token(self, client: TestClient) -> None:
        """Basic auth or an unknown bearer token is 401."""
        assert (
            client.get("/api/v1/episodes", headers={"Authorization": "Basic eDp5"}).status_code
            == 401
        )
        bad = {"Authorization": "Bearer mp_not-a-token"}
        assert client.get("/api/v1/episodes", headers=bad).status_code == 401

    def test_read_scope_reads_and_assesses(self, client: TestClient, ro: dict[str, str]) -> None:
        """A read token lists, browses and assesses (nothing stored)."""
        assert client.get("/api/v1/episodes", headers=ro).status_code == 200
        assert client.post("/api/v1/assess", json=CASE, headers=ro).status_code == 200

    def test_read_scope_cannot_write(self, client: TestClient, ro: dict[str, str]) -> None:
        """Opening an episode needs write: 403 naming the scope."""
        r = client.post("/api/v1/episodes", json={"patient": "P-1", **CASE}, headers=ro)
        assert r.status_code == 403
        assert r.json()["detail"] == "Authorization: this request needs the 'write' scope"

    def test_refused_before_the_body_is_read(self, client: TestClient) -> None:
        """A malformed body without a token is 401, not 400."""
        r = client.post(
            "/api/v1/assess", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 401

    def test_revoked_token(self, tmp_path: Path) -> None:
        """A revoked token is refused once the cache has expired (here: no cache)."""
        app = make_app(tmp_path, token_cache_seconds=0)
        store = app.state.service.store
        secret, record = create_token(store, scopes="read", actor="t")
        headers = {"Authorization": f"Bearer {secret}"}
        with client_for(app) as c:
            assert c.get("/api/v1/episodes", headers=headers).status_code == 200
            revoke_token(store, record.id, actor="t")
            assert c.get("/api/v1/episodes", headers=headers).status_code == 401

    def test_required_scope_table(self) -> None:
        """GET reads, computing POSTs read, storing POSTs write, health is public."""
        assert required_scope("GET", "/health") is None
        assert required_scope("POST", "/cds-services/x") is None
        assert required_scope("GET", "/openapi.json") == "read"
        assert required_scope("GET", "/openapi.json", public_docs=True) is None
        assert required_scope("POST", "/api/v1/plan") == "read"
        assert required_scope("POST", "/api/v1/episodes") == "write"


class TestRateLimit:
    """Per-token rate limit."""

    def test_429_with_retry_after(self, tmp_path: Path) -> None:
        """The third request in a minute over a limit of 2 is 429 with Retry-After."""
        app = make_app(tmp_path, rate_limit_per_minute=2)
        headers = token(app, "read")
        other = token(app, "read")
        with client_for(app) as c:
            assert c.get("/api/v1/knowledge/regions", headers=headers).status_code == 200
            assert c.get("/api/v1/knowledge/regions", headers=headers).status_code == 200
            r = c.get("/api/v1/knowledge/regions", headers=headers)
            assert r.status_code == 429
            assert int(r.headers["retry-after"]) >= 1
            assert r.json()["title"] == "Too many requests"
            assert c.get("/api/v1/knowledge/regions", headers=other).status_code == 200

    def test_fhir_paths_say_throttled(self, tmp_path: Path) -> None:
        """On FHIR paths the 429 body is an OperationOutcome with code throttled."""
        app = make_app(tmp_path, rate_limit_per_minute=1)
        headers = token(app, "read")
        with client_for(app) as c:
            c.post("/api/v1/fhir/assess", json={"resourceType": "Bundle"}, headers=headers)
            r = c.post("/api/v1/fhir/assess", json={"resourceType": "Bundle"}, headers=headers)
        assert r.status_code == 429
        assert r.json()["issue"][0]["code"] == "throttled"


def test_app_fixture_is_isolated(app: FastAPI) -> None:
    """Each test gets its own store."""
    assert app.state.service.settings.database_url.endswith("service.sqlite")


class TestFailedAttempts:
    """Guessing tokens is throttled per client address."""

    def test_429_after_failures(self, tmp_path: Path) -> None:
        """Over the limit of failed attempts: 429; a valid token still works."""
        app = make_app(tmp_path, auth_failures_per_minute=2)
        good = token(app, "read")
        bad = {"Authorization": "Bearer mp_guess"}
        with client_for(app) as c:
            codes = [c.get("/api/v1/episodes", headers=bad).status_code for _ in range(3)]
            assert codes == [401, 401, 429]
            assert c.get("/api/v1/episodes", headers=good).status_code == 200
