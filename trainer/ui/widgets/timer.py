"""Hold and rest timers that never block the UI.

A hold counts down to its target and then up past it, ringing the terminal bell at the target;
stopping it gives the seconds actually held. A rest counts down and rings when it is over. Time is
read from a monotonic clock, so a busy UI or a screen change never makes a timer drift; `scale`
speeds time up in tests (0.01: a 30 s hold takes 0.3 s).
"""

from __future__ import annotations

import time
from enum import StrEnum

from textual.message import Message
from textual.widgets import Static


class TimerMode(StrEnum):
    IDLE = "idle"
    HOLD = "hold"
    REST = "rest"


class SessionTimer(Static):
    DEFAULT_CSS = """
    SessionTimer {
        height: 1;
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

    def __init__(self, scale: float = 1.0, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.scale = scale
        self.mode = TimerMode.IDLE
        self.target = 0
        self._started = 0.0
        self._rang = False
        self._ticker = None
        self.paused_at: float | None = None

    def on_mount(self) -> None:
        self._ticker = self.set_interval(0.1, self._tick)

    @property
    def elapsed(self) -> float:
        now = self.paused_at if self.paused_at is not None else time.monotonic()
        return (now - self._started) / self.scale

    def start_hold(self, target_s: int) -> None:
        self._begin(TimerMode.HOLD, target_s)

    def start_rest(self, seconds: int) -> None:
        if seconds > 0:
            self._begin(TimerMode.REST, seconds)

    def _begin(self, mode: TimerMode, target: int) -> None:
        self.mode, self.target = mode, target
        self._started = time.monotonic()
        self.paused_at = None
        self._rang = False
        self.remove_class("reached")
        self._tick()

    def stop(self) -> int:
        """Stop and return the whole seconds counted (the seconds held, for a hold)."""
        held = int(self.elapsed) if self.mode is not TimerMode.IDLE else 0
        self.mode = TimerMode.IDLE
        self.paused_at = None
        self.update("")
        self.remove_class("reached")
        return held

    def skip_rest(self) -> None:
        if self.mode is TimerMode.REST:
            self.stop()
            self.post_message(self.RestOver())

    def pause(self) -> None:
        if self.mode is not TimerMode.IDLE and self.paused_at is None:
            self.paused_at = time.monotonic()

    def resume(self) -> None:
        if self.paused_at is not None:
            self._started += time.monotonic() - self.paused_at
            self.paused_at = None

    @property
    def running(self) -> bool:
        return self.mode is not TimerMode.IDLE

    def _tick(self) -> None:
        if self.mode is TimerMode.IDLE:
            return
        elapsed = self.elapsed
        paused = " (paused)" if self.paused_at is not None else ""
        if self.mode is TimerMode.HOLD:
            if elapsed < self.target:
                left = self.target - elapsed
                self.update(f"Hold: {int(left) + 1} s to go of {self.target} s{paused}  (t: stop)")
            else:
                if not self._rang:
                    self._rang = True
                    self.add_class("reached")
                    self.app.bell()
                    self.post_message(self.Reached())
                self.update(
                    f"Hold: target {self.target} s reached, {int(elapsed)} s so far{paused}  (t: stop and log)"
                )
        else:
            left = self.target - elapsed
            if left <= 0:
                self.stop()
                self.app.bell()
                self.post_message(self.RestOver())
                return
            self.update(f"Rest: {int(left) + 1} s  (space: skip){paused}")
