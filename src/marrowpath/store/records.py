"""What the repository returns: plain, frozen records (no ORM objects leave the store)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from marrowpath.followup.visit import Visit
from marrowpath.pathway.model import CarePlan

__all__ = [
    "AlertRecord",
    "AuditRecord",
    "CaseVersionRecord",
    "EpisodeDetail",
    "EpisodeRecord",
    "PlanRecord",
    "VisitAdded",
    "VisitRecord",
]


class _Record(BaseModel):
    """A row as the store hands it out; read straight from the ORM object's attributes."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)


class EpisodeRecord(_Record):
    id: str
    patient: str
    condition: str
    region: str
    side: str | None
    start_date: dt.date
    status: str
    version: int
    """Pass it back as ``expected_version`` to change the episode."""
    created_at: dt.datetime
    updated_at: dt.datetime


class CaseVersionRecord(_Record):
    id: int
    episode_id: str
    number: int
    case: dict[str, Any]
    assessment: dict[str, Any]
    created_at: dt.datetime


class PlanRecord(_Record):
    id: int
    episode_id: str
    case_version: int | None
    plan: dict[str, Any]
    created_at: dt.datetime

    def care_plan(self) -> CarePlan:
        return CarePlan.model_validate(self.plan)


class VisitRecord(_Record):
    id: int
    episode_id: str
    date: dt.date = Field(validation_alias=AliasChoices("date", "visit_date"))
    pain_rest: int
    pain_load: int
    weight_bearing: str
    function_notes: str
    new_imaging: str
    created_at: dt.datetime

    def visit(self) -> Visit:
        return Visit.model_validate(self.model_dump(exclude={"id", "episode_id", "created_at"}))


class AlertRecord(_Record):
    id: int
    episode_id: str
    kind: str
    key: str
    date: dt.date = Field(validation_alias=AliasChoices("date", "alert_date"))
    message: str
    created_at: dt.datetime


class AuditRecord(_Record):
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str


class EpisodeDetail(_Record):
    """An episode with everything it holds, read in one transaction."""

    episode: EpisodeRecord
    case_versions: list[CaseVersionRecord]
    plans: list[PlanRecord]
    visits: list[VisitRecord]
    alerts: list[AlertRecord]

    @property
    def plan(self) -> CarePlan | None:
        """The newest plan."""
        return self.plans[-1].care_plan() if self.plans else None


class VisitAdded(_Record):
    visit: VisitRecord
    alerts: list[AlertRecord]
    """Alerts raised by this visit (new ones only)."""
    episode: EpisodeRecord
