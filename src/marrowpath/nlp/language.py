"""Telling English from German reports by their function words (rule data in sections.yaml)."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from marrowpath.nlp.patterns import lower

__all__ = ["detect_language"]

_GERMAN_LETTERS = re.compile(r"[äöüßÄÖÜ]")


_WORD = re.compile(r"\w+")


@functools.cache
def _words(lang: str) -> frozenset[str]:
    """The language's function words, one token each (phrases count by their first word)."""
    text = resources.files("marrowpath.nlp").joinpath(f"rules/{lang}/sections.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    return frozenset(lower(str(w)).split()[0] for w in data.get("language_words") or [])


def detect_language(text: str) -> str:
    """ "de" when German function words (and umlauts) outnumber English ones, else "en".

    One tokenising pass and set lookups: this runs on every report of an archive.
    """
    sample = lower(text[:1000])
    de_words, en_words = _words("de"), _words("en")
    words = _WORD.findall(sample)
    # A word of both lists counts for both, which leaves the comparison as it is.
    de = len(_GERMAN_LETTERS.findall(sample)) + sum(map(de_words.__contains__, words))
    en = sum(map(en_words.__contains__, words))
    return "de" if de > en else "en"
