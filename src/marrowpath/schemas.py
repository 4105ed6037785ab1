"""JSON Schemas of the knowledge-base files and of the case and assessment formats.

Editors validate the YAML as they type; integrators validate what they send and receive.
``marrowpath kb schema DIR`` writes them; ``schemas/`` in the repository holds the current set,
kept fresh by a test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from marrowpath.case import Case
from marrowpath.knowledge.schema import KnowledgeBase
from marrowpath.reasoning.model import Assessment

__all__ = ["all_schemas", "write_schemas"]


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, one per knowledge-base section plus case and assessment."""
    out: dict[str, dict[str, Any]] = {}
    for name, field in KnowledgeBase.model_fields.items():
        schema = TypeAdapter[Any](field.annotation or Any).json_schema()
        schema["title"] = f"MarrowPath knowledge base: {name}"
        out[f"knowledge.{name}.schema.json"] = schema
    out["case.schema.json"] = Case.model_json_schema()
    out["assessment.schema.json"] = Assessment.model_json_schema()
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
