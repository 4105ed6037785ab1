"""Tests of the pain chart."""

from __future__ import annotations

import datetime as dt

import pytest

from marrowpath.errors import InputError
from marrowpath.followup import ExpectedCourse, Visit
from marrowpath.followup.chart import pain_chart

START = dt.date(2026, 1, 5)
COURSE = ExpectedCourse("transient_osteoporosis", "hip", 4, 26, 6, "seed-article")
VISITS = [
    Visit(
        date=START + dt.timedelta(weeks=w),
        pain_rest=r,
        pain_load=lo,
        weight_bearing="partial_weight_bearing",
    )
    for w, r, lo in ((0, 4, 7), (3, 3, 6), (8, 2, 3))
]


class TestChart:
    """PNG and SVG with the expected band."""

    def test_png(self) -> None:
        """A PNG."""
        assert pain_chart(VISITS, START, COURSE).startswith(b"\x89PNG")

    def test_svg_labels(self) -> None:
        """The SVG names both pain series and the band, in German too."""
        svg = pain_chart(VISITS, START, COURSE, "svg", "de").decode()
        for label in ("Ruheschmerz", "Belastungsschmerz", "erwarteter Verlauf"):
            assert label in svg
        assert pain_chart(VISITS, START, COURSE, "svg") == pain_chart(VISITS, START, COURSE, "svg")

    def test_without_course_or_visits(self) -> None:
        """No band without a course; an empty episode still draws."""
        svg = pain_chart(VISITS, START, None, "svg").decode()
        assert "expected course" not in svg
        assert pain_chart([], START, COURSE).startswith(b"\x89PNG")

    def test_bad_arguments(self) -> None:
        """Format and language are checked."""
        with pytest.raises(InputError, match=r"^format: 'jpg' is not one of 'png', 'svg'$"):
            pain_chart(VISITS, START, COURSE, "jpg")
        with pytest.raises(InputError, match=r"^lang: 'fr' is not one of 'en', 'de'$"):
            pain_chart(VISITS, START, COURSE, "png", "fr")
