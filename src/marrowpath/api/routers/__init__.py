"""The REST routers: health, assessment, episodes, knowledge, FHIR and audit."""

from __future__ import annotations

__all__: list[str] = []
