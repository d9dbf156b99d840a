"""Errors caused by what a person typed, edited or pointed trainer at.

They carry a message meant to be shown as it is (one line, no traceback); the CLI exits with code 2.
"""


class UserError(Exception):
    """A problem the user can fix; `str(error)` is the whole message."""


class CatalogError(UserError):
    """The catalogue file is not valid TOML or breaks the catalogue format."""


class EntryError(UserError):
    """A logged value is out of range, does not fit the exercise, or is dated in the future."""


class DatabaseError(UserError):
    """The database file cannot be used: not a trainer database, damaged, or from a newer version."""
