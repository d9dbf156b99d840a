"""`evolve`: a copy of a frozen dataclass with some fields changed, cheap enough for the replay."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Data = TypeVar("Data", bound="DataclassInstance")

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def evolve(obj: Data, **changes: Any) -> Data:
    """dataclasses.replace without its per-call field introspection: the replay calls this a
    few times per session, hundreds of thousands of times over years of history."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return cls(**changes)
