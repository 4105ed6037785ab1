"""Repository functions of the episode store, one short transaction each.

Every function takes the ``actor`` for the audit trail; every change of an episode takes the
``expected_version`` read before and is refused with :class:`ConflictError` when someone else
changed the episode in between (nothing is written then, and nothing already stored is lost).
Bad input raises :class:`InputError` and an unknown episode :class:`NotFoundError`, both
before anything is written.

Example:
    >>> store = open_store("sqlite:///episodes.sqlite")  # doctest: +SKIP
    >>> ep = create_episode(store, actor="dr_a", patient="P-0042", case=case,
    ...                     assessment=assessment, plan=care)  # doctest: +SKIP
    >>> add_visit(store, ep.id, {...}, actor="dr_a", expected_version=ep.version)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from marrowpath.case import Case
from marrowpath.errors import ConflictError, InputError, NotFoundError
from marrowpath.followup.alerts import Alert as AlertModel, course_alerts, new_red_flag_alerts
from marrowpath.followup.course import expected_course_of_plan
from marrowpath.followup.visit import Visit as VisitModel, make_visit
from marrowpath.pathway.model import CarePlan
from marrowpath.reasoning.model import Assessment
from marrowpath.store import audit
from marrowpath.store.audit import check_actor, now, record_access
from marrowpath.store.engine import Store
from marrowpath.store.models import Alert, CaseVersion, Episode, Plan, Visit
from marrowpath.store.records import (
    AlertRecord,
    AuditRecord,
    CaseVersionRecord,
    EpisodeDetail,
    EpisodeRecord,
    PlanRecord,
    VisitAdded,
    VisitRecord,
)

__all__ = [
    "add_case_version",
    "add_plan",
    "add_visit",
    "audit_log",
    "close_episode",
    "create_episode",
    "get_episode",
    "list_alerts",
    "list_episodes",
    "list_visits",
    "load_episode",
]


def _episode_record(e: Episode) -> EpisodeRecord:
    return EpisodeRecord.model_validate(e)


def _visit_record(v: Visit) -> VisitRecord:
    return VisitRecord.model_validate(v)


def _alert_record(a: Alert) -> AlertRecord:
    return AlertRecord.model_validate(a)


def _case_record(c: CaseVersion) -> CaseVersionRecord:
    return CaseVersionRecord.model_validate(c)


def _plan_record(p: Plan) -> PlanRecord:
    return PlanRecord.model_validate(p)


def _check_patient(patient: str) -> str:
    if not isinstance(patient, str) or not patient.strip() or len(patient) > 128:
        msg = f"patient: {patient!r} is not a pseudonymous patient id (1-128 characters)"
        raise InputError(msg, field="patient")
    return patient.strip()


def _check_episode_id(episode_id: str) -> str:
    if not isinstance(episode_id, str) or not episode_id or len(episode_id) > 36:
        msg = f"episode: {episode_id!r} is not an episode id"
        raise InputError(msg, field="episode")
    return episode_id


def _get(session: Session, episode_id: str) -> Episode:
    e = session.get(Episode, _check_episode_id(episode_id))
    if e is None:
        msg = f"episode: no episode with id {episode_id!r}"
        raise NotFoundError(msg)
    return e


def _bump(session: Session, episode_id: str, expected_version: int) -> Episode:
    """Claim the next version of the episode or refuse: the optimistic-concurrency gate."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        msg = f"expected_version: {expected_version!r} is not a version number"
        raise InputError(msg, field="expected_version")
    result = session.execute(
        update(Episode)
        .where(Episode.id == episode_id, Episode.version == expected_version)
        .values(version=Episode.version + 1, updated_at=now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = session.get(Episode, episode_id)
        if current is None:
            msg = f"episode: no episode with id {episode_id!r}"
            raise NotFoundError(msg)
        msg = (
            f"episode {episode_id!r} was changed by someone else: expected version "
            f"{expected_version}, it is now at version {current.version}; reload and retry"
        )
        raise ConflictError(msg)
    e = session.get(Episode, episode_id, populate_existing=True)
    if e is None:  # pragma: no cover - the update above found it
        raise NotFoundError(episode_id)
    return e


def _json(model: Case | Assessment | CarePlan) -> dict[str, Any]:
    by_alias = isinstance(model, CarePlan)
    return model.model_dump(mode="json", by_alias=by_alias)


def create_episode(
    store: Store,
    *,
    actor: str,
    patient: str,
    case: Case,
    assessment: Assessment,
    plan: CarePlan,
) -> EpisodeRecord:
    """A new episode with its first case version, assessment and plan (version 1).

    The episode starts on the plan's start date and follows the plan's condition and region.
    """
    actor, patient = check_actor(actor), _check_patient(patient)
    stamp = now()
    with store.transaction() as s:
        e = Episode(
            id=str(uuid.uuid4()),
            patient=patient,
            condition=plan.condition,
            region=plan.region,
            side=plan.side,
            start_date=plan.start,
            status="open",
            version=1,
            created_at=stamp,
            updated_at=stamp,
        )
        s.add(e)
        s.flush()
        s.add(
            CaseVersion(
                episode_id=e.id,
                number=1,
                case=_json(case),
                assessment=_json(assessment),
                created_at=stamp,
            )
        )
        row = Plan(episode_id=e.id, case_version=1, plan=_json(plan), created_at=stamp)
        s.add(row)
        s.flush()
        record_access(s, actor, "create", "episode", e.id)
        record_access(s, actor, "create", "case_version", f"{e.id}/1")
        record_access(s, actor, "create", "plan", str(row.id))
        return _episode_record(e)


def get_episode(store: Store, episode_id: str, *, actor: str) -> EpisodeRecord:
    """The episode (with its current version)."""
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _get(s, episode_id)
        record_access(s, actor, "read", "episode", e.id)
        return _episode_record(e)


def list_episodes(
    store: Store, *, actor: str, patient: str | None = None, limit: int = 100, offset: int = 0
) -> list[EpisodeRecord]:
    """Episodes, newest first, optionally of one patient (pseudonym)."""
    actor = check_actor(actor)
    if not 1 <= limit <= 1000 or offset < 0:
        msg = f"limit/offset: {limit!r}/{offset!r}; expected 1..1000 and >= 0"
        raise InputError(msg, field="limit")
    q = select(Episode).order_by(Episode.created_at.desc(), Episode.id)
    if patient is not None:
        q = q.where(Episode.patient == _check_patient(patient))
    with store.transaction() as s:
        rows = list(s.scalars(q.limit(limit).offset(offset)))
        record_access(s, actor, "list", "episode", patient or "*")
        return [_episode_record(e) for e in rows]


def _visits(s: Session, episode_id: str) -> list[Visit]:
    q = select(Visit).where(Visit.episode_id == episode_id).order_by(Visit.visit_date, Visit.id)
    return list(s.scalars(q))


def _alerts(s: Session, episode_id: str) -> list[Alert]:
    q = select(Alert).where(Alert.episode_id == episode_id).order_by(Alert.id)
    return list(s.scalars(q))


def _latest_plan(s: Session, episode_id: str) -> CarePlan | None:
    q = select(Plan).where(Plan.episode_id == episode_id).order_by(Plan.id.desc()).limit(1)
    p = s.scalars(q).first()
    return CarePlan.model_validate(p.plan) if p is not None else None


def _store_alerts(s: Session, episode_id: str, alerts: Sequence[AlertModel]) -> list[Alert]:
    """Insert the alerts not raised before (by key); return the new rows."""
    known = set(s.scalars(select(Alert.key).where(Alert.episode_id == episode_id)))
    new = []
    for a in alerts:
        if a.key in known:
            continue
        known.add(a.key)
        row = Alert(
            episode_id=episode_id,
            kind=a.kind,
            key=a.key,
            alert_date=a.date,
            message=a.message,
            created_at=now(),
        )
        s.add(row)
        new.append(row)
    s.flush()
    return new


def add_visit(
    store: Store,
    episode_id: str,
    visit: VisitModel | Mapping[str, Any],
    *,
    actor: str,
    expected_version: int,
) -> VisitAdded:
    """Record a visit, raise the course alerts it causes, and bump the episode's version.

    Raises:
        InputError: pain outside 0-10, a visit before the episode started, a bad field.
        NotFoundError: no such episode.
        ConflictError: the episode changed since ``expected_version`` was read.
    """
    actor = check_actor(actor)
    if not isinstance(visit, VisitModel):
        visit = make_visit(dict(visit))
    with store.transaction() as s:
        e = _get(s, episode_id)
        make_visit(visit.model_dump(), episode_start=e.start_date)
        e = _bump(s, e.id, expected_version)
        row = Visit(
            episode_id=e.id,
            visit_date=visit.date,
            pain_rest=visit.pain_rest,
            pain_load=visit.pain_load,
            weight_bearing=visit.weight_bearing,
            function_notes=visit.function_notes,
            new_imaging=visit.new_imaging,
            created_at=now(),
        )
        s.add(row)
        s.flush()
        care = _latest_plan(s, e.id)
        course = expected_course_of_plan(care) if care is not None else None
        lang = care.lang if care is not None else "en"
        visits = [_visit_record(v).visit() for v in _visits(s, e.id)]
        new = _store_alerts(s, e.id, course_alerts(visits, e.start_date, course, lang))
        record_access(s, actor, "create", "visit", str(row.id))
        record_access(s, actor, "update", "episode", e.id)
        return VisitAdded(
            visit=_visit_record(row),
            alerts=[_alert_record(a) for a in new],
            episode=_episode_record(e),
        )


def add_case_version(
    store: Store,
    episode_id: str,
    *,
    actor: str,
    expected_version: int,
    case: Case,
    assessment: Assessment,
    plan: CarePlan | None = None,
    on: dt.date | None = None,
) -> EpisodeRecord:
    """Store a new version of the case with its assessment (and optionally a new plan).

    A red flag of the new assessment that the previous one did not raise becomes an alert
    dated ``on`` (today by default). With a new plan the episode follows its condition.
    """
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _bump(s, _get(s, episode_id).id, expected_version)
        last = s.scalars(
            select(CaseVersion)
            .where(CaseVersion.episode_id == e.id)
            .order_by(CaseVersion.number.desc())
            .limit(1)
        ).first()
        number = (last.number if last is not None else 0) + 1
        previous = [f["id"] for f in (last.assessment.get("red_flags", []) if last else [])]
        s.add(
            CaseVersion(
                episode_id=e.id,
                number=number,
                case=_json(case),
                assessment=_json(assessment),
                created_at=now(),
            )
        )
        if plan is not None:
            row = Plan(episode_id=e.id, case_version=number, plan=_json(plan), created_at=now())
            s.add(row)
            e.condition, e.region, e.side = plan.condition, plan.region, plan.side
            s.flush()
            record_access(s, actor, "create", "plan", str(row.id))
        day = on or dt.datetime.now(dt.UTC).date()
        _store_alerts(
            s, e.id, new_red_flag_alerts(previous, assessment.red_flags, day, assessment.lang)
        )
        record_access(s, actor, "create", "case_version", f"{e.id}/{number}")
        record_access(s, actor, "update", "episode", e.id)
        return _episode_record(e)


def add_plan(
    store: Store, episode_id: str, *, actor: str, expected_version: int, plan: CarePlan
) -> EpisodeRecord:
    """Store a new plan for the episode (e.g. for another condition after re-evaluation).

    The episode then follows the new plan's condition and region.
    """
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _bump(s, _get(s, episode_id).id, expected_version)
        number = s.scalar(
            select(func.max(CaseVersion.number)).where(CaseVersion.episode_id == e.id)
        )
        row = Plan(episode_id=e.id, case_version=number, plan=_json(plan), created_at=now())
        s.add(row)
        e.condition, e.region, e.side = plan.condition, plan.region, plan.side
        s.flush()
        record_access(s, actor, "create", "plan", str(row.id))
        record_access(s, actor, "update", "episode", e.id)
        return _episode_record(e)


def close_episode(
    store: Store, episode_id: str, *, actor: str, expected_version: int, reopen: bool = False
) -> EpisodeRecord:
    """Mark the episode closed (healed or handed over), or open again with ``reopen``.

    Visits can still be added to a closed episode (a late check-up is not refused).
    """
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _bump(s, _get(s, episode_id).id, expected_version)
        e.status = "open" if reopen else "closed"
        s.flush()
        record_access(s, actor, "update", "episode", e.id)
        return _episode_record(e)


def list_visits(store: Store, episode_id: str, *, actor: str) -> list[VisitRecord]:
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _get(s, episode_id)
        record_access(s, actor, "list", "visit", e.id)
        return [_visit_record(v) for v in _visits(s, e.id)]


def list_alerts(store: Store, episode_id: str, *, actor: str) -> list[AlertRecord]:
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _get(s, episode_id)
        record_access(s, actor, "list", "alert", e.id)
        return [_alert_record(a) for a in _alerts(s, e.id)]


def load_episode(store: Store, episode_id: str, *, actor: str) -> EpisodeDetail:
    """The episode with its case versions, plans, visits and alerts, in one transaction."""
    actor = check_actor(actor)
    with store.transaction() as s:
        e = _get(s, episode_id)
        cases = s.scalars(
            select(CaseVersion).where(CaseVersion.episode_id == e.id).order_by(CaseVersion.number)
        )
        plans = s.scalars(select(Plan).where(Plan.episode_id == e.id).order_by(Plan.id))
        detail = EpisodeDetail(
            episode=_episode_record(e),
            case_versions=[_case_record(c) for c in cases],
            plans=[_plan_record(p) for p in plans],
            visits=[_visit_record(v) for v in _visits(s, e.id)],
            alerts=[_alert_record(a) for a in _alerts(s, e.id)],
        )
        record_access(s, actor, "read", "episode", e.id)
        return detail


def audit_log(
    store: Store, *, entity_id: str | None = None, actor: str | None = None, limit: int = 1000
) -> list[AuditRecord]:
    """The audit trail, oldest first (reading it is not patient data and is not audited)."""
    with store.transaction() as s:
        return audit.audit_log(s, entity_id=entity_id, actor=actor, limit=limit)
