"""A 3-D image with its geometry, and the checks every measurement relies on.

Arrays are always ``(slice, row, column)``: axis 0 is the slice (through-plane) axis of the
acquisition, so overlays, SPARCC slices and partial-volume handling can treat it apart from
the in-plane axes. ``spacing`` is in millimetres in the same order, and ``affine`` maps
``(slice, row, column, 1)`` indices to patient coordinates in mm, always RAS (as NIfTI; DICOM
LPS coordinates are converted on reading and writing), so masks from either format line up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marrowpath.errors import ImagingError

__all__ = ["Volume", "align_to", "check_mask", "load_volume"]


@dataclass(frozen=True, eq=False)
class Volume:
    """Voxel data plus the geometry needed to turn voxel counts into millilitres."""

    data: npt.NDArray[Any]
    spacing: tuple[float, float, float]
    affine: npt.NDArray[np.float64] = field(default_factory=lambda: np.eye(4))
    source: str = ""

    def __post_init__(self) -> None:
        if self.data.ndim != 3:
            msg = f"image {self.source or '<array>'!r} has shape {self.data.shape!r}; expected 3-D"
            raise ImagingError(msg)
        if len(self.spacing) != 3 or not all(np.isfinite(s) and s > 0 for s in self.spacing):
            msg = (
                f"spacing of {self.source or '<array>'!r} is {self.spacing!r}; "
                "expected three positive voxel sizes in mm"
            )
            raise ImagingError(msg)
        if self.affine.shape != (4, 4):
            msg = f"affine has shape {self.affine.shape!r}; expected (4, 4)"
            raise ImagingError(msg)

    @classmethod
    def from_array(
        cls,
        data: npt.ArrayLike,
        spacing: tuple[float, float, float],
        source: str = "",
    ) -> Volume:
        """A volume on an axis-aligned grid with ``spacing`` (mm) and its origin at 0."""
        arr = np.asarray(data)
        affine = _grid_affine(spacing)
        return cls(arr, (float(spacing[0]), float(spacing[1]), float(spacing[2])), affine, source)

    @property
    def shape(self) -> tuple[int, int, int]:
        s = self.data.shape
        return (int(s[0]), int(s[1]), int(s[2]))

    @property
    def voxel_volume_ml(self) -> float:
        """Volume of one voxel in mL (1 mL = 1000 mm^3)."""
        return float(np.prod(self.spacing)) / 1000.0

    def with_data(self, data: npt.NDArray[Any], source: str | None = None) -> Volume:
        """The same grid holding other data (a mask, a corrected image)."""
        return Volume(data, self.spacing, self.affine, self.source if source is None else source)


def _grid_affine(spacing: tuple[float, float, float]) -> npt.NDArray[np.float64]:
    """An axis-aligned affine whose slice axis follows the DICOM normal (row x column).

    With the slice axis along -x, the columns along +z and the rows along +y, the cross
    product of the row and column directions points along the slices, so a DICOM series
    written from it reads back in the same slice order.
    """
    affine = np.zeros((4, 4))
    affine[0, 0] = -float(spacing[0])
    affine[1, 1] = float(spacing[1])
    affine[2, 2] = float(spacing[2])
    affine[3, 3] = 1.0
    return affine


def load_volume(path: str | Path) -> Volume:
    """Read a DICOM series folder, a DICOM file or a NIfTI file (``.nii``/``.nii.gz``)."""
    from marrowpath.imaging.dicom import is_dicom_file, read_dicom_file, read_dicom_series
    from marrowpath.imaging.nifti import read_nifti

    p = Path(path)
    if not p.exists():
        msg = f"image path {str(p)!r} does not exist"
        raise ImagingError(msg)
    if p.is_dir():
        return read_dicom_series(p)
    name = p.name.lower()
    if name.endswith((".nii", ".nii.gz")):
        return read_nifti(p)
    if is_dicom_file(p):
        return read_dicom_file(p)
    msg = (
        f"image path {str(p)!r} is neither a DICOM file, a DICOM series folder nor a "
        "NIfTI file (.nii/.nii.gz)"
    )
    raise ImagingError(msg)


def align_to(image: Volume, other: Volume, what: str) -> tuple[npt.NDArray[Any], str | None]:
    """``other``'s data on ``image``'s voxel grid, and a warning if the headers disagree.

    Masks and second images often come from another tool: a NIfTI label map drawn on a DICOM
    series may store the same grid with flipped or permuted axes. When the two affines differ
    by such a signed permutation, the data is transposed and flipped to match. Otherwise the
    shapes must agree, and the data is used voxel for voxel with a warning.
    """
    data = np.asarray(other.data)
    if other.shape == image.shape and np.allclose(other.affine, image.affine, atol=1e-3):
        return data, None
    try:
        mapping = np.linalg.solve(image.affine, other.affine)
    except np.linalg.LinAlgError:
        mapping = np.full((4, 4), np.nan)
    rot, shift = mapping[:3, :3], mapping[:3, 3]
    signed = np.rint(rot)
    is_perm = (
        np.all(np.isfinite(rot))
        and np.allclose(rot, signed, atol=1e-3)
        and all(np.count_nonzero(signed[i]) == 1 for i in range(3))
        and all(np.count_nonzero(signed[:, j]) == 1 for j in range(3))
    )
    if is_perm:
        order = [int(np.flatnonzero(signed[a])[0]) for a in range(3)]
        moved = data.transpose(order)
        for a in range(3):
            if signed[a, order[a]] < 0:
                moved = np.flip(moved, axis=a)
        expected = np.array(
            [0.0 if signed[a, order[a]] > 0 else moved.shape[a] - 1 for a in range(3)]
        )
        if moved.shape == image.shape and np.allclose(shift, expected, atol=0.05):
            return np.ascontiguousarray(moved), None
    if other.shape != image.shape:
        msg = (
            f"{what} shape {other.shape!r} does not match the image shape {image.shape!r}; "
            "expected a mask on the same voxel grid"
        )
        raise ImagingError(msg)
    return data, (
        f"{what} header geometry (affine) differs from the image; the voxels were assumed "
        "to be aligned because the shapes agree"
    )


def check_mask(mask: npt.NDArray[np.generic], what: str) -> npt.NDArray[np.bool_]:
    """A non-empty boolean mask from a mask or label image (any value > 0 is inside)."""
    if mask.dtype.kind not in "biuf":
        msg = f"{what} has data type {str(mask.dtype)!r}; expected integer labels or 0/1"
        raise ImagingError(msg)
    inside: npt.NDArray[np.bool_] = np.greater(mask, 0)
    if not inside.any():
        msg = f"{what} is empty (no voxel > 0); expected the region to be marked with labels > 0"
        raise ImagingError(msg)
    return inside
