"""``marrowpath assess``: a case file in, the explained assessment out."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from marrowpath.casefile import load_case
from marrowpath.cli._errors import reported_errors
from marrowpath.i18n import t
from marrowpath.knowledge import load_knowledge
from marrowpath.reasoning import Assessment, assess

__all__ = ["register"]


class Format(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    en = "en"
    de = "de"


def _bar(p: float, width: int = 24) -> str:
    n = round(p * width)
    return "█" * n + "·" * (width - n)


def render(a: Assessment, console: Console) -> None:
    """Red flags first, then the differential with the reasons of the leading diagnoses."""
    lang = a.lang
    kb = load_knowledge()
    side = f" ({a.side})" if a.side else ""
    console.print(f"[bold]{t('assessment', lang)}[/bold] - {t('region', lang)}: {a.region}{side}")
    if a.red_flags:
        for rf in a.red_flags:
            body = (
                f"{t('triggered_by', lang)}: {', '.join(rf.triggered_by)}\n"
                f"{t('action', lang)}: {rf.action}\n[dim]{t('source', lang)}: {rf.source}[/dim]"
            )
            console.print(Panel(body, title=f"⚠ {rf.name} [{rf.urgency}]", border_style="red"))
    else:
        console.print(f"[green]{t('no_red_flags', lang)}[/green]")
    table = Table(title=t("differential", lang), title_justify="left")
    table.add_column(t("condition", lang))
    table.add_column(t("probability", lang), justify="right")
    table.add_column("")
    for d in a.differential[:8]:
        table.add_row(d.name, f"{d.probability:6.1%}", _bar(d.probability))
    console.print(table)
    for d in a.differential[:3]:
        why = Table(title=f"{t('why', lang)}: {d.name}", title_justify="left", show_edge=False)
        why.add_column(t("finding", lang))
        why.add_column(t("lr", lang), justify="right")
        why.add_column("log LR", justify="right")
        why.add_column(t("source", lang))
        why.add_row(f"{t('prior', lang)} ({a.region})", f"{d.prior:.2f}", "", d.prior_source)
        for c in d.contributions[:8]:
            colour = "green" if c.direction == "for" else "red"
            value = "" if c.value is True else " = no" if c.value is False else f" = {c.value}"
            why.add_row(
                f"[{colour}]{c.name}{value}[/{colour}]",
                f"{c.likelihood_ratio:g}",
                f"{c.log_lr:+.2f}",
                c.source,
            )
        console.print(why)
        if d.missing_typical:
            names = ", ".join(kb.findings[f].names.get(lang) for f in d.missing_typical)
            console.print(f"  [dim]{t('missing_typical', lang)}: {names}[/dim]")
    if a.classifications:
        console.print(f"[bold]{t('classifications', lang)}[/bold]")
        for cl in a.classifications:
            console.print(
                f"  {cl.name}: [bold]{cl.grade}[/bold] - {cl.label} [dim]({cl.source})[/dim]"
            )
    if a.next_examinations:
        console.print(f"[bold]{t('next_examinations', lang)}[/bold]")
        for n in a.next_examinations:
            console.print(
                f"  • {n.examination} [dim]({n.name}; {n.information_gain:.2f} bit)[/dim]"
            )
    if a.unused_input:
        console.print(f"[yellow]{t('unused_input', lang)}[/yellow]")
        for u in a.unused_input:
            console.print(f"  - {u}", markup=False)
    console.print(f"[dim]{a.disclaimer}[/dim]")


def assess_command(
    file: Annotated[Path, typer.Argument(help="Case file: structured YAML/JSON or a vignette.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json")] = Format.text,
    lang: Annotated[Lang, typer.Option("--lang", help="en or de")] = Lang.en,
) -> None:
    """Assess a case: red flags, ranked differential with reasons, classifications, next steps.

    Example: marrowpath assess examples/toh-hip.yaml --lang de
    """
    with reported_errors():
        case = load_case(file)
        result = assess(case, lang=lang.value)
    if format is Format.json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        render(result, Console())


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)
