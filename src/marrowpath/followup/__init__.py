"""Follow-up of an episode: visits, the expected course, deviation alerts and the pain chart.

Pure functions over visits; the store persists what they return. ``chart`` is a submodule
(it loads matplotlib).
"""

from __future__ import annotations

from marrowpath.followup.alerts import (
    Alert,
    AlertKind,
    course_alerts,
    deviation_alerts,
    new_red_flag_alerts,
    overdue_alerts,
)
from marrowpath.followup.course import (
    ExpectedCourse,
    expected_band,
    expected_course,
    expected_course_of_plan,
)
from marrowpath.followup.visit import Visit, make_visit

__all__ = [
    "Alert",
    "AlertKind",
    "ExpectedCourse",
    "Visit",
    "course_alerts",
    "deviation_alerts",
    "expected_band",
    "expected_course",
    "expected_course_of_plan",
    "make_visit",
    "new_red_flag_alerts",
    "overdue_alerts",
]
