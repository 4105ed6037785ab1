"""Tidying the mentions of one sentence: one per bone and status, Modic labels adopted."""

from __future__ import annotations

from marrowpath.nlp.anatomy import DOC, NEXT_LEVEL
from marrowpath.nlp.models import EdemaMention

__all__ = [
    "DOC",
    "DOC_SPINE",
    "LABEL_KINDS",
    "SPINE_ADJ",
    "adopt_labels",
    "converted",
    "merge_mentions",
    "pair_endplates",
]

SPINE_ADJ = {
    "lumbar_spine": "lumbar",
    "cervical_spine": "cervical",
    "thoracic_spine": "thoracic",
}
"""Spine regions, with the adjective used for level-less endplates ("lumbar endplates")."""
DOC_SPINE = "?report-spine"
"""Placeholder region of a spine part without a level, until the report's region is known."""
_NEXT_LEVEL = NEXT_LEVEL
_PLACE = ("bone", "bone_id", "subregion", "region", "kb_region", "region_basis", "laterality")
LABEL_KINDS = frozenset({"stress_reaction", "bruise", "bml"})
"""Kinds that name a cause or pattern of edema, not the edema itself."""
_KIND_RANK = {"modic": 0, "bruise": 1, "bml": 2, "stress_reaction": 3, "edema": 4, "signal": 5}


def adopt_labels(made: list[EdemaMention]) -> list[EdemaMention]:
    """A described signal labelled in the same sentence is the label's finding: "STIR
    hyperintensity in the capitate, which may represent early marrow edema" is one uncertain
    edema; a label without a bone is the placed finding of its status; endplate signal or
    edema labelled Modic is that Modic change."""
    signals = [
        m for m in made if m.kind == "signal" and m.bone is not None and m.status != "negated"
    ]
    if signals or any(
        m.kind == "edema" and m.bone is not None and m.status == "present" for m in made
    ):
        # (and named edema: "Ödem im li. Schenkelhals ohne Frakturlinie, Stressreaktion")
        # "Edema-like signal in the acetabular roof, probably reactive ... rather than a stress
        # phenomenon": a cause ruled out for the described signal is not a finding.
        made = [
            m
            for m in made
            if not (m.kind in LABEL_KINDS and m.status == "negated" and m.bone is None)
        ]
    unplaced = [m for m in made if m.kind not in ("signal", "modic")]
    if signals and unplaced and all(m.bone is None for m in unplaced):
        # "Subtle high signal at the fibular head; a small bone contusion cannot be excluded."
        moved = {id(m) for m in (*signals, *unplaced)}
        made = [m for m in made if id(m) not in moved] + [
            unplaced[0].model_copy(update={k: getattr(sig, k) for k in _PLACE}) for sig in signals
        ]
    # "Diskrete Signalanhebung an der Deckplatte LWK 5, möglicherweise beginnende Modic-I-
    # Reaktion": a hedged Modic label hedges the described signal, as an edema label does.
    labelled = {
        m.bone
        for m in made
        if (m.kind not in ("signal", "modic") or (m.kind == "modic" and m.status == "uncertain"))
        and m.bone is not None
    }
    made = [
        m for m in made if not (m.kind == "signal" and m.bone in labelled and m.status != "negated")
    ]
    if any(m.status == "resolved" for m in made):
        # "the edema has resolved, normal marrow signal": the normal signal is the resolution;
        # "No BML in the medial tibial plateau, where a large BML was present previously":
        # so is the negation of the resolved bone.
        gone = {m.bone for m in made if m.status == "resolved" and m.bone is not None}
        made = [
            m
            for m in made
            if not (m.status == "negated" and (m.kind == "signal" or m.bone in gone))
        ]
    # "edema in the left L5 pars ..., compatible with a stress reaction": the unplaced label
    # is the placed finding of the same status.
    placed: dict[str, set[str | None]] = {}
    for m in made:
        if m.bone is not None:
            placed.setdefault(m.status, set()).add(m.laterality)
    made = [
        m
        for m in made
        if m.bone is not None
        or m.status not in placed
        or m.kind == "modic"
        # "..., sakral kein Ödem; rechtes ISG unauffällig": the other side's own statement
        or (
            m.status == "negated"
            and m.laterality is not None
            and not placed[m.status] & {m.laterality, None}
        )
    ]
    made = _hedged_modic(_unsure_signal(made))
    # "Marrow edema of the tibial sesamoid, suggestive of sesamoiditis versus early stress
    # reaction": a hedged label without a bone is the differential of the placed finding.
    if any(m.bone is not None and m.status == "present" for m in made):
        made = [
            m
            for m in made
            if not (m.bone is None and m.status == "uncertain" and m.kind in LABEL_KINDS)
        ]
    # "Prior MRI showed a navicular stress reaction with marrow edema": one prior finding.
    # Not a Modic change of another type: "..., previously Modic 1, now ... Modic 2".
    past = {(m.bone, m.modic_type) for m in made if m.status == "historical" and m.bone is not None}
    made = [
        m.model_copy(update={"status": "historical"})
        if m.status == "present"
        and m.change is None
        and any(b == m.bone and (None in (t, m.modic_type) or t == m.modic_type) for b, t in past)
        else m
        for m in made
    ]
    typed = [m for m in made if m.kind == "modic" and m.modic_type]
    labels = {m.status for m in typed}
    made = _one_level(made)
    # "Endplate oedema L4 - L5": the level-less endplates are those of the level.
    levelled = {m.status for m in made if m.bone_id is not None and m.region in SPINE_ADJ}
    made = [
        m
        for m in made
        if not (m.bone_id is None and m.region == DOC_SPINE and m.status in levelled)
    ]
    if not labels:
        return made
    return [
        m.model_copy(update={"kind": "modic", "modic_type": _nearest_type(m, typed)})
        if (m.kind in ("signal", "edema") or (m.kind == "modic" and m.modic_type is None))
        and m.status in labels
        and (m.region in SPINE_ADJ or m.region == DOC_SPINE)
        and m.bone is not None
        else m
        for m in made
    ]


def _nearest_type(m: EdemaMention, typed: list[EdemaMention]) -> int | None:
    """The Modic type of the nearest label of the same status: "Aktivierte Osteochondrose L4/5
    (Modic 1) ..., Modic 2 L5/S1" labels L4/5 type 1."""
    same = [t for t in typed if t.status == m.status]
    return min(same, key=lambda t: abs(t.start - m.start)).modic_type


def _unsure_signal(made: list[EdemaMention]) -> list[EdemaMention]:
    """ "Equivocal faint STIR hyperintensity at the superior endplate of L5, possibly early Modic
    type 1 change": a label of a signal that is itself in doubt is in doubt too."""
    unsure = {m.bone for m in made if m.kind == "signal" and m.status == "uncertain" and m.bone}
    labels = [
        m
        for m in made
        if m.status == "present" and m.kind in ("modic", *LABEL_KINDS) and m.bone in unsure
    ]
    if not labels:
        return made
    typed = {m.bone: m.modic_type for m in labels if m.modic_type}
    return [
        m.model_copy(update={"kind": "modic", "modic_type": typed[m.bone]})
        if m.kind == "signal" and m.status == "uncertain" and m.bone in typed
        else m
        for m in made
        if m not in labels
    ]


def _one_level(made: list[EdemaMention]) -> list[EdemaMention]:
    """ "Modic 2 changes at L4-L5, no Modic 1 change": a Modic change without a level, of
    another status than the one level the sentence names, is at that level. Not the vertebral
    bodies as a group: "KMÖ in LWK 3, übrige Wirbelkörper ohne Ödem"."""
    levelled = {m.bone: m for m in made if m.bone_id is not None and m.region in SPINE_ADJ}
    if len(levelled) != 1:
        return made
    (at,) = levelled.values()
    return [
        m.model_copy(update={k: getattr(at, k) for k in _PLACE})
        if m.kind in ("modic", "edema", "signal")
        and m.bone_id is None
        and (m.kind == "modic" or m.bone is None or m.subregion is not None)
        and (m.region in (DOC, DOC_SPINE) or m.region in SPINE_ADJ)
        and m.status != at.status
        and abs(m.start - at.start) <= 60
        else m
        for m in made
    ]


def _hedged_modic(made: list[EdemaMention]) -> list[EdemaMention]:
    """ "Faint edema-like signal along the L3-L4 endplates may represent early Modic type 1
    change": a Modic label without a level is the described spine signal, with its status."""
    loose = [m for m in made if m.kind == "modic" and m.modic_type and m.bone_id is None]
    spine = [
        m
        for m in made
        if m.kind in ("signal", "edema")
        and m.bone_id is not None
        and (m.region in SPINE_ADJ or m.region == DOC_SPINE)
        and m.status in ("present", "uncertain")
    ]
    if len(loose) == 1 and loose[0].status == "negated" and spine:
        # "Endplate oedema at L2-L3 ... concern for discitis rather than a Modic 1 change": the
        # label is a differential of the described edema, not a finding of its own.
        return [m for m in made if m is not loose[0]]
    if len(loose) != 1 or not spine or any(m.status == loose[0].status for m in spine):
        return made
    label = loose[0]
    if label.status == "uncertain" and all(m.kind == "edema" for m in spine):
        # "oedema of the adjacent L3 and L4 endplates; this may represent early discitis or an
        # active Modic 1 change": named edema with a hedged cause stays present.
        return [m for m in made if m is not label]
    moved = {id(label), *(id(m) for m in spine)}
    update = {"kind": "modic", "modic_type": label.modic_type, "status": label.status}
    return [m for m in made if id(m) not in moved] + [m.model_copy(update=update) for m in spine]


def _paired_kind(m: EdemaMention) -> bool:
    """Modic changes pair by endplate or body; other endplate signal or edema by endplate only
    (edema of two adjacent vertebral bodies may be two fractures)."""
    return m.kind == "modic" or (
        m.kind in ("signal", "edema") and m.subregion in ("superior_endplate", "inferior_endplate")
    )


def pair_endplates(made: list[EdemaMention]) -> list[EdemaMention]:
    """A Modic change of the inferior endplate (or body) of one level and the superior endplate
    (or body) of the next is one change of that disc level: "Grundplatte LWK 5 und Deckplatte
    SWK 1", "the L3 and L4 vertebral bodies ..., consistent with Modic type 1" are "L5-S1
    endplates" and "L3-L4 endplates"; so is endplate signal or edema facing one disc
    ("Angrenzend an Grundplatte LWK 4 und Deckplatte LWK 5 ... Signalveränderungen")."""
    lower = {
        (m.bone_id, m.status, m.modic_type): m
        for m in made
        if _paired_kind(m) and m.subregion in ("superior_endplate", "vertebral_body")
    }
    out, used = [], set()
    for m in made:
        below = None
        if (
            _paired_kind(m)
            and m.subregion in ("inferior_endplate", "vertebral_body")
            and m.bone_id
            and id(m) not in used
        ):
            below = lower.get((_NEXT_LEVEL.get(m.bone_id), m.status, m.modic_type))
        if below is None:
            out.append(m)
            continue
        used.add(id(below))
        name = f"{m.bone_id.upper()}-{below.bone_id.upper()} endplates"  # type: ignore[union-attr]
        out.append(
            m.model_copy(update={"bone": name, "subregion": None, "end": max(m.end, below.end)})
        )
    out = [m for m in out if id(m) not in used]
    # "Modic 1 at L5/S1 ..., now involving most of the S1 superior endplate": one level.
    discs = {
        (m.bone_id, m.status)
        for m in out
        if m.bone and "-" in m.bone and m.bone.endswith(" endplates")
    }
    discs |= {(NEXT_LEVEL[b], st) for b, st in list(discs) if b in NEXT_LEVEL}
    # "Modic type 1 changes at L5/S1, more marked on the sacral side": the S1 endplate.
    sacral = {st for b, st in discs if b == "s1"}
    out = [m for m in out if not (m.region == "sacroiliac" and m.status in sacral)]
    # "Modic 1 at L4-5 has extended further into the L5 vertebral body": the same change;
    # "Ödem an der Grundplatte L5 (Segment L5-S1)": the same edema.
    return [
        m
        for m in out
        if not (
            _paired_kind(m)
            and m.subregion in ("superior_endplate", "inferior_endplate", "vertebral_body")
            and (m.bone_id, m.status) in discs
        )
    ]


def merge_mentions(mentions: list[EdemaMention]) -> list[EdemaMention]:
    """One mention per bone and status in a sentence; keep the most specific kind and facts."""
    out: dict[int, EdemaMention] = {}
    for m in mentions:
        # "... im rechten Femurkopf regredient, während sich im linken Femurkopf ein neues
        # Ödem demarkiert": the same bone of the other side is another finding.
        key = next(
            (
                k
                for k, o in out.items()
                if o.bone == m.bone
                and o.status == m.status
                and (o.laterality == m.laterality or None in (o.laterality, m.laterality, o.bone))
            ),
            None,
        )
        if key is None:
            out[len(out)] = m
            continue
        old = out[key]
        first, other = (old, m) if _KIND_RANK[old.kind] <= _KIND_RANK[m.kind] else (m, old)
        out[key] = first.model_copy(
            update={
                k: getattr(other, k)
                for k in ("modic_type", "change", "size", "laterality")
                if getattr(first, k) is None and getattr(other, k) is not None
            }
        )
    # "Bone marrow edema pattern of the left proximal femur, most likely transient osteoporosis
    # (bone marrow edema syndrome)": the named edema is asserted, the hedge is on its cause.
    named = {
        m.bone
        for m in out.values()
        if m.status == "present" and m.kind != "signal" and m.bone is not None
    }
    kept = [m for m in out.values() if not (m.status == "uncertain" and m.bone in named)]
    # "geringe T2-Signalanhebung im Schenkelhals, ödemäquivalent?": the signal is the one in
    # doubt, not a second, certain finding
    doubted = {m.bone for m in kept if m.status == "uncertain" and m.kind != "signal" and m.bone}
    kept = [
        m for m in kept if not (m.kind == "signal" and m.status == "present" and m.bone in doubted)
    ]
    # "Das Knochenmarködem in LWK 4 ... regredient, residuell noch schmaler Ödemsaum entlang der
    # Grundplatte LWK 4": an endplate's edema beside its vertebral body's is that body's.
    bodies = {
        (m.bone_id, m.status)
        for m in kept
        if m.subregion == "vertebral_body" and m.kind not in ("modic",)
    }
    kept = [
        m
        for m in kept
        if not (
            m.kind != "modic"
            and m.subregion in ("superior_endplate", "inferior_endplate")
            and (m.bone_id, m.status) in bodies
        )
    ]
    # "Wirbelkörper unauffällig, keine Modic-Veränderungen, kein Knochenmarködem": negations
    # of the spine that name no level are one statement.
    unlevelled = [
        m
        for m in kept
        if m.status == "negated"
        and m.bone_id is None
        and (m.region in SPINE_ADJ or m.region in (DOC, DOC_SPINE))
    ]
    if len(unlevelled) > 1 and any(m.region != DOC for m in unlevelled):
        kept = [m for m in kept if m is unlevelled[0] or all(m is not u for u in unlevelled)]
    return kept


def converted(made: list[EdemaMention], start: int, end: int, text: str) -> list[EdemaMention]:
    """ "The Modic type 1 change at L5-S1 has converted to type 2 signal": at one level, the
    type 1 change has resolved and a type 2 change, said at [start, end), is present."""
    levels = [m for m in made if m.kind in ("modic", "edema", "signal") and m.bone_id]
    if len({m.bone for m in levels}) != 1 or any(
        m.status in ("negated", "uncertain") for m in levels
    ):
        return made
    at = levels[0]
    # "..., dort jetzt Fettmarkkonversion entsprechend Modic II": the type 2 label is the change.
    rest = [
        m
        for m in made
        if m not in levels
        and not (m.kind == "modic" and m.bone_id is None and m.status == "present")
    ]
    gone = at.model_copy(
        update={"kind": "modic", "status": "resolved", "change": "resolved", "modic_type": 1}
    )
    now = at.model_copy(
        update={
            "kind": "modic",
            "status": "present",
            "change": None,
            "modic_type": 2,
            "start": start,
            "end": end,
            "text": text,
        }
    )
    return [*rest, gone, now]
