"""Deviation alerts: pure functions over an episode's visits, plan and assessments.

An alert says that the course differs from the expected one; it never changes the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from marrowpath.followup._texts import text
from marrowpath.followup.course import ExpectedCourse
from marrowpath.followup.visit import Visit
from marrowpath.pathway.model import PlanFollowUp
from marrowpath.reasoning.model import RedFlagHit

__all__ = [
    "Alert",
    "AlertKind",
    "course_alerts",
    "deviation_alerts",
    "new_red_flag_alerts",
    "overdue_alerts",
]

AlertKind = Literal[
    "no_improvement", "pain_rising", "beyond_window", "new_red_flag", "follow_up_overdue"
]


class Alert(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: AlertKind
    date: dt.date
    message: str
    key: str
    """Identifies the alert so that it is raised once (kind plus what it is about)."""


def _weeks(start: dt.date, day: dt.date) -> float:
    return (day - start).days / 7


def course_alerts(
    visits: Sequence[Visit], start: dt.date, course: ExpectedCourse | None, lang: str = "en"
) -> list[Alert]:
    """Alerts from the pain course: no improvement, rising pain, beyond the healing window."""
    ordered = sorted(visits, key=lambda v: v.date)
    out: list[Alert] = []
    if len(ordered) >= 3:
        a, b, c = ordered[-3:]
        if a.pain < b.pain < c.pain:
            values = " → ".join(str(v.pain) for v in (a, b, c))
            out.append(
                Alert(
                    kind="pain_rising",
                    date=c.date,
                    message=text("pain_rising", lang, values=values),
                    key=f"pain_rising:{c.date.isoformat()}",
                )
            )
    if course is None or not ordered:
        return out
    first = ordered[0]
    week = course.improvement_week
    if week is not None:
        late = [v for v in ordered[1:] if _weeks(start, v.date) >= week]
        if late and late[-1].pain >= first.pain and late[-1].pain > 0:
            out.append(
                Alert(
                    kind="no_improvement",
                    date=late[-1].date,
                    message=text(
                        "no_improvement", lang, week=week, first=first.pain, now=late[-1].pain
                    ),
                    key="no_improvement",
                )
            )
    beyond = [v for v in ordered if _weeks(start, v.date) > course.healing_weeks_max and v.pain > 0]
    if beyond:
        out.append(
            Alert(
                kind="beyond_window",
                date=beyond[0].date,
                message=text("beyond_window", lang, weeks=course.healing_weeks_max),
                key="beyond_window",
            )
        )
    return out


def new_red_flag_alerts(
    previous: Iterable[str], current: Iterable[RedFlagHit], day: dt.date, lang: str = "en"
) -> list[Alert]:
    """An alert for each red flag of the latest assessment not raised in the previous one."""
    seen = set(previous)
    return [
        Alert(
            kind="new_red_flag",
            date=day,
            message=text("new_red_flag", lang, name=f.name, action=f.action),
            key=f"new_red_flag:{f.id}",
        )
        for f in current
        if f.id not in seen
    ]


def overdue_alerts(
    follow_ups: Iterable[PlanFollowUp],
    visits: Sequence[Visit],
    today: dt.date,
    lang: str = "en",
    grace_days: int = 7,
) -> list[Alert]:
    """Follow-ups more than ``grace_days`` past with no visit from ``grace_days`` before them.

    ``grace_days`` is a scheduling tolerance, not a clinical value.
    """
    slack = dt.timedelta(days=grace_days)
    out = []
    for f in follow_ups:
        if today <= f.date + slack:
            continue
        if any(v.date >= f.date - slack for v in visits):
            continue
        when = f.date.isoformat() if lang == "en" else f.date.strftime("%d.%m.%Y")
        out.append(
            Alert(
                kind="follow_up_overdue",
                date=today,
                message=text("follow_up_overdue", lang, date=when, what=f.what),
                key=f"follow_up_overdue:{f.date.isoformat()}",
            )
        )
    return out


def deviation_alerts(
    visits: Sequence[Visit],
    start: dt.date,
    course: ExpectedCourse | None,
    follow_ups: Iterable[PlanFollowUp] = (),
    today: dt.date | None = None,
    lang: str = "en",
) -> list[Alert]:
    """Every course and overdue alert of an episode as of ``today`` (no overdue check if None)."""
    out = course_alerts(visits, start, course, lang)
    if today is not None:
        out += overdue_alerts(follow_ups, visits, today, lang)
    return out
