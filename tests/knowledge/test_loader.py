"""Loading the knowledge base and looking entries up."""

from __future__ import annotations

from pathlib import Path

import pytest

from marrowpath.errors import KnowledgeBaseError, UnknownIdError
from marrowpath.knowledge import load_knowledge
from marrowpath.knowledge.schema import Synonyms, Text


class TestLoad:
    def test_shipped_is_cached(self) -> None:
        """The shipped base is loaded once per process."""
        assert load_knowledge() is load_knowledge()

    def test_load_from_folder(self, kb_copy: Path) -> None:
        """A folder with a valid base loads into the same content."""
        kb = load_knowledge(kb_copy)
        assert kb is not load_knowledge()
        assert set(kb.conditions) == set(load_knowledge().conditions)

    def test_broken_folder_lists_every_problem(self, kb_copy: Path) -> None:
        """Loading a broken base raises one error naming every problem."""
        (kb_copy / "red_flags.yaml").unlink()
        (kb_copy / "evidence" / "zz.yaml").write_text("- {condition: crps}\n", encoding="utf-8")
        with pytest.raises(KnowledgeBaseError) as info:
            load_knowledge(kb_copy)
        assert sorted(info.value.problems) == [
            "evidence/zz.yaml[0] (crps): finding: Field required",
            "evidence/zz.yaml[0] (crps): lr_pos: Field required",
            "evidence/zz.yaml[0] (crps): source: Field required",
            "red_flags: missing (expected red_flags.yaml or a folder red_flags/)",
        ]


class TestLookups:
    def test_known_ids(self) -> None:
        """Lookups return the entries by id."""
        kb = load_knowledge()
        assert kb.condition("crps").id == "crps"
        assert kb.finding("fever").category == "sign"
        assert kb.region("hip").names.en == "Hip"
        assert kb.source("seed-article").kind == "article"

    @pytest.mark.parametrize("kind", ["condition", "finding", "region", "source"])
    def test_unknown_id(self, kind: str) -> None:
        """An unknown id is an UnknownIdError naming the kind and the id."""
        kb = load_knowledge()
        with pytest.raises(UnknownIdError, match=f"^unknown {kind} 'nope'$") as info:
            getattr(kb, kind)("nope")
        assert info.value.field == kind
        assert isinstance(info.value, LookupError)

    def test_pathway_for_region_then_default(self) -> None:
        """A region-specific pathway wins; otherwise the default; unknown gives None."""
        kb = load_knowledge()
        knee = kb.pathway_for("transient_osteoporosis", "knee")
        assert knee is not None
        assert "knee" in knee.regions
        default = kb.pathway_for("transient_osteoporosis", "pelvis")
        assert default is not None
        assert default.regions == []
        assert kb.pathway_for("no_such_condition", "hip") is None

    def test_derived_and_implied_indexes(self) -> None:
        """Numeric findings know what derives from them; composites know their parts."""
        kb = load_knowledge()
        assert {f.id for f in kb.derived["crp"]} == {"crp_elevated", "crp_over_20"}
        assert "inflammatory_markers_elevated" in {f.id for f in kb.implied}


class TestTexts:
    def test_text_falls_back_to_english(self) -> None:
        """German is used when present, English otherwise."""
        assert Text(en="Hip", de="Hüfte").get("de") == "Hüfte"
        assert Text(en="Hip", de="").get("de") == "Hip"
        assert Text(en="Hip", de="Hüfte").get("fr") == "Hip"

    def test_synonyms_per_language(self) -> None:
        s = Synonyms(en=["groin"], de=["leiste"])
        assert s.get("de") == ["leiste"]
        assert s.get("en") == ["groin"]
