"""Associated MRI findings (fracture line, effusion, ligament tear, ...) from the catalogue.

Their phrases are the synonyms of the ``mri`` findings in the knowledge base
(``knowledge/data/findings/mri_report.yaml``). Edema itself and the Modic types are read as
edema mentions, so their catalogue entries are not matched here.
"""

from __future__ import annotations

import functools
import re

from marrowpath.knowledge import load_knowledge
from marrowpath.nlp.patterns import compile_phrases, normalize

__all__ = ["AssociatedMatcher", "associated_matcher"]

_FROM_EDEMA = frozenset({"mri_bme", "mri_modic_1", "mri_modic_2", "mri_modic_3"})


class AssociatedMatcher:
    """One regex over every associated-finding synonym of one language (and English)."""

    def __init__(self, lang: str) -> None:
        kb = load_knowledge()
        phrases: list[str] = []
        self.finding_of: dict[str, str] = {}
        for f in kb.kb.findings:
            if f.category != "mri" or f.id in _FROM_EDEMA:
                continue
            langs = (f.synonyms.get(lang), f.synonyms.en) if lang != "en" else (f.synonyms.en,)
            for syns in langs:
                for syn in syns:
                    phrases.append(syn)
                    self.finding_of.setdefault(normalize(syn), f.id)
        self.pattern: re.Pattern[str] = compile_phrases(phrases)

    def finding(self, matched: str) -> str | None:
        return self.finding_of.get(normalize(matched))


@functools.cache
def associated_matcher(lang: str) -> AssociatedMatcher:
    """The compiled matcher of ``lang``, built once per process."""
    return AssociatedMatcher(lang)
