"""Blinded adjudication of the report reader's disagreements with a challenge set's gold labels.

Composed challenge items carry their authors' annotation choices, and some of those break the
binding annotation rules; a blind run then counts the reader wrong where it followed them. This
script lets a third party settle each disagreement without knowing which side is the reader:

    # 1. freeze the blind predictions and write the sheet (A/B in a random order per item)
    python benchmarks/adjudication.py export --data FILE --out DIR
    # 2. an adjudicator fills DIR/verdicts.jsonl from DIR/sheet.jsonl (see VERDICTS below)
    # 3. score the frozen predictions against the gold as it was and as adjudicated
    python benchmarks/adjudication.py score --out DIR

Verdicts, one JSON object per line: {"id": ..., "verdict": "A" | "B" | "either" | "neither",
"correct": [entities, only for "neither"], "reason": "..."}. The adjudicated gold of an item is
the side picked ("either": the reader's), or the adjudicator's own list. Only status F1 is
adjudicated; both numbers are reported, never the adjudicated one alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reports import f1, load_items, pair, predict

FIELDS = ("status", "bone", "region", "laterality", "modic_type", "change")


def _slim(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: e.get(k) for k in FIELDS} for e in entities]


def export(data: Path, out: Path, seed: int = 17) -> int:
    """Freeze the reader's predictions and write the blinded sheet of disagreeing items."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    frozen, sheet, key = [], [], {}
    for item in load_items(data):
        pred = _slim(predict(item))
        gold = _slim(item["bme"])
        frozen.append({"id": item["id"], "gold": gold, "pred": pred})
        pairs = pair(gold, pred)
        if len(pairs) == len(gold) == len(pred):
            continue
        reader_is_a = rnd.random() < 0.5
        key[item["id"]] = "A" if reader_is_a else "B"
        a, b = (pred, gold) if reader_is_a else (gold, pred)
        sheet.append({"id": item["id"], "lang": item["lang"], "text": item["text"], "A": a, "B": b})
    _write(out / "frozen.jsonl", frozen)
    _write(out / "sheet.jsonl", sheet)
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"{len(frozen)} items, {len(sheet)} disagreements -> {out / 'sheet.jsonl'}")
    return 0


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _status_prf(
    rows: list[dict[str, Any]], gold_of: dict[str, list[dict[str, Any]]]
) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for r in rows:
        gold = gold_of.get(r["id"], r["gold"])
        tp += len(pair(gold, r["pred"]))
        n_pred += len(r["pred"])
        n_gold += len(gold)
    return f1(tp, n_pred, n_gold)


def score(out: Path) -> int:
    frozen = _read(out / "frozen.jsonl")
    key: dict[str, str] = json.loads((out / "key.json").read_text(encoding="utf-8"))
    verdicts = {v["id"]: v for v in _read(out / "verdicts.jsonl")}
    missing = sorted(set(key) - set(verdicts))
    if missing:
        print(f"no verdict for {len(missing)} items: {', '.join(missing[:10])}")
        return 2
    by_id = {r["id"]: r for r in frozen}
    adjudicated: dict[str, list[dict[str, Any]]] = {}
    tally = {"reader": 0, "gold": 0, "either": 0, "neither": 0}
    for item_id, reader_side in key.items():
        v = verdicts[item_id]
        if v["verdict"] == "either" or v["verdict"] == reader_side:
            adjudicated[item_id] = by_id[item_id]["pred"]
            tally["either" if v["verdict"] == "either" else "reader"] += 1
        elif v["verdict"] in ("A", "B"):
            tally["gold"] += 1
        elif v["verdict"] == "neither":
            adjudicated[item_id] = _slim(v["correct"])
            tally["neither"] += 1
        else:
            print(f"{item_id}: unknown verdict {v['verdict']!r}")
            return 2
    raw = _status_prf(frozen, {})
    adj = _status_prf(frozen, adjudicated)
    print(f"{len(frozen)} items, {len(key)} disagreements; verdicts: {tally}")
    for name, (p, r, f) in (("the authors' gold", raw), ("adjudicated gold", adj)):
        print(f"blind status P / R / F1 against {name}: {p:.3f} / {r:.3f} / {f:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("--data", type=Path, required=True)
    ex.add_argument("--out", type=Path, required=True)
    sc = sub.add_parser("score")
    sc.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    return export(args.data, args.out) if args.cmd == "export" else score(args.out)


if __name__ == "__main__":
    sys.exit(main())
