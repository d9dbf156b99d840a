"""The training plan (`trainer.core.plan`), pure: weekday parsing, the RRULE schedule across month,
leap-day, year and DST boundaries, plan versions, adherence and streak on a hand-made history, the
status of a day (missed stays missed) and the sessions planned for each date.

Dates are local calendar dates throughout; weekdays are 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import FR, MO, SA, SU, TH, TU, WE, WEEKLY, rrule, rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.catalog import parse_catalog
from trainer.core.composition import compose_week
from trainer.core.errors import EntryError
from trainer.core.model import Side
from trainer.core.plan import (
    Adherence,
    DayStatus,
    Plan,
    PlannedSession,
    WeekAdherence,
    adherence,
    check_minutes,
    day_status,
    new_plan,
    parse_weekdays,
    plan_on,
    planned_dates,
    planned_sessions,
    week_start,
    weekly_rule,
)

CATALOG_PATH = Path(__file__).parents[2] / "catalog.toml"
CAT = parse_catalog(CATALOG_PATH.read_text(encoding="utf-8"), source=str(CATALOG_PATH))
REAL = CAT.exercises
GROUP_ORDER = {ex.id: ex.group.order for ex in REAL}

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TODAY = date(2026, 11, 25)  # a Wednesday, as in the CLI tests
RRULE_DAYS = (MO, TU, WE, TH, FR, SA, SU)


def D(text: str) -> date:
    return date.fromisoformat(text)


def first_plan(weekdays, start, *, side=None, minutes=None, today=None) -> Plan:
    return new_plan(weekdays, D(start), side, minutes, [], today or D(start))


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def expected_dates(weekdays, start: date, first: date, last: date) -> list[date]:
    """The oracle: every day in the window on one of the weekdays, from the start on."""
    return [d for d in days_between(first, last) if d.weekday() in weekdays and d >= start]


# --- parse_weekdays and check_minutes -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed,fri", (MON, WED, FRI)),
        ("fri,mon,wed", (MON, WED, FRI)),  # sorted
        ("tue,thu,sat,sun", (TUE, THU, SAT, SUN)),
        (" Mon , WED ,fri ", (MON, WED, FRI)),  # spaces and case
        ("monday,wednesday,friday", (MON, WED, FRI)),  # full names
        ("Tuesday,Thursday,Saturday,Sunday", (TUE, THU, SAT, SUN)),
        ("mon,,wed,fri", (MON, WED, FRI)),  # an empty item is ignored
    ],
)
def test_parse_weekdays_reads_three_or_four_days(text, expected):
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mon,wed", "3 or 4 sessions a week; --days lists 2"),
        ("mon,tue,wed,thu,fri", "3 or 4 sessions a week; --days lists 5"),
        ("", "--days lists 0"),
        ("mon,mon,wed", "listed twice"),
        ("mon,monday,fri", "listed twice"),
        ("mon,funday,fri", "is not a weekday"),
        ("mo,we,fr", "is not a weekday"),
        ("1,3,5", "is not a weekday"),
    ],
)
def test_parse_weekdays_refuses_bad_lists_with_a_message(text, message):
    with pytest.raises(EntryError, match=message.replace("(", r"\(")):
        parse_weekdays(text)


def test_the_unknown_day_message_names_what_was_typed():
    with pytest.raises(EntryError, match="'funday'"):
        parse_weekdays("mon,funday,fri")


def test_words_that_only_start_like_a_weekday_are_refused():
    with pytest.raises(EntryError, match="not a weekday"):
        parse_weekdays("monkey,wedge,frisbee")


@pytest.mark.parametrize("minutes", [None, 10, 30, 120])
def test_check_minutes_accepts_10_to_120_or_nothing(minutes):
    assert check_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [0, 5, 9, 121, 500, -30])
def test_check_minutes_refuses_the_rest(minutes):
    with pytest.raises(EntryError, match=f"--minutes {minutes} is outside 10-120"):
        check_minutes(minutes)


# --- the rule -------------------------------------------------------------------------------


def test_weekly_rule_is_rrule_text_with_dtstart():
    text = weekly_rule((MON, WED, FRI), D("2026-01-26"))
    assert text == "DTSTART:20260126T000000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"
    parsed = rrulestr(text)
    assert [m.date() for m in parsed[:4]] == [D(x) for x in ("2026-01-26", "2026-01-28", "2026-01-30", "2026-02-02")]
    assert weekly_rule((TUE, THU, SAT, SUN), D("2026-03-01")).endswith("BYDAY=TU,TH,SA,SU")


def test_new_plan_stores_its_rule():
    plan = first_plan((TUE, THU, SAT), "2026-03-03", minutes=30, side=Side.LEFT)
    assert plan.rule == weekly_rule((TUE, THU, SAT), D("2026-03-03"))
    assert plan.days_text == "tue,thu,sat"
    assert (plan.start, plan.effective_from, plan.minutes, plan.involved_side) == (
        D("2026-03-03"), D("2026-03-03"), 30, Side.LEFT,
    )


def test_new_plan_starts_today_by_default_and_checks_minutes():
    assert new_plan((MON, WED, FRI), None, None, None, [], TODAY).start == TODAY
    with pytest.raises(EntryError):
        new_plan((MON, WED, FRI), None, None, 5, [], TODAY)


# --- planned_dates across boundaries ----------------------------------------------------------


@pytest.mark.parametrize(
    ("weekdays", "start", "first", "last", "expected"),
    [
        # January into February.
        ((MON, WED, FRI), "2026-01-01", "2026-01-26", "2026-02-06",
         ["2026-01-26", "2026-01-28", "2026-01-30", "2026-02-02", "2026-02-04", "2026-02-06"]),
        # Leap day 2028: Tue 29 Feb is planned, 1 March follows on the right weekday.
        ((TUE, THU, SAT, SUN), "2028-01-01", "2028-02-26", "2028-03-05",
         ["2028-02-26", "2028-02-27", "2028-02-29", "2028-03-02", "2028-03-04", "2028-03-05"]),
        # The end of a 30-day month.
        ((MON, TUE, THU), "2026-04-01", "2026-04-27", "2026-05-05",
         ["2026-04-27", "2026-04-28", "2026-04-30", "2026-05-04", "2026-05-05"]),
        # A year end.
        ((MON, WED, FRI, SUN), "2026-12-01", "2026-12-28", "2027-01-08",
         ["2026-12-28", "2026-12-30", "2027-01-01", "2027-01-03", "2027-01-04", "2027-01-06", "2027-01-08"]),
    ],
)
def test_planned_dates_across_month_leap_and_year_ends(weekdays, start, first, last, expected):
    plan = first_plan(weekdays, start)
    got = planned_dates([plan], D(first), D(last))
    assert got == [D(x) for x in expected]
    assert got == expected_dates(weekdays, D(start), D(first), D(last))


DST_SUNDAYS = [
    "2026-03-29",  # EU clocks go forward
    "2026-03-08",  # US clocks go forward
    "2026-10-25",  # EU clocks go back
    "2026-11-01",  # US clocks go back
]


@pytest.mark.parametrize("sunday", DST_SUNDAYS)
@pytest.mark.parametrize("weekdays", [(FRI, SAT, SUN, MON), (MON, WED, FRI), (SAT, SUN, TUE)])
def test_planned_dates_across_dst_weekends_stay_on_their_weekdays(sunday, weekdays):
    change = D(sunday)
    plan = first_plan(weekdays, "2026-01-05")
    first, last = change - timedelta(days=9), change + timedelta(days=9)
    got = planned_dates([plan], first, last)
    assert got == expected_dates(weekdays, plan.start, first, last)
    assert len(got) == len(set(got))  # no day twice
    assert (change in got) == (SUN in weekdays)
    assert ((change + timedelta(days=1)) in got) == (MON in weekdays)  # nothing skipped after it


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"])
def test_planned_dates_do_not_depend_on_the_machine_time_zone(zone, monkeypatch):
    plan = first_plan((FRI, SAT, SUN, MON), "2026-01-05")
    first, last = D("2026-02-25"), D("2026-11-10")
    expected = expected_dates(plan.weekdays, plan.start, first, last)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert planned_dates([plan], first, last) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(("zone", "sunday"), [("Europe/Berlin", "2026-03-29"), ("Europe/Berlin", "2026-10-25"),
                                              ("America/New_York", "2026-03-08"), ("America/New_York", "2026-11-01")])
def test_a_zoned_rule_built_the_same_way_gives_the_same_local_dates(zone, sunday):
    """The same weekly rule in a real time zone: every occurrence stays at local midnight on the
    right weekday while the UTC offset changes, so the plan's naive dates are the local dates."""
    tz = ZoneInfo(zone)
    weekdays = (FRI, SAT, SUN, MON)
    plan = first_plan(weekdays, "2026-01-05")
    change = D(sunday)
    first, last = change - timedelta(days=9), change + timedelta(days=9)
    zoned = rrule(
        WEEKLY, byweekday=[RRULE_DAYS[d] for d in weekdays], dtstart=datetime(2026, 1, 5, tzinfo=tz)
    )
    moments = zoned.between(
        datetime(first.year, first.month, first.day, tzinfo=tz),
        datetime(last.year, last.month, last.day, 23, 59, tzinfo=tz),
        inc=True,
    )
    assert [m.date() for m in moments] == planned_dates([plan], first, last)
    assert {(m.hour, m.minute) for m in moments} == {(0, 0)}
    offsets = {m.utcoffset() for m in moments}
    assert len(offsets) == 2  # the window really crosses the change
    # In UTC, local midnight east of Greenwich falls on the day before: dates must be local.
    if zone == "Europe/Berlin":
        assert all(m.astimezone(ZoneInfo("UTC")).date() == m.date() - timedelta(days=1) for m in moments)


def test_planned_dates_start_at_the_plan_start_and_include_both_ends():
    plan = first_plan((MON, WED, FRI), "2026-11-25")  # a Wednesday
    assert planned_dates([plan], D("2026-11-16"), D("2026-11-30")) == [
        D("2026-11-25"),
        D("2026-11-27"),
        D("2026-11-30"),
    ]
    assert planned_dates([plan], D("2026-11-27"), D("2026-11-27")) == [D("2026-11-27")]
    assert planned_dates([plan], D("2026-11-28"), D("2026-11-29")) == []
    assert planned_dates([], D("2026-11-01"), D("2026-12-31")) == []


@settings(max_examples=150, deadline=None)
@given(
    weekdays=st.sets(st.integers(0, 6), min_size=3, max_size=4),
    start=st.dates(date(2020, 1, 1), date(2032, 12, 31)),
    offset=st.integers(-60, 400),
    length=st.integers(0, 120),
)
def test_planned_dates_are_exactly_the_days_on_those_weekdays(weekdays, start, offset, length):
    plan = new_plan(sorted(weekdays), start, None, None, [], start)
    first = start + timedelta(days=offset)
    last = first + timedelta(days=length)
    got = planned_dates([plan], first, last)
    assert got == expected_dates(weekdays, start, first, last)
    assert got == sorted(set(got))


# --- plan versions ------------------------------------------------------------------------------

OLD = first_plan((MON, WED, FRI), "2026-11-02", minutes=30)


def test_a_change_takes_effect_next_monday_and_keeps_the_old_days_before_it():
    new = new_plan((TUE, THU, SAT), None, None, 30, [OLD], TODAY)
    assert new.effective_from == new.start == D("2026-11-30")
    assert new.rule == weekly_rule((TUE, THU, SAT), D("2026-11-30"))
    got = planned_dates([OLD, new], D("2026-11-16"), D("2026-12-06"))
    assert got == [D(x) for x in (
        "2026-11-16", "2026-11-18", "2026-11-20",  # old days
        "2026-11-23", "2026-11-25", "2026-11-27",  # this week: still the old days
        "2026-12-01", "2026-12-03", "2026-12-05",  # next week: the new ones
    )]


@pytest.mark.parametrize(
    ("today", "effective"),
    [("2026-11-23", "2026-11-30"), ("2026-11-29", "2026-11-30"), ("2026-11-30", "2026-12-07")],
)
def test_next_week_means_the_monday_after_today(today, effective):
    assert new_plan((TUE, THU, SAT), None, None, None, [OLD], D(today)).effective_from == D(effective)


def test_a_change_with_a_start_is_never_before_next_week():
    earlier = new_plan((TUE, THU, SAT), D("2026-11-20"), None, None, [OLD], TODAY)
    assert earlier.effective_from == D("2026-11-30")
    later = new_plan((TUE, THU, SAT), D("2026-12-09"), None, None, [OLD], TODAY)
    assert later.effective_from == later.start == D("2026-12-09")
    # The old plan runs up to the day before: Mon 7 Dec is old, Thu 10 and Sat 12 are new.
    assert planned_dates([OLD, later], D("2026-12-07"), D("2026-12-13")) == [
        D("2026-12-07"), D("2026-12-10"), D("2026-12-12")
    ]


def test_two_changes_for_the_same_week_the_later_wins():
    one = new_plan((TUE, THU, SAT), None, None, 30, [OLD], TODAY)
    two = new_plan((MON, TUE, THU, FRI), None, None, 45, [OLD, one], D("2026-11-26"))
    assert one.effective_from == two.effective_from
    plans = [OLD, one, two]
    assert plan_on(plans, D("2026-11-30")) == two
    assert plan_on(plans, D("2027-06-01")) == two
    assert planned_dates(plans, D("2026-11-30"), D("2026-12-06")) == [
        D("2026-11-30"), D("2026-12-01"), D("2026-12-03"), D("2026-12-04")
    ]
    assert plan_on(plans, D("2026-11-29")) == OLD


def test_plan_on_finds_the_version_in_force():
    new = new_plan((TUE, THU, SAT), None, None, 30, [OLD], TODAY)
    plans = [OLD, new]
    assert plan_on(plans, D("2026-11-01")) is None  # before the first plan
    assert plan_on(plans, D("2026-11-02")) == OLD
    assert plan_on(plans, D("2026-11-29")) == OLD
    assert plan_on(plans, D("2026-11-30")) == new
    assert plan_on([], TODAY) is None


# --- adherence ----------------------------------------------------------------------------------

# Mon/Wed/Fri from Wed 14 Oct 2026; today is Wed 25 Nov 2026.
ADH_PLAN = first_plan((MON, WED, FRI), "2026-10-14")
HISTORY = [D(x) for x in (
    "2026-09-30", "2026-10-12",  # before the plan: ignored
    "2026-10-14", "2026-10-16",  # week of 12 Oct: 2 of 2 planned (the plan began on Wednesday)
    "2026-10-19", "2026-10-21",  # week of 19 Oct: 2 of 3, the broken week
    "2026-10-26", "2026-10-28", "2026-10-30",  # 3 of 3
    "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-06", "2026-11-07",  # 5 done: extra days
    "2026-11-10", "2026-11-12", "2026-11-14",  # 3 days, none of them a planned day: still met
    "2026-11-16", "2026-11-18", "2026-11-20",  # 3 of 3
)]


def _week(progress: Adherence, monday: str) -> WeekAdherence:
    return next(w for w in progress.weeks if w.week_start == D(monday))


def test_adherence_weeks_on_a_hand_made_history():
    progress = adherence([ADH_PLAN], HISTORY + [D("2026-11-23")], TODAY)
    assert [(w.week_start.isoformat(), w.planned, w.done, w.met) for w in progress.weeks] == [
        ("2026-10-12", 2, 2, True),
        ("2026-10-19", 3, 2, False),
        ("2026-10-26", 3, 3, True),
        ("2026-11-02", 3, 5, True),
        ("2026-11-09", 3, 3, True),
        ("2026-11-16", 3, 3, True),
        ("2026-11-23", 3, 1, False),
    ]
    assert progress.this_week == WeekAdherence(D("2026-11-23"), planned=3, done=1, due=2)
    # This week is not met yet, and that does not break the four weeks before it.
    assert progress.streak == 4
    # Extra days count as done but not beyond the plan, and this week's Friday is not due yet:
    # (2+2+3+3+3+3+1) / (2+3+3+3+3+3+2).
    assert progress.rate == pytest.approx(17 / 19)


def test_this_week_once_met_adds_to_the_streak():
    trained = HISTORY + [D("2026-11-23"), D("2026-11-24"), D("2026-11-25")]  # Tue is an extra day
    progress = adherence([ADH_PLAN], trained, TODAY)
    assert progress.this_week == WeekAdherence(D("2026-11-23"), 3, 3, due=2)
    assert progress.this_week.met
    assert progress.streak == 5
    # Only Monday and Wednesday are due so far this week: (16 + 2) / (17 + 2).
    assert progress.rate == pytest.approx(18 / 19)


def test_a_broken_last_week_resets_the_streak():
    trained = [d for d in HISTORY if d != D("2026-11-18")]
    assert adherence([ADH_PLAN], trained, TODAY).streak == 0
    met_now = trained + [D("2026-11-23"), D("2026-11-24"), D("2026-11-25")]
    assert adherence([ADH_PLAN], met_now, TODAY).streak == 1


def test_days_after_today_are_not_counted():
    progress = adherence([ADH_PLAN], HISTORY + [D("2026-11-26"), D("2026-11-27")], TODAY)
    assert _week(progress, "2026-11-23").done == 0
    assert progress.weeks[-1].week_start == D("2026-11-23")


def test_weeks_before_the_plan_are_ignored():
    progress = adherence([ADH_PLAN], [D("2026-09-07"), D("2026-10-05"), D("2026-10-13")], TODAY)
    assert progress.weeks[0].week_start == D("2026-10-12")
    assert progress.weeks[0].done == 0  # Tue 13 Oct is the day before the start


def test_adherence_follows_the_plan_version_of_each_week():
    four_days = new_plan((MON, TUE, THU, SAT), None, None, None, [ADH_PLAN], D("2026-11-11"))
    assert four_days.effective_from == D("2026-11-16")
    progress = adherence([ADH_PLAN, four_days], HISTORY, TODAY)
    assert _week(progress, "2026-11-09").planned == 3
    assert _week(progress, "2026-11-16") == WeekAdherence(D("2026-11-16"), planned=4, done=3)
    assert not _week(progress, "2026-11-16").met
    assert progress.streak == 0


def test_no_plan_means_no_adherence():
    progress = adherence([], HISTORY, TODAY)
    assert progress == Adherence(weeks=(), streak=0)
    assert progress.this_week is None and progress.rate is None


def test_a_week_without_planned_days_is_never_met():
    assert not WeekAdherence(D("2026-11-23"), planned=0, done=2).met
    assert WeekAdherence(D("2026-11-23"), planned=3, done=4).met


# --- day status ---------------------------------------------------------------------------------

EX = ("clamshell", "step-up")


@pytest.mark.parametrize(
    ("day", "planned", "logged", "status"),
    [
        ("2026-11-23", True, ("clamshell", "step-up", "bird-dog"), DayStatus.DONE),
        ("2026-11-23", True, ("clamshell",), DayStatus.PARTLY),
        ("2026-11-23", True, (), DayStatus.MISSED),
        ("2026-11-25", True, (), DayStatus.PLANNED),  # today is not missed yet
        ("2026-11-27", True, (), DayStatus.PLANNED),
        ("2026-11-24", False, ("clamshell",), DayStatus.EXTRA),
        ("2026-11-24", False, (), DayStatus.REST),
        ("2026-11-28", False, (), DayStatus.REST),
        ("2026-11-25", True, ("clamshell", "step-up"), DayStatus.DONE),
    ],
)
def test_day_status(day, planned, logged, status):
    assert day_status(D(day), TODAY, planned, EX if planned else (), logged) is status


def test_missed_sessions_stay_missed_and_are_not_moved():
    plan = first_plan((MON, WED, FRI), "2026-11-02", minutes=30)
    today = D("2026-11-23")
    sessions = {s.date: s for s in planned_sessions([plan], REAL, D("2026-11-16"), D("2026-11-29"))}
    trained = {D("2026-11-20"): set(sessions[D("2026-11-20")].exercises)}  # only Friday
    statuses = [
        day_status(
            d, today, d in sessions, sessions[d].exercises if d in sessions else (), trained.get(d, ())
        )
        for d in days_between(D("2026-11-16"), D("2026-11-24"))
    ]
    assert statuses == [
        DayStatus.MISSED, DayStatus.REST, DayStatus.MISSED, DayStatus.REST, DayStatus.DONE,
        DayStatus.REST, DayStatus.REST, DayStatus.PLANNED, DayStatus.REST,
    ]
    # The next sessions are what they always were: Wednesday's miss does not shift Friday's or
    # next Monday's exercises (planned_sessions takes no history at all).
    week = compose_week(REAL, 3, 30).sessions
    assert sessions[D("2026-11-20")].exercises == week[2]
    assert sessions[D("2026-11-23")].exercises == week[0]


# --- planned sessions ---------------------------------------------------------------------------


def _in_group_order(ids) -> bool:
    orders = [GROUP_ORDER[i] for i in ids]
    return orders == sorted(orders)


@pytest.mark.parametrize(("weekdays", "minutes"), [((MON, WED, FRI), 30), ((TUE, THU, SAT, SUN), 20)])
def test_the_nth_planned_day_gets_the_nth_session_of_the_week(weekdays, minutes):
    plan = first_plan(weekdays, "2026-11-02", minutes=minutes)
    week = compose_week(REAL, len(weekdays), minutes).sessions
    assert len(set(week)) == len(weekdays)  # the rotation really differs from day to day
    sessions = planned_sessions([plan], REAL, D("2026-11-02"), D("2026-11-22"))
    assert [s.date for s in sessions] == planned_dates([plan], D("2026-11-02"), D("2026-11-22"))
    for s in sessions:
        assert s.exercises == week[weekdays.index(s.date.weekday())]
        assert s.minutes == minutes and s.first_side is None
        assert _in_group_order(s.exercises)


def test_a_window_starting_mid_week_keeps_the_week_rotation():
    plan = first_plan((MON, WED, FRI), "2026-11-02", minutes=30)
    week = compose_week(REAL, 3, 30).sessions
    sessions = planned_sessions([plan], REAL, TODAY, D("2026-11-30"))
    assert [(s.date, s.exercises) for s in sessions] == [
        (D("2026-11-25"), week[1]),  # Wednesday is still the week's second session
        (D("2026-11-27"), week[2]),
        (D("2026-11-30"), week[0]),
    ]


def test_a_plan_starting_mid_week_begins_with_the_first_session():
    plan = first_plan((MON, WED, FRI), "2026-11-25", minutes=30)
    week = compose_week(REAL, 3, 30).sessions
    sessions = planned_sessions([plan], REAL, D("2026-11-23"), D("2026-11-30"))
    assert [(s.date, s.exercises) for s in sessions] == [
        (D("2026-11-25"), week[0]), (D("2026-11-27"), week[1]), (D("2026-11-30"), week[0]),
    ]


def test_without_minutes_every_session_holds_every_exercise_in_group_order():
    plan = first_plan((TUE, THU, SAT), "2026-11-02", side=Side.RIGHT)
    sessions = planned_sessions([plan], REAL, D("2026-11-02"), D("2026-11-15"))
    assert len(sessions) == 6
    for s in sessions:
        assert s.minutes is None
        assert sorted(s.exercises) == sorted(ex.id for ex in REAL)
        assert _in_group_order(s.exercises)
        assert s.exercises[:2] == ("leg-swings", "hip-circles")  # the warm-ups open every session
        assert s.first_side is Side.RIGHT


def test_sessions_follow_the_plan_version_of_their_date():
    old = first_plan((MON, WED, FRI), "2026-11-02", minutes=30, side=Side.LEFT)
    new = new_plan((TUE, THU, SAT, SUN), None, None, 20, [old], TODAY)
    sessions = planned_sessions([old, new], REAL, TODAY, D("2026-12-06"))
    three, four = compose_week(REAL, 3, 30).sessions, compose_week(REAL, 4, 20).sessions
    assert sessions == [
        PlannedSession(D("2026-11-25"), 30, three[1], Side.LEFT),
        PlannedSession(D("2026-11-27"), 30, three[2], Side.LEFT),
        PlannedSession(D("2026-12-01"), 20, four[0], None),
        PlannedSession(D("2026-12-03"), 20, four[1], None),
        PlannedSession(D("2026-12-05"), 20, four[2], None),
        PlannedSession(D("2026-12-06"), 20, four[3], None),
    ]


def test_only_dates_from_first_to_last_are_returned():
    plan = first_plan((MON, WED, FRI), "2026-11-02")
    sessions = planned_sessions([plan], REAL, D("2026-11-26"), D("2026-12-02"))
    assert [s.date for s in sessions] == [D("2026-11-27"), D("2026-11-30"), D("2026-12-02")]
    assert planned_sessions([plan], REAL, D("2026-11-28"), D("2026-11-29")) == []
    assert planned_sessions([], REAL, TODAY, D("2026-12-31")) == []


def test_week_start_is_the_monday():
    assert week_start(D("2026-11-25")) == D("2026-11-23")
    assert week_start(D("2026-11-23")) == D("2026-11-23")
    assert week_start(D("2027-01-03")) == D("2026-12-28")


def test_the_next_session_day_is_today_until_something_is_logged_today():
    # Issue 15.2: after today's session, `suggest` answers for the next planned day.
    from trainer.core.plan import next_session_day

    plan = new_plan((0, 2, 4), date(2026, 11, 23), None, 30, [], date(2026, 11, 23))
    wednesday = date(2026, 11, 25)
    assert next_session_day([plan], wednesday, trained_today=False) == wednesday
    assert next_session_day([plan], wednesday, trained_today=True) == date(2026, 11, 27)
    assert next_session_day([], wednesday, trained_today=True) == date(2026, 11, 26)
