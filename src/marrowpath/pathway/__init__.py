"""Care plans: dated phases, therapy classes checked against the patient, follow-ups.

The core (``plan`` and the models) imports no adapter library; exports live in submodules:
``handout`` (HTML/PDF), ``timeline`` (picture), ``ical`` (calendar).
"""

from __future__ import annotations

from marrowpath.pathway.contraindications import TherapyCheck, check_therapy
from marrowpath.pathway.model import (
    CarePlan,
    ExpectedHealing,
    PlanFollowUp,
    PlannedStatus,
    PlanPhase,
    PlanReturnToSport,
    PlanTherapy,
    PlanWarning,
)
from marrowpath.pathway.planner import plan

__all__ = [
    "CarePlan",
    "ExpectedHealing",
    "PlanFollowUp",
    "PlanPhase",
    "PlanReturnToSport",
    "PlanTherapy",
    "PlanWarning",
    "PlannedStatus",
    "TherapyCheck",
    "check_therapy",
    "plan",
]
