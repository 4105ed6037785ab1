"""The audit trail: every read and write of patient data, no clinical text."""

from __future__ import annotations

import sqlalchemy as sa

from marrowpath.knowledge import Knowledge
from marrowpath.store import (
    Store,
    add_visit,
    audit_log,
    get_episode,
    list_alerts,
    list_episodes,
    list_visits,
    load_episode,
)
from tests.store.test_repository import new_episode, visit


class TestAudit:
    """Who, what, when, and nothing clinical."""

    def test_every_access_is_recorded(self, store: Store, kb: Knowledge) -> None:
        """Create, read, list and update each leave one row naming the actor."""
        ep = new_episode(store, kb)
        get_episode(store, ep.id, actor="dr_b")
        load_episode(store, ep.id, actor="dr_c")
        list_episodes(store, actor="dr_d", patient="P-0001")
        added = add_visit(store, ep.id, visit(1), actor="dr_e", expected_version=1)
        list_visits(store, ep.id, actor="dr_f")
        list_alerts(store, ep.id, actor="dr_g")
        plan_id = str(load_episode(store, ep.id, actor="dr_c").plans[0].id)
        rows = [(r.actor, r.action, r.entity, r.entity_id) for r in audit_log(store)]
        assert rows == [
            ("dr_a", "create", "episode", ep.id),
            ("dr_a", "create", "case_version", f"{ep.id}/1"),
            ("dr_a", "create", "plan", plan_id),
            ("dr_b", "read", "episode", ep.id),
            ("dr_c", "read", "episode", ep.id),
            ("dr_d", "list", "episode", "P-0001"),
            ("dr_e", "create", "visit", str(added.visit.id)),
            ("dr_e", "update", "episode", ep.id),
            ("dr_f", "list", "visit", ep.id),
            ("dr_g", "list", "alert", ep.id),
            ("dr_c", "read", "episode", ep.id),
        ]
        times = [r.at for r in audit_log(store)]
        assert len(times) == len(rows)
        assert times == sorted(times)

    def test_no_clinical_text(self, store: Store, kb: Knowledge) -> None:
        """The audit table has only who/what/when columns and holds no visit text."""
        ep = new_episode(store, kb)
        add_visit(
            store,
            ep.id,
            visit(1, function_notes="cannot climb stairs", new_imaging="MRI: edema"),
            actor="dr_a",
            expected_version=1,
        )
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns("audit")}
        assert columns == {"id", "at", "actor", "action", "entity", "entity_id"}
        with store.engine.connect() as conn:
            dump = " ".join(
                str(v) for row in conn.execute(sa.text("SELECT * FROM audit")) for v in row
            )
        for clinical in ("stairs", "edema", "transient", "hip", "pain"):
            assert clinical not in dump
