"""Grades on phantoms built to known fractions, and the cut-off functions themselves."""

from __future__ import annotations

import pytest

from marrowpath.imaging import Grade, analyse
from marrowpath.imaging.grades import arco_grade, moaks_size

from .conftest import phantom


def _grade(grades: list[Grade], system: str, region: str) -> Grade:
    return next(g for g in grades if g.system == system and g.region == region)


class TestMoaks:
    """MOAKS BML size: 0 none, 1 <33 %, 2 33-66 %, 3 >66 % of the subregion (s61)."""

    @pytest.mark.parametrize(
        ("fraction", "grade"), [(0.0, 0), (0.01, 1), (0.329, 1), (0.33, 2), (0.66, 2), (0.661, 3)]
    )
    def test_cutoffs(self, fraction: float, grade: int) -> None:
        """The cut-offs of the source, inclusive as written."""
        assert moaks_size(fraction) == grade

    @pytest.mark.parametrize(("target", "grade"), [(0.2, "1"), (0.5, "2"), (0.8, "3")])
    @pytest.mark.parametrize("region", ["femur_medial_central", "tibia_lateral_central"])
    def test_phantom_fractions(self, target: float, grade: str, region: str) -> None:
        """Lesions built at 20, 50 and 80 % of a subregion get grades 1, 2 and 3."""
        p = phantom("knee", snr=10, bias=0.2, seed=5, fill=(region, target))
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        g = _grade(m.grades, "MOAKS BML size", region)
        value = next(v for v, s in p.label_map.labels.items() if s.name == region)
        sub = p.labels.data == value
        truth = float((p.truth_mask & sub).sum()) / float(sub.sum())
        assert truth == pytest.approx(target, abs=0.02)
        assert g.grade == grade
        assert g.fraction == pytest.approx(truth, rel=0.10)
        assert g.source == "s61"
        others = [x for x in m.grades if x.system == "MOAKS BML size" and x.region != region]
        assert all(x.grade == "0" for x in others)


class TestArco:
    """ARCO extent: A <15 %, B 15-30 %, C >30 % of the femoral head (s21)."""

    @pytest.mark.parametrize(
        ("fraction", "grade"), [(0.1, "A"), (0.15, "B"), (0.3, "B"), (0.31, "C")]
    )
    def test_cutoffs(self, fraction: float, grade: str) -> None:
        """The cut-offs of the source."""
        assert arco_grade(fraction) == grade

    @pytest.mark.parametrize(("fraction", "grade"), [(0.08, "A"), (0.22, "B"), (0.45, "C")])
    def test_phantom(self, fraction: float, grade: str) -> None:
        """A labelled necrotic lesion gives its extent and the staging note."""
        p = phantom("hip", snr=20, seed=1, necrosis_fraction=fraction)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        g = _grade(m.grades, "ARCO extent", "femoral_head")
        assert g.grade == grade
        assert g.fraction == pytest.approx(fraction, abs=0.01)
        assert "radiograph or CT" in str(g.details["stage_note"])


class TestSparcc:
    """SPARCC-style SIJ score: quadrants, deep (>= 1 cm) and intense flags exact (s77)."""

    @pytest.mark.parametrize(
        ("depth", "intense", "score"),
        [(5.0, False, 6), (15.0, False, 12), (5.0, True, 12), (15.0, True, 18)],
    )
    def test_flags(self, depth: float, intense: bool, score: int) -> None:
        """One quadrant on 6 slices, +6 when deep, +6 when as bright as the vessel."""
        p = phantom("sij", snr=15, bias=0.1, seed=4, sij_depth_mm=depth, sij_intense=intense)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        g = _grade(m.grades, "SPARCC SIJ inflammation", "sacroiliac_joints")
        assert g.score == score
        assert g.details["quadrants_present"] == 6
        assert g.details["deep"] == (6 if depth >= 10 else 0)
        assert g.details["intense"] == (6 if intense else 0)

    def test_no_lesion_scores_zero(self) -> None:
        """A healthy SIJ scores 0."""
        p = phantom("sij", snr=15, seed=4, lesion=False)
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        assert _grade(m.grades, "SPARCC SIJ inflammation", "sacroiliac_joints").score == 0


class TestModic:
    """Modic type exact on synthetic T1/STIR signatures (s86, s87)."""

    @pytest.mark.parametrize("snr", [10, 30])
    def test_types(self, snr: float) -> None:
        """Types 1, 2, 3 in three zones; untouched zones are 0."""
        modic = {"V2_inferior_endplate": 1, "V3_superior_endplate": 2, "V1_inferior_endplate": 3}
        p = phantom("spine", snr=snr, bias=0.15, seed=6, modic=modic)
        m = analyse(p.fluid, p.labels, t1=p.t1, labels=p.label_map).measurement
        found = {g.region: g.grade for g in m.grades if g.system == "Modic"}
        for zone, kind in modic.items():
            assert found.pop(zone) == str(kind)
        assert set(found.values()) == {"0"}
        assert m.findings() == {
            "mri_bme": True,
            "mri_modic_1": True,
            "mri_modic_2": True,
            "mri_modic_3": True,
        }

    def test_without_t1(self) -> None:
        """Endplate zones without a T1 image give a warning, not a type."""
        p = phantom("spine", snr=20, seed=6, modic={"V2_inferior_endplate": 1})
        m = analyse(p.fluid, p.labels, labels=p.label_map).measurement
        assert not [g for g in m.grades if g.system == "Modic"]
        assert "endplate zones are labelled but no T1 image was given: no Modic type" in m.warnings
