"""match_phrases: any caller's phrases with the reader's scope."""

from __future__ import annotations

import pytest

from marrowpath.errors import InputError
from marrowpath.nlp import PhraseMatch, match_phrases

PHRASES = {"night_pain": ["night pain", "pain at night"], "trauma": ["trauma", "injury", "Trauma"]}


class TestMatchPhrases:
    """Status of caller-defined phrases."""

    def test_list_scope(self) -> None:
        """ "no night pain or trauma" negates both."""
        got = [(m.key, m.status) for m in match_phrases("No night pain or trauma.", PHRASES)]
        assert got == [("night_pain", "negated"), ("trauma", "negated")]

    def test_statuses(self) -> None:
        """Present, uncertain and historical."""
        text = "Pain at night. Possible injury last week. History of trauma."
        got = [(m.key, m.status) for m in match_phrases(text, PHRASES)]
        assert got == [("night_pain", "present"), ("trauma", "uncertain"), ("trauma", "historical")]

    def test_german(self) -> None:
        """German scope with lang="de"."""
        (m,) = match_phrases("Kein Trauma erinnerlich.", {"trauma": ["Trauma"]}, lang="de")
        assert m == PhraseMatch(key="trauma", status="negated", start=5, end=11, text="Trauma")

    def test_bad_phrases(self) -> None:
        """Phrases must be a mapping of lists of strings."""
        with pytest.raises(
            InputError, match=r"^phrases\['x'\] must be a list of non-empty strings, got 'abc'$"
        ):
            match_phrases("text", {"x": "abc"})
        with pytest.raises(
            InputError, match=r"^phrases must be a mapping of key -> phrases, got list$"
        ):
            match_phrases("text", [])  # type: ignore[arg-type]
