"""Phalanges named by part and digit, of a toe or a finger as the words around them say."""

from __future__ import annotations

import pytest

from marrowpath.nlp import read_report
from marrowpath.nlp.phalanges import find_phalanges, phalanx_name, placed_phalanx


def _bones(text: str, lang: str = "de") -> list[tuple[str | None, str, str]]:
    return [(m.bone, m.region, m.status) for m in read_report(text, lang=lang).edema]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MRT Vorfuß rechts: Knochenmarködem in der Grundphalanx D2.",
            [("proximal phalanx of the second toe", "ankle_foot", "present")],
        ),
        (
            "Kontrolle nach Quetschtrauma des Zeigefingers: Knochenmarködem in der Grundphalanx"
            " D2.",
            [("proximal phalanx of the index finger", "other", "present")],
        ),
        (
            "Z. n. Anpralltrauma Kleinzehe links: knöcherne Kontusion der Grundphalanx D5;"
            " Mittel- und Endphalanx ohne Ödem.",
            [
                ("proximal phalanx of the fifth toe", "ankle_foot", "present"),
                ("middle phalanx", "ankle_foot", "negated"),
                ("distal phalanx", "ankle_foot", "negated"),
            ],
        ),
    ],
)
def test_sentence_says_the_limb(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _bones(text) == expected


def test_report_says_the_limb() -> None:
    """A sentence that names no limb takes the report's region."""
    foot = "MRT Vorfuß links.\nBefund: Talus unauffällig. Die Grundphalanx D2 zeigt ein Ödem."
    hand = "MRT Hand links.\nBefund: Skaphoid unauffällig. Die Grundphalanx D2 zeigt ein Ödem."
    assert ("proximal phalanx of the second toe", "ankle_foot", "present") in _bones(foot)
    assert ("proximal phalanx of the index finger", "other", "present") in _bones(hand)


def test_english_phalanx() -> None:
    text = (
        "Right hand MRI: bone marrow oedema in the base of the middle phalanx of the ring finger."
    )
    assert _bones(text, "en") == [("middle phalanx", "other", "present")]


def test_names_and_ids() -> None:
    assert phalanx_name("distal", 3, None) == "distal phalanx of digit 3"
    assert placed_phalanx("distal phalanx of digit 3", "other") == (
        "distal phalanx of the middle finger",
        "finger_phalanges",
    )
    assert placed_phalanx("proximal phalanx", "ankle_foot") == ("proximal phalanx", "toe_phalanges")
    assert find_phalanges("kein befund") == []
