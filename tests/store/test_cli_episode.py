"""Tests of ``marrowpath episode``."""

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
    "id": "ep-cli",
    "patient": {"age": 45, "sex": "male"},
    "region": "hip",
    "side": "left",
    "findings": {"mri_bme_diffuse": True},
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("episode-cli")
    case = root / "case.yaml"
    case.write_text(yaml.safe_dump(CASE), encoding="utf-8")
    fever = root / "fever.yaml"
    fever.write_text(
        yaml.safe_dump(CASE | {"findings": {"mri_bme_diffuse": True, "fever": True}}), "utf-8"
    )
    return case, fever, copy_fixture_kb(root / "kb")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["episode", *args])
    return result.exit_code, result.stdout, result.stderr


def new(db: str, files: tuple[Path, Path, Path]) -> str:
    code, out, err = invoke(
        "new",
        str(files[0]),
        "--patient",
        "P-9",
        "--start",
        "2026-01-05",
        "--db",
        db,
        "--knowledge",
        str(files[2]),
        "--actor",
        "dr_cli",
    )
    assert code == 0, err
    return out.split()[0]


def add(
    db: str, episode: str, date: str, rest: str, load: str, *extra: str
) -> tuple[int, str, str]:
    return invoke(
        "visit",
        episode,
        "--date",
        date,
        "--pain-rest",
        rest,
        "--pain-load",
        load,
        "--weight-bearing",
        "partial_weight_bearing",
        "--db",
        db,
        "--actor",
        "dr_cli",
        *extra,
    )


class TestEpisodeCommands:
    """new, visit, case, show, list, export on each backend."""

    def test_workflow(self, db_url: str, files: tuple[Path, Path, Path], tmp_path: Path) -> None:
        """Open an episode, record visits, see alerts, export."""
        episode = new(db_url, files)
        code, out, _ = add(db_url, episode, "2026-01-06", "4", "7", "--notes", "limps")
        assert code == 0
        assert out.startswith("visit ")
        assert f"episode {episode} version 2" in out
        code, out, _ = add(db_url, episode, "2026-02-17", "4", "8")
        assert "ALERT no_improvement: No improvement by week 6" in out

        code, out, _ = invoke(
            "show", episode, "--db", db_url, "--today", "2026-06-01", "--actor", "dr_cli"
        )
        assert code == 0
        assert "visits (2):" in out
        assert "2026-01-06  pain rest 4/10, load 7/10, partial_weight_bearing; limps" in out
        assert "follow_up_overdue: Follow-up due on 2026-03-30 is overdue" in out

        code, out, _ = invoke(
            "show", episode, "--db", db_url, "--format", "json", "--today", "2026-01-07"
        )
        data = json.loads(out)
        assert data["episode"]["version"] == 3
        assert data["overdue"] == []

        code, out, _ = invoke("list", "--db", db_url, "--patient", "P-9")
        assert episode in out
        code, out, _ = invoke("list", "--db", db_url, "--format", "json")
        assert [e["id"] for e in json.loads(out)] == [episode]

        for fmt, magic in (
            ("png", b"\x89PNG"),
            ("svg", b"<?xml"),
            ("pdf", b"%PDF-"),
            ("ics", b"BEGIN:VCALENDAR"),
        ):
            target = tmp_path / f"out.{fmt}"
            code, _, err = invoke(
                "export", episode, "--db", db_url, "--format", fmt, "--out", str(target)
            )
            assert code == 0, err
            assert target.read_bytes().startswith(magic)
        code, out, _ = invoke("export", episode, "--db", db_url, "--format", "json")
        assert json.loads(out)["visits"][1]["pain_load"] == 8
        code, out, _ = invoke(
            "export", episode, "--db", db_url, "--format", "fhir", "--knowledge", str(files[2])
        )
        assert json.loads(out)["entry"][0]["resource"]["identifier"][0]["value"] == "P-9"

    def test_close(self, db_url: str, files: tuple[Path, Path, Path]) -> None:
        """close and close --reopen."""
        episode = new(db_url, files)
        code, out, _ = invoke("close", episode, "--db", db_url)
        assert (code, out.strip()) == (0, f"episode {episode} closed, version 2")
        code, out, _ = invoke("close", episode, "--reopen", "--db", db_url)
        assert out.strip() == f"episode {episode} open, version 3"

    def test_new_case_version_raises_red_flag(
        self, db_url: str, files: tuple[Path, Path, Path]
    ) -> None:
        """A re-assessed case with fever alerts a new red flag."""
        episode = new(db_url, files)
        code, out, err = invoke(
            "case",
            episode,
            str(files[1]),
            "--replan",
            "--start",
            "2026-02-01",
            "--db",
            db_url,
            "--knowledge",
            str(files[2]),
        )
        assert code == 0, err
        assert "ALERT new_red_flag: New red flag: Suspected bone or joint infection." in out

    def test_bad_input(self, db_url: str, files: tuple[Path, Path, Path]) -> None:
        """Pain 11, a visit before the start, an unknown episode, a stale version."""
        episode = new(db_url, files)
        code, _, err = add(db_url, episode, "2026-01-06", "11", "7")
        assert (code, err.strip()) == (2, "error: pain_rest: 11 is not a whole number from 0 to 10")
        code, _, err = add(db_url, episode, "2025-12-01", "1", "2")
        assert (code, err.strip()) == (
            2,
            "error: date: '2025-12-01' is before the episode started (2026-01-05)",
        )
        code, _, err = add(db_url, "nope", "2026-01-06", "1", "2")
        assert (code, err.strip()) == (1, "error: episode: no episode with id 'nope'")
        code, _, err = add(db_url, episode, "2026-01-07", "1", "2", "--expected-version", "7")
        assert code == 1
        assert err.strip() == (
            f"error: episode {episode!r} was changed by someone else: expected version 7, "
            "it is now at version 1; reload and retry"
        )
        code, _, err = add(db_url, episode, "07.01.2026", "1", "2")
        assert (code, err.strip()) == (
            2,
            "error: --date: '07.01.2026' is not a date (expected YYYY-MM-DD)",
        )
        code, out, _ = invoke("show", episode, "--db", db_url, "--format", "json")
        assert json.loads(out)["visits"] == []
        code, _, err = invoke("export", episode, "--db", db_url, "--format", "gif")
        assert code == 2


class TestActor:
    """Who is recorded in the audit."""

    def test_default_actor(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--actor, then MARROWPATH_ACTOR, then the login name, else 'unknown'."""
        import getpass

        from marrowpath.cli._options import actor_name as _actor

        assert _actor("dr_x") == "dr_x"
        monkeypatch.setenv("MARROWPATH_ACTOR", "dr_env")
        assert _actor(None) == "dr_env"
        monkeypatch.delenv("MARROWPATH_ACTOR")
        monkeypatch.setattr(getpass, "getuser", lambda: "login")
        assert _actor(None) == "login"

        def no_user() -> str:
            raise OSError("no user")

        monkeypatch.setattr(getpass, "getuser", no_user)
        assert _actor(None) == "unknown"
