"""The planner on the shipped knowledge base: every pathway plans, and the seed article's
course data reach the plan where they apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from marrowpath.case import FindingValue
from marrowpath.knowledge import load_knowledge
from marrowpath.pathway import CarePlan, plan
from marrowpath.reasoning import assess_findings

KB = load_knowledge()
START = dt.date(2026, 1, 5)
ORDINARY: dict[str, FindingValue] = {"age": 45.0, "sex_female": True, "pregnancy": False}
LATE_PREGNANCY: dict[str, FindingValue] = {
    "age": 31.0,
    "sex_female": True,
    "pregnancy": True,
    "pregnancy_third_trimester": True,
    "egfr": 25.0,
}


def _plan(
    condition: str, region: str, findings: Mapping[str, FindingValue], lang: str = "en"
) -> CarePlan:
    a = assess_findings(findings, region=region, lang=lang, kb=KB)
    assert a.red_flags == []
    return plan(a, START, condition=condition, kb=KB)


def _served_region(pathway_id: str) -> str:
    p = KB.pathways[pathway_id]
    for region in p.regions or list(KB.regions):
        if KB.pathway_for(p.condition, region) is p:
            return region
    raise AssertionError(pathway_id)  # pragma: no cover - a pathway nobody reaches


SHIPPED = sorted(KB.pathways)


@pytest.mark.skipif(not SHIPPED, reason="the shipped knowledge base has no pathways yet")
class TestEveryShippedPathway:
    """Each shipped pathway plans in English and German and checks its therapy classes."""

    @pytest.mark.parametrize("pathway_id", SHIPPED)
    def test_plans(self, pathway_id: str) -> None:
        """Dated phases with names in both languages; every therapy class resolves."""
        p = KB.pathways[pathway_id]
        region = _served_region(pathway_id)
        for lang in ("en", "de"):
            care = _plan(p.condition, region, ORDINARY, lang)
            assert care.pathway == pathway_id
            assert all(ph.name for ph in care.phases)
            assert all(ph.start <= ph.end for ph in care.phases)
            assert [t.class_ for t in care.therapies] == [t.therapy for t in p.therapies]

    @pytest.mark.parametrize("pathway_id", SHIPPED)
    def test_late_pregnancy_and_renal_failure(self, pathway_id: str) -> None:
        """No NSAIDs, bisphosphonates or prostacyclin analogues in late pregnancy with eGFR 25."""
        p = KB.pathways[pathway_id]
        care = _plan(p.condition, _served_region(pathway_id), LATE_PREGNANCY)
        status = {t.class_: t.status for t in care.therapies}
        for cls in ("nsaids", "bisphosphonates", "prostacyclin_analogues"):
            if cls in status:
                assert status[cls] == "contraindicated", cls


def _text(care: CarePlan) -> str:
    parts = [care.summary]
    for ph in care.phases:
        parts += [ph.name, ph.aids, ph.allowed, ph.avoid]
    parts += [t.name for t in care.therapies if t.status in ("recommended", "consider")]
    if care.return_to_sport is not None:
        parts.append(care.return_to_sport.text)
    if care.expected_healing is not None:
        parts.append(care.expected_healing.note)
    parts += [w.text for w in care.warnings]
    return " ".join(parts).lower()


@pytest.mark.skipif(not SHIPPED, reason="the shipped knowledge base has no pathways yet")
class TestSeedCourseData:
    """The seed article's course data appear in the plans they apply to."""

    def test_knee(self) -> None:
        """~6 weeks relief, then gradual reloading; ~1 year; athletes >= 3 months no competition."""
        care = _plan("transient_osteoporosis", "knee", ORDINARY | {"competitive_athlete": True})
        assert care.phases[0].end_week == 6
        assert care.phases[1].weight_bearing != "non_weight_bearing"
        assert "crutches" in care.phases[0].aids.lower()
        assert "lymph_drainage" in [t.class_ for t in care.therapies]
        assert care.expected_healing is not None
        assert care.expected_healing.weeks_max >= 52
        assert care.return_to_sport is not None
        assert care.return_to_sport.weeks_min >= 12
        assert "3 months" in _text(care) or "three months" in _text(care)

    def test_shoulder(self) -> None:
        """No carrying, lifting or sport for >= 3 (up to 6) weeks, then partial to full load."""
        care = _plan("transient_osteoporosis", "shoulder", ORDINARY)
        first = care.phases[0]
        assert 3 <= first.end_week <= 6
        for word in ("carrying", "lifting", "sport"):
            assert word in first.avoid.lower()
        assert [ph.weight_bearing for ph in care.phases[1:]] == [
            "partial_weight_bearing",
            "full_weight_bearing",
        ]
        assert "physiotherapy" in [t.class_ for t in care.therapies]
        assert care.expected_healing is not None
        assert care.expected_healing.weeks_max >= 52

    def test_ankle(self) -> None:
        """Crutches first, then a splint or rolling aid with partial load; up to a year."""
        care = _plan("transient_osteoporosis", "ankle_foot", ORDINARY)
        assert "crutches" in care.phases[0].aids.lower()
        second = care.phases[1]
        assert second.weight_bearing == "partial_weight_bearing"
        assert "splint" in second.aids.lower() or "rolling" in second.aids.lower()
        assert care.expected_healing is not None
        assert care.expected_healing.weeks_max >= 52

    @pytest.mark.parametrize("region", ["lumbar_spine", "cervical_spine"])
    def test_spine(self, region: str) -> None:
        """Protection without lifting or sport; improvement after 6 weeks; ~1 year."""
        care = _plan("modic_change", region, ORDINARY)
        avoid = care.phases[0].avoid.lower()
        assert "lifting" in avoid
        assert "sport" in avoid
        assert care.expected_improvement_week == 6
        assert care.expected_healing is not None
        assert care.expected_healing.weeks_max >= 52

    def test_hip(self) -> None:
        """Unloading, pain therapy, physiotherapy; 4 weeks to 6 months, sometimes 12-18 months."""
        care = _plan("transient_osteoporosis", "hip", ORDINARY)
        assert care.phases[0].weight_bearing in ("non_weight_bearing", "partial_weight_bearing")
        classes = {t.class_: t.status for t in care.therapies}
        assert classes["physiotherapy"] == "recommended"
        assert classes["nsaids"] == "recommended"
        h = care.expected_healing
        assert h is not None
        assert (h.weeks_min, h.weeks_max) == (4, 26)
        assert "12-18 months" in h.note

    def test_german_handout_of_the_shipped_plan(self) -> None:
        """The shipped German texts flow into the handout."""
        from marrowpath.pathway.handout import handout_html

        html = handout_html(_plan("transient_osteoporosis", "knee", ORDINARY, "de"))
        assert "Unterarmgehstützen" in html
