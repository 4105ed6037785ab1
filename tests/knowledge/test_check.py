"""Every check of ``kb check``, each proven on a deliberately broken copy of the base."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from marrowpath.cli import app
from marrowpath.knowledge import check_knowledge

Edit = Callable[[Path, Callable[[Any], Any]], None]


def first(items: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    return next(i for i in items if all(i.get(k) == v for k, v in match.items()))


class TestShipped:
    def test_shipped_base_has_no_problem(self) -> None:
        """The knowledge base that ships passes every check."""
        assert check_knowledge() == []

    def test_cli_reports_ok(self) -> None:
        """`kb check` exits 0 and summarises the base."""
        result = CliRunner().invoke(app, ["kb", "check"])
        assert result.exit_code == 0
        assert "OK - 14 conditions" in result.stdout


class TestFiles:
    def test_missing_section(self, kb_copy: Path) -> None:
        """A section with neither file nor folder is reported by name."""
        (kb_copy / "red_flags.yaml").unlink()
        assert check_knowledge(kb_copy) == [
            "red_flags: missing (expected red_flags.yaml or a folder red_flags/)"
        ]

    def test_broken_yaml(self, kb_copy: Path) -> None:
        """YAML that does not parse is reported with its file."""
        (kb_copy / "meta.yaml").write_text("version: [1.0\n", encoding="utf-8")
        problems = check_knowledge(kb_copy)
        assert len(problems) == 1
        assert problems[0].startswith("meta: not valid YAML: ")

    def test_folder_file_must_be_a_list(self, kb_copy: Path) -> None:
        """A file of a list section that holds a mapping is refused."""
        (kb_copy / "evidence" / "zz.yaml").write_text("a: 1\n", encoding="utf-8")
        assert check_knowledge(kb_copy) == ["evidence/zz.yaml: expected a list of entries"]

    def test_cli_lists_problems_and_fails(self, kb_copy: Path) -> None:
        """`kb check PATH` prints each problem, a count, and exits 1."""
        (kb_copy / "red_flags.yaml").unlink()
        result = CliRunner().invoke(app, ["kb", "check", str(kb_copy)])
        assert result.exit_code == 1
        assert result.stdout.splitlines()[-1] == "1 problem(s)"


class TestSchema:
    def test_unknown_key(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A misspelt key is an error naming the entry and the key."""
        edit_yaml(kb_copy / "conditions.yaml", lambda d: d[0].update(typo=1))
        cid = check_problem_id(kb_copy / "conditions.yaml")
        assert check_knowledge(kb_copy) == [
            f"conditions[0] ({cid}): typo: Extra inputs are not permitted"
        ]

    def test_missing_field_in_mapping_section(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A required field missing from meta is named."""
        edit_yaml(kb_copy / "meta.yaml", lambda d: d.pop("version"))
        assert check_knowledge(kb_copy) == ["meta: version: Field required"]

    def test_entry_without_id_is_named_by_its_keys(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Evidence entries are named condition/finding."""
        path = kb_copy / "evidence" / "crps.yaml"
        edit_yaml(path, lambda d: d[0].update(lr_pos=0))
        assert check_knowledge(kb_copy) == [
            "evidence/crps.yaml[0] (crps/disproportionate_pain): lr_pos: Input should be greater than 0"
        ]

    def test_entry_that_is_not_a_mapping(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A bare string in a list section is reported at its index."""
        edit_yaml(kb_copy / "therapies.yaml", lambda d: d.insert(0, "nsaids"))
        assert check_knowledge(kb_copy) == [
            "therapies[0]: Input should be a valid dictionary or instance of Therapy"
        ]


def check_problem_id(path: Path) -> str:
    import yaml

    return str(yaml.safe_load(path.read_text(encoding="utf-8"))[0]["id"])


class TestReferences:
    def test_duplicate_id(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Two entries with one id are reported with the count."""
        edit_yaml(kb_copy / "therapies.yaml", lambda d: d.append(dict(d[0])))
        tid = check_problem_id(kb_copy / "therapies.yaml")
        assert f"therapies: duplicate id {tid!r} (2 entries)" in check_knowledge(kb_copy)

    def test_dangling_ids_in_evidence(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Unknown condition, finding and region in evidence are each named."""

        def change(d: list[dict[str, Any]]) -> None:
            d[0].update(condition="nope", finding="nothing", regions=["mars"])

        edit_yaml(kb_copy / "evidence" / "crps.yaml", change)
        problems = check_knowledge(kb_copy)
        assert problems == [
            "evidence/crps.yaml[0] (nope/nothing): unknown condition 'nope'",
            "evidence/crps.yaml[0] (nope/nothing): unknown finding 'nothing'",
            "evidence/crps.yaml[0] (nope/nothing): unknown region 'mars'",
        ]

    def test_duplicate_evidence_pair(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Two entries for one condition and finding in the same regions are refused."""
        edit_yaml(kb_copy / "evidence" / "crps.yaml", lambda d: d.append(dict(d[0])))
        assert check_knowledge(kb_copy) == [
            "evidence: 2 entries for crps/disproportionate_pain in the same regions"
        ]

    def test_criterion_problems(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Criteria name unknown findings and regions, and must test something."""

        def change(d: list[dict[str, Any]]) -> None:
            d[0]["when"] = [{"any": ["ghost"], "regions": ["mars"]}, {"none": ["fever"]}]

        edit_yaml(kb_copy / "red_flags.yaml", change)
        problems = check_knowledge(kb_copy)
        where = "red_flags[0](suspected_infection).when"
        assert problems == [
            f"{where}[0]: unknown finding 'ghost'",
            f"{where}[0]: unknown region 'mars'",
            f"{where}[1]: criterion tests nothing (give all, any or absent)",
        ]

    def test_findings_references(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """derived_from, implied_by and numeric units are checked."""

        def change(d: list[dict[str, Any]]) -> None:
            first(d, id="crp_elevated")["derived_from"]["finding"] = "crp_typo"
            first(d, id="inflammatory_markers_elevated")["implied_by"] = ["esr_typo"]
            first(d, id="crp")["unit"] = ""
            first(d, id="esr")["excluded_by"] = ["ghost"]
            first(d, id="wbc")["site"] = ["elbow_bone"]

        edit_yaml(kb_copy / "findings" / "labs.yaml", change)
        problems = check_knowledge(kb_copy)
        assert "findings(crp_elevated).derived_from: unknown finding 'crp_typo'" in problems
        assert (
            "findings(inflammatory_markers_elevated).implied_by: unknown finding 'esr_typo'"
            in problems
        )
        assert "findings(crp): numeric finding without a unit" in problems
        assert "findings(esr).excluded_by: unknown finding 'ghost'" in problems
        assert "findings(wbc).site: unknown bone or subregion 'elbow_bone'" in problems
        assert len(problems) == 5

    def test_priors(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """Priors must sum to 1, name known ids, and cover every region."""

        def change(d: list[dict[str, Any]]) -> list[dict[str, Any]]:
            hip = first(d, region="hip")
            hip["priors"][0]["probability"] = 0.9
            hip["priors"][1]["condition"] = "ghost"
            d.append(
                {
                    "region": "mars",
                    "priors": [{"condition": "crps", "probability": 0.99, "source": "s1"}],
                }
            )
            return [p for p in d if p["region"] != "knee"]

        edit_yaml(kb_copy / "priors.yaml", change)
        problems = check_knowledge(kb_copy)
        assert "priors(hip): unknown condition 'ghost'" in problems
        assert any(p.startswith("priors(hip): priors sum to 1.") for p in problems)
        assert "priors(mars): unknown region 'mars'" in problems
        assert "priors: region 'knee' has no priors" in problems
        assert len(problems) == 4

    def test_classification_and_pathway_references(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """applies_to, pathway condition, regions, therapies and phase order are checked."""
        edit_yaml(kb_copy / "classifications.yaml", lambda d: d[0].update(applies_to=["ghost"]))
        pathway_file = sorted((kb_copy / "pathways").glob("*.yaml"))[0]

        def change(d: list[dict[str, Any]]) -> None:
            p = d[0]
            p.update(condition="ghost", regions=["mars"])
            p["therapies"] = [{"therapy": "snake_oil", "status": "consider", "source": "s1"}]
            p["phases"][0].update(start_week=9, end_week=1)

        edit_yaml(pathway_file, change)
        problems = check_knowledge(kb_copy)
        pid = check_problem_id(pathway_file)
        phase = __import__("yaml").safe_load(pathway_file.read_text())[0]["phases"][0]["id"]
        assert problems == [
            "classifications(modic).applies_to: unknown condition 'ghost'",
            f"pathways({pid}): unknown condition 'ghost'",
            f"pathways({pid}): unknown region 'mars'",
            f"pathways({pid}): unknown therapy 'snake_oil'",
            f"pathways({pid}).phases({phase}): start_week 9 is after end_week 1",
        ]


class TestTextsSourcesCodes:
    def test_missing_language(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A text without German (or English) is named with its path."""
        edit_yaml(kb_copy / "conditions.yaml", lambda d: d[0]["names"].update(de=""))
        cid = check_problem_id(kb_copy / "conditions.yaml")
        assert check_knowledge(kb_copy) == [f"conditions[0]({cid}).names: missing German text"]

    def test_missing_english(self, kb_copy: Path, edit_yaml: Edit) -> None:
        edit_yaml(kb_copy / "red_flags.yaml", lambda d: d[0]["action"].update(en=" "))
        assert check_knowledge(kb_copy) == [
            "red_flags[0](suspected_infection).action: missing English text"
        ]

    def test_unknown_and_missing_source(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A number must name a known source."""

        def change(d: list[dict[str, Any]]) -> None:
            d[0]["source"] = "nowhere"
            d[1]["source"] = ""

        edit_yaml(kb_copy / "evidence" / "crps.yaml", change)
        problems = check_knowledge(kb_copy)
        assert problems == [
            "evidence/crps.yaml[0]: unknown source 'nowhere'",
            "evidence/crps.yaml[1]: a number without a source",
        ]

    def test_weeks_in_order(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A healing range must not end before it starts."""

        def change(d: list[dict[str, Any]]) -> None:
            first(d, id="crps")["healing"].update(weeks_min=60, weeks_max=6)

        edit_yaml(kb_copy / "conditions.yaml", change)
        assert check_knowledge(kb_copy) == [
            f"conditions[{crps_index(kb_copy)}](crps).healing: weeks_min 60 is after weeks_max 6"
        ]

    def test_invalid_icd_code(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """ICD-10-CM codes are validated against the shipped code table."""

        def change(d: list[dict[str, Any]]) -> None:
            first(d, id="crps")["codes"] = [
                {"system": "icd-10-cm", "code": "Q99.999", "display": "x"}
            ]

        edit_yaml(kb_copy / "conditions.yaml", change)
        assert check_knowledge(kb_copy) == [
            f"conditions[{crps_index(kb_copy)}](crps).codes[0]: ICD-10-CM code 'Q99.999' is not in the ICD-10-CM table"
        ]

    def test_snomed_needs_a_reference(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """SNOMED CT and LOINC codes are accepted only with a reference that gives them."""

        def change(d: list[dict[str, Any]]) -> None:
            first(d, id="crps")["codes"] = [
                {"system": "snomed-ct", "code": "123", "display": "x", "source": "expert-estimate"}
            ]

        edit_yaml(kb_copy / "conditions.yaml", change)
        assert check_knowledge(kb_copy) == [
            f"conditions[{crps_index(kb_copy)}](crps).codes[0]: snomed-ct code '123' needs a source of kind 'reference' that gives it"
        ]

    def test_valid_codes_pass(self, kb_copy: Path, edit_yaml: Edit) -> None:
        """A valid ICD-10-CM code and a referenced LOINC code pass."""

        def change(d: list[dict[str, Any]]) -> None:
            first(d, id="crps")["codes"] = [
                {
                    "system": "icd-10-cm",
                    "code": "G90.52",
                    "display": "CRPS I of lower limb",
                    "source": "s154",
                },
                {"system": "loinc", "code": "1-1", "display": "x", "source": "s154"},
            ]

        edit_yaml(kb_copy / "conditions.yaml", change)
        assert check_knowledge(kb_copy) == []


def crps_index(kb: Path) -> int:
    import yaml

    data = yaml.safe_load((kb / "conditions.yaml").read_text(encoding="utf-8"))
    return next(i for i, c in enumerate(data) if c["id"] == "crps")
