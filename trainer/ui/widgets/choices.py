"""Checkboxes and radio buttons that read without colour, and a radio set whose highlight is
its choice.

Textual draws every checkbox as `▐X▌` and every radio button as `▐●▌`, ticked or not, and tells
them apart by colour alone. These draw `[x]`/`[ ]` and `(*)`/`( )`, one line high whether
compact or not, and show the focus in bold and underlined as well as in colour. In `ChoiceSet`
the arrow keys choose as they move, as radio groups do elsewhere, so the highlighted option is
always the chosen one; `ChoiceRow` lets the left and right arrows go round a row of checkboxes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet

# One line, no border (the focus shows in the label, not in a border's colour).
_ONE_LINE_CSS = """
{name} {{
    border: none;
    padding: 0 1 0 0;
    height: 1;
    width: auto;
    background: transparent;
    &:focus {{
        border: none;
        background: $block-cursor-blurred-background;
        & > .toggle--label {{
            text-style: bold underline;
        }}
    }}
}}
"""


class GlyphCheckbox(Checkbox):
    """A checkbox drawn `[x]` when ticked and `[ ]` when not."""

    DEFAULT_CSS = _ONE_LINE_CSS.format(name="GlyphCheckbox")

    @property
    def _button(self) -> Content:
        mark = "x" if self.value else " "
        return Content.assemble((f"[{mark}]", self.get_visual_style("toggle--label")))


class GlyphRadioButton(RadioButton):
    """A radio button drawn `(*)` when chosen and `( )` when not (in a set or alone)."""

    DEFAULT_CSS = _ONE_LINE_CSS.format(name="GlyphRadioButton")

    @property
    def _button(self) -> Content:
        mark = "*" if self.value else " "
        return Content.assemble((f"({mark})", self.get_visual_style("toggle--label")))


class ChoiceSet(RadioSet):
    """A radio set where moving with the arrows chooses, and the highlight starts on the choice.

    Give it `GlyphRadioButton`s (strings become plain `RadioButton`s, as in `RadioSet`)."""

    DEFAULT_CSS = """
    ChoiceSet {
        border: none;
        padding: 0;
        width: 1fr;
        background: transparent;
        &:focus {
            border: none;
            & > RadioButton.-selected > .toggle--label {
                text-style: bold underline;
            }
        }
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
    """A row of checkboxes: the left and right arrows go round it (from the last to the first
    and back), never out of it; Tab leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Next", show=False),
        Binding("left", "step(-1)", "Previous", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceRow {
        height: auto;
    }
    """

    def action_step(self, direction: int) -> None:
        boxes = [child for child in self.children if child.focusable]
        if not boxes:
            return
        focused = self.screen.focused
        here = boxes.index(focused) if focused in boxes else (-1 if direction > 0 else 0)
        boxes[(here + direction) % len(boxes)].focus()
