"""Bones, subregions and spine levels named in a sentence, from the knowledge base.

The phrases come from ``knowledge/data/regions.yaml`` (via ``load_knowledge()``), never from
a copy. Spine levels are read as levels ("L4", "LWK 4"), disc levels ("L4-5", "L5/S1") and
endplates ("L1 inferior endplate", "Grundplatte LWK1"); "T1"/"T2" count as levels only where
the context says vertebra, not sequence.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass

from marrowpath.knowledge import load_knowledge
from marrowpath.nlp.lexicon import LANGS, lexicon, misspellings
from marrowpath.nlp.patterns import compile_phrases, lower, normalize, phrase_regex, substring_regex
from marrowpath.nlp.phalanges import find_phalanges

__all__ = ["DOC", "NEXT_LEVEL", "Anatomy", "AnatomyHit", "anatomy"]

DOC = "?report"
"""Placeholder region of a mention naming no bone or place (or a phalanx of an unsaid limb),
until the report's region is known."""

_SIDE_WORD = r"(?:left|right|linke[nmrs]?|rechte[nmrs]?)"
_ANATOMY_SEP = r"(?:\s*[-‐–]\s*|\s+)(?:" + _SIDE_WORD + r"\s+)?"
_SIDE_STRIP = re.compile(r"\b" + _SIDE_WORD + r"\b", re.IGNORECASE)
_LEVEL_ID = re.compile(r"^[ctls]\d{1,2}$")
_PURE_LEVEL = re.compile(r"^[a-zäöü]{1,4}\s?\d{1,2}$")
_NOT_LEVEL_AFTER = re.compile(
    r"\s*[-‐]?\s*(?:w\b|weighted|gewichtet|signal|hyper|hypo|fs\b|fat|sequen|image|bild|ρ|rho"
    r"|tse|flair|/\s*(?:t2|stir|pd)|nerve|root|radicul|wurzel|dermatom)",
    re.IGNORECASE,
)
_SEQUENCE_BEFORE = re.compile(
    r"(?:\bt[12]\s*(?:and|und|/|,|-)\s*|(?:dark|bright|low|high|hypo\w*|hyper\w*)\s+(?:on\s+)?)$",
    re.IGNORECASE,
)
_AND_LEVEL_NUMBER = re.compile(
    r"\s*(?:und|and|u\.|&|sowie)\s+(\d{1,2})\b(?![.,/\-–]?\d)"
    r"(?!\s*(?:mm|cm|%|x\b|×|end\s?plates|endplatten|abschlussplatten|wochen|weeks|monate|months))",
    re.IGNORECASE,
)
_GRADE_BEFORE = re.compile(r"\bk\s?[-/]?\s?$", re.IGNORECASE)
"""A Kellgren-Lawrence grade, not a level: "K-L 3", "KL 2", "K/L 4"."""
_BODY_AFTER = re.compile(r"\s*(?:vertebra|vertebral|wirbel|bod)", re.IGNORECASE)
_ROOT_BEFORE = re.compile(
    r"(?:nerve\s+root|root|nervenwurzel|wurzel|radiculopathy)\s*$", re.IGNORECASE
)
"""A level named for its nerve root ("contact with the L5 root", "Nervenwurzel L5")."""
_VERTEBRA_AFTER = re.compile(
    r"\s*(?:[-/–]\s*(?:t\s?)?\d|\s(?:vertebra|vertebral|end\s?plate|superior|inferior|level|wirbel))",
    re.IGNORECASE,
)
_SPINE_GENERIC = "vertebral_bodies"
_LEVEL_ORDER = [
    *(f"c{i}" for i in range(1, 8)),
    *(f"t{i}" for i in range(1, 13)),
    *(f"l{i}" for i in range(1, 6)),
    *(f"s{i}" for i in range(1, 6)),
]
NEXT_LEVEL = dict(itertools.pairwise(_LEVEL_ORDER))
_POSITION_BEFORE = re.compile(r"\b(inferior|superior)\s+$", re.IGNORECASE)
_ENDPLATE_TEXT = re.compile(r"end\s?plate|modic", re.IGNORECASE)
_AND = re.compile(r"\s*(?:and|und|&|,)\s*$", re.IGNORECASE)
_ENDPLATES_AFTER = re.compile(r"\s*(?:end\s?plates|endplatten|abschlussplatten)\b", re.IGNORECASE)


def _disc_of_two_levels(text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
    """ "the L4 and L5 endplates", "LWK 4 und 5 Endplatten": the endplates of one disc level."""
    out: list[AnatomyHit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if (
            nxt is not None
            and h.subregion == nxt.subregion == "vertebral_body"
            and NEXT_LEVEL.get(h.bone_id) == nxt.bone_id
            and _AND.search(text, h.end, nxt.start)
            and (plates := _ENDPLATES_AFTER.match(text, nxt.end)) is not None
        ):
            name = f"{h.bone_id.upper()}-{nxt.bone_id.upper()} endplates"
            region = "lumbar_spine" if h.region == "pelvis" else h.region
            out.append(AnatomyHit(h.start, plates.end(), region, h.bone_id, None, name, True))
            i += 2
            continue
        out.append(h)
        i += 1
    return out


_NUMBER_AT_END = re.compile(r"(?<=[\s.])(?:[ivx]{1,3}|[1-5])$")
_AND_NUMBER = re.compile(
    r"(\s*(?:,|und|and|u\.|&|/|sowie|or|oder|bis|to|through|-|–)\s*)([ivx]{1,3}|[1-5])\b"
    r"(?![.\-/]?\d)"
)
_FIRST_NUMBER = re.compile(r"\s+([ivx]{1,3}|[1-5])\b(?![.\-/]?\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def _numeral(token: str) -> int | None:
    return int(token) if token.isdigit() else _ROMAN.get(token)


_LOWER_SACRAL = frozenset({"s2", "s3", "s4", "s5"})
"""The level below each spine level (L5 -> S1)."""
_ENDPLATES_BEFORE = re.compile(
    r"(?:end\s?plates?|endplatten|abschlussplatten|grund-\s*und\s*deckplatten?"
    r"|deck-\s*und\s*grundplatten?)\s*"
    r"(?:of\s+(?:the\s+)?|at\s+|der\s+|von\s+|im\s+segment\s+|in\s+höhe\s+|im\s+bewegungssegment\s+)?$",
    re.IGNORECASE,
)
_AND_WORD_AFTER = re.compile(
    # not a preposition: "Os metacarpale II und in der Basis ..." elides nothing
    r"(?:\s*(?:,|\s(?:and|or|und|oder|&))\s+(?:the\s+)?|/)"
    r"(?!(?:in|im|am|an|at|on|of|to|der|die|das|dem|den|des|the|mit|bei|zum|zur)\b)(\w+?)(?:e?s)?\b"
)
_AND_SUFFIX_AFTER = re.compile(r"\s+(?:und|sowie|oder|bzw\.?)\s+-(\w+)")
_WORD_AND_BEFORE = re.compile(r"\b(\w+)\s+(?:and|und|&|/)\s+(?:the\s+)?$")
_NEAR_MIN = 8
"""Names at least this long are read with one typing slip; shorter ones are too alike."""
_LONG_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]{{{_NEAR_MIN},}}(?![^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")
_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")
_VARIANCE_AFTER = re.compile(r"[- ]?(?:plus|minus)(?:variante\w*|\b)|\s+(?:variance|variante)\b")
_JOINT_AFTER = re.compile(r"(?:[- ]?(?:[ivx]{1,3}|\d))?[- ]?(?:gelenke?|joints?)\b")
_HEAD_PART = re.compile(r"(?<=\w)(?:köpfchens?|kopf(?:es)?|basis|schaft)$")
"""The part word that ends a German bone compound ("Metakarpaleköpfchen")."""
_PREFIX_ELIDED = re.compile(
    r"\b([a-zäöüß]{3,})-\s+(?:und|oder|u\.|sowie|bzw\.)\s+([a-zäöüß]{6,})", re.IGNORECASE
)
"""A German compound's first part with its end left to the next word ("Innen- und
Außenknöchel")."""
_OTHER_POSITION = re.compile(
    r"\b(medial|lateral)(?:e[nmrs]?)?\s+(?:and|or|und|oder|&|/|bzw\.?)\s+$", re.IGNORECASE
)
"""The other position said before a positioned bone: "im medialen oder lateralen Femurkondylus"."""
_SHARED_POSITION = re.compile(
    r"\b(medial|lateral|mediale[nmrs]?|laterale[nmrs]?)\s+(\w+)\s+(?:and|und|&|/)\s+$"
)
"""A position said once for two bones: "lateral femoral and tibial condyles"."""
_JOINTS = frozenset({"sacroiliac_joint"})
"""Bones of the knowledge base that are joints: named beside a part, the part is the place."""
_ADJECTIVE = re.compile(r"\w+(?:al|ar)")
"""A bone named by its adjective ("sacral fractures"), not as the place of the edema."""
_AREA_GAP = re.compile(
    r"\s*(?:im\s+bereich\s+(?:des|der)|in\s+the\s+region\s+of\s+the|at\s+the\s+level\s+of\s+the)\s+$"
)
"""Between a bone and its part said as its area ("distale Fibula im Bereich des Außenknöchels")."""
_FACING = re.compile(
    r"(?:gelenkfläche|gelenkflächen|gelenkfacette|artikulation)\s+(?:zum|zur|zu\s+den)\s+$"
    r"|(?:articulation|articulating|articular\s+surface|interface|synchondrosis)\s+with\s+"
    r"(?:the\s+)?$"
    # "Stress fracture of the left inferior pubic ramus near the symphysis"
    r"|(?:near|close\s+to|nahe|in\s+der\s+nähe)\s+(?:the\s+|der\s+|dem\s+|des\s+)?$"
)
"""Before a bone named as the partner of a joint surface ("KMÖ im Os cuboideum an der
Gelenkfläche zum MT IV"): a place of the finding's own bone."""
_TITLE_START = re.compile(r"\s*(?:mri|mrt|mr|magnetic resonance|kernspin\w*)\b", re.IGNORECASE)
_GROUPS = frozenset({"tarsal_bones", "carpal_bones", "metatarsals", "metacarpals"})
"""Bones named as a group, which a line's heading may name before one of them."""
_PLACE_ADJECTIVE = re.compile(r"\w+(?:al|ar|är)")
_COMPARTMENT = re.compile(
    r"\b(medial|lateral)(?:e[nmrs]?)?\s+(?:femorotibiale[nmrs]?\s+|tibiofemoral\s+)?"
    r"(?:kompartiment|compartment)"
)
_JOINT_SIDE = re.compile(r"(?<![\w-])(femoral|tibial)(?![\w-])")
"""A side of the knee's joint said as an adverb ("BML femoral und tibial")."""
_JOINT_SIDES = {"femoral": "femoral condyle", "tibial": "tibial plateau"}
_KNEE_ABBREVIATIONS = frozenset({"lfc", "mfc", "ltp", "mtp", "lfk", "mfk"})
_LABEL_POSITION = re.compile(r"(?<![\w-])(medial|lateral)(?:e[nmrs]?)?(?![\w-])")
"""A position said alone in a template line about a bone ("Femurkondylen: medial ...")."""
_SIDE_GAP = re.compile(r"\s+(?:(?:rechts|links|re\.|li\.|bds\.|beidseits|left|right)\s+)?")
_OF_GAP = re.compile(r"^\s*(?:of|des|der)\s+(?:the\s+)?(?:(?:left|right|linken|rechten)\s+)?$")


_ADJECTIVE_ENDING = re.compile(r"^([a-zäöü]{4,}?)(?:e|en|er|es|em)$")
_ENDINGS = ("e", "en", "er", "es", "em")
_SHORT = {
    "lateral": ("lat.", "lat"),
    "medial": ("med.", "med"),
    "distal": ("dist.",),
    "proximal": ("prox.",),
    "dorsolateral": ("dorsolat.", "dorsolat"),
    "posterolateral": ("posterolat.", "posterolat"),
    "posteromedial": ("posteromed.", "posteromed"),
}
"""Position words as dictation shortens them, also without the dot ("lat femurkondylus")."""


def _declined(synonyms: list[str]) -> list[str]:
    """German synonyms with every ending of their leading adjective: the knowledge base
    says "distale Tibia", reports say "distaler Tibia", "distalen Tibia", "dist. Tibia" and
    "Tibia distal"."""
    out = list(synonyms)
    for syn in synonyms:
        first, _, rest = syn.partition(" ")
        m = _ADJECTIVE_ENDING.match(first)
        if m and rest:
            out.extend(f"{m.group(1)}{ending} {rest}" for ending in _ENDINGS)
            out.extend(f"{a} {rest}" for a in _SHORT.get(m.group(1), ()))
            if m.group(1) in _SHORT and " " not in rest:
                # Dictated with the position after: "Femurkondylus medial", "Tibia dist."
                out.extend(f"{rest} {a}" for a in (m.group(1), *_SHORT[m.group(1)]))
    return out


def _shortened(synonyms: list[str]) -> list[str]:
    """English synonyms with their position word shortened as in dictation ("lat. femoral
    condyle", "med. tibial plateau")."""
    out = list(synonyms)
    for syn in synonyms:
        first, _, rest = syn.partition(" ")
        if rest:
            out.extend(f"{a} {rest}" for a in _SHORT.get(first, ()))
    return out


_ANKLE_WORDS = re.compile(
    r"\b(?:osg|usg|sprunggelenk\w*|ankle|lfta|lftp|ltfa|atfl|ptfl|syndesmos\w*)\b", re.IGNORECASE
)
_KNEE_WORDS = re.compile(
    r"\b(?:knie\w*|knee|vkb|hkb|acl|pcl|menisk\w*|menisc\w*|patell\w*|femurkondyl\w*)",
    re.IGNORECASE,
)


def _foreign_abbreviations(text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
    """ "Bone bruise am Talusdom, LFTA rupturiert, LFC intakt": a knee's abbreviation among
    another joint's bones is that joint's (here the fibulocalcaneal ligament), not the knee's."""
    short = [h for h in hits if h.region == "knee" and text[h.start : h.end] in _KNEE_ABBREVIATIONS]
    if not short:
        return hits
    others = [h for h in hits if h not in short]
    if any(h.region == "knee" for h in others):
        return hits
    named = [h for h in others if h.end - h.start > 4]  # not "MFK" (Mittelfußknochen, or MFC)
    if named or (_ANKLE_WORDS.search(text) and not _KNEE_WORDS.search(text)):
        return others  # "MR OSG li.: Ruptur des LFTA, Teilruptur des LFC"
    return hits


@dataclass(frozen=True, slots=True)
class AnatomyHit:
    """A bone or part of a bone named at [start, end) of a sentence."""

    start: int
    end: int
    region: str
    bone_id: str
    subregion: str | None
    name: str
    """Lower-case anatomical name as reported ("lateral tibial plateau", "L4-L5 endplates")."""
    level: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    region: str
    bone_id: str
    subregion: str | None
    name: str


class Anatomy:
    """Compiled anatomy of the knowledge base."""

    def __init__(self) -> None:
        kb = load_knowledge()
        phrases: list[str] = []
        self._entries: dict[str, _Entry] = {}
        level_phrases: list[str] = []
        self._levels: dict[str, str] = {}
        self.level_region: dict[str, str] = {}
        self.level_sub: dict[tuple[str, str], str] = {}
        sub_phrases: list[str] = []
        self._sub_ids: dict[str, str] = {}
        self.bone_region: dict[str, str] = {}
        parts: list[tuple[_Entry, tuple[str, ...]]] = []
        for region in kb.kb.regions:
            for bone in region.bones:
                self.bone_region[bone.id] = region.id
                if _LEVEL_ID.match(bone.id):
                    self.level_region[bone.id] = region.id
                    for syn in (*bone.synonyms.en, *bone.synonyms.de):
                        if _PURE_LEVEL.match(syn.lower()):
                            level_phrases.append(syn)
                            self._levels[normalize(syn).replace(" ", "")] = bone.id
                    for sub in bone.subregions:
                        self.level_sub[(bone.id, sub.id)] = sub.names.en
                        for syn in (*sub.synonyms.en, *sub.synonyms.de):
                            sub_phrases.append(syn)
                            self._sub_ids.setdefault(normalize(syn), sub.id)
                    continue
                entry = _Entry(region.id, bone.id, None, bone.names.en.lower())
                en_syns = _shortened([bone.names.en, *bone.synonyms.en])
                for syn in (*en_syns, *_declined(bone.synonyms.de)):
                    phrases.append(syn)
                    self._entries.setdefault(normalize(syn), entry)
                for sub in bone.subregions:
                    sub_entry = _Entry(region.id, bone.id, sub.id, sub.names.en.lower())
                    en_syns = _shortened([sub.names.en, *sub.synonyms.en])
                    syns = (*en_syns, *_declined(sub.synonyms.de))
                    parts.append((sub_entry, syns))
        # Parts after every bone: a part named like a bone ("sacrum" of the SI joint) does
        # not take the bone's name.
        for sub_entry, syns in parts:
            for syn in syns:
                phrases.append(syn)
                self._entries.setdefault(normalize(syn), sub_entry)
        # Misspelled names ("condyl", "cunieform") find the entry of the right spelling.
        typos = {k: v for lang in LANGS for k, v in lexicon(lang).anatomy_typos.items()}
        for syn in list(phrases):
            for bad in misspellings(syn, typos):
                phrases.append(bad)
                self._entries.setdefault(normalize(bad), self._entries[normalize(syn)])
        self._general = compile_phrases(phrases, _ANATOMY_SEP, suffix="(?:e?[sn])?")
        # One word for two bones ("die Malleolen"): both bones.
        pairs = {w: names for lang in LANGS for w, names in lexicon(lang).paired_bones.items()}
        self._pairs = {
            normalize(w): tuple(self._entries[normalize(n)] for n in names)
            for w, names in pairs.items()
        }
        self._pair_re = compile_phrases(list(pairs)) if pairs else None
        # German compounds of a bone and a part of it ("Schenkelhalskortikalis"): the bone.
        findings = {w: k for lang in LANGS for w, k in lexicon(lang).finding_compounds.items()}
        self.finding_kind = findings
        self.finding_word = substring_regex(findings)
        self._parts = tuple(p for lang in LANGS for p in (*lexicon(lang).compound_parts, *findings))
        self._part_word = substring_regex(self._parts) if self._parts else None
        heads = sorted(
            {p.lower() for p in phrases if " " not in p.strip() and len(p) >= 4}, key=len
        )
        # Long one-word names by each of their one-letter deletions, to read a name typed with
        # one letter wrong, missing, added or two letters swapped ("Tibiaplatoe").
        self._near: dict[str, str | None] = {}
        self._near_memo: dict[str, str | None] = {}  # words of reports, read once each
        # The first parts (three letters or more) of one-word names, to read "Femur Kondylus".
        self._first_halves = {
            key[:i] for key in heads if " " not in key for i in range(3, len(key) - 3)
        }
        for key in sorted({normalize(h) for h in heads if len(h) >= _NEAR_MIN}):
            for variant in {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}:
                seen = self._near.setdefault(variant, key)
                if seen is not None and self._entries.get(seen) is not self._entries.get(key):
                    self._near[variant] = None  # two names this close: neither
        self._compound_re = re.compile(
            r"(?<![^\W_])(?P<head>"
            + "|".join(re.escape(h) for h in reversed(heads))
            + r")(?:"
            + "|".join(re.escape(p) for p in self._parts)
            + r")\w*"
        )
        # A bone and a finding in one word ("Talusödem", "Tibiakopfkontusion"): the finding.
        self.finding_compound = (
            re.compile(
                r"(?<![^\W_])(?:"
                + "|".join(re.escape(h) for h in reversed(heads))
                + r")(?P<tail>"
                + "|".join(re.escape(w) for w in sorted(findings, key=len, reverse=True))
                + r")(?![^\W_])"
            )
            if findings
            else None
        )
        # A joint's parts named like bones ("ilium" and "sacrum" of the sacroiliac joint): next
        # to the joint, those bones are the joint's parts.
        by_name = {e.name: e for e in self._entries.values() if e.subregion is None}
        self._joint_part: dict[tuple[str, str], _Entry] = {}
        for e in self._entries.values():
            named = by_name.get(e.name)
            if e.subregion is not None and named is not None and named.bone_id != e.bone_id:
                self._joint_part[(e.bone_id, named.bone_id)] = e
        level = phrase_regex(level_phrases)
        self._level = re.compile(
            r"(?P<a>" + level + r")(?:\s*(?:-|/|–|to|bis)\s*(?P<b>" + level + r"|\d{1,2}(?!\d)))?",
            re.IGNORECASE,
        )
        subs = phrase_regex(sub_phrases)
        self._sub_after = re.compile(
            r"(?:(?:\s*(?:,|and|und|or|oder|&))+\s*(?:" + level + r"))*[\s-]*(?:of\s+the\s+)?"
            r"(?P<sub>" + subs + r")",
            re.IGNORECASE,
        )
        self._sub_more = re.compile(
            r"\s*(?:,|and|und|&)\s*(?:the\s+|die\s+|der\s+)?(?P<sub>" + subs + r")(?![\w-])",
            re.IGNORECASE,
        )
        # "Deckplatten LWK 3 und LWK 4": the part named before a list of levels.
        self._sub_before = re.compile(
            r"(?P<sub>" + subs + r")\s*(?:of\s+(?:the\s+)?|des\s+|von\s+)?(?:vertebra\s+)?"
            r"(?:(?:" + level + r")\s*(?:,|and|und|&)\s*)*$",
            re.IGNORECASE,
        )

        # Disc levels named in words: "the lumbosacral junction" is L5-S1.
        said = {k: v for lang in LANGS for k, v in lexicon(lang).disc_level_names.items()}
        self._disc_named = {normalize(k): v.lower() for k, v in said.items()}
        self._disc_name = compile_phrases(list(said)) if said else None
        self._disc_hint = substring_regex({lower(k)[:7] for k in said})

    def _level_id(self, token: str) -> str | None:
        return self._levels.get(normalize(token).replace(" ", ""))

    def _spine(self, text: str) -> list[AnatomyHit]:
        hits = []
        if self._disc_name is not None and self._disc_hint.search(text):
            for m in self._disc_name.finditer(text):
                upper, _, lower_ = self._disc_named[normalize(m.group())].partition("-")
                name = f"{upper.upper()}-{lower_.upper()} endplates"
                hits.append(AnatomyHit(m.start(), m.end(), "lumbar_spine", upper, None, name, True))
        for m in self._level.finditer(text):
            a = self._level_id(m.group("a"))
            if (
                a is None
                or _NOT_LEVEL_AFTER.match(text, m.end("a"))
                or _ROOT_BEFORE.search(text, max(0, m.start() - 20), m.start())
                or _GRADE_BEFORE.search(text, max(0, m.start() - 4), m.start())
            ):
                continue
            if (
                a in ("t1", "t2")
                and _SEQUENCE_BEFORE.search(text, max(0, m.start() - 16), m.start())
                and not _BODY_AFTER.match(text, m.end("a"))
            ):
                continue  # "dark T1 and T2 endplate sclerosis": sequences, not vertebrae
            if a in ("t1", "t2") and not (
                _VERTEBRA_AFTER.match(text, m.end("a"))
                or re.search(r"c7\s*[-/–]\s*$", text[max(0, m.start() - 6) : m.start()], re.I)
            ):
                continue
            region = self.level_region[a]
            b_token = m.group("b")
            if b_token:
                b = self._level_id(b_token) or self._level_id(a[0] + b_token.strip())
                if b is not None:
                    # "L4/5" is a disc level; "LWK 1 bis 5" a range of vertebrae.
                    part = "endplates" if NEXT_LEVEL.get(a) == b else "vertebral bodies"
                    name = f"{a.upper()}-{b.upper()} {part}"
                    if region == "pelvis":
                        region = "lumbar_spine"
                    said = _ENDPLATES_BEFORE.search(text, max(0, m.start() - 40), m.start())
                    start = said.start() if said else m.start()  # "Endplatten LWK 3/4"
                    hits.append(AnatomyHit(start, m.end(), region, a, None, name, True))
                    continue
            sub = None
            end, start = m.end("a"), m.start()
            after = self._sub_after.match(text, end)
            if after is not None:
                sub, end = self._sub_ids.get(normalize(after.group("sub"))), after.end()
            else:
                before = self._sub_before.search(text, max(0, start - 40), start)
                if before is not None:
                    sub, start = self._sub_ids.get(normalize(before.group("sub"))), before.start()
            if sub is None and _ENDPLATE_TEXT.search(text):
                # "inferior L4 > superior L5", "the inferior L4 and superior L5 endplates"
                said = _POSITION_BEFORE.search(text, max(0, start - 12), start)
                if said is not None:
                    sub = f"{said.group(1).lower()}_endplate"
                    start = said.start(1)
            sub = sub or "vertebral_body"
            if a == "s1" and sub == "superior_endplate":
                region = "lumbar_spine"  # the lower endplate of the L5-S1 disc level
            name = self.level_sub.get((a, sub), f"{a.upper()} vertebral body")
            if a in _LOWER_SACRAL and sub == "vertebral_body":
                name = "sacrum"  # "across the S2 body": the sacrum, not a vertebra of the spine
            hits.append(AnatomyHit(start, end, region, a, sub, name, True))
            also = _AND_LEVEL_NUMBER.match(text, end) if sub == "vertebral_body" else None
            b = self._level_id(a[0] + also.group(1)) if also is not None else None
            if also is not None and b is not None and b != a:
                # "BWK 6 und 7 ohne Ödem": the next vertebra by its number alone
                name = self.level_sub.get((b, sub), f"{b.upper()} vertebral body")
                hits.append(AnatomyHit(also.start(1), also.end(1), region, b, sub, name, True))
            # "the left L5 pedicle and pars interarticularis": a second part of the level.
            more = self._sub_more.match(text, end) if after is not None else None
            other = self._sub_ids.get(normalize(more.group("sub"))) if more else None
            if more is not None and other is not None and other != sub:
                name = self.level_sub.get((a, other), f"{a.upper()} {other}")
                hits.append(AnatomyHit(more.start("sub"), more.end(), region, a, other, name, True))
        if len(hits) < 2:
            return hits
        if any(h.region == "lumbar_spine" for h in hits):
            # "Knochenmarködem in LWK 5 und SWK 1": S1 of the lumbosacral level is the spine's
            hits = [
                dataclasses.replace(h, region="lumbar_spine") if h.bone_id == "s1" else h
                for h in hits
            ]
        return _disc_of_two_levels(text, hits)

    def find(self, text: str) -> list[AnatomyHit]:
        """Every bone or subregion named in ``text``, in order, without overlaps."""
        text = lower(text)
        hits = self._spine(text)
        taken = [(h.start, h.end) for h in hits]
        for m in self._general.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            entry = self._entry(m.group())
            if entry is None:
                continue
            if e - s <= 4 and entry.bone_id not in _JOINTS and _JOINT_AFTER.match(text, e):
                continue  # "MTP-V-Gelenk", "MTP joint": a joint's abbreviation, not the plateau
            if _VARIANCE_AFTER.match(text, e):
                continue  # "Ulna-Plus-Variante", "ulnar variance": a length, not the bone
            shared = _SHARED_POSITION.search(text, max(0, s - 40), s)
            if shared is not None:
                entry, first = self._positioned(shared, m.group(), entry)
                hits.extend(first)
            numbered = self._numbered(text, m.group(), e)
            if not numbered or _NUMBER_AT_END.search(m.group()):
                # not the plural that only names the numbered bones ("Metatarsalia II bis IV")
                hits.append(
                    AnatomyHit(s, e, entry.region, entry.bone_id, entry.subregion, entry.name)
                )
            elided = self._ellipsis(text, s, e, entry) + numbered
            hits.extend(elided)
            taken.extend((h.start, h.end) for h in elided)
        for s, e, name, toe in find_phalanges(text):
            if not any(h.start < e and s < h.end for h in hits):
                region = DOC if toe is None else "ankle_foot" if toe else "other"
                bone_id = "finger_phalanges" if toe is False else "toe_phalanges"
                hits.append(AnatomyHit(s, e, region, bone_id, None, name))
        if self._part_word is not None and self._part_word.search(text):
            for m in self._compound_re.finditer(text):
                s, e = m.span()
                entry = self._entries.get(normalize(m.group("head")))
                if entry is not None and not any(h.start < e and s < h.end for h in hits):
                    hits.append(
                        AnatomyHit(s, e, entry.region, entry.bone_id, entry.subregion, entry.name)
                    )
        if self._pair_re is not None:
            for m in self._pair_re.finditer(text):
                # "beide Femurkondylen": both bones, in place of the group the words also name
                hits = [h for h in hits if not (m.start() <= h.start and h.end <= m.end())]
                if not any(h.start < m.end() and m.start() < h.end for h in hits):
                    # each bone on its own part of the words, so that they read as a list
                    pair = self._pairs[normalize(m.group())]
                    cut = m.start() + (m.end() - m.start()) // 2
                    spans = [(m.start(), cut), (cut, m.end())]
                    hits.extend(
                        AnatomyHit(a, b, e.region, e.bone_id, e.subregion, e.name)
                        for (a, b), e in zip(spans, pair, strict=False)
                    )
        hits.extend(self._other_positions(text, hits))
        if "- " in text:
            hits.extend(self._prefix_elided(text, hits))
        hits = self._split_names(text, hits)
        hits.extend(self._near_misses(text, hits))
        hits.sort(key=lambda h: h.start)
        if ":" in text:
            hits = self._label_positions(text, hits)
        if "ompart" in text:
            hits = self._compartment_sides(text, hits)
        hits = _foreign_abbreviations(text, hits)
        # "both the sacral and iliac sides": "sacral" is the joint's sacral side, not the bone.
        parts = {(h.start, h.end) for h in hits if h.subregion is not None}
        hits = [h for h in hits if h.subregion is not None or (h.start, h.end) not in parts]
        return self._drop_parent_bones(text, self._joint_parts(hits))

    def _joint_parts(self, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """ "the sacrum adjacent to the SI joint" is the sacral side of that joint."""
        joints = {h.bone_id for h in hits if h.subregion is None}
        out = []
        for h in hits:
            part = None
            if h.subregion is None:
                found = (self._joint_part.get((j, h.bone_id)) for j in joints)
                part = next((p for p in found if p is not None), None)
            if part is None:
                out.append(h)
            else:
                out.append(
                    AnatomyHit(h.start, h.end, part.region, part.bone_id, part.subregion, part.name)
                )
        return out

    def _numbered(self, text: str, matched: str, e: int) -> list[AnatomyHit]:
        """ "Metatarsale III und IV", "MT 2, 3 and 4", "Metatarsalia II bis IV": the numbered
        bones of a list or range."""
        out: list[AnatomyHit] = []
        last = _NUMBER_AT_END.search(matched)
        if last is not None:
            stem, number = matched[: last.start()], last.group()
        else:
            # A plural before the numbers: "metatarsals 3 and 4", "Metatarsalia II bis IV".
            first = _FIRST_NUMBER.match(text, e)
            if first is None:
                return []
            forms: tuple[str, ...] = (matched, matched[:-1], matched[:-2] + "e", matched[:-2])
            if matched.startswith("ossa "):  # "Ossa cuneiformia I und II": "Os cuneiforme I"
                forms = (*forms, *(f.replace("ossa ", "os ", 1) for f in forms))
            head = _HEAD_PART.search(matched)
            if head is not None:  # "Metakarpaleköpfchen II": "Metakarpale II"
                forms = (*forms, matched[: head.start()])
            stem = next((f"{f} " for f in forms if self._entry(f"{f} {first.group(1)}")), "")
            if not stem:
                return []
            number, e = first.group(1), first.end()
            out = self._number_hit(stem, number, first.start(1), e)
        while (nxt := _AND_NUMBER.match(text, e)) is not None:
            hits = []
            if nxt.group(1).strip(" ,") in ("bis", "to", "through", "-", "–"):
                # the numbers inside the range, placed on the range word ("II bis IV")
                low, high = _numeral(number), _numeral(nxt.group(2))
                if low == 1 and high == 5:
                    return []  # "Metatarsalia I–V": all of them, the group
                if low is not None and high is not None and low < high <= 5:
                    for n in range(low + 1, high):
                        hits += self._number_hit(stem, str(n), nxt.start(1), nxt.start(2))
            hits += self._number_hit(stem, nxt.group(2), nxt.start(2), nxt.end())
            if not hits:
                break
            out.extend(hits)
            number, e = nxt.group(2), nxt.end()
        return out

    def _near_misses(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """Long words one typing slip away from exactly one bone's name ("Femurkondylys",
        "Tibiaplatoe", "calcanues"), outside the names already found."""
        out = []
        memo = self._near_memo
        for m in _LONG_WORD.finditer(text):
            written = m.group()  # in lower case, as the text is
            key = memo.get(written, "")
            if key == "":
                key = self._near_name(normalize(written))
                if len(memo) >= 1 << 16:
                    memo.clear()
                memo[written] = key
            if key is None:
                continue
            s, e = m.span()
            if any(h.start < e and s < h.end for h in hits):
                continue
            entry, s = self._with_position(text, s, key, self._entries[key])
            out.append(AnatomyHit(s, e, entry.region, entry.bone_id, entry.subregion, entry.name))
        return out

    def _with_position(self, text: str, s: int, key: str, entry: _Entry) -> tuple[_Entry, int]:
        """The entry and start of a name read from ``key`` at ``s`` with the position word
        before it ("im lateralen Tibiaplatoe", "im medialen Tibia Plateau"), as for a name."""
        said = _WORD_BEFORE.search(text, max(0, s - 16), s)
        placed = self._entry(f"{said.group(1)} {key}") if said else None
        if said is not None and placed is not None and placed.bone_id == entry.bone_id:
            return placed, said.start(1)
        return entry, s

    def _prefix_elided(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """ "Innen- und Außenknöchel": the first word with the second's end ("Innenknöchel")."""
        out = []
        for m in _PREFIX_ELIDED.finditer(text):
            if any(h.start < m.end(1) and m.start(1) < h.end for h in hits):
                continue
            first, second = m.group(1), m.group(2)
            for i in range(3, len(second) - 3):
                word = normalize(first + second[i:])
                # "Scham- und Sitzbeine": the plural's singular is the name
                entry = next(
                    (e for w in (word, word[:-1], word[:-2]) if (e := self._entries.get(w))),
                    None,
                )
                if entry is not None:
                    out.append(
                        AnatomyHit(
                            m.start(1),
                            m.end(1) + 1,
                            entry.region,
                            entry.bone_id,
                            entry.subregion,
                            entry.name,
                        )
                    )
                    break
        return out

    def _other_positions(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """ "im medialen oder lateralen Femurkondylus", "the medial and lateral femoral
        condyles": the bone of the other position said before, too."""
        out = []
        for h in hits:
            first, _, rest = h.name.partition(" ")
            if first not in ("medial", "lateral") or not rest:
                continue
            m = _OTHER_POSITION.search(text, max(0, h.start - 30), h.start)
            if m is None or m.group(1).lower().startswith(first):
                continue
            other = "lateral" if first == "medial" else "medial"
            entry = self._entries.get(normalize(f"{other} {rest}"))
            if entry is not None and not any(o.start < m.end() and m.start() < o.end for o in hits):
                out.append(
                    AnatomyHit(
                        m.start(1),
                        m.end(1),
                        entry.region,
                        entry.bone_id,
                        entry.subregion,
                        entry.name,
                    )
                )
        return out

    def _label_positions(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """ "Femurkondylen: medial flächiges KMÖ; lateral regelrechtes Markraumsignal",
        "Femurkondylen medial und lateral: kein Ödem": a template line headed by a bone whose
        positions its words name are those parts, in place of the heading's bone."""
        colon = text.find(":")
        head = [h for h in hits if h.end <= colon]
        if len(head) != 1 or text[: head[0].start].strip(" \t\n-–•*"):
            return hits
        label = head[0]
        word = text[label.start : label.end]
        parts = []
        for m in _LABEL_POSITION.finditer(text, label.end):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            if any(0 <= h.start - m.end() <= 3 for h in hits):
                continue  # "medialer Meniskus", "lateral tibial plateau": another's position
            entry = next(
                (
                    e
                    for ending in ("", "e", "en", "er", "es")
                    if (e := self._entry(f"{m.group(1)}{ending} {word}")) is not None
                    and e.bone_id == label.bone_id
                    and e.subregion is not None
                ),
                None,
            )
            if entry is not None:
                parts.append(
                    AnatomyHit(
                        m.start(), m.end(), entry.region, entry.bone_id, entry.subregion, entry.name
                    )
                )
        if not parts:
            return hits
        return sorted([*(h for h in hits if h is not label), *parts], key=lambda h: h.start)

    def _compartment_sides(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """ "BML femoral und tibial im medialen Kompartiment": the two sides of the one
        compartment the sentence names, the medial femoral condyle and tibial plateau."""
        positions = {m.group(1) for m in _COMPARTMENT.finditer(text)}
        if len(positions) != 1:
            return hits
        position = positions.pop()
        parts = []
        for m in _JOINT_SIDE.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            entry = self._entry(f"{position} {_JOINT_SIDES[m.group(1)]}")
            if entry is not None:
                parts.append(
                    AnatomyHit(
                        m.start(), m.end(), entry.region, entry.bone_id, entry.subregion, entry.name
                    )
                )
        return sorted([*hits, *parts], key=lambda h: h.start) if parts else hits

    def _split_names(self, text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """One name dictated as two words ("Femur Kondylus", "Tibia Plateau"): that name, in
        place of what its first word named alone."""
        halves = self._first_halves
        if not any(w in halves for w in text.split(" ")):
            return hits  # most sentences: no word starts a name (the text is in lower case)
        joined = []
        words = list(_WORD.finditer(text))
        for m, n in itertools.pairwise(words):
            if (
                n.start() != m.end() + 1
                or text[m.end()] != " "
                or m.group() not in halves
                or len(n.group()) < 4  # not "Talus u. Calcaneus"
            ):
                continue
            key = normalize(m.group() + n.group())
            entry = self._entries.get(key) or self._entries.get(key[:-1])
            if entry is None or normalize(f"{m.group()} {n.group()}") in self._entries:
                continue
            entry, s = self._with_position(text, m.start(), key, entry)
            e = n.end()
            joined.append(
                AnatomyHit(s, e, entry.region, entry.bone_id, entry.subregion, entry.name)
            )
        if not joined:
            return hits
        kept = [h for h in hits if not any(j.start < h.end and h.start < j.end for j in joined)]
        return sorted([*kept, *joined], key=lambda h: h.start)

    def _near_name(self, word: str) -> str | None:
        """The one name ``word`` is a slip away from, if there is one."""
        if word in self._entries:
            return None  # a name, matched already or deliberately not (in another sense)
        near = [
            self._near[v]
            for v in (word, *(word[:i] + word[i + 1 :] for i in range(len(word))))
            if v in self._near
        ]
        keys = {k for k in near if k is not None}
        if None in near or len({id(self._entries[k]) for k in keys}) != 1:
            return None
        # A name made an adjective is another word ("trochlear dysplasia", "vertebral").
        adjective = word[-1] in "lr" and (word[:-1] in keys or word[:-1] in self._entries)
        return None if adjective else min(keys)

    def _positioned(
        self, shared: re.Match[str], matched: str, entry: _Entry
    ) -> tuple[_Entry, list[AnatomyHit]]:
        """ "lateral femoral and tibial condyles": the lateral tibial condyle, and the lateral
        femoral condyle named by its first word."""
        position, word = shared.group(1), shared.group(2)
        said = normalize(_SIDE_STRIP.sub(" ", matched)).split()
        mine = self._entry(f"{position} {matched}")
        other = self._entry(" ".join([position, word, *said[1:]]))
        if mine is None or other is None or other.region != mine.region or other == mine:
            return entry, []
        hit = AnatomyHit(
            shared.start(1), shared.end(2), other.region, other.bone_id, other.subregion, other.name
        )
        return mine, [hit]

    def _number_hit(self, stem: str, number: str, start: int, end: int) -> list[AnatomyHit]:
        entry = self._entry(stem + number)
        if entry is None:
            return []
        return [AnatomyHit(start, end, entry.region, entry.bone_id, entry.subregion, entry.name)]

    def _entry(self, matched: str) -> _Entry | None:
        key = normalize(_SIDE_STRIP.sub(" ", matched))
        entry = self._entries.get(key)
        if entry is None and key.endswith(("s", "n")):  # plurals, German "-n"/"-en"
            entry = self._entries.get(key[:-1]) or self._entries.get(key[:-2])
        return entry

    def _ellipsis(self, text: str, s: int, e: int, entry: _Entry) -> list[AnatomyHit]:
        """ "femoral head and neck", "distal tibia and fibula", "medial and lateral femoral
        condyles", "Femurkopf und -hals": the elided part."""
        out = []
        words = entry.name.split()
        after = _AND_WORD_AFTER.match(text, e)
        if after and len(words) > 1:
            other = self._entries.get(normalize(" ".join([*words[:-1], after.group(1)])))
            written = normalize(_SIDE_STRIP.sub(" ", text[s:e])).split()
            if other is None and len(written) > 1:
                # as written: "Os cuneiforme intermedium und laterale"
                other = self._entry(" ".join([*written[:-1], after.group(1)]))
            if other is not None and other.region == entry.region and other != entry:
                out.append(
                    AnatomyHit(
                        after.start(1),
                        after.end(1),
                        other.region,
                        other.bone_id,
                        other.subregion,
                        other.name,
                    )
                )
        compound = _AND_SUFFIX_AFTER.match(text, e)
        if compound:
            other = self._compound(text[s:e], compound.group(1))
            if other is not None and other.region == entry.region and other != entry:
                out.append(
                    AnatomyHit(
                        compound.start(1) - 1,
                        compound.end(1),
                        other.region,
                        other.bone_id,
                        other.subregion,
                        other.name,
                    )
                )
        before = _WORD_AND_BEFORE.search(text, max(0, s - 30), s)
        said = normalize(_SIDE_STRIP.sub(" ", text[s:e])).split()
        if before and len(said) > 1 and len(words) == 1:
            words = said  # a part named by another word: "the sacral and iliac sides" (ilium)
        if before and len(words) > 1:
            other = self._entries.get(normalize(" ".join([before.group(1), *words[1:]])))
            if other is None and len(said) > 1:
                # as written: "mediale und laterale Femurkondyle"
                other = self._entries.get(normalize(" ".join([before.group(1), *said[1:]])))
            # "the intermediate and lateral cuneiforms": bones of one kind, named once.
            if (
                other is not None
                and other != entry
                and (other.bone_id == entry.bone_id or other.name.split()[-1] == words[-1])
            ):
                out.append(
                    AnatomyHit(
                        before.start(1),
                        before.end(1),
                        other.region,
                        other.bone_id,
                        other.subregion,
                        other.name,
                    )
                )
        return out

    def _compound(self, word: str, tail: str) -> _Entry | None:
        """ "femurkopfes" and "-halses": the entry of "femurhals"."""
        stems = {tail, *(tail[: -len(x)] for x in ("es", "s", "e", "en") if tail.endswith(x))}
        for i in range(3, len(word)):
            for stem in stems:
                entry = self._entries.get(normalize(word[:i] + stem))
                if entry is not None:
                    return entry
        return None

    @staticmethod
    def _drop_parent_bones(text: str, hits: list[AnatomyHit]) -> list[AnatomyHit]:
        """A bone named only to say where another is: "iliac side of the SI joint", "sesamoid of
        the hallux", "the left SI joint ... the iliac subchondral bone", "sacral fractures
        through the sacral alae"."""
        out: list[AnatomyHit] = []
        for h in hits:
            prev = out[-1] if out else None
            if text.startswith("-gelenk", h.end) or (
                prev is not None and _FACING.search(text, prev.end, h.start)
            ):
                continue  # "Naviculo-Cuneiforme-Gelenk"; "... an der Gelenkfläche zum MT IV"
            if (
                prev is not None
                and prev.name == "sacral ala"
                and h.level
                and h.bone_id.startswith("s")
                and not text[prev.end : h.start].strip()
            ):
                continue  # "Massa lateralis S1/S2": the ala's height, not a level of its own
            if prev is not None and _OF_GAP.match(text[prev.end : h.start]):
                if h.level and prev.region == "spine_unspecified":
                    out[-1] = h  # "Endplatten des lumbosakralen Übergangs": the level's
                continue  # "iliac side of the SI joint", "sesamoid of the hallux"
            if (
                prev is not None
                and prev.bone_id == h.bone_id
                and (
                    text[prev.end : h.start] == "/"
                    or _AREA_GAP.match(text, prev.end, h.start)
                    # "im oberen Schambeinast rechts parasymphysär": the part's place
                    or (
                        _SIDE_GAP.fullmatch(text, prev.end, h.start)
                        and _PLACE_ADJECTIVE.fullmatch(text, h.start, h.end)
                    )
                )
                and None in (prev.subregion, h.subregion)
            ):
                if h.subregion is not None and prev.subregion is None:
                    out[-1] = h  # "distal fibula/lateral malleolus": one place, the part
                continue
            out.append(h)
        parts = [h for h in out if h.subregion is not None]

        def told_by_part(h: AnatomyHit) -> bool:
            # "... iliakal und sakral ...; rechtes ISG ohne Ödem": not across a semicolon.
            return any(
                p.bone_id == h.bone_id
                and ";" not in text[min(p.end, h.end) : max(p.start, h.start)]
                for p in parts
            )

        label = text.find(":", 0, 40)  # "Sakrum: Knochenmarködem in den Massae laterales"

        def named_below(h: AnatomyHit) -> bool:
            # "Femur: Kontusionsödem am lateralen Femurkondylus": the line names the place in
            # a word that contains the label's.
            said = text[h.start : h.end]
            return any(o.start > label and said in text[o.start : o.end] for o in out)

        heading = text.find(":", 0, 100)

        titled = label > 0 and _TITLE_START.match(text) is not None

        def study_below(h: AnatomyHit) -> bool:
            # "MRI LEFT TIBIA AND FIBULA: ... oedema along the tibial shaft": the study's bones
            return titled and any(o.start > label for o in out)

        def member_below(h: AnatomyHit) -> bool:
            # "Fußwurzel: Knochenmarködem im Os cuboideum": a group heading its member
            return h.bone_id in _GROUPS and any(
                o.start > label and o.region == h.region and o.bone_id != h.bone_id for o in out
            )

        def level_below(h: AnatomyHit) -> bool:
            # "Verlauf bei Spondylodiszitis LW5/SW1: Regredientes Ödem in LWK 5 und SWK 1"
            if any(o.start > heading and o.bone_id == _SPINE_GENERIC for o in out):
                return False  # "LW4/5: Zunahme des Endplattenödems, jetzt bis in LWK 4 und 5"
            return any(
                o.start > heading
                and o.level
                and o.bone_id == h.bone_id
                and (o.subregion == "vertebral_body" or o.name == h.name)
                for o in out
            )

        return [
            h
            for h in out
            if not (
                h.subregion is None
                and (
                    h.bone_id in _JOINTS
                    or _ADJECTIVE.fullmatch(text, h.start, h.end)
                    or (h.end <= label and not h.level)
                )
                and told_by_part(h)
            )
            and not (
                h.end <= label
                and not h.level
                and (named_below(h) or member_below(h) or study_below(h))
            )
            and not (h.end <= heading and h.level and level_below(h))
        ]

    def vertebral_body(self, hit: AnatomyHit) -> AnatomyHit:
        """The vertebral body of a level named by one of its parts ("L2 superior endplate");
        a disc level ("L4-L5 endplates") stays as it is."""
        name = self.level_sub.get((hit.bone_id, "vertebral_body"))
        if name is None or "-" in hit.name:
            return hit
        return AnatomyHit(hit.start, hit.end, hit.region, hit.bone_id, "vertebral_body", name, True)

    def bodies_of_level(self, hit: AnatomyHit) -> list[AnatomyHit]:
        """The two vertebral bodies of a disc level ("the adjacent vertebral bodies")."""
        lower_ = NEXT_LEVEL.get(hit.bone_id)
        if lower_ is None or "-" not in hit.name:
            return [hit]
        names = [self.level_sub.get((b, "vertebral_body")) for b in (hit.bone_id, lower_)]
        if None in names:
            return [hit]
        return [
            AnatomyHit(hit.start, hit.end, hit.region, b, "vertebral_body", str(n), True)
            for b, n in zip((hit.bone_id, lower_), names, strict=True)
        ]

    def names_itself(self, text: str) -> bool:
        """Is ``text`` a name of a bone, rather than a compound of one ("Schenkelhalskortikalis",
        whose position words are the part's)?"""
        return self._entry(text) is not None

    def is_joint(self, hit: AnatomyHit) -> bool:
        """A joint named as a whole ("the sacroiliac joints"), not one of its bones."""
        return hit.bone_id in _JOINTS and hit.subregion is None

    def is_spine_generic(self, hit: AnatomyHit) -> bool:
        """A spine part named without a level ("endplates", "vertebral bodies")."""
        return hit.bone_id == _SPINE_GENERIC


@functools.cache
def anatomy() -> Anatomy:
    """The anatomy matcher, compiled once per process."""
    return Anatomy()
