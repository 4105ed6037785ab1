"""The case and visit forms: the finding catalogue as form fields, and form data -> models.

Form field names are the paths that :class:`~marrowpath.errors.InputError` reports in
``field`` (``region``, ``patient.age``, ``findings.crp``), so an error of the core lands next
to the field it is about. Nothing clinical is decided here: values are only parsed and handed
to ``Case``, ``assess`` and ``make_visit``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from marrowpath.case import Case
from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge
from marrowpath.nlp import EdemaMention, read_report
from marrowpath.web.labels import label

__all__ = [
    "CATEGORY_ORDER",
    "PATIENT_FACTS",
    "CaseForm",
    "FindingField",
    "FindingGroup",
    "finding_groups",
    "parse_case",
    "parse_visit",
    "read_into_form",
    "report_digest",
]

CATEGORY_ORDER = ("history", "symptom", "sign", "lab", "xray", "mri", "ct", "scintigraphy")
PATIENT_FACTS = frozenset(
    {
        "age",
        "sex_female",
        "sex_male",
        "pregnancy",
        "postpartum",
        "pregnancy_third_trimester",
        "breastfeeding",
        "competitive_athlete",
        "recreational_athlete",
        "egfr",
        "symptom_duration_weeks",
        "trauma",
        "bilateral",
    }
)
"""Findings the case form asks for in its patient and presentation sections instead."""
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class FindingField:
    """One finding of the catalogue as a form field."""

    id: str
    name: str
    numeric: bool
    unit: str
    minimum: float | None
    maximum: float | None

    @property
    def field(self) -> str:
        return f"findings.{self.id}"


@dataclass(frozen=True)
class FindingGroup:
    category: str
    fields: tuple[FindingField, ...]


def finding_groups(kb: Knowledge, lang: str) -> list[FindingGroup]:
    """The findings a clinician enters, grouped by category, in the page language.

    Derived findings (CRP > 5 from CRP) and the patient facts asked for elsewhere are left
    out, so that each fact is entered once.
    """
    groups: dict[str, list[FindingField]] = {c: [] for c in CATEGORY_ORDER}
    for f in kb.findings.values():
        if f.derived_from is not None or f.id in PATIENT_FACTS or f.category not in groups:
            continue
        groups[f.category].append(
            FindingField(
                id=f.id,
                name=getattr(f.names, lang) or f.names.en,
                numeric=f.type == "numeric",
                unit=f.unit,
                minimum=f.minimum,
                maximum=f.maximum,
            )
        )
    return [FindingGroup(c, tuple(fields)) for c, fields in groups.items() if fields]


@dataclass
class CaseForm:
    """What the clinician typed (as text), errors by field, and what came from a report."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    from_report: set[str] = field(default_factory=set)
    mentions: list[EdemaMention] = field(default_factory=list)
    notice: str = ""
    lang: str = "en"
    """Language of the messages this form's checks write."""

    def fail(self, name: str, key: str, **fields: object) -> None:
        """Record the message ``key`` (a label) for field ``name``."""
        self.errors[name] = label(key, self.lang, name=name, **fields)

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], lang: str = "en") -> CaseForm:
        """The submitted fields as stripped text (other keys are ignored later)."""
        values = {k: v.strip() for k, v in data.items() if isinstance(v, str)}
        marked = values.get("from_report", "")
        return cls(values=values, from_report={m for m in marked.split(",") if m}, lang=lang)


def report_digest(text: str) -> str:
    """A short digest of a report text, to know whether the form holds its reviewed reading."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def read_into_form(form: CaseForm, kb: Knowledge) -> int:
    """Read the pasted report and fill the empty fields it answers; returns how many.

    Fields the clinician filled stay as they are. Region and side are taken from the report
    when not chosen yet. The form remembers the report's digest (the reading was reviewed).

    Raises:
        InputError: the report text is empty or too long (``field="report"``).
    """
    text = form.get("report")
    if not text:
        msg = label("report_empty", form.lang)
        raise InputError(msg, field="report")
    reading = read_report(text)
    form.mentions = list(reading.edema)
    filled = 0
    for fid, present in reading.findings().items():
        name = f"findings.{fid}"
        f = kb.findings.get(fid)
        if f is None or f.type != "boolean" or fid in PATIENT_FACTS or form.get(name):
            continue
        form.values[name] = "yes" if present else "no"
        form.from_report.add(name)
        filled += 1
    regions = [r for r in reading.regions() if r in kb.regions]
    if not form.get("region") and regions:
        form.values["region"] = regions[0]
        form.from_report.add("region")
    sides = {m.laterality for m in reading.edema if m.status == "present" and m.laterality}
    if not form.get("side") and len(sides) == 1:
        form.values["side"] = sides.pop()
        form.from_report.add("side")
    form.values["report_reviewed"] = report_digest(text)
    return filled


def _number(form: CaseForm, name: str, whole: bool = False) -> float | int | None:
    raw = form.get(name).replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        form.fail(name, "err_not_number", value=repr(form.get(name)))
        return None
    if whole:
        if value != int(value):
            form.fail(name, "err_not_whole", value=repr(form.get(name)))
            return None
        return int(value)
    return value


def _choice(form: CaseForm, name: str, choices: tuple[str, ...]) -> str | None:
    raw = form.get(name)
    if not raw:
        return None
    if raw not in choices:
        form.fail(name, "err_not_choice", value=repr(raw), choices=", ".join(choices))
        return None
    return raw


def _case_data(form: CaseForm, kb: Knowledge) -> dict[str, Any]:
    patient: dict[str, Any] = {
        "age": _number(form, "patient.age", whole=True),
        "sex": _choice(form, "patient.sex", ("female", "male", "other")),
        "activity": _choice(
            form,
            "patient.activity",
            ("sedentary", "active", "recreational_athlete", "competitive_athlete"),
        ),
        "egfr": _number(form, "patient.egfr"),
        "pseudonym": form.get("patient") or None,
    }
    status = _choice(form, "patient.pregnancy.status", ("not_pregnant", "pregnant", "postpartum"))
    if status is not None:
        pregnancy: dict[str, Any] = {"status": status}
        trimester = _choice(form, "patient.pregnancy.trimester", ("1", "2", "3"))
        if trimester is not None and status == "pregnant":
            pregnancy["trimester"] = int(trimester)
        feeding = _choice(form, "patient.pregnancy.breastfeeding", ("yes", "no"))
        if feeding is not None:
            pregnancy["breastfeeding"] = _YES_NO[feeding]
        patient["pregnancy"] = pregnancy
    findings: dict[str, bool | float] = {}
    for f in kb.findings.values():
        name = f"findings.{f.id}"
        if not form.get(name) or f.derived_from is not None or f.id in PATIENT_FACTS:
            continue
        if f.type == "numeric":
            value = _number(form, name)
            if value is not None:
                findings[f.id] = float(value)
        else:
            choice = _choice(form, name, ("yes", "no"))
            if choice is not None:
                findings[f.id] = _YES_NO[choice]
    trauma = _choice(form, "trauma", ("yes", "no"))
    data: dict[str, Any] = {
        "patient": {k: v for k, v in patient.items() if v is not None},
        "region": _choice(form, "region", tuple(kb.regions)),
        "side": _choice(form, "side", ("left", "right", "bilateral")),
        "onset_weeks": _number(form, "onset_weeks"),
        "trauma": _YES_NO[trauma] if trauma is not None else None,
        "findings": findings,
    }
    report = form.get("report")
    if report and form.get("report_reviewed") != report_digest(report):
        data["reports"] = [report]
    return {k: v for k, v in data.items() if v is not None}


def _required(form: CaseForm, name: str, what: str) -> None:
    if not form.get(name) and name not in form.errors:
        form.fail(name, "err_required", what=label(what, form.lang))


def parse_case(form: CaseForm, kb: Knowledge, today: dt.date) -> tuple[Case, dt.date] | None:
    """The Case and the plan's start date, or None with ``form.errors`` filled.

    A reviewed report (its digest matches) is not read again: the form holds its findings.
    An unreviewed report is attached to the case and read by ``assess``.
    """
    _required(form, "patient", "what_patient")
    _required(form, "region", "what_region")
    data = _case_data(form, kb)
    start = today
    if form.get("start"):
        try:
            start = dt.date.fromisoformat(form.get("start"))
        except ValueError:
            form.fail("start", "err_not_date", value=repr(form.get("start")))
    if len(form.get("patient")) > 128:
        form.fail("patient", "err_too_long", value=repr(form.get("patient")[:20]))
    if form.errors:
        return None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"])
            form.errors.setdefault(name, f"{name}: {err['msg']} (got {err.get('input')!r})")
        return None
    return case, start


def parse_visit(data: Mapping[str, Any], lang: str = "en") -> tuple[dict[str, Any], dict[str, str]]:
    """The visit fields for ``make_visit`` and the errors found while parsing them."""
    values = {k: v.strip() for k, v in data.items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    out: dict[str, Any] = {
        "weight_bearing": values.get("weight_bearing", ""),
        "function_notes": values.get("function_notes", ""),
        "new_imaging": values.get("new_imaging", ""),
    }
    raw_date = values.get("date", "")
    try:
        out["date"] = dt.date.fromisoformat(raw_date)
    except ValueError:
        errors["date"] = label("err_not_date", lang, name="date", value=repr(raw_date))
    for name in ("pain_rest", "pain_load"):
        raw = values.get(name, "")
        try:
            out[name] = int(raw)
        except ValueError:
            errors[name] = label("err_pain", lang, name=name, value=repr(raw))
    if not out["weight_bearing"]:
        errors["weight_bearing"] = label("err_weight_bearing", lang)
    return out, errors
