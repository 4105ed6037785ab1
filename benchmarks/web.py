"""Server-side render time of every web UI page, single user (p50/p99/max per page).

Run: .venv/bin/python benchmarks/web.py [--requests N]

Builds the real service (``create_app`` in local mode) on a temporary SQLite file, seeds it
with 20 episodes (one with 8 visits), and sends N requests per page in-process (Starlette's
test client, one after the other, after 10 warm-up requests). Times are wall-clock per
request and include routing, the store (with its audit row), the core calls and rendering.
The goal is p99 < 100 ms for every page.
"""

from __future__ import annotations

import sys
from pathlib import Path

# A sibling benchmark named like a standard module (benchmarks/http.py) would shadow it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from starlette.exceptions import StarletteDeprecationWarning  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

REPORT = (
    "MRI right hip: diffuse bone marrow edema of the femoral head with high STIR and low T1 "
    "signal. Small joint effusion. No subchondral fracture line. No double-line sign."
)
CASE = {
    "patient.age": "44",
    "patient.sex": "male",
    "region": "hip",
    "side": "right",
    "onset_weeks": "5",
    "trauma": "no",
    "start": "2026-01-05",
    "findings.groin_pain": "yes",
    "findings.pain_on_weight_bearing": "yes",
    "findings.crp": "2.1",
    "findings.mri_bme": "yes",
    "findings.mri_bme_diffuse": "yes",
    "findings.mri_t1_low": "yes",
}
GOAL_MS = 100.0


def app_client(folder: Path) -> TestClient:
    from marrowpath.api.app import create_app
    from marrowpath.api.settings import Settings

    settings = Settings(database_url=f"sqlite:///{folder / 'bench.sqlite'}", local_mode=True)
    return TestClient(create_app(settings))


def csrf(client: TestClient, path: str = "/ui/cases/new?lang=en") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    if found is None:
        msg = f"no CSRF token on {path}"
        raise RuntimeError(msg)
    return found.group(1)


def seed(client: TestClient) -> tuple[str, str]:
    """20 episodes; returns (an episode without visits, one with 8 visits)."""
    token = csrf(client)
    ids = []
    for i in range(20):
        data = {**CASE, "patient": f"P-{i:04d}", "csrf_token": token, "action": "assess"}
        r = client.post("/ui/cases?lang=en", data=data, follow_redirects=False)
        ids.append(r.headers["location"].split("/")[3])
    busy = ids[1]
    for week in range(8):
        page = client.get(f"/ui/episodes/{busy}?lang=en").text
        version = re.search(r'name="expected_version" value="(\d+)"', page)
        day = dt.date(2026, 1, 5) + dt.timedelta(weeks=2 * week)
        client.post(
            f"/ui/episodes/{busy}/visits?lang=en",
            data={
                "csrf_token": token,
                "expected_version": version.group(1) if version else "0",
                "date": day.isoformat(),
                "pain_rest": str(max(6 - week, 0)),
                "pain_load": str(max(8 - week, 0)),
                "weight_bearing": "partial_weight_bearing",
            },
            follow_redirects=False,
        )
    return ids[0], busy


def measure(call: Callable[[], Any], n: int) -> list[float]:
    for _ in range(10):
        call()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        r = call()
        times.append((time.perf_counter() - start) * 1000)
        if r.status_code >= 400:
            msg = f"status {r.status_code}: {r.text[:300]}"
            raise RuntimeError(msg)
    return times


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        client = app_client(Path(tmp))
        quiet, busy = seed(client)
        token = csrf(client)
        read = {"csrf_token": token, "action": "read", "report": REPORT}
        pages: list[tuple[str, Callable[[], Any]]] = [
            ("episode list (20 episodes)", lambda: client.get("/ui/?lang=en")),
            ("case form", lambda: client.get("/ui/cases/new?lang=de")),
            (
                "case form: read a report (POST)",
                lambda: client.post("/ui/cases?lang=en", data=read),
            ),
            ("assessment, en (stored)", lambda: client.get(f"/ui/episodes/{quiet}/assessment")),
            (
                "assessment, de (re-assessed, memoised)",
                lambda: client.get(f"/ui/episodes/{quiet}/assessment?lang=de"),
            ),
            ("care plan, en", lambda: client.get(f"/ui/episodes/{quiet}/plan?lang=en")),
            ("care plan, de", lambda: client.get(f"/ui/episodes/{quiet}/plan?lang=de")),
            ("follow-up, 8 visits", lambda: client.get(f"/ui/episodes/{busy}?lang=en")),
            ("follow-up, 8 visits, de", lambda: client.get(f"/ui/episodes/{busy}?lang=de")),
            ("knowledge: conditions", lambda: client.get("/ui/knowledge?lang=en")),
            (
                "knowledge: one condition",
                lambda: client.get("/ui/knowledge/conditions/transient_osteoporosis?lang=de"),
            ),
            ("knowledge: findings", lambda: client.get("/ui/knowledge/findings?lang=en")),
            ("knowledge: sources", lambda: client.get("/ui/knowledge/sources?lang=en")),
        ]
        print(
            f"{platform.machine()}, Python {platform.python_version()}, "
            f"{args.requests} requests per page after 10 warm-up requests\n"
        )
        print("| page | p50 ms | p99 ms | max ms | p99 < 100 ms |")
        print("|---|---|---|---|---|")
        worst = 0.0
        for name, call in pages:
            times = measure(call, args.requests)
            high = p99(times)
            worst = max(worst, high)
            print(
                f"| {name} | {statistics.median(times):.1f} | {high:.1f} | {max(times):.1f} | "
                f"{'yes' if high < GOAL_MS else 'NO'} |"
            )
        print(f"\nworst p99: {worst:.1f} ms (goal < {GOAL_MS:.0f} ms)")
        client.close()


if __name__ == "__main__":
    main()
