"""Episode pages: assessment, plan with downloads, visits (POST-redirect-GET) and alerts."""

from __future__ import annotations

import json
import re

import httpx

from marrowpath.store import load_episode
from tests.web.conftest import UI
from tests.web.test_cases import field_errors


def visit(ui: UI, episode: str, lang: str = "en", **fields: str) -> httpx.Response:
    page = ui.client.get(f"/ui/episodes/{episode}?lang={lang}").text
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    assert version is not None
    data = {
        "csrf_token": ui.csrf(f"/ui/episodes/{episode}"),
        "expected_version": version.group(1),
        "date": "2026-01-05",
        "pain_rest": "5",
        "pain_load": "7",
        "weight_bearing": "partial_weight_bearing",
        **fields,
    }
    response: httpx.Response = ui.client.post(
        f"/ui/episodes/{episode}/visits?lang={lang}", data=data, follow_redirects=False
    )
    return response


class TestAssessmentPage:
    """The explained assessment."""

    def test_differential_with_pictures_and_sources(self, ui: UI) -> None:
        """Bars, a waterfall per leading diagnosis, contributions with source links."""
        episode = ui.new_episode()
        r = ui.client.get(f"/ui/episodes/{episode}/assessment?lang=en")
        assert r.text.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4
        assert 'aria-labelledby="probabilities-title probabilities-desc"' in r.text
        assert "Leading diagnosis:</span> <strong>Transient osteoporosis" in r.text
        assert 'href="/ui/knowledge/sources?lang=en#seed-article"' in r.text
        assert "No red flag raised by the findings given." in r.text
        assert r.text.index("no-flags") < r.text.index("Case as entered")
        entered = r.text[r.text.index("Case as entered") :]
        assert '<span class="label">Absent:</span> Fever; Double-line sign' in entered
        assert "C-reactive protein 2.1" in entered

    def test_german_assessment_of_an_english_episode(self, ui: UI) -> None:
        """The stored English assessment is shown in German with the same numbers."""
        episode = ui.new_episode(lang="en")
        en = ui.client.get(f"/ui/episodes/{episode}/assessment?lang=en").text
        de = ui.client.get(f"/ui/episodes/{episode}/assessment?lang=de").text
        assert "Transiente Osteoporose" in de
        percent = re.search(r'class="dx-prob">([\d.]+) %', en)
        assert percent is not None
        assert f'class="dx-prob">{percent.group(1).replace(".", ",")} %' in de


class TestPlanPage:
    """The care plan with its timeline and downloads."""

    def test_timeline_therapies_follow_ups(self, ui: UI) -> None:
        """The timeline picture, therapy classes with status, follow-up dates."""
        episode = ui.new_episode()
        r = ui.client.get(f"/ui/episodes/{episode}/plan?lang=de")
        assert 'aria-labelledby="timeline-title timeline-desc"' in r.text
        assert "Therapieklassen (keine Dosierungen)" in r.text
        assert 'class="badge status-recommended">empfohlen' in r.text
        assert "19.01.2026" in r.text  # first follow-up, two weeks after the start

    def test_contraindication_warning(self, ui: UI) -> None:
        """A pregnant patient sees the contraindicated classes marked."""
        episode = ui.new_episode(
            **{"patient.sex": "female", "patient.pregnancy.status": "pregnant"}
        )
        r = ui.client.get(f"/ui/episodes/{episode}/plan?lang=en")
        assert 'class="badge status-contraindicated">contraindicated' in r.text
        assert "Contraindicated or caution because of:</strong> Pregnancy" in r.text

    def test_downloads(self, ui: UI) -> None:
        """PDF handout, calendar and FHIR bundle, as attachments in the page language."""
        episode = ui.new_episode()
        pdf = ui.client.get(f"/ui/episodes/{episode}/plan.pdf?lang=de")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-disposition"].startswith('attachment; filename="marrowpath-')
        ics = ui.client.get(f"/ui/episodes/{episode}/plan.ics?lang=en")
        assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
        assert b"BEGIN:VCALENDAR" in ics.content
        fhir = ui.client.get(f"/ui/episodes/{episode}/plan.fhir.json?lang=en")
        assert fhir.headers["content-type"] == "application/fhir+json"
        bundle = json.loads(fhir.content)
        assert bundle["resourceType"] == "Bundle"
        assert "CarePlan" in {e["resource"]["resourceType"] for e in bundle["entry"]}
        assert fhir.headers["content-disposition"].endswith('.fhir.json"')


class TestVisits:
    """Adding visits without JavaScript; the chart and the alerts."""

    def test_two_visits_chart_and_alert(self, ui: UI) -> None:
        """Two visits redirect back, draw the chart, and no improvement by week 6 alerts."""
        episode = ui.new_episode()
        first = visit(ui, episode, pain_rest="5", pain_load="7")
        assert first.status_code == 303
        location = first.headers["location"]
        assert location == f"/ui/episodes/{episode}?saved=1&lang=en#alerts"
        second = visit(ui, episode, lang="de", date="2026-03-02", pain_rest="6", pain_load="8")
        assert second.status_code == 303
        r = ui.client.get(f"/ui/episodes/{episode}?saved=1&lang=de")
        assert "Besuch gespeichert." in r.text
        assert 'aria-labelledby="pain-title pain-desc"' in r.text
        assert "<polygon" in r.text  # the expected band
        assert "alert-no_improvement" in r.text
        assert "keine Besserung" in r.text
        # stored in English (the plan's language), shown in the page's language
        assert "Keine Besserung bis Woche 6 (Schmerz 7 beim ersten Termin, jetzt 8)" in r.text
        detail = load_episode(ui.store, episode, actor="test")
        assert [v.pain_load for v in detail.visits] == [7, 8]
        assert [a.kind for a in detail.alerts] == ["no_improvement"]

    def test_bad_visit_shows_field_messages(self, ui: UI) -> None:
        """Pain 11 and no weight bearing are shown at their fields; nothing is stored."""
        episode = ui.new_episode()
        r = visit(ui, episode, pain_rest="11", weight_bearing="")
        assert r.status_code == 422
        assert field_errors(r.text) == {
            "weight_bearing": "weight_bearing: choose how much weight is borne",
        }
        r = visit(ui, episode, pain_rest="11")
        assert field_errors(r.text) == {
            "pain_rest": "pain_rest: 11 is not a whole number from 0 to 10",
        }
        r = visit(ui, episode, pain_load="a lot", date="2026-13-01")
        assert field_errors(r.text) == {
            "date": "date: '2026-13-01' is not a date (YYYY-MM-DD)",
            "pain_load": "pain_load: 'a lot' is not a whole number from 0 to 10",
        }
        assert load_episode(ui.store, episode, actor="test").visits == []

    def test_visit_before_the_start(self, ui: UI) -> None:
        """A visit dated before the episode began is refused at the date field."""
        episode = ui.new_episode()
        r = visit(ui, episode, date="2025-12-01")
        assert field_errors(r.text) == {
            "date": "date: '2025-12-01' is before the episode started (2026-01-05)"
        }

    def test_stale_version_is_a_conflict(self, ui: UI) -> None:
        """A form older than the episode is refused (409) instead of overwriting."""
        episode = ui.new_episode()
        token = ui.csrf(f"/ui/episodes/{episode}")
        data = {
            "csrf_token": token,
            "expected_version": "1",
            "date": "2026-01-05",
            "pain_rest": "5",
            "pain_load": "7",
            "weight_bearing": "partial_weight_bearing",
        }
        url = f"/ui/episodes/{episode}/visits?lang=en"
        assert ui.client.post(url, data=data, follow_redirects=False).status_code == 303
        again = ui.client.post(url, data=data, follow_redirects=False)
        assert again.status_code == 409
        assert "Changed meanwhile" in again.text

    def test_pain_chart_png(self, ui: UI) -> None:
        """The pain chart downloads as PNG once there are visits."""
        episode = ui.new_episode()
        visit(ui, episode)
        r = ui.client.get(f"/ui/episodes/{episode}/pain.png?lang=de")
        assert r.headers["content-type"] == "image/png"
        assert r.content.startswith(b"\x89PNG")


class TestStatus:
    """Closing and reopening an episode."""

    def test_close_and_reopen(self, ui: UI) -> None:
        """Close, then reopen; the status shows on the page and in the store."""
        episode = ui.new_episode()
        token = ui.csrf(f"/ui/episodes/{episode}")
        url = f"/ui/episodes/{episode}/status?lang=de"
        data = {"csrf_token": token, "expected_version": "1", "action": "close"}
        r = ui.client.post(url, data=data, follow_redirects=False)
        assert r.status_code == 303
        page = ui.client.get(f"/ui/episodes/{episode}?lang=de").text
        assert "Status: abgeschlossen" in page
        assert 'value="reopen"' in page
        assert load_episode(ui.store, episode, actor="test").episode.status == "closed"
        stale = ui.client.post(url, data={**data, "action": "reopen"})
        assert stale.status_code == 409
        r = ui.client.post(url, data={**data, "expected_version": "2", "action": "reopen"})
        assert load_episode(ui.store, episode, actor="test").episode.status == "open"

    def test_bad_action(self, ui: UI) -> None:
        """Only close and reopen are accepted."""
        episode = ui.new_episode()
        token = ui.csrf(f"/ui/episodes/{episode}")
        r = ui.client.post(
            f"/ui/episodes/{episode}/status?lang=en",
            data={"csrf_token": token, "expected_version": "1", "action": "delete"},
        )
        assert r.status_code == 400
        assert "action: &#39;delete&#39; is not one of &#39;close&#39;, &#39;reopen&#39;" in r.text
        r = ui.client.post(
            f"/ui/episodes/{episode}/status?lang=en",
            data={"csrf_token": token, "expected_version": "x", "action": "close"},
        )
        assert "expected_version: &#39;x&#39; is not a version number" in r.text
