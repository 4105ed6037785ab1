"""Bias-field correction: a low-order polynomial fitted to log intensity of normal marrow.

Coil sensitivity makes the same tissue brighter near the coil. Within one bone the field is
smooth, so a 2nd-order polynomial in log space, fitted only to marrow that looks normal
(lesion candidates and outliers excluded), removes most of it. SimpleITK's N4 is not used: it
is a 264 MB dependency, and a same-bone polynomial is enough for a reference-relative threshold
(shared/reference/imaging.md section 4.4: bias up to +-40 % moved volumes by <= 2 points with a
same-bone reference).
"""

from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["fit_bias_field", "polynomial_terms"]

_MAX_SAMPLES = 60_000  # ample for 10 coefficients; keeps the fit at a few ms


def polynomial_terms(order: int) -> list[tuple[int, int, int]]:
    """Exponents (a, b, c) of z^a y^b x^c with a + b + c <= order."""
    return [(a, b, c) for a, b, c in product(range(order + 1), repeat=3) if a + b + c <= order]


def _axes(
    shape: tuple[int, ...], spacing: tuple[float, float, float]
) -> list[npt.NDArray[np.float64]]:
    """Per-axis coordinates in mm, centred and scaled to about [-1, 1] by the largest extent."""
    extent = max(max(n * s for n, s in zip(shape, spacing, strict=True)), 1e-6) / 2.0
    return [
        (np.arange(n, dtype=np.float64) - (n - 1) / 2.0) * s / extent
        for n, s in zip(shape, spacing, strict=True)
    ]


def fit_bias_field(
    image: npt.NDArray[np.floating[Any]],
    sample_mask: npt.NDArray[np.bool_],
    spacing: tuple[float, float, float],
    order: int = 2,
    seed: int = 0,
) -> npt.NDArray[np.float32]:
    """A multiplicative field (mean 1 over the samples) fitted to ``image`` where ``sample_mask``.

    Two robust passes drop samples whose residual exceeds 3 scaled MADs. Returns a field of
    ones when there are too few samples to fit.
    """
    shape = image.shape
    terms = polynomial_terms(order)
    idx = np.flatnonzero(sample_mask & (image > 0))
    if idx.size < 10 * len(terms):
        return np.ones(shape, dtype=np.float32)
    if idx.size > _MAX_SAMPLES:
        idx = np.sort(np.random.default_rng(seed).choice(idx, _MAX_SAMPLES, replace=False))
    zi, yi, xi = np.unravel_index(idx, shape)
    az, ay, ax = _axes(shape, spacing)
    z, y, x = az[zi], ay[yi], ax[xi]
    design = np.stack([z**a * y**b * x**c for a, b, c in terms], axis=1)
    target = np.log(image.reshape(-1)[idx].astype(np.float64))
    keep = np.ones(idx.size, dtype=bool)
    coef = np.zeros(len(terms))
    for _ in range(3):
        d = design[keep]
        # normal equations: a 10 x 10 solve, far cheaper than lstsq's SVD on 60k rows
        coef = np.asarray(
            np.linalg.solve(d.T @ d + 1e-9 * np.eye(len(terms)), d.T @ target[keep]),
            dtype=np.float64,
        )
        resid = target - design @ coef
        mad = float(np.median(np.abs(resid[keep] - np.median(resid[keep])))) * 1.4826
        if mad <= 0:
            break
        keep = np.abs(resid) <= 3.0 * mad
    mean_log = float(np.mean(design[keep] @ coef))
    # Evaluate as sum_a z^a * P_a(y, x): order + 1 full-size operations instead of one per term.
    log_field = np.zeros(shape, dtype=np.float32)
    for a in range(order + 1):
        plane = np.zeros((shape[1], shape[2]), dtype=np.float64)
        for (ta, b, c), k in zip(terms, coef, strict=True):
            if ta == a:
                plane += k * np.outer(ay**b, ax**c)
        if a == 0:
            plane -= mean_log
        log_field += (az**a).astype(np.float32)[:, None, None] * plane.astype(np.float32)[None]
    return np.exp(log_field, out=log_field)
