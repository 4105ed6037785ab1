"""What the report reader returns: typed, immutable, and ``model_dump()``-able to JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict

__all__ = [
    "AssociatedFinding",
    "Change",
    "EdemaMention",
    "Kind",
    "PhraseMatch",
    "RegionBasis",
    "ReportReading",
    "Side",
    "Status",
]

Status = Literal["present", "negated", "uncertain", "resolved", "historical"]
Kind = Literal["edema", "bruise", "bml", "modic", "stress_reaction", "signal"]
Change = Literal["new", "improved", "worse", "stable", "resolved"]
Side = Literal["left", "right", "bilateral"]
RegionBasis = Literal["stated", "context", "assumed"]
"""Where a region comes from: the mention's bone, other words of the report (a ligament, the
title, a neighbouring sentence), or the usual site of that kind of mention when nothing says."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update``'s fields replaced, unvalidated as in pydantic, in half the
        time: a reading copies each cached mention to its offsets in the report."""
        if deep or not update:
            return super().model_copy(update=update, deep=deep)
        copy = self.__class__.__new__(self.__class__)
        fields = self.__dict__.copy()
        fields.update(update)
        setattr_ = object.__setattr__
        setattr_(copy, "__dict__", fields)
        setattr_(copy, "__pydantic_fields_set__", self.__pydantic_fields_set__ | update.keys())
        setattr_(copy, "__pydantic_extra__", None)
        setattr_(copy, "__pydantic_private__", None)
        return copy


class EdemaMention(_Frozen):
    """One mention of bone marrow edema or a variant (bruise, BML, Modic change, ...)."""

    status: Status
    kind: Kind
    bone: str | None
    """Lower-case anatomical name as reported, e.g. "lateral femoral condyle", "L4-L5 endplates"."""
    bone_id: str | None
    """Id of the bone in the knowledge base (``regions.yaml``), e.g. "distal_femur", "l4"."""
    subregion: str | None
    region: str
    """Reported region: hip, knee, ankle_foot, shoulder, lumbar_spine, cervical_spine,
    thoracic_spine, sacroiliac, pelvis or other."""
    kb_region: str
    """The knowledge base's region, which may be finer ("tibia_shaft", "spine_unspecified")."""
    region_basis: RegionBasis
    laterality: Side | None
    modic_type: int | None
    change: Change | None
    size: str | None
    start: int
    end: int
    text: str
    section: str


class AssociatedFinding(_Frozen):
    """A finding of the catalogue (``mri_*`` ids) that the assessment uses."""

    finding: str
    status: Status
    start: int
    end: int
    text: str
    section: str


class PhraseMatch(_Frozen):
    """A phrase found by :func:`marrowpath.nlp.match_phrases`, with its status."""

    key: str
    status: Status
    start: int
    end: int
    text: str


class ReportReading(_Frozen):
    """The structured reading of one report."""

    lang: Literal["en", "de"]
    edema: list[EdemaMention]
    associated: list[AssociatedFinding]

    def findings(self) -> dict[str, bool]:
        """Case findings: id -> True (present) or False (stated absent).

        ``mri_bme`` counts edema of any kind except Modic type 2/3; ``mri_modic_N`` come from
        Modic mentions; uncertain and historical mentions are left out (unknown is not absent).
        A present mention wins over a negated one of the same finding.
        """
        out: dict[str, bool] = {}

        def put(key: str, status: str) -> None:
            if status == "present":
                out[key] = True
            elif status in ("negated", "resolved"):
                out.setdefault(key, False)

        present_bones = set()
        for m in self.edema:
            if m.kind != "modic" or m.modic_type == 1:
                put("mri_bme", m.status)
            if m.kind == "modic" and m.modic_type is not None:
                put(f"mri_modic_{m.modic_type}", m.status)
            if m.status == "present" and (m.kind != "modic" or m.modic_type == 1):
                # Subregions of one bone (femoral head and neck) are one focus.
                present_bones.add(m.bone_id or m.bone or m.region)
        for a in self.associated:
            put(a.finding, a.status)
        if len(present_bones) >= 2:
            out["mri_bme_multifocal"] = True
        return out

    def regions(self) -> list[str]:
        """Knowledge-base regions with present edema, the most mentioned first; regions that
        were only assumed are left out."""
        counts = Counter(
            m.kb_region for m in self.edema if m.status == "present" and m.region_basis != "assumed"
        )
        return [r for r, _ in counts.most_common()]
