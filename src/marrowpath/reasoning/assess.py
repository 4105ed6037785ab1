"""``assess``: red flags first, then the explained differential, classifications and what to
examine next."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from marrowpath.case import Case, FindingValue, Side
from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.reasoning.criteria import matches
from marrowpath.reasoning.differential import (
    CompiledModel,
    FloatArray,
    RegionModel,
    compile_model,
    softmax,
)
from marrowpath.reasoning.facts import case_findings
from marrowpath.reasoning.model import (
    Assessment,
    ClassificationResult,
    Contribution,
    Diagnosis,
    NextExamination,
    RedFlagHit,
)

__all__ = ["assess", "assess_findings"]

_URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
_LEADING = 5  # diagnoses over which information gain is computed
_NEXT = 6  # examinations suggested
_TYPICAL = 4  # missing typical findings listed per diagnosis


def assess(case: Case, lang: str = "en", kb: Knowledge | None = None) -> Assessment:
    """Assess one case.

    Args:
        case: the structured case (region and coded findings, optionally report texts).
        lang: "en" or "de" for names and texts.
        kb: a knowledge base; the shipped one by default.

    Raises:
        InputError: unknown region or finding, or a value of the wrong type.
    """
    kb = kb or load_knowledge()
    findings, unused = case_findings(case, kb)
    return assess_findings(
        findings,
        region=case.region,
        lang=lang,
        kb=kb,
        case_id=case.id,
        side=case.side,
        unused_input=unused,
    )


def assess_findings(
    findings: Mapping[str, FindingValue],
    *,
    region: str,
    lang: str = "en",
    kb: Knowledge | None = None,
    case_id: str | None = None,
    side: Side | None = None,
    unused_input: list[str] | None = None,
) -> Assessment:
    """Assess already-derived findings in a region (the fast path for structured input)."""
    if lang not in ("en", "de"):
        msg = f"lang: {lang!r} is not one of 'en', 'de'"
        raise InputError(msg, field="lang")
    kb = kb or load_knowledge()
    model = compile_model(kb)
    m = model.regions[region]
    scores = model.scores(region, findings)
    probs = softmax(scores)
    order = np.argsort(-probs, kind="stable")
    per_condition = _contributions(kb, model, m, findings, lang)
    differential = [
        _diagnosis(m, int(j), scores, probs, findings, per_condition[int(j)], kb, lang)
        for j in order
    ]
    leading = [m.conditions[int(j)] for j in order[:3]]
    return Assessment.trusted(
        case_id=case_id,
        region=region,
        side=side,
        lang=lang,
        red_flags=_red_flags(kb, findings, region, lang),
        differential=differential,
        classifications=_classifications(kb, findings, region, leading, lang),
        next_examinations=_next_examinations(kb, model, m, scores, order, findings, lang),
        findings=dict(findings),
        unused_input=list(unused_input or []),
        knowledge_version=kb.meta.version,
        disclaimer=kb.meta.disclaimer.get(lang),
    )


def _contributions(
    kb: Knowledge,
    model: CompiledModel,
    m: RegionModel,
    findings: Mapping[str, FindingValue],
    lang: str,
) -> list[list[Contribution]]:
    """Every non-neutral term of every condition's score, in one pass over the findings."""
    ranked: list[list[tuple[float, int, Contribution]]] = [[] for _ in m.conditions]
    cache = model.contribution_cache
    n = 0
    for f, value in findings.items():
        if not isinstance(value, bool):
            continue
        key = (m.name, f, value, lang)
        terms = cache.get(key)
        if terms is None:
            terms = cache[key] = _terms(kb, model, m, f, value, lang)
        for j, c in terms:
            n += 1  # tie-breaker: equal strengths keep the order of the findings
            ranked[j].append((-abs(c.log_lr), n, c))
    out = []
    for terms_of_condition in ranked:
        terms_of_condition.sort()
        out.append([c for _, _, c in terms_of_condition])
    return out


def _terms(
    kb: Knowledge, model: CompiledModel, m: RegionModel, f: str, value: bool, lang: str
) -> list[tuple[int, Contribution]]:
    """The contributions of one finding value to each condition of a region (made once)."""
    i = model.row.get(f)
    if i is None:
        return []
    terms = []
    for j, ev in m.by_finding[i]:
        lr = ev.lr_pos if value else ev.lr_neg
        if lr != 1:
            # Immutable and built from validated entries: made once, then reused.
            terms.append(
                (
                    j,
                    Contribution.trusted(
                        finding=f,
                        name=kb.findings[f].names.get(lang),
                        value=value,
                        direction="for" if lr > 1 else "against",
                        likelihood_ratio=lr,
                        log_lr=math.log(lr),
                        source=ev.source,
                    ),
                )
            )
    return terms


def _diagnosis(
    m: RegionModel,
    j: int,
    scores: FloatArray,
    probs: FloatArray,
    findings: Mapping[str, FindingValue],
    contributions: list[Contribution],
    kb: Knowledge,
    lang: str,
) -> Diagnosis:
    cid = m.conditions[j]
    missing = []
    for f in m.typical[j]:
        if f not in findings:
            missing.append(f)
            if len(missing) == _TYPICAL:
                break
    return Diagnosis.trusted(
        condition=cid,
        name=kb.conditions[cid].names.get(lang),
        probability=float(probs[j]),
        prior=m.prior[j],
        prior_source=m.prior_source[j],
        log_score=float(scores[j]),
        contributions=contributions,
        missing_typical=missing,
    )


def _red_flags(
    kb: Knowledge, findings: Mapping[str, FindingValue], region: str, lang: str
) -> list[RedFlagHit]:
    hits = []
    for flag in kb.kb.red_flags:
        for criterion in flag.when:
            matched = matches(criterion, findings, region)
            if matched is not None:
                hits.append(
                    RedFlagHit(
                        id=flag.id,
                        name=flag.names.get(lang),
                        kind=flag.kind,
                        urgency=flag.urgency,
                        triggered_by=matched,
                        action=flag.action.get(lang),
                        source=flag.source,
                    )
                )
                break
    hits.sort(key=lambda h: _URGENCY_ORDER[h.urgency])
    return hits


def _classifications(
    kb: Knowledge,
    findings: Mapping[str, FindingValue],
    region: str,
    leading: list[str],
    lang: str,
) -> list[ClassificationResult]:
    out = []
    for c in kb.kb.classifications:
        if c.applies_to and not set(c.applies_to) & set(leading):
            continue
        for rule in c.rules:
            matched = matches(rule.when, findings, region)
            if matched is not None:
                out.append(
                    ClassificationResult(
                        id=c.id,
                        name=c.names.get(lang),
                        grade=rule.grade,
                        label=rule.label.get(lang),
                        matched=matched,
                        source=c.source,
                    )
                )
                break
    return out


def _entropy(p: FloatArray) -> FloatArray:
    q = np.clip(p, 1e-12, 1.0)
    out: FloatArray = -(q * np.log2(q)).sum(axis=-1)
    return out


def _rows_softmax(x: FloatArray) -> FloatArray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def _next_examinations(
    kb: Knowledge,
    model: CompiledModel,
    m: RegionModel,
    scores: FloatArray,
    order: npt.NDArray[np.intp],
    findings: Mapping[str, FindingValue],
    lang: str,
) -> list[NextExamination]:
    """Unknown findings ranked by expected information gain over the leading diagnoses."""
    top = order[:_LEADING]
    s = scores[top]
    p = softmax(s)
    q = m.p_present[:, top] @ p  # P(finding present) under the current belief
    post_pos = _rows_softmax(m.log_lr_pos[:, top] + s)
    post_neg = _rows_softmax(m.log_lr_neg[:, top] + s)
    gain = _entropy(p) - q * _entropy(post_pos) - (1 - q) * _entropy(post_neg)
    gain[~model.askable] = -1.0
    for f in findings:
        i = model.row.get(f)
        if i is not None:
            gain[i] = -1.0
    chosen: list[tuple[int, str]] = []
    asked: set[str] = set()
    for k in np.argsort(-gain, kind="stable").tolist():
        if gain[k] <= 1e-3 or len(chosen) == _NEXT:
            break
        examination = kb.findings[model.findings[k]].examination.get(lang)
        if examination not in asked:  # one examination answers several findings (CRP, CRP > 20)
            asked.add(examination)
            chosen.append((k, examination))
    if not chosen:
        return []
    rows = [k for k, _ in chosen]
    moved = np.argsort(-np.abs(post_pos[rows] - post_neg[rows]), axis=1)[:, :2].tolist()
    out = []
    for (k, examination), pair in zip(chosen, moved, strict=True):
        f = model.findings[k]
        out.append(
            NextExamination.trusted(
                finding=f,
                name=kb.findings[f].names.get(lang),
                examination=examination,
                information_gain=round(float(gain[k]), 4),
                separates=[m.conditions[int(top[c])] for c in pair],
            )
        )
    return out
