"""Report sections and sentences.

Headers ("INDICATION:", "Befund:") start a section; text under indication, history, comparison
or technique is not a finding of this study and is skipped by the reader. Sentences end at
``.!?`` before a capital, a digit or (typed in haste) a lower-case word, at blank lines, bullet
lines and lines that start with a label ("L5/S1: ..."), but not after abbreviations such as
"V.a.", "Z.n." or "Fig.".
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

from marrowpath.nlp.lexicon import Lexicon
from marrowpath.nlp.patterns import lower, normalize

__all__ = ["Sentence", "split_sentences"]

# Every alternative starts with one of ".!?\n", so the engine can skip to those characters;
# the lookbehinds pick the branch (three times faster than an alternation of branches).
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\S[.!?])[.!?]*(?=\s+[\"'(\[]?[A-ZÄÖÜ0-9]|[A-ZÄÖÜ][a-zäöüß]{2}|\s+[a-zäöüß]{2,}\s"
    r"|\s+(?:→|⇒|->|=>))"  # "MT III unauffällig. → Stressreaktion MT II"
    r"|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:[-–—•*]|\d+[.)]\s"
    # a template's key: "Talus: ...", "rechts sakral: ...", "Lunatum, Kapitatum: ..."
    r"|[A-ZÄÖÜa-zäöü][\w./ ()-]{0,24}(?:,\s[\w./ -]{1,20})?:(?:[ \t]|[^\W\d_]|\r?\n))))"
)
_LAST_WORD = re.compile(r"([\w.]+)$")


class Sentence(NamedTuple):
    """A sentence as offsets into the report, with the section it stands in.

    A named tuple: tens of thousands are made per second when reading archives.
    """

    start: int
    end: int
    section: str


_sentence = functools.partial(tuple.__new__, Sentence)
"""``Sentence(start, end, section)`` from a tuple, without the named tuple's slower ``__new__``."""

_QUALIFIER = re.compile(r"\s*(?:\([^()]{0,40}\)|(?:vom\s+|from\s+|of\s+)?[\d./-]{2,12})$")
_GENITIVE = re.compile(r"\s+(?:des|der|vom|von)\s+[\wäöüß-]+$")
_NOW = re.compile(r"\s+(?:heute|aktuell|jetzt|today|current)$", re.IGNORECASE)
_HEADER_START = re.compile(r"(?:^|[\n.!?])[ \t]*(?:\d+[.)]\s*)?")


def _sections(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, content start, section) of each known header ("Findings:"), in order."""
    out = []
    memo = lex.head_memo  # archives repeat their headers and their other colons
    pos = text.find(":")
    while pos != -1:
        lo = max(0, pos - 48)
        window = text[lo:pos]
        dash = window.rfind(" – ")  # "Überweisung Orthopädie – Verdachtsdiagnose: ..."
        cut = max(
            window.rfind("\n"),
            window.rfind(". "),
            window.rfind("! "),
            window.rfind("? "),
            dash + 2 if dash >= 0 else -1,
        )
        start = lo + cut + 1 if cut >= 0 else lo
        if cut < 0 and lo > 0:
            pos = text.find(":", pos + 1)
            continue
        raw = text[start:pos]
        key = (start == 0, raw)
        found = memo.get(key)
        if found is None:
            if len(memo) >= _DOT_MEMO_SIZE:
                memo.clear()
            found = memo[key] = _header(raw, start == 0, lex)
        name, marrow = found
        if name:
            # "Marrow: normal.": a header naming the marrow is part of its line's sentence.
            out.append((start, start if marrow else pos + 1, name))
        pos = text.find(":", pos + 1)
    return out


def _header(raw: str, first: bool, lex: Lexicon) -> tuple[str, bool]:
    """The section a colon's label names ("" for none), and whether it names the marrow."""
    head = _HEADER_START.sub("", raw, count=1) if first else raw
    head = head.strip().lstrip("0123456789.) ").strip()
    if head.endswith(")") or head[-1:].isdigit():
        # "Vorbefund (auswärts, Dezember):", "Voruntersuchung 11/2023:"
        head = _QUALIFIER.sub("", head)
    key = normalize(head)
    name = lex.section_of.get(key)
    if name is None:
        # "Fragestellung des Hausarztes:", "Beurteilung der Voruntersuchung:", "Befund heute:"
        name = lex.section_of.get(normalize(_NOW.sub("", _GENITIVE.sub("", head))), "")
    return name, key in lex.marrow_headings


def _month_after(text: str, pos: int, lex: Lexicon) -> bool:
    words = text[pos : pos + 16].split(None, 1)
    return bool(words) and normalize(words[0].rstrip(".,")) in lex.months


_ABBREVIATION, _NUMBER, _END = 0, 1, 2
_DATED = re.compile(r"(?:\d{1,2}\.){1,2}\d{4}")
_DOT_MEMO_SIZE = 1 << 16


def _dot_kind(before: str, lex: Lexicon) -> int:
    """What the word just before a dot makes of it: an abbreviation ("V.a.", "Fig.", an
    initial), a number (which ends a sentence unless a list item or date follows) or an end."""
    words = before.rsplit(None, 1)
    last = words[-1] if words else ""
    if len(last) > lex.longest_abbreviation and last.isalnum():
        return _END  # most sentences end on a word longer than any abbreviation
    if last.replace(".", "").isalnum():
        word = last  # the common case, without a regex
    else:
        found = _LAST_WORD.search(before)
        word = found.group(1) if found else ""
    key = word.lower() if word.isascii() else normalize(word)
    if key in lex.abbreviations:
        return _ABBREVIATION
    if _DATED.fullmatch(word):
        return _NUMBER  # "Voruntersuchungen vom 18.08. und 22.09.2023. Das Ödem ...": a year ends
    if ((len(word) == 1 and word.isalpha()) or "." in word) and key not in lex.sentence_final:
        two = " ".join(before.rsplit(None, 2)[-2:]).lower()  # "LFC und MTP o. B. IMHH ..."
        if len(word) != 1 or two not in lex.sentence_final:
            return _ABBREVIATION  # an initial, or a dotted abbreviation such as "V.a." or "e.g."
    return _NUMBER if word.isdigit() else _END


def _table_rows(text: str) -> list[tuple[int, int]]:
    """The lines of a table ("LWK 4/5 | Protrusion | Modic Typ II"): each row is one
    sentence, whatever its cells hold ("zunehmend ggü. VU 2023")."""
    rows = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if "|" in line:
            rows.append((pos, pos + len(line)))
        pos += len(line)
    return rows


def split_sentences(text: str, lex: Lexicon) -> list[Sentence]:
    """Every sentence of ``text`` with its section ("findings" before any header)."""
    cuts = [0]
    memo = lex.dot_memo  # archives repeat their phrases, and so the words before their dots
    for m in _BOUNDARY.finditer(text):
        dot = m.start()
        if text[dot] == "." and dot and not text[dot - 1].isspace():
            before = text[dot - 24 : dot] if dot >= 24 else text[:dot]
            kind = memo.get(before)
            if kind is None:
                if len(memo) >= _DOT_MEMO_SIZE:
                    memo.clear()
                kind = memo[before] = _dot_kind(before, lex)
            if kind == _ABBREVIATION:
                continue
            if kind == _NUMBER:
                after = m.end()
                if text[after : after + 2].strip()[:1].islower():
                    continue  # "1. VKB-Ruptur re. 2. knochenmarksödm ...": a list number
                if lex.months and _month_after(text, after, lex):
                    continue  # "MRT vom 19. Jänner": a date
        cuts.append(m.end())
    if "|" in text:
        rows = _table_rows(text)
        cuts = [c for c in cuts if not any(a < c < b for a, b in rows)]
        cuts.extend(c for row in rows for c in row)
    heads = _sections(text, lex)
    head_starts = {start for start, _, _ in heads}
    for start, content, _ in heads:
        cuts.append(start)
        cuts.append(content)
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    sentences: list[Sentence] = []
    append = sentences.append
    head_i, section, said = 0, "findings", 0
    next_head = heads[0][1] if heads else len(text) + 1
    special = lex.skip_sections | lex.one_sentence_sections | {"comparison"}
    plain = True
    for a, b in itertools.pairwise(cuts):
        if a >= next_head:
            while head_i < len(heads) and heads[head_i][1] <= a:
                section, said = heads[head_i][2], 0
                head_i += 1
            next_head = heads[head_i][1] if head_i < len(heads) else len(text) + 1
            plain = section not in special
        segment = text[a:b]
        core = segment.strip()
        if core.endswith((" –", " -")) and b in head_starts:
            # "Knochenmarködem-Syndrom des re. Talus – Verlauf: ...": the dash before a header
            # joins the two; it is no minus mark
            core = core[:-2].rstrip()
        if not core:
            continue
        start = a + len(segment) - len(segment.lstrip())
        if not plain and _starts_findings(text, a, start, core, section, said, lex):
            section, plain = "findings", True
        append(_sentence((start, start + len(core), section)))
        said += 1
    return sentences


def _starts_findings(
    text: str, a: int, start: int, core: str, section: str, said: int, lex: Lexicon
) -> bool:
    """Does this sentence (``core`` at ``start``, cut at ``a``, after ``said`` others of its
    section) end a section whose sentences are not findings of this study?"""
    if said and section in lex.one_sentence_sections:
        return True  # "COMPARISON: MRI of 2 May. The edema has resolved."
    if said and section in lex.skip_sections:
        if lex.finding_starts.match(lower(core)):
            return True  # "Hx: knee pain. There is a subchondral line ..."
        # "History: Fall.\nAC joint: ... subchondral oedema"
        line_start = text[a - 1 : a] == "\n" or "\n" in text[a:start]
        if line_start and lex.structure_heading.match(core):
            return True
        if line_start and core.count("|") >= 2:
            return True  # "Klinik: ...\nBefund | rechts | links": a table is the findings
    # "Comparison 2/2022: resolution of marrow edema in the medial malleolus": how this study
    # differs from the prior one is a finding of this study.
    return section == "comparison" and lex.change.search(core) is not None
