"""Semi-quantitative grades from an edema mask and label regions, each with its raw fraction.

Cut-offs come from the sources of the knowledge base (``knowledge/data/sources.yaml``):

* MOAKS BML size per subregion: 0 none, 1 < 33 %, 2 33-66 %, 3 > 66 % of the subregion volume
  (s61, Hunter et al. 2011 via Radiopaedia; shared/reference/clinical.md section 7).
* SPARCC SIJ inflammation: 6 consecutive slices, 4 quadrants per joint scored 1 if BME is
  present, +1 per joint per slice for intense signal (as bright as the fluid reference) and +1
  for depth >= 1 cm from the articular surface; total 0-72 (s77, spa-imaging.org).
* Modic type per endplate zone from T1 and T2/STIR signal relative to normal marrow:
  1 = T1 low / fluid high, 2 = T1 high (STIR low, T2 iso or high), 3 = T1 low / fluid low
  (s86, s87).
  The +-15 % "iso" band is an assumption to calibrate (shared/reference/imaging.md 2.6).
* ARCO extent of the femoral head: A < 15 %, B 15-30 %, C > 30 % (s21). MRI alone supports
  only "MRI-positive, compatible with ARCO >= I"; stages II-IV need radiograph or CT (s20).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from scipy import ndimage as ndi

from marrowpath.imaging.labels import LabelMap, LabelSpec, label_in

__all__ = [
    "Grade",
    "arco_extent",
    "arco_grade",
    "moaks_grades",
    "moaks_size",
    "modic_grades",
    "sparcc_grade",
]

MOAKS_CUTOFFS = (0.33, 0.66)
ARCO_CUTOFFS = (0.15, 0.30)
SPARCC_DEEP_MM = 10.0
SPARCC_SLICES = 6
SPARCC_MIN_VOXELS = 4  # a quadrant counts on a slice from this many edema voxels
MODIC_BAND = 0.15
MODIC_MIN_FRACTION = 0.10
MODIC_SURFACE_MM = 2.0


class Grade(BaseModel):
    """One grade, the region it applies to, the raw number it came from and its source."""

    model_config = ConfigDict(extra="forbid")

    system: str
    region: str
    grade: str
    fraction: float | None = None
    """The raw fraction (0-1) the grade was cut from, when it is a fraction."""
    score: float | None = None
    cutoffs: str
    source: str
    basis: str
    details: dict[str, float | int | str | bool] = Field(default_factory=dict)


def moaks_size(fraction: float) -> int:
    """MOAKS BML size grade of a subregion from the fraction of its volume involved (s61)."""
    if fraction <= 0.0:
        return 0
    if fraction < MOAKS_CUTOFFS[0]:
        return 1
    if fraction <= MOAKS_CUTOFFS[1]:
        return 2
    return 3


def moaks_grades(
    edema: npt.NDArray[np.bool_], labels: npt.NDArray[np.integer[Any]], label_map: LabelMap
) -> list[Grade]:
    grades = []
    for value in label_map.values("moaks"):
        region = labels == value
        total = int(region.sum())
        if total == 0:
            continue
        frac = float((edema & region).sum()) / total
        grades.append(
            Grade(
                system="MOAKS BML size",
                region=label_map.labels[value].name,
                grade=str(moaks_size(frac)),
                fraction=frac,
                cutoffs="0 none, 1 <33%, 2 33-66%, 3 >66% of subregion volume",
                source="s61",
                basis="edema voxels / labelled subregion voxels",
            )
        )
    return grades


def arco_grade(fraction: float) -> str:
    """ARCO extent subclass of the femoral head from the necrotic fraction (s21)."""
    if fraction < ARCO_CUTOFFS[0]:
        return "A"
    if fraction <= ARCO_CUTOFFS[1]:
        return "B"
    return "C"


def arco_extent(
    labels: npt.NDArray[np.integer[Any]], label_map: LabelMap, bone: npt.NDArray[np.bool_]
) -> Grade | None:
    necrosis_values = label_map.values("necrosis")
    if not necrosis_values:
        return None
    necrosis = label_in(labels, necrosis_values)
    if not necrosis.any():
        return None
    head_values = label_map.values("femoral_head")
    if head_values:
        head = label_in(labels, head_values) | necrosis
        basis = "necrotic voxels / (femoral head + necrotic voxels)"
    else:
        head = bone
        basis = "necrotic voxels / bone-mask voxels (no femoral_head label: the mask is the head)"
    frac = float(necrosis.sum()) / float(head.sum())
    return Grade(
        system="ARCO extent",
        region="femoral_head",
        grade=arco_grade(frac),
        fraction=frac,
        cutoffs="A <15%, B 15-30%, C >30% of the femoral head",
        source="s21; s20",
        basis=basis,
        details={
            "stage_note": "MRI-positive: compatible with ARCO >= I; stages II-IV need "
            "radiograph or CT (ARCO 2019, s20)"
        },
    )


def _sparcc_slices(quadrants: npt.NDArray[np.bool_], count: int) -> list[int]:
    """The ``count`` consecutive slices with the largest quadrant area (central on ties)."""
    area = quadrants.reshape(quadrants.shape[0], -1).sum(axis=1).astype(np.float64)
    n = area.size
    if n <= count:
        return [int(i) for i in np.nonzero(area)[0]] or list(range(n))
    sums = np.convolve(area, np.ones(count), mode="valid")
    centre = (n - count) / 2.0
    best = max(range(sums.size), key=lambda i: (sums[i], -abs(i - centre)))
    return list(range(best, best + count))


def sparcc_grade(
    edema: npt.NDArray[np.bool_],
    image: npt.NDArray[np.floating[Any]],
    labels: npt.NDArray[np.integer[Any]],
    label_map: LabelMap,
    spacing: tuple[float, float, float],
) -> Grade | None:
    """SPARCC-style SIJ score (s77) on the slices of axis 0 (semi-coronal slices)."""
    quad_values = label_map.values("sparcc")
    if not quad_values:
        return None
    quads = label_in(labels, quad_values)
    slices = _sparcc_slices(quads, SPARCC_SLICES)
    fluid_values = label_map.values("fluid")
    fluid_ref = float(np.median(image[label_in(labels, fluid_values)])) if fluid_values else None
    if fluid_ref is not None and not np.isfinite(fluid_ref):
        fluid_ref = None
    joint_label = {v: label_map.labels[v] for v in label_map.values("joint")}
    joints = sorted({label_map.labels[v].joint for v in quad_values})
    pixel_area = spacing[1] * spacing[2]
    present = intense = deep = 0
    per_slice: dict[str, float | int | str | bool] = {}
    for s in slices:
        lab = labels[s]
        ed = edema[s]
        for joint in joints:
            members = [v for v in quad_values if label_map.labels[v].joint == joint]
            hits = [v for v in members if int((ed & (lab == v)).sum()) >= SPARCC_MIN_VOXELS]
            present += len(hits)
            if not hits:
                continue
            lesion = ed & label_in(lab, hits)
            is_intense = fluid_ref is not None and float(np.median(image[s][lesion])) >= fluid_ref
            depth = _max_depth_2d(lesion, lab, members, joint, joint_label, label_map, spacing)
            is_deep = depth >= SPARCC_DEEP_MM
            intense += int(is_intense)
            deep += int(is_deep)
            per_slice[f"slice_{s}_{joint}"] = (
                f"{len(hits)} quadrant(s), depth {depth:.1f} mm"
                f"{', intense' if is_intense else ''}{', deep' if is_deep else ''}"
            )
    total = present + intense + deep
    details: dict[str, float | int | str | bool] = {
        "slices": ",".join(str(s) for s in slices),
        "quadrants_present": present,
        "intense": intense,
        "deep": deep,
        "intense_reference": "fluid label median" if fluid_ref is not None else "none given",
        "pixel_area_mm2": pixel_area,
        **per_slice,
    }
    return Grade(
        system="SPARCC SIJ inflammation",
        region="sacroiliac_joints",
        grade=str(total),
        score=float(total),
        cutoffs="6 slices x (8 quadrants + 2 intense + 2 deep); range 0-72",
        source="s77",
        basis="quadrant present from 4 edema voxels; intense = lesion median >= fluid "
        "reference median; deep = lesion reaches >= 10 mm from the joint surface",
        details=details,
    )


def _max_depth_2d(
    lesion: npt.NDArray[np.bool_],
    lab: npt.NDArray[np.integer[Any]],
    members: list[int],
    joint: str,
    joint_labels: dict[int, LabelSpec],
    label_map: LabelMap,
    spacing: tuple[float, float, float],
) -> float:
    """Deepest lesion point from the articular surface of one joint, in-plane, in mm."""
    sampling = (spacing[1], spacing[2])
    own_joint = [v for v in joint_labels if label_map.labels[v].joint in (joint, "")]
    named = [v for v in joint_labels if joint in label_map.labels[v].name]
    cleft = label_in(lab, named or own_joint) if (named or own_joint) else None
    if cleft is not None and cleft.any():
        dist = np.asarray(ndi.distance_transform_edt(~cleft, sampling=sampling))
        return float(dist[lesion].max()) - min(sampling) / 2.0
    # No joint label: distance to the other bone of the joint, minus the cleft width.
    total = 0.0
    for side in ("iliac", "sacral"):
        mine = [v for v in members if label_map.labels[v].bone == side]
        other = [v for v in members if label_map.labels[v].bone not in ("", side)]
        part = lesion & label_in(lab, mine)
        if not part.any() or not other:
            continue
        dist = np.asarray(ndi.distance_transform_edt(~label_in(lab, other), sampling=sampling))
        gap = float(dist[label_in(lab, mine)].min())
        total = max(total, float(dist[part].max()) - gap)
    return total


def modic_grades(
    fluid: npt.NDArray[np.floating[Any]],
    t1: npt.NDArray[np.floating[Any]],
    labels: npt.NDArray[np.integer[Any]],
    label_map: LabelMap,
    fluid_ref: float,
    t1_ref: float,
    bone: npt.NDArray[np.bool_],
    spacing: tuple[float, float, float],
) -> list[Grade]:
    """Modic type per endplate zone from voxel signal ratios to normal marrow (s86, s87).

    Voxels within ``MODIC_SURFACE_MM`` of the bone surface are left out: there the dark
    cortical endplate mixes in and would look like sclerosis (type 3).
    """
    grades = []
    lo, hi = 1.0 - MODIC_BAND, 1.0 + MODIC_BAND
    for value in label_map.values("endplate"):
        zone = labels == value
        if not zone.any():
            continue
        found = ndi.find_objects(zone.astype(np.int8))[0]
        box = tuple(
            slice(max(sl.start - 1, 0), min(sl.stop + 1, n))
            for sl, n in zip(found, zone.shape, strict=True)
        )
        inside = np.pad(bone[box], 1, mode="edge")
        depth = np.asarray(ndi.distance_transform_edt(inside, sampling=spacing))[1:-1, 1:-1, 1:-1]
        z = zone[box] & (depth > MODIC_SURFACE_MM)
        if not z.any():
            continue
        # a 3x3 in-plane mean inside the zone steadies single noisy voxels
        kernel = np.ones((1, 3, 3))
        weight = ndi.convolve(z.astype(np.float32), kernel, mode="constant")
        weight = np.maximum(weight, 1.0)
        rf = ndi.convolve(np.where(z, fluid[box], 0).astype(np.float32), kernel, mode="constant")
        rt = ndi.convolve(np.where(z, t1[box], 0).astype(np.float32), kernel, mode="constant")
        rf = rf / weight / max(fluid_ref, 1e-6)
        rt = rt / weight / max(t1_ref, 1e-6)
        rf, rt = rf[z], rt[z]
        n = float(z.sum())
        fractions = {
            1: float(((rt < lo) & (rf > hi)).sum()) / n,
            2: float((rt > hi).sum()) / n,
            3: float(((rt < lo) & (rf < lo)).sum()) / n,
        }
        ranked = sorted(fractions, key=lambda k: -fractions[k])
        found = [k for k in ranked if fractions[k] >= MODIC_MIN_FRACTION]
        grade = "/".join(str(k) for k in sorted(found[:2])) if found else "0"
        grades.append(
            Grade(
                system="Modic",
                region=label_map.labels[value].name,
                grade=grade,
                fraction=fractions[found[0]] if found else 0.0,
                cutoffs=f"voxel T1 and STIR/T2 ratio to normal marrow outside "
                f"{lo:.2f}-{hi:.2f}; a type counts from {MODIC_MIN_FRACTION:.0%} of the zone",
                source="s86; s87",
                basis="1 = T1 low + fluid high; 2 = T1 high (fat: STIR low, T2 iso/high); "
                "3 = T1 low + fluid low",
                details={
                    "fraction_type_1": fractions[1],
                    "fraction_type_2": fractions[2],
                    "fraction_type_3": fractions[3],
                    "median_t1_ratio": float(np.median(rt)),
                    "median_fluid_ratio": float(np.median(rf)),
                },
            )
        )
    return grades
