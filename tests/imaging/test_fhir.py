"""The FHIR Observation validates against the R4B model and carries no invented codes."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.observation import Observation

from marrowpath.errors import InputError
from marrowpath.imaging import measure, observation
from marrowpath.imaging.fhir import LOCAL_SYSTEM

from .conftest import phantom


class TestObservation:
    """Observation of a measurement."""

    def test_validates(self) -> None:
        """The dict parses as an R4B Observation with value and components."""
        p = phantom("knee", snr=20, seed=2, fill=("femur_medial_central", 0.5))
        m = measure(p.fluid, p.labels, labels=p.label_map)
        obs = observation(
            m,
            subject="Patient/p1",
            effective="2026-01-02T10:00:00+00:00",
            body_site="knee",
            derived_from="ImagingStudy/s1",
        )
        model = Observation.model_validate(obs)
        assert model.valueQuantity is not None
        assert float(str(model.valueQuantity.value)) == pytest.approx(m.edema_volume_ml)
        assert model.valueQuantity.code == "mL"
        texts = [c.code.text for c in model.component or []]
        assert "MOAKS BML size, femur_medial_central" in texts
        assert obs["bodySite"]["coding"][0]["code"] == "72696002"
        json.dumps(obs)

    def test_codes_are_local(self) -> None:
        """Every code of the observation is the local system, except the category and site."""
        p = phantom("hip", snr=20, seed=1)
        obs = observation(measure(p.fluid, p.labels, labels=p.label_map))
        systems = {c["system"] for comp in obs["component"] for c in comp["code"]["coding"]}
        assert systems == {LOCAL_SYSTEM}
        assert obs["code"]["coding"][0]["system"] == LOCAL_SYSTEM
        assert "not a diagnosis" in obs["note"][0]["text"]
        Observation.model_validate(obs)

    def test_unknown_body_site(self) -> None:
        """An unknown body site is refused."""
        p = phantom("hip", snr=20, seed=1)
        m = measure(p.fluid, p.labels, labels=p.label_map)
        with pytest.raises(InputError, match="body site 'elbow' is unknown"):
            observation(m, body_site="elbow")
