"""docs/knowledge-review.md: every seed statement is decided, and every reference resolves."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from marrowpath.knowledge import load_knowledge

REVIEW = Path(__file__).resolve().parents[2] / "docs" / "knowledge-review.md"
REF = re.compile(r"`kb:([a-z_]+)/([a-z0-9_]+)(?:/([a-z0-9_]+))?`")
ROW = re.compile(r"^\| (\d+) \| (.+?) \| (kept|kept in part|rejected) \| (.*?) \|(.*)\|$")


def rows() -> list[re.Match[str]]:
    return [m for line in REVIEW.read_text(encoding="utf-8").splitlines() if (m := ROW.match(line))]


def test_every_reference_resolves() -> None:
    """Each `kb:section/id` in the review names an existing knowledge entry."""
    kb = load_knowledge()
    evidence = {(e.condition, e.finding) for e in kb.kb.evidence}
    tables: dict[str, Mapping[str, object]] = {
        "conditions": kb.conditions,
        "findings": kb.findings,
        "therapies": kb.therapies,
        "pathways": kb.pathways,
        "red_flags": kb.red_flags,
        "classifications": kb.classifications,
        "priors": kb.priors,
        "regions": kb.regions,
        "sources": kb.sources,
    }
    text = REVIEW.read_text(encoding="utf-8")
    refs = REF.findall(text)
    assert len(refs) > 150
    missing = []
    for section, ident, extra in refs:
        if section == "evidence":
            ok = (ident, extra) in evidence
        else:
            ok = ident in tables[section] and not extra
        if not ok:
            missing.append("/".join(p for p in (section, ident, extra) if p))
    assert missing == []


def test_statements_are_numbered_and_decided() -> None:
    """Rows are numbered 1..n without gaps; kept rows name an entry, rejected rows a reason."""
    found = rows()
    assert [int(m.group(1)) for m in found] == list(range(1, len(found) + 1))
    assert len(found) >= 80
    for m in found:
        decision, held, reason = m.group(3), m.group(4), m.group(5)
        if decision == "rejected":
            assert reason.strip(), m.group(1)
        else:
            assert REF.search(held), m.group(1)
