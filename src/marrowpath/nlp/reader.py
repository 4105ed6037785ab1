"""Reading one MRI report into bone marrow edema mentions and associated findings.

One pass per sentence: the sentence is searched for edema phrases (specific ones such as
"bone bruise" or "Knochenmarködem", Modic changes, normal-marrow statements, and generic ones
such as "edema" that count only when tied to a bone); bones come from the knowledge base;
negation, hedges and history from :mod:`marrowpath.nlp.context`; change against the prior
study, side and size from the same clause. Sentences without any candidate phrase cost one
regex search.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from marrowpath.errors import InputError
from marrowpath.nlp.anatomy import Anatomy, AnatomyHit, anatomy
from marrowpath.nlp.associated import associated_matcher
from marrowpath.nlp.context import SentenceContext
from marrowpath.nlp.dictation import with_spoken_marks
from marrowpath.nlp.forms import form_marks
from marrowpath.nlp.language import detect_language
from marrowpath.nlp.lexicon import LANGS, Lexicon, lexicon
from marrowpath.nlp.merge import (
    DOC_SPINE,
    LABEL_KINDS,
    SPINE_ADJ,
    adopt_labels,
    converted,
    merge_mentions,
    pair_endplates,
)
from marrowpath.nlp.models import (
    AssociatedFinding,
    EdemaMention,
    Kind,
    ReportReading,
    Status,
)
from marrowpath.nlp.patterns import lower, normalize
from marrowpath.nlp.phalanges import placed_phalanx
from marrowpath.nlp.placement import (
    DEFERRED,
    DOC,
    most_cued,
    placed,
    reported_region,
    resolved_since_prior,
    restated,
)
from marrowpath.nlp.quadrants import sacroiliac_quadrants
from marrowpath.nlp.sections import Sentence, split_sentences
from marrowpath.nlp.timetables import NONE_CELL, SideRow, TimeRow, side_rows, time_rows

__all__ = [
    "MAX_REPORT_BYTES",
    "SENTENCE_CACHE_SIZE",
    "check_text",
    "clear_sentence_cache",
    "read_report",
]

MAX_REPORT_BYTES = 10 * 1024 * 1024
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
_MODIC_NUM = re.compile(r"(?<![a-z])(iii|ii|i|[123])(?![a-z\d])", re.IGNORECASE)
_SIZE = re.compile(
    r"(?:(?:up to|bis zu|measuring|approximately|approx\.?|ca\.?|about|max\.?)\s*)?"
    r"\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+(?:[.,]\d+)?){0,2}\s*(?:mm|cm)\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^[\s,()/]*(?:and|or|und|oder|bzw\.?|as well as|sowie|&)?[\s,()/]*$")


def _between_semicolons(s: str, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence around [start, end) that no semicolon cuts: a side word does
    not reach across one ("... iliakal und sakral; rechtes ISG ohne Ödem")."""
    after = s.find(";", end)
    return s.rfind(";", 0, start) + 1, len(s) if after == -1 else after


def _outside_bone(lex: Lexicon, gap: str) -> bool:
    """Does a soft tissue or a word such as "around" say the edema is beside the bone, not in
    it? Not once the marrow is named: "oedema is seen in the marrow around the tibial tunnel"."""
    marrow = lex.marrow_word.search(gap)
    end = marrow.start() if marrow else len(gap)
    return bool(lex.soft_tissue.search(gap, 0, end) or lex.link_block.search(gap, 0, end))


_LEVEL_HEADING = re.compile(r"[ \t]*([a-z]{1,3}\s?\d{1,2}\s*[-/–]\s*[a-z]{0,3}\s?\d{1,2})[ \t]*:")
"""A disc level heading a line of a template spine report ("L4-5:", "LWK 4/5:")."""
_WITH_BETWEEN = re.compile(r"[^,;]{0,40}?\b(?:with|mit)\b")
_CONJ = re.compile(r"\s(?:and|or|with|und|oder|mit)\s")
_LIST_GOES_ON = re.compile(
    # "... und fraglich korrespondierend auch im Radiuskopf", "possibly extending into"
    r"\s+(?:[a-zäöüß]+(?:end|ing)\s+)?(?:also\s+|auch\s+|even\s+)?"
    r"(?:in|im|at|am|an|of|within|into|innerhalb)\b"
)
_COORDINATING = re.compile(r"\b(?:and|or|nor|und|oder|bzw)\b")
_BRACKETED = re.compile(r"\([^()]*\)")
_ASIDE_AFTER = re.compile(r"\s*\([^()]{0,80}\)")
_WITH = re.compile(
    r"\s*(?:(?:rechts|links|re\.|li\.|bds\.|beidseits|left|right)\s+)?"
    r"(?:with|mit|zeigt sich|zeigen sich|findet sich|finden sich|kommt|besteht|shows"
    r"|demonstrates)\b"
)
"""A bone, then "with" and what it shows: "BWK 12 mit frischer Deckplattenimpression und
flächigem Ödem"."""
_LIST_NUMBER = re.compile(r"\s*\d{1,2}[.)]\s*")
_NORMAL_FILLER = re.compile(
    r"[\s,.;:/&]+|^\d{1,2}[.)]|\b(?:and|und|the|der|die|das|bone|marrow|signal|knochenmark\w*|is|are"
    r"|appears?|ist|sind|otherwise|both|beide\w*|left|right|links|rechts|linke\w*|rechte\w*|re|li|bds"
    r"|u|sowie|other|remaining|rest|übrige\w*|restliche\w*|in|weiterhin|ebenfalls|jeweils|still"
    r"|also|likewise|have|has|shows?|demonstrates?|with|zeigt|zeigen|mit)\b"
)
"""What may stand beside bones and one normal word in a sentence calling them normal."""
_BOTH_WITH = re.compile(r"\b(?:both|beide)\s+(?:with|mit)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# A signal that names a "lesion" of its own: "T2-hyperintense Markraumläsion", "T2 hyperintense
# marrow lesion", "STIR-hyperintense Herde"; or one said after the lesion ("9 mm lobulated
# lesion ..., T2 bright").
_LESION_AFTER = re.compile(r"[\w\s-]{0,30}?(?:läsion|lesion|herde|herden|foci)\b")
_LESION_BEFORE = re.compile(
    r"(?:lesion|läsion|enchondrom\w*|chondrom\w*|hämangiom\w*|haemangioma|hemangioma|lipom\w*"
    r"|osteoidosteom\w*|osteoid\s+osteoma|metasta\w*)\b[^;]*$"
)
_ALSO = re.compile(r"\s(?:sowie|as well as)\s")
_SOFT_BEFORE = re.compile(
    r"(?:subkutan\w*|subcutaneous|weichteil\w*|soft[- ]tissue|intramuskulär\w*|intramuscular"
    r"|muskulär\w*|diskale[snm]?|diskal|discal)\s+$",
    re.IGNORECASE,
)
_LABEL_GAP = re.compile(
    r"^(?:[\s,;]*(?:li|re|links|rechts|bds|beidseits)\.?)?"
    r"[\s,;]*(?:dd|a\.\s?e\.|am ehesten|v\.\s?a\.|vereinbar mit|im sinne (?:einer|eines|von)"
    r"|c/w|consistent with|in keeping with|likely|probably|suggestive of)(?=\s|$)",
    re.IGNORECASE,
)
_PART_OF = (
    r"(?:basis|base|köpfchen|kopf|head|schaft|shaft|hals|neck)\s+"
    r"(?:of\s+(?:the\s+)?|des\s+|der\s+)?"
)
"""A bone's part said before its name in a list: "u. Basis MHK IV", "and the head of the"."""
_LIST_AND = re.compile(r"\s+(?:und|u\.|and|&|sowie|/)\s+(?:" + _PART_OF + r")?|\s*/\s*")
_FRACTURE_WORD = re.compile(r"fraktur\w*$|fissur\w*$")
_NEGATED_BEFORE = re.compile(r"\b(?:kein\w*|ohne|no|without)\s+(?:[\wäöüß-]+\s+){0,2}$")
_SCORE_PAIR = re.compile(
    r"(?P<label>[^:|\n]{2,40}?)(?::\s*|\s+)"
    r"(?P<value>\d(?:\s*/\s*\d)*|ja|nein|yes|no|none|keine?|[-–])"
    r"(?=\s*(?:\(|\||$|[.;,–]|-\s))"
)
"""A bone and its score in a row of a score list ("MFC zentral: 2", "LTP: 0")."""
_MINUS_MARK = re.compile(r"\s*(?:\((?:–|-|−|neg\.?|negativ)\)|[–−](?=\s*(?:[,;|.]|$)))")
_ZERO_AFTER = re.compile(
    r"\s*(?:(?:gr(?:ad)?|grade)\.?\s*)?0(?![\d.,/]\d|\s*(?:mm|cm|%))(?=\s*(?:[,;.]|$|\s+\w))"
)
_AND_ONLY = re.compile(r"\s*(?:und|u\.|and|/)\s*")
_WORDS = re.compile(r"^[\s|–-]*[a-zäöüß]+\s*$")
_ZERO_SCORE = re.compile(r"0(?:\s*/\s*0)*|nein|no|none|keine?|[-–]")
_BML_WORD = re.compile(r"\bbmls?\b|bone marrow lesion|knochenmarkläsion")
_SEEN_ON_MRI = re.compile(
    r"\b(?:im|in\s+der|auf\s+der|on|on\s+the)\s+(?:mrt|mri|mr)\b"
    r"|\b(?:mrt|mri|mr)\s+(?:zeigt|zeigte|shows|showed|demonstrates|demonstrated)\b"
)
_ASIDE_FINDING = re.compile(
    r"fraktur|fracture|plastie|plasty|zyste|cyst|osteophyt|ruptur|tear|läsion|lesion|metasta"
)
_BODIES = re.compile(
    r"(?:angrenzenden|benachbarten|beiden|adjacent|both)\s+(?:wirbelkörpern?|vertebral\s+bodies|vertebrae)$"
)
_DEGENERATIVE = re.compile(r"modi[ck]|osteochondros|endplate\s+change|degenerative")
_DESCRIBED_OUTSIDE = re.compile(
    r"^['\"’”]?\s*(?:as\s+)?(?:described|reported|seen|called)\s+(?:in|on|by)\s+the\s+"
    r"(?:original|outside|external|previous|prior|referring)\s+(?:report|study|mri|radiologist)"
)
_OUTSIDE_AS = re.compile(
    r"\b(?:auswärts|auswärtig|extern|im\s+fremdbefund|outside|externally|elsewhere"
    r"|im\s+(?:auswärtigen\s+|externen\s+)?(?:befund|vorbefund|bericht|erstbefund|fremdbefund)"
    r"|vom\s+(?:zuweiser|überweiser|vorbefunder)|by\s+the\s+(?:referrer|referring\s+\w+))\s+"
    r"(?:als|as)\s+(?:[\"'„‚‘“]\s*)?(?:[\wäöüß-]+\s+){0,2}$"
)
_SAID_OUTSIDE = re.compile(
    r"\b(?:im|in\s+the)\s+(?:auswärtigen|externen|outside|original|external)\s+"
    r"(?:bericht|befund|report)"
)
_QUOTE = re.compile(r"[„“\"«‚]([^„“”\"«»‚‘]{2,300})[“”\"»‘]")
_ATTRIBUTION = re.compile(
    r"vorbefund|erstbefund|fremdbefund|auswärt|extern|kolleg|befunder|zuweis|überweis"
    r"|outside|external|original\s+report|prior\s+report|referr|colleague"
)
_MENTIONED_AFTER = re.compile(
    r"\s+(?:[\wäöüß]+\s+){0,3}?(?:erwähnt|beschrieben|mentioned|described)"
)
_REFUTED = re.compile(
    r"\b(?:entspricht|entsprechen|represents?|reflects?|is\s+felt\s+to\s+represent)\b"
    r"|\bkein(?:e|en)?\s+(?:\w+\s+)?(?:ödem|knochenmarködem)|\bnot\s+(?:true\s+)?(?:marrow\s+)?o?edema"
    r"|artefakt|artifact|nicht\s+nachvollziehbar|(?:do|does|did)\s+not\s+see|vascular\s+channel"
)
_T1_AND_T2_AFTER = re.compile(
    r"\s+(?:in|on)\s+(?:der\s+|both\s+)?t1[\w-]*\s*(?:und|and|sowie|/)\s*(?:in\s+)?(?:der\s+)?t2",
    re.I,
)
_BESIDES = re.compile(r"\b(?:neue\w*|weitere\w*|übrige\w*|new|further|other|remaining)\b")
_NOW_WORDS = re.compile(
    r"\b(?:aktuell|jetzt|nun|nunmehr|inzwischen|mittlerweile|heute|wieder|mehr|now|currently"
    r"|no\s+longer|today)\b"
)
_OWN_NEGATION_AFTER = re.compile(
    r"\s+(?:(?:ohne|kein\w*|without|no)\s+(?:\w+\s+)?(?:ödem\w*|kmö|o?edema|bml|bme|kontusion\w*"
    r"|bruise)|frei\b|o\.\s?b\.|unauffällig|regelrecht|is\s+(?:spared|normal|unremarkable))"
)
_TOPIC_ADVERB = re.compile(r"\s+(?:hingegen|dagegen|jedoch|allerdings|however)\s+")
_PLACE_GAP = re.compile(
    r"\s+(?:at|in|of|within|involving|im|am|an|in\s+der|an\s+der)(?:\s+(?:the|both|der|dem|den))?\s+"
)
"""Only a preposition between a mention and the bone it is of: "... endplate change at L4/5"."""
_NO_NEW_BEFORE = re.compile(
    r"\b(?:kein(?:e|en)?|no)\s+(?:neue[sn]?|weitere[sn]?|zusätzliche[sn]?|new|further|additional)\s+$"
)
_NOW_ONLY_BEFORE = re.compile(
    r"\b(?:jetzt|nun|aktuell|now|currently)\s+(?:nur\s+noch|noch|only|still)\b[^,;.]{0,40}$"
)
_EVENT_BEFORE = re.compile(
    r"(?<!zustand )(?<!status )\b(?:nach|after|following)\s+"
    r"(?:einer\s+|der\s+|dem\s+|a\s+|the\s+)?$"
)
"""Before a contusion named as the injury that came before: "Ödem im LTP nach Kontusion im
Oktober", "6 Wochen nach Tibiakopfkontusion" (not "Zustand nach Kontusion", which is past)."""
_AGAIN_BEFORE = re.compile(r"\b(?:wieder|again|back\s+to)\s+$")
"""Just before a normal statement that a resolution word covers: "... wieder signalnormal"."""
_NOW_BEFORE = re.compile(
    r"\b(?:jetzt|nunmehr|inzwischen|mittlerweile|wieder|now|again)\s+(?:[a-zäöüß]+\s+)?$"
)
"""Just before a normal statement at follow-up: "Femorotibial jetzt regelrechtes
Knochenmarksignal", "the condyle now demonstrates normal marrow signal": what was abnormal."""
_WITH_WORD = re.compile(r"\b(?:with|mit)\b")
_NEW_SUBJECT = re.compile(r"[,;]\s*(?:das|die|der|the)\s")
"""A clause with a subject of its own after a comma (a soft tissue's): its predicate is not the
finding's."""
_OTHER_SIDE = re.compile(r",\s*(?:links|rechts|li\.|re\.|left|right|on\s+the\s+(?:left|right))\s")
_T1_BEFORE = re.compile(r"\bt1(?:w|-w|-gewichtet\w*|-weighted)?[- ]?(?:fs[- ]?)?$", re.IGNORECASE)
_T1_AND = re.compile(r"\bt1\s*-?\s*(?:und|and)\s*$", re.IGNORECASE)
"""Before "T2 hyperintens": bright on T1 as well ("in T1 und T2 hyperintens"), so fat."""
# "die sakrale Gelenkfläche ist ödemfrei": a bone's part named by a noun after its adjective.
_PART_NOUN = re.compile(
    r"\s+(?:gelenkfläche|gelenkflächen|gelenkanteile?|anteile?|gelenkseite|seite|facette"
    r"|articular\s+surface|side|portion|aspect)\s+"
)
_ANATOMY_LIST_GAP = re.compile(
    # "... in the lateral femoral condyle at the terminal sulcus and in the ... tibial plateau"
    r"^(?:\s+(?:at|along|near|beneath)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+"
    r"(?=,?\s+(?:and|or)\s))?"
    # "Schambeinäste bds. und Os sacrum ohne Ödem"
    r"(?:(?:\s+(?:bds\.|beidseits|li\.|re\.|links|rechts|bilaterally|on\s+both\s+sides"
    # "Kontusion Talus med. + Innenknöchel"
    r"|med\.|lat\.|dors\.|ventr\.|prox\.|dist\.|post\.|ant\."
    r"|[a-zäöü]*(?:medial|lateral|dorsal|ventral|anterior|posterior|proximal|distal|zentral"
    # "Ödem im Os pubis re. parasymphysär sowie in der re. Massa lateralis"
    r"|subchondral)|[a-zäöü]{4,}är)){1,2}"
    r"(?=[\s,]*(?:and|or|und|oder|u\.|sowie|\+)\s))?"
    r"[\s,]*(?:and|or|und|oder|u\.|as well as|sowie|als\s+auch|wie|&|/|\+)?[\s,]*"
    # "im medialen Tibiaplateau und – geringer – in der medialen Femurkondyle"
    r"(?:[–—-]\s*(?:geringer|weniger|schwächer|diskreter|less\s+so)\s*[–—-]\s*)?"
    r"(?:(?:geringer|weniger|schwächer|diskreter)\s+(?:ausgeprägt\s+)?(?:auch\s+)?)?"
    # "im proximalen Lunatum sowie korrespondierend im Triquetrum"
    r"(?:(?:korrespondierend|gegenüberliegend|ebenso|ebenfalls|angrenzend|benachbart"
    r"|correspondingly|also|adjacent)\s+)?"
    # "... und periprothetisch im proximalen Femur"
    r"(?:(?:\w*(?:medial|lateral|anterior|posterior|dorsal|ventral)|\w+isch)\s+(?=(?:am|an|im|in|at)\s))?"
    r"(?:to\s+a\s+(?:lesser|greater|smaller|minor)\s+(?:degree|extent),?\s*)?"
    r"(?:(?:of|at|in|to|am|an|im)\s+)?(?:(?:the|der|die|das|des|dem|im|in|beide|beiden|both)\s+)?"
    # "the os trigonum and the adjacent posterior talar process"
    r"(?:(?:adjacent|neighbouring|neighboring|opposing|angrenzenden|benachbarten)\s+)?"
    # "... and of the anterolateral aspect of the lateral femoral condyle"
    # "... und am ventrolateralen Anteil des lateralen Femurkondylus"
    r"(?:(?:\w+\s+){0,2}(?:aspect|portion|part|margin|surface|face|side|anteil|abschnitt|bereich|rand)"
    r"\s+(?:of\s+(?:the\s+)?|des\s+|der\s+))?"
    # "KMÖ Os hamatum u. Basis MHK IV/V"
    r"(?:" + _PART_OF + r")?"
    r"(?:(?:left|right|re\.|li\.|\w*(?:medial|lateral|anterior|posterior|superior|inferior|proximal|distal"
    r"|dorsal|volar|palmar|plantar|central)|\w+en)\s+)?$",
    re.IGNORECASE,
)


def check_text(text: object, field_name: str = "text") -> str:
    """Return ``text`` if it is a report the reader accepts, else raise InputError."""
    if not isinstance(text, str):
        msg = f"{field_name} must be a str, got {type(text).__name__}"
        raise InputError(msg, field=field_name)
    if len(text) > MAX_REPORT_BYTES or (
        len(text) * 4 > MAX_REPORT_BYTES and len(text.encode("utf-8")) > MAX_REPORT_BYTES
    ):
        msg = (
            f"{field_name} is {len(text.encode('utf-8'))} bytes; "
            f"reports must be at most {MAX_REPORT_BYTES} bytes (10 MB)"
        )
        raise InputError(msg, field=field_name)
    return text


_SIJ = {"region": "sacroiliac", "kb_region": "sacroiliac", "bone_id": "sacroiliac_joint"}
_AT_KNEE = {"region": "knee", "kb_region": "knee"}
_ELBOW_PARTS = frozenset({"olecranon", "coronoid_process", "radial_head", "capitellum"})
_HUMERAL_TROCHLEA = {
    "bone": "trochlea of the humerus",
    "bone_id": "distal_humerus",
    "subregion": "humeral_trochlea",
    "region": "other",
    "kb_region": "other",
}
_NAMED_BY_STUDY: dict[str, tuple[str, Mapping[str, str]]] = {
    # bone id -> (the study that names it so, the mention's place there)
    # "MRT ISG ... Os ilium re.: Ödem": the joint's side (not the ala of a sacral fracture)
    "ilium": ("sacroiliac", _SIJ | {"subregion": "iliac_side"}),
    "sacrum": ("sacroiliac", _SIJ | {"subregion": "sacral_side"}),
    # "MRT Knie: kein Knochenmarködem in Femur, Tibia oder Patella": the ends at the knee
    "femoral_shaft": ("knee", _AT_KNEE | {"bone": "distal femur", "bone_id": "distal_femur"}),
    "tibial_shaft": ("knee", _AT_KNEE | {"bone": "proximal tibia", "bone_id": "proximal_tibia"}),
    # "MRT Handgelenk li.: Knochenmarködem im Os naviculare": the scaphoid's old name
    "navicular": (
        "hand",
        {"bone": "scaphoid", "bone_id": "scaphoid", "region": "other", "kb_region": "other"},
    ),
}


def _both_sides(made: list[EdemaMention]) -> list[EdemaMention]:
    """A side table's row graded alike on the right and the left: one bilateral finding."""
    out: list[EdemaMention] = []
    for m in made:
        twin = next(
            (
                k
                for k, o in enumerate(out)
                if (o.bone, o.status) == (m.bone, m.status)
                and {o.laterality, m.laterality} == {"left", "right"}
            ),
            None,
        )
        if twin is None:
            out.append(m)
        else:
            out[twin] = out[twin].model_copy(update={"laterality": "bilateral"})
    return out


def _quoted_claim(s: str, at: int) -> bool:
    """Is ``at`` inside a quotation that the sentence gives as another reader's words
    ("Im Vorbefund wird ein „Knochenmarködem des LFC“ beschrieben")? Not a clinic note's
    quote of the study's own impression."""
    if not any(q in s for q in '„“"«‚'):
        return False
    return any(
        m.start(1) <= at < m.end(1)
        and (
            _ATTRIBUTION.search(s, 0, m.start()) is not None
            or _ATTRIBUTION.search(s, m.end(), m.end() + 40) is not None
        )
        for m in _QUOTE.finditer(s)
    )


def _osteitis_off_the_sij(a: AssociatedFinding) -> bool:
    """The word Osteitis names SIJ edema only in a SIJ report, not in "Osteitis im MHK II"."""
    return a.finding == "mri_bme_sij_periarticular" and a.text.lower().startswith("osteiti")


@dataclass(slots=True)
class _Target:
    start: int
    end: int
    kind: str
    generic: bool = False
    normal: bool = False
    anaphoric: bool = False
    status: Status | None = None
    """Set by the phrase itself: "negated" for a spared bone, "resolved" for resolved findings."""
    subject: bool = False
    """A spared bone named before the phrase ("the talus is spared")."""
    strict: bool = False
    """Said only of its subject: no other bone of the sentence is given to it."""
    modic_type: int | None = None
    hits: list[AnatomyHit] = field(default_factory=list)
    shared: bool = False
    """Tied to the bone named before it, which a finding just before that bone also owns:
    "Modic type 3 changes at L5/S1 without an edematous (type 1) component"."""
    event: bool = False
    """The injury the finding came after ("Ödem nach Kontusion"): it keeps its bone from the
    other phrases, but is no finding of this study."""
    side: str | None = None
    """The side an elliptic clause names as its place ("..., links deutlich rückläufig")."""


_ADJECTIVE = re.compile(r"ödematös|oedematös|edematous|oedematous")


def _soft_noun_after(lex: Lexicon, s: str, t: _Target, hits: list[AnatomyHit]) -> bool:
    """Is the edematous thing a soft tissue named within two words after the adjective?"""
    m = lex.soft_tissue.search(s, t.end, min(len(s), t.end + 40))
    return (
        m is not None
        and len(s[t.end : m.start()].split()) <= 2
        and not any(t.end <= h.start < m.start() for h in hits)
    )


def _guess_kind(matched: str) -> str:
    low = matched.lower()
    if "contus" in low or "bruis" in low or "kontus" in low:
        return "bruise"
    if "lesion" in low or "läsion" in low:
        return "bml"
    if "stress" in low:
        return "stress_reaction"
    if any(w in low for w in ("signal", "hyperint", "bright", "leucht", "hell", "anhebung")):
        return "signal"
    return "edema"


def _modic_type(matched: str) -> int | None:
    low = matched.lower()
    if "modic" not in low and "type" not in low and "typ" not in low:
        return None
    nums = [_ROMAN[n.lower()] for n in _MODIC_NUM.findall(low)]
    return min(nums) if nums else None


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


_TITLE = re.compile(r"\b(?:mri|mrt|mr|magnetic resonance|magnetresonanz\w*|kernspin\w*)\b")
# Regions with a left and a right: the study's side applies to their bones.
_SIDE_LETTER = re.compile(r"(?<![\w-])([a-z])\.?\s+")
"""A one-letter side before a joint ("R knee", "L hip MRI")."""
_OF_GAP_AFTER = re.compile(r"\s+(?:of|des|der|am|an\s+der|at)\s+(?:the\s+)?(?:\w+\s+){0,1}$")
_LATIN_SIDE = re.compile(r"(?<=\s)(sin|sinistr[ao]?|sinister|dx|dext(?:ra|er)?)\b\.?")
_CLAUSE_END = re.compile(r"[,;.]")
_KEY_COLON = re.compile(r"\s*:\s")
_SIDE_LINE = re.compile(r"(?:seite|side|laterality|körperseite)\s*:")
_SIDED = frozenset(
    {"hip", "knee", "ankle_foot", "shoulder", "sacroiliac", "tibia_shaft", "femur_shaft", "other"}
)
"""Regions with a left and a right ("other" is the wrist, hand, elbow and long bones)."""


class _Reader:
    """State of one report while it is read."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        said = with_spoken_marks(form_marks(text), lang)  # same length: offsets stay
        self.low = lower(said)
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.ana: Anatomy = anatomy()
        self.assoc = associated_matcher(lang)
        self.sentences = split_sentences(said, self.lex)
        self._study_side: str | bool | None = False
        self._hits_cache: dict[int, list[AnatomyHit]] = {}
        self._ctx_cache: dict[int, SentenceContext] = {}
        self._so_far: list[EdemaMention] = []  # the report's mentions read before
        self._facts: list[_Facts] | None = None
        self._candidates: set[int] = set()
        """Sentences with a target stem: the ones read for edema."""
        self.used_context = False
        self.table_cells = _table_cells(said, self.sentences) if "|" in said else {}
        self.time_rows: dict[int, TimeRow] = time_rows(said, self.sentences) if "|" in said else {}
        self.side_rows: dict[int, SideRow] = side_rows(said, self.sentences) if "|" in said else {}

    # ----------------------------------------------------------------- helpers
    @functools.cached_property
    def ordered(self) -> bool:
        """A referral or a note that orders the MRI: its suspicions are no findings. Looked
        for only once a sentence has an uncertain mention (a scan of the whole report)."""
        return self.lex.imaging_ordered.search(self.low) is not None

    def hits_of(self, i: int) -> list[AnatomyHit]:
        """Anatomy of sentence ``i`` (offsets in that sentence), computed once."""
        if i not in self._hits_cache:
            s = self.sentences[i]
            said = self.low[s.start : s.end]
            hits = self.ana.find(said)
            if "lig" in said:
                # "Lig. patellae", "Ligamentum capitis femoris": a ligament's Latin name
                hits = [h for h in hits if not _LIGAMENT_BEFORE.search(said, 0, h.start)]
            self._hits_cache[i] = hits
        return self._hits_cache[i]

    def sentence_region(self, i: int, s: str) -> str | None:
        """The region most cued by sentence ``i``'s words and bones."""
        counts = self._cue_counts(s)
        for h in self.hits_of(i):
            counts[h.region] = counts.get(h.region, 0) + 2
        return most_cued(counts)

    def _cue_counts(self, s: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.lex.region_cues.finditer(s):
            r = self.lex.region_of_cue.get(normalize(m.group()))
            if r:
                counts[r] = counts.get(r, 0) + 1
        return counts

    # ----------------------------------------------------------------- targets
    def targets(self, s: str) -> list[_Target]:
        lex = self.lex
        found: list[tuple[int, int, int, _Target]] = []
        for m in lex.normal_signal.finditer(s):
            if _T1_BEFORE.search(s, max(0, m.start() - 12), m.start()):
                continue  # "The T1 marrow signal is normal": fat where edema is seen on STIR
            found.append(
                (0, m.start(), m.end(), _Target(m.start(), m.end(), "signal", normal=True))
            )
        for m in lex.modic.finditer(s):
            t = _Target(m.start(), m.end(), "modic", modic_type=_modic_type(m.group()))
            found.append((1, m.start(), m.end(), t))
        if found and found[-1][3].kind == "modic":
            for m in lex.modic_bare.finditer(s):
                t = _Target(m.start(), m.end(), "modic", modic_type=_modic_type(m.group()))
                found.append((1, m.start(), m.end(), t))
        before = len(found)
        joined = self.ana.finding_compound
        if joined is not None and self.ana.finding_word.search(s):
            for m in joined.finditer(s):
                kind = self.ana.finding_kind[m.group("tail")]
                found.append((2, m.start(), m.end(), _Target(m.start(), m.end(), kind)))
        for m in lex.specific.finditer(s):
            kind = lex.specific_kind.get(normalize(m.group())) or _guess_kind(m.group())
            found.append((2, m.start(), m.end(), _Target(m.start(), m.end(), kind)))
        named_edema = (
            len(found) > before
        )  # "..., possible involvement of X" needs edema named before
        generic = list(lex.generic.finditer(s))
        phrases: list[tuple[re.Pattern[str], Status | None, bool]] = [
            (lex.resolved_pronoun, "resolved", False),  # "This has resolved."
        ]
        if "signal" in s:
            # "... returned to normal", before the normal signal it names
            for m in lex.resolved_normal.finditer(s):
                t = _Target(m.start(), m.end(), "edema", status="resolved")
                found.append((0, m.start(), m.end(), t))
        if lex.spared.search(s) and (named_edema or generic or not lex.other_process.search(s)):
            # "the talus is spared"; not "... red marrow reconversion; the epiphyses are spared"
            phrases.append((lex.spared, "negated", True))
        for m in lex.side_negation.finditer(s):  # "Rechts kein Ödem.", "No edema on the left."
            # strict: no bone of the sentence is its place ("sakral rechts, links kein Ödem")
            t = _Target(m.start(), m.end(), "edema", normal=True, strict=True)
            found.append((1, m.start(), m.end(), t))
        if "normal" in s or "unremarkable" in s or "nil" in s:
            for m in lex.spared_normal.finditer(s):  # "the left sacral ala is normal"
                t = _Target(
                    m.start(), m.end(), "edema", status="negated", subject=True, strict=True
                )
                found.append((2, m.start(), m.end(), t))
        if named_edema or (generic and not lex.other_process.search(s)):
            # "sparing the calcaneus" after edema; not "T1-hypointense marrow ... sparing the
            # epiphyses" of red marrow, nor "... STIR hyperintensity - red marrow reconversion"
            phrases.append((lex.sparing, "negated", False))
        if lex.imaging_context.search(s):
            phrases.append((lex.resolved_findings, "resolved", False))
        if named_edema:
            phrases.append((lex.involvement, None, False))
        if named_edema or generic:
            for m in lex.elliptic_clause.finditer(s):
                a, b = m.span("pred")
                said_change = lex.change_kind.get(normalize(m.group("pred")))
                said: Status | None = "resolved" if said_change == "resolved" else None
                if s.startswith(("allenfalls", "fraglich"), a):
                    said = "uncertain"  # "..., im angrenzenden Skaphoid allenfalls diskret"
                place = lex.sides.fullmatch(s[m.start() : a].strip(" ,;"))
                side = self._side_word(s, place) if place is not None else None
                found.append((2, a, b, _Target(a, b, "edema", status=said, side=side)))
        for pattern, status, subject in phrases:
            for m in pattern.finditer(s):
                if subject and any(
                    p.end() >= m.end() for p in lex.pseudo.finditer(s, max(0, m.start() - 30))
                ):
                    continue  # "..., Hinterkante nicht beteiligt": a part that is no bone
                t = _Target(m.start(), m.end(), "edema", status=status, subject=subject)
                found.append((2, m.start(), m.end(), t))
        anaphora = [m.span() for m in lex.anaphora.finditer(s)] if generic else []
        for m in generic:
            kind = lex.generic_kind.get(normalize(m.group())) or _guess_kind(m.group())
            if kind == "signal" and (
                _T1_BEFORE.search(s, max(0, m.start() - 12), m.start())
                or (
                    s.startswith("t2", m.start())
                    and _T1_AND.search(s, max(0, m.start() - 8), m.start())
                )
            ):
                continue  # "T1-Hyperintensität des Knochenmarks": fat, never edema
            if kind == "signal" and _T1_AND_T2_AFTER.match(s, m.end()):
                continue  # "Hämangiom in LWK 3 mit Signalanhebung in T1w und T2w": fat too
            t = _Target(m.start(), m.end(), kind, generic=True)
            t.anaphoric = kind in ("edema", "bruise") and any(
                _overlaps(a, b, *m.span()) for a, b in anaphora
            )
            found.append((3, m.start(), m.end(), t))
        for f in found:
            if f[3].kind == "bruise" and _EVENT_BEFORE.search(s, max(0, f[1] - 16), f[1]):
                f[3].event = True
        found.sort(key=lambda f: (f[0], -(f[2] - f[1]), f[1]))
        kept: list[_Target] = []
        for _, a, b, t in found:
            if not any(_overlaps(a, b, k.start, k.end) for k in kept):
                kept.append(t)
        kept.sort(key=lambda t: t.start)
        return kept

    def _soft_before(self, s: str, t: _Target) -> bool:
        """A soft tissue named just before ("prepatellar edema"); "surrounding edema" of a
        lesion is no tissue."""
        window = s[max(0, t.start - 30) : t.start]
        # Not across a conjunction: "a small interstitial tear and mild edema in the ischium".
        # Nor across a label's colon: "VKB-Plastik: LFC-Ödem rückläufig".
        cut = max(
            window.rfind(","),
            window.rfind(";"),
            window.rfind(":"),
            *(m.end() - 1 for m in _CONJ.finditer(window)),
        )
        lex = self.lex
        return any(
            not lex.link_block.match(window, m.start())
            for m in lex.soft_tissue.finditer(window, cut + 1)
        )

    def _link_generic(
        self, s: str, t: _Target, targets: list[_Target], hits: list[AnatomyHit]
    ) -> bool:
        """Tie a generic phrase to the bone(s) it names; False when it is not marrow edema."""
        lex = self.lex
        if self._soft_before(s, t) or self._names_soft_tissue(s, t):
            return False  # "prepatellar edema", "T2-hyperintense disc edema"
        if _ADJECTIVE.search(s, t.start, t.end) and _soft_noun_after(lex, s, t, hits):
            return False  # "ödematös aufgelockertes Bandscheibengewebe"
        if t.kind in ("signal", "edema") and self._placed_in_soft_tissue(s, t, hits):
            # "increased T2 signal in the posterior annulus", "Ödem in den interspinösen Bändern"
            return False
        after = [h for h in hits if h.start >= t.end]
        if after:
            h = after[0]
            # "Osteitis (STIR-hyperintens, T1-hypointens) im Os capitatum": an aside between.
            aside = _ASIDE_AFTER.match(s, t.end)
            skip = t.end
            if aside is not None and not lex.soft_tissue.search(aside.group()):
                skip = aside.end()  # not "Signalalteration (Myelonödem) in Höhe HWK 5/6"
            gap = s[skip : h.start]
            if (
                (len(gap) <= 50 or (len(gap) <= 60 and "," not in gap))
                and lex.link_after.match(gap)
                and not _outside_bone(lex, gap)
                and not any(skip <= o.start < h.start for o in targets)
                # "LWK 2 inzwischen ohne Ödem, in LWK 3 ...": the bone just before is its own
                and not (
                    "," in gap
                    and any(
                        x.end <= t.start and t.start - x.end <= 25 and "," not in s[x.end : t.start]
                        for x in hits
                    )
                )
            ):
                if self._names_soft_tissue(s, h):
                    return False  # "edema of the L3-L4 disc": the bone names the soft tissue
                linked = [h]
                for nxt in after[1:]:
                    between = s[linked[-1].end : nxt.start]
                    if _OWN_NEGATION_AFTER.match(s, nxt.end):
                        break  # "Ödem in der lat. Clavicula, Akromion ohne Ödem"
                    if _ANATOMY_LIST_GAP.match(between) or (
                        # "Signalanhebung im Femurkopf, die sich bis in den Schenkelhals fortsetzt"
                        len(between) <= 60
                        and ";" not in between
                        and (
                            self.lex.extends_into.search(between)
                            # "Ödem im Hüftkopf, das jetzt auch den Schenkelhals erfasst"
                            or (
                                self.lex.extends_relative.search(between)
                                and self.lex.extends_verb.match(s, nxt.end)
                            )
                        )
                        and not any(linked[-1].end <= o.start < nxt.start for o in targets)
                    ):
                        linked.append(nxt)
                    else:
                        break
                t.hits = linked
                if self.lex.extends_into.search(s, skip, h.start):
                    # "fracture of the pubic body with oedema extending into the superior
                    # ramus", "Am Os cuneiforme mediale flächiges Ödem mit Ausläufern in das
                    # Os cuneiforme intermedium": the edema is also where it comes from
                    source = next((x for x in reversed(hits) if x.end <= t.start), None)
                    if (
                        source is not None
                        and _FROM_BEFORE.fullmatch(s, source.end, t.start)
                        and not any(
                            source.start - 40 <= o.start < t.start for o in targets if o is not t
                        )
                    ):
                        t.hits = [source, *linked]
        if not t.hits:
            before = [h for h in hits if h.end <= t.start]
            if before:
                h = before[-1]
                gap = s[h.end : t.start]
                # A bracket in between is an aside: "LW3/4 mit fettiger Konversion (Modic 2),
                # ohne aktive Ödemkomponente".
                asides = [(h.end + m.start(), h.end + m.end()) for m in _BRACKETED.finditer(gap)]
                bare = _BRACKETED.sub("", gap)
                if _LABEL_GAP.match(gap) and any(
                    not o.generic and o.end <= h.start and o is not t for o in targets
                ):
                    # "KMÖ Os hamatum u. Basis MHK IV/V, DD Kontusion": a label of the finding
                    # before, not a finding of its own
                    return False
                if (
                    (
                        len(gap) <= 40
                        # "LWK 4 fraglich diskretes, unscharf begrenztes Ödem": German
                        # adjectives pile up before the noun
                        or (
                            len(gap) <= 48
                            and not any(c in gap for c in ";:()")
                            and (self.lang == "de" or "," not in gap)
                        )
                        or (len(gap) <= 80 and _WITH.match(gap))
                    )
                    and not any(c in bare for c in ";()")
                    and not lex.soft_tissue.search(bare)
                    and not any(
                        h.end <= o.start < t.start and not any(a <= o.start < b for a, b in asides)
                        for o in targets
                        if o is not t
                    )
                    and (not lex.clause_breaks.search(bare) or _TOPIC_ADVERB.match(bare))
                    and not _OTHER_SIDE.search(bare)  # "sakral rechts, links kein Ödem"
                    and not lex.elsewhere.search(bare)  # "..., übrige Kompartimente ohne Ödem"
                ):
                    # "Talus, Calcaneus und Os naviculare ohne Ödem": the whole list.
                    linked = [h]
                    for prv in reversed(before[:-1]):
                        if not _ANATOMY_LIST_GAP.match(s[prv.end : linked[0].start]):
                            break
                        if prv.end < linked[0].start and any(
                            o.end <= prv.start
                            and prv.start - o.end <= 60
                            and ";" not in s[o.end : prv.start]
                            and lex.link_after.match(s[o.end : prv.start])
                            for o in targets
                            if not o.generic or (o.hits and o.end <= t.start)  # a placed one
                        ):
                            break  # "Bone bruise in the LFC, the MFC without edema"
                        linked.insert(0, prv)
                    t.hits = linked
                    t.shared = True
            key = before[0] if len(before) == 1 and before[0].start <= 2 else None
            if (
                not t.hits
                and key is not None
                and _KEY_COLON.match(s, key.end)
                and ";" not in s[key.end : t.start]
                and not lex.soft_tissue.search(s, key.end, t.start)
                and not any(key.end <= o.start < t.start for o in targets if o is not t)
            ):
                # "Tuberculum majus: okkulte, nicht dislozierte Fraktur mit flächigem
                # Begleitödem": a template line's value describes its key
                t.hits = [key]
        if t.generic and lex.surrounding.search(s, max(0, t.start - 25), t.start):
            self._lesion_bone(s, t, hits)
        if not t.hits and t.kind == "edema":
            # "Signalanhebung im Hüftkopf ..., fraglich beginnendes Ödem": the edema named for
            # the signal just described is that signal's, hedge and all.
            described = [
                o
                for o in targets
                if o.kind == "signal" and o.hits and o.end <= t.start and t.start - o.end <= 80
            ]
            # "Im Os naviculare diskrete STIR-Hyperintensität; ein beginnendes Ödem ist nicht
            # sicher auszuschließen": right after a semicolon too
            if described and (
                ";" not in s[described[-1].end : t.start] or t.start - described[-1].end <= 25
            ):
                t.hits = list(described[-1].hits)
            elif _NOW_ONLY_BEFORE.search(s, max(0, t.start - 50), t.start):
                # "damals ausgeprägtes KMÖ im LTP, jetzt nur noch schmaler Ödemsaum": the
                # same edema, now
                named = [o for o in targets if o.end <= t.start and not o.generic]
                if named:
                    o = named[-1]
                    after_it = [h for h in hits if o.end <= h.start < t.start]
                    t.hits = after_it or [h for h in hits if h.end <= o.start][-1:]
        if t.hits:
            return not (
                t.kind == "signal"
                and (self._asserted_process(s, t) or lex.signal_not_edema.match(s, t.end))
            )
        if t.anaphoric:
            window = s[t.end : t.end + 40]
            if lex.soft_tissue.search(window):
                return False
            # "Subacromial bursa: thickened, with fluid and surrounding oedema": the edema of
            # the soft tissue named before, in a sentence that names no bone.
            said = lex.surrounding.search(s, max(0, t.start - 25), t.start)
            upto = said.start() if said else t.start
            return not (
                lex.soft_tissue.search(s, 0, upto) and not lex.bone_context.search(s, 0, upto)
            )
        at = len(s) - len(s[t.end :].lstrip())
        if t.kind == "edema" or (t.kind == "signal" and lex.marrow_word.match(s, at)):
            # "L2 acute compression fx, ..., STIR-bright marrow through the body": signal said
            # of the marrow counts as edema does.
            # (a spared bone's phrase is no other finding: "Laterales Kompartiment regelrecht,
            # ossär ohne Ödem")
            if t.kind == "edema" and _NO_NEW_BEFORE.search(s, max(0, t.start - 24), t.start):
                return True  # "..., kein neues Ödem": none elsewhere, said of no bone
            rest = lex.elsewhere.search(s, max(0, t.start - 40), t.start)
            if (
                t.kind == "edema"
                and rest is not None
                and lex.neg_fwd.search(s, rest.end(), t.start)
                and not any(rest.end() <= h.start < t.start for h in hits)
            ):
                return True  # "..., übrige Kompartimente ohne Ödem": the rest, of no bone
            others = [o for o in targets if o is not t and not o.generic and not o.subject]
            typed = [o for o in others if o.kind == "modic" and o.end <= t.start]
            levels = [h for h in hits if h.level and h.end <= t.start]
            if (
                t.kind == "edema"
                and typed
                and levels
                and len(typed) == len(others)
                and _NEGATED_BEFORE.search(s, max(0, t.start - 30), t.start)
            ):
                # "Am lumbosakralen Übergang fettige Endplattenkonversion (Modic II), kein
                # aktivierendes Ödem": no edema at the Modic change's level
                t.hits, t.shared = [levels[-1]], True
                return True
            if others or lex.bone_context.search(s) is None or lex.soft_tissue.search(s):
                return False
            # Edema in a sentence about bone: the nearest bone outside brackets, if any.
            open_hits = [h for h in hits if s.count("(", 0, h.start) <= s.count(")", 0, h.start)]
            near = min(open_hits, key=lambda h: abs(h.start - t.start), default=None)
            t.hits = [near] if near is not None else []
            return True
        return False

    # ------------------------------------------------------------------ change
    def _clause(self, s: str, t: _Target) -> tuple[int, int]:
        a, b = 0, len(s)
        for m in self.lex.clause_breaks.finditer(s):
            if m.end() <= t.start:
                a = m.end()
            elif m.start() >= t.end:
                b = m.start()
                break
        return a, b

    def change(
        self, s: str, t: _Target, targets: list[_Target], clause: tuple[int, int]
    ) -> str | None:
        lex = self.lex
        a, b = clause
        best: tuple[int, str] | None = None
        closing = False
        for m in lex.change.finditer(s, a, b):
            inside = _overlaps(m.start(), m.end(), t.start, t.end)  # "Restödem", "residual edema"
            if not inside and any(_overlaps(m.start(), m.end(), o.start, o.end) for o in targets):
                continue
            if lex.change_not_after.match(s, m.end()):
                continue
            if lex.elsewhere.search(s, max(a, m.start() - 16), m.start()):
                continue  # "Restödem im Talus, ansonsten ausgeheilter Befund": the rest's
            dist = -1 if inside else t.start - m.end() if m.end() <= t.start else m.start() - t.end
            if (
                dist > 80
                and not (
                    # "The bone bruises of the LFC and posterolateral tibial plateau seen
                    # previously have completely resolved": the predicate of a long subject.
                    m.start() >= t.end
                    and dist <= 130
                    and not any(c in s[t.end : m.start()] for c in ",;")
                )
                and not (
                    # "Knochenmarködemsyndrom der linken Hüfte, damals MR-tomographisch
                    # gesichert, unter Entlastung vollständig ausgeheilt.": the one finding's
                    # closing predicate.
                    m.start() >= t.end
                    and dist <= 160
                    and len(targets) == 1
                    and not s[m.end() : b].strip(" .!")
                )
            ):
                continue
            subject = _NEW_SUBJECT.search(s, t.end, m.start()) if m.start() >= t.end else None
            if subject and lex.soft_tissue.search(s, subject.end(), m.start()):
                continue  # "..., das parossäre Weichteilödem hat sich zurückgebildet"
            if m.end() <= t.start and "," in s[m.end() : t.start]:
                # "Hill-Sachs-Delle unverändert, das Ödem ... hat sich zurückgebildet": a word
                # of the clause before yields to the finding's own predicate.
                dist += 50
            kind = self._change_kind(s, m)
            if kind is None:
                continue
            if kind == "resolved":
                pre = s[max(a, m.start() - 25) : m.start()]
                near = s[max(a, t.start - 25) : t.start]
                # (or inside the phrase: "has partially cleared")
                if (
                    lex.partial.search(pre)
                    or lex.partial.search(near)
                    or lex.partial.search(m.group())
                ):
                    kind = "improved"
                elif (
                    m.start() >= t.end
                    and not any(c in s[t.end : m.start()] for c in ",;:–(")
                    and not any(t.end <= o.start < m.start() for o in targets if o is not t)
                ):
                    closing = True
            if best is None or dist < best[0]:
                best = (dist, kind)
        if closing:
            # "Das im April bereits regrediente Knochenmarködem ... hat sich inzwischen
            # vollständig zurückgebildet": the finding's own predicate says how it ends.
            return "resolved"
        return best[1] if best else None

    # ------------------------------------------------------------------- sides
    def study_side(self) -> str | None:
        """The side of the study when the report's title or header sections name exactly one
        ("MRI RIGHT KNEE", "Indication: left hip pain"), else when the report names only one
        side of a joint ("... Valgustrauma des rechten Kniegelenks. Die MRT zeigte ...")."""
        if self._study_side is False:
            sides: set[str] = set()
            low = self.low
            keyed = ("seite" in low or "side:" in low or "laterality" in low) and (
                _SIDE_LINE.search(low) is not None
            )
            for k, sent in enumerate(self.sentences):
                title = (
                    k == 0
                    and len(self.sentences) > 1
                    and _TITLE.search(self.low, sent.start, sent.end) is not None
                )
                if (
                    title
                    or sent.section in self.lex.skip_sections
                    or (keyed and _SIDE_LINE.match(self.low, sent.start))  # "Seite: re."
                ):
                    said = self.low[sent.start : sent.end]
                    named = _remembered(_SIDES, self.lang, said, self._sides_said)
                    sides.update(named)
            if not sides:
                # A side said of the joint anywhere: "des rechten Kniegelenks", "vom li. Knie".
                low = self.low
                sides = {
                    side
                    for m in self.lex.sides.finditer(low)
                    if (side := self._side_word(low, m)) is not None
                    and (
                        self.lex.region_cues.match(low, len(low) - len(low[m.end() :].lstrip()))
                        or self._cue_just_before(low, m.start())
                    )
                }
                if " sin" in low or " dx" in low or " dext" in low:
                    sides |= {  # "MR knee sin.", "MR hip dx": Latin after the joint
                        "left" if m.group(1).startswith("sin") else "right"
                        for m in _LATIN_SIDE.finditer(low)
                        if self._cue_just_before(low, m.start())
                    }
                sides |= {
                    self.lex.side_letters[m.group(1)]
                    for m in _SIDE_LETTER.finditer(low)
                    if m.group(1) in self.lex.side_letters
                    and self.lex.region_cues.match(low, m.end())
                }
            self._study_side = sides.pop() if len(sides) == 1 else None
        return self._study_side if isinstance(self._study_side, str) else None

    def _named_for_the_study(self, edema: list[EdemaMention]) -> list[EdemaMention]:
        """Bones whose name the study's region decides (``_NAMED_BY_STUDY``); a part of a
        bone keeps its own name."""
        cues = {region for region, _ in self.facts()[0].cues}
        studies = set()
        if "sacroiliac" in cues:
            studies.add("sacroiliac")
        if "knee" in cues or any(m.kb_region == "knee" for m in edema):
            studies.add("knee")
        if ("other" in cues and "ankle_foot" not in cues) or (
            # "Kahnbein li. ... Das Knochenmarködem im Skaphoid": the wrist's, named both ways
            any(m.bone_id == "scaphoid" for m in edema)
            and not any(m.kb_region == "ankle_foot" and m.bone_id != "navicular" for m in edema)
        ):
            studies.add("hand")
        elbow = any(m.subregion in _ELBOW_PARTS for m in edema) and not any(
            m.kb_region == "knee" and m.subregion != "trochlea" for m in edema
        )
        out = []
        for m in edema:
            named = _NAMED_BY_STUDY.get(m.bone_id or "")
            if named is not None and named[0] in studies and m.subregion is None:
                m = m.model_copy(update=named[1])
            elif elbow and m.subregion == "trochlea":
                # "Olekranonspitze ...; Processus coronoideus und Trochlea ohne Ödem": the
                # humerus's trochlea in an elbow
                m = m.model_copy(update=_HUMERAL_TROCHLEA)
            out.append(m)
        return out

    def _only_side(self) -> str | None:
        """The one side the report names, if it names one and no other."""
        low = self.low
        sides = {self._side_word(low, m) for m in self.lex.sides.finditer(low)}
        sides.discard(None)
        return next(iter(sides)) if len(sides) == 1 and "bilateral" not in sides else None

    def _sides_said(self, s: str) -> tuple[str, ...]:
        """The sides a sentence names ("left", "bilateral")."""
        found = (self.lex.side_of.get(normalize(m.group())) for m in self.lex.sides.finditer(s))
        return tuple(side for side in found if side)

    def _cue_just_before(self, low: str, at: int) -> bool:
        """Is a region cue the word just before ``at`` ("OSG re.", "Knie rechts")?"""
        window = low[max(0, at - 30) : at]
        head = window.rstrip()
        if len(head) == len(window):
            return False
        return any(m.end() == len(head) for m in self.lex.region_cues.finditer(head))

    def side(self, s: str, start: int, end: int, clause: tuple[int, int]) -> str | None:
        lex = self.lex
        best: tuple[int, str] | None = None
        for m in lex.sides.finditer(s, clause[0], clause[1]):
            if m.start() >= start and m.end() <= end:
                dist = 0
            elif m.end() <= start:
                dist = start - m.end()
                if dist > 30:
                    continue
            else:
                dist = m.start() - end
                if dist > 25:
                    continue
            side = self._side_word(s, m)
            if side and (best is None or dist < best[0]):
                best = (dist, side)
        return best[1] if best else None

    def _side_word(self, s: str, m: re.Match[str]) -> str | None:
        """The side a side word says; "both" joining two parts ("both the iliac and sacral
        sides", "both medial and lateral condyles"), the two sides of one joint or two
        sequences says none."""
        side = self.lex.side_of.get(normalize(m.group()))
        if side == "bilateral" and (
            self.lex.joins_two.match(s, m.end()) or self.lex.not_bilateral_after.match(s, m.end())
        ):
            return None
        return side

    def sentence_side(self, s: str) -> str | None:
        """The one side a sentence names, if it names exactly one."""
        sides = {self._side_word(s, m) for m in self.lex.sides.finditer(s)} - {None}
        return sides.pop() if len(sides) == 1 else None

    # ---------------------------------------------------------------- sentence
    def _carried_side(self, i: int, h: AnatomyHit) -> str | None:
        """The side said with a bone in the sentence it was carried from."""
        for j in (i - 1, i - 2):
            if j >= 0 and any(x is h for x in self.hits_of(j)):
                prev = self.low[self.sentences[j].start : self.sentences[j].end]
                return self.side(prev, h.start, h.end, (0, len(prev)))
        return None

    def carried_hits(self, i: int) -> list[AnatomyHit]:
        """Bones of the nearest earlier sentence (two back at most) of the same section, or of
        a comparison line."""
        sec = self.sentences[i].section
        self.used_context = True
        for j in (i - 1, i - 2):
            # The comparison line names what the follow-up speaks of ("Comparison: MRI of 2 May
            # (talar bone bruise). The edema has resolved.").
            if j < 0 or self.sentences[j].section not in (sec, *self.lex.one_sentence_sections):
                continue
            hits = [h for h in self.hits_of(j) if not self.ana.is_spine_generic(h)]
            if hits:
                return hits
        return []

    def _level_heading(self, i: int) -> list[AnatomyHit]:
        """The disc level heading the line of sentence ``i`` ("L5-S1: Disc bulge. No Modic
        changes."), as in template spine reports."""
        start = self.sentences[i].start
        line = self.low.rfind("\n", 0, start) + 1
        self.used_context = True
        head = _LEVEL_HEADING.match(self.low, line, start)
        if head is None:
            return []
        hits = self.ana.find(head.group(1))
        return [h for h in hits if h.level and h.name.endswith("endplates")]

    def _normal_before(self, i: int) -> list[AnatomyHit]:
        """Bones that the sentence before called normal: "The vertebral bodies appear normal.
        Normal marrow signal." is about those bones."""
        prev, sent = self.sentences[i - 1], self.sentences[i]
        if prev.section != sent.section or i - 1 in self._candidates:
            return []
        self.used_context = True
        if not self.lex.normal_words.search(self.low, prev.start, prev.end):
            return []
        return self.hits_of(i - 1)

    def _score_rows(self) -> list[EdemaMention]:
        """ "BML (je Subregion, 0-3):" then "- MFC zentral: 2", "- LFC: 0 | LTP: 0": rows of
        bones scored under a heading that names the finding; 0 (or "nein", "none") is none."""
        out: list[EdemaMention] = []
        sentences, low = self.sentences, self.low
        if ":\n" not in low and ":\r" not in low:
            return out  # a heading ends its line
        for i, head in enumerate(sentences):
            if low[head.end - 1] != ":" or not self.facts()[i].stem:
                continue  # most sentences: not a heading
            said = low[head.start : head.end]
            if said.count(":") != 1:
                continue
            kind: Kind = "bml" if _BML_WORD.search(said) else "edema"
            for j in range(i + 1, len(sentences)):
                row = sentences[j]
                if row.section != head.section:
                    break
                # "Talus: ja – mediale Talusschulter, kontusionell": a row may name the finding
                scored = self._scored_bones(j, row)
                if not scored:
                    break
                out.extend(
                    self._said_of_bone(
                        row, (a, b), status, kind, (h.name, h.bone_id, h.subregion, h.region), None
                    )
                    for h, status, a, b in scored
                )
        return out

    def _quadrant_rows(self) -> list[EdemaMention]:
        """The sacroiliac joints' scoring tables, as a mention per bone and side."""
        if "|" not in self.low:
            return []
        found = sacroiliac_quadrants(self.low, [(s.start, s.end) for s in self.sentences])
        out = []
        for q in found:
            sent = self.sentences[bisect_right([s.start for s in self.sentences], q.start) - 1]
            side = "iliac_side" if q.bone == "ilium" else "sacral_side"
            place = (q.bone, "sacroiliac_joint", side, "sacroiliac")
            span = (q.start - sent.start, q.end - sent.start)
            out.append(self._said_of_bone(sent, span, q.status, "edema", place, q.side))
        return out

    def _scored_bones(self, j: int, row: Sentence) -> list[tuple[AnatomyHit, Status, int, int]]:
        """(bone, status, value start, value end) of each "bone: score" pair of a row."""
        s = self.low[row.start : row.end]
        hits = self.hits_of(j)
        found: list[tuple[AnatomyHit, Status, int, int]] = []
        label: list[AnatomyHit] = []
        for m in _SCORE_PAIR.finditer(s):
            named = [h for h in hits if m.start("label") <= h.start and h.end <= m.end("label")]
            if not named and not label:
                # "Talus: ja – mediale Talusschulter": the bone named again later in the row
                named = self.ana.find(m.group("label"))
            if named:
                label = named
            elif not label or _WORDS.search(m.group("label")) is None:
                return []  # "MFC zentral 2 | posterior 1": a part of the bone named before
            value = m.group("value")
            status: Status = "negated" if _ZERO_SCORE.fullmatch(value) else "present"
            found.extend((h, status, m.start("value"), m.end("value")) for h in label)
        # "MTP zentral 2 | posterior 0": the bone has a lesion, in one of its parts
        scored = {h.name for h, status, _, _ in found if status == "present"}
        once: dict[tuple[str, str], tuple[AnatomyHit, Status, int, int]] = {}
        for f in found:
            if f[1] == "present" or f[0].name not in scored:
                once.setdefault((f[0].name, f[1]), f)  # "MFC zentral 2 | posterior 1": one MFC
        return list(once.values())

    def _normal_bones(self, told: list[int], said: set[int]) -> list[EdemaMention]:
        """ "Medial sesamoid: diffuse BME. Lateral sesamoid normal.", "BME L3. L2, L4 nl.":
        bones called normal in a sentence of their own, right after a sentence with edema,
        are negated mentions of those bones."""
        out: list[EdemaMention] = []
        for i in told:
            j = i + 1
            if j + 1 < len(self.sentences) and _LIST_NUMBER.fullmatch(
                self.low, self.sentences[j].start, self.sentences[j].end
            ):
                j += 1  # "1. KMÖ MFC u. MTP. 2. LTP o.B.": past the list's number
            # "Talus: Ödem. / Innenknöchel: unauffällig / Calcaneus: unauffällig": each line
            while j < len(self.sentences) and j not in said:
                sent = self.sentences[j]
                if sent.section != self.sentences[i].section or sent.end - sent.start > 80:
                    break
                s = self.low[sent.start : sent.end]
                found = _remembered(_NORMAL, self.lang, s, self._called_normal)
                if not found:
                    break
                out.extend(
                    self._said_of_bone(
                        sent, (a, b), "negated", "signal", (bone, bone_id, sub, kb_region), side
                    )
                    for a, b, bone, bone_id, sub, kb_region, side in found
                )
                j += 1
        return out

    def _said_of_bone(
        self,
        sent: Sentence,
        span: tuple[int, int],
        status: Status,
        kind: Kind,
        place: tuple[str, str, str | None, str],
        side: str | None,
    ) -> EdemaMention:
        """A mention of a bone (name, id, subregion, region) at ``span`` of a sentence, said
        by the report itself (a score, a normal word), with nothing else to read from it."""
        bone, bone_id, sub, kb_region = place
        region, basis = reported_region(kb_region, "stated")
        a, b = span
        return EdemaMention(
            status=status,
            kind=kind,
            bone=bone,
            bone_id=bone_id,
            subregion=sub,
            region=region,
            kb_region=kb_region,
            region_basis=basis,
            laterality=side,
            modic_type=None,
            change=None,
            size=None,
            start=sent.start + a,
            end=sent.start + b,
            text=self.text[sent.start + a : sent.start + b],
            section=sent.section,
        )

    def _called_normal(
        self, s: str
    ) -> tuple[tuple[int, int, str, str, str | None, str, str | None], ...]:
        """The bones a sentence of nothing but bones and a normal word calls normal, with the
        normal word's span and each bone's side; () for any other sentence."""
        if self.lex.normal_words.search(s) is None:
            return ()
        hits = self.ana.find(s)
        if not hits:
            return ()
        rest = "".join(
            " " if any(h.start <= k < h.end for h in hits) else c for k, c in enumerate(s)
        )
        said = self.lex.normal_words.search(rest)
        if said is None or _NORMAL_FILLER.sub("", rest.replace(said.group(), " ", 1)):
            return ()
        return tuple(
            (
                said.start(),
                said.end(),
                h.name,
                h.bone_id,
                h.subregion,
                h.region,
                self.side(s, h.start, h.end, (0, len(s))),
            )
            for h in hits
        )

    def _refine_spine(
        self, hits: list[AnatomyHit], i: int, look_back: bool = True
    ) -> list[AnatomyHit]:
        """A level-less spine part ("para-discal marrow") takes the level of nearby text (with
        ``look_back`` False, only of its own sentence)."""
        if not hits or not all(self.ana.is_spine_generic(h) for h in hits):
            return [h for h in hits if not self.ana.is_spine_generic(h)] or hits
        sent = self.sentences[i]
        if self.lex.elsewhere.search(self.low, sent.start, hits[0].start + sent.start):
            return hits  # "Übrige Wirbelkörper signalnormal": the others, not the level before
        self.used_context = True
        body = all(h.subregion is None for h in hits)  # "the vertebral body", not "endplates"
        for j in (i, i - 1, i - 2) if look_back else (i,):
            if j >= 0:
                # "L5/S1: Osteochondrose mit Signalanhebung der angrenzenden Endplatten": the
                # level said before in the sentence, else in the one or two before it.
                levels = [
                    h for h in self.hits_of(j) if h.level and (j < i or h.end <= hits[0].start)
                ]
                if (
                    levels
                    and body
                    and _BODIES.search(self.low, sent.start, sent.start + hits[0].end)
                    and not _DEGENERATIVE.search(self.low, sent.start, sent.end)
                ):
                    # "Bandscheibe LWK 3/4 ..., die angrenzenden Wirbelkörper ohne Ödem"
                    return [b for h in levels for b in self.ana.bodies_of_level(h)]
                if levels:
                    return [self.ana.vertebral_body(h) for h in levels] if body else levels
        return hits

    def _distance(self, s: str, h: AnatomyHit, t: _Target) -> float:
        """How far a bone is from a mention; a bone after the mention is nearer, and one
        across a clause break or a negation ("with no Modic type 1 changes") is far."""
        if t.status == "negated" and t.subject != (h.end <= t.start):
            return 2000.0  # "X is spared" looks back, "sparing X" forward
        if h.end <= t.start:
            a, b, weight = h.end, t.start, 1.5
        else:
            a, b, weight = t.end, h.start, 1.0
        lex = self.lex
        far = 1000.0 if lex.clause_breaks.search(s, a, b) or lex.neg_fwd.search(s, a, b) else 0.0
        if far and h.end <= t.start and lex.neg_fwd.fullmatch(s[a:b].strip()):
            far = 0.0  # "LTP o.B., retropatellar kein KMÖ": the place, then its negation
        if far and h.end <= t.start and _TOPIC_ADVERB.fullmatch(s, a, b):
            far = 0.0  # "im Segment L3/L4 hingegen Typ-1-Veränderungen": the adverb after its topic
        return (b - a) * weight + far

    def context(self, i: int, s: str) -> SentenceContext:
        if i not in self._ctx_cache:
            self._ctx_cache[i] = SentenceContext(s, self.lex)
        return self._ctx_cache[i]

    def read_sentence(self, i: int, sent: Sentence, out: list[EdemaMention]) -> None:
        s = self.low[sent.start : sent.end]
        targets = self.targets(s)
        asked = self.lex.question.search(s)
        if asked is not None:
            targets = [t for t in targets if t.start < asked.start()]
        if self.lex.soft_label.match(s):
            # "Hoffa-Fettkörper: ödematöse Signalanhebung": the key's tissue, not its marrow
            targets = [
                t
                for t in targets
                if not (t.generic or t.kind == "signal")
                or _NAMES_MARROW.search(s, t.start, t.end)
                or any(c in s[s.find(":") : t.start] for c in ",;")
            ]
        red = self.lex.red_marrow.search(s) if targets else None
        if red is not None:
            # "STIR hyperintensity ...; appearances are of haematopoietic marrow reconversion"
            targets = [t for t in targets if not (t.kind == "signal" and t.end <= red.start())]
        if i in self.table_cells:
            cell = self.table_cells[i]
            if cell is None:
                return
            kind, a, b = cell
            if kind == "modic":
                targets = self._modic_cell(s, (a, b), targets)
            else:
                targets = self._edema_cell(s, (a, b), targets)
        if not targets:
            return
        hits = self.hits_of(i)
        if i in self.time_rows:
            # a follow-up table's earlier studies: what was seen then, not this study's reading
            pa, pb, _, now_none = self.time_rows[i]
            hits = [h for h in hits if not pa <= h.start < pb]
            # "Tibia distal | kein Ödem | kein Ödem": the current cell's "Ödem" is the row's
            targets = [
                dataclasses.replace(t, generic=False) if t.generic and t.start >= pb else t
                for t in targets
                if not pa <= t.start < pb
            ]
            if now_none:  # "KMÖ rechts | 0 | 0": the row's label, graded none now
                targets = [
                    dataclasses.replace(t, status="negated", strict=True) if t.start < pa else t
                    for t in targets
                ]
        if i in self.side_rows:
            targets = self._side_cells(s, self.side_rows[i], targets, hits)
        if not targets:
            return
        kept: list[_Target] = []
        for t in targets:
            lesion = t.kind == "signal" and (
                _LESION_AFTER.match(s, t.end) is not None
                # "9 mm lobulated lesion ..., T2 bright with punctate matrix: enchondroma"
                or _LESION_BEFORE.search(s, max(0, t.start - 100), t.start) is not None
            )
            # "... Fibrom der distalen Tibiametaphyse, das in der MRT als T2-inhomogene Läsion
            # imponierte": a lesion the sentence names as a tumour, however far before
            if (t.kind == "bml" or lesion) and self.lex.tumour_lesion.search(
                s,
                max(0, t.start - (120 if lesion else 40)),
                len(s) if lesion else self._clause(s, t)[1],
            ):
                continue  # a tumour-like "marrow lesion" ("... consistent with enchondroma")
            if t.generic:
                if self._link_generic(s, t, targets, hits):
                    kept.append(t)
                continue
            if _SOFT_BEFORE.search(s, max(0, t.start - 24), t.start):
                continue  # "Subkutanes Kontusionsödem", "periosteal oedema"
            if t.kind == "signal" and not t.normal and self._placed_in_soft_tissue(s, t, hits):
                continue  # "Ödematöse Signalanhebung im Hoffa-Fettkörper"
            if t.kind == "signal" and not t.normal:
                a, b = self._clause(s, t)
                other = self.lex.other_process.search(s, t.end)  # its lookaheads see on
                if other is not None and other.end() > min(b, t.end + 80):
                    other = None
                if (
                    other
                    and not self.lex.located_by.search(s, t.end, other.start())
                    # not "..., possibly artefactual from inhomogeneous fat suppression"
                    and not self.lex.unc_fwd.search(
                        s, max(t.end, other.start() - 12), other.start()
                    )
                    # not a finding of its own after a comma: "... posterior talus, fluid in
                    # the synchondrosis"
                    and not (
                        "," in s[t.end : other.start()]
                        and not self.lex.labelled_by.search(s, t.end, other.start())
                    )
                ):
                    continue  # "... compatible with osteonecrosis"; not "subjacent to the tear"
            kept.append(t)
        kept = [t for t in kept if not self._labels_the_finding(s, t, kept)]
        if not kept:
            return
        for t in kept:
            if t.subject:
                self._claim_subject(s, t, kept, hits)
        linked = {id(h) for t in kept for h in t.hits if not t.shared}
        shared = {id(h) for t in kept for h in t.hits if t.shared}
        for h in hits:
            if id(h) in shared:
                self._share(s, h, kept, hits)
                continue
            if id(h) in linked or self._names_soft_tissue(s, h):
                continue  # "... Bankart lesion of the anteroinferior glenoid labrum"
            owner = min(
                (
                    t
                    for t in kept
                    if not t.generic
                    and not t.strict
                    # Before it, a spared bone's phrase keeps to the bone it claimed: "... und im
                    # posterolateralen Tibiaplateau, der mediale Femurkondylus ist ausgespart",
                    # "Wirbelkörper in Höhe und Form unauffällig, kein Knochenmarködem".
                    and not (t.subject and h.end <= t.start)
                ),
                key=lambda t: self._distance(s, h, t),
                default=None,
            )
            # "KMÖ Os hamatum u. Basis MHK IV/V, DD Kontusion": a list goes on to its finding's
            # next bone, however near a later phrase stands.
            listed = self._list_owner(s, h, hits, kept)
            if (
                listed is not None
                and owner is not None
                and listed is not owner
                and h.end <= owner.start
                and "," in s[h.end : owner.start]
            ):
                owner = listed
            if owner is not None and self._of_a_later_process(s, h, owner):
                continue  # "... Knochenmarködem, knöcherne Bankart-Läsion am Glenoid"
            if owner is not None and owner.hits and self._in_aside_of_another(s, h, owner):
                continue  # "LWK 4 mit Ödem (Anschlussfraktur unterhalb der Kyphoplastie LWK 3)"
            if (
                owner is not None
                and h.end <= owner.start
                and "," in s[h.end : owner.start]
                and ":" not in s[h.end : owner.start]  # not a heading's: "L3/4: ..., Modic II an"
                and self._placed_after(s, owner, hits)
            ):
                continue  # "Disc disease L3/4 to L5/S1, with type 1 endplate change at L4/5"
            if _FRACTURE_WORD.search(s, h.start, h.end) and _NEGATED_BEFORE.search(
                s, max(0, h.start - 30), h.start
            ):
                continue  # "Kontusionsödem im Trochanter major, keine okkulte Schenkelhalsfraktur"
            if owner is not None and self.lex.cause_before.search(s, max(0, h.start - 25), h.start):
                continue  # "... or to altered mechanics from an accessory navicular"
            if owner is not None and owner.hits and self._names_a_process(s, h):
                continue  # "oedema of the L3 and L4 bodies, in keeping with L3-L4 spondylodiscitis"
            if owner is not None and (owner.status or not self._across_clause(s, h, owner)):
                # Not across a clause break ("No scaphoid fracture; bone bruise of the
                # capitate"), except to continue a spared list ("...; auch nicht die Tibia").
                owner.hits.append(h)
        for t in kept:
            self._list_before_negation(s, t, kept, hits)
        for t in kept:
            self._own_place_after(s, t)
            if len(t.hits) > 1 and not _BOTH_WITH.search(s, max(0, t.start - 40), t.start):
                # "osteonecrosis of the femoral head, now with edema in the femoral neck"; not
                # "a lesion of the humeral head and a fracture of the glenoid, both with edema"
                own = [h for h in t.hits if not self._of_other_process(s, h, t)]
                t.hits = own or t.hits
        for t in kept:
            if (
                not t.hits
                and not t.generic
                and self.lex.surrounding.search(s, max(0, t.start - 25), t.start)
            ):
                # "Stressfraktur MT III; das begleitende Knochenmarködem ist noch residual"
                self._lesion_bone(s, t, hits)
        for t in kept:
            if (
                not t.hits
                and not t.generic
                and hits
                and not (t.strict and t.normal)
                # not the tendon's "Poplitealsehne o.B." after a bruise of the fibular head
                and not (t.subject and self._soft_subject(s, t, hits))
            ):
                a, b = self._clause(s, t)
                # not a bone another phrase spared: "Zunahme des KMÖ ..., das mediale
                # Tibiaplateau ist ödemfrei"
                spared = {id(x) for o in kept if o.status == "negated" for x in o.hits}
                near = [
                    h
                    for h in hits
                    if a <= h.start
                    and h.end <= b
                    and id(h) not in spared
                    and not self.lex.cause_before.search(s, max(0, h.start - 25), h.start)
                ]
                best = min(near, key=lambda h: self._distance(s, h, t), default=None)
                if best is not None and self._distance(s, best, t) < 1000:
                    t.hits = [best]
        for t in kept:
            if not t.hits:
                for o in kept:
                    if o is t or not o.hits:
                        continue
                    a, b = (t.end, o.start) if t.end <= o.start else (o.end, t.start)
                    if b - a <= 25 and _COORDINATED.match(s[a:b]):
                        t.hits = list(o.hits)
                        break
        # A spared bone is only a finding when the bone is named ("the cartilage is spared").
        # (A table's row label graded none, now or on one side, is a finding without a bone.)
        kept = [
            t
            for t in kept
            if t.status != "negated"
            or t.hits
            or (t.strict and (i in self.time_rows or i in self.side_rows))
        ]
        ctx = self.context(i, s)
        made: list[EdemaMention] = []
        for t in kept:
            if not t.event:
                made.extend(self._mentions(i, sent, s, t, kept, ctx))
        made = merge_mentions(pair_endplates(adopt_labels(made)))
        if (
            any(m.status == "uncertain" for m in made)
            and self.ordered
            and not _SEEN_ON_MRI.search(s)  # "Überweisung zur MRT: ... Im MRT fraglich Ödem ..."
        ):
            # "V. a. Knochenmarködem Os naviculare, MRT angemeldet": suspected, not yet seen
            self.used_context = True  # the report's order, not the sentence, says so
            made = [m for m in made if m.status != "uncertain"]
        turned = self.lex.modic_conversion.search(s)
        if turned is not None:
            a, b = sent.start + turned.start(), sent.start + turned.end()
            made = converted(made, a, b, self.text[a:b])
        out.extend(made)

    @staticmethod
    def _in_aside_of_another(s: str, h: AnatomyHit, t: _Target) -> bool:
        """Is the bone inside brackets, without the mention, that name another finding?"""
        opened = s.rfind("(", 0, h.start)
        if opened == -1 or s.rfind(")", 0, h.start) > opened:
            return False
        closed = s.find(")", h.end)
        closed = closed if closed != -1 else len(s)
        return (
            not opened < t.start < closed and _ASIDE_FINDING.search(s, opened, closed) is not None
        )

    def _placed_after(self, s: str, t: _Target, hits: list[AnatomyHit]) -> bool:
        """Is the mention's place said right after it ("... endplate change at L4/5")?"""
        after = next((h for h in hits if h.start >= t.end), None)
        return after is not None and _PLACE_GAP.fullmatch(s, t.end, after.start) is not None

    def _labels_the_finding(self, s: str, t: _Target, kept: list[_Target]) -> bool:
        """Is ``t`` a diagnosis named after edema the sentence described ("... most likely
        transient bone marrow edema syndrome"), in the same clause?"""
        if t.generic or t.status or not self.lex.diagnosis_name.match(s[t.start : t.end + 12]):
            return False
        return any(
            o.end <= t.start and (o.hits or not o.generic)
            for o in kept
            if not self.lex.diagnosis_name.match(s[o.start : o.end + 12])
        )

    def _soft_subject(self, s: str, t: _Target, hits: list[AnatomyHit]) -> bool:
        """Is a spared phrase said of a soft tissue named in its own clause ("..., Poplitealsehne
        o.B."; not "; the acromial side of the joint is unremarkable")?"""
        start = max(s.rfind(",", 0, t.start), s.rfind(";", 0, t.start)) + 1
        words = s[start : t.start].split()
        return (
            bool(words)
            # (also past a word: "..., Fuge selbst unauffällig")
            and any(self.lex.soft_tissue.search(w) is not None for w in words[-2:])
            and not any(start <= h.start and h.end <= t.start for h in hits)
        )

    def _list_before_negation(
        self, s: str, t: _Target, kept: list[_Target], hits: list[AnatomyHit]
    ) -> None:
        """ "LTP und MTP ohne BML", "KMÖ im MFC, LFC und LTP frei": the places listed before
        a negation that follows them, also from a finding before the list's comma."""
        before = [h for h in t.hits if h.end <= t.start]
        if (
            t.generic
            or not before
            or not (
                (t.normal and not t.strict)
                or self.lex.neg_fwd.fullmatch(s[before[-1].end : t.start].strip())
            )
        ):
            return
        owner = {id(h): o for o in kept for h in o.hits}
        first = before[0]
        for prv in reversed([h for h in hits if h.end <= first.start]):
            gap = s[prv.end : first.start]
            if not _ANATOMY_LIST_GAP.match(gap):
                break
            o = owner.get(id(prv))
            if o is not None:
                if o is t or "," in gap or o.end > prv.start:
                    break
                said = [x.end for x in o.hits if x.end <= prv.start]
                if "," not in s[max([o.end, *said]) : prv.start]:
                    break
                o.hits.remove(prv)  # "BME MFC und LTP, LFC und MTP ohne BME": not the LFC
            t.hits.insert(0, prv)
            first = prv

    @staticmethod
    def _list_owner(
        s: str, h: AnatomyHit, hits: list[AnatomyHit], kept: list[_Target]
    ) -> _Target | None:
        """The finding whose bone the list before ``h`` continues ("KMÖ Os hamatum u. Basis
        MHK"), when only a conjunction stands between the two bones."""
        before = [x for x in hits if x.end <= h.start]
        if not before:
            return None
        prev = before[-1]
        gap = s[prev.end : h.start]
        if "," in gap or not (
            _LIST_AND.fullmatch(gap)
            # "KMÖ im Trochanter major und periprothetisch im proximalen Femur"
            or (_ANATOMY_LIST_GAP.match(gap) and _COORDINATING.search(gap))
        ):
            return None
        return next(
            (t for t in kept if prev in t.hits and not t.generic and t.end <= prev.start), None
        )

    def _own_place_after(self, s: str, t: _Target) -> None:
        """ "Disc degeneration at L4-5 and L5-S1 with Modic type I changes at L4-5": a finding
        that names again one of the places before "with" as its own leaves the others to the
        finding before."""
        before = [h for h in t.hits if h.end <= t.start]
        after = [h for h in t.hits if h.start >= t.end]
        if (
            len(before) > 1
            and after
            and {h.name for h in after} & {h.name for h in before}
            and _WITH_WORD.search(s, before[-1].end, t.start)
            and "," not in s[t.end : after[0].start]
            and self.lex.link_after.match(s[t.end : after[0].start])
        ):
            t.hits = after

    def _lesion_bone(self, s: str, t: _Target, hits: list[AnatomyHit]) -> None:
        """ "Right femoral head AVN with a subchondral fracture and extensive surrounding edema
        extending into the femoral neck", "the second metatarsal stress fracture is healing,
        with decreasing surrounding oedema": the bone of the lesion the edema surrounds."""
        lesional = self.lex.perilesional.search(s, max(0, t.start - 25), t.start) is not None
        reach = 160 if lesional else 90
        before = [
            h
            for h in hits
            if h.end <= t.start
            and t.start - h.end <= reach
            # not "Trochanteric bursitis with ... surrounding oedema"
            and not self._names_soft_tissue(s, h)
        ]
        if not before:
            return
        h = before[-1]
        if len(before) > 1 and _BOTH_WITH.search(s, max(0, t.start - 40), t.start):
            # "... lesion of the humeral head and a fracture of the glenoid rim, both with
            # surrounding bone marrow edema"
            for o in before[-2:]:
                if o not in t.hits:
                    t.hits.append(o)
            return
        if not lesional and (
            ";" in s[h.end : t.start] or self.lex.clause_breaks.search(s, h.end, t.start)
        ):
            return
        if h not in t.hits:
            t.hits.insert(0, h)

    def _share(self, s: str, h: AnatomyHit, kept: list[_Target], hits: list[AnatomyHit]) -> None:
        """A bone tied to a phrase after it is also the place of a finding just before it
        ("Modic type 3 changes at L5/S1 without ... edema"), when nothing else stands between
        (not "Knochenmarködem im gesamten Wirbelkörper; LWK 3 ... ohne Ödem")."""
        before = [t for t in kept if not t.generic and t.end <= h.start and h.start - t.end <= 30]
        if not before:
            return
        t = before[-1]
        gap = s[t.end : h.start]
        if (
            self.lex.link_after.match(gap)
            and h not in t.hits
            and not self.lex.clause_breaks.search(gap)
            and not any(t.end <= o.start < h.start for o in hits)
        ):
            t.hits.append(h)

    def _across_clause(self, s: str, h: AnatomyHit, t: _Target) -> bool:
        a, b = (h.end, t.start) if h.end <= t.start else (t.end, h.start)
        if h.end <= t.start and _TOPIC_ADVERB.fullmatch(s, a, b):
            return False  # "im Segment L3/L4 hingegen Typ-1-Veränderungen"
        return self.lex.clause_breaks.search(s, a, b) is not None

    def _placed_in_soft_tissue(self, s: str, t: _Target, hits: list[AnatomyHit]) -> bool:
        """Is the signal's place ("im ...", "in the ...") a soft tissue, before any bone?"""
        lex = self.lex
        gap = s[t.end : t.end + 50]
        if not lex.link_after.match(gap):
            return False
        soft = lex.soft_tissue.search(s, t.end, t.end + 50)
        if soft is None or lex.link_block.match(s, soft.start()):
            return False
        return not any(t.end <= h.start < soft.start() for h in hits)

    def _names_soft_tissue(self, s: str, h: AnatomyHit | _Target) -> bool:
        """Is a soft tissue the next word ("L3-L4 disc", "glenoid labrum", "T2-hyperintense
        disc edema")?"""
        at = len(s) - len(s[h.end :].lstrip())
        return (
            self.lex.soft_tissue.match(s, at) is not None
            and self.lex.link_block.match(s, at) is None  # "... bones along with", not a tissue
        )

    def _asserted_process(self, s: str, t: _Target) -> bool:
        """Is the signal labelled as another process, not negated ("... compatible with AVN";
        not "..., with a moderate joint effusion; no crescent sign to suggest osteonecrosis")?"""
        a, b = _between_semicolons(s, t.start, t.end)
        found = [
            m
            for m in self.lex.other_process.finditer(s, a, b)
            if self.lex.labelled_by.search(s, a, m.start())
            # "Cord edema at C5-C6 with T2 hyperintensity ...": the process the signal is of
            or (m.end() <= t.start and _WITH_BETWEEN.match(s, m.end(), t.start))
        ]
        if not found:
            return False
        ctx = SentenceContext(s, self.lex)
        return any(not ctx.negated(m.start(), m.end()) for m in found)

    def _names_a_process(self, s: str, h: AnatomyHit) -> bool:
        """Is the bone the name of a process right after it ("L3-L4 spondylodiscitis") or, in
        German order, right before it ("bei bekannter Spondylodiszitis Th9/10")?"""
        at = len(s) - len(s[h.end :].lstrip())
        if self.lex.other_process.match(s, at) is not None:
            return True
        lo = max(0, h.start - 30)
        return any(
            not s[m.end() : h.start].strip()
            for m in self.lex.other_process.finditer(s, lo, h.start)
        )

    def _of_a_later_process(self, s: str, h: AnatomyHit, t: _Target) -> bool:
        """Is the bone, after the mention and a comma, the place of another process named
        there ("edema of the humeral head, bony Bankart lesion of the glenoid")?"""
        if h.start < t.end:
            return False
        # After a comma, or "sowie"/"as well as": "... Modic II L3-L4 sowie eine Spondylarthrose"
        comma = max(
            [s.rfind(",", t.end, h.start), *(m.start() for m in _ALSO.finditer(s, t.end, h.start))]
        )
        if comma == -1:
            return False
        process = self.lex.other_process.search(s, comma, h.start)
        # Not a list under one negation: "No bone bruise, fracture or osteochondral lesion
        # involving the femoral condyles".
        return (
            process is not None
            and _COORDINATING.search(s, comma, process.start()) is None
            # "..., associated with a supraspinatus tear retracted to the apex of the humeral head"
            and h.start - process.end() <= 40
        )

    def _of_other_process(self, s: str, h: AnatomyHit, t: _Target) -> bool:
        """Is the bone, before the mention, the object of another process ("osteonecrosis of
        the right femoral head")?"""
        if h.end > t.start:
            return False
        window = s[max(0, h.start - 40) : h.start]
        m = self.lex.other_process.search(window)
        return (
            m is not None
            and (
                _OF_GAP_AFTER.match(window, m.end()) is not None
                # "Aktivierte Spondylarthrose L4/5 rechts mit ... Knochenmarködem im Processus
                # articularis superior LWK 5": the level of the other process
                or (h.level and not window[m.end() :].strip())
            )
        )

    @staticmethod
    def _claim_subject(s: str, t: _Target, kept: list[_Target], hits: list[AnatomyHit]) -> None:
        """A spared bone is the one just before "is spared", even where a list tied it to the
        edema before: "edema in the lateral femoral condyle, the medial one is spared"."""
        before = [
            h
            for h in hits
            if h.end <= t.start
            and (t.start - h.end <= 12 or _PART_NOUN.fullmatch(s, h.end, t.start) is not None)
        ]
        if (
            not before
            or any(c in s[before[-1].end : t.start] for c in ",;")
            or s[before[-1].end : before[-1].end + 1].isalpha()  # "Patellarsehne regelrecht"
        ):
            return
        h = before[-1]
        claimed = [h]
        # "The talus, cuboid and navicular remain normal in signal": the whole list, when no
        # finding stands before it ("edema in the talus and the calcaneus is spared" is not).
        for prv in reversed([x for x in hits if x.end <= h.start]):
            gap = s[prv.end : claimed[0].start]
            if not _ANATOMY_LIST_GAP.match(gap) or (
                # "BML am MTP, LFC u. LTP frei": the MTP before the comma is the finding's
                "," in gap
                and any(
                    o is not t
                    and o.end <= prv.start
                    and not any(c in s[o.end : prv.start] for c in ",;")
                    for o in kept
                )
            ):
                break
            claimed.insert(0, prv)
        if len(claimed) > 1 and any(
            # not after a semicolon or comma: "Edema confined to the lunate; the scaphoid and
            # capitate are spared", "BML MFC re. Gr. 2, LTP und LFC o.B."
            o is not t
            and o.end <= claimed[0].start
            and not any(c in s[o.end : claimed[0].start] for c in ",;")
            for o in kept
        ):
            claimed = [h]
        taken = {id(c) for c in claimed}
        for o in kept:
            o.hits = [x for x in o.hits if id(x) not in taken]
        t.hits = claimed

    def _mentions(
        self,
        i: int,
        sent: Sentence,
        s: str,
        t: _Target,
        kept: list[_Target],
        ctx: SentenceContext,
    ) -> list[EdemaMention]:
        mods = ctx.modifiers(t.start, t.end)
        clause = self._clause(s, t)
        change = None if t.status else self.change(s, t, kept, clause)
        if (
            mods.negated
            and _SAID_OUTSIDE.search(s, clause[0], t.start)
            and _MENTIONED_AFTER.match(s, t.end)
        ):
            return []  # "Im auswärtigen Bericht ist kein Knochenmarködem erwähnt": their words
        if (
            _OUTSIDE_AS.search(s, max(0, t.start - 40), t.start)
            or _DESCRIBED_OUTSIDE.match(s[t.end : t.end + 60])
        ) and _REFUTED.search(s, t.end):
            # "Die auswärts als Marködem der distalen Tibia interpretierte Signalanhebung
            # entspricht einem Suszeptibilitätsartefakt": a second opinion that there is none
            status, change = "negated", None
        elif _quoted_claim(s, t.start):
            # "Der Erstbefunder beschreibt eine „aktive Sakroiliitis mit Knochenmarködem“":
            # another reader's words on the same or an earlier study, not this reading's
            return []
        elif mods.negated and _NO_NEW_BEFORE.search(s, max(0, t.start - 24), t.start):
            status, change = "negated", None  # "nur noch residuelles Ödem, keine neuen Ödemherde"
        elif (
            t.normal
            and change == "resolved"
            and (
                self.change(s, t, kept, (clause[0], t.start))
                # "Der Schenkelhals ist inzwischen wieder signalnormal."
                or _AGAIN_BEFORE.search(s, clause[0], t.start)
            )
        ):
            status = (
                "resolved"  # "complete restitution of normal marrow signal in the femoral head"
            )
        elif t.normal and not t.strict and _NOW_BEFORE.search(s, clause[0], t.start):
            status, change = "resolved", "resolved"
        elif (
            t.subject
            and t.status == "negated"
            and (
                self.change(s, t, kept, (max(clause[0], t.start - 16), t.end)) == "resolved"
                # "the medial femoral condyle is now normal in signal"
                or _NOW_BEFORE.search(s, max(clause[0], t.start - 16), t.start) is not None
            )
        ):
            status, change = "resolved", "resolved"  # "der Schenkelhals ist wieder ödemfrei"
        elif t.normal and t.strict and change in ("improved", "resolved"):
            status, change = "resolved", "resolved"  # "The right side shows no residual oedema."
        elif t.normal or t.status == "negated":
            status, change = "negated", None
        elif t.status == "resolved":
            status, change = "resolved", "resolved"
        elif t.status == "uncertain":
            status = "uncertain"
        elif mods.negated:
            status = "resolved" if change in ("resolved", "improved") else "negated"
            change = "resolved" if status == "resolved" else None
        elif change == "resolved":
            status = "resolved"
        elif mods.uncertain and not (
            # "Flaues KMÖ im LTP, a.e. Kontusion": the hedge is on the label of described edema
            # ("signal, possibly early bone marrow edema" hedges the edema itself)
            mods.label_hedge
            and t.kind != "edema"
            # (unless that edema is hedged itself: "Equivocal faint marrow oedema ...,
            # possibly an early stress response")
            and any(
                o.kind in ("signal", "edema") and not ctx.modifiers(o.start, o.end).uncertain
                for o in kept
                if o is not t
            )
            # nor one that hedges the edema after it: "STIR-Hyperintensität ..., V.a.
            # beginnende Stressreaktion mit möglichem frühen Knochenmarködem"
            and not any(
                o.kind == "edema" and o.start > t.end and ctx.modifiers(o.start, o.end).uncertain
                for o in kept
            )
        ):
            status = "uncertain"
        elif mods.historical and change is None:
            status = "historical"
        else:
            status = "present"
        # "... type II endplate changes at L5/S1 and L3/4. No new endplate edema.": a negation
        # of level-less endplates is of the whole spine, not of the levels before.
        hits = self._refine_spine(t.hits, i, look_back=status != "negated")
        carried = False
        if not hits and status == "resolved":
            # "Größenabnahme der BML im MFC, bei 3 Patienten war keine BML mehr nachweisbar"
            earlier = [o for o in kept if o.end <= t.start and o.kind == t.kind and o.hits]
            hits = list(earlier[-1].hits) if earlier else []
        if not hits and t.side is not None:
            # "Knochenmarködem im Femurkopf rechts; links deutlich rückläufig": that bone's
            earlier = [o for o in kept if o.end <= t.start and o.hits and not o.normal]
            hits = list(earlier[-1].hits) if earlier else []
        if not hits and status == "present" and not t.normal and t.kind in LABEL_KINDS:
            # "Knochenmarködem im Skaphoid ...; am ehesten ossäre Kontusion": the label of the
            # sentence's own finding, not of a bone of the sentence before
            earlier = [o for o in kept if o.end <= t.start and o.hits and not o.normal]
            hits = list(earlier[-1].hits) if earlier else []
        if not hits and status in ("present", "uncertain", "resolved") and not t.normal:
            hits = self._refine_spine(self.carried_hits(i), i) if i else []
            # not a bone the sentence before spared: "..., das Azetabulum ist ausgespart. Am
            # ehesten transientes Knochenmarködemsyndrom."
            spared = {m.bone for m in self._so_far if m.status == "negated"} - {
                m.bone for m in self._so_far if m.status != "negated"
            }
            hits = [h for h in hits if h.name not in spared] or hits
            if status == "uncertain" and hits:
                # "Ödematöse Signalanhebung ... LWK 3/4. DD erosive Osteochondrose, DD
                # Spondylodiszitis.": a differential of the finding before, not a finding
                present = {m.bone for m in self._so_far if m.status == "present"}
                if all(h.name in present for h in hits):
                    return []
            if not hits and t.kind == "modic" and i:
                hits = self._level_heading(i)  # "L2/L3: ... Appearances favour Modic type 1."
            carried = True
        elif not hits and t.kind == "modic" and i:
            hits = self._level_heading(i)  # "L5-S1: Disc bulge. No Modic changes."
            carried = bool(hits)
        elif not hits and t.normal and i and not self.lex.elsewhere.search(s):
            hits = self._normal_before(i)
            carried = True
        size_m = _SIZE.search(s, clause[0], clause[1])
        size = size_m.group().strip() if size_m and abs(size_m.start() - t.end) <= 80 else None
        base = {
            "status": status,
            "kind": t.kind,
            "modic_type": t.modic_type,
            "change": change,
            "size": size,
            "start": sent.start + t.start,
            "end": sent.start + t.end,
            "text": self.text[sent.start + t.start : sent.start + t.end],
            "section": sent.section,
        }
        if not hits:
            # Without a bone, the sentence's cue words place the mention; failing those, the
            # whole report does, once it is read (so that this reading can be cached).
            region = self.sentence_region(i, s)
            side = t.side or self.side(s, t.start, t.end, clause)
            if side is None and region in _SIDED:
                side = self.sentence_side(s)  # "Kniegelenk rechts: kein Knochenmarködem"
            m = EdemaMention(
                bone=None,
                bone_id=None,
                subregion=None,
                region=DOC,
                kb_region=DOC,
                region_basis="context",
                laterality=side,
                **base,
            )
            return [m if region is None else placed(m, region, "context", self.lex)]
        out: list[EdemaMention] = []
        hedged = self._hedged_in_list(s, t, hits) if status == "present" and not carried else set()
        # "KMÖ MFC (+), MTP (+), LFC (–), LTP (–)": each bone marked on its own
        denied = self._denied(s, hits) if status == "present" else set()
        # "KMÖ im LFC deutlich regredient, im lat. Tibiaplateau komplett abgeklungen"
        gone = self._resolved_in_own_clause(s, hits) if status == "present" else set()
        for h in hits:
            generic = self.ana.is_spine_generic(h)
            region = DOC_SPINE if generic else h.region
            reported, basis = reported_region(region, "context" if carried else "stated")
            if carried:
                side = self._carried_side(i, h)
            elif h.level:
                # "the left L5 pedicle and pars", "the L5 pars bilaterally"; not "Modic I, with
                # a left paracentral extrusion"
                side = self.side(s, h.start, h.end, (max(0, h.start - 12), min(len(s), h.end + 14)))
                if side is None and out and out[-1].bone_id == h.bone_id:
                    side = out[-1].laterality
            else:
                side = self.side(s, h.start, h.end, _between_semicolons(s, h.start, h.end))
                if side is None and h.region in _SIDED:
                    # "Sakroiliitis links mit periartikulärem Knochenmarködem iliakal": the
                    # side of the finding, else the one side of the sentence.
                    side = self.side(s, t.start, t.end, clause) or self.sentence_side(s)
            side = t.side or side
            out.append(
                EdemaMention(
                    bone=h.name if carried else self._named(s, h),
                    bone_id=None if generic else h.bone_id,
                    subregion=h.subregion,
                    region=reported,
                    kb_region=region,
                    region_basis=basis,
                    laterality=side,
                    **(
                        base | {"status": "negated", "change": None}
                        if id(h) in denied
                        else base | {"status": "resolved", "change": "resolved"}
                        if id(h) in gone
                        else base | {"status": "uncertain"}
                        if id(h) in hedged
                        else base
                    ),
                )
            )
        return out

    def _change_kind(self, s: str, m: re.Match[str]) -> str | None:
        lex = self.lex
        return lex.change_kind.get(normalize(m.group())) or next(
            (k for p, k in lex.change_rules if p.match(s, m.start(), m.end() + 80)), None
        )

    def _resolved_in_own_clause(self, s: str, hits: list[AnatomyHit]) -> set[int]:
        """Bones after the first, each in a clause of its own that says its edema is gone."""
        out: set[int] = set()
        for k in range(1, len(hits)):
            h = hits[k]
            if "," not in s[hits[k - 1].end : h.start]:
                continue
            end = hits[k + 1].start if k + 1 < len(hits) else len(s)
            stop = _CLAUSE_END.search(s, h.end, end)
            end = stop.start() if stop else min(end, h.end + 45)
            for m in self.lex.change.finditer(s, h.end, end):
                if self._change_kind(s, m) == "resolved" and not (
                    self.lex.partial.search(s, max(0, m.start() - 25), m.end())
                ):
                    out.add(id(h))
        return out

    @staticmethod
    def _denied(s: str, hits: list[AnatomyHit]) -> set[int]:
        """Bones of a present finding marked as free one by one: "KMÖ MFC (+), LFC (–)", "BML
        MFC Gr. 2, MTP Gr. 1, LFC und LTP 0" (a list before its mark shares it)."""
        out: set[int] = set()
        for k in range(len(hits) - 1, -1, -1):
            h = hits[k]
            if (
                _MINUS_MARK.match(s, h.end)
                or _ZERO_AFTER.match(s, h.end)
                or (
                    k + 1 < len(hits)
                    and id(hits[k + 1]) in out
                    and _AND_ONLY.fullmatch(s, h.end, hits[k + 1].start)
                )
            ):
                out.add(id(h))
        return out

    @staticmethod
    def _modic_cell(s: str, cell: tuple[int, int], targets: list[_Target]) -> list[_Target]:
        """A row's cell under a "Modic" column: "Typ 1 (neu)", "I/II", "keine", "–"."""
        a, b = cell
        if any(a <= t.start < b for t in targets):
            return targets  # "Modic Typ I (STIR-hyperintenses Ödem ...)" reads itself
        # "LWK 5/SWK 1 | Höhenminderung | Typ 2 | beidseits frei": the foramina's "frei"
        targets = [t for t in targets if not (t.normal or t.status) or a <= t.start < b]
        said = s[a:b]
        if _NO_CELL.fullmatch(said):
            return sorted([*targets, _Target(a, b, "modic", status="negated")], key=_start)
        m = _TYPE_CELL.match(said)
        if m is None:
            # "L4-L5 | ja | 2": present; its type, if any, in the cell after
            yes = _YES_CELL.match(said)
            if yes is None or yes.group().isdigit():
                return targets
            after = b + 1 + len(s[b + 1 :]) - len(s[b + 1 :].lstrip())
            kind = _TYPE_CELL.match(s, after) if s[b : b + 1] == "|" else None
            typed = _ROMAN[kind.group(1)] if kind else None
            t = _Target(a, a + yes.end(), "modic", modic_type=typed)
            return sorted([*targets, t], key=_start)
        t = _Target(a, a + m.end(), "modic", modic_type=_ROMAN[m.group(1)])
        return sorted([*targets, t], key=_start)

    @staticmethod
    def _side_cells(
        s: str, row: SideRow, targets: list[_Target], hits: list[AnatomyHit]
    ) -> list[_Target]:
        """A row of a table with a column per side: "Knochenmarködem Os pubis | ++ | +" is a
        finding on each side its cell grades; a cell's own words are of its side."""
        first = row.cells[0][0]
        out = []
        for t in targets:
            cell = next(((a, b, side) for a, b, side in row.cells if a <= t.start < b), None)
            if cell is not None:
                out.append(dataclasses.replace(t, side=cell[2]))
            elif t.start >= first or t.normal or t.status:
                out.append(t)
        for t in targets:
            if t.start >= first or t.normal or t.status:
                continue
            label = [h for h in hits if h.start < first]
            for a, b, side in row.cells:
                said = s[a:b].strip()
                if not said or any(a <= o.start < b for o in targets):
                    continue  # an empty cell; a cell that reads itself
                lead = a + len(s[a:b]) - len(s[a:b].lstrip())
                out.append(
                    dataclasses.replace(
                        t,
                        start=lead,
                        end=lead + len(said),
                        status="negated" if NONE_CELL.fullmatch(said) else None,
                        strict=True,
                        side=side,
                        hits=[*label, *(h for h in hits if a <= h.start < b)],
                    )
                )
        return sorted(out, key=_start)

    @staticmethod
    def _edema_cell(s: str, cell: tuple[int, int], targets: list[_Target]) -> list[_Target]:
        """A row's cell under an "Ödem" column: "ja, mediale Talusschulter", "nein"."""
        a, b = cell
        if any(a <= t.start < b for t in targets):
            return targets  # "kräftiges KMÖ" reads itself
        targets = [t for t in targets if not (t.normal or t.status)]
        said = s[a:b]
        if _NO_CELL.fullmatch(said):
            return sorted([*targets, _Target(a, b, "edema", status="negated")], key=_start)
        m = _YES_CELL.match(said)
        if m is None:
            return targets
        return sorted([*targets, _Target(a, a + m.end(), "edema")], key=_start)

    def _hedged_in_list(self, s: str, t: _Target, hits: list[AnatomyHit]) -> set[int]:
        """Bones of a list after a hedge ("edema in the navicular and possibly also in the
        medial cuneiform"): ids of the hits that the hedge covers."""
        after = sorted((h for h in hits if h.start >= t.end), key=lambda h: h.start)
        prev, hedged = t.end, set[int]()
        for h in after:
            hedge = self.lex.unc_fwd.search(s, prev, h.start)
            # a list goes on ("and possibly also in the ..."); not a hedged cause that names a
            # place ("..., likely osteitis pubis", "likely related to patellar maltracking")
            if hedged or (hedge and _LIST_GOES_ON.match(s, hedge.end())):
                hedged.add(id(h))
            prev = h.end
        return hedged if len(hedged) < len(hits) else set()

    def _named(self, s: str, h: AnatomyHit) -> str | None:
        """The name of a part of a bone, with a position word said just before it ("medial
        femoral head") unless the name has one. Whole bones keep their name: in "medialer
        Patellapol" the position is the pole's. A joint named alone ("at the SI joints") is
        a place, not a bone."""
        if self.ana.is_joint(h):
            return None
        if h.level or h.subregion is None or not self.ana.names_itself(s[h.start : h.end]):
            return h.name
        m = self.lex.position_before.search(s, max(0, h.start - 24), h.start)
        if m is None:
            return h.name
        position = self.lex.position_of.get(normalize(m.group().strip()))
        words = set(h.name.split())
        if position is None or words & self.lex.position_words:
            return h.name
        return f"{position} {h.name}"

    def _place_in_report(self, edema: list[EdemaMention]) -> list[EdemaMention]:
        """Place the mentions that waited for the report's region."""
        if not any(m.kb_region in DEFERRED for m in edema):
            return edema
        doc = self.doc_region(edema)
        spine = doc if doc in SPINE_ADJ else None
        out = []
        for m in edema:
            if m.kb_region == DOC:
                m = placed(m, doc, "context", self.lex)
                if m.bone is not None:  # a phalanx: of a toe in a foot's report, else a finger
                    bone, bone_id = placed_phalanx(m.bone, m.kb_region)
                    m = m.model_copy(update={"bone": bone, "bone_id": bone_id})
            elif m.kb_region == DOC_SPINE:
                m = placed(
                    m, spine or "spine_unspecified", "context" if spine else "stated", self.lex
                )
            out.append(m)
        return out

    # ------------------------------------------------------- whole-report passes
    def facts(self) -> list[_Facts]:
        """What each sentence's text alone says, looked up once per sentence: archives repeat
        their sentences, so one dictionary look-up replaces three scans."""
        if self._facts is None:
            low, lang, make = self.low, self.lang, self._sentence_facts
            self._facts = [_remembered(_FACTS, lang, low[a:b], make) for a, b, _ in self.sentences]
        return self._facts

    def _sentence_facts(self, s: str) -> _Facts:
        return _Facts(
            self.lex.stems.search(s) is not None,
            tuple(self._cue_counts(s).items()),
            self._associated(s),
        )

    def doc_region(self, edema: list[EdemaMention]) -> str | None:
        """The region the whole report points to: its cue words, and twice each mention
        placed in a named bone (None when nothing says)."""
        counts: dict[str, int] = {}
        for fact in self.facts():
            for region, n in fact.cues:
                counts[region] = counts.get(region, 0) + n
        for m in edema:
            if m.region_basis == "stated" and m.kb_region not in DEFERRED:
                counts[m.kb_region] = counts.get(m.kb_region, 0) + 2
        return most_cued(counts)

    def read_associated(self) -> list[AssociatedFinding]:
        """The associated findings of every sentence outside indication and history."""
        out = []
        skip = self.lex.skip_sections
        text = self.text
        for (start, _, section), fact in zip(self.sentences, self.facts(), strict=True):
            if section in skip:
                continue
            for fid, status, a, b in fact.associated:
                out.append(
                    AssociatedFinding(
                        finding=fid,
                        status=status,
                        start=start + a,
                        end=start + b,
                        text=text[start + a : start + b],
                        section=section,
                    )
                )
        return out

    def _associated(self, s: str) -> tuple[tuple[str, Status, int, int], ...]:
        """(finding, status, start, end) of each associated finding in one sentence."""
        found: list[tuple[str, Status, int, int]] = []
        ctx = None
        for m in self.assoc.pattern.finditer(s):
            fid = self.assoc.finding(m.group())
            if fid is None:
                continue
            ctx = ctx or SentenceContext(s, self.lex)
            found.append((fid, ctx.modifiers(*m.span()).status, *m.span()))
        return tuple(found)

    def read(self) -> ReportReading:
        edema: list[EdemaMention] = []
        self._so_far = edema
        skip = self.lex.skip_sections
        starts = [s.start for s in self.sentences]
        candidates = self._candidates
        candidates.update(i for i, fact in enumerate(self.facts()) if fact.stem)
        candidates.update(self.table_cells)
        told, said = [], set()
        for i in sorted(candidates):
            sent = self.sentences[i] if i >= 0 else None
            if sent is not None and sent.section == "comparison":
                # "VU 01/2024: ausgedehntes BME LFC und LTP.": what the prior study showed,
                # which a later "LFC unauffällig" resolves.
                edema.extend(self._prior_findings(i, sent))
                continue
            if sent is None or sent.section in skip:
                continue
            n = len(edema)
            self._read_cached(i, sent, edema)
            if len(edema) > n:
                said.add(i)
                if any(m.status != "negated" for m in edema[n:]):
                    told.append(i)  # a finding; not "kein Knochenmarködem." (then "L3/L4: o.B.")
        if edema and any(m.status in ("negated", "resolved") for m in edema):
            edema = self._resolved_since_history(edema, starts)
        quadrants = self._quadrant_rows()
        if quadrants:
            # "Kommentar: links kein Knochenmarködem" restates the table's left side
            said_of = {
                (q.status, side)
                for q in quadrants
                for side in (
                    ("left", "right", "bilateral")
                    if q.laterality == "bilateral"
                    else (q.laterality,)
                )
            }
            rows = {bisect_right(starts, q.start) for q in quadrants}
            edema = [
                m
                for m in edema
                if not (
                    m.bone is None
                    and m.kb_region == "sacroiliac"
                    and (m.status, m.laterality) in said_of
                )
                # "Knochenmarködem iliakal | nein | nein": the row's label, not a finding
                and bisect_right(starts, m.start) not in rows
            ]
        normal = self._normal_bones(told, said) + self._score_rows() + quadrants
        if normal:
            edema = sorted([*edema, *normal], key=lambda m: bisect_right(starts, m.start))
        if any(m.status == "historical" for m in edema):
            edema = resolved_since_prior(self._place_in_report(edema), self._said_elsewhere(edema))
            # A comparison line's findings only serve to resolve: not this study's findings.
            edema = [
                m for m in edema if not (m.status == "historical" and m.section == "comparison")
            ]
        else:
            edema = self._place_in_report(edema)
        if self.sentences and any(
            m.bone_id in _NAMED_BY_STUDY or m.subregion == "trochlea" for m in edema
        ):
            edema = self._named_for_the_study(edema)
        associated = self.read_associated()
        if edema and "osteiti" in self.low and not any(m.kb_region == "sacroiliac" for m in edema):
            associated = [a for a in associated if not _osteitis_off_the_sij(a)]
        if any(m.laterality is None and m.kb_region in _SIDED for m in edema):
            # Applied after reading, so that cached sentence readings stay side-free.
            side = self.study_side()
            # a clinic note names the side once, anywhere ("Vorfußschmerz li. ... MRT: KMÖ MT
            # II"): the side of its findings and of the bones it calls normal, not of a
            # "no edema elsewhere" that may mean either side
            found = self._only_side() if side is None else None
            edema = [
                m.model_copy(update={"laterality": side or found})
                if m.laterality is None
                and m.kb_region in _SIDED
                and (side is not None or (found is not None and (m.status != "negated" or m.bone)))
                else m
                for m in edema
            ]
        addendum = (
            _ADDENDUM.search(self.low)
            if edema and any(word in self.low for word in _ADDENDUM_WORDS)
            else None
        )
        if addendum is not None:
            # "Vorläufig: fraglich Ödem im Lunatum. Nachtrag: kein Ödem im Lunatum": the
            # addendum's word on a bone replaces the preliminary reading's
            later = {m.bone for m in edema if m.start >= addendum.start() and m.bone}
            edema = [m for m in edema if m.start >= addendum.start() or m.bone not in later]
        return ReportReading(lang=self.lang, edema=restated(edema), associated=associated)

    def _prior_findings(self, i: int, sent: Sentence) -> list[EdemaMention]:
        """The edema a comparison line names as the prior study's, as historical mentions."""
        made: list[EdemaMention] = []
        self.read_sentence(i, sent, made)
        return [
            m.model_copy(update={"status": "historical", "change": None})
            for m in made
            if m.status == "present" and m.bone is not None
        ]

    def _resolved_since_history(
        self, edema: list[EdemaMention], starts: list[int]
    ) -> list[EdemaMention]:
        """Edema the history names, then normal now: "Anamnese: Bekanntes Knochenmarködem im
        Talus rechts (MRI 08/2023). Befund: Aktuell regelrechtes Markraumsignal des Talus." is
        the talus's resolution; so is a "kein Knochenmarködem mehr" that names no bone."""
        skip, facts = self.lex.skip_sections, self.facts()
        told = [
            h
            for i, sent in enumerate(self.sentences)
            if sent.section in skip
            and facts[i].stem  # (a memo look-up: most histories name no edema)
            and _TOLD_EDEMA.search(self.low, sent.start, sent.end)
            for h in self.hits_of(i)
            if not self.ana.is_spine_generic(h)
        ]
        if not told:
            return edema
        named = {h.name for h in told} - {m.bone for m in edema if m.status == "resolved"}
        out = []
        for m in edema:
            sent = self.sentences[bisect_right(starts, m.start) - 1]
            now = _NOW_WORDS.search(self.low, sent.start, sent.end) is not None
            if m.status == "negated" and m.bone in named and now and m.laterality != "bilateral":
                m = m.model_copy(update={"status": "resolved", "change": "resolved"})
            elif (
                m.status == "resolved"
                and m.bone is None
                and named
                and not _BESIDES.search(self.low, sent.start, sent.end)
            ):
                # "präoperativ Bone bruises am LFC und am LTP ... die ossären Kontusionen haben
                # sich vollständig zurückgebildet": each bone the history named
                seen = set()
                for h in told:
                    if h.name in named and h.name not in seen:
                        seen.add(h.name)
                        out.append(
                            m.model_copy(
                                update={
                                    "bone": h.name,
                                    "bone_id": h.bone_id,
                                    "subregion": h.subregion,
                                    "region": h.region,
                                    "kb_region": h.region,
                                }
                            )
                        )
                continue
            elif (
                m.status in ("negated", "resolved")
                and m.bone is None
                and now
                and len(named) == 1
                and not _BESIDES.search(self.low, sent.start, sent.end)  # "keine neuen Herde"
            ):
                h = next(h for h in told if h.name in named)
                m = m.model_copy(
                    update={
                        "status": "resolved",
                        "change": "resolved",
                        "bone": h.name,
                        "bone_id": h.bone_id,
                        "subregion": h.subregion,
                        "region": h.region,
                        "kb_region": h.region,
                    }
                )
            out.append(m)
        return out

    def _said_elsewhere(self, edema: list[EdemaMention]) -> frozenset[int]:
        """Starts of negations said of the other bones ("kein weiteres KMÖ", "no other focus
        of edema")."""
        out = set()
        for m in edema:
            if m.status == "negated":
                line = self.low.rfind(".", 0, m.start) + 1
                if self.lex.elsewhere.search(self.low, line, m.end) or _NO_NEW_BEFORE.search(
                    self.low, max(line, m.start - 24), m.start
                ):
                    out.add(m.start)  # (and "keine neuen Ödemherde": none besides)
        return frozenset(out)

    def _read_cached(self, i: int, sent: Sentence, out: list[EdemaMention]) -> None:
        """Read a sentence, or reuse the reading of the same sentence seen before.

        Archives repeat sentences ("No bone marrow edema."); a sentence whose reading did not
        depend on its neighbours (carried bone, report region) is cached per process.
        """
        if i in self.table_cells or i in self.time_rows or i in self.side_rows:
            n = len(out)
            self.read_sentence(i, sent, out)  # a table row reads by its table's header
            if i in self.time_rows and self.time_rows[i].prior_edema:
                # "Femurkopf | ausgedehntes Ödem | kein Ödem": gone since the earlier study
                out[n:] = [
                    m.model_copy(update={"status": "resolved", "change": "resolved"})
                    if m.status == "negated"
                    else m
                    for m in out[n:]
                ]
            if i in self.side_rows:
                out[n:] = _both_sides(out[n:])
            return
        key = (self.lang, sent.section, self.low[sent.start : sent.end])
        cached = _SENTENCE_CACHE.get(key)
        if cached is not None:
            out.extend(
                m.model_copy(
                    update={
                        "start": sent.start + m.start,
                        "end": sent.start + m.end,
                        "text": self.text[sent.start + m.start : sent.start + m.end],
                    }
                )
                for m in cached
            )
            return
        self.used_context = False
        made: list[EdemaMention] = []
        self.read_sentence(i, sent, made)
        out.extend(made)
        if not self.used_context and SENTENCE_CACHE_SIZE > 0:
            relative = [
                m.model_copy(update={"start": m.start - sent.start, "end": m.end - sent.start})
                for m in made
            ]
            _keep(_SENTENCE_CACHE, key, relative, SENTENCE_CACHE_SIZE)


SENTENCE_CACHE_SIZE = 4096
"""Sentences whose readings are kept per process (0 turns the cache off)."""
_SENTENCE_CACHE: dict[tuple[str, str, str], list[EdemaMention]] = {}


class _Facts(NamedTuple):
    """What a sentence's text alone says: whether it names a target stem, its region cue
    counts and its associated findings as (finding, status, start, end)."""

    stem: bool
    cues: tuple[tuple[str, int], ...]
    associated: tuple[tuple[str, Status, int, int], ...]


_FACTS: dict[tuple[str, str], _Facts] = {}
_SIDES: dict[tuple[str, str], tuple[str, ...]] = {}
_NORMAL: dict[
    tuple[str, str], tuple[tuple[int, int, str, str, str | None, str, str | None], ...]
] = {}
"""The facts of a sentence and the bones it calls normal depend on its text alone; archives
repeat sentences ("No joint effusion."), so they are kept per process like readings."""

_T = TypeVar("_T")
_K = TypeVar("_K")


def _remembered(
    memo: dict[tuple[str, str], _T], lang: str, sentence: str, make: Callable[[str], _T]
) -> _T:
    """``make(sentence)``, kept in ``memo``; the oldest entry goes when the memo is full."""
    key = (lang, sentence)
    value = memo.get(key)
    if value is None:
        value = make(sentence)
        _keep(memo, key, value, 4 * SENTENCE_CACHE_SIZE)
    return value


def _keep(memo: dict[_K, _T], key: _K, value: _T, size: int) -> None:
    """Keep ``value``; the oldest entry goes when the memo is full. Threads of one server may
    evict at the same time: losing that race only forgets one more entry."""
    if size <= 0:
        return
    if len(memo) >= size:
        with contextlib.suppress(RuntimeError, StopIteration):
            memo.pop(next(iter(memo)), None)
    memo[key] = value


def clear_sentence_cache() -> None:
    """Forget every cached sentence reading (after rule changes, or to measure without it)."""
    _SENTENCE_CACHE.clear()
    _FACTS.clear()
    _SIDES.clear()
    _NORMAL.clear()


_MODIC_COLUMN = re.compile(r"modic|end ?plat|endplatt|abschlussplatt", re.IGNORECASE)
_NO_CELL = re.compile(
    r"(?:keine?|none|nil|no|nein|0|-|–|—|ø|o\.\s?b\.|unauffällig|normal|regelrecht)\.?"
)
_FROM_BEFORE = re.compile(r",?\s+(?:(?:with|mit)\s+)?(?:[a-zäöüß-]+\s+){0,3}")
"""Between a bone and the edema that spreads from it: ", with extensive ", " flächiges "."""
_ADDENDUM = re.compile(r"(?:^|\n|\.\s)\s*(?:nachtrag|korrektur|addendum|correction)\b[^\n:]{0,60}:")
"""The start of an addendum that revises the report above it."""
_ADDENDUM_WORDS = ("nachtrag", "addend", "korrektur", "correction")
_LIGAMENT_BEFORE = re.compile(r"\b(?:lig|ligg)\.\s*(?:[a-zäöüß]+\s+)?$|\bligament(?:um|a)\s+$")
_NAMES_MARROW = re.compile(r"mark|marrow|kmö|bme|bml|knochen|osseous|ossär|bone")
_EDEMA_COLUMN = re.compile(
    # "BML (0–3)", "STIR-Ödem", "Osteitis Grad"
    # "subchondrales KMÖ", "periartikuläres Ödem": a qualifier before
    r"\s*(?:(?:subchondral|periartikulär|flächig|fokal|subchondral)\w*\s+)?"
    r"(?:stir[\s-]*)?(?:knochenmarks?)?(?:ödem|oedem|kmö|bme|bml|osteitis|(?:mark)?signal"
    r"|(?:bone\s+)?marrow\s+o?edema|o?edema)(?:[\s-]*(?:\([^()|]*\)|grad|grade|score))*\s*",
    re.IGNORECASE,
)
_YES_CELL = re.compile(
    r"(?:ja|yes|\+|vorhanden|present|[1-3](?![\d.,]))(?![a-zäöüß])", re.IGNORECASE
)
_GRADE_COLUMN = re.compile(r"\s*(?:grad|grade|score|scoring)\s*", re.IGNORECASE)
_TOLD_EDEMA = re.compile(
    r"ödem|oedem|edema|kmö|\bbml|\bbme|knochenmarkläsion|osteitis|kontusion|bruise|prellung",
    re.IGNORECASE,
)
_EDEMA_WORD = re.compile(
    r"ödem|oedem|edema|kmö|\bbml|\bbme|knochenmarkläsion|osteitis", re.IGNORECASE
)
_TYPE_CELL = re.compile(r"(?:modic[\s-]*)?(?:typ(?:e)?[\s-]*)?(iii|ii|i|[123])(?![a-z\d])")


def _start(t: _Target) -> int:
    return t.start


def _table_cells(text: str, sentences: list[Sentence]) -> dict[int, tuple[Kind, int, int] | None]:
    """The cell under a "Modic" (or "Endplatten") or an "Ödem" column of each table row, by
    sentence index, as (kind, offsets in its sentence): tables of levels state Modic types
    without the word, tables of bones their edema as "ja" or "nein"."""
    cells: dict[int, tuple[Kind, int, int] | None] = {}
    column: tuple[Kind, int] | None = None
    columns: tuple[tuple[Kind, Callable[[str, int, int], object]], ...]
    headers: tuple[tuple[Kind, Callable[[str, int, int], object]], ...] = (
        ("modic", _MODIC_COLUMN.search),
        ("edema", _EDEMA_COLUMN.fullmatch),
    )
    first = True  # only a table's first row is its header
    for i, sent in enumerate(sentences):
        row = text[sent.start : sent.end]
        if "|" not in row:
            column, first = None, True
            continue
        bounds = [-1, *(k for k, c in enumerate(row) if c == "|"), len(row)]
        spans = [(a + 1, b) for a, b in itertools.pairwise(bounds)]
        if column is None:
            if not first:
                continue
            first = False
            # "Knochenmarkläsionen (BML), Grad 0-3:" then "| Lokalisation | Grad |": a grade
            # column scores the edema the line before names
            graded = i > 0 and _EDEMA_WORD.search(
                text, sentences[i - 1].start, sentences[i - 1].end
            )
            columns = (*headers, ("edema", _GRADE_COLUMN.fullmatch)) if graded else headers
            for kind, found in columns:
                k = next((k for k, (a, b) in enumerate(spans) if found(row, a, b)), None)
                if k is not None:
                    column = (kind, k)
                    cells[i] = None  # the header row names the column, not a finding
                    break
            continue
        if column[1] < len(spans):
            a, b = spans[column[1]]
            said = row[a:b]
            lead = len(said) - len(said.lstrip())
            cells[i] = (column[0], a + lead, a + len(said.rstrip()))
    return cells


def read_report(text: str, lang: str | None = None) -> ReportReading:
    """Read a free-text MRI report (English or German) into structured findings.

    Args:
        text: the report, at most 10 MB.
        lang: "en" or "de"; detected from the text when None.

    Returns:
        The edema mentions (status, bone, region, side, Modic type, change, offsets) and the
        associated findings.

    Raises:
        InputError: ``text`` is not a str or is over 10 MB, or ``lang`` is not supported.

    Example:
        >>> read_report("No fracture, dislocation or bone marrow edema.").edema[0].status
        'negated'
    """
    check_text(text)
    if lang is None:
        lang = detect_language(text)
    elif lang not in LANGS:
        msg = f"lang {lang!r} is not supported; expected one of {', '.join(LANGS)}"
        raise InputError(msg, field="lang")
    return _Reader(text, lang).read()
