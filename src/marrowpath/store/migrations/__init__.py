"""Alembic migrations of the episode store, applied by ``open_store``."""

from __future__ import annotations

__all__: list[str] = []
