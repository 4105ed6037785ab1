"""What a finding only resembles is not asserted; a postposed 'absent' negates."""

from __future__ import annotations

import pytest

from marrowpath.nlp import read_report


@pytest.mark.parametrize(
    "text",
    [
        "Intramuscular loculation mimicking abscess.",
        "Enhancing tissue simulating an abscess.",
        "Knochenmarködem, einen Abszess imitierend.",
    ],
)
def test_mimic_is_not_present(text: str) -> None:
    """'mimicking X' hedges X; it is not reported present."""
    assert read_report(text).findings().get("mri_abscess") is not True


@pytest.mark.parametrize("text", ["Double line sign absent.", "Absent double line sign."])
def test_absent_before_or_after(text: str) -> None:
    assert read_report(text).findings()["mri_double_line_sign"] is False
