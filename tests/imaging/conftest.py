"""Phantoms shared by the imaging tests (small volumes, built once per session)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from marrowpath.imaging import Phantom, make_phantom


@cache
def _phantom(anatomy: str, key: tuple[tuple[str, Any], ...]) -> Phantom:
    kwargs = dict(key)
    if "modic" in kwargs:
        kwargs["modic"] = dict(kwargs["modic"])
    return make_phantom(anatomy, **kwargs)  # type: ignore[arg-type]


def phantom(anatomy: str, **kwargs: Any) -> Phantom:
    """A cached phantom (treat it as read-only)."""
    if "modic" in kwargs:
        kwargs["modic"] = tuple(sorted(kwargs["modic"].items()))
    return _phantom(anatomy, tuple(sorted(kwargs.items())))


def dice(a: npt.NDArray[np.bool_], b: npt.NDArray[np.bool_]) -> float:
    total = int(a.sum()) + int(b.sum())
    return 1.0 if total == 0 else 2.0 * float((a & b).sum()) / total


@pytest.fixture
def get_phantom() -> Callable[..., Phantom]:
    return phantom
