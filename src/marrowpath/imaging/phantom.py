"""Seeded numpy phantoms with known truth: bones, marrow, edema, noise, bias, partial volume.

Four anatomies (``hip``, ``knee``, ``sij``, ``spine``) are built from analytic shapes in mm.
Intensities are relative (normal marrow = 100 on STIR), following shared/reference/imaging.md
section 4: STIR nulls fat, so normal yellow marrow is dark, edema bright and fluid brighter;
on T1 marrow fat is bright and edema dark. Each voxel mixes tissues by their volume fractions
(partial volume, with 3 sub-slices through thick slices); lesions have ill-defined logistic
edges; a smooth multiplicative bias field and Rician noise (SNR on normal marrow) are applied.

Truth: ``truth_fraction`` is the edema fraction of each voxel (edema x marrow), so the true
volume is its sum times the voxel volume; ``truth_mask`` marks voxels that are at least half
edema. Label maps carry MOAKS subregions (knee), SPARCC quadrants (sij), endplate zones
(spine) and the femoral head with an optional necrotic lesion (hip).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from marrowpath.errors import ImagingError
from marrowpath.imaging._shapes import Sdf, box, cylinder, ellipsoid, sphere, union
from marrowpath.imaging.bias import polynomial_terms
from marrowpath.imaging.labels import LabelMap, LabelSpec
from marrowpath.imaging.volume import Volume, _grid_affine

__all__ = ["MODIC_SIGNATURES", "TISSUE", "Phantom", "make_phantom"]

Arr = npt.NDArray[np.float64]
Anatomy = Literal["hip", "knee", "sij", "spine"]

# Relative intensities (STIR, T1); normal marrow = 100 on STIR, as in imaging.md section 4.4.
TISSUE: dict[str, tuple[float, float]] = {
    "marrow": (100.0, 400.0),
    "edema": (400.0, 150.0),
    "intense": (800.0, 100.0),
    "cortex": (15.0, 30.0),
    "muscle": (220.0, 180.0),
    "fluid": (650.0, 80.0),
    "disc": (300.0, 120.0),
}
# Synthetic Modic signatures (STIR, T1) following the signal table of sources s86/s87:
# type 1 T1 low / STIR high, type 2 T1 high / STIR low, type 3 T1 low / STIR low.
MODIC_SIGNATURES: dict[int, tuple[float, float]] = {
    1: (350.0, 160.0),
    2: (45.0, 600.0),
    3: (40.0, 120.0),
}


@dataclass(frozen=True)
class _Lesion:
    sdf: Sdf
    stir: float
    t1: float
    edge_mm: float = 1.5
    edema: bool = True
    within: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Fill:
    """A lesion that fills ``fraction`` of a label's voxels from one side along ``axis``."""

    label: int
    fraction: float
    axis: int
    from_high: bool
    stir: float
    t1: float
    edge_mm: float = 1.0
    edema: bool = True


@dataclass
class _Scene:
    bones: list[tuple[Sdf, Callable[[Arr, Arr, Arr], npt.NDArray[np.int32]]]]
    soft: list[tuple[Sdf, float, float]] = field(default_factory=list)
    outside_labels: list[tuple[int, Sdf]] = field(default_factory=list)
    lesions: list[_Lesion] = field(default_factory=list)
    fills: list[_Fill] = field(default_factory=list)
    labels: dict[int, LabelSpec] = field(default_factory=dict)
    relabel: list[tuple[int, int, float, int, bool]] = field(default_factory=list)
    """(from label, to label, fraction, axis, from_high): move part of a label to another."""


@dataclass(frozen=True, eq=False)
class Phantom:
    """A generated study: images, labels and the truth they were built from."""

    anatomy: str
    fluid: Volume
    t1: Volume
    labels: Volume
    label_map: LabelMap
    truth_fraction: npt.NDArray[np.float32]
    truth_mask: npt.NDArray[np.bool_]
    settings: dict[str, object]

    @property
    def truth_volume_ml(self) -> float:
        """True edema volume: sum of voxel edema fractions times the voxel volume."""
        return float(self.truth_fraction.sum(dtype=np.float64)) * self.fluid.voxel_volume_ml

    @property
    def bone_mask(self) -> npt.NDArray[np.bool_]:
        return np.isin(self.labels.data, self.label_map.bone_values())

    def write(
        self, folder: str | Path, fmt: Literal["dicom", "nifti"] = "nifti"
    ) -> dict[str, Path]:
        """Write fluid, T1 and labels (DICOM series folders or ``.nii.gz``) and labels.json."""
        from marrowpath.imaging.dicom import write_dicom_series
        from marrowpath.imaging.nifti import write_nifti

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        for name, vol in (("fluid", self.fluid), ("t1", self.t1), ("labels", self.labels)):
            if fmt == "dicom":
                paths[name] = out / name
                write_dicom_series(vol, paths[name], series_description=f"phantom {name}")
            else:
                paths[name] = write_nifti(vol, out / f"{name}.nii.gz")
        paths["label_map"] = out / "labels.json"
        spec = {
            str(k): v.model_dump(exclude_defaults=True) for k, v in self.label_map.labels.items()
        }
        paths["label_map"].write_text(json.dumps(spec, indent=1), encoding="utf-8")
        return paths


def _plane(axis: int, cut: float, from_high: bool) -> Sdf:
    """Negative on the lesion side of a plane ``coordinate[axis] = cut``."""

    def f(z: Arr, y: Arr, x: Arr) -> Arr:
        c = (z, y, x)[axis]
        return np.asarray(cut - c if from_high else c - cut)

    return f


def _hip(lesion: bool, necrosis_fraction: float | None) -> _Scene:
    head_c, radius = (0.0, -12.0, -8.0), 21.0
    head = sphere(head_c, radius)
    neck = cylinder(head_c, (0.0, 22.0, 22.0), 13.0)
    shaft = cylinder((0.0, 12.0, 16.0), (0.0, 60.0, 22.0), 14.0)
    bone = union(head, neck, shaft)

    def parts(z: Arr, y: Arr, x: Arr) -> npt.NDArray[np.int32]:
        return np.where(head(z, y, x) <= 0, 2, 1).astype(np.int32)

    shell = sphere(head_c, radius + 1.5)
    cap = box((-40, -60, -60), (40, head_c[1] + 8, 10))
    scene = _Scene(
        bones=[(bone, parts)],
        soft=[(lambda z, y, x: np.maximum(shell(z, y, x), cap(z, y, x)), *TISSUE["fluid"])],
        labels={
            1: LabelSpec(name="femoral_neck"),
            2: LabelSpec(name="femoral_head", role="femoral_head"),
        },
    )
    if lesion:
        scene.lesions.append(
            _Lesion(
                ellipsoid((0.0, head_c[1] - 10.0, head_c[2]), (8.0, 7.0, 8.0)), *TISSUE["edema"]
            )
        )
    if necrosis_fraction is not None:
        scene.labels[3] = LabelSpec(name="necrotic_lesion", role="necrosis")
        scene.relabel.append((2, 3, necrosis_fraction, 1, False))
    return scene


_KNEE_NAMES = {
    ("femur", "medial", 0): "femur_medial_trochlea",
    ("femur", "medial", 1): "femur_medial_central",
    ("femur", "medial", 2): "femur_medial_posterior",
    ("femur", "lateral", 0): "femur_lateral_trochlea",
    ("femur", "lateral", 1): "femur_lateral_central",
    ("femur", "lateral", 2): "femur_lateral_posterior",
    ("tibia", "medial", 0): "tibia_medial_anterior",
    ("tibia", "medial", 1): "tibia_medial_central",
    ("tibia", "medial", 2): "tibia_medial_posterior",
    ("tibia", "lateral", 0): "tibia_lateral_anterior",
    ("tibia", "lateral", 1): "tibia_lateral_central",
    ("tibia", "lateral", 2): "tibia_lateral_posterior",
}


def _knee(fill: tuple[str, float] | None) -> _Scene:
    """Sagittal knee: slices medial->lateral (z), rows superior->inferior (y), columns A->P (x)."""
    femur = union(
        ellipsoid((-13.0, 0.0, 2.0), (11.0, 18.0, 22.0)),
        ellipsoid((13.0, 0.0, 2.0), (11.0, 18.0, 22.0)),
        box((-24.0, -60.0, -16.0), (24.0, -2.0, 18.0), rounding=6.0),
    )
    tibia = box((-28.0, 21.0, -24.0), (28.0, 60.0, 24.0), rounding=4.0)
    patella = ellipsoid((0.0, -14.0, -33.0), (16.0, 13.0, 7.0))
    names = sorted(
        set(_KNEE_NAMES.values())
        | {"tibia_subspinous", "patella_medial", "patella_lateral", "femur_shaft", "tibia_shaft"}
    )
    value = {n: i + 1 for i, n in enumerate(names)}

    def parts(z: Arr, y: Arr, x: Arr) -> npt.NDArray[np.int32]:
        side = np.where(z < 0, "medial", "lateral")
        ap = np.where(x < -8.0, 0, np.where(x < 10.0, 1, 2))
        out = np.zeros(z.shape, dtype=np.int32)
        is_pat = patella(z, y, x) <= 0
        is_tib = y > 19.5
        for (bone, s, a), n in _KNEE_NAMES.items():
            sel = (side == s) & (ap == a) & ~is_pat
            sel &= is_tib if bone == "tibia" else ~is_tib & (y > -25.0)
            out[sel] = value[n]
        out[~is_tib & (y <= -25.0) & ~is_pat] = value["femur_shaft"]
        out[is_tib & (np.abs(z) < 5.0)] = value["tibia_subspinous"]
        out[is_tib & (y > 42.0)] = value["tibia_shaft"]
        out[is_pat] = np.where(z[is_pat] < 0, value["patella_medial"], value["patella_lateral"])
        return out

    scene = _Scene(
        bones=[(union(femur, tibia, patella), parts)],
        soft=[(box((-30.0, 16.0, -22.0), (30.0, 21.5, 22.0)), *TISSUE["fluid"])],
        labels={
            v: LabelSpec(name=n, role="moaks" if n in _KNEE_ROLES else "bone")
            for n, v in value.items()
        },
    )
    if fill is not None:
        name, fraction = fill
        if name not in value:
            msg = f"phantom fill subregion {name!r} is unknown; expected one of {sorted(value)!r}"
            raise ImagingError(msg)
        from_high = not name.startswith("tibia")  # femur: from the joint below; tibia: above
        axis = 1 if not name.startswith("patella") else 2
        scene.fills.append(_Fill(value[name], fraction, axis, from_high, *TISSUE["edema"]))
    return scene


_KNEE_ROLES = set(_KNEE_NAMES.values()) | {"tibia_subspinous", "patella_medial", "patella_lateral"}


def _sij(depth_mm: float | None, intense: bool) -> _Scene:
    """Coronal-oblique SIJ: slices A->P (z), rows cranial->caudal (y), columns left->right (x)."""
    sacrum = box((-25.0, -30.0, -20.0), (25.0, 30.0, 20.0), rounding=3.0)
    ilium_l = box((-25.0, -30.0, -62.0), (25.0, 30.0, -22.0), rounding=3.0)
    ilium_r = box((-25.0, -30.0, 22.0), (25.0, 30.0, 62.0), rounding=3.0)
    labels = {
        1: LabelSpec(name="sacrum"),
        2: LabelSpec(name="ilium_left"),
        3: LabelSpec(name="ilium_right"),
        20: LabelSpec(name="joint_left", role="joint"),
        21: LabelSpec(name="joint_right", role="joint"),
        30: LabelSpec(name="vessel", role="fluid"),
    }
    quadrant = {}
    n = 4
    for joint in ("left", "right"):
        for bone in ("iliac", "sacral"):
            for half in ("upper", "lower"):
                name = f"{joint}_{bone}_{half}"
                labels[n] = LabelSpec(name=name, role="sparcc", joint=joint, bone=bone, half=half)
                quadrant[(joint, bone, half)] = n
                n += 1

    def parts(z: Arr, y: Arr, x: Arr) -> npt.NDArray[np.int32]:
        out = np.where(x < -21.0, 2, np.where(x > 21.0, 3, 1)).astype(np.int32)
        half = np.where(y < 0, "upper", "lower")
        for (joint, bone, h), v in quadrant.items():
            sign = -1.0 if joint == "left" else 1.0
            d = sign * x  # distance from the midline towards this joint
            band = (d > 0) & ((d >= 22.0) & (d < 42.0) if bone == "iliac" else (d <= 20.0))
            out[band & (half == h)] = v
        return out

    cleft_l = box((-25.0, -30.0, -22.0), (25.0, 30.0, -20.0))
    cleft_r = box((-25.0, -30.0, 20.0), (25.0, 30.0, 22.0))
    vessel = cylinder((-30.0, 36.0, 0.0), (30.0, 36.0, 0.0), 3.0)
    scene = _Scene(
        bones=[(union(sacrum, ilium_l, ilium_r), parts)],
        soft=[(cleft_l, *TISSUE["fluid"]), (cleft_r, *TISSUE["fluid"]), (vessel, *TISSUE["fluid"])],
        outside_labels=[(20, cleft_l), (21, cleft_r), (30, vessel)],
        labels=labels,
    )
    if depth_mm is not None:
        level = TISSUE["intense"] if intense else TISSUE["edema"]
        lesion = box((-12.0, -26.0, -22.0 - depth_mm), (12.0, -6.0, -21.0))
        scene.lesions.append(_Lesion(lesion, *level, edge_mm=1.0))
    return scene


def _spine(modic: dict[str, int]) -> _Scene:
    """Sagittal lumbar spine: slices left->right (z), rows cranial->caudal (y), columns A->P (x)."""
    centres = {"V1": -34.0, "V2": 0.0, "V3": 34.0}
    bodies = [
        box((-20.0, c - 12.5, -17.5), (20.0, c + 12.5, 17.5), rounding=2.0)
        for c in centres.values()
    ]
    discs = [
        box((-18.0, a + 12.5, -16.0), (18.0, b - 12.5, 16.0), rounding=1.0)
        for a, b in zip(list(centres.values())[:-1], list(centres.values())[1:], strict=True)
    ]
    labels: dict[int, LabelSpec] = {}
    zones: dict[str, tuple[int, float, float]] = {}  # name -> (value, endplate y, direction)
    n = 1
    for v, c in centres.items():
        labels[n] = LabelSpec(name=f"{v}_body")
        labels[n + 1] = LabelSpec(name=f"{v}_superior_endplate", role="endplate", joint=v)
        labels[n + 2] = LabelSpec(name=f"{v}_inferior_endplate", role="endplate", joint=v)
        labels[n + 3] = LabelSpec(name=f"reference_{v}", role="reference")
        zones[f"{v}_superior_endplate"] = (n + 1, c - 12.5, 1.0)
        zones[f"{v}_inferior_endplate"] = (n + 2, c + 12.5, -1.0)
        n += 4

    def parts(z: Arr, y: Arr, x: Arr) -> npt.NDArray[np.int32]:
        out = np.zeros(z.shape, dtype=np.int32)
        for i, c in enumerate(centres.values()):
            base = 1 + 4 * i
            near = np.abs(y - c) <= 13.5
            out[near] = base
            out[near & (y < c - 12.5 + 8.0)] = base + 1
            out[near & (y > c + 12.5 - 8.0)] = base + 2
            out[near & (np.abs(y - c) < 4.0) & (np.abs(x) < 12.0)] = base + 3
        return out

    names = list(centres)
    for i in range(len(discs)):
        labels[20 + i] = LabelSpec(name=f"disc_{names[i]}_{names[i + 1]}", role="joint")
    scene = _Scene(
        bones=[(union(*bodies), parts)],
        soft=[(d, *TISSUE["disc"]) for d in discs],
        outside_labels=[(20 + i, d) for i, d in enumerate(discs)],
        labels=labels,
    )
    for zone, kind in modic.items():
        if zone not in zones:
            msg = f"phantom Modic zone {zone!r} is unknown; expected one of {sorted(zones)!r}"
            raise ImagingError(msg)
        if kind not in MODIC_SIGNATURES:
            msg = f"phantom Modic type {kind!r} is unknown; expected 1, 2 or 3"
            raise ImagingError(msg)
        value, plate, direction = zones[zone]
        cut = plate + direction * 6.0
        stir, t1 = MODIC_SIGNATURES[kind]
        sdf = _plane(1, cut, from_high=direction < 0)
        scene.lesions.append(_Lesion(sdf, stir, t1, edge_mm=1.0, edema=kind == 1, within=(value,)))
    return scene


def _bias(
    rng: np.random.Generator, shape: tuple[int, int, int], amplitude: float
) -> Callable[[int], npt.NDArray[np.float64]]:
    """A smooth field 1 + amplitude * g, g a random quadratic scaled to max |g| = 1."""
    terms = [t for t in polynomial_terms(2) if sum(t) > 0]
    coef = rng.uniform(-1.0, 1.0, len(terms))
    axes = [np.linspace(-1.0, 1.0, n) if n > 1 else np.zeros(1) for n in shape]

    def g(zv: Arr, yv: Arr, xv: Arr) -> Arr:
        return np.asarray(
            sum(c * zv**a * yv**b * xv**cc for c, (a, b, cc) in zip(coef, terms, strict=True))
        )

    coarse = [np.linspace(-1, 1, 9) if n > 1 else np.zeros(1) for n in shape]
    cz, cy, cx = np.meshgrid(*coarse, indexing="ij")
    peak = float(np.abs(g(cz, cy, cx)).max()) or 1.0

    def field_at(k: int) -> npt.NDArray[np.float64]:
        yv, xv = np.meshgrid(axes[1], axes[2], indexing="ij")
        return 1.0 + amplitude * g(np.full_like(yv, axes[0][k]), yv, xv) / peak

    return field_at


def make_phantom(
    anatomy: Anatomy = "hip",
    *,
    shape: tuple[int, int, int] | None = None,
    spacing: tuple[float, float, float] | None = None,
    snr: float = 20.0,
    bias: float = 0.0,
    seed: int = 0,
    lesion: bool = True,
    fill: tuple[str, float] | None = None,
    necrosis_fraction: float | None = None,
    sij_depth_mm: float | None = 15.0,
    sij_intense: bool = False,
    modic: dict[str, int] | None = None,
    cortex_mm: float = 1.5,
    edema_stir: float | None = None,
    edge_mm: float | None = None,
) -> Phantom:
    """Build a phantom.

    Args:
        anatomy: ``hip`` (femoral head and neck; ``lesion`` = subchondral ellipsoid under the
            dome; ``necrosis_fraction`` labels that fraction of the head as necrotic), ``knee``
            (femur, tibia, patella with MOAKS subregions; ``fill=(subregion, fraction)`` fills
            that fraction of a subregion from its articular side), ``sij`` (sacrum and ilia
            with SPARCC quadrants; a left iliac upper lesion ``sij_depth_mm`` deep, brighter
            than the vessel when ``sij_intense``) or ``spine`` (three vertebrae;
            ``modic={"V2_inferior_endplate": 1}`` puts a Modic signature in a zone; discs are
            labelled as joints, so depth is measured from the endplate).
        snr: normal-marrow STIR signal over the noise sigma (Rician magnitude noise).
        bias: amplitude of the multiplicative bias field (0.2 = +-20 %).
        edema_stir: STIR level of edema lesions (default 400, normal marrow 100).
        edge_mm: 10-90 % width of the lesions' ill-defined edge (default 1.5 mm hip,
            1 mm otherwise).
    """
    defaults = {
        "hip": ((24, 128, 128), (3.0, 0.8, 0.8)),
        "knee": ((22, 128, 128), (3.0, 0.8, 0.8)),
        "sij": ((16, 96, 160), (3.0, 0.8, 0.8)),
        "spine": ((16, 144, 80), (3.0, 0.8, 0.8)),
    }
    if anatomy not in defaults:
        msg = f"phantom anatomy {anatomy!r} is unknown; expected one of {sorted(defaults)!r}"
        raise ImagingError(msg)
    if snr <= 0 or not 0 <= bias < 1:
        msg = f"phantom snr {snr!r} / bias {bias!r}; expected snr > 0 and 0 <= bias < 1"
        raise ImagingError(msg)
    shp = shape or defaults[anatomy][0]
    spc = spacing or defaults[anatomy][1]
    if anatomy == "hip":
        scene = _hip(lesion and fill is None, necrosis_fraction)
    elif anatomy == "knee":
        scene = _knee(fill if lesion else None)
    elif anatomy == "sij":
        scene = _sij(sij_depth_mm if lesion else None, sij_intense)
    else:
        scene = _spine(modic or {})
    if edema_stir is not None or edge_mm is not None:
        scene.lesions = [_restyle(les, edema_stir, edge_mm) for les in scene.lesions]
        scene.fills = [
            _Fill(
                f.label,
                f.fraction,
                f.axis,
                f.from_high,
                edema_stir if edema_stir is not None and f.edema else f.stir,
                f.t1,
                edge_mm if edge_mm is not None else f.edge_mm,
                f.edema,
            )
            for f in scene.fills
        ]
    rng = np.random.default_rng(seed)
    return _render(anatomy, scene, shp, spc, snr, bias, rng, cortex_mm, seed)


def _restyle(les: _Lesion, stir: float | None, edge: float | None) -> _Lesion:
    if not les.edema:
        return les
    return _Lesion(
        les.sdf,
        stir if stir is not None else les.stir,
        les.t1,
        edge if edge is not None else les.edge_mm,
        les.edema,
        les.within,
    )


def _coords(shape: tuple[int, int, int], spacing: tuple[float, float, float]) -> list[Arr]:
    return [
        np.asarray((np.arange(n) - (n - 1) / 2.0) * s, dtype=np.float64)
        for n, s in zip(shape, spacing, strict=True)
    ]


def _render(
    anatomy: str,
    scene: _Scene,
    shape: tuple[int, int, int],
    spacing: tuple[float, float, float],
    snr: float,
    bias: float,
    rng: np.random.Generator,
    cortex: float,
    seed: int,
) -> Phantom:
    cz, cy, cx = _coords(shape, spacing)
    yy, xx = np.meshgrid(cy, cx, indexing="ij")
    h = min(spacing[1], spacing[2])
    subs = 3 if spacing[0] > 1.5 * h else 1
    offsets = (np.arange(subs) - (subs - 1) / 2.0) * spacing[0] / subs

    # Pass 1: labels and marrow at voxel centres.
    labels = np.zeros(shape, dtype=np.int32)
    marrow_c = np.zeros(shape, dtype=bool)
    for k in range(shape[0]):
        zz = np.full_like(yy, cz[k])
        sds = [sdf(zz, yy, xx) for sdf, _ in scene.bones]
        sd = np.min(sds, axis=0)
        which = np.argmin(sds, axis=0)
        inside = sd <= 0
        for i, (_, parts) in enumerate(scene.bones):
            sel = inside & (which == i)
            labels[k][sel] = parts(zz, yy, xx)[sel]
        marrow_c[k] = sd + cortex <= 0
        for value, sdf in scene.outside_labels:
            labels[k][(sdf(zz, yy, xx) <= 0) & ~inside] = value
    grids = (cz, cy, cx)
    for src, dst, fraction, axis, from_high in scene.relabel:
        idx = np.nonzero(labels == src)
        coord = grids[axis][idx[axis]]
        order = np.argsort(-coord if from_high else coord, kind="stable")
        take = round(fraction * order.size)
        labels[tuple(i[order[:take]] for i in idx)] = dst
    for f in scene.fills:
        total = int((labels == f.label).sum())
        idx = np.nonzero((labels == f.label) & marrow_c)
        coord = np.sort(grids[f.axis][idx[f.axis]])
        if f.from_high:
            coord = coord[::-1]
        take = min(max(round(f.fraction * total), 1), coord.size)
        cut = float(coord[take - 1]) + (0.5 if not f.from_high else -0.5) * spacing[f.axis] * 0.999
        cut = (float(coord[take - 1]) + float(coord[take])) / 2.0 if take < coord.size else cut
        scene.lesions.append(
            _Lesion(_plane(f.axis, cut, f.from_high), f.stir, f.t1, f.edge_mm, f.edema, (f.label,))
        )

    # Pass 2: intensities with partial volume over sub-slices, bias and Rician noise.
    field_at = _bias(rng, shape, bias)
    ms, mt = TISSUE["marrow"]
    cs, ct = TISSUE["cortex"]
    us, ut = TISSUE["muscle"]
    stir = np.zeros(shape, dtype=np.float32)
    t1 = np.zeros(shape, dtype=np.float32)
    truth = np.zeros(shape, dtype=np.float32)
    for k in range(shape[0]):
        acc_s = np.zeros_like(yy)
        acc_t = np.zeros_like(yy)
        acc_e = np.zeros_like(yy)
        for off in offsets:
            zz = np.full_like(yy, cz[k] + off)
            sd = np.min([sdf(zz, yy, xx) for sdf, _ in scene.bones], axis=0)
            f_bone = np.clip(0.5 - sd / h, 0.0, 1.0)
            f_marrow = np.clip(0.5 - (sd + cortex) / h, 0.0, 1.0)
            remaining = 1.0 - f_bone
            sig_s = (f_bone - f_marrow) * cs
            sig_t = (f_bone - f_marrow) * ct
            for sdf, s_val, t_val in scene.soft:
                frac = np.minimum(np.clip(0.5 - sdf(zz, yy, xx) / h, 0.0, 1.0), remaining)
                remaining = remaining - frac
                sig_s += frac * s_val
                sig_t += frac * t_val
            sig_s += remaining * us
            sig_t += remaining * ut
            mar_s = np.full_like(yy, ms)
            mar_t = np.full_like(yy, mt)
            used = np.zeros_like(yy)
            edema = np.zeros_like(yy)
            for les in scene.lesions:
                w = max(les.edge_mm, 1e-3) / (2.0 * np.log(9.0))  # 10-90 % width = edge_mm
                e = 1.0 / (1.0 + np.exp(np.clip(les.sdf(zz, yy, xx) / w, -50, 50)))
                if les.within:
                    e = e * np.isin(labels[k], les.within)
                e = np.minimum(e, 1.0 - used)
                used += e
                mar_s += e * (les.stir - ms)
                mar_t += e * (les.t1 - mt)
                if les.edema:
                    edema += e
            acc_s += sig_s + f_marrow * mar_s
            acc_t += sig_t + f_marrow * mar_t
            acc_e += edema * f_marrow
        fld = field_at(k)
        sigma_s, sigma_t = ms / snr, mt / snr
        for acc, out, sigma in ((acc_s, stir, sigma_s), (acc_t, t1, sigma_t)):
            clean = acc / subs * fld
            n1 = rng.normal(0.0, sigma, clean.shape)
            n2 = rng.normal(0.0, sigma, clean.shape)
            out[k] = np.sqrt((clean + n1) ** 2 + n2**2)
        truth[k] = acc_e / subs
    affine = _grid_affine(spacing)
    present = np.unique(labels)
    label_map = LabelMap(labels={v: s for v, s in scene.labels.items() if v in present})
    return Phantom(
        anatomy=anatomy,
        fluid=Volume(np.round(stir).astype(np.int16), spacing, affine, "phantom STIR"),
        t1=Volume(np.round(t1).astype(np.int16), spacing, affine, "phantom T1"),
        labels=Volume(labels.astype(np.uint8), spacing, affine, "phantom labels"),
        label_map=label_map,
        truth_fraction=truth,
        truth_mask=truth >= 0.5,
        settings={"snr": snr, "bias": bias, "seed": seed, "shape": shape, "spacing": spacing},
    )
