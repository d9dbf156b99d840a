"""The keys of the app and of the open screens, and a few lines on pain and logging.

The keys are read from the BINDINGS of the app and of each screen under this one (only the
project's own classes, so Textual's internals stay out), so the help never falls behind them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from trainer.core.entry import PAIN_NOT_NOTED
from trainer.core.session import PAIN_STOP_MIN
from trainer.ui.widgets.footer import TrainerFooter

PAIN_TEXT = (
    "[b]Pain while you exercise[/b]\n"
    "Pain is rated from 0 (none) to 10 (the worst you can imagine).\n"
    f"- Stop the exercise at once if the pain is sharp, or if it reaches {PAIN_STOP_MIN}/10 or "
    "more. Log the set anyway with its pain, and tick sharp if it was sharp: trainer makes that "
    "exercise easier next time.\n"
    "- Mild pain, up to 3/10, is acceptable if it has settled by the next morning. At 4-5/10 "
    "trainer keeps you at the same level.\n"
    "- If you are unsure, or the pain keeps getting worse from one session to the next, stop and "
    "ask a physiotherapist or your GP.\n"
    "\n"
    "[b]How to log[/b]\n"
    "- After each set, Enter logs it as shown. Type the reps (or seconds for holds) first if "
    "you did something else; Tab, then your worst pain during the set (0-10); s if it was sharp.\n"
    f"- {PAIN_NOT_NOTED}\n"
    "- The morning after a session, record the pain and muscle soreness of each side on waking.\n"
    "- Once a week, answer the short warning-signs checklist.\n"
    "- A set logged by mistake can be corrected or deleted from the history."
)


def own_bindings(node: DOMNode) -> list[Binding]:
    """The bindings declared by the project's classes of `node` (base classes first)."""
    found: list[Binding] = []
    for cls in reversed(type(node).__mro__):
        if cls.__module__.startswith("trainer.") and "BINDINGS" in cls.__dict__:
            declared: list[BindingType] = cls.__dict__["BINDINGS"]
            found.extend(Binding.make_bindings(declared))
    return found


def title_of(node: DOMNode) -> str:
    """A readable name for a screen: its HELP_TITLE, else its class name in words."""
    if title := getattr(node, "HELP_TITLE", None):
        return str(title)
    name = type(node).__name__.removesuffix("Screen") or type(node).__name__
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    return " ".join(words).capitalize() if words else name


def key_lines(app: App, bindings: Iterable[Binding]) -> list[str]:
    """One line per action: all its keys, then its description."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        if not binding.description:
            continue
        keys = grouped.setdefault((binding.action, binding.description), [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    # A lone "[" is not escaped by `escape` and would open a markup tag closed by a "]" on a
    # later line (the load keys), swallowing the lines between: escape every bracket.
    return [
        "  " + _literal(f"{', '.join(keys):<18} {description}")
        for (_, description), keys in grouped.items()
    ]


def _literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[")


def help_text(app: App, screens: Iterable[Screen]) -> str:
    sections = []
    for screen in screens:
        lines = key_lines(app, own_bindings(screen))
        # What a screen does with keys that are not bindings (Tab between fields, digits).
        if notes := getattr(screen, "HELP_NOTES", ""):
            lines.append(f"  {escape(notes)}")
        if lines:
            sections.append(f"[b]{escape(title_of(screen))}[/b]\n" + "\n".join(lines))
    everywhere = own_bindings(app)
    if app.ENABLE_COMMAND_PALETTE:
        everywhere.append(
            Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "All commands (palette)")
        )
    sections.append("[b]Everywhere[/b]\n" + "\n".join(key_lines(app, everywhere)))
    return "\n\n".join(sections)


class HelpScreen(ModalScreen[None]):
    """Keys and pain guidance; escape, q or ? closes it. Returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        # The screens under this one, the current one first; not the app's blank default screen.
        screens = [
            screen
            for screen in reversed(self.app.screen_stack)
            if screen is not self and type(screen) is not Screen
        ]
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Static("[b]Keys[/b]", id="help-title")
            yield Static(help_text(self.app, screens), id="help-keys")
            yield Static(PAIN_TEXT, id="help-pain")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (esc)", variant="primary", id="help-close")
        yield TrainerFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
