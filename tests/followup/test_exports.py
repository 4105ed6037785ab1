"""The follow-up package's public names."""

from __future__ import annotations

import types

import marrowpath.followup


class TestExports:
    """``__all__`` is sorted and complete."""

    def test_all_is_sorted_and_complete(self) -> None:
        """Every public name is exported, in sorted order."""
        public = [
            n
            for n, v in vars(marrowpath.followup).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
        ]
        assert marrowpath.followup.__all__ == sorted(public)
