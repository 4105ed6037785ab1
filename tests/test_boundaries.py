"""The core never imports an adapter library, and the public API is what it says."""

from __future__ import annotations

import subprocess
import sys

import pytest

import marrowpath

ADAPTER_LIBRARIES = (
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "typer",
    "click",
    "rich",
    "uvicorn",
)
CORE = (
    "marrowpath.knowledge",
    "marrowpath.reasoning",
    "marrowpath.pathway",
    "marrowpath.nlp",
    "marrowpath.imaging",
    "marrowpath.followup",
    "marrowpath.casefile",
    "marrowpath.vignette",
)


@pytest.mark.parametrize("module", CORE)
def test_core_imports_no_adapter(module: str) -> None:
    """Importing a core package (and running an assessment) loads no web, database or CLI library."""
    code = (
        f"import sys, importlib; importlib.import_module({module!r});"
        "from marrowpath import assess; from marrowpath.case import Case;"
        "assess(Case(region='hip', reports=['Bone marrow edema of the femoral head.']));"
        f"bad = [m for m in {ADAPTER_LIBRARIES!r} if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_api() -> None:
    """`from marrowpath import assess, plan, read_report` works; other names do not."""
    assert sorted(marrowpath.__all__) == marrowpath.__all__
    for name in marrowpath.__all__:
        assert callable(getattr(marrowpath, name))
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        marrowpath.nothing  # noqa: B018
