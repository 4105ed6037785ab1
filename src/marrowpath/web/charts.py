"""Server-side SVG pictures: probability bars, contribution waterfall, plan timeline, pain chart.

Drawn as plain SVG text in Python (no chart library, no JavaScript) so that a page renders in
a few milliseconds, prints, and stays readable by screen readers: every picture has a title
and a description, and the page shows the same numbers in a table next to it. Colours are
never the only carrier of meaning; every bar and mark also has a text label.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from marrowpath.followup import ExpectedCourse, Visit, expected_band
from marrowpath.pathway import CarePlan
from marrowpath.reasoning import Diagnosis
from marrowpath.web.labels import day_month, label, number, percent, short_date

__all__ = [
    "WEIGHT_BEARING_COLOURS",
    "pain_chart",
    "probability_bars",
    "timeline",
    "waterfall",
]

INK = "#1d2939"
MUTED = "#475467"
GRID = "#d0d5dd"
FOR = "#1d4f91"
AGAINST = "#b54708"
LEADING = "#1d4f91"
OTHER = "#7b93b8"
REST = "#0e7c66"
LOAD = "#9e2a2b"
BAND = "#2e6fd8"
WEIGHT_BEARING_COLOURS = {
    "non_weight_bearing": "#b42318",
    "partial_weight_bearing": "#b54708",
    "weight_bearing_as_tolerated": "#8a6d00",
    "full_weight_bearing": "#17803d",
    "not_applicable": "#667085",
}
_CHAR = 6.6  # average width of a 12px sans-serif character, for layout only


def _fmt(value: float) -> str:
    """A coordinate with at most one decimal (small, stable SVG text)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _clip(text: str, width: float) -> str:
    limit = max(int(width / _CHAR), 4)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(ident: str, width: float, height: float, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="system-ui, sans-serif" '
        f'font-size="12" fill="{INK}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    # Every text that reaches the SVG went through escape() above; numbers are formatted here.
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704


def _text(x: float, y: float, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{_fmt(x)}" y="{_fmt(y)}"{extra}>{escape(text)}</text>'


def probability_bars(diagnoses: Sequence[Diagnosis], lang: str, limit: int = 8) -> Markup:
    """Horizontal bars of the posterior probabilities, the leading diagnosis first."""
    shown = list(diagnoses[:limit])
    width, left, right = 720.0, 8.0, 70.0
    plot = width - left - right
    row = 38.0
    height = row * max(len(shown), 1) + 6
    body: list[str] = []
    for i, d in enumerate(shown):
        y = i * row
        bar = max(plot * d.probability, 2.0)
        colour = LEADING if i == 0 else OTHER
        weight = "bold" if i == 0 else "normal"
        body.append(_text(left, y + 14, _clip(d.name, width - left), font_weight=weight))
        body.append(
            f'<rect x="{_fmt(left)}" y="{_fmt(y + 19)}" width="{_fmt(plot)}" height="12" '
            f'fill="#eef2f6" rx="2"/>'
            f'<rect x="{_fmt(left)}" y="{_fmt(y + 19)}" width="{_fmt(bar)}" height="12" '
            f'fill="{colour}" rx="2"><title>{escape(d.name)}: '
            f"{escape(percent(d.probability, lang))}</title></rect>"
        )
        body.append(
            _text(width - right + 6, y + 30, percent(d.probability, lang), font_weight=weight)
        )
    desc = "; ".join(f"{d.name}: {percent(d.probability, lang)}" for d in shown)
    return _svg("probabilities", width, height, label("chart_probabilities", lang), desc, body)


def waterfall(diagnosis: Diagnosis, lang: str, ident: str) -> Markup:
    """How each finding moved the diagnosis' log score from the prior (a waterfall).

    Rows start at ln(prior); each finding's bar runs from the running total before it to the
    total after it (right = for, left = against), labelled with its likelihood ratio.
    """
    items = sorted(diagnosis.contributions, key=lambda c: -abs(c.log_lr))
    start = math.log(diagnosis.prior)
    totals = [start]
    for c in items:
        totals.append(totals[-1] + c.log_lr)
    lo, hi = min([*totals, 0.0]), max([*totals, 0.0])
    lo, hi = math.floor(lo), math.ceil(hi)
    if hi - lo < 2:
        hi = lo + 2
    width, names, lr_col = 720.0, 290.0, 82.0
    x0, x1 = names + 10, width - lr_col
    row, top = 22.0, 20.0
    rows = len(items) + 2
    height = top + row * rows + 40

    def x(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    body: list[str] = []
    step = max(1, math.ceil((hi - lo) / 8))
    for tick in range(lo, hi + 1, step):
        tx = x(tick)
        body.append(
            f'<line x1="{_fmt(tx)}" y1="{_fmt(top - 6)}" x2="{_fmt(tx)}" '
            f'y2="{_fmt(top + row * rows)}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(tx, top + row * rows + 14, str(tick), text_anchor="middle", fill=MUTED))
    body.append(
        _text((x0 + x1) / 2, height - 2, label("chart_log_score", lang), text_anchor="middle")
    )
    body.append(_text(x1 + 8, top - 6, label("lr", lang), font_weight="bold"))

    def bar(i: int, a: float, b: float, colour: str, name: str, lr: str, tip: str) -> None:
        y = top + i * row
        body.append(_text(names, y + 15, _clip(name, names - 8), text_anchor="end"))
        left_x, right_x = sorted((x(a), x(b)))
        body.append(
            f'<rect x="{_fmt(left_x)}" y="{_fmt(y + 4)}" width="{_fmt(max(right_x - left_x, 2))}"'
            f' height="{_fmt(row - 8)}" fill="{colour}" rx="2"><title>{escape(tip)}</title></rect>'
        )
        if lr:
            body.append(_text(x1 + 8, y + 15, lr, fill=colour, font_weight="bold"))

    prior_text = f"{label('prior', lang)} {percent(diagnosis.prior, lang)}"
    bar(0, start, start, MUTED, prior_text, "", prior_text)
    for i, c in enumerate(items, start=1):
        colour = FOR if c.direction == "for" else AGAINST
        arrow = "▲" if c.direction == "for" else "▼"
        lr = f"{arrow} {number(c.likelihood_ratio, lang)}"
        tip = f"{c.name}: LR {number(c.likelihood_ratio, lang)} ({c.source})"
        bar(i, totals[i - 1], totals[i], colour, c.name, lr, tip)
    final = label("chart_total", lang)
    bar(rows - 1, start, totals[-1], INK, final, "", f"{final}: {number(totals[-1], lang)}")
    body.append(
        f'<line x1="{_fmt(x(start))}" y1="{_fmt(top)}" x2="{_fmt(x(start))}" '
        f'y2="{_fmt(top + row * rows)}" stroke="{MUTED}" stroke-dasharray="3 3"/>'
    )
    desc = "; ".join(
        f"{c.name}: {label(c.direction, lang)}, LR {number(c.likelihood_ratio, lang)}"
        for c in items
    )
    title = f"{label('chart_waterfall', lang)}: {diagnosis.name}"
    return _svg(ident, width, height, title, desc or diagnosis.name, body)


def _date_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    weeks = max((last - first).days / 7, 1)
    step = next(s for s in (1, 2, 4, 8, 13, 26, 52, 104) if weeks / s <= 8)
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(weeks=step)
    return out


def timeline(care: CarePlan, lang: str, wb_label: Callable[[str], str]) -> Markup:
    """The plan's phases as dated bars, follow-ups as marks, healing window and return to sport."""
    ends = [care.start + dt.timedelta(days=7)]
    ends += [p.end for p in care.phases] + [f.date for f in care.follow_ups]
    if care.expected_healing is not None:
        ends.append(care.expected_healing.latest)
    if care.return_to_sport is not None:
        ends.append(care.return_to_sport.earliest)
    first, last = care.start, max(ends)
    width, names, right = 720.0, 236.0, 44.0
    x0, x1 = names + 10, width - right
    row, top = 30.0, 26.0
    rows = len(care.phases) + 1
    height = top + row * rows + 40
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return x0 + (day - first).days / span * (x1 - x0)

    body: list[str] = []
    h = care.expected_healing
    if h is not None:
        hx0, hx1 = x(h.earliest), x(h.latest)
        body.append(
            f'<rect x="{_fmt(hx0)}" y="{_fmt(top - 4)}" width="{_fmt(max(hx1 - hx0, 2))}" '
            f'height="{_fmt(row * rows + 4)}" fill="{REST}" fill-opacity="0.10"/>'
        )
        body.append(_text(hx0 + 4, top - 10, label("expected_healing", lang), fill=REST))
    for tick in _date_ticks(first, last):
        tx = x(tick)
        week = (tick - first).days // 7
        body.append(
            f'<line x1="{_fmt(tx)}" y1="{_fmt(top - 4)}" x2="{_fmt(tx)}" '
            f'y2="{_fmt(top + row * rows)}" stroke="{GRID}"/>'
        )
        body.append(
            _text(
                tx,
                top + row * rows + 14,
                f"{label('week_short', lang)}{week}",
                text_anchor="middle",
                fill=MUTED,
            )
        )
        body.append(
            _text(
                tx,
                top + row * rows + 28,
                day_month(tick, lang),
                text_anchor="middle",
                fill=MUTED,
                font_size="11",
            )
        )
    if care.return_to_sport is not None:
        rx = x(care.return_to_sport.earliest)
        body.append(
            f'<line x1="{_fmt(rx)}" y1="{_fmt(top - 4)}" x2="{_fmt(rx)}" '
            f'y2="{_fmt(top + row * rows)}" stroke="{INK}" stroke-width="2" '
            'stroke-dasharray="5 3"/>'
        )
        body.append(_text(rx + 4, top + row * rows - 4, label("return_to_sport", lang)))
    for i, p in enumerate(care.phases):
        y = top + i * row
        colour = WEIGHT_BEARING_COLOURS.get(p.weight_bearing, MUTED)
        px0, px1 = x(p.start), x(p.end)
        wide = max(px1 - px0, 3)
        text = wb_label(p.weight_bearing)
        body.append(_text(names, y + 19, _clip(p.name, names - 6), text_anchor="end"))
        body.append(
            f'<rect x="{_fmt(px0)}" y="{_fmt(y + 4)}" width="{_fmt(wide)}" height="{_fmt(row - 8)}"'
            f' fill="{colour}" rx="3"><title>{escape(p.name)}: {escape(text)}, '
            f"{escape(short_date(p.start, lang))} – {escape(short_date(p.end, lang))}"
            "</title></rect>"
        )
        if len(text) * _CHAR + 10 < wide:
            body.append(_text(px0 + 6, y + 19, text, fill="#ffffff", font_weight="bold"))
        else:
            body.append(
                _text(
                    px0 + wide + 4,
                    y + 19,
                    text,
                    fill=colour,
                    font_weight="bold",
                    stroke="#ffffff",
                    stroke_width="4",
                    paint_order="stroke",
                )
            )
    y = top + len(care.phases) * row
    body.append(_text(names, y + 19, label("follow_ups", lang), text_anchor="end"))
    for f in care.follow_ups:
        fx, cy = x(f.date), y + row / 2
        colour = BAND if f.imaging else INK
        tip = f"{short_date(f.date, lang)}: {f.what}"
        body.append(
            f'<path d="M{_fmt(fx)} {_fmt(cy - 7)} l7 7 l-7 7 l-7 -7 z" fill="{colour}">'
            f"<title>{escape(tip)}</title></path>"
        )
    desc = "; ".join(
        f"{p.name}: {short_date(p.start, lang)} – {short_date(p.end, lang)}, "
        f"{wb_label(p.weight_bearing)}"
        for p in care.phases
    )
    return _svg("timeline", width, height, label("chart_timeline", lang), desc or "-", body)


def pain_chart(
    visits: Sequence[Visit], start: dt.date, course: ExpectedCourse | None, lang: str
) -> Markup:
    """Pain at rest and under load over the weeks, against the expected band of the plan."""
    ordered = sorted(visits, key=lambda v: v.date)
    weeks = [(v.date - start).days / 7 for v in ordered]
    horizon = max([*weeks, 4.0]) + 1
    if course is not None and ordered:
        horizon = max(horizon, course.healing_weeks_max)
    width, left, right, top, bottom = 720.0, 44.0, 16.0, 30.0, 40.0
    height = 300.0
    x1, y1 = width - right, height - bottom

    def x(week: float) -> float:
        return left + week / horizon * (x1 - left)

    def y(pain: float) -> float:
        return y1 - pain / 10 * (y1 - top)

    body: list[str] = []
    for pain in range(0, 11, 2):
        body.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(y(pain))}" x2="{_fmt(x1)}" y2="{_fmt(y(pain))}" '
            f'stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y(pain) + 4, str(pain), text_anchor="end", fill=MUTED))
    step = next(s for s in (1, 2, 4, 8, 13, 26, 52) if horizon / s <= 10)
    for week in range(0, int(horizon) + 1, step):
        body.append(_text(x(week), y1 + 16, str(week), text_anchor="middle", fill=MUTED))
    body.append(
        _text((left + x1) / 2, height - 4, label("chart_weeks", lang), text_anchor="middle")
    )
    body.append(
        _text(
            12,
            (top + y1) / 2,
            label("chart_pain", lang),
            text_anchor="middle",
            transform=f"rotate(-90 12 {_fmt((top + y1) / 2)})",
        )
    )
    if course is not None and ordered:
        baseline = float(ordered[0].pain)
        samples = [horizon * i / 60 for i in range(61)]
        band = [expected_band(course, baseline, w) for w in samples]
        upper = " ".join(
            f"{_fmt(x(w))},{_fmt(y(b[1]))}" for w, b in zip(samples, band, strict=True)
        )
        lower = " ".join(
            f"{_fmt(x(w))},{_fmt(y(b[0]))}"
            for w, b in reversed(list(zip(samples, band, strict=True)))
        )
        body.append(
            f'<polygon points="{upper} {lower}" fill="{BAND}" fill-opacity="0.16" '
            f'stroke="{BAND}" stroke-opacity="0.5"><title>{escape(label("chart_band", lang))}'
            "</title></polygon>"
        )
    for values, colour, dash, shape, key in (
        ([v.pain_rest for v in ordered], REST, "", "circle", "pain_rest"),
        ([v.pain_load for v in ordered], LOAD, "6 4", "square", "pain_load"),
    ):
        points = [(x(w), y(p)) for w, p in zip(weeks, values, strict=True)]
        if len(points) > 1:
            path = " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attr}/>"
            )
        for (px, py), v, p in zip(points, ordered, values, strict=True):
            tip = f"{short_date(v.date, lang)}: {label(key, lang)} {p}/10"
            if shape == "circle":
                mark = f'<circle cx="{_fmt(px)}" cy="{_fmt(py)}" r="5" fill="{colour}">'
            else:
                mark = (
                    f'<rect x="{_fmt(px - 5)}" y="{_fmt(py - 5)}" width="10" height="10" '
                    f'fill="{colour}">'
                )
            closing = "</circle>" if shape == "circle" else "</rect>"
            body.append(f"{mark}<title>{escape(tip)}</title>{closing}")
    legend = [
        (REST, "", label("pain_rest", lang)),
        (LOAD, "6 4", label("pain_load", lang)),
    ]
    if course is not None and ordered:
        legend.append((BAND, "band", label("chart_band", lang)))
    lx = left
    for colour, dash, text in legend:
        if dash == "band":
            body.append(
                f'<rect x="{_fmt(lx)}" y="8" width="22" height="12" fill="{BAND}" '
                f'fill-opacity="0.16" stroke="{BAND}" stroke-opacity="0.5"/>'
            )
        else:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            body.append(
                f'<line x1="{_fmt(lx)}" y1="14" x2="{_fmt(lx + 22)}" y2="14" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        body.append(_text(lx + 28, 18, text))
        lx += 28 + len(text) * _CHAR + 24
    desc = "; ".join(
        f"{short_date(v.date, lang)}: {label('pain_rest', lang)} {v.pain_rest}, "
        f"{label('pain_load', lang)} {v.pain_load}"
        for v in ordered
    )
    return _svg("pain", width, height, label("chart_pain_title", lang), desc or "-", body)
