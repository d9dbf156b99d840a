"""Planned sessions as an iCalendar file, for people's calendar apps (the icalendar library)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from trainer.core.model import Catalogue
from trainer.core.plan import PlannedSession

PRODID = "-//trainer//hip imbalance programme//EN"


def sessions_to_ics(
    sessions: Sequence[PlannedSession], catalogue: Catalogue, created: datetime
) -> bytes:
    """One all-day event per session (no clock time is planned), listing its exercises.

    UIDs derive from the date, so exporting again updates the same events instead of adding copies.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "trainer sessions")
    for session in sessions:
        names = [catalogue.get(i).name for i in session.exercises if i in catalogue]
        length = f"{session.minutes} minutes" if session.minutes else "full session"
        event = Event()
        event.add("uid", f"trainer-session-{session.date.isoformat()}@trainer.local")
        event.add("dtstamp", created)
        event.add("summary", f"Hip training ({length})")
        event.add("dtstart", session.date)
        event.add("dtend", session.date + timedelta(days=1))
        description = "Exercises, in order:\n" + "\n".join(f"- {name}" for name in names)
        if session.first_side is not None:
            description += f"\nStart each exercise with the {session.first_side.value} side."
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
