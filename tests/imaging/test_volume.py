"""Reading and writing volumes: DICOM series, NIfTI, geometry and bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import nibabel as nib
import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from marrowpath.errors import ImagingError
from marrowpath.imaging import Volume, load_volume, write_dicom_series, write_nifti
from marrowpath.imaging.volume import align_to, check_mask


def _volume() -> Volume:
    rng = np.random.default_rng(0)
    data = rng.integers(0, 1000, size=(5, 12, 10)).astype(np.int16)
    return Volume.from_array(data, (3.0, 0.5, 0.6))


class TestDicom:
    """DICOM series are sorted by position and keep spacing and orientation."""

    def test_round_trip(self, tmp_path: Path) -> None:
        """Writing and reading a series gives the same voxels, spacing and affine."""
        vol = _volume()
        write_dicom_series(vol, tmp_path / "s")
        back = load_volume(tmp_path / "s")
        assert np.array_equal(back.data, vol.data)
        assert back.spacing == pytest.approx(vol.spacing)
        assert np.allclose(back.affine, vol.affine, atol=1e-5)

    def test_sorted_by_position_not_name(self, tmp_path: Path) -> None:
        """Renamed files still stack in spatial order."""
        vol = _volume()
        paths = write_dicom_series(vol, tmp_path / "s")
        for i, p in enumerate(paths):
            p.rename(p.with_name(f"z{len(paths) - i:02d}.dcm"))
        back = load_volume(tmp_path / "s")
        assert np.array_equal(back.data, vol.data)

    def test_rescale_slope_applied(self, tmp_path: Path) -> None:
        """Float data is written with a rescale slope and read back close to the original."""
        vol = Volume.from_array(np.linspace(0, 1, 5 * 4 * 4).reshape(5, 4, 4), (2.0, 1.0, 1.0))
        write_dicom_series(vol, tmp_path / "s")
        back = load_volume(tmp_path / "s")
        assert np.allclose(back.data, vol.data, atol=1e-4)

    def test_pydicom_bundled_mr(self) -> None:
        """pydicom's MR_small.dcm reads as one 64x64 slice with its pixel spacing."""
        path = get_testdata_file("MR_small.dcm")
        assert isinstance(path, str)
        vol = load_volume(path)
        assert vol.shape == (1, 64, 64)
        assert vol.spacing == pytest.approx((0.8, 0.3125, 0.3125))
        assert int(vol.data.min()) == 127
        assert int(vol.data.max()) == 2145
        assert vol.voxel_volume_ml == pytest.approx(0.8 * 0.3125 * 0.3125 / 1000)

    def test_missing_pixel_spacing(self, tmp_path: Path) -> None:
        """A slice without PixelSpacing is refused, naming the tag."""
        write_dicom_series(_volume(), tmp_path / "s")
        first = sorted((tmp_path / "s").iterdir())[0]
        ds = pydicom.dcmread(first)
        del ds.PixelSpacing
        ds.save_as(first)
        with pytest.raises(ImagingError) as err:
            load_volume(tmp_path / "s")
        assert (
            str(err.value) == f"DICOM file {str(first)!r} has no PixelSpacing; expected 2 numbers"
        )

    def test_uneven_spacing(self, tmp_path: Path) -> None:
        """A gap in the series is refused."""
        paths = write_dicom_series(_volume(), tmp_path / "s")
        paths[2].unlink()
        with pytest.raises(ImagingError, match=r"uneven slice spacing from 3\.000 to 6\.000 mm"):
            load_volume(tmp_path / "s")

    def test_mixed_series(self, tmp_path: Path) -> None:
        """Two series in one folder are refused."""
        write_dicom_series(_volume(), tmp_path / "a")
        write_dicom_series(_volume(), tmp_path / "b")
        shutil.copy(sorted((tmp_path / "b").iterdir())[0], tmp_path / "a" / "other.dcm")
        with pytest.raises(
            ImagingError, match=r"mixes 2 series .*; expected one series per folder"
        ):
            load_volume(tmp_path / "a")

    def test_empty_folder(self, tmp_path: Path) -> None:
        """A folder without DICOM files is refused."""
        (tmp_path / "notes.txt").write_text("x")
        with pytest.raises(ImagingError) as err:
            load_volume(tmp_path)
        assert str(err.value) == (
            f"folder {str(tmp_path)!r} holds no DICOM files; expected one DICOM series"
        )


class TestNifti:
    """NIfTI files are read with the slice axis first."""

    def test_round_trip(self, tmp_path: Path) -> None:
        """Writing and reading keeps voxels, spacing and affine."""
        vol = _volume()
        back = load_volume(write_nifti(vol, tmp_path / "v.nii.gz"))
        assert np.array_equal(back.data, vol.data)
        assert back.spacing == pytest.approx(vol.spacing)
        assert np.allclose(back.affine, vol.affine)

    def test_axis_order(self, tmp_path: Path) -> None:
        """An (i, j, k) NIfTI array becomes (k, j, i) with zooms reordered."""
        arr = np.zeros((4, 5, 6), dtype=np.int16)
        arr[1, 2, 3] = 7
        img = nib.Nifti1Image(arr, np.diag([0.5, 0.6, 3.0, 1.0]))  # type: ignore[no-untyped-call]
        nib.save(img, str(tmp_path / "a.nii"))
        vol = load_volume(tmp_path / "a.nii")
        assert vol.shape == (6, 5, 4)
        assert vol.spacing == pytest.approx((3.0, 0.6, 0.5))
        assert vol.data[3, 2, 1] == 7

    def test_missing_spacing(self, tmp_path: Path) -> None:
        """Zero voxel sizes (pixdim) are refused."""
        img = nib.Nifti1Image(np.zeros((4, 4, 4), dtype=np.int16), np.eye(4))  # type: ignore[no-untyped-call]
        img.header["pixdim"][1:4] = 0
        nib.save(img, str(tmp_path / "a.nii"))
        with pytest.raises(ImagingError) as err:
            load_volume(tmp_path / "a.nii")
        assert str(err.value) == (
            f"NIfTI file {str(tmp_path / 'a.nii')!r} has voxel sizes (pixdim) (0.0, 0.0, 0.0); "
            "expected three positive spacings in mm"
        )

    def test_four_d_refused(self, tmp_path: Path) -> None:
        """A 4-D series is refused."""
        img = nib.Nifti1Image(np.zeros((3, 3, 3, 2), np.int16), np.eye(4))  # type: ignore[no-untyped-call]
        nib.save(img, str(tmp_path / "a.nii"))
        with pytest.raises(ImagingError, match=r"has shape \(3, 3, 3, 2\); expected a 3-D image"):
            load_volume(tmp_path / "a.nii")


class TestBadFiles:
    """Paths that are not images get a clear error."""

    def test_not_an_image(self, tmp_path: Path) -> None:
        """A text file is named and refused."""
        path = tmp_path / "report.txt"
        path.write_text("STIR hyperintense")
        with pytest.raises(ImagingError) as err:
            load_volume(path)
        assert str(err.value) == (
            f"image path {str(path)!r} is neither a DICOM file, a DICOM series folder nor a "
            "NIfTI file (.nii/.nii.gz)"
        )

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that does not exist is named."""
        with pytest.raises(ImagingError) as err:
            load_volume(tmp_path / "nope.nii")
        assert str(err.value) == f"image path {str(tmp_path / 'nope.nii')!r} does not exist"

    def test_corrupt_nifti(self, tmp_path: Path) -> None:
        """A file named .nii that is not NIfTI is refused."""
        (tmp_path / "x.nii").write_bytes(b"not nifti at all")
        with pytest.raises(ImagingError, match=r"NIfTI file .* cannot be read"):
            load_volume(tmp_path / "x.nii")


class TestVolume:
    """The Volume model refuses impossible geometry."""

    def test_bad_spacing(self) -> None:
        """Zero spacing is refused."""
        with pytest.raises(ImagingError) as err:
            Volume.from_array(np.zeros((2, 2, 2)), (0.0, 1.0, 1.0))
        assert str(err.value) == (
            "spacing of '<array>' is (0.0, 1.0, 1.0); expected three positive voxel sizes in mm"
        )

    def test_not_3d(self) -> None:
        """A 2-D array is refused."""
        with pytest.raises(ImagingError, match=r"has shape \(2, 2\); expected 3-D"):
            Volume(np.zeros((2, 2)), (1.0, 1.0, 1.0))

    def test_empty_mask(self) -> None:
        """An all-zero mask is refused, naming it."""
        with pytest.raises(ImagingError) as err:
            check_mask(np.zeros((2, 2, 2), np.uint8), "bone mask")
        assert str(err.value) == (
            "bone mask is empty (no voxel > 0); expected the region to be marked with labels > 0"
        )

    def test_align_flipped(self) -> None:
        """A mask stored with the slice axis reversed is flipped back onto the image grid."""
        vol = _volume()
        flipped_affine = vol.affine.copy()
        flipped_affine[:3, 0] = -vol.affine[:3, 0]
        flipped_affine[:3, 3] = vol.affine[:3, 3] + vol.affine[:3, 0] * (vol.shape[0] - 1)
        other = Volume(vol.data[::-1].copy(), vol.spacing, flipped_affine)
        data, note = align_to(vol, other, "bone mask")
        assert note is None
        assert np.array_equal(data, vol.data)

    def test_align_shape_mismatch(self) -> None:
        """A mask of another shape is refused with both shapes."""
        vol = _volume()
        other = Volume.from_array(np.ones((5, 12, 9)), vol.spacing)
        with pytest.raises(ImagingError) as err:
            align_to(vol, other, "bone mask")
        assert str(err.value) == (
            "bone mask shape (5, 12, 9) does not match the image shape (5, 12, 10); "
            "expected a mask on the same voxel grid"
        )
