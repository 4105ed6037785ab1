"""Reading archives: inputs, outputs, resuming, bad rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from marrowpath.errors import InputError
from marrowpath.nlp.batch import errors_path, iter_records, run_batch
from marrowpath.nlp.reader import MAX_REPORT_BYTES

GOOD = "FINDINGS: Bone bruise of the lateral femoral condyle. No joint effusion."


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_text("Kein Knochenmarködem.", encoding="utf-8")
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "latin1.txt").write_bytes("Knochenmark\xf6dem".encode("latin-1"))
    (src / "notes.json").write_text("{}", encoding="utf-8")
    return src


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class TestRecords:
    """What counts as a report of an archive, and what is a bad row."""

    def test_folder(self, tmp_path: Path) -> None:
        """Text files by relative path; empty and non-UTF-8 files carry their reason."""
        recs = {r.id: r for r in iter_records(_folder(tmp_path))}
        assert sorted(recs) == ["a.txt", "b.txt", "empty.txt", "latin1.txt"]
        assert recs["a.txt"].text == GOOD
        assert recs["empty.txt"].error == "empty report"
        assert recs["latin1.txt"].error is not None
        assert recs["latin1.txt"].error.startswith("not UTF-8")

    def test_too_large_file(self, tmp_path: Path) -> None:
        """A file over 10 MB is a bad row, not a crash."""
        src = tmp_path / "big"
        src.mkdir()
        (src / "big.txt").write_bytes(b"a" * (MAX_REPORT_BYTES + 1))
        (rec,) = iter_records(src)
        assert rec.error == "report is 10485761 bytes; at most 10485760 (10 MB)"

    def test_csv_column(self, tmp_path: Path) -> None:
        """The text column and the id column of a CSV."""
        path = tmp_path / "r.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "report"])
            w.writerow(["r1", GOOD])
            w.writerow(["r2", ""])
        recs = list(iter_records(path, column="report"))
        assert [(r.id, r.error) for r in recs] == [("r1", None), ("r2", "empty report")]

    def test_missing_column(self, tmp_path: Path) -> None:
        """A missing column is bad input, named."""
        path = tmp_path / "r.csv"
        path.write_text("id,body\n1,x\n", encoding="utf-8")
        with pytest.raises(
            InputError, match=r"^--column 'text' is not a column of r.csv; found \['body', 'id'\]$"
        ):
            list(iter_records(path))

    def test_jsonl_bad_lines(self, tmp_path: Path) -> None:
        """Broken JSON lines and non-text values are bad rows."""
        path = tmp_path / "r.jsonl"
        path.write_text(
            json.dumps({"id": "x", "text": GOOD})
            + "\n{broken\n"
            + json.dumps({"id": "y", "text": 3})
            + "\n",
            encoding="utf-8",
        )
        recs = list(iter_records(path))
        assert recs[0].text == GOOD
        assert recs[1].error is not None
        assert recs[1].error.startswith("line 2 is not UTF-8 JSON")
        assert recs[2].error == "report must be text, got int"

    def test_unknown_input(self, tmp_path: Path) -> None:
        """Only folders, CSV, JSONL and Parquet."""
        path = tmp_path / "r.xlsx"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(
            InputError, match=r"^input 'r.xlsx' must be a folder, .csv, .jsonl or .parquet file$"
        ):
            list(iter_records(path))
        with pytest.raises(InputError, match=r"does not exist$"):
            list(iter_records(tmp_path / "missing.csv"))


class TestRunBatch:
    """Outputs, resuming and the errors file."""

    def test_jsonl_output_and_errors(self, tmp_path: Path) -> None:
        """Good reports in the output, bad ones in the errors file with the reason."""
        out = tmp_path / "out.jsonl"
        seen: list[tuple[int, int | None]] = []
        summary = run_batch(
            _folder(tmp_path), out, "jsonl", workers=1, progress=lambda d, t: seen.append((d, t))
        )
        assert (summary.read, summary.errors, summary.skipped) == (2, 2, 0)
        rows = {r["id"]: r for r in _jsonl(out)}
        assert rows["a.txt"]["edema"][0]["bone"] == "lateral femoral condyle"  # type: ignore[index]
        assert rows["b.txt"]["lang"] == "de"
        errs = {e["id"]: e["reason"] for e in _jsonl(errors_path(out))}
        assert errs["empty.txt"] == "empty report"
        assert seen[-1] == (4, 4)

    def test_resume_skips_finished_ids(self, tmp_path: Path) -> None:
        """A second run reads only the new reports."""
        src = _folder(tmp_path)
        out = tmp_path / "out.csv"
        run_batch(src, out, "csv", workers=1)
        (src / "c.txt").write_text("Bone bruise of the talus.", encoding="utf-8")
        summary = run_batch(src, out, "csv", workers=1)
        assert (summary.read, summary.errors, summary.skipped) == (1, 0, 4)
        with out.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert [r["id"] for r in rows] == ["a.txt", "b.txt", "c.txt"]
        assert json.loads(rows[2]["findings"]) == {"mri_bme": True}

    def test_all_cores(self, tmp_path: Path) -> None:
        """Two worker processes give the same result, in input order."""
        path = tmp_path / "r.jsonl"
        path.write_text(
            "".join(json.dumps({"id": f"r{i}", "text": GOOD}) + "\n" for i in range(40)),
            encoding="utf-8",
        )
        out = tmp_path / "out.jsonl"
        summary = run_batch(path, out, "jsonl", workers=2, chunk_size=8)
        assert summary.read == 40
        assert [r["id"] for r in _jsonl(out)] == [f"r{i}" for i in range(40)]

    def test_fhir_output_resumes(self, tmp_path: Path) -> None:
        """FHIR NDJSON Observations carry the report id and resume by it."""
        src = _folder(tmp_path)
        out = tmp_path / "out.ndjson"
        run_batch(src, out, "fhir", workers=1)
        obs = _jsonl(out)
        assert {o["resourceType"] for o in obs} == {"Observation"}
        assert run_batch(src, out, "fhir", workers=1).skipped == 4

    def test_parquet_output(self, tmp_path: Path) -> None:
        """Parquet output, continued on a second run."""
        pq = pytest.importorskip("pyarrow.parquet", exc_type=ImportError)
        src = _folder(tmp_path)
        out = tmp_path / "out.parquet"
        run_batch(src, out, "parquet", workers=1)
        (src / "c.txt").write_text("Bone bruise of the talus.", encoding="utf-8")
        run_batch(src, out, "parquet", workers=1)
        assert pq.read_table(out).column("id").to_pylist() == ["a.txt", "b.txt", "c.txt"]

    def test_unknown_format(self, tmp_path: Path) -> None:
        """Bad format is bad input."""
        with pytest.raises(
            InputError, match=r"^format 'xml' is not one of parquet, csv, jsonl, fhir$"
        ):
            run_batch(tmp_path, tmp_path / "o.xml", "xml")
