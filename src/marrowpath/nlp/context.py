"""ConText-style scope of negation, uncertainty and history within one sentence.

A forward trigger ("no", "kein", "may represent", "V.a.", "known") covers the phrases after
it, a backward trigger ("is not seen", "nicht nachweisbar", "cannot be excluded") those before
it, until a terminator ("but", "however", "aber", "which", a new verb), a semicolon or the end of
the sentence. Commas do not end a forward scope, so "no fracture, dislocation or bone marrow edema"
negates all three; a singular backward trigger does not reach across a comma. Pseudo triggers
("no change", "no longer", "nicht nur") are not modifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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

    @property
    def status(self) -> Literal["negated", "uncertain", "historical", "present"]:
        """The status a plain finding takes: negation first, then hedging, then history."""
        if self.negated:
            return "negated"
        if self.uncertain:
            return "uncertain"
        return "historical" if self.historical else "present"


_LIST_END = re.compile(r"\s(?:and|or|nor|und|oder|sowie|noch|bzw\.?|u\.)\s")
_NOT_DEFINITE = re.compile(
    r"\b(?:definite|definitive|convincing|clear|unequivocal|eindeutige?[nmrs]?|sichere?[nmrs]?|"
    r"klare?[nmrs]?)\s+(?:[\wäöüß-]+\s+){0,2}$"
)
"""Just before a finding denied only as definite: "no definite marrow oedema"."""


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _outside(spans: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if not any(b0 < s[1] and s[0] < b1 for b0, b1 in blocked)]


class SentenceContext:
    """The modifiers of one sentence, found on first use and applied to any phrase in it."""

    __slots__ = ("_cache", "_text", "lex")

    def __init__(self, text: str, lex: Lexicon) -> None:
        self._text = text
        self.lex = lex
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def _get(self, name: str) -> list[tuple[int, int]]:
        spans = self._cache.get(name)
        if spans is None:
            lex, text = self.lex, self._text
            if name in ("neg_f", "neg_b", "hist"):
                pattern = (
                    lex.neg_fwd
                    if name == "neg_f"
                    else lex.neg_bwd
                    if name == "neg_b"
                    else lex.hist_fwd
                )
                spans = _spans(pattern, text)
                if spans:
                    spans = _outside(spans, self._get("pseudo"))
            elif name in ("unc_f", "unc_b"):
                # "als mögliches Schmerzkorrelat" hedges the finding's relevance, not the finding.
                spans = _spans(getattr(lex, _PATTERNS[name]), text)
                if spans:
                    spans = _outside(spans, self._get("pseudo_hedges"))
            else:
                spans = _spans(getattr(lex, _PATTERNS[name]), text)
            self._cache[name] = spans
        return spans

    def _blocked(self, a: int, b: int, name: str = "") -> bool:
        """Is there a terminator or a semicolon within [a, b)? A hedge reaches across "with":
        "may represent early stress reaction with marrow edema" hedges both."""
        if ";" in self._text[a:b]:
            return True
        passes = (
            self.lex.hedge_passes
            if name == "unc_f"
            else self.lex.label_passes
            if name == "unc_b"
            else frozenset()
        )
        return any(
            a <= t0 < b and normalize(self._text[t0:t1]) not in passes
            for t0, t1 in self._get("terms")
        )

    def _verb_before(self, t0: int) -> int:
        """Start of a terminator that ends right before ``t0`` (its verb), else ``t0``."""
        for a, b in self._get("terms"):
            # "Ödem ist nicht auszuschließen", "Ödem ist hier nicht sicher auszuschließen", "Ödem
            # ist von Partialvolumeneffekten hier nicht sicher zu trennen"
            gap = self._text[b:t0].split()
            if (
                b <= t0
                and self._text[a:b].isalpha()
                and len(gap) <= 4
                and t0 - b <= 40
                and all(w.isalpha() for w in gap)
            ):
                return a
        return t0

    def _forward(self, name: str, start: int, window: int) -> tuple[int, int] | None:
        best = None
        for t0, t1 in self._get(name):
            if t1 <= start and start - t1 <= window and not self._blocked(t1, start, name):
                if (
                    name == "unc_f"
                    and "," in self._text[t1:start]
                    and normalize(self._text[t0:t1]) in self.lex.comma_hedges
                ):
                    continue  # "DD M. Müller-Weiss, Os cuneiforme ebenfalls ödematös"
                best = (t0, t1)
        return best

    def _backward(self, name: str, end: int) -> bool:
        for t0, t1 in self._get(name):
            # The verb of the trigger itself ("Ödem ist nicht auszuschließen") does not end it.
            verb = self._verb_before(t0)
            if t0 < end or (
                # "Knochenmarködem (STIR): nein": a bracket between is an aside
                self._blocked(end, verb, name)
                and not _BRACKET_ONLY.fullmatch(self._text, end, verb)
            ):
                continue
            gap = self._text[end:t0]
            plural = normalize(self._text[t0:t1]) in self.lex.plural_bwd
            # A plural trigger ends a list: "Talus, Kalkaneus und Os naviculare nicht
            # betroffen"; not "Ödem im Talus, Kalkaneus nicht betroffen".
            listed = plural and _LIST_END.search(gap) is not None
            # The window ends at the trigger's verb, and a list may be long: "Ein
            # Knochenmarködem in Talus, Calcaneus oder distaler Fibula wurde ... verneint".
            if verb - end <= BACKWARD_WINDOW + (40 if listed else 0):
                if "," in gap and not listed:
                    continue
                return True
        return False

    def _doubts_back_to(self, end: int, t0: int) -> bool:
        """Does a doubt on the whole finding at ``t0`` ("..., or simply partial volume") reach
        back to a phrase ending at ``end``? Not past a clause of another place ("KMÖ im Lunatum,
        im Skaphoid allenfalls diskret, DD Partialvolumeneffekt")."""
        return (
            t0 >= end
            and ";" not in self._text[end:t0]
            and _NEW_PLACE.search(self._text, end, t0) is None
        )

    def negated(self, start: int, end: int) -> bool:
        """Is the phrase at [start, end) (offsets in the sentence) negated?"""
        return self._forward("neg_f", start, FORWARD_WINDOW) is not None or self._backward(
            "neg_b", end
        )

    def modifiers(self, start: int, end: int) -> Modifiers:
        """Every modifier of the phrase at [start, end) (offsets in the sentence)."""
        if self.negated(start, end):
            # "Equivocal faint STIR hyperintensity in the lunate; no definite marrow oedema",
            # "kein eindeutiges Knochenmarködem; allenfalls diskrete Signalanhebung": a finding
            # denied only as definite, beside a hedge, is itself in doubt.
            doubted = _NOT_DEFINITE.search(self._text, max(0, start - 40), start) is not None and (
                bool(self._get("unc_f")) or bool(self._get("unc_b"))
            )
            return Modifiers(
                negated=not doubted, uncertain=doubted, label_hedge=False, historical=False
            )
        hedge = self._forward("unc_f", start, FORWARD_WINDOW)
        uncertain = (
            hedge is not None
            or self._backward("unc_b", end)
            or any(self._doubts_back_to(end, t0) for t0, _ in self._get("unc_s"))
        )
        label = (
            hedge is not None
            and normalize(self._text[hedge[0] : hedge[1]]) in self.lex.label_hedges
        )
        return Modifiers(
            negated=False,
            uncertain=uncertain,
            label_hedge=label,
            historical=self._forward("hist", start, HISTORY_WINDOW) is not None
            or self._backward("hist_b", end),
        )


_BRACKET_ONLY = re.compile(r"(?:[^();]{0,40}\)|\s*\([^();]{0,40}\))\s*")
_NEW_PLACE = re.compile(r",\s*(?:im|in|am|an|at|within|along)\s")
_PATTERNS = {
    "pseudo": "pseudo",
    "pseudo_hedges": "pseudo_hedges",
    "unc_f": "unc_fwd",
    "unc_b": "unc_bwd",
    "unc_s": "unc_sentence",
    "hist": "hist_fwd",
    "hist_b": "hist_bwd",
    "terms": "terminators",
}
