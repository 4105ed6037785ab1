"""The patient handout: the plan in plain language, English or German, as HTML or PDF.

Both carry the timeline picture. Therapy classes show why they may help (or why they are not
for the patient), not the clinician's checklist of facts to verify. The PDF uses the DejaVu
Sans font that matplotlib ships, so umlauts and dashes print without any download.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from importlib import resources
from pathlib import Path
from typing import Any

from marrowpath.errors import InputError
from marrowpath.pathway._texts import WEIGHT_BEARING
from marrowpath.pathway.model import CarePlan
from marrowpath.pathway.timeline import timeline_image

__all__ = ["handout_html", "handout_pdf"]

_T: dict[str, dict[str, str]] = {
    "en": {
        "title": "Your care plan",
        "start": "Your plan starts on",
        "urgent": "Your results need to be checked urgently before any other treatment. "
        "Please follow the steps below today.",
        "timeline": "Your plan at a glance",
        "phases": "Step by step",
        "load": "How much weight you may put on it",
        "aids": "Aids",
        "allowed": "You may",
        "avoid": "Please avoid",
        "therapies": "Treatments your doctor may discuss with you",
        "no_doses": "These are groups of treatments, not prescriptions. Your doctor decides "
        "what suits you and how much.",
        "therapy": "Treatment",
        "status": "For you",
        "why": "Why",
        "follow_ups": "Check-ups",
        "mri": "with MRI scan if needed",
        "sport": "Back to sport",
        "not_before": "Not before",
        "healing": "How long it takes",
        "healing_text": "Most people heal within {a} to {b}. It can take longer; "
        "that is not unusual.",
        "important": "Important for you",
        "call": "Call your doctor early if the pain gets much worse, if you get a fever, "
        "or if new numbness or weakness appears.",
        "weeks": "weeks",
        "months": "months",
    },
    "de": {
        "title": "Ihr Behandlungsplan",
        "start": "Ihr Plan beginnt am",
        "urgent": "Ihre Befunde müssen vor jeder weiteren Behandlung dringend abgeklärt "
        "werden. Bitte folgen Sie heute den Schritten unten.",
        "timeline": "Ihr Plan auf einen Blick",
        "phases": "Schritt für Schritt",
        "load": "Wie stark Sie belasten dürfen",
        "aids": "Hilfsmittel",
        "allowed": "Erlaubt",
        "avoid": "Bitte vermeiden",
        "therapies": "Behandlungen, die Ihre Ärztin oder Ihr Arzt mit Ihnen besprechen kann",
        "no_doses": "Dies sind Gruppen von Behandlungen, keine Verordnungen. Was zu Ihnen "
        "passt und in welcher Menge, entscheidet Ihre Ärztin oder Ihr Arzt.",
        "therapy": "Behandlung",
        "status": "Für Sie",
        "why": "Warum",
        "follow_ups": "Kontrolltermine",
        "mri": "bei Bedarf mit MRT",
        "sport": "Zurück zum Sport",
        "not_before": "Nicht vor dem",
        "healing": "Wie lange es dauert",
        "healing_text": "Meist heilt es innerhalb von {a} bis {b}. Es kann auch länger "
        "dauern; das ist nicht ungewöhnlich.",
        "important": "Wichtig für Sie",
        "call": "Melden Sie sich früher, wenn die Schmerzen deutlich zunehmen, Fieber "
        "auftritt oder neue Taubheit oder Schwäche hinzukommt.",
        "weeks": "Wochen",
        "months": "Monaten",
    },
}
_STATUS = {
    "en": {
        "recommended": "usually helpful",
        "consider": "may be an option",
        "not_recommended": "not advised",
        "contraindicated": "not for you",
    },
    "de": {
        "recommended": "meist hilfreich",
        "consider": "kann infrage kommen",
        "not_recommended": "nicht empfohlen",
        "contraindicated": "für Sie nicht geeignet",
    },
}


def _lang(care: CarePlan, lang: str | None) -> str:
    lang = lang or care.lang
    if lang not in _T:
        msg = f"lang: {lang!r} is not one of 'en', 'de'"
        raise InputError(msg, field="lang")
    return lang


def _dates(lang: str) -> Any:
    def fmt(day: dt.date) -> str:
        return day.strftime("%d.%m.%Y") if lang == "de" else day.strftime("%d %b %Y")

    return fmt


def _weeks(lang: str) -> Any:
    def fmt(weeks: float) -> str:
        t = _T[lang]
        if weeks >= 16:
            return f"{round(weeks / 4.345):d} {t['months']}"
        return f"{weeks:g} {t['weeks']}"

    return fmt


def handout_html(care: CarePlan, lang: str | None = None) -> str:
    """The handout as one self-contained HTML page (the timeline is embedded)."""
    from jinja2 import Environment, select_autoescape

    lang = _lang(care, lang)
    env = Environment(autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    source = resources.files("marrowpath.pathway").joinpath("templates/handout.html.j2")
    template = env.from_string(source.read_text(encoding="utf-8"))
    picture = base64.b64encode(timeline_image(care, "png", lang)).decode("ascii")
    return template.render(
        care=care,
        lang=lang,
        t=_T[lang],
        status=_STATUS[lang],
        wb={k: v[lang] for k, v in WEIGHT_BEARING.items()},
        dates=_dates(lang),
        weeks=_weeks(lang),
        picture=picture,
    )


def _font() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def handout_pdf(care: CarePlan, lang: str | None = None) -> bytes:
    """The handout as a PDF with the timeline picture."""
    from fpdf import FPDF

    lang = _lang(care, lang)
    t, dates, weeks = _T[lang], _dates(lang), _weeks(lang)
    pdf = FPDF(format="A4")
    fonts = _font()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def heading(s: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(width, 7, s, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)

    def para(s: str) -> None:
        pdf.multi_cell(width, 5, s, new_x="LMARGIN", new_y="NEXT")

    heading(f"{t['title']}: {care.condition_name}", 16)
    para(f"{t['start']} {dates(care.start)}.")
    if care.urgent:
        heading(t["urgent"], 11)
        for flag in care.red_flags:
            para(f"• {flag.name}: {flag.action}")
    else:
        para(care.summary)
    pdf.ln(2)
    pdf.image(io.BytesIO(timeline_image(care, "png", lang)), w=width)
    heading(t["phases"])
    for p in care.phases:
        heading(f"{p.name} ({dates(p.start)} – {dates(p.end)})", 11)
        para(f"{t['load']}: {WEIGHT_BEARING[p.weight_bearing][lang]}")
        for key, value in (("aids", p.aids), ("allowed", p.allowed), ("avoid", p.avoid)):
            if value:
                para(f"{t[key]}: {value}")
    if care.therapies:
        heading(t["therapies"])
        para(t["no_doses"])
        for th in care.therapies:
            why = th.reason if th.status == "contraindicated" else th.indication
            para(f"• {th.name} – {_STATUS[lang][th.status]}: {why}")
    if care.follow_ups:
        heading(t["follow_ups"])
        for f in care.follow_ups:
            para(f"• {dates(f.date)}: {f.what}" + (f" ({t['mri']})" if f.imaging else ""))
    if care.return_to_sport is not None:
        heading(t["sport"])
        para(
            f"{t['not_before']} {dates(care.return_to_sport.earliest)}. {care.return_to_sport.text}"
        )
    if care.expected_healing is not None:
        heading(t["healing"])
        h = care.expected_healing
        para(t["healing_text"].format(a=weeks(h.weeks_min), b=weeks(h.weeks_max)))
    if care.warnings:
        heading(t["important"])
        for w in care.warnings:
            para(f"• {w.text}")
    pdf.ln(2)
    para(t["call"])
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 8)
    para(care.disclaimer)
    return bytes(pdf.output())
