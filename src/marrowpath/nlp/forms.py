"""The layout of report templates, rewritten to marks the reader knows, at the same length.

Templates align their tables with tabs or runs of spaces and offer options in check boxes.
The reader reads a copy in which a row's column gaps are "|" (a pipe table) or, for a row of
two cells, ":" ("Talus\\t\\tKontusionsödem" reads as "Talus: Kontusionsödem"), and in which an
unticked option ("[ ] KMÖ", "☐ ja") and the ticks themselves are blank: "☐ ja ☒ nein" reads as
"nein". Every offset still points into the report as written.
"""

from __future__ import annotations

import re

__all__ = ["form_marks"]

_TAB_RUN = re.compile(r"[ \t]*\t[ \t]*")
_SPACE_RUN = re.compile(r" {3,}")  # a literal start: scanned fast
_UNTICKED = re.compile(r"(?:\[\s\]|☐)[^\[☐☒☑\n]*")
_TICK = re.compile(r"\[[xX]\]|[☒☑]")


def form_marks(text: str) -> str:
    """``text`` with check boxes resolved and column gaps marked (see the module)."""
    if "[" in text or "☐" in text or "☒" in text or "☑" in text:
        text = _UNTICKED.sub(_blank, text)
        text = _TICK.sub(_blank, text)
    if "\t" not in text and not _spaced(text):
        return text
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        gaps = _gaps(line) if ("\t" in line or "   " in line) else []
        if not gaps:
            continue
        # "\tiliakal\tsakral": a header's empty corner counts as a cell
        mark = "|" if len(gaps) + line.startswith("\t") > 1 else ":"
        out, last = [], 0
        for a, b in gaps:
            out.append(line[last:a])
            out.append(" " * (b - a) if line[a - 1] == ":" else mark + " " * (b - a - 1))
            last = b
        out.append(line[last:])
        lines[k] = "".join(out)
    return "".join(lines)


def _spaced(text: str) -> bool:
    """Does a run of three spaces stand between two cells (not only pad a line's end)?"""
    n = len(text)
    i = text.find("   ")
    while i != -1:
        j = i + 3
        while j < n and text[j] == " ":
            j += 1
        if i and j < n and not text[i - 1].isspace() and not text[j].isspace():
            return True
        i = text.find("   ", j)
    return False


def _gaps(line: str) -> list[tuple[int, int]]:
    """The runs of tabs, or of three spaces or more, between two cells of a line."""
    out = []
    for m in (_TAB_RUN if "\t" in line else _SPACE_RUN).finditer(line):
        a, b = m.span()
        if (
            a
            and b < len(line)
            and line[a - 1] not in " |"
            and not line[b].isspace()
            and line[b] != "|"
        ):
            out.append((a, b))
    return out


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())
