"""Scoring tables of the sacroiliac joints (SPARCC, Berlin): a grade per quadrant.

A quadrant is named by its row and its column together: "iliakal kranial | 2 | 0" under
"Quadrant | rechts | links", or "re. | 0 | 1 | 0 | 0" under "| iliakal o. | iliakal u. |
sakral o. | sakral u.". A grade above 0 in any quadrant of a bone on one side is edema there;
all grades 0 are its stated absence.
"""

from __future__ import annotations

import itertools
import re
from typing import Literal, NamedTuple

__all__ = ["QuadrantFinding", "sacroiliac_quadrants"]

Side = Literal["left", "right"]

_BONE = re.compile(r"(?P<ilium>ilia|iliak|ilium)|(?P<sacrum>sakr|sacr)")
_SIDE = re.compile(
    r"(?<![\w.])(?:(?P<right>re|rechts|rechtes|right|rt|r|dx)|(?P<left>li|links|linkes|left|lt|l|sin))"
    r"(?![\w])"
)
_SUM = re.compile(r"summe|sum|total|gesamt|score")
_GRADE = re.compile(r"\s*([0-9]|ja|nein|yes|no)\s*")
_ANSWER = {"ja": 1, "yes": 1, "nein": 0, "no": 0}
_SIJ_TEXT = re.compile(r"ilia|iliak|ilium")
_LAST_GRADE = re.compile(r"\s[0-9]\s*$")


class QuadrantFinding(NamedTuple):
    """Edema ("present") or its absence ("negated") of one bone of one joint, with the
    offsets in the report of the first cell that says so."""

    bone: Literal["ilium", "sacrum"]
    side: Side | Literal["bilateral"]
    status: Literal["present", "negated"]
    start: int
    end: int


def _label(cell: str) -> tuple[str | None, Side | None, bool]:
    """(bone, side, is a sum) a header or row cell names."""
    bone = _BONE.search(cell)
    side = _SIDE.search(cell)
    return (
        bone.lastgroup if bone else None,
        side.lastgroup if side else None,  # type: ignore[return-value]
        _SUM.search(cell) is not None,
    )


def _cells(row: str) -> list[tuple[int, int]]:
    bounds = [-1, *(k for k, c in enumerate(row) if c == "|"), len(row)]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds)]


def sacroiliac_quadrants(low: str, rows: list[tuple[int, int]]) -> list[QuadrantFinding]:
    """The findings of every quadrant table among ``rows`` (sentence offsets into the
    lower-cased report ``low``); nothing unless a table names iliac and sacral quadrants."""
    if "|" not in low or not _SIJ_TEXT.search(low) or ("sakr" not in low and "sacr" not in low):
        return []
    graded: dict[tuple[str, Side], list[tuple[int, int, int]]] = {}
    header: list[tuple[str | None, Side | None, bool]] | None = None
    for start, end in rows:
        row = low[start:end]
        if "|" not in row:
            header = None
            continue
        spans = _cells(row)
        labels = [_label(row[a:b]) for a, b in spans]
        if header is None:
            if any(bone or side for bone, side, _ in labels[1:]):
                header = labels
            continue
        if len(header) == len(labels) - 1:
            header = [(None, None, False), *header]  # "\tiliakal o.\t...": no corner cell
        columns = header
        if len(header) == len(labels) and (header[0][0] or header[0][1]):
            # "Ilium ventr. | Ilium dors." over "ISG rechts   2 | 1": the first grade shares
            # its cell with the row's label
            a0, b0 = spans[0]
            first = _LAST_GRADE.search(row, a0, b0)
            if first is None:
                continue
            columns = [(None, None, False), *header]
            spans = [(a0, first.start()), (first.start(), b0), *spans[1:]]
            labels = [_label(row[a0 : first.start()]), (None, None, False), *labels[1:]]
        row_bone, row_side, row_sum = next(
            (label for label, (a, b) in zip(labels, spans, strict=True) if row[a:b].strip()),
            (None, None, True),
        )
        if row_sum:
            continue
        for (a, b), col in zip(spans, columns, strict=False):
            grade = _GRADE.fullmatch(row, a, b)
            bone, side = row_bone or col[0], row_side or col[1]
            if grade is None or col[2] or bone is None or side is None:
                continue
            word = grade.group(1)
            value = int(word) if word.isdigit() else _ANSWER[word]
            graded.setdefault((bone, side), []).append(
                (value, start + grade.start(1), start + grade.end(1))
            )
    return _findings(graded)


def _findings(graded: dict[tuple[str, Side], list[tuple[int, int, int]]]) -> list[QuadrantFinding]:
    out: list[QuadrantFinding] = []
    for bone in ("ilium", "sacrum"):
        said: dict[Side, tuple[Literal["present", "negated"], int, int]] = {}
        for side in ("right", "left"):
            cells = graded.get((bone, side))
            if not cells:
                continue
            shown = [c for c in cells if c[0] > 0]
            first = (shown or cells)[0]
            said[side] = ("present" if shown else "negated", first[1], first[2])
        if len(said) == 2 and said["right"][0] == said["left"][0]:
            status, a, b = said["right"]
            out.append(QuadrantFinding(bone, "bilateral", status, a, b))
            continue
        out.extend(
            QuadrantFinding(bone, side, status, a, b) for side, (status, a, b) in said.items()
        )
    return out
