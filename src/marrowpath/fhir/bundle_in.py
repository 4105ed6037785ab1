"""A FHIR R4 Bundle (or a list of resources) read into a Case.

Patient gives age and sex; active Conditions are read like the symptom lines of a vignette
(knowledge-base synonyms, negation); Observations with a value become lab lines; the text of
DiagnosticReports (``conclusion`` and text ``presentedForm``) becomes the case's reports (MRI)
or radiograph findings; ImagingStudy gives modality, date and body site. The region is the one
the MRI reports speak of, else the body site of an imaging study or condition, else the one
given by the caller. Nothing is guessed: unreadable parts are reported in ``unused_input``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from marrowpath.case import Case
from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.nlp import read_report
from marrowpath.vignette import case_from_vignette

__all__ = [
    "BundleReading",
    "ImagingItem",
    "case_from_bundle",
    "read_bundle",
    "region_of_text",
    "resources_of",
    "shows_bme",
]

_INACTIVE = {"inactive", "resolved", "remission"}
_NOT_TRUE = {"refuted", "entered-in-error"}
_MRI_MODALITIES = {"MR", "MRI"}
_XRAY_MODALITIES = {"CR", "DX", "RG", "XR"}
_MRI_WORDS = re.compile(r"\b(mri|mrt|magnetic resonance|mr\b|kernspin)", re.I)
_XRAY_WORDS = re.compile(r"\b(x-?ray|radiograph\w*|röntgen\w*|xr\b|plain film)", re.I)
_BME_WORDS = re.compile(
    r"\b(bone marrow (o)?edema|marrow (o)?edema|bone bruise|bone marrow lesion|"
    r"knochenmarks?(ö|oe)dem|transient osteoporosis)",
    re.I,
)
_LEFT = re.compile(r"\b(left|links|linke[rsmn]?|sinistr\w*)\b", re.I)
_RIGHT = re.compile(r"\b(right|rechts|rechte[rsmn]?|dextr\w*)\b", re.I)
_BOTH = re.compile(r"\b(both|bilateral\w*|beidseit\w*|beidseits)\b", re.I)


class ImagingItem(BaseModel):
    """An imaging study or report of the bundle: what, where and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference: str
    modality: str
    """``mri``, ``xray`` or ``other``."""
    region: str | None
    date: dt.date | None


class BundleReading(BaseModel):
    """What a bundle says, ready for ``assess`` and for the CDS Hooks cards."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    patient_id: str | None
    case: Case | None
    """None when no region could be found (nothing to assess)."""
    report_refs: list[str]
    """References (``DiagnosticReport/id``) of the reports read into the case."""
    bme_refs: list[str]
    """DiagnosticReports and Conditions that state bone marrow edema."""
    imaging: list[ImagingItem]
    unused_input: list[str]


def resources_of(data: Any, field: str = "bundle") -> list[dict[str, Any]]:
    """The resources of a Bundle, of a list of resources or of one resource, checked.

    Raises:
        InputError: not a Bundle/resource/list, or an entry without a ``resourceType``.
    """
    if isinstance(data, list):
        items: Sequence[Any] = data
        where = field
    elif isinstance(data, Mapping) and data.get("resourceType") == "Bundle":
        entries = data.get("entry", [])
        if not isinstance(entries, list):
            msg = f"{field}.entry: expected a list of entries, got {entries!r:.60}"
            raise InputError(msg, field=f"{field}.entry")
        items = []
        for i, e in enumerate(entries):
            if not isinstance(e, Mapping) or not isinstance(e.get("resource"), Mapping):
                msg = f"{field}.entry[{i}].resource: expected a FHIR resource object"
                raise InputError(msg, field=f"{field}.entry[{i}].resource")
            items.append(e["resource"])
        where = f"{field}.entry"
    elif isinstance(data, Mapping) and isinstance(data.get("resourceType"), str):
        items = [data]
        where = field
    else:
        msg = f"{field}: expected a FHIR Bundle, resource or list of resources, got {data!r:.60}"
        raise InputError(msg, field=field)
    out: list[dict[str, Any]] = []
    for i, r in enumerate(items):
        if not isinstance(r, Mapping) or not isinstance(r.get("resourceType"), str):
            msg = f"{where}[{i}]: expected a FHIR resource with a resourceType"
            raise InputError(msg, field=f"{where}[{i}]")
        if r["resourceType"] == "Bundle":
            out.extend(resources_of(r, f"{where}[{i}]"))
        else:
            out.append(dict(r))
    return out


def _list(value: Any) -> list[Any]:
    """A list field, or nothing when the field is missing or not a list."""
    return value if isinstance(value, list) else []


def _texts(concept: Any) -> list[str]:
    """The text and codings' displays of a CodeableConcept."""
    if not isinstance(concept, Mapping):
        return []
    out = []
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        out.append(concept["text"].strip())
    for c in _list(concept.get("coding")):
        display = c.get("display") if isinstance(c, Mapping) else None
        if isinstance(display, str) and display.strip() and display.strip() not in out:
            out.append(display.strip())
    return out


def _codes(concept: Any) -> set[str]:
    if not isinstance(concept, Mapping):
        return set()
    return {
        str(c.get("code"))
        for c in _list(concept.get("coding"))
        if isinstance(c, Mapping) and c.get("code")
    }


def _status(concept: Any) -> set[str]:
    return _codes(concept)


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 4:
        return None
    try:
        if len(value) == 4:
            return dt.date(int(value), 7, 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 15)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _age(birth: Any, today: dt.date) -> int | None:
    born = _date(birth)
    if born is None:
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years if 0 <= years <= 120 else None


_REGION_INDEX: dict[int, tuple[Knowledge, list[tuple[re.Pattern[str], str]]]] = {}


def _region_index(kb: Knowledge) -> list[tuple[re.Pattern[str], str]]:
    """Region name/synonym patterns, longest phrase first (so "ankle/foot" wins over "foot")."""
    cached = _REGION_INDEX.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    phrases: list[tuple[str, str]] = []
    for region in kb.regions.values():
        if region.id in {"other"}:
            continue
        names = [region.names.en, region.names.de, region.id.replace("_", " ")]
        names += list(region.synonyms.en) + list(region.synonyms.de)
        for b in region.bones:
            names += [b.names.en, b.names.de, *b.synonyms.en, *b.synonyms.de]
        phrases += [(n.lower(), region.id) for n in names if n and len(n) >= 3]
    phrases.sort(key=lambda p: -len(p[0]))
    index = [(re.compile(rf"\b{re.escape(p)}\b", re.I), rid) for p, rid in phrases]
    _REGION_INDEX[id(kb)] = (kb, index)
    return index


def region_of_text(text: str, kb: Knowledge) -> str | None:
    """The knowledge-base region a body-site or order text names, if any."""
    for pattern, rid in _region_index(kb):
        if pattern.search(text):
            return rid
    return None


def _side(texts: Iterable[str]) -> str | None:
    joined = " ".join(texts)
    if _BOTH.search(joined):
        return "bilateral"
    left, right = bool(_LEFT.search(joined)), bool(_RIGHT.search(joined))
    if left and right:
        return "bilateral"
    return "left" if left else "right" if right else None


def _report_text(r: Mapping[str, Any]) -> str:
    parts = []
    if isinstance(r.get("conclusion"), str):
        parts.append(r["conclusion"])
    for form in _list(r.get("presentedForm")):
        if not isinstance(form, Mapping) or not isinstance(form.get("data"), str):
            continue
        ctype = str(form.get("contentType", "text/plain"))
        if not ctype.startswith("text/"):
            continue
        try:
            parts.append(base64.b64decode(form["data"], validate=True).decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError):
            continue
    text = "\n".join(p.strip() for p in parts if p.strip())
    return text[:20_000]


def _modality(texts: Iterable[str], codes: set[str]) -> str:
    if codes & _MRI_MODALITIES:
        return "mri"
    if codes & _XRAY_MODALITIES:
        return "xray"
    joined = " ".join(texts)
    if _MRI_WORDS.search(joined):
        return "mri"
    if _XRAY_WORDS.search(joined):
        return "xray"
    return "other"


def shows_bme(text: str, lang: str | None = None) -> bool:
    """Whether a report or condition text states bone marrow edema (not negated)."""
    if not text.strip():
        return False
    try:
        if read_report(text, lang=lang).findings().get("mri_bme") is True:
            return True
    except InputError:
        return False
    return bool(_BME_WORDS.search(text)) and not re.search(
        r"\b(no|kein\w*)\s+\w*\s*(bone )?marrow", text, re.I
    )


def read_bundle(
    data: Any,
    *,
    kb: Knowledge | None = None,
    lang: str = "en",
    today: dt.date | None = None,
    region: str | None = None,
    recent_days: int | None = None,
    region_first: bool = False,
) -> BundleReading:
    """Read FHIR R4 resources into a Case and the facts the CDS Hooks cards need.

    Args:
        data: a Bundle, a list of resources or one resource.
        region: the region to assess when the resources do not name one (e.g. of an order).
        region_first: ``region`` wins over the region the resources name.
        recent_days: only DiagnosticReports and ImagingStudies this recent count (None: all).

    Raises:
        InputError: a malformed bundle, naming the entry.
    """
    kb = kb or load_knowledge()
    today = today or dt.datetime.now(dt.UTC).date()
    resources = resources_of(data)
    patient_id: str | None = None
    age: int | None = None
    sex: str | None = None
    symptoms: list[str] = []
    onset: dt.date | None = None
    labs: dict[str, str] = {}
    xray_texts: list[str] = []
    mri_texts: list[str] = []
    report_refs: list[str] = []
    bme_refs: list[str] = []
    imaging: list[ImagingItem] = []
    site_texts: list[str] = []
    unused: list[str] = []
    pregnant: bool | None = None
    for r in resources:
        kind = r["resourceType"]
        rid = str(r.get("id", ""))
        ref = f"{kind}/{rid}" if rid else kind
        if kind == "Patient":
            patient_id = rid or patient_id
            age = _age(r.get("birthDate"), today)
            gender = r.get("gender")
            sex = {"male": "M", "female": "F"}.get(gender) if isinstance(gender, str) else None
        elif kind == "Condition":
            if _status(r.get("verificationStatus")) & _NOT_TRUE:
                continue
            if _status(r.get("clinicalStatus")) & _INACTIVE:
                continue
            texts = _texts(r.get("code"))
            if not texts:
                continue
            text = texts[0]
            body = [t for s in _list(r.get("bodySite")) for t in _texts(s)]
            site_texts += body
            stated = _date(r.get("recordedDate") or r.get("onsetDateTime"))
            old = (
                recent_days is not None
                and stated is not None
                and (today - stated).days > recent_days
            )
            if shows_bme(" ".join(texts)):
                if not old:
                    bme_refs.append(ref)
                site_texts.append(text)
            if re.search(r"\bpregnan|schwanger", text, re.I):
                pregnant = True
            symptoms.append(text)
            started = _date(r.get("onsetDateTime"))
            if started is not None and started <= today:
                onset = started if onset is None else min(onset, started)
        elif kind == "Observation":
            if r.get("status") in ("entered-in-error", "cancelled"):
                continue
            texts = _texts(r.get("code"))
            if "72514-3" in _codes(r.get("code")) or not texts:
                continue  # pain scores are followed in episodes, not assessment input
            q = r.get("valueQuantity")
            if isinstance(q, Mapping) and isinstance(q.get("value"), int | float):
                unit = q.get("unit") or q.get("code") or ""
                labs[texts[0]] = f"{q['value']} {unit}".strip()
            elif isinstance(r.get("valueString"), str):
                labs[texts[0]] = r["valueString"][:200]
            elif isinstance(r.get("valueBoolean"), bool):
                labs[texts[0]] = "positive" if r["valueBoolean"] else "negative"
            elif _texts(r.get("valueCodeableConcept")):
                labs[texts[0]] = _texts(r.get("valueCodeableConcept"))[0]
        elif kind == "DiagnosticReport":
            if r.get("status") in ("entered-in-error", "cancelled"):
                continue
            when = _date(r.get("effectiveDateTime") or r.get("issued"))
            if recent_days is not None and when is not None and (today - when).days > recent_days:
                continue
            text = _report_text(r)
            names = _texts(r.get("code"))
            modality = _modality(names, set())
            if not text:
                continue
            if modality == "other":
                modality = (
                    "mri"
                    if _MRI_WORDS.search(text)
                    else "xray"
                    if _XRAY_WORDS.search(text)
                    else "mri"
                )
            report_refs.append(ref)
            reading_region = None
            if modality == "xray":
                xray_texts.append(text)
            else:
                mri_texts.append(text)
                try:
                    regions = read_report(text).regions()
                except InputError:
                    regions = []
                reading_region = regions[0] if regions else None
            if shows_bme(text):
                bme_refs.append(ref)
            imaging.append(
                ImagingItem(
                    reference=ref,
                    modality=modality,
                    region=reading_region or region_of_text(" ".join(names) + " " + text[:300], kb),
                    date=when,
                )
            )
        elif kind == "ImagingStudy":
            when = _date(r.get("started"))
            if recent_days is not None and when is not None and (today - when).days > recent_days:
                continue
            codes: set[str] = set()
            for m in _list(r.get("modality")):
                if isinstance(m, Mapping) and m.get("code"):
                    codes.add(str(m["code"]))
            texts = [str(r["description"])] if isinstance(r.get("description"), str) else []
            for series in _list(r.get("series")):
                if not isinstance(series, Mapping):
                    continue
                mod = series.get("modality")
                if isinstance(mod, Mapping) and mod.get("code"):
                    codes.add(str(mod["code"]))
                site = series.get("bodySite")
                if isinstance(site, Mapping) and isinstance(site.get("display"), str):
                    texts.append(str(site["display"]))
                if isinstance(series.get("description"), str):
                    texts.append(str(series["description"]))
            site_texts += texts
            imaging.append(
                ImagingItem(
                    reference=ref,
                    modality=_modality(texts, codes),
                    region=region_of_text(" ".join(texts), kb),
                    date=when,
                )
            )
    if region_first and region is not None:
        found: str | None = region
    else:
        found = _pick_region(mri_texts, imaging, site_texts, kb) or region
    if found is None or found not in kb.regions:
        return BundleReading(
            patient_id=patient_id,
            case=None,
            report_refs=report_refs,
            bme_refs=bme_refs,
            imaging=imaging,
            unused_input=[*unused, "region: no body region found in the resources"],
        )
    vignette: dict[str, Any] = {
        "id": patient_id,
        "region": found,
        "laterality": _side(mri_texts[:1] + site_texts),
        "symptoms": symptoms,
        "labs": labs,
        "xray": xray_texts,
        "lang": lang,
    }
    if age is not None:
        vignette["age"] = age
    if sex is not None:
        vignette["sex"] = sex
    if pregnant is not None:
        vignette["pregnancy"] = pregnant
    if onset is not None:
        vignette["onset_weeks"] = round((today - onset).days / 7, 1)
    try:
        case = case_from_vignette(vignette, kb)
    except (InputError, ValueError):
        # A lab line the vignette reader cannot parse must not cost the whole record.
        unused += [f"Observation: {name!r} not understood" for name in labs]
        case = case_from_vignette({**vignette, "labs": {}}, kb)
    case = case.model_copy(update={"reports": mri_texts})
    return BundleReading(
        patient_id=patient_id,
        case=case,
        report_refs=report_refs,
        bme_refs=bme_refs,
        imaging=imaging,
        unused_input=[*unused, *case.unused_input],
    )


def _pick_region(
    mri_texts: list[str], imaging: list[ImagingItem], site_texts: list[str], kb: Knowledge
) -> str | None:
    for text in mri_texts:
        try:
            regions = read_report(text).regions()
        except InputError:
            continue
        if regions:
            return regions[0]
    for item in imaging:
        if item.region is not None:
            return item.region
    for text in site_texts:
        rid = region_of_text(text, kb)
        if rid is not None:
            return rid
    return None


def case_from_bundle(data: Any, *, kb: Knowledge | None = None, lang: str = "en") -> Case:
    """The Case of a FHIR Bundle; :class:`InputError` naming ``region`` when none is found."""
    reading = read_bundle(data, kb=kb, lang=lang)
    if reading.case is None:
        msg = "region: no body region found in the bundle (report, imaging study or body site)"
        raise InputError(msg, field="region")
    return reading.case
