"""Tables whose columns are study dates or body sides.

Follow-up templates set a prior and the current study side by side ("| 09.05.2023 | 14.08.2023
| 11.12.2023", "| BL | FU", "| Voruntersuchung | aktuell"). Only the last date's column is this
study's reading; the earlier columns are what was seen before. A row that had edema before and
has none now reads as resolved.

Templates of paired joints give each side a column ("| rechts | links"): a row's label names
the finding ("Knochenmarködem Os pubis | ++ | +") and each side's cell grades it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from marrowpath.nlp.sections import Sentence

__all__ = ["NONE_CELL", "SideRow", "TimeRow", "side_rows", "time_rows"]

_TIME_CELL = re.compile(
    r"\s*(?:(?:vom\s+|mrt\s+|mri\s+)?(?:\d{1,2}[./]){1,2}\d{2,4}|\d{4}|[1-4]/\d{2,4}"
    r"|bl|fu\s?\d?|baseline|follow[\s-]?up(?:\s?\d)?|vor(?:untersuchung|befund|aufnahme)|vu"
    r"|aktuell|heute|jetzt|prior|previous|current|today|initial|ausgangsbefund|erst-?mrt"
    r"|kontrolle(?:\s?\d)?|(?:woche|monat|visite|week|month|visit|mrt|mri)\s?\d{1,2}"
    r"|[tmw]\d{1,2})\s*(?:\([^()|]{0,24}\))?\s*",
    re.IGNORECASE,
)
NONE_CELL = re.compile(
    r"\s*(?:kein\w*|nein|no|none|nil|[–−-]|0|ø|o\.\s?b\.?|unauffällig|normal|regelrecht"
    r"|signalnormal|ödemfrei|n/a)(?![\w+])[^|]{0,30}",
    re.IGNORECASE,
)
"""A cell that says none: "0", "–", "keines", "kein Ödem (unverändert)"."""
_EDEMA_SAID = re.compile(
    r"ödem|oedem|edema|kmö|bme|bml|osteitis|kontusion|bruise|modic|\bja\b|\byes\b|\+|\b[1-3]\b",
    re.IGNORECASE,
)


class TimeRow(NamedTuple):
    """A data row of a time table: its earlier studies' cells (offsets in the row's sentence)
    and whether they showed edema."""

    prior_start: int
    prior_end: int
    prior_edema: bool
    now_none: bool
    """The current study's cell says none ("0", "–", "kein Ödem")."""


def _cells(row: str) -> list[tuple[int, int]]:
    bounds = [-1, *(k for k, c in enumerate(row) if c == "|"), len(row)]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds)]


def _time_columns(row: str) -> tuple[int, int] | None:
    """(first, last) index of the date columns of a header row, if it has two or more."""
    found = [k for k, (a, b) in enumerate(_cells(row)) if b > a and _TIME_CELL.fullmatch(row, a, b)]
    return (found[0], found[-1]) if len(found) >= 2 else None


def _showed_edema(said: str) -> bool:
    return any(
        _EDEMA_SAID.search(cell) is not None and NONE_CELL.match(cell) is None
        for cell in said.split("|")
    )


def _data_rows(text: str, sentences: list[Sentence]) -> Iterator[tuple[int, str, str]]:
    """(index, header row, row) of every data row of every table (rows are sentences; a
    table's first row is its header)."""
    header: str | None = None
    for i, sent in enumerate(sentences):
        row = text[sent.start : sent.end]
        if "|" not in row:
            header = None
        elif header is None:
            header = row
        else:
            yield i, header, row


def time_rows(text: str, sentences: list[Sentence]) -> dict[int, TimeRow]:
    """The data rows of every time table in ``text``, by sentence index."""
    rows: dict[int, TimeRow] = {}
    for i, header, row in _data_rows(text, sentences):
        columns = _time_columns(header)
        cells = _cells(row)
        if columns is None or columns[1] >= len(cells):
            continue
        first, last = columns
        a, b = cells[first][0], cells[last][0] - 1
        now_none = NONE_CELL.fullmatch(row, *cells[last]) is not None
        rows[i] = TimeRow(a, b, _showed_edema(row[a:b]), now_none)
    return rows


_SIDE_CELL = re.compile(
    r"\s*(?:(?P<right>rechts|re\.?|right|rt\.?|rechte\s+seite)|(?P<left>links|li\.?|left|lt\.?"
    r"|linke\s+seite))\s*(?:\([^()|]{0,24}\))?\s*",
    re.IGNORECASE,
)


class SideRow(NamedTuple):
    """A data row of a table with a column per side: (start, end, side) of each side's cell,
    offsets in the row's sentence."""

    cells: tuple[tuple[int, int, str], ...]


def _side_columns(row: str) -> dict[int, str]:
    """The side of each side column of a header row, if it has a column for each side."""
    found = {}
    for k, (a, b) in enumerate(_cells(row)):
        m = _SIDE_CELL.fullmatch(row, a, b) if b > a else None
        if m is not None:
            found[k] = "right" if m.group("right") else "left"
    return found if len(set(found.values())) == 2 else {}


def side_rows(text: str, sentences: list[Sentence]) -> dict[int, SideRow]:
    """The data rows of every side table in ``text``, by sentence index."""
    rows: dict[int, SideRow] = {}
    for i, header, row in _data_rows(text, sentences):
        columns = _side_columns(header)
        if not columns:
            continue
        cells = _cells(row)
        shift = 0
        if 0 in columns:
            # "          rechts   | links" over "Os pubis   ++   | +": a header's blank corner,
            # or the label set off by a colon ("Knochenmarködem:   ausgeprägt   | keines")
            width = len(_cells(header))
            colon = row.rfind(":", *cells[0]) if len(cells) == width else -1
            if colon > 0:
                cells = [(cells[0][0], colon), (colon + 1, cells[0][1]), *cells[1:]]
            shift = 1 if len(cells) > width else 0
        found = tuple(
            (*cells[k + shift], side) for k, side in columns.items() if k + shift < len(cells)
        )
        if found and found[0][0] > 0:
            rows[i] = SideRow(found)
    return rows
