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

_GAP = re.compile(r"(?<=[^\s|])(?:[ ]*\t[\t ]*|[ ]{3,})(?=[^\s|])")
_UNTICKED = re.compile(r"(?:\[\s\]|☐)[^\[☐☒☑\n]*")
_TICK = re.compile(r"\[[xX]\]|[☒☑]")


def form_marks(text: str) -> str:
    """``text`` with check boxes resolved and column gaps marked (see the module)."""
    if "[" in text or "☐" in text or "☒" in text or "☑" in text:
        text = _UNTICKED.sub(_blank, text)
        text = _TICK.sub(_blank, text)
    if "\t" not in text and "   " not in text:
        return text
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        gaps = list(_GAP.finditer(line)) if ("\t" in line or "   " in line) else []
        if not gaps:
            continue
        # "\tiliakal\tsakral": a header's empty corner counts as a cell
        mark = "|" if len(gaps) + line.startswith("\t") > 1 else ":"
        out, last = [], 0
        for m in gaps:
            width = m.end() - m.start()
            out.append(line[last : m.start()])
            out.append(" " * width if line[m.start() - 1] == ":" else mark + " " * (width - 1))
            last = m.end()
        out.append(line[last:])
        lines[k] = "".join(out)
    return "".join(lines)


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())
