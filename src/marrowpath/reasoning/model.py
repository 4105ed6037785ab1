"""The Assessment: what ``assess`` returns, every number traceable to a knowledge entry."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from marrowpath.case import FindingValue, Side

__all__ = [
    "Assessment",
    "ClassificationResult",
    "Contribution",
    "Diagnosis",
    "NextExamination",
    "RedFlagHit",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """Build from values the engine computed from validated knowledge, skipping validation.

        ``model_construct`` does the same but costs several microseconds per object; on the
        assessment hot path (dozens of objects per case) this is the difference between
        thousands of assessments per second and hundreds. Tests check that every such object
        validates and round-trips.
        """
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


class Contribution(_Out):
    """One finding's exact effect on one diagnosis: its log-likelihood ratio and source."""

    finding: str
    name: str
    value: FindingValue
    direction: Literal["for", "against"]
    likelihood_ratio: float
    log_lr: float = Field(description="Natural log of the likelihood ratio applied.")
    source: str


class Diagnosis(_Out):
    condition: str
    name: str
    probability: float
    prior: float
    prior_source: str
    log_score: float = Field(description="log(prior) + sum of log_lr; probabilities are a softmax.")
    contributions: list[Contribution]
    missing_typical: list[str] = Field(
        description="Unknown findings that would most support this diagnosis, strongest first."
    )


class RedFlagHit(_Out):
    id: str
    name: str
    kind: str
    urgency: Literal["emergency", "urgent", "soon"]
    triggered_by: list[str]
    action: str
    source: str


class ClassificationResult(_Out):
    id: str
    name: str
    grade: str
    label: str
    matched: list[str]
    source: str


class NextExamination(_Out):
    finding: str
    name: str
    examination: str
    information_gain: float = Field(description="Expected reduction of entropy, in bits.")
    separates: list[str] = Field(description="Leading diagnoses the answer moves most.")


class Assessment(_Out):
    """Red flags first, then the ranked differential with its explanation."""

    case_id: str | None
    region: str
    side: Side | None
    lang: Literal["en", "de"]
    red_flags: list[RedFlagHit]
    differential: list[Diagnosis]
    classifications: list[ClassificationResult]
    next_examinations: list[NextExamination]
    findings: dict[str, FindingValue] = Field(description="Findings used, after derivation.")
    unused_input: list[str]
    knowledge_version: str
    disclaimer: str
