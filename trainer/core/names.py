"""Exercise names and sides as people and other apps write them (issue 16.1-16.2).

Pure. A name in a Strong, Hevy or FitNotes file is matched to the catalogue when its folded form
equals the folded form of an exercise's id, name or `aliases`, or of a level's `aliases` (then the
name means that level). Folding ignores case, punctuation, plurals, word order, equipment words
("Dumbbell Step Ups" is a step-up: the load is in the weight column) and side words. A person's
own `--map "Name=exercise-id[:level]"` comes before everything.

Loggers have no side field, so people write the side in the name ("Clamshell (Left)") or in a
note ("left", "R", "links"); `side_in_text` reads it. A text naming both sides names none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer.core.errors import EntryError
from trainer.core.model import Catalogue, Exercise, Side

# Words that say what the load is, or how many sides: never what the exercise is.
_EQUIPMENT = frozenset(
    "dumbbell db barbell bb kettlebell kb band banded resistance miniband mini loop cable machine "
    "smith bodyweight bw weighted weight plate ankle".split()
)
_HOW_MANY_SIDES = re.compile(
    r"\b(?:each|per|both|one|every|alternating|alt)[\s-]+(?:side|sides|leg|legs|arm|arms)\b"
)
_SYNONYMS = (
    (re.compile(r"\brdls?\b"), "romanian deadlift"),
    (re.compile(r"\b(?:one|1|single)[\s-]*(?:leg|legged)\b"), "single leg"),
    (re.compile(r"\bbody[\s-]*weight\b"), "bodyweight"),
)
# Side words of the locales Strong, Hevy and FitNotes are used in; `l` and `r` only alone.
_SIDE_WORDS = {
    Side.LEFT: ("left", "lt", "l", "links", "linker", "linkes", "gauche", "izquierda", "izquierdo",
                "izq", "sinistra", "sinistro", "sx", "esquerda", "esquerdo", "esq"),
    Side.RIGHT: ("right", "rt", "r", "rechts", "rechter", "rechtes", "droite", "droit", "derecha",
                 "derecho", "destra", "destro", "dx", "direita", "direito"),
}
_SIDE_OF = {word: side for side, words in _SIDE_WORDS.items() for word in words}
# "Right" that is not a side: "all right", "right away", "felt right".
_NOT_A_SIDE = re.compile(
    r"\b(?:all|alright|felt|feels?|just|that's|thats|is)\s+right\b|"
    r"\bright\s+(?:away|now|after|before|then|there|here|on)\b"
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def side_in_text(text: str) -> Side | None:
    """The one side a name or note names; None when it names none or both."""
    cleaned = _NOT_A_SIDE.sub(" ", text.lower())
    found = {_SIDE_OF[w] for w in _words(cleaned) if w in _SIDE_OF}
    return found.pop() if len(found) == 1 else None


def _singular(word: str) -> str:
    if word in ("ups", "downs", "outs", "ins"):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise_name(name: str) -> str:
    """A name reduced to what identifies the exercise: lower case, letters and digits only, no
    equipment or side words, a plural `s` dropped, the words in alphabetical order. `Birddog`,
    `Bird-dog` and `Bird Dog` all become `birddog`; `Lateral Band Walks` and `Banded lateral walk`
    both become `lateralwalk`."""
    text = name.lower()
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    text = _HOW_MANY_SIDES.sub(" ", text)
    singular = (_singular(w) for w in _words(text) if w not in _SIDE_OF)
    words = [w for w in singular if w not in _EQUIPMENT]
    return "".join(sorted(words))


@dataclass(frozen=True)
class NameMatch:
    """What a name in a file means in the catalogue."""

    exercise_id: str
    level: int | None = None  # the name means one level of the ladder (an alias of that level)
    side: Side | None = None  # the name says the side: "Clamshell (Left)"


def parse_mapping(text: str, catalogue: Catalogue) -> tuple[str, NameMatch]:
    """`Name=exercise-id[:level]` (the `--map` option), checked against the catalogue."""
    name, equals, target = text.rpartition("=")
    if not equals or not name.strip() or not target.strip():
        raise EntryError(f"--map {text!r}: write it as \"Name in the file=exercise-id\" (or =id:level)")
    exercise_id, colon, level_text = target.strip().partition(":")
    if exercise_id not in catalogue:
        hint = difflib.get_close_matches(exercise_id, [ex.id for ex in catalogue.exercises], 1)
        also = f"; did you mean {hint[0]}?" if hint else "; `trainer catalog` lists them"
        raise EntryError(f"--map {text!r}: there is no exercise {exercise_id!r}{also}")
    level = None
    if colon:
        exercise = catalogue.get(exercise_id)
        if not level_text.isdigit() or not 1 <= int(level_text) <= len(exercise.levels):
            raise EntryError(
                f"--map {text!r}: {exercise_id} has levels 1-{len(exercise.levels)}; "
                f"{level_text!r} is not one of them"
            )
        level = int(level_text)
    return name.strip(), NameMatch(exercise_id, level)


class NameMapper:
    """Maps names in other apps' files to the catalogue (see the module's docstring)."""

    def __init__(self, catalogue: Catalogue, mappings: Mapping[str, NameMatch] | None = None) -> None:
        self._catalogue = catalogue
        found: dict[str, set[tuple[str, int | None]]] = {}

        def add(forms: Iterable[str], target: tuple[str, int | None]) -> None:
            for form in forms:
                key = normalise_name(form)
                if key:
                    found.setdefault(key, set()).add(target)

        for exercise in catalogue.exercises:
            add((exercise.id.replace("-", " "), exercise.name, *exercise.aliases), (exercise.id, None))
        for exercise in catalogue.exercises:
            for level in exercise.levels:
                add(level.aliases, (exercise.id, level.number))
        # A form two exercises share names neither; an exercise's own name beats a level alias.
        self._targets: dict[str, tuple[str, int | None]] = {}
        for key, targets in found.items():
            ids = {exercise_id for exercise_id, _ in targets}
            if len(ids) == 1:
                self._targets[key] = min(targets, key=lambda t: (t[1] is not None, t[1] or 0))
        self._mapped = {normalise_name(name) or name: match for name, match in (mappings or {}).items()}
        self._cache: dict[str, NameMatch | None] = {}

    def __call__(self, name: str) -> NameMatch | None:
        if name not in self._cache:
            self._cache[name] = self._match(name)
        return self._cache[name]

    def _match(self, name: str) -> NameMatch | None:
        key = normalise_name(name)
        side = side_in_text(name)
        mapped = self._mapped.get(key or name)
        if mapped is not None:
            return NameMatch(mapped.exercise_id, mapped.level, side)
        target = self._targets.get(key)
        if target is None:
            return None
        return NameMatch(target[0], target[1], side)

    def closest(self, name: str) -> Exercise | None:
        """The catalogue exercise whose name is most like `name` (a hint for an unmatched one)."""
        key = normalise_name(name)
        if not key:
            return None
        best = difflib.get_close_matches(key, list(self._targets), n=1, cutoff=0.6)
        if not best:
            return None
        return self._catalogue.get(self._targets[best[0]][0])
