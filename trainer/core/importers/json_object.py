"""Typed access to the objects of a JSON file, every message naming the place in the file."""

from __future__ import annotations

from typing import Any, Literal, overload

from trainer.core.errors import EntryError
from trainer.core.model import Catalogue


class JsonObject:
    """Typed access to one object of the JSON, naming its place in every message."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise EntryError(f"{where}: expected an object {{...}}, found {_kind(data)}")
        self.data = data
        self.where = where

    def get(self, name: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
        if name not in self.data:
            if optional:
                return None
            raise EntryError(f"{self.where}: {name!r} is missing")
        value = self.data[name]
        if value is None and optional:
            return None
        # JSON has no separate int and bool: true is not a number here, 3 is not a boolean.
        if isinstance(value, bool) and bool not in kinds:
            value_ok = False
        elif int in kinds and float not in kinds and isinstance(value, float):
            value_ok = False
        else:
            value_ok = isinstance(value, kinds)
        if not value_ok:
            wanted = " or ".join(_TYPE_NAMES[k] for k in kinds)
            raise EntryError(f"{self.where}: {name!r} should be {wanted}, not {_kind(value)}")
        return value

    @overload
    def whole(self, name: str, optional: Literal[False] = False) -> int: ...
    @overload
    def whole(self, name: str, optional: bool) -> int | None: ...

    def whole(self, name: str, optional: bool = False) -> int | None:
        number: int | None = self.get(name, (int,), optional)  # `get` checked it
        return number

    def exercise_id(self, catalogue: Catalogue) -> str:
        """The item's "exercise": an id the catalogue has."""
        exercise_id: str = self.get("exercise", (str,))
        if exercise_id not in catalogue:
            raise EntryError(f"{self.where}: unknown exercise {exercise_id!r}")
        return exercise_id


_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false",
               list: "a list", dict: "an object"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in ((bool, "true or false"), (int, "a number"), (float, "a number"),
                       (str, "text"), (list, "a list"), (dict, "an object")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def items_of(top: JsonObject, name: str) -> list[Any]:
    return top.get(name, (list,), optional=True) or []
