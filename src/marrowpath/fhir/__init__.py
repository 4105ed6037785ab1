"""FHIR R4 mappings of MarrowPath's results (plain dicts, validated with fhir.resources)."""

from __future__ import annotations

from marrowpath.fhir.careplan import careplan_bundle

__all__ = ["careplan_bundle"]
