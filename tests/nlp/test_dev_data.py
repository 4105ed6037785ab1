"""The reader on the development sentences (a regression guard; the benchmark has the numbers)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from marrowpath.nlp import read_report

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "reports" / "reports.jsonl"


def _items() -> list[dict[str, Any]]:
    if not DATA.exists():
        pytest.skip(f"development data not found at {DATA}")
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


class TestDevelopmentData:
    """Status and region on the gold-labelled sentences stay above a floor."""

    def test_status_f1(self) -> None:
        """Per-item status multisets: F1 of at least 0.9."""
        tp = n_pred = n_gold = 0
        for item in _items():
            pred = {(m.bone, m.status) for m in read_report(item["text"], item["lang"]).edema}
            gold = [g["status"] for g in item["bme"]]
            tp += sum((Counter(gold) & Counter(s for _, s in pred)).values())
            n_pred += len(pred)
            n_gold += len(gold)
        f1 = 2 * tp / (n_pred + n_gold)
        assert f1 >= 0.9

    def test_no_edema_in_distractors(self) -> None:
        """Items without edema give no present mention."""
        for item in _items():
            if not item["bme"]:
                edema = read_report(item["text"], item["lang"]).edema
                assert [m for m in edema if m.status == "present"] == [], item["id"]
