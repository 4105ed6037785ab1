"""Telling English from German reports by their function words (rule data in sections.yaml)."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from marrowpath.nlp.patterns import compile_phrases, lower

__all__ = ["detect_language"]

_GERMAN_LETTERS = re.compile(r"[äöüßÄÖÜ]")


@functools.cache
def _words(lang: str) -> re.Pattern[str]:
    text = resources.files("marrowpath.nlp").joinpath(f"rules/{lang}/sections.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    return compile_phrases(str(w) for w in data.get("language_words") or [])


def detect_language(text: str) -> str:
    """ "de" when German function words (and umlauts) outnumber English ones, else "en"."""
    sample = lower(text[:4000])
    de = len(_words("de").findall(sample)) + len(_GERMAN_LETTERS.findall(sample))
    en = len(_words("en").findall(sample))
    return "de" if de > en else "en"
