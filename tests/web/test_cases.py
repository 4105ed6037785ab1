"""Case entry without JavaScript: report reading, field validation, assess and open episode."""

from __future__ import annotations

import re

from marrowpath.nlp import read_report
from marrowpath.store import list_episodes, load_episode
from tests.web.conftest import CASE_FORM, UI

REPORT = (
    "MRI right hip: Diffuse bone marrow edema of the femoral head and neck with high STIR "
    "signal and low T1 signal. Small joint effusion. No subchondral fracture line. "
    "No double-line sign."
)


def field_errors(html: str) -> dict[str, str]:
    """Field id -> the message shown at that field."""
    pattern = r'<p class="field-error" id="([^"]+)-error">.*?</span>(.*?)</p>'
    return {k: v.replace("&#39;", "'") for k, v in re.findall(pattern, html)}


class TestReportReading:
    """Pasting a report fills the form for review."""

    def test_fills_empty_fields_and_marks_them(self, ui: UI) -> None:
        """Findings, region and side come from the report and are marked for review."""
        data = {"csrf_token": ui.csrf(), "action": "read", "report": REPORT, "patient": "P-1"}
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert r.status_code == 200
        read = read_report(REPORT).findings()
        assert f"{len(read)} findings were read from the report" in r.text
        select = re.search(r'<select id="findings-mri_bme_diffuse".*?</select>', r.text, re.S)
        assert select is not None
        assert '<option value="yes" selected>' in select.group(0)
        absent = re.search(r'<select id="findings-mri_double_line_sign".*?</select>', r.text, re.S)
        assert absent is not None
        assert '<option value="no" selected>' in absent.group(0)
        assert '<option value="hip" selected>' in r.text
        marked = re.search(r'name="from_report" value="([^"]*)"', r.text)
        assert marked is not None
        assert set(marked.group(1).split(",")) - {"side"} == {f"findings.{f}" for f in read} | {
            "region"
        }
        assert 'value="P-1"' in r.text  # what the clinician typed stays

    def test_assumed_region_is_marked_and_not_filled_in(self, ui: UI) -> None:
        """A bruise with no place named is listed as "region assumed"; the case's region
        stays for the clinician to choose."""
        data = {"csrf_token": ui.csrf(), "action": "read", "report": "Small bone bruise."}
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert r.status_code == 200
        assert "knee (region assumed)" in r.text
        assert '<option value="knee" selected>' not in r.text

    def test_keeps_the_clinicians_values(self, ui: UI) -> None:
        """A field already filled is not overwritten by the report."""
        data = {
            "csrf_token": ui.csrf(),
            "action": "read",
            "report": REPORT,
            "findings.mri_joint_effusion": "no",
            "region": "knee",
        }
        r = ui.client.post("/ui/cases?lang=de", data=data)
        effusion = re.search(r'<select id="findings-mri_joint_effusion".*?</select>', r.text, re.S)
        assert effusion is not None
        assert '<option value="no" selected>' in effusion.group(0)
        assert '<option value="knee" selected>' in r.text
        count = len(read_report(REPORT).findings()) - 1
        assert f"{count} Befunde wurden aus dem Befundtext übernommen" in r.text

    def test_empty_report_is_a_field_error(self, ui: UI) -> None:
        """Reading nothing says so at the report box."""
        r = ui.client.post(
            "/ui/cases?lang=en", data={"csrf_token": ui.csrf(), "action": "read", "report": " "}
        )
        assert r.status_code == 422
        assert field_errors(r.text) == {"report": "report: the text is empty; paste a report first"}

    def test_reviewed_report_is_not_read_again(self, ui: UI) -> None:
        """After review the form is authoritative: a finding set back to unknown stays unknown."""
        read = ui.client.post(
            "/ui/cases?lang=en", data={"csrf_token": ui.csrf(), "action": "read", "report": REPORT}
        )
        digest = re.search(r'name="report_reviewed" value="([0-9a-f]{16})"', read.text)
        assert digest is not None
        data = {
            **CASE_FORM,
            "csrf_token": ui.csrf(),
            "action": "assess",
            "report": REPORT,
            "report_reviewed": digest.group(1),
        }
        data.pop("findings.mri_t1_low")
        r = ui.client.post("/ui/cases?lang=en", data=data, follow_redirects=False)
        assert r.status_code == 303
        episode = list_episodes(ui.store, actor="test")[0]
        case = load_episode(ui.store, episode.id, actor="test").case_versions[-1].case
        assert case["reports"] == []
        assert "mri_t1_low" not in case["findings"]

    def test_unreviewed_report_is_read_on_assess(self, ui: UI) -> None:
        """A pasted report assessed without review is attached and read by the assessment."""
        data = {**CASE_FORM, "csrf_token": ui.csrf(), "action": "assess", "report": REPORT}
        data.pop("findings.mri_t1_low")
        r = ui.client.post("/ui/cases?lang=en", data=data, follow_redirects=False)
        assert r.status_code == 303
        episode = list_episodes(ui.store, actor="test")[0]
        stored = load_episode(ui.store, episode.id, actor="test").case_versions[-1]
        assert stored.case["reports"] == [REPORT]
        assert stored.assessment["findings"]["mri_t1_low"] is True


class TestValidation:
    """Bad input is shown at the field, the form keeps what was typed."""

    def test_required_and_number_fields(self, ui: UI) -> None:
        """Missing patient and region, a non-number age: three messages at three fields."""
        data = {"csrf_token": ui.csrf(), "action": "assess", "patient.age": "forty"}
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert r.status_code == 422
        assert field_errors(r.text) == {
            "patient": "patient: a pseudonymous patient id is required",
            "patient-age": "patient.age: 'forty' is not a number",
            "region": "region: a region is required",
        }
        assert 'href="#patient-age"' in r.text  # the error summary links to the field
        assert 'aria-invalid="true"' in r.text
        assert 'value="forty"' in r.text

    def test_messages_of_the_form_in_german(self, ui: UI) -> None:
        """The form's own checks speak the page language (field names stay as they are)."""
        data = {"csrf_token": ui.csrf(), "action": "assess", "onset_weeks": "fünf"}
        r = ui.client.post("/ui/cases?lang=de", data=data)
        assert field_errors(r.text) == {
            "patient": "patient: eine pseudonyme Patientenkennung ist erforderlich",
            "onset_weeks": "onset_weeks: 'fünf' ist keine Zahl",
            "region": "region: eine Region ist erforderlich",
        }

    def test_range_error_from_the_case_model(self, ui: UI) -> None:
        """An age over 120 is refused by the Case model, at the age field."""
        data = {**CASE_FORM, "csrf_token": ui.csrf(), "action": "assess", "patient.age": "130"}
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert r.status_code == 422
        assert field_errors(r.text) == {
            "patient-age": "patient.age: Input should be less than or equal to 120 (got 130)"
        }

    def test_range_error_from_assess(self, ui: UI) -> None:
        """A CRP outside the catalogue's range is refused by assess, at the CRP field."""
        data = {**CASE_FORM, "csrf_token": ui.csrf(), "action": "assess", "findings.crp": "5000"}
        r = ui.client.post("/ui/cases?lang=de", data=data)
        assert r.status_code == 422
        assert field_errors(r.text) == {
            "findings-crp": "findings.crp: 5000.0 is outside the range 0.0..1000.0 mg/L"
        }
        assert "Bitte korrigieren Sie Folgendes" in r.text
        assert '<details class="group" id="group-lab" open>' in r.text

    def test_bad_choice_and_date(self, ui: UI) -> None:
        """A choice not offered and a malformed start date are named."""
        data = {
            **CASE_FORM,
            "csrf_token": ui.csrf(),
            "action": "assess",
            "findings.fever": "maybe",
            "start": "05.01.2026",
        }
        r = ui.client.post("/ui/cases?lang=en", data=data)
        assert field_errors(r.text) == {
            "findings-fever": "findings.fever: 'maybe' is not one of yes, no",
            "start": "start: '05.01.2026' is not a date (YYYY-MM-DD)",
        }


class TestAssess:
    """A valid case opens an episode (POST-redirect-GET)."""

    def test_redirects_to_the_assessment(self, ui: UI) -> None:
        """303 to the assessment in the form's language; the episode holds case and plan."""
        episode = ui.new_episode(lang="de")
        detail = load_episode(ui.store, episode, actor="test")
        assert detail.episode.patient == "P-0042"
        assert detail.episode.start_date.isoformat() == "2026-01-05"
        assert detail.plan is not None
        assert detail.plan.lang == "de"
        assert detail.case_versions[0].case["findings"]["crp"] == 2.1  # German decimal comma

    def test_actor_is_the_local_user(self, ui: UI) -> None:
        """In local mode the audit names the local user."""
        from marrowpath.store import audit_log

        episode = ui.new_episode()
        rows = audit_log(ui.store, entity_id=episode)
        assert rows[0].actor == "local-user"
        assert rows[0].action == "create"

    def test_get_alias_of_the_form(self, ui: UI) -> None:
        """GET /ui/cases (the language switch of a posted form) shows the form again."""
        r = ui.client.get("/ui/cases?lang=de", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/ui/cases/new?lang=de"

    def test_red_flag_comes_first(self, ui: UI) -> None:
        """Fever with a raised CRP shows the infection red flag before the differential."""
        episode = ui.new_episode(**{"findings.fever": "yes", "findings.crp": "80"})
        r = ui.client.get(f"/ui/episodes/{episode}/assessment?lang=en")
        assert 'class="redflags" role="alert"' in r.text
        assert r.text.index("redflags") < r.text.index("Differential diagnosis")
        plan = ui.client.get(f"/ui/episodes/{episode}/plan?lang=en")
        assert "Urgent work-up" in plan.text
