"""HTTP benchmark: CDS Hooks ``patient-view`` with prefetch vs the health endpoint, one server.

Usage:
    python benchmarks/http.py [--seconds 20] [--connections 32] [--alg RS384|ES384]
                              [--patients 100] [--no-cache] [--durable] [--workers 1] [--json OUT]

What it does: makes a CDS client key pair and JWKS, a fresh SQLite store in a temporary
folder, and one signed JWT per request (each with its own ``jti``, ``aud`` the endpoint URL);
starts ``uvicorn marrowpath.api.app:create_app`` pinned to the last CPU; then, in the same
20 s, drives ``POST /cds-services/marrowpath-patient-view`` (a prefetch with Patient,
Conditions and an MRI DiagnosticReport stating bone marrow edema; ``--patients`` different
records, cycled) and ``GET /health`` from two ``wrk`` processes pinned to the other CPU(s),
each with ``--connections`` connections. It reports requests/s and p50/p99 latency of both.

Needs Debian's ``wrk`` (``apt-get install -y wrk``); without it the benchmark stops and says
so. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import os
import sys

# This file is named http.py: keep its folder off sys.path so that the standard library's
# http package (used by urllib) is the one imported.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse  # noqa: E402 - after the sys.path fix above
import base64  # noqa: E402 - after the sys.path fix above
import json  # noqa: E402 - after the sys.path fix above
import multiprocessing as mp  # noqa: E402 - after the sys.path fix above
import shutil  # noqa: E402 - after the sys.path fix above
import socket  # noqa: E402 - after the sys.path fix above
import subprocess  # noqa: E402 - after the sys.path fix above
import tempfile  # noqa: E402 - after the sys.path fix above
import time  # noqa: E402 - after the sys.path fix above
import urllib.request  # noqa: E402 - after the sys.path fix above
import uuid  # noqa: E402 - after the sys.path fix above
from pathlib import Path  # noqa: E402 - after the sys.path fix above
from typing import Any  # noqa: E402 - after the sys.path fix above

ISSUER = "https://bench-ehr.example.org"
KID = "bench-key"
SERVICE = "marrowpath-patient-view"

_LUA_HOOK = r"""
-- Tokens are read from the file one per request (a table of tens of thousands of tokens
-- would make LuaJIT's garbage collector pause wrk and inflate the measured latency).
local tokens
local bodies = {}
local i = 0
init = function(args)
  tokens = io.open(args[1], "r")
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
end
request = function()
  i = i + 1
  local t = tokens:read("*l")
  if t == nil then
    tokens:seek("set", 0)
    t = tokens:read("*l")
  end
  local b = bodies[((i - 1) % #bodies) + 1]
  return wrk.format("POST", "/cds-services/marrowpath-patient-view",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. t}, b)
end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "non2xx": %d, ' ..
    '"socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""

_LUA_HEALTH = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "non2xx": %d, ' ..
    '"socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""

_REPORT = (
    "MRI of the {side} hip: diffuse bone marrow edema of the femoral head and neck extending "
    "to the intertrochanteric region. No subchondral fracture line. Small joint effusion."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keys(folder: Path, alg: str) -> tuple[bytes, Path]:
    """A private key (PEM) and the JWKS file of its public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from jwt.algorithms import ECAlgorithm, RSAAlgorithm

    if alg == "ES384":
        key: Any = ec.generate_private_key(ec.SECP384R1())
        jwk = json.loads(ECAlgorithm.to_jwk(key.public_key()))
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": KID, "alg": alg, "use": "sig"})
    path = folder / "jwks.json"
    path.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem, path


def _sign(job: tuple[bytes, str, str, int, int]) -> list[str]:
    import jwt
    from cryptography.hazmat.primitives import serialization

    pem, alg, aud, count, lifetime = job
    key = serialization.load_pem_private_key(pem, password=None)
    now = int(time.time())
    out = []
    for _ in range(count):
        claims = {
            "iss": ISSUER,
            "aud": aud,
            "iat": now,
            "exp": now + lifetime,
            "jti": str(uuid.uuid4()),
        }
        out.append(jwt.encode(claims, key, algorithm=alg, headers={"kid": KID, "typ": "JWT"}))  # type: ignore[arg-type]
    return out


def _bodies(count: int) -> list[str]:
    out = []
    for n in range(count):
        pid = f"bench-{n}"
        side = "left" if n % 2 else "right"
        report = _REPORT.format(side=side)
        prefetch = {
            "patient": {
                "resourceType": "Patient",
                "id": pid,
                "gender": "female" if n % 3 else "male",
                "birthDate": f"{1950 + n % 50}-0{1 + n % 9}-15",
            },
            "conditions": {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Condition",
                            "id": f"{pid}-c1",
                            "code": {"text": "Hip pain for 6 weeks"},
                        }
                    }
                ],
            },
            "reports": {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "DiagnosticReport",
                            "id": f"{pid}-r1",
                            "status": "final",
                            "code": {"text": "MRI hip"},
                            "effectiveDateTime": time.strftime("%Y-%m-%d"),
                            "presentedForm": [
                                {
                                    "contentType": "text/plain",
                                    "data": base64.b64encode(report.encode()).decode(),
                                }
                            ],
                        }
                    }
                ],
            },
            "imaging": None,
            "observations": None,
        }
        body = {
            "hook": "patient-view",
            "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": pid, "userId": "Practitioner/bench"},
            "prefetch": prefetch,
        }
        out.append(json.dumps(body, separators=(",", ":")))
    return out


def _wait(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    msg = f"server did not answer {url} within {seconds:.0f} s"
    raise SystemExit(msg)


def _cpus() -> tuple[str, str]:
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return str(cpus[0]), str(cpus[0])
    return str(cpus[-1]), ",".join(str(c) for c in cpus[:-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--alg", choices=("RS384", "ES384"), default="RS384")
    ap.add_argument("--patients", type=int, default=100)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rate-guess", type=int, default=3000, help="hook requests/s to sign for")
    ap.add_argument("--no-cache", action="store_true", help="MARROWPATH_CDS_CACHE_SIZE=0")
    ap.add_argument(
        "--durable", action="store_true", help="MARROWPATH_CDS_DURABLE_COMMIT=true (group commit)"
    )
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "wrk is not installed: this benchmark needs Debian's wrk load generator "
            "(apt-get install -y wrk).",
            file=sys.stderr,
        )
        return 2
    server_cpu, load_cpus = _cpus()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    aud = f"{base}/cds-services/{SERVICE}"
    with tempfile.TemporaryDirectory(prefix="marrowpath-bench-") as tmp:
        folder = Path(tmp)
        pem, jwks = _keys(folder, args.alg)
        total = args.rate_guess * (args.seconds + 5)
        procs = max(1, len(os.sched_getaffinity(0)))
        chunk = -(-total // procs)
        t0 = time.perf_counter()
        with mp.Pool(procs) as pool:
            parts = pool.map(_sign, [(pem, args.alg, aud, chunk, 3000)] * procs)
        tokens = [t for part in parts for t in part]
        print(f"signed {len(tokens)} {args.alg} JWTs in {time.perf_counter() - t0:.1f} s")
        used = min(len(tokens) // 4, args.rate_guess * 4)
        (folder / "tokens_warm.txt").write_text("\n".join(tokens[:used]) + "\n")
        (folder / "tokens_run.txt").write_text("\n".join(tokens[used:]) + "\n")
        (folder / "bodies.txt").write_text("\n".join(_bodies(args.patients)) + "\n")
        (folder / "hook.lua").write_text(_LUA_HOOK, encoding="utf-8")
        (folder / "health.lua").write_text(_LUA_HEALTH, encoding="utf-8")
        env = {
            **os.environ,
            "MARROWPATH_DATABASE_URL": f"sqlite:///{folder / 'store.sqlite'}",
            "MARROWPATH_CDS_TRUSTED_ISSUERS": json.dumps({ISSUER: str(jwks)}),
            "MARROWPATH_LOG_LEVEL": "warning",
        }
        if args.no_cache:
            env["MARROWPATH_CDS_CACHE_SIZE"] = "0"
        if args.durable:
            env["MARROWPATH_CDS_DURABLE_COMMIT"] = "true"
        server = subprocess.Popen(
            [
                "taskset",
                "-c",
                server_cpu,
                sys.executable,
                "-m",
                "uvicorn",
                "marrowpath.api.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            _wait(f"{base}/health", 60)
            # Warm-up: one call per record (knowledge, NLP and card caches), not measured.
            subprocess.run(
                [
                    wrk,
                    "-t1",
                    "-c4",
                    "-d3s",
                    "-s",
                    str(folder / "hook.lua"),
                    aud,
                    "--",
                    str(folder / "tokens_warm.txt"),
                    str(folder / "bodies.txt"),
                ],
                check=True,
                capture_output=True,
            )
            common = ["taskset", "-c", load_cpus, wrk, "-t1", f"-c{args.connections}",
                      f"-d{args.seconds}s", "--timeout", "10s"]  # fmt: skip
            hook = subprocess.Popen(
                [*common, "-s", str(folder / "hook.lua"), aud, "--",
                 str(folder / "tokens_run.txt"), str(folder / "bodies.txt")],
                stdout=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            health = subprocess.Popen(
                [*common, "-s", str(folder / "health.lua"), f"{base}/health"],
                stdout=subprocess.PIPE,
                text=True,
            )
            hook_out, _ = hook.communicate()
            health_out, _ = health.communicate()
        finally:
            server.terminate()
            server.wait(timeout=30)
    results: dict[str, Any] = {"hook": _parse(hook_out), "health": _parse(health_out)}
    results["config"] = {
        "seconds": args.seconds,
        "connections_each": args.connections,
        "alg": args.alg,
        "patients": args.patients,
        "workers": args.workers,
        "cache": not args.no_cache,
        "durable_commit": args.durable,
        "server_cpu": server_cpu,
        "load_cpus": load_cpus,
        "tokens_signed": len(tokens),
        "tokens_used_in_warmup": used,
    }
    h, g = results["hook"], results["health"]
    ratio = float(h["rps"]) / float(g["rps"]) if g["rps"] else 0.0
    results["hook_to_health_throughput"] = round(ratio, 3)
    print(f"{'endpoint':<14}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>10}")
    for name, r in (("patient-view", h), ("health", g)):
        print(
            f"{name:<14}{r['rps']:>10.0f}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}{r['non2xx']:>10}"
        )
    print(f"hook/health throughput: {ratio:.2f}  (goals: hook p99 <= 50 ms, ratio >= 0.50)")
    if h["requests"] > len(tokens) - used:
        print("warning: more hook requests than signed tokens; raise --rate-guess")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _parse(out: str) -> dict[str, Any]:
    line = next((x for x in out.splitlines() if x.startswith("{")), None)
    if line is None:
        msg = f"wrk gave no result:\n{out}"
        raise SystemExit(msg)
    raw = json.loads(line)
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "non2xx": raw["non2xx"],
        "socket_errors": raw["socket_errors"],
    }


if __name__ == "__main__":
    raise SystemExit(main())
