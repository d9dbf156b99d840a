"""Number entry that takes every key in the order it was typed.

A terminal delivers a quick "Tab 7 Enter" or "1 2 Enter" in one read. With a focused Input and
priority bindings those keys race: a priority binding acts when the app receives the key, while
the digits before it still wait in the Input's queue, and Tab moves the focus only after the next
digit was already sent to the old field. So a screen that takes numbers (the exercise screen, the
self-assessment) lets nothing take focus, binds no priority keys, and reads every key itself:
digits, Backspace, Tab and Shift+Tab edit its fields; any other key runs the screen's own binding
for it (if `check_action` allows) before the next key is read.
"""

from __future__ import annotations

from textual import events
from textual.actions import parse
from textual.screen import Screen, ScreenResultType
from textual.widgets import Input


class EntryField(Input):
    """A number field that never takes focus: its screen writes the digits into it."""

    can_focus = False

    DEFAULT_CSS = """
    EntryField.-active {
        border: tall $accent;
    }
    """


# A Screen itself rather than a mixin beside one, so mypy knows its queries and bindings; it adds
# no CSS, so a screen may list it before its other base.
class OrderedEntry(Screen[ScreenResultType]):
    """Screen base: keys in order, digits into the active EntryField.

    The screen sets `ENTRY_FIELDS` (ids in Tab order) and may override `entry_open()` (whether
    digits are taken now) and `entry_fields()` (the fields in use now, e.g. without a hidden one).
    """

    ENTRY_FIELDS: tuple[str, ...] = ()
    field: str = ""  # the active field's id
    fresh: bool = True  # the next digit replaces the field's value (a pre-filled prescription)

    def entry_open(self) -> bool:
        return True

    def entry_fields(self) -> tuple[str, ...]:
        return self.ENTRY_FIELDS

    def activate(self, field: str) -> None:
        """Make `field` the one digits go to; its current value is replaced by the next digit."""
        self.field, self.fresh = field, True
        for name in self.ENTRY_FIELDS:
            self.query_one(f"#{name}", Input).set_class(name == field, "-active")

    async def _on_key(self, event: events.Key) -> None:
        if self._entry_key(event.key, event.character):
            event.stop()
            event.prevent_default()
            return
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            _, action, parameters = parse(binding.action)
            if self.check_action(action, parameters) is True:
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return
        # Not this screen's: the key goes on to the app's bindings (q, ?, h, ctrl+p).

    def _entry_key(self, key: str, character: str | None) -> bool:
        fields = self.entry_fields()
        if not self.entry_open() or self.field not in fields:
            return False
        if key in ("tab", "shift+tab"):
            step = 1 if key == "tab" else -1
            self.activate(fields[(fields.index(self.field) + step) % len(fields)])
            return True
        field = self.query_one(f"#{self.field}", Input)
        if character is not None and character.isdigit():
            text = character if self.fresh else field.value + character
            field.value = text[: field.max_length or None]
            self.fresh = False
            return True
        if key == "backspace":
            field.value = "" if self.fresh else field.value[:-1]
            self.fresh = False
            return True
        return False
