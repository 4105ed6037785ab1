"""Tests of the iCalendar export."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from marrowpath.knowledge import Knowledge
from marrowpath.pathway.ical import plan_calendar
from tests.pathway.fixture_kb import START, make_plan

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


class TestCalendar:
    """Phase starts and follow-ups become all-day events."""

    def test_events(self, kb: Knowledge) -> None:
        """Three phase starts and two follow-ups, dated as in the plan."""
        cal = Calendar.from_ical(plan_calendar(make_plan(kb), now=NOW))
        events = [c for c in cal.walk("VEVENT")]
        assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
            ("Start: Protection and unloading", START),
            ("Start: Graded reloading", START + dt.timedelta(weeks=6)),
            ("Start: Full loading", START + dt.timedelta(weeks=12)),
            ("Follow-up", START + dt.timedelta(weeks=6)),
            ("Follow-up + MRI", START + dt.timedelta(weeks=12)),
        ]
        assert "Decision support" in str(events[0]["description"])

    def test_stable_uids(self, kb: Knowledge) -> None:
        """The same plan gives the same calendar, so re-importing updates events."""
        care = make_plan(kb)
        assert plan_calendar(care, now=NOW) == plan_calendar(care, now=NOW)
        uids = [str(e["uid"]) for e in Calendar.from_ical(plan_calendar(care)).walk("VEVENT")]
        assert len(set(uids)) == len(uids)

    def test_german(self, kb: Knowledge) -> None:
        """German summaries."""
        cal = Calendar.from_ical(plan_calendar(make_plan(kb, lang="de"), now=NOW))
        summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
        assert summaries[0] == "Beginn: Schutz und Entlastung"
        assert summaries[-1] == "Kontrolltermin + MRT"
