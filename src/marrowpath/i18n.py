"""Interface labels in English and German (clinical texts live in the knowledge base)."""

from __future__ import annotations

__all__ = ["LANGS", "t"]

LANGS = ("en", "de")

_LABELS: dict[str, tuple[str, str]] = {
    "assessment": ("Assessment", "Beurteilung"),
    "red_flags": ("Red flags", "Warnzeichen (Red Flags)"),
    "no_red_flags": (
        "No red flag raised by the findings given.",
        "Keine Warnzeichen anhand der angegebenen Befunde.",
    ),
    "differential": ("Differential diagnosis", "Differenzialdiagnose"),
    "condition": ("Condition", "Erkrankung"),
    "probability": ("Probability", "Wahrscheinlichkeit"),
    "for": ("For", "Dafür"),
    "against": ("Against", "Dagegen"),
    "prior": ("Prior", "A-priori"),
    "source": ("Source", "Quelle"),
    "why": ("Why", "Begründung"),
    "missing_typical": ("Typical, not yet known", "Typisch, noch unbekannt"),
    "classifications": ("Classifications", "Klassifikationen"),
    "next_examinations": ("What to examine next", "Nächste Untersuchungen"),
    "information_gain": ("Information gain (bits)", "Informationsgewinn (Bit)"),
    "unused_input": ("Input not understood", "Nicht verstandene Angaben"),
    "region": ("Region", "Region"),
    "side": ("Side", "Seite"),
    "action": ("Action", "Vorgehen"),
    "triggered_by": ("Triggered by", "Ausgelöst durch"),
    "finding": ("Finding", "Befund"),
    "lr": ("LR", "LR"),
}


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (English for unknown languages)."""
    en, de = _LABELS[key]
    return de if lang == "de" else en
