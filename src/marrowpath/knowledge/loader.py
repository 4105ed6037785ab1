"""Loading the knowledge base from YAML into validated models with fast lookups.

Each top-level field of :class:`~marrowpath.knowledge.schema.KnowledgeBase` lives in
``data/<field>.yaml`` or in a folder ``data/<field>/`` whose YAML files are concatenated
(in name order), so large sections such as findings can be split by topic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from marrowpath.errors import KnowledgeBaseError, UnknownIdError
from marrowpath.knowledge.schema import (
    Classification,
    Condition,
    Finding,
    KnowledgeBase,
    Pathway,
    RedFlag,
    Region,
    Source,
    Therapy,
)

__all__ = ["Knowledge", "load_knowledge", "locate", "read_sections"]

T = TypeVar("T")
Origins = dict[str, list[str]]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _default_root() -> Traversable:
    return resources.files("marrowpath.knowledge").joinpath("data")


def _yaml_files(node: Traversable) -> list[Traversable]:
    return sorted(
        (f for f in node.iterdir() if f.name.endswith((".yaml", ".yml"))),
        key=lambda f: f.name,
    )


def read_sections(root: Traversable | Path) -> tuple[dict[str, Any], list[str], Origins]:
    """Read the raw YAML of every section.

    Returns the data, the problems met on the way, and where each list entry came from
    (``evidence/crps.yaml[0]``), so that messages point into the file to edit.
    """
    raw: dict[str, Any] = {}
    problems: list[str] = []
    origins: Origins = {}
    for name, field in KnowledgeBase.model_fields.items():
        single = root.joinpath(f"{name}.yaml")
        folder = root.joinpath(name)
        files = [single] if single.is_file() else _yaml_files(folder) if folder.is_dir() else []
        if not files:
            problems.append(f"{name}: missing (expected {name}.yaml or a folder {name}/)")
            continue
        is_list = field.annotation is not None and "list" in str(field.annotation)
        value: Any = [] if is_list else None
        readable = True
        for file in files:
            label = name if file is single else f"{name}/{file.name}"
            try:
                data = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe loader
            except yaml.YAMLError as exc:
                problems.append(f"{label}: not valid YAML: {exc}".replace("\n", " "))
                readable = False
                continue
            if is_list:
                if not isinstance(data, list):
                    problems.append(f"{label}: expected a list of entries")
                    continue
                origins.setdefault(name, []).extend(
                    f"{label}[{i}]" if file is not single else f"{name}[{i}]"
                    for i in range(len(data))
                )
                value.extend(data)
            else:
                value = data
        if readable:
            raw[name] = value
    return raw, problems, origins


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]")


def locate(problems: list[str], origins: Origins) -> list[str]:
    """Rewrite ``section[i]`` at the start of each problem as the file and index it came from."""

    def place(m: re.Match[str]) -> str:
        entries = origins.get(m.group(1), [])
        i = int(m.group(2))
        return entries[i] if i < len(entries) else m.group(0)

    return [_INDEXED.sub(place, p, count=1) for p in problems]


def _format_validation(section: str, items: Any, exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = section
        if loc and isinstance(loc[0], int) and isinstance(items, list):
            entry = items[loc[0]]
            ident = entry.get("id") if isinstance(entry, Mapping) else None
            if ident is None and isinstance(entry, Mapping):
                ident = "/".join(
                    str(entry[k]) for k in ("condition", "finding", "region") if k in entry
                )
            where = f"{section}[{loc[0]}]" + (f" ({ident})" if ident else "")
            loc = loc[1:]
        path = ".".join(str(p) for p in loc)
        out.append(f"{where}: {path + ': ' if path else ''}{err['msg']}")
    return out


def validate_sections(raw: Mapping[str, Any]) -> tuple[KnowledgeBase | None, list[str]]:
    """Validate each section on its own, so that every schema problem is reported at once."""
    problems: list[str] = []
    for name, field in KnowledgeBase.model_fields.items():
        if name not in raw:
            continue
        try:
            TypeAdapter[Any](field.annotation or Any).validate_python(raw[name])
        except ValidationError as exc:
            problems.extend(_format_validation(name, raw[name], exc))
    if problems or set(raw) != set(KnowledgeBase.model_fields):
        return None, problems
    return KnowledgeBase.model_validate(dict(raw)), problems


def _index(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


class Knowledge:
    """A validated knowledge base with lookups by id; the engine's view of the YAML."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.meta = kb.meta
        self.sources: dict[str, Source] = _index(kb.sources)
        self.regions: dict[str, Region] = _index(kb.regions)
        self.conditions: dict[str, Condition] = _index(kb.conditions)
        self.findings: dict[str, Finding] = _index(kb.findings)
        self.red_flags: dict[str, RedFlag] = _index(kb.red_flags)
        self.classifications: dict[str, Classification] = _index(kb.classifications)
        self.therapies: dict[str, Therapy] = _index(kb.therapies)
        self.pathways: dict[str, Pathway] = _index(kb.pathways)
        self.priors: dict[str, dict[str, float]] = {
            rp.region: {p.condition: p.probability for p in rp.priors} for rp in kb.priors
        }
        self.derived: dict[str, list[Finding]] = {}
        for f in kb.findings:
            if f.derived_from is not None:
                self.derived.setdefault(f.derived_from.finding, []).append(f)
        self.implied = [f for f in kb.findings if f.implied_by]
        self.excludable = [f for f in kb.findings if f.excluded_by]
        self.sites: dict[str, list[str]] = {}
        for f in kb.findings:
            for place in f.site:
                self.sites.setdefault(place, []).append(f.id)

    def condition(self, ident: str) -> Condition:
        return self._get(self.conditions, ident, "condition")

    def finding(self, ident: str) -> Finding:
        return self._get(self.findings, ident, "finding")

    def region(self, ident: str) -> Region:
        return self._get(self.regions, ident, "region")

    def source(self, ident: str) -> Source:
        return self._get(self.sources, ident, "source")

    @staticmethod
    def _get(table: Mapping[str, T], ident: str, kind: str) -> T:
        try:
            return table[ident]
        except KeyError:
            msg = f"unknown {kind} {ident!r}"
            raise UnknownIdError(msg, field=kind) from None

    def pathway_for(self, condition: str, region: str) -> Pathway | None:
        """The pathway for a condition in a region, else the condition's default pathway."""
        default = None
        for p in self.kb.pathways:
            if p.condition != condition:
                continue
            if region in p.regions:
                return p
            if not p.regions and default is None:
                default = p
        return default


def load_knowledge(root: Traversable | Path | None = None) -> Knowledge:
    """Load and validate the knowledge base (the shipped one when ``root`` is None).

    Raises:
        KnowledgeBaseError: listing every schema problem found.
    """
    if root is None:
        return _shipped()
    raw, problems, origins = read_sections(root)
    kb, schema_problems = validate_sections(raw)
    problems += schema_problems
    if kb is None or problems:
        raise KnowledgeBaseError(locate(problems, origins))
    return Knowledge(kb)


@functools.cache
def _shipped() -> Knowledge:
    return load_knowledge(_default_root())
