"""Edema voxels: a robust, reference-relative threshold inside the marrow.

The rule (``half_contrast``, the default) in short:

1. Normal marrow of the same bone is the reference: median ``m`` and quartiles (robust,
   because fat-suppressed marrow is dark and its noise is Rician-skewed).
2. A floor ``max(Q3 + k*IQR, r*m)`` (Hepburn 2023's quartile fence with k = 1.5, and a
   contrast-ratio floor) marks candidate voxels; the floor keeps noise out when there is no
   lesion.
3. Each connected candidate region gets its own level ``L`` (median of its core), and its
   voxels count as edema above ``m + f*(L - m)``, f = 0.5: half the local contrast. This puts
   the edge of an ill-defined lesion where it is half edema, the same place at any SNR, and
   lets a faint and an intense lesion in one bone both be measured at their own half-height.
   (shared/reference/imaging.md section 4.4 shows that noise-based cuts such as mean + 2 SD
   over-count more as SNR improves, while a contrast-based cut stays stable.)
   Next to the cortex a voxel mixes edema with dark cortex, not marrow, so there the cut is
   taken from the cortex level instead of ``m``.
4. Specks smaller than ``min_component_voxels`` are removed, and so are regions lying mostly
   in the through-plane surface layer of the bone (thick slices grazing fluid or muscle).

The half-contrast step and the ratio floor are expert estimates tested on phantoms, not
published rules.

Published rules are available as ``ratio`` (k * median of a normal-marrow reference, Nielsen
2014 used normal marrow of the lateral condyle as the threshold; the floor of 2.0 x median was
the best in the phantom experiment of imaging.md section 4.4) and ``iqr`` (Q3 + k*IQR,
Hepburn et al., PLOS One 2023, https://doi.org/10.1371/journal.pone.0284508).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from scipy import ndimage as ndi

__all__ = ["EdemaParameters", "ReferenceStats", "Segmentation", "reference_stats", "segment"]

_FULL = np.ones((3, 3, 3), dtype=bool)


class EdemaParameters(BaseModel):
    """Every tunable of the edema rule; all of them are reported with each result."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Literal["half_contrast", "ratio", "iqr"] = "half_contrast"
    contrast_fraction: float = Field(default=0.5, gt=0, lt=1)
    """half_contrast: cut at this fraction of the way from reference to lesion level."""
    ratio_floor: float = Field(default=1.5, ge=1.0)
    """Minimum contrast: edema is at least this multiple of the reference median."""
    iqr_k: float = Field(default=1.5, ge=0)
    """Quartile fence Q3 + k*IQR (Hepburn 2023 start value 1.5)."""
    ratio: float = Field(default=2.0, gt=1.0)
    """rule 'ratio': threshold = ratio * reference median (imaging.md section 4.4)."""
    erode_inplane_voxels: int = Field(default=1, ge=0, le=5)
    """The bone mask is eroded in-plane by this many voxels to avoid partial volume with
    joint fluid or muscle at its edge (not through-plane: slices are thick)."""
    min_component_voxels: int = Field(default=5, ge=1)
    """Connected edema regions (26-neighbourhood) smaller than this are noise specks."""
    surface_share: float = Field(default=0.5, gt=0, le=1)
    """A region with at least this share of its voxels in the through-plane surface layer
    of the bone (a slice whose neighbour slice is outside the bone) is partial volume with
    fluid or muscle above or below a thick slice, not edema."""
    bias_correction: Literal["polynomial", "none"] = "polynomial"
    bias_order: int = Field(default=2, ge=1, le=3)
    reference_distance_mm: float = Field(default=30.0, ge=0)
    """Automatic reference: normal marrow at least this far from candidate lesions."""
    depth_cap_mm: float = Field(default=25.0, gt=0)
    """Depths are computed exactly up to this value (larger ones are reported as the cap)."""


class ReferenceStats(BaseModel):
    """Robust statistics of the normal-marrow reference region."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Literal["user", "automatic", "label"]
    voxels: int
    median: float
    q1: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


@dataclass(frozen=True)
class Segmentation:
    """The edema mask of the analysed box and the numbers that produced it."""

    mask: npt.NDArray[np.bool_]
    threshold: float
    """The lowest cut applied (regions may have higher, local cuts)."""
    floor: float
    noise_floor: float
    ratio_floor: float
    lesion_level: float
    """Median intensity of the edema voxels (nan when there are none)."""
    pv_voxels: float
    """Partial-volume-weighted edema voxel count (each voxel counts its edema fraction)."""
    components: int
    removed_specks: int


def reference_stats(
    image: npt.NDArray[np.floating[Any]], region: npt.NDArray[np.bool_], source: str
) -> ReferenceStats:
    values = image[region]
    q1, med, q3 = (float(v) for v in np.percentile(values, [25, 50, 75]))
    return ReferenceStats(source=source, voxels=int(values.size), median=med, q1=q1, q3=q3)


def _drop_specks(
    mask: npt.NDArray[np.bool_],
    min_voxels: int,
    surface: npt.NDArray[np.bool_] | None,
    surface_share: float,
) -> tuple[npt.NDArray[np.bool_], int, int]:
    labels, n = ndi.label(mask, structure=_FULL)
    if n == 0:
        return mask, 0, 0
    sizes = np.bincount(labels.ravel())
    small = sizes < min_voxels
    if surface is not None:
        on_surface = np.bincount(labels[surface & mask], minlength=sizes.size)
        small |= on_surface >= surface_share * np.maximum(sizes, 1)
    small[0] = True
    kept = ~small[labels]
    return kept, int(n - int(small[1:].sum())), int(small[1:].sum())


def _medians(
    values: npt.NDArray[np.float64], owner: npt.NDArray[np.integer[Any]], n: int, empty: float
) -> npt.NDArray[np.float64]:
    """Median of ``values`` per owner 1..n (``empty`` where an owner has none): one sort."""
    out = np.full(n, empty, dtype=np.float64)
    if values.size == 0:
        return out
    order = np.lexsort((values, owner))
    v, o = values[order], owner[order]
    counts = np.bincount(o, minlength=n + 1)[1:]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) + int((o == 0).sum())
    has = counts > 0
    lo = starts[has] + (counts[has] - 1) // 2
    hi = starts[has] + counts[has] // 2
    out[has] = (v[lo] + v[hi]) / 2.0
    return out


def segment(
    image: npt.NDArray[np.floating[Any]],
    marrow: npt.NDArray[np.bool_],
    ref: ReferenceStats,
    params: EdemaParameters,
    surface: npt.NDArray[np.bool_] | None = None,
    edge: tuple[npt.NDArray[np.bool_], float] | None = None,
) -> Segmentation:
    """Edema voxels of ``image`` inside ``marrow`` by the rule in ``params``.

    ``surface`` marks the through-plane surface layer of the bone (see
    ``EdemaParameters.surface_share``); regions lying mostly in it are dropped with the specks.
    ``edge`` is the marrow next to the cortex and the cortex level: there a voxel mixes edema
    with dark cortex rather than with marrow, so its half-contrast cut is taken from the
    cortex level (``half_contrast`` rule only).
    """
    m = ref.median
    noise_floor = ref.q3 + params.iqr_k * ref.iqr
    ratio_floor = params.ratio_floor * m
    if params.rule == "iqr":
        floor = noise_floor
    elif params.rule == "ratio":
        floor = max(noise_floor, params.ratio * m)
    else:
        floor = max(noise_floor, ratio_floor)
    candidates = marrow & (image > floor)
    threshold = floor
    if params.rule == "half_contrast" and candidates.any():
        labels, n = ndi.label(candidates, structure=_FULL)
        f = params.contrast_fraction
        cut = np.full(n + 1, floor, dtype=np.float64)
        level = np.full(n + 1, floor, dtype=np.float64)
        values = image[candidates].astype(np.float64)
        owner = labels[candidates]
        for _ in range(3):
            keep = values > cut[owner]
            level[1:] = _medians(values[keep], owner[keep], n, floor)
            cut = np.maximum(floor, m + f * (level - m))
        cut[0] = np.inf
        if edge is not None:
            band, base = edge
            edge_cut = np.maximum(floor, base + f * (level - base))
            edge_cut[0] = np.inf
            mask = image > np.where(band, edge_cut[labels], cut[labels])
        else:
            mask = image > cut[labels]
        threshold = float(cut[1:].min())
    else:
        mask = candidates
    mask, components, removed = _drop_specks(
        mask, params.min_component_voxels, surface, params.surface_share
    )
    if mask.any():
        lesion_level = float(np.median(image[mask]))
        found = ndi.find_objects(mask.astype(np.uint8))[0]
        near = tuple(
            slice(max(sl.start - 1, 0), min(sl.stop + 1, n))
            for sl, n in zip(found, mask.shape, strict=True)
        )
        band = ndi.binary_dilation(mask[near], structure=_FULL) & marrow[near]
        weights = np.clip((image[near][band] - m) / max(lesion_level - m, 1e-6), 0.0, 1.0)
        pv = float(weights.sum())
    else:
        lesion_level, pv = float("nan"), 0.0
    return Segmentation(
        mask=mask,
        threshold=float(threshold),
        floor=float(floor),
        noise_floor=float(noise_floor),
        ratio_floor=float(ratio_floor),
        lesion_level=lesion_level,
        pv_voxels=pv,
        components=components,
        removed_specks=removed,
    )
