"""A classical bone mask for when none is given: the dark, enclosed regions of a STIR image.

On a fat-suppressed fluid-sensitive image, normal marrow and cortex are dark while muscle,
fluid and edema are bright. Bones are therefore dark regions whose signal is well above
that of background air, and edema inside a bone is a bright hole that filling
closes, because the dark cortex rings it on each slice. Otsu's threshold separates dark from
bright. This is approximate (red marrow, metal, air-filled structures and unusual
protocols break it) and every result made with it carries a warning: a user mask or label map
is always preferred.
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
AIR_FRACTION = 0.2  # air: below a fifth of the median bright-tissue signal


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


def fallback_bone_mask(fluid: Volume) -> npt.NDArray[np.bool_]:
    """Dark enclosed regions of at least 1 mL, holes filled slice by slice."""
    img = np.asarray(fluid.data, dtype=np.float32)
    top = float(np.percentile(img, 99.5))
    dark = img < otsu_threshold(np.clip(img, 0, top).ravel())
    labels, n = ndi.label(dark)
    if n == 0:
        msg = "no bone found by the fallback (no dark region); give a bone mask (--bone-mask)"
        raise ImagingError(msg)
    edges = np.concatenate(
        [
            labels[:, 0, :].ravel(),
            labels[:, -1, :].ravel(),
            labels[:, :, 0].ravel(),
            labels[:, :, -1].ravel(),
        ]
    )
    border = np.flatnonzero(np.bincount(edges, minlength=n + 1))
    sizes = np.bincount(labels.ravel()) * fluid.voxel_volume_ml
    keep = sizes >= MIN_BONE_ML
    keep[0] = False
    # A dark region at the edge of the field of view is background air (near zero signal)
    # unless its signal is marrow-like: a bone cut by the field of view.
    bright = float(np.median(img[~dark])) if (~dark).any() else 0.0
    medians = np.asarray(ndi.median(img, labels=labels, index=border), dtype=np.float64)
    keep[border[medians < AIR_FRACTION * bright]] = False
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
