"""Tests of the therapy checks against the patient."""

from __future__ import annotations

from marrowpath.knowledge import Knowledge
from marrowpath.knowledge.schema import Criterion
from marrowpath.pathway import check_therapy
from marrowpath.pathway.contraindications import unknown_facts
from tests.pathway.fixture_kb import make_plan


def _status(care: object) -> dict[str, str]:
    return {t.class_: t.status for t in care.therapies}  # type: ignore[attr-defined]


class TestPlannedTherapies:
    """Therapy statuses of the plan follow the patient's contraindications."""

    def test_ordinary_patient(self, kb: Knowledge) -> None:
        """Without contraindications the pathway's statuses stand."""
        care = make_plan(
            kb,
            patient={
                "age": 40,
                "sex": "female",
                "egfr": 90,
                "pregnancy": {"status": "not_pregnant", "breastfeeding": False},
            },
            findings={"mri_bme_diffuse": True, "anticoagulation": False},
        )
        assert _status(care) == {
            "nsaids": "recommended",
            "bisphosphonates": "consider",
            "physiotherapy": "recommended",
            "systemic_corticosteroids": "not_recommended",
        }
        assert all(t.checks_needed == [] for t in care.therapies)

    def test_no_nsaids_in_late_pregnancy(self, kb: Knowledge) -> None:
        """Third trimester: NSAIDs and bisphosphonates are contraindicated, with reasons."""
        care = make_plan(
            kb,
            patient={
                "age": 31,
                "sex": "female",
                "pregnancy": {"status": "pregnant", "trimester": 3},
            },
        )
        nsaids = next(t for t in care.therapies if t.class_ == "nsaids")
        assert nsaids.status == "contraindicated"
        assert nsaids.reason == "Not in the third trimester."
        assert nsaids.contraindications == ["pregnancy_third_trimester"]
        assert _status(care)["bisphosphonates"] == "contraindicated"
        kinds = [w.kind for w in care.warnings]
        assert kinds.count("contraindication") == 2

    def test_renal_function(self, kb: Knowledge) -> None:
        """eGFR 25: no NSAIDs, no bisphosphonates; eGFR 33 only bisphosphonates."""
        assert (
            _status(make_plan(kb, patient={"age": 70, "egfr": 25}))["nsaids"] == "contraindicated"
        )
        s = _status(make_plan(kb, patient={"age": 70, "egfr": 33}))
        assert s["bisphosphonates"] == "contraindicated"
        assert s["nsaids"] == "recommended"

    def test_breastfeeding(self, kb: Knowledge) -> None:
        """Breastfeeding excludes bisphosphonates."""
        care = make_plan(
            kb,
            patient={
                "age": 31,
                "sex": "female",
                "pregnancy": {"status": "postpartum", "breastfeeding": True},
            },
        )
        assert _status(care)["bisphosphonates"] == "contraindicated"

    def test_caution_turns_recommended_into_consider(self, kb: Knowledge) -> None:
        """A caution keeps the class but as 'consider', with the caution in the reason."""
        care = make_plan(kb, findings={"mri_bme_diffuse": True, "anticoagulation": True})
        nsaids = next(t for t in care.therapies if t.class_ == "nsaids")
        assert nsaids.status == "consider"
        assert "Caution: Bleeding risk under anticoagulation." in nsaids.reason
        assert any(w.kind == "caution" for w in care.warnings)

    def test_unknown_facts_are_named(self, kb: Knowledge) -> None:
        """Unknown pregnancy or eGFR is listed as a check before use."""
        care = make_plan(kb, patient={})
        nsaids = next(t for t in care.therapies if t.class_ == "nsaids")
        assert nsaids.checks_needed == ["pregnancy_third_trimester", "egfr", "anticoagulation"]
        assert nsaids.reason.endswith(
            "Check before use (not known): Third trimester, eGFR, Anticoagulation"
        )

    def test_derived_facts_named_by_what_to_measure(self, kb: Knowledge) -> None:
        """Several unknown thresholds of one measurement name it once; a known one stays."""
        from marrowpath.pathway.planner import _measured

        assert _measured(kb, ["egfr_below_30", "egfr_below_35", "fever"], {}) == ["egfr", "fever"]
        assert _measured(kb, ["egfr_below_30"], {"egfr": 50.0}) == ["egfr_below_30"]

    def test_not_recommended_stays_without_warning(self, kb: Knowledge) -> None:
        """A caution on a class the pathway advises against adds no warning."""
        care = make_plan(
            kb,
            patient={
                "age": 31,
                "sex": "female",
                "pregnancy": {"status": "pregnant", "trimester": 1},
            },
        )
        steroids = next(t for t in care.therapies if t.class_ == "systemic_corticosteroids")
        assert steroids.status == "not_recommended"
        assert not any(w.text.startswith("Systemic corticosteroids") for w in care.warnings)


class TestCheckTherapy:
    """``check_therapy`` and ``unknown_facts`` on single criteria."""

    def test_level(self, kb: Knowledge) -> None:
        """The level is the strongest that holds."""
        nsaids = kb.therapies["nsaids"]
        assert (
            check_therapy(nsaids, {"egfr_below_30": True}, "hip", "en").level == "contraindicated"
        )
        assert check_therapy(nsaids, {"anticoagulation": True}, "hip", "en").level == "caution"
        facts = {
            "anticoagulation": False,
            "egfr_below_30": False,
            "pregnancy_third_trimester": False,
        }
        assert check_therapy(nsaids, facts, "hip", "en").level is None

    def test_unknown_facts(self) -> None:
        """Only unknowns that could still make the criterion hold are named."""
        c = Criterion(all=["a", "b"])
        assert unknown_facts(c, {"a": True}, None) == ["b"]
        assert unknown_facts(c, {"a": False}, None) == []
        any_c = Criterion(any=["p", "q"])
        assert unknown_facts(any_c, {"p": False}, None) == ["q"]
        assert unknown_facts(any_c, {"p": False, "q": False}, None) == []
        assert unknown_facts(Criterion(all=["a"], none=["x"]), {"x": True}, None) == []
        assert unknown_facts(Criterion(all=["a"], absent=["x"]), {"x": True}, None) == []
        assert unknown_facts(Criterion(all=["a"], regions=["knee"]), {}, "hip") == []
        assert unknown_facts(Criterion(all=["a"], any=["p"]), {"p": True}, None) == ["a"]


class TestRepeatedUnknowns:
    """A fact several contraindications depend on is named once."""

    def test_named_once(self, kb: Knowledge) -> None:
        """Two criteria on pregnancy: one check."""
        from marrowpath.knowledge.schema import Contraindication, Text, Therapy

        ci = Contraindication(
            when=Criterion(all=["pregnancy"]), level="caution", reason=Text(en="x"), source="s"
        )
        therapy = Therapy(
            id="t",
            names=Text(en="T"),
            kind="drug_class",
            description=Text(en="d"),
            evidence=Text(en="e"),
            source="s",
            contraindications=[ci, ci],
        )
        assert check_therapy(therapy, {}, "hip", "en").checks_needed == ["pregnancy"]
