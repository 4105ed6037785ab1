"""``plan``: from an assessment to a dated, region- and cause-specific care plan.

The pathway template (phases, therapy classes, follow-ups, return to sport, expected healing)
comes from the knowledge base; this module only dates it, applies the patient adjustments and
checks every therapy class against the patient. A red flag replaces the plan by an urgent
work-up: no loading plan is given before the cause is clear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from marrowpath.case import FindingValue
from marrowpath.errors import InputError, UnknownIdError
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.knowledge.schema import Pathway, PathwayTherapy
from marrowpath.pathway._texts import text
from marrowpath.pathway.contraindications import check_therapy
from marrowpath.pathway.model import (
    CarePlan,
    ExpectedHealing,
    PlanFollowUp,
    PlannedStatus,
    PlanPhase,
    PlanReturnToSport,
    PlanTherapy,
    PlanWarning,
)
from marrowpath.reasoning.criteria import matches
from marrowpath.reasoning.model import Assessment, RedFlagHit

__all__ = ["plan"]


def _date(start: dt.date, weeks: float) -> dt.date:
    return start + dt.timedelta(days=round(weeks * 7))


def plan(
    assessment: Assessment,
    start_date: dt.date,
    condition: str | None = None,
    lang: str | None = None,
    kb: Knowledge | None = None,
) -> CarePlan:
    """The care plan for the leading diagnosis of ``assessment`` (or for ``condition``).

    Args:
        assessment: the result of ``assess``; its findings include the patient facts.
        start_date: the day the plan starts (week 0).
        condition: a condition id to plan for instead of the leading diagnosis.
        lang: "en" or "de"; the assessment's language by default.
        kb: a knowledge base; the shipped one by default.

    Raises:
        InputError: an unknown condition or language, or no pathway for the condition.

    Example:
        >>> care = plan(assess(case), dt.date(2026, 1, 5))  # doctest: +SKIP
    """
    kb = kb or load_knowledge()
    lang = lang or assessment.lang
    if lang not in ("en", "de"):
        msg = f"lang: {lang!r} is not one of 'en', 'de'"
        raise InputError(msg, field="lang")
    if not isinstance(start_date, dt.date):
        msg = f"start_date: expected a date, got {start_date!r}"
        raise InputError(msg, field="start_date")
    if condition is None:
        if not assessment.differential:
            msg = "condition: the assessment has no differential; give a condition id"
            raise InputError(msg, field="condition")
        condition = assessment.differential[0].condition
    elif condition not in kb.conditions:
        msg = f"condition: unknown condition {condition!r}; expected one of " + ", ".join(
            sorted(kb.conditions)
        )
        raise UnknownIdError(msg, field="condition")
    cond = kb.condition(condition)
    base = {
        "case_id": assessment.case_id,
        "condition": condition,
        "condition_name": cond.names.get(lang),
        "region": assessment.region,
        "side": assessment.side,
        "start": start_date,
        "lang": lang,
        "red_flags": list(assessment.red_flags),
        "knowledge_version": kb.meta.version,
        "disclaimer": kb.meta.disclaimer.get(lang),
    }
    if assessment.red_flags:
        flags = [_in_language(kb, f, lang) for f in assessment.red_flags]
        return _urgent({**base, "red_flags": flags}, flags, start_date, lang)
    pathway = kb.pathway_for(condition, assessment.region)
    if pathway is None:
        msg = (
            f"condition: no care pathway for {condition!r} in region {assessment.region!r} "
            "in the knowledge base"
        )
        raise InputError(msg, field="condition")
    return _from_pathway(
        kb, pathway, base, assessment.findings, assessment.region, start_date, lang
    )


def _in_language(kb: Knowledge, hit: RedFlagHit, lang: str) -> RedFlagHit:
    """The red flag's name and action in the plan's language (the assessment may differ)."""
    flag = kb.red_flags.get(hit.id)
    if flag is None:
        return hit
    return hit.model_copy(update={"name": flag.names.get(lang), "action": flag.action.get(lang)})


def _urgent(
    base: Mapping[str, object],
    flags: list[RedFlagHit],
    start: dt.date,
    lang: str,
) -> CarePlan:
    phase = PlanPhase(
        id="urgent_work_up",
        name=text("urgent_phase", lang),
        start=start,
        end=start,
        start_week=0,
        end_week=0,
        weight_bearing="not_applicable",
        aids="",
        allowed=text("urgent_allowed", lang),
        avoid=text("urgent_avoid", lang),
        source=", ".join(sorted({f.source for f in flags})),
    )
    follow_ups = [
        PlanFollowUp(
            date=start, week=0, what=f"{f.name}: {f.action}", imaging=False, source=f.source
        )
        for f in flags
    ]
    warnings = [
        PlanWarning(kind="red_flag", text=f"{f.name} ({f.urgency}): {f.action}", source=f.source)
        for f in flags
    ]
    return CarePlan.model_validate(
        {
            **base,
            "pathway": None,
            "urgent": True,
            "summary": text("urgent_summary", lang),
            "phases": [phase],
            "therapies": [],
            "follow_ups": follow_ups,
            "return_to_sport": None,
            "expected_healing": None,
            "expected_improvement_week": None,
            "adjustments": [],
            "warnings": warnings,
        }
    )


def _from_pathway(
    kb: Knowledge,
    pathway: Pathway,
    base: Mapping[str, object],
    findings: Mapping[str, FindingValue],
    region: str,
    start: dt.date,
    lang: str,
) -> CarePlan:
    warnings: list[PlanWarning] = []
    triggered: list[str] = []
    extend = 0.0
    extend_sources: list[str] = []
    for adj in pathway.adjustments:
        hit = matches(adj.when, findings, region)
        if hit is None:
            continue
        warnings.append(
            PlanWarning(kind="adjustment", text=adj.warning.get(lang), source=adj.source)
        )
        triggered += [f for f in hit if f not in triggered]
        if adj.extend_weeks > extend:
            extend, extend_sources = adj.extend_weeks, [adj.source]
    if extend:
        warnings.append(
            PlanWarning(
                kind="adjustment",
                text=text("adjusted", lang, weeks=extend),
                source=", ".join(extend_sources),
            )
        )

    def shift(week: float) -> float:
        """Weeks after the end of the first phase move by the extension."""
        first_end = pathway.phases[0].end_week if pathway.phases else 0.0
        return week + extend if week >= first_end and week > 0 else week

    phases = [
        PlanPhase(
            id=p.id,
            name=p.names.get(lang),
            start_week=shift(p.start_week),
            end_week=p.end_week + extend if p.end_week > 0 else p.end_week,
            start=_date(start, shift(p.start_week)),
            end=_date(start, p.end_week + extend if p.end_week > 0 else p.end_week),
            weight_bearing=p.weight_bearing,
            aids=p.aids.get(lang),
            allowed=p.allowed.get(lang),
            avoid=p.avoid.get(lang),
            source=p.source,
        )
        for p in pathway.phases
    ]
    therapies = [_therapy(kb, pt, findings, region, lang, warnings) for pt in pathway.therapies]
    follow_ups = [
        PlanFollowUp(
            date=_date(start, shift(f.week)),
            week=shift(f.week),
            what=f.what.get(lang),
            imaging=f.imaging,
            source=f.source,
        )
        for f in sorted(pathway.follow_ups, key=lambda f: f.week)
    ]
    rts = pathway.return_to_sport
    return_to_sport = (
        PlanReturnToSport(
            earliest=_date(start, rts.weeks_min + extend),
            weeks_min=rts.weeks_min + extend,
            text=rts.text.get(lang),
            source=rts.source,
        )
        if rts is not None
        else None
    )
    heal = pathway.expected_healing
    healing = ExpectedHealing(
        weeks_min=heal.weeks_min,
        weeks_max=heal.weeks_max,
        earliest=_date(start, heal.weeks_min),
        latest=_date(start, heal.weeks_max),
        source=heal.source,
        note=heal.note,
    )
    return CarePlan.model_validate(
        {
            **base,
            "pathway": pathway.id,
            "urgent": False,
            "summary": pathway.summary.get(lang),
            "phases": phases,
            "therapies": therapies,
            "follow_ups": follow_ups,
            "return_to_sport": return_to_sport,
            "expected_healing": healing,
            "expected_improvement_week": pathway.expected_improvement_week,
            "adjustments": triggered,
            "warnings": warnings,
        }
    )


def _therapy(
    kb: Knowledge,
    pt: PathwayTherapy,
    findings: Mapping[str, FindingValue],
    region: str,
    lang: str,
    warnings: list[PlanWarning],
) -> PlanTherapy:
    therapy = kb.therapies.get(pt.therapy)
    if therapy is None:
        msg = f"pathway therapy {pt.therapy!r} is not in the knowledge base's therapies"
        raise UnknownIdError(msg, field="therapy")
    check = check_therapy(therapy, findings, region, lang)
    name = therapy.names.get(lang)
    status: PlannedStatus = pt.status
    indication = pt.indication.get(lang) or therapy.description.get(lang)
    reason = indication
    involved: list[str] = []
    if check.contraindicated:
        status = "contraindicated"
        reason = "; ".join(r for r, _ in check.contraindicated)
        for r, hit in check.contraindicated:
            involved += [f for f in hit if f not in involved]
            if pt.status != "not_recommended":
                warnings.append(
                    PlanWarning(
                        kind="contraindication",
                        text=f"{name}: {text('contraindicated', lang)} - {r}",
                        source=", ".join(check.sources),
                    )
                )
    elif check.cautions:
        if status == "recommended":
            status = "consider"
        cautions = "; ".join(r for r, _ in check.cautions)
        reason = f"{indication} {text('caution', lang)}: {cautions}".strip()
        for r, hit in check.cautions:
            involved += [f for f in hit if f not in involved]
            if pt.status != "not_recommended":
                warnings.append(
                    PlanWarning(
                        kind="caution",
                        text=f"{name}: {text('caution', lang)} - {r}",
                        source=", ".join(check.sources),
                    )
                )
    needed = _measured(kb, check.checks_needed, findings)
    checks = [kb.findings[f].names.get(lang) if f in kb.findings else f for f in needed]
    if checks and status in ("recommended", "consider"):
        reason = f"{reason} {text('check_before', lang, facts=', '.join(checks))}".strip()
    return PlanTherapy.model_validate(
        {
            "class": therapy.id,
            "name": name,
            "kind": therapy.kind,
            "status": status,
            "reason": reason,
            "indication": indication,
            "evidence": therapy.evidence.get(lang),
            "contraindications": involved,
            "checks_needed": needed if status != "contraindicated" else [],
            "source": pt.source,
        }
    )


def _measured(kb: Knowledge, facts: list[str], findings: Mapping[str, FindingValue]) -> list[str]:
    """Unknown derived facts named by what to measure: 'eGFR below 30' -> 'eGFR', once."""
    out: list[str] = []
    for f in facts:
        finding = kb.findings.get(f)
        source = finding.derived_from.finding if finding and finding.derived_from else None
        name = source if source is not None and source not in findings else f
        if name not in out:
            out.append(name)
    return out
