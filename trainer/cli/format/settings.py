"""The settings and the visits to a professional as the command line shows them: `settings`,
`visits` (JSON keys are a contract for scripts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from trainer.core.model import Catalogue, Settings, Side
from trainer.core.usual_pain import UsualPain


def _bands_of(settings: Settings, catalogue: Catalogue) -> tuple[str, ...]:
    return catalogue.band_colours if settings.bands is None else settings.bands


def settings_json(
    settings: Settings, catalogue: Catalogue, usual: Mapping[Side, UsualPain] | None = None
) -> dict[str, Any]:
    """The stable JSON form of the settings (keys are a contract for scripts).

    `baseline_pain_left/right` are null when not recorded; `usual_pain_left/right` say what the
    engine uses, recorded or estimated (6.9.8); they are left out when `usual` is not given."""
    data: dict[str, Any] = {
        "baseline_pain_left": settings.baseline_pain_left,
        "baseline_pain_right": settings.baseline_pain_right,
        "involved_side": None if settings.involved_side is None else settings.involved_side.value,
        "dumbbells_kg": list(settings.dumbbells_kg),
        "bands": list(_bands_of(settings, catalogue)),
        "seen_professional": (
            None if settings.seen_professional is None else settings.seen_professional.isoformat()
        ),
    }
    if usual is not None:
        for side in (Side.LEFT, Side.RIGHT):
            data[f"usual_pain_{side.value}"] = {
                "value": usual[side].value, "estimated": usual[side].estimated
            }
    return data


def _usual_text(recorded: int | None, usual: UsualPain | None) -> str:
    if recorded is not None:
        return f"{recorded}/10 (usual pain on waking)"
    if usual is None:
        return "not recorded (usual pain on waking)"
    return f"not recorded (estimated {usual.value}/10 from your first week)"


def visits_json(visits: Sequence[date]) -> list[dict[str, str]]:
    """The stable JSON form of `trainer visits`: oldest first (keys are a contract for scripts)."""
    return [{"date": day.isoformat()} for day in visits]


def visits_text(visits: Sequence[date]) -> str:
    if not visits:
        return (
            "No visit to a professional recorded. Record one with "
            "`trainer settings --seen-professional DATE`."
        )
    lines = [f"Visits to a physiotherapist or doctor ({len(visits)}), oldest first:"]
    lines += [f"  {day:%a} {day.day} {day:%b %Y}" for day in visits]
    return "\n".join(lines)


def settings_text(
    settings: Settings, catalogue: Catalogue, usual: Mapping[Side, UsualPain] | None = None
) -> str:
    dumbbells = (
        ", ".join(f"{kg:g}" for kg in settings.dumbbells_kg) + " kg"
        if settings.dumbbells_kg
        else "none"
    )
    whose = "; the catalogue's" if settings.bands is None else ""
    bands = f"{', '.join(_bands_of(settings, catalogue))} (light to heavy{whose})"
    seen = settings.seen_professional
    rows = [
        ("baseline pain left", _usual_text(settings.baseline_pain_left, (usual or {}).get(Side.LEFT))),
        ("baseline pain right", _usual_text(settings.baseline_pain_right, (usual or {}).get(Side.RIGHT))),
        ("involved side", settings.involved_side.value if settings.involved_side else "unknown"),
        ("dumbbells", dumbbells),
        ("bands", bands),
        ("seen professional", seen.isoformat() if seen else "not recorded"),
    ]
    return "\n".join(f"{name:<20} {value}" for name, value in rows)
