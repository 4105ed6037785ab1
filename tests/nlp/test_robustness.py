"""The reader never crashes and its offsets always point at its text."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from marrowpath.nlp import read_report

_WORDS = st.sampled_from(
    [
        "no", "bone", "marrow", "edema", "oedema", "of", "the", "L4-5", "T1", "left", "MFC",
        "Knochenmarködem", "kein", "V.a.", "Modic", "type", "I", "resolved", "may", "represent",
        "but", "(", ")", ",", ".", ":", "FINDINGS:", "INDICATION:", "\n", "İ", "ß", "femoral",
        "head", "and", "neck", "bruise", "signal", "normal", "STIR", "hyperintense", "in",
    ]
)  # fmt: skip


class TestRobustness:
    """Random word salad and arbitrary text."""

    @settings(max_examples=150, deadline=None)
    @given(st.lists(_WORDS, max_size=40).map(" ".join), st.sampled_from([None, "en", "de"]))
    def test_word_salad(self, text: str, lang: str | None) -> None:
        """Any mix of report words reads without error, with consistent offsets."""
        reading = read_report(text, lang=lang)
        spans = [(m.start, m.end, m.text) for m in reading.edema]
        spans += [(a.start, a.end, a.text) for a in reading.associated]
        for start, end, found in spans:
            assert text[start:end] == found

    @settings(max_examples=100, deadline=None)
    @given(st.text(max_size=300))
    def test_any_text(self, text: str) -> None:
        """Arbitrary Unicode reads without error."""
        reading = read_report(text)
        for m in reading.edema:
            assert text[m.start : m.end] == m.text
