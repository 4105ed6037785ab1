"""Tests of the repository functions on both backends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from marrowpath.errors import ConflictError, InputError, NotFoundError, StoreError
from marrowpath.knowledge import Knowledge
from marrowpath.pathway import CarePlan
from marrowpath.store import (
    EpisodeRecord,
    Store,
    add_case_version,
    add_plan,
    add_visit,
    audit_log,
    create_episode,
    get_episode,
    list_alerts,
    list_episodes,
    list_visits,
    load_episode,
)
from tests.pathway.fixture_kb import START, make_assessment, make_case, make_plan


def new_episode(
    store: Store, kb: Knowledge, patient: str = "P-0001", **changes: Any
) -> EpisodeRecord:
    return create_episode(
        store,
        actor="dr_a",
        patient=patient,
        case=make_case(**changes),
        assessment=make_assessment(kb, **changes),
        plan=make_plan(kb, **changes),
    )


def visit(week: float, rest: int = 3, load: int = 5, **extra: Any) -> dict[str, Any]:
    return {
        "date": START + dt.timedelta(days=round(week * 7)),
        "pain_rest": rest,
        "pain_load": load,
        "weight_bearing": "partial_weight_bearing",
        **extra,
    }


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


class TestEpisodes:
    """Creating, reading and listing episodes."""

    def test_create(self, store: Store, kb: Knowledge) -> None:
        """A new episode starts at version 1 with the plan's condition, region and start."""
        ep = new_episode(store, kb)
        assert (ep.version, ep.status, ep.patient) == (1, "open", "P-0001")
        assert (ep.condition, ep.region, ep.side, ep.start_date) == (
            "transient_osteoporosis",
            "hip",
            "left",
            START,
        )
        assert get_episode(store, ep.id, actor="dr_b") == ep

    def test_load_round_trips_case_assessment_and_plan(self, store: Store, kb: Knowledge) -> None:
        """The stored case, assessment and plan come back as they went in."""
        ep = new_episode(store, kb)
        detail = load_episode(store, ep.id, actor="dr_a")
        assert [c.number for c in detail.case_versions] == [1]
        assert detail.case_versions[0].case["region"] == "hip"
        assert detail.case_versions[0].assessment["differential"][0]["condition"] == (
            "transient_osteoporosis"
        )
        assert detail.plan == make_plan(kb)
        assert detail.plans[0].plan["therapies"][0]["class"] == "nsaids"
        assert detail.visits == []
        assert detail.alerts == []

    def test_list(self, store: Store, kb: Knowledge) -> None:
        """Newest first, filtered by patient."""
        a = new_episode(store, kb, patient="P-A")
        b = new_episode(store, kb, patient="P-B")
        assert {e.id for e in list_episodes(store, actor="x")} == {a.id, b.id}
        assert [e.id for e in list_episodes(store, actor="x", patient="P-B")] == [b.id]
        assert list_episodes(store, actor="x", patient="P-C") == []

    def test_unknown_episode(self, store: Store) -> None:
        """An unknown id is NotFoundError naming it."""
        with pytest.raises(NotFoundError) as exc:
            get_episode(store, "no-such-episode", actor="x")
        assert str(exc.value) == "episode: no episode with id 'no-such-episode'"

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"actor": ""}, "actor: '' is not a user name (1-128 characters on one line)"),
            ({"actor": "a\nb"}, "actor: 'a\\nb' is not a user name (1-128 characters on one line)"),
            ({"patient": " "}, "patient: ' ' is not a pseudonymous patient id (1-128 characters)"),
        ],
    )
    def test_bad_create(
        self, store: Store, kb: Knowledge, kwargs: dict[str, str], message: str
    ) -> None:
        """Bad actor or patient ids are refused and nothing is written."""
        args: dict[str, Any] = {"actor": "dr_a", "patient": "P-1", **kwargs}
        with pytest.raises(InputError) as exc:
            create_episode(
                store, case=make_case(), assessment=make_assessment(kb), plan=make_plan(kb), **args
            )
        assert str(exc.value) == message
        assert count(store, "episodes") == 0

    def test_bad_listing(self, store: Store) -> None:
        """Limits are checked."""
        with pytest.raises(InputError, match=r"^limit/offset: 0/0; expected 1..1000 and >= 0$"):
            list_episodes(store, actor="x", limit=0)


class TestVisits:
    """Visits bump the version and raise course alerts once."""

    def test_add_visit(self, store: Store, kb: Knowledge) -> None:
        """The visit is stored whole and the version moves on."""
        ep = new_episode(store, kb)
        added = add_visit(
            store, ep.id, visit(1, 4, 7, function_notes="limps"), actor="dr_a", expected_version=1
        )
        assert added.episode.version == 2
        v = added.visit
        assert (v.date, v.pain_rest, v.pain_load, v.function_notes) == (
            START + dt.timedelta(weeks=1),
            4,
            7,
            "limps",
        )
        assert added.alerts == []
        assert list_visits(store, ep.id, actor="x") == [v]

    def test_alerts_are_raised_once(self, store: Store, kb: Knowledge) -> None:
        """No improvement by week 6 is raised at the first late visit and not again."""
        ep = new_episode(store, kb)
        r = add_visit(store, ep.id, visit(0, 4, 7), actor="a", expected_version=ep.version)
        r = add_visit(store, ep.id, visit(6, 4, 7), actor="a", expected_version=r.episode.version)
        assert [a.kind for a in r.alerts] == ["no_improvement"]
        r = add_visit(store, ep.id, visit(7, 4, 8), actor="a", expected_version=r.episode.version)
        assert [a.kind for a in r.alerts] == []
        r = add_visit(store, ep.id, visit(8, 5, 9), actor="a", expected_version=r.episode.version)
        assert [a.kind for a in r.alerts] == ["pain_rising"]
        assert [a.kind for a in list_alerts(store, ep.id, actor="a")] == [
            "no_improvement",
            "pain_rising",
        ]

    def test_visits_are_ordered_by_date(self, store: Store, kb: Knowledge) -> None:
        """A visit entered late sorts by its date."""
        ep = new_episode(store, kb)
        r = add_visit(store, ep.id, visit(4), actor="a", expected_version=1)
        add_visit(store, ep.id, visit(2), actor="a", expected_version=r.episode.version)
        assert [v.date for v in list_visits(store, ep.id, actor="a")] == [
            START + dt.timedelta(weeks=2),
            START + dt.timedelta(weeks=4),
        ]

    @pytest.mark.parametrize(
        ("data", "error", "message"),
        [
            (visit(1, rest=11), InputError, "pain_rest: 11 is not a whole number from 0 to 10"),
            (
                visit(-1),
                InputError,
                "date: '2025-12-29' is before the episode started (2026-01-05)",
            ),
            (
                {"date": START},
                InputError,
                "pain_rest: Field required (got {'date': datetime.date(2026, 1, 5)})",
            ),
        ],
    )
    def test_bad_visits_write_nothing(
        self,
        store: Store,
        kb: Knowledge,
        data: dict[str, Any],
        error: type[Exception],
        message: str,
    ) -> None:
        """Pain 11, a visit before the start or a missing field: clear error, nothing written."""
        ep = new_episode(store, kb)
        audits = count(store, "audit")
        with pytest.raises(error) as exc:
            add_visit(store, ep.id, data, actor="a", expected_version=1)
        assert str(exc.value) == message
        assert count(store, "visits") == 0
        assert count(store, "audit") == audits
        assert get_episode(store, ep.id, actor="a").version == 1

    def test_visit_to_unknown_episode(self, store: Store) -> None:
        """An unknown episode is refused before anything is written."""
        with pytest.raises(NotFoundError, match=r"^episode: no episode with id 'nope'$"):
            add_visit(store, "nope", visit(1), actor="a", expected_version=1)
        assert count(store, "visits") == 0

    def test_bad_expected_version(self, store: Store, kb: Knowledge) -> None:
        """The version must be a number."""
        ep = new_episode(store, kb)
        with pytest.raises(InputError, match=r"^expected_version: '1' is not a version number$"):
            add_visit(store, ep.id, visit(1), actor="a", expected_version="1")  # type: ignore[arg-type]

    def test_bad_episode_id(self, store: Store) -> None:
        """An id that cannot be one is an input error."""
        with pytest.raises(InputError, match=r"^episode: 'x{37}' is not an episode id$"):
            get_episode(store, "x" * 37, actor="a")


class TestCaseVersionsAndPlans:
    """New case versions, red-flag alerts, new plans."""

    def test_new_red_flag_alert(self, store: Store, kb: Knowledge) -> None:
        """A red flag appearing in a new case version becomes an alert, once."""
        ep = new_episode(store, kb)
        fever = {"mri_bme_diffuse": True, "fever": True}
        day = START + dt.timedelta(weeks=3)
        ep = add_case_version(
            store,
            ep.id,
            actor="a",
            expected_version=ep.version,
            case=make_case(findings=fever),
            assessment=make_assessment(kb, findings=fever),
            on=day,
        )
        assert ep.version == 2
        alerts = list_alerts(store, ep.id, actor="a")
        assert [(a.kind, a.date) for a in alerts] == [("new_red_flag", day)]
        assert alerts[0].message.startswith("New red flag: Suspected bone or joint infection.")
        ep = add_case_version(
            store,
            ep.id,
            actor="a",
            expected_version=ep.version,
            case=make_case(findings=fever),
            assessment=make_assessment(kb, findings=fever),
            on=day,
        )
        assert len(list_alerts(store, ep.id, actor="a")) == 1
        assert [c.number for c in load_episode(store, ep.id, actor="a").case_versions] == [1, 2, 3]

    def test_new_plan(self, store: Store, kb: Knowledge) -> None:
        """A re-plan with the case version, or a plan on its own."""
        ep = new_episode(store, kb)
        other = make_plan(kb, condition="bone_bruise")
        ep = add_case_version(
            store,
            ep.id,
            actor="a",
            expected_version=1,
            case=make_case(),
            assessment=make_assessment(kb),
            plan=other,
        )
        detail = load_episode(store, ep.id, actor="a")
        assert [p.case_version for p in detail.plans] == [1, 2]
        assert isinstance(detail.plan, CarePlan)
        assert detail.plan.condition == "bone_bruise"
        assert detail.episode.condition == "bone_bruise"
        ep = add_plan(store, ep.id, actor="a", expected_version=ep.version, plan=make_plan(kb))
        assert (ep.version, ep.condition) == (3, "transient_osteoporosis")
        assert load_episode(store, ep.id, actor="a").plan == make_plan(kb)

    def test_stale_plan_is_refused(self, store: Store, kb: Knowledge) -> None:
        """add_plan takes part in optimistic concurrency too."""
        ep = new_episode(store, kb)
        add_visit(store, ep.id, visit(1), actor="a", expected_version=1)
        with pytest.raises(ConflictError):
            add_plan(store, ep.id, actor="a", expected_version=1, plan=make_plan(kb))
        assert len(load_episode(store, ep.id, actor="a").plans) == 1


class TestAuditLogFunction:
    """``audit_log`` filters."""

    def test_filters(self, store: Store, kb: Knowledge) -> None:
        """By record and by actor."""
        ep = new_episode(store, kb)
        get_episode(store, ep.id, actor="dr_b")
        rows = audit_log(store, entity_id=ep.id)
        assert [(r.actor, r.action) for r in rows] == [("dr_a", "create"), ("dr_b", "read")]
        assert [r.entity for r in audit_log(store, actor="dr_a")] == [
            "episode",
            "case_version",
            "plan",
        ]
        assert [r.action for r in audit_log(store, actor="dr_b")] == ["read"]


class TestDatabaseFailures:
    """A database failing underneath is a StoreError, not a driver exception."""

    def test_missing_table(self, store: Store, kb: Knowledge) -> None:
        """A broken schema names the database and the driver's complaint."""
        ep = new_episode(store, kb)
        with store.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE alerts"))
        with pytest.raises(StoreError) as exc:
            list_alerts(store, ep.id, actor="a")
        url = store.engine.url.render_as_string(hide_password=True)
        assert str(exc.value).startswith(f"database {url!r}: ")
        assert "alerts" in str(exc.value)
        assert not isinstance(exc.value, sa.exc.DBAPIError)


class TestClose:
    """Closing and reopening an episode."""

    def test_close_and_reopen(self, store: Store, kb: Knowledge) -> None:
        """Status changes with the version; a stale close is refused; visits still go in."""
        from marrowpath.store import close_episode

        ep = new_episode(store, kb)
        closed = close_episode(store, ep.id, actor="a", expected_version=1)
        assert (closed.status, closed.version) == ("closed", 2)
        with pytest.raises(ConflictError):
            close_episode(store, ep.id, actor="a", expected_version=1, reopen=True)
        late = add_visit(store, ep.id, visit(30, 0, 0), actor="a", expected_version=2)
        assert late.episode.status == "closed"
        reopened = close_episode(store, ep.id, actor="a", expected_version=3, reopen=True)
        assert (reopened.status, reopened.version) == ("open", 4)
