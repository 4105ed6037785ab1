"""``marrowpath episode``: follow one BME episode from the first plan until healing.

The store is SQLite in the user's data directory unless ``--db`` or
``MARROWPATH_DATABASE_URL`` names another (PostgreSQL works the same way). Every command
records the acting user (``--actor``, default ``MARROWPATH_ACTOR`` or the login name) in the
audit trail.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from marrowpath.cli._errors import reported_errors
from marrowpath.cli._options import ActorOption, DbOption, actor_name
from marrowpath.cli.plan import check_choice, knowledge, parse_date, render_text, write_plan

__all__ = ["register"]

episode_app = typer.Typer(
    help="Follow an episode: new, visit, case, show, list, export, close.", no_args_is_help=True
)

KbOption = Annotated[
    Path | None, typer.Option("--knowledge", help="A knowledge-base folder (default shipped).")
]
LangOption = Annotated[str, typer.Option(help="en or de.")]


def _emit(data: str | bytes, out: Path | None) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is not None:
        out.write_bytes(raw)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()


@episode_app.command("new")
def new(
    file: Annotated[Path, typer.Argument(help="The case file of the first presentation.")],
    patient: Annotated[str, typer.Option(help="Pseudonymous patient id (no names).")],
    start: Annotated[
        str | None, typer.Option(help="Start date YYYY-MM-DD (default today).")
    ] = None,
    condition: Annotated[str | None, typer.Option(help="Plan for this condition id.")] = None,
    lang: LangOption = "en",
    db: DbOption = None,
    actor: ActorOption = None,
    knowledge_path: KbOption = None,
) -> None:
    """Assess FILE, plan, and open a new episode; print its id and version.

    Example: marrowpath episode new case.yaml --patient P-0042 --start 2026-01-05
    """
    check_choice(lang, ("en", "de"), "--lang")
    day = parse_date(start, "--start")
    from marrowpath.casefile import load_case
    from marrowpath.pathway import plan
    from marrowpath.reasoning import assess
    from marrowpath.store import create_episode, open_store

    with reported_errors():
        kb = knowledge(knowledge_path)
        case = load_case(file)
        assessment = assess(case, lang, kb=kb)
        care = plan(assessment, day, condition=condition, lang=lang, kb=kb)
        with open_store(db) as store:
            ep = create_episode(
                store,
                actor=actor_name(actor),
                patient=patient,
                case=case,
                assessment=assessment,
                plan=care,
            )
    print(f"{ep.id} version {ep.version}: {care.condition_name}, start {ep.start_date}")


@episode_app.command("visit")
def visit(
    episode: Annotated[str, typer.Argument(help="Episode id.")],
    date: Annotated[str, typer.Option(help="Visit date YYYY-MM-DD.")],
    pain_rest: Annotated[int, typer.Option(help="Pain at rest, 0-10.")],
    pain_load: Annotated[int, typer.Option(help="Pain under load, 0-10.")],
    weight_bearing: Annotated[
        str,
        typer.Option(
            help="non_weight_bearing, partial_weight_bearing, "
            "weight_bearing_as_tolerated or full_weight_bearing."
        ),
    ],
    notes: Annotated[str, typer.Option(help="Function notes.")] = "",
    imaging: Annotated[str, typer.Option(help="New imaging result (e.g. MRI report).")] = "",
    expected_version: Annotated[
        int | None, typer.Option(help="Refuse if the episode is no longer at this version.")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Record a visit; print the alerts it raises.

    Example: marrowpath episode visit EPISODE --date 2026-02-16 --pain-rest 2 --pain-load 4
    --weight-bearing partial_weight_bearing
    """
    from marrowpath.followup import make_visit
    from marrowpath.store import add_visit, get_episode, open_store

    who = actor_name(actor)
    with reported_errors():
        v = make_visit(
            {
                "date": parse_date(date, "--date"),
                "pain_rest": pain_rest,
                "pain_load": pain_load,
                "weight_bearing": weight_bearing,
                "function_notes": notes,
                "new_imaging": imaging,
            }
        )
        with open_store(db) as store:
            version = expected_version
            if version is None:
                version = get_episode(store, episode, actor=who).version
            added = add_visit(store, episode, v, actor=who, expected_version=version)
    print(f"visit {added.visit.id} recorded; episode {episode} version {added.episode.version}")
    for a in added.alerts:
        print(f"ALERT {a.kind}: {a.message}")


@episode_app.command("case")
def case_version(
    episode: Annotated[str, typer.Argument(help="Episode id.")],
    file: Annotated[Path, typer.Argument(help="The updated case file.")],
    replan: Annotated[bool, typer.Option(help="Also store a new plan from the new case.")] = False,
    start: Annotated[
        str | None, typer.Option(help="Start of the new plan (default today).")
    ] = None,
    lang: LangOption = "en",
    db: DbOption = None,
    actor: ActorOption = None,
    knowledge_path: KbOption = None,
) -> None:
    """Add a new version of the case (re-assessed); a new red flag becomes an alert.

    Example: marrowpath episode case EPISODE case-week6.yaml --replan
    """
    check_choice(lang, ("en", "de"), "--lang")
    day = parse_date(start, "--start")
    from marrowpath.casefile import load_case
    from marrowpath.pathway import plan
    from marrowpath.reasoning import assess
    from marrowpath.store import add_case_version, get_episode, list_alerts, open_store

    who = actor_name(actor)
    with reported_errors():
        kb = knowledge(knowledge_path)
        case = load_case(file)
        assessment = assess(case, lang, kb=kb)
        with open_store(db) as store:
            ep = get_episode(store, episode, actor=who)
            care = plan(assessment, day, condition=None, lang=lang, kb=kb) if replan else None
            before = {a.id for a in list_alerts(store, episode, actor=who)}
            ep = add_case_version(
                store,
                episode,
                actor=who,
                expected_version=ep.version,
                case=case,
                assessment=assessment,
                plan=care,
                on=day,
            )
            new_alerts = [a for a in list_alerts(store, episode, actor=who) if a.id not in before]
    print(f"case version stored; episode {episode} version {ep.version}")
    for a in new_alerts:
        print(f"ALERT {a.kind}: {a.message}")


@episode_app.command("show")
def show(
    episode: Annotated[str, typer.Argument(help="Episode id.")],
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    today: Annotated[
        str | None, typer.Option(help="Check overdue follow-ups as of this date (default today).")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Show an episode: plan, visits and alerts (with overdue follow-ups as of today).

    Example: marrowpath episode show EPISODE --format json
    """
    check_choice(fmt, ("text", "json"), "--format")
    day = parse_date(today, "--today")
    from marrowpath.followup import overdue_alerts
    from marrowpath.store import load_episode, open_store

    with reported_errors(), open_store(db) as store:
        detail = load_episode(store, episode, actor=actor_name(actor))
    care = detail.plan
    visits = [v.visit() for v in detail.visits]
    overdue = overdue_alerts(care.follow_ups, visits, day, care.lang) if care is not None else []
    if fmt == "json":
        data = detail.model_dump(mode="json")
        data["overdue"] = [a.model_dump(mode="json") for a in overdue]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    e = detail.episode
    print(f"episode {e.id} (patient {e.patient}), version {e.version}, {e.status}")
    print(f"{e.condition} in {e.region}, started {e.start_date}")
    if care is not None:
        print()
        print(render_text(care))
    print()
    print(f"visits ({len(detail.visits)}):")
    for v in detail.visits:
        print(
            f"  {v.date}  pain rest {v.pain_rest}/10, load {v.pain_load}/10, {v.weight_bearing}"
            f"{'; ' + v.function_notes if v.function_notes else ''}"
        )
    alerts = [(a.date, a.kind, a.message) for a in detail.alerts]
    alerts += [(a.date, a.kind, a.message) for a in overdue]
    print(f"alerts ({len(alerts)}):")
    for d, kind, message in alerts:
        print(f"  {d}  {kind}: {message}")


@episode_app.command("list")
def list_command(
    patient: Annotated[str | None, typer.Option(help="Only this patient's episodes.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """List episodes, newest first.

    Example: marrowpath episode list --patient P-0042
    """
    check_choice(fmt, ("text", "json"), "--format")
    from marrowpath.store import list_episodes, open_store

    with reported_errors(), open_store(db) as store:
        rows = list_episodes(store, actor=actor_name(actor), patient=patient)
    if fmt == "json":
        print(json.dumps([r.model_dump(mode="json") for r in rows], indent=2))
        return
    for r in rows:
        print(
            f"{r.id}  {r.patient}  {r.condition}/{r.region}  start {r.start_date}  "
            f"v{r.version}  {r.status}"
        )


@episode_app.command("close")
def close(
    episode: Annotated[str, typer.Argument(help="Episode id.")],
    reopen: Annotated[bool, typer.Option(help="Open a closed episode again.")] = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Close an episode (healed or handed over), or reopen it.

    Example: marrowpath episode close EPISODE
    """
    from marrowpath.store import close_episode, get_episode, open_store

    who = actor_name(actor)
    with reported_errors(), open_store(db) as store:
        version = get_episode(store, episode, actor=who).version
        ep = close_episode(store, episode, actor=who, expected_version=version, reopen=reopen)
    print(f"episode {ep.id} {ep.status}, version {ep.version}")


EXPORTS = ("json", "fhir", "ics", "html", "pdf", "png", "svg")


@episode_app.command("export")
def export(
    episode: Annotated[str, typer.Argument(help="Episode id.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (everything), fhir, ics, html, pdf (the "
            "current plan) or png, svg (pain chart).",
        ),
    ] = "json",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    lang: Annotated[
        str | None, typer.Option(help="Chart labels en or de (default: the plan's language).")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    knowledge_path: KbOption = None,
) -> None:
    """Export an episode or its current plan, or draw its pain chart.

    Example: marrowpath episode export EPISODE --format png --out pain.png
    """
    check_choice(fmt, EXPORTS, "--format")
    if lang is not None:
        check_choice(lang, ("en", "de"), "--lang")
    from marrowpath.followup import expected_course_of_plan
    from marrowpath.followup.chart import pain_chart
    from marrowpath.store import load_episode, open_store

    with reported_errors():
        with open_store(db) as store:
            detail = load_episode(store, episode, actor=actor_name(actor))
        care = detail.plan
        if fmt == "json":
            _emit(json.dumps(detail.model_dump(mode="json"), indent=2, ensure_ascii=False), out)
        elif fmt in ("png", "svg"):
            course = expected_course_of_plan(care) if care is not None else None
            visits = [v.visit() for v in detail.visits]
            chart_lang = lang or (care.lang if care is not None else "en")
            _emit(pain_chart(visits, detail.episode.start_date, course, fmt, chart_lang), out)
        elif care is None:  # pragma: no cover - every episode is created with a plan
            msg = f"episode {episode!r} has no plan"
            raise typer.BadParameter(msg)
        else:
            write_plan(care, fmt, out, detail.episode.patient, knowledge(knowledge_path))


def register(app: typer.Typer) -> None:
    app.add_typer(episode_app, name="episode")
