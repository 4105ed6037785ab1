"""The reader's rule data: per-language YAML under ``nlp/rules/<lang>/``, compiled once.

Rules are data (house style): the Python code holds no clinical phrase. Each list becomes one
regex (see :mod:`marrowpath.nlp.patterns`); a matched phrase is mapped back to its category by
its normalized text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from marrowpath.errors import InputError
from marrowpath.nlp.patterns import compile_phrases, normalize, substring_regex

__all__ = ["LANGS", "Lexicon", "lexicon", "misspelled", "misspellings"]

LANGS = ("en", "de")
KINDS = ("edema", "bruise", "bml", "stress_reaction", "signal", "modic")
CHANGES = ("new", "improved", "worse", "stable", "resolved")
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(lang: str, name: str) -> dict[str, Any]:
    text = (
        resources.files("marrowpath.nlp").joinpath(f"rules/{lang}/{name}.yaml").read_text("utf-8")
    )
    data = yaml.load(text, Loader=_Loader)  # noqa: S506 - safe loader
    if not isinstance(data, dict):
        msg = f"nlp rules {lang}/{name}.yaml: expected a mapping, got {type(data).__name__}"
        raise InputError(msg, field="rules")
    return data


def _strs(data: dict[str, Any], key: str) -> list[str]:
    return [str(x) for x in data.get(key) or []]


def _regex(data: dict[str, Any], key: str) -> re.Pattern[str]:
    """One regex of a list of ``re:`` entries (matched with its own anchors, not as phrases)."""
    return re.compile("|".join(p[3:] for p in _strs(data, key)) or r"(?!x)x", re.IGNORECASE)


def _heading(words: list[str]) -> re.Pattern[str]:
    """A line's header (up to its colon) that contains one of ``words``."""
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        # "Os ilium re.:", "Os metacarpale V, Köpfchen/Hals:"
        r"[^\n:.;,]{0,30}?(?<![^\W\d_])(?:" + alternatives + r")[^\n:;]{0,30}:",
        re.IGNORECASE,
    )


def _typos(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    table = data.get("misspellings") or {}
    typos = {str(k).lower(): tuple(str(v).lower() for v in vs) for k, vs in table.items()}
    # "Knochnmarködem", "bone marow": a letter dropped inside a long word, typed in haste.
    for word in (str(w).lower() for w in data.get("dropped_letters") or []):
        dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)} - {word}
        typos[word] = tuple(sorted({*typos.get(word, ()), *dropped}))
    # "edmea": two neighbouring letters swapped.
    for word in (str(w).lower() for w in data.get("transposed_letters") or []):
        swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        typos[word] = tuple(sorted({*typos.get(word, ()), *(swapped - {word})}))
    return typos


def misspelled(phrases: list[str], typos: dict[str, tuple[str, ...]]) -> list[str]:
    """``phrases`` and their spellings with common misspellings ("bone marow oedma",
    "Knochemarködem"): reports are dictated and typed in haste."""
    return [*phrases, *(v for p in phrases for v in misspellings(p, typos))]


def misspellings(phrase: str, typos: dict[str, tuple[str, ...]]) -> list[str]:
    """The misspelled forms of one phrase (none for a regex entry)."""
    low = phrase.lower()
    if low.startswith("re:"):
        return []
    variants = {low}
    for key in [k for k in typos if k in low][:3]:
        variants |= {v.replace(key, bad) for v in variants if key in v for bad in typos[key]}
    return sorted(variants - {low})


@dataclass(frozen=True)
class Lexicon:
    """Every compiled pattern of one language."""

    lang: str
    # context
    neg_fwd: re.Pattern[str]
    neg_bwd: re.Pattern[str]
    plural_bwd: frozenset[str]
    pseudo: re.Pattern[str]
    pseudo_hedges: re.Pattern[str]
    """Hedge words that hedge something else ("als mögliches Schmerzkorrelat")."""
    unc_fwd: re.Pattern[str]
    unc_bwd: re.Pattern[str]
    unc_sentence: re.Pattern[str]
    """Doubts on all that comes before in the sentence ("..., or simply partial volume")."""
    hist_fwd: re.Pattern[str]
    hist_bwd: re.Pattern[str]
    label_hedges: frozenset[str]
    comma_hedges: frozenset[str]
    """Hedges that name one differential and end at the next comma ("DD M. Müller-Weiss, os
    cuneiforme ebenfalls ödematös")."""
    hedge_passes: frozenset[str]
    label_passes: frozenset[str]
    """Terminators a hedge reaches across ("with")."""
    terminators: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    # targets
    specific: re.Pattern[str]
    specific_kind: dict[str, str]
    modic: re.Pattern[str]
    modic_bare: re.Pattern[str]
    modic_conversion: re.Pattern[str]
    """A Modic type 1 change said to have turned into type 2."""
    """ "type 1 change" without the word Modic, read only beside one."""
    normal_signal: re.Pattern[str]
    generic: re.Pattern[str]
    generic_kind: dict[str, str]
    anaphora: re.Pattern[str]
    soft_tissue: re.Pattern[str]
    other_process: re.Pattern[str]
    tumour_lesion: re.Pattern[str]
    diagnosis_name: re.Pattern[str]
    """An edema phrase naming a diagnosis ("transient bone marrow edema syndrome")."""
    link_after: re.Pattern[str]
    link_block: re.Pattern[str]
    marrow_word: re.Pattern[str]
    extends_into: re.Pattern[str]
    extends_relative: re.Pattern[str]
    extends_verb: re.Pattern[str]
    labelled_by: re.Pattern[str]
    perilesional: re.Pattern[str]
    cause_before: re.Pattern[str]
    surrounding: re.Pattern[str]
    """Edema around a lesion named before: "surrounding", "perilesional", "umgebend"."""
    bone_context: re.Pattern[str]
    signal_not_edema: re.Pattern[str]
    spared: re.Pattern[str]
    spared_normal: re.Pattern[str]
    side_negation: re.Pattern[str]
    """A side and no edema, nothing else ("Rechts kein Ödem.", "No edema on the left.")."""
    sparing: re.Pattern[str]
    elsewhere: re.Pattern[str]
    normal_words: re.Pattern[str]
    resolved_findings: re.Pattern[str]
    resolved_pronoun: re.Pattern[str]
    resolved_normal: re.Pattern[str]
    involvement: re.Pattern[str]
    elliptic_clause: re.Pattern[str]
    question: re.Pattern[str]
    imaging_ordered: re.Pattern[str]
    soft_label: re.Pattern[str]
    red_marrow: re.Pattern[str]
    """The sentence's signal called red marrow, past any clause break ("...; appearances are
    of haematopoietic marrow reconversion")."""
    """A template line about a soft tissue ("Knorpel: Signalalteration ..."): its signals are
    that tissue's."""
    """A question asked of the study ("mit der Frage nach bone bruise"): what follows it in
    the sentence is asked, not found."""
    """A later clause that names a place and a predicate and leaves the edema said before
    unsaid ("..., in den Ossa cuneiformia nicht mehr nachweisbar"); group ``pred``."""
    located_by: re.Pattern[str]
    imaging_context: re.Pattern[str]
    stems: re.Pattern[str]
    """Any trigger stem, inside words too: a sentence without one is not read."""
    # change
    change: re.Pattern[str]
    change_kind: dict[str, str]
    change_rules: tuple[tuple[re.Pattern[str], str], ...]
    """The regex entries of the change lists, with their kind (a table cannot hold them)."""
    partial: re.Pattern[str]
    change_not_after: re.Pattern[str]
    # anatomy
    sides: re.Pattern[str]
    side_of: dict[str, str]
    region_cues: re.Pattern[str]
    region_of_cue: dict[str, str]
    position_before: re.Pattern[str]
    joins_two: re.Pattern[str]
    not_bilateral_after: re.Pattern[str]
    """After "both (sides)": what makes it no side ("of the joint", "STIR and T1 images")."""
    position_of: dict[str, str]
    level_region: dict[str, str]
    default_region: dict[str, str]
    compound_parts: tuple[str, ...]
    finding_compounds: dict[str, str]
    paired_bones: dict[str, tuple[str, ...]]
    """One word for two bones ("Malleolen", "both malleoli"): the bones' English names."""
    """Finding words joined to a bone's name ("Talusödem": ödem -> edema), with their kind."""
    side_letters: dict[str, str]
    anatomy_typos: dict[str, tuple[str, ...]]
    disc_level_names: dict[str, str]
    # sections
    headers: re.Pattern[str]
    section_of: dict[str, str]
    skip_sections: frozenset[str]
    one_sentence_sections: frozenset[str]
    marrow_headings: frozenset[str]
    """Headers naming the marrow ("Marrow:"), which stay part of their line's sentence."""
    months: frozenset[str]
    """Month names after a day number ("vom 19. Jänner"), which do not start a sentence."""
    finding_starts: re.Pattern[str]
    """A sentence of a skipped section that starts like an imaging finding starts findings."""
    structure_heading: re.Pattern[str]
    """A line headed by a structure ("Rotator cuff:", "AC-Gelenk:") ends a skipped section."""
    abbreviations: frozenset[str]
    sentence_final: frozenset[str]
    """Dotted abbreviations that often end a sentence ("o.B.")."""

    @functools.cached_property
    def longest_abbreviation(self) -> int:
        """Length of the longest abbreviation: a longer last word cannot be one."""
        return max((len(a) for a in self.abbreviations), default=0)

    @functools.cached_property
    def dot_memo(self) -> dict[str, int]:
        """What the text before a dot made of it, kept by the sentence splitter."""
        return {}

    @functools.cached_property
    def head_memo(self) -> dict[tuple[bool, str], tuple[str, bool]]:
        """What the text before a colon made of it, kept by the section finder."""
        return {}

    @functools.cached_property
    def position_words(self) -> frozenset[str]:
        """The position words of reported bone names ("medial", "posterolateral")."""
        return frozenset(self.position_of.values())


def _lookup(groups: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for several named phrase lists, and the list name of each literal phrase."""
    table: dict[str, str] = {}
    phrases: list[str] = []
    for name, items in groups.items():
        for item in items:
            phrases.append(item)
            if not item.startswith("re:"):
                table.setdefault(normalize(item), name)
    return compile_phrases(phrases), table


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The compiled rules of ``lang`` ("en" or "de"); built once per process."""
    if lang not in LANGS:
        msg = f"lang {lang!r} is not supported; expected one of {', '.join(LANGS)}"
        raise InputError(msg, field="lang")
    ctx, tgt = _load(lang, "context"), _load(lang, "targets")
    chg, ana, sec = _load(lang, "change"), _load(lang, "anatomy"), _load(lang, "sections")
    typos = _typos(tgt)
    specific, specific_kind = _lookup(
        {k: misspelled(_strs(tgt, k), typos) for k in KINDS if k != "modic"}
    )
    generic, generic_kind = _lookup(
        {
            "edema": misspelled(_strs(tgt, "generic_edema"), typos),
            "bruise": misspelled(_strs(tgt, "generic_contusion"), typos),
            "signal": _strs(tgt, "generic_signal"),
        }
    )
    change, change_kind = _lookup({k: _strs(chg, k) for k in CHANGES})
    sides, side_of = _lookup({k: [str(x) for x in v] for k, v in ana["sides"].items()})
    positions, position_of = _lookup(
        {k: [str(x) for x in v] for k, v in (ana.get("positions") or {}).items()}
    )
    cues, region_of_cue = _lookup({k: [str(x) for x in v] for k, v in ana["region_cues"].items()})
    section_groups = {
        name: [str(x) for x in items]
        for part in ("skip", "keep")
        for name, items in (sec.get(part) or {}).items()
    }
    header_alt = compile_phrases(p for items in section_groups.values() for p in items).pattern
    headers = re.compile(
        r"(?:^|(?<=[\n.!?]))[ \t]*(?:\d+[.)]\s*)?(?P<h>" + header_alt + r")[ \t]*:",
        re.MULTILINE,
    )
    section_of = {normalize(p): name for name, items in section_groups.items() for p in items}
    return Lexicon(
        lang=lang,
        neg_fwd=compile_phrases(_strs(ctx, "negation_forward")),
        neg_bwd=compile_phrases(_strs(ctx, "negation_backward")),
        plural_bwd=frozenset(normalize(p) for p in _strs(ctx, "plural_backward")),
        pseudo=compile_phrases(_strs(ctx, "pseudo")),
        pseudo_hedges=compile_phrases(_strs(ctx, "pseudo_hedges")),
        unc_fwd=compile_phrases(_strs(ctx, "uncertainty_forward")),
        unc_bwd=compile_phrases(_strs(ctx, "uncertainty_backward")),
        unc_sentence=compile_phrases(_strs(ctx, "uncertainty_sentence")),
        hist_fwd=compile_phrases(_strs(ctx, "history_forward")),
        hist_bwd=compile_phrases(_strs(ctx, "history_backward")),
        label_hedges=frozenset(normalize(p) for p in _strs(ctx, "label_hedges")),
        comma_hedges=frozenset(normalize(p) for p in _strs(ctx, "comma_hedges")),
        hedge_passes=frozenset(normalize(p) for p in _strs(ctx, "hedge_passes")),
        label_passes=frozenset(normalize(p) for p in _strs(ctx, "label_passes")),
        terminators=compile_phrases(_strs(ctx, "terminators")),
        clause_breaks=compile_phrases(_strs(ctx, "clause_breaks")),
        specific=specific,
        specific_kind=specific_kind,
        modic=compile_phrases(misspelled(_strs(tgt, "modic"), typos)),
        modic_bare=compile_phrases(_strs(tgt, "modic_bare")),
        modic_conversion=compile_phrases(_strs(tgt, "modic_conversion")),
        normal_signal=compile_phrases(_strs(tgt, "normal_signal")),
        generic=generic,
        generic_kind=generic_kind,
        anaphora=compile_phrases(_strs(tgt, "anaphora")),
        soft_tissue=compile_phrases(_strs(tgt, "soft_tissue")),
        other_process=compile_phrases(_strs(tgt, "other_process")),
        tumour_lesion=compile_phrases(_strs(tgt, "tumour_lesion")),
        diagnosis_name=_regex(tgt, "diagnosis_name"),
        link_after=_regex(tgt, "link_after"),
        link_block=compile_phrases(_strs(tgt, "link_block")),
        marrow_word=compile_phrases(_strs(tgt, "marrow_words")),
        extends_into=_regex(tgt, "extends_into"),
        extends_relative=_regex(tgt, "extends_relative"),
        extends_verb=_regex(tgt, "extends_verb"),
        labelled_by=_regex(tgt, "labelled_by"),
        perilesional=_regex(tgt, "perilesional"),
        cause_before=_regex(tgt, "cause_before"),
        surrounding=compile_phrases(_strs(tgt, "surrounding")),
        bone_context=compile_phrases(_strs(tgt, "bone_context")),
        signal_not_edema=_regex(tgt, "signal_not_edema"),
        spared=compile_phrases(_strs(tgt, "spared")),
        spared_normal=compile_phrases(_strs(tgt, "spared_normal")),
        side_negation=_regex(tgt, "side_negation"),
        sparing=compile_phrases(_strs(tgt, "sparing")),
        elsewhere=compile_phrases(_strs(tgt, "elsewhere")),
        normal_words=compile_phrases(_strs(tgt, "normal_words")),
        resolved_findings=compile_phrases(_strs(tgt, "resolved_findings")),
        resolved_pronoun=compile_phrases(_strs(tgt, "resolved_pronoun")),
        resolved_normal=compile_phrases(_strs(tgt, "resolved_normal")),
        involvement=compile_phrases(_strs(tgt, "involvement")),
        elliptic_clause=_regex(tgt, "elliptic_clause"),
        question=_regex(tgt, "question"),
        imaging_ordered=_regex(tgt, "imaging_ordered"),
        soft_label=_regex(tgt, "soft_label"),
        red_marrow=_regex(tgt, "red_marrow"),
        located_by=compile_phrases(_strs(tgt, "located_by")),
        imaging_context=compile_phrases(_strs(tgt, "imaging_context")),
        stems=substring_regex(
            [str(s) for s in tgt.get("trigger_stems") or []]
            + [w for ws in typos.values() for w in ws]
        ),
        change=change,
        change_kind=change_kind,
        change_rules=tuple(
            (re.compile(p[3:], re.IGNORECASE), k)
            for k in CHANGES
            for p in _strs(chg, k)
            if p.startswith("re:")
        ),
        partial=compile_phrases(_strs(chg, "partial")),
        change_not_after=_regex(chg, "not_after"),
        sides=sides,
        side_of=side_of,
        region_cues=cues,
        region_of_cue=region_of_cue,
        position_before=re.compile(positions.pattern + r"\s+$"),
        joins_two=re.compile(
            r"\s+(?:the\s+|die\s+|der\s+)?"
            + compile_phrases(_strs(ana, "paired_parts")).pattern
            + r"\s+(?:and|&|or|und|oder)\b"
        ),
        not_bilateral_after=_regex(ana, "not_bilateral_after"),
        position_of=position_of,
        level_region={str(k): str(v) for k, v in ana["spine_region_of_level"].items()},
        compound_parts=tuple(str(x).lower() for x in ana.get("compound_parts") or []),
        finding_compounds={
            str(w).lower(): str(kind)
            for kind, words in (ana.get("finding_compounds") or {}).items()
            for w in words
        },
        paired_bones={
            str(k).lower(): tuple(str(b) for b in v)
            for k, v in (ana.get("paired_bones") or {}).items()
        },
        side_letters={str(k): str(v) for k, v in (ana.get("side_letters") or {}).items()},
        anatomy_typos=_typos(ana),
        disc_level_names={str(k): str(v) for k, v in (ana.get("disc_level_names") or {}).items()},
        default_region={
            str(k): str(v) for k, v in (ana.get("default_region_by_kind") or {}).items()
        },
        headers=headers,
        section_of=section_of,
        skip_sections=frozenset((sec.get("skip") or {}).keys()),
        one_sentence_sections=frozenset(str(x) for x in sec.get("one_sentence") or []),
        marrow_headings=frozenset(normalize(str(x)) for x in sec.get("marrow_headings") or []),
        months=frozenset(normalize(str(x)) for x in sec.get("months") or []),
        finding_starts=compile_phrases(_strs(sec, "finding_starts")),
        structure_heading=_heading(_strs(sec, "structure_headings")),
        abbreviations=frozenset(normalize(a) for a in _strs(sec, "abbreviations")),
        sentence_final=frozenset(normalize(a) for a in _strs(sec, "sentence_final")),
    )
