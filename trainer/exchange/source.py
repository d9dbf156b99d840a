"""What the file exchange works on: the services facade hands itself over, and the exchange never
imports it, so the arrows point one way (services -> exchange -> store)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from trainer.core.clock import Clock
from trainer.core.model import Catalogue

if TYPE_CHECKING:
    from trainer.store import Store


class Services(Protocol):
    """What the file exchange works on: the facade hands itself over (trainer.services), and this
    module never imports it, so the arrows point one way (services -> exchange -> store)."""

    @property
    def store(self) -> Store: ...

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def clock(self) -> Clock: ...
