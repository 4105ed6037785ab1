"""The timeline picture of a care plan (phases as bars, follow-ups as marks), PNG or SVG.

Drawn with matplotlib's object API on the Agg canvas: no pyplot state, no display needed.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Literal

from marrowpath.errors import InputError
from marrowpath.pathway._texts import WEIGHT_BEARING
from marrowpath.pathway.model import CarePlan

__all__ = ["timeline_image"]

ImageFormat = Literal["png", "svg"]

_COLOURS = {
    "non_weight_bearing": "#c0392b",
    "partial_weight_bearing": "#e67e22",
    "weight_bearing_as_tolerated": "#f1c40f",
    "full_weight_bearing": "#27ae60",
    "not_applicable": "#7f8c8d",
}
_LABELS = {
    "follow_up": {"en": "follow-up", "de": "Kontrolle"},
    "sport": {"en": "return to sport", "de": "Sport"},
    "healing": {"en": "expected healing", "de": "erwartete Heilung"},
    "title": {"en": "Your plan", "de": "Ihr Plan"},
}


def timeline_image(care: CarePlan, fmt: str = "png", lang: str | None = None) -> bytes:
    """The plan's timeline as PNG or SVG bytes.

    Raises:
        InputError: ``fmt`` is not "png" or "svg".
    """
    if fmt not in ("png", "svg"):
        msg = f"format: {fmt!r} is not one of 'png', 'svg'"
        raise InputError(msg, field="format")
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import DateFormatter, date2num
    from matplotlib.figure import Figure

    def x(day: dt.date) -> float:
        return float(date2num(day))  # type: ignore[no-untyped-call]

    lang = lang or care.lang
    phases = care.phases
    fig = Figure(figsize=(8, 1.2 + 0.55 * max(len(phases), 1)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    n = len(phases)
    for i, p in enumerate(phases):
        y = n - i
        width = max((p.end - p.start).days, 1)
        ax.barh(y, width, left=x(p.start), height=0.6, color=_COLOURS[p.weight_bearing], alpha=0.85)
        label = f"{p.name} ({WEIGHT_BEARING[p.weight_bearing][lang]})"
        ax.text(x(p.start), y + 0.38, label, fontsize=8, va="bottom")
    ends = [p.end for p in phases] + [f.date for f in care.follow_ups] + [care.start]
    heal = care.expected_healing
    if heal is not None:
        ax.axvspan(x(heal.earliest), x(heal.latest), color="#2980b9", alpha=0.08)
        ax.text(x(heal.latest), 0.35, _LABELS["healing"][lang], fontsize=7, ha="right")
        ends.append(heal.latest)
    for f in care.follow_ups:
        ax.plot([x(f.date)], [0.15], marker="v", color="#34495e", markersize=8)
    if care.follow_ups:
        ax.text(x(care.follow_ups[0].date), -0.25, _LABELS["follow_up"][lang], fontsize=7)
    if care.return_to_sport is not None:
        ax.axvline(x(care.return_to_sport.earliest), color="#8e44ad", linestyle="--", linewidth=1)
        ax.text(
            x(care.return_to_sport.earliest),
            n + 0.9,
            _LABELS["sport"][lang],
            fontsize=7,
            color="#8e44ad",
        )
    ax.set_ylim(-0.5, n + 1.3)
    ax.set_xlim(x(care.start - dt.timedelta(days=3)), x(max(ends) + dt.timedelta(days=7)))
    ax.set_yticks([])
    fmt_date = "%d.%m.%y" if lang == "de" else "%Y-%m-%d"
    ax.xaxis.set_major_formatter(DateFormatter(fmt_date))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(f"{_LABELS['title'][lang]}: {care.condition_name}", fontsize=9)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    # Text stays text and ids are stable, so the SVG is small, searchable and reproducible.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "marrowpath"}):
        fig.savefig(buf, format=fmt, metadata=meta)
    return buf.getvalue()
