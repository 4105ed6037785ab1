"""Overlay PNGs of the edema mask on the fluid image, one per slice, for visual review.

Rendered with matplotlib's Agg backend (no display needed). Each picture shows the slice in
grey, the bone outline in yellow and the edema in translucent red, with the slice number and
edema area in the title, so a reader can check every voxel that was counted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from marrowpath.imaging.measure import Analysis

__all__ = ["write_overlays"]


def write_overlays(
    analysis: Analysis, folder: str | Path, *, max_slices: int = 12, dpi: int = 80
) -> list[Path]:
    """Write PNGs of the slices with the most edema (or the bone's middle slice if none)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    box = analysis.box
    edema = analysis.edema_box
    bone = analysis.bone_box
    per_slice = edema.reshape(edema.shape[0], -1).sum(axis=1)
    if per_slice.any():
        order = np.argsort(-per_slice, kind="stable")[:max_slices]
        chosen = sorted(int(k) for k in order if per_slice[k] > 0)
    else:
        chosen = [int(np.argmax(bone.reshape(bone.shape[0], -1).sum(axis=1)))]
    spacing = analysis.fluid.spacing
    pixel_mm2 = spacing[1] * spacing[2]
    paths = []
    for k in chosen:
        full_k = box[0].start + k
        img = np.asarray(analysis.fluid.data[full_k], dtype=np.float32)
        top = float(np.percentile(img, 99.5)) or 1.0
        mask = np.zeros(img.shape, dtype=bool)
        mask[box[1], box[2]] = edema[k]
        bone_k = np.zeros(img.shape, dtype=bool)
        bone_k[box[1], box[2]] = bone[k]
        height, width = img.shape[0] * spacing[1], img.shape[1] * spacing[2]
        scale = 5.0 / max(height, width)
        fig = Figure(figsize=(max(width * scale, 2.5), max(height * scale, 2.5) + 0.4), dpi=dpi)
        ax = fig.add_axes((0.0, 0.0, 1.0, 0.9))
        extent = (0.0, width, height, 0.0)
        ax.imshow(img, cmap="gray", vmin=0.0, vmax=top, extent=extent, interpolation="nearest")
        overlay: npt.NDArray[np.float32] = np.zeros((*img.shape, 4), dtype=np.float32)
        overlay[mask] = (1.0, 0.1, 0.1, 0.45)
        ax.imshow(overlay, extent=extent, interpolation="nearest")
        if bone_k.any() and not bone_k.all():
            ax.contour(
                bone_k.astype(np.float32),
                levels=[0.5],
                colors="yellow",
                linewidths=0.6,
                extent=(0.0, width, 0.0, height),
                origin="upper",
            )
        ax.set_axis_off()
        area = float(mask.sum()) * pixel_mm2
        fig.suptitle(f"slice {full_k + 1}: edema {area:.0f} mm2", fontsize=9)
        path = out / f"edema_slice_{full_k + 1:03d}.png"
        fig.savefig(path)
        paths.append(path)
    return paths
