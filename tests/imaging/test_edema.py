"""The edema rule on phantoms: volume, overlap, SNR stability and false positives."""

from __future__ import annotations

import numpy as np
import pytest

from marrowpath.imaging import EdemaParameters, analyse
from marrowpath.imaging.bias import fit_bias_field, polynomial_terms
from marrowpath.imaging.edema import _medians

from .conftest import dice, phantom


class TestAccuracy:
    """At SNR >= 10 and bias up to +-20 %: volume error <= 10 % and Dice >= 0.85."""

    @pytest.mark.parametrize("anatomy", ["hip", "sij", "knee"])
    @pytest.mark.parametrize(("snr", "bias"), [(10, 0.0), (10, 0.2), (20, 0.2), (40, 0.2)])
    def test_volume_and_dice(self, anatomy: str, snr: float, bias: float) -> None:
        """Supra-threshold volume and overlap meet the goals."""
        kwargs = {"fill": ("tibia_medial_central", 0.5)} if anatomy == "knee" else {}
        p = phantom(anatomy, snr=snr, bias=bias, seed=7, **kwargs)
        a = analyse(p.fluid, p.labels, labels=p.label_map)
        err = abs(a.measurement.edema_volume_ml - p.truth_volume_ml) / p.truth_volume_ml
        assert err <= 0.10
        assert dice(a.edema_mask(), p.truth_mask) >= 0.85

    @pytest.mark.parametrize("edema_stir", [250.0, 700.0])
    def test_faint_and_bright_lesions(self, edema_stir: float) -> None:
        """The half-contrast cut adapts to the lesion's own level."""
        p = phantom("hip", snr=10, bias=0.2, seed=3, edema_stir=edema_stir, edge_mm=3.0)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.10)

    def test_partial_volume_estimate(self) -> None:
        """The partial-volume-weighted volume is also within 10 %."""
        p = phantom("hip", snr=20, bias=0.1, seed=1)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        assert m.pv_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.10)

    def test_snr_stability(self) -> None:
        """Volume varies <= 5 % between SNR 10 and 40 (noise-based cuts would drift)."""
        vols = [
            analyse(p.fluid, p.labels, labels=p.label_map).measurement.edema_volume_ml
            for p in (phantom("hip", snr=s, bias=0.1, seed=2) for s in (10, 40))
        ]
        assert abs(vols[0] - vols[1]) / vols[1] <= 0.05


class TestFalsePositives:
    """No lesion gives less than 0.1 mL."""

    @pytest.mark.parametrize("anatomy", ["hip", "knee", "sij"])
    @pytest.mark.parametrize("snr", [10, 40])
    def test_no_lesion(self, anatomy: str, snr: float) -> None:
        """Healthy phantoms measure < 0.1 mL with bias +-20 %."""
        p = phantom(anatomy, snr=snr, bias=0.2, seed=11, lesion=False)
        assert p.truth_volume_ml == 0.0
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        assert m.edema_volume_ml < 0.1
        assert not m.findings()["mri_bme"]


class TestRules:
    """The published alternatives run and report their parameters."""

    def test_ratio_rule(self) -> None:
        """The ratio rule finds the lesion; parameters carry the rule."""
        p = phantom("hip", snr=20, bias=0.0, seed=1)
        params = EdemaParameters(rule="ratio")
        m = analyse(p.fluid, p.labels, labels=p.label_map, params=params).measurement
        assert m.parameters["rule"] == "ratio"
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.25)

    def test_iqr_rule_over_counts(self) -> None:
        """The noise-based quartile fence counts the faint fringe: why it is not the default."""
        p = phantom("hip", snr=20, bias=0.0, seed=1)
        params = EdemaParameters(rule="iqr")
        m = analyse(p.fluid, p.labels, labels=p.label_map, params=params).measurement
        assert m.parameters["rule"] == "iqr"
        assert m.edema_volume_ml > 1.2 * p.truth_volume_ml

    def test_ratio_threshold_value(self) -> None:
        """Rule 'ratio' cuts at ratio x reference median (or the quartile fence if higher)."""
        p = phantom("hip", snr=20, bias=0.0, seed=1)
        params = EdemaParameters(rule="ratio", ratio=2.0)
        m = analyse(p.fluid, p.labels, labels=p.label_map, params=params).measurement
        expected = max(2.0 * m.reference.median, m.reference.q3 + 1.5 * m.reference.iqr)
        assert m.parameters["threshold_applied"] == pytest.approx(expected, abs=1e-2)

    def test_parameters_reported(self) -> None:
        """Every parameter and the sources of the rule are in the result."""
        p = phantom("hip", snr=20, bias=0.0, seed=1)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        for key in EdemaParameters.model_fields:
            assert key in m.parameters
        assert "Hepburn" in m.parameters["sources"]["threshold_rule"]
        assert m.parameters["sources"]["moaks_bml_size"].startswith("s61")

    def test_bad_parameter(self) -> None:
        """A contrast fraction outside (0, 1) is refused by the model."""
        with pytest.raises(ValueError, match="contrast_fraction"):
            EdemaParameters(contrast_fraction=1.5)


class TestHelpers:
    """Small building blocks."""

    def test_medians(self) -> None:
        """Per-owner medians from one sort; empty owners get the fallback."""
        values = np.array([5.0, 1.0, 3.0, 10.0, 20.0])
        owner = np.array([1, 1, 1, 3, 3])
        assert list(_medians(values, owner, 3, -1.0)) == [3.0, -1.0, 15.0]

    def test_bias_fit_recovers_field(self) -> None:
        """A smooth multiplicative field is fitted to within 2 %."""
        z, y, x = np.meshgrid(
            np.linspace(-1, 1, 8), np.linspace(-1, 1, 30), np.linspace(-1, 1, 30), indexing="ij"
        )
        field = 1.0 + 0.15 * x - 0.1 * y * z
        img = (100.0 * field).astype(np.float32)
        fitted = fit_bias_field(img, np.ones(img.shape, bool), (3.0, 1.0, 1.0))
        ratio = img / fitted
        assert float(ratio.std() / ratio.mean()) < 0.02
        assert len(polynomial_terms(2)) == 10
