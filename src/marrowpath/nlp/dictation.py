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


_NUMBER_WORD = r"(?:eins|zwei|zwo|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)"
_LEVEL_WORD = re.compile(
    # "LWK zwo", "LWK vier fünf", "l fünf s eins", "Segmente LWK eins bis drei", "Modic Typ zwo"
    r"\b(?:LWK|BWK|HWK|SWK|LW|BW|HW|Lendenwirbelkörper|Brustwirbelkörper|Halswirbelkörper"
    r"|Lendenwirbel|Brustwirbel|Halswirbel|Th|[LSTC]|Typ|Modic|Grad|Stadium)\s+"
    + _NUMBER_WORD
    + r"(?:(?:\s*[-/,]\s*|\s+(?:bis|und|u\.)\s+|\s+)(?:(?:SWK|LWK|BWK|HWK|[LSTC])\s+)?"
    + _NUMBER_WORD
    + r")*\b",
    re.IGNORECASE,
)
_ONE_NUMBER = re.compile(r"\b" + _NUMBER_WORD + r"\b", re.IGNORECASE)
_NUMBER_WORDS = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf"
_NUMBERS = {w: str(n) for n, w in enumerate(_NUMBER_WORDS.split(" "), start=1)} | {"zwo": "2"}


def _digits(m: re.Match[str]) -> str:
    return _NUMBERS[m.group().lower()].ljust(len(m.group()))


def _level_numbers(text: str) -> str:
    """ "LWK zwo", "l fünf s eins", "Modic Typ zwo": the numbers as digits, padded."""
    return _LEVEL_WORD.sub(lambda m: _ONE_NUMBER.sub(_digits, m.group()), text)


# "Fragestellung V.a. KMÖ Os naviculare li. Befund Tibialis posterior Sehne ...": headings
# dictated without their colon, at the start of a line; then also inside the run-on line.
_BARE_HEADING = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Anamnese|Fragestellung|Indikation|Technik|Befund|Beurteilung)"
    r"(?P<gap> )(?=[^\s:])"
)
_RUN_ON_HEADING = re.compile(
    r"(?<=[a-zäöüß0-9.])(?P<before> )(?:Befund|Beurteilung|Fragestellung)(?P<gap> )(?=[^\s:])"
)
_ARTICLE_BEFORE = re.compile(r"(?:der|den|dem|des|im|vom|zum|ein|kein|einen|keinen)$")


def _bare_headings(text: str) -> str:
    """Dictated headings without a colon, given one in place of the space after them (and a
    line break in place of the space before one inside a run-on line)."""
    if _BARE_HEADING.search(text) is None:
        return text
    chars = list(text)
    for m in _BARE_HEADING.finditer(text):
        chars[m.start("gap")] = ":"
    for m in _RUN_ON_HEADING.finditer(text):
        if _ARTICLE_BEFORE.search(text, 0, m.start("before")) is None:
            chars[m.start("before")] = "\n"
            chars[m.start("gap")] = ":"
    return "".join(chars)


def with_spoken_marks(text: str, lang: str) -> str:
    """``text`` with dictated punctuation words as marks, spoken level numbers as digits and
    colon-less headings given their colon, of the same length; single punctuation words only
    where at least two stand in it."""
    if lang == "de" and _LEVEL_WORD.search(text):
        text = _level_numbers(text)
    if lang == "de" and ("Befund " in text or "Fragestellung " in text or "Anamnese " in text):
        text = _bare_headings(text)
    pattern = _SPOKEN.get(lang)
    if pattern is None or not any(c in text for c in _CUES):
        return text
    found = list(pattern.finditer(text))
    if len(found) < 2 and not any(" " in m.group("word").strip() for m in found):
        return text  # one "Punkt" may be a point; "neue Zeile" is always a command
    out, last = [], 0
    for m in found:
        mark = _mark(m.group("word"))
        out.append(text[last : m.start()])
        out.append(mark + " " * (m.end() - m.start() - len(mark)))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
