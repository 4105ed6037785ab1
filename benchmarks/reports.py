"""Benchmark of the report reader on gold-labelled report sentences, against medspaCy.

Usage:
    python benchmarks/reports.py [--data DIR_OR_JSONL] [--n-reports 20000] [--no-medspacy] [-v]

Quality: each item's gold list has one entity per bone and status; the reader's mentions are
reduced the same way (per item, by bone and status). Predicted and gold entities are paired
first on status and bone, then on status and region, then on status alone; a pair is a true
positive of "status F1". Bone, region, side and Modic type accuracy are measured over those
pairs (a missing value must be missing in both). The same items are read by medSpaCy's default
ConText pipeline with the reader's own target phrases; as medspaCy has no bones, both systems
are also scored on statuses alone (per item, as multisets). Items are split by a hash of their
id into development (70 %) and hold-out (30 %) parts.

Speed: 1 KB reports are generated from templates (nothing is committed) and read with two
processes by both systems.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# Sibling benchmark scripts (benchmarks/http.py) must not shadow the standard library.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

from marrowpath.nlp import read_report
from marrowpath.nlp.reader import clear_sentence_cache

DEFAULT_DATA = Path("/work/shared/data/reports/reports.jsonl")


_LEVELLESS = re.compile(r"(?:(?:lumbar|cervical|thoracic|lumbosacral) )?end ?plates?")


def norm_bone(bone: str | None) -> str | None:
    if bone is None:
        return None
    b = bone.lower().replace("oe", "e").replace("-", " ").strip()
    b = re.sub(r"\s+", " ", b)
    # Endplates named without a level are no particular bone: the annotation rules give such
    # Modic changes bone null, and some items "lumbar endplates".
    return None if _LEVELLESS.fullmatch(b) else b


def load_items(path: Path) -> list[dict[str, Any]]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    items = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def is_holdout(item_id: str) -> bool:
    return int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 10 < 3


def predict(item: dict[str, Any]) -> list[dict[str, Any]]:
    reading = read_report(item["text"], lang=item.get("lang"))
    seen: dict[tuple[str | None, str], dict[str, Any]] = {}
    for m in reading.edema:
        key = (norm_bone(m.bone), m.status)
        if key not in seen:
            seen[key] = m.model_dump()
    return list(seen.values())


def pair(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    pairs = []
    g_left, p_left = list(gold), list(pred)
    tests = (
        lambda g, p: norm_bone(g["bone"]) == norm_bone(p["bone"]),
        lambda g, p: g["region"] == p["region"],
        lambda g, p: True,
    )
    for test in tests:
        for g in list(g_left):
            for p in p_left:
                if g["status"] == p["status"] and test(g, p):
                    pairs.append((g, p))
                    g_left.remove(g)
                    p_left.remove(p)
                    break
    return pairs


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    prec = tp / n_pred if n_pred else 1.0
    rec = tp / n_gold if n_gold else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def status_multiset_tp(gold: Iterable[str], pred: Iterable[str]) -> int:
    return sum((Counter(gold) & Counter(pred)).values())


def score(items: Sequence[dict[str, Any]], verbose: bool = False) -> dict[str, Any]:
    tp = n_pred = n_gold = 0
    ms_tp = 0
    acc: dict[str, list[bool]] = {"bone": [], "region": [], "side": [], "modic": []}
    for item in items:
        gold = item["bme"]
        pred = predict(item)
        pairs = pair(gold, pred)
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        ms_tp += status_multiset_tp((g["status"] for g in gold), (p["status"] for p in pred))
        for g, p in pairs:
            acc["bone"].append(norm_bone(g["bone"]) == norm_bone(p["bone"]))
            acc["region"].append(g["region"] == p["region"])
            acc["side"].append(g["laterality"] == p["laterality"])
            acc["modic"].append(g["modic_type"] == p["modic_type"])
        if verbose and (
            len(pairs) != len(gold)
            or len(pairs) != len(pred)
            or not all(
                norm_bone(g["bone"]) == norm_bone(p["bone"])
                and g["laterality"] == p["laterality"]
                and g["region"] == p["region"]
                for g, p in pairs
            )
        ):
            print(f"--- {item['id']}: {item['text'][:160]}")
            print("  gold:", [(g["status"], g["bone"], g["region"], g["laterality"]) for g in gold])
            print("  pred:", [(p["status"], p["bone"], p["region"], p["laterality"]) for p in pred])
    accs = {k: (sum(v) / len(v) if v else 1.0) for k, v in acc.items()}
    loc = [b and r and s for b, r, s in zip(acc["bone"], acc["region"], acc["side"], strict=True)]
    return {
        "items": len(items),
        "gold": n_gold,
        "pred": n_pred,
        "status_prf": f1(tp, n_pred, n_gold),
        "status_only_f1": f1(ms_tp, n_pred, n_gold)[2],
        "accuracy": accs,
        "location_all3": sum(loc) / len(loc) if loc else 1.0,
        "location_mean": (accs["bone"] + accs["region"] + accs["side"]) / 3,
    }


# ------------------------------------------------------------------------------- medspaCy
def target_phrases() -> list[tuple[str, str]]:
    """The reader's own literal target phrases (English and German), as (phrase, kind)."""
    out = []
    for lang in ("en", "de"):
        rules = resources.files("marrowpath.nlp").joinpath(f"rules/{lang}/targets.yaml")
        data = yaml.safe_load(rules.read_text("utf-8"))
        for kind in ("edema", "bruise", "bml", "stress_reaction", "signal", "modic"):
            out += [(p, kind) for p in data.get(kind, []) if not str(p).startswith("re:")]
    return sorted(set(out))


def medspacy_pipeline() -> Any:
    import medspacy

    try:  # PyRuSH logs every sentence at DEBUG level through loguru
        from loguru import logger

        logger.remove()
    except ImportError:
        pass
    from medspacy.target_matcher import TargetRule

    nlp = medspacy.load()
    matcher = nlp.get_pipe("medspacy_target_matcher")
    matcher.add([TargetRule(p, kind.upper()) for p, kind in target_phrases()])
    return nlp


def medspacy_status(ent: Any) -> str:
    if ent._.is_negated:
        return "negated"
    if ent._.is_uncertain:
        return "uncertain"
    if ent._.is_historical:
        return "historical"
    return "present"


def score_medspacy(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    nlp = medspacy_pipeline()
    tp = n_pred = n_gold = 0
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items), strict=True):
        statuses = [medspacy_status(e) for e in doc.ents]
        gold = [g["status"] for g in item["bme"]]
        tp += status_multiset_tp(gold, statuses)
        n_pred += len(statuses)
        n_gold += len(gold)
    return {"status_only_f1": f1(tp, n_pred, n_gold)[2], "pred": n_pred, "gold": n_gold}


# ----------------------------------------------------------------------------------- speed
_TECHNIQUE = (
    "TECHNIQUE: Multiplanar multisequence MRI of the {joint} without intravenous contrast, "
    "including sagittal PD, coronal T1 and STIR, and axial PD fat-saturated images."
)
_FILLER = [
    "The medial meniscus is intact without tear.",
    "The lateral meniscus is intact.",
    "The anterior and posterior cruciate ligaments are intact.",
    "The medial and lateral collateral ligament complexes are intact.",
    "The extensor mechanism is intact.",
    "Articular cartilage is preserved in the medial and lateral compartments.",
    "There is mild chondral thinning of the patellar apex.",
    "No loose bodies are identified.",
    "The popliteal fossa is unremarkable and there is no Baker cyst.",
    "The visualized musculature is unremarkable.",
    "The neurovascular structures are unremarkable.",
    "The quadriceps and patellar tendons are intact.",
    "Small joint effusion.",
    "The iliotibial band is intact.",
    "Hoffa fat pad is clear.",
]
_FINDINGS = [
    "There is bone marrow edema in the {side} {bone} measuring {n} x {m} mm.",
    "Bone bruise of the {bone} with a small joint effusion.",
    "Findings may represent a bone contusion of the {bone}.",
    "Residual marrow edema in the {bone} has decreased compared with the prior study.",
    "Ill-defined edema-like marrow signal in the {bone} without a fracture line.",
    "Subchondral bone marrow edema in the {bone} with a subchondral fracture line.",
]
_NEGATIVE = [
    "No fracture, dislocation or bone marrow edema.",
    "The bone marrow signal intensity is otherwise normal.",
    "No other focus of bone marrow edema.",
]
_BONES = ["medial femoral condyle", "lateral tibial plateau", "patella", "lateral femoral condyle"]


def make_reports(n: int, size: int = 1024, seed: int = 7) -> list[str]:
    """Knee MRI reports of ``size`` characters from templates: header, indication, technique,
    findings (one or two edema sentences, one normal-marrow or negation sentence, the rest
    other structures) and an impression, as in routine reports."""
    rnd = random.Random(seed)
    reports = []
    for _ in range(n):
        side = rnd.choice(["left", "right"])
        fill: dict[str, object] = {
            "side": side,
            "bone": rnd.choice(_BONES),
            "n": rnd.randint(3, 30),
            "m": rnd.randint(3, 30),
            "joint": "knee",
        }
        findings = [rnd.choice(_FINDINGS).format(**fill) for _ in range(rnd.randint(1, 2))]
        findings.append(rnd.choice(_NEGATIVE))
        others = rnd.sample(_FILLER, len(_FILLER))
        body = findings + others
        rnd.shuffle(body)
        parts = [
            f"MRI OF THE {side.upper()} KNEE.",
            "INDICATION: Pain after a twisting injury, rule out internal derangement.",
            _TECHNIQUE.format(**fill),
            "FINDINGS:",
        ]
        impression = f"IMPRESSION: {findings[0]}"
        for sentence in body:
            if sum(len(p) + 1 for p in parts) + len(sentence) + len(impression) + 2 > size:
                continue
            parts.append(sentence)
        parts.append(impression)
        text = " ".join(parts)
        reports.append(text[:size] if len(text) > size else text.ljust(size))
    return reports


def _read_chunk(texts: list[str]) -> int:
    return sum(len(read_report(t, lang="en").edema) for t in texts)


def _read_chunk_uncached(texts: list[str]) -> int:
    n = 0
    for t in texts:
        clear_sentence_cache()
        n += len(read_report(t, lang="en").edema)
    return n


def _medspacy_chunk(texts: list[str]) -> int:
    nlp = medspacy_pipeline()
    return sum(len(doc.ents) for doc in nlp.pipe(texts))


def throughput(func: Any, reports: list[str], processes: int = 2, repeats: int = 5) -> float:
    """Reports per second with ``processes`` worker processes; best of ``repeats`` runs
    (other work on the machine, or on a virtual machine's host, only ever slows a run down)."""
    chunks = [reports[i::processes] for i in range(processes)]
    ctx = mp.get_context("fork")
    best = float("inf")
    with ctx.Pool(processes) as pool:
        pool.map(func, [c[:20] for c in chunks])  # warm up: compile rules in each worker
        for _ in range(repeats):
            t0 = time.perf_counter()
            pool.map(func, chunks)
            best = min(best, time.perf_counter() - t0)
    return len(reports) / best


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n-reports", type=int, default=20000)
    ap.add_argument("--no-medspacy", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    items = load_items(args.data)
    parts = {
        "all": items,
        "development": [i for i in items if not is_holdout(i["id"])],
        "hold-out": [i for i in items if is_holdout(i["id"])],
    }
    have_medspacy = False
    if not args.no_medspacy:
        try:
            import medspacy  # noqa: F401

            have_medspacy = True
        except Exception as exc:  # a broken install (e.g. numpy ABI) is reported, not fatal
            print(f"medspaCy is not usable ({type(exc).__name__}: {exc}); skipping the comparison")
    print(f"data: {args.data} ({len(items)} items)")
    print(
        f"{'part':12} {'items':>5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'bone':>6} {'region':>6} {'side':>6} {'modic':>6} {'loc3':>6} {'stF1':>6} {'mspF1':>6}"
    )
    for name, part in parts.items():
        s = score(part, verbose=args.verbose and name == "all")
        p, r, f = s["status_prf"]
        a = s["accuracy"]
        msp = score_medspacy(part)["status_only_f1"] if have_medspacy else float("nan")
        print(
            f"{name:12} {s['items']:5d} {s['gold']:5d} {s['pred']:5d} {p:6.3f} {r:6.3f} {f:6.3f} "
            f"{a['bone']:6.3f} {a['region']:6.3f} {a['side']:6.3f} {a['modic']:6.3f} "
            f"{s['location_all3']:6.3f} {s['status_only_f1']:6.3f} {msp:6.3f}"
        )
    if not args.no_speed:
        print(f"load average before speed runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        reports = make_reports(args.n_reports)
        quarter = reports[: len(reports) // 4]
        cold = throughput(_read_chunk_uncached, quarter, processes=1)
        print(f"reader:   {cold:10.0f} reports/s (1 process, sentence cache off)")
        one = throughput(_read_chunk, quarter, processes=1)
        print(f"reader:   {one:10.0f} reports/s (1 process, {len(quarter)} reports of 1 KB)")
        rate = throughput(_read_chunk, reports)
        print(f"reader:   {rate:10.0f} reports/s (2 processes, {len(reports)} reports of 1 KB)")
        if have_medspacy:
            sub = reports[: max(200, args.n_reports // 50)]
            mrate = throughput(_medspacy_chunk, sub, repeats=1)
            print(f"medspaCy: {mrate:10.0f} reports/s (2 processes, {len(sub)} reports of 1 KB)")
            print(f"speed-up: {rate / mrate:10.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
