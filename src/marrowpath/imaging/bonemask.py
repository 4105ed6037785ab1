"""A classical bone mask for when none is given: the dark, enclosed regions of a STIR image.

On a fat-suppressed fluid-sensitive image, normal marrow and cortex are dark while muscle,
fluid and edema are bright. Background air (near-zero signal connected to the edge of the
field of view) is removed first; Otsu's threshold over the remaining tissue then separates
dark from bright, and dark regions of at least 1 mL are bones. Edema inside a bone is a bright
hole that filling closes, because the dark cortex rings it on each slice. This is approximate
(red marrow, metal, air-filled structures and unusual protocols break it) and every result
made with it carries a warning: a user mask or label map is always preferred.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import ndimage as ndi

from marrowpath.errors import ImagingError
from marrowpath.imaging.volume import Volume

__all__ = ["fallback_bone_mask", "otsu_threshold"]

MIN_BONE_ML = 1.0
AIR_FRACTION = 0.2  # air: below a fifth of the bright tissue (95th percentile)


def otsu_threshold(values: npt.NDArray[np.floating[Any]], bins: int = 256) -> float:
    """Otsu's threshold: the cut that maximises the between-class variance."""
    hist, edges = np.histogram(values, bins=bins)
    centres = (edges[:-1] + edges[1:]) / 2.0
    w0 = np.cumsum(hist).astype(np.float64)
    w1 = w0[-1] - w0
    m0 = np.cumsum(hist * centres) / np.maximum(w0, 1)
    m1 = (np.sum(hist * centres) - np.cumsum(hist * centres)) / np.maximum(w1, 1)
    between = w0 * w1 * (m0 - m1) ** 2
    return float(centres[int(np.argmax(between[:-1]))])


def _border_labels(labels: npt.NDArray[np.integer[Any]], n: int) -> npt.NDArray[np.intp]:
    edges = np.concatenate(
        [
            labels[:, 0, :].ravel(),
            labels[:, -1, :].ravel(),
            labels[:, :, 0].ravel(),
            labels[:, :, -1].ravel(),
        ]
    )
    found: npt.NDArray[np.intp] = np.flatnonzero(np.bincount(edges, minlength=n + 1))
    return found[found > 0]


def fallback_bone_mask(fluid: Volume) -> npt.NDArray[np.bool_]:
    """Dark regions of at least 1 mL that are not background air, holes filled per slice."""
    img = np.asarray(fluid.data, dtype=np.float32)
    # Air: near-zero signal connected to the edge of the field of view.
    air_level = AIR_FRACTION * float(np.percentile(img, 95))
    low, n_low = ndi.label(img < air_level)
    air = np.zeros(n_low + 1, dtype=bool)
    air[_border_labels(low, n_low)] = True
    air_mask = air[low]
    tissue = img[~air_mask & (img >= air_level)]
    if tissue.size == 0:
        msg = "no bone found by the fallback (the image is all background); give --bone-mask"
        raise ImagingError(msg)
    top = float(np.percentile(tissue, 99.5))
    dark = (img < otsu_threshold(np.clip(tissue, 0, top))) & ~air_mask
    labels, n = ndi.label(dark)
    sizes = np.bincount(labels.ravel(), minlength=n + 1) * fluid.voxel_volume_ml
    keep = sizes >= MIN_BONE_ML
    keep[0] = False
    mask = keep[labels]
    if not mask.any():
        msg = (
            "no bone found by the fallback (no enclosed dark region of at least "
            f"{MIN_BONE_ML} mL); give a bone mask (--bone-mask)"
        )
        raise ImagingError(msg)
    for k in range(mask.shape[0]):
        mask[k] = ndi.binary_fill_holes(mask[k])
    return np.asarray(mask, dtype=bool)
