"""The SVG pictures: well-formed, labelled, escaped, and faithful to the numbers."""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from marrowpath.casefile import load_case
from marrowpath.followup import expected_course_of_plan, make_visit
from marrowpath.pathway import plan
from marrowpath.reasoning import Assessment, Contribution, Diagnosis, assess
from marrowpath.web import charts

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "toh-hip.yaml"


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess(load_case(EXAMPLE), "en")


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


class TestProbabilityBars:
    """Horizontal probability bars."""

    def test_one_bar_per_diagnosis_with_title(self, assessment: Assessment) -> None:
        """A labelled picture with a bar and a percentage per diagnosis, leading first."""
        root = parse(charts.probability_bars(assessment.differential, "de", limit=5))
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None
        assert title.text == "Wahrscheinlichkeit jeder Diagnose"
        bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
        assert len(bars) == 5
        widths = [float(b.get("width", "0")) for b in bars]
        assert widths == sorted(widths, reverse=True)
        first = bars[0].find(f"{SVG}title")
        assert first is not None
        assert first.text is not None
        assert first.text.endswith(" %")

    def test_names_are_escaped(self) -> None:
        """Markup in a name stays text."""
        d = Diagnosis(
            condition="x",
            name="<script>alert(1)</script>",
            probability=0.5,
            prior=0.1,
            prior_source="expert-estimate",
            log_score=0.0,
            contributions=[],
            missing_typical=[],
        )
        markup = str(charts.probability_bars([d], "en"))
        assert "<script>" not in markup
        assert "&lt;script&gt;" in markup
        parse(markup)


class TestWaterfall:
    """Contributions from the prior to the score."""

    def test_bars_follow_the_running_total(self, assessment: Assessment) -> None:
        """One bar per contribution plus prior and total; LR labels with the direction."""
        d = assessment.differential[0]
        root = parse(charts.waterfall(d, "en", "wf"))
        rects = [r for r in root.iter(f"{SVG}rect")]
        assert len(rects) == len(d.contributions) + 2
        texts = [t.text or "" for t in root.iter(f"{SVG}text")]
        strongest = max(d.contributions, key=lambda c: abs(c.log_lr))
        assert f"▲ {strongest.likelihood_ratio:.3g}" in texts
        assert math.isclose(
            math.log(d.prior) + sum(c.log_lr for c in d.contributions), d.log_score, rel_tol=1e-6
        )

    def test_against_is_drawn_leftwards(self) -> None:
        """A finding against the diagnosis gets the 'against' colour and a down arrow."""
        c = Contribution(
            finding="fever",
            name="Fever",
            value=False,
            direction="against",
            likelihood_ratio=0.5,
            log_lr=math.log(0.5),
            source="expert-estimate",
        )
        d = Diagnosis(
            condition="x",
            name="X",
            probability=0.2,
            prior=0.2,
            prior_source="expert-estimate",
            log_score=math.log(0.2) + math.log(0.5),
            contributions=[c],
            missing_typical=[],
        )
        markup = str(charts.waterfall(d, "de", "wf"))
        assert charts.AGAINST in markup
        assert "▼ 0,5" in markup


class TestTimelineAndPain:
    """The plan timeline and the pain chart."""

    def test_timeline_has_each_phase(self, assessment: Assessment) -> None:
        """A bar per phase, a mark per follow-up, dates in the language."""
        care = plan(assessment, dt.date(2026, 1, 5))
        root = parse(charts.timeline(care, "de", lambda key: key))
        titles = [t.text or "" for t in root.iter(f"{SVG}title")]
        for phase in care.phases:
            assert any(t.startswith(phase.name) for t in titles)
        assert sum(1 for _ in root.iter(f"{SVG}path")) == len(care.follow_ups)
        assert "05.01.2026" in str(charts.timeline(care, "de", lambda key: key))

    def test_pain_chart_with_band(self, assessment: Assessment) -> None:
        """Two visits: two lines, four marks and the expected band."""
        care = plan(assessment, dt.date(2026, 1, 5))
        visits = [
            make_visit(
                {
                    "date": dt.date(2026, 1, 5),
                    "pain_rest": 5,
                    "pain_load": 7,
                    "weight_bearing": "partial_weight_bearing",
                }
            ),
            make_visit(
                {
                    "date": dt.date(2026, 3, 2),
                    "pain_rest": 3,
                    "pain_load": 4,
                    "weight_bearing": "full_weight_bearing",
                }
            ),
        ]
        course = expected_course_of_plan(care)
        root = parse(charts.pain_chart(visits, care.start, course, "en"))
        assert sum(1 for _ in root.iter(f"{SVG}polyline")) == 2
        assert sum(1 for _ in root.iter(f"{SVG}circle")) == 2
        assert sum(1 for _ in root.iter(f"{SVG}polygon")) == 1
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert (
            desc.text == "5 Jan 2026: Pain at rest 5, Pain under load 7; "
            "2 Mar 2026: Pain at rest 3, Pain under load 4"
        )

    def test_pain_chart_without_visits(self) -> None:
        """No visits and no course: axes only, still a valid picture."""
        root = parse(charts.pain_chart([], dt.date(2026, 1, 5), None, "de"))
        assert sum(1 for _ in root.iter(f"{SVG}polygon")) == 0
        title = root.find(f"{SVG}title")
        assert title is not None
        assert title.text == "Schmerzverlauf im Vergleich zum erwarteten Verlauf"
