"""Evaluating knowledge-base criteria (red flags, classifications, contraindications)."""

from __future__ import annotations

from collections.abc import Mapping

from marrowpath.case import FindingValue
from marrowpath.knowledge.schema import Criterion

__all__ = ["matches"]


def matches(
    criterion: Criterion, findings: Mapping[str, FindingValue], region: str | None = None
) -> list[str] | None:
    """The findings that make ``criterion`` hold, or None when it does not hold.

    A finding counts as present when its value is ``True`` (numbers only act through
    derived findings); ``absent`` needs an explicit ``False``; unknown satisfies neither.
    """
    if criterion.regions and region not in criterion.regions:
        return None
    present = [f for f in criterion.all if findings.get(f) is True]
    if len(present) != len(criterion.all):
        return None
    if criterion.any:
        hits = [f for f in criterion.any if findings.get(f) is True]
        if not hits:
            return None
        present += hits
    if any(findings.get(f) is True for f in criterion.none):
        return None
    stated_absent = [f for f in criterion.absent if findings.get(f) is False]
    if len(stated_absent) != len(criterion.absent):
        return None
    return present + [f"no {f}" for f in stated_absent]
