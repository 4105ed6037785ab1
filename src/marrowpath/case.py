"""The Case: what is known about one patient's bone marrow edema episode.

A case is structured input: patient facts, region and side, and findings coded with ids of
the knowledge base's catalogue (``true``/``false`` for present/stated absent, a number for
numeric findings). Free-text MRI reports can be attached and are read by the report reader.
Facts not stated are simply left out: unknown is different from absent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Case", "FindingValue", "Patient", "Pregnancy", "Side"]

Side = Literal["left", "right", "bilateral"]
FindingValue = bool | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Pregnancy(_Model):
    """Pregnancy state; drives contraindications and the pregnancy-associated pathways."""

    status: Literal["not_pregnant", "pregnant", "postpartum"]
    trimester: Literal[1, 2, 3] | None = None
    weeks_postpartum: float | None = Field(default=None, ge=0, le=104)
    breastfeeding: bool | None = None


class Patient(_Model):
    age: int | None = Field(default=None, ge=0, le=120, description="Age in years.")
    sex: Literal["female", "male", "other"] | None = None
    pregnancy: Pregnancy | None = None
    activity: (
        Literal["sedentary", "active", "recreational_athlete", "competitive_athlete"] | None
    ) = None
    egfr: float | None = Field(
        default=None, ge=0, le=200, description="Estimated GFR in mL/min/1.73 m2."
    )
    pseudonym: str | None = Field(default=None, max_length=128)


class Case(_Model):
    """One patient's presentation, the input of ``assess``."""

    id: str | None = Field(default=None, max_length=200)
    patient: Patient = Field(default_factory=Patient)
    region: str = Field(description="Region id of the knowledge base, e.g. 'hip'.")
    side: Side | None = None
    onset_weeks: float | None = Field(
        default=None, ge=0, le=1040, description="Weeks since symptoms began."
    )
    trauma: bool | None = Field(default=None, description="Stated injury (true) or none (false).")
    findings: dict[str, FindingValue] = Field(
        default_factory=dict,
        description="Finding id -> true (present), false (stated absent) or a number.",
    )
    reports: list[str] = Field(
        default_factory=list, description="Free-text MRI or radiograph reports, read on assess."
    )
    unused_input: list[str] = Field(
        default_factory=list,
        description="Input that was not understood when the case was made from free text.",
    )
