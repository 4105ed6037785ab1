"""Template layout: column gaps and check boxes, rewritten at the same length."""

from __future__ import annotations

from marrowpath.nlp.forms import form_marks


class TestColumns:
    def test_a_table_row_gets_pipes_and_a_pair_a_colon(self) -> None:
        text = "LWK 1\tja\t\tfrisch\n  Talus\t\tKontusionsödem\n\tiliakal o.\tsakral o.\nL3-L4    nein    –\n"
        said = form_marks(text)
        assert len(said) == len(text)
        assert said.splitlines() == [
            "LWK 1|ja| frisch",
            "  Talus: Kontusionsödem",
            "\tiliakal o.|sakral o.",
            "L3-L4|   nein|   –",
        ]

    def test_a_key_that_has_its_colon_keeps_it(self) -> None:
        assert form_marks("Knochenmark:\tregelrecht") == "Knochenmark: regelrecht"

    def test_two_spaces_are_no_column(self) -> None:
        assert form_marks("Kein  Knochenmarködem.") == "Kein  Knochenmarködem."

    def test_plain_text_is_the_same_object(self) -> None:
        text = "Kein Knochenmarködem."
        assert form_marks(text) is text


class TestCheckBoxes:
    def test_an_unticked_option_and_the_ticks_are_blank(self) -> None:
        text = "Knochenmark: [ ] KMÖ   [x] regelrechtes Signal"
        said = form_marks(text)
        assert len(said) == len(text)
        assert said.split() == ["Knochenmark:", "regelrechtes", "Signal"]

    def test_unicode_boxes(self) -> None:
        said = form_marks("Aktive Entzündung (KMÖ gemäß ASAS): ☐ ja  ☒ nein")
        assert said.split() == ["Aktive", "Entzündung", "(KMÖ", "gemäß", "ASAS):", "nein"]
