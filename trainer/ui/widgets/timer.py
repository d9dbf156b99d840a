"""Hold and rest timers that never block the UI.

A hold counts down to its target and then up past it, ringing the terminal bell at the target;
stopping it gives the seconds actually held. A rest counts down and rings when it is over. Time is
read from a monotonic clock, so a busy UI or a screen change never makes a timer drift; `scale`
speeds time up in tests (0.01: a 30 s hold takes 0.3 s).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from textual.message import Message
from textual.widgets import Static


class TimerMode(StrEnum):
    IDLE = "idle"
    HOLD = "hold"
    REST = "rest"


@dataclass
class TimerState:
    """What a running timer needs to carry on. The app holds one, so a hold or a rest keeps
    running while the person looks at another screen and shows again when they come back."""

    mode: TimerMode = TimerMode.IDLE
    target: int = 0
    started: float = 0.0
    paused_at: float | None = None
    rang: bool = False
    owner: str | None = None  # the exercise the timer belongs to


class SessionTimer(Static):
    DEFAULT_CSS = """
    SessionTimer {
        /* the hint wraps rather than being cut in a narrow entry box */
        height: auto;
        width: 100%;
    }
    SessionTimer.reached {
        text-style: bold;
        color: $success;
    }
    """

    class Reached(Message):
        """The hold target was reached (the bell has rung)."""

    class RestOver(Message):
        """The rest is over (or was skipped)."""

    def __init__(
        self, scale: float = 1.0, state: TimerState | None = None, owner: str | None = None, **kwargs
    ) -> None:
        super().__init__("", **kwargs)
        self.scale = scale
        self.state = state or TimerState()
        self.owner = owner

    def on_mount(self) -> None:
        self.set_interval(0.1, self._tick)
        self._tick()

    def belong_to(self, owner: str) -> None:
        """Show the running timer if it is this exercise's; one of another exercise is stopped."""
        self.owner = owner
        if self.state.mode is not TimerMode.IDLE and self.state.owner != owner:
            self.stop()

    @property
    def mode(self) -> TimerMode:
        return self.state.mode

    @property
    def target(self) -> int:
        return self.state.target

    @property
    def paused_at(self) -> float | None:
        return self.state.paused_at

    @property
    def elapsed(self) -> float:
        state = self.state
        now = state.paused_at if state.paused_at is not None else time.monotonic()
        return (now - state.started) / self.scale

    def start_hold(self, target_s: int) -> None:
        self._begin(TimerMode.HOLD, target_s)

    def start_rest(self, seconds: int) -> None:
        if seconds > 0:
            self._begin(TimerMode.REST, seconds)

    def _begin(self, mode: TimerMode, target: int) -> None:
        self.state.mode, self.state.target = mode, target
        self.state.started = time.monotonic()
        self.state.paused_at = None
        self.state.rang = False
        self.state.owner = self.owner
        self.remove_class("reached")
        self._tick()

    def stop(self) -> int:
        """Stop and return the whole seconds counted (the seconds held, for a hold)."""
        held = int(self.elapsed) if self.mode is not TimerMode.IDLE else 0
        self.state.mode = TimerMode.IDLE
        self.state.paused_at = None
        self.update("")
        self.remove_class("reached")
        return held

    def skip_rest(self) -> None:
        if self.mode is TimerMode.REST:
            self.stop()
            self.post_message(self.RestOver())

    def pause(self) -> None:
        if self.mode is not TimerMode.IDLE and self.state.paused_at is None:
            self.state.paused_at = time.monotonic()

    def resume(self) -> None:
        if self.state.paused_at is not None:
            self.state.started += time.monotonic() - self.state.paused_at
            self.state.paused_at = None

    @property
    def running(self) -> bool:
        return self.mode is not TimerMode.IDLE

    def _tick(self) -> None:
        if self.mode is TimerMode.IDLE:
            return
        elapsed = self.elapsed
        paused = " (paused)" if self.paused_at is not None else ""
        if self.mode is TimerMode.HOLD:
            if self.state.rang:
                self.add_class("reached")
            if elapsed < self.target:
                left = self.target - elapsed
                self.update(f"Hold: {int(left) + 1} s to go of {self.target} s{paused}  (t: stop)")
            else:
                if not self.state.rang:
                    self.state.rang = True
                    self.add_class("reached")
                    self.app.bell()
                    self.post_message(self.Reached())
                self.update(
                    f"Hold: {self.target} s reached, {int(elapsed)} s so far{paused}  (t: stop, log)"
                )
        else:
            left = self.target - elapsed
            if left <= 0:
                self.stop()
                self.app.bell()
                self.post_message(self.RestOver())
                return
            self.update(f"Rest: {int(left) + 1} s  (space: skip){paused}")
