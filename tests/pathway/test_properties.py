"""Property tests of the planner: safety invariants over many patients and start dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from marrowpath.case import FindingValue
from marrowpath.knowledge import Knowledge
from marrowpath.pathway import plan
from marrowpath.pathway.contraindications import check_therapy
from marrowpath.reasoning import assess_findings

FACTS = [
    "pregnancy",
    "pregnancy_third_trimester",
    "breastfeeding",
    "competitive_athlete",
    "anticoagulation",
    "osteoporosis",
    "mri_bme_diffuse",
]

patients = st.fixed_dictionaries(
    {},
    optional={
        **{f: st.booleans() for f in FACTS},
        "egfr": st.floats(min_value=5, max_value=150),
        "age": st.floats(min_value=18, max_value=95),
    },
)
starts = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


def _derived(kb: Knowledge, facts: dict[str, FindingValue]) -> dict[str, FindingValue]:
    from marrowpath.reasoning.facts import derive

    return derive(dict(facts), kb)


class TestPlannerProperties:
    """Whatever the patient, contraindicated classes are never offered and dates are ordered."""

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(facts=patients, start=starts, region=st.just("hip"))
    def test_invariants(
        self, kb: Knowledge, facts: dict[str, FindingValue], start: dt.date, region: str
    ) -> None:
        """Contraindicated means not offered; phases follow each other; nothing before start."""
        findings = _derived(kb, facts)
        a = assess_findings(findings, region=region, kb=kb)
        care = plan(a, start, condition="transient_osteoporosis", kb=kb)
        for t in care.therapies:
            check = check_therapy(kb.therapies[t.class_], findings, region, "en")
            if check.level == "contraindicated":
                assert t.status == "contraindicated"
            if t.status == "contraindicated":
                assert check.level == "contraindicated"
        for before, after in zip(care.phases, care.phases[1:], strict=False):
            assert before.start <= before.end == after.start
        assert all(f.date >= start for f in care.follow_ups)
        assert care.phases[0].start == start
