"""``kb check``: every problem of a knowledge base at once, beyond what the schema catches.

Checks: schema, duplicate ids, dangling ids, numbers whose source is unknown, missing English
or German text, codes that do not validate, impossible ranges and priors.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from marrowpath.knowledge.loader import _default_root, locate, read_sections, validate_sections
from marrowpath.knowledge.schema import Code, Criterion, KnowledgeBase, Text

__all__ = ["check_knowledge"]

_REVIEWED_SYSTEMS = ("snomed-ct", "loinc")


def check_knowledge(root: Traversable | Path | None = None) -> list[str]:
    """Return every problem of the knowledge base at ``root`` (the shipped one by default)."""
    raw, problems, origins = read_sections(root if root is not None else _default_root())
    kb, schema_problems = validate_sections(raw)
    problems += schema_problems
    if kb is not None:
        problems += _semantic_problems(kb)
    return locate(problems, origins)


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every nested model with its dotted path, for the checks that apply everywhere."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name, field in type(obj).model_fields.items():
            value = getattr(obj, name)
            if isinstance(value, Text) and not field.is_required() and value == Text():
                continue  # an optional text left out in both languages
            yield from _walk(value, f"{path}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            label = getattr(item, "id", None)
            yield from _walk(item, f"{path}[{i}]" + (f"({label})" if label else ""))


def _semantic_problems(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    add = problems.append
    ids: dict[str, set[str]] = {}
    for section in (
        "sources",
        "regions",
        "conditions",
        "findings",
        "red_flags",
        "classifications",
        "therapies",
        "pathways",
    ):
        items = getattr(kb, section)
        counts = Counter(item.id for item in items)
        for ident, n in counts.items():
            if n > 1:
                add(f"{section}: duplicate id {ident!r} ({n} entries)")
        ids[section] = set(counts)
    regions, conditions, findings = ids["regions"], ids["conditions"], ids["findings"]
    sources, therapies = ids["sources"], ids["therapies"]
    places = {b.id for r in kb.regions for b in r.bones} | {
        s.id for r in kb.regions for b in r.bones for s in b.subregions
    }

    def need(kind: str, known: set[str], ident: str, where: str) -> None:
        if ident not in known:
            add(f"{where}: unknown {kind} {ident!r}")

    for path, node in _walk(kb, "kb"):
        where = path[3:]
        if isinstance(node, Text):
            for lang in ("en", "de"):
                if not getattr(node, lang).strip():
                    add(f"{where}: missing {'English' if lang == 'en' else 'German'} text")
        elif isinstance(node, Criterion):
            for fid in (*node.all, *node.any, *node.none, *node.absent):
                need("finding", findings, fid, where)
            for r in node.regions:
                need("region", regions, r, where)
            if not (node.all or node.any or node.absent):
                add(f"{where}: criterion tests nothing (give all, any or absent)")
        elif isinstance(node, Code):
            problems.extend(_code_problems(node, where, kb))
        if isinstance(node, BaseModel) and "source" in type(node).model_fields:
            src = node.source  # type: ignore[attr-defined]
            if src:
                need("source", sources, src, where)
            elif not isinstance(node, Code):
                add(f"{where}: a number without a source")
        if isinstance(node, BaseModel) and {"weeks_min", "weeks_max"} <= set(
            type(node).model_fields
        ):
            lo, hi = node.weeks_min, node.weeks_max  # type: ignore[attr-defined]
            if lo > hi:
                add(f"{where}: weeks_min {lo:g} is after weeks_max {hi:g}")

    for i, ev in enumerate(kb.evidence):
        where = f"evidence[{i}] ({ev.condition}/{ev.finding})"
        need("condition", conditions, ev.condition, where)
        need("finding", findings, ev.finding, where)
        for r in ev.regions:
            need("region", regions, r, where)
    pairs = Counter((ev.condition, ev.finding, tuple(ev.regions)) for ev in kb.evidence)
    for (cond_id, finding_id, _), n in pairs.items():
        if n > 1:
            add(f"evidence: {n} entries for {cond_id}/{finding_id} in the same regions")

    for f in kb.findings:
        if f.derived_from is not None:
            need("finding", findings, f.derived_from.finding, f"findings({f.id}).derived_from")
        for place in f.site:
            need("bone or subregion", places, place, f"findings({f.id}).site")
        for other in f.implied_by:
            need("finding", findings, other, f"findings({f.id}).implied_by")
        for other in f.excluded_by:
            need("finding", findings, other, f"findings({f.id}).excluded_by")
        if f.type == "numeric" and not f.unit:
            add(f"findings({f.id}): numeric finding without a unit")

    prior_regions = set()
    for rp in kb.priors:
        where = f"priors({rp.region})"
        need("region", regions, rp.region, where)
        prior_regions.add(rp.region)
        for p in rp.priors:
            need("condition", conditions, p.condition, where)
        total = sum(p.probability for p in rp.priors)
        if not 0.95 <= total <= 1.05:
            add(f"{where}: priors sum to {total:.3f}; they must sum to 1 (within 0.05)")
    for r in sorted(regions - prior_regions):
        add(f"priors: region {r!r} has no priors")

    for cl in kb.classifications:
        for cond in cl.applies_to:
            need("condition", conditions, cond, f"classifications({cl.id}).applies_to")
    for pw in kb.pathways:
        where = f"pathways({pw.id})"
        need("condition", conditions, pw.condition, where)
        for r in pw.regions:
            need("region", regions, r, where)
        for t in pw.therapies:
            need("therapy", therapies, t.therapy, where)
        for ph in pw.phases:
            if ph.start_week > ph.end_week:
                add(
                    f"{where}.phases({ph.id}): start_week {ph.start_week:g} "
                    f"is after end_week {ph.end_week:g}"
                )
    return problems


def _icd_valid(code: str) -> bool:
    """Look the code up in simple-icd-10-cm's table (loaded on first use; it is large)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # its importlib.resources use
        import simple_icd_10_cm as icd

    return bool(icd.is_valid_item(code))


def _code_problems(code: Code, where: str, kb: KnowledgeBase) -> list[str]:
    if code.system == "icd-10-cm":
        if not _icd_valid(code.code):
            return [f"{where}: ICD-10-CM code {code.code!r} is not in the ICD-10-CM table"]
        return []
    if code.system in _REVIEWED_SYSTEMS:
        kinds = {s.id: s.kind for s in kb.sources}
        if kinds.get(code.source) != "reference":
            return [
                f"{where}: {code.system} code {code.code!r} needs a source of kind "
                "'reference' that gives it"
            ]
    return []
