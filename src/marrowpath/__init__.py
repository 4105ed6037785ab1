"""MarrowPath: clinical decision support for bone marrow edema.

Decision support for qualified professionals, not a diagnosis.

The Python API is the core that every adapter (CLI, REST, CDS Hooks, web UI) calls::

    from marrowpath import assess, load_case, plan, read_report

    assessment = assess(load_case("examples/toh-hip.yaml"))
    care_plan = plan(assessment, start_date)

Names are imported on first use, so ``import marrowpath`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["assess", "load_case", "measure", "plan", "read_report"]

_WHERE = {
    "assess": "marrowpath.reasoning",
    "load_case": "marrowpath.casefile",
    "measure": "marrowpath.imaging",
    "plan": "marrowpath.pathway",
    "read_report": "marrowpath.nlp",
}

if TYPE_CHECKING:
    from marrowpath.casefile import load_case
    from marrowpath.imaging import measure
    from marrowpath.nlp import read_report
    from marrowpath.pathway import plan
    from marrowpath.reasoning import assess


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    msg = f"module 'marrowpath' has no attribute {name!r}"
    raise AttributeError(msg)
