"""What each value of a label map means: a bone region, a scoring subregion, a reference.

A label file (JSON or YAML) maps label values to a name and a role::

    {"1": "femur_medial_central",                      # role inferred from the name
     "2": {"name": "left_iliac_upper", "role": "sparcc", "joint": "left",
           "bone": "iliac", "half": "upper"},
     "9": {"name": "joint_space", "role": "joint"}}

Roles inside the bone (``bone``, ``moaks``, ``sparcc``, ``endplate``, ``femoral_head``,
``necrosis``, ``reference``) make up the bone mask. ``joint`` (joint space or articular
surface, used for depth), ``fluid`` (the "intense" reference of SPARCC, e.g. a vessel or CSF)
and ``ignore`` lie outside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from marrowpath.errors import ImagingError

__all__ = [
    "BONE_ROLES",
    "MOAKS_SUBREGIONS",
    "LabelMap",
    "LabelSpec",
    "Role",
    "label_in",
    "label_values",
    "load_label_map",
]

Role = Literal[
    "bone",
    "moaks",
    "sparcc",
    "endplate",
    "femoral_head",
    "necrosis",
    "reference",
    "joint",
    "fluid",
    "ignore",
]
BONE_ROLES: frozenset[str] = frozenset(
    {"bone", "moaks", "sparcc", "endplate", "femoral_head", "necrosis", "reference"}
)

# MOAKS subregions as listed by the pacs.de summary of Hunter et al. 2011 (source s61 lists
# the grading; the list itself is in shared/reference/imaging.md section 2.1).
MOAKS_SUBREGIONS: tuple[str, ...] = (
    "patella_medial",
    "patella_lateral",
    "femur_medial_trochlea",
    "femur_lateral_trochlea",
    "femur_medial_central",
    "femur_lateral_central",
    "femur_medial_posterior",
    "femur_lateral_posterior",
    "tibia_medial_anterior",
    "tibia_medial_central",
    "tibia_medial_posterior",
    "tibia_lateral_anterior",
    "tibia_lateral_central",
    "tibia_lateral_posterior",
    "tibia_subspinous",
)


class LabelSpec(BaseModel):
    """One label value: its name, its role and, for SPARCC quadrants, where it lies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    role: Role = "bone"
    joint: str = ""
    """SPARCC: which sacroiliac joint ('left'/'right'); endplate: the disc level, optional."""
    bone: Literal["", "iliac", "sacral"] = ""
    half: Literal["", "upper", "lower"] = ""


_SIDE = {"left": "left", "l": "left", "right": "right", "r": "right"}
_SIJ_BONE = {
    "iliac": "iliac",
    "ilium": "iliac",
    "ilial": "iliac",
    "sacral": "sacral",
    "sacrum": "sacral",
}
_HALF = {
    "upper": "upper",
    "superior": "upper",
    "cranial": "upper",
    "lower": "lower",
    "inferior": "lower",
    "caudal": "lower",
}
_KNEE_BONE = {
    "femur": "femur",
    "femoral": "femur",
    "tibia": "tibia",
    "tibial": "tibia",
    "patella": "patella",
    "patellar": "patella",
}
_COMPARTMENT = {"medial": "medial", "lateral": "lateral"}
_KNEE_PART = {
    "trochlea": "trochlea",
    "trochlear": "trochlea",
    "central": "central",
    "posterior": "posterior",
    "anterior": "anterior",
}


def _pick(tokens: list[str], table: dict[str, str]) -> str:
    found = {table[t] for t in tokens if t in table}
    return found.pop() if len(found) == 1 else ""


def _infer(name: str) -> LabelSpec:
    """The role a conventional name implies (MOAKS names, SPARCC quadrants, keywords).

    Names are split into words, so ``left_iliac_upper``, ``L ilium superior`` and
    ``Femur-Medial-Central`` are all understood; anything else is a plain bone region.
    """
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    tokens = key.split("_")
    if key in MOAKS_SUBREGIONS:
        return LabelSpec(name=key, role="moaks")
    bone, side = _pick(tokens, _KNEE_BONE), _pick(tokens, _COMPARTMENT)
    part = _pick(tokens, _KNEE_PART)
    if bone == "tibia" and "subspinous" in tokens:
        return LabelSpec(name=key, role="moaks")
    if bone and side:
        canonical = f"{bone}_{side}" if bone == "patella" else f"{bone}_{side}_{part}"
        if canonical in MOAKS_SUBREGIONS:
            return LabelSpec(name=key, role="moaks")
    joint, sij_bone, half = _pick(tokens, _SIDE), _pick(tokens, _SIJ_BONE), _pick(tokens, _HALF)
    if joint and sij_bone and half:
        return LabelSpec(name=key, role="sparcc", joint=joint, bone=sij_bone, half=half)
    if "necro" in key or "osteonecrosis" in key:
        return LabelSpec(name=key, role="necrosis")
    if key in {"femoral_head", "head", "head_of_femur"}:
        return LabelSpec(name=key, role="femoral_head")
    if "endplate" in key or "end_plate" in key:
        return LabelSpec(name=key, role="endplate")
    if key.startswith("reference") or key == "normal_marrow":
        return LabelSpec(name=key, role="reference")
    if tokens[0] in {"joint", "articular", "disc", "cleft"}:
        return LabelSpec(name=key, role="joint")
    if key in {"fluid", "csf", "vessel", "vessels", "vein", "artery"}:
        return LabelSpec(name=key, role="fluid")
    return LabelSpec(name=key, role="bone")


class LabelMap(BaseModel):
    """Label value -> meaning; unknown values in an image are plain bone regions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: dict[int, LabelSpec]

    @classmethod
    def from_mapping(cls, raw: Mapping[object, object]) -> LabelMap:
        """Build from ``{value: name}`` or ``{value: {name, role, ...}}`` (keys may be strings)."""
        labels: dict[int, LabelSpec] = {}
        for key, value in raw.items():
            try:
                number = int(str(key))
            except ValueError:
                msg = f"label value {key!r} is not an integer; expected keys like '1', '2'"
                raise ImagingError(msg) from None
            if number <= 0:
                msg = f"label value {number!r} is not positive; 0 is the background"
                raise ImagingError(msg)
            if isinstance(value, str):
                labels[number] = _infer(value)
            elif isinstance(value, Mapping):
                try:
                    spec = LabelSpec.model_validate(dict(value))
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(p) for p in first["loc"])
                    msg = f"label {number}: field {where!r}: {first['msg']} (got {value!r})"
                    raise ImagingError(msg) from None
                if spec.role == "sparcc" and not (spec.joint and spec.bone and spec.half):
                    inferred = _infer(spec.name)
                    if inferred.role != "sparcc":
                        msg = (
                            f"label {number} ({spec.name!r}) is a SPARCC quadrant without "
                            "'joint', 'bone' and 'half'; expected e.g. "
                            "{'joint': 'left', 'bone': 'iliac', 'half': 'upper'} or a name "
                            "like 'left_iliac_upper'"
                        )
                        raise ImagingError(msg)
                    spec = inferred
                labels[number] = spec
            else:
                msg = f"label {number} is {value!r}; expected a name or a mapping with 'name'"
                raise ImagingError(msg)
        return cls(labels=labels)

    def complete(self, values: npt.NDArray[np.integer[Any]]) -> LabelMap:
        """Add a plain bone region ``label_<n>`` for every value the file does not name."""
        extra = {
            int(v): LabelSpec(name=f"label_{int(v)}")
            for v in values
            if int(v) > 0 and int(v) not in self.labels
        }
        return self if not extra else LabelMap(labels={**self.labels, **extra})

    def values(self, *roles: str) -> list[int]:
        """Label values whose role is one of ``roles``, in increasing order."""
        return sorted(v for v, s in self.labels.items() if s.role in roles)

    def bone_values(self) -> list[int]:
        return self.values(*BONE_ROLES)


def label_in(labels: npt.NDArray[np.integer[Any]], values: list[int]) -> npt.NDArray[np.bool_]:
    """``labels`` is one of ``values``: a lookup table, much faster than ``np.isin``."""
    top = int(labels.max()) if labels.size else 0
    lut = np.zeros(max(top, max(values, default=0)) + 1, dtype=bool)
    lut[[v for v in values if v >= 0]] = True
    return np.asarray(lut[np.clip(labels, 0, None)], dtype=bool)


def label_values(labels: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.intp]:
    """The distinct non-negative values of a label image (``np.unique`` without sorting)."""
    return np.flatnonzero(np.bincount(np.clip(labels, 0, None).ravel()))


def load_label_map(path: str | Path) -> LabelMap:
    """Read a label file (``.json``, ``.yaml`` or ``.yml``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"label file {str(p)!r} cannot be read: {exc}"
        raise ImagingError(msg) from None
    try:
        raw = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        msg = f"label file {str(p)!r} is not valid JSON/YAML: {exc}"
        raise ImagingError(msg) from None
    if isinstance(raw, Mapping) and "labels" in raw and isinstance(raw["labels"], Mapping):
        raw = raw["labels"]
    if not isinstance(raw, Mapping) or not raw:
        msg = f"label file {str(p)!r} holds {type(raw).__name__}; expected a mapping value -> name"
        raise ImagingError(msg)
    return LabelMap.from_mapping(raw)
