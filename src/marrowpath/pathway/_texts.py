"""User-interface wording of plans in English and German (labels, not clinical facts)."""

from __future__ import annotations

__all__ = ["WEIGHT_BEARING", "text"]

_TEXTS: dict[str, dict[str, str]] = {
    "urgent_phase": {"en": "Urgent work-up", "de": "Dringliche Abklärung"},
    "urgent_summary": {
        "en": "A red flag holds: this replaces the care plan by an urgent work-up. "
        "Decide on loading and therapy only after the cause is clarified.",
        "de": "Ein Warnzeichen liegt vor: statt eines Behandlungsplans ist eine dringliche "
        "Abklärung nötig. Über Belastung und Therapie erst nach Klärung der Ursache entscheiden.",
    },
    "urgent_avoid": {
        "en": "No loading plan and no therapy that masks symptoms before the cause is clear.",
        "de": "Kein Belastungsaufbau und keine symptomverschleiernde Therapie vor Klärung der "
        "Ursache.",
    },
    "urgent_allowed": {
        "en": "Rest as needed; seek care at once if symptoms worsen.",
        "de": "Schonung nach Bedarf; bei Verschlechterung sofort ärztlich vorstellen.",
    },
    "contraindicated": {"en": "Contraindicated", "de": "Kontraindiziert"},
    "caution": {"en": "Caution", "de": "Vorsicht"},
    "check_before": {
        "en": "Check before use (not known): {facts}",
        "de": "Vor Anwendung prüfen (nicht bekannt): {facts}",
    },
    "adjusted": {
        "en": "Protection extended by {weeks:g} weeks for this patient.",
        "de": "Entlastungsphase für diesen Patienten um {weeks:g} Wochen verlängert.",
    },
}

WEIGHT_BEARING: dict[str, dict[str, str]] = {
    "non_weight_bearing": {"en": "no weight bearing", "de": "keine Belastung"},
    "partial_weight_bearing": {"en": "partial weight bearing", "de": "Teilbelastung"},
    "weight_bearing_as_tolerated": {
        "en": "weight bearing as pain allows",
        "de": "Belastung nach Schmerzgrenze",
    },
    "full_weight_bearing": {"en": "full weight bearing", "de": "Vollbelastung"},
    "not_applicable": {"en": "not applicable", "de": "nicht zutreffend"},
}


def text(key: str, lang: str, **fields: object) -> str:
    """The wording ``key`` in ``lang`` (English fallback), formatted with ``fields``."""
    entry = _TEXTS[key]
    return (entry.get(lang) or entry["en"]).format(**fields)
