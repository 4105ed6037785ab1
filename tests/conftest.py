"""Shared fixtures: a clean environment, and a copy of the knowledge base to break on purpose."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
import yaml

# The project's shared folder (development data) lies beside the repository.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's MarrowPath settings."""
    for key in list(os.environ):
        if key.startswith("MARROWPATH_") and key != "MARROWPATH_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge-base folder."""
    src = resources.files("marrowpath.knowledge").joinpath("data")
    dst = tmp_path / "kb"
    with resources.as_file(src) as path:
        shutil.copytree(path, dst)
    return dst


@pytest.fixture
def edit_yaml() -> Callable[[Path, Callable[[object], object]], None]:
    """Load a YAML file, change it with a function, write it back."""

    def edit(path: Path, change: Callable[[object], object]) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        result = change(data)
        path.write_text(
            yaml.safe_dump(result if isinstance(result, list | dict) else data, allow_unicode=True),
            encoding="utf-8",
        )

    return edit
