"""Tests of ``marrowpath plan``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from marrowpath.cli import app
from tests.pathway.fixture_kb import copy_fixture_kb

runner = CliRunner()

CASE = {
    "id": "cli-1",
    "patient": {
        "age": 31,
        "sex": "female",
        "pregnancy": {"status": "pregnant", "trimester": 3},
        "pseudonym": "P-77",
    },
    "region": "hip",
    "side": "right",
    "findings": {"mri_bme_diffuse": True},
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli")
    case = root / "case.yaml"
    case.write_text(yaml.safe_dump(CASE), encoding="utf-8")
    return case, copy_fixture_kb(root / "kb")


def run(files: tuple[Path, Path], *args: str) -> tuple[int, str, str]:
    case, kb = files
    result = runner.invoke(
        app, ["plan", str(case), "--knowledge", str(kb), "--start", "2026-01-05", *args]
    )
    return result.exit_code, result.stdout, result.stderr


class TestPlanCommand:
    """Every format, and bad options."""

    def test_text(self, files: tuple[Path, Path]) -> None:
        """Phases, therapy classes and warnings as text."""
        code, out, _ = run(files)
        assert code == 0
        assert "Transient osteoporosis" in out
        assert "2026-01-05 - 2026-03-02  Protection and unloading [partial weight bearing]" in out
        assert "[contraindicated] NSAIDs: Not in the third trimester." in out
        assert "Decision support" in out

    def test_json(self, files: tuple[Path, Path]) -> None:
        """JSON with the documented keys."""
        code, out, _ = run(files, "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert data["phases"][0]["weight_bearing"] == "partial_weight_bearing"
        assert data["therapies"][0] == data["therapies"][0] | {
            "class": "nsaids",
            "status": "contraindicated",
        }
        for key in ("follow_ups", "return_to_sport", "expected_healing", "warnings"):
            assert key in data

    def test_german_condition_override(self, files: tuple[Path, Path]) -> None:
        """--condition and --lang de."""
        code, out, _ = run(files, "--condition", "bone_bruise", "--lang", "de")
        assert code == 0
        assert "Entlastung" in out

    def test_fhir(self, files: tuple[Path, Path]) -> None:
        """A FHIR Bundle with the case's pseudonym."""
        code, out, _ = run(files, "--format", "fhir")
        assert code == 0
        bundle = json.loads(out)
        assert bundle["resourceType"] == "Bundle"
        patient = bundle["entry"][0]["resource"]
        assert patient["identifier"][0]["value"] == "P-77"

    @pytest.mark.parametrize(
        ("fmt", "magic"),
        [("ics", b"BEGIN:VCALENDAR"), ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF-")],
    )
    def test_files(self, files: tuple[Path, Path], tmp_path: Path, fmt: str, magic: bytes) -> None:
        """Calendar, HTML and PDF to a file."""
        out = tmp_path / f"plan.{fmt}"
        code, _, _ = run(files, "--format", fmt, "--out", str(out))
        assert code == 0
        assert out.read_bytes().startswith(magic)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--format", "doc"],
                "error: --format: 'doc' is not one of 'text', 'json', 'fhir', 'ics', 'html', 'pdf'",
            ),
            (["--lang", "fr"], "error: --lang: 'fr' is not one of 'en', 'de'"),
            (
                ["--start", "05.01.2026"],
                "error: --start: '05.01.2026' is not a date (expected YYYY-MM-DD)",
            ),
            (
                ["--condition", "tumor"],
                "error: condition: no care pathway for 'tumor' in region 'hip' in the knowledge base",
            ),
        ],
    )
    def test_bad_options(self, files: tuple[Path, Path], args: list[str], message: str) -> None:
        """Bad options exit 2 with one line on stderr."""
        code, out, err = run(files, *args)
        assert code == 2
        assert err.strip() == message
        assert out == ""

    def test_missing_file(self, files: tuple[Path, Path], tmp_path: Path) -> None:
        """A missing case file exits 2."""
        result = runner.invoke(
            app, ["plan", str(tmp_path / "none.yaml"), "--knowledge", str(files[1])]
        )
        assert result.exit_code == 2
        assert result.stderr.strip() == f"error: file: {tmp_path / 'none.yaml'}: no such file"
