"""Overlay PNGs for review."""

from __future__ import annotations

from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

from marrowpath.imaging import analyse, write_overlays

from .conftest import phantom


class TestOverlays:
    """One PNG per slice with edema, small enough to keep."""

    def test_slices_with_edema(self, tmp_path: Path) -> None:
        """Each slice with edema gets a PNG under 200 kB with red pixels."""
        p = phantom("hip", snr=20, seed=1)
        a = analyse(p.fluid, p.labels, labels=p.label_map)
        paths = write_overlays(a, tmp_path)
        slices = {int(k) + 1 for k in np.flatnonzero(a.edema_mask().any(axis=(1, 2)))}
        assert {int(x.stem.rsplit("_", 1)[1]) for x in paths} == slices
        for path in paths:
            assert path.stat().st_size < 200_000
        rgba = mpimg.imread(paths[0])
        red = (rgba[..., 0] > 0.6) & (rgba[..., 1] < 0.5)
        assert red.any()

    def test_no_edema(self, tmp_path: Path) -> None:
        """Without edema one slice through the bone is still written."""
        p = phantom("hip", snr=20, seed=1, lesion=False)
        a = analyse(p.fluid, p.labels, labels=p.label_map)
        assert len(write_overlays(a, tmp_path)) == 1
