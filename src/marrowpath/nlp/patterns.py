"""Compiling phrase lists into one fast regex each.

Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position, so a plain
alternation of hundreds of phrases is slow. Folding the phrases into a token trie gives one
alternative per distinct first token and makes every match the longest one at its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["compile_phrases", "normalize", "phrase_regex"]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"[\s\-‐–]+")

DEFAULT_SEP = r"(?:\s*[-‐–]\s*|\s+)"
"""Between two tokens of a phrase: spaces or a hyphen ("bone-marrow edema")."""


def normalize(text: str) -> str:
    """A lookup key: lower case, umlauts spelled out, hyphens and runs of space as one space."""
    return _SPACE.sub(" ", text.lower().translate(_UMLAUTS)).strip()


def _tokens(phrase: str) -> list[str]:
    """Word runs and punctuation; hyphens are separators, not tokens."""
    return [t for t in _TOKEN.findall(phrase.lower()) if t not in "-‐–"]


def _variants(phrase: str) -> set[str]:
    """The phrase, and its spelling with umlauts written out (oe for ö)."""
    low = phrase.lower()
    return {low, low.translate(_UMLAUTS)}


def _joiner(left: str, right: str, sep: str) -> str:
    return sep if left[-1].isalnum() and right[0].isalnum() else r"\s*"


def _emit(node: dict[str, dict[str, object]], prev: str, sep: str) -> str:
    """The alternation of every continuation below ``node`` (reached by token ``prev``)."""
    branches = []
    for tok in sorted((t for t in node if t), key=lambda t: (-len(t), t)):
        child: dict[str, dict[str, object]] = node[tok]  # type: ignore[assignment]
        piece = (_joiner(prev, tok, sep) if prev else "") + re.escape(tok)
        if any(child_tok for child_tok in child):
            cont = _emit(child, tok, sep)
            piece += f"(?:{cont})?" if "" in child else f"(?:{cont})"
        branches.append(piece)
    return "|".join(branches)


def phrase_regex(phrases: Iterable[str], sep: str = DEFAULT_SEP) -> str:
    """One regex source matching any phrase, longest first; entries ``re:...`` are raw regexes."""
    trie: dict[str, dict[str, object]] = {}
    raw: list[str] = []
    for phrase in phrases:
        if phrase.startswith("re:"):
            raw.append(phrase[3:])
            continue
        for variant in _variants(phrase):
            node = trie
            for tok in _tokens(variant):
                node = node.setdefault(tok, {})  # type: ignore[assignment]
            node[""] = {}
    parts = [f"(?:{r})" for r in raw]
    body = _emit(trie, "", sep)
    if body:
        parts.append(body)
    if not parts:
        return r"(?!x)x"
    return r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])"


def compile_phrases(phrases: Iterable[str], sep: str = DEFAULT_SEP) -> re.Pattern[str]:
    """Compile :func:`phrase_regex` case-insensitively."""
    return re.compile(phrase_regex(phrases, sep), re.IGNORECASE)
