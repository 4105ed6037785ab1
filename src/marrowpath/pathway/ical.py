"""The care plan as an iCalendar: one all-day event per phase start and per follow-up."""

from __future__ import annotations

import datetime as dt
import hashlib

from marrowpath.pathway.model import CarePlan

__all__ = ["plan_calendar"]

_FOLLOW_UP = {"en": "Follow-up", "de": "Kontrolltermin"}
_PHASE = {"en": "Start", "de": "Beginn"}
_MRI = {"en": "MRI", "de": "MRT"}


def _uid(care: CarePlan, kind: str, index: int) -> str:
    key = f"{care.case_id}|{care.condition}|{care.start}|{kind}|{index}"
    return hashlib.sha256(key.encode()).hexdigest()[:24] + "@marrowpath"


def plan_calendar(care: CarePlan, now: dt.datetime | None = None) -> bytes:
    """The plan as an ``.ics`` file (UIDs are stable, so re-importing updates the events)."""
    from icalendar import Calendar, Event

    stamp = now or dt.datetime.now(dt.UTC)
    lang = care.lang
    cal = Calendar()
    cal.add("prodid", "-//MarrowPath//care plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{care.condition_name}")
    items: list[tuple[str, int, dt.date, str, str]] = []
    for i, p in enumerate(care.phases):
        items.append(
            (
                "phase",
                i,
                p.start,
                f"{_PHASE[lang]}: {p.name}",
                _phase_text(p.avoid, p.allowed, p.aids),
            )
        )
    for i, f in enumerate(care.follow_ups):
        title = f"{_FOLLOW_UP[lang]}{' + ' + _MRI[lang] if f.imaging else ''}"
        items.append(("follow_up", i, f.date, title, f.what))
    for kind, i, day, summary, description in items:
        ev = Event()
        ev.add("uid", _uid(care, kind, i))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        ev.add("summary", summary)
        ev.add("description", f"{description}\n\n{care.disclaimer}".strip())
        ev.add("categories", [kind])
        cal.add_component(ev)
    return bytes(cal.to_ical())


def _phase_text(avoid: str, allowed: str, aids: str) -> str:
    return "\n".join(t for t in (aids, allowed, avoid) if t)
