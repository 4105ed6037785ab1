"""measure(): inputs, bad input, reference, fallback mask, outputs and comparison."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from marrowpath.errors import ImagingError
from marrowpath.imaging import (
    LabelMap,
    Measurement,
    Volume,
    analyse,
    compare,
    load_label_map,
    measure,
)

from .conftest import dice, phantom


class TestInputs:
    """Files and in-memory volumes both work; grids must agree."""

    def test_from_files(self, tmp_path: Path) -> None:
        """DICOM image, NIfTI labels and a JSON label file give the in-memory result."""
        p = phantom("hip", snr=20, seed=1)
        nii = p.write(tmp_path / "nii", "nifti")
        dcm = p.write(tmp_path / "dcm", "dicom")
        from_files = measure(dcm["fluid"], nii["labels"], t1=dcm["t1"], labels=nii["label_map"])
        in_memory = measure(p.fluid, p.labels, t1=p.t1, labels=p.label_map)
        assert from_files.edema_volume_ml == pytest.approx(in_memory.edema_volume_ml)
        assert from_files.image.t1_source == str(dcm["t1"])

    def test_mask_shape_mismatch(self) -> None:
        """A mask of another shape is refused, naming both shapes."""
        p = phantom("hip", snr=20, seed=1)
        small = Volume.from_array(p.labels.data[:, :, :-1], p.labels.spacing)
        with pytest.raises(ImagingError) as err:
            measure(p.fluid, small)
        assert str(err.value) == (
            "bone mask shape (24, 128, 127) does not match the image shape (24, 128, 128); "
            "expected a mask on the same voxel grid"
        )

    def test_empty_mask(self) -> None:
        """An empty mask is refused."""
        p = phantom("hip", snr=20, seed=1)
        empty = p.labels.with_data(np.zeros(p.labels.shape, np.uint8))
        with pytest.raises(ImagingError) as err:
            measure(p.fluid, empty)
        assert str(err.value) == (
            "bone mask is empty (no voxel > 0); expected the region to be marked with labels > 0"
        )

    def test_non_image_file(self, tmp_path: Path) -> None:
        """A text file as the image is refused, naming the argument."""
        path = tmp_path / "a.txt"
        path.write_text("hello")
        with pytest.raises(ImagingError) as err:
            measure(path, path)
        assert str(err.value) == (
            f"fluid image: image path {str(path)!r} is neither a DICOM file, a DICOM series "
            "folder nor a NIfTI file (.nii/.nii.gz)"
        )

    def test_only_outside_labels(self) -> None:
        """A label map whose labels all lie outside bone is refused."""
        p = phantom("hip", snr=20, seed=1)
        with pytest.raises(ImagingError, match="bone mask has no bone voxels"):
            measure(p.fluid, p.labels, labels={"1": "joint_space", "2": "fluid"})

    def test_labels_without_mask(self) -> None:
        """Labels need a label image."""
        p = phantom("hip", snr=20, seed=1)
        with pytest.raises(ImagingError) as err:
            measure(p.fluid, labels={"1": "femur"})
        assert str(err.value) == (
            "labels were given without a label image; expected --bone-mask LABEL_IMAGE"
        )

    def test_arrays_need_spacing(self) -> None:
        """Bare arrays work with spacing and are refused without it."""
        p = phantom("hip", snr=20, seed=1)
        m = measure(p.fluid.data, p.bone_mask, spacing=p.fluid.spacing)
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.1)
        assert not m.warnings
        with pytest.raises(ImagingError) as err:
            measure(p.fluid.data, p.bone_mask)
        assert str(err.value) == (
            "fluid image is an array without voxel spacing; expected a Volume "
            "(Volume.from_array(data, spacing)), a DICOM/NIfTI path, or spacing=(slice, row, "
            "column) in mm"
        )
        with pytest.raises(ImagingError, match=r"^fluid image: spacing of .* is \(0\.0, 1\.0"):
            measure(p.fluid.data, p.bone_mask, spacing=(0.0, 1.0, 1.0))
        with pytest.raises(ImagingError, match="bone mask is a int; expected a Volume"):
            measure(p.fluid, 3)  # type: ignore[arg-type]

    def test_binary_float_mask(self) -> None:
        """A float 0/1 mask works like an integer one."""
        p = phantom("hip", snr=20, seed=1)
        as_float = p.labels.with_data(p.bone_mask.astype(np.float32))
        m = measure(p.fluid, as_float)
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.1)
        assert [r.name for r in m.regions] == ["label_1"]


class TestReference:
    """The normal-marrow reference: user mask, label or automatic."""

    def test_user_reference(self) -> None:
        """A user reference in the femoral neck is used and reported."""
        p = phantom("hip", snr=20, seed=1)
        ref = p.labels.with_data((p.labels.data == 1).astype(np.uint8))
        m = measure(p.fluid, p.labels, reference=ref, labels=p.label_map)
        assert m.reference.source == "user"
        assert m.image.reference_source == "user"
        assert m.reference.median == pytest.approx(100, rel=0.1)
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.1)

    def test_reference_outside_bone(self) -> None:
        """A reference that misses the bone is refused."""
        p = phantom("hip", snr=20, seed=1)
        data = np.zeros(p.labels.shape, np.uint8)
        data[0, 0, 0] = 1
        with pytest.raises(ImagingError, match="reference mask does not overlap the bone mask"):
            measure(p.fluid, p.labels, reference=p.labels.with_data(data))

    def test_automatic_reference_away_from_lesion(self) -> None:
        """The automatic reference is normal marrow, far from the lesion."""
        p = phantom("hip", snr=20, seed=1)
        m = measure(p.fluid, p.labels, labels=p.label_map)
        assert m.reference.source == "automatic"
        assert m.reference.median == pytest.approx(100, rel=0.1)


class TestDiffuseEdema:
    """Edema filling most of a tight mask: a warning, and a user reference fixes it."""

    def test_warning_and_reference(self) -> None:
        """The automatic reference is then edema; --reference restores the volume."""
        p = phantom("knee", snr=15, bias=0.1, seed=3, fill=("femur_medial_central", 0.8))
        value = next(v for v, s in p.label_map.labels.items() if s.name == "femur_medial_central")
        sub = p.labels.data == value
        mask = p.labels.with_data(sub.astype(np.uint8))
        m = measure(p.fluid, mask)
        assert any("edema may fill most of the mask" in w for w in m.warnings)
        normal = sub & (p.truth_fraction == 0)
        fixed = measure(p.fluid, mask, reference=p.labels.with_data(normal.astype(np.uint8)))
        truth = float((p.truth_fraction * sub).sum()) * p.fluid.voxel_volume_ml
        assert fixed.edema_volume_ml == pytest.approx(truth, rel=0.10)
        assert not fixed.warnings


class TestFallbackMask:
    """Without a mask the classical fallback finds the bone, with a warning."""

    def test_fallback(self) -> None:
        """The dark enclosed region is the bone; the lesion is still measured."""
        p = phantom("hip", snr=20, seed=1)
        a = analyse(p.fluid)
        assert dice(a.bone_mask(), p.bone_mask) >= 0.9
        m = a.measurement
        assert m.edema_volume_ml == pytest.approx(p.truth_volume_ml, rel=0.15)
        assert "approximate" in m.image.bone_mask_source
        assert m.warnings[0].startswith("no bone mask given")


class TestOutputs:
    """Volumes, regions, depth and the JSON shape."""

    def test_json_fields(self) -> None:
        """The JSON has the fields the CLI promises, and round-trips."""
        p = phantom("hip", snr=20, seed=1)
        m = measure(p.fluid, p.labels, labels=p.label_map)
        doc = json.loads(m.model_dump_json())
        for key in ("edema_volume_ml", "bone_volume_ml", "percent_of_bone", "grades", "parameters"):
            assert key in doc
        assert Measurement.model_validate(doc) == m
        assert m.percent_of_bone == pytest.approx(
            100 * m.edema_volume_ml / m.bone_volume_ml, rel=1e-3
        )

    def test_regions_and_depth(self) -> None:
        """The subchondral lesion sits in the head, within 10 mm of the surface mostly."""
        p = phantom("hip", snr=20, seed=1)
        m = measure(p.fluid, p.labels, labels=p.label_map)
        head = next(r for r in m.regions if r.name == "femoral_head")
        neck = next(r for r in m.regions if r.name == "femoral_neck")
        assert head.edema_ml == pytest.approx(m.edema_volume_ml)
        assert neck.edema_ml == 0.0
        assert m.depth is not None
        assert m.depth.surface == "bone surface"
        assert m.depth.min_mm == pytest.approx(4.0, abs=1.0)  # built 4 mm under the dome
        assert 14.0 < m.depth.max_mm < 20.0

    def test_depth_from_joint_label(self) -> None:
        """With a joint label, depth is measured from the joint (SIJ lesion 15 mm deep)."""
        p = phantom("sij", snr=20, seed=1, sij_depth_mm=15.0)
        m = measure(p.fluid, p.labels, labels=p.label_map)
        assert m.depth is not None
        assert m.depth.surface == "joint label"
        assert m.depth.max_mm == pytest.approx(15.0, abs=1.5)

    def test_depth_from_endplate(self) -> None:
        """A Modic 1 band built 6 mm deep reaches about 6 mm from the disc (joint label)."""
        p = phantom("spine", snr=20, seed=6, modic={"V2_inferior_endplate": 1})
        m = measure(p.fluid, p.labels, t1=p.t1, labels=p.label_map)
        assert m.depth is not None
        assert m.depth.surface == "joint label"
        assert m.depth.max_mm == pytest.approx(6.5, abs=1.5)
        assert m.depth.percent_within_10mm == 100.0

    def test_label_file(self, tmp_path: Path) -> None:
        """A YAML label file with names and explicit roles loads."""
        path = tmp_path / "labels.yaml"
        path.write_text("1: femoral_neck\n2: {name: head, role: femoral_head}\n9: joint_space\n")
        lm = load_label_map(path)
        assert lm.labels[2].role == "femoral_head"
        assert lm.labels[9].role == "joint"
        assert lm.bone_values() == [1, 2]

    @pytest.mark.parametrize(
        ("name", "role"),
        [
            ("L ilium superior", "sparcc"),
            ("Right-Sacrum-Inferior", "sparcc"),
            ("Femur-Medial-Central", "moaks"),
            ("medial femoral trochlea", "moaks"),
            ("tibia subspinous", "moaks"),
            ("necrotic_lesion", "necrosis"),
            ("V2 inferior endplate", "endplate"),
            ("vessel", "fluid"),
            ("sacrum", "bone"),
        ],
    )
    def test_names_imply_roles(self, name: str, role: str) -> None:
        """Conventional names in any word order and separator imply their role."""
        assert LabelMap.from_mapping({"1": name}).labels[1].role == role

    def test_bad_label_file(self, tmp_path: Path) -> None:
        """A bad role is refused with the label and field named."""
        with pytest.raises(ImagingError, match=r"^label 2: field 'role': Input should be"):
            LabelMap.from_mapping({"2": {"name": "x", "role": "cartilage"}})
        with pytest.raises(ImagingError) as err:
            LabelMap.from_mapping({"one": "femur"})
        assert str(err.value) == "label value 'one' is not an integer; expected keys like '1', '2'"


class TestCompare:
    """Two studies of one episode: change in volume and grade."""

    def test_smaller(self) -> None:
        """A resolving lesion is 'smaller' with grade changes listed."""
        before = _knee(0.8)
        after = _knee(0.2)
        c = compare(before, after)
        assert c.trend == "smaller"
        assert c.change_ml < 0
        change = next(g for g in c.grade_changes if g.region == "femur_medial_central")
        assert (change.before, change.after) == ("3", "1")
        finding = c.visit_finding()
        assert finding["kind"] == "mri_bme_change"
        assert finding["value"] == "smaller"
        assert finding["grades"][0]["region"] == "femur_medial_central"
        assert c.summary().startswith("Bone marrow edema decreased on MRI: measured volume")
        assert "MOAKS BML size femur medial central 3 -> 1" in c.summary()

    def test_stable_and_resolved(self) -> None:
        """Within 10 % is stable; below 0.1 mL is resolved."""
        m = _knee(0.5)
        assert compare(m, m).trend == "stable"
        healthy = phantom("knee", snr=20, seed=2, lesion=False)
        gone = measure(healthy.fluid, healthy.labels, labels=healthy.label_map)
        assert compare(m, gone).trend == "resolved"
        assert compare(gone, m).trend == "new"
        assert compare(gone, gone).trend == "none"


def _knee(fraction: float) -> Measurement:
    p = phantom("knee", snr=20, seed=2, fill=("femur_medial_central", fraction))
    return measure(p.fluid, p.labels, labels=p.label_map)
