"""argparse value types shared by the subcommands' parsers: whole numbers, and pain or `none`.

Light on purpose: the parser is built before anything heavy is imported.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final

from trainer.core.errors import EntryError
from trainer.core.numbers import whole_number


class NotRecorded:
    """The type of NOT_RECORDED."""


# `--baseline-pain-left none`: the value that clears a setting (None means "flag not given").
NOT_RECORDED: Final = NotRecorded()


def whole_number_type(flag: str) -> Callable[[str], int]:
    """An argparse `type` for a whole number (core numbers.whole_number's check and words)."""

    def convert(text: str) -> int:
        try:
            return whole_number(text, flag)
        except EntryError as problem:
            raise argparse.ArgumentTypeError(str(problem).removeprefix(f"{flag}: ")) from None

    convert.__name__ = flag  # what argparse calls the type in its messages
    return convert


def pain_or_none_type(flag: str) -> Callable[[str], int | NotRecorded]:
    """An argparse `type` for a pain 0-10 or `none` (NOT_RECORDED: clear the setting)."""
    whole = whole_number_type(flag)

    def convert(text: str) -> int | NotRecorded:
        return NOT_RECORDED if text.strip().lower() == "none" else whole(text)

    convert.__name__ = flag
    return convert
