"""Form parsing: the finding catalogue as fields and form text -> Case and visit."""

from __future__ import annotations

import datetime as dt

from marrowpath.knowledge import load_knowledge
from marrowpath.web.forms import (
    PATIENT_FACTS,
    CaseForm,
    finding_groups,
    parse_case,
    parse_visit,
    report_digest,
)

KB = load_knowledge()
TODAY = dt.date(2026, 1, 5)


class TestCatalogue:
    """Which findings the form offers."""

    def test_derived_and_patient_facts_are_left_out(self) -> None:
        """CRP > 5 is derived from CRP, age is asked for once; both are not finding fields."""
        ids = {f.id for g in finding_groups(KB, "en") for f in g.fields}
        assert "crp" in ids
        assert "crp_elevated" not in ids
        assert not ids & PATIENT_FACTS
        derived = {f.id for f in KB.findings.values() if f.derived_from is not None}
        assert not ids & derived

    def test_names_in_the_language(self) -> None:
        """German names in the German form; categories in the clinical order."""
        groups = finding_groups(KB, "de")
        assert [g.category for g in groups][:3] == ["history", "symptom", "sign"]
        names = {f.id: f.name for g in groups for f in g.fields}
        assert names["night_pain"] == "Nachtschmerz"


class TestParseCase:
    """Form text -> Case."""

    def test_full_case(self) -> None:
        """Patient, pregnancy, presentation, boolean and numeric findings."""
        form = CaseForm.from_mapping(
            {
                "patient": " P-7 ",
                "patient.age": "31",
                "patient.sex": "female",
                "patient.pregnancy.status": "pregnant",
                "patient.pregnancy.trimester": "3",
                "patient.pregnancy.breastfeeding": "no",
                "patient.egfr": "88,5",
                "region": "hip",
                "side": "left",
                "onset_weeks": "3",
                "trauma": "no",
                "findings.night_pain": "no",
                "findings.crp": "12",
                "findings.crp_elevated": "yes",
                "start": "2026-02-01",
            }
        )
        parsed = parse_case(form, KB, TODAY)
        assert parsed is not None
        case, start = parsed
        assert start == dt.date(2026, 2, 1)
        assert case.patient.pseudonym == "P-7"
        assert case.patient.egfr == 88.5
        assert case.patient.pregnancy is not None
        assert case.patient.pregnancy.trimester == 3
        assert case.patient.pregnancy.breastfeeding is False
        assert case.trauma is False
        assert case.findings == {"night_pain": False, "crp": 12.0}  # derived one ignored

    def test_errors_by_field(self) -> None:
        """Each bad value is named at its field; the start defaults to today."""
        form = CaseForm.from_mapping(
            {"patient": "P", "region": "elbow", "patient.age": "40.5", "onset_weeks": "x"}
        )
        assert parse_case(form, KB, TODAY) is None
        assert form.errors == {
            "patient.age": "patient.age: '40.5' is not a whole number",
            "region": "region: 'elbow' is not one of " + ", ".join(KB.regions),
            "onset_weeks": "onset_weeks: 'x' is not a number",
        }

    def test_report_digest_is_stable(self) -> None:
        """Whitespace around a report does not change its digest."""
        assert report_digest(" text\n") == report_digest("text")
        assert len(report_digest("text")) == 16


class TestParseVisit:
    """Form text -> visit fields."""

    def test_good_visit(self) -> None:
        """Dates and whole numbers are converted; notes kept."""
        fields, errors = parse_visit(
            {
                "date": "2026-02-01",
                "pain_rest": "2",
                "pain_load": "4",
                "weight_bearing": "partial_weight_bearing",
                "function_notes": " walks 1 km ",
            }
        )
        assert errors == {}
        assert fields == {
            "date": dt.date(2026, 2, 1),
            "pain_rest": 2,
            "pain_load": 4,
            "weight_bearing": "partial_weight_bearing",
            "function_notes": "walks 1 km",
            "new_imaging": "",
        }

    def test_bad_visit_in_german(self) -> None:
        """The visit checks speak German on German pages."""
        _, errors = parse_visit({"date": "1.2.2026", "pain_rest": "x", "pain_load": "1"}, "de")
        assert errors == {
            "date": "date: '1.2.2026' ist kein Datum (JJJJ-MM-TT)",
            "pain_rest": "pain_rest: 'x' ist keine ganze Zahl von 0 bis 10",
            "weight_bearing": "weight_bearing: bitte die Belastung wählen",
        }

    def test_bad_visit(self) -> None:
        """Every unusable field is named."""
        _, errors = parse_visit({"date": "", "pain_rest": "2.5", "pain_load": ""})
        assert errors == {
            "date": "date: '' is not a date (YYYY-MM-DD)",
            "pain_rest": "pain_rest: '2.5' is not a whole number from 0 to 10",
            "pain_load": "pain_load: '' is not a whole number from 0 to 10",
            "weight_bearing": "weight_bearing: choose how much weight is borne",
        }
