"""Phrase lists compiled into one regex."""

from __future__ import annotations

from marrowpath.nlp.patterns import compile_phrases, lower, normalize


class TestCompilePhrases:
    """Longest match, hyphen and umlaut variants, raw regex entries, word boundaries."""

    def test_longest_phrase_wins(self) -> None:
        """ "bone marrow edema pattern" is one match, not "bone marrow edema"."""
        p = compile_phrases(["bone marrow edema", "bone marrow edema pattern", "edema"])
        assert [m.group() for m in p.finditer("a bone marrow edema pattern")] == [
            "bone marrow edema pattern"
        ]

    def test_hyphens_and_spaces_are_interchangeable(self) -> None:
        """ "bone-marrow  edema" matches "bone marrow edema"."""
        p = compile_phrases(["bone marrow edema"])
        assert p.search("bone-marrow  edema") is not None

    def test_umlauts_written_out(self) -> None:
        """ "Knochenmarkoedem" matches "Knochenmarködem"."""
        p = compile_phrases(["Knochenmarködem"])
        assert p.search(lower("ein Knochenmarkoedem")) is not None

    def test_dotted_abbreviation(self) -> None:
        """ "V.a." and "V. a." both match."""
        p = compile_phrases(["V.a."])
        assert [m.group() for m in p.finditer(lower("V.a. x, V. a. y"))] == ["v.a.", "v. a."]

    def test_word_boundaries(self) -> None:
        """ "no" does not match inside "node"."""
        assert compile_phrases(["no"]).search("a node") is None

    def test_raw_regex(self) -> None:
        """Entries starting with "re:" are regular expressions."""
        p = compile_phrases([r"re:modic\s*type\s*[123]"])
        m = p.search("Modic type 2 changes")
        assert m is not None
        assert m.group() == "Modic type 2"

    def test_empty_list_matches_nothing(self) -> None:
        """An empty list compiles to a pattern that never matches."""
        assert compile_phrases([]).search("anything") is None

    def test_lower_keeps_offsets(self) -> None:
        """Lower-casing never changes the length, so offsets stay valid."""
        text = "İstanbul Ödem"
        assert len(lower(text)) == len(text)
        assert lower(text).endswith("ödem")

    def test_normalize(self) -> None:
        """Lookup keys ignore case, hyphens and umlaut spelling."""
        assert normalize("Knochenmark-Ödem") == normalize("knochenmark oedem")
