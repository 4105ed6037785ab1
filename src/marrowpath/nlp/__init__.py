"""The radiology report reader: bone marrow edema mentions from English and German MRI reports.

Rules are data (``rules/<lang>/*.yaml``); anatomy comes from the knowledge base. The core never
imports spaCy: one pass of precompiled regexes per sentence.
"""

from __future__ import annotations

from marrowpath.nlp.models import (
    AssociatedFinding,
    EdemaMention,
    PhraseMatch,
    ReportReading,
)
from marrowpath.nlp.phrases import match_phrases
from marrowpath.nlp.reader import read_report

__all__ = [
    "AssociatedFinding",
    "EdemaMention",
    "PhraseMatch",
    "ReportReading",
    "match_phrases",
    "read_report",
]
