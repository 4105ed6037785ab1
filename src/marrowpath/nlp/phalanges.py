"""Phalanges of the fingers and toes, named by part and digit.

"Grundphalanx D2", "Endphalanx des Daumens", "Mittel- und Endphalanx", "proximal phalanx of
the fifth toe": one name for a finger's and a toe's bone. The sentence's own words (Zehe,
Vorfuß, MTP; Finger, Daumen, MCP) say which; without them the report's region does, once the
whole report is read (the hit is placed in the report's region, as a mention without a bone).
"""

from __future__ import annotations

import re

__all__ = ["PHALANX_PARTS", "find_phalanges", "phalanx_name", "placed_phalanx"]

_PART = {
    "grund": "proximal",
    "mittel": "middle",
    "end": "distal",
    "proximal": "proximal",
    "middle": "middle",
    "distal": "distal",
}
PHALANX_PARTS = frozenset(_PART.values())

_DIGIT = r"(?:d|dig\.?|digitus|digit)\s*(?P<d{n}>[1-5]|i{{1,3}}|iv|v)\b"
_PHALANX = re.compile(
    # "Mittel- und Endphalanx": a first part with its ending left to the second
    r"\b(?:(?P<first>grund|mittel|end)-\s+(?:und|u\.|oder|sowie)\s+)?"
    r"(?P<part>grund|mittel|end)(?:phalanx|phalange?n?|glied(?:es|s)?)(?:basis|kopf|köpfchen|schaft)?\b"
    r"(?:\s+(?:der|des)\s+(?P<of>\w+))?" + r"(?:\s+" + _DIGIT.format(n=1) + ")?"
    r"|\b(?P<epart>proximal|middle|distal)\s+phalan(?:x|ges)\b"
    r"(?:\s+of\s+the\s+(?P<eof>(?:\w+\s+)?\w+))?" + r"(?:\s+(?:of\s+)?" + _DIGIT.format(n=2) + ")?"
)
_TOE = re.compile(
    r"zehe|hallux|vorfu(?:ß|ss)|mittelfu(?:ß|ss)|\bfu(?:ß|ss)|metatars|\bmtp|\bmt\s*[ivx1-5]|toe|"
    r"\bfoot\b|forefoot|plantar|ulkus|ulcer"  # the diabetic foot's ulcer
)
_FINGER = re.compile(
    r"finger|daumen|\bhand\b|\bhand|metakarp|metacarp|\bmcp|\bpip\b|\bdip\b|\bmc\s*[ivx1-5]|thumb|"
    r"\bindex\b|pollex|\bmhk"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_TOES = ("great toe", "second toe", "third toe", "fourth toe", "fifth toe")
_FINGERS = ("thumb", "index finger", "middle finger", "ring finger", "little finger")
_WORDS = {
    "daumens": ("finger", 1),
    "daumen": ("finger", 1),
    "thumb": ("finger", 1),
    "großzehe": ("toe", 1),
    "grosszehe": ("toe", 1),
    "hallux": ("toe", 1),
    "kleinzehe": ("toe", 5),
}


def _digit(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _ROMAN.get(text)


def phalanx_name(part: str, digit: int | None, toe: bool | None) -> str:
    """ "proximal phalanx of the second toe"; "... of digit 2" while the limb is unknown."""
    if digit is None:
        return f"{part} phalanx"
    if toe is None:
        return f"{part} phalanx of digit {digit}"
    return f"{part} phalanx of the {(_TOES if toe else _FINGERS)[digit - 1]}"


def placed_phalanx(name: str, region: str) -> tuple[str, str]:
    """(name, bone id) of a phalanx whose limb the report's region gives."""
    toe = region == "ankle_foot"
    m = re.fullmatch(r"(\w+) phalanx of digit (\d)", name)
    if m is not None:
        name = phalanx_name(m.group(1), int(m.group(2)), toe)
    return name, "toe_phalanges" if toe else "finger_phalanges"


def find_phalanges(text: str) -> list[tuple[int, int, str, bool | None]]:
    """(start, end, name, toe) of each phalanx named in lower-case ``text``; ``toe`` is None
    when the sentence does not say whether a finger or a toe."""
    out: list[tuple[int, int, str, bool | None]] = []
    if "phalan" not in text and "glied" not in text:
        return out
    toe_said, finger_said = _TOE.search(text) is not None, _FINGER.search(text) is not None
    limb = True if toe_said and not finger_said else False if finger_said and not toe_said else None
    for m in _PHALANX.finditer(text):
        part = _PART[m.group("part") or m.group("epart")]
        digit = _digit(m.group("d1") or m.group("d2"))
        toe = limb
        of = (m.group("of") or m.group("eof") or "").split()[-1:]
        if of and of[0] in _WORDS:
            kind, digit = _WORDS[of[0]]
            toe = kind == "toe"
        elif of and re.match(r"zehe|toe", of[0]):
            toe = True
        elif of and re.match(r"finger", of[0]):
            toe = False
        if m.group("first"):
            # "Mittel- und Endphalanx": both parts, each on its own word
            first = _PART[m.group("first")]
            cut = m.start("part")
            out.append((m.start(), cut - 1, phalanx_name(first, digit, toe), toe))
            out.append((cut, m.end(), phalanx_name(part, digit, toe), toe))
            continue
        out.append((m.start(), m.end(), phalanx_name(part, digit, toe), toe))
    return out
