"""More bad and unusual input: DICOM details, label files, grades without helper labels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from marrowpath.errors import ImagingError
from marrowpath.imaging import (
    LabelMap,
    Volume,
    analyse,
    load_label_map,
    load_volume,
    write_dicom_series,
)
from marrowpath.imaging.bonemask import fallback_bone_mask

from .conftest import phantom


def _series(tmp_path: Path) -> list[Path]:
    data = np.arange(4 * 6 * 5, dtype=np.int16).reshape(4, 6, 5)
    return write_dicom_series(Volume.from_array(data, (2.0, 1.0, 1.0)), tmp_path / "s")


class TestDicomDetails:
    """Single files, duplicates, orientation changes and missing pixels."""

    def test_single_file(self, tmp_path: Path) -> None:
        """One file of a series reads as one slice with the series spacing."""
        paths = _series(tmp_path)
        vol = load_volume(paths[1])
        assert vol.shape == (1, 6, 5)
        assert vol.spacing == pytest.approx((2.0, 1.0, 1.0))

    def test_duplicate_position(self, tmp_path: Path) -> None:
        """Two slices at one position are refused."""
        paths = _series(tmp_path)
        ds = pydicom.dcmread(paths[1])
        ds.ImagePositionPatient = pydicom.dcmread(paths[0]).ImagePositionPatient
        ds.save_as(paths[1])
        with pytest.raises(ImagingError, match="has two slices at the same position"):
            load_volume(tmp_path / "s")

    def test_orientation_change(self, tmp_path: Path) -> None:
        """A slice with another orientation is refused, naming it."""
        paths = _series(tmp_path)
        ds = pydicom.dcmread(paths[2])
        ds.ImageOrientationPatient = [0, 1, 0, 0, 0, 1]
        ds.save_as(paths[2])
        with pytest.raises(
            ImagingError, match=r"ImageOrientationPatient .* expected one orientation"
        ):
            load_volume(tmp_path / "s")

    def test_bad_number(self, tmp_path: Path) -> None:
        """A PixelSpacing that is not two numbers is refused."""
        paths = _series(tmp_path)
        ds = pydicom.dcmread(paths[0])
        ds.PixelSpacing = [1.0]
        ds.save_as(paths[0])
        with pytest.raises(ImagingError, match=r"DICOM PixelSpacing of .* expected 2 numbers"):
            load_volume(paths[0])

    def test_no_pixels(self, tmp_path: Path) -> None:
        """A folder of DICOM files without pixel data is refused."""
        for p in _series(tmp_path):
            ds = pydicom.dcmread(p)
            del ds.PixelData
            ds.save_as(p)
        with pytest.raises(ImagingError, match="holds DICOM files without pixel data"):
            load_volume(tmp_path / "s")

    def test_corrupt_dicom(self, tmp_path: Path) -> None:
        """A file with the DICM marker but broken content is refused."""
        path = tmp_path / "x.dcm"
        path.write_bytes(b"\0" * 128 + b"DICM" + b"\x02\x00\x10\x00UI\xff\xff")
        with pytest.raises(ImagingError, match=r"DICOM file .*x\.dcm"):
            load_volume(path)


class TestLabelFiles:
    """Label files that cannot be used."""

    def test_unreadable(self, tmp_path: Path) -> None:
        """A missing label file is named."""
        with pytest.raises(ImagingError, match=r"label file .*nope\.json' cannot be read"):
            load_label_map(tmp_path / "nope.json")

    def test_not_a_mapping(self, tmp_path: Path) -> None:
        """A list is refused; invalid JSON is refused."""
        (tmp_path / "a.yaml").write_text("- femur\n- tibia\n")
        with pytest.raises(ImagingError) as err:
            load_label_map(tmp_path / "a.yaml")
        assert str(err.value) == (
            f"label file {str(tmp_path / 'a.yaml')!r} holds list; expected a mapping value -> name"
        )
        (tmp_path / "b.json").write_text("{1: femur")
        with pytest.raises(ImagingError, match="is not valid JSON/YAML"):
            load_label_map(tmp_path / "b.json")

    def test_wrapped_in_labels_key(self, tmp_path: Path) -> None:
        """A file with a top-level 'labels' key is accepted."""
        (tmp_path / "a.yaml").write_text("labels:\n  1: femur_medial_central\n")
        assert load_label_map(tmp_path / "a.yaml").labels[1].role == "moaks"

    def test_bad_values(self) -> None:
        """Zero, a number as a value and an incomplete SPARCC quadrant are refused."""
        with pytest.raises(
            ImagingError, match="label value 0 is not positive; 0 is the background"
        ):
            LabelMap.from_mapping({"0": "femur"})
        with pytest.raises(ImagingError, match="label 1 is 5; expected a name or a mapping"):
            LabelMap.from_mapping({"1": 5})
        with pytest.raises(ImagingError, match="is a SPARCC quadrant without 'joint'"):
            LabelMap.from_mapping({"1": {"name": "quadrant a", "role": "sparcc"}})
        named = LabelMap.from_mapping({"1": {"name": "right_sacral_lower", "role": "sparcc"}})
        assert named.labels[1].joint == "right"


class TestGradesWithoutHelpers:
    """Grades still work when the helper labels are missing."""

    def test_sparcc_without_joint_or_fluid_labels(self) -> None:
        """Depth comes from the opposite bone; 'intense' is not scored without a fluid label."""
        p = phantom("sij", snr=15, seed=4, sij_depth_mm=15.0, sij_intense=True)
        keep = {v: s for v, s in p.label_map.labels.items() if s.role not in ("joint", "fluid")}
        data = np.where(np.isin(p.labels.data, list(keep)), p.labels.data, 0).astype(np.uint8)
        m = analyse(p.fluid, p.labels.with_data(data), labels=LabelMap(labels=keep)).measurement
        g = next(g for g in m.grades if g.system == "SPARCC SIJ inflammation")
        assert g.details["deep"] == 6
        assert g.details["intense"] == 0
        assert g.details["intense_reference"] == "none given"

    def test_arco_without_head_label(self) -> None:
        """Without a femoral_head label the bone mask is taken as the head."""
        p = phantom("hip", snr=20, seed=1, necrosis_fraction=0.3)
        lm = LabelMap.from_mapping({"1": "neck", "2": "bone", "3": "necrotic_lesion"})
        m = analyse(p.fluid, p.labels, labels=lm).measurement
        g = next(g for g in m.grades if g.system == "ARCO extent")
        assert "no femoral_head label" in g.basis
        assert g.fraction is not None
        assert g.fraction < 0.3


class TestFallbackMask:
    """The classical fallback with background air and without any bone."""

    def test_air_is_not_bone(self) -> None:
        """Near-zero background around the body is not taken for bone."""
        p = phantom("hip", snr=20, seed=1)
        data = np.pad(p.fluid.data, ((0, 0), (12, 12), (12, 12)))
        rng = np.random.default_rng(0)
        data = data + np.abs(rng.normal(0, 3, data.shape)).astype(np.int16)
        mask = fallback_bone_mask(Volume.from_array(data, p.fluid.spacing))
        assert not mask[:, :12, :].any()
        truth = np.pad(p.bone_mask, ((0, 0), (12, 12), (12, 12)))
        assert (mask & truth).sum() / truth.sum() > 0.9

    def test_no_bone(self) -> None:
        """A uniform bright image has no bone."""
        flat = Volume.from_array(np.full((4, 20, 20), 200, np.int16), (3.0, 1.0, 1.0))
        with pytest.raises(ImagingError, match="no bone found by the fallback"):
            fallback_bone_mask(flat)
