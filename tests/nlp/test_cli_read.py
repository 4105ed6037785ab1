"""``marrowpath read``: one report or an archive."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marrowpath.cli import app

runner = CliRunner()


class TestReadOne:
    """One report as text, JSON or FHIR."""

    def test_json(self, tmp_path: Path) -> None:
        """JSON with edema and associated lists."""
        path = tmp_path / "r.txt"
        path.write_text(
            "FINDINGS: Bone bruise of the LFC. Moderate joint effusion.", encoding="utf-8"
        )
        result = runner.invoke(app, ["read", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        m = data["edema"][0]
        assert (m["status"], m["bone"], m["region"]) == (
            "present",
            "lateral femoral condyle",
            "knee",
        )
        for key in ("laterality", "modic_type", "change", "start", "end", "text"):
            assert key in m
        assert data["associated"][0]["finding"] == "mri_joint_effusion"

    def test_text_and_fhir(self, tmp_path: Path) -> None:
        """Text table and FHIR bundle."""
        path = tmp_path / "r.txt"
        path.write_text("Kein Knochenmarködem.", encoding="utf-8")
        text = runner.invoke(app, ["read", str(path)])
        assert text.exit_code == 0
        assert "negated" in text.stdout
        assert "assumed" in text.stdout  # plain edema, and no place named: region "other"
        fhir = runner.invoke(app, ["read", str(path), "-f", "fhir", "--lang", "de"])
        assert json.loads(fhir.stdout)["entry"][0]["resource"]["valueBoolean"] is False

    def test_bad_input(self, tmp_path: Path) -> None:
        """Missing file, non-UTF-8 file, bad format: one line, exit 2."""
        missing = runner.invoke(app, ["read", str(tmp_path / "nope.txt")])
        assert missing.exit_code == 2
        assert "error: file: cannot read" in missing.output
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"\xff\xfe")
        result = runner.invoke(app, ["read", str(bad)])
        assert result.exit_code == 2
        assert "is not UTF-8 text" in result.output
        good = tmp_path / "g.txt"
        good.write_text("x", encoding="utf-8")
        result = runner.invoke(app, ["read", str(good), "--format", "csv"])
        assert result.exit_code == 2
        assert "--format: 'csv' is not one of 'text', 'json', 'fhir'" in result.output
        assert runner.invoke(app, ["read"]).exit_code == 2


class TestReadBatch:
    """An archive with a progress bar, resumable."""

    def test_batch(self, tmp_path: Path) -> None:
        """A folder into JSONL; the second run skips finished ids."""
        src = tmp_path / "in"
        src.mkdir()
        (src / "a.txt").write_text("Bone bruise of the talus.", encoding="utf-8")
        (src / "b.txt").write_text("", encoding="utf-8")
        out = tmp_path / "out.jsonl"
        args = ["read", "--batch", str(src), "--output", str(out), "--workers", "1"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "read 1 report(s), 1 error(s), 0 already done" in result.output
        again = runner.invoke(app, args)
        assert "read 0 report(s), 0 error(s), 2 already done" in again.output

    def test_batch_bad_column(self, tmp_path: Path) -> None:
        """A missing column is one line, exit 2."""
        src = tmp_path / "r.csv"
        src.write_text("id,body\n1,x\n", encoding="utf-8")
        result = runner.invoke(app, ["read", "--batch", str(src), "-f", "csv"])
        assert result.exit_code == 2
        assert "--column 'text' is not a column of r.csv" in result.output
        assert not (tmp_path / "r.read.csv").exists()
