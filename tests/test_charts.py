"""Charts (`trainer.charts`) and `trainer chart` (`trainer.cli_charts`): what is drawn, not only
that nothing fails. Empty and single-point histories get a message; months of data get dated axes
and, when dense, one point per week. Charts are checked as plain text (no ANSI) unless colour is.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import trainer.cli
from trainer.charts import (
    KINDS,
    PLAIN,
    Palette,
    Style,
    adherence_chart,
    balance_chart,
    build_chart,
    chart_data,
    date_ticks,
    pain_chart,
    sides_chart,
    tick_label,
)
from trainer.cli import chart as cli_charts
from trainer.core.balance import METRICS
from trainer.core.errors import EntryError, UserError
from trainer.core.model import BODYWEIGHT, Load, Side, SideSession
from trainer.core.plan import Adherence, WeekAdherence
from trainer.services import load_catalogue

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = load_catalogue(REPO / "catalog.toml")
CLAMSHELL = CATALOGUE.get("clamshell")
BRIDGE = CATALOGUE.get("single-leg-glute-bridge")  # takes kg at level 5
L, R = Side.LEFT, Side.RIGHT
D0 = date(2026, 9, 7)  # a Monday
ANSI = re.compile(r"\x1b\[")


def ss(
    day: date,
    side: Side,
    performed,
    *,
    exercise="clamshell",
    pain=0,
    load=BODYWEIGHT,
    level=1,
    stopped=False,
) -> SideSession:
    return SideSession(
        day, exercise, side, level, load, tuple(performed), pain, False, stopped, True
    )


def months_of_sessions(
    days: int = 120, every: int = 2, exercise: str = "clamshell"
) -> list[SideSession]:
    """Left catching up with right over `days` days: left 10 -> 15 reps, right 15 reps."""
    sessions = []
    for n in range(0, days, every):
        day = D0 + timedelta(days=n)
        left = 10 + round(5 * n / days)
        sessions += [
            ss(day, L, (left, left - 1), exercise=exercise, pain=n % 5),
            ss(day, R, (15, 15), exercise=exercise, pain=1),
        ]
    return sessions


def legend(chart) -> str:
    """The legend rows (plotext puts them in the top left corner of the frame)."""
    return "\n".join(chart.text.splitlines()[:5])


# -- empty and single-point histories say so ------------------------------------------------------


@pytest.mark.parametrize("draw", [sides_chart, balance_chart])
def test_an_exercise_chart_of_no_sessions_says_so(draw):
    chart = draw([], CLAMSHELL)
    assert not chart.drawn and chart.series == ()
    assert chart.message.startswith("No sessions yet")
    assert "Clamshell" in chart.text and chart.text.startswith(chart.title)


def test_pain_and_adherence_of_nothing_say_so():
    pain = pain_chart([])
    assert not pain.drawn and pain.message.startswith("No sessions yet")
    plan = adherence_chart(Adherence((), 0), has_plan=False)
    assert not plan.drawn and plan.message.startswith("No plan yet")
    assert "trainer plan set" in plan.message


def test_one_session_is_stated_with_its_numbers_instead_of_a_lonely_point():
    one = [ss(D0, L, (12, 11), pain=3), ss(D0, R, (15, 14), pain=1)]
    sides = sides_chart(one, CLAMSHELL)
    assert not sides.drawn
    assert sides.message == (
        "Only one session so far (7 Sep 2026: left 12 reps, right 15 reps); "
        "the chart starts with the second."
    )
    balance = balance_chart(one, CLAMSHELL)
    assert balance.message.startswith("Only one session")
    assert "79 %, left weaker" in balance.message  # mean per set 11.5 / 14.5
    assert "left 3, right 1" in pain_chart(one).message


def test_sessions_that_are_never_comparable_explain_the_missing_index():
    sessions = [
        ss(D0 + timedelta(days=n), side, (10,), stopped=True) for n in (0, 2) for side in (L, R)
    ]
    chart = balance_chart(sessions, CLAMSHELL)
    assert not chart.drawn and chart.message.startswith("No comparable days yet")
    assert sides_chart(sessions, CLAMSHELL).drawn  # what was done is still charted


def test_one_week_of_plan_is_stated():
    week = WeekAdherence(date(2026, 11, 23), planned=3, done=1, due=2)
    chart = adherence_chart(Adherence((week,), 0))
    assert chart.message.startswith("Only one week")
    assert "1 of 3 done" in chart.message


def test_a_since_date_after_every_session_says_so():
    chart = sides_chart(months_of_sessions(), CLAMSHELL, since=date(2027, 6, 1))
    assert chart.message == "No sessions of Clamshell since 1 Jun 2027."


def test_kg_on_an_exercise_done_without_kg_says_so():
    chart = sides_chart(months_of_sessions(exercise=BRIDGE.id), BRIDGE, metric="load")
    assert not chart.drawn and chart.message.startswith("No kg loads logged")


# -- multi-month histories ------------------------------------------------------------------------


def test_months_of_left_and_right_are_drawn_with_dates_series_and_weekly_best():
    sessions = months_of_sessions(days=120, every=2)  # 60 days: too dense for 80 columns
    chart = sides_chart(sessions, CLAMSHELL, width=80, height=20)
    assert chart.drawn and chart.message is None
    text = chart.text
    assert not ANSI.search(text)
    lines = text.splitlines()
    assert len(lines) == 20 and max(len(line) for line in lines) <= 80
    assert "Clamshell: left vs right, best reps in a set, best of each week" in lines[0]
    assert "left" in legend(chart) and "right" in legend(chart)
    # Monthly ticks along the bottom: September to December 2026.
    assert chart.x_labels == ("Oct 2026", "Nov 2026", "Dec 2026")
    assert all(label in lines[-1] for label in chart.x_labels)
    assert chart.weekly and "Weekly" in chart.note
    left, right = chart.series_named("left"), chart.series_named("right")
    assert all(d.weekday() == 0 for d, _ in left.points)  # one point per week, on Mondays
    assert len(left.points) == 17  # Mon 7 Sep 2026 to Sun 3 Jan 2027
    assert left.values[0] == 10 and left.values[-1] == 15  # the best set of the week
    assert set(right.values) == {15}
    # The y axis runs in whole reps.
    assert re.search(r"^\s*15┤", text, re.MULTILINE) and re.search(r"^\s*10┤", text, re.MULTILINE)


def test_weekly_aggregation_starts_above_one_point_per_three_columns():
    # 80 columns leave 72 for the plot: 24 points stay daily, 25 become weekly.
    daily = sides_chart(months_of_sessions(days=48, every=2), CLAMSHELL, width=80)
    weekly = sides_chart(months_of_sessions(days=50, every=2), CLAMSHELL, width=80)
    assert len(daily.series_named("left").points) == 24 and not daily.weekly
    assert weekly.weekly and len(weekly.series_named("left").points) == 7  # 7 Sep to 25 Oct
    # A wider chart has room for the same 25 days.
    wide = sides_chart(months_of_sessions(days=50, every=2), CLAMSHELL, width=120)
    assert not wide.weekly and len(wide.series_named("left").points) == 25


def test_the_balance_chart_has_the_90_line_and_the_rolling_index():
    sessions = months_of_sessions(days=40, every=2)  # 20 days: daily at 80 columns
    chart = balance_chart(sessions, CLAMSHELL, width=80, height=20)
    assert chart.drawn and not chart.weekly
    assert chart.lines == (("90 % = balanced", 90.0),)
    assert "90 % = balanced" in chart.text
    assert re.search(r"^\s*90├", chart.text, re.MULTILINE)  # the line meets the axis at 90
    assert "each day" in legend(chart) and "rolling (3 days)" in legend(chart)
    assert "weaker / stronger x 100" in chart.title
    days = chart.series_named("each day")
    rolling = chart.series_named("rolling (3 days)")
    assert len(days.points) == 20 and len(rolling.points) == 18  # rolling from the third day
    # Day 0: left mean 9.5 of right 15.
    assert days.values[0] == pytest.approx(9.5 / 15 * 100)
    assert days.values[-1] > days.values[0]
    assert chart.x_labels[0] == "7 Sep" and "14 Sep" in chart.x_labels
    # The last three days: left 13.5, 13.5 and 14.5 reps per set against 15: 41.5 / 45.
    # Issue 15.3: what the index divides by what; at 92 % neither side counts as weaker (6.9.11).
    assert chart.summary == (
        "Symmetry index 92 % (weaker side / stronger side, over the last 3 comparable days): at "
        "or above the 90 % line, so neither side counts as weaker."
    )
    assert rolling.values[-1] == pytest.approx(41.5 / 45 * 100)


def test_the_balance_chart_with_an_involved_side_shows_involved_over_uninvolved():
    sessions = months_of_sessions(days=40, every=2)
    chart = balance_chart(sessions, CLAMSHELL, involved=L)
    assert "left / right x 100" in chart.title
    assert "Involved side 92 % (left / right)." in chart.summary


def test_when_the_named_involved_side_did_more_one_sentence_says_both():
    """Issue 15.3: "Rolling index 97 % ... right weaker" stood beside "Involved left: 103 %"."""
    from trainer.core.balance import Symmetry
    from trainer.core.wording import balance_sentence

    rolling = Symmetry(lsi=80.0, weaker_side=R, left_total=45, right_total=36, sessions=3, involved_ratio=125.0)
    text = balance_sentence(rolling, L)
    assert "the right side is the weaker one" in text
    assert (
        "Involved side 125 % (left / right): you named the left side as the involved one, "
        "yet on these days it did more than the right."
        in text
    )


def test_the_pain_chart_has_amber_and_red_lines_on_a_0_to_10_axis():
    sessions = months_of_sessions(days=40, every=2)
    chart = pain_chart(sessions, width=80, height=20)
    assert chart.drawn
    assert chart.lines == (("red 6", 6.0), ("amber 4", 4.0))
    assert "red 6" in chart.text and "amber 4" in chart.text
    assert re.search(r"^\s*10┤", chart.text, re.MULTILINE) and re.search(
        r"^\s*0┤", chart.text, re.MULTILINE
    )
    assert chart.series_named("left").values[:5] == (0, 2, 4, 1, 3)  # day n: pain n % 5
    assert set(chart.series_named("right").values) == {1}


def test_the_adherence_chart_shows_done_against_planned_per_week():
    weeks = tuple(
        WeekAdherence(D0 + timedelta(weeks=i), planned=3, done=done, due=3)
        for i, done in enumerate([3, 2, 3, 1, 0, 3, 4, 3])
    )
    chart = adherence_chart(Adherence(weeks, 2), width=80, height=16)
    assert chart.drawn
    assert chart.series_named("done").values == (3, 2, 3, 1, 0, 3, 4, 3)
    assert set(chart.series_named("planned").values) == {3}
    assert "done" in legend(chart) and "planned" in legend(chart)
    assert "7 Sep" in chart.text and "This week 3 of 3" in chart.summary
    since = adherence_chart(Adherence(weeks, 2), since=date(2026, 10, 14))
    assert since.series_named("done").points[0][0] == date(2026, 10, 12)


def test_a_year_of_kg_reads_in_months_and_the_load_index_compares_kg():
    sessions = []
    for n in range(0, 360, 3):  # left 6, 7 then 8 kg; right 8 kg
        day = date(2026, 1, 5) + timedelta(days=n)
        sessions += [
            ss(day, L, (10, 10), exercise=BRIDGE.id, level=5, load=Load(kg=6 + n // 120)),
            ss(day, R, (10, 10), exercise=BRIDGE.id, level=5, load=Load(kg=8)),
        ]
    sides = sides_chart(sessions, BRIDGE, metric="load", width=100, height=20)
    assert sides.weekly and "heaviest load (kg)" in sides.title
    assert sides.x_labels == ("Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026")
    balance = balance_chart(sessions, BRIDGE, metric="load", width=100, height=20)
    assert "kg used" in balance.title
    assert balance.series_named("each week").values[0] == pytest.approx(75.0)  # 6 kg of 8
    assert balance.series_named("each week").values[-1] == pytest.approx(100.0)


# -- size, colour and axes ------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(40, 10), (80, 20), (150, 45)])
def test_the_chart_fills_the_size_asked_for(width, height):
    chart = sides_chart(months_of_sessions(days=30), CLAMSHELL, width=width, height=height)
    lines = chart.text.splitlines()
    assert len(lines) == height
    assert max(len(line) for line in lines) <= width


def test_too_small_a_size_asks_for_more_room():
    chart = sides_chart(months_of_sessions(days=30), CLAMSHELL, width=20, height=5)
    assert not chart.drawn and "at least 30 x 8" in chart.message


def test_colour_uses_the_palette_and_plain_has_none():
    palette = Palette(
        left=(1, 120, 212),
        right=(255, 166, 43),
        index=(78, 191, 113),
        danger=(186, 60, 91),
        warning=(255, 166, 43),
        muted=(150, 150, 150),
    )
    sessions = months_of_sessions(days=30)
    coloured = sides_chart(sessions, CLAMSHELL, style=Style(colour=True, palette=palette))
    assert "\x1b[38;2;1;120;212m" in coloured.text  # left in the theme's primary colour
    assert "\x1b[38;2;255;166;43m" in coloured.text  # right
    assert coloured.plain.splitlines()[-1] == coloured.text.splitlines()[-1].replace("\x1b[0m", "")
    assert not ANSI.search(sides_chart(sessions, CLAMSHELL, style=PLAIN).text)
    light = sides_chart(sessions, CLAMSHELL, style=Style(colour=True, dark=False))
    dark = sides_chart(sessions, CLAMSHELL, style=Style(colour=True, dark=True))
    assert light.text != dark.text


def test_without_a_title_in_the_drawing_the_tui_shows_it_itself():
    chart = sides_chart(
        months_of_sessions(days=30), CLAMSHELL, style=Style(colour=False, title=False)
    )
    assert "Clamshell" not in chart.text and chart.title.startswith("Clamshell")


def test_dates_are_labelled_the_same_in_any_time_zone():
    code = (
        "from datetime import date; import json; from trainer.charts import sides_chart; "
        "from trainer.services import load_catalogue; from tests.test_charts import "
        "months_of_sessions, CLAMSHELL; "
        "print(json.dumps(sides_chart(months_of_sessions(days=30), CLAMSHELL).x_labels))"
    )
    seen = set()
    for zone in ("UTC", "America/Los_Angeles", "Pacific/Auckland"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={"TZ": zone, "PATH": ""},
        )
        assert result.returncode == 0, result.stderr
        seen.add(result.stdout.strip())
    assert seen == {json.dumps(["7 Sep", "14 Sep", "21 Sep", "28 Sep", "5 Oct"])}


@pytest.mark.parametrize(
    ("first", "last", "columns", "expected"),
    [
        (date(2026, 9, 7), date(2026, 9, 10), 72, ["7 Sep", "8 Sep", "9 Sep", "10 Sep"]),
        (date(2026, 9, 7), date(2026, 9, 20), 52, ["7 Sep", "14 Sep"]),
        (
            date(2026, 9, 9),
            date(2026, 10, 19),
            72,
            ["14 Sep", "21 Sep", "28 Sep", "5 Oct", "12 Oct", "19 Oct"],
        ),
        (date(2026, 9, 9), date(2026, 10, 30), 72, ["14 Sep", "28 Sep", "12 Oct", "26 Oct"]),
        (
            date(2026, 9, 9),
            date(2027, 2, 10),
            72,
            ["Oct 2026", "Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027"],
        ),
    ],
)
def test_date_ticks_are_days_weeks_or_months(first, last, columns, expected):
    ticks = date_ticks(first, last, columns)
    assert [tick_label(t, first, last, ticks) for t in ticks] == expected
    assert all(first <= t <= last for t in ticks)


def test_day_labels_across_new_year_name_the_year():
    first, last = date(2026, 12, 21), date(2027, 1, 20)
    ticks = date_ticks(first, last, 72)
    labels = [tick_label(t, first, last, ticks) for t in ticks]
    assert labels[0] == "21 Dec 2026" and "4 Jan 2027" in labels


# -- plotext is loaded only to draw ---------------------------------------------------------------

IMPORTS = """
import json, sys
import trainer.charts, trainer.cli.chart
before = "plotext" in sys.modules
from trainer.charts import sides_chart
from tests.test_charts import months_of_sessions, CLAMSHELL
sides_chart(months_of_sessions(days=30), CLAMSHELL)
print(json.dumps({"before": before, "after": "plotext" in sys.modules}))
"""


def test_importing_the_chart_modules_does_not_load_plotext_drawing_does():
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"before": False, "after": True}


def test_the_cli_lists_match_the_chart_module():
    assert cli_charts.CHART_KINDS == KINDS
    assert cli_charts.CHART_METRICS == METRICS


# -- `trainer chart` through cli_charts.run --------------------------------------------------------


def parse(*argv: str) -> argparse.Namespace:
    parser = trainer.cli._Parser(prog="trainer")
    commands = parser.add_subparsers(dest="command")
    cli_charts.add_parser(commands, trainer.cli._common_options())
    return parser.parse_args(["chart", *argv])


def seed(services, days: int = 60) -> None:
    """Clamshell every other day for `days` days up to yesterday; bird-dog twice."""
    today = services.clock.today()
    first = today - timedelta(days=days)
    for n in range(0, days, 2):
        day = first + timedelta(days=n)
        services.log("clamshell", L, reps=[10 + n * 5 // days, 10], pain=n % 4, on=day)
        services.log("clamshell", R, reps=[15, 15], pain=1, on=day)
    for n in (1, 3):
        services.log("bird-dog", L, reps=[8], on=first + timedelta(days=n))
        services.log("bird-dog", R, reps=[8], on=first + timedelta(days=n))


def test_run_draws_the_balance_of_the_most_done_exercise_by_default(services, capsys):
    seed(services)
    assert cli_charts.run(parse("balance"), services) == 0
    out = capsys.readouterr().out
    assert "Clamshell: balance of reps per set" in out
    assert "90 % = balanced" in out
    assert "Symmetry index" in out and "the left side is the weaker one" in out
    assert not ANSI.search(out)  # not a terminal: plain text
    rows = out.splitlines()
    assert len(rows[0]) <= 80


def test_run_sides_with_exercise_size_and_since(services, capsys):
    seed(services)
    args = parse(
        "sides",
        "--exercise",
        "clamshell",
        "--width",
        "60",
        "--height",
        "12",
        "--since",
        "2026-11-01",
    )
    assert cli_charts.run(args, services) == 0
    out = capsys.readouterr().out
    drawing = out.splitlines()[:12]
    assert "Clamshell: left vs right" in drawing[0]
    assert max(len(line) for line in drawing) <= 60
    assert "1 Nov" not in out and "2 Nov" in out  # Mon 2 Nov: the first session since the 1st


def test_run_pain_and_adherence(services, capsys):
    services.set_plan((0, 2, 4), start=date(2026, 9, 28), minutes=30)
    seed(services)
    assert cli_charts.run(parse("pain"), services) == 0
    assert "red 6" in capsys.readouterr().out
    assert cli_charts.run(parse("adherence"), services) == 0
    out = capsys.readouterr().out
    assert "Sessions per week against the plan" in out and "planned" in out


def test_run_with_no_history_prints_the_message_and_succeeds(services, capsys):
    assert cli_charts.run(parse("sides"), services) == 0
    out = capsys.readouterr().out
    assert "No sessions yet" in out


def test_run_json_gives_the_series(services, capsys):
    seed(services, days=20)
    assert cli_charts.run(parse("sides", "--json"), services) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["chart"] == "sides" and report["exercise"] == "clamshell"
    assert report["metric"] == "reps" and report["message"] is None
    assert len(report["series"]["left"]) == 10
    assert report["series"]["right"][0][1] == 15


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("balance", "--exercise", "clamshells"), "did you mean clamshell"),
        (("sides", "--exercise", "butterfly-stretch"), "works both sides at once"),
        (("sides", "--exercise", "clamshell", "--metric", "load"), "choose reps"),
        (("sides", "--exercise", "couch-stretch", "--metric", "reps"), "choose hold"),
        (("adherence", "--exercise", "clamshell"), "does not apply"),
        (("pain", "--metric", "reps"), "does not apply"),
        (("sides", "--width", "10"), "--width 10 is outside 30-400"),
        (("sides", "--height", "500"), "--height 500 is outside 8-200"),
        (("sides", "--since", "2026-13-01"), "cannot read date"),
        (("sides", "--since", "2027-01-01"), "in the future"),
    ],
)
def test_run_refuses_bad_options_with_a_user_error(services, argv, message):
    seed(services, days=10)
    with pytest.raises(UserError, match=re.escape(message)):
        cli_charts.run(parse(*argv), services)


def test_check_reads_the_options_without_the_database():
    request = cli_charts.check(parse("pain", "--since", "yesterday"), date(2026, 11, 25))
    assert (request.kind, request.since, request.width, request.height) == (
        "pain",
        date(2026, 11, 24),
        80,
        20,
    )
    with pytest.raises(EntryError):
        cli_charts.check(parse("pain", "--width", "5"), date(2026, 11, 25))


def test_build_chart_uses_the_gathered_data(services):
    seed(services, days=20)
    data = chart_data(services)
    assert data.default_exercise().id == "clamshell"
    assert [ex.id for ex in data.choices()] == ["clamshell", "bird-dog"]
    for kind in KINDS:
        chart = build_chart(kind, data, width=70, height=15)
        assert chart.kind == kind
    assert build_chart("sides", data, CATALOGUE.get("bird-dog")).title.startswith("Bird-dog")


# -- the real entry point, once the lead wires `chart` into trainer.cli ----------------------------

wired = pytest.mark.skipif(
    not hasattr(trainer.cli, "_CHART_COMMAND_WIRED"), reason="wired by the lead"
)


@wired
def test_cli_chart_balance(run_cli, services):
    seed(services)
    result = run_cli("chart", "balance", "--width", "70", "--height", "16")
    assert result.code == 0, result.err
    assert "90 % = balanced" in result.out and "Clamshell" in result.out


@wired
def test_cli_chart_bad_exercise_exits_2_with_a_suggestion(run_cli, services):
    result = run_cli("chart", "sides", "--exercise", "clamshells")
    assert result.code == 2
    assert "did you mean clamshell" in result.err


@wired
def test_cli_chart_bad_kind_is_an_argparse_error(run_cli):
    result = run_cli("chart", "pie")
    assert result.code == 2 and "invalid choice" in result.err


@wired
def test_non_drawing_commands_do_not_import_plotext():
    code = (
        "import json, sys; import trainer.cli; "
        "trainer.cli.build_parser().parse_args(['chart', 'sides']); "
        "print(json.dumps('plotext' in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "false", result.stderr
