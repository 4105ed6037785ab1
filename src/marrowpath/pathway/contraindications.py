"""Checking a therapy class against the patient: contraindications, cautions, unknown facts.

Criteria are the knowledge base's and are evaluated by the reasoning engine's ``matches``, so a
contraindication means the same thing here as a red flag or a classification rule does there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from marrowpath.case import FindingValue
from marrowpath.knowledge.schema import Criterion, Therapy
from marrowpath.reasoning.criteria import matches

__all__ = ["TherapyCheck", "check_therapy", "unknown_facts"]


@dataclass(frozen=True)
class TherapyCheck:
    """The result of checking one therapy class against one patient."""

    contraindicated: list[tuple[str, list[str]]] = field(default_factory=list)
    """(reason, findings that triggered it) for each contraindication that holds."""
    cautions: list[tuple[str, list[str]]] = field(default_factory=list)
    checks_needed: list[str] = field(default_factory=list)
    """Finding ids that are unknown although a contraindication depends on them."""
    sources: list[str] = field(default_factory=list)

    @property
    def level(self) -> str | None:
        if self.contraindicated:
            return "contraindicated"
        return "caution" if self.cautions else None


def unknown_facts(
    criterion: Criterion, findings: Mapping[str, FindingValue], region: str | None
) -> list[str]:
    """Findings whose being unknown is all that keeps ``criterion`` from possibly holding."""
    if criterion.regions and region not in criterion.regions:
        return []
    if any(findings.get(f) is False for f in criterion.all):
        return []
    if any(findings.get(f) is True for f in criterion.none):
        return []
    if any(findings.get(f) is True for f in criterion.absent):
        return []
    if criterion.any and any(findings.get(f) is True for f in criterion.any):
        return [f for f in criterion.all if f not in findings]
    missing = [f for f in criterion.all if f not in findings]
    if criterion.any and all(f in findings for f in criterion.any):
        return []  # every alternative is known to be absent
    missing += [f for f in criterion.any if f not in findings]
    return missing


def check_therapy(
    therapy: Therapy, findings: Mapping[str, FindingValue], region: str | None, lang: str
) -> TherapyCheck:
    """Every contraindication of ``therapy`` that holds for the patient, and what is unknown."""
    out = TherapyCheck()
    for ci in therapy.contraindications:
        hit = matches(ci.when, findings, region)
        if hit is None:
            for f in unknown_facts(ci.when, findings, region):
                if f not in out.checks_needed:
                    out.checks_needed.append(f)
            continue
        target = out.contraindicated if ci.level == "contraindicated" else out.cautions
        target.append((ci.reason.get(lang), hit))
        out.sources.append(ci.source)
    return out
