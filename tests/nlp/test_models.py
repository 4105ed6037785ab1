"""The reading's models: copies made on the hot path behave as pydantic's own."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from marrowpath.nlp import read_report
from marrowpath.nlp.models import EdemaMention


def _mention() -> EdemaMention:
    return read_report("Bone marrow edema of the medial femoral condyle.", lang="en").edema[0]


def test_copy_with_update_equals_pydantics() -> None:
    m = _mention()
    update = {"start": 3, "end": 9, "laterality": "left"}
    fast = m.model_copy(update=update)
    slow = BaseModel.model_copy(m, update=update)
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set
    assert m.start == 0
    assert m.laterality is None


def test_copy_stays_frozen_and_independent() -> None:
    m = _mention()
    c = m.model_copy(update={"start": 1})
    with pytest.raises(ValidationError):
        c.start = 5  # type: ignore[misc]
    assert c.__dict__ is not m.__dict__


def test_copy_without_update_is_pydantics() -> None:
    m = _mention()
    assert m.model_copy() == m
    assert m.model_copy(deep=True) == m
