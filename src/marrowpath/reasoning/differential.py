"""The ranked differential: naive-Bayes log-odds scoring with exact explanations.

score(D) = log prior(D | region) + sum over known findings f of log LR(f, D), where LR is
``lr_pos`` for a present finding and ``lr_neg`` for one stated absent; unknown findings add
nothing. Probabilities are the softmax of the scores over the conditions possible in the region.
Every term of the sum is returned as a Contribution, so the explanation is the computation.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from marrowpath.case import FindingValue
from marrowpath.knowledge import Knowledge
from marrowpath.knowledge.schema import Evidence

if TYPE_CHECKING:
    from marrowpath.reasoning.model import Contribution

__all__ = ["CompiledModel", "compile_model"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class RegionModel:
    """Per-region arrays: conditions in columns, findings with evidence in rows."""

    name: str
    conditions: list[str]
    log_prior: FloatArray
    prior: list[float]
    prior_source: list[str]
    log_lr_pos: FloatArray  # findings x conditions
    log_lr_neg: FloatArray
    p_present: FloatArray  # P(finding present | condition), for information gain
    evidence: list[list[Evidence | None]]  # findings x conditions
    typical: list[list[str]]  # per condition: supporting findings, strongest first
    by_finding: list[list[tuple[int, Evidence]]]  # per finding: (condition column, entry)


class CompiledModel:
    """The knowledge base compiled into arrays, once per knowledge base."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.findings = sorted({ev.finding for ev in kb.kb.evidence})
        self.row = {f: i for i, f in enumerate(self.findings)}
        self.regions = {r: self._compile_region(r) for r in kb.regions}
        self.contribution_cache: dict[
            tuple[str, str, bool, str], list[tuple[int, Contribution]]
        ] = {}
        # Findings worth suggesting as an examination: not demographic facts such as age.
        self.askable = np.array(
            [kb.findings[f].category != "demographic" for f in self.findings], dtype=bool
        )

    def _compile_region(self, region: str) -> RegionModel:
        kb = self.kb
        priors = {p.condition: p for rp in kb.kb.priors if rp.region == region for p in rp.priors}
        conditions = [c for c in kb.conditions if c in priors]
        col = {c: j for j, c in enumerate(conditions)}
        n_f, n_c = len(self.findings), len(conditions)
        evidence: list[list[Evidence | None]] = [[None] * n_c for _ in range(n_f)]
        for ev in kb.kb.evidence:
            j = col.get(ev.condition)
            if j is None or (ev.regions and region not in ev.regions):
                continue
            i = self.row[ev.finding]
            current = evidence[i][j]
            # A region-specific entry overrides the general one.
            if current is None or (ev.regions and not current.regions):
                evidence[i][j] = ev
        lp = np.zeros((n_f, n_c))
        ln = np.zeros((n_f, n_c))
        pp = np.full((n_f, n_c), kb.meta.background_rate)
        for i in range(n_f):
            for j in range(n_c):
                entry = evidence[i][j]
                if entry is None:
                    continue
                lp[i, j] = math.log(entry.lr_pos)
                ln[i, j] = math.log(entry.lr_neg)
                pp[i, j] = _p_present(entry.lr_pos, entry.lr_neg, kb.meta.background_rate)
        total = sum(priors[c].probability for c in conditions)
        prior = [priors[c].probability / total for c in conditions]
        typical = [
            [self.findings[i] for i in np.argsort(-lp[:, j], kind="stable") if lp[i, j] > 0]
            for j in range(n_c)
        ]
        return RegionModel(
            name=region,
            conditions=conditions,
            log_prior=np.log(np.array(prior)),
            prior=prior,
            prior_source=[priors[c].source for c in conditions],
            log_lr_pos=lp,
            log_lr_neg=ln,
            p_present=pp,
            evidence=evidence,
            typical=typical,
            by_finding=[
                [(j, ev) for j, ev in enumerate(row) if ev is not None] for row in evidence
            ],
        )

    def scores(self, region: str, findings: Mapping[str, FindingValue]) -> FloatArray:
        """log prior + sum of log LRs, one per condition of the region."""
        m = self.regions[region]
        s = m.log_prior.copy()
        for f, value in findings.items():
            i = self.row.get(f)
            if i is None or not isinstance(value, bool):
                continue
            s += m.log_lr_pos[i] if value else m.log_lr_neg[i]
        return s


def _p_present(lr_pos: float, lr_neg: float, background: float) -> float:
    """P(finding | condition) implied by the two LRs (sensitivity), for information gain.

    From LR+ = sens / (1 - spec) and LR- = (1 - sens) / spec. When only LR+ is informative,
    the finding's rate outside the condition is taken as the knowledge base's background rate.
    """
    if lr_pos > 1 > lr_neg or lr_pos < 1 < lr_neg:
        return lr_pos * (1 - lr_neg) / (lr_pos - lr_neg)
    return min(0.95, max(0.01, background * lr_pos))


def softmax(scores: FloatArray) -> FloatArray:
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    out: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return out


@functools.cache
def compile_model(kb: Knowledge) -> CompiledModel:
    """The compiled model of ``kb``, built once and reused."""
    return CompiledModel(kb)
