"""Tests of the expected course and band."""

from __future__ import annotations

import pytest

from marrowpath.errors import InputError
from marrowpath.followup import expected_band, expected_course, expected_course_of_plan
from marrowpath.knowledge import Knowledge
from tests.pathway.fixture_kb import make_plan


class TestExpectedCourse:
    """The course comes from the pathway of the condition in the region."""

    def test_from_the_pathway(self, kb: Knowledge) -> None:
        """Hip transient osteoporosis: 4-26 weeks, improvement by week 6."""
        c = expected_course("transient_osteoporosis", "hip", kb)
        assert (c.healing_weeks_min, c.healing_weeks_max, c.improvement_week) == (4, 26, 6)
        assert c.source == "seed-article"

    def test_default_pathway(self, kb: Knowledge) -> None:
        """A condition's default pathway serves other regions."""
        assert expected_course("bone_bruise", "knee", kb).healing_weeks_max == 52

    def test_no_pathway(self, kb: Knowledge) -> None:
        """No pathway, no course."""
        with pytest.raises(
            InputError, match=r"^condition: no care pathway for 'tumor' in region 'hip'$"
        ):
            expected_course("tumor", "hip", kb)

    def test_of_plan(self, kb: Knowledge) -> None:
        """A stored plan carries its course; an urgent work-up none."""
        c = expected_course_of_plan(make_plan(kb))
        assert c is not None
        assert c.healing_weeks_max == 26
        assert expected_course_of_plan(make_plan(kb, findings={"fever": True})) is None


class TestBand:
    """The band starts at the first pain and reaches zero within the healing window."""

    def test_shape(self, kb: Knowledge) -> None:
        """Plateau until the improvement week, zero at the window's ends."""
        c = expected_course("transient_osteoporosis", "hip", kb)
        assert expected_band(c, 8, 0) == (8, 8)
        assert expected_band(c, 8, 2) == (4, 8)
        assert expected_band(c, 8, 6) == (0, 8)
        assert expected_band(c, 8, 16) == (0, 4)
        assert expected_band(c, 8, 26) == (0, 0)
        assert expected_band(c, 8, 40) == (0, 0)
