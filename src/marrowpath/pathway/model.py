"""The CarePlan: what ``plan`` returns, dated and traceable to knowledge-base entries."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from marrowpath.knowledge.schema import WeightBearing
from marrowpath.reasoning.model import RedFlagHit

__all__ = [
    "CarePlan",
    "ExpectedHealing",
    "PlanFollowUp",
    "PlanPhase",
    "PlanReturnToSport",
    "PlanTherapy",
    "PlanWarning",
    "PlannedStatus",
]

PlannedStatus = Literal["recommended", "consider", "not_recommended", "contraindicated"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class PlanPhase(_Out):
    """One dated phase: how much load, which aids, what is allowed and what to avoid."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    start_week: float
    end_week: float
    weight_bearing: WeightBearing
    aids: str
    allowed: str
    avoid: str
    source: str


class PlanTherapy(_Out):
    """A therapy class (never a dose) with its status for this patient and why."""

    class_: str = Field(alias="class", description="Therapy id of the knowledge base.")
    name: str
    kind: str
    status: PlannedStatus
    reason: str
    indication: str
    evidence: str
    contraindications: list[str] = Field(
        description="Patient findings that make this class contraindicated or call for caution."
    )
    checks_needed: list[str] = Field(
        description="Unknown patient facts a contraindication depends on: check before use."
    )
    source: str


class PlanFollowUp(_Out):
    date: dt.date
    week: float
    what: str
    imaging: bool
    source: str


class PlanReturnToSport(_Out):
    earliest: dt.date
    weeks_min: float
    text: str
    source: str


class ExpectedHealing(_Out):
    """The window in which healing is expected, counted from the plan's start."""

    weeks_min: float
    weeks_max: float
    earliest: dt.date
    latest: dt.date
    source: str
    note: str = ""


class PlanWarning(_Out):
    kind: Literal["red_flag", "adjustment", "contraindication", "caution", "check"]
    text: str
    source: str


class CarePlan(_Out):
    """A dated care plan for one condition in one region; urgent work-up when a red flag holds."""

    case_id: str | None
    condition: str
    condition_name: str
    region: str
    side: str | None
    pathway: str | None = Field(description="Pathway id; None for an urgent work-up.")
    urgent: bool
    start: dt.date
    lang: Literal["en", "de"]
    summary: str
    red_flags: list[RedFlagHit]
    phases: list[PlanPhase]
    therapies: list[PlanTherapy]
    follow_ups: list[PlanFollowUp]
    return_to_sport: PlanReturnToSport | None
    expected_healing: ExpectedHealing | None
    expected_improvement_week: float | None
    adjustments: list[str] = Field(
        description="Patient findings that triggered pathway adjustments."
    )
    warnings: list[PlanWarning]
    knowledge_version: str
    disclaimer: str

    def to_json_dict(self) -> dict[str, object]:
        """The JSON form (therapy class under ``class``)."""
        return self.model_dump(mode="json", by_alias=True)
