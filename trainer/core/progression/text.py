"""The fixed texts the engine's reasons share, and the short date it writes in them."""

from __future__ import annotations

from datetime import date

URGENT_TEXT = (
    "Stop exercising. The symptoms you reported can, rarely, be a sign of a problem that needs "
    "medical care today. Go to an emergency department or call your emergency number now. "
    "trainer cannot diagnose anything."
)
ALREADY_EASIEST = "this is already the easiest dose: keep it, and stop at once if it hurts"
EASIER_NEXT = "so next time is one step easier"
GP_TEXT = (
    "Please see your GP this week before making any exercise harder. You can keep doing what "
    "causes no more than mild pain (3/10) meanwhile."
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_day(d: date) -> str:
    """"Mon 3 Feb". Not strftime: locale-independent, and cheap in the replay, which formats every step."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
