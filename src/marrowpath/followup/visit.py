"""A follow-up visit: pain at rest and under load, weight bearing, function, new imaging."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from marrowpath.errors import InputError
from marrowpath.knowledge.schema import WeightBearing

__all__ = ["Visit", "make_visit"]

_WB = (
    "non_weight_bearing",
    "partial_weight_bearing",
    "weight_bearing_as_tolerated",
    "full_weight_bearing",
    "not_applicable",
)


class Visit(BaseModel):
    """One visit of an episode; pain on the 0-10 numeric rating scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    pain_rest: int = Field(ge=0, le=10)
    pain_load: int = Field(ge=0, le=10)
    weight_bearing: WeightBearing
    function_notes: str = Field(default="", max_length=4000)
    new_imaging: str = Field(default="", max_length=20000)
    """A new imaging result (e.g. the MRI report text), empty when none."""

    @property
    def pain(self) -> int:
        """The worse of the two pain scores, used for trends."""
        return max(self.pain_rest, self.pain_load)


def make_visit(data: dict[str, Any], episode_start: dt.date | None = None) -> Visit:
    """A validated Visit from plain data; ``episode_start`` rejects visits before it.

    Raises:
        InputError: naming the field, the bad value and what was expected.
    """
    for name in ("pain_rest", "pain_load"):
        value = data.get(name)
        if isinstance(value, bool) or (
            isinstance(value, int | float) and not (0 <= value <= 10 and value == int(value))
        ):
            msg = f"{name}: {value!r} is not a whole number from 0 to 10"
            raise InputError(msg, field=name)
    wb = data.get("weight_bearing")
    if wb is not None and wb not in _WB:
        msg = f"weight_bearing: {wb!r} is not one of {', '.join(_WB)}"
        raise InputError(msg, field="weight_bearing")
    try:
        visit = Visit.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        value = err.get("input")
        msg = f"{field}: {err['msg']} (got {value!r})"
        raise InputError(msg, field=field) from None
    if episode_start is not None and visit.date < episode_start:
        msg = (
            f"date: {visit.date.isoformat()!r} is before the episode started "
            f"({episode_start.isoformat()})"
        )
        raise InputError(msg, field="date")
    return visit
