"""Signed distance functions (mm, negative inside) for the phantom's analytic shapes.

Distances are exact for spheres, planes and boxes and approximate for ellipsoids; only the
sign and the value within a voxel or two of the surface matter (partial volume, soft edges).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["Sdf", "box", "cylinder", "ellipsoid", "intersect", "sphere", "union"]

Arr = npt.NDArray[np.float64]
Sdf = Callable[[Arr, Arr, Arr], Arr]


def sphere(center: tuple[float, float, float], radius: float) -> Sdf:
    cz, cy, cx = center

    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        return np.asarray(np.sqrt((z - cz) ** 2 + (y - cy) ** 2 + (x - cx) ** 2) - radius)

    return f


def ellipsoid(center: tuple[float, float, float], radii: tuple[float, float, float]) -> Sdf:
    cz, cy, cx = center
    rz, ry, rx = radii
    scale = min(radii)

    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        k = np.sqrt(((z - cz) / rz) ** 2 + ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2)
        return np.asarray((k - 1.0) * scale)

    return f


def box(
    lo: tuple[float, float, float], hi: tuple[float, float, float], rounding: float = 0.0
) -> Sdf:
    """An axis-aligned box from ``lo`` to ``hi`` (mm), corners rounded by ``rounding``."""
    c = [(a + b) / 2 for a, b in zip(lo, hi, strict=True)]
    h = [(b - a) / 2 - rounding for a, b in zip(lo, hi, strict=True)]

    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        qz = np.abs(z - c[0]) - h[0]
        qy = np.abs(y - c[1]) - h[1]
        qx = np.abs(x - c[2]) - h[2]
        outside = np.sqrt(np.maximum(qz, 0) ** 2 + np.maximum(qy, 0) ** 2 + np.maximum(qx, 0) ** 2)
        inside = np.minimum(np.maximum(qz, np.maximum(qy, qx)), 0)
        return np.asarray(outside + inside - rounding)

    return f


def cylinder(
    start: tuple[float, float, float], end: tuple[float, float, float], radius: float
) -> Sdf:
    """A capped cylinder between two points."""
    a = np.array(start, dtype=np.float64)
    b = np.array(end, dtype=np.float64)
    axis = b - a
    length = float(np.linalg.norm(axis))
    u = axis / length

    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        pz, py, px = z - a[0], y - a[1], x - a[2]
        t = pz * u[0] + py * u[1] + px * u[2]
        radial = np.sqrt(np.maximum(pz**2 + py**2 + px**2 - t**2, 0.0)) - radius
        along = np.abs(t - length / 2) - length / 2
        outside = np.sqrt(np.maximum(radial, 0) ** 2 + np.maximum(along, 0) ** 2)
        return np.asarray(outside + np.minimum(np.maximum(radial, along), 0))

    return f


def union(*shapes: Sdf) -> Sdf:
    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        out = shapes[0](z, y, x)
        for s in shapes[1:]:
            out = np.minimum(out, s(z, y, x))
        return out

    return f


def intersect(*shapes: Sdf) -> Sdf:
    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        out = shapes[0](z, y, x)
        for s in shapes[1:]:
            out = np.maximum(out, s(z, y, x))
        return out

    return f
