"""The store package's public names."""

from __future__ import annotations

import marrowpath.fhir
import marrowpath.store


class TestExports:
    """``__all__`` is sorted and every name in it exists."""

    def test_store(self) -> None:
        """Sorted as ruff's RUF022 sorts (constants first), and each exported name is defined."""
        names = marrowpath.store.__all__
        assert names == sorted(names, key=lambda n: (not n.isupper(), n))
        assert all(hasattr(marrowpath.store, n) for n in names)

    def test_fhir(self) -> None:
        """The FHIR package exports the CarePlan bundle, sorted."""
        names = marrowpath.fhir.__all__
        assert names == sorted(names)
        assert "careplan_bundle" in names
