"""Whole numbers as a person types them (one home for the check every face uses)."""

from __future__ import annotations

import re

from trainer.core.errors import EntryError

# More digits than any count, minute or value trainer takes; past Python's own limit (4300
# digits) int() would raise an error that is no message (issue 18.6).
MAX_DIGITS = 9


def whole_number(text: str, what: str) -> int:
    """A whole number typed by a person (`what` names the field in the message): plain ASCII
    digits, an optional minus, at most MAX_DIGITS digits; EntryError otherwise."""
    item = text.strip()
    # Plain ASCII digits only: int() would also take "1_0", "+5" or other scripts' digits.
    if not re.fullmatch(r"-?[0-9]+", item):
        raise EntryError(f"{what}: '{_short(item)}' is not a whole number")
    if len(item.lstrip("-")) > MAX_DIGITS:
        raise EntryError(f"{what}: '{_short(item)}' is far too large")
    return int(item)


def _short(text: str) -> str:
    return text if len(text) <= 20 else f"{text[:12]}... ({len(text)} characters)"
