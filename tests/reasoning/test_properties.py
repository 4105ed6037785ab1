"""Invariants of the scoring model, checked on generated cases (Hypothesis)."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings, strategies as st

from marrowpath.knowledge import load_knowledge
from marrowpath.reasoning import assess_findings
from marrowpath.reasoning.differential import compile_model

KB = load_knowledge()
MODEL = compile_model(KB)
BOOLEAN = sorted(f for f in MODEL.findings if KB.findings[f].type == "boolean")

regions = st.sampled_from(sorted(KB.regions))
finding_sets = st.dictionaries(st.sampled_from(BOOLEAN), st.booleans(), max_size=12)


@settings(max_examples=200, deadline=None)
@given(region=regions, findings=finding_sets)
def test_probabilities_sum_to_one(region: str, findings: dict[str, bool]) -> None:
    """Whatever is known, the differential is a probability distribution."""
    a = assess_findings(findings, region=region)
    assert math.isclose(sum(d.probability for d in a.differential), 1.0, rel_tol=1e-9)
    assert all(0.0 <= d.probability <= 1.0 for d in a.differential)


@settings(max_examples=100, deadline=None)
@given(region=regions, findings=finding_sets, seed=st.randoms(use_true_random=False))
def test_order_of_findings_does_not_matter(region: str, findings: dict[str, bool], seed) -> None:
    """Permuting the findings gives the same ranking and probabilities."""
    items = list(findings.items())
    seed.shuffle(items)
    a = assess_findings(findings, region=region)
    b = assess_findings(dict(items), region=region)
    pa = {d.condition: d.probability for d in a.differential}
    pb = {d.condition: d.probability for d in b.differential}
    assert pa.keys() == pb.keys()
    for c, p in pa.items():
        assert math.isclose(p, pb[c], rel_tol=1e-9, abs_tol=1e-15)
    # The ranking is the same up to ties within rounding.
    ranked = [pa[d.condition] for d in b.differential]
    assert all(x >= y - 1e-12 for x, y in itertools.pairwise(ranked))


supporting = [
    (ev.condition, ev.finding)
    for ev in KB.kb.evidence
    if ev.lr_pos > 1 and KB.findings[ev.finding].type == "boolean"
]


@settings(max_examples=300, deadline=None)
@given(region=regions, findings=finding_sets, pair=st.sampled_from(supporting))
def test_supporting_finding_never_lowers_its_condition(
    region: str, findings: dict[str, bool], pair: tuple[str, str]
) -> None:
    """Adding a finding the knowledge base lists as supporting a condition never lowers the
    condition's score; nor its probability when no other condition in the region is supported
    more strongly by that finding (with several supported, mass moves to the strongest)."""
    condition, finding = pair
    m = MODEL.regions[region]
    if condition not in m.conditions or finding in findings:
        return
    before = assess_findings(findings, region=region)
    after = assess_findings({**findings, finding: True}, region=region)
    b = next(d for d in before.differential if d.condition == condition)
    a = next(d for d in after.differential if d.condition == condition)
    i = MODEL.row[finding]
    j = m.conditions.index(condition)
    if m.log_lr_pos[i, j] <= 0:  # a region-specific entry may override the general one
        return
    assert a.log_score >= b.log_score
    if m.log_lr_pos[i, j] >= m.log_lr_pos[i].max():
        assert a.probability >= b.probability - 1e-12
