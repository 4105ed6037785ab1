"""Reading whole archives of reports: folders of text files, CSV, JSONL or Parquet columns.

Results are written as they come (JSONL, CSV, FHIR NDJSON; Parquet at the end), so a run that
stops can be continued: ids already in the output or in the errors file are skipped. A bad row
(empty, not UTF-8, over 10 MB, unreadable) goes to ``<output>.errors.jsonl`` with its reason,
and the rest goes on. Reports are read on all cores (or on Dask, see
:mod:`marrowpath.nlp.distributed`).
"""

from __future__ import annotations

import csv
import itertools
import json
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from marrowpath.errors import InputError
from marrowpath.nlp.fhir import REPORT_SYSTEM, observations
from marrowpath.nlp.reader import MAX_REPORT_BYTES, read_report

__all__ = [
    "FORMATS",
    "BatchSummary",
    "Record",
    "checked_record",
    "errors_path",
    "iter_records",
    "read_chunk",
    "read_one",
    "run_batch",
]

OutputFormat = Literal["parquet", "csv", "jsonl", "fhir"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "fhir")
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".rtf.txt")
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class Record:
    """One report of an archive: its id and text, or the reason it cannot be read."""

    id: str
    text: str | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BatchSummary:
    read: int
    errors: int
    skipped: int
    output: Path
    errors_file: Path


def errors_path(output: Path) -> Path:
    return output.with_name(output.name + ".errors.jsonl")


def _decode(ident: str, raw: bytes) -> Record:
    if len(raw) > MAX_REPORT_BYTES:
        return Record(
            ident, None, f"report is {len(raw)} bytes; at most {MAX_REPORT_BYTES} (10 MB)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Record(ident, None, f"not UTF-8: {exc.reason} at byte {exc.start}")
    return checked_record(ident, text)


def checked_record(ident: str, text: object) -> Record:
    if text is None or (isinstance(text, float) and text != text):
        return Record(ident, None, "empty report")
    if not isinstance(text, str):
        return Record(ident, None, f"report must be text, got {type(text).__name__}")
    if not text.strip():
        return Record(ident, None, "empty report")
    if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        return Record(ident, None, f"report is over {MAX_REPORT_BYTES} bytes (10 MB)")
    return Record(ident, text)


def _column_error(path: Path, column: str, found: Iterable[str]) -> InputError:
    msg = f"--column {column!r} is not a column of {path.name}; found {sorted(found)!r}"
    return InputError(msg, field="column")


def iter_records(path: Path, column: str = "text", id_column: str = "id") -> Iterator[Record]:
    """The reports of ``path``: a folder of text files, or a .csv, .jsonl or .parquet file.

    Raises:
        InputError: the path does not exist, has an unknown type, or lacks ``column``.
    """
    if path.is_dir():
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            if f.suffix.lower() in _TEXT_SUFFIXES:
                yield _decode(str(f.relative_to(path)), f.read_bytes())
        return
    if not path.is_file():
        msg = f"input {str(path)!r} does not exist"
        raise InputError(msg, field="input")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        csv.field_size_limit(sys.maxsize)
        with path.open(newline="", encoding="utf-8", errors="surrogateescape") as fh:
            reader = csv.DictReader(fh)
            if column not in (reader.fieldnames or []):
                raise _column_error(path, column, reader.fieldnames or [])
            for n, row in enumerate(reader, 1):
                ident = row.get(id_column) or str(n)
                yield _from_cell(ident, row[column])
    elif suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    yield Record(str(n), None, f"line {n} is not UTF-8 JSON: {exc}")
                    continue
                if not isinstance(obj, dict):
                    yield Record(str(n), None, f"line {n} is not a JSON object")
                    continue
                if column not in obj:
                    yield Record(str(obj.get(id_column, n)), None, f"no {column!r} field")
                    continue
                yield checked_record(str(obj.get(id_column, n)), obj[column])
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        if column not in names:
            raise _column_error(path, column, names)
        cols = [column] + ([id_column] if id_column in names else [])
        n = 0
        for batch in pf.iter_batches(columns=cols):
            data = batch.to_pydict()
            for i, text in enumerate(data[column]):
                n += 1
                ident = str(data[id_column][i]) if id_column in data else str(n)
                yield checked_record(ident, text)
    else:
        msg = f"input {path.name!r} must be a folder, .csv, .jsonl or .parquet file"
        raise InputError(msg, field="input")


def _from_cell(ident: str, cell: str | None) -> Record:
    if cell is None:
        return Record(ident, None, "empty report")
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return Record(ident, None, "not UTF-8")
    return checked_record(ident, cell)


def read_one(
    record: Record, lang: str | None = None
) -> tuple[str, dict[str, Any] | None, str | None]:
    """Read one record: (id, result, None) or (id, None, reason). Never raises."""
    if record.error is not None or record.text is None:
        return record.id, None, record.error or "empty report"
    try:
        reading = read_report(record.text, lang=lang)
    except InputError as exc:
        return record.id, None, str(exc)
    except Exception as exc:
        return record.id, None, f"internal error: {exc!r}"
    result = reading.model_dump()
    result["findings"] = reading.findings()
    return record.id, result, None


def read_chunk(
    args: tuple[list[Record], str | None],
) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    records, lang = args
    return [read_one(r, lang) for r in records]


# ------------------------------------------------------------------------ finished ids
def _done_ids(output: Path, fmt: str) -> set[str]:
    done: set[str] = set()
    err = errors_path(output)
    if err.exists():
        for line in err.read_text(encoding="utf-8").splitlines():
            if line.strip():
                done.add(str(json.loads(line)["id"]))
    if not output.exists():
        return done
    if fmt == "jsonl":
        for line in output.read_text(encoding="utf-8").splitlines():
            if line.strip():
                done.add(str(json.loads(line)["id"]))
    elif fmt == "csv":
        with output.open(newline="", encoding="utf-8") as fh:
            done.update(row["id"] for row in csv.DictReader(fh))
    elif fmt == "fhir":
        for line in output.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for ident in json.loads(line).get("identifier", []):
                    if ident.get("system") == REPORT_SYSTEM:
                        done.add(ident["value"].rsplit("#", 1)[0])
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        done.update(str(x) for x in pq.read_table(output, columns=["id"]).column("id").to_pylist())
    return done


# ----------------------------------------------------------------------------- writers
_CSV_FIELDS = ["id", "lang", "n_edema", "n_present", "regions", "findings", "edema", "associated"]


def _flat(ident: str, result: dict[str, Any]) -> dict[str, Any]:
    present = [m for m in result["edema"] if m["status"] == "present"]
    regions = sorted({m["region"] for m in present})
    return {
        "id": ident,
        "lang": result["lang"],
        "n_edema": len(result["edema"]),
        "n_present": len(present),
        "regions": ",".join(regions),
        "findings": json.dumps(result["findings"], ensure_ascii=False, sort_keys=True),
        "edema": json.dumps(result["edema"], ensure_ascii=False),
        "associated": json.dumps(result["associated"], ensure_ascii=False),
    }


class _Writer:
    def __init__(self, output: Path, fmt: str) -> None:
        self.output, self.fmt = output, fmt
        self.rows: list[dict[str, Any]] = []
        self._fh = None
        self._csv: csv.DictWriter[str] | None = None
        if fmt in ("jsonl", "fhir"):
            self._fh = output.open("a", encoding="utf-8")
        elif fmt == "csv":
            new = not output.exists() or output.stat().st_size == 0
            self._fh = output.open("a", newline="", encoding="utf-8")
            self._csv = csv.DictWriter(self._fh, fieldnames=_CSV_FIELDS)
            if new:
                self._csv.writeheader()

    def write(self, ident: str, result: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            assert self._fh is not None  # opened in __init__ for this format
            self._fh.write(json.dumps({"id": ident, **result}, ensure_ascii=False) + "\n")
        elif self.fmt == "fhir":
            from marrowpath.nlp.models import ReportReading

            assert self._fh is not None  # opened in __init__ for this format
            reading = ReportReading.model_validate(
                {k: result[k] for k in ("lang", "edema", "associated")}
            )
            for obs in observations(ident, reading):
                self._fh.write(json.dumps(obs, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            assert self._csv is not None  # opened in __init__ for this format
            self._csv.writerow(_flat(ident, result))
        else:
            self.rows.append(_flat(ident, result))

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        if self.fmt == "parquet" and (self.rows or not self.output.exists()):
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(self.rows, schema=_parquet_schema(pa))
            if self.output.exists():
                table = pa.concat_tables([pq.read_table(self.output), table])
            tmp = self.output.with_name(self.output.name + ".tmp")
            pq.write_table(table, tmp)
            os.replace(tmp, self.output)


def _parquet_schema(pa: Any) -> Any:
    return pa.schema(
        [
            ("id", pa.string()),
            ("lang", pa.string()),
            ("n_edema", pa.int64()),
            ("n_present", pa.int64()),
            ("regions", pa.string()),
            ("findings", pa.string()),
            ("edema", pa.string()),
            ("associated", pa.string()),
        ]
    )


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for r in records:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    source: Path,
    output: Path,
    fmt: str = "jsonl",
    *,
    column: str = "text",
    id_column: str = "id",
    lang: str | None = None,
    workers: int | None = None,
    chunk_size: int = 64,
    progress: Progress | None = None,
    dask_client: Any = None,
) -> BatchSummary:
    """Read every report of ``source`` into ``output``; continue where a previous run stopped.

    Raises:
        InputError: unknown format, missing input or column.
    """
    if fmt not in FORMATS:
        msg = f"format {fmt!r} is not one of {', '.join(FORMATS)}"
        raise InputError(msg, field="format")
    done = _done_ids(output, fmt)
    total = _count(source)
    skipped = 0

    records = iter_records(source, column, id_column)
    first = next(records, None)  # bad input (missing file or column) fails here, before output

    def todo() -> Iterator[Record]:
        nonlocal skipped
        for r in itertools.chain([first] if first is not None else [], records):
            if r.id in done:
                skipped += 1
                continue
            done.add(r.id)
            yield r

    output.parent.mkdir(parents=True, exist_ok=True)
    writer = _Writer(output, fmt)
    n_read = n_err = 0
    err_file = errors_path(output)
    try:
        with err_file.open("a", encoding="utf-8") as errs:
            jobs = ((chunk, lang) for chunk in _chunks(todo(), chunk_size))
            for results in _map_chunks(jobs, workers, dask_client):
                for ident, result, error in results:
                    if error is not None or result is None:
                        line = json.dumps({"id": ident, "reason": error}, ensure_ascii=False)
                        errs.write(line + "\n")
                        n_err += 1
                    else:
                        writer.write(ident, result)
                        n_read += 1
                writer.flush()
                errs.flush()
                if progress is not None:
                    progress(n_read + n_err + skipped, total)
    finally:
        writer.close()
    if progress is not None:
        progress(n_read + n_err + skipped, total)
    return BatchSummary(n_read, n_err, skipped, output, err_file)


def _count(source: Path) -> int | None:
    if source.is_dir():
        return sum(
            1 for p in source.rglob("*") if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES
        )
    if source.suffix.lower() == ".parquet" and source.is_file():
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(source).metadata.num_rows)
    return None


def _map_chunks(
    jobs: Iterator[tuple[list[Record], str | None]], workers: int | None, dask_client: Any
) -> Iterator[list[tuple[str, dict[str, Any] | None, str | None]]]:
    if dask_client is not None:
        from marrowpath.nlp.distributed import map_chunks_dask

        yield from map_chunks_dask(jobs, dask_client)
        return
    n = workers or os.cpu_count() or 1
    if n <= 1:
        yield from map(read_chunk, jobs)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(n) as pool:
        yield from pool.imap(read_chunk, jobs)
