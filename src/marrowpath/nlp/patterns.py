"""Compiling phrase lists into one fast regex each.

Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position, so a plain
alternation of hundreds of phrases is slow. The phrases are folded into a character trie
(one branch per distinct next character), and matched on lower-cased text without
``re.IGNORECASE``; every match is the longest one at its start. Token separators (spaces or a
hyphen) are one trie step each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = [
    "DEFAULT_SEP",
    "compile_phrases",
    "lower",
    "normalize",
    "phrase_regex",
    "substring_regex",
]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"[\s\-‐–]+")
_SEP = "\x00"
_TIGHT = "\x01"

_STARTS_WITH_WORD = re.compile(r"(?:\(\?:)*(?:[^\W\d_]|\\w|\\b)")
"""A regex that begins with a letter needs only the cheap word-start test."""

DEFAULT_SEP = r"(?:\s*[-‐–]\s*|\s+)"
"""Between two tokens of a phrase: spaces or a hyphen ("bone-marrow edema")."""


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """A lookup key: lower case, umlauts spelled out, hyphens and runs of space as one space."""
    return _SPACE.sub(" ", text.lower().translate(_UMLAUTS)).strip()


def lower(text: str) -> str:
    """``text`` in lower case, offsets kept (a character whose lower case is longer stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _symbols(phrase: str) -> list[str]:
    """Characters of the phrase, with one separator symbol between tokens."""
    toks = [t for t in _TOKEN.findall(phrase.lower()) if t not in "-‐–"]
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i:
            prev = toks[i - 1]
            out.append(_SEP if prev[-1].isalnum() and tok[0].isalnum() else _TIGHT)
        out.extend(tok)
    return out


def _emit(node: dict[str, dict[str, object]], sep: str) -> str:
    branches = []
    for sym in sorted(s for s in node if s):
        child: dict[str, dict[str, object]] = node[sym]  # type: ignore[assignment]
        piece = sep if sym == _SEP else r"\s*" if sym == _TIGHT else re.escape(sym)
        if any(child):
            rest = _emit(child, sep)
            piece += f"(?:{rest})?" if "" in child else (f"(?:{rest})" if "|" in rest else rest)
        branches.append(piece)
    return "|".join(branches)


def phrase_regex(phrases: Iterable[str], sep: str = DEFAULT_SEP, suffix: str = "") -> str:
    """One regex source matching any phrase (lower case), longest first.

    Entries ``re:...`` are raw regexes, matched case-insensitively.
    """
    trie: dict[str, dict[str, object]] = {}
    raw: list[str] = []
    for phrase in phrases:
        if phrase.startswith("re:"):
            raw.append(phrase[3:])
            continue
        for variant in {phrase.lower(), phrase.lower().translate(_UMLAUTS)}:
            node = trie
            for sym in _symbols(variant):
                node = node.setdefault(sym, {})  # type: ignore[assignment]
            node[""] = {}
    # A phrase starts and ends at a word boundary; a regex may also start or end on
    # punctuation right after or before a word ("[;]" in "edema; new ..."). One shared
    # word-start test keeps the common case fast.
    words = [f"(?i:{r})" for r in raw if _STARTS_WITH_WORD.match(r)]
    marks = [f"(?i:{r})" for r in raw if not _STARTS_WITH_WORD.match(r)]
    body = _emit(trie, sep)
    if body:
        words.append(body)
    groups = []
    if words:
        groups.append(r"(?<![^\W_])(?:" + "|".join(words) + ")")
    if marks:
        groups.append(r"(?:(?<![^\W_])|(?=[^\w\s]))(?:" + "|".join(marks) + ")")
    if not groups:
        return r"(?!x)x"
    head = groups[0] if len(groups) == 1 else "(?:" + "|".join(groups) + ")"
    return head + suffix + r"(?:(?![^\W_])|(?<=[^\w\s]))"


def compile_phrases(
    phrases: Iterable[str], sep: str = DEFAULT_SEP, suffix: str = ""
) -> re.Pattern[str]:
    """Compile :func:`phrase_regex`; search it in :func:`lower`-cased text.

    ``suffix`` is a regex allowed after any phrase (e.g. a plural "s").
    """
    return re.compile(phrase_regex(phrases, sep, suffix))


def substring_regex(stems: Iterable[str]) -> re.Pattern[str]:
    """One trie regex finding any of ``stems`` anywhere, inside words too (twice as fast as a
    ``str.find`` per stem over a report)."""
    trie: dict[str, dict[str, object]] = {}
    words = sorted({s.lower() for s in stems}, key=len)
    kept: list[str] = []
    for word in words:  # "bruis" finds "bruisng" too: a stem holding another is not needed
        if not any(k in word for k in kept):
            kept.append(word)
    for stem in kept:
        node = trie
        for sym in stem.lower():
            node = node.setdefault(sym, {})  # type: ignore[assignment]
        node[""] = {}
    return re.compile(_emit_chars(trie) or r"(?!x)x")


def _emit_chars(node: dict[str, dict[str, object]]) -> str:
    branches = []
    for sym in sorted(s for s in node if s):
        child: dict[str, dict[str, object]] = node[sym]  # type: ignore[assignment]
        piece = re.escape(sym)
        if any(child):
            rest = _emit_chars(child)
            piece += f"(?:{rest})?" if "" in child else f"(?:{rest})"
        branches.append(piece)
    return "|".join(branches)
