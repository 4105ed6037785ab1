"""Reading a case from a YAML or JSON file: the structured Case format or a published-case
vignette (``shared/data/cases`` format), told apart by their keys."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from marrowpath.case import Case
from marrowpath.errors import InputError

__all__ = ["case_from_data", "is_vignette", "load_case", "validation_message"]

_TYPE_TAGS = frozenset({"bool", "float", "int", "str", "none"})
_VIGNETTE_KEYS = frozenset({"symptoms", "mri", "xray", "labs", "scintigraphy"})


def validation_message(exc: ValidationError) -> tuple[str, str]:
    """The first problem of a pydantic error as (field, one-line message)."""
    err = exc.errors()[0]
    # Union members appear in the location ("findings.fever.bool"); the field is what counts.
    field = ".".join(str(p) for p in err["loc"] if str(p) not in _TYPE_TAGS)
    if err["type"] == "extra_forbidden":
        return field, f"{field}: unknown field"
    value = err.get("input")
    shown = f" (got {value!r})" if not isinstance(value, dict | list) else ""
    return field, f"{field}: {err['msg']}{shown}"


def is_vignette(data: Mapping[str, Any]) -> bool:
    return "patient" not in data and bool(_VIGNETTE_KEYS & set(data))


def case_from_data(data: Any) -> Case:
    """A Case from parsed YAML/JSON; vignettes are read through the report reader."""
    if not isinstance(data, Mapping):
        msg = f"a case must be a mapping of fields, got {type(data).__name__}"
        raise InputError(msg, field="case")
    if is_vignette(data):
        from marrowpath.vignette import case_from_vignette

        return case_from_vignette(data)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        field, msg = validation_message(exc)
        raise InputError(msg, field=field) from None


def load_case(path: Path | str) -> Case:
    """Read a case file (``.yaml``, ``.yml`` or ``.json``).

    Raises:
        InputError: the file is missing, not YAML/JSON, or not a valid case.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = f"{p}: no such file"
        raise InputError(msg, field="file") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        msg = f"{p}: cannot be read as a UTF-8 text file ({exc.__class__.__name__})"
        raise InputError(msg, field="file") from None
    try:
        data = json.loads(text) if p.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        detail = str(exc).replace("\n", " ")
        msg = f"{p}: not valid {'JSON' if p.suffix == '.json' else 'YAML'}: {detail}"
        raise InputError(msg, field="file") from None
    return case_from_data(data)
