"""``marrowpath kb``: check and browse the knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marrowpath.cli._errors import fail, reported_errors
from marrowpath.knowledge import check_knowledge, load_knowledge

__all__ = ["register"]

kb_app = typer.Typer(help="Check and browse the knowledge base.", no_args_is_help=True)


@kb_app.command("check")
def check(
    path: Annotated[
        Path | None, typer.Argument(help="A knowledge-base folder (default: the shipped one).")
    ] = None,
) -> None:
    """List every problem of the knowledge base; exit 1 if there is any.

    Example: marrowpath kb check
    """
    problems = check_knowledge(path)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    kb = load_knowledge(path)
    print(
        f"knowledge base {kb.meta.version} (reviewed {kb.meta.last_reviewed}): OK - "
        f"{len(kb.conditions)} conditions, {len(kb.findings)} findings, "
        f"{len(kb.kb.evidence)} evidence entries, {len(kb.sources)} sources"
    )


@kb_app.command("show")
def show(
    region: Annotated[str, typer.Argument(help="Region id, e.g. hip, knee, ankle_foot.")],
    lang: Annotated[str, typer.Option(help="en or de")] = "en",
) -> None:
    """Show the conditions, priors and pathways of one region.

    Example: marrowpath kb show hip --lang de
    """
    kb = load_knowledge()
    with reported_errors():
        reg = kb.region(region)
    if lang not in ("en", "de"):
        raise fail(f"--lang: {lang!r} is not one of 'en', 'de'")
    console = Console()
    console.print(f"[bold]{reg.names.get(lang)}[/bold]  ({reg.id})")
    bones = ", ".join(b.names.get(lang) for b in reg.bones)
    if bones:
        console.print(bones)
    table = Table("condition", "prior", "source", "healing (weeks)")
    for cid, p in sorted(kb.priors.get(reg.id, {}).items(), key=lambda kv: -kv[1]):
        cond = kb.condition(cid)
        src = next(
            pr.source
            for rp in kb.kb.priors
            if rp.region == reg.id
            for pr in rp.priors
            if pr.condition == cid
        )
        heal = f"{cond.healing.weeks_min:g}-{cond.healing.weeks_max:g}" if cond.healing else "-"
        table.add_row(cond.names.get(lang), f"{p:.2f}", src, heal)
    console.print(table)
    console.print(f"[dim]{kb.meta.disclaimer.get(lang)}[/dim]")


@kb_app.command("schema")
def schema(
    folder: Annotated[Path, typer.Argument(help="Folder to write the JSON Schemas into.")] = Path(
        "schemas"
    ),
) -> None:
    """Write JSON Schemas of the knowledge-base files, the case and the assessment.

    Example: marrowpath kb schema schemas/
    """
    from marrowpath.schemas import write_schemas

    for path in write_schemas(folder):
        print(path)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
