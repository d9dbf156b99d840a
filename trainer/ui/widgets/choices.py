"""Checkboxes and radio buttons that read without colour, and a radio set whose highlight is
its choice.

Textual draws every checkbox as `▐X▌` and every radio button as `▐●▌`, ticked or not, and tells
them apart by colour alone. These draw `[x]`/`[ ]` and `(*)`/`( )`. In `ChoiceSet` the arrow keys
choose as they move, as radio groups do elsewhere, so the highlighted option is always the chosen
one; and `ChoiceRow` lets the left and right arrows move along a row of checkboxes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet


def _glyph(left: str, mark: str, right: str, style) -> Content:
    return Content.assemble((f"{left}{mark}{right}", style))


class GlyphCheckbox(Checkbox):
    """A checkbox drawn `[x]` when ticked and `[ ]` when not."""

    DEFAULT_CSS = """
    GlyphCheckbox {
        border: none;
        padding: 0 1 0 0;
        height: 1;
        width: auto;
        background: transparent;
    }
    GlyphCheckbox:focus {
        border: none;
        background: $block-cursor-blurred-background;
    }
    GlyphCheckbox:focus > .toggle--label {
        text-style: bold underline;
    }
    """

    @property
    def _button(self) -> Content:
        return _glyph("[", "x" if self.value else " ", "]", self.get_visual_style("toggle--label"))


class GlyphRadioButton(RadioButton):
    """A radio button drawn `(*)` when chosen and `( )` when not."""

    @property
    def _button(self) -> Content:
        return _glyph("(", "*" if self.value else " ", ")", self.get_visual_style("toggle--label"))


class ChoiceSet(RadioSet):
    """A radio set where moving with the arrows chooses, and the highlight starts on the choice."""

    DEFAULT_CSS = """
    ChoiceSet {
        border: none;
        padding: 0;
        width: 1fr;
        background: transparent;
    }
    ChoiceSet:focus {
        border: none;
    }
    """

    def on_mount(self) -> None:
        # RadioSet's own mount handler (run by Textual for each class) lights the first option;
        # light the chosen one once it has run.
        self.call_later(self._light_choice)

    def _light_choice(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        # During mount RadioSet highlights the first option; only a person's move chooses.
        if self.is_mounted and self.has_focus and self._selected is not None:
            button = list(self.query(RadioButton))[self._selected]
            if not button.value:
                button.value = True


class ChoiceRow(Horizontal):
    """A row of checkboxes: the left and right arrows move along it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "app.focus_next", "Next", show=False),
        Binding("left", "app.focus_previous", "Previous", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceRow {
        height: auto;
    }
    """
