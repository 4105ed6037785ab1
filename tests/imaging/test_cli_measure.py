"""``marrowpath measure`` and ``measure-compare`` on phantom files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marrowpath.cli import app

from .conftest import phantom

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    p = phantom("knee", snr=15, bias=0.1, seed=2, fill=("femur_medial_central", 0.5))
    return p.write(tmp_path_factory.mktemp("knee"), "nifti")


class TestMeasureCommand:
    """Formats, overlays and errors."""

    def test_json(self, files: dict[str, Path], tmp_path: Path) -> None:
        """--format json prints the measurement with the promised keys; overlays are written."""
        result = runner.invoke(
            app,
            [
                "measure",
                str(files["fluid"]),
                "--bone-mask",
                str(files["labels"]),
                "--labels",
                str(files["label_map"]),
                "--t1",
                str(files["t1"]),
                "--format",
                "json",
                "--overlay",
                str(tmp_path / "ov"),
            ],
        )
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        for key in ("edema_volume_ml", "bone_volume_ml", "percent_of_bone", "grades", "parameters"):
            assert key in doc
        assert doc["overlays"]
        assert all(Path(p).exists() for p in doc["overlays"])
        moaks = [g for g in doc["grades"] if g["region"] == "femur_medial_central"]
        assert moaks[0]["grade"] == "2"

    def test_text_and_fhir(self, files: dict[str, Path]) -> None:
        """Text names the volume and the disclaimer; fhir prints an Observation."""
        base = [
            "measure",
            str(files["fluid"]),
            "--bone-mask",
            str(files["labels"]),
            "--labels",
            str(files["label_map"]),
        ]
        text = runner.invoke(app, base)
        assert text.exit_code == 0, text.output
        assert "edema volume" in text.stdout
        assert "MOAKS BML size femur_medial_central: 2" in text.stdout
        assert "not a diagnosis" in text.stdout
        fhir = runner.invoke(app, [*base, "--format", "fhir"])
        assert json.loads(fhir.stdout)["resourceType"] == "Observation"

    def test_compare(self, files: dict[str, Path], tmp_path: Path) -> None:
        """--compare and measure-compare report the change."""
        base = [
            "measure",
            str(files["fluid"]),
            "--bone-mask",
            str(files["labels"]),
            "--labels",
            str(files["label_map"]),
            "--format",
            "json",
        ]
        first = runner.invoke(app, base)
        (tmp_path / "a.json").write_text(first.stdout)
        again = runner.invoke(app, [*base, "--compare", str(tmp_path / "a.json")])
        assert json.loads(again.stdout)["comparison"]["trend"] == "stable"
        both = runner.invoke(
            app, ["measure-compare", str(tmp_path / "a.json"), str(tmp_path / "a.json")]
        )
        assert both.exit_code == 0, both.output
        doc = json.loads(both.stdout)
        assert doc["trend"] == "stable"
        assert doc["visit_finding"]["kind"] == "mri_bme_change"

    def test_bad_image(self, tmp_path: Path, files: dict[str, Path]) -> None:
        """A non-image file is one line on stderr and exit code 2."""
        bad = tmp_path / "x.txt"
        bad.write_text("no image")
        result = runner.invoke(app, ["measure", str(bad), "--bone-mask", str(files["labels"])])
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"error: fluid image: image path {str(bad)!r} is neither a DICOM file, a DICOM "
            "series folder nor a NIfTI file (.nii/.nii.gz)"
        )
        assert result.stdout == ""

    def test_bad_compare_file(self, tmp_path: Path) -> None:
        """measure-compare refuses a file that is not a measurement."""
        bad = tmp_path / "x.json"
        bad.write_text("{}")
        result = runner.invoke(app, ["measure-compare", str(bad), str(bad)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: BEFORE: {str(bad)!r} is not a measurement JSON")
