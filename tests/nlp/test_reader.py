"""Reading reports: mentions, status, location, Modic type, change, sections, languages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from marrowpath.errors import InputError
from marrowpath.nlp import EdemaMention, ReportReading, read_report
from marrowpath.nlp.reader import MAX_REPORT_BYTES


def _one(text: str, lang: str | None = None) -> EdemaMention:
    edema = read_report(text, lang=lang).edema
    assert len(edema) == 1, edema
    return edema[0]


def _statuses(text: str, lang: str | None = None) -> list[tuple[str | None, str]]:
    return [(m.bone, m.status) for m in read_report(text, lang=lang).edema]


class TestStatus:
    """Present, negated, uncertain, resolved, historical."""

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("Bone marrow edema in the medial femoral condyle.", "present"),
            ("No fracture, dislocation or bone marrow edema.", "negated"),
            ("There is no evidence of bone contusion or fracture.", "negated"),
            ("Bone marrow signal intensity is normal.", "negated"),
            ("No bone marrow signal abnormality is identified.", "negated"),
            ("Bone marrow edema is not seen.", "negated"),
            ("Findings may represent a bone contusion of the talus.", "uncertain"),
            ("Bone marrow edema cannot be excluded in the talus.", "uncertain"),
            ("Possible subtle bone marrow edema in the medial malleolus.", "uncertain"),
            ("Bone marrow edema may be present in the lunate.", "uncertain"),
            ("Interval resolution of the bone marrow edema in the talus.", "resolved"),
            ("The bone bruises had resolved.", "resolved"),
            ("Known history of bone bruise of the lateral femoral condyle.", "historical"),
            ("Kein Knochenmarködem.", "negated"),
            ("V.a. Knochenmarködem im Talus.", "uncertain"),
            ("Regelrechtes ossäres Signalverhalten.", "negated"),
            ("Knochenmarködem im Talus nicht nachweisbar.", "negated"),
            ("Das Knochenmarködem ist nicht mehr nachweisbar.", "resolved"),
            ("Z.n. Knochenmarködem des Talus.", "historical"),
        ],
    )
    def test_status(self, text: str, status: str) -> None:
        """The status of the one mention in the sentence."""
        assert _one(text).status == status

    def test_terminator_ends_negation(self) -> None:
        """ "but" ends the scope of "no"."""
        assert _statuses("No fracture, but a bone bruise of the talus.") == [("talus", "present")]

    def test_german_terminator(self) -> None:
        """ "aber" ends the scope of "kein"."""
        text = "Kein Erguss, aber ein Knochenmarködem im Talus."
        assert _statuses(text, "de") == [("talus", "present")]

    def test_hedge_on_cause_is_not_uncertain(self) -> None:
        """ "likely due to stress" hedges the cause, not the edema."""
        assert _one("Bone marrow edema in the talus, likely due to stress.").status == "present"

    def test_consistent_with_is_an_assertion(self) -> None:
        """ "consistent with" asserts."""
        text = "Findings consistent with bone bruise of the lateral femoral condyle."
        assert _one(text).status == "present"

    def test_pseudo_negation(self) -> None:
        """ "no change" is not a negation."""
        m = _one("No change in the bone marrow edema of the talus.")
        assert (m.status, m.change) == ("present", "stable")

    def test_hedged_label_of_described_signal(self) -> None:
        """A described T2-bright marrow labelled "suggestive of Modic 1" is present."""
        text = (
            "At L4-L5 disc desiccation. Para-discal bone marrow appears hypointense on T1W, "
            "hyperintense on T2W images - suggestive of modic type I changes."
        )
        m = _one(text)
        assert (m.status, m.modic_type, m.bone) == ("present", 1, "L4-L5 endplates")


class TestWhatCounts:
    """Marrow edema and its variants count; soft-tissue edema and other processes do not."""

    @pytest.mark.parametrize(
        "text",
        [
            "Large knee joint effusion and extensive intramuscular and subcutaneous oedema.",
            "Oedema surrounds the posterolateral corner in keeping with sprain.",
            "There is mild edema between the iliotibial band and lateral femoral condyle.",
            "There is edema extending along the deep surface of the extensor digitorum brevis muscle.",
            "Fatty marrow within the sacrum is in keeping with radiation therapy.",
            "Eine subchondrale Frakturlinie findet sich nicht.",
            "The lunate demonstrates increased signal on PD fat-sat, compatible with osteonecrosis.",
            "Increased signal in the posterior horn of the medial meniscus may represent a contusion.",
            "Auch die Weichteile sind intensiv hell; also massiv ödematös.",
        ],
    )
    def test_distractors(self, text: str) -> None:
        """No edema mention in these sentences."""
        assert read_report(text).edema == []

    def test_generic_edema_tied_to_a_bone(self) -> None:
        """ "edema in the distal left femur" is marrow edema."""
        m = _one("MRI demonstrated edema in the distal left femur.")
        assert (m.bone, m.region, m.laterality, m.kind) == ("distal femur", "knee", "left", "edema")

    def test_edema_in_a_sentence_about_bone(self) -> None:
        """A bare "edema" next to a fracture, with no soft tissue named, is marrow edema."""
        text = "This finding represents edema and an acute compression fracture."
        assert _statuses(text) == [(None, "present")]
        assert _statuses("No fracture or edema.") == [(None, "negated")]

    @pytest.mark.parametrize(
        "text",
        [
            "Mild edema at the proximal MCL attachment without fracture.",
            "Acute fracture of the fifth metatarsal with soft tissue edema.",
            "Ödem der Achillessehne ohne knöcherne Beteiligung.",
        ],
    )
    def test_edema_of_soft_tissue_near_a_fracture(self, text: str) -> None:
        """Soft tissue named in the sentence: the bare "edema" is not marrow edema."""
        assert read_report(text).edema == []

    def test_soft_tissue_and_marrow_in_one_sentence(self) -> None:
        """Only the marrow edema counts."""
        text = (
            "A transverse fracture of the medial tibial condyle is present, with bone marrow "
            "edema and edema in the adjacent soft tissues."
        )
        assert _statuses(text) == [("medial tibial plateau", "present")]

    def test_soft_tissue_edema_without_underlying_marrow_edema(self) -> None:
        """Soft-tissue edema is no mention; the negated marrow edema is."""
        text = "Soft tissue edema about the lateral malleolus without underlying bone marrow edema."
        assert _statuses(text) == [("lateral malleolus", "negated")]

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("Bone bruise of the patella.", "bruise"),
            ("Bone marrow lesions in the medial tibial plateau.", "bml"),
            ("Stress reaction of the second metatarsal.", "stress_reaction"),
            ("Edema-like marrow signal in the talus.", "signal"),
            ("Modic type 2 changes at L5-S1.", "modic"),
            ("Ödemäquivalente Signalalteration im Talus.", "signal"),
        ],
    )
    def test_kinds(self, text: str, kind: str) -> None:
        """Each variant has its kind."""
        assert _one(text).kind == kind


class TestLocation:
    """Bone, subregion, region, side."""

    def test_list_of_bones(self) -> None:
        """One mention per bone of a list."""
        text = "MR imaging demonstrated bone marrow oedema in the talus, navicular and cuneiform bones."
        assert [m.bone for m in read_report(text).edema] == ["talus", "navicular", "cuneiform"]

    def test_bone_ids_from_the_knowledge_base(self) -> None:
        """bone_id and subregion are knowledge-base ids."""
        m = _one("Bone bruise of the lateral femoral condyle.")
        assert (m.bone_id, m.subregion, m.region) == (
            "distal_femur",
            "lateral_femoral_condyle",
            "knee",
        )

    def test_sides(self) -> None:
        """Left, right and bilateral, in English and German."""
        assert _one("Bone marrow edema in the right femoral neck.").laterality == "right"
        text = "Marrow edema related to the bilateral sacral ala."
        assert _one(text).laterality == "bilateral"
        text = "Flächige Knochenmarködem im proximalen Femur auf der linken Seite."
        assert _one(text, "de").laterality == "left"

    def test_side_of_the_sentence(self) -> None:
        """A sentence naming one side gives it to every bone of a sided region; "both"
        joining two parts is no side; a carried bone keeps the side said with it."""
        text = (
            "Edema in the right femoral head and neck, extending to the intertrochanteric region."
        )
        assert {m.laterality for m in read_report(text).edema} == {"right"}
        text = "Bone marrow edema on both the iliac and sacral sides of the right SI joint."
        assert {m.laterality for m in read_report(text).edema} == {"right"}
        text = "Osteochondral lesion of the left talus. The surrounding marrow edema increased."
        assert _one(text).laterality == "left"

    def test_region_from_context_words(self) -> None:
        """ "ACL tear ... bone bruise" is a knee without a named bone."""
        m = _one("Complete ACL tear with a pivot shift bone bruise.")
        assert (m.bone, m.region) == (None, "knee")

    @pytest.mark.parametrize(
        ("text", "region", "kb_region", "basis"),
        [
            ("Bone bruise of the lateral femoral condyle.", "knee", "knee", "stated"),
            ("Complete ACL tear with a pivot shift bone bruise.", "knee", "knee", "context"),
            (
                "Edema and an acute compression fracture.",
                "lumbar_spine",
                "spine_unspecified",
                "assumed",
            ),
            (
                "Marrow edema in the L2 vertebral body and L3 vertebral body, without evidence of"
                " edema elsewhere.",
                "lumbar_spine",
                "lumbar_spine",
                "stated",
            ),
            ("Bone marrow edema in the mid tibial shaft.", "other", "tibia_shaft", "stated"),
            ("The bone bruises had resolved.", "knee", "knee", "assumed"),
            ("Bone marrow signal intensity is normal.", "knee", "knee", "assumed"),
            ("No bone marrow signal abnormality is identified.", "knee", "knee", "assumed"),
            ("Modic type 1 changes.", "lumbar_spine", "lumbar_spine", "assumed"),
            ("Complete resolution of the bone marrow edema.", "other", "other", "assumed"),
            ("MRI of the left ankle. Normal marrow signal.", "ankle_foot", "ankle_foot", "context"),
            (
                "Kein Knochenmarködem der Wirbelkörper.",
                "lumbar_spine",
                "spine_unspecified",
                "assumed",
            ),
        ],
    )
    def test_region_and_its_basis(self, text: str, region: str, kb_region: str, basis: str) -> None:
        """The reported region is one of the ten report ids; kb_region keeps the knowledge
        base's finer id; region_basis says whether it was stated, read from context or assumed."""
        m = read_report(text).edema[0]
        assert (m.region, m.kb_region, m.region_basis) == (region, kb_region, basis)

    @pytest.mark.parametrize(
        ("text", "lang", "bone"),
        [
            ("Bone marrow edema in the medial femoral head.", "en", "medial femoral head"),
            ("Knochenmarködem im lateralen Femurkopf.", "de", "lateral femoral head"),
            (
                "Bone bruise of the posterior lateral tibial plateau.",
                "en",
                "lateral tibial plateau",
            ),
            ("Bone bruise at the medial pole of the patella.", "en", "patella"),
        ],
    )
    def test_position_word_of_a_part_of_a_bone(self, text: str, lang: str, bone: str) -> None:
        """A position said just before a part of a bone stays in its name, unless the name
        has one; whole bones keep their name."""
        assert _one(text, lang).bone == bone

    def test_normal_signal_after_bones_called_normal(self) -> None:
        """ "The vertebral bodies appear normal. Normal marrow signal." is about those bones;
        "otherwise normal" is not, nor is a sentence after a finding."""
        text = "Vertebral bodies and pedicles appear normal. Normal marrow signal intensity."
        m = _one(text)
        assert (m.status, m.bone, m.region) == ("negated", "vertebral bodies", "lumbar_spine")
        text = "The talus is intact. Bone marrow signal is otherwise normal."
        assert _one(text).bone is None
        text = "Tear of the meniscus reaching the tibial plateau. Normal marrow signal."
        assert _one(text).bone is None

    def test_edema_in_a_sentence_about_bone_takes_the_nearest_bone(self) -> None:
        """Bare "edema" tied to bone by its sentence takes the nearest bone outside brackets."""
        text = (
            "High T1 signal within all vertebral bodies (other than L4), without evidence of edema."
        )
        assert _statuses(text) == [("vertebral bodies", "negated")]

    def test_labelled_signal_is_one_finding(self) -> None:
        """A described signal and its label are one finding with the label's status."""
        text = "Faint STIR hyperintensity in the capitate, which may represent early marrow edema."
        assert _statuses(text) == [("capitate", "uncertain")]
        text = "Navicular: STIR hyperintense marrow signal, concerning for stress reaction."
        assert _statuses(text) == [("navicular", "present")]

    def test_tumour_like_marrow_lesion(self) -> None:
        """A well-defined marrow lesion called an enchondroma is not a BML."""
        text = (
            "Well-defined lobulated T2 hyperintense marrow lesion in the distal femoral"
            " metadiaphysis with chondroid matrix, most consistent with enchondroma."
        )
        assert read_report(text).edema == []

    def test_assumed_regions_are_not_case_regions(self) -> None:
        """regions() offers a case region only where the report said it."""
        assert read_report("Bone bruise.").regions() == []
        assert read_report("Edema in the mid tibial shaft.").regions() == ["tibia_shaft"]

    def test_bone_from_previous_sentence(self) -> None:
        """An edema mention without a bone takes the bone of the sentence before."""
        text = "There is a fracture of the L4 vertebral body. This shows bone marrow edema."
        assert _one(text).bone == "L4 vertebral body"

    def test_size(self) -> None:
        """The stated size is kept as text."""
        m = _one(
            "There is a bone bruise of medial patellar facet measuring approximately 8 x 5 mm."
        )
        assert (m.bone, m.size) == ("patella", "approximately 8 x 5 mm")

    def test_offsets(self) -> None:
        """start and end point at the mention in the text."""
        text = "FINDINGS: Small bone bruise of the talus."
        m = _one(text)
        assert text[m.start : m.end] == m.text == "bone bruise"


class TestAnaphora:
    """Sentences that refer back to edema named before."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            ("The talus is spared.", "en", [("talus", "negated")]),
            (
                "Edema in the lateral femoral condyle; the medial femoral condyle is not involved.",
                "en",
                [("lateral femoral condyle", "present"), ("medial femoral condyle", "negated")],
            ),
            ("Der Talus ist nicht betroffen.", "de", [("talus", "negated")]),
            (
                "Der Femurkopf ist von den Veränderungen ausgespart.",
                "de",
                [("femoral head", "negated")],
            ),
            (
                "Edema in the lateral femoral condyle, the medial femoral condyle is not affected.",
                "en",
                [("lateral femoral condyle", "present"), ("medial femoral condyle", "negated")],
            ),
            (
                "Bone marrow edema in the femoral head with sparing of the femoral neck.",
                "en",
                [("femoral head", "present"), ("femoral neck", "negated")],
            ),
            (
                "Ödem im Femurkopf unter Aussparung des Schenkelhalses.",
                "de",
                [("femoral head", "present"), ("femoral neck", "negated")],
            ),
            ("The articular cartilage is spared.", "en", []),
            ("The ACL is not involved.", "en", []),
        ],
    )
    def test_spared_bone_is_negated(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """A bone said to be spared or not involved is a negated mention; without a bone, or
        of a soft tissue, nothing."""
        assert _statuses(text, lang) == expected

    def test_resolution_of_the_findings_on_follow_up_imaging(self) -> None:
        """ "Total resolution of the findings" on a control MRI is resolved edema; the same
        words without imaging are not read."""
        m = _one("The control MRI showed total resolution of the findings.")
        assert (m.status, m.change) == ("resolved", "resolved")
        assert read_report("Therapy led to total resolution of the findings.").edema == []
        m = _one("Die MRT-Kontrolle zeigte eine vollständige Rückbildung der Befunde.", "de")
        assert m.status == "resolved"

    def test_negation_after_a_prior_study_is_resolution(self) -> None:
        """ "No BML ... in either location" after what a prior study showed is the resolution
        of those BMLs, which then stand for the prior finding."""
        text = (
            "Comparison is made with the prior study, which showed BMLs in the medial femoral"
            " condyle and medial tibial plateau. At this follow-up no BML is observed in either"
            " location."
        )
        assert _statuses(text) == [
            ("medial femoral condyle", "resolved"),
            ("medial tibial plateau", "resolved"),
        ]
        text = (
            "Z.n. transientem Knochenmarködem des Femurkopfes rechts. In der aktuellen Kontrolle"
            " kein Ödem mehr abgrenzbar."
        )
        assert _statuses(text, "de")[-1] == ("femoral head", "resolved")

    def test_resolution_with_normal_signal_is_one_finding(self) -> None:
        """ "Das Ödem ist vollständig resorbiert, regelrechtes Markraumsignal" is one resolution."""
        text = (
            "Bone bruise der lateralen Tibiakonsole in der Voruntersuchung. Aktuell ist das Ödem"
            " vollständig resorbiert, regelrechtes Markraumsignal."
        )
        assert _statuses(text, "de")[-1:] == [("lateral tibial plateau", "resolved")]
        assert [m.status for m in read_report(text, lang="de").edema].count("negated") == 0

    def test_negation_of_a_fracture_within_the_edema(self) -> None:
        """ "No fracture line within the edematous area" negates the fracture only."""
        for text, lang in (
            ("There is no fracture line within the edematous area of the femoral head.", "en"),
            ("Keine Frakturlinie innerhalb des ödematösen Areals im Femurkopf.", "de"),
        ):
            reading = read_report(text, lang=lang)
            assert [(m.bone, m.status) for m in reading.edema] == [("femoral head", "present")]
            assert [(a.finding, a.status) for a in reading.associated] == [
                ("mri_fracture_line", "negated")
            ]

    def test_hedge_with_the_verb_of_its_sentence(self) -> None:
        """ "... ist nicht sicher auszuschließen" hedges the edema before its verb."""
        text = "Ein diskretes Ödem im Fibulaköpfchen ist nicht sicher auszuschließen."
        assert _statuses(text, "de") == [("fibular head", "uncertain")]

    def test_modic_conversion(self) -> None:
        """ "Nonconverted changes" of Modic conversion studies are Modic changes."""
        m = _one("The nonconverted changes increased significantly in size.")
        assert (m.kind, m.bone, m.region) == ("modic", "lumbar endplates", "lumbar_spine")


class TestModic:
    """Modic types in English and German."""

    @pytest.mark.parametrize(
        ("text", "mtype", "bone"),
        [
            ("Modic type I changes at L4-5.", 1, "L4-L5 endplates"),
            ("Type 2 Modic changes at L5/S1.", 2, "L5-S1 endplates"),
            ("Modic III endplate changes at L3-L4.", 3, "L3-L4 endplates"),
            ("Modic-Typ-1-Veränderungen LWK 4/5.", 1, "L4-L5 endplates"),
            ("New Modic changes during follow-up.", None, "lumbar endplates"),
        ],
    )
    def test_type_and_level(self, text: str, mtype: int | None, bone: str) -> None:
        """Type and endplate level."""
        m = _one(text)
        assert (m.modic_type, m.bone, m.region) == (mtype, bone, "lumbar_spine")

    def test_negated_type_does_not_take_the_levels(self) -> None:
        """ "with no Modic type 1 changes" does not take the levels of the Modic 2 change."""
        text = "There are Modic type 2 changes at L4/5 and L5/S1 with no Modic type 1 changes."
        got = [(m.status, m.bone, m.modic_type) for m in read_report(text).edema]
        assert got == [
            ("present", "L4-L5 endplates", 2),
            ("present", "L5-S1 endplates", 2),
            ("negated", "lumbar endplates", 1),
        ]

    def test_signal_labelled_modic(self) -> None:
        """STIR-bright vertebral bodies "consistent with Modic 1" are Modic 1 at each level."""
        text = (
            "STIR hyperintensity in the L3 and L4 vertebral bodies, consistent with Modic 1 change."
        )
        got = [(m.kind, m.bone, m.modic_type) for m in read_report(text).edema]
        # Modic changes sit on both sides of a disc: two adjacent bodies are one disc level.
        assert got == [("modic", "L3-L4 endplates", 1)]

    def test_endplates_of_one_disc_level(self) -> None:
        """The inferior endplate of one level and the superior of the next are one level."""
        text = "Fettige Umwandlung der Grundplatte LWK 5 und der Deckplatte SWK 1, Modic Typ 2."
        m = _one(text, "de")
        assert (m.bone, m.region, m.modic_type) == ("L5-S1 endplates", "lumbar_spine", 2)

    def test_vertebral_body_takes_the_level_of_its_fracture(self) -> None:
        """ "Fracture of the superior endplate of L2. Edema throughout the vertebral body." is
        the L2 vertebral body."""
        text = (
            "Fracture of the superior endplate of L2. Marrow oedema throughout the vertebral body."
        )
        assert _one(text).bone == "L2 vertebral body"

    def test_pars_interarticularis(self) -> None:
        """The pars is a part of a lumbar level; its unplaced label is the same finding."""
        text = (
            "Bone marrow edema in the left L5 pars interarticularis, compatible with a pars"
            " stress reaction."
        )
        m = _one(text)
        assert (m.bone, m.laterality) == ("L5 pars interarticularis", "left")

    def test_two_levels_two_types(self) -> None:
        """Each level keeps its own type."""
        text = "Type 1 Modic changes at L4-L5 and type 2 Modic changes at L5-S1."
        assert [(m.bone, m.modic_type) for m in read_report(text).edema] == [
            ("L4-L5 endplates", 1),
            ("L5-S1 endplates", 2),
        ]


class TestChange:
    """Change against the prior study."""

    @pytest.mark.parametrize(
        ("text", "status", "change"),
        [
            ("New bone marrow edema in the navicular.", "present", "new"),
            ("Residual marrow oedema in a cuneiform bone.", "present", "improved"),
            ("Decreased bone marrow edema in the talus.", "present", "improved"),
            ("Increasing bone marrow edema in the femoral head.", "present", "worse"),
            ("Unchanged bone marrow edema in the talus.", "present", "stable"),
            ("Complete resolution of the bone marrow edema in the talus.", "resolved", "resolved"),
            ("Partial bone marrow edema resolution in the talus.", "present", "improved"),
            ("Rückläufiges Knochenmarködem im Talus.", "present", "improved"),
        ],
    )
    def test_change(self, text: str, status: str, change: str) -> None:
        """Change words in the clause of the mention."""
        m = _one(text)
        assert (m.status, m.change) == (status, change)

    def test_signal_intensity_is_not_a_change(self) -> None:
        """ "decreased signal intensity" describes T1 signal, not an improvement."""
        text = "Decreased signal intensity in the sacral vertebrae demonstrating marrow edema."
        assert _one(text).change is None

    def test_change_of_symptoms_is_not_change_of_edema(self) -> None:
        """ "but" separates worsened symptoms from partial edema resolution."""
        text = "Symptoms had worsened but had partial bone marrow edema resolution."
        assert _one(text).change == "improved"


class TestSectionsAndLanguage:
    """Indication and history are not findings; the language is detected."""

    def test_indication_and_history_skipped(self) -> None:
        """Only the findings sentence counts."""
        text = (
            "INDICATION: Rule out bone marrow edema.\nHISTORY: Prior bone bruise.\n"
            "FINDINGS: Bone bruise of the talus.\nIMPRESSION: Talar bone bruise."
        )
        reading = read_report(text)
        assert {m.section for m in reading.edema} == {"findings", "impression"}

    def test_language_detected(self) -> None:
        """German and English reports are told apart."""
        assert read_report("Es zeigt sich kein Knochenmarködem im Talus.").lang == "de"
        assert read_report("There is no bone marrow edema in the talus.").lang == "en"

    def test_empty_report(self) -> None:
        """An empty report has no findings."""
        assert read_report("") == ReportReading(lang="en", edema=[], associated=[])


class TestFindingsAndRegions:
    """The case view of a reading."""

    TEXT = (
        "Bone marrow edema in the medial femoral condyle and the medial tibial plateau. "
        "Moderate joint effusion. No meniscal tear. Possible subchondral fracture line. "
        "Modic type 2 changes at L5-S1."
    )

    def test_findings(self) -> None:
        """Present -> True, negated -> False, uncertain left out; Modic 2 is not edema."""
        f = read_report(self.TEXT).findings()
        assert f["mri_bme"] is True
        assert f["mri_bme_multifocal"] is True
        assert f["mri_joint_effusion"] is True
        assert f["mri_meniscal_tear"] is False
        assert f["mri_modic_2"] is True
        assert "mri_subchondral_fracture_line" not in f

    def test_negated_edema_is_false(self) -> None:
        """Stated absence is False."""
        assert read_report("No bone marrow edema.").findings()["mri_bme"] is False

    def test_regions(self) -> None:
        """Most mentioned region first."""
        assert read_report(self.TEXT).regions() == ["knee", "lumbar_spine"]

    def test_model_dump_is_the_json(self) -> None:
        """The dump has edema and associated lists with the documented keys."""
        dump = read_report(self.TEXT).model_dump()
        keys = {
            "status",
            "region",
            "bone",
            "laterality",
            "modic_type",
            "change",
            "start",
            "end",
            "text",
        }
        assert keys <= set(dump["edema"][0])
        assert {"finding", "status"} <= set(dump["associated"][0])


class TestBadInput:
    """Bad input raises InputError with a clear message."""

    def test_not_a_string(self) -> None:
        """Bytes are refused."""
        with pytest.raises(InputError, match=r"^text must be a str, got bytes$"):
            read_report(b"bone bruise")  # type: ignore[arg-type]

    def test_too_long(self) -> None:
        """Over 10 MB is refused."""
        with pytest.raises(InputError, match=r"reports must be at most 10485760 bytes \(10 MB\)"):
            read_report("a" * (MAX_REPORT_BYTES + 1))

    def test_unknown_language(self) -> None:
        """Only en and de."""
        with pytest.raises(
            InputError, match=r"^lang 'fr' is not supported; expected one of en, de$"
        ):
            read_report("Oedème osseux.", lang="fr")


class TestSentenceCache:
    """Reusing the reading of a repeated sentence changes nothing but speed."""

    def test_same_result_with_and_without_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Offsets and text follow the report, not the report the sentence was first seen in."""
        from marrowpath.nlp import reader

        first = "FINDINGS: No bone marrow edema. Bone bruise of the talus."
        second = (
            "IMPRESSION: Normal.\nFINDINGS: Trauma. No bone marrow edema. BONE BRUISE OF THE TALUS."
        )
        reader.clear_sentence_cache()
        read_report(first)
        cached = read_report(second)
        monkeypatch.setattr(reader, "SENTENCE_CACHE_SIZE", 0)
        reader.clear_sentence_cache()
        fresh = read_report(second)
        assert cached == fresh
        assert [second[m.start : m.end] for m in cached.edema] == [m.text for m in cached.edema]
        assert cached.edema[1].text == "BONE BRUISE"

    def test_placed_by_the_report_though_cached(self) -> None:
        """A cached sentence that names no place is placed by each report it stands in."""
        from marrowpath.nlp import reader

        reader.clear_sentence_cache()
        knee = read_report("MRI LEFT KNEE. No fracture, dislocation or bone marrow edema.")
        ankle = read_report("MRI LEFT ANKLE. No fracture, dislocation or bone marrow edema.")
        assert (knee.edema[0].region, ankle.edema[0].region) == ("knee", "ankle_foot")
        assert knee.edema[0].region_basis == ankle.edema[0].region_basis == "context"

    def test_threads_share_a_full_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Threads of one server reading at once, with a cache that is always full, read as
        one thread does."""
        from concurrent.futures import ThreadPoolExecutor

        from marrowpath.nlp import reader

        texts = [
            f"Bone bruise of the talus measuring {n} mm. No joint effusion." for n in range(300)
        ]
        expected = [read_report(t) for t in texts]
        monkeypatch.setattr(reader, "SENTENCE_CACHE_SIZE", 2)
        reader.clear_sentence_cache()
        with ThreadPoolExecutor(8) as pool:
            got = list(pool.map(read_report, texts))
        assert got == expected
        assert len(reader._SENTENCE_CACHE) <= 2 + 8

    def test_context_dependent_sentences_are_not_cached(self) -> None:
        """A sentence that borrowed its bone from the one before is read again each time."""
        from marrowpath.nlp import reader

        reader.clear_sentence_cache()
        a = read_report("Fracture of the talus. This shows bone marrow edema.")
        b = read_report("Fracture of the patella. This shows bone marrow edema.")
        assert (a.edema[0].bone, b.edema[0].bone) == ("talus", "patella")


class TestChallengeLessons:
    """Rules learnt from the blind challenge sets (benchmarks/data), each a general one."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Kein Knochenmarködem in distaler Tibia und Fibula oder im Talus.",
                "de",
                [("distal tibia", "negated"), ("distal fibula", "negated"), ("talus", "negated")],
            ),
            (
                "Knochenmarködem des Femurkopfes und -halses links.",
                "de",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Bone marrow oedema throughout the sesamoid of the right hallux.",
                "en",
                [("sesamoid", "present")],
            ),
            (
                "Known osteonecrosis of the right femoral head, now with new bone marrow oedema"
                " in the femoral neck.",
                "en",
                [("femoral neck", "present")],
            ),
            (
                "Subtle high signal at the fibular head on STIR; a small bone contusion cannot"
                " be excluded.",
                "en",
                [("fibular head", "uncertain")],
            ),
            (
                "Both hips: preserved marrow signal in the femoral heads and necks.",
                "en",
                [("femoral head", "negated"), ("femoral neck", "negated")],
            ),
            (
                "BME along the femoral neck without a discrete fracture line, c/w femoral neck"
                " stress reaction.",
                "en",
                [("femoral neck", "present")],
            ),
            (
                "Comparison: ankle MRI of 2 May (talar bone bruise). The oedema has resolved.",
                "en",
                [("talus", "resolved")],
            ),
            (
                "No periarticular bone marrow oedema at the sacroiliac joints.",
                "en",
                [(None, "negated")],
            ),
            (
                "Im Talus noch geringes Restödem, das Knochenmarködem im Calcaneus ist"
                " vollständig regredient.",
                "de",
                [("talus", "present"), ("calcaneus", "resolved")],
            ),
            (
                "Modic 1 changes at L4-L5 with contact to the L5 nerve root.",
                "en",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Signalanhebung im Schenkelhals rechts, die einem frühen Stressödem entsprechen"
                " könnte.",
                "de",
                [("femoral neck", "uncertain")],
            ),
            (
                "Hill-Sachs-Impression am Humeruskopf mit begleitendem Bonebruise.",
                "de",
                [("humeral head", "present")],
            ),
            (
                "Bilateral parasymphyseal bone marrow oedema, greater on the left.",
                "en",
                [("pubis", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        """Declined German adjectives and elided compounds, a bone of another bone, another
        process's bone, labels of described signal, assertions after a comma, a comparison
        line, a joint named alone, residual edema, nerve roots, hedges and spellings."""
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "KMÖ lat. FK u. dorsolat. Tibiaplateau re. VKB komplett rupturiert.",
                "de",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            ("Bone bruise lat. femoral condyle.", "en", [("lateral femoral condyle", "present")]),
            (
                "Massa lateralis li. mit umgebendem KMÖ, die rechte Massa lateralis mit"
                " regelrechtem Marksignal.",
                "de",
                [("sacral ala", "present"), ("sacral ala", "negated")],
            ),
            (
                "Kräftiges Knochenmarködem im lateralen Femurkondylus; fraglich diskretes Ödem"
                " auch im lateralen Tibiaplateau.",
                "de",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "uncertain")],
            ),
            (
                "Markraumödem an der medialen Schenkelhalskortikalis ohne abgrenzbare"
                " Frakturlinie, V.a. Stressreaktion.",
                "de",
                [("femoral neck", "present")],
            ),
            (
                "Unter Adalimumab kein KMÖ mehr an den ISG nachweisbar.",
                "de",
                [(None, "resolved")],
            ),
            (
                "Ein zartes Ödem im Glenoidrand ist nicht sicher von einem Partialvolumeneffekt"
                " abzugrenzen.",
                "de",
                [("glenoid", "uncertain")],
            ),
            (
                "Mild STIR hyperintense marrow signal in the navicular; this may relate to early"
                " stress reaction.",
                "en",
                [("navicular", "present")],
            ),
            (
                "Hyperintense marrow signal in the 2nd metatarsal shaft, no cortical break ->"
                " stress reaction.",
                "en",
                [("second metatarsal", "present")],
            ),
            (
                "Patient with prior bone bruise of the lateral femoral condyle. This has resolved"
                " on the current study.",
                "en",
                [("lateral femoral condyle", "resolved")],
            ),
            (
                "The previously reported stress reaction of the tibial shaft has healed.",
                "en",
                [("tibial shaft", "resolved")],
            ),
            ("Edema of the L3-L4 disc with a high-intensity zone.", "en", []),
            (
                "Bone bruise of the capitellum and radial head.",
                "en",
                [("capitellum", "present"), ("radial head", "present")],
            ),
        ],
    )
    def test_reads_round_three(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """Dictation's shortened position words, declined normal statements, semicolons,
        German compounds of a bone and its part, "kein ... mehr ... nachweisbar", hedges on
        telling edema from an artefact, hedged causes, arrows, pronouns that resolve, healing,
        disc edema, elbow bones."""
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "In der Voruntersuchung war ein Bone bruise des lateralen Femurkondylus"
                " beschrieben worden; dieses ist nun vollständig rückläufig.",
                "de",
                [("lateral femoral condyle", "resolved")],
            ),
            (
                "Osseous contusions of the inferomedial patella and the anterolateral femoral"
                " condyle.",
                "en",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Bilateral sacral alar marrow edema with vertical fracture lines.",
                "en",
                [("sacral ala", "present")],
            ),
            (
                "Hill-Sachs impaction of the humeral head with bone marrow edema, and a Bankart"
                " lesion of the anteroinferior glenoid labrum.",
                "en",
                [("humeral head", "present")],
            ),
            (
                "Subchondral bone marrow edema in the lunate and in the ulnar head.",
                "en",
                [("lunate", "present"), ("ulnar head", "present")],
            ),
            (
                "Feathery edema in the obturator externus muscle; marrow signal in both femoral"
                " heads is normal.",
                "en",
                [("femoral head", "negated")],
            ),
            (
                "Bone marrow oedema in the talus, navicular and cuneiform bones along with a small"
                " joint effusion.",
                "en",
                [("talus", "present"), ("navicular", "present"), ("cuneiform", "present")],
            ),
        ],
    )
    def test_reads_round_four(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """A pronoun that resolves what a prior study showed, quadrants of a condyle, adjective
        forms of bone parts, a bone that names a labrum, the ulnar head, normal marrow signal
        said of named bones, a list followed by "along with"."""
        assert _statuses(text, lang) == expected

    def test_involvement_beside_an_edema_mention(self) -> None:
        """ "Possible involvement of the navicular" after edema named in the sentence is a
        hedged mention of the navicular; "involvement" alone is nothing."""
        for text, lang in (
            ("Bone marrow edema in the talar head; possible involvement of the navicular.", "en"),
            (
                "Knochenmarködem im Taluskopf; eine Mitbeteiligung des Os naviculare ist möglich.",
                "de",
            ),
        ):
            assert _statuses(text, lang) == [("talus", "present"), ("navicular", "uncertain")]
        assert read_report("Involvement of the ACL.").edema == []

    def test_hedged_modic_label_of_described_signal(self) -> None:
        """ "Signal along the L3-L4 endplates may represent early Modic type 1 change" is one
        uncertain Modic 1 change at L3-L4."""
        text = "Faint edema-like signal along the L3-L4 endplates may represent early Modic type 1 change."
        m = _one(text)
        assert (m.status, m.kind, m.bone, m.modic_type) == (
            "uncertain",
            "modic",
            "L3-L4 endplates",
            1,
        )

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Prior MRI showed a navicular stress reaction with marrow edema. On today's exam"
                " this has completely resolved.",
                "en",
                [("navicular", "resolved")],
            ),
            (
                "L4-5: posterior annular fissure with T2-hyperintense disc edema; no stenosis.",
                "en",
                [],
            ),
            (
                "Unchanged edema-like signal in the medial tibial plateau subjacent to the"
                " posterior root tear.",
                "en",
                [("medial tibial plateau", "present")],
            ),
            (
                "Previously seen bone bruises have resolved in the lateral femoral condyle, with a"
                " small residual focus in the lateral tibial plateau.",
                "en",
                [("lateral femoral condyle", "resolved"), ("lateral tibial plateau", "present")],
            ),
            (
                "Endplate oedema  L4 - L5 (Modic I ), disc desiccation.",
                "en",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Frische Deckplattenimpressionsfraktur LWK 2 mit Knochenmarködem. Ältere,"
                " ödemfreie Sinterung von LWK 4.",
                "de",
                [("L2 vertebral body", "present"), ("L4 vertebral body", "negated")],
            ),
            (
                "H-förmiges Knochenmarködem in beiden Sakrumflügeln.",
                "de",
                [("sacral ala", "present")],
            ),
            (
                "Vollständige Regredienz der Knochenmarködeme an beiden Iliosakralgelenken.",
                "de",
                [(None, "resolved")],
            ),
            (
                "Kleines Knochenmarködem im Hamulus ossis hamati.",
                "de",
                [("hamate", "present")],
            ),
            (
                "Ödemäquivalente Signalanhebung im lateralen Klavikulaende.",
                "de",
                [("distal clavicle", "present")],
            ),
            (
                "Edema in the right ischial tuberosity at the hamstring origin.",
                "en",
                [("ischial tuberosity", "present")],
            ),
        ],
    )
    def test_reads_round_five(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """A prior finding told twice, disc edema, a tear named as the place, a residual focus,
        level-less endplates beside their level, "ödemfrei", German plurals and compounds,
        Regredienz, the hamulus, the ischial tuberosity."""
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Stress fracture of the 2nd metatarsal shaft, with surrounding marrow and soft"
                " tissue oedema.",
                "en",
                [("second metatarsal", "present")],
            ),
            (
                "The previously seen bone bruise in the lateral femoral condyle has largely"
                " resolved, with only minimal residual edema.",
                "en",
                [("lateral femoral condyle", "present")],
            ),
            (
                "There is a 2 cm subchondral cyst-like lesion in the lateral tibial plateau."
                " Surrounding edema is noted.",
                "en",
                [("lateral tibial plateau", "present")],
            ),
            (
                "Mild bone bruise of the distal fibula/lateral malleolus.",
                "en",
                [("lateral malleolus", "present")],
            ),
            ("No scaphoid fracture; bone bruise of the capitate.", "en", [("capitate", "present")]),
            (
                "Regelrechte Signalgebung des Knochenmarks von distaler Tibia, Fibula, Talus und"
                " Kalkaneus.",
                "de",
                [
                    ("distal tibia", "negated"),
                    ("distal fibula", "negated"),
                    ("talus", "negated"),
                    ("calcaneus", "negated"),
                ],
            ),
            (
                "Ödematöse Signalanhebung im superolateralen Hoffa-Fettkörper, vereinbar mit"
                " Patellasehnen-Femur-Impingement.",
                "de",
                [],
            ),
            ("BME fem neck, no fracture line seen.", "en", [("femoral neck", "present")]),
        ],
    )
    def test_reads_round_six(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """Marrow and soft-tissue edema, "largely resolved", surrounding edema of a lesion
        named before, "distal fibula/lateral malleolus", clause breaks, comma lists of bones,
        signal placed in a fat pad, dictation's "fem neck"."""
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Bone marrow edema in the navicular and possibly also in the adjacent medial"
                " cuneiform.",
                "en",
                [("navicular", "present"), ("medial cuneiform", "uncertain")],
            ),
            (
                "Knochenmarködeme im Os cuboideum und im Os cuneiforme laterale, fraglich auch im"
                " angrenzenden Kalkaneus.",
                "de",
                [
                    ("cuboid", "present"),
                    ("lateral cuneiform", "present"),
                    ("calcaneus", "uncertain"),
                ],
            ),
            (
                "Modic type 1 endplate changes at L5/S1 have increased, now involving most of the"
                " S1 superior endplate.",
                "en",
                [("L5-S1 endplates", "present")],
            ),
            (
                "Edema-like marrow signal throughout the lateral tibial plateau; the medial plateau"
                " is spared.",
                "en",
                [("lateral tibial plateau", "present"), ("medial tibial plateau", "negated")],
            ),
            (
                "Intramedulläre T2-Hyperintensität mit Myelonödem in Höhe HWK 5/6.",
                "de",
                [],
            ),
            (
                "Possible subtle marrow edema in the left inferior pubic ramus.",
                "en",
                [("inferior pubic ramus", "uncertain")],
            ),
        ],
    )
    def test_reads_round_seven(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """A hedge inside a list of bones, an endplate of a disc level named twice, "medial
        plateau", cord edema, the pubic rami."""
        assert _statuses(text, lang) == expected

    def test_bilateral_with_one_side_greater(self) -> None:
        """ "Both pubic bodies, right greater than left" is bilateral."""
        text = "Bone marrow oedema in both pubic bodies, right greater than left."
        assert _one(text).laterality == "bilateral"

    def test_one_letter_side_before_a_joint(self) -> None:
        """ "R knee." and "L hip MRI" give the side; "L 4" is a level, not a side."""
        assert {m.laterality for m in read_report("R knee. BME LFC + LTP.").edema} == {"right"}
        assert _one("L hip MRI. BME fem neck, no fracture line.").laterality == "left"
        assert _one("Edema at L 4.").laterality is None

    def test_range_of_levels_is_not_a_disc(self) -> None:
        """ "LWK 1 bis 5" are five vertebrae, not the endplates of one disc."""
        text = "Kein Knochenmarködem der Wirbelkörper LWK 1 bis 5."
        assert _one(text, "de").bone == "L1-L5 vertebral bodies"

    def test_side_of_the_joint_named_anywhere(self) -> None:
        """A side said of the joint anywhere in the report holds for its bones; a side said of
        another lesion ("proximal right femur") does not."""
        text = (
            "Valgus-Rotationstrauma des rechten Kniegelenks. Die MRT zeigte ein Knochenmarködem"
            " im lateralen Femurkondylus."
        )
        assert {m.laterality for m in read_report(text, lang="de").edema} == {"right"}
        text = (
            "Benign lesion in the proximal right femur. Otherwise bone marrow signal intensity"
            " is normal."
        )
        assert read_report(text).edema[0].laterality is None

    def test_both_of_two_bones_is_bilateral(self) -> None:
        """ "Beide Femurköpfe und Schenkelhälse" are both sides; a wrist is sided."""
        text = "Beide Femurköpfe und Schenkelhälse mit regelrechtem Markraumsignal."
        assert {m.laterality for m in read_report(text, lang="de").edema} == {"bilateral"}
        text = "MRI right wrist: bone marrow edema throughout the scaphoid waist. No fracture."
        assert _statuses(text) == [("scaphoid", "present")]
        assert read_report(text).edema[0].laterality == "right"

    def test_comparison_line_is_one_sentence(self) -> None:
        """After "COMPARISON: ..." the next sentence is a finding even without a header."""
        reading = read_report("COMPARISON: MRI of 2 May. Bone bruise of the talus.")
        assert [m.section for m in reading.edema] == ["findings"]

    def test_sides_of_sentences_without_a_bone(self) -> None:
        """ "Kniegelenk rechts: kein Knochenmarködem" is the right knee; "beidseits" said of
        nerve roots is no side of an endplate."""
        m = _one("Kniegelenk rechts: Kein Anhalt für Bandruptur oder Knochenmarködem.", "de")
        assert (m.region, m.laterality) == ("knee", "right")


class TestPriorStudies:
    """What a prior study showed is told once, by what the follow-up says of it."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Prior MRI showed a navicular stress reaction with marrow edema. On today's exam"
                " this has completely resolved.",
                "en",
                [("navicular", "resolved")],
            ),
            (
                "Bone bruise lateral femoral condyle on the March study. On today's scan this has"
                " resolved.",
                "en",
                [("lateral femoral condyle", "resolved")],
            ),
            (
                "Initial MRI showed contusions of the lateral femoral condyle and lateral tibial"
                " plateau. Follow-up MRI at 10 weeks shows complete resolution of these findings.",
                "en",
                [("lateral femoral condyle", "resolved"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "Bekannte Kontusion des medialen Femurkondylus. Das Ödem ist gegenüber der"
                " Vorstudie deutlich regredient.",
                "de",
                [("medial femoral condyle", "present")],
            ),
            (
                "Z.n. transientem Knochenmarködem des Femurkopfes rechts. In der aktuellen"
                " Kontrolle kein Ödem mehr abgrenzbar.",
                "de",
                [("femoral head", "resolved")],
            ),
        ],
    )
    def test_followed_up_finding_is_one(
        self, text: str, lang: str, expected: list[tuple[str, str]]
    ) -> None:
        assert _statuses(text, lang) == expected

    def test_prior_finding_alone_stays_historical(self) -> None:
        """Without a follow-up statement, the prior study's finding is kept as historical;
        "as on the prior study" is a comparison, not the past."""
        assert _statuses("Bone bruise of the talus on the prior MRI.") == [("talus", "historical")]
        assert _statuses("Knochenmarködem im Talus in der Voruntersuchung.", "de") == [
            ("talus", "historical")
        ]
        assert _statuses("Bone bruise of the talus, as on the prior MRI.")[0][1] != "historical"

    def test_impression_restating_a_placed_finding_is_one(self) -> None:
        """The syndrome named in the impression is the femoral head and neck edema of the
        findings, not a third finding; a negation without a bone still says "elsewhere"."""
        text = (
            "FINDINGS: Diffuse marrow edema of the left femoral head and neck. No subchondral"
            " fracture line.\nIMPRESSION: Transient bone marrow edema syndrome of the left hip."
        )
        assert _statuses(text) == [("femoral head", "present"), ("femoral neck", "present")]
        text = "Bone bruise of the lateral femoral condyle. No other bone marrow edema."
        assert _statuses(text) == [("lateral femoral condyle", "present"), (None, "negated")]


class TestRoundEightLessons:
    """Lessons of the eighth and ninth blind rounds, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Bone marrow signal in the distal tibia, distal fibula, talus and calcaneus is"
                " normal.",
                "en",
                [
                    ("distal tibia", "negated"),
                    ("distal fibula", "negated"),
                    ("talus", "negated"),
                    ("calcaneus", "negated"),
                ],
            ),
            (
                "Talus, Calcaneus und Os naviculare ohne Ödem.",
                "de",
                [("talus", "negated"), ("calcaneus", "negated"), ("navicular", "negated")],
            ),
            (
                "2nd MT: marrow edema from the base into the diaphysis. 3rd and 4th MT marrow"
                " normal.",
                "en",
                [
                    ("second metatarsal", "present"),
                    ("third metatarsal", "negated"),
                    ("fourth metatarsal", "negated"),
                ],
            ),
            (
                "Medial hallux sesamoid: diffuse BME. Lateral sesamoid normal.",
                "en",
                [("medial sesamoid", "present"), ("lateral sesamoid", "negated")],
            ),
            (
                "BME L3 sup EP, acute # likely. L2, L4 nl.",
                "en",
                [
                    ("L3 vertebral body", "present"),
                    ("L2 vertebral body", "negated"),
                    ("L4 vertebral body", "negated"),
                ],
            ),
            (
                "Marrow oedema within the second metacarpal head with a marginal erosion.",
                "en",
                [("second metacarpal", "present")],
            ),
            ("Osteitis/KMÖ im Metakarpale-II-Köpfchen.", "de", [("second metacarpal", "present")]),
            (
                "Marrow edema in both sacral alae and across the S2 body.",
                "en",
                [("sacral ala", "present"), ("sacrum", "present")],
            ),
            (
                "There is mild bone marow oedma in the anterior medial femoral condyl.",
                "en",
                [("medial femoral condyle", "present")],
            ),
            ("Bone bruize of the medial cunieform.", "en", [("medial cuneiform", "present")]),
            ("Flaues Knochemarködem im Talus.", "de", [("talus", "present")]),
            ("Perifokales Talusödem.", "de", [("talus", "present")]),
            ("Tibiakopfkontusion medial.", "de", [("proximal tibia", "present")]),
            ("Ausgeprägtes Weichteilödem und Muskelödem.", "de", []),
            (
                "Kontusionsödem am Femurkondylus lateral.",
                "de",
                [("lateral femoral condyle", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_normal_sentence_needs_edema_before(self) -> None:
        """A sentence calling bones normal is a finding only after a sentence with edema, and
        only when it holds nothing but bones and the normal word."""
        assert _statuses("ACL tear. Lateral sesamoid normal.") == []
        assert _statuses("Bone bruise of the patella. Menisci normal.") == [("patella", "present")]
        text = "Bone bruise of the patella. Patella alignment normal after reduction."
        assert _statuses(text) == [("patella", "present")]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "L4/L5: Modic I endplate edema inferior L4 > superior L5, protrusion contacting"
                " the traversing L5 roots.",
                [("L4-L5 endplates", "present")],
            ),
            (
                "The Modic type 1 change at L4-5 has extended further into the L5 vertebral body.",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Type 1 Modic signal of the inferior L4 and superior L5 endplates.",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Modic type 1 changes at L2 and L4.",
                [("L2 vertebral body", "present"), ("L4 vertebral body", "present")],
            ),
        ],
    )
    def test_one_modic_change_per_disc_level(
        self, text: str, expected: list[tuple[str, str]]
    ) -> None:
        assert _statuses(text) == expected

    def test_spaced_dash_starts_anew(self) -> None:
        m = _one("Ill-defined edema-like marrow signal, no fracture line - stress reaction.")
        assert m.status == "present"

    @pytest.mark.parametrize(
        ("text", "sides"),
        [
            (
                "Subchondral oedema on both sides of the joint, in the distal clavicle and the"
                " acromion.",
                [None, None],
            ),
            ("Marrow edema along the mid-tibial diaphysis, visible on both STIR and T1.", [None]),
            ("Bone marrow edema in both femoral heads.", ["bilateral"]),
        ],
    )
    def test_both_that_is_no_side(self, text: str, sides: list[str | None]) -> None:
        """ "Both" of one joint or of two sequences is no side."""
        assert [m.laterality for m in read_report(text).edema] == sides

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "No fracture line is seen through the oedematous medial malleolus.",
                [("medial malleolus", "present")],
            ),
            (
                "Heights of the lumbar vertebral bodies are maintained and none shows edema.",
                [("vertebral bodies", "negated")],
            ),
            (
                "Patchy T1-hypointense marrow in both distal femoral metaphyses, sparing the"
                " epiphyses, in keeping with red marrow reconversion.",
                [],
            ),
            ("T2-hyperintense intramedullary signal at C5-C6 consistent with cord edema.", []),
        ],
    )
    def test_adjectives_none_and_other_tissues(
        self, text: str, expected: list[tuple[str, str]]
    ) -> None:
        assert _statuses(text) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "The outside MRI from January described oedema in the lateral tibial plateau; on"
                " today's examination the bone marrow signal is normal throughout.",
                "en",
                [("lateral tibial plateau", "resolved")],
            ),
            (
                "At the 24-month follow-up no BML is seen in the lateral tibial plateau, where a"
                " large lesion was present at baseline.",
                "en",
                [("lateral tibial plateau", "resolved")],
            ),
            (
                "In der auswärtigen Voruntersuchung (11/2023) wurde ein Ödem im Os cuboideum"
                " beschrieben. Aktuell stellt sich das Os cuboideum regelrecht signalgebend dar.",
                "de",
                [("cuboid", "resolved")],
            ),
            ("Wie in der Voruntersuchung Ödem im Talus.", "de", [("talus", "present")]),
            ("No edema in the talus, where the fracture was.", "en", [("talus", "negated")]),
        ],
    )
    def test_resolution_of_what_a_prior_study_showed(
        self, text: str, lang: str, expected: list[tuple[str, str]]
    ) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Modic type 3 sclerotic endplate changes at L5/S1 without an edematous (type 1)"
                " component.",
                "en",
                [("L5-S1 endplates", "present", 3), ("L5-S1 endplates", "negated", None)],
            ),
            (
                "Type 1 Modic changes at the lumbosacral junction are unchanged.",
                "en",
                [("L5-S1 endplates", "present", 1)],
            ),
            (
                "Modic-I-Veränderungen am lumbosakralen Übergang.",
                "de",
                [("L5-S1 endplates", "present", 1)],
            ),
            (
                "L4-5: Disc desiccation.\nL5-S1: Disc bulge. No Modic changes.",
                "en",
                [("L5-S1 endplates", "negated", None)],
            ),
            (
                "Lumbar spine: normal alignment. No Modic changes.",
                "en",
                [("lumbar endplates", "negated", None)],
            ),
        ],
    )
    def test_spine_levels_in_words_and_headings(
        self, text: str, lang: str, expected: list[tuple[str, str, int | None]]
    ) -> None:
        got = [(m.bone, m.status, m.modic_type) for m in read_report(text, lang=lang).edema]
        assert got == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Edema in the left L5 pedicle and pars interarticularis without a cortical break.",
                "en",
                [("L5 pedicle", "present"), ("L5 pars interarticularis", "present")],
            ),
            (
                "R hip: subchondral BME FH superolat, small effusion.",
                "en",
                [("femoral head", "present")],
            ),
            (
                "BWK 12 mit frischer Deckplattenimpression und flächigem STIR-hyperintensem Ödem;"
                " LWK 1 mit älterer keilförmiger Deformierung ohne Ödem.",
                "de",
                [("T12 vertebral body", "present"), ("L1 vertebral body", "negated")],
            ),
            (
                "Bone bruise in the lateral femoral condyle, the medial femoral condyle without"
                " edema.",
                "en",
                [("lateral femoral condyle", "present"), ("medial femoral condyle", "negated")],
            ),
        ],
    )
    def test_parts_and_subjects(
        self, text: str, lang: str, expected: list[tuple[str, str]]
    ) -> None:
        assert _statuses(text, lang) == expected


class TestRoundTenLessons:
    """Lessons of the tenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Hx: 68F, medial R knee pain, no trauma. There is a thin subchondral line in the"
                " medial femoral condyle with extensive surrounding marrow oedema.",
                "en",
                [("medial femoral condyle", "present")],
            ),
            ("History: There is a history of bone bruise of the talus. Pain.", "en", []),
            (
                "Anamnese: Knieschmerz. Es zeigt sich ein Knochenmarködem im medialen"
                " Femurkondylus.",
                "de",
                [("medial femoral condyle", "present")],
            ),
            (
                "Hill-Sachs-Delle unverändert, das begleitende Knochenmarködem im Humeruskopf hat"
                " sich vollständig zurückgebildet.",
                "de",
                [("humeral head", "resolved")],
            ),
            (
                "there is bone brusing of the lat fem condyle and post lat tib plat.",
                "en",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Periosteal and endosteal oedema around the distal diaphysis of the third"
                " metatarsal.",
                "en",
                [("third metatarsal", "present")],
            ),
            (
                "Periosteal edema along the tibial diaphysis with no underlying marrow"
                " involvement.",
                "en",
                [("tibial shaft", "negated")],
            ),
            (
                "Periostales Ödem an der medialen Tibiakante ohne Markraumbeteiligung.",
                "de",
                [("tibial shaft", "negated")],
            ),
            (
                "Rückgang der Osteitis im Os capitatum und Os hamatum.",
                "de",
                [("capitate", "present"), ("hamate", "present")],
            ),
            ("Osteitis condensans ilii.", "en", []),
            (
                "Marrow oedema in the right superior and inferior pubic rami.",
                "en",
                [("superior pubic ramus", "present"), ("inferior pubic ramus", "present")],
            ),
            (
                "Mild oedema is seen in the marrow around the tibial tunnel aperture.",
                "en",
                [("proximal tibia", "present")],
            ),
            ("Edema around the talus.", "en", []),
            (
                "Endplatten LW3/4 mit fettiger Konversion (Modic 2), ohne aktive Ödemkomponente.",
                "de",
                [("L3-L4 endplates", "present"), ("L3-L4 endplates", "negated")],
            ),
            (
                "Knochenmarködem im mittleren Skaphoiddrittel ohne Frakturlinie.",
                "de",
                [("scaphoid", "present")],
            ),
            (
                "Bandscheibenvorfall HWK 5/6 mit Myelonkompression und fokalem intramedullärem"
                " Ödem in Höhe HWK 5.",
                "de",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundElevenLessons:
    """Lessons of the eleventh blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Bone marrow oedema of the distal clavicle; the acromion is unaffected.",
                "en",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
            (
                "Contusions of the posterior capitellum and anterior radial head with a partial"
                " tear of the lateral ulnar collateral ligament.",
                "en",
                [("posterior capitellum", "present"), ("anterior radial head", "present")],
            ),
            (
                "Contusions of the inferomedial patella and of the anterolateral aspect of the"
                " lateral femoral condyle.",
                "en",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Endplate oedema at L2-L3 with fluid in the disc raises concern for discitis"
                " rather than a Modic 1 change.",
                "en",
                [("L2-L3 endplates", "present")],
            ),
            (
                "Modic 2 changes at L4-L5, no Modic 1 change.",
                "en",
                [("L4-L5 endplates", "present"), ("L4-L5 endplates", "negated")],
            ),
            (
                "On the outside MRI from January there was a bone bruise of the medial tibial"
                " plateau; today's study shows no residual marrow oedema.",
                "en",
                [("medial tibial plateau", "resolved")],
            ),
            (
                "The femoral heads are normal in contour and marrow signal bilaterally.",
                "en",
                [("femoral head", "negated")],
            ),
            (
                "Insufficiency fracture of the left sacral ala with surrounding marrow oedema."
                " The right sacral ala is normal.",
                "en",
                [("sacral ala", "present"), ("sacral ala", "negated")],
            ),
            (
                "Femurkopf und Schenkelhals beidseits mit regelrechtem, seitengleichem Marksignal.",
                "de",
                [("femoral head", "negated"), ("femoral neck", "negated")],
            ),
            (
                "Talus, Kuneiformia und Metatarsalia mit regelrechtem Marksignal.",
                "de",
                [("talus", "negated"), ("cuneiform", "negated"), ("metatarsal", "negated")],
            ),
            (
                "Frische Deckplattenimpressionsfraktur LWK 1 mit Knochenmarködem im gesamten"
                " Wirbelkörper; LWK 3 mit älterer Keilwirbelbildung ohne Ödem.",
                "de",
                [("L1 vertebral body", "present"), ("L3 vertebral body", "negated")],
            ),
            (
                "Subchondrale Signalanhebung im medialen Femurkondylus, wobei nicht sicher"
                " zwischen einem geringen Marködem und einem Artefakt unterschieden werden kann.",
                "de",
                [("medial femoral condyle", "uncertain")],
            ),
            (
                "Kleine Schmorl-Knötchen in den Deckplatten LWK 3 und LWK 4, jeweils ohne"
                " perifokales Ödem.",
                "de",
                [("L3 superior endplate", "negated"), ("L4 superior endplate", "negated")],
            ),
            (
                "Subchondrales Ödem im lateralen Klavikulaende; fraglich beginnendes Ödem auch"
                " akromial.",
                "de",
                [("distal clavicle", "present"), ("acromion", "uncertain")],
            ),
            (
                "Hill-Sachs-Delle am Humeruskopf mit umgebendem Knochenmarködem, knöcherne"
                " Bankart-Läsion am ventrokaudalen Glenoid.",
                "de",
                [("humeral head", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_sides_said_after_the_region_and_of_the_finding(self) -> None:
        """German names the side after the joint ("OSG re.", "Sakroiliitis links"); a side of
        the finding holds for its bones, and a joint in another clause keeps its own side."""
        reading = read_report(
            "Aktive Sakroiliitis links mit periartikulärem Knochenmarködem iliakal und sakral,"
            " betont ventral; rechtes ISG ohne Ödem.",
            lang="de",
        )
        got = [(m.bone, m.status, m.laterality) for m in reading.edema]
        assert got == [
            ("ilium", "present", "left"),
            ("sacrum", "present", "left"),
            (None, "negated", "right"),
        ]
        m = _one("OSG re.: Z.n. Supinationstrauma. Kleines Kontusionsödem am Talus.", "de")
        assert m.laterality == "right"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "No bone bruise, fracture or osteochondral lesion involving the femoral condyles,"
                " tibial plateaus or patella.",
                [
                    ("distal femur", "negated"),
                    ("tibial plateau", "negated"),
                    ("patella", "negated"),
                ],
            ),
            (
                "Edema in the intermediate and lateral cuneiforms.",
                [("intermediate cuneiform", "present"), ("lateral cuneiform", "present")],
            ),
        ],
    )
    def test_lists_under_one_phrase(self, text: str, expected: list[tuple[str, str]]) -> None:
        """A process in a negated list does not take the bones; bones of one kind named once."""
        assert _statuses(text) == expected


class TestRoundTwelveLessons:
    """Lessons of the twelfth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "The bone bruises of the lateral femoral condyle and posterolateral tibial plateau"
                " seen previously have completely resolved.",
                "en",
                [("lateral femoral condyle", "resolved"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "Stress fracture of the left mid tibial shaft: a transverse low-signal line"
                " traverses the cortex, with extensive surrounding marrow and periosteal oedema.",
                "en",
                [("tibial shaft", "present")],
            ),
            (
                "Right femoral head AVN with a subchondral fracture and extensive surrounding"
                " edema extending into the femoral neck.",
                "en",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "The second metatarsal stress fracture is healing, with decreasing surrounding"
                " oedema.",
                "en",
                [("second metatarsal", "present")],
            ),
            (
                "On the outside MRI from May there was diffuse marrow edema in the medial femoral"
                " condyle; the current examination shows only minimal residual edema.",
                "en",
                [("medial femoral condyle", "present")],
            ),
            (
                "The Modic type 1 change at L5-S1 has decreased in extent, with less T2"
                " hyperintensity in the superior S1 endplate.",
                "en",
                [("L5-S1 endplates", "present")],
            ),
            (
                "No discrete fracture line is seen within the contused lateral femoral condyle.",
                "en",
                [("lateral femoral condyle", "present")],
            ),
            (
                "Bone marrow oedema in the scaphoid waist without a cortical break, favouring a"
                " bone bruise over an occult fracture.",
                "en",
                [("scaphoid", "present")],
            ),
            (
                "l4 vert body - band-like T1 hypo / STIR hyper signal under the sup endplate, c/w"
                " acute osteoporotic fx.",
                "en",
                [("L4 vertebral body", "present")],
            ),
            ("Bone brusie in the lat fem condyle.", "en", [("lateral femoral condyle", "present")]),
            (
                "Mild bone marrow oedma at the inferior pole of the patela.",
                "en",
                [("patella", "present")],
            ),
            ("No trochanteric marrow oedema.", "en", [("greater trochanter", "negated")]),
            (
                "Oedema throughout the distal tibial metaphysis, in keeping with a stress"
                " fracture. Talus unaffected.",
                "en",
                [("distal tibia", "present"), ("talus", "negated")],
            ),
            (
                "Die beiden Kontusionsareale: inferomedial an der Patella und ventrolateral an"
                " der lateralen Femurkondyle.",
                "de",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Im Os scaphoideum rechts zeigt sich taillennah eine unscharf begrenzte"
                " STIR-Hyperintensität der Spongiosa.",
                "de",
                [("scaphoid", "present")],
            ),
            (
                "Subchondrales Knochenmarködem iliakal beidseits, sakralseitig regelrechtes"
                " Markraumsignal.",
                "de",
                [("ilium", "present"), ("sacrum", "negated")],
            ),
            (
                "Zunehmendes Ödem der Grund- und Deckplatten im Segment L5-S1.",
                "de",
                [("L5-S1 endplates", "present")],
            ),
            ("Ödematös verändertes Os lunatum.", "de", [("lunate", "present")]),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_sides(self) -> None:
        """A side comparison says both sides; "die beiden Kontusionsareale" is no side."""
        text = (
            "Bilateral periarticular bone marrow oedema at the sacroiliac joints, more"
            " pronounced on the right."
        )
        assert [m.laterality for m in read_report(text).edema] == ["bilateral"]
        text = "Die beiden Kontusionsareale an der Patella."
        assert [m.laterality for m in read_report(text, lang="de").edema] == [None]


class TestRoundThirteenLessons:
    """Lessons of the thirteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "None of the 40 healthy volunteers showed bone marrow oedema in the lunate or"
                " capitate.",
                "en",
                [("lunate", "negated"), ("capitate", "negated")],
            ),
            (
                "STIR hyperintensity at the right femoral neck, which may represent early stress"
                " reaction with marrow edema.",
                "en",
                [("femoral neck", "uncertain")],
            ),
            (
                "A small bone contusion of the medial tibial plateau, likely contrecoup, as well"
                " as mild marrow edema of the lateral femoral condyle.",
                "en",
                [("medial tibial plateau", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Type II Modic endplate changes at L4/L5 without associated marrow oedema.",
                "en",
                [("L4-L5 endplates", "present"), ("L4-L5 endplates", "negated")],
            ),
            (
                "Marrow edema of the sesamoid, suggestive of sesamoiditis versus early stress"
                " reaction.",
                "en",
                [("sesamoid", "present")],
            ),
            (
                "Edema within the distal clavicle and, to a lesser degree, the acromion.",
                "en",
                [("distal clavicle", "present"), ("acromion", "present")],
            ),
            (
                "Marrow edema in the right sacral ala with a fracture line; the left sacral ala is"
                " normal.",
                "en",
                [("sacral ala", "present"), ("sacral ala", "negated")],
            ),
            (
                "The patella is normal in position; bone bruise of the talus.",
                "en",
                [("talus", "present")],
            ),
            (
                "MRI in this 9-year-old girl identified metaphyseal bone marrow oedema in the"
                " distal right femur and both proximal tibiae.",
                "en",
                [("distal femur", "present"), ("proximal tibia", "present")],
            ),
            (
                "Complete restitution of normal marrow signal in the right femoral head.",
                "en",
                [("femoral head", "resolved")],
            ),
            (
                "A healed cuboid stress fracture with complete regression of the surrounding"
                " marrow oedema.",
                "en",
                [("cuboid", "resolved")],
            ),
            (
                "The Modic type 2 change at L3-L4 is stable, whereas new type 1 change has"
                " developed at L4/L5.",
                "en",
                [("L3-L4 endplates", "present"), ("L4-L5 endplates", "present")],
            ),
            ("Type I lesions of the knee.", "en", []),
            (
                "Compression fracture of L1 with STIR hyperintense marrow signal; chronic,"
                " non-edematous wedging of L3.",
                "en",
                [("L1 vertebral body", "present"), ("L3 vertebral body", "negated")],
            ),
            (
                "Signalanhebung im rechten Femurkopf, die sich unscharf bis in den Schenkelhals"
                " fortsetzt.",
                "de",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Größenabnahme der BML im medialen Femurkondylus, bei 3 Patienten war keine BML"
                " mehr nachweisbar.",
                "de",
                [("medial femoral condyle", "present"), ("medial femoral condyle", "resolved")],
            ),
            (
                "Das Metatarsale III ist im distalen Schaftbereich kräftig signalangehoben.",
                "de",
                [("third metatarsal", "present")],
            ),
            (
                "Ödem im Bandscheibenfach LWK 3/4, Grund- und Deckplatten signalnormal.",
                "de",
                [("L3-L4 endplates", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_sides(self) -> None:
        """A side near a spine level is its side only right before it; the two sides of one
        joint are no side; "Bilat" and "L>R" are both sides."""
        m = _one("Endplate edema at the lumbosacral junction, Modic I, with a left extrusion.")
        assert (m.bone, m.laterality) == ("L5-S1 endplates", None)
        assert _one("Edema in the left L5 pedicle.").laterality == "left"
        text = "Knochenmarködem beidseits des Gelenkspaltes (laterale Klavikula und Akromion)."
        assert {m.laterality for m in read_report(text, lang="de").edema} == {None}
        assert _one("Bilat parasymphyseal BME, L>R.").laterality == "bilateral"
        text = "Periarticular bone marrow oedema on both the sacral and iliac sides."
        assert [(m.bone, m.region) for m in read_report(text).edema] == [
            ("sacrum", "sacroiliac"),
            ("ilium", "sacroiliac"),
        ]

    def test_differentials_and_normal_subjects(self) -> None:
        """ "versus" weighs labels of a described finding; "DD ... DD ..." hedges the edema;
        "is normal" is said only of the bone right before it; a healed fracture does not
        make normal marrow signal a resolution."""
        assert _statuses(
            "Marrow edema of the sesamoid, suggestive of sesamoiditis versus early stress reaction."
        ) == [("sesamoid", "present")]
        text = "Fragliche Signalanhebung im Talusdom, DD beginnendes Knochenmarködem, DD Artefakt."
        assert _statuses(text, "de") == [("talus", "uncertain")]
        text = "Uncovertebral hypertrophy at C5-C6 with foraminal stenosis; cord signal is normal."
        assert _statuses(text) == []
        text = "Chronic wedging of L1 with normal marrow signal, in keeping with an old healed fracture."
        assert _statuses(text) == [("L1 vertebral body", "negated")]
        m = read_report("Edema in the left L5 pedicle and pars interarticularis.").edema[1]
        assert (m.bone, m.laterality) == ("L5 pars interarticularis", "left")


class TestRoundFourteenLessons:
    """Lessons of the fourteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "there is a fracture of the right superior pubic ramus. there is also edema in"
                " the adjacent obturator externus muscle.",
                "en",
                [],
            ),
            (
                "subtle increased STIR signal in the right iliac bone adjacent to the SI joint",
                "en",
                [("ilium", "present")],
            ),
            (
                "Marrow oedema throughout the L3 and L4 vertebral bodies with fluid in the disc,"
                " in keeping with L3-L4 spondylodiscitis.",
                "en",
                [("L3 vertebral body", "present"), ("L4 vertebral body", "present")],
            ),
            (
                "?Early Modic type 1 change at the L3/4 endplates - equivocal.",
                "en",
                [("L3-L4 endplates", "uncertain")],
            ),
            (
                "No marrow oedema of the talar dome, distal tibia or fibula.",
                "en",
                [("talus", "negated"), ("distal tibia", "negated"), ("distal fibula", "negated")],
            ),
            (
                "bone marow edema in the latral femoral condyle and the posterior lateral tibial"
                " plato",
                "en",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Subtle increased T2 signal in the cuboid, possibly early bone marrow edema.",
                "en",
                [("cuboid", "uncertain")],
            ),
            ("L4-5: increased T2 signal in the posterior annulus and mild disc bulge.", "en", []),
            (
                "Das Kontusionsödem im lateralen Femurkondylus ist deutlich rückläufig, das im"
                " lateralen Tibiaplateau nicht mehr abgrenzbar.",
                "de",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "Neu ein Knochenmarksödem am medialen Tibiaplateau, das in der Voraufnahme nicht"
                " vorhanden war.",
                "de",
                [("medial tibial plateau", "present")],
            ),
            (
                "Bandscheibenvorfall HWK 5/6 mit T2-hyperintensem Myelonsignal im Sinne eines"
                " Ödems.",
                "de",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_list_numbers_and_pronouns(self) -> None:
        """A list number before a lower-case word stays with its item; "both w/" and "smaller
        one" compare two lesions, not sides or studies."""
        m = read_report(
            "1. VKB-Ruptur re. 2. knochenmarksödm lat. femurkondylus.", lang="de"
        ).edema[0]
        assert (m.bone, m.laterality) == ("lateral femoral condyle", "right")
        got = [
            (m.laterality, m.change)
            for m in read_report("Lg BML in LTP, smaller one MFC, both w/ chondral loss.").edema
        ]
        assert got == [(None, None), (None, None)]


class TestRoundFifteenLessons:
    """Lessons of the fifteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Proximal hamstring tendinosis with a small interstitial tear and mild edema in"
                " the underlying ischial tuberosity.",
                "en",
                [("ischial tuberosity", "present")],
            ),
            (
                "New focus of marrow edema in the second metatarsal neck, not present on the prior"
                " examination, concerning for an early stress reaction.",
                "en",
                [("second metatarsal", "present")],
            ),
            (
                "Edema on both sides of the os trigonum synchondrosis.",
                "en",
                [("os trigonum", "present")],
            ),
            (
                "Degenerative disc disease at L4-L5 with reactive (edematous) endplate changes.",
                "en",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Edema involves the talar body and neck, spares the talar head.",
                "en",
                [("talus", "present"), ("talus", "negated")],
            ),
            (
                "R knee: kissing BMLs MFC/MTP, mild. LFC normal signal.",
                "en",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "Questionable faint marrow edema in the distal fibular metadiaphysis; a stress"
                " reaction can be neither confirmed nor excluded on this study.",
                "en",
                [("distal fibula", "uncertain")],
            ),
            (
                "The lunate showed diffuse oedema on the outside MRI of 2 January; on today's"
                " study the lunate marrow signal has returned to normal.",
                "en",
                [("lunate", "resolved")],
            ),
            (
                "Patchy intermediate T1 signal in the distal femoral metaphyses is in keeping with"
                " red marrow reconversion; the epiphyses are spared.",
                "en",
                [],
            ),
            (
                "BME pattern R femoral head/neck, c/w transient osteoporosis.",
                "en",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Ill-defined hyperintensity throughout the left femoral head extending into the"
                " femoral neck, with a moderate joint effusion; no crescent sign to suggest"
                " osteonecrosis.",
                "en",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Oedema of the right L4-5 facet joint capsule with a small facet effusion.",
                "en",
                [],
            ),
            (
                "Cord edema at C5-C6 with T2 hyperintensity extending over two segments.",
                "en",
                [],
            ),
            (
                "Mild STIR hyperintense marrow signal in the navicular body; this may relate to"
                " altered mechanics from an accessory navicular.",
                "en",
                [("navicular", "present")],
            ),
            (
                "Lediglich zartes periostales Ödem an der medialen Tibiakante, das Markraumsignal"
                " der Tibia ist regelrecht.",
                "de",
                [("tibial shaft", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "KMÖ MFC zentral, unscharf begrenzt. LFC u. TP o.B. Chondropathie Grad III.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("tibial plateau", "negated"),
                ],
            ),
            (
                "Deckplattenimpressionsfraktur LWK 2 mit Knochenmarködem des gesamten"
                " Wirbelkörpers; LWK 1 und LWK 3 ohne Ödem.",
                [
                    ("L2 vertebral body", "present"),
                    ("L1 vertebral body", "negated"),
                    ("L3 vertebral body", "negated"),
                ],
            ),
            (
                "Osteochondrale Läsion des Capitulum humeri mit perifokalem Knochenmarködem, das"
                " Radiusköpfchen war ödemfrei.",
                [("capitellum", "present"), ("radial head", "negated")],
            ),
            (
                "Knochenmarködem im Skaphoid ohne Frakturlinie.\nBeurteilung: Am ehesten"
                " Kontusion des Skaphoids.",
                [("scaphoid", "present")],
            ),
        ],
    )
    def test_german_reports(self, text: str, expected: list[tuple[str, str]]) -> None:
        """ "o.B." ends a sentence; a list after a semicolon; "war ödemfrei" of its subject;
        edema around a lesion of the bone before; a hedged label in the impression reads the
        edema of the findings."""
        assert _statuses(text, "de") == expected


class TestRoundSixteenLessons:
    """Lessons of the sixteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Lobulierte, T2-hyperintense Markläsion im distalen Femur, typisch für ein"
                " Enchondrom; kein perifokales Ödem.",
                "de",
                [("distal femur", "negated")],
            ),
            ("Bandscheibe HWK 6/7 mit intradiskalem Ödem bei Anulus-Riss.", "de", []),
            (
                "Kontrolle nach Stressreaktion des Os metatarsale III rechts. Das Marködem ist"
                " nicht mehr nachweisbar.",
                "de",
                [("third metatarsal", "resolved")],
            ),
            (
                "An der posteromedialen Tibia ein periostales Ödem mit beginnender"
                " Markraumbeteiligung.",
                "de",
                [("tibial shaft", "present")],
            ),
            (
                "Mediale und laterale Femurkondyle ohne Signalalteration.",
                "de",
                [("medial femoral condyle", "negated"), ("lateral femoral condyle", "negated")],
            ),
            (
                "The patellar bone bruise has resolved, whereas mild marrow edema persists in the"
                " lateral femoral condyle.",
                "en",
                [("patella", "resolved"), ("lateral femoral condyle", "present")],
            ),
            ("Patellar tendinopathy with edema.", "en", []),
            (
                "The outside MRI from 2021 reportedly showed a bone bruise of the medial tibial"
                " plateau; on today's study the marrow signal is normal.",
                "en",
                [("medial tibial plateau", "resolved")],
            ),
            (
                "Small Baker's cyst with surrounding edema tracking into the medial gastrocnemius.",
                "en",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("The Modic type 1 change at L5-S1 seen in 2020 has converted to type 2 signal.", "en"),
            (
                "Am lumbosakralen Übergang sind die Modic-I-Veränderungen in eine fettige"
                " Konversion (Modic II) übergegangen.",
                "de",
            ),
        ],
    )
    def test_modic_conversion(self, text: str, lang: str) -> None:
        """A type 1 change turned into type 2: type 1 resolved, type 2 present, at one level;
        the type 2 change points at the words that say so."""
        edema = read_report(text, lang=lang).edema
        got = [(m.bone, m.status, m.modic_type) for m in edema]
        assert got == [
            ("L5-S1 endplates", "resolved", 1),
            ("L5-S1 endplates", "present", 2),
        ]
        assert "2" in edema[1].text or "II" in edema[1].text


class TestRoundSeventeenLessons:
    """Lessons of the seventeenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Angrenzend an Grundplatte LWK 4 und Deckplatte LWK 5 bandförmige"
                " STIR-hyperintense Signalveränderungen.",
                "de",
                [("L4-L5 endplates", "present")],
            ),
            (
                "The oedema previously seen in the L4 and L5 endplates has resolved.",
                "en",
                [("L4-L5 endplates", "resolved")],
            ),
            (
                "Edema in the L3 and L4 vertebral bodies.",
                "en",
                [("L3 vertebral body", "present"), ("L4 vertebral body", "present")],
            ),
            (
                "Vorerkrankungen: 2021 Knochenmarködemsyndrom der linken Hüfte, damals"
                " MR-tomographisch gesichert, unter Entlastung vollständig ausgeheilt.",
                "de",
                [(None, "resolved")],
            ),
            (
                "Progrediente Ausdehnung des Ödems im rechten Hüftkopf, das jetzt auch den"
                " Schenkelhals erfasst.",
                "de",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Ödem im Hüftkopf, das den Schenkelhals ausspart.",
                "de",
                [("femoral head", "present"), ("femoral neck", "negated")],
            ),
            ("Ansatztendinopathie am Epicondylus lateralis mit peritendinösem Ödem.", "de", []),
            (
                "Subacromial-subdeltoid bursa: thickened, with fluid and surrounding oedema.",
                "en",
                [],
            ),
            ("Small subchondral cyst with surrounding oedema.", "en", [(None, "present")]),
            (
                "The proximal phalanx of the fifth toe shows reactive oedema only.",
                "en",
                [("phalanges of the toes", "present")],
            ),
            (
                "Contusions in the lateral femoral condyle at the terminal sulcus and in the"
                " posterolateral tibial plateau.",
                "en",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Incidental lobulated lesion in the distal femoral metadiaphysis, T2 bright with"
                " punctate low-signal matrix, most in keeping with an enchondroma.",
                "en",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("MRI L KNEE\nMarrow: normal.\nEffusion: small.", "en"),
            ("Findings: Bone marrow otherwise normal.", "en"),
            ("Befund:\nKnochenmark: unauffällig.", "de"),
        ],
    )
    def test_marrow_heading_with_a_normal_word(self, text: str, lang: str) -> None:
        """A header naming the marrow stays in its line: "Marrow: normal." is normal marrow."""
        edema = read_report(text, lang=lang).edema
        assert [(m.bone, m.status) for m in edema] == [(None, "negated")]
        assert "normal" in edema[0].text or "unauffällig" in edema[0].text


class TestRoundEighteenLessons:
    """Lessons of the eighteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Im auswärtigen MRT vom 12.02. war ein Ödem im Taluskopf beschrieben; aktuell ist"
                " dieses nicht mehr abgrenzbar.",
                "de",
                [("talus", "resolved")],
            ),
            (
                "Im auswärtigen MRT war ein Ödem im Taluskopf beschrieben.",
                "de",
                [("talus", "historical")],
            ),
            (
                "Osteochondrosis dissecans des Capitulum humeri mit deutlichem Umgebungsödem im"
                " Capitulum. Radiuskopf ohne Ödem.",
                "de",
                [("capitellum", "present"), ("radial head", "negated")],
            ),
            (
                "Os naviculare li. mit grenzwertiger STIR-Signalintensität dorsal, Ödem? Am ehesten"
                " noch im Normbereich.",
                "de",
                [("navicular", "uncertain")],
            ),
            (
                "Residuelles, gegenüber der Voruntersuchung rückläufiges KMÖ im Os naviculare."
                " Was heißt das?",
                "de",
                [("navicular", "present")],
            ),
            (
                "Ausgeprägtes Knochmarködem im lateralen Tibiakopf.",
                "de",
                [("lateral tibial plateau", "present")],
            ),
            (
                "Im Schenkelhals T1-hypointense lineare Struktur, nach kraniolateral nicht"
                " durchgehend, umgeben von ausgedehntem Knochenmarködem.",
                "de",
                [("femoral neck", "present")],
            ),
            (
                "Homogene T1-Hyperintensität des Knochenmarks von LWK 5 bis in das Os sacrum"
                " (Fettmarkkonversion).",
                "de",
                [],
            ),
            ("T1 hyperintense signal in the L5 vertebral body.", "en", []),
            (
                "Osteitis (STIR-hyperintens, T1-hypointens, KM-aufnehmend) im Os capitatum und"
                " Os hamatum.",
                "de",
                [("capitate", "present"), ("hamate", "present")],
            ),
            (
                "Intramedulläre T2-hyperintense Signalalteration (Myelonödem) in Höhe HWK 5/6.",
                "de",
                [],
            ),
            (
                "2nd MT shaft periosteal + marrow edema, no fx line = stress reaction.",
                "en",
                [("second metatarsal", "present")],
            ),
            (
                "No bone marrow lesion is observed in the medial tibial plateau, where a large BML"
                " was present previously.",
                "en",
                [("medial tibial plateau", "resolved")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundNineteenLessons:
    """Lessons of the nineteenth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Allenfalls diskretes, unscharf begrenztes Ödem im Fibulaköpfchen.",
                "de",
                [("fibular head", "uncertain")],
            ),
            (
                "Befund:\n- Knochen: ossär regelrecht.\n- Weichteile: unauffällig.",
                "de",
                [(None, "negated")],
            ),
            (
                "Aktivierte Osteochondrose L4/5 (Modic 1) als mögliches Schmerzkorrelat,"
                " Modic 2 L5/S1.",
                "de",
                [("L4-L5 endplates", "present"), ("L5-S1 endplates", "present")],
            ),
            (
                "Modic 1 change at L4-L5 as a possible pain generator, Modic 2 at L5-S1.",
                "en",
                [("L4-L5 endplates", "present"), ("L5-S1 endplates", "present")],
            ),
            (
                "LWK 3/4: erosive Osteochondorse, Deck- u. Grundplatten ödematös.",
                "de",
                [("L3-L4 endplates", "present")],
            ),
            (
                "Fraglich beginnende ödematöse Signalanhebung an der Grundplatte L5 ventral"
                " (Segment L5-S1).",
                "de",
                [("L5-S1 endplates", "uncertain")],
            ),
            (
                "AC-Gelenk re.: Aktivierte Arthrose mit subchondralem Ödem akromial und klavikulär.",
                "de",
                [("acromion", "present"), ("distal clavicle", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_each_endplate_change_takes_its_nearest_modic_type(self) -> None:
        edema = read_report(
            "Aktivierte Osteochondrose L4/5 (Modic 1), Modic 2 L5/S1.", lang="de"
        ).edema
        assert [(m.bone, m.modic_type) for m in edema] == [
            ("L4-L5 endplates", 1),
            ("L5-S1 endplates", 2),
        ]


class TestRoundTwentyLessons:
    """Lessons of the twentieth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "OCD am medialen Femurkondylus li., Fragment in situ, kein Flüssigkeitssaum,"
                " begleitendes Knochenmarködem im Mutterbett.",
                "de",
                [("medial femoral condyle", "present")],
            ),
            (
                "fragl. diskretes KMÖ medialer Tibiakopf, DD Partialvolumen, ggf. Kontrolle",
                "de",
                [("medial tibial plateau", "uncertain")],
            ),
            (
                "MT II mit geringem Restödem; das in der Vorunters. zusätzlich beschriebene Ödem"
                " im MT III ist vollständig abgeklungen.",
                "de",
                [("second metatarsal", "present"), ("third metatarsal", "resolved")],
            ),
            (
                "Linke Sakrumhälfte und Os ilium beidseits ohne Ödem.",
                "de",
                [("sacrum", "negated"), ("ilium", "negated")],
            ),
            (
                "Vorbefund: MRT vom 19. Jänner, Stressreaktion des re. Schenkelhalses.\nBefund:"
                " Das vorbeschriebene Knochenmarksödem im re. Schenkelhals ist nicht mehr"
                " nachweisbar.",
                "de",
                [("femoral neck", "resolved")],
            ),
            (
                "Vorbefund (auswärts, Dezember): Knochenmarksödem Tibiakopf medial.\nBefund:"
                " Innenmeniskushinterhorn mit horizontalem Riss.",
                "de",
                [],
            ),
            (
                "Metatarsale III und IV ohne Ödem.",
                "de",
                [("third metatarsal", "negated"), ("fourth metatarsal", "negated")],
            ),
            (
                "No edema in MT 3 and 4.",
                "en",
                [("third metatarsal", "negated"), ("fourth metatarsal", "negated")],
            ),
            (
                "Auswärtige Voruntersuchung (06/2024) mit bone bruise des lateralen"
                " Femurkondylus; aktuell dort regelrechtes Knochenmarksignal, jedoch neues Ödem im"
                " medialen Femurkondylus.",
                "de",
                [("lateral femoral condyle", "resolved"), ("medial femoral condyle", "present")],
            ),
            (
                "Subchondrales Knochnmarködem im medialen Tibiaplateau.",
                "de",
                [("medial tibial plateau", "present")],
            ),
            (
                "Contuson of the lateral femoral condyle.",
                "en",
                [("lateral femoral condyle", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Zunehmendes Knochenmarködem im Köpfchen des Metatarsale V links. Rechts kein Ödem.",
                "de",
                [("fifth metatarsal", "present", "left"), (None, "negated", "right")],
            ),
            (
                "Marrow edema along the right femoral neck. No edema on the left.",
                "en",
                [("femoral neck", "present", "right"), (None, "negated", "left")],
            ),
            (
                "Voruntersuchung 11/2023: ausgedehntes Knochenmarködem im Os cuboideum rechts."
                " Aktuell: Ödem im Os cuboideum vollständig rückgebildet.",
                "de",
                [("cuboid", "resolved", "right")],
            ),
            (
                "Überweisung: 67-jährige Patientin mit bekanntem Knochenmarködem-Syndrom des"
                " rechten Kniegelenks.",
                "de",
                [],
            ),
            (
                "Comparison 2/2022: resolution of marrow edema in the medial malleolus; persistent"
                " mild edema in the talar neck.",
                "en",
                [("medial malleolus", "resolved", None), ("talus", "present", None)],
            ),
        ],
    )
    def test_sides_and_prior_studies(
        self, text: str, lang: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        """A side with no edema is a negation of that side; a header with a date or a
        bracketed qualifier is still a comparison or referral header."""
        got = [(m.bone, m.status, m.laterality) for m in read_report(text, lang=lang).edema]
        assert got == expected


class TestRoundTwentyOneLessons:
    """Lessons of the twenty-first blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Oedema in the anterior lateral femoral condyle. Elsewhere the marrow is edema free.",
                [("lateral femoral condyle", "present"), (None, "negated")],
            ),
            (
                "The previously demonstrated endplate oedema at L4/5 has resolved, with interval"
                " conversion to fatty (Modic 2) signal.",
                [("L4-L5 endplates", "resolved"), ("L4-L5 endplates", "present")],
            ),
            (
                "There is bone marrow a Dema within the medial femoral condyle.",
                [("medial femoral condyle", "present")],
            ),
            (
                "Mild bone confusion in the anterior process of the calcaneus.",
                [("calcaneus", "present")],
            ),
            (
                "Moderate type 1 endplate changes at L5/S1, more marked on the sacral side.",
                [("L5-S1 endplates", "present")],
            ),
            ("Interval ACL reconstruction. No new marrow abnormality.", [(None, "negated")]),
            ("There is a marrow abnormality in the tibia.", []),
            (
                "Bone marrow oedema in the scaphoid waist. The remaining carpal bones show normal"
                " signal.",
                [("scaphoid", "present"), ("carpal bones", "negated")],
            ),
            ("The ACL shows normal signal.", []),
            ("Edema within the right erector spinae musculature at L3-L4, likely strain.", []),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected


class TestRoundTwentyTwoLessons:
    """Lessons of the twenty-second blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "LWK 5/SWK 1: Bandscheibe dehydriert, keine Endplattenreaktion.",
                "de",
                [("L5-S1 endplates", "negated")],
            ),
            (
                "Im Verlauf vollständige Rückbildung der Modic-I-Veränderungen L3/L4, dort jetzt"
                " Fettmarkkonversion entsprechend Modic II.",
                "de",
                [("L3-L4 endplates", "resolved"), ("L3-L4 endplates", "present")],
            ),
            (
                "Diskrete Signalanhebung an der Deckplatte LWK 5, möglicherweise beginnende"
                " Modic-I-Reaktion, DD Partialvolumeneffekt.",
                "de",
                [("L5 superior endplate", "uncertain")],
            ),
            (
                "Equivocal faint STIR hyperintensity at the superior endplate of L5, possibly early"
                " Modic type 1 change versus partial volume from the disc.",
                "en",
                [("L5 superior endplate", "uncertain")],
            ),
            (
                "Deutlich rückläufiges Osteitisödem am linken ISG, residual nur noch diskret sakral.",
                "de",
                [("sacrum", "present")],
            ),
            (
                "Im Radiusköpfchen eine zarte, nicht sicher als Ödem zu wertende Signalanhebung.",
                "de",
                [("radial head", "uncertain")],
            ),
            (
                "Bei bekannter rheumatoider Arthritis Osteitis (Knochenmarködem) im Os capitatum.",
                "de",
                [("capitate", "present")],
            ),
            ("Bekanntes Knochenmarködem im Talus.", "de", [("talus", "historical")]),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundTwentyThreeLessons:
    """Lessons of the twenty-third blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Kontusionsherde mit Knochenmarksödem im lateralen Femurkondyl und am dorsalen"
                " lateralen Tibiaplateau.",
                "de",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Neu aufgetretenes Knochenmarkködem im Os naviculare, DD beginnende Stressreaktion.",
                "de",
                [("navicular", "present")],
            ),
            (
                "Das MRI des linken Handgelenks lässt ein geringes Ödem im Os lunatum vermuten.",
                "de",
                [("lunate", "uncertain")],
            ),
            (
                "Die initiale MRT zeigte ein ausgedehntes Knochenmarködem des linken Hüftkopfes,"
                " das sich unter Teilentlastung innerhalb von sechs Monaten vollständig"
                " zurückbildete.",
                "de",
                [("femoral head", "resolved")],
            ),
            (
                "Knochenmarködem im Os cuboideum und in den Basen der Metatarsalia II bis IV.",
                "de",
                [
                    ("cuboid", "present"),
                    ("second metatarsal", "present"),
                    ("third metatarsal", "present"),
                    ("fourth metatarsal", "present"),
                ],
            ),
            (
                "Edema in MT 2-4.",
                "en",
                [
                    ("second metatarsal", "present"),
                    ("third metatarsal", "present"),
                    ("fourth metatarsal", "present"),
                ],
            ),
            (
                "New oedema in the right medial femoral condyle, whereas the previously affected"
                " left lateral tibial plateau had returned to normal marrow signal.",
                "en",
                [("medial femoral condyle", "present"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "At follow-up the marrow signal of the left femoral head had normalised.",
                "en",
                [("femoral head", "resolved")],
            ),
            (
                "Moderate bone bruse involving the lateral femoral condyle and posterolateral"
                " tibial platue.",
                "en",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Questionable faint oedema-like signal at the tip of the fibular head, possibly"
                " artefactual from inhomogeneous fat suppression.",
                "en",
                [("fibular head", "uncertain")],
            ),
            (
                "Indeterminate 1 cm T1-hypointense marrow lesion in the C4 vertebral body.",
                "en",
                [],
            ),
            (
                "Oedema of the adjacent L3 and L4 endplates; this may represent early discitis or"
                " an active Modic 1 change.",
                "en",
                [("L3-L4 endplates", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundTwentyFourLessons:
    """Lessons of the twenty-fourth blind round, each a rule of radiology language."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "IMPRESSION: Bilateral parasymphyseal marrow edema, likely osteitis pubis.",
                "en",
                [("pubis", "present")],
            ),
            (
                "Diffuse bone marrow edema pattern of the left proximal femur, most likely"
                " transient osteoporosis of the hip (bone marrow edema syndrome).",
                "en",
                [("proximal femur", "present")],
            ),
            (
                "Extensive surrounding BME of the MFC. LTP and LFC w/o BML.",
                "en",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "Marrow edema in the anterior process of the calcaneus. The talus, cuboid and"
                " navicular remain normal in signal.",
                "en",
                [
                    ("calcaneus", "present"),
                    ("talus", "negated"),
                    ("cuboid", "negated"),
                    ("navicular", "negated"),
                ],
            ),
            (
                "Bone marrow edema of the lateral tibial plateau. The fibular head is intact and"
                " normal in signal.",
                "en",
                [("lateral tibial plateau", "present"), ("fibular head", "negated")],
            ),
            (
                "Am Processus anterior calcanei geringe Signalanhebung in STIR, ein kleines"
                " Knochenmarködem ist hier nicht sicher auszuschließen.",
                "de",
                [("calcaneus", "uncertain")],
            ),
            (
                "Beurteilung: Ausgeheiltes transientes Knochenmarködem-Syndrom links.",
                "de",
                [(None, "resolved")],
            ),
            (
                "Klinik: Bekannte subchondrale Insuffizienzfraktur.\nBefund und Beurteilung:\nIm"
                " Vergleich zur Voruntersuchung deutlich regredientes Knochenmarködem in der"
                " medialen Femurkondyle.",
                "de",
                [("medial femoral condyle", "present")],
            ),
            (
                "Nicht dislozierte, inkomplette Schenkelhalsfraktur rechts mit hypointenser"
                " Frakturlinie und umgebendem Knochenmarködem.",
                "de",
                [("femoral neck", "present")],
            ),
            (
                "LWK 5/SWK 1: Endplattenveränderungen entsprechend Modic Typ II.\nÜbrige"
                " Wirbelkörper mit regelrechtem Knochenmarksignal.",
                "de",
                [("L5-S1 endplates", "present"), ("vertebral bodies", "negated")],
            ),
            (
                "Wirbelkörper unauffällig, keine Modic-Veränderungen, kein Knochenmarködem.\n"
                "L3/L4: Unauffällig.",
                "de",
                [("vertebral bodies", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundTwentyFiveLessons:
    """Lessons of the twenty-fifth blind round: template reports."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "FINDINGS:\nL2/L3: Marrow oedema along both endplates. No epidural collection."
                " Appearances favour degenerative Modic type 1 change over early discitis.\n"
                "Other levels: Mild degenerative disc changes. Marrow signal elsewhere is normal.",
                [("L2-L3 endplates", "present"), (None, "negated")],
            ),
            (
                "Left hip: Diffuse BME of the left femoral head extending through the femoral neck"
                " to the intertrochanteric region.\nIMPRESSION: Diffuse bone marrow oedema of the"
                " left proximal femur with effusion.",
                [
                    ("femoral head", "present"),
                    ("femoral neck", "present"),
                    ("intertrochanteric region", "present"),
                ],
            ),
            (
                "Bone marrow: Heterogeneous marrow, in keeping with red marrow reconversion. No"
                " suspicious marrow lesion.",
                [],
            ),
            (
                "Subchondral marrow lesion suspicious for insufficiency fracture in the medial"
                " femoral condyle.",
                [("medial femoral condyle", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        """Mentions as findings, one per bone and status (a finding told again in a later
        sentence, as by a label, is the same finding)."""
        assert list(dict.fromkeys(_statuses(text, "en"))) == expected

    def test_a_hedged_restatement_of_named_edema_is_that_edema(self) -> None:
        text = (
            "AC-Gelenk: subchondrales Knochenmarködem der lateralen Klavikula sowie im Akromion.\n"
            "Beurteilung: Aktivierte AC-Gelenksarthrose mit Knochenmarködem laterale Klavikula >"
            " Akromion (DD Osteolyse der distalen Klavikula)."
        )
        assert set(_statuses(text, "de")) == {
            ("distal clavicle", "present"),
            ("acromion", "present"),
        }


class TestRoundTwentySixLessons:
    """Lessons of the twenty-sixth blind round: a month of hospital and practice reports."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "en",
                "Marked marrow edema confined to the distal clavicle, the acromion being spared.",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
            (
                "en",
                "MFC BME w/ subchondral fx line, ?SIFK. LTP and LFC clear.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "en",
                "Complete ACL tear with bone contusions of lateral femoral and tibial condyles.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "en",
                "No fracture line within the extensive edema of the medial tibial plateau.",
                [("medial tibial plateau", "present")],
            ),
            (
                "de",
                "Keine Frakturlinie innerhalb des ausgedehnten Ödems im medialen Tibiakopf.",
                [("medial tibial plateau", "present")],
            ),
            (
                "en",
                "Bone marrow edema within the greater tuberosity, associated with a full-thickness"
                " supraspinatus tear retracted to the apex of the humeral head.",
                [("greater tuberosity", "present")],
            ),
            (
                "en",
                "Edema in the navicular. The talus, cuboid and metatarsals show normal fatty marrow"
                " signal.",
                [
                    ("navicular", "present"),
                    ("talus", "negated"),
                    ("cuboid", "negated"),
                    ("metatarsal", "negated"),
                ],
            ),
            (
                "de",
                "Knochenmarködem im Os naviculare sowie in den Ossa cuneiformia I und II. Talus,"
                " Calcaneus und Metatarsalia mit regelrechtem Fettmarksignal.",
                [
                    ("navicular", "present"),
                    ("medial cuneiform", "present"),
                    ("intermediate cuneiform", "present"),
                    ("talus", "negated"),
                    ("calcaneus", "negated"),
                    ("metatarsal", "negated"),
                ],
            ),
            (
                "de",
                "Osteitis bzw. Knochenmarködem in den Köpfchen der Ossa metacarpalia II und III.",
                [("second metacarpal", "present"), ("third metacarpal", "present")],
            ),
            (
                "de",
                "Bandförmiges Knochenmarködem im Skaphoid. Os lunatum und Os capitatum ohne"
                " Signalauffälligkeit.",
                [("scaphoid", "present"), ("lunate", "negated"), ("capitate", "negated")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            (
                "en",
                "Extensive marrow edema in the femoral head and neck, most likely transient bone"
                " marrow edema syndrome.",
            ),
            (
                "de",
                "Knochenmarködem im Femurkopf mit Ausläufern über den Schenkelhals, am ehesten im"
                " Rahmen eines transienten Knochenmarködemsyndroms.",
            ),
        ],
    )
    def test_a_diagnosis_after_described_edema_labels_it(self, lang: str, text: str) -> None:
        """The syndrome named after the edema is its label, hedged as a cause: the edema stays
        present and keeps every bone."""
        assert _statuses(text, lang) == [("femoral head", "present"), ("femoral neck", "present")]

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("en", "Marrow edema in the scaphoid without a fracture line, thus a bone bruise."),
            (
                "de",
                "Knochenmarködem im Os scaphoideum ohne abgrenzbare Frakturlinie, somit Bone"
                " bruise.",
            ),
        ],
    )
    def test_a_conclusion_after_a_negation_is_asserted(self, lang: str, text: str) -> None:
        assert set(_statuses(text, lang)) == {("scaphoid", "present")}

    def test_a_prior_study_named_in_a_comparison_then_absent_is_resolved(self) -> None:
        text = (
            "Comparison with the MRI of 6 months prior, which showed a medial tibial plateau BML."
            " On the current study no BML is identified in the medial tibial plateau."
        )
        assert _statuses(text, "en") == [("medial tibial plateau", "resolved")]

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Knochen: Flächiges Knochenmarködem im lateralen Femurkondylus (Sulcus"
                " terminalis) und im posterolateralen Tibiaplateau, der mediale Femurkondylus ist"
                " ausgespart.",
                [
                    ("lateral femoral condyle", "present"),
                    ("lateral tibial plateau", "present"),
                    ("medial femoral condyle", "negated"),
                ],
            ),
            (
                "en",
                "Marrow edema is confined to the lunate; the scaphoid and capitate are spared.",
                [("lunate", "present"), ("scaphoid", "negated"), ("capitate", "negated")],
            ),
            (
                "de",
                "Knochen: ausgedehntes KMÖ im LFC und dorsalen LTP. Fibulaköpfchen frei.",
                [
                    ("lateral femoral condyle", "present"),
                    ("lateral tibial plateau", "present"),
                    ("fibular head", "negated"),
                ],
            ),
            (
                "de",
                "Trochanter major: Enthesiophyten. Kein Knochenmarködem am Trochanter.",
                [("greater trochanter", "negated")],
            ),
            (
                "de",
                "Sakrum: Vertikal verlaufendes Knochenmarködem in den Massae laterales.",
                [("sacral ala", "present")],
            ),
        ],
    )
    def test_spared_bones_and_labels_of_template_lines(
        self, lang: str, text: str, expected: list[tuple[str | None, str]]
    ) -> None:
        """A spared bone's phrase keeps to its bone; a line's label bone ("Sakrum:") is the
        whole of the part the line names."""
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundTwentySevenLessons:
    """Lessons of the twenty-seventh blind round: a week of a regional group and a clinic."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "en",
                "Patchy edema-like marrow signal in the right acetabular roof, probably reactive to"
                " the overlying cartilage loss rather than a stress phenomenon.",
                [("acetabulum", "present")],
            ),
            (
                "en",
                "Thickening of the deep deltoid fibres with surrounding edema; edema of the sinus"
                " tarsi fat.",
                [],
            ),
            (
                "en",
                "L2 acute compression fx, approx 30% anterior height loss, STIR-bright marrow"
                " through the body. L4 chronic wedge deformity, no STIR signal.",
                [("L2 vertebral body", "present"), ("L4 vertebral body", "negated")],
            ),
            (
                "en",
                "Right SIJ: No active inflammatory lesion; no structural change.",
                [(None, "negated")],
            ),
            (
                "en",
                "L4-L5: The endplate signal change, previously low T1/high STIR (Modic 1), now"
                " follows fat on T1, consistent with conversion to Modic 2.",
                [("L4-L5 endplates", "historical"), ("L4-L5 endplates", "present")],
            ),
            (
                "de",
                "Die Bandscheiben L3/4 bis L5/S1 dehydriert. L5/S1: Osteochondrose mit"
                " fettäquivalenter Signalanhebung der angrenzenden Endplatten.",
                [("L5-S1 endplates", "present")],
            ),
            (
                "de",
                "Flaues Knochenmarködem im distalen Skaphoidpol, vereinbar mit Kontusion; Lunatum"
                " und Kapitatum ödemfrei.",
                [("scaphoid", "present"), ("lunate", "negated"), ("capitate", "negated")],
            ),
            (
                "de",
                "Konfusionsödem der medialen Patellafacette nach Patellaluxation.",
                [("patella", "present")],
            ),
            (
                "de",
                "Kein Nachweis mehr des vorbeschriebenen BML im medialen Tibiaplateau.",
                [("medial tibial plateau", "resolved")],
            ),
            (
                "de",
                "Frakturlinie in der Skaphoidtaille mit umgebendem Knochenmarködem.",
                [("scaphoid", "present")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundTwentyEightLessons:
    """Lessons of the twenty-eighth blind round: what reaches an orthopaedic and rheumatology
    clinic (structured reports, letters, follow-ups against two priors)."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "en",
                "History: Fall onto outstretched arm.\nLabrum: Degenerative fraying.\nAC joint:"
                " Subchondral oedema in the distal clavicle; the acromial side is normal.",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
            (
                "en",
                "Her MRI showed a bone marrow lesion in the medial femoral condyle; the radiologist"
                " also queried early oedema in the medial tibial plateau.",
                [("medial femoral condyle", "present"), ("medial tibial plateau", "uncertain")],
            ),
            (
                "en",
                "Past history: Achilles enthesitis in 2021 with calcaneal bone oedema.\n\nCurrent"
                " problem: dactylitis of the left third toe.",
                [],
            ),
            (
                "en",
                "Trochanteric bursitis with a fluid collection and surrounding oedema deep to the"
                " iliotibial band.",
                [],
            ),
            (
                "de",
                "Anamnese: Leistenschmerz.\nBildgebung: Knochenmarködem im linken Femurkopf.",
                [("femoral head", "present")],
            ),
            (
                "de",
                "Verdachtsdiagnose: V.a. Meniskusläsion, DD Bone bruise. Fragestellung:"
                " Knochenmarködem?",
                [],
            ),
            (
                "de",
                "Flächiges Ödem im proximalen Skaphoiddrittel ohne abgrenzbare Frakturlinie, DD"
                " okkulte Fraktur, DD Knochenkontusion.",
                [("scaphoid", "present")],
            ),
            (
                "de",
                "Erosion am Metakarpaleköpfchen II mit begleitender Osteitis. Am"
                " Metakarpaleköpfchen III keine Osteitis.",
                [("second metacarpal", "present"), ("third metacarpal", "negated")],
            ),
            (
                "de",
                "Erosive Arthritis im MTP-V-Gelenk mit Osteitis im Metatarsaleköpfchen V.",
                [("fifth metatarsal", "present")],
            ),
            (
                "de",
                "Progrediente Osteitis im linken Os ilium, nunmehr auch im gegenüberliegenden"
                " sakralen Gelenkanteil.",
                [("ilium", "present"), ("sacrum", "present")],
            ),
            (
                "de",
                "Im Schenkelhals kein Ödem mehr nachweisbar.\nBeurteilung: Schenkelhals inzwischen"
                " ödemfrei.",
                [("femoral neck", "resolved")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundTwentyNineLessons:
    """Lessons of the twenty-ninth blind round: an academic department, Austrian and Swiss
    practices and teleradiology."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Befund Knie li.: BME MFC zentral ca. 18 x 12 mm, LTP o.B., retropatellar kein KMÖ.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("patella", "negated"),
                ],
            ),
            (
                "de",
                "MOAKS: BML MFC re. Gr. 2 (zentral), LTP und LFC o.B., Knorpeldefekt MFC Gr. 3.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "de",
                "Knochenmarködm im Talushals nach Supinatiostrauma, Calcaneus unauffälig.",
                [("talus", "present"), ("calcaneus", "negated")],
            ),
            (
                "de",
                "Die auswärtige Voruntersuchung (01/2025) beschrieb ein Knochenmarködem im Os"
                " lunatum; aktuell regelrechtes Marksignal des Lunatums.",
                [("lunate", "resolved")],
            ),
            (
                "de",
                "Laterales Kompartiment regelrecht, ossär ohne Ödem.",
                [(None, "negated")],
            ),
            (
                "de",
                "Hoffa-Fettkörper ödematös imbibiert bei Patella alta; Patellarsehne regelrecht.",
                [],
            ),
            (
                "en",
                "Bone marrow edmea in the right femoral neck along the compression side.",
                [("femoral neck", "present")],
            ),
            (
                "en",
                "Know marrow edema at the greater tuberosity.",
                [("greater tuberosity", "negated")],
            ),
            (
                "en",
                "Avulsion fracture with edema in the triquetrum. Hook of hamate intact with normal"
                " signal.",
                [("triquetrum", "present"), ("hamate", "negated")],
            ),
            (
                "en",
                "Edema-like marrow signal in the distal clavicle; the acromion is unremarkable.",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestNearMissNames:
    """A long bone name typed with one slip is still that bone; a name with one more letter
    ("trochlear") is another word."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Knochenmarködm im lateralen Femurkondylys und im lateralen Tibiaplatoe.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "en",
                "Bone marrow edema in the calcanues and the navicluar.",
                [("calcaneus", "present"), ("navicular", "present")],
            ),
            (
                "en",
                "Bone bruising at the inferomedial patella, MPFL torn, trochlear dysplasia.",
                [("patella", "present")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundThirtyLessons:
    """Lessons of the thirtieth blind round: a German archive, German case reports and an
    English archive of many radiologists."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "ISG bds.: subchondrales Knochenmarködem iliakal rechts ventral und sakral rechts,"
                " links kein Ödem.",
                [("ilium", "present"), ("sacrum", "present"), (None, "negated")],
            ),
            (
                "de",
                "Knochenmarködem im Os cuboideum und am Processus anterior calcanei, kein"
                " Frakturnachweis, a.e. Kontusion.",
                [("cuboid", "present"), ("calcaneus", "present")],
            ),
            (
                "de",
                "KMÖ LTP dorsal, MFC frei.",
                [("lateral tibial plateau", "present"), ("medial femoral condyle", "negated")],
            ),
            (
                "de",
                "Sakral links kein Ödem mehr nachweisbar. Rechts unverändert kein Ödem.",
                [("sacrum", "resolved"), (None, "negated")],
            ),
            (
                "de",
                "Im Verlauf vollständige Normalisierung des Markraumsignals im linken Hüftkopf und"
                " Schenkelhals.",
                [("femoral head", "resolved"), ("femoral neck", "resolved")],
            ),
            (
                "de",
                "Im LWK 3 rundliche, in T1 und T2 hyperintense Läsion, typisches"
                " Wirbelkörperhämangiom.",
                [],
            ),
            (
                "en",
                "Diffuse low T1 / high STIR signal throughout the left femoral head.",
                [("femoral head", "present")],
            ),
            (
                "de",
                "Am lateralen Femurkondylus fokale Signalanhebung, die nicht sicher von einem"
                " kleinen Knochenmarködem abzugrenzen ist.",
                [("lateral femoral condyle", "uncertain")],
            ),
            (
                "de",
                "Kontusionen an der medialen Patellafacette sowie anterolateral am lateralen"
                " Femurkondylus.",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "The 2018 MRI described bone marrow oedema in the medial femoral condyle. On"
                " today's study the MFC marrow is normal.",
                [("medial femoral condyle", "resolved")],
            ),
            (
                "12-month follow-up after the lateral femoral condyle bone bruise: no BML is now"
                " seen.",
                [("lateral femoral condyle", "resolved")],
            ),
            (
                "Periosteal edema along the medial tibial cortex without marrow involvement.",
                [("tibial shaft", "negated")],
            ),
            (
                "At L4-5 there are moe dick type one endplate changes.",
                [("L4-L5 endplates", "present")],
            ),
        ],
    )
    def test_reads_english(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, "en"))) == expected

    def test_a_name_dictated_as_two_words_is_that_name(self) -> None:
        text = "Deutliches Knochen Marks Ödem im medialen Femur Kondylus rechts."
        assert _statuses(text, "de") == [("medial femoral condyle", "present")]


def test_readings_do_not_depend_on_the_hash_seed() -> None:
    """Name tables are built and searched in a fixed order: two processes with different
    string hashing read the same report the same way."""
    code = (
        "import json,sys;from marrowpath.nlp.reader import read_report;"
        "print(json.dumps([[m.status, m.bone] for t in sys.argv[1:]"
        " for m in read_report(t, lang='en').edema]))"
    )
    texts = [
        "No Modic endplate changes. Normal vertebral marrow signal.",
        "Bone marrow edema in the calcanues and the navicluar; trochlear dysplasia.",
    ]
    runs = {
        subprocess.run(
            [sys.executable, "-c", code, *texts],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


class TestRoundThirtyOneLessons:
    """Lessons of the thirty-first blind round: how differently radiologists write."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "LWK 2: frische Deckplattenimpression mit bandförmigem Knochenmarködem,"
                " Hinterkante nicht betroffen.",
                [("L2 vertebral body", "present")],
            ),
            (
                "de",
                "Knochenmarksöedem im medialen Tibiaplateau re., DD Kontusion, DD aktivierte"
                " Arthrose.",
                [("medial tibial plateau", "present")],
            ),
            (
                "de",
                "Kontusionsbedingtes, wahrscheinlich beim Supinationstrauma entstandenes"
                " Knochenmarködem an der medialen Talusschulter.",
                [("talus", "present")],
            ),
            (
                "de",
                "Dorsale Anulusfissur L4/5 mit T2-hyperintenser High-Intensity-Zone und geringem"
                " ödematösem Begleitsignal im dorsalen Anulus.",
                [],
            ),
            (
                "de",
                "Knochenmarködem im Os cuneiforme intermedium und laterale.",
                [("intermediate cuneiform", "present"), ("lateral cuneiform", "present")],
            ),
            (
                "de",
                "Kein Ödem im Talus. Metatarsalia I–V mit regelrechtem Knochenmarksignal.",
                [("talus", "negated"), ("metatarsal", "negated")],
            ),
            (
                "de",
                "MFC mit kleiner BML posterior-zentral; LTP und MTP ohne BML.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("medial tibial plateau", "negated"),
                ],
            ),
            (
                "de",
                "St.n. Patellaluxation. KMÖ inferomed. Patellafacette + LFC ventrolateral.",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "de",
                "Bone bruise der distalen Fibula im Bereich des Außenknöchels.",
                [("lateral malleolus", "present")],
            ),
            (
                "de",
                "Subchondrales Ödem in der lateralen Klavikula, geringer auch im Akromion.",
                [("distal clavicle", "present"), ("acromion", "present")],
            ),
            (
                "de",
                "Kleiner Bone Bruise am Fibulaköpfchen, Bizepssehne intakt, Poplitealsehne o.B.",
                [("fibular head", "present")],
            ),
            (
                "en",
                "Right L4-5 facet arthropathy with reactive marrow edema in the right L4 pedicle.",
                [("L4 pedicle", "present")],
            ),
            (
                "en",
                "At this follow-up, no BML is seen in the medial tibial plateau, where one was"
                " recorded at baseline.",
                [("medial tibial plateau", "resolved")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected

    def test_a_small_edema_is_no_change(self) -> None:
        """ "mit kleiner BML" is small, not smaller than before; "kleiner als" is."""
        small = read_report("MFC mit kleiner BML posterior-zentral.", lang="de").edema
        smaller = read_report("BML im MFC kleiner als in der Voruntersuchung.", lang="de").edema
        assert [m.change for m in small] == [None]
        assert [m.change for m in smaller] == ["improved"]


class TestRoundThirtyTwoLessons:
    """Lessons of the thirty-second blind round: a teleradiology company, a hospital and what
    reaches general practice."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "ISG li.: Osteitis iliakal, STIR-hyperintens. Sakral unauffällig. ISG re. ohne Ödem.",
                [("ilium", "present"), ("sacrum", "negated"), (None, "negated")],
            ),
            (
                "en",
                "Os trigonum syndrome: edema-like marrow signal in the os trigonum and the adjacent"
                " posterior talus, fluid in the synchondrosis and FHL tenosynovitis.",
                [("os trigonum", "present"), ("talus", "present")],
            ),
            (
                "de",
                "Rechter Hüftkopf: minimale Signalanhebung in STIR anterosuperior, fraglich"
                " beginnendes Ödem, DD Bewegungsartefakt.",
                [("femoral head", "uncertain")],
            ),
            (
                "de",
                "LWK 4: flaue STIR-Anhebung unterhalb der Deckplatte ohne Höhenminderung,"
                " allenfalls beginnendes Ödem.",
                [("L4 vertebral body", "uncertain")],
            ),
            (
                "de",
                "Ödematöse Signalanhebung des korakohumeralen Ligaments und des"
                " Rotatorenintervalls, vereinbar mit adhäsiver Kapsulitis.",
                [],
            ),
            (
                "en",
                "Type II (fatty) endplate signal change at the lumbosacral junction.",
                [("L5-S1 endplates", "present")],
            ),
            (
                "en",
                "Patchy T1-intermediate signal in both distal femoral metaphyses, sparing the"
                " epiphyses, with mild STIR hyperintensity - red marrow reconversion.",
                [],
            ),
            (
                "en",
                "The posterior lateral tibial plateau bruise seen previously is no longer evident."
                "\nIMPRESSION: Resolved tibial plateau contusion.",
                [("lateral tibial plateau", "resolved")],
            ),
            (
                "de",
                "Femur: Kontusionsödem am ventrolateralen lateralen Femurkondylus.",
                [("lateral femoral condyle", "present")],
            ),
            (
                "de",
                "Vgl.: MRT vom 03/2023, dort ausgeprägtes KMÖ des medialen Femurkondylus.\nBefund:"
                " Kein Knochenmarködem mehr im medialen Femurkondylus.",
                [("medial femoral condyle", "resolved")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundThirtyThreeLessons:
    """Lessons of the thirty-third blind round: impressions and conclusions, a university
    institute and a trauma hospital."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Beurteilung: Z. n. lateraler Patellaluxation mit typischem Kontusionsmuster an der"
                " medialen Patellafacette und ventrolateral am lateralen Femurkondylus.",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "de",
                "Fleckige Signalanhebungen in Talus und Calcaneus, entsprechend verbliebenem"
                " hämatopoetischem Mark.",
                [],
            ),
            (
                "de",
                "Fraglich geringes Knochenmarködem im Os lunatum ulnarseitig bei"
                " Ulna-Plus-Variante.",
                [("lunate", "uncertain")],
            ),
            (
                "de",
                "Diskrete, nicht sicher pathologische Signalanhebung im Markraum des Os metatarsale"
                " III, ggf. beginnende Stressreaktion.",
                [("third metatarsal", "uncertain")],
            ),
            (
                "en",
                "Reverse Hill-Sachs lesion of the anteromedial humeral head and a fracture of the"
                " posteroinferior glenoid rim, both with surrounding bone marrow edema.",
                [("humeral head", "present"), ("glenoid", "present")],
            ),
            (
                "en",
                "Type II (fatty) endplate changes at L5/S1 and L3/4. No new endplate edema.",
                [
                    ("L5-S1 endplates", "present"),
                    ("L3-L4 endplates", "present"),
                    ("endplates", "negated"),
                ],
            ),
            (
                "en",
                "Left SIJ: subchondral bone marrow edema on the iliac side. Right SIJ: normal signal"
                " on STIR, no erosions.",
                [("ilium", "present"), (None, "negated")],
            ),
            (
                "en",
                "The report of the outside MRI (June 2023) describes a bone bruise of the medial"
                " femoral condyle. On the current study there is no marrow edema in the medial"
                " femoral condyle.",
                [("medial femoral condyle", "resolved")],
            ),
            ("en", "Both proximal femora are normal in signal.", [("proximal femur", "negated")]),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, lang))) == expected


class TestRoundThirtyFourLessons:
    """Lessons of the thirty-fourth blind round: a practice's archive and sentences written to
    trip a rule reader."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Li. Knie: BME MFC zentral-gewichttragend, kl. BML LTP dorsal. LFC und MTP o. B."
                " IMHH horizontal gerissen.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("medial tibial plateau", "negated"),
                ],
            ),
            (
                "Das Ödem betrifft nahezu den gesamten Talus, spart jedoch Calcaneus und Os"
                " naviculare aus; Verdacht auf ein transientes Knochenmarködem-Syndrom.",
                [("talus", "present"), ("calcaneus", "negated"), ("navicular", "negated")],
            ),
            (
                "Subchondrales Ödem im lateralen Klavikulaende und geringer ausgeprägt im Akromion.",
                [("distal clavicle", "present"), ("acromion", "present")],
            ),
            (
                "Trochlea femoris mit PD-fs-hyperintenser Zone – ob beginnendes Knochenmarködem"
                " oder Pulsationsartefakt, ist nicht sicher zu entscheiden.",
                [("femoral trochlea", "uncertain")],
            ),
            (
                "Baastrup-Konstellation L4/5: sich berührende Dornfortsätze mit Ödem in den"
                " interspinösen Bändern.",
                [],
            ),
            ("Beurteilung: Zurückgebildetes Ödem MFC.", [("medial femoral condyle", "resolved")]),
            ("Linkes Sakroiliakalgelenk ohne Osteitis.", [(None, "negated")]),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, "de"))) == expected

    def test_a_short_name_is_no_part_of_a_word(self) -> None:
        """ "double-line sign" names no joint."""
        text = "Femoral head: low signal band with an inner high-signal rim (double-line sign)."
        assert [m.region for m in read_report(text, lang="en").edema] in ([], ["hip"])

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Nicht unerhebliches, flächiges Knochenmarködem im Taluskörper.",
                [("talus", "present")],
            ),
            (
                "Im Taluskopf ein flaues, nicht eindeutig als Ödem zu wertendes Signal.",
                [("talus", "uncertain")],
            ),
            (
                "Knochenmarködem im Femurkopf; Gegenseite (mit abgebildet) ödemfrei.",
                [("femoral head", "present"), (None, "negated")],
            ),
            (
                "Das Knochenmarködem im Femurkopf ist rückläufig; der Schenkelhals ist wieder"
                " ödemfrei.",
                [("femoral head", "present"), ("femoral neck", "resolved")],
            ),
            (
                "Neu aufgetretenes Ödem um den tibialen Bohrkanal, DD Lockerung.",
                [("proximal tibia", "present")],
            ),
            (
                "Bone Bruise an der Basis des Os metacarpale I und im Trapezium, Skaphoid ohne"
                " Ödem.",
                [
                    ("first metacarpal", "present"),
                    ("trapezium", "present"),
                    ("scaphoid", "negated"),
                ],
            ),
        ],
    )
    def test_reads_hard_cases(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, "de"))) == expected


class TestRoundThirtyFiveLessons:
    """Lessons of the thirty-fifth blind round: Austrian and Swiss reports."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Zuweisungsdiagnose: V.a. Knochenmarködem OSG li. nach Distorsion.", []),
            (
                "ISG li.: subchondrales Knochenmarködem iliakal, die sakrale Gelenkseite ist"
                " ödemfrei.",
                [("ilium", "present"), ("sacrum", "negated")],
            ),
            (
                "Neu aufgetretenes Knochenmarködem im LWK 3, in der Vor-MR vom Oktober noch nicht"
                " nachweisbar.",
                [("L3 vertebral body", "present")],
            ),
            (
                "Ausgeprägtes Knochenmarködem der Massa lateralis ossis sacri re.",
                [("sacral ala", "present")],
            ),
            (
                "KMÖ MFC re. subchondral ca. 2 cm, LTP u. LFC frei.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "St.p. Schulterluxation im Dezember mit damals ausgedehntem Bone bruise am"
                " Humeruskopf; in der heutigen Kontrolle kein KMÖ mehr abgrenzbar.",
                [("humeral head", "resolved")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert list(dict.fromkeys(_statuses(text, "de"))) == expected


class TestOlderRoundGaps:
    """General gaps found again in older rounds: tumour-like lesions named by signal, sides
    inside a list before its negation, the vertebral bodies as a group."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Proximaler Humerus li.: lobulierte, T2-hyperintense Markraumläsion mit"
                " Ring-and-arc-Verkalkungen – Enchondrom.",
                "de",
                [],
            ),
            (
                "Proximal humerus: lobulated T2 hyperintense marrow lesion with ring-and-arc"
                " calcification, enchondroma.",
                "en",
                [],
            ),
            (
                "T2-hyperintense Läsion im Talus mit umgebendem Ödem.",
                "de",
                [("talus", "present")],
            ),
            (
                "Schambeinäste bds. und Os sacrum ohne Ödem.",
                "de",
                [("pubis", "negated"), ("sacrum", "negated")],
            ),
            (
                "Ödem auch im oberen Schambeinast rechts parasymphysär.",
                "de",
                [("superior pubic ramus", "present")],
            ),
            ("Übrige LWK ohne Ödem.", "de", [("vertebral bodies", "negated")]),
            (
                "KMÖ in LWK 3, übrige Wirbelkörper ohne Ödem.",
                "de",
                [("L3 vertebral body", "present"), ("vertebral bodies", "negated")],
            ),
            (
                "Edema in L3, the remaining vertebral bodies without edema.",
                "en",
                [("L3 vertebral body", "present"), ("vertebral bodies", "negated")],
            ),
            (
                "Modic-2 L4/5, kein Modic 1.",
                "de",
                [("L4-L5 endplates", "present"), ("L4-L5 endplates", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_group_of_lumbar_vertebrae_is_lumbar(self) -> None:
        (m,) = read_report("Übrige LWK ohne Ödem.", lang="de").edema
        assert m.region == "lumbar_spine"


class TestModicTables:
    """Tables of levels ("Segment | Modic | Verlauf") state Modic types without the word."""

    TABLE = (
        "Endplatten (sagittal STIR/T1w):\n"
        "Segment | Modic | Verlauf\n"
        "L2-3 | keine | –\n"
        "L3-4 | I | zunehmend ggü. VU 2023\n"
        "L4-5 | I/II (Mischtyp) | –\n"
        "L5-S1 | III | konstant"
    )

    def test_each_row_is_its_level(self) -> None:
        got = [
            (m.bone, m.status, m.modic_type, m.change)
            for m in read_report(self.TABLE, lang="de").edema
        ]
        assert got == [
            ("L2-L3 endplates", "negated", None, None),
            ("L3-L4 endplates", "present", 1, "worse"),
            ("L4-L5 endplates", "present", 1, None),
            ("L5-S1 endplates", "present", 3, "stable"),
        ]

    def test_other_cells_do_not_negate_the_level(self) -> None:
        text = (
            "Segment | Bandscheibe | Endplatten | Foramina\n"
            "LWK 3/4 | gering dehydriert | keine Modic-Veränd. | frei\n"
            "LWK 4/5 | breitbasige Protrusion | Modic Typ II | bds. mäßig eingeengt\n"
            "LWK 5/SWK 1 | Prolaps | Typ 2, unverändert | beidseits frei\n"
            "Conus in Höhe LWK 1, unauffällig."
        )
        assert _statuses(text, "de") == [
            ("L3-L4 endplates", "negated"),
            ("L4-L5 endplates", "present"),
            ("L5-S1 endplates", "present"),
        ]

    def test_a_table_without_a_modic_column_reads_as_text(self) -> None:
        text = (
            "Knochen | Befund | Seite\nTalus | Knochenmarködem | rechts\nKalkaneus | o.B. | rechts"
        )
        assert ("talus", "present") in _statuses(text, "de")

    def test_known_finding_stated_present_is_not_a_past_one(self) -> None:
        text = (
            "Segment | Modic\nL5/S1 | Typ 2, unverändert\n"
            "Beurteilung: Bekannte fettige Endplattenkonversion (Modic 2) L5/S1."
        )
        assert [m.status for m in read_report(text, lang="de").edema] == ["present"]


class TestRoundThirtySixLessons:
    """Lessons of the thirty-sixth blind round: a German group practice."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Ellenbogen re.: Kontusionsödem im Capitulum humeri, fraglich korrespondierend"
                " auch im Radiuskopf.",
                [("capitellum", "present"), ("radial head", "uncertain")],
            ),
            (
                "Ein Ödem im Talus ist von Partialvolumeneffekten hier nicht sicher zu trennen.",
                [("talus", "uncertain")],
            ),
            (
                "Ein Knochenmarködem im Talus lässt sich nicht sicher abgrenzen.",
                [("talus", "uncertain")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundThirtySevenAndEightLessons:
    """Lessons of the thirty-seventh and thirty-eighth blind rounds: German letters,
    teleradiology, hospitals, sports medicine."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Knie re.: BME MFC und LTP, LFC und MTP ohne BME.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("medial tibial plateau", "negated"),
                ],
            ),
            (
                "deutl. KMÖ im MFC dorsal, ggr. BML am MTP, LFC u. LTP frei.",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            (
                "KMÖ im MFC und LFC ohne Frakturlinie.",
                [("medial femoral condyle", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Neu ist ein kleines, subchondrales KMÖ im Os cuboideum an der Gelenkfläche"
                " zum MT IV.",
                [("cuboid", "present")],
            ),
            (
                "Fleckige Knochenmarködeme im Os naviculare, am ehesten degenerativ bei Arthrose"
                " im Naviculo-Cuneiforme-Gelenk.",
                [("navicular", "present")],
            ),
            (
                "Verlaufskontrolle bei Spondylodiszitis LW5/SW1: Regredientes Knochenmarködem in"
                " LWK 5 und SWK 1.",
                [("L5 vertebral body", "present"), ("S1 vertebral body", "present")],
            ),
            ("L4/5: Modic 1 der Grundplatte LWK 4.", [("L4-L5 endplates", "present")]),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_s1_beside_a_lumbar_level_is_lumbar(self) -> None:
        regions = {m.region for m in read_report("Ödem in LWK 5 und SWK 1.", lang="de").edema}
        assert regions == {"lumbar_spine"}

    def test_edema_at_a_joint_surface_facing_a_bone(self) -> None:
        assert _statuses(
            "Edema in the cuboid at the articulation with the fourth metatarsal.", "en"
        ) == [("cuboid", "present")]


class TestRoundThirtyNineLessons:
    """Lessons of the thirty-ninth blind round: German one-liners, letters and expert
    opinions that retell several studies."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Knie: fragl. flaues Ödem dorsales MTP.", [("medial tibial plateau", "uncertain")]),
            (
                "KMÖ LFC neu, MFC-Ödem ggü. VU komplett zurückgebildet.",
                [("lateral femoral condyle", "present"), ("medial femoral condyle", "resolved")],
            ),
            ("VK Hüfte re.: KMÖ Femurkopf vollst. regr.", [("femoral head", "resolved")]),
            ("Die Patella ist jetzt ödemfrei.", [("patella", "resolved")]),
            (
                "OSG re.: Kontusion Talus med. + Innenknöchel.",
                [("talus", "present"), ("medial malleolus", "present")],
            ),
            (
                "KMÖ Talus zunehmend ggü. VU, jetzt auch Calcaneus anterior betroffen (neu).",
                [("talus", "present"), ("calcaneus", "present")],
            ),
            (
                "Ödem im Talus, Kalkaneus nicht betroffen.",
                [("talus", "present"), ("calcaneus", "negated")],
            ),
            (
                "KMÖ in LWK 3, die Hinterkante ist nicht betroffen.",
                [("L3 vertebral body", "present")],
            ),
            (
                "Ein Knochenmarködem in Talus, Calcaneus oder distaler Fibula wurde vom"
                " Radiologen ausdrücklich verneint.",
                [("talus", "negated"), ("calcaneus", "negated"), ("distal fibula", "negated")],
            ),
            (
                "Das Ödem im Os naviculare ist deutlich rückläufig, in den Ossa cuneiformia nicht"
                " mehr nachweisbar.",
                [("navicular", "present"), ("cuneiform", "resolved")],
            ),
            (
                "Das initiale MRT zeigte ein Kontusionsödem im Capitulum humeri. In der Kontrolle"
                " keine Residuen, insbesondere kein Knochenmarködem im Capitulum humeri mehr.",
                [("capitellum", "resolved")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_change_words_shortened(self) -> None:
        assert _one("KMÖ Talus regr.", "de").change == "improved"
        assert _one("KMÖ Talus progr.", "de").change == "worse"

    def test_an_attributive_comparative_is_no_change(self) -> None:
        got = _statuses(
            "On the right, marrow edema reaching the femoral neck; the smaller left lesion shows"
            " no surrounding edema.",
            "en",
        )
        assert ("femoral neck", "present") in got
        assert all(status != "resolved" for _, status in got)


class TestRoundThirtyNineMoreLessons:
    """More lessons of the thirty-ninth round: template lines, Latin parts, word slips."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Die präoperativ beschriebenen Kontusionen an LFC und LTP sind vollständig"
                " abgeklungen.",
                [("lateral femoral condyle", "resolved"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "Befund: Ausgedehnte, unscharf begrenzte STIR-Signalanhebung mit korrespondierender"
                " T1-Signalminderung im linken Femurkopf mit Ausdehnung in den Schenkelhals.",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Segmentweise:\nL3/4: Modic II an der Deckplatte LWK 4.\nL4/5: Osteochondrose mit"
                " Modic-I-Signal, Protrusion rechts mit Kontakt zur Wurzel L5 re.\nL5/S1: Prolaps"
                " mit Tangierung der Wurzel S1 li.; kein Endplattenödem.",
                [
                    ("L3-L4 endplates", "present"),
                    ("L4-L5 endplates", "present"),
                    ("L5-S1 endplates", "negated"),
                ],
            ),
            ("Talus u. Calcaneus ohne Ödem.", [("talus", "negated"), ("calcaneus", "negated")]),
            (
                "BME im Os trigonum und im angrenzenden Processus posterior tali.",
                [("os trigonum", "present"), ("talus", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_markedly_regressed_is_improved(self) -> None:
        m = _one("Das Modic-1-Ödem an den Endplatten L5/S1 hat sich deutlich zurückgebildet.", "de")
        assert (m.status, m.change) == ("present", "improved")

    def test_markedly_regressed_in_one_clause_does_not_touch_the_next(self) -> None:
        got = _statuses(
            "Das Kontusionsödem im lateralen Femurkondylus ist deutlich rückläufig, das im"
            " posterolateralen Tibiaplateau ist nicht mehr nachweisbar.",
            "de",
        )
        assert got == [
            ("lateral femoral condyle", "present"),
            ("lateral tibial plateau", "resolved"),
        ]


class TestRoundFortyLessons:
    """Lessons of the fortieth blind round: a university hospital's year, follow-ups."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Kontusion der distalen Schienbeingelenkfläche anteromedial und des Innenknöchels.",
                [("distal tibia", "present"), ("medial malleolus", "present")],
            ),
            (
                "Kreuzbein und beide Darmbeinschaufeln mit regelrechtem Knochenmarksignal.",
                [("sacrum", "negated"), ("ilium", "negated")],
            ),
            (
                "Beidseits kein Knochenmarködem in Oberschenkelkopf oder Schenkelhals.",
                [("femoral head", "negated"), ("femoral neck", "negated")],
            ),
            (
                "Osteoödem im lateralen Klavikulaende und gegenüberliegend im Akromion.",
                [("distal clavicle", "present"), ("acromion", "present")],
            ),
            (
                "Frische Fraktur LWK 1 mit Knochenmarködem. Die vorbekannte Keilwirbelbildung"
                " LWK 3 zeigt hingegen kein Ödem mehr.",
                [("L1 vertebral body", "present"), ("L3 vertebral body", "resolved")],
            ),
            (
                "Ödem im Talus, jedoch kein Ödem im Kalkaneus.",
                [("talus", "present"), ("calcaneus", "negated")],
            ),
            (
                "Neu aufgetreten ist ein ausgedehntes Ödem des rechten Femurkopfes mit Ausläufern"
                " in den Schenkelhals.",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Zunahme des Knochenmarködems im Os cuneiforme intermedium; neu ödematös auch das"
                " Os cuboideum.",
                [("intermediate cuneiform", "present"), ("cuboid", "present")],
            ),
            (
                "Iliakal rechts deutlich kleineres subchondrales Ödemareal.",
                [("ilium", "present")],
            ),
            (
                "Im kyphoplastierten LWK 4 fraglich diskretes, unscharf begrenztes Ödem unmittelbar"
                " kaudal der Zementplombe, nicht sicher von einem Artefakt abzugrenzen.",
                [("L4 vertebral body", "uncertain")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortyOneLessons:
    """Lessons of the forty-first blind round: German spine, pelvis and extremities."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Neu aufgetretenes Knochenmarködem am linken ISG, iliakal und sakral. Die rechte"
                " Seite ist ödemfrei.",
                [("ilium", "present"), ("sacrum", "present"), (None, "negated")],
            ),
            (
                "Heilende Stressfraktur des Metatarsale III links; das begleitende"
                " Knochenmarködem ist noch gering residual vorhanden, das parossäre"
                " Weichteilödem hat sich vollständig zurückgebildet.",
                [("third metatarsal", "present")],
            ),
            (
                "Knochenmarködem im oberen Schambeinast rechts parasymphysär mit kortikaler"
                " Unterbrechung.",
                [("superior pubic ramus", "present")],
            ),
            (
                "Konversion Modic 1 → Modic 2 im Segment L4/5.",
                [("L4-L5 endplates", "resolved"), ("L4-L5 endplates", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_a_level_less_modic_change_placed_elsewhere_in_the_report(self) -> None:
        text = (
            "Befund: Die damals beschriebenen ödematösen Endplattenveränderungen L4/L5 (Modic 1)"
            " sind nicht mehr nachweisbar; an gleicher Stelle jetzt T1-hyperintense fettige"
            " Umwandlung im Sinne von Modic 2.\nBeurteilung: Konversion Modic 1 → Modic 2 im"
            " Segment L4/5."
        )
        got = {(m.bone, m.status, m.modic_type) for m in read_report(text, lang="de").edema}
        assert ("L4-L5 endplates", "present", 2) in got
        assert all(bone == "L4-L5 endplates" for bone, _, _ in got)


class TestRoundFortyOneMoreLessons:
    """More lessons of the forty-first round: dash bullets, labels, questions, muscles."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Befund:\n– LWK 3/4: Bandscheibe dehydriert, flache Protrusion.\n– LWK 4/5:"
                " Modic-I-Veränderungen der angrenzenden Grund- und Deckplatte; Prolaps li.\n"
                "– LWK 5/SWK 1: Modic II.\n– Conus in Höhe LWK 1, o.B.",
                [("L4-L5 endplates", "present"), ("L5-S1 endplates", "present")],
            ),
            (
                "de",
                "Am lumbosakralen Übergang Modic Typ III; ein begleitendes Ödem liegt nicht vor.",
                [("L5-S1 endplates", "present"), ("L5-S1 endplates", "negated")],
            ),
            (
                "de",
                "Kontrolle re. Knie 12 Wo. nach VKB-Plastik: LFC-Ödem rückläufig, im LTP kein"
                " Ödem mehr nachweisbar.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "resolved")],
            ),
            (
                "de",
                "Deutlich geringeres residuelles Knochenmarksödehm im os naviculare.",
                [("navicular", "present")],
            ),
            (
                "de",
                "Zuweisung durch HA mit der Frage nach bone bruise nach Sturz auf das li. Knie.",
                [],
            ),
            ("de", "Ödem im M. multifidus rechts in Höhe LWK 5.", []),
            (
                "en",
                "Paraspinal muscles: Mild edema in the right multifidus at L5, nonspecific.",
                [],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundThirtyNineEnglishLessons:
    """Lessons of the thirty-ninth round's English: international hospitals."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Old healed wedge deformity of L4 without marrow oedema.",
                [("L4 vertebral body", "negated")],
            ),
            ("Bone bruise of the talus has healed.", [("talus", "resolved")]),
            (
                "The fracture has healed; no marrow edema remaining in the talus.",
                [("talus", "resolved")],
            ),
            (
                "Medial hallux sesamoid shows diffuse marrow oedema; lateral sesamoid unremarkable.",
                [("medial sesamoid", "present"), ("lateral sesamoid", "negated")],
            ),
            (
                "New bone marrow oedema at the sacral side of left SI joint. The right SI joint"
                " shows no oedema.",
                [("sacrum", "present"), (None, "negated")],
            ),
            (
                "Subchondral oedema at the left iliac side. The right side shows no residual"
                " oedema.",
                [("ilium", "present"), (None, "resolved")],
            ),
            (
                "IMPRESSION: Degenerative disc disease at L4-5 and L5-S1 with Modic type I end"
                " plate changes at L4-5.",
                [("L4-L5 endplates", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected


class TestRoundThirtyNineLetterLessons:
    """Lessons of the thirty-ninth round's letters, which retell several studies."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "MRT LWS im Vgl. zu 2021 – neu aufgetretene Modic 1 Veränderungen LW4/5, bekannter"
                " Bandscheibenvorfall L5/S1 links rezessal, größenregredient.",
                [("L4-L5 endplates", "present")],
            ),
            (
                "Unveränderte fettige Endplattenveränderungen vom Modic-Typ II in Höhe L3-L4"
                " sowie eine Spondylarthrose L4-L5 beidseits.",
                [("L3-L4 endplates", "present")],
            ),
            (
                "Es zeigt sich ein Knochenmarködem von Hüftkopf und Schenkelhals. Das Acetabulum"
                " ist ödemfrei. Eine Frakturlinie sehen wir nicht. Wir teilen die Einschätzung"
                " einer transienten Osteoporose (Knochenmarködem-Syndrom).",
                [
                    ("femoral head", "present"),
                    ("femoral neck", "present"),
                    ("acetabulum", "negated"),
                ],
            ),
            (
                "Spondylodiszitis LWK 2/3.\nMRT-Verlauf: In der Ausgangsuntersuchung (14.02.)"
                " ausgedehntes Ödem beider angrenzender Wirbelkörper. In der Kontrolle vom 28.03."
                " ist das Knochenmarködem in LWK 2 und LWK 3 regredient.",
                [("L2 vertebral body", "present"), ("L3 vertebral body", "present")],
            ),
            (
                "Das präoperative MRT hatte eine Knochenkontusion am lateralen Femurkondylus"
                " gezeigt. In der Kontroll-MRT ist das Ödem im Femurkondylus nicht mehr"
                " nachweisbar.",
                [("femoral condyle", "resolved")],
            ),
            (
                "In der Ausgangsuntersuchung (14.02.) ausgedehntes Ödem im Talus.",
                [("talus", "historical")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_spoken_level_numbers(self) -> None:
        got = _statuses(
            "LWK zwo mit keilförmiger Höhenminderung und Knochenmarködem des gesamten Wirbelkörpers.",
            "de",
        )
        assert got == [("L2 vertebral body", "present")]


class TestStructuredTemplates:
    """Lessons of the forty-second round: structured templates and their labels."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            ("de", "Modic-Veränderungen: keine", [("lumbar endplates", "negated")]),
            ("de", "Knochenmarködem: nein", [(None, "negated")]),
            ("de", "Knochenmarködem: ja, im Talus", [("talus", "present")]),
            ("en", "Bone marrow edema: none.", [(None, "negated")]),
            (
                "en",
                "12-month follow-up after the lateral femoral condyle bone bruise: no BML is now"
                " seen.",
                [("lateral femoral condyle", "resolved")],
            ),
            (
                "de",
                "Knorpel: Signalalteration und Oberflächenauffaserung an der lateralen"
                " Patellafacette (ICRS 2).",
                [],
            ),
            (
                "de",
                "ISG links: Fragliches kleines subchondrales Knochenmarködem sakral; rechts"
                " unauffällig.",
                [("sacrum", "uncertain"), (None, "negated")],
            ),
            (
                "de",
                "Fußwurzel: Knochenmarködem im Os cuboideum plantar.",
                [("cuboid", "present")],
            ),
            (
                "de",
                "Zunehmendes Marködem in der distalen Tibiametaphyse.",
                [("distal tibia", "present")],
            ),
            (
                "de",
                "Kein Knochenmarködem in Talus oder Os naviculare; die Malleolen ebenfalls ohne"
                " Kontusion.",
                [
                    ("talus", "negated"),
                    ("navicular", "negated"),
                    ("medial malleolus", "negated"),
                    ("lateral malleolus", "negated"),
                ],
            ),
            (
                "en",
                "The talus and both malleoli demonstrate entirely normal marrow signal.",
                [
                    ("talus", "negated"),
                    ("medial malleolus", "negated"),
                    ("lateral malleolus", "negated"),
                ],
            ),
            (
                "de",
                "Histologisch bestätigte sich ein nicht ossifizierendes Fibrom der distalen"
                " Tibiametaphyse, das in der MRT als exzentrische, T2-inhomogene Läsion imponierte.",
                [],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundFortyTwoTeachingLessons:
    """Lessons of the forty-second round's case reports and teaching texts."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "In der distalen Femurmetaphyse rechts eine lobulierte, T2-hyperintense Läsion mit"
                " ring- und bogenförmigen Verkalkungen, vereinbar mit einem Enchondrom, ohne"
                " perifokales Ödem.",
                [("distal femur", "negated")],
            ),
            (
                "Nach 7 Monaten war das Knochenmarksignal des linken Femurkopfes in allen Sequenzen"
                " wieder normalisiert.",
                [("femoral head", "resolved")],
            ),
            (
                "Kontusionen an der medialen Patellafacette und am ventrolateralen Anteil des"
                " lateralen Femurkondylus.",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "Fleckige T1-hypointense Areale in beiden distalen Femurmetaphysen, in der PD-fs nur"
                " gering signalangehoben, Epiphysen ausgespart – vereinbar mit Rekonversion zu"
                " blutbildendem Mark.",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortyThreeLessons:
    """Lessons of the forty-third blind round: a hospital system's export."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "KNIE LI. – Ossär: kein Kontusionsödem, insbes. nicht im MFC, LFC oder in der"
                " Patella.",
                [
                    ("medial femoral condyle", "negated"),
                    ("lateral femoral condyle", "negated"),
                    ("patella", "negated"),
                ],
            ),
            (
                "FUSS RE.: Flächiges KMÖ im Os cuboideum; Os naviculare und Talus hingegen ohne"
                " Signalalteration.",
                [("cuboid", "present"), ("navicular", "negated"), ("talus", "negated")],
            ),
            (
                "KNIE RE. Kontrolle. VU 01/2024: ausgedehntes BME LFC und LTP. Aktuell: LFC"
                " unauffällig, im LTP nur noch diskretes Rest-BME.",
                [("lateral femoral condyle", "resolved"), ("lateral tibial plateau", "present")],
            ),
            (
                "Kontusionsödem Taluskuppe medial sowie in der Spitze des Innenknöchels.",
                [("talus", "present"), ("medial malleolus", "present")],
            ),
            (
                "Befund: Diffuses KMÖ in Femurkopf und Schenkelhals li.\nBeurteilung: Bild eines"
                " transienten KMÖ-Syndroms li. (DD transiente Osteoporose).",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Vorbefund: Stressreaktion des re. Schenkelhalses.\nBefund: Das vorbeschriebene"
                " Knochenmarksödem im re. Schenkelhals ist nicht mehr nachweisbar. Li."
                " Schenkelhals mit regelrechtem Marksignal.",
                [("femoral neck", "resolved"), ("femoral neck", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_the_other_bones_are_no_resolution_of_a_known_one(self) -> None:
        got = _statuses("Außer dem bekannten Ödem in der Patella kein weiteres KMÖ.", "de")
        assert all(status != "resolved" for _, status in got)


class TestRoundFortyTwoAndThreeEnglishLessons:
    """Lessons of the forty-second and forty-third rounds' English."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "I would not call the faint STIR hyperintensity in the right greater trochanter"
                " definite marrow oedema; it is equivocal.",
                [("greater trochanter", "uncertain")],
            ),
            (
                "Marrow oedema in the left ischial tuberosity apophysis is likely due to chronic"
                " hamstring traction rather than an acute avulsion.",
                [("ischial tuberosity", "present")],
            ),
            (
                "No BML was seen in the lateral tibial plateau, where a grade 2 lesion had been"
                " scored at baseline.",
                [("lateral tibial plateau", "resolved")],
            ),
            (
                "Degenerative disc disease at the lumbosacral junction with dark T1 and T2"
                " endplate sclerosis (Modic type III).",
                [("L5-S1 endplates", "present")],
            ),
            (
                "Mild STIR hyperintensity in both distal femoral metaphyses, sparing the epiphyses;"
                " appearances are of haematopoietic marrow reconversion.",
                [],
            ),
            (
                "MRI LEFT TIBIA AND FIBULA: Endosteal marrow oedema along the posteromedial cortex"
                " of the distal third of the tibial shaft.",
                [("tibial shaft", "present")],
            ),
            (
                "Bone marrow oedema on the iliac side of the left sacroiliac joint, whereas the"
                " right joint was normal.",
                [("ilium", "present"), (None, "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected

    def test_a_known_finding_called_red_marrow_in_german(self) -> None:
        text = (
            "In der distalen Femurmetaphyse flaue Signalanhebung in der PD-fs; es handelt sich um"
            " inselförmiges blutbildendes Knochenmark."
        )
        assert _statuses(text, "de") == []


class TestRoundFortyFourLessons:
    """Lessons of the forty-fourth blind round: surgery, paediatrics, rheumatology."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Kein Knochenmarködem im medialen oder lateralen Femurkondylus.",
                [("medial femoral condyle", "negated"), ("lateral femoral condyle", "negated")],
            ),
            (
                "en",
                "Bone bruises of the medial and lateral femoral condyles.",
                [("medial femoral condyle", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "de",
                "Im Talus kann ein Knochenmarködem weder sicher nachgewiesen noch ausgeschlossen"
                " werden.",
                [("talus", "uncertain")],
            ),
            (
                "de",
                "Neu aufgetretenes Eckenödem an der ventrokranialen Kante von BWK 10"
                " (Romanus-Läsion).",
                [("T10 vertebral body", "present")],
            ),
            (
                "de",
                "BME sakral bds. mit einem SPARCC-Score von 12, zusätzlich Erosionen iliakal links.",
                [("sacrum", "present")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundFortyFiveLessons:
    """Lessons of the forty-fifth blind round: hand and shoulder surgery, a city hospital."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Frakturlinie durch das Tuberculum majus ohne Dislokation, umgeben von ausgedehntem"
                " Knochenmarködem.",
                [("greater tuberosity", "present")],
            ),
            (
                "Diffuses Knochenmarködem des gesamten Os lunatum rechts; Ulna-Minusvariante 2 mm.",
                [("lunate", "present")],
            ),
            (
                "Nach distaler Radiusfraktur links fleckiges Knochenmarködem in mehreren"
                " Handwurzelknochen.",
                [("carpal bones", "present")],
            ),
            (
                "Talus, Innen- und Außenknöchel sowie Kalkaneus ohne Knochenmarködem.",
                [
                    ("talus", "negated"),
                    ("medial malleolus", "negated"),
                    ("lateral malleolus", "negated"),
                    ("calcaneus", "negated"),
                ],
            ),
            (
                "Handgelenk li: KMÖ Os hamatum u. Basis MHK IV/V, DD Kontusion nach Faustschlag.",
                [
                    ("hamate", "present"),
                    ("fourth metacarpal", "present"),
                    ("fifth metacarpal", "present"),
                ],
            ),
            (
                "Bandscheibenvorfall BWK 7/8 rechts, das sequestrierte Bandscheibengewebe ödematös"
                " aufgequollen.",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortyFiveMoreLessons:
    """More lessons of the forty-fifth round."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "LWK 2 inzwischen ohne Ödem, in LWK 3 noch residuelles, deutlich kleineres Ödem"
                " entlang der Deckplatte.",
                [("L2 vertebral body", "resolved"), ("L3 vertebral body", "present")],
            ),
            (
                "Ödemverdächtige Signalanhebung im Os cuboideum, ggf. Artefakt.",
                [("cuboid", "uncertain")],
            ),
            (
                "Os lunatum mit flauer Signalanhebung radialseitig – ödemverdächtig, DD"
                " Partialvolumeneffekt.",
                [("lunate", "uncertain")],
            ),
            (
                "Diskretes Restödem im Talus nach konservativ behandelter Kontusion, ansonsten"
                " ausgeheilter Befund.",
                [("talus", "present")],
            ),
            (
                "Das auswärts angefertigte MRT zeigt nach stattgehabter Patellaluxation ein"
                " Kontusionsödem am medialen Patellarand.",
                [("patella", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortySixLessons:
    """Lessons of the forty-sixth blind round: older adults' lower limbs."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Insuffizienzfraktur des oberen Schambeinastes links mit perifokalem Ödem im"
                " Knochenmark. Kontralateral kein Ödem, Symphyse ohne Erguss.",
                [("superior pubic ramus", "present"), (None, "negated")],
            ),
            (
                "Deutlich rückläufiges, nur noch geringes Restödem im linken Femurkopf, Kontur"
                " regelrecht, kein Gelenkerguss mehr.",
                [("femoral head", "present")],
            ),
            (
                "Subchondrale Insuffizienzfraktur lat. Femurkondyle li. mit umgebendem Ödem. Im"
                " übrigen kein KM-Ödem.",
                [("lateral femoral condyle", "present"), (None, "negated")],
            ),
            (
                "Flüssigkeit in der Bursa trochanterica rechts und ausgedehntes subkutanes Ödem"
                " lateral der Hüfte.",
                [],
            ),
            (
                "Posteromediale Tibiakante beidseits mit schmalem periostalem Ödem, Markraum und"
                " Kortikalis regelrecht.",
                [("tibial shaft", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortySixEnglishLessons:
    """Lessons of the forty-sixth round's English: sports medicine."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Diffuse marrow oedema through the scaphoid waist with no cortical breach or"
                " fracture line (scaphoid bone bruise); the lunate and capitate show normal marrow"
                " signal.",
                [("scaphoid", "present"), ("lunate", "negated"), ("capitate", "negated")],
            ),
            (
                "Contusions at the medial shoulder of the talar dome and the congruent articular"
                " face of the medial malleolus.",
                [("talus", "present"), ("medial malleolus", "present")],
            ),
            (
                "9 mm lobulated lesion in the proximal tibial metaphysis, T1 intermediate and T2"
                " bright with punctate low-signal matrix: incidental enchondroma.",
                [],
            ),
            (
                "Stress fracture of the left inferior pubic ramus near the symphysis, with"
                " surrounding marrow oedema.",
                [("inferior pubic ramus", "present")],
            ),
            (
                "Thin rim of periosteal oedema along the tibial shaft without intramedullary signal"
                " change (grade 1 stress reaction).",
                [("tibial shaft", "negated")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected


class TestRoundFortySevenLessons:
    """Lessons of the forty-seventh blind round: the foot and ankle."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Rückläufiges Knochenmarködem in Os cuboideum und Os naviculare, das Os cuneiforme"
                " intermedium ist inzwischen ödemfrei.",
                [
                    ("cuboid", "present"),
                    ("navicular", "present"),
                    ("intermediate cuneiform", "resolved"),
                ],
            ),
            (
                "Grenzwertige Signalanhebung im Os cuneiforme mediale, ggf. beginnendes Ödem.",
                [("medial cuneiform", "uncertain")],
            ),
            (
                "Knochenmarksödem os cuboideum u. proc. ant. calcanei li., dd nussknacker-kontusion.",
                [("cuboid", "present"), ("calcaneus", "present")],
            ),
            ("Subkutanes Kontusionsödem und kleines Hämatom am lateralen Fußrand.", []),
            (
                "Längsriss der Peroneus-brevis-Sehne in Höhe der Fibulaspitze mit diskretem Ödem im"
                " Muskelbauch des M. peroneus brevis.",
                [],
            ),
            (
                "Coalitio calcaneonavicularis mit subkortikalem Ödem sowohl im Processus anterior"
                " calcanei als auch im lateralen Naviculare.",
                [("calcaneus", "present"), ("navicular", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortySevenMoreLessons:
    """More lessons of the forty-seventh round: the knee."""

    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            (
                "de",
                "Knochenprellungen an der medialen Patellafacette sowie ventrolateral am lateralen"
                " Femurkondylus.",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            (
                "de",
                "Knochenmarködem ventral im Tibiakopf, beide Femurkondylen ohne Kontusion.",
                [
                    ("proximal tibia", "present"),
                    ("medial femoral condyle", "negated"),
                    ("lateral femoral condyle", "negated"),
                ],
            ),
            (
                "en",
                "No contusion of both femoral condyles.",
                [("medial femoral condyle", "negated"), ("lateral femoral condyle", "negated")],
            ),
            (
                "de",
                "Lobulierte, T2-hyperintense Läsion in der distalen Femurmetadiaphyse, ohne"
                " perifokales Ödem – am ehesten Enchondrom.",
                [("distal femur", "negated")],
            ),
        ],
    )
    def test_reads(self, lang: str, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected


class TestRoundFortyEightLessons:
    """Lessons of the forty-eighth blind round: spine and the North."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Der Schenkelhals ist inzwischen wieder signalnormal.",
                [("femoral neck", "resolved")],
            ),
            ("Der Schenkelhals ist signalnormal.", [("femoral neck", "negated")]),
            (
                "Neu gegenüber der Voruntersuchung: Grundplatteneinbruch TH12 mit bandförmigem KMÖ"
                " unterhalb der Grundplatte.",
                [("T12 vertebral body", "present")],
            ),
            (
                "Flaues Knochenmarködem in der re. Massa lateralis S1/S2 mit T1-hypointenser"
                " Frakturlinie.",
                [("sacral ala", "present")],
            ),
            (
                "Regredientes Knochenmarködem in BWK 9 und BWK 10 bei bekannter Spondylodiszitis"
                " Th9/10.",
                [("T9 vertebral body", "present"), ("T10 vertebral body", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortyEightLetterLessons:
    """Lessons of the forty-eighth round's physician letters."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Anamnese: Marathonläuferin mit Vorfußschmerzen rechts.\nMRT re. Vorfuß:"
                " Knochenmarködem im distalen Schaft des Os metatarsale II.",
                [("second metatarsal", "present")],
            ),
            (
                "Fleckige, in T1 muskelisointense Areale in der distalen Femurmetaphyse, vereinbar"
                " mit Blutbildungsreconversion (rotes Mark).",
                [],
            ),
            (
                "MRT beider Unterschenkel mit Periostödem entlang der posteromedialen Tibiakante"
                " sowie begleitendem Ödem am Soleusursprung.",
                [],
            ),
            (
                "Kontusionsödem im Trochanter major, keine okkulte Schenkelhalsfraktur; Femurkopf"
                " und Schenkelhals sind vom Ödem ausgespart.",
                [
                    ("greater trochanter", "present"),
                    ("femoral head", "negated"),
                    ("femoral neck", "negated"),
                ],
            ),
            (
                "Initiales MRT: Knochenmarködem an der medialen Patellafacette und am lateralen"
                " Femurkondylus. Im Kontroll-MRT residuelles Ödem am lateralen Femurkondylus, die"
                " Patella ist ödemfrei.",
                [("lateral femoral condyle", "present"), ("patella", "resolved")],
            ),
            (
                "Knochenmarksödem im Os naviculare re. mit beginnender Stressfraktur DD M."
                " Müller-Weiss, Os cuneiforme mediale ebenfalls leicht ödematös.",
                [("navicular", "present"), ("medial cuneiform", "present")],
            ),
            (
                "Knochenmarködem (Osteitis) in Os capitatum und Os hamatum; Erosion am Processus"
                " styloideus ulnae ohne umgebendes Ödem.",
                [("capitate", "present"), ("hamate", "present"), ("ulnar styloid", "negated")],
            ),
            (
                "Osteitis mit Knochenmarködem im Os lunatum und Os triquetrum, kleine Erosion am"
                " Processus styloideus ulnae.",
                [("lunate", "present"), ("triquetrum", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFortyNineLessons:
    """Lessons of the forty-ninth blind round: the hip and pelvis."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Femurkopfnekrose rechts mit begleitendem ausgedehntem Knochenmarködem in Kopf und"
                " Schenkelhals.",
                [("femoral head", "present"), ("femoral neck", "present")],
            ),
            (
                "Isolierte Fraktur des Trochanter major rechts mit Knochenmarködem, keine"
                " Ausdehnung von Frakturlinie oder Ödem nach intertrochantär.",
                [("greater trochanter", "present"), ("intertrochanteric region", "negated")],
            ),
            (
                "Os sacrum, Ossa ilia, Scham- und Sitzbeine beidseits mit regelrechtem"
                " Knochenmarksignal.",
                [
                    ("sacrum", "negated"),
                    ("ilium", "negated"),
                    ("pubis", "negated"),
                    ("ischium", "negated"),
                ],
            ),
            (
                "Proximale Femora, Acetabula und Schambeine beidseits sowie Os sacrum ohne"
                " Knochenmarködem. Weichteilödem über dem rechten Trochanter major, Ödem im M."
                " gluteus medius rechts.",
                [
                    ("proximal femur", "negated"),
                    ("acetabulum", "negated"),
                    ("pubis", "negated"),
                    ("sacrum", "negated"),
                ],
            ),
            ("Überweisung Orthopädie – Verdachtsdiagnose: Knochenmarködem Hüfte li.?", []),
            (
                "Rundliche, in T1 hypointense Markraumläsion im rechten Os ilium, in der STIR"
                " hyperintens mit Kontrastmittelaufnahme – metastasensuspekt.",
                [],
            ),
            (
                "Os pubis und beide Acetabula ohne Signalauffälligkeit.",
                [("pubis", "negated"), ("acetabulum", "negated")],
            ),
            (
                "STIR-hyperintense Herde in beiden proximalen Femora, vereinbar mit Manifestationen"
                " des bekannten multiplen Myeloms.",
                [],
            ),
            (
                "Das Ödem betrifft nahezu den gesamten Talus einschließlich Kopf und Hals.",
                [("talus", "present")],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFiftyLessons:
    """Lessons of the fiftieth blind round."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Plantarfasziitis mit perifaszialem Ödem; ein begleitendes Knochenmarködem im Tuber"
                " calcanei besteht nicht.",
                [("calcaneus", "negated")],
            ),
            (
                "Das bekannte subchondrale Ödem (BML) im medialen Tibiaplateau ist gegenüber 2023"
                " größenkonstant.",
                [("medial tibial plateau", "present")],
            ),
            (
                "Das Knochenmarködem beschränkt sich auf die laterale Patellafacette; Femurtrochlea"
                " und Tibiakopf sind ausgespart.",
                [
                    ("patella", "present"),
                    ("femoral trochlea", "negated"),
                    ("proximal tibia", "negated"),
                ],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFiftyOneLessons:
    """Lessons of the fifty-first and fifty-second blind rounds."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # normal marrow "now": what the prior study showed has resolved
            (
                "Befund: Femorotibial jetzt regelrechtes Knochenmarksignal.",
                [(None, "resolved")],
            ),
            # a vertebra named by its abbreviation is a bone for a bare "ohne Ödem"
            (
                "BWK 7 keilförmig deformiert, Signal fettmarkisointens, ohne Ödem.",
                [("T7 vertebral body", "negated")],
            ),
            # the second place of an elliptic clause as a position adverb, or as a remainder
            (
                "Das Knochenmarködem sakral rechts ist deutlich rückläufig, iliakal rechts nicht"
                " mehr nachweisbar.",
                [("sacrum", "present"), ("ilium", "resolved")],
            ),
            (
                "Deutlich rückläufiges Knochenmarködem im lateralen Femurkondylus; im"
                " posterolateralen Tibiaplateau nur noch residuell flau abgrenzbar.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "Bei Bewegungsartefakten ist ein geringes Ödem in der Basis des Os metatarsale V"
                " weder sicher nachzuweisen noch auszuschließen.",
                [("fifth metatarsal", "uncertain")],
            ),
            # "sodass" starts a new statement: the negated fracture line is not the diagnosis
            (
                "Knochenmarködem im Os metatarsale II; eine Frakturlinie war nicht abgrenzbar,"
                " sodass eine Stressreaktion diagnostiziert wurde.",
                [("second metatarsal", "present")],
            ),
            # a nerve root's swelling is no marrow
            (
                "LWK 4/5: Bandscheibenvorfall mit Kompression der Wurzel L5 links, die ödematös"
                " verdickt erscheint.",
                [],
            ),
            # "intramedulläres Ödem" is the cord's as often as the bone's
            (
                "HWS: Bandscheibenvorfall HWK 5/6 mit Myelonkompression und intramedullärem Ödem.",
                [],
            ),
        ],
    )
    def test_reads(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            # denied only as definite, beside a hedge: in doubt
            (
                "Equivocal faint STIR hyperintensity in the lunate, not convincingly above"
                " background; no definite marrow oedema.",
                "en",
                [("lunate", "uncertain")],
            ),
            (
                "Fragliche, diskrete Signalanhebung im Pedikel LWK 4 in der STIR, DD"
                " Partialvolumeneffekt; ein eindeutiges Ödem liegt nicht vor.",
                "de",
                [("L4 pedicle", "uncertain")],
            ),
            # without a hedge, "no definite" stays a negation
            ("No definite marrow edema.", "en", [(None, "negated")]),
            ("Kein sicheres Knochenmarködem.", "de", [(None, "negated")]),
            # voice recognition: "know" for "no"
            ("There is know bone marrow edema or fracture.", "en", [(None, "negated")]),
            (
                "Previous lumbar MRI reported Modic type 1 changes at L4-L5. On today's study the"
                " L4-L5 endplate signal has normalised.",
                "en",
                [("L4-L5 endplates", "resolved")],
            ),
        ],
    )
    def test_statuses(self, text: str, lang: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, lang) == expected

    def test_letter_sections(self) -> None:
        """A referrer's question with its genitive is the indication; a letter's line that
        names a further MRI starts findings under the history."""
        letter = (
            "Fragestellung des Hausarztes: Knochenmarködem Fersenbein rechts?\n"
            "Befund: Druckschmerz am medialen Tuber calcanei."
        )
        assert _statuses(letter, "de") == []
        letter = (
            "Anamnese: Sturz vor 10 Tagen.\nCT Becken: Frakturlinie im Schambeinast rechts."
            " Ergänzende MRT vom 03.12.: ausgeprägtes Knochenmarködem im oberen Schambeinast"
            " rechts."
        )
        assert _statuses(letter, "de") == [("superior pubic ramus", "present")]

    def test_score_lines(self) -> None:
        """Lesion scores per subregion: grade 0 is none; "Femur medial" is the condyle."""
        text = (
            "MRT Knie links\nBML Femur medial: Grad 2 (zentral, subchondral)\n"
            "BML Femur lateral: Grad 0\nBML Patella: Grad 0"
        )
        assert _statuses(text, "de") == [
            ("medial femoral condyle", "present"),
            ("lateral femoral condyle", "negated"),
            ("patella", "negated"),
        ]
        assert _statuses("BML lateral tibial plateau: grade 0", "en") == [
            ("lateral tibial plateau", "negated")
        ]

    def test_template_lines_of_bones(self) -> None:
        """A line headed by a bone ends the indication; positions said in a bone's line are
        its parts."""
        report = (
            "MRT Hüfte rechts\nFragestellung: Nekrose?\n"
            "Femurkopf: Ausgedehntes Knochenmarködem, bis in den Schenkelhals reichend.\n"
            "Acetabulum: ohne Ödem."
        )
        assert _statuses(report, "de") == [
            ("femoral head", "present"),
            ("femoral neck", "present"),
            ("acetabulum", "negated"),
        ]
        knee = (
            "Femurkondylen: medial subchondral flächiges Knochenmarködem; lateral regelrechtes"
            " Markraumsignal.\nTibiaplateau: medial wie lateral unauffälliges Knochenmarksignal."
        )
        assert _statuses(knee, "de") == [
            ("medial femoral condyle", "present"),
            ("lateral femoral condyle", "negated"),
            ("medial tibial plateau", "negated"),
            ("lateral tibial plateau", "negated"),
        ]
        assert _statuses("Femurkondylen medial und lateral: kein Ödem.", "de") == [
            ("medial femoral condyle", "negated"),
            ("lateral femoral condyle", "negated"),
        ]

    def test_score_list_under_a_heading(self) -> None:
        """Rows of bones scored under a heading that names the finding."""
        text = (
            "MRT Kniegelenk links\nBML (Ausdehnung je Subregion, 0–3):\n– MFC zentral: 2\n"
            "– LFC: 0 | LTP: 0\n– Trochlea: 0\nKnorpel: medial vollschichtiger Defekt."
        )
        assert _statuses(text, "de") == [
            ("medial femoral condyle", "present"),
            ("lateral femoral condyle", "negated"),
            ("lateral tibial plateau", "negated"),
            ("femoral trochlea", "negated"),
        ]
        reading = read_report(text, lang="de")
        assert [m.kind for m in reading.edema] == ["bml"] * 4
        assert reading.edema[0].text == "2"

    def test_table_of_bones_with_an_edema_column(self) -> None:
        text = (
            "OSG links\nKnochen | Ödem | Fraktur\nTalus | ja, mediale Talusschulter | nein\n"
            "Distale Tibia | nein | nein\nKalkaneus | nein | Fissur"
        )
        assert _statuses(text, "de") == [
            ("talus", "present"),
            ("distal tibia", "negated"),
            ("calcaneus", "negated"),
        ]
        text = "Bone | Marrow edema | Fracture\nTalus | yes | no\nNavicular | no | no"
        assert _statuses(text, "en") == [("talus", "present"), ("navicular", "negated")]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # the injury the edema came after is no finding of its own
            (
                "Residuelles, deutlich regredientes Ödem im lateralen Tibiaplateau re. nach"
                " Kontusion im Oktober, Gelenkserguss resorbiert.",
                [("lateral tibial plateau", "present")],
            ),
            (
                "Verlaufskontrolle Knie rechts 6 Wochen nach Tibiakopfkontusion: Das"
                " Knochenmarködem im lateralen Tibiaplateau ist unverändert.",
                [("lateral tibial plateau", "present")],
            ),
            ("Zustand nach Kontusion des Talus.", [("talus", "historical")]),
            # Modic 1 turned into fat: the type 1 change has resolved
            (
                "Die Modic-I-Veränderungen L5/S1 sind inzwischen in eine Fettmarkkonversion"
                " (Modic II) übergegangen.",
                [("L5-S1 endplates", "resolved"), ("L5-S1 endplates", "present")],
            ),
            (
                "Osteochondrale Läsion an der medialen Talusschulter mit fraglichem geringem"
                " perifokalem Ödem.",
                [("talus", "uncertain")],
            ),
            (
                "Wirbelkörper mit altersentsprechendem Knochenmarksignal.",
                [("vertebral bodies", "negated")],
            ),
        ],
    )
    def test_round_fifty_three(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            # the femoral and tibial sides of the one compartment named
            (
                "Gonarthrose mit BML femoral und tibial im medialen Kompartiment.",
                "de",
                [("medial femoral condyle", "present"), ("medial tibial plateau", "present")],
            ),
            (
                "Medial compartment osteoarthritis with femoral and tibial subchondral BMLs.",
                "en",
                [("medial femoral condyle", "present"), ("medial tibial plateau", "present")],
            ),
            # "no new edema": none elsewhere, of no bone
            (
                "Das Knochenmarködem im lateralen Tibiaplateau hat sich vollständig"
                " zurückgebildet, kein neues Ödem.",
                "de",
                [("lateral tibial plateau", "resolved"), (None, "negated")],
            ),
            ("Stabile Befunde. Kein neues Ödem in der Muskulatur.", "de", []),
        ],
    )
    def test_compartments_and_no_new_edema(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # bones marked one by one
            (
                "Knochenmark: KMÖ MFC (+), MTP (+), LFC (–), LTP (–).",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            # score rows without colons, a part carrying the bone before it
            (
                "BML je Subregion (Größe 0–3):\nMFC zentral 2 | posterior 1\n"
                "MTP zentral 2 | posterior 0\nLFC 0 | LTP 0",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            # a suspicion before the study is ordered is no finding
            ("V. a. Knochenmarködem Os naviculare links, MRT angemeldet.", []),
            # a Hill-Sachs lesion is of the humeral head
            (
                "Hill-Sachs-Delle unverändert, das initial begleitende Ödem ist nicht mehr"
                " nachweisbar.",
                [("humeral head", "resolved")],
            ),
            # "then ..., now only ...": the same edema, now, improved
            (
                "Vergleich mit der Voruntersuchung: damals ausgeprägtes Knochenmarködem im"
                " lateralen Tibiaplateau, jetzt nur noch schmaler subchondraler Ödemsaum.",
                [("lateral tibial plateau", "present")],
            ),
        ],
    )
    def test_round_fifty_four(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Deutliches Knochenmarködem im Os lunatum, im angrenzenden Skaphoid allenfalls"
                " diskret, DD Partialvolumeneffekt.",
                [("lunate", "present"), ("scaphoid", "uncertain")],
            ),
            (
                "LWK 5/SWK 1: Die vorbeschriebenen Modic-I-Veränderungen sind nicht mehr"
                " nachweisbar, es hat sich eine fettige Konversion im Sinne von Modic II"
                " eingestellt.",
                [("L5-S1 endplates", "resolved"), ("L5-S1 endplates", "present")],
            ),
            # fat conversion described without a type 1 change before is no conversion
            (
                "Im Segment LW5/SW1 fettige Konversion der angrenzenden Abschlussplatten (Modic"
                " Typ 2).",
                [("L5-S1 endplates", "present")],
            ),
            (
                "Hüfte re.: Umschriebenes Knochenmarködem am medialen Schenkelhals. Bei bekannter"
                " Laufanamnese am ehesten Stressreaktion.",
                [("medial femoral neck", "present")],
            ),
            # the knee's abbreviation among the ankle's bones: the fibulocalcaneal ligament
            (
                "Bone bruise am medialen Talusdom und an der Innenknöchelspitze, LFTA rupturiert,"
                " LFC intakt.",
                [("talus", "present"), ("medial malleolus", "present")],
            ),
            ("KMÖ MFK u. MTP li., a.e. aktivierte Gonarthrose.", None),
            ("Enchondrom in der Grundphalanx D IV li., lobuliert, T2-hyperintens.", []),
        ],
    )
    def test_round_fifty_four_more(
        self, text: str, expected: list[tuple[str | None, str]] | None
    ) -> None:
        if expected is None:  # "MFK" is a metatarsal or the medial condyle: MTP stays
            assert ("medial tibial plateau", "present") in _statuses(text, "de")
        else:
            assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            # the same bone of the other side is another finding
            (
                "Das Knochenmarködem im rechten Femurkopf ist regredient, während sich im linken"
                " Femurkopf ein neues, flächiges Ödem demarkiert.",
                "de",
                [("femoral head", "present"), ("femoral head", "present")],
            ),
            (
                "Osteochondrosis dissecans am medialen Femurkondylus, kein Flüssigkeitssaum an"
                " der Grenzzone, lediglich geringes Knochenmarködem im Mausbett.",
                "de",
                [("medial femoral condyle", "present")],
            ),
            (
                "Die 2019 als Modic I beschriebenen Endplattenveränderungen LW4/5 sind inzwischen"
                " in eine Modic-II-Konversion übergegangen.",
                "de",
                [("L4-L5 endplates", "resolved"), ("L4-L5 endplates", "present")],
            ),
            ("LWK 2 jetzt ohne Ödem.", "de", [("L2 vertebral body", "resolved")]),
            (
                "MRT ext.: VKB-Ruptur, Knochenmarködem lat. Tibiakopf dorsal, Innenband I°,"
                " Meniski o.B.",
                "de",
                [("lateral tibial plateau", "present")],
            ),
            (
                "The L1 compression fracture is again seen, now without marrow oedema.",
                "en",
                [("L1 vertebral body", "resolved")],
            ),
            (
                "The third metatarsal, abnormal on the prior study, has normalized.",
                "en",
                [("third metatarsal", "resolved")],
            ),
            (
                "The medial femoral condyle is now normal in signal.",
                "en",
                [("medial femoral condyle", "resolved")],
            ),
            # voice recognition
            (
                "There is bone bruising in the lateral femoral candle. Small bone brews in the"
                " talar dome.",
                "en",
                [("lateral femoral condyle", "present"), ("talus", "present")],
            ),
            ("No capitellar edema.", "en", [("capitellum", "negated")]),
            (
                "There is bone brushing of the lateral femoral condyle.",
                "en",
                [("lateral femoral condyle", "present")],
            ),
            (
                "Marrow oedema in the distal clavicle; the acromial side of the joint is spared.",
                "en",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
        ],
    )
    def test_round_fifty_five(
        self, text: str, lang: str, expected: list[tuple[str | None, str]]
    ) -> None:
        assert _statuses(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # the finding's own predicate says how it ends
            (
                "Das im Februar ausgedehnte, im April bereits deutlich regrediente"
                " Knochenmarködem des rechten Hüftkopfes hat sich inzwischen vollständig"
                " zurückgebildet.",
                [("femoral head", "resolved")],
            ),
            (
                "Das Knochenmarködem im MFC ist teilweise zurückgebildet.",
                [("medial femoral condyle", "present")],
            ),
            # a referral that orders the MRI: its suspicion is no finding
            (
                "Überweisung Orthopädie: Schmerzen rechtes Knie medial, klinisch V. a."
                " Knochenmarködem, DD Meniskusläsion. Erbeten: MRT Knie re. nativ.",
                [],
            ),
            ("V.a. Knochenmarködem im Talus.", [("talus", "uncertain")]),
            (
                "knochmarksödemm im med tibiaplateau re, ca 2 cm, subchondral.",
                [("medial tibial plateau", "present")],
            ),
            (
                "Neue Stressreaktion des Cuneiforme intermedium.",
                [("intermediate cuneiform", "present")],
            ),
        ],
    )
    def test_round_fifty_six(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    def test_list_with_an_aside(self) -> None:
        text = (
            "Subchondrales ödemäquivalentes Signal im medialen Tibiaplateau und – geringer – in"
            " der medialen Femurkondyle."
        )
        assert _statuses(text, "de") == [
            ("medial tibial plateau", "present"),
            ("medial femoral condyle", "present"),
        ]

    def test_normal_now_in_english(self) -> None:
        assert _statuses(
            "The medial femoral condyle now demonstrates normal marrow signal.", "en"
        ) == [("medial femoral condyle", "resolved")]


class TestRoundFiftySevenLessons:
    """Lessons of the fifty-seventh blind round."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # a new finding "not present previously" is new, not absent
            (
                "There is a new bone bruise in the medial femoral condyle which was not present"
                " previously.",
                [("medial femoral condyle", "present")],
            ),
            # a hedge on the cause does not lift a hedge on the edema itself
            (
                "Equivocal faint marrow oedema in the second metatarsal, possibly an early stress"
                " response.",
                [("second metatarsal", "uncertain")],
            ),
            (
                "Faint marrow oedema in the second metatarsal, possibly an early stress response.",
                [("second metatarsal", "present")],
            ),
            # "has cleared" is resolved, "has partially cleared" improved
            (
                "The oedema in the talar neck is unchanged, whereas the oedema previously seen in"
                " the anterior calcaneus has cleared.",
                [("talus", "present"), ("calcaneus", "resolved")],
            ),
            ("The calcaneal oedema has partially cleared.", [("calcaneus", "present")]),
            # a side of a joint spared, said without a verb
            (
                "Subchondral oedema in the iliac portions of both sacroiliac joints, sacral sides"
                " spared.",
                [("ilium", "present"), ("sacrum", "negated")],
            ),
            (
                "Oedema in the talus, the calcaneus is not spared.",
                [("talus", "present"), ("calcaneus", "present")],
            ),
            # normal T1 marrow signal beside edema on STIR is fat, not a negation
            (
                "Marrow oedema on the axial STIR images in the tibial shaft. The T1 marrow signal"
                " is normal.",
                [("tibial shaft", "present")],
            ),
            # "these appearances have resolved": the prior finding retold just before
            (
                "Comparison is made with the MRI of 6 months ago, which demonstrated marrow oedema"
                " in the talar body. These appearances have now completely resolved.",
                [("talus", "resolved")],
            ),
            # a type 1 component resolved, "leaving" type 2
            (
                "L4-L5: The oedematous (type 1) component of the endplate change has resolved,"
                " leaving type 2 (fatty) Modic change.",
                [("L4-L5 endplates", "resolved"), ("L4-L5 endplates", "present")],
            ),
            # a mention placed right after it does not also take the levels of another finding
            (
                "Degenerative disc disease L3/4 to L5/S1, with active type 1 endplate change at"
                " L4/5.",
                [("L4-L5 endplates", "present")],
            ),
        ],
    )
    def test_english(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # edema of one endplate, in one word
            (
                "Keine frische Fraktur abgrenzbar, jedoch diskretes Deckplattenödem LWK 3.",
                [("L3 vertebral body", "present")],
            ),
            ("Grundplattenödem LWK 2.", [("L2 vertebral body", "present")]),
            # Modic I no longer seen, Modic II now
            (
                "Das vormals beschriebene Modic-I-Ödem L5/S1 ist nicht mehr nachweisbar,"
                " inzwischen fettäquivalente Konversion der Abschlussplatten (Modic II).",
                [("L5-S1 endplates", "resolved"), ("L5-S1 endplates", "present")],
            ),
            # "nur noch minimal residual" as an elliptic clause is the edema, improved
            (
                "In der Voruntersuchung noch ausgedehntes Ödem im Os cuboideum und im Calcaneus;"
                " aktuell im Cuboid nur noch minimal residual, im Calcaneus vollständig"
                " zurückgebildet.",
                [("cuboid", "present"), ("calcaneus", "resolved")],
            ),
            # a residual edema refers to the one before; "keine neuen Ödemherde" is none besides
            (
                "Voruntersuchung: ausgedehntes Knochenmarködem im Os cuneiforme intermedium links."
                " Aktuell: nur noch geringes residuelles Ödem, keine neuen Ödemherde im"
                " Fußskelett.",
                [("intermediate cuneiform", "present"), (None, "negated")],
            ),
            # a compartment without a bruise
            (
                "MRT Knie li. Bone Bruise im lateralen Femurkondylus. Medial keine Kontusion.",
                [("lateral femoral condyle", "present"), (None, "negated")],
            ),
            # bones "weiterhin unauffällig"
            (
                "KMÖ MFC deutlich regredient. LFC und LTP weiterhin unauffällig.",
                [
                    ("medial femoral condyle", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            # "deutlich zurückgebildet" stays an improvement
            (
                "Das Kontusionsödem im lateralen Femurkondylus hat sich deutlich zurückgebildet.",
                [("lateral femoral condyle", "present")],
            ),
            ("KMÖ Malleolus lat. re. ohne Frakturspalt.", [("lateral malleolus", "present")]),
            # a phalanx's base in one word, in a toe's joint
            (
                "Aktivierte Arthrose im Großzehengrundgelenk mit subchondralem Ödem im"
                " Metatarsaleköpfchen I und in der Grundgliedbasis.",
                [("first metatarsal", "present"), ("proximal phalanx", "present")],
            ),
            (
                "Das Kontroll-MRT zeigt keinerlei Restödem im Os metatarsale II mehr.",
                [("second metatarsal", "resolved")],
            ),
            # a bone in brackets that name another finding is that finding's
            (
                "Neue Sinterungsfraktur LWK 4 mit frischem Knochenmarködem (Anschlussfraktur"
                " unterhalb der Kyphoplastie LWK 3); LWK 3 selbst ohne Ödem.",
                [("L4 vertebral body", "present"), ("L3 vertebral body", "negated")],
            ),
            (
                "Diagnose: Z.n. Patellaluxation re. (MRT 06/24: MPFL-Ruptur, Bone bruise mediale"
                " Patellafacette u. ventrolateraler LFC)",
                [("patella", "present"), ("lateral femoral condyle", "present")],
            ),
            # a referral that retells what the MRI showed keeps its hedged finding
            (
                "Überweisung zur MRT: Golfer mit Schmerzen am Hypothenar. Im MRT fraglich"
                " beginnendes Ödem im Hamulus ossis hamati.",
                [("hamate", "uncertain")],
            ),
            # "BB" is a bone bruise before its place; not the blood count
            (
                "VKB-Ruptur, BB LFC/LTP dors., IM-HH intakt.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            (
                "MR-Vorbefund auswärts: ausgeprägter BB am LFC re. Heute MR-Kontrolle: kein BB"
                " mehr abgrenzbar.",
                [("lateral femoral condyle", "resolved")],
            ),
            ("Labor: BB unauffällig, CRP 3.", []),
            # a diagnosis carried from the sentence before is not of the bone it spared
            (
                "MR Becken: Diffuses Knochenmarködem in Femurkopf und Schenkelhals li., das"
                " Azetabulum ist ausgespart. Am ehesten transientes Knochenmarködemsyndrom.",
                [
                    ("femoral head", "present"),
                    ("femoral neck", "present"),
                    ("acetabulum", "negated"),
                ],
            ),
            # a hedge on the edema after a hedged label hedges the described signal
            (
                "Diskrete STIR-Hyperintensität im medialen Schenkelhals links, V.a. beginnende"
                " Stressreaktion mit möglichem frühen Knochenmarködem.",
                [("medial femoral neck", "uncertain")],
            ),
            (
                "MR re. Knie: Innenband aufgelockert; VKB intakt. Knöcherne Strukturen ohne"
                " Kontusionszeichen.",
                [(None, "negated")],
            ),
            ("MRT Schulter li.\nAC-Gelenk: Arthrose ohne Ödem.", [(None, "negated")]),
            # an ankle report's LFC is the ligament
            ("MR OSG li.: Ruptur des LFTA, Teilruptur des LFC, Syndesmose intakt.", []),
            # a label without a bone is of its own sentence's finding first
            (
                "Röntgen inkl. Navikulare-Serie ohne Frakturnachweis. MRI Handgelenk li.:"
                " Knochenmarködem im Skaphoid, eine Frakturlinie ist nicht abgrenzbar; am"
                " ehesten ossäre Kontusion.",
                [("scaphoid", "present")],
            ),
            # a bone a phrase spared is not the place of a mention without one
            (
                "In der Kontroll-MR Zunahme des KMÖ mit nun abgrenzbarer Frakturlinie, das"
                " mediale Tibiaplateau ist ödemfrei.",
                [(None, "present"), ("medial tibial plateau", "negated")],
            ),
            (
                "Signalanhebung beider angrenzender Abschlussplatten LWK 3/4 in STIR.",
                [("L3-L4 endplates", "present")],
            ),
        ],
    )
    def test_german(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected


class TestRoundFiftyEightLessons:
    """Lessons of the fifty-eighth blind round."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # a Kellgren-Lawrence grade is no lumbar level
            (
                "Gonarthrose medial betont (K-L 3) mit subchondralen BML im medialen Tibiaplateau.",
                [("medial tibial plateau", "present")],
            ),
            # a normal bone after a numbered list's number
            (
                "Beurt.: 1. Ausgepr. KMÖ MFC u. MTP. 2. LTP o.B.",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            # an elliptic clause with a side as its place: that side of the bone before
            (
                "Jetzt auch rechts Knochenmarködem im Femurkopf; links deutlich rückläufig.",
                [("femoral head", "present"), ("femoral head", "present")],
            ),
            # "übrige Kompartimente ohne Ödem": the rest, of no bone
            (
                "Knochenmark: subchondrales Knochenmarködem im medialen Tibiaplateau, übrige"
                " Kompartimente ohne Ödem.",
                [("medial tibial plateau", "present"), (None, "negated")],
            ),
            # the next vertebra by its number alone
            (
                "BWK 8 mit Deckplatteneinsenkung und Knochenmarködem; BWK 6 und 7 ohne Ödem.",
                [
                    ("T8 vertebral body", "present"),
                    ("T6 vertebral body", "negated"),
                    ("T7 vertebral body", "negated"),
                ],
            ),
            # "V. a." with a space hedges the label, not the described signal
            (
                "STIR-Signalanhebung im Markraum am linken Schenkelhals, V. a. beginnende"
                " Stressreaktion.",
                [("femoral neck", "present")],
            ),
            (
                "Abflachung des Capitulum humeri; ein begleitendes Ödem ist bei"
                " Bewegungsartefakten nicht sicher zu beurteilen.",
                [("capitellum", "uncertain")],
            ),
            ("Ein Knochenmarködem im Talus ist nicht beurteilbar.", [("talus", "uncertain")]),
            # the other side's joint called normal
            (
                "Subchondrales Knochenmarködem iliakal am linken ISG, sakral kein Ödem; rechtes"
                " ISG unauffällig.",
                [("ilium", "present"), ("sacrum", "negated"), (None, "negated")],
            ),
            # the growth plate is no marrow
            (
                "Knie li.: Knochenmarködem medialer Tibiakopf metaphysär fugennah, Fuge selbst"
                " unauffällig.",
                [("medial tibial plateau", "present")],
            ),
            # names: Sakrumala, Kopf-Hals-Übergang, Trochantermassiv, Kalkaneusapophyse
            (
                "Regredientes Ödem in der linken Sakrumala, jedoch neu aufgetretenes"
                " Knochenmarködem im Os pubis links.",
                [("sacral ala", "present"), ("pubis", "present")],
            ),
            (
                "Cam-Deformität am Kopf-Hals-Übergang rechts mit kleinem subkortikalem Ödem;"
                " acetabulär kein Ödem.",
                [("femoral neck", "present"), ("acetabulum", "negated")],
            ),
            # the bone of a cam deformity is not the place of the acetabulum's edema
            (
                "Cam-Deformität am anterosuperioren Kopf-Hals-Übergang rechts, Labrumriss sowie"
                " subchondrale ödematöse Signalanhebung im Pfannendach.",
                [("acetabulum", "present")],
            ),
            (
                "Schenkelhals li. mit Frakturlinie und umgebendem Knochenmarksoedem."
                " Trochantermassiv frei.",
                [("femoral neck", "present"), ("greater trochanter", "negated")],
            ),
            (
                "Beidseits signalangehobene Kalkaneusapophysen mit apophysennahem metaphysärem"
                " Ödem.",
                [("calcaneus", "present")],
            ),
            # a hedge after a label reaches the edema the label names
            (
                "Ein geringes Knochenmarködem im Talus im Sinne einer Kontusion kann nicht sicher"
                " ausgeschlossen werden.",
                [("talus", "uncertain")],
            ),
            (
                "Die Modic-I-Veränderungen der Abschlussplatten LWK 4/5 sind vollständig in"
                " Modic-II-Veränderungen übergegangen.",
                [("L4-L5 endplates", "resolved"), ("L4-L5 endplates", "present")],
            ),
            # an edematous soft tissue named right after the adjective
            ("Z.n. Nukleotomie L4/5: ödematös aufgelockertes Bandscheibengewebe.", []),
            ("Ödematös verändertes Os lunatum.", [("lunate", "present")]),
            (
                "Knochenmarkoedem iliakal li. Re. ISG ohne Oedem.",
                [("ilium", "present"), (None, "negated")],
            ),
            ("Knochenmakrödem im Tallus lateral.", [("talus", "present")]),
            # a differential in the next sentence is of the finding before
            (
                "Ödematöse Signalanhebung der Grund- und Deckplatte LWK 3/4. DD erosive"
                " Osteochondrose, DD beginnende Spondylodiszitis.",
                [("L3-L4 endplates", "present")],
            ),
            # the endplates of a disc level named after them
            (
                "Ödemähnliche Signalalteration an den Endplatten des lumbosakralen Übergangs,"
                " Modic-Typ nicht sicher zuzuordnen (Typ 1 vs. gemischt 1/2).",
                [("L5-S1 endplates", "present")],
            ),
            # no edema beside a Modic change: none at its level
            (
                "Am lumbosakralen Übergang fettige Endplattenkonversion (Modic II), kein"
                " aktivierendes Ödem.",
                [("L5-S1 endplates", "present"), ("L5-S1 endplates", "negated")],
            ),
            (
                "Im Patellafirst fragliche, sehr diskrete Signalanhebung in PD-fs, möglicherweise"
                " geringes Ödem.",
                [("patella", "uncertain")],
            ),
            (
                "Subchondrale ödemähnliche Signalveränderung im proximalen Lunatum sowie"
                " korrespondierend im Triquetrum.",
                [("lunate", "present"), ("triquetrum", "present")],
            ),
            (
                "Ödem im Akromion und am lat. Klavikulaende.",
                [("acromion", "present"), ("distal clavicle", "present")],
            ),
            (
                "Knochenmarködem im Schenkelhals li. mit Frakturlinie. Femurkopf und Pfannendach"
                " unauffällig im Signal.",
                [
                    ("femoral neck", "present"),
                    ("femoral head", "negated"),
                    ("acetabulum", "negated"),
                ],
            ),
            (
                "Ödem im Os pubis re. parasymphysär sowie in der re. Massa lateralis des Os sacrum.",
                [("pubis", "present"), ("sacral ala", "present")],
            ),
            # a nerve called normal is no spared bone
            (
                "Knochenprellung des Fibulaköpfchens li. mit Markraumödem, N. peronaeus"
                " unauffällig.",
                [("fibular head", "present")],
            ),
            (
                "Das parasymphysäre Ödem rechts ist deutlich rückläufig, links unverändert"
                " geringgradig.",
                [("pubis", "present"), ("pubis", "present")],
            ),
            # the two vertebral bodies beside a disc level
            (
                "Kein Anhalt für eine Spondylodiszitis: Bandscheibe LWK 3/4 ohne"
                " Flüssigkeitssignal, die angrenzenden Wirbelkörper ohne Ödem.",
                [("L3 vertebral body", "negated"), ("L4 vertebral body", "negated")],
            ),
            # an endplate's rest of edema is its vertebral body's
            (
                "Das Knochenmarködem in LWK 4 und LWK 5 ist deutlich regredient, residuell noch"
                " schmaler Ödemsaum entlang der Grundplatte LWK 4.",
                [("L4 vertebral body", "present"), ("L5 vertebral body", "present")],
            ),
            # a posterior element, not the level of the other process before it
            (
                "Aktivierte Spondylarthrose L4/5 rechts mit Gelenkerguss und Knochenmarködem im"
                " Processus articularis superior LWK 5.",
                [("L5 posterior elements", "present")],
            ),
            # "aber" still ends a negation's scope
            (
                "Knie li.: keine Fraktur, aber kleiner Bone Bruise am Fibulaköpfchen.",
                [("fibular head", "present")],
            ),
        ],
    )
    def test_german(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Marrow oedema at the base of the fourth metatarsal. The fifth metatarsal base,"
                " which was oedematous on the previous study, now returns normal signal.",
                [("fourth metatarsal", "present"), ("fifth metatarsal", "resolved")],
            ),
            (
                "Oedema within the os trigonum and the adjacent posterior talar process.",
                [("os trigonum", "present"), ("talus", "present")],
            ),
            # the study's title ends a history section
            (
                "History: Fall at a construction site. MRI LEFT HINDFOOT: Extensive marrow oedema"
                " within the calcaneal body. The talus is spared.",
                [("calcaneus", "present"), ("talus", "negated")],
            ),
            # what a previous outside MRI reported, then gone
            (
                "The previous outside MRI (2023) reported a bone bruise of the lateral tibial"
                " plateau. On the current study there is no marrow oedema in the lateral tibial"
                " plateau.",
                [("lateral tibial plateau", "resolved")],
            ),
            (
                "Fluid signal in the L2-3 disc with edema of both adjacent vertebral bodies.",
                [("L2 vertebral body", "present"), ("L3 vertebral body", "present")],
            ),
        ],
    )
    def test_english(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected


class TestRoundSixtyLessons:
    """Lessons of the sixtieth blind round."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # a second opinion that does not confirm the outside report
            (
                "Das auswärts beschriebene Knochenmarködem im medialen Femurkondylus ist für uns"
                " nicht nachvollziehbar.",
                [("medial femoral condyle", "negated")],
            ),
            (
                "Die auswärts als Marködem der distalen Tibia interpretierte Signalanhebung"
                " entspricht einem Suszeptibilitätsartefakt durch die Stellschraube.",
                [("distal tibia", "negated")],
            ),
            (
                "Ein zusätzlich vermutetes Ödem in der Fibulaspitze lässt sich dagegen nicht"
                " verifizieren.",
                [("lateral malleolus", "negated")],
            ),
            # what was described before and is confirmed is seen now
            (
                "Die vorbeschriebene Talusprellung können wir bestätigen.",
                [("talus", "present")],
            ),
            (
                "Die vorbeschriebene Talusprellung können wir nicht bestätigen.",
                [("talus", "negated")],
            ),
            # bones scored 0 in a list, a list before its 0 included
            (
                "BML MFC Gr. 2, MTP Gr. 1, LFC und LTP 0, Patella 0.",
                [
                    ("medial femoral condyle", "present"),
                    ("medial tibial plateau", "present"),
                    ("lateral femoral condyle", "negated"),
                    ("lateral tibial plateau", "negated"),
                    ("patella", "negated"),
                ],
            ),
            (
                "KMÖ MFC, LTP 0.",
                [("medial femoral condyle", "present"), ("lateral tibial plateau", "negated")],
            ),
            ("KMÖ im Femurkopf 0,8 cm.", [("femoral head", "present")]),
            # a bone with its own negation ends the list of the edema before it
            (
                "AC-Gelenk: hypertrophe Arthrose mit subchondralem Ödem in der lat. Clavicula,"
                " Akromion ohne Ödem.",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
            (
                "Ödem in der lat. Clavicula, Akromion ohne Ödem.",
                [("distal clavicle", "present"), ("acromion", "negated")],
            ),
            # the adverb after its topic does not part a level from its finding
            (
                "Segment L5/S1 mit Modic-Typ-2-Signalveränderungen, im Segment L3/L4 hingegen"
                " Typ-1-Veränderungen im Sinne einer aktivierten Osteochondrose.",
                [("L5-S1 endplates", "present"), ("L3-L4 endplates", "present")],
            ),
            # bright on T1 and T2 is fat (a haemangioma), not edema
            ("Typisches Wirbelkörperhämangiom in LWK 3 mit Signalanhebung in T1w und T2w.", []),
            (
                "ISG li.: KMÖ iliakal ventral, T1 Fettmetaplasie. ISG re.: o.B.",
                [("ilium", "present"), ("sacroiliac joint", "negated")],
            ),
            (
                "Kein Nachweis von Romanus-Läsionen; das Knochenmarksignal der LWS ist in der STIR"
                " regelrecht.",
                [(None, "negated")],
            ),
            # a grade column under a line that names the finding; grades in an edema column
            (
                "Knochenmarkläsionen (BML), Grad 0-3:\n| Lokalisation | Grad |\n| Patella | 0 |\n"
                "| MFC | 2 |\n| LTP | 0 |",
                [
                    ("patella", "negated"),
                    ("medial femoral condyle", "present"),
                    ("lateral tibial plateau", "negated"),
                ],
            ),
            (
                "Subregion | BML | Zystenanteil\nPatella | 0 | 0\nMFC zentral | 2 | 1",
                [("patella", "negated"), ("medial femoral condyle", "present")],
            ),
            # "weder ... noch ... in der Patella ein Knochenmarködem": one negated list
            (
                "Weder im distalen Femur noch in der proximalen Tibia oder in der Patella ein"
                " Knochenmarködem.",
                [
                    ("distal femur", "negated"),
                    ("proximal tibia", "negated"),
                    ("patella", "negated"),
                ],
            ),
            # edema the history names, normal now: its resolution
            (
                "Anamnese: Bekanntes Knochenmarködem im Talus rechts (MRI 08/2023).\nBefund:"
                " Aktuell regelrechtes Markraumsignal des Talus.",
                [("talus", "resolved")],
            ),
            (
                "Anamnese: Knochenmarködem im MFC links im MRT 09/2024, seither Teilbelastung."
                " Befund heute: Kein Knochenmarködem mehr abgrenzbar.",
                [("medial femoral condyle", "resolved")],
            ),
            # a negated label beside a named edema is no finding of its own
            (
                "Ödem im li. Schenkelhals medial ohne Frakturlinie, Stressreaktion bei Läuferin.",
                [("femoral neck", "present")],
            ),
        ],
    )
    def test_german(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "de") == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "There is a small osseous confusion involving the anteromedial tibial plateau.",
                [("medial tibial plateau", "present")],
            ),
            # "or be within normal limits" is a hedge, not a negation
            (
                "Subtle STIR hyperintensity at the base of the right femoral neck, which could"
                " reflect an early stress response or be within normal limits.",
                [("femoral neck", "uncertain")],
            ),
            (
                "Fatty (type II) endplate signal change is present at L5/S1.",
                [("L5-S1 endplates", "present")],
            ),
            ("The calcaneal bone bruise is essentially gone.", [("calcaneus", "resolved")]),
            (
                "There is bone bruising at the lateral femoral sulcus and along the posterior rim"
                " of the lateral tibial plateau.",
                [("lateral femoral condyle", "present"), ("lateral tibial plateau", "present")],
            ),
            # the month May is no hedge
            (
                "Compared with the study of May 2023, the subchondral oedema on the iliac side of"
                " the right sacroiliac joint is stable in extent.",
                [("ilium", "present")],
            ),
            (
                "Thin rim of marrow oedema on the iliac side of both sacroiliac joints, the sacral"
                " surfaces being normal.",
                [("ilium", "present"), ("sacrum", "negated")],
            ),
            (
                "The MRI shows a new area of bone oedema in the medial femoral condyle which was"
                " not present on the scan in October.",
                [("medial femoral condyle", "present")],
            ),
            # a second opinion on what the original report described
            (
                "The talar 'marrow oedema' described in the original report is, in my view, a"
                " prominent vascular channel; I do not see true oedema in the talus.",
                [("talus", "negated")],
            ),
        ],
    )
    def test_english(self, text: str, expected: list[tuple[str | None, str]]) -> None:
        assert _statuses(text, "en") == expected


class TestRoundSixtyOneLessons:
    """Names, dictation commands and associated findings that round 61's items showed."""

    @pytest.mark.parametrize(
        ("text", "lang", "bone", "region"),
        [
            (
                "Apophysenausriss an der Spina iliaca anterior inferior re. mit angrenzendem"
                " Knochenmarködem sowie Ödem im Ursprung des M. rectus femoris.",
                "de",
                "anterior inferior iliac spine",
                "pelvis",
            ),
            (
                "Marrow edema at the right ASIS after a sprint.",
                "en",
                "anterior superior iliac spine",
                "pelvis",
            ),
            (
                "Osteitis im Metakarpalköpfchen II, RAMRIS Grad 1.",
                "de",
                "second metacarpal",
                "other",
            ),
        ],
    )
    def test_named_bones(self, text: str, lang: str, bone: str, region: str) -> None:
        m = _one(text, lang)
        assert (m.bone, m.region) == (bone, region)

    def test_new_line_command_is_no_new_edema(self) -> None:
        reading = read_report(
            "Knie re. diktiert: Knochen Mark Ödem im laterale Tibia Plateau sowie kleiner im"
            " Fibula Köpfchen neue Zeile medial kein Ödem.",
            lang="de",
        )
        got = [(m.bone, m.status, m.change) for m in reading.edema]
        assert got == [
            ("lateral tibial plateau", "present", None),
            ("fibular head", "present", None),
            (None, "negated", None),
        ]

    def test_osteitis_of_a_hand_is_no_sacroiliac_finding(self) -> None:
        hand = read_report("MRT Hand re.: Osteitis im Metakarpalköpfchen II.", lang="de")
        sij = read_report("MRT ISG: Osteitis li. iliakal.", lang="de")
        assert [a.finding for a in hand.associated] == []
        assert [a.finding for a in sij.associated] == ["mri_bme_sij_periarticular"]


def _found(text: str, lang: str = "de") -> list[tuple[str | None, str, str | None]]:
    return [(m.bone, m.status, m.laterality) for m in read_report(text, lang=lang).edema]


class TestTemplateTables:
    """Templates' tab-aligned tables, key-value lines and sacroiliac quadrant scores."""

    def test_sparcc_quadrants_by_row_and_side_column(self) -> None:
        text = (
            "MRT ISG – SPARCC\nQuadrant\t\trechts\tlinks\niliakal kranial\t2\t0\n"
            "iliakal kaudal\t1\t0\nsakral kranial\t0\t0\nsakral kaudal\t1\t0\nSumme: 9\n"
        )
        assert sorted(_found(text), key=str) == sorted(
            [
                ("ilium", "present", "right"),
                ("ilium", "negated", "left"),
                ("sacrum", "present", "right"),
                ("sacrum", "negated", "left"),
            ],
            key=str,
        )

    def test_quadrant_columns_by_side_rows(self) -> None:
        text = (
            "Befund (Osteitis 0–3 je Quadrant):\n\tiliakal o.\tiliakal u.\tsakral o.\tsakral u.\n"
            "re.\t0\t\t0\t\t0\t\t0\nli.\t2\t\t1\t\t0\t\t0\nSumme Osteitis: 3/24\n"
        )
        assert sorted(_found(text), key=str) == [
            ("ilium", "negated", "right"),
            ("ilium", "present", "left"),
            ("sacrum", "negated", "bilateral"),
        ]

    def test_pipe_table_of_zeros_is_absence_on_both_sides(self) -> None:
        text = (
            "SPARCC-Score:\n| Gelenk | iliakal | sakral | Summe |\n| ISG re. | 0 | 0 | 0 |\n"
            "| ISG li. | 0 | 0 | 0 |\nKein Anhalt für aktive Sakroiliitis."
        )
        assert ("ilium", "negated", "bilateral") in _found(text)
        assert ("sacrum", "negated", "bilateral") in _found(text)

    def test_moaks_like_tab_table_with_a_graded_column(self) -> None:
        text = (
            "MRT KNIE RECHTS\nSubregion\t\tBML (0–3)\tZysten\nFemur medial\t2\t\tja\n"
            "Tibia medial\t1\t\tnein\nTibia lateral\t0\t\tnein\n"
        )
        assert _found(text) == [
            ("medial femoral condyle", "present", "right"),
            ("medial tibial plateau", "present", "right"),
            ("lateral tibial plateau", "negated", "right"),
        ]

    def test_vertebra_table_with_an_edema_column(self) -> None:
        text = (
            "Wirbelkörper\tHöhe\t\tSTIR-Ödem\tBewertung\nLWK 1\tImpression\tja\t\tfrisch\n"
            "LWK 2\tregelrecht\tnein\t\t–\n"
        )
        assert _found(text) == [
            ("L1 vertebral body", "present", None),
            ("L2 vertebral body", "negated", None),
        ]

    def test_each_normal_line_after_an_edema_line_is_spared(self) -> None:
        text = (
            "OSG rechts\nKnochenmark:\n  Talus\t\tKontusionsödem anteromedial, ca. 12 mm\n"
            "  Innenknöchel\tunauffällig\n  Außenknöchel\tunauffällig\n  Calcaneus\tunauffällig\n"
        )
        assert _found(text) == [
            ("talus", "present", "right"),
            ("medial malleolus", "negated", "right"),
            ("lateral malleolus", "negated", "right"),
            ("calcaneus", "negated", "right"),
        ]

    def test_a_key_of_two_bones_ends_the_line_before(self) -> None:
        text = (
            "Skaphoid: fragliche diskrete STIR-Signalanhebung, kein Frakturspalt\n"
            "Lunatum, Kapitatum: regelrechtes Marksignal"
        )
        assert ("scaphoid", "negated", None) not in _found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Knie li.\nKnochenmarködem: fraglich diskret MTP, nicht sicher verwertbar\nErguss: gering",
                [("medial tibial plateau", "uncertain", "left")],
            ),
            ("MRT ISG bds.\nOsteitis: keine\nErosionen: keine", [(None, "negated", "bilateral")]),
            (
                "Knie li.\nFibulaköpfchen: KMOE an der Spitze, kleines Fragment",
                [("fibular head", "present", "left")],
            ),
            (
                "Befund\nSeite: re.\nBME MFC: ja, subchondral\nBME LFC: nein",
                [
                    ("medial femoral condyle", "present", "right"),
                    ("lateral femoral condyle", "negated", "right"),
                ],
            ),
            (
                "Schulter li.\nTuberculum majus: okkulte, nicht dislozierte Fraktur mit flächigem"
                " Begleitödem\nRotatorenmanschette: intakt",
                [("greater tuberosity", "present", "left")],
            ),
            (
                "ISG\nrechts iliakal: neu aufgetretene subchondrale Osteitis\nrechts sakral: kein Ödem\n"
                "links: unauffällig, kein Ödem",
                [
                    ("ilium", "present", "right"),
                    ("sacrum", "negated", "right"),
                    (None, "negated", "left"),
                ],
            ),
        ],
    )
    def test_checklist_lines(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_suspicion_after_the_next_key_is_not_the_edema_s(self) -> None:
        text = "Knie li: BME LFC u. LTP dorsolat. IM-HH: V.a. Rampenläsion."
        assert [s for _, s, _ in _found(text)] == ["present", "present"]

    def test_english_template_hedge(self) -> None:
        assert _found("Bone marrow edema: equivocal, lateral tibial plateau.", "en") == [
            ("lateral tibial plateau", "uncertain", None)
        ]


class TestRoundSixtyTwoLessons:
    """Sides in Latin, normal bones with a verb, and doubts on the whole finding."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "MR wrist sin.\nFindings: Bone marrow oedema in the scaphoid waist. The lunate and"
                " capitate have normal signal.",
                [
                    ("scaphoid", "present", "left"),
                    ("lunate", "negated", "left"),
                    ("capitate", "negated", "left"),
                ],
            ),
            (
                "MR hip dx, control.\nFindings: A small residual area of oedema persists in the femoral head.",
                [("femoral head", "present", "right")],
            ),
            (
                "Dx: stress reaction. Bone marrow edema in the second metatarsal.",
                [("second metatarsal", "present", None)],
            ),
            (
                "MRI R thumb: tear of the UCL (Stener lesion). Small bone bruise at the ulnar base of"
                " the proximal phalanx.",
                [("proximal phalanx", "present", "right")],
            ),
            (
                "Faint hyperintense signal at the inferior pole of the patella on fat-saturated"
                " images, which could represent a tiny contusion or simply partial volume with the"
                " proximal patellar tendon.",
                [("patella", "uncertain", None)],
            ),
        ],
    )
    def test_english(self, text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
        assert _found(text, "en") == expected

    def test_a_thumb_is_a_hand(self) -> None:
        (m,) = read_report(
            "MRI R thumb: Small bone bruise at the base of the proximal phalanx.", "en"
        ).edema
        assert m.region == "other"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "MRT Handgelenk rechts\nSkaphoid: am distalen Pol fragliche, sehr diskrete"
                " STIR-Signalanhebung, DD Partialvolumen/Artefakt, kein Frakturspalt\nLunatum,"
                " Kapitatum: regelrechtes Marksignal",
                [
                    ("scaphoid", "uncertain", "right"),
                    ("lunate", "negated", "right"),
                    ("capitate", "negated", "right"),
                ],
            ),
            # the doubt is the other place's
            (
                "Deutliches Knochenmarködem im Os lunatum, im angrenzenden Skaphoid allenfalls"
                " diskret, DD Partialvolumeneffekt.",
                [("lunate", "present", None), ("scaphoid", "uncertain", None)],
            ),
        ],
    )
    def test_german(self, text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Anamnese: Sturz auf die ausgestreckte linke Hand. Das Röntgen zeigte keine Fraktur."
                " Die ergänzend durchgeführte MRT des linken Handgelenks ergab ein Bone bruise im"
                " distalen Skaphoidpol und im Os capitatum.",
                [("scaphoid", "present", "left"), ("capitate", "present", "left")],
            ),
            (
                "Im Januar hatte die MRT ein Bone bruise im lateralen Femurkondylus links ergeben. In"
                " der aktuellen Kontrolle vollständige Rückbildung des Befundes.",
                [("lateral femoral condyle", "resolved", "left")],
            ),
            (
                "Keine aktiven entzündlichen Läsionen mehr; an Stelle des früheren Ödems ist eine"
                " beginnende periartikuläre Verfettung sichtbar.",
                [(None, "historical", None)],
            ),
        ],
    )
    def test_letters(self, text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # second opinions: what the other report said or left out is not this reading
            (
                "Zusätzlich, im Vorbefund nicht erwähnt, flächiges Kontusionsödem am lateralen"
                " Femurkondylus.",
                [("lateral femoral condyle", "present", None)],
            ),
            (
                "Im auswärtigen Bericht ist kein Knochenmarködem erwähnt. Abweichend davon zeigt sich"
                " ein Kontusionsödem am Fibulaköpfchen.",
                [("fibular head", "present", None)],
            ),
            (
                "Das vom Zuweiser als „Knochenmarködem“ gedeutete Signal im distalen Femur ist"
                " typisches blutbildendes Mark, kein Ödem.",
                [("distal femur", "negated", None)],
            ),
            (
                "Das im auswärtigen Befund als „Knochenmarködem im Taluskörper“ bezeichnete Areal"
                " stellt sich als Suszeptibilitätsartefakt dar.",
                [("talus", "negated", None)],
            ),
            (
                "Im Vorbefund vom 11/2023 beschriebenes Ödem im Os naviculare des rechten Fußes."
                " Aktuell ist dort kein Ödem mehr nachweisbar.",
                [("navicular", "resolved", "right")],
            ),
            (
                "Kissing Contusions am anteromedialen Tibiaplateau und am anteromedialen"
                " Femurkondylus.",
                [
                    ("medial tibial plateau", "present", None),
                    ("medial femoral condyle", "present", None),
                ],
            ),
            (
                "Ödem im lateralen Klavikulaende und in der Akromionunterfläche.",
                [("distal clavicle", "present", None), ("acromion", "present", None)],
            ),
        ],
    )
    def test_second_opinions_and_names(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_english_outside_report_silence_is_no_negation(self) -> None:
        text = "Bone bruise of the lateral femoral condyle, not mentioned in the outside report."
        assert _found(text, "en") == [("lateral femoral condyle", "present", None)]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Snowboarder, Sturz. Bone-Brusie am Proc. lateralis tali re., keine Fraktur.",
                [("talus", "present", "right")],
            ),
            (
                "Os trigonum mit Ödem, ebenso Ödem im angrenzenden Proc. posterior tali.",
                [("os trigonum", "present", None), ("talus", "present", None)],
            ),
            (
                "MR re. Schulter: Kleine Impressionsfraktur am Tuberculum majus mit umgebendem Ödem."
                " Übriges Knochenmarksignal o.B.",
                [("greater tuberosity", "present", "right"), (None, "negated", "right")],
            ),
            (
                "Osteochondrale Läsion an der medialen Talusschulter li., Fragment in situ ohne"
                " Flüssigkeitssaum, perifokales Knochenmarködem.",
                [("talus", "present", "left")],
            ),
        ],
    )
    def test_austrian_practice(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected


class TestRoundSixtyThreeLessons:
    """Structured templates: answers per bone, keys with brackets, the SIJ's own bones."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "MRT OSG rechts – Befundschema\nDeltaband: Zerrung, intakt\nOssär (KMÖ):\n"
                "  Talus\tja – mediale Talusschulter, kontusionell\n  Innenknöchel\tja, gering\n"
                "  Außenknöchel\tnein\n  Kalkaneus\tnein\nOsteochondrale Läsion: nein",
                [
                    ("talus", "present", "right"),
                    ("medial malleolus", "present", "right"),
                    ("lateral malleolus", "negated", "right"),
                    ("calcaneus", "negated", "right"),
                ],
            ),
            (
                "MRT Handgelenk links\nSkaphoid: Knochenmarködem ja, mittleres Drittel; Frakturlinie:"
                " nein\nLunatum: nein\nDistaler Radius: nein\nSL-Band: intakt",
                [
                    ("scaphoid", "present", "left"),
                    ("lunate", "negated", "left"),
                    ("distal radius", "negated", "left"),
                ],
            ),
            (
                "MRT LWS\nLWK 1: Deckplattenimpression, Knochenmarködem: ja → frisch\n"
                "LWK 3: Keilform, Knochenmarködem: nein → alt/konsolidiert",
                [("L1 vertebral body", "present", None), ("L3 vertebral body", "negated", None)],
            ),
            (
                "MRT Hüfte rechts\nSchenkelhals re.\tKMÖ: nein (auch voruntersucht nein)",
                [("femoral neck", "negated", "right")],
            ),
            (
                "MRT Hand rechts\nAnamnese:\nFaustschlag gegen Wand\nOs metacarpale V, Köpfchen/Hals:"
                " Knochenmarködem, ja; Frakturlinie: nein",
                [("fifth metacarpal", "present", "right")],
            ),
        ],
    )
    def test_answers_per_bone(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_sij_report_s_ilium_and_sacrum_are_the_joint_s(self) -> None:
        text = (
            "MRT ISG nativ\nFragestellung:\nentzündlicher Rückenschmerz\nAktive Läsionen:\n"
            "  Os ilium re.: fragliches, sehr diskretes subchondrales Ödem, nicht sicher pathologisch\n"
            "  Os ilium li.: kein KMÖ\n  Os sacrum bds.: kein KMÖ"
        )
        got = [(m.bone, m.region, m.status, m.laterality) for m in read_report(text, "de").edema]
        assert got == [
            ("ilium", "sacroiliac", "uncertain", "right"),
            ("ilium", "sacroiliac", "negated", "left"),
            ("sacrum", "sacroiliac", "negated", "bilateral"),
        ]

    def test_a_pelvis_report_s_sacrum_stays_the_pelvis_s(self) -> None:
        (m,) = read_report(
            "MRT Becken: Os sacrum mit Insuffizienzfraktur und Knochenmarködem.", "de"
        ).edema
        assert m.region == "pelvis"

    def test_swiss_spelling(self) -> None:
        assert _found(
            "MRI Knie li.\nBefund:\nKnochenmarködem Femurkondyle medial: ja\nTibiakopf: kein Oedem"
        ) == [
            ("medial femoral condyle", "present", "left"),
            ("proximal tibia", "negated", "left"),
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Symphysennahes Knochenmarködem beidseits, links betont, mit Secondary-cleft-Zeichen.",
                [("pubis", "present", "bilateral")],
            ),
            # "und in" elides no "Os metacarpale I"
            (
                "Knochenmarködem im Köpfchen des Os metacarpale II und in der Basis der Grundphalanx D2.",
                [
                    ("second metacarpal", "present", None),
                    ("proximal phalanx of the index finger", "present", None),
                ],
            ),
            (
                "Läsion im proximalen Humerusschaft rechts, vereinbar mit Enchondrom; kein perifokales Ödem.",
                [("proximal humerus", "negated", "right")],
            ),
            ("Knochenmarkodem der medialen Patellafacette re.", [("patella", "present", "right")]),
            (
                "Geringe ödemäquivalente Signalanhebung im Fibulaköpfchen, möglicherweise"
                " Partialvolumeneffekt – fraglich pathologisch.",
                [("fibular head", "uncertain", None)],
            ),
            (
                "Im Os naviculare diskrete STIR-Hyperintensität; ein beginnendes Ödem ist nicht sicher"
                " auszuschließen.",
                [("navicular", "uncertain", None)],
            ),
        ],
    )
    def test_berlin_practice(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Knochenmarködem im lateralen Femurkondylus deutlich regredient, im lat. Tibiaplateau"
                " komplett abgeklungen.",
                [
                    ("lateral femoral condyle", "present", None),
                    ("lateral tibial plateau", "resolved", None),
                ],
            ),
            (
                "MRT: Diaphyse MT II mit kräftigem Marködem, MT III unauffällig. → Stressreaktion MT II re.",
                [
                    ("second metatarsal", "present", "right"),
                    ("third metatarsal", "negated", "right"),
                    ("second metatarsal", "present", "right"),
                ],
            ),
            (
                "Ödem in der lateralen Klavikula und angrenzend im Akromion sowie Kapselhypertrophie.",
                [("distal clavicle", "present", None), ("acromion", "present", None)],
            ),
            (
                "Beidseits Knochenmarködem in der Kalkaneusapophyse, links ausgeprägter als rechts.",
                [("calcaneus", "present", "bilateral")],
            ),
            (
                "MRT li. Ellenbogen: Ödem in der Apophyse des Epicondylus humeri ulnaris.",
                [("medial epicondyle", "present", "left")],
            ),
            (
                "Periostales Ödem entlang der posteromedialen Tibiakante li. ohne Beteiligung des"
                " Markraums (Fredericson Grad 1).",
                [("tibial shaft", "negated", "left")],
            ),
        ],
    )
    def test_sports_and_youth(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Progrediente ödematöse Knochenmarkveränderungen an beiden Iliosakralgelenken, iliakal"
                " wie sakral.",
                "de",
                [("ilium", "present", "bilateral"), ("sacrum", "present", "bilateral")],
            ),
            (
                "Die MRT zeigte lediglich ein Weichteilödem; ein Knochenmarködem der Handwurzel fand sich nicht.",
                "de",
                [("carpal bones", "negated", None)],
            ),
            (
                "Interspinöse Bursitis L3/L4 und L4/L5 mit Ödem der Ligamenta interspinalia.",
                "de",
                [],
            ),
            (
                "Follow-up MRI shows that the cuboid bone oedema seen in May has settled completely.",
                "en",
                [("cuboid", "resolved", None)],
            ),
            (
                "PRELIM - MRI L-SPINE WO\nHx: 78F fall, back pain.\n- L1: acute superior endplate"
                " compression fx, diffuse STIR-bright marrow edema.\n- Old L3 compression deformity, no edema.",
                "en",
                [("L1 vertebral body", "present", None), ("L3 vertebral body", "negated", None)],
            ),
        ],
    )
    def test_rheumatology_and_night_reads(
        self, text: str, lang: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("- mediales Kompartiment: kein Ödem", [(None, "negated", None)]),
            ("Mediales Kompartiment ohne Ödem.", [(None, "negated", None)]),
            (
                "Ellenbogen links: kleines Knochenmarködem im Capitulum humeri, Olekranon unauffällig.",
                [("capitellum", "present", "left"), ("olecranon", "negated", "left")],
            ),
        ],
    )
    def test_compartments_and_parts_of_the_ulna(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected


class TestRoundSixtyFourLessons:
    """Vendors' templates: check boxes, space-aligned tables, minus marks, corner-less scores."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Befundvorlage MRT Knie li.\nKnochenmark: [ ] KMÖ   [x] regelrechtes Signal\nKnorpel: o.B.",
                [(None, "negated", "left")],
            ),
            (
                "ISG-MRT Kurzbefund\nAktive Entzündung (KMÖ gemäß ASAS): ☐ ja  ☒ nein",
                [(None, "negated", None)],
            ),
            (
                "LWS-MRT – Befundmaske\nNiveau   Modic   Typ   Spinalkanal\nL3-L4    nein    –     normal weit\n"
                "L4-L5    ja      2     mäßig eingeengt",
                [("L3-L4 endplates", "negated", None), ("L4-L5 endplates", "present", None)],
            ),
            (
                "Knie li.\nKMÖ: LFC ++, LTP dorsal +, MFC –\nErguss: ++",
                [
                    ("lateral femoral condyle", "present", "left"),
                    ("lateral tibial plateau", "present", "left"),
                    ("medial femoral condyle", "negated", "left"),
                ],
            ),
            (
                "Becken/Hüften bds.\nFemurkopf re.: KMÖ –   | Gelenkerguss –\nFemurkopf li.: KMÖ +   | Gelenkerguss +",
                [("femoral head", "negated", "right"), ("femoral head", "present", "left")],
            ),
            (
                "MRT ISG\nOsteitis/KMÖ (Berlin-Score, 0–3 je Quadrant)\n"
                "              Ilium ventr. | Ilium dors. | Sakrum ventr. | Sakrum dors.\n"
                "ISG rechts         2       |      1      |       1       |      0\n"
                "ISG links          0       |      1      |       0       |      0\n"
                "Beurteilung: Sakroiliitis beidseits.",
                [
                    ("ilium", "present", "bilateral"),
                    ("sacrum", "present", "right"),
                    ("sacrum", "negated", "left"),
                ],
            ),
        ],
    )
    def test_templates(self, text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
        assert _found(text) == expected

    def test_the_modic_type_in_the_cell_after_yes(self) -> None:
        text = "Niveau   Modic   Typ   Spinalkanal\nL4-L5    ja      2     mäßig eingeengt"
        (m,) = read_report(text, "de").edema
        assert (m.bone, m.modic_type) == ("L4-L5 endplates", 2)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Fuß li.: Neu aufgetretenes periostales und intramedulläres Ödem im distalen"
                " Schaftdrittel MFK II; keine Frakturlinie.",
                [("second metatarsal", "present", "left")],
            ),
            # the spinal cord's
            (
                "HWS: Bandscheibenvorfall HWK 5/6 mit Myelonkompression und intramedullärem Ödem.",
                [],
            ),
            ("Stellung der TMT-Gelenke regelrecht, keine Diastase MT I/II.", []),
            (
                "Fibröse Coalitio calcaneonavicularis re. mit reaktivem Ödem beidseits der Pseudarthrose"
                " im Processus anterior calcanei und im lateralen Naviculare.",
                [("calcaneus", "present", "right"), ("navicular", "present", "right")],
            ),
            (
                "MRT beider Vorfüße: Bds. Stressödem im MFK-II-Schaft, rechts deutlicher als links.",
                [("second metatarsal", "present", "bilateral")],
            ),
            (
                "MRT Handgelenk li. (Kahnbeinprotokoll): Knochenmarködem im mittleren Drittel des Os naviculare.",
                [("scaphoid", "present", "left")],
            ),
            ("Tendovaginitis mit Ödem des umgebenden Fettgewebes hinter dem Innenknöchel.", []),
        ],
    )
    def test_foot_and_hand_specialists(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_both_sides_of_the_endplates_is_no_side(self) -> None:
        text = "LWK 4/5: Beidseits der Abschlussplatten bandförmige STIR-hyperintense Signalveränderungen im Sinne von Modic-Typ-1-Veränderungen."
        (m,) = read_report(text, "de").edema
        assert (m.bone, m.laterality) == ("L4-L5 endplates", None)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Periosteal edema along the posteromedial mid-to-distal tibial diaphysis with"
                " intramedullary marrow edema on STIR.",
                [("tibial shaft", "present", None)],
            ),
            (
                "Modic type 1 signal at the lumbosacral junction involving both the inferior L5 and"
                " superior S1 endplates.",
                [("L5-S1 endplates", "present", None)],
            ),
            (
                "On the prior MRI of January 2023 there was extensive edema in the navicular; on"
                " today's study the navicular marrow is normal in signal, but there is new edema at"
                " the base of the second metatarsal.",
                [("navicular", "resolved", None), ("second metatarsal", "present", None)],
            ),
        ],
    )
    def test_us_academic_reports(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text, "en") == expected


class TestRoundSixtyFiveLessons:
    """Teleradiology forms: signal columns, answer tables of the SIJ, numbered normal lines."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "MRT li. Kniegelenk\nKnochenmarksignal (PD-fs):\n| Lokalisation | Signal | Ausdehnung |\n"
                "| Mediale Femurkondyle | ödematös, subchondral | 22 mm |\n| Laterale Femurkondyle | regelrecht | – |",
                [
                    ("medial femoral condyle", "present", "left"),
                    ("lateral femoral condyle", "negated", "left"),
                ],
            ),
            (
                "ISG – Befundtabelle\nBefund\tre.\tli.\nKnochenmarködem iliakal\tnein\tnein\n"
                "Knochenmarködem sakral\tnein\tnein\nFettmetaplasie\tja\tnein",
                [("ilium", "negated", "bilateral"), ("sacrum", "negated", "bilateral")],
            ),
            (
                "BEURTEILUNG\n1) KMÖ MFC zentral, ca. 2 cm, DD Überlastung.\n2) LTP und LFC unauffällig.\n3) IM-HH-Lappenriss.",
                [
                    ("medial femoral condyle", "present", None),
                    ("lateral tibial plateau", "negated", None),
                    ("lateral femoral condyle", "negated", None),
                ],
            ),
            (
                "Ossäre Strukturen: Kein Knochenmarködem in Femur, Tibia oder Patella; keine Fraktur.",
                [
                    ("distal femur", "negated", None),
                    ("proximal tibia", "negated", None),
                    ("patella", "negated", None),
                ],
            ),
            (
                "Subchondrale BML tibial medial, keine Fraktur.",
                [("medial tibial plateau", "present", None)],
            ),
        ],
    )
    def test_forms(self, text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
        assert _found(text) == expected

    def test_a_questioned_edema_equivalent_is_uncertain(self) -> None:
        statuses = {
            m.status
            for m in read_report(
                "Schenkelhals li.: T2-Signalanhebung medial, ödemäquivalent?", "de"
            ).edema
        }
        assert "uncertain" in statuses

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Belastungsabhängiger Vorfußschmerz li. seit 3 Wo. MRT: Stressreaktion MT II mit KMÖ der"
                " distalen Schaftdiaphyse, keine Frakturlinie.",
                [("second metatarsal", "present", "left")],
            ),
            (
                "Axial PD-fs: flächig hyperintenses Marksignal der medialen Patellafacette re., MPFL"
                " femoral ausgerissen.",
                [("patella", "present", "right")],
            ),
            (
                "In STIR nur gering hyperintenses Knochenmarksignal in beiden distalen Femurmetaphysen, am"
                " ehesten hämatopoetisches Mark (Reconversion).",
                [],
            ),
            (
                "Kein Knochenmarködem im Os sacrum oder in den Ossa ilii.",
                [("sacrum", "negated", None), ("ilium", "negated", None)],
            ),
        ],
    )
    def test_clinic_notes(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_two_sides_named_give_no_side(self) -> None:
        (m,) = read_report(
            "Schmerzen re. Knie, li. Knie unauffällig. MRT: Kontusionsödem im LFC.", "de"
        ).edema
        assert m.laterality is None


class TestRoundSixtySixLessons:
    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Fersenschmerz rechts. Knochenmarködem im Tuber calcanei, nicht jedoch im Talus.",
                "de",
                [("calcaneus", "present", "right"), ("talus", "negated", "right")],
            ),
            (
                "Knochenmarködem im medialen Femurkondylus, aber nicht im Tibiaplateau.",
                "de",
                [("medial femoral condyle", "present", None), ("tibial plateau", "negated", None)],
            ),
            (
                "Bone marrow edema in the calcaneus, but not the talus.",
                "en",
                [("calcaneus", "present", None), ("talus", "negated", None)],
            ),
        ],
    )
    def test_a_contrast_names_a_spared_bone(
        self, text: str, lang: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text, lang) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Subchondrales Knochenmarködem iliakal rechts, die sakrale Gelenkfläche ist ödemfrei.",
                [("ilium", "present", "right"), ("sacrum", "negated", "right")],
            ),
            (
                "Das Knochenmarködem im rechten Hüftkopf ist vollständig zurückgegangen.",
                [("femoral head", "resolved", "right")],
            ),
            (
                "Die Signalveränderungen im distalen Femur beidseits werden als rekonvertiertes"
                " blutbildendes Mark gewertet.",
                [],
            ),
            (
                "Osteitis sowohl iliakal als auch sakral.",
                [("ilium", "present", None), ("sacrum", "present", None)],
            ),
            (
                "Kein Knochenmarködem im Schenkelhals; das Ödem beschränkt sich auf den Trochanter"
                " major.",
                [("femoral neck", "negated", None), ("greater trochanter", "present", None)],
            ),
            (
                "Bone bruise am ventrolateralen Condylus femoris lateralis.",
                [("lateral femoral condyle", "present", None)],
            ),
            (
                "In der Erst-MRT vom 10.01. war eine Kontusion des Tuberculum majus beschrieben"
                " worden. Diese ist in der Verlaufskontrolle vom 28.03. nicht mehr nachweisbar.",
                [("greater tuberosity", "resolved", None)],
            ),
        ],
    )
    def test_german_wordings(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_study_named_with_its_date_starts_the_findings(self) -> None:
        text = (
            "Konsiliarbericht\nFragestellung: axiale Spondyloarthritis?\nDie MRT der"
            " Sakroiliakalgelenke vom 08.04. zeigt beidseits eine Osteitis iliakal."
        )
        assert _found(text) == [("ilium", "present", "bilateral")]


class TestRoundSixtySevenLessons:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "In der MRT vom 22.11.2023 fehlt ein perifokales Knochenmarködem im Talus.",
                [("talus", "negated", None)],
            ),
            (
                "Fraglich diskretes STIR-Signal iliakal links – ein Knochenmarködem ist damit nicht"
                " sicher zu belegen.",
                [("ilium", "uncertain", "left")],
            ),
            (
                "Das Knochenmarködem im Tuberculum majus hat gegenüber beiden Voruntersuchungen an"
                " Ausdehnung zugenommen.",
                [("greater tuberosity", "present", None)],
            ),
            (
                "Voruntersuchung: Knochenmarködem im Talus und im Calcaneus. Diese Befunde haben"
                " sich vollständig zurückgebildet.",
                [("talus", "resolved", None), ("calcaneus", "resolved", None)],
            ),
            (
                "Knochenmarködem der medialen Femurkondyle unter Aussparung der lateralen Kondyle.",
                [
                    ("medial femoral condyle", "present", None),
                    ("lateral femoral condyle", "negated", None),
                ],
            ),
            (
                "Knochenmarködem Hüftkopf re. kranial ausgedehnt, li. unauff.",
                [("femoral head", "present", "right"), (None, "negated", "left")],
            ),
            (
                "VKB in der Kontinuität nicht abgrenzbar ausgedehntes KMÖ LFC",
                [("lateral femoral condyle", "present", None)],
            ),
            ("KMÖ Tub majus ohne Frakturdislokation", [("greater tuberosity", "present", None)]),
            (
                "li Knie Sturz vom Rad bone Bruce am medialen Femur Kondylus",
                [("medial femoral condyle", "present", "left")],
            ),
        ],
    )
    def test_german_wordings(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_year_ends_a_sentence(self) -> None:
        (m,) = read_report(
            "Vergleich: Voruntersuchungen vom 18.08. und 22.09.2023. Das Knochenmarködem im"
            " Tuberculum majus hat an Ausdehnung zugenommen.",
            "de",
        ).edema
        assert (m.bone, m.status, m.change) == ("greater tuberosity", "present", "worse")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Der Kollege beschreibt ein „Knochenmarködem im Trochanter major links“. Der"
                " Trochanter selbst weist ein regelrechtes Marksignal auf.",
                [("greater trochanter", "negated", "left")],
            ),
            (
                "Auswärtige Befundung: „VKB-Ruptur, kein Knochenmarködem.“ Eigene Befundung"
                " derselben Bilder: Bone bruise am lateralen Femurkondylus.",
                [("lateral femoral condyle", "present", None)],
            ),
            (
                "Die im Erstbefund als „fleckiges Knochenmarködem der distalen Femurmetaphyse“"
                " gedeutete Signalinhomogenität entspricht blutbildendem Mark.",
                [("distal femur", "negated", None)],
            ),
        ],
    )
    def test_another_readers_quoted_words_are_not_this_reading(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_clinic_note_quoting_the_impression_keeps_it(self) -> None:
        text = (
            'Impression from MRI pelvis (03/11), quoted: "Edema in the marrow of the left femoral'
            ' neck without a fracture line."'
        )
        assert _found(text, "en") == [("femoral neck", "present", "left")]

    def test_both_have_resolved(self) -> None:
        text = "Prior MRI: bone marrow edema in the talus and calcaneus. Both have resolved."
        assert _found(text, "en") == [("talus", "resolved", None), ("calcaneus", "resolved", None)]


class TestTablesOverTimeAndSides:
    """Follow-up tables with a column per study date, and tables with a column per side."""

    def test_only_the_last_date_is_this_study(self) -> None:
        text = (
            "MRT HÜFTE RECHTS – Verlaufsübersicht\n"
            "                 | 09.05.2023              | 14.08.2023            | 11.12.2023\n"
            "Femurkopf        | ausgedehntes Ödem       | deutlich regredient   | kein Ödem\n"
            "Tibia distal     | kein Ödem               | kein Ödem             | kein Ödem\n"
        )
        found = {(m.bone, m.status, m.change) for m in read_report(text, "de").edema}
        assert found == {
            ("femoral head", "resolved", "resolved"),
            ("distal tibia", "negated", None),
        }

    def test_a_label_graded_none_now_is_negated(self) -> None:
        text = (
            "ISG-MRT, Verlauf\nParameter        | 01/2024 | 07/2024\n"
            "KMÖ Sakrum li.   |    0    |   2 (neu)\nKMÖ rechts       |    0    |   0\n"
        )
        found = [(m.bone, m.status, m.laterality) for m in read_report(text, "de").edema]
        assert found == [("sacrum", "present", "left"), (None, "negated", "right")]

    def test_each_side_reads_its_cell(self) -> None:
        text = (
            "MRT beider Hüftgelenke\n"
            "                                  | rechts            | links\n"
            "Schenkelhals medial, Ödem         | + (ca. 2,5 cm)    | –\n"
            "Frakturlinie                      | –                 | –\n"
        )
        found = [(m.bone, m.status, m.laterality) for m in read_report(text, "de").edema]
        assert found == [("femoral neck", "present", "right"), ("femoral neck", "negated", "left")]

    def test_alike_on_both_sides_is_bilateral_and_a_colon_sets_off_the_label(self) -> None:
        text = (
            "MRT SYMPHYSE\n"
            "                                 rechts                     | links\n"
            "Knochenmarködem Os pubis         ++                         | +\n"
        )
        found = [(m.bone, m.status, m.laterality) for m in read_report(text, "de").edema]
        assert found == [("pubis", "present", "bilateral")]

    def test_a_title_question_is_no_finding(self) -> None:
        assert read_report("MRT Becken – Fragestellung Stressreaktion? (Rekrut)", "de").edema == []

    @pytest.mark.parametrize(
        "text",
        [
            "Hoffa-Fettkörper superolateral: ödematöse Signalanhebung (Impingement)",
            "Lig. interspinosum L4/5: ödematös (Baastrup-Konstellation)",
            "Prätibiale Weichteilkontusion ventral des Tibiakopfes; Lig. patellae regelrecht.",
            "Ödem im Lig. interspinale L3/4 und L4/5, Baastrup-Phänomen.",
        ],
    )
    def test_a_soft_tissue_key_or_a_ligaments_latin_name_is_no_bone(self, text: str) -> None:
        assert read_report(text, "de").edema == []

    def test_a_soft_tissue_key_leaves_a_later_clause_of_the_marrow(self) -> None:
        text = "Menisken: intakt, STIR-Signalanhebung im medialen Tibiaplateau."
        assert _found(text) == [("medial tibial plateau", "present", None)]

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Insufficiency fracture of the left pubic body with oedema extending into the"
                " superior ramus.",
                "en",
                [("pubis", "present", "left"), ("superior pubic ramus", "present", None)],
            ),
            (
                "Am Os cuneiforme mediale flächiges Ödem mit Ausläufern in das Os cuneiforme"
                " intermedium.",
                "de",
                [
                    ("medial cuneiform", "present", None),
                    ("intermediate cuneiform", "present", None),
                ],
            ),
            (
                "There is bone marow odema in the lateral femoal condyle anteriorly.",
                "en",
                [("lateral femoral condyle", "present", None)],
            ),
        ],
    )
    def test_edema_spreading_from_the_bone_before(
        self, text: str, lang: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text, lang) == expected

    def test_a_qualified_edema_column(self) -> None:
        text = (
            "MRT Knie links\n"
            "Kompartiment      | Knorpelschaden | Osteophyten | subchondrales KMÖ\n"
            "MFC               | ++             | +           | ++\n"
            "Patella           | +              | +           | –\n"
        )
        assert _found(text) == [
            ("medial femoral condyle", "present", "left"),
            ("patella", "negated", "left"),
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Anamnese: präoperativ zeigte die MRT Bone bruises am lateralen Femurkondylus und"
                " am lateralen Tibiaplateau.\nVerlauf: In der MRT drei Monate postoperativ liegt"
                " das Transplantat regelrecht; die ossären Kontusionen haben sich vollständig"
                " zurückgebildet.",
                [
                    ("lateral femoral condyle", "resolved", None),
                    ("lateral tibial plateau", "resolved", None),
                ],
            ),
            (
                "Bei Aufnahme lag eine MRT mit Knochenmarködem im rechten Hüftkopf vor. In der"
                " Abschluss-MRT hatte sich der Befund vollständig normalisiert.",
                [("femoral head", "resolved", "right")],
            ),
        ],
    )
    def test_letters_that_retell_the_course(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    def test_a_dash_before_a_header_is_no_minus(self) -> None:
        text = (
            "Knochenmarködem-Syndrom des re. Talus – Verlauf: nur noch ein geringes Restödem im"
            " Taluskopf."
        )
        assert set(_found(text)) == {("talus", "present", "right")}

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Befundschema: Fraktur: nein | Bone bruise: nein | Erguss: ja (gering)", "de"),
            ("Bone bruise: no | Effusion: yes", "en"),
        ],
    )
    def test_a_template_answer_before_a_pipe(self, text: str, lang: str) -> None:
        assert [m.status for m in read_report(text, lang).edema] == ["negated"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "re knie: bone bruise lat femurkondylus u posterolat tibiaplateau",
                [
                    ("lateral femoral condyle", "present", "right"),
                    ("lateral tibial plateau", "present", "right"),
                ],
            ),
            (
                "Fuß links: Knochenmarködem beidseits des Lisfranc-Gelenks im Os cuneiforme mediale.",
                [("medial cuneiform", "present", "left")],
            ),
            (
                "Das Ödem iliakal links ist deutlich regredient, iliakal rechts unverändert"
                " geringgradig ausgeprägt.",
                [("ilium", "present", "left"), ("ilium", "present", "right")],
            ),
        ],
    )
    def test_dictated_positions_joint_sides_and_elliptic_clauses(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Vor-MRT 02/2024: ausgeprägtes Ödem LWK 2 bei frischer Fraktur. Aktuell ist das"
                " Knochenmark in LWK 2 wieder fettäquivalent, ein Ödem besteht nicht mehr.",
                [("L2 vertebral body", "resolved", None)],
            ),
            (
                "MRT ISG: Beidseits subchondrales Knochenmarködem iliakal und sakral, links"
                " deutlich ausgeprägter als rechts.",
                [("ilium", "present", "bilateral"), ("sacrum", "present", "bilateral")],
            ),
        ],
    )
    def test_no_longer_there_and_more_on_one_side(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Vorläufig (Nachtdienst): Fraglich diskretes Ödem im Lunatum, DD"
                " Bewegungsartefakt.\nNachtrag Tagdienst: Nach Wiederholung der STIR-Sequenz kein"
                " Ödem im Lunatum nachweisbar.",
                [("lunate", "negated", None)],
            ),
            ("Diskales Ödem L2/3 bei frischer Protrusion.", []),
            ("Symphyse: Ödem der Adduktorenaponeurose beidseits (Sportlerleiste).", []),
            (
                "Verlaufskontrolle Kahnbein li.: Das Knochenmarködem im Skaphoid ist deutlich"
                " regredient.",
                [("scaphoid", "present", "left")],
            ),
        ],
    )
    def test_teleradiology_addenda_and_soft_tissues(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert sorted(set(_found(text)), key=str) == sorted(expected, key=str)

    def test_a_side_table_after_a_history_line_is_the_findings(self) -> None:
        text = (
            "MRT Becken / beide Hüftgelenke\nKlinik: seit 6 Wochen Leistenschmerz re.\n\n"
            "Befund                         rechts                      links\n"
            "KMÖ Hüftkopf                   ja, flächig                 nein\n"
        )
        assert _found(text) == [
            ("femoral head", "present", "right"),
            ("femoral head", "negated", "left"),
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "KMÖ LFC u. LTP (posterolat.), MFC o. KMÖ.",
                [
                    ("lateral femoral condyle", "present", None),
                    ("lateral tibial plateau", "present", None),
                    ("medial femoral condyle", "negated", None),
                ],
            ),
            ("Knochenmarködm im Talsu lateral betont.", [("talus", "present", None)]),
            (
                "Ellenbogen rechts: Knochenmarködem an der Olekranonspitze; Processus coronoideus"
                " und Trochlea ohne Ödem.",
                [
                    ("olecranon", "present", "right"),
                    ("coronoid process", "negated", "right"),
                    ("trochlea of the humerus", "negated", "right"),
                ],
            ),
        ],
    )
    def test_dictated_ohne_a_typo_and_the_elbows_trochlea(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Ausgepägtes Knochenmarködm im Hüftkof links.", [("femoral head", "present", "left")]),
            (
                "Innenbandruptur femoral mit periligamentärem Ödem. Impaktionsödem im lateralen"
                " Femurkondylus.",
                [("lateral femoral condyle", "present", None)],
            ),
            (
                "Kontusionsödem der dorsalen distalen Radiusepiphyse.",
                [("distal radius", "present", None)],
            ),
        ],
    )
    def test_impaction_edema_the_radial_epiphysis_and_a_typo(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Zusätzlich Ödem im linken unteren Sitzbeinast.", [("ischium", "present", "left")]),
            (
                "Höhenminderung LWK 2 mit Impression der Deckplatte, in der STIR flächig"
                " hyperintenses Signal des Wirbelkörpers.",
                [("L2 vertebral body", "present", None)],
            ),
        ],
    )
    def test_the_ischial_ramus_and_stir_signal_with_a_word_between(
        self, text: str, expected: list[tuple[str | None, str, str | None]]
    ) -> None:
        assert _found(text) == expected
