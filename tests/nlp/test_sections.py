"""Sections and sentences."""

from __future__ import annotations

from marrowpath.nlp.lexicon import lexicon
from marrowpath.nlp.sections import split_sentences

REPORT = (
    "INDICATION: Knee pain. History: prior bone bruise.\n"
    "FINDINGS: Fig. 1 shows e.g. a bruise. There is no effusion.Kleine Protrusion.\n\n"
    "IMPRESSION: 1. Bone bruise of the LFC."
)


def _pieces(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(s.section, text[s.start : s.end]) for s in split_sentences(text, lexicon(lang))]


class TestSections:
    """Headers set the section of the sentences under them."""

    def test_sections(self) -> None:
        """Indication, history, findings and impression are told apart."""
        got = _pieces(REPORT)
        assert ("indication", "Knee pain.") in got
        assert ("history", "prior bone bruise.") in got
        assert ("findings", "There is no effusion.") in got
        assert ("impression", "Bone bruise of the LFC.") in got

    def test_text_before_any_header_is_findings(self) -> None:
        """A report without headers is all findings."""
        assert _pieces("Bone bruise.") == [("findings", "Bone bruise.")]

    def test_german_headers(self) -> None:
        """ "Fragestellung:" and "Beurteilung:" are German headers."""
        got = _pieces("Fragestellung: Ödem? Beurteilung: Kein Knochenmarködem.", "de")
        assert ("indication", "Ödem?") in got
        assert ("impression", "Kein Knochenmarködem.") in got


class TestSentences:
    """Sentence ends, and what is not one."""

    def test_abbreviations_do_not_end_sentences(self) -> None:
        """ "Fig." and "e.g." stay inside the sentence."""
        assert ("findings", "Fig. 1 shows e.g. a bruise.") in _pieces(REPORT)

    def test_missing_space_after_period(self) -> None:
        """ "effusion.Kleine" is two sentences."""
        assert ("findings", "Kleine Protrusion.") in _pieces(REPORT)

    def test_german_abbreviation(self) -> None:
        """ "V.a." and "Z.n." do not end a sentence."""
        got = _pieces("V.a. Knochenmarködem. Z.n. Trauma.", "de")
        assert [t for _, t in got] == ["V.a. Knochenmarködem.", "Z.n. Trauma."]
