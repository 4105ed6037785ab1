"""Turning a Case into the findings the engine scores: patient facts, derivations, reports."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING

from marrowpath.case import Case, FindingValue
from marrowpath.errors import InputError, UnknownIdError
from marrowpath.knowledge import Knowledge

if TYPE_CHECKING:
    from marrowpath.nlp import ReportReading

__all__ = ["case_findings", "derive", "reading_findings"]

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _patient_findings(case: Case) -> dict[str, FindingValue]:
    p = case.patient
    out: dict[str, FindingValue] = {}
    if p.age is not None:
        out["age"] = float(p.age)
    if p.sex in ("female", "male"):
        out["sex_female"] = p.sex == "female"
        out["sex_male"] = p.sex == "male"
    if p.pregnancy is not None:
        preg = p.pregnancy
        out["pregnancy"] = preg.status == "pregnant"
        out["postpartum"] = preg.status == "postpartum"
        if preg.status == "pregnant" and preg.trimester is not None:
            out["pregnancy_third_trimester"] = preg.trimester == 3
        elif preg.status != "pregnant":
            out["pregnancy_third_trimester"] = False
        if preg.breastfeeding is not None:
            out["breastfeeding"] = preg.breastfeeding
    if p.activity is not None:
        out["competitive_athlete"] = p.activity == "competitive_athlete"
        out["recreational_athlete"] = p.activity == "recreational_athlete"
    if p.egfr is not None:
        out["egfr"] = float(p.egfr)
    if case.onset_weeks is not None:
        out["symptom_duration_weeks"] = float(case.onset_weeks)
    if case.trauma is not None:
        out["trauma"] = case.trauma
    if case.side is not None:
        out["bilateral"] = case.side == "bilateral"
    return out


def reading_findings(reading: ReportReading, kb: Knowledge) -> dict[str, FindingValue]:
    """Findings of one report reading, with the sites of present edema and multifocality.

    A site finding is present when edema is placed in one of its bones or subregions; edema in
    two or more different bones makes the pattern multifocal.
    """
    out: dict[str, FindingValue] = dict(reading.findings())
    bones = set()
    for m in reading.edema:
        if m.status != "present" or m.modic_type in (2, 3):
            continue
        if m.bone_id:
            bones.add(m.bone_id)
        for place in (m.subregion, m.bone_id):
            for fid in kb.sites.get(place or "", ()):
                out[fid] = True
    if bones:
        # Several subregions of one bone (femoral head and neck) are not multifocal.
        out["mri_bme_multifocal"] = len(bones) > 1
    return out


def derive(findings: dict[str, FindingValue], kb: Knowledge) -> dict[str, FindingValue]:
    """Add findings derived from numeric ones (CRP > 5 -> crp_elevated) and implied ones."""
    out = dict(findings)
    for source_id, value in findings.items():
        if isinstance(value, bool):
            continue
        for f in kb.derived.get(source_id, ()):
            d = f.derived_from
            if d is not None and f.id not in findings:
                out[f.id] = _OPS[d.op](value, d.value)
    for f in kb.implied:
        if f.id in findings:
            continue
        values = [out[i] for i in f.implied_by if i in out]
        if any(v is True for v in values):
            out[f.id] = True
        elif values:
            out[f.id] = False
    for f in kb.excludable:
        if f.id not in out and any(out.get(x) is True for x in f.excluded_by):
            out[f.id] = False
    for f in kb.implied:
        if findings.get(f.id) is False:
            # Contraposition of a stated absence: each part implies the whole, so none holds
            # without it (male -> not pregnant; "normal inflammatory markers" -> CRP not
            # raised). A whole only inferred absent from one part says nothing of the others.
            for part in f.implied_by:
                out.setdefault(part, False)
    return out


def case_findings(case: Case, kb: Knowledge) -> tuple[dict[str, FindingValue], list[str]]:
    """All findings of a case and the input that could not be used.

    Explicit findings win over those read from reports. Unknown ids and values of the wrong
    type are input errors naming the finding.
    """
    if case.region not in kb.regions:
        msg = f"unknown region {case.region!r}; expected one of {', '.join(kb.regions)}"
        raise UnknownIdError(msg, field="region")
    unused = list(case.unused_input)
    found: dict[str, FindingValue] = {}
    if case.reports:
        from marrowpath.nlp import read_report

        for text in case.reports:
            for fid, value in reading_findings(read_report(text), kb).items():
                found.setdefault(fid, value)
    found.update(_patient_findings(case))
    for fid, given in case.findings.items():
        f = kb.findings.get(fid)
        if f is None:
            msg = f"findings.{fid}: unknown finding {fid!r}"
            raise UnknownIdError(msg, field=f"findings.{fid}")
        if f.type == "numeric":
            if isinstance(given, bool):
                msg = f"findings.{fid}: expected a number in {f.unit}, got {given!r}"
                raise InputError(msg, field=f"findings.{fid}")
            lo, hi = f.minimum, f.maximum
            if (lo is not None and given < lo) or (hi is not None and given > hi):
                msg = f"findings.{fid}: {given!r} is outside the range {lo}..{hi} {f.unit}"
                raise InputError(msg, field=f"findings.{fid}")
        elif not isinstance(given, bool):
            msg = f"findings.{fid}: expected true or false, got {given!r}"
            raise InputError(msg, field=f"findings.{fid}")
        found[fid] = given
    return derive(found, kb), unused
