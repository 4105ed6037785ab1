"""Request size limit (413) and the token bucket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marrowpath.api.limits import RateLimiter
from tests.api.helpers import client_for, make_app, token


class TestBodyLimit:
    """Bodies over MARROWPATH_MAX_BODY_BYTES."""

    def test_413_by_content_length(self, tmp_path: Path) -> None:
        """A declared length over the limit is refused at once, naming the body."""
        app = make_app(tmp_path, max_body_bytes=2048)
        headers = token(app, "read")
        with client_for(app) as c:
            r = c.post("/api/v1/reports/read", json={"text": "x" * 5000}, headers=headers)
        assert r.status_code == 413
        assert r.json()["detail"] == "body: larger than the limit of 2048 bytes"

    def test_413_when_streamed(self, tmp_path: Path) -> None:
        """A chunked body without a length is cut off when it passes the limit."""
        app = make_app(tmp_path, max_body_bytes=2048)
        headers = {**token(app, "read"), "Content-Type": "application/json"}

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(10):
                yield b"y" * 1000
            yield b'"}'

        with client_for(app) as c:
            r = c.post("/api/v1/reports/read", content=chunks(), headers=headers)
        assert r.status_code == 413

    def test_413_on_cds_is_an_operation_outcome(self, tmp_path: Path) -> None:
        """CDS Hooks paths answer FHIR."""
        app = make_app(tmp_path, max_body_bytes=1024)
        with client_for(app) as c:
            r = c.post("/cds-services/marrowpath-patient-view", content=b"x" * 4096)
        assert r.status_code == 413
        assert r.json()["resourceType"] == "OperationOutcome"
        assert r.json()["issue"][0]["code"] == "too-costly"


class TestRateLimiter:
    """The bucket itself."""

    def test_burst_then_wait(self) -> None:
        """A full bucket allows per_minute requests, then tells how long to wait."""
        limiter = RateLimiter(3)
        assert [limiter.retry_after("k") for _ in range(3)] == [None, None, None]
        wait = limiter.retry_after("k")
        assert wait is not None
        assert 0 < wait <= 20

    def test_zero_is_unlimited(self) -> None:
        """0 turns the limit off."""
        limiter = RateLimiter(0)
        assert all(limiter.retry_after("k") is None for _ in range(1000))

    @pytest.mark.parametrize("seconds", [0.4, 2.5])
    def test_header(self, seconds: float) -> None:
        """Retry-After is whole seconds, at least 1."""
        assert RateLimiter(1).headers(seconds)["Retry-After"] in {"1", "3"}
