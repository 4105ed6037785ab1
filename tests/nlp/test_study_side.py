"""The side named in a report's title or header applies to mentions that state none."""

from __future__ import annotations

import pytest

from marrowpath.nlp import read_report


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("MRI RIGHT KNEE. FINDINGS: Bone marrow edema of the medial femoral condyle.", "right"),
        ("MRT Knie links. Befund: Knochenmarködem im medialen Femurkondylus.", "left"),
        ("INDICATION: Left hip pain. FINDINGS: Edema of the femoral head and neck.", "left"),
    ],
)
def test_title_side_applies(text: str, side: str) -> None:
    sides = [m.laterality for m in read_report(text).edema]
    assert sides
    assert set(sides) == {side}


def test_own_side_wins() -> None:
    """A side stated with the mention beats the title's."""
    text = "MRI LEFT KNEE. FINDINGS: Bone marrow edema of the right medial femoral condyle."
    assert read_report(text).edema[0].laterality == "right"


@pytest.mark.parametrize(
    "text",
    [
        "Bone marrow edema of the medial femoral condyle.",
        "INDICATION: right and left knee pain. FINDINGS: Bone marrow edema of the medial femoral condyle.",
        "MRI LUMBAR SPINE LEFT. FINDINGS: Modic type 1 changes at L4-L5.",
    ],
)
def test_no_side_without_one_clear_study_side(text: str) -> None:
    """No title, two sides, or a region without sides: nothing is assumed."""
    assert all(m.laterality is None for m in read_report(text).edema)
