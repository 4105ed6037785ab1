"""The pain chart of an episode: pain at rest and under load against the expected band."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from marrowpath.errors import InputError
from marrowpath.followup.course import ExpectedCourse, expected_band
from marrowpath.followup.visit import Visit

__all__ = ["pain_chart"]

_LABELS = {
    "en": {
        "rest": "pain at rest",
        "load": "pain under load",
        "band": "expected course",
        "y": "pain (0-10)",
        "x": "weeks since start",
    },
    "de": {
        "rest": "Ruheschmerz",
        "load": "Belastungsschmerz",
        "band": "erwarteter Verlauf",
        "y": "Schmerz (0-10)",
        "x": "Wochen seit Beginn",
    },
}


def pain_chart(
    visits: Sequence[Visit],
    start: dt.date,
    course: ExpectedCourse | None,
    fmt: str = "png",
    lang: str = "en",
) -> bytes:
    """PNG or SVG bytes of the pain course with the expected band (when a course is known).

    Raises:
        InputError: ``fmt`` is not "png" or "svg", or ``lang`` not "en" or "de".
    """
    if fmt not in ("png", "svg"):
        msg = f"format: {fmt!r} is not one of 'png', 'svg'"
        raise InputError(msg, field="format")
    if lang not in _LABELS:
        msg = f"lang: {lang!r} is not one of 'en', 'de'"
        raise InputError(msg, field="lang")
    import numpy as np
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    t = _LABELS[lang]
    ordered = sorted(visits, key=lambda v: v.date)
    weeks = [(v.date - start).days / 7 for v in ordered]
    fig = Figure(figsize=(7, 3.6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    horizon = max([*weeks, 1.0])
    if course is not None and ordered:
        horizon = max(horizon, course.healing_weeks_max)
        baseline = float(ordered[0].pain)
        xs = np.linspace(0, horizon, 200)
        band = [expected_band(course, baseline, float(x)) for x in xs]
        ax.fill_between(
            xs,
            [b[0] for b in band],
            [b[1] for b in band],
            color="#2980b9",
            alpha=0.15,
            label=t["band"],
        )
    ax.plot(weeks, [v.pain_rest for v in ordered], marker="o", color="#16a085", label=t["rest"])
    ax.plot(weeks, [v.pain_load for v in ordered], marker="s", color="#c0392b", label=t["load"])
    ax.set_ylim(-0.3, 10.3)
    ax.set_xlim(0, horizon * 1.03)
    ax.set_ylabel(t["y"])
    ax.set_xlabel(t["x"])
    ax.legend(fontsize=8, loc="upper right")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    # Text stays text and ids are stable, so the SVG is small, searchable and reproducible.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "marrowpath"}):
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else {})
    return buf.getvalue()
