"""Optimistic concurrency: a stale update is refused and nothing is lost."""

from __future__ import annotations

import threading

import pytest

from marrowpath.errors import ConflictError
from marrowpath.knowledge import Knowledge
from marrowpath.store import Store, add_visit, get_episode, list_visits, open_store
from tests.store.test_repository import new_episode, visit


class TestOptimisticConcurrency:
    """Two clinicians editing the same episode."""

    def test_stale_update_is_refused(self, store: Store, kb: Knowledge) -> None:
        """Both read version 1; the second writer gets a clear conflict, the first keeps its visit."""
        ep = new_episode(store, kb)
        first = get_episode(store, ep.id, actor="dr_a")
        second = get_episode(store, ep.id, actor="dr_b")
        add_visit(store, ep.id, visit(1, 2, 3), actor="dr_a", expected_version=first.version)
        with pytest.raises(ConflictError) as exc:
            add_visit(store, ep.id, visit(1, 5, 6), actor="dr_b", expected_version=second.version)
        assert str(exc.value) == (
            f"episode {ep.id!r} was changed by someone else: expected version 1, "
            "it is now at version 2; reload and retry"
        )
        visits = list_visits(store, ep.id, actor="dr_b")
        assert [(v.pain_rest, v.pain_load) for v in visits] == [(2, 3)]
        retry = add_visit(
            store,
            ep.id,
            visit(1, 5, 6),
            actor="dr_b",
            expected_version=get_episode(store, ep.id, actor="dr_b").version,
        )
        assert retry.episode.version == 3

    def test_racing_writers(self, db_url: str, kb: Knowledge) -> None:
        """Of several simultaneous writers at the same version exactly one wins."""
        setup = open_store(db_url)
        ep = new_episode(setup, kb)
        setup.close()
        results: list[str] = []
        barrier = threading.Barrier(4)

        def write(i: int) -> None:
            s = open_store(db_url)
            try:
                barrier.wait()
                add_visit(s, ep.id, visit(1, i, i), actor=f"w{i}", expected_version=1)
                results.append("ok")
            except ConflictError:
                results.append("conflict")
            finally:
                s.close()

        threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == ["conflict", "conflict", "conflict", "ok"]
        check = open_store(db_url)
        assert len(list_visits(check, ep.id, actor="x")) == 1
        assert get_episode(check, ep.id, actor="x").version == 2
        check.close()
