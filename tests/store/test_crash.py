"""A writer killed with SIGKILL mid-batch leaves only whole, committed visits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from marrowpath.knowledge import Knowledge
from marrowpath.store import add_visit, get_episode, list_visits, open_store
from tests.store.test_repository import new_episode, visit

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
class TestCrash:
    """SIGKILL in the middle of a batch of visits."""

    def test_killed_writer(self, db_url: str, kb: Knowledge) -> None:
        """After the kill the database opens cleanly and holds exactly the committed visits."""
        setup = open_store(db_url)
        ep = new_episode(setup, kb)
        setup.close()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crash_writer", db_url, ep.id, "100000"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.stdout is not None
        reported = -1
        for line in proc.stdout:
            reported = int(line)
            if reported >= 40:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        assert reported >= 40

        store = open_store(db_url)
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        visits = list_visits(store, ep.id, actor="check")
        episode = get_episode(store, ep.id, actor="check")
        # every reported commit survived; at most the one in flight committed unreported
        assert reported + 1 <= len(visits) <= reported + 2
        assert episode.version == 1 + len(visits)
        for i, v in enumerate(visits):
            assert (v.pain_rest, v.pain_load) == (i % 11, (i * 7) % 11)
            assert v.function_notes == f"visit {i} " + "x" * 2000
        with store.engine.connect() as conn:
            audited = conn.execute(
                sa.text("SELECT count(*) FROM audit WHERE action='create' AND entity='visit'")
            ).scalar_one()
        assert audited == len(visits)
        again = add_visit(store, ep.id, visit(400), actor="check", expected_version=episode.version)
        assert again.episode.version == episode.version + 1
        store.close()
