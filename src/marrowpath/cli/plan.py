"""``marrowpath plan``: assess a case file and print or export its care plan."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from marrowpath.cli._errors import fail, reported_errors
from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.pathway import CarePlan
from marrowpath.pathway._texts import WEIGHT_BEARING

__all__ = ["check_choice", "knowledge", "parse_date", "register", "render_text", "write_plan"]

FORMATS = ("text", "json", "fhir", "ics", "html", "pdf")


def parse_date(value: str | None, option: str) -> dt.date:
    """A YYYY-MM-DD option value (today when None); bad values exit 2 naming the option."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        raise fail(f"{option}: {value!r} is not one of {', '.join(repr(c) for c in choices)}")
    return value


def knowledge(path: Path | None) -> Knowledge:
    return load_knowledge(path) if path is not None else load_knowledge()


def render_text(care: CarePlan) -> str:
    """The plan as plain text for a terminal."""
    de = care.lang == "de"
    lines = [f"{care.condition_name} ({care.region}{', ' + care.side if care.side else ''})"]
    lines.append(("Beginn: " if de else "Start: ") + care.start.isoformat())
    if care.urgent:
        lines.append("!! " + care.summary)
    else:
        lines.append(care.summary)
    lines.append("")
    lines.append("Phasen:" if de else "Phases:")
    for p in care.phases:
        lines.append(
            f"  {p.start} - {p.end}  {p.name} [{WEIGHT_BEARING[p.weight_bearing][care.lang]}]"
        )
        for label_en, label_de, value in (
            ("aids", "Hilfsmittel", p.aids),
            ("allowed", "erlaubt", p.allowed),
            ("avoid", "vermeiden", p.avoid),
        ):
            if value:
                lines.append(f"      {label_de if de else label_en}: {value}")
    if care.therapies:
        lines.append("")
        lines.append(
            "Therapieklassen (keine Dosierungen):" if de else "Therapy classes (no doses):"
        )
        for t in care.therapies:
            lines.append(f"  [{t.status}] {t.name}: {t.reason}")
    if care.follow_ups:
        lines.append("")
        lines.append("Kontrollen:" if de else "Follow-ups:")
        for f in care.follow_ups:
            lines.append(
                f"  {f.date}  {f.what}{' (MRT)' if de and f.imaging else ''}"
                f"{' (MRI)' if not de and f.imaging else ''}"
            )
    if care.return_to_sport is not None:
        r = care.return_to_sport
        lines.append("")
        lines.append(
            f"{'Sport frühestens' if de else 'Return to sport not before'} {r.earliest}: {r.text}"
        )
    if care.expected_healing is not None:
        h = care.expected_healing
        lines.append(
            f"{'Erwartete Heilung' if de else 'Expected healing'}: "
            f"{h.earliest} - {h.latest} ({h.weeks_min:g}-{h.weeks_max:g} "
            f"{'Wochen' if de else 'weeks'}, {h.source})"
        )
    if care.warnings:
        lines.append("")
        lines.append("Hinweise:" if de else "Warnings:")
        lines += [f"  - {w.text}" for w in care.warnings]
    lines.append("")
    lines.append(care.disclaimer)
    return "\n".join(lines)


def write_plan(care: CarePlan, fmt: str, out: Path | None, patient: str, kb: Knowledge) -> None:
    """Write the plan in ``fmt`` to ``out`` or standard output."""
    data: str | bytes
    if fmt == "text":
        data = render_text(care) + "\n"
    elif fmt == "json":
        data = json.dumps(care.to_json_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "fhir":
        from marrowpath.fhir import careplan_bundle

        data = (
            json.dumps(careplan_bundle(care, patient, kb=kb), indent=2, ensure_ascii=False) + "\n"
        )
    elif fmt == "ics":
        from marrowpath.pathway.ical import plan_calendar

        data = plan_calendar(care)
    elif fmt == "html":
        from marrowpath.pathway.handout import handout_html

        data = handout_html(care)
    else:
        from marrowpath.pathway.handout import handout_pdf

        data = handout_pdf(care)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is not None:
        out.write_bytes(raw)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()


def plan_command(
    file: Annotated[Path, typer.Argument(help="A case file (any format `assess` takes).")],
    condition: Annotated[
        str | None, typer.Option(help="Plan for this condition id instead of the leading one.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start date YYYY-MM-DD (default today).")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="text, json, fhir, ics, html or pdf.")
    ] = "text",
    lang: Annotated[str, typer.Option(help="en or de.")] = "en",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    patient: Annotated[
        str | None, typer.Option(help="Pseudonym for FHIR (default: the case's).")
    ] = None,
    knowledge_path: Annotated[
        Path | None, typer.Option("--knowledge", help="A knowledge-base folder (default shipped).")
    ] = None,
) -> None:
    """Assess the case in FILE and print its care plan for the leading diagnosis.

    Example: marrowpath plan case.yaml --start 2026-01-05 --format html --lang de --out plan.html
    """
    check_choice(fmt, FORMATS, "--format")
    check_choice(lang, ("en", "de"), "--lang")
    day = parse_date(start, "--start")
    from marrowpath.casefile import load_case
    from marrowpath.pathway import plan
    from marrowpath.reasoning import assess

    with reported_errors():
        kb = knowledge(knowledge_path)
        case = load_case(file)
        care = plan(assess(case, lang, kb=kb), day, condition=condition, lang=lang, kb=kb)
        who = patient or case.patient.pseudonym or case.id or "anonymous"
        write_plan(care, fmt, out, who, kb)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
