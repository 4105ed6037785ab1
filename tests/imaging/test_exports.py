"""The public API of marrowpath.imaging and its dependency rule."""

from __future__ import annotations

import subprocess
import sys

import marrowpath.imaging as imaging


class TestExports:
    """__all__ is sorted and complete; the core imports no adapter."""

    def test_all_sorted_and_complete(self) -> None:
        """Every public name is exported, in order."""
        public = sorted(
            n
            for n in vars(imaging)
            if not n.startswith("_")
            and n != "annotations"
            and not isinstance(getattr(imaging, n), type(imaging))
        )
        assert imaging.__all__ == sorted(imaging.__all__)
        assert set(imaging.__all__) == set(public)

    def test_no_adapter_imports(self) -> None:
        """Importing and running the imaging core loads no web, database or CLI framework."""
        code = (
            "import sys, marrowpath.imaging as m\n"
            "p = m.make_phantom('hip', shape=(8, 48, 48), spacing=(3.0, 2.0, 2.0))\n"
            "m.measure(p.fluid, p.labels)\n"
            "bad = [x for x in ('fastapi', 'sqlalchemy', 'typer', 'rich') if x in sys.modules]\n"
            "print(','.join(bad))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == ""
