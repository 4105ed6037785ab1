"""Finding any caller's phrases in free text with the reader's negation and hedge scope."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from marrowpath.errors import InputError
from marrowpath.nlp.context import SentenceContext
from marrowpath.nlp.lexicon import lexicon
from marrowpath.nlp.models import PhraseMatch
from marrowpath.nlp.patterns import compile_phrases, lower, normalize
from marrowpath.nlp.reader import check_text
from marrowpath.nlp.sections import split_sentences

__all__ = ["match_phrases"]


@functools.lru_cache(maxsize=256)
def _compiled(
    items: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    phrases = []
    for key, syns in items:
        for syn in syns:
            phrases.append(syn)
            table.setdefault(normalize(syn), key)
    return compile_phrases(phrases), table


def match_phrases(
    text: str, phrases: Mapping[str, Sequence[str]], lang: str = "en"
) -> list[PhraseMatch]:
    """Find each key's phrases in ``text``, with status present/negated/uncertain/historical.

    Used to read free-text case fields ("no night pain", "V.a. Fraktur").

    Example:
        >>> [m.status for m in match_phrases("No night pain.", {"night_pain": ["night pain"]})]
        ['negated']
    """
    check_text(text)
    if not isinstance(phrases, Mapping):
        msg = f"phrases must be a mapping of key -> phrases, got {type(phrases).__name__}"
        raise InputError(msg, field="phrases")
    items = []
    for key, syns in phrases.items():
        if isinstance(syns, str) or not all(isinstance(s, str) and s.strip() for s in syns):
            msg = f"phrases[{key!r}] must be a list of non-empty strings, got {syns!r}"
            raise InputError(msg, field="phrases")
        items.append((str(key), tuple(syns)))
    lex = lexicon(lang)
    pattern, table = _compiled(tuple(items))
    out = []
    low = lower(text)
    for sent in split_sentences(text, lex):
        s = low[sent.start : sent.end]
        matches = list(pattern.finditer(s))
        if not matches:
            continue
        ctx = SentenceContext(s, lex)
        for m in matches:
            found = table.get(normalize(m.group()))
            if found is None:
                continue
            mods = ctx.modifiers(m.start(), m.end())
            status = mods.status
            out.append(
                PhraseMatch(
                    key=found,
                    status=status,
                    start=sent.start + m.start(),
                    end=sent.start + m.end(),
                    text=text[sent.start + m.start() : sent.start + m.end()],
                )
            )
    return out
