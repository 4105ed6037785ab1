"""DICOM series in and out with pydicom: sorted by position, spacing and orientation honoured.

A series is sorted along the slice normal (the cross product of the two direction cosines of
ImageOrientationPatient) by ImagePositionPatient, so file names and InstanceNumber do not
matter. The slice spacing comes from the positions, not from SliceThickness, because slices can
overlap or have gaps.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marrowpath.errors import ImagingError
from marrowpath.imaging.volume import Volume

__all__ = ["is_dicom_file", "read_dicom_file", "read_dicom_series", "write_dicom_series"]

_LPS_RAS = np.diag([-1.0, -1.0, 1.0, 1.0])  # DICOM patient coordinates (LPS) <-> RAS
_SLICE_SPACING_TOLERANCE = 0.01  # relative; larger variation means gaps or a mixed series


def is_dicom_file(path: Path) -> bool:
    """True when the file carries the DICOM preamble marker ``DICM`` at byte 128."""
    try:
        with path.open("rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    return len(head) == 132 and head[128:132] == b"DICM"


def _read(path: Path) -> Any:
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        return pydicom.dcmread(path)
    except (InvalidDicomError, OSError, ValueError) as exc:
        msg = f"DICOM file {str(path)!r} cannot be read: {exc}"
        raise ImagingError(msg) from None


def _floats(ds: Any, keyword: str, count: int, path: Path) -> list[float]:
    value = ds.get(keyword)
    if value is None:
        msg = f"DICOM file {str(path)!r} has no {keyword}; expected {count} numbers"
        raise ImagingError(msg)
    try:
        numbers = [float(v) for v in (value if count > 1 else [value])]
    except (TypeError, ValueError):
        msg = f"DICOM {keyword} of {str(path)!r} is {value!r}; expected {count} numbers"
        raise ImagingError(msg) from None
    if len(numbers) != count or not all(np.isfinite(numbers)):
        msg = f"DICOM {keyword} of {str(path)!r} is {value!r}; expected {count} numbers"
        raise ImagingError(msg)
    return numbers


def _pixels(ds: Any, path: Path) -> npt.NDArray[np.generic]:
    try:
        arr = np.asarray(ds.pixel_array)
    except Exception as exc:  # pydicom raises many types for missing/compressed pixel data
        msg = f"DICOM file {str(path)!r} has no readable pixel data: {exc}"
        raise ImagingError(msg) from None
    slope = float(ds.get("RescaleSlope", 1) or 1)
    intercept = float(ds.get("RescaleIntercept", 0) or 0)
    if slope != 1.0 or intercept != 0.0:
        arr = arr.astype(np.float32) * np.float32(slope) + np.float32(intercept)
    return arr


def _geometry(ds: Any, path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Row and column direction cosines and the position of the first pixel."""
    iop = (
        np.array(_floats(ds, "ImageOrientationPatient", 6, path))
        if "ImageOrientationPatient" in ds
        else np.array([1.0, 0, 0, 0, 1, 0])
    )
    ipp = (
        np.array(_floats(ds, "ImagePositionPatient", 3, path))
        if "ImagePositionPatient" in ds
        else np.zeros(3)
    )
    return iop, ipp


def _affine(
    iop: npt.NDArray[np.float64],
    origin: npt.NDArray[np.float64],
    pixel_spacing: Sequence[float],
    slice_vector: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    row_cos, col_cos = iop[:3], iop[3:]
    affine = np.eye(4)
    affine[:3, 0] = slice_vector
    affine[:3, 1] = col_cos * pixel_spacing[0]  # down the rows: PixelSpacing[0] is row spacing
    affine[:3, 2] = row_cos * pixel_spacing[1]  # along a row: PixelSpacing[1] is column spacing
    affine[:3, 3] = origin
    return _LPS_RAS @ affine


def read_dicom_file(path: Path) -> Volume:
    """One DICOM file: a single slice (thickness from SpacingBetweenSlices or SliceThickness)."""
    ds = _read(path)
    pixel_spacing = _floats(ds, "PixelSpacing", 2, path)
    arr = _pixels(ds, path)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    if frames > 1 or arr.ndim != 2:
        msg = (
            f"DICOM file {str(path)!r} has {frames} frames; multi-frame images are not "
            "supported, expected single-slice files (export the series as one file per slice)"
        )
        raise ImagingError(msg)
    keyword = "SpacingBetweenSlices" if "SpacingBetweenSlices" in ds else "SliceThickness"
    thickness = _floats(ds, keyword, 1, path)[0]
    iop, ipp = _geometry(ds, path)
    normal = np.cross(iop[:3], iop[3:])
    affine = _affine(iop, ipp, pixel_spacing, normal * thickness)
    spacing = (thickness, pixel_spacing[0], pixel_spacing[1])
    return Volume(arr[np.newaxis], spacing, affine, str(path))


def read_dicom_series(folder: Path) -> Volume:
    """All single-slice DICOM files of one series in ``folder``, stacked in spatial order."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and is_dicom_file(p))
    if not files:
        msg = f"folder {str(folder)!r} holds no DICOM files; expected one DICOM series"
        raise ImagingError(msg)
    datasets = [(p, _read(p)) for p in files]
    datasets = [(p, ds) for p, ds in datasets if "PixelData" in ds]
    if not datasets:
        msg = f"folder {str(folder)!r} holds DICOM files without pixel data; expected images"
        raise ImagingError(msg)
    series = {str(ds.get("SeriesInstanceUID", "")) for _, ds in datasets}
    if len(series) > 1:
        msg = (
            f"folder {str(folder)!r} mixes {len(series)} series {sorted(series)!r}; "
            "expected one series per folder"
        )
        raise ImagingError(msg)
    if len(datasets) == 1:
        return read_dicom_file(datasets[0][0])
    first_path, first = datasets[0]
    iop, _ = _geometry(first, first_path)
    pixel_spacing = _floats(first, "PixelSpacing", 2, first_path)
    normal = np.cross(iop[:3], iop[3:])
    keyed: list[tuple[float, npt.NDArray[np.float64], Path, Any]] = []
    for p, ds in datasets:
        iop_i, ipp_i = _geometry(ds, p)
        if not np.allclose(iop_i, iop, atol=1e-4):
            msg = (
                f"DICOM file {str(p)!r} has ImageOrientationPatient {list(iop_i)!r}, unlike "
                f"{list(iop)!r} of the rest of the series; expected one orientation"
            )
            raise ImagingError(msg)
        if not np.allclose(_floats(ds, "PixelSpacing", 2, p), pixel_spacing, rtol=1e-4):
            msg = f"DICOM file {str(p)!r} has another PixelSpacing than the rest of the series"
            raise ImagingError(msg)
        keyed.append((float(np.dot(ipp_i, normal)), ipp_i, p, ds))
    keyed.sort(key=lambda item: item[0])
    positions = np.array([k[0] for k in keyed])
    steps = np.diff(positions)
    if np.any(steps <= 1e-6):
        msg = (
            f"folder {str(folder)!r} has two slices at the same position "
            f"({positions[1:][steps <= 1e-6][0]:.3f} mm along the normal); expected one "
            "slice per position"
        )
        raise ImagingError(msg)
    step = float(np.median(steps))
    if np.max(np.abs(steps - step)) > _SLICE_SPACING_TOLERANCE * step + 1e-3:
        msg = (
            f"folder {str(folder)!r} has uneven slice spacing from {steps.min():.3f} to "
            f"{steps.max():.3f} mm; expected a regular series without gaps"
        )
        raise ImagingError(msg)
    slices = [_pixels(ds, p) for _, _, p, ds in keyed]
    shapes = {s.shape for s in slices}
    if len(shapes) != 1:
        msg = f"folder {str(folder)!r} has slices of sizes {sorted(shapes)!r}; expected one"
        raise ImagingError(msg)
    data = np.stack(slices)
    slice_vector = (keyed[-1][1] - keyed[0][1]) / (len(keyed) - 1)
    affine = _affine(iop, keyed[0][1], pixel_spacing, slice_vector)
    spacing = (step, pixel_spacing[0], pixel_spacing[1])
    return Volume(data, spacing, affine, str(folder))


def write_dicom_series(
    volume: Volume,
    folder: str | Path,
    *,
    series_description: str = "MarrowPath phantom",
    patient_id: str = "PHANTOM",
) -> list[Path]:
    """Write ``volume`` as one MR image file per slice (int16, rescaled if needed).

    The geometry is written from ``volume.affine`` so that reading the folder back gives the
    same spacing and orientation. Used for phantoms and tests; not an anonymiser.
    """
    from pydicom.dataset import Dataset as _Ds, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage, generate_uid

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    data: npt.NDArray[Any] = np.asarray(volume.data)
    lo, hi = (float(data.min()), float(data.max())) if data.size else (0.0, 0.0)
    if data.dtype.kind in "iub" and lo >= -32768 and hi <= 32767:
        scaled, slope, intercept = data.astype(np.int16), 1.0, 0.0
    else:
        slope = max((hi - lo) / 30000.0, 1e-6)
        intercept = lo
        scaled = np.round((data.astype(np.float64) - intercept) / slope).astype(np.int16)
    aff = _LPS_RAS @ volume.affine
    col_step, row_step = aff[:3, 1], aff[:3, 2]
    row_cos = row_step / np.linalg.norm(row_step)
    col_cos = col_step / np.linalg.norm(col_step)
    study_uid, series_uid, frame_uid = generate_uid(), generate_uid(), generate_uid()
    now = _dt.datetime.now(_dt.UTC)
    paths: list[Path] = []
    for k in range(data.shape[0]):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = MRImageStorage
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = _Ds()
        ds.file_meta = meta
        ds.SOPClassUID = MRImageStorage
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
        ds.FrameOfReferenceUID = frame_uid
        ds.Modality = "MR"
        ds.PatientID = patient_id
        ds.PatientName = patient_id
        ds.StudyDate = ds.SeriesDate = now.strftime("%Y%m%d")
        ds.SeriesDescription = series_description
        ds.SeriesNumber = 1
        ds.InstanceNumber = k + 1
        position = aff[:3, 3] + aff[:3, 0] * k
        ds.ImagePositionPatient = [f"{v:.6f}" for v in position]
        ds.ImageOrientationPatient = [f"{v:.6f}" for v in (*row_cos, *col_cos)]
        ds.PixelSpacing = [f"{volume.spacing[1]:.6f}", f"{volume.spacing[2]:.6f}"]
        ds.SliceThickness = f"{volume.spacing[0]:.6f}"
        ds.SpacingBetweenSlices = f"{volume.spacing[0]:.6f}"
        ds.Rows, ds.Columns = int(data.shape[1]), int(data.shape[2])
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        if slope != 1.0 or intercept != 0.0:
            ds.RescaleSlope = f"{slope:.10g}"
            ds.RescaleIntercept = f"{intercept:.10g}"
        ds.PixelData = np.ascontiguousarray(scaled[k]).tobytes()
        path = out / f"slice_{k:04d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths
