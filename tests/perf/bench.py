"""On-demand benchmark of trainer on a synthetic ten-year history.

Run it by hand (it is not part of the test suite; pytest ignores tests/perf):

    python tests/perf/bench.py            # reuse the cached history database if present
    python tests/perf/bench.py --rebuild  # build the history again
    python tests/perf/bench.py --repeat 9 # more repetitions of the whole-process timings

The history is built once through the real store (`Store.import_sets`, `record_morning`,
`record_symptoms`, `Services.set_plan`) and cached as /tmp/trainer-bench-<hash>.db, where the hash
covers the catalogue, the schema revision and this generator. Every run works on a copy of it, so
the cached file never changes. The script prints one table (figure, value, target, PASS/FAIL) and
exits 0 whatever the figures: it is a report, not a gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from trainer import paths  # noqa: E402
from trainer.core.clock import SystemClock  # noqa: E402
from trainer.core.model import (  # noqa: E402
    Catalogue,
    DoseKind,
    Exercise,
    Load,
    LoadKind,
    MorningCheck,
    SetEntry,
    Side,
    Sidedness,
    SymptomAnswers,
)
from trainer.core.plan import WEEKDAY_NAMES, weekly_rule  # noqa: E402
from trainer.services import Services, build_services, load_catalogue  # noqa: E402
from trainer.store import SCHEMA_REVISION, SessionStatus  # noqa: E402

GENERATOR_VERSION = "2"  # bump when the synthetic history changes, so the cache is rebuilt
YEARS = 10
STALE_DAYS = 7  # a cached history ending longer ago than this is rebuilt
CHUNK_DAYS = 14  # training days per import_sets call (one transaction each)
LOG_SETS = 200
CHART_SIZE = (100, 24)  # width, height of the charts (a roomy terminal pane)

TARGETS = {
    "startup_ratio": 2.0,
    "log_median_ms": 1.0,
    "log_p95_ms": 5.0,
    "suggest_ratio": 1.5,
    "chart_ms": 100.0,
    "tui_peak_mb": 150.0,
}


# --- the synthetic history ----------------------------------------------------------------------


def cache_path(catalog: Path) -> Path:
    digest = hashlib.sha256()
    digest.update(catalog.read_bytes())
    digest.update(f"schema={SCHEMA_REVISION};generator={GENERATOR_VERSION};years={YEARS}".encode())
    return Path(tempfile.gettempdir()) / f"trainer-bench-{digest.hexdigest()[:12]}.db"


def plan_weekdays(today: dt.date) -> tuple[int, ...]:
    """Four training days a week, today's weekday among them (so today is a training day)."""
    return tuple(sorted((today.weekday() + offset) % 7 for offset in (0, 2, 4, 5)))


def _level_index(exercise: Exercise, session_no: int) -> int:
    """Climb the ladder one level every ~12 weeks of training, then stay at the top."""
    return min(len(exercise.levels) - 1, session_no // 48)


def _sides(exercise: Exercise, level) -> tuple[Side, ...]:
    return (Side.BOTH,) if exercise.sided_at(level) is Sidedness.BOTH else (Side.LEFT, Side.RIGHT)


def _load(catalogue: Catalogue, level, weeks_at_level: int) -> Load:
    if LoadKind.WEIGHT in level.loads:
        return Load(kg=float(min(20, 2 + 2 * (weeks_at_level // 6))))
    if LoadKind.BAND in level.loads:
        bands = catalogue.band_colours
        return Load(band=bands[min(len(bands) - 1, weeks_at_level // 8)])
    return Load()


def history_rows(
    catalogue: Catalogue, days: list[dt.date], first_session: int, rng: random.Random
) -> list[tuple]:
    """import_sets rows for these training days: every exercise, each side, 2-3 sets."""
    rows = []
    for offset, day in enumerate(days):
        session_no = first_session + offset
        start = dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC)
        minute = 0
        for exercise in catalogue.exercises:
            index = _level_index(exercise, session_no)
            level = exercise.levels[index]
            weeks_at_level = (session_no - index * 48) // 4  # four sessions a week
            load = _load(catalogue, level, weeks_at_level)
            sets = max(2, min(3, level.sets))
            for side in _sides(exercise, level):
                for number in range(1, sets + 1):
                    low, high = level.min, level.max
                    # The involved (left) side lags a little behind the other.
                    amount = high - rng.randint(0, 2) if side is Side.LEFT else high - rng.randint(0, 1)
                    amount = max(low, min(high, amount))
                    pain = rng.choice((0, 0, 0, 0, 1, 1, 2)) if side is Side.LEFT else rng.choice((0, 0, 0, 1))
                    entry = SetEntry(
                        exercise_id=exercise.id,
                        level=level.number,
                        side=side,
                        reps=None if exercise.dose is DoseKind.HOLD else amount,
                        hold_s=amount if exercise.dose is DoseKind.HOLD else None,
                        load=load,
                        pain=pain,
                    )
                    minute += 1
                    key = f"bench:{day.isoformat()}:{exercise.id}:{side.value}:{number}"
                    rows.append((day, entry, start + dt.timedelta(minutes=minute), key, number))
    return rows


def build_history(path: Path, catalog: Path, today: dt.date) -> dict:
    """Write the ten-year history into a new database at `path` through the real store."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)
    catalogue = load_catalogue(catalog)
    rng = random.Random(20261125)
    start = today - dt.timedelta(days=365 * YEARS + YEARS // 4)
    weekdays = plan_weekdays(today)
    days = [
        start + dt.timedelta(days=i)
        for i in range((today - start).days)  # up to yesterday
        if (start + dt.timedelta(days=i)).weekday() in weekdays
    ]
    services = build_services(str(path), str(catalog), SystemClock())
    store = services.store
    began = time.perf_counter()
    try:
        services.set_plan(weekdays, start=start, involved_side=Side.LEFT, minutes=45)
        # Seen by a physiotherapist after the first half year: the engine's three-month pain
        # referral (RE-6) then stays answered instead of bannering the today screen for ever.
        services.update_settings(
            dumbbells_kg="2,4,6,8,10,12,14,16,18,20",
            seen_professional=start + dt.timedelta(days=180),
        )
        added = 0
        for first in range(0, len(days), CHUNK_DAYS):
            chunk = days[first:first + CHUNK_DAYS]
            done, _ = store.import_sets(history_rows(catalogue, chunk, first, rng), SessionStatus.DONE)
            added += done
            if first % (CHUNK_DAYS * 20) == 0:
                print(f"  history: {chunk[-1]}  {added:,} sets", file=sys.stderr, flush=True)
        # The morning after every session, and the weekly red-flag checklist (all answered no).
        for day in days:
            morning = day + dt.timedelta(days=1)
            if morning >= today:
                continue
            now = dt.datetime.combine(morning, dt.time(6, 30), tzinfo=dt.UTC)
            store.record_morning(
                MorningCheck(morning, Side.BOTH, pain=rng.choice((0, 0, 1)), soreness=rng.choice((1, 2, 3))),
                now,
            )
        week = start
        while week < today:
            store.record_symptoms(
                SymptomAnswers(week, frozenset()),
                dt.datetime.combine(week, dt.time(6, 0), tzinfo=dt.UTC),
            )
            week += dt.timedelta(days=7)
        count = store.count_sets()
    finally:
        services.close()
    print(
        f"  built {count:,} sets over {len(days):,} sessions in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return {"sets": count, "sessions": len(days)}


def history_end(path: Path) -> dt.date | None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT max(date) FROM training_session").fetchone()
    finally:
        connection.close()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


def working_copy(cached: Path, directory: Path) -> Path:
    """A consistent copy of the cached database (SQLite's backup API), private like the original."""
    from trainer.store import copy_database

    return copy_database(cached, directory / "trainer.db")


def plan_today(db: Path, today: dt.date) -> None:
    """Make today a training day in the working copy. The cached history's plan was made on the
    day it was built (reused for STALE_DAYS), so its weekdays may miss today's: the start-up
    figure would then time a rest day's empty screen (issue 17.5). The plan table is not engine
    data, so the stored checkpoints stay valid."""
    weekdays = plan_weekdays(today)
    with sqlite3.connect(db) as connection:
        for plan_id, start in connection.execute("SELECT id, start_date FROM plan").fetchall():
            connection.execute(
                "UPDATE plan SET weekdays = ?, rrule = ? WHERE id = ?",
                (",".join(WEEKDAY_NAMES[d] for d in weekdays), weekly_rule(weekdays, dt.date.fromisoformat(start)),
                 plan_id),
            )


def answer_todays_checks(services: Services) -> None:
    """Answer what the app would ask first today, so no dialog covers the today screen."""
    if services.symptoms_due():
        services.record_symptoms([])
    if services.morning_due() is not None:
        services.record_morning(Side.BOTH, pain=0, soreness=1)


# --- whole-process timings ------------------------------------------------------------------------

BARE_APP = textwrap.dedent(
    """
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True)
    """
)

# `trainer --db PATH` through the real entry point (argument parsing, catalogue, store, app), with
# two changes only: the app runs headless, and it exits right after the today screen's first
# refresh. It reports which screen was on top, so a dialog covering the today screen is noticed.
TRAINER_APP = textwrap.dedent(
    """
    import gc
    import sys

    # `trainer` loads Textual inside cli.main, with the collector off (see main); this script
    # loads it first, to patch it, so it does the same.
    gc.disable()
    import trainer.ui.app as ui_app
    from trainer.ui.screens.today import TodayScreen

    def peak_kb():
        # This process's own high-water mark. Not ru_maxrss: Linux carries into it the size of
        # the parent at fork time (here, a benchmark holding ten years of history in memory).
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    _on_mount = TodayScreen.on_mount
    seen = {}

    def on_mount(self):
        _on_mount(self)

        def painted():
            seen["top"] = type(self.app.screen).__name__
            seen["rows"] = len(self.items)
            self.app.exit()

        self.call_after_refresh(painted)

    TodayScreen.on_mount = on_mount

    _run = ui_app.TrainerApp.run

    def run(self, *args, **kwargs):
        kwargs["headless"] = True
        return _run(self, *args, **kwargs)

    # Patched on the class, not subclassed: Textual finds app.tcss next to the class's own file.
    ui_app.TrainerApp.run = run

    from trainer.cli import main

    code = main(["--db", sys.argv[1]])
    print(f"BENCH top={seen.get('top')} rows={seen.get('rows')}", file=sys.stderr)
    print(f"PEAK_KB {peak_kb()}", file=sys.stderr)
    sys.exit(code)
    """
)

COLD_SUGGEST = textwrap.dedent(
    """
    import sqlite3, sys
    from trainer.cli import main

    with sqlite3.connect(sys.argv[1]) as connection:
        connection.execute("DELETE FROM engine_checkpoint")
    sys.exit(main(["suggest", "--json", "--db", sys.argv[1]]))
    """
)

OPEN_STORE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from trainer import paths
    from trainer.store import open_store

    open_store(Path(sys.argv[1]), paths.migrations_dir()).close()
    """
)


def run_process(argv: list[str], workdir: Path) -> tuple[float, int, str, str, int]:
    """Run one child to its end: wall seconds, peak RSS in KB (this child's own rusage, from
    wait4), stdout, stderr and the exit code."""
    env = {k: v for k, v in os.environ.items() if k not in (paths.DB_ENV, paths.CATALOG_ENV)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("TERM", "xterm-256color")
    with open(workdir / "out", "w+b") as out, open(workdir / "err", "w+b") as err:
        began = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (
            elapsed,
            usage.ru_maxrss,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            child.returncode,
        )


def timed_runs(argv: list[str], workdir: Path, repeat: int, label: str) -> dict:
    times, peaks, own_peaks, stderr = [], [], [], ""
    run_process(argv, workdir)  # warm the page cache and the bytecode cache; not counted
    for _ in range(repeat):
        elapsed, peak, _, stderr, code = run_process(argv, workdir)
        if code != 0:
            raise SystemExit(f"{label} failed (exit {code}):\n{stderr}")
        times.append(elapsed)
        peaks.append(peak)
        own_peaks += [int(line.split()[1]) for line in stderr.splitlines() if line.startswith("PEAK_KB ")]
    # A child that reports its own peak (PEAK_KB) is believed over wait4's figure (see TRAINER_APP).
    return {
        "median": statistics.median(times),
        "peak_kb": max(own_peaks) if own_peaks else max(peaks),
        "stderr": stderr,
        "times": times,
    }


# --- in-process timings -------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def time_charts(services: Services, repeat: int = 5) -> dict:
    from trainer.charts import build_chart, chart_data

    width, height = CHART_SIZE
    data = chart_data(services)
    exercise = data.default_exercise()  # the two-sided exercise with the most training days
    result = {"exercise": exercise.id}
    for kind in ("sides", "balance"):
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            data = chart_data(services)
            chart = build_chart(kind, data, exercise=exercise, width=width, height=height)
            times.append(time.perf_counter() - began)
        if not chart.drawn:
            raise SystemExit(f"the {kind} chart drew nothing: {chart.message}")
        result[kind] = statistics.median(times)
    return result


def time_logging(services: Services, count: int = LOG_SETS) -> dict:
    """`Services.log_one_set`, as the session runner calls it, on today's session."""
    exercise = services.catalogue.get("clamshell")
    times = []
    for i in range(count):
        side = Side.LEFT if i % 2 == 0 else Side.RIGHT
        standing = services.store.standing(exercise.id, side)
        level = exercise.level(standing.level) if standing else exercise.entry_level
        load = standing.load if standing else Load()
        began = time.perf_counter()
        services.log_one_set(exercise.id, side, level.max, level=level.number, load=load, pain=0)
        times.append(time.perf_counter() - began)
    return {"median": statistics.median(times), "p95": percentile(times, 0.95)}


# --- the report -----------------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the history database again")
    parser.add_argument("--repeat", type=int, default=5, help="runs per whole-process timing (median)")
    args = parser.parse_args()

    catalog = paths.catalog_path(None)
    today = dt.date.today()
    cached = cache_path(catalog)
    end = history_end(cached) if cached.exists() and not args.rebuild else None
    if end is None or (today - end).days > STALE_DAYS:
        reason = "--rebuild" if args.rebuild else ("stale" if end else "none cached")
        print(f"building the ten-year history ({reason}) into {cached} ...", file=sys.stderr)
        building = cached.with_name(cached.name + ".building")
        build_history(building, catalog, today)
        shutil.move(building, cached)
    else:
        print(f"reusing {cached} (history to {end})", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as tmp:
        workdir = Path(tmp)
        db = working_copy(cached, workdir)
        plan_today(db, today)
        services = build_services(str(db), str(catalog), SystemClock())
        try:
            answer_todays_checks(services)
            sets = services.store.count_sets()
            sessions = len(services.store.sessions())
            view = services.today_view()
        finally:
            services.close()

        print("timing start-up ...", file=sys.stderr)
        bare = timed_runs([sys.executable, "-c", BARE_APP], workdir, args.repeat, "bare app")
        tui = timed_runs([sys.executable, "-c", TRAINER_APP, str(db)], workdir, args.repeat, "trainer app")
        screen = next((line for line in tui["stderr"].splitlines() if line.startswith("BENCH ")), "BENCH ?")

        print("timing suggest ...", file=sys.stderr)
        suggest = timed_runs(
            [sys.executable, "-m", "trainer", "suggest", "--json", "--db", str(db)],
            workdir, args.repeat, "trainer suggest",
        )
        opened = timed_runs([sys.executable, "-c", OPEN_STORE, str(db)], workdir, args.repeat, "open store")
        # The same with no stored engine checkpoints: the replay from the first session that
        # follows an upgrade, an edit of an old set or a change of settings.
        cold = timed_runs(
            [sys.executable, "-c", COLD_SUGGEST, str(db)], workdir, args.repeat, "trainer suggest, cold"
        )

        print("timing charts and logging ...", file=sys.stderr)
        services = build_services(str(db), str(catalog), SystemClock())
        import trainer.ui.app  # noqa: F401  (in the app, as the charts screen runs)

        gc.freeze()  # as the app does before it runs (cli._run_app)
        try:
            charts = time_charts(services)
            logging_ = time_logging(services)  # last: it adds today's sets to the working copy
        finally:
            services.close()

    startup_ratio = tui["median"] / bare["median"]
    suggest_ratio = suggest["median"] / opened["median"]
    cold_ratio = cold["median"] / opened["median"]
    peak_mb = tui["peak_kb"] / 1024  # ru_maxrss is in KB on Linux
    rows = [
        ("start-up to today screen (trainer / bare app)", f"{startup_ratio:.2f}x "
         f"({tui['median'] * 1000:.0f} / {bare['median'] * 1000:.0f} ms)",
         f"<= {TARGETS['startup_ratio']:.1f}x", verdict(startup_ratio, TARGETS["startup_ratio"])),
        ("log one set (log_one_set), median", f"{logging_['median'] * 1000:.2f} ms",
         f"<= {TARGETS['log_median_ms']:g} ms", verdict(logging_["median"] * 1000, TARGETS["log_median_ms"])),
        ("log one set (log_one_set), p95", f"{logging_['p95'] * 1000:.2f} ms",
         f"<= {TARGETS['log_p95_ms']:g} ms", verdict(logging_["p95"] * 1000, TARGETS["log_p95_ms"])),
        ("suggest --json (suggest / open store)", f"{suggest_ratio:.2f}x "
         f"({suggest['median'] * 1000:.0f} / {opened['median'] * 1000:.0f} ms)",
         f"<= {TARGETS['suggest_ratio']:.1f}x", verdict(suggest_ratio, TARGETS["suggest_ratio"])),
        (f"left/right chart, data + render ({charts['exercise']})", f"{charts['sides'] * 1000:.0f} ms",
         f"<= {TARGETS['chart_ms']:g} ms", verdict(charts["sides"] * 1000, TARGETS["chart_ms"])),
        (f"symmetry chart, data + render ({charts['exercise']})", f"{charts['balance'] * 1000:.0f} ms",
         f"<= {TARGETS['chart_ms']:g} ms", verdict(charts["balance"] * 1000, TARGETS["chart_ms"])),
        ("suggest --json without checkpoints (info)", f"{cold_ratio:.2f}x "
         f"({cold['median'] * 1000:.0f} / {opened['median'] * 1000:.0f} ms)", "-", "-"),
        ("peak memory of the TUI (max RSS)", f"{peak_mb:.0f} MB",
         f"<= {TARGETS['tui_peak_mb']:g} MB", verdict(peak_mb, TARGETS["tui_peak_mb"])),
    ]

    headers = ("figure", "value", "target", "result")
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(f"trainer benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(
        f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    print(
        f"history: {sets:,} sets in {sessions:,} sessions, {YEARS} years; today "
        f"{'a training day' if view.planned else 'a rest day'} with {len(view.items)} exercises "
        f"and {len(view.referrals)} referral banner(s);\n"
        f"whole-process figures are medians of {args.repeat} runs; top screen: {screen[6:]}"
    )
    print()
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    failed = sum(row[3] == "FAIL" for row in rows)
    targets = sum(row[3] in ("PASS", "FAIL") for row in rows)
    print()
    print(f"{targets - failed} of {targets} targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
