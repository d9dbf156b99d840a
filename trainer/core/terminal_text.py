"""Text that came from a file, made safe for a terminal (issue 18.4): which characters would act
on it instead of showing, and the same text with them shown as escapes."""

import unicodedata

# Characters that act on a terminal instead of showing: C0 and C1 controls (ESC starts the
# sequences that retitle a window or clear the screen), DEL, and the bidirectional overrides
# that make text read differently from what it holds.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _acts(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) == "Cc"


def hidden_character(text: str) -> str | None:
    """The first character of `text` that would act on a terminal, else None."""
    return next((ch for ch in text if _acts(ch)), None)


def visible(text: str) -> str:
    """Text that came from a file, safe to print: every character that would act on the
    terminal shown as its escape (`\\x1b`) instead (issue 18.4)."""
    if hidden_character(text) is None:
        return text
    return "".join(repr(ch)[1:-1] if _acts(ch) else ch for ch in text)
