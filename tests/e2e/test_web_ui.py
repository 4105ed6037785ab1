"""The clinician's journey in a real browser: case, assessment, plan, German, visits, alert.

Screenshots of every step are kept under ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORT = (
    "MRI of the right hip: diffuse bone marrow edema of the femoral head with high "
    "STIR signal and low T1 signal. Small joint effusion. No subchondral fracture line. "
    "No double-line sign."
)


def new_page(browser: Any, width: int = 1280, **options: Any) -> Any:
    options.setdefault("locale", "en-GB")
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    return context.new_page()


class TestClinicianJourney:
    """Enter a case, read assessment and plan, switch to German, two visits, chart and alert."""

    def test_journey(self, server: str, browser: Any, artifacts: Path) -> None:
        """The whole path a new user takes, as a browser does it."""
        from playwright.sync_api import expect

        page = new_page(browser)
        page.goto(server + "/")
        expect(page).to_have_url(f"{server}/ui/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("note")).to_contain_text("does not make a diagnosis")

        page.get_by_role("link", name="New case").first.click()
        page.get_by_label("Patient pseudonym", exact=True).fill("P-E2E-1")
        page.get_by_label("Age (years)", exact=True).fill("44")
        page.get_by_label("Sex", exact=True).select_option("male")
        page.get_by_label("Report text", exact=True).fill(REPORT)
        page.get_by_role("button", name="Read report into the form").click()
        expect(page.get_by_role("status")).to_contain_text("findings were read from the report")
        expect(page.get_by_label("Region", exact=True)).to_have_value("hip")
        expect(page.locator("#findings-mri_bme_diffuse")).to_have_value("yes")
        page.get_by_label("Side", exact=True).select_option("right")
        page.get_by_label("Weeks since symptoms began", exact=True).fill("5")
        page.get_by_label("Plan starts on", exact=True).fill("2026-01-05")
        page.locator("#group-symptom > summary").click()
        page.locator("#findings-groin_pain").select_option("yes")
        page.screenshot(path=str(artifacts / "01-case-entry.png"))

        page.get_by_role("button", name="Assess and open episode").last.click()
        expect(page).to_have_url(re.compile(r"/ui/episodes/[0-9a-f-]+/assessment"))
        expect(page.get_by_text("No red flag raised by the findings given.")).to_be_visible()
        expect(page.get_by_role("heading", name="Differential diagnosis")).to_be_visible()
        expect(page.locator("text=Leading diagnosis")).to_contain_text("Leading diagnosis")
        expect(page.get_by_role("img", name="Probability of each diagnosis")).to_be_visible()
        expect(page.locator("details.diagnosis[open] svg")).to_be_visible()
        page.screenshot(path=str(artifacts / "02-assessment.png"), full_page=True)

        page.get_by_role("link", name="Care plan", exact=True).click()
        expect(page.get_by_role("heading", name="Phases")).to_be_visible()
        expect(page.get_by_role("img", name="Timeline of the care plan")).to_be_visible()
        expect(page.get_by_text("Therapy classes (never doses)")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Patient handout (PDF)").click()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
        with page.expect_download() as download:
            page.get_by_role("link", name="Calendar of follow-ups (.ics)").click()
        assert b"BEGIN:VCALENDAR" in Path(download.value.path()).read_bytes()
        page.screenshot(path=str(artifacts / "03-plan.png"), full_page=True)

        page.get_by_role("link", name="Deutsch").click()
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.get_by_role("heading", name="Phasen")).to_be_visible()
        expect(page.get_by_text("Therapieklassen (keine Dosierungen)")).to_be_visible()
        page.screenshot(path=str(artifacts / "04-plan-de.png"), full_page=True)

        page.get_by_role("link", name="Verlauf", exact=True).click()
        for date, rest, load in (("2026-01-05", "5", "7"), ("2026-03-02", "6", "8")):
            page.get_by_label("Besuchsdatum", exact=True).fill(date)
            page.get_by_label("Ruheschmerz", exact=True).fill(rest)
            page.get_by_label("Belastungsschmerz", exact=True).fill(load)
            page.get_by_label("Belastung", exact=True).select_option("partial_weight_bearing")
            page.get_by_role("button", name="Besuch speichern").click()
            expect(page.get_by_role("status")).to_have_text("Besuch gespeichert.")
        chart = page.get_by_role("img", name="Schmerzverlauf im Vergleich zum erwarteten Verlauf")
        expect(chart).to_be_visible()
        expect(chart.locator("circle")).to_have_count(2)
        expect(chart.locator("polygon")).to_have_count(1)
        expect(page.locator(".alert-no_improvement")).to_contain_text("keine Besserung")
        page.screenshot(path=str(artifacts / "05-followup-de.png"), full_page=True)

        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(artifacts / "06-followup-narrow.png"), full_page=True)
        page.context.close()


class TestWithoutJavaScript:
    """The core forms work with JavaScript switched off."""

    def test_case_and_visit_without_javascript(
        self, server: str, browser: Any, artifacts: Path
    ) -> None:
        """A German case is assessed and a visit saved in a browser without JavaScript."""
        from playwright.sync_api import expect

        page = new_page(browser, java_script_enabled=False, locale="de-DE")
        page.goto(server + "/ui/cases/new")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        page.get_by_label("Patienten-Pseudonym", exact=True).fill("P-E2E-NOJS")
        page.get_by_label("Region", exact=True).select_option("knee")
        page.get_by_role("button", name="Beurteilen und Episode anlegen").last.click()
        expect(page.get_by_role("heading", name="Differenzialdiagnose")).to_be_visible()
        page.get_by_role("link", name="Verlauf", exact=True).click()
        page.get_by_label("Ruheschmerz", exact=True).fill("3")
        page.get_by_label("Belastungsschmerz", exact=True).fill("11")
        page.get_by_label("Belastung", exact=True).select_option("full_weight_bearing")
        page.get_by_role("button", name="Besuch speichern").click()
        expect(page.locator("#pain_load-error")).to_contain_text(
            "pain_load: 11 is not a whole number from 0 to 10"
        )
        page.screenshot(path=str(artifacts / "07-field-error-nojs.png"), full_page=True)
        page.get_by_label("Belastungsschmerz", exact=True).fill("4")
        page.get_by_role("button", name="Besuch speichern").click()
        expect(page.get_by_role("status")).to_have_text("Besuch gespeichert.")
        page.context.close()

    def test_keyboard_reaches_the_content(self, server: str, browser: Any) -> None:
        """The first Tab focuses the skip link, which moves focus to the main content."""
        from playwright.sync_api import expect

        page = new_page(browser)
        page.goto(server + "/ui/knowledge?lang=en")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        expect(skip).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
        page.context.close()
