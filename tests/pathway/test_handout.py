"""Tests of the patient handout (HTML and PDF)."""

from __future__ import annotations

import pytest

from marrowpath.errors import InputError
from marrowpath.knowledge import Knowledge
from marrowpath.pathway.handout import handout_html, handout_pdf
from tests.pathway.fixture_kb import make_plan


class TestHtml:
    """The HTML handout is plain language, self-contained and escaped."""

    def test_english(self, kb: Knowledge) -> None:
        """Sections, dates, the embedded timeline and the disclaimer."""
        html = handout_html(make_plan(kb))
        assert html.startswith("<!DOCTYPE html>")
        assert '<html lang="en">' in html
        assert "Your care plan: Transient osteoporosis" in html
        assert "Protection and unloading (05 Jan 2026 – 16 Feb 2026)" in html
        assert "Please avoid:</strong> Running and jumping" in html
        assert 'src="data:image/png;base64,' in html
        assert "not prescriptions" in html
        assert "Decision support for qualified" in html

    def test_german(self, kb: Knowledge) -> None:
        """German labels and dates."""
        html = handout_html(make_plan(kb, lang="de"))
        assert '<html lang="de">' in html
        assert "Ihr Behandlungsplan" in html
        assert "Schutz und Entlastung (05.01.2026 – 16.02.2026)" in html
        assert "Teilbelastung" in html
        assert "Meist heilt es innerhalb von 4 Wochen bis 6 Monaten." in html

    def test_contraindicated_in_plain_words(self, kb: Knowledge) -> None:
        """A contraindicated class reads 'not for you'."""
        care = make_plan(
            kb,
            patient={
                "age": 31,
                "sex": "female",
                "pregnancy": {"status": "pregnant", "trimester": 3},
            },
        )
        assert "<td>NSAIDs</td><td>not for you</td>" in handout_html(care)

    def test_urgent(self, kb: Knowledge) -> None:
        """The urgent handout leads with the red flag's action."""
        html = handout_html(make_plan(kb, findings={"fever": True}))
        assert "need to be checked urgently" in html
        assert "Same-day blood cultures, CRP and referral." in html

    def test_bad_language(self, kb: Knowledge) -> None:
        """Only en and de."""
        with pytest.raises(InputError, match=r"^lang: 'fr' is not one of 'en', 'de'$"):
            handout_html(make_plan(kb), "fr")


class TestPdf:
    """The PDF handout renders with the timeline in both languages."""

    @pytest.mark.parametrize("lang", ["en", "de"])
    def test_pdf(self, kb: Knowledge, lang: str) -> None:
        """A PDF document with an embedded image."""
        data = handout_pdf(make_plan(kb, lang=lang))
        assert data.startswith(b"%PDF-")
        assert b"/Subtype /Image" in data
        assert data.rstrip().endswith(b"%%EOF")

    def test_urgent_pdf(self, kb: Knowledge) -> None:
        """The urgent work-up prints too."""
        assert handout_pdf(make_plan(kb, findings={"fever": True})).startswith(b"%PDF-")


class TestSparsePlans:
    """Plans without return to sport or follow-ups print and draw too."""

    def test_no_return_to_sport(self, kb: Knowledge) -> None:
        """The bone-bruise fixture pathway has neither."""
        from marrowpath.pathway.timeline import timeline_image

        care = make_plan(kb, condition="bone_bruise")
        assert care.return_to_sport is None
        assert care.follow_ups == []
        assert handout_pdf(care).startswith(b"%PDF-")
        assert "Back to sport" not in handout_html(care)
        assert timeline_image(care).startswith(b"\x89PNG")


class TestPatientWording:
    """The handout leaves the clinician's checklist out."""

    def test_no_check_list(self, kb: Knowledge) -> None:
        """Unknown facts to check appear in the plan, not in the handout."""
        care = make_plan(kb, patient={})
        assert "Check before use" in care.therapies[0].reason
        assert "Check before use" not in handout_html(care)
        assert "<td>NSAIDs</td><td>usually helpful</td><td>Pain relief.</td>" in handout_html(care)
