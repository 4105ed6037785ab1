"""Accuracy and speed of ``assess`` on the published-case vignettes.

Run: .venv/bin/python benchmarks/cases.py [CASES_DIR] [--speed]

Prints top-1 and top-3 accuracy, mean rank of the right answer and red-flag sensitivity
(every infection and tumour case must raise a red flag), then, with --speed, assessments per
second for structured cases and for vignettes on one core and the p99 latency of one
assessment. Cases whose answer is not a MarrowPath condition count as misses.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from marrowpath.casefile import case_from_data
from marrowpath.knowledge import load_knowledge
from marrowpath.reasoning import assess
from marrowpath.reasoning.assess import assess_findings
from marrowpath.reasoning.facts import case_findings

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cases"
T = TypeVar("T")
RED_FLAG_KINDS = {"osteomyelitis": "infection", "tumor": "tumor"}


def answer(raw: str) -> str:
    return raw.split(":", 1)[1] if raw.startswith("other:") else raw


def accuracy(folder: Path, verbose: bool = True) -> dict[str, float]:
    files = sorted(folder.glob("*.json"))
    ranks: list[int] = []
    flagged = needed = 0
    n_top1 = n_top3 = 0
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        truth = answer(data["final_diagnosis"])
        a = assess(case_from_data(data))
        order = [d.condition for d in a.differential]
        rank = order.index(truth) + 1 if truth in order else len(order) + 1
        ranks.append(rank)
        n_top1 += rank == 1
        n_top3 += rank <= 3
        kind = RED_FLAG_KINDS.get(truth)
        if kind:
            needed += 1
            flagged += any(r.kind == kind for r in a.red_flags)
        if verbose and rank > 1:
            top = ", ".join(f"{d.condition} {d.probability:.2f}" for d in a.differential[:3])
            print(f"  rank {rank:2d}  {f.stem[:60]:60s} truth={truth}  top: {top}")
    n = len(files)
    return {
        "cases": n,
        "top1": n_top1 / n,
        "top3": n_top3 / n,
        "mean_rank": statistics.mean(ranks),
        "red_flag_sensitivity": flagged / needed if needed else 1.0,
    }


def speed(folder: Path, seconds: float = 3.0) -> dict[str, float]:
    kb = load_knowledge()
    datas = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.json"))]
    cases = [case_from_data(d) for d in datas]
    structured = [(case_findings(c, kb)[0], c.region) for c in cases]

    def rate(fn: Callable[[T], object], items: Sequence[T]) -> tuple[float, float, list[float]]:
        """Assessments per second of CPU time and of wall time, and each call's latency.

        CPU time is what one core spends; it is robust to other processes on the machine,
        which inflate wall time (and the p99) on a shared 2-core box.
        """
        lat: list[float] = []
        end = time.perf_counter() + seconds
        cpu0 = time.process_time()
        while time.perf_counter() < end:
            for item in items:
                t0 = time.perf_counter()
                fn(item)
                lat.append(time.perf_counter() - t0)
        cpu = time.process_time() - cpu0
        return len(lat) / cpu, len(lat) / sum(lat), lat

    s_cpu, s_wall, s_lat = rate(lambda x: assess_findings(x[0], region=x[1], kb=kb), structured)
    v_cpu, v_wall, _ = rate(lambda d: assess(case_from_data(d), kb=kb), datas)
    s_lat.sort()
    return {
        "structured_per_cpu_s": s_cpu,
        "structured_per_wall_s": s_wall,
        "vignettes_per_cpu_s": v_cpu,
        "vignettes_per_wall_s": v_wall,
        "p99_ms": s_lat[int(0.99 * (len(s_lat) - 1))] * 1000,
        "p50_ms": s_lat[len(s_lat) // 2] * 1000,
    }


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    result = accuracy(folder)
    print(json.dumps({k: round(v, 3) for k, v in result.items()}))
    if "--speed" in sys.argv:
        print(json.dumps({k: round(v, 3) for k, v in speed(folder).items()}))


if __name__ == "__main__":
    main()
