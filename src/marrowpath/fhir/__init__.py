"""FHIR R4 mappings of MarrowPath's results (plain dicts, validated with fhir.resources)."""

from __future__ import annotations

from marrowpath.fhir.assessment_out import assessment_bundle
from marrowpath.fhir.bundle_in import case_from_bundle, read_bundle
from marrowpath.fhir.careplan import careplan_bundle
from marrowpath.fhir.observations import pain_observations
from marrowpath.fhir.provenance import provenance

__all__ = [
    "assessment_bundle",
    "careplan_bundle",
    "case_from_bundle",
    "pain_observations",
    "provenance",
    "read_bundle",
]
