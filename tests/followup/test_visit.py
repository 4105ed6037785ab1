"""Tests of visit validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marrowpath.errors import InputError
from marrowpath.followup import make_visit


def _data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": dt.date(2026, 2, 1),
        "pain_rest": 3,
        "pain_load": 6,
        "weight_bearing": "partial_weight_bearing",
    }
    data.update(changes)
    return data


class TestMakeVisit:
    """Visits are validated with messages that name the field and the value."""

    def test_valid(self) -> None:
        """A valid visit; ``pain`` is the worse score."""
        v = make_visit(_data(function_notes="walks 500 m"))
        assert (v.pain_rest, v.pain_load, v.pain) == (3, 6, 6)
        assert v.function_notes == "walks 500 m"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("pain_rest", 11, "pain_rest: 11 is not a whole number from 0 to 10"),
            ("pain_load", -1, "pain_load: -1 is not a whole number from 0 to 10"),
            ("pain_load", 2.5, "pain_load: 2.5 is not a whole number from 0 to 10"),
            ("pain_rest", True, "pain_rest: True is not a whole number from 0 to 10"),
            (
                "weight_bearing",
                "crawling",
                "weight_bearing: 'crawling' is not one of non_weight_bearing, "
                "partial_weight_bearing, weight_bearing_as_tolerated, full_weight_bearing, "
                "not_applicable",
            ),
        ],
    )
    def test_bad_values(self, field: str, value: object, message: str) -> None:
        """Out-of-range pain and unknown weight bearing are refused."""
        with pytest.raises(InputError) as exc:
            make_visit(_data(**{field: value}))
        assert str(exc.value) == message
        assert exc.value.field == field

    def test_bad_date(self) -> None:
        """A date that is not a date."""
        with pytest.raises(InputError, match=r"^date: Input should be a valid date") as exc:
            make_visit(_data(date="yesterday"))
        assert exc.value.field == "date"

    def test_missing_field(self) -> None:
        """A missing field is named."""
        data = _data()
        del data["pain_load"]
        with pytest.raises(InputError, match=r"^pain_load: Field required"):
            make_visit(data)

    def test_before_the_episode(self) -> None:
        """A visit before the episode started is refused."""
        with pytest.raises(InputError) as exc:
            make_visit(_data(date=dt.date(2025, 12, 31)), episode_start=dt.date(2026, 1, 5))
        assert str(exc.value) == "date: '2025-12-31' is before the episode started (2026-01-05)"
