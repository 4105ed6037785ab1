"""Where a mention is: the reported region of a knowledge-base region, the region of a whole
report, and what a report says after a prior study. Pure functions of mentions, so that
sentence readings can be cached before the report is read to the end."""

from __future__ import annotations

from marrowpath.nlp.lexicon import Lexicon
from marrowpath.nlp.merge import DOC, DOC_SPINE, LABEL_KINDS, SPINE_ADJ
from marrowpath.nlp.models import EdemaMention, RegionBasis

__all__ = [
    "DEFERRED",
    "DOC",
    "most_cued",
    "placed",
    "reported_region",
    "resolved_since_prior",
    "restated",
]

REPORTED = {"tibia_shaft": "other", "femur_shaft": "other", "spine_unspecified": "lumbar_spine"}
"""Knowledge-base regions finer than the reported ones. A spine part with no level is reported
as lumbar (the most often imaged segment, expert-estimate) and flagged as assumed."""


def reported_region(region: str, basis: RegionBasis) -> tuple[str, RegionBasis]:
    reported = REPORTED.get(region, region)
    return reported, "assumed" if reported == "lumbar_spine" != region else basis


_PLACE = ("bone", "bone_id", "subregion", "region", "kb_region", "laterality")
DEFERRED = frozenset({DOC, DOC_SPINE})
"""Placeholders of a region that only the whole report can give: for a mention naming no bone
or place, and for a spine part without a level ("vertebral bodies")."""


def placed(m: EdemaMention, region: str | None, basis: RegionBasis, lex: Lexicon) -> EdemaMention:
    """``m`` placed in ``region``. A Modic change is placed only in the spine; with no place
    at all, the usual site of the mention's kind is assumed."""
    if m.kind == "modic" and region not in SPINE_ADJ:
        region = None
    if region is None:
        normal = m.kind == "signal" and m.status == "negated"
        region = lex.default_region.get("normal" if normal else m.kind) or "other"
        basis = "assumed"
    reported, basis = reported_region(region, basis)
    bone = m.bone
    if m.kind == "modic" and bone is None and reported in SPINE_ADJ:
        bone = f"{SPINE_ADJ[reported]} endplates"
    return m.model_copy(
        update={"region": reported, "kb_region": region, "region_basis": basis, "bone": bone}
    )


def resolved_since_prior(
    edema: list[EdemaMention], elsewhere: frozenset[int] = frozenset()
) -> list[EdemaMention]:
    """ "The prior study showed BMLs in the MFC and MTP. No BML is observed in either
    location.": a negation with no bone, or of the same bone, after what a prior study showed
    is its resolution. Not one said of the other bones (``elsewhere``, by start offset):
    "Außer dem bekannten Ödem in der Patella kein weiteres KMÖ"."""
    if not any(m.status == "historical" for m in edema):
        return edema  # the common case, read without a pass
    out: list[EdemaMention] = []
    for m in edema:
        prior = [
            p
            for p in out
            if p.status == "historical" and p.bone and (p.kind == "modic") == (m.kind == "modic")
        ]
        if m.bone is None and prior and m.status == "present" and m.change is not None:
            # "On the outside MRI there was edema in the MFC; now only minimal residual edema."
            p = prior[-1]
            out.append(m.model_copy(update={k: getattr(p, k) for k in _PLACE}))
            continue
        if m.status not in ("negated", "resolved") or not prior or m.start in elsewhere:
            out.append(m)
            continue
        if m.bone is not None:
            # "Ödem im Os cuboideum (Voruntersuchung). Aktuell Os cuboideum regelrecht."
            same = m.status == "negated" and any(
                p.bone == m.bone and _same_side(p, m) for p in prior
            )
            out.append(
                m.model_copy(update={"status": "resolved", "change": "resolved"}) if same else m
            )
            continue
        for p in prior:
            out.append(
                m.model_copy(
                    update={
                        "status": "resolved",
                        "change": "resolved",
                        "bone": p.bone,
                        "bone_id": p.bone_id,
                        "subregion": p.subregion,
                        "region": p.region,
                        "kb_region": p.kb_region,
                        "region_basis": "context",
                        "laterality": p.laterality,
                    }
                )
            )
    return _followed_up(out)


def _followed_up(edema: list[EdemaMention]) -> list[EdemaMention]:
    """ "Prior bone bruise of the LFC. This has resolved.": the prior study's finding is told by
    its follow-up (resolved, residual, worse), so it is not a finding of its own."""
    later: dict[tuple[str | None, str | None, bool], int] = {
        (m.bone, m.laterality, m.kind == "modic"): i
        for i, m in enumerate(edema)
        if m.bone is not None and (m.status == "resolved" or m.change is not None)
    }
    return [
        m
        for i, m in enumerate(edema)
        if not (
            m.status == "historical"
            and later.get((m.bone, m.laterality, m.kind == "modic"), -1) > i
        )
    ]


def restated(edema: list[EdemaMention]) -> list[EdemaMention]:
    """ "Edema of the left femoral head and neck. IMPRESSION: transient bone marrow edema
    syndrome of the left hip.": a finding without a bone, of the same status, region and side
    as a placed one, is that finding told again. A negation without a bone is kept: it says
    "elsewhere". A hedged label of a bone whose edema the report states ("IMPRESSION: am
    ehesten Kontusion des Skaphoids") is the reading of that edema, not a finding of its own."""
    if len(edema) < 2:
        return edema  # each rule below weighs one mention against another
    edema = [
        m
        for m in edema
        if not _hedged_reading(m, edema)
        and not _whole_of_parts(m, edema)
        and not _resolved_told_again(m, edema)
        and not _less_said(m, edema)
        and not _known_and_present(m, edema)
        and not _resolved_later(m, edema)
        and not _level_said_elsewhere(m, edema)
        and not _carried_onto_spared(m, edema)
        and not _hedged_unplaced(m, edema)
        and not _prior_of_resolved(m, edema)
    ]
    if all(m.bone is not None or m.status == "negated" for m in edema):
        return edema

    def told(m: EdemaMention, p: EdemaMention) -> bool:
        return (
            p.bone is not None
            and p.status == m.status
            and p.region == m.region
            and _same_side(p, m)
            and (m.change is None or m.change == p.change)
        )

    return [
        m
        for m in edema
        if m.bone is not None
        or m.status == "negated"
        or m.kind == "modic"
        or not any(told(m, p) for p in edema)
    ]


def _same_side(p: EdemaMention, m: EdemaMention) -> bool:
    """The same side, or a side said of only one of the two."""
    return p.laterality == m.laterality or None in (p.laterality, m.laterality)


def _less_said(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "The posterior lateral tibial plateau bruise ... is no longer evident. IMPRESSION:
    resolved tibial plateau contusion": a place said with fewer words, of the same status and
    side, is the place said in full."""
    return m.bone is not None and any(
        p.bone is not None
        and p.bone.endswith(" " + m.bone)
        and p.status == m.status
        and p.bone_id == m.bone_id
        and _same_side(p, m)
        for p in edema
    )


def _known_and_present(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "L5/S1 | Typ 2, unverändert ... Beurteilung: Bekannte Modic-2-Konversion L5/S1": a known
    finding the report states as present is that finding, not a past one of its own. Not a
    Modic change of another type: "previously Modic 1, now ... Modic 2"."""
    return (
        m.status == "historical"
        and m.bone is not None
        and any(
            p.status == "present"
            # "Ödem beider angrenzender Wirbelkörper (L2/3) ... Ödem in LWK 2 und LWK 3"
            and (p.bone == m.bone or (m.bone_id is not None and p.bone_id == m.bone_id))
            and p.modic_type == m.modic_type
            and _same_side(p, m)
            for p in edema
        )
    )


def _resolved_later(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "Das initiale MRT zeigte ein Kontusionsödem im Capitulum humeri. In der Kontrolle ...
    kein Knochenmarködem mehr": edema of a bone that the report later calls resolved is what
    the earlier study showed, not a finding of this one."""
    return (
        m.status == "present"
        and m.change is None
        and m.bone is not None
        and any(
            p.status == "resolved"
            and p.bone is not None
            and (p.bone == m.bone or m.bone.endswith(" " + p.bone))
            and p.start > m.end
            and (m.modic_type is None or p.modic_type == m.modic_type)
            and _same_side(p, m)
            for p in edema
        )
    )


def _level_said_elsewhere(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "..., an gleicher Stelle jetzt fettige Umwandlung im Sinne von Modic 2. Beurteilung:
    Konversion ... Modic 2 im Segment L4/5": a Modic change without a level is the one the
    report places at a level, of the same type and status."""
    return (
        m.kind == "modic"
        and m.bone_id is None
        and m.status in ("present", "uncertain")
        and m.modic_type is not None
        and any(
            p.kind == "modic"
            and p.bone_id is not None
            and p.status == m.status
            and p.modic_type == m.modic_type
            for p in edema
        )
    )


def _prior_of_resolved(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "VU: BME LFC. Aktuell: LFC unauffällig.": a prior finding the report calls resolved is
    that resolution."""
    return (
        m.status == "historical"
        and m.bone is not None
        and any(p.status == "resolved" and p.bone == m.bone and _same_side(p, m) for p in edema)
    )


def _hedged_unplaced(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "Diffuses KMÖ in Femurkopf und Schenkelhals li. Beurteilung: transientes KMÖ-Syndrom
    (DD transiente Osteoporose)": a hedged finding without a bone, in the region and side of
    a placed present one, is the differential of that finding."""
    return (
        m.status == "uncertain"
        and m.bone is None
        and m.kind != "modic"
        and any(
            p.status == "present"
            and p.bone is not None
            and p.region == m.region
            and _same_side(p, m)
            for p in edema
        )
    )


def _carried_onto_spared(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "Das Acetabulum ist ödemfrei. ... Einschätzung einer transienten Osteoporose": a finding
    given the bone of a sentence before is not given a bone the report calls free of edema."""
    return (
        m.status == "present"
        and m.region_basis == "context"
        and m.bone is not None
        and any(p.status == "negated" and p.bone == m.bone and _same_side(p, m) for p in edema)
    )


def _resolved_told_again(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "Im Schenkelhals kein Ödem mehr nachweisbar. Beurteilung: ... Schenkelhals inzwischen
    ödemfrei": a bone said to be free of edema whose edema the report calls resolved."""
    return (
        m.status == "negated"
        and m.bone is not None
        and any(p.status == "resolved" and p.bone == m.bone and _same_side(p, m) for p in edema)
    )


def _whole_of_parts(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """ "BME of the left femoral head ... neck ... intertrochanteric region. IMPRESSION: bone
    marrow oedema of the left proximal femur": the whole bone, told after its parts."""
    return (
        m.bone is not None  # not a joint named alone ("ISG re. ohne Ödem")
        and m.bone_id is not None
        and m.subregion is None
        and any(
            p.bone_id == m.bone_id
            and p.subregion is not None
            and p.status == m.status
            and p.start < m.start
            and _same_side(p, m)
            for p in edema
        )
    )


def _hedged_reading(m: EdemaMention, edema: list[EdemaMention]) -> bool:
    """A hedged label of a bone with stated edema, or a hedged restatement after a named edema
    ("Befund: Knochenmarködem im lateralen Klavikulaende ... Beurteilung: ... Ödem in Klavikula
    und Akromion, möglicherweise mitverantwortlich für die Beschwerden"). A hedged label carried
    from the sentence before is not the differential of a bone said there to be spared
    ("... im Calcaneus, Talus und Os cuboideum ausgespart. Keine Frakturlinie, DD
    Stressreaktion.")."""
    if (
        m.status == "uncertain"
        and m.kind in LABEL_KINDS
        and m.region_basis == "context"
        and any(p.bone == m.bone and p.status == "negated" for p in edema)
    ):
        return True
    return (
        m.status == "uncertain"
        and m.bone is not None
        and any(
            (p.bone == m.bone or (p.bone is not None and p.bone.endswith(" " + m.bone)))
            and p.status == "present"
            and (
                (m.kind in LABEL_KINDS and p.kind in ("edema", "signal"))
                or (p.kind not in ("signal", "modic") and p.start < m.start)
            )
            and _same_side(p, m)
            for p in edema
        )
    )


def most_cued(counts: dict[str, int]) -> str | None:
    """The most cued region; a spine part without a level yields to a named spine region."""
    if "spine_unspecified" in counts and any(r in SPINE_ADJ for r in counts):
        del counts["spine_unspecified"]
    return max(counts, key=lambda r: counts[r]) if counts else None


# A report title names the modality ("MRI RIGHT KNEE", "MRT Knie links").
