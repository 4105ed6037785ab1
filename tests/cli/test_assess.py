"""``marrowpath assess``: output formats, languages, and one clear line for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marrowpath.cli import app
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "toh-hip.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


class TestOutput:
    def test_json_has_the_documented_keys(self) -> None:
        code, out, _ = run("assess", str(EXAMPLE), "--format", "json")
        assert code == 0
        data = json.loads(out)
        for key in (
            "differential",
            "red_flags",
            "classifications",
            "next_examinations",
            "unused_input",
            "disclaimer",
        ):
            assert key in data
        first = data["differential"][0]
        assert first["condition"] == "transient_osteoporosis"
        assert 0 < first["probability"] <= 1

    def test_text_in_german(self) -> None:
        code, out, _ = run("assess", str(EXAMPLE), "--lang", "de")
        assert code == 0
        assert "Differenzialdiagnose" in out
        assert "Entscheidungsunterstützung" in out

    def test_vignette_file(self) -> None:
        vignette = next((SHARED / "data" / "cases").glob("002-*.json"))
        code, out, _ = run("assess", str(vignette), "--format", "json")
        assert code == 0
        assert json.loads(out)["differential"][0]["condition"] == "transient_osteoporosis"


class TestBadInput:
    @pytest.mark.parametrize(
        ("content", "suffix", "message"),
        [
            ("region: hip\ncolour: red\n", ".yaml", "error: colour: unknown field"),
            (
                "region: hip\npatient: {age: 150}\n",
                ".yaml",
                "error: patient.age: Input should be less than or equal to 120 (got 150)",
            ),
            (
                "region: elbow\n",
                ".yaml",
                "error: region: unknown region 'elbow'; expected one of hip,",
            ),
            ("region: [hip\n", ".yaml", "error: file: "),
            ('{"region": "hip",', ".json", "error: file: "),
            ("- hip\n", ".yaml", "error: case: a case must be a mapping of fields, got list"),
            ("region: hip\nfindings: {fever: maybe}\n", ".yaml", "error: findings.fever: "),
        ],
    )
    def test_one_line_exit_2(self, tmp_path: Path, content: str, suffix: str, message: str) -> None:
        """Bad input exits 2 with one line on stderr naming the field and the problem."""
        path = tmp_path / f"case{suffix}"
        path.write_text(content, encoding="utf-8")
        code, out, err = run("assess", str(path))
        assert code == 2
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(message)

    def test_missing_file(self, tmp_path: Path) -> None:
        code, _, err = run("assess", str(tmp_path / "nope.yaml"))
        assert code == 2
        assert err.strip().endswith("nope.yaml: no such file")
