"""Fixtures of the pathway tests: a small knowledge base independent of the shipped data."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from marrowpath.knowledge import Knowledge, load_knowledge

FIXTURE = Path(__file__).parent / "kb"
_SHIPPED = ("meta.yaml", "sources.yaml", "regions.yaml", "conditions.yaml")


def copy_fixture_kb(target: Path) -> Path:
    """Shipped meta, sources, regions and conditions plus this folder's own sections."""
    target.mkdir(parents=True, exist_ok=True)
    data = resources.files("marrowpath.knowledge").joinpath("data")
    for name in _SHIPPED:
        (target / name).write_text(data.joinpath(name).read_text(encoding="utf-8"), "utf-8")
    for f in FIXTURE.glob("*.yaml"):
        shutil.copy(f, target / f.name)
    return target


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The fixture knowledge base."""
    return load_knowledge(copy_fixture_kb(tmp_path_factory.mktemp("kb")))
