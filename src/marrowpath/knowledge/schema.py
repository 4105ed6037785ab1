"""Pydantic models of the knowledge base.

Every YAML file under ``knowledge/data`` is validated against these models with
``extra="forbid"`` so that a misspelt key is a load-time error, never a silently ignored
criterion. Cross-references between files are checked in :mod:`marrowpath.knowledge.check`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "de"]
SourceKind = Literal["article", "reference", "expert-estimate"]
FindingCategory = Literal[
    "demographic",
    "history",
    "symptom",
    "sign",
    "lab",
    "xray",
    "mri",
    "scintigraphy",
    "ct",
]
FindingType = Literal["boolean", "numeric"]
WeightBearing = Literal[
    "non_weight_bearing",
    "partial_weight_bearing",
    "weight_bearing_as_tolerated",
    "full_weight_bearing",
    "not_applicable",
]
TherapyStatus = Literal["recommended", "consider", "not_recommended"]
ContraindicationLevel = Literal["contraindicated", "caution"]
Operator = Literal["<", "<=", ">", ">="]


class Model(BaseModel):
    """Base of every knowledge model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """A text in English and German; both are required by ``kb check``."""

    en: str = ""
    de: str = ""

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to English."""
        return self.de if lang == "de" and self.de else self.en


class Synonyms(Model):
    """Phrases that name a thing in free text, per language, lower case."""

    en: list[str] = Field(default_factory=list)
    de: list[str] = Field(default_factory=list)

    def get(self, lang: str) -> list[str]:
        return self.de if lang == "de" else self.en


class Sourced(Model):
    """Mixin for anything that carries a number: the id of its source."""

    source: str
    note: str = ""


class Source(Model):
    """A reference: the seed article, a reference actually read, or an expert estimate."""

    id: str
    kind: SourceKind
    title: str
    url: str = ""
    citation: str = ""


class Code(Model):
    """A code in a terminology. ICD-10-CM codes are validated against a shipped table."""

    system: Literal["icd-10-cm", "snomed-ct", "loinc", "marrowpath"]
    code: str
    display: str
    source: str = ""


class Subregion(Model):
    id: str
    names: Text
    synonyms: Synonyms = Field(default_factory=Synonyms)


class Bone(Model):
    id: str
    names: Text
    synonyms: Synonyms = Field(default_factory=Synonyms)
    subregions: list[Subregion] = Field(default_factory=list)


class Region(Model):
    id: str
    names: Text
    synonyms: Synonyms = Field(default_factory=Synonyms)
    bones: list[Bone] = Field(default_factory=list)


class WeeksRange(Sourced):
    """A span in weeks with its source (healing time, symptom window)."""

    weeks_min: float = Field(ge=0)
    weeks_max: float = Field(ge=0)


class Condition(Model):
    id: str
    names: Text
    synonyms: Synonyms = Field(default_factory=Synonyms)
    description: Text
    typical_patients: Text
    natural_history: Text
    healing: WeeksRange | None = None
    codes: list[Code] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class Derivation(Sourced):
    """A boolean finding derived from a numeric one (e.g. CRP > 5 mg/L -> crp_elevated)."""

    finding: str
    op: Operator
    value: float


class Finding(Model):
    id: str
    names: Text
    category: FindingCategory
    type: FindingType = "boolean"
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    derived_from: Derivation | None = None
    implied_by: list[str] = Field(default_factory=list)
    """Present when any of these is present; absent when one is stated absent and none present
    (e.g. inflammatory markers elevated <- CRP elevated, ESR elevated)."""
    synonyms: Synonyms = Field(default_factory=Synonyms)
    absent_synonyms: Synonyms = Field(default_factory=Synonyms)
    """Phrases that state the finding absent by themselves ("afebrile", "fieberfrei")."""
    excluded_by: list[str] = Field(default_factory=list)
    """Taken as absent, unless stated, when any of these is present (pregnancy <- age over
    65): a fact that cannot apply is not asked before a therapy."""
    tests: Synonyms = Field(default_factory=Synonyms)
    """Names of the test that reports the finding ("blood count", "HLA-B27"), for lab tables."""
    site: list[str] = Field(default_factory=list)
    """Bone or subregion ids: present when marrow edema is reported there."""
    examination: Text = Field(default_factory=Text)
    """How to obtain the finding, shown under 'what to examine next'."""
    codes: list[Code] = Field(default_factory=list)


class Evidence(Sourced):
    """How a finding bears on a condition: likelihood ratios for present and absent."""

    condition: str
    finding: str
    lr_pos: float = Field(gt=0)
    lr_neg: float = Field(gt=0, default=1.0)
    regions: list[str] = Field(default_factory=list)
    """Empty: applies in every region."""


class Prior(Sourced):
    condition: str
    probability: float = Field(gt=0, lt=1)


class RegionPriors(Model):
    region: str
    priors: list[Prior]


class Criterion(Model):
    """A test on findings: all of ``all``, at least one of ``any``, none of ``none``.

    Findings named under ``absent`` must be stated absent (unknown does not count).
    """

    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)


class RedFlag(Sourced):
    id: str
    names: Text
    kind: Literal["infection", "tumor", "neurological", "fracture", "other"]
    when: list[Criterion]
    """Raised when any criterion holds."""
    action: Text
    urgency: Literal["emergency", "urgent", "soon"]


class ClassificationRule(Model):
    grade: str
    label: Text
    when: Criterion


class Classification(Sourced):
    id: str
    names: Text
    applies_to: list[str] = Field(default_factory=list)
    """Condition ids for which it is shown; empty: whenever a rule matches."""
    rules: list[ClassificationRule]


class Contraindication(Sourced):
    when: Criterion
    level: ContraindicationLevel
    reason: Text


class Therapy(Sourced):
    id: str
    names: Text
    kind: Literal["drug_class", "procedure", "physiotherapy", "supplement", "device"]
    description: Text
    evidence: Text
    contraindications: list[Contraindication] = Field(default_factory=list)


class Phase(Model):
    id: str
    names: Text
    start_week: float = Field(ge=0)
    end_week: float = Field(ge=0)
    weight_bearing: WeightBearing
    aids: Text = Field(default_factory=Text)
    allowed: Text = Field(default_factory=Text)
    avoid: Text = Field(default_factory=Text)
    source: str


class PathwayTherapy(Model):
    therapy: str
    status: TherapyStatus
    indication: Text = Field(default_factory=Text)
    source: str


class FollowUp(Model):
    week: float = Field(ge=0)
    what: Text
    imaging: bool = False
    source: str


class ReturnToSport(Sourced):
    weeks_min: float = Field(ge=0)
    text: Text


class Adjustment(Model):
    """A patient-specific change to a pathway: extra warning, therapies excluded."""

    when: Criterion
    warning: Text
    extend_weeks: float = 0
    source: str


class Pathway(Model):
    id: str
    condition: str
    regions: list[str] = Field(default_factory=list)
    """Empty: the default pathway of the condition in every region."""
    summary: Text
    phases: list[Phase]
    therapies: list[PathwayTherapy] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    return_to_sport: ReturnToSport | None = None
    expected_healing: WeeksRange
    expected_improvement_week: float | None = None
    """By this week pain should have improved, else an alert (source in expected_healing)."""
    adjustments: list[Adjustment] = Field(default_factory=list)


class Meta(Model):
    version: str
    last_reviewed: dt.date
    reviewed_by: str
    disclaimer: Text
    background_rate: float = Field(gt=0, lt=1)
    """Modelling parameter, not a clinical fact: how often a finding is present in a condition
    it does not characterise, used only to rank what to examine next when an evidence entry
    gives no informative LR for absence."""


class KnowledgeBase(Model):
    """The whole knowledge base, as loaded from the YAML files."""

    meta: Meta
    sources: list[Source]
    regions: list[Region]
    conditions: list[Condition]
    findings: list[Finding]
    evidence: list[Evidence]
    priors: list[RegionPriors]
    red_flags: list[RedFlag]
    classifications: list[Classification]
    therapies: list[Therapy]
    pathways: list[Pathway]
