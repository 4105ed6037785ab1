"""Fixtures of the follow-up tests."""

from __future__ import annotations

import pytest

from marrowpath.knowledge import Knowledge
from tests.pathway.fixture_kb import fixture_kb


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The fixture knowledge base."""
    return fixture_kb(tmp_path_factory.mktemp("kb"))
