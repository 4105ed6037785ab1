"""Reasoning: red flags, the explained differential, classifications, what to examine next."""

from __future__ import annotations

from marrowpath.reasoning.assess import assess, assess_findings
from marrowpath.reasoning.model import (
    Assessment,
    ClassificationResult,
    Contribution,
    Diagnosis,
    NextExamination,
    RedFlagHit,
)

__all__ = [
    "Assessment",
    "ClassificationResult",
    "Contribution",
    "Diagnosis",
    "NextExamination",
    "RedFlagHit",
    "assess",
    "assess_findings",
]
