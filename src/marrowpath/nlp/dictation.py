"""Punctuation that speech recognition wrote out as words ("Punkt", "Komma", "neuer Absatz").

Uncorrected dictation reads "Knochenmarködem im Talus Punkt keine Fraktur Komma ...". The reader
reads a copy with the marks in place of the words, padded to the same length, so that every
offset still points into the report as written.
"""

from __future__ import annotations

import re

__all__ = ["with_spoken_marks"]

_SPOKEN = {
    "de": re.compile(
        r"[ \t]+(?P<word>Doppelpunkt|Semikolon|Fragezeichen|Ausrufezeichen|Punkt|Komma"
        r"|neuer\s+Absatz|neue\s+Zeile|Absatz)(?=[\s.,]|$)",
        re.IGNORECASE,
    ),
}
_MARKS = {
    "doppelpunkt": ":",
    "semikolon": ";",
    "fragezeichen": "?",
    "ausrufezeichen": "!",
    "punkt": ".",
    "komma": ",",
}
_CUES = ("unkt", "omma", "bsatz", "eile", "eichen", "olon")


def _mark(word: str) -> str:
    key = " ".join(word.lower().split())
    return _MARKS.get(key, "\n\n")  # "neuer Absatz", "neue Zeile", "Absatz"


def with_spoken_marks(text: str, lang: str) -> str:
    """``text`` with dictated punctuation words as marks, of the same length; unchanged unless
    at least two such words stand in it (one "Punkt" may be a point)."""
    pattern = _SPOKEN.get(lang)
    if pattern is None or not any(c in text for c in _CUES):
        return text
    found = list(pattern.finditer(text))
    if len(found) < 2:
        return text
    out, last = [], 0
    for m in found:
        mark = _mark(m.group("word"))
        out.append(text[last : m.start()])
        out.append(mark + " " * (m.end() - m.start() - len(mark)))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
