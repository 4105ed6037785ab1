"""Tests of the deviation alerts."""

from __future__ import annotations

import datetime as dt

from marrowpath.followup import (
    ExpectedCourse,
    Visit,
    course_alerts,
    deviation_alerts,
    new_red_flag_alerts,
    overdue_alerts,
)
from marrowpath.pathway import PlanFollowUp
from marrowpath.reasoning import RedFlagHit

START = dt.date(2026, 1, 5)
COURSE = ExpectedCourse("transient_osteoporosis", "hip", 4, 26, 6, "seed-article")


def visit(week: float, rest: int, load: int) -> Visit:
    return Visit(
        date=START + dt.timedelta(days=round(week * 7)),
        pain_rest=rest,
        pain_load=load,
        weight_bearing="partial_weight_bearing",
    )


class TestCourseAlerts:
    """No improvement by the week, rising pain, beyond the window."""

    def test_improving_course_raises_nothing(self) -> None:
        """A falling pain course is quiet."""
        visits = [visit(0, 4, 7), visit(3, 3, 5), visit(6, 2, 3), visit(12, 0, 1)]
        assert course_alerts(visits, START, COURSE) == []

    def test_no_improvement_by_week_six(self) -> None:
        """Pain at week 6 not below the first visit's."""
        alerts = course_alerts([visit(0, 4, 7), visit(6, 4, 7)], START, COURSE)
        assert [(a.kind, a.date) for a in alerts] == [
            ("no_improvement", START + dt.timedelta(weeks=6))
        ]
        assert alerts[0].message == (
            "No improvement by week 6 (pain 7 at the first visit, 7 now): "
            "re-evaluate the diagnosis and the plan."
        )

    def test_before_week_six_no_judgement(self) -> None:
        """Unchanged pain at week 4 is not yet an alert."""
        assert course_alerts([visit(0, 4, 7), visit(4, 4, 7)], START, COURSE) == []

    def test_pain_rising_over_two_visits(self) -> None:
        """Two rises in a row raise an alert at the last visit (in German too)."""
        visits = [visit(0, 2, 3), visit(1, 2, 4), visit(2, 3, 6)]
        alerts = course_alerts(visits, START, COURSE, lang="de")
        assert [a.kind for a in alerts] == ["pain_rising"]
        assert alerts[0].message.startswith(
            "Schmerz steigt über die letzten zwei Termine (3 → 4 → 6)"
        )

    def test_one_rise_is_not_enough(self) -> None:
        """Up then down is no trend."""
        assert course_alerts([visit(0, 2, 3), visit(1, 2, 5), visit(2, 2, 4)], START, COURSE) == []

    def test_beyond_the_window(self) -> None:
        """Pain after the healing window asks to re-evaluate for osteonecrosis and fracture."""
        visits = [visit(0, 5, 6), visit(10, 2, 3), visit(30, 1, 2)]
        alerts = course_alerts(visits, START, COURSE)
        assert [a.kind for a in alerts] == ["beyond_window"]
        assert "osteonecrosis, fracture and other causes" in alerts[0].message

    def test_pain_free_after_the_window_is_fine(self) -> None:
        """Healed is healed."""
        assert course_alerts([visit(0, 5, 6), visit(30, 0, 0)], START, COURSE) == []

    def test_without_course_only_trends(self) -> None:
        """An urgent work-up has no course; rising pain still alerts."""
        visits = [visit(0, 1, 1), visit(1, 2, 2), visit(40, 3, 3)]
        assert [a.kind for a in course_alerts(visits, START, None)] == ["pain_rising"]
        assert course_alerts([], START, COURSE) == []


class TestOtherAlerts:
    """New red flags and overdue follow-ups."""

    def test_new_red_flag(self) -> None:
        """Only flags not raised before."""
        hit = RedFlagHit(
            id="suspected_infection",
            name="Suspected infection",
            kind="infection",
            urgency="emergency",
            triggered_by=["fever"],
            action="Refer today.",
            source="s1",
        )
        assert new_red_flag_alerts(["suspected_infection"], [hit], START) == []
        alerts = new_red_flag_alerts([], [hit], START)
        assert alerts[0].message == "New red flag: Suspected infection. Refer today."
        assert alerts[0].key == "new_red_flag:suspected_infection"

    def test_overdue(self) -> None:
        """A follow-up more than a week past without a visit near it is overdue."""
        fu = PlanFollowUp(
            date=START + dt.timedelta(weeks=6), week=6, what="Review", imaging=False, source="x"
        )
        due = fu.date
        assert overdue_alerts([fu], [], due + dt.timedelta(days=7)) == []
        alerts = overdue_alerts([fu], [], due + dt.timedelta(days=8))
        assert alerts[0].message == "Follow-up due on 2026-02-16 is overdue: Review"
        assert overdue_alerts([fu], [visit(5.5, 1, 1)], due + dt.timedelta(days=30)) == []
        de = overdue_alerts([fu], [], due + dt.timedelta(days=8), lang="de")
        assert de[0].message == "Kontrolltermin vom 16.02.2026 ist überfällig: Review"

    def test_deviation_alerts_combines(self) -> None:
        """Course alerts plus overdue ones when a day is given."""
        fu = PlanFollowUp(
            date=START + dt.timedelta(weeks=2), week=2, what="Review", imaging=False, source="x"
        )
        visits = [visit(0, 4, 7)]
        assert deviation_alerts(visits, START, COURSE, [fu]) == []
        kinds = [
            a.kind
            for a in deviation_alerts(
                visits, START, COURSE, [fu], today=START + dt.timedelta(weeks=4)
            )
        ]
        assert kinds == ["follow_up_overdue"]
