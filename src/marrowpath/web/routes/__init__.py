"""The UI's pages, one module per area; each module adds its routes with ``register``."""

from __future__ import annotations

from marrowpath.web.routes import auth, cases, episodes, imaging, knowledge, static

__all__ = ["auth", "cases", "episodes", "imaging", "knowledge", "static"]
