"""Checkpoints as plain data (the store keeps them as JSON), the key they are valid under, and
ENGINE_VERSION, which that key includes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any, NotRequired, TypedDict

from trainer.core.model import Catalogue, Load, Side
from trainer.core.progression.decisions import Prescription
from trainer.core.progression.history import History, usual_pains, visit_days
from trainer.core.progression.memory import Checkpoint, Fold, ReferralEvent
from trainer.core.progression.parameters import DEFAULT_PARAMETERS, Parameters
from trainer.core.progression.referrals import urgency

LoadData = list[float | str | None]  # [kg, band]
# [level, [kg, band], sets, reps_min, reps_max, hold_s]
PrescriptionData = list[int | LoadData | None]
EventData = list[str | None]  # [rule, fired (ISO date), text, regress_key]


class FoldData(TypedDict):
    rx: PrescriptionData | None
    reentry_left: int
    pre_layoff: PrescriptionData | None
    events: list[EventData]
    deload_rx: PrescriptionData | None
    deload_source: PrescriptionData | None
    deload_start: str | None
    regressed_for: list[str]
    last_target: int | None
    # Added by later engine versions: checkpoints stored before them lack these.
    extra_set: NotRequired[bool]
    eased: NotRequired[bool]
    capped_days: NotRequired[list[str]]
    rx_capped: NotRequired[bool]


class CheckpointData(TypedDict):
    """A checkpoint as JSON-able data (lists, strings, numbers)."""

    exercise: str
    side: str
    covers_to: str
    lookback_from: str
    last_lsi_before: float | None
    fold: FoldData


# Bump when a rule changes, so stored checkpoints are not reused (2: 6.9.1, 6.9.4, 6.9.6, 6.9.7,
# 6.9.10-11, 6.9.13; 3: 6.9.2, 6.9.12; 4: 6.9.3, 6.9.4, 6.9.5, 6.9.9; 5: both-sides sets out of the
# symmetry index; 6: 6.9.8).
ENGINE_VERSION = "6"


def checkpoint_key(catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS) -> str:
    """What a checkpoint also depends on besides the dated data: the engine and its parameters,
    the catalogue, the settings, the plan's start, the checklist answer in force on `on` and
    the visits (a visit recorded afterwards may lift a referral inside a checkpoint's memory)
    and each side's usual morning pain on `on`, its value and whether it is estimated (6.9.8).
    A checkpoint made under another key is not used."""
    urgent, gp = urgency(history, on)
    material = repr((
        ENGINE_VERSION, params, catalogue.exercises, catalogue.band_colours, history.settings,
        history.plan_start, urgent, gp, visit_days(history), usual_pains(history, on),
    ))
    return hashlib.sha256(material.encode()).hexdigest()


def _load_data(load: Load) -> LoadData:
    return [load.kg, load.band]


def _rx_data(rx: Prescription | None) -> PrescriptionData | None:
    if rx is None:
        return None
    return [rx.level, _load_data(rx.load), rx.sets, rx.reps_min, rx.reps_max, rx.hold_s]


def _rx_from(data: Any) -> Prescription | None:
    # `data` is read back from JSON: whatever does not fit raises while unpacking or in Load.
    if data is None:
        return None
    level, (kg, band), sets, reps_min, reps_max, hold_s = data
    return Prescription(level, Load(kg=kg, band=band), sets, reps_min, reps_max, hold_s)


def _day_from(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def checkpoint_data(checkpoint: Checkpoint) -> CheckpointData:
    """A checkpoint as JSON-able data (lists, strings, numbers)."""
    fold = checkpoint.fold
    return {
        "exercise": checkpoint.exercise_id,
        "side": checkpoint.side.value,
        "covers_to": checkpoint.covers_to.isoformat(),
        "lookback_from": checkpoint.lookback_from.isoformat(),
        "last_lsi_before": checkpoint.last_lsi_before,
        "fold": {
            "rx": _rx_data(fold.rx),
            "reentry_left": fold.reentry_left,
            "pre_layoff": _rx_data(fold.pre_layoff),
            "events": [[e.rule, e.fired.isoformat(), e.text, e.regress_key] for e in fold.events],
            "deload_rx": _rx_data(fold.deload_rx),
            "deload_source": _rx_data(fold.deload_source),
            "deload_start": None if fold.deload_start is None else fold.deload_start.isoformat(),
            "regressed_for": sorted(fold.regressed_for),
            "last_target": fold.last_target,
            "extra_set": fold.extra_set,
            "eased": fold.eased,
            "capped_days": [d.isoformat() for d in fold.capped_days],
            "rx_capped": fold.rx_capped,
        },
    }


def checkpoint_from(data: Mapping[str, Any]) -> Checkpoint:
    """The inverse of `checkpoint_data`; ValueError (or KeyError/TypeError) on anything malformed.
    `data` is JSON read back from the store, so nothing about its shape is assumed."""
    fold = data["fold"]
    return Checkpoint(
        exercise_id=str(data["exercise"]),
        side=Side(data["side"]),
        covers_to=date.fromisoformat(data["covers_to"]),
        lookback_from=date.fromisoformat(data["lookback_from"]),
        last_lsi_before=data["last_lsi_before"],
        fold=Fold(
            rx=_rx_from(fold["rx"]),
            reentry_left=int(fold["reentry_left"]),
            pre_layoff=_rx_from(fold["pre_layoff"]),
            events=tuple(
                ReferralEvent(rule, date.fromisoformat(fired), text, key) for rule, fired, text, key in fold["events"]
            ),
            deload_rx=_rx_from(fold["deload_rx"]),
            deload_source=_rx_from(fold["deload_source"]),
            deload_start=_day_from(fold["deload_start"]),
            regressed_for=frozenset(fold["regressed_for"]),
            last_target=fold["last_target"],
            extra_set=bool(fold.get("extra_set", False)),
            eased=bool(fold.get("eased", False)),
            capped_days=tuple(date.fromisoformat(d) for d in fold.get("capped_days", ())),
            rx_capped=bool(fold.get("rx_capped", False)),
        ),
    )
