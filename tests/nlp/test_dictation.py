"""Punctuation dictated as words, read as marks without moving any offset."""

from __future__ import annotations

from marrowpath.nlp import read_report
from marrowpath.nlp.dictation import with_spoken_marks

DICTATED = (
    "MRT Becken Hüfte links Doppelpunkt neuer Absatz Befund Doppelpunkt flächiges Knochen Mark"
    " Ödem im proximalen Femur links Komma in T1 unscharf hypointens Punkt keine subchondrale"
    " Frakturlinie Komma kein Doppellinienzeichen Punkt"
)


def test_marks_keep_the_length() -> None:
    said = with_spoken_marks(DICTATED, "de")
    assert len(said) == len(DICTATED)
    assert "Befund:" in said
    assert "hypointens." in said


def test_one_word_alone_is_left_as_it_is() -> None:
    text = "Knochenmarködem am Punkt der größten Belastung."
    assert with_spoken_marks(text, "de") == text


def test_english_text_is_untouched() -> None:
    text = "Marrow edema period comma colon."
    assert with_spoken_marks(text, "en") == text


def test_dictated_report_reads_like_a_written_one() -> None:
    reading = read_report(DICTATED, lang="de")
    (m,) = reading.edema
    assert (m.bone, m.status, m.laterality) == ("proximal femur", "present", "left")
    assert DICTATED[m.start : m.end] == "Knochen Mark Ödem"


def test_dictated_normal_bones_and_split_signal_words() -> None:
    text = (
        "handgelenk rechts nach Sturz Doppelpunkt Knochen Mark Ödem im Scaphoid ohne"
        " Frakturlinie Punkt Lunatum und Kapitatum ohne Signal Alteration Punkt"
    )
    got = [(m.bone, m.status) for m in read_report(text, lang="de").edema]
    assert got == [("scaphoid", "present"), ("lunate", "negated"), ("capitate", "negated")]


def test_headings_dictated_without_a_colon() -> None:
    text = "Fragestellung V.a. KMÖ Os naviculare li. Befund Tibialis posterior Sehne verdickt"
    marked = with_spoken_marks(text, "de")
    assert len(marked) == len(text)
    assert marked.startswith("Fragestellung:V.a.")
    assert "\nBefund:Tibialis" in marked
    assert read_report(text, "de").edema == []  # the question is no finding


def test_a_heading_word_after_an_article_is_no_heading() -> None:
    text = "Befund Knochenmarködem im Talus, der Befund ist unverändert."
    assert (
        with_spoken_marks(text, "de")
        == "Befund:Knochenmarködem im Talus, der Befund ist unverändert."
    )
