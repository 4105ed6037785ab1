"""The nlp package's public names, and that it stays a core package."""

from __future__ import annotations

import subprocess
import sys
import types

import marrowpath.nlp


class TestExports:
    """``__all__`` is sorted and complete; importing the reader pulls in no adapter."""

    def test_all_is_sorted_and_complete(self) -> None:
        """Every public name is exported, in sorted order."""
        public = [
            n
            for n, v in vars(marrowpath.nlp).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
        ]
        assert marrowpath.nlp.__all__ == sorted(public)

    def test_no_adapter_or_spacy_imported(self) -> None:
        """Reading a report imports neither FastAPI, SQLAlchemy, Typer, Rich nor spaCy."""
        code = (
            "import sys; from marrowpath.nlp import read_report; read_report('Bone bruise.');"
            "bad = [m for m in ('fastapi', 'sqlalchemy', 'typer', 'rich', 'spacy', 'medspacy')"
            " if m in sys.modules]; print(bad)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "[]"
