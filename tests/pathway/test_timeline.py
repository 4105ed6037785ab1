"""Tests of the timeline picture."""

from __future__ import annotations

import pytest

from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge
from marrowpath.pathway.timeline import timeline_image
from tests.pathway.fixture_kb import make_plan


class TestTimeline:
    """PNG and SVG of a plan's phases and follow-ups."""

    def test_png(self, kb: Knowledge) -> None:
        """A PNG image, small enough to embed."""
        data = timeline_image(make_plan(kb))
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(data) < 200_000

    def test_svg_has_the_phase_names(self, kb: Knowledge) -> None:
        """The SVG is deterministic and carries the German phase names as text."""
        care = make_plan(kb, lang="de")
        svg = timeline_image(care, "svg").decode()
        assert svg.lstrip().startswith("<?xml")
        assert "<svg" in svg
        assert "Schutz und Entlastung (Teilbelastung)" in svg
        assert timeline_image(care, "svg") == timeline_image(care, "svg")

    def test_urgent_plan(self, kb: Knowledge) -> None:
        """An urgent work-up (one zero-length phase) still draws."""
        data = timeline_image(make_plan(kb, findings={"fever": True}))
        assert data.startswith(b"\x89PNG")

    def test_bad_format(self, kb: Knowledge) -> None:
        """Only png and svg."""
        with pytest.raises(InputError, match=r"^format: 'gif' is not one of 'png', 'svg'$"):
            timeline_image(make_plan(kb), "gif")
