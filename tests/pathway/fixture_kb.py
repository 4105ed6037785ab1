"""A small knowledge base for tests, independent of the shipped pathway and therapy data.

Meta, sources, regions and conditions are the shipped ones; findings, evidence, priors, red
flags, therapies and pathways come from ``tests/pathway/kb``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from marrowpath.case import Case
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.pathway import CarePlan, plan
from marrowpath.reasoning import Assessment, assess

FIXTURE = Path(__file__).parent / "kb"
_SHIPPED = ("meta.yaml", "sources.yaml", "regions.yaml", "conditions.yaml")
START = dt.date(2026, 1, 5)


def copy_fixture_kb(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    data = resources.files("marrowpath.knowledge").joinpath("data")
    for name in _SHIPPED:
        (target / name).write_text(data.joinpath(name).read_text(encoding="utf-8"), "utf-8")
    for f in FIXTURE.glob("*.yaml"):
        shutil.copy(f, target / f.name)
    return target


_CACHE: dict[str, Knowledge] = {}


def fixture_kb(tmp: Path) -> Knowledge:
    """The fixture knowledge base (loaded once per test session)."""
    if "kb" not in _CACHE:
        _CACHE["kb"] = load_knowledge(copy_fixture_kb(tmp))
    return _CACHE["kb"]


def make_case(**changes: Any) -> Case:
    """A hip case of diffuse BME in a 40-year-old woman; ``changes`` override fields."""
    data: dict[str, Any] = {
        "id": "case-1",
        "patient": {"age": 40, "sex": "female"},
        "region": "hip",
        "side": "left",
        "findings": {"mri_bme_diffuse": True},
    }
    data.update(changes)
    return Case.model_validate(data)


def make_assessment(kb: Knowledge, lang: str = "en", **changes: Any) -> Assessment:
    return assess(make_case(**changes), lang, kb=kb)


def make_plan(
    kb: Knowledge, lang: str = "en", condition: str | None = None, **changes: Any
) -> CarePlan:
    return plan(make_assessment(kb, lang, **changes), START, condition=condition, kb=kb)
