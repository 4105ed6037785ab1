"""Tests of ``plan``: dated phases, adjustments, red flags, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from marrowpath.errors import InputError, UnknownIdError
from marrowpath.knowledge import Knowledge
from marrowpath.pathway import plan
from tests.pathway.fixture_kb import START, make_assessment, make_plan


class TestLeadingDiagnosis:
    """The plan follows the leading diagnosis and dates the pathway from the start date."""

    def test_plans_for_the_leading_condition(self, kb: Knowledge) -> None:
        """Diffuse hip BME plans for transient osteoporosis with the hip pathway."""
        care = make_plan(kb)
        assert care.condition == "transient_osteoporosis"
        assert care.pathway == "toh_hip"
        assert care.region == "hip"
        assert care.side == "left"
        assert not care.urgent

    def test_phases_are_dated_from_the_start(self, kb: Knowledge) -> None:
        """Each phase starts and ends start + weeks * 7 days."""
        care = make_plan(kb)
        first, second, third = care.phases
        assert (first.start, first.end) == (START, START + dt.timedelta(weeks=6))
        assert second.start == START + dt.timedelta(weeks=6)
        assert third.end == START + dt.timedelta(weeks=26)
        assert first.weight_bearing == "partial_weight_bearing"
        assert first.aids == "Forearm crutches"
        assert first.avoid == "Running and jumping"

    def test_follow_ups_return_to_sport_and_healing(self, kb: Knowledge) -> None:
        """Follow-ups, return to sport and healing carry dates and sources."""
        care = make_plan(kb)
        assert [(f.date, f.imaging) for f in care.follow_ups] == [
            (START + dt.timedelta(weeks=6), False),
            (START + dt.timedelta(weeks=12), True),
        ]
        assert care.return_to_sport is not None
        assert care.return_to_sport.earliest == START + dt.timedelta(weeks=12)
        healing = care.expected_healing
        assert healing is not None
        assert (healing.weeks_min, healing.weeks_max, healing.source) == (4, 26, "seed-article")
        assert healing.latest == START + dt.timedelta(weeks=26)
        assert care.expected_improvement_week == 6

    def test_a_given_condition_is_planned_instead(self, kb: Knowledge) -> None:
        """``condition`` overrides the leading diagnosis; a default pathway serves any region."""
        care = plan(make_assessment(kb), START, condition="bone_bruise", kb=kb)
        assert care.condition == "bone_bruise"
        assert care.pathway == "bone_bruise_default"
        assert care.return_to_sport is None

    def test_german(self, kb: Knowledge) -> None:
        """``lang='de'`` gives the German texts of the knowledge base."""
        care = make_plan(kb, lang="de")
        assert care.lang == "de"
        assert care.phases[0].name == "Schutz und Entlastung"
        assert care.phases[0].aids == "Unterarmgehstützen"

    def test_json_has_the_documented_fields(self, kb: Knowledge) -> None:
        """The JSON form names the therapy class ``class`` and has every documented key."""
        data = make_plan(kb).to_json_dict()
        for key in ("phases", "therapies", "follow_ups", "return_to_sport", "expected_healing"):
            assert key in data
        assert "warnings" in data
        phase = data["phases"][0]  # type: ignore[index]
        assert {"name", "start", "end", "weight_bearing", "avoid"} <= set(phase)
        therapy = data["therapies"][0]  # type: ignore[index]
        assert {"class", "status", "reason"} <= set(therapy)
        assert therapy["class"] == "nsaids"


class TestAdjustments:
    """Pathway adjustments that match the patient add warnings and extend protection."""

    def test_no_adjustment_for_an_ordinary_patient(self, kb: Knowledge) -> None:
        """Without matching facts the plan carries no adjustment."""
        care = make_plan(kb)
        assert care.adjustments == []
        assert [w.kind for w in care.warnings] == []

    def test_competitive_athlete_warning(self, kb: Knowledge) -> None:
        """A competitive athlete gets the no-competitive-sport warning, dates unchanged."""
        care = make_plan(kb, patient={"age": 22, "sex": "male", "activity": "competitive_athlete"})
        assert care.adjustments == ["competitive_athlete"]
        assert care.warnings[0].text == "No competitive sport for at least 3 months."
        assert care.warnings[0].source == "seed-article"
        assert care.phases[0].end == START + dt.timedelta(weeks=6)

    def test_pregnancy_extends_protection(self, kb: Knowledge) -> None:
        """extend_weeks lengthens the first phase and moves everything after it."""
        care = make_plan(
            kb,
            patient={
                "age": 31,
                "sex": "female",
                "pregnancy": {"status": "pregnant", "trimester": 2},
            },
        )
        assert care.phases[0].end == START + dt.timedelta(weeks=8)
        assert care.phases[1].start == START + dt.timedelta(weeks=8)
        assert care.phases[-1].end == START + dt.timedelta(weeks=28)
        assert care.follow_ups[0].date == START + dt.timedelta(weeks=8)
        assert care.return_to_sport is not None
        assert care.return_to_sport.weeks_min == 14
        texts = [w.text for w in care.warnings]
        assert "Protection extended by 2 weeks for this patient." in texts
        assert care.expected_healing is not None
        assert care.expected_healing.weeks_max == 26


class TestRedFlags:
    """A red flag replaces the plan by an urgent work-up."""

    def test_urgent_work_up(self, kb: Knowledge) -> None:
        """Fever raises the infection flag: one urgent phase, no therapies, no loading plan."""
        care = make_plan(kb, findings={"mri_bme_diffuse": True, "fever": True})
        assert care.urgent
        assert care.pathway is None
        assert [p.id for p in care.phases] == ["urgent_work_up"]
        assert care.phases[0].weight_bearing == "not_applicable"
        assert care.therapies == []
        assert care.return_to_sport is None
        assert care.expected_healing is None
        assert care.warnings[0].kind == "red_flag"
        assert care.warnings[0].text == (
            "Suspected bone or joint infection (emergency): "
            "Same-day blood cultures, CRP and referral."
        )
        assert care.follow_ups[0].date == START

    def test_urgent_work_up_in_german(self, kb: Knowledge) -> None:
        """The work-up wording is German too."""
        care = make_plan(kb, lang="de", findings={"fever": True})
        assert care.phases[0].name == "Dringliche Abklärung"


class TestBadInput:
    """Bad arguments are refused with a message naming the field."""

    def test_unknown_condition(self, kb: Knowledge) -> None:
        """An unknown condition id lists the known ones."""
        with pytest.raises(
            UnknownIdError,
            match=r"^condition: unknown condition 'nope'; expected one of bone_bruise, ",
        ) as exc:
            plan(make_assessment(kb), START, condition="nope", kb=kb)
        assert exc.value.field == "condition"

    def test_no_pathway(self, kb: Knowledge) -> None:
        """A condition without a pathway in the region is an input error."""
        with pytest.raises(InputError) as exc:
            plan(make_assessment(kb), START, condition="tumor", kb=kb)
        assert str(exc.value) == (
            "condition: no care pathway for 'tumor' in region 'hip' in the knowledge base"
        )

    def test_bad_language(self, kb: Knowledge) -> None:
        """Only en and de."""
        with pytest.raises(InputError, match=r"^lang: 'fr' is not one of 'en', 'de'$"):
            plan(make_assessment(kb), START, lang="fr", kb=kb)

    def test_bad_start_date(self, kb: Knowledge) -> None:
        """The start must be a date."""
        with pytest.raises(InputError, match=r"^start_date: expected a date, got '2026-01-05'$"):
            plan(make_assessment(kb), "2026-01-05", kb=kb)  # type: ignore[arg-type]

    def test_empty_differential(self, kb: Knowledge) -> None:
        """Without a differential a condition must be given."""
        a = make_assessment(kb).model_copy(update={"differential": []})
        with pytest.raises(InputError, match=r"^condition: the assessment has no differential"):
            plan(a, START, kb=kb)

    def test_unknown_pathway_therapy(self, kb: Knowledge) -> None:
        """A pathway naming a therapy the knowledge base lacks is reported by id."""
        from marrowpath.knowledge.loader import Knowledge as K

        pathway = kb.pathways["toh_hip"]
        broken_therapy = pathway.therapies[0].model_copy(update={"therapy": "ghost"})
        broken = pathway.model_copy(update={"therapies": [broken_therapy]})
        kb2 = K(kb.kb.model_copy(update={"pathways": [broken]}))
        with pytest.raises(UnknownIdError, match=r"^pathway therapy 'ghost' is not in"):
            plan(make_assessment(kb), START, kb=kb2)


class TestRedFlagLanguage:
    """The work-up speaks the plan's language even when the assessment spoke another."""

    def test_german_plan_of_an_english_assessment(self, kb: Knowledge) -> None:
        """Red-flag name and action are re-read from the knowledge base in German."""
        a = make_assessment(kb, findings={"fever": True})
        assert a.lang == "en"
        care = plan(a, START, lang="de", kb=kb)
        assert care.red_flags[0].name == "Verdacht auf Knochen- oder Gelenkinfektion"
        assert care.warnings[0].text.startswith("Verdacht auf Knochen- oder Gelenkinfektion")

    def test_unknown_flag_kept_as_is(self, kb: Knowledge) -> None:
        """A flag the knowledge base no longer has keeps the assessment's wording."""
        a = make_assessment(kb, findings={"fever": True})
        renamed = a.red_flags[0].model_copy(update={"id": "retired_flag"})
        care = plan(a.model_copy(update={"red_flags": [renamed]}), START, lang="de", kb=kb)
        assert care.red_flags[0].name == "Suspected bone or joint infection"
