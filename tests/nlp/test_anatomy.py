"""Bones, subregions and spine levels from the knowledge base."""

from __future__ import annotations

import pytest

from marrowpath.knowledge import load_knowledge
from marrowpath.nlp.anatomy import anatomy


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(h.name, h.region, h.bone_id) for h in anatomy().find(text)]


class TestKnowledgeBase:
    """The anatomy lives in regions.yaml."""

    def test_every_region_keeps_its_id_and_has_bones(self) -> None:
        """The 13 region ids are unchanged and each has bones with en/de names."""
        kb = load_knowledge()
        assert list(kb.regions) == [
            "hip", "knee", "ankle_foot", "shoulder", "cervical_spine", "thoracic_spine",
            "lumbar_spine", "spine_unspecified", "sacroiliac", "pelvis", "tibia_shaft",
            "femur_shaft", "other",
        ]  # fmt: skip
        for region in kb.regions.values():
            assert region.bones, region.id
            for bone in region.bones:
                assert bone.names.en, bone.id
                assert bone.names.de, bone.id

    def test_spine_levels(self) -> None:
        """C1..C7, T1..T12, L1..L5 and S1..S5 are bones."""
        bones = {b.id for r in load_knowledge().regions.values() for b in r.bones}
        levels = [f"c{i}" for i in range(1, 8)] + [f"t{i}" for i in range(1, 13)]
        levels += [f"l{i}" for i in range(1, 6)] + [f"s{i}" for i in range(1, 6)]
        assert set(levels) <= bones


class TestFind:
    """Matching anatomy in sentences."""

    @pytest.mark.parametrize(
        ("text", "name", "region"),
        [
            ("edema of the MFC", "medial femoral condyle", "knee"),
            ("im Bereich des LTP", "lateral tibial plateau", "knee"),
            ("lateral tibial condyle", "lateral tibial plateau", "knee"),
            ("the right femoral head", "femoral head", "hip"),
            ("im Os cuneiforme II", "intermediate cuneiform", "ankle_foot"),
            ("the calcaneum", "calcaneus", "ankle_foot"),
            ("the sacral ala", "sacral ala", "pelvis"),
            ("greater tuberosity", "greater tuberosity", "shoulder"),
        ],
    )
    def test_bones_and_subregions(self, text: str, name: str, region: str) -> None:
        """Synonyms and abbreviations map to the knowledge-base name and region."""
        assert _found(text)[0][:2] == (name, region)

    def test_side_word_inside_a_bone_name(self) -> None:
        """ "distal left femur" is the distal femur."""
        assert _found("edema in the distal left femur")[0][0] == "distal femur"

    def test_elided_coordination(self) -> None:
        """ "femoral head and neck" and "medial and lateral femoral condyles" name two parts."""
        assert [n for n, _, _ in _found("the femoral head and neck")] == [
            "femoral head",
            "femoral neck",
        ]
        assert [n for n, _, _ in _found("the medial and lateral femoral condyles")] == [
            "medial femoral condyle",
            "lateral femoral condyle",
        ]

    def test_part_of_named_bone(self) -> None:
        """ "iliac side of the SI joint" is one hit, the subregion."""
        assert _found("the iliac side of the right SI joint") == [
            ("ilium", "sacroiliac", "sacroiliac_joint")
        ]

    def test_bone_beside_a_joint_is_the_joints_part(self) -> None:
        """Beside the SI joint, the sacrum is the sacral side of that joint; elsewhere it is the
        sacrum of the pelvis."""
        assert _found("edema in the sacrum adjacent to the right SI joint") == [
            ("sacrum", "sacroiliac", "sacroiliac_joint")
        ]
        assert _found("edema in the sacrum") == [("sacrum", "pelvis", "sacrum")]

    def test_bone_named_by_its_adjective_beside_its_part(self) -> None:
        """ "sacral fractures through the sacral alae" names the alae."""
        assert _found("sacral insufficiency fractures through both sacral alae") == [
            ("sacral ala", "pelvis", "sacrum")
        ]

    def test_numbered_metatarsals_and_carpal_bones(self) -> None:
        """Metatarsals by number in English and German; carpal bones by name."""
        assert _found("base of the 2nd metatarsal") == [
            ("second metatarsal", "ankle_foot", "metatarsals")
        ]
        assert _found("Os metatarsale V") == [("fifth metatarsal", "ankle_foot", "metatarsals")]
        assert _found("the capitate") == [("capitate", "other", "capitate")]

    def test_levels_and_endplates(self) -> None:
        """Disc levels, endplates in both word orders, German vertebra names."""
        assert _found("at L4-5")[0][:2] == ("L4-L5 endplates", "lumbar_spine")
        assert _found("L5/S1")[0][:2] == ("L5-S1 endplates", "lumbar_spine")
        assert _found("inferior endplate of L3")[0][0] == "L3 inferior endplate"
        assert _found("Grundplatte LWK1")[0][0] == "L1 inferior endplate"
        assert _found("LWK 4/5")[0][0] == "L4-L5 endplates"
        assert _found("HWK5")[0][:2] == ("C5 vertebral body", "cervical_spine")

    def test_t1_sequence_is_not_a_level(self) -> None:
        """ "T1-weighted" and "on T2" are sequences; "T1 vertebra" and "T11" are levels."""
        assert _found("low signal on T1-weighted images and on T2") == []
        assert _found("T1 vertebral body")[0][0] == "T1 vertebral body"
        assert _found("T11, T12 and L1 vertebral bodies")[2][0] == "L1 vertebral body"
