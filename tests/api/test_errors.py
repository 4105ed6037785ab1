"""Every malformed request is a 4xx naming the field, never a 500."""

from __future__ import annotations

from tests.api.helpers import TestClient

CASE = {"region": "knee", "findings": {"mri_bme": True}}


class TestProblemBodies:
    """REST errors are application/problem+json."""

    def test_invalid_json(self, client: TestClient, ro: dict[str, str]) -> None:
        """Broken JSON is 400 naming the body."""
        r = client.post(
            "/api/v1/assess",
            content=b'{"case": ',
            headers={**ro, "Content-Type": "application/json"},
        )
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["field"] == "body"
        assert r.json()["detail"] == "body: the body is not valid JSON"

    def test_missing_and_extra_fields(self, client: TestClient, ro: dict[str, str]) -> None:
        """422 listing every field."""
        r = client.post("/api/v1/assess", json={"cas": CASE}, headers=ro)
        assert r.status_code == 422
        assert r.json()["errors"] == [
            {"field": "case", "message": "case: Field required"},
            {"field": "cas", "message": f"cas: Extra inputs are not permitted, got {CASE!r}"},
        ]

    def test_wrong_type_names_the_path(self, client: TestClient, ro: dict[str, str]) -> None:
        """A nested bad value is named by its dotted path."""
        r = client.post("/api/v1/assess", json={"case": CASE, "lang": "fr"}, headers=ro)
        assert r.status_code == 422
        assert r.json()["field"] == "lang"
        assert r.json()["detail"] == "lang: Input should be 'en' or 'de', got 'fr'"

    def test_input_error_of_the_core(self, client: TestClient, ro: dict[str, str]) -> None:
        """The core's InputError keeps its field and message."""
        r = client.post("/api/v1/assess", json={"case": {"region": "elbowish"}}, headers=ro)
        assert r.status_code == 400
        assert r.json()["field"] == "region"
        assert r.json()["detail"].startswith("region: unknown region 'elbowish'; expected one of")

    def test_bad_query(self, client: TestClient, ro: dict[str, str]) -> None:
        """Query parameters are named too."""
        r = client.get("/api/v1/episodes?limit=0", headers=ro)
        assert r.status_code == 422
        assert r.json()["detail"] == "limit: Input should be greater than or equal to 1, got '0'"

    def test_not_found(self, client: TestClient, ro: dict[str, str]) -> None:
        """An unknown episode is 404."""
        r = client.get("/api/v1/episodes/0000", headers=ro)
        assert r.status_code == 404
        assert r.json()["detail"] == "episode: no episode with id '0000'"

    def test_method_not_allowed(self, client: TestClient, rw: dict[str, str]) -> None:
        """A wrong method is 405 with a problem body."""
        r = client.delete("/api/v1/episodes", headers=rw)
        assert r.status_code == 405
        assert r.json()["title"] == "Method not allowed"


class TestOperationOutcome:
    """FHIR paths answer OperationOutcome."""

    def test_fhir_path(self, client: TestClient, ro: dict[str, str]) -> None:
        """A Bundle without entries and region: 400 with expression region."""
        r = client.post("/api/v1/fhir/assess", json={"resourceType": "Bundle"}, headers=ro)
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/fhir+json"
        issue = r.json()["issue"][0]
        assert issue["expression"] == ["region"]
        assert issue["diagnostics"] == "region: no body region found in the bundle; give ?region="

    def test_accept_header(self, client: TestClient, ro: dict[str, str]) -> None:
        """Accept: application/fhir+json turns any error into an OperationOutcome."""
        r = client.get("/api/v1/episodes/nope", headers={**ro, "Accept": "application/fhir+json"})
        assert r.status_code == 404
        assert r.json()["resourceType"] == "OperationOutcome"
        assert r.json()["issue"][0]["code"] == "not-found"
