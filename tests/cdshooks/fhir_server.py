"""A small in-process FHIR R4 server on loopback for the fetch tests (real HTTP, real client).

It serves a fixed record, checks the bearer token, pages DiagnosticReport searches, and keeps
the requests it saw.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "fhir-access-token"


def searchset(resources: list[dict[str, Any]], next_url: str | None = None) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }
    if next_url:
        bundle["link"] = [{"relation": "next", "url": next_url}]
    return bundle


class FhirServer:
    """Resources by type for one patient; ``requests`` lists (path, Authorization)."""

    def __init__(self, record: dict[str, list[dict[str, Any]]]) -> None:
        self.record = record
        self.requests: list[tuple[str, str | None]] = []
        self.fail_with: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Authorization")))
                if server.fail_with is not None:
                    self._send(server.fail_with, {"resourceType": "OperationOutcome"})
                    return
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._send(401, {"resourceType": "OperationOutcome"})
                    return
                parts = urlsplit(self.path)
                kind = parts.path.strip("/").split("/")[-2:]
                query = parse_qs(parts.query)
                if len(kind) == 2 and kind[0] == "Patient":
                    found = [p for p in server.record.get("Patient", []) if p["id"] == kind[1]]
                    self._send(200 if found else 404, found[0] if found else {})
                    return
                rtype = kind[-1]
                items = server.record.get(rtype, [])
                if rtype == "DiagnosticReport" and len(items) > 1:
                    page = int(query.get("page", ["1"])[0])
                    if page == 1:
                        nxt = f"/fhir/DiagnosticReport?patient={query['patient'][0]}&page=2"
                        self._send(200, searchset(items[:1], nxt))
                    else:
                        self._send(200, searchset(items[1:]))
                    return
                self._send(200, searchset(items))

            def _send(self, status: int, body: dict[str, Any]) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"

    @contextmanager
    def running(self) -> Iterator[FhirServer]:
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
            thread.join()
