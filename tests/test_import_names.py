"""Issue 16.1-16.2: exercise names as people write them, sides from names and notes, timed holds.

Files in the real formats of Strong (legacy, with set notes), Hevy (exercise notes) and FitNotes
(Android `Comment`, iOS `Notes`), imported through the real CLI into a real database and read back
through `trainer export --format csv`.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

STRONG_HEAD = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
HEVY_HEAD = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"'
)
FITNOTES_HEAD = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"

# The names real users' files hold, and what they are in the catalogue (id, level or None).
REAL_NAMES = {
    "Glute Bridge": ("single-leg-glute-bridge", 1),
    "Single Leg Bridge": ("single-leg-glute-bridge", 3),
    "Glute Bridge (Single Leg)": ("single-leg-glute-bridge", None),
    "Single Leg Deadlift": ("single-leg-romanian-deadlift", None),
    "Step Ups": ("step-up", None),
    "Step-Ups": ("step-up", None),
    "Dumbbell Step Ups": ("step-up", None),
    "Lateral Band Walks": ("banded-lateral-walk", None),
    "Side Lying Hip Abduction": ("side-lying-leg-raise", None),
    "Side Leg Raise": ("side-lying-leg-raise", None),
    "Clam": ("clamshell", None),
    "Hip Flexor Stretch": ("kneeling-hip-flexor-stretch", None),
}


def _import(run_cli, path: Path, *extra: str) -> dict:
    result = run_cli("import", str(path), "--weight-unit", "kg", "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _sets(run_cli) -> list[dict]:
    result = run_cli("export", "--format", "csv")
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


def _strong(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "strong.csv"
    path.write_text("\n".join([STRONG_HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_names_real_users_write_are_matched(run_cli, tmp_path):
    rows = [  # a stretch is logged in seconds
        f'2026-11-{10 + n:02d} 18:00:00,"Rehab",30m,"{name}",1,0,12,0,{30 if "Stretch" in name else 0},"","",'
        for n, name in enumerate(REAL_NAMES)
    ]
    report = _import(run_cli, _strong(tmp_path, rows))
    assert report["unmapped"] == {}
    by_day = {s["date"]: s for s in _sets(run_cli)}
    for n, (name, (exercise_id, level)) in enumerate(REAL_NAMES.items()):
        imported = by_day[f"2026-11-{10 + n:02d}"]
        assert imported["exercise"] == exercise_id, name
        if level is not None:
            assert imported["level"] == str(level), name


def test_sides_come_from_the_name_and_the_notes(run_cli, tmp_path):
    rows = [
        '2026-11-16 18:00:00,"Rehab",30m,"Clamshell (Left)",1,0,15,0,0,"","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Clamshell (Right)",1,0,12,0,0,"","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Step Ups",1,0,10,0,0,"left side","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Step Ups",2,0,8,0,0,"R","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Step Ups",3,0,9,0,0,"felt all right","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Side Leg Raise",1,0,12,0,0,"links","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Side Leg Raise",2,0,12,0,0,"rechts","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Side Leg Raise",3,0,12,0,0,"left then right","",',
    ]
    report = _import(run_cli, _strong(tmp_path, rows))
    sides = [(s["exercise"], s["side"], s["reps"]) for s in _sets(run_cli)]
    assert sorted(sides) == sorted([
        ("clamshell", "left", "15"), ("clamshell", "right", "12"),
        ("step-up", "left", "10"), ("step-up", "right", "8"), ("step-up", "both", "9"),
        ("side-lying-leg-raise", "left", "12"), ("side-lying-leg-raise", "right", "12"),
        ("side-lying-leg-raise", "both", "12"),
    ])
    assert any("6 sets named their side" in note for note in report["notes"])
    assert any("2 sets named no side" in note for note in report["notes"])


def test_hevy_exercise_notes_give_the_side(run_cli, tmp_path):
    path = tmp_path / "hevy.csv"
    path.write_text("\n".join([
        HEVY_HEAD,
        '"Hips","10 Nov 2026, 08:00","10 Nov 2026, 08:40","","Clamshell",,"Left side",0,"normal",,15,,,',
        '"Hips","10 Nov 2026, 08:00","10 Nov 2026, 08:40","","Clamshell",,"Left side",1,"normal",,14,,,',
        '"Hips","10 Nov 2026, 08:00","10 Nov 2026, 08:40","","Lateral Band Walks",,"",0,"normal",,20,,,',
    ]) + "\n", encoding="utf-8")
    _import(run_cli, path)
    sides = sorted((s["exercise"], s["side"]) for s in _sets(run_cli))
    assert sides == [("banded-lateral-walk", "both"), ("clamshell", "left"), ("clamshell", "left")]


@pytest.mark.parametrize("notes_column", ["Comment", "Notes"])
def test_fitnotes_comments_give_the_side(run_cli, tmp_path, notes_column):
    path = tmp_path / "fitnotes.csv"
    head = FITNOTES_HEAD.replace("Comment", notes_column)
    path.write_text("\n".join([
        head,
        '2026-11-10,Single Leg Deadlift,Legs,6.0,kgs,10,,,,"L"',
        '2026-11-10,Single Leg Deadlift,Legs,6.0,kgs,8,,,,"right leg, wobbly"',
    ]) + "\n", encoding="utf-8")
    _import(run_cli, path)
    sides = sorted((s["side"], s["reps"]) for s in _sets(run_cli))
    assert sides == [("left", "10"), ("right", "8")]


def test_a_copenhagen_hold_in_seconds_imports_as_that_hold(run_cli, tmp_path):
    rows = [
        '2026-11-16 18:00:00,"Rehab",30m,"Copenhagen Plank",1,0,0,0,30,"left","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Copenhagen Plank",2,0,0,0,45,"right","",',
    ]
    report = _import(run_cli, _strong(tmp_path, rows))
    assert report["added"] == 2 and report["unfit_skipped"] == 0
    held = sorted((s["side"], s["reps"], s["hold_s"]) for s in _sets(run_cli))
    # Level 1 holds 20 s a rep: 30 s is one such hold, 45 s two; the seconds are kept.
    assert held == [("left", "1", "30"), ("right", "2", "45")]
    assert any("as that hold" in note for note in report["notes"])


def test_unmatched_names_get_the_closest_exercise_and_the_map_to_use(run_cli, tmp_path):
    rows = ['2026-11-16 18:00:00,"Rehab",30m,"Hip Thrust (Barbell)",1,40,10,0,0,"","",']
    path = _strong(tmp_path, rows)
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code == 0, result.err
    assert 'Hip Thrust (Barbell) (1): closest is single-leg-glute-bridge' in result.out
    assert '--map "Hip Thrust (Barbell)=single-leg-glute-bridge"' in result.out
    assert _sets(run_cli) == []
    # The map imports it, at the level given.
    report = _import(run_cli, path, "--map", "Hip Thrust (Barbell)=single-leg-glute-bridge:5")
    assert report["added"] == 1 and report["unmapped"] == {}
    (imported,) = _sets(run_cli)
    assert (imported["exercise"], imported["level"], imported["load"]) == ("single-leg-glute-bridge", "5", "40kg")


@pytest.mark.parametrize(
    "mapping, message",
    [
        ("Hip Thrust", "write it as"),
        ("Hip Thrust=glute-brige", "did you mean"),
        ("Hip Thrust=step-up:9", "step-up has levels 1-3"),
        ("Hip Thrust=step-up:x", "step-up has levels 1-3"),
    ],
)
def test_a_wrong_map_exits_2_and_imports_nothing(run_cli, tmp_path, mapping, message):
    path = _strong(tmp_path, ['2026-11-16 18:00:00,"Rehab",30m,"Clam",1,0,10,0,0,"","",'])
    result = run_cli("import", str(path), "--map", mapping)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert _sets(run_cli) == []


# --- Strong in the phone's language, with a 12-hour clock (issue 16.3) ------------------------

LOCALISED_STRONG = {
    "fr": "Date;Nom de l'entraînement;Durée;Nom de l'exercice;Ordre des séries;Poids;"
    "Répétitions;Distance;Secondes;Notes;Notes d'entraînement;RPE",
    "de": "Datum;Trainingsname;Dauer;Übungsname;Satzreihenfolge;Gewicht;"
    "Wiederholungen;Distanz;Sekunden;Notizen;Trainingsnotizen;RPE",
    "es": "Fecha;Nombre del entrenamiento;Duración;Nombre del ejercicio;Orden de la serie;Peso;"
    "Repeticiones;Distancia;Segundos;Notas;Notas del entrenamiento;RPE",
    "it": "Data;Nome dell’allenamento;Durata;Nome dell’esercizio;Ordine delle serie;Peso;"
    "Ripetizioni;Distanza;Secondi;Note;Note dell’allenamento;RPE",
    "pt": "Data;Nome do treino;Duração;Nome do exercício;Ordem das séries;Peso;"
    "Repetições;Distância;Segundos;Notas;Notas do treino;RPE",
    # A language the header table does not know: read by the legacy layout's positions.
    "nl": "Datum;Trainingsnaam;Duur;Naam oefening;Setvolgorde;Gewicht;"
    "Herhalingen;Afstand;Seconden;Notities;Trainingsnotities;RPE",
}


@pytest.mark.parametrize("language", sorted(LOCALISED_STRONG))
def test_strong_in_other_languages_with_a_12_hour_clock(run_cli, tmp_path, language):
    path = tmp_path / f"strong-{language}.csv"
    path.write_text("\n".join([
        LOCALISED_STRONG[language],
        '2025-01-30 12:34:56\u202fpm;"Hanches";45m;"Clamshell";1;0;15;0;0;"gauche";"";',
        '2025-01-30 12:34:56\u202fpm;"Hanches";45m;"Single Leg Deadlift";1;8,5;10;0;0;"";"";',
        '2025-01-31 9:05:00 a. m.;"Hanches";45m;"Kneeling Hip Flexor Stretch";1;0;0;0;45;"";"";',
    ]) + "\n", encoding="utf-8")
    report = _import(run_cli, path)
    assert report["format"] == "strong" and report["added"] == 3, report
    sets = sorted((s["date"], s["exercise"], s["side"], s["reps"], s["hold_s"], s["load"]) for s in _sets(run_cli))
    assert sets == [
        ("2025-01-30", "clamshell", "left", "15", "", "bw"),
        ("2025-01-30", "single-leg-romanian-deadlift", "both", "10", "", "8.5kg"),
        ("2025-01-31", "kneeling-hip-flexor-stretch", "both", "", "45", "bw"),
    ]


def test_a_file_imported_again_with_the_other_weight_unit_gets_its_weights_replaced(run_cli, tmp_path):
    """Strong's legacy export does not say kg or lbs: a person who picked the wrong one imports
    it again with the other, and the sets already there take the weights read now."""
    path = _strong(tmp_path, [
        '2026-11-16 18:00:00,"Rehab",30m,"Single Leg Deadlift",1,20,10,0,0,"","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Single Leg Deadlift",2,20,10,0,0,"","",',
        '2026-11-16 18:00:00,"Rehab",30m,"Clam",1,0,15,0,0,"","",',
    ])
    assert _import(run_cli, path)["added"] == 3  # --weight-unit kg
    result = run_cli("import", str(path), "--weight-unit", "lbs", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["added"] == 0 and report["duplicates_skipped"] == 3
    assert report["weights_replaced"] == 2
    assert any("weight unit differs" in note for note in report["notes"])
    loads = sorted(s["load"] for s in _sets(run_cli))
    assert loads == ["9.07kg", "9.07kg", "bw"]
    # The same unit again changes nothing.
    again = json.loads(run_cli("import", str(path), "--weight-unit", "lbs", "--json").out)
    assert again["weights_replaced"] == 0 and again["added"] == 0


def test_a_map_is_remembered_for_the_next_import_of_that_app(run_cli, tmp_path):
    first = _strong(tmp_path, ['2026-11-16 18:00:00,"Rehab",30m,"Hip Thrust (Barbell)",1,40,10,0,0,"","",'])
    _import(run_cli, first, "--map", "Hip Thrust (Barbell)=single-leg-glute-bridge:5")
    later = tmp_path / "later.csv"
    later.write_text(
        STRONG_HEAD + '\n2026-11-20 18:00:00,"Rehab",30m,"Hip Thrust (Barbell)",1,42.5,10,0,0,"","",\n',
        encoding="utf-8",
    )
    report = _import(run_cli, later)  # no --map this time
    assert report["added"] == 1 and report["unmapped"] == {}
    assert any("mapped at an earlier import" in note for note in report["notes"])
    assert [(s["exercise"], s["level"]) for s in _sets(run_cli)] == [("single-leg-glute-bridge", "5")] * 2
    # A Hevy file is another app: the Strong map does not apply to it.
    hevy = tmp_path / "hevy.csv"
    hevy.write_text("\n".join([
        HEVY_HEAD,
        '"Hips","21 Nov 2026, 08:00","21 Nov 2026, 08:40","","Hip Thrust (Barbell)",,"",0,"normal",40,10,,,',
    ]) + "\n", encoding="utf-8")
    assert _import(run_cli, hevy)["unmapped"] == {"Hip Thrust (Barbell)": 1}
    # The backup keeps the maps.
    data = json.loads(run_cli("export", "--format", "json").out)
    assert data["import_name_maps"] == [
        {"app": "strong", "name": "Hip Thrust (Barbell)", "exercise": "single-leg-glute-bridge", "level": 5}
    ]
