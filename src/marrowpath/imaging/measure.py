"""``measure``: edema volume, share of bone and subregions, depth and grades of one study.

The result is a pydantic model that serialises to the JSON of ``marrowpath measure --format
json``; every parameter of the edema rule and the source of every cut-off travel with it, so a
reader can audit how a number was made. ``compare`` (in ``compare.py``) turns two measurements
of one episode into the change in volume and grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from scipy import ndimage as ndi

from marrowpath.errors import ImagingError
from marrowpath.imaging._morph import dilate_inplane, erode_inplane, slice_surface
from marrowpath.imaging.bias import fit_bias_field
from marrowpath.imaging.bonemask import fallback_bone_mask
from marrowpath.imaging.edema import (
    EdemaParameters,
    ReferenceStats,
    Segmentation,
    reference_stats,
    segment,
)
from marrowpath.imaging.grades import Grade, arco_extent, moaks_grades, modic_grades, sparcc_grade
from marrowpath.imaging.labels import LabelMap, label_in, label_values, load_label_map
from marrowpath.imaging.location import SUPERFICIAL_MM, DepthSummary, auto_reference, depth_summary
from marrowpath.imaging.volume import Volume, align_to, check_mask, load_volume

__all__ = [
    "MIN_BME_ML",
    "Analysis",
    "ImageInfo",
    "Measurement",
    "RegionResult",
    "analyse",
    "measure",
]

DISCLAIMER = (
    "Decision support for qualified professionals, not a diagnosis. Measured by a "
    "reference-relative threshold that is validated on synthetic phantoms only, not on "
    "patient images; review the overlays."
)
THRESHOLD_SOURCES = (
    "Reference-relative threshold in normal marrow of the same bone (Nielsen et al., BMC "
    "Musculoskelet Disord 2014;15:447); quartile fence Q3 + k*IQR (Hepburn et al., PLOS One "
    "2023, doi:10.1371/journal.pone.0284508); half-contrast cut and ratio floor: "
    "expert-estimate, tested on phantoms (shared/reference/imaging.md section 4.4)"
)
MIN_BME_ML = 0.1  # below this a result is reported as no measurable edema (phantom false positives)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegionResult(_Model):
    """Edema in one labelled region of the bone."""

    value: int
    name: str
    role: str
    volume_ml: float
    edema_ml: float
    percent: float


class ImageInfo(_Model):
    source: str
    shape: tuple[int, int, int]
    spacing_mm: tuple[float, float, float]
    voxel_volume_ml: float
    t1_source: str | None = None
    bone_mask_source: str
    reference_source: str


class Measurement(_Model):
    """The result of ``measure`` (the JSON of ``marrowpath measure --format json``)."""

    edema_volume_ml: float
    pv_volume_ml: float = Field(description="Partial-volume-weighted edema volume.")
    bone_volume_ml: float
    marrow_volume_ml: float
    percent_of_bone: float
    lesions: int
    regions: list[RegionResult]
    depth: DepthSummary | None
    grades: list[Grade]
    reference: ReferenceStats
    parameters: dict[str, Any]
    image: ImageInfo
    warnings: list[str] = Field(default_factory=list)
    disclaimer: str = DISCLAIMER

    def findings(self) -> dict[str, bool]:
        """Finding ids of the knowledge base that this measurement states (for a Case)."""
        out = {"mri_bme": self.edema_volume_ml >= MIN_BME_ML}
        for g in self.grades:
            if g.system == "Modic":
                for kind in g.grade.split("/"):
                    if kind in {"1", "2", "3"}:
                        out[f"mri_modic_{kind}"] = True
        return out


@dataclass(frozen=True, eq=False)
class Analysis:
    """A measurement together with the masks it came from (for overlays and tests)."""

    measurement: Measurement
    fluid: Volume
    box: tuple[slice, slice, slice]
    edema_box: npt.NDArray[np.bool_]
    bone_box: npt.NDArray[np.bool_]
    segmentation: Segmentation

    def edema_mask(self) -> npt.NDArray[np.bool_]:
        """The edema mask on the full image grid."""
        full = np.zeros(self.fluid.shape, dtype=bool)
        full[self.box] = self.edema_box
        return full

    def bone_mask(self) -> npt.NDArray[np.bool_]:
        full = np.zeros(self.fluid.shape, dtype=bool)
        full[self.box] = self.bone_box
        return full


ImageInput = Volume | str | Path | npt.NDArray[Any]


def _volume(
    item: ImageInput,
    what: str,
    spacing: tuple[float, float, float] | None = None,
    like: Volume | None = None,
) -> Volume:
    """A Volume from a Volume, a path, or an array (on ``like``'s grid, or with ``spacing``)."""
    if isinstance(item, Volume):
        return item
    if isinstance(item, np.ndarray) and like is not None:
        if item.ndim != 3:
            msg = f"{what} has shape {item.shape!r}; expected 3-D like the image"
            raise ImagingError(msg)
        return Volume(item, like.spacing, like.affine, f"<{what} array>")
    if isinstance(item, np.ndarray):
        if spacing is None:
            msg = (
                f"{what} is an array without voxel spacing; expected a Volume "
                "(Volume.from_array(data, spacing)), a DICOM/NIfTI path, or spacing=(slice, "
                "row, column) in mm"
            )
            raise ImagingError(msg)
        try:
            return Volume.from_array(item, spacing, source=f"<{what} array>")
        except (TypeError, ValueError) as exc:
            msg = f"{what}: {exc}"
            raise ImagingError(msg) from None
    if not isinstance(item, str | Path):
        msg = (
            f"{what} is a {type(item).__name__}; expected a Volume, an array with spacing or a "
            "DICOM/NIfTI path"
        )
        raise ImagingError(msg)
    try:
        return load_volume(item)
    except ImagingError as exc:
        msg = f"{what}: {exc}"
        raise ImagingError(msg) from None


def _label_map(labels: LabelMap | Mapping[Any, Any] | str | Path | None) -> LabelMap | None:
    if labels is None or isinstance(labels, LabelMap):
        return labels
    if isinstance(labels, Mapping):
        return LabelMap.from_mapping(labels)
    return load_label_map(labels)


def _label_array(mask: npt.NDArray[Any], warnings: list[str]) -> npt.NDArray[np.integer[Any]]:
    """Integer labels >= 0 (unsigned masks are used as they are, without a copy)."""
    data: npt.NDArray[Any] = np.asarray(mask)
    check_mask(data, "bone mask")
    if data.dtype.kind == "b":
        return data.astype(np.uint8)
    if data.dtype.kind == "u":
        return data
    if data.dtype.kind == "f":
        rounded = np.rint(data)
        if not np.allclose(data, rounded, atol=1e-3):
            warnings.append("bone mask has fractional values; voxels > 0.5 are taken as bone")
            return (data > 0.5).astype(np.uint8)
        data = rounded
    return np.asarray(np.clip(data, 0, None), dtype=np.int32)


def _crop_box(mask: npt.NDArray[np.bool_]) -> tuple[slice, slice, slice]:
    found = ndi.find_objects(mask.astype(np.uint8))[0]
    out = []
    for axis, sl in enumerate(found):
        pad = 1 if axis == 0 else 2
        out.append(slice(max(sl.start - pad, 0), min(sl.stop + pad, mask.shape[axis])))
    return (out[0], out[1], out[2])


def analyse(
    fluid: ImageInput,
    bone_mask: ImageInput | None = None,
    *,
    t1: ImageInput | None = None,
    reference: ImageInput | None = None,
    labels: LabelMap | Mapping[Any, Any] | str | Path | None = None,
    params: EdemaParameters | None = None,
    spacing: tuple[float, float, float] | None = None,
) -> Analysis:
    """Measure and keep the masks; see ``measure``."""
    p = params or EdemaParameters()
    warnings: list[str] = []
    image = _volume(fluid, "fluid image", spacing)
    if image.data.dtype.kind not in "biuf":
        msg = f"fluid image has data type {str(image.data.dtype)!r}; expected numbers"
        raise ImagingError(msg)
    t1_vol = _volume(t1, "T1 image", like=image) if t1 is not None else None
    t1_data: npt.NDArray[Any] | None = None
    if t1_vol is not None:
        t1_data, note = align_to(image, t1_vol, "T1 image")
        warnings.extend([note] if note else [])
    lmap = _label_map(labels)
    if bone_mask is not None:
        mask_vol = _volume(bone_mask, "bone mask", like=image)
        mask_data, note = align_to(image, mask_vol, "bone mask")
        warnings.extend([note] if note else [])
        lab = _label_array(mask_data, warnings)
        mask_source = mask_vol.source or "given"
    else:
        if lmap is not None:
            msg = "labels were given without a label image; expected --bone-mask LABEL_IMAGE"
            raise ImagingError(msg)
        lab = fallback_bone_mask(image).astype(np.uint8)
        mask_source = "fallback: dark enclosed regions of the fluid image (approximate)"
        warnings.append("no bone mask given: an approximate classical mask was used; check it")
    # Everything below works in the box around the labels: the rest of the image is never
    # touched again, which keeps time and memory proportional to the bone, not the scan.
    box = _crop_box(lab > 0)
    spacing = image.spacing
    labels_c = lab[box]
    present = label_values(labels_c)
    lmap = (lmap or LabelMap(labels={})).complete(present)
    bone = label_in(labels_c, lmap.bone_values())
    if not bone.any():
        msg = (
            f"bone mask has no bone voxels: its labels {sorted(int(v) for v in present if v)!r} "
            "are all outside the bone (joint, fluid or ignore); expected at least one bone label"
        )
        raise ImagingError(msg)
    ref_full: npt.NDArray[np.bool_] | None = None
    if reference is not None:
        ref_vol = _volume(reference, "reference mask", like=image)
        ref_data, note = align_to(image, ref_vol, "reference mask")
        warnings.extend([note] if note else [])
        ref_full = check_mask(ref_data, "reference mask")

    img = np.asarray(image.data[box], dtype=np.float32)
    t1_img = np.asarray(t1_data[box], dtype=np.float32) if t1_data is not None else None

    marrow = erode_inplane(bone, p.erode_inplane_voxels) if p.erode_inplane_voxels else bone.copy()
    if not marrow.any():
        warnings.append("bone mask too thin to erode; the unchanged mask was used as marrow")
        marrow = bone.copy()

    field_range = (1.0, 1.0)
    if p.bias_correction == "polynomial":
        # Fit only to marrow that looks normal: lesions (bright on STIR, or abnormal on T1)
        # would pull the field towards themselves.
        m0 = float(np.percentile(img[marrow][::4], 30))
        sample = marrow & (img > m0 / 2.0) & (img < 1.75 * m0)
        field = fit_bias_field(img, sample, spacing, p.bias_order)
        img = img / field
        fm = field[marrow]
        field_range = (float(fm.min()), float(fm.max()))
        if t1_img is not None and sample.any():
            t0 = float(np.median(t1_img[sample]))
            t1_sample = sample & (t1_img > t0 / 1.5) & (t1_img < 1.5 * t0)
            t1_img = t1_img / fit_bias_field(t1_img, t1_sample, spacing, p.bias_order)
        del field, fm

    ref_values = lmap.values("reference")
    if ref_full is not None:
        given = ref_full[box]
        ref = given & marrow if (given & marrow).any() else given & bone
        ref_source: Literal["user", "automatic", "label"] = "user"
        if not ref.any():
            msg = (
                "reference mask does not overlap the bone mask; expected normal marrow of the bone"
            )
            raise ImagingError(msg)
    elif ref_values and (label_in(labels_c, ref_values) & marrow).any():
        ref = label_in(labels_c, ref_values) & marrow
        ref_source = "label"
    else:
        search = marrow
        endplates = lmap.values("endplate")
        if endplates:
            outside = marrow & ~label_in(labels_c, endplates)
            search = outside if outside.any() else marrow
        ref = auto_reference(img, search, spacing, p)
        ref_source = "automatic"
    stats = reference_stats(img, ref, ref_source)
    if ref_source == "automatic":
        # Fat-suppressed normal marrow is darker than the soft tissue around the bone; a
        # reference brighter than that suggests edema fills most of the mask.
        shell = dilate_inplane(bone, 2) & ~bone & (labels_c == 0)
        if shell.sum() >= 50 and stats.median > 1.5 * float(np.median(img[shell])):
            warnings.append(
                f"the automatic reference marrow (median {stats.median:.0f}) is much brighter than "
                f"the tissue around the bone (median {float(np.median(img[shell])):.0f}): edema "
                "may fill most of the mask; give a normal-marrow reference (--reference)"
            )
    if stats.median <= 0:
        msg = f"reference marrow has median intensity {stats.median!r}; expected a positive signal"
        raise ImagingError(msg)

    surface = slice_surface(bone)
    ring = bone & ~marrow
    edge = None
    if ring.any():
        band = marrow & dilate_inplane(ring)
        edge = (band, min(float(np.median(img[ring])), stats.median))
    seg = segment(img, marrow, stats, p, surface, edge)
    edema = seg.mask
    vml = image.voxel_volume_ml
    edema_ml = float(edema.sum()) * vml
    bone_ml = float(bone.sum()) * vml
    if 0 < edema_ml < MIN_BME_ML:
        warnings.append(f"edema volume {edema_ml:.3f} mL is below {MIN_BME_ML} mL: likely noise")

    counts = np.bincount(labels_c[bone], minlength=int(lab.max()) + 1)
    edema_counts = np.bincount(labels_c[edema], minlength=counts.size)
    regions = [
        RegionResult(
            value=v,
            name=lmap.labels[v].name,
            role=lmap.labels[v].role,
            volume_ml=round(float(counts[v]) * vml, 4),
            edema_ml=round(float(edema_counts[v]) * vml, 4),
            percent=round(100.0 * float(edema_counts[v]) / float(counts[v]), 3),
        )
        for v in lmap.bone_values()
        if v < counts.size and counts[v] > 0
    ]
    joint_values = lmap.values("joint")
    joint = label_in(labels_c, joint_values) if joint_values else None
    depth = depth_summary(edema, bone, joint, spacing, p.depth_cap_mm)

    grades: list[Grade] = moaks_grades(edema, labels_c, lmap)
    sp = sparcc_grade(edema, img, labels_c, lmap, spacing)
    if sp is not None:
        grades.append(sp)
    if lmap.values("endplate"):
        if t1_img is None:
            warnings.append("endplate zones are labelled but no T1 image was given: no Modic type")
        else:
            t1_ref = float(np.median(t1_img[ref]))
            grades.extend(
                modic_grades(img, t1_img, labels_c, lmap, stats.median, t1_ref, bone, spacing)
            )
    arco = arco_extent(labels_c, lmap, bone)
    if arco is not None:
        grades.append(arco)

    parameters: dict[str, Any] = {
        **p.model_dump(),
        "threshold_applied": round(seg.threshold, 3),
        "threshold_floor": round(seg.floor, 3),
        "noise_floor_q3_k_iqr": round(seg.noise_floor, 3),
        "ratio_floor_value": round(seg.ratio_floor, 3),
        "lesion_level": None if np.isnan(seg.lesion_level) else round(seg.lesion_level, 3),
        "reference_median": round(stats.median, 3),
        "reference_iqr": round(stats.iqr, 3),
        "bias_field_range_in_marrow": [round(field_range[0], 4), round(field_range[1], 4)],
        "removed_specks": seg.removed_specks,
        "min_bme_ml": MIN_BME_ML,
        "superficial_mm": SUPERFICIAL_MM,
        "sources": {
            "threshold_rule": THRESHOLD_SOURCES,
            "moaks_bml_size": "s61 (0 none, 1 <33%, 2 33-66%, 3 >66% of subregion volume)",
            "sparcc": "s77 (6 slices, quadrants, intense, deep >= 1 cm; 0-72)",
            "modic": "s86, s87 (T1/T2 signal table); +-15% iso band: expert-estimate",
            "arco_extent": "s21 (A <15%, B 15-30%, C >30%); staging note s20",
        },
    }
    measurement = Measurement(
        edema_volume_ml=round(edema_ml, 4),
        pv_volume_ml=round(seg.pv_voxels * vml, 4),
        bone_volume_ml=round(bone_ml, 4),
        marrow_volume_ml=round(float(marrow.sum()) * vml, 4),
        percent_of_bone=round(100.0 * edema_ml / bone_ml, 3),
        lesions=seg.components,
        regions=regions,
        depth=depth,
        grades=grades,
        reference=stats,
        parameters=parameters,
        image=ImageInfo(
            source=image.source,
            shape=image.shape,
            spacing_mm=spacing,
            voxel_volume_ml=vml,
            t1_source=t1_vol.source if t1_vol is not None else None,
            bone_mask_source=mask_source,
            reference_source=ref_source,
        ),
        warnings=warnings,
    )
    return Analysis(measurement, image, box, edema, bone, seg)


def measure(
    fluid: ImageInput,
    bone_mask: ImageInput | None = None,
    *,
    t1: ImageInput | None = None,
    reference: ImageInput | None = None,
    labels: LabelMap | Mapping[Any, Any] | str | Path | None = None,
    params: EdemaParameters | None = None,
    spacing: tuple[float, float, float] | None = None,
) -> Measurement:
    """Measure bone marrow edema on a fluid-sensitive fat-suppressed image.

    Args:
        fluid: STIR, T2 FS or PD FS image (Volume, DICOM folder/file or NIfTI path).
        bone_mask: bone mask or label map on the same grid; None uses an approximate
            classical fallback (see ``bonemask``).
        t1: T1 image on the same grid (needed for Modic types).
        reference: mask of normal marrow; by default normal marrow of the same bone at least
            30 mm from candidate lesions is chosen automatically.
        labels: meaning of the label values (LabelMap, mapping or JSON/YAML path).
        params: edema rule parameters (defaults documented in ``EdemaParameters``).
        spacing: voxel size in mm ``(slice, row, column)`` when ``fluid`` is a bare array
            (the other inputs may then be arrays on the same grid).

    Raises:
        ImagingError: an unreadable image, mismatched grids, an empty mask, missing spacing.

    Example:
        >>> m = measure("stir/", "bone.nii.gz")  # doctest: +SKIP
        >>> m.edema_volume_ml, m.percent_of_bone  # doctest: +SKIP
    """
    return analyse(
        fluid,
        bone_mask,
        t1=t1,
        reference=reference,
        labels=labels,
        params=params,
        spacing=spacing,
    ).measurement
