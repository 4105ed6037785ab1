"""Migrations: applied on open, from code, and upgrading an old database without loss."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from marrowpath.knowledge import Knowledge
from marrowpath.store import add_visit, list_visits, load_episode, open_store
from marrowpath.store.engine import alembic_config

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _revision(url: str) -> str:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rev = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return str(rev)


class TestMigrations:
    """Schema revisions."""

    def test_at_least_two_revisions(self) -> None:
        """0001 and 0002 are ours (later ones may follow), in one line of history."""
        script = ScriptDirectory.from_config(alembic_config())
        revisions = [r.revision for r in script.walk_revisions("base", "heads")]
        assert {"0001", "0002"} <= set(revisions)
        assert revisions[-1] == "0001"

    def test_open_applies_every_migration(self, db_url: str) -> None:
        """A new database is at the newest revision with every table."""
        store = open_store(db_url)
        tables = set(sa.inspect(store.engine).get_table_names())
        store.close()
        assert {"episodes", "case_versions", "plans", "visits", "alerts", "audit"} <= tables
        assert _revision(db_url) == HEAD

    def test_reopen_is_a_no_op(self, db_url: str) -> None:
        """Opening twice keeps the revision."""
        open_store(db_url).close()
        open_store(db_url).close()
        assert _revision(db_url) == HEAD

    def test_no_alembic_ini_needed(self) -> None:
        """The configuration is built in code and points at the packaged scripts."""
        folder = resources.files("marrowpath.store").joinpath("migrations")
        assert not folder.joinpath("alembic.ini").is_file()
        cfg = alembic_config()
        assert cfg.config_file_name is None
        assert cfg.get_main_option("script_location") == str(folder)

    def test_upgrade_from_the_first_migration_without_loss(
        self, db_url: str, kb: Knowledge
    ) -> None:
        """A database made by 0001 with data in it upgrades, and the data stays usable."""
        engine = sa.create_engine(db_url)
        cfg = alembic_config(engine)
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
            conn.commit()
        now = dt.datetime(2026, 1, 5, 9, 0)
        with engine.begin() as conn:
            assert "alerts" not in sa.inspect(conn).get_table_names()
            conn.execute(
                sa.text(
                    "INSERT INTO episodes (id, patient, condition, region, side, start_date, "
                    "status, version, created_at, updated_at) VALUES ('ep-old', 'P-OLD', "
                    "'bone_bruise', 'knee', NULL, :d, 'open', 2, :t, :t)"
                ),
                {"d": dt.date(2026, 1, 5), "t": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO visits (episode_id, visit_date, pain_rest, pain_load, "
                    "weight_bearing, function_notes, new_imaging, created_at) VALUES "
                    "('ep-old', :d, 4, 6, 'partial_weight_bearing', 'old note', '', :t)"
                ),
                {"d": dt.date(2026, 1, 12), "t": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO audit (at, actor, action, entity, entity_id) "
                    "VALUES (:t, 'dr_old', 'create', 'episode', 'ep-old')"
                ),
                {"t": now},
            )
        engine.dispose()
        assert _revision(db_url) == "0001"
        store = open_store(db_url)
        assert _revision(db_url) == HEAD
        detail = load_episode(store, "ep-old", actor="dr_new")
        assert (detail.episode.patient, detail.episode.version) == ("P-OLD", 2)
        assert [(v.pain_rest, v.function_notes) for v in detail.visits] == [(4, "old note")]
        added = add_visit(
            store,
            "ep-old",
            {
                "date": dt.date(2026, 1, 19),
                "pain_rest": 2,
                "pain_load": 3,
                "weight_bearing": "full_weight_bearing",
            },
            actor="dr_new",
            expected_version=2,
        )
        assert added.episode.version == 3
        assert len(list_visits(store, "ep-old", actor="dr_new")) == 2
        with store.engine.connect() as conn:
            assert (
                conn.execute(
                    sa.text("SELECT count(*) FROM audit WHERE actor='dr_old'")
                ).scalar_one()
                == 1
            )
        store.close()


class TestConcurrentOpen:
    """Several workers opening a new database at once migrate it exactly once."""

    def test_parallel_open(self, db_url: str) -> None:
        """Four threads open the same empty database; all succeed."""
        import threading

        errors: list[BaseException] = []
        barrier = threading.Barrier(4)

        def worker() -> None:
            try:
                barrier.wait()
                open_store(db_url).close()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert _revision(db_url) == HEAD
