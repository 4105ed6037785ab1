"""ConText-style scope of negation, uncertainty and history within one sentence.

A forward trigger ("no", "kein", "may represent", "V.a.", "known") covers the phrases after
it, a backward trigger ("is not seen", "nicht nachweisbar", "cannot be excluded") those before
it, until a terminator ("but", "however", "aber", "which", a new verb) or the end of the
sentence. Commas do not end a forward scope, so "no fracture, dislocation or bone marrow edema"
negates all three; a singular backward trigger does not reach across a comma. Pseudo triggers
("no change", "no longer", "nicht nur") are not modifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marrowpath.nlp.lexicon import Lexicon
from marrowpath.nlp.patterns import normalize

__all__ = ["Modifiers", "SentenceContext"]

FORWARD_WINDOW = 120
BACKWARD_WINDOW = 70
HISTORY_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Modifiers:
    """What modifies one phrase: negated, hedged (and whether the hedge is on a label), past."""

    negated: bool
    uncertain: bool
    label_hedge: bool
    historical: bool


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _outside(spans: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if not any(b0 < s[1] and s[0] < b1 for b0, b1 in blocked)]


class SentenceContext:
    """The modifiers of one sentence, found once and applied to any phrase in it."""

    __slots__ = (
        "_hedge",
        "_hist",
        "_neg_b",
        "_neg_f",
        "_terms",
        "_text",
        "_unc_b",
        "_unc_f",
        "lex",
    )

    def __init__(self, text: str, lex: Lexicon) -> None:
        self._text = text
        self.lex = lex
        pseudo = _spans(lex.pseudo, text)
        self._neg_f = _outside(_spans(lex.neg_fwd, text), pseudo)
        self._neg_b = _outside(_spans(lex.neg_bwd, text), pseudo)
        self._unc_f = _spans(lex.unc_fwd, text)
        self._unc_b = _spans(lex.unc_bwd, text)
        self._hist = _spans(lex.hist_fwd, text)
        self._terms = _spans(lex.terminators, text)
        self._hedge = lex.label_hedges

    def _blocked(self, a: int, b: int) -> bool:
        """Is there a terminator starting within [a, b)?"""
        return any(a <= t0 < b for t0, _ in self._terms)

    def _forward(
        self, triggers: list[tuple[int, int]], start: int, window: int
    ) -> tuple[int, int] | None:
        best = None
        for t0, t1 in triggers:
            if t1 <= start and start - t1 <= window and not self._blocked(t1, start):
                best = (t0, t1)
        return best

    def _backward(self, triggers: list[tuple[int, int]], end: int) -> bool:
        for t0, t1 in triggers:
            if t0 >= end and t0 - end <= BACKWARD_WINDOW and not self._blocked(end, t0):
                gap = self._text[end:t0]
                if "," in gap and normalize(self._text[t0:t1]) not in self.lex.plural_bwd:
                    continue
                return True
        return False

    def negated(self, start: int, end: int) -> bool:
        """Is the phrase at [start, end) (offsets in the sentence) negated?"""
        return self._forward(self._neg_f, start, FORWARD_WINDOW) is not None or self._backward(
            self._neg_b, end
        )

    def modifiers(self, start: int, end: int) -> Modifiers:
        """Every modifier of the phrase at [start, end) (offsets in the sentence)."""
        hedge = self._forward(self._unc_f, start, FORWARD_WINDOW)
        uncertain = hedge is not None or self._backward(self._unc_b, end)
        label = hedge is not None and normalize(self._text[hedge[0] : hedge[1]]) in self._hedge
        return Modifiers(
            negated=self.negated(start, end),
            uncertain=uncertain,
            label_hedge=label,
            historical=self._forward(self._hist, start, HISTORY_WINDOW) is not None,
        )
