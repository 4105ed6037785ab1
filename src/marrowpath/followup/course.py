"""The expected course of a condition in a region, and the expected pain band over time.

Windows come from the knowledge base's pathway (``expected_healing`` with its source and
``expected_improvement_week``). The band is a display aid, not a clinical fact: pain is
expected to stay at most at its first value until the improvement week and then fall to zero
by the end of the healing window (upper edge), and at best to fall to zero by its start
(lower edge).
"""

from __future__ import annotations

from dataclasses import dataclass

from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.pathway.model import CarePlan

__all__ = ["ExpectedCourse", "expected_band", "expected_course", "expected_course_of_plan"]


@dataclass(frozen=True)
class ExpectedCourse:
    condition: str
    region: str
    healing_weeks_min: float
    healing_weeks_max: float
    improvement_week: float | None
    source: str


def expected_course(condition: str, region: str, kb: Knowledge | None = None) -> ExpectedCourse:
    """The expected course from the pathway for ``condition`` in ``region``.

    Raises:
        InputError: no pathway for the condition in the region.
    """
    kb = kb or load_knowledge()
    pathway = kb.pathway_for(condition, region)
    if pathway is None:
        msg = f"condition: no care pathway for {condition!r} in region {region!r}"
        raise InputError(msg, field="condition")
    h = pathway.expected_healing
    return ExpectedCourse(
        condition=condition,
        region=region,
        healing_weeks_min=h.weeks_min,
        healing_weeks_max=h.weeks_max,
        improvement_week=pathway.expected_improvement_week,
        source=h.source,
    )


def expected_course_of_plan(care: CarePlan) -> ExpectedCourse | None:
    """The expected course a stored plan carries (None for an urgent work-up)."""
    h = care.expected_healing
    if h is None:
        return None
    return ExpectedCourse(
        condition=care.condition,
        region=care.region,
        healing_weeks_min=h.weeks_min,
        healing_weeks_max=h.weeks_max,
        improvement_week=care.expected_improvement_week,
        source=h.source,
    )


def expected_band(course: ExpectedCourse, baseline: float, week: float) -> tuple[float, float]:
    """(lowest, highest) expected pain ``week`` weeks after the start, from ``baseline``."""
    lo_end = max(course.healing_weeks_min, 1e-9)
    low = max(0.0, baseline * (1 - week / lo_end))
    plateau = course.improvement_week or 0.0
    hi_end = max(course.healing_weeks_max, plateau + 1e-9)
    if week <= plateau:
        high = baseline
    else:
        high = max(0.0, baseline * (1 - (week - plateau) / (hi_end - plateau)))
    return min(low, high), high
