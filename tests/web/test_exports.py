"""The web package's public names: only ``create_router``."""

from __future__ import annotations

import types

import marrowpath.web
import marrowpath.web.routes


class TestExports:
    """``__all__`` is sorted and complete."""

    def test_all_is_sorted_and_complete(self) -> None:
        """Every public name is exported, in sorted order."""
        public = [
            n
            for n, v in vars(marrowpath.web).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
        ]
        assert marrowpath.web.__all__ == sorted(public) == ["create_router"]

    def test_page_modules(self) -> None:
        """One module per area, each with ``register``."""
        assert marrowpath.web.routes.__all__ == sorted(marrowpath.web.routes.__all__)
        for name in marrowpath.web.routes.__all__:
            assert callable(getattr(marrowpath.web.routes, name).register)

    def test_router_is_not_in_the_api_document(self) -> None:
        """The UI's routes stay out of the service's OpenAPI document."""
        router = marrowpath.web.create_router(None)
        assert router.include_in_schema is False
        assert all(getattr(r, "include_in_schema", False) is False for r in router.routes)
