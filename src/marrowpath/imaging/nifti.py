"""NIfTI in and out with nibabel, converted to the ``(slice, row, column)`` axis order.

NIfTI stores voxels as ``(i, j, k)`` with ``k`` usually the slice axis; a Volume keeps the
slice axis first, so the array is transposed to ``(k, j, i)`` and the affine's columns are
permuted to match. Writing reverses both, so a round trip is exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from marrowpath.errors import ImagingError
from marrowpath.imaging.volume import Volume

__all__ = ["read_nifti", "write_nifti"]


def _raw_zooms(path: Path, img: Any) -> tuple[float, ...]:
    """Voxel sizes as stored: nibabel quietly replaces a zero pixdim by 1 when it loads."""
    from nibabel.openers import ImageOpener

    try:
        with ImageOpener(str(path)) as fh:
            raw = type(img.header).from_fileobj(fh, check=False)
        return tuple(float(z) for z in raw["pixdim"][1:4])
    except Exception:  # unusual header classes: fall back to nibabel's view
        return tuple(float(z) for z in img.header.get_zooms()[:3])


def read_nifti(path: Path) -> Volume:
    """Read a 3-D NIfTI image (a trailing axis of length 1 is dropped)."""
    import nibabel as nib
    from nibabel.filebasedimages import ImageFileError

    try:
        img: Any = nib.load(str(path))
        data = np.asanyarray(img.dataobj)
    except (ImageFileError, OSError, ValueError, EOFError) as exc:
        msg = f"NIfTI file {str(path)!r} cannot be read: {exc}"
        raise ImagingError(msg) from None
    while data.ndim > 3 and data.shape[-1] == 1:
        data = data[..., 0]
    if data.ndim == 2:
        data = data[:, :, np.newaxis]
    if data.ndim != 3:
        msg = f"NIfTI file {str(path)!r} has shape {data.shape!r}; expected a 3-D image"
        raise ImagingError(msg)
    zooms = _raw_zooms(path, img)
    if len(zooms) < 3 or not all(np.isfinite(z) and z > 0 for z in zooms):
        msg = (
            f"NIfTI file {str(path)!r} has voxel sizes (pixdim) {zooms!r}; expected three "
            "positive spacings in mm"
        )
        raise ImagingError(msg)
    affine = np.asarray(img.affine, dtype=np.float64)
    ours = affine.copy()
    ours[:, :3] = affine[:, [2, 1, 0]]
    spacing = (zooms[2], zooms[1], zooms[0])
    return Volume(np.ascontiguousarray(data.transpose(2, 1, 0)), spacing, ours, str(path))


def write_nifti(volume: Volume, path: str | Path) -> Path:
    """Write ``volume`` as NIfTI-1 (``.nii`` or ``.nii.gz``, from the file name)."""
    import nibabel as nib

    out = Path(path)
    affine = volume.affine.copy()
    affine[:, :3] = volume.affine[:, [2, 1, 0]]
    data = np.asarray(volume.data).transpose(2, 1, 0)
    if data.dtype == np.bool_:
        data = data.astype(np.uint8)
    img: Any = nib.Nifti1Image(np.ascontiguousarray(data), affine)  # type: ignore[no-untyped-call]
    img.header.set_zooms((volume.spacing[2], volume.spacing[1], volume.spacing[0]))
    nib.save(img, str(out))
    return out
