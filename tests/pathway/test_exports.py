"""The pathway package's public names, and that the core imports no adapter library."""

from __future__ import annotations

import subprocess
import sys
import types

import marrowpath.pathway


class TestExports:
    """``__all__`` is sorted and complete; the core stays free of adapters."""

    def test_all_is_sorted_and_complete(self) -> None:
        """Every public name is exported, in sorted order."""
        public = [
            n
            for n, v in vars(marrowpath.pathway).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
        ]
        exported = marrowpath.pathway.__all__
        assert exported == sorted(exported)
        assert sorted(public) == exported

    def test_core_imports_no_adapter(self) -> None:
        """Importing and using the core pulls in none of sqlalchemy, fastapi, typer, rich."""
        code = (
            "import sys, marrowpath.pathway, marrowpath.pathway.handout, "
            "marrowpath.pathway.ical, marrowpath.pathway.timeline\n"
            "bad = [m for m in ('sqlalchemy', 'fastapi', 'typer', 'rich') if m in sys.modules]\n"
            "print(','.join(bad))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == ""
