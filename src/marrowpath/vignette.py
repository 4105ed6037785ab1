"""Published-case vignettes (the ``shared/data/cases`` format) read into a Case.

Free-text fields are read with the report reader and the knowledge base's synonyms, field by
field, so that "low" under ``mri.t1`` means low T1 signal. Every clause that yields no finding
is returned in ``unused_input``, never dropped silently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from marrowpath.case import Case, FindingValue, Patient, Pregnancy
from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.nlp import match_phrases, read_report
from marrowpath.reasoning.facts import reading_findings

__all__ = ["VIGNETTE_FIELDS", "case_from_vignette"]

VIGNETTE_FIELDS = frozenset(
    {
        "id", "age", "sex", "region", "laterality", "onset_weeks", "trauma", "pregnancy",
        "symptoms", "labs", "xray", "mri", "scintigraphy", "final_diagnosis", "modic_type",
        "outcome", "healing_time", "notes", "excerpt", "source_url", "source_title",
        "source_id", "source", "lang",
    }
)  # fmt: skip
_MRI_FIELDS = frozenset(
    {"t1", "t2_or_stir", "pattern", "subchondral_line", "double_line_sign", "effusion",
     "extent", "other"}
)  # fmt: skip
_MRI_BOOL = {
    "subchondral_line": "mri_subchondral_fracture_line",
    "double_line_sign": "mri_double_line_sign",
    "effusion": "mri_joint_effusion",
}
_SEX = {"M": "male", "F": "female", "m": "male", "f": "female"}
_CLAUSE = re.compile(r"[;,]\s*(?![^()]*\))")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)")
_LOW = re.compile(
    r"\b(low|decreased|hypointense|hypo-intense|dark|reduced|hypointens\w*|signalarm\w*|"
    r"erniedrigt\w*|vermindert\w*)\b",
    re.I,
)
_HIGH = re.compile(
    r"\b(high|increased|hyperintense|hyper-intense|bright|edema|oedema|bme|hyperintens\w*|"
    r"signalreich\w*|signalangehoben\w*|erhöht\w*|ödem\w*|knochenmarködem\w*)\b",
    re.I,
)
_NORMAL = re.compile(
    r"\b(normal|unremarkable|negative|within normal limits|wnl|unauffällig\w*|regelrecht\w*|"
    r"negativ|normwertig\w*)\b",
    re.I,
)
_RAISED = re.compile(
    r"\b(high|raised|elevated|increased|positive|abnormal|low|deficient|erhöht\w*|positiv|"
    r"pathologisch\w*|auffällig\w*|erniedrigt\w*)\b",
    re.I,
)
_REFERENCE = re.compile(
    r"\((?:normal|n|ref(?:erence)?)?\s*:?\s*(?:<\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?))\s*\)",
    re.I,
)
_SUCCESSION = re.compile(
    r"\b(later|then|subsequently|afterwards|followed by|später|danach)\b", re.I
)
_BOTH_SIDES = re.compile(r"\b(both|bilateral|bilaterally|beidseitig|beidseits)\b", re.I)
_DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
    r"(day|week|month|year)s?\b",
    re.I,
)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}  # fmt: skip
_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}
_DISC = re.compile(r"\b(disc|disk|discs|disks|intervertebral|bandscheibe|diskus)\b", re.I)
_SPINE = frozenset({"cervical_spine", "thoracic_spine", "lumbar_spine", "spine_unspecified"})
_TRIMESTER_3 = re.compile(r"\b(third|3rd) trimester|\b(2[89]|3\d|4[0-2])(th|st|nd|rd)? week", re.I)
_POSTPARTUM = re.compile(r"post-?partum|after (delivery|childbirth)|peripartum|puerper", re.I)
# Scaling of common units to the knowledge base's unit of each numeric lab.
_UNIT_SCALE = {
    "crp": [(re.compile(r"mg/dl", re.I), 10.0)],
    "wbc": [(re.compile(r"/\s*mm3|/\s*µl|/\s*ul|/mcl", re.I), 0.001)],
}
_TEXT_CATEGORIES = {
    "symptoms": ("symptom", "sign", "history", "demographic"),
    "xray": ("xray",),
    "scintigraphy": ("scintigraphy",),
    "mri": ("mri", "ct"),
    "labs": ("lab", "history", "demographic"),
}


@functools.cache
def _phrase_tables(kb: Knowledge, lang: str) -> dict[str, dict[str, list[str]]]:
    """Per vignette field: key -> phrases; keys ``~id`` hold phrases that state absence."""
    tables: dict[str, dict[str, list[str]]] = {}
    for field, categories in _TEXT_CATEGORIES.items():
        table: dict[str, list[str]] = {}
        for f in kb.kb.findings:
            if f.category not in categories:
                continue
            if f.synonyms.get(lang):
                table[f.id] = list(f.synonyms.get(lang))
            if f.absent_synonyms.get(lang):
                table["~" + f.id] = list(f.absent_synonyms.get(lang))
        tables[field] = table
    return tables


class _Reader:
    """Collects findings from the fields of one vignette, and what it could not use."""

    def __init__(self, kb: Knowledge, lang: str) -> None:
        self.kb = kb
        self.lang = lang
        self.tables = _phrase_tables(kb, lang)
        self.findings: dict[str, FindingValue] = {}
        self.unused: list[str] = []

    def set(self, finding: str, value: FindingValue) -> None:
        """First statement wins, except that a stated presence beats an inferred absence."""
        if finding not in self.findings or value is True:
            self.findings[finding] = value

    def text(self, where: str, text: str, field: str, report: bool = False) -> bool:
        """Read a free text; clauses that yield nothing go to ``unused``. True if any used."""
        used_any = False
        for clause in (c.strip() for c in _CLAUSE.split(text)):
            if not clause:
                continue
            used = self._phrases(clause, field)
            if report:
                for fid, value in reading_findings(
                    read_report(clause, lang=self.lang), self.kb
                ).items():
                    self.set(fid, value)
                    used = True
            if not used:
                self.unused.append(f"{where}: {clause!r}")
            used_any |= used
        return used_any

    def _phrases(self, text: str, field: str) -> bool:
        used = False
        historical_ok = field in ("symptoms", "labs")
        for m in match_phrases(text, self.tables[field], lang=self.lang):
            absent_phrase = m.key.startswith("~")
            fid = m.key.lstrip("~")
            if m.status == "present" or (m.status == "historical" and historical_ok):
                self.set(fid, not absent_phrase)
                used = True
            elif m.status == "negated" and not absent_phrase:
                self.set(fid, False)
                used = True
        return used


def _lab(reader: _Reader, key: str, value: Any) -> None:
    where = f"labs.{key}"
    text = str(value)
    kb = reader.kb
    numeric = next(
        (
            f
            for f in kb.kb.findings
            if f.type == "numeric"
            and f.category == "lab"
            and key.lower().replace("_", " ") in [*f.synonyms.get("en"), f.id]
        ),
        None,
    )
    if numeric is None:
        tested = _tested_finding(kb, key, reader.lang)
        normal, raised = _NORMAL.search(text), _RAISED.search(text)
        if tested is not None and (normal or raised):
            # "blood count: unremarkable", "HLA-B27: positive": the test named by the key.
            reader.set(tested, bool(raised and (not normal or raised.start() < normal.start())))
            return
        reader.text(where, f"{key.replace('_', ' ')} {text}", "labs")
        return
    derived = kb.derived.get(numeric.id, [])
    # The lowest threshold says "above the normal range" (CRP > 5 mg/L rather than > 20).
    lowest = min(derived, key=lambda d: d.derived_from.value if d.derived_from else 0, default=None)
    number = _NUMBER.search(text)
    if _NORMAL.search(text) and not number:
        for d in derived:
            reader.set(d.id, False)
        return
    if not number:
        if _RAISED.search(text) and lowest is not None:
            reader.set(lowest.id, True)
        else:
            reader.unused.append(f"{where}: {text!r}")
        return
    stated = float(number.group(1).replace(",", ""))
    amount = stated
    for pattern, scale in _UNIT_SCALE.get(numeric.id, []):
        if pattern.search(text):
            amount *= scale
    reference = _REFERENCE.search(text)
    if reference and lowest is not None:  # the stated range beats our threshold ("(normal <3)")
        reader.set(lowest.id, stated > float(reference.group(1) or reference.group(3)))
    lo, hi = numeric.minimum, numeric.maximum
    if (lo is not None and amount < lo) or (hi is not None and amount > hi):
        reader.unused.append(f"{where}: {text!r} (outside {lo:g}-{hi:g} {numeric.unit})")
        return
    reader.set(numeric.id, amount)


def _tested_finding(kb: Knowledge, key: str, lang: str) -> str | None:
    """The finding whose test the lab key names ("CBC" -> blood_count_abnormal), if any."""
    name = key.lower().replace("_", " ").strip()
    for f in kb.kb.findings:
        if name in f.tests.get(lang) or name in f.tests.get("en"):
            return f.id
    return None


def _signal(reader: _Reader, where: str, text: str, low: str, high: str) -> None:
    lowm, highm = _LOW.search(text), _HIGH.search(text)
    if lowm and (not highm or lowm.start() < highm.start()):
        reader.set(low, True)
    elif highm:
        reader.set(high, True)
    if not (lowm or highm) and _NORMAL.search(text):
        reader.set(low, False)
        reader.set(high, False)
        return
    if lowm or highm:
        _quiet_text(reader, where, text)
    else:
        reader.text(where, text, "mri", report=True)


def _quiet_text(reader: _Reader, where: str, text: str) -> None:
    """Read the rest of a signal description without reporting it unused (its signal was used)."""
    before = len(reader.unused)
    reader.text(where, text, "mri", report=True)
    del reader.unused[before:]


def _extent(reader: _Reader, where: str, text: str) -> None:
    """Where the edema is: sites, several bones, sides, and sites that follow one another."""
    reading = read_report(f"Bone marrow edema: {text}", lang=reader.lang)
    places = {
        (m.bone_id, m.subregion) for m in reading.edema if m.status == "present" and m.bone_id
    }
    for fid, value in reading_findings(reading, reader.kb).items():
        if fid != "mri_bme":
            reader.set(fid, value)
    if len(places) > 1 and _SUCCESSION.search(text):
        reader.set("migratory_pain", True)
    if _BOTH_SIDES.search(text):
        reader.set("bilateral", True)
    spine = {m.bone_id for m in reading.edema if m.region in _SPINE and m.bone_id}
    if len(spine) > 1 and _DISC.search(text):
        # Two vertebral bodies with the disc between them: the spondylodiscitis pattern.
        reader.set("mri_discitis_pattern", True)
    if not places:
        reader.text(where, text, "mri", report=True)


def _pattern(reader: _Reader, where: str, text: str) -> None:
    before = len(reader.unused)
    reader.text(where, text, "mri", report=True)
    if len(reader.unused) == before:
        return
    reading = read_report(f"{text} bone marrow edema.", lang=reader.lang)
    extra = {k: v for k, v in reading_findings(reading, reader.kb).items() if k != "mri_bme"}
    if extra:
        del reader.unused[before:]
        for fid, value in extra.items():
            reader.set(fid, value)


def _mri(reader: _Reader, mri: Any) -> None:
    if mri is None:
        return
    if not isinstance(mri, Mapping):
        msg = f"mri: expected an object with {', '.join(sorted(_MRI_FIELDS))}, got {mri!r}"
        raise InputError(msg, field="mri")
    unknown = set(mri) - _MRI_FIELDS
    if unknown:
        msg = f"mri.{sorted(unknown)[0]}: unknown field"
        raise InputError(msg, field=f"mri.{sorted(unknown)[0]}")
    described = False
    for key, value in mri.items():
        if value is None:
            continue
        described = True
        where = f"mri.{key}"
        if isinstance(value, bool) and key in _MRI_BOOL:
            reader.set(_MRI_BOOL[key], value)
        elif isinstance(value, bool):
            reader.unused.append(f"{where}: {value!r}")
        elif key == "t1":
            _signal(reader, where, str(value), "mri_t1_low", "mri_t1_high")
        elif key == "t2_or_stir":
            _signal(reader, where, str(value), "mri_t2_low", "mri_t2_high")
        elif key in _MRI_BOOL:
            reader.set(_MRI_BOOL[key], True)
            _quiet_text(reader, where, str(value))
        elif key == "extent":
            _extent(reader, where, str(value))
        elif key == "pattern":
            # A pattern describes the edema: "diffuse" means diffuse marrow edema.
            _pattern(reader, where, str(value))
        else:
            reader.text(where, str(value), "mri", report=True)
    if described and reader.findings.get("mri_t2_low") is not True:
        # A published BME vignette whose MRI is described shows marrow edema.
        reader.set("mri_bme", True)


def _patient(data: Mapping[str, Any], texts: Iterable[str]) -> Patient:
    sex = data.get("sex")
    if sex is not None and sex not in _SEX:
        msg = f"sex: {sex!r} is not one of 'M', 'F' or null"
        raise InputError(msg, field="sex")
    pregnancy = None
    preg = data.get("pregnancy")
    if preg is not None and not isinstance(preg, bool):
        msg = f"pregnancy: expected true, false or null, got {preg!r}"
        raise InputError(msg, field="pregnancy")
    joined = " ".join(texts)
    if preg:
        if _POSTPARTUM.search(joined):
            pregnancy = Pregnancy(status="postpartum")
        else:
            pregnancy = Pregnancy(
                status="pregnant", trimester=3 if _TRIMESTER_3.search(joined) else None
            )
    elif preg is False:
        pregnancy = Pregnancy(status="not_pregnant")
    try:
        return Patient(age=data.get("age"), sex=_SEX.get(sex) if sex else None, pregnancy=pregnancy)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0])
        msg = f"{field}: {err['msg']} (got {err.get('input')!r})"
        raise InputError(msg, field=field) from None


def _duration_weeks(text: str) -> float | None:
    """The longest duration stated in a text ("for 2 months", "50 days"), in weeks."""
    best = None
    for m in _DURATION.finditer(text):
        raw = m.group(1).lower()
        count = float(_WORDS.get(raw) or raw.replace(",", "."))
        weeks = count * _WEEKS[m.group(2).lower()]
        best = weeks if best is None else max(best, weeks)
    return best


def _strings(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    msg = f"{field}: expected a list of texts, got {value!r}"
    raise InputError(msg, field=field)


def case_from_vignette(data: Mapping[str, Any], kb: Knowledge | None = None) -> Case:
    """Read a vignette into a Case, with what was not understood in ``unused_input``.

    Raises:
        InputError: an unknown field, or a value of the wrong type, naming the field.
    """
    kb = kb or load_knowledge()
    unknown = sorted(set(data) - VIGNETTE_FIELDS)
    if unknown:
        msg = f"{unknown[0]}: unknown field"
        raise InputError(msg, field=unknown[0])
    region = data.get("region")
    if region not in kb.regions:
        msg = f"region: unknown region {region!r}; expected one of {', '.join(kb.regions)}"
        raise InputError(msg, field="region")
    lang = data.get("lang") or "en"
    if lang not in ("en", "de"):
        msg = f"lang: {lang!r} is not one of 'en', 'de'"
        raise InputError(msg, field="lang")
    symptoms = _strings(data.get("symptoms"), "symptoms")
    labs = data.get("labs") or {}
    if not isinstance(labs, Mapping):
        msg = f"labs: expected an object of lab names and values, got {labs!r}"
        raise InputError(msg, field="labs")
    reader = _Reader(kb, lang)
    onset = data.get("onset_weeks")
    for i, s in enumerate(symptoms):
        before = len(reader.unused)
        reader.text(f"symptoms[{i}]", s, "symptoms")
        weeks = _duration_weeks(s)
        if weeks is not None:
            onset = max(onset or 0.0, weeks) if data.get("onset_weeks") is None else onset
            del reader.unused[before:]
    for key, value in labs.items():
        if value is not None:
            _lab(reader, str(key), value)
    for field in ("xray", "scintigraphy"):
        for text in _strings(data.get(field), field):
            reader.text(field, text, field)
    _mri(reader, data.get("mri"))
    laterality = data.get("laterality")
    if laterality not in (None, "left", "right", "bilateral"):
        msg = f"laterality: {laterality!r} is not one of 'left', 'right', 'bilateral' or null"
        raise InputError(msg, field="laterality")
    patient = _patient(data, symptoms)
    # Facts of the patient read from text are findings; the structured fields win.
    for fid in ("pregnancy", "postpartum", "pregnancy_third_trimester", "sex_female", "sex_male"):
        reader.findings.pop(fid, None)
    try:
        return Case(
            id=data.get("id"),
            patient=patient,
            region=region,
            side=laterality,
            onset_weeks=onset,
            trauma=data.get("trauma"),
            findings=reader.findings,
            unused_input=reader.unused,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        msg = f"{field}: {err['msg']} (got {err.get('input')!r})"
        raise InputError(msg, field=field) from None
