"""``marrowpath read``: one MRI report, or a whole archive, into structured edema findings."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from marrowpath.cli._errors import fail, reported_errors
from marrowpath.errors import InputError
from marrowpath.nlp import ReportReading, read_report
from marrowpath.nlp.batch import FORMATS, run_batch
from marrowpath.nlp.fhir import observations

__all__ = ["register"]


class Lang(StrEnum):
    en = "en"
    de = "de"


def _render(reading: ReportReading, console: Console) -> None:
    table = Table(title=f"Bone marrow edema ({reading.lang})", title_justify="left")
    for col in ("status", "kind", "bone", "region", "side", "Modic", "change", "text"):
        table.add_column(col)
    for m in reading.edema:
        table.add_row(
            m.status,
            m.kind,
            m.bone or "-",
            f"{m.region} (assumed)" if m.region_basis == "assumed" else m.region,
            m.laterality or "-",
            str(m.modic_type or "-"),
            m.change or "-",
            m.text,
        )
    console.print(table)
    if reading.associated:
        console.print("[bold]Associated findings[/bold]")
        for a in reading.associated:
            console.print(f"  {a.finding}: {a.status}  [dim]{a.text!r}[/dim]")
    console.print("[dim]Decision support for qualified professionals, not a diagnosis.[/dim]")


def _read_file(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        msg = f"cannot read {str(path)!r}: {exc.strerror}"
        raise InputError(msg, field="file") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"{str(path)!r} is not UTF-8 text"
        raise InputError(msg, field="file") from None


def read_command(
    file: Annotated[Path | None, typer.Argument(help="A report as a UTF-8 text file.")] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="A folder of text files, or a .csv/.jsonl/.parquet file."),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="One report: text, json or fhir. Batch: parquet, csv, jsonl or fhir.",
        ),
    ] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="en or de (default: detect)")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Batch output file (default: beside input)."),
    ] = None,
    column: Annotated[str, typer.Option(help="Batch: column with the report text.")] = "text",
    id_column: Annotated[str, typer.Option(help="Batch: column with the report id.")] = "id",
    workers: Annotated[
        int | None, typer.Option(help="Batch: processes (default: all cores).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option(help="Batch: address of a Dask scheduler to run on.")
    ] = None,
) -> None:
    """Read an MRI report (English or German) into bone marrow edema findings.

    Example: marrowpath read report.txt --format json

    Example: marrowpath read --batch reports.csv --column report --format parquet
    """
    code = lang.value if lang else None
    if batch is not None:
        _batch(batch, format, code, output, column, id_column, workers, dask)
        return
    if file is None:
        raise fail("FILE: give a report file, or --batch PATH for an archive")
    fmt = format or "text"
    if fmt not in ("text", "json", "fhir"):
        raise fail(f"--format: {fmt!r} is not one of 'text', 'json', 'fhir'")
    with reported_errors():
        reading = read_report(_read_file(file), lang=code)
    if fmt == "json":
        print(json.dumps(reading.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif fmt == "fhir":
        bundle = {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"resource": o} for o in observations(file.name, reading)],
        }
        print(json.dumps(bundle, ensure_ascii=False, indent=2))
    else:
        _render(reading, Console())


def _batch(
    source: Path,
    format: str | None,
    lang: str | None,
    output: Path | None,
    column: str,
    id_column: str,
    workers: int | None,
    dask: str | None,
) -> None:
    fmt = format or (output.suffix.lstrip(".") if output and output.suffix else "jsonl")
    fmt = {"ndjson": "fhir", "json": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise fail(f"--format: {fmt!r} is not one of {', '.join(repr(f) for f in FORMATS)}")
    suffix = {"fhir": ".fhir.ndjson"}.get(fmt, f".{fmt}")
    out = output or source.with_name(source.stem + ".read" + suffix)
    client = None
    if dask:
        from distributed import Client

        client = Client(dask)  # type: ignore[no-untyped-call]
    try:
        with Progress(
            TextColumn("[bold]reading[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
        ) as bar:
            task = bar.add_task("reports", total=None)

            def progress(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            with reported_errors():
                summary = run_batch(
                    source,
                    out,
                    fmt,
                    column=column,
                    id_column=id_column,
                    lang=lang,
                    workers=workers,
                    progress=progress,
                    dask_client=client,
                )
    finally:
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]
    print(
        f"read {summary.read} report(s), {summary.errors} error(s), "
        f"{summary.skipped} already done -> {summary.output}"
    )
    if summary.errors:
        print(f"errors: {summary.errors_file}")


def register(app: typer.Typer) -> None:
    app.command("read")(read_command)
