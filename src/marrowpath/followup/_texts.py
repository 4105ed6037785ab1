"""Wording of follow-up alerts in English and German."""

from __future__ import annotations

__all__ = ["text"]

_TEXTS: dict[str, dict[str, str]] = {
    "no_improvement": {
        "en": "No improvement by week {week:g} (pain {first} at the first visit, {now} now): "
        "re-evaluate the diagnosis and the plan.",
        "de": "Keine Besserung bis Woche {week:g} (Schmerz {first} beim ersten Termin, jetzt "
        "{now}): Diagnose und Plan überprüfen.",
    },
    "pain_rising": {
        "en": "Pain rising over the last two visits ({values}): re-examine; consider imaging.",
        "de": "Schmerz steigt über die letzten zwei Termine ({values}): erneut untersuchen; "
        "Bildgebung erwägen.",
    },
    "beyond_window": {
        "en": "Symptoms persist beyond the expected healing window of {weeks:g} weeks: "
        "re-evaluate for osteonecrosis, fracture and other causes.",
        "de": "Beschwerden über das erwartete Heilungsfenster von {weeks:g} Wochen hinaus: "
        "auf Osteonekrose, Fraktur und andere Ursachen neu abklären.",
    },
    "new_red_flag": {
        "en": "New red flag: {name}. {action}",
        "de": "Neues Warnzeichen: {name}. {action}",
    },
    "follow_up_overdue": {
        "en": "Follow-up due on {date} is overdue: {what}",
        "de": "Kontrolltermin vom {date} ist überfällig: {what}",
    },
}


def text(key: str, lang: str, **fields: object) -> str:
    entry = _TEXTS[key]
    return (entry.get(lang) or entry["en"]).format(**fields)
