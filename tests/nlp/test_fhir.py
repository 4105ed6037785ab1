"""FHIR Observations from a reading, validated with fhir.resources (R4B)."""

from __future__ import annotations

from fhir.resources.R4B.observation import Observation

from marrowpath.nlp import read_report
from marrowpath.nlp.fhir import FINDING_SYSTEM, observations


class TestObservations:
    """Valid Observations, one per case finding."""

    def test_valid_and_complete(self) -> None:
        """Every Observation validates and codes a finding of the reading."""
        reading = read_report("Bone bruise of the talus. No joint effusion.")
        obs = observations("report-1", reading)
        for o in obs:
            Observation.model_validate(o)
        got = {o["code"]["coding"][0]["code"]: o["valueBoolean"] for o in obs}
        assert got == reading.findings() == {"mri_bme": True, "mri_joint_effusion": False}
        assert obs[0]["code"]["coding"][0]["system"] == FINDING_SYSTEM
        assert obs[0]["identifier"][0]["value"] == "report-1#mri_bme"
        assert obs[0]["bodySite"] == {"text": "talus"}

    def test_german_display(self) -> None:
        """German reports get German display names."""
        (o,) = observations("r", read_report("Kein Knochenmarködem."))
        assert o["code"]["text"] == "Knochenmarködem in der MRT"
