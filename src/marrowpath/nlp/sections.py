"""Report sections and sentences.

Headers ("INDICATION:", "Befund:") start a section; text under indication, history, comparison
or technique is not a finding of this study and is skipped by the reader. Sentences end at
``.!?`` before a capital or a digit, at blank lines and bullet lines, but not after
abbreviations such as "V.a.", "Z.n." or "Fig.".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from marrowpath.nlp.lexicon import Lexicon
from marrowpath.nlp.patterns import normalize

__all__ = ["Sentence", "split_sentences"]

_BOUNDARY = re.compile(
    r"[.!?]+(?=\s+[\"'(\[]?[A-ZÄÖÜ0-9]|[A-ZÄÖÜ][a-zäöüß]{2})|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]\s))"
)
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as offsets into the report, with the section it stands in."""

    start: int
    end: int
    section: str


_HEADER_START = re.compile(r"(?:^|[\n.!?])[ \t]*(?:\d+[.)]\s*)?")


def _sections(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, content start, section) of each known header ("Findings:"), in order."""
    out = []
    pos = text.find(":")
    while pos != -1:
        lo = max(0, pos - 48)
        window = text[lo:pos]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("! "), window.rfind("? "))
        start = lo + cut + 1 if cut >= 0 else lo
        if cut < 0 and lo > 0:
            pos = text.find(":", pos + 1)
            continue
        head = _HEADER_START.sub("", text[start:pos], count=1) if start == 0 else text[start:pos]
        head = head.strip().lstrip("0123456789.) ").strip()
        name = lex.section_of.get(normalize(head))
        if name is not None:
            out.append((start, pos + 1, name))
        pos = text.find(":", pos + 1)
    return out


def split_sentences(text: str, lex: Lexicon) -> list[Sentence]:
    """Every sentence of ``text`` with its section ("findings" before any header)."""
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            word = _LAST_WORD.search(text, max(0, m.start() - 24), m.start())
            if word and normalize(word.group(1)) in lex.abbreviations:
                continue
            if word and (
                (len(word.group(1)) == 1 and word.group(1).isalpha()) or "." in word.group(1)
            ):
                continue  # an initial, or a dotted abbreviation such as "V.a." or "e.g."
        cuts.append(m.end())
    heads = _sections(text, lex)
    for start, content, _ in heads:
        cuts.append(start)
        cuts.append(content)
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    sentences = []
    head_i, section = 0, "findings"
    for a, b in itertools.pairwise(cuts):
        while head_i < len(heads) and heads[head_i][1] <= a:
            section = heads[head_i][2]
            head_i += 1
        while a < b and text[a].isspace():
            a += 1
        end = b
        while end > a and text[end - 1].isspace():
            end -= 1
        if end > a:
            sentences.append(Sentence(a, end, section))
    return sentences
