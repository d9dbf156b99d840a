"""`trainer report`: one page for a physiotherapist or doctor, in Markdown or HTML.

It gathers what a professional asks first: the plan and how well it is kept, where each side
stands on each exercise, left/right symmetry now against the start, pain trends per side, and every
pain flag and referral with its date. Wording stays plain; the few technical terms are explained.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from statistics import fmean
from typing import TYPE_CHECKING

from trainer.core.balance import comparable, pairs_of, symmetry
from trainer.core.model import LoggedSet, Side, SideSession, side_sessions_from
from trainer.core.pain import AMBER_MIN, RED_MIN
from trainer.core.plan import WEEKDAY_NAMES, plan_on, week_start
from trainer.core.progression import Outcome, weaker_side_of
from trainer.core.symptoms import BY_ID
from trainer.core.wording import decision_text, index_text, session_length_text, without_commands
from trainer.report_parts import FLAGS_TITLE, Report, Section, pain_flags
from trainer.report_parts import day_text as _day
from trainer.report_prescription import prescription_sections

if TYPE_CHECKING:
    from trainer.charts.spec import ChartSpec

RED_PAIN = RED_MIN  # the zones are defined once (core/pain.py)
AMBER_PAIN = AMBER_MIN


def report_text(services, since: date | None = None, fmt: str = "md") -> str:
    """The whole report for a physiotherapist, with its charts, as Markdown ("md") or HTML
    (charts as inline SVG, drawn by matplotlib: `report_figures`)."""
    from trainer.charts import assessment_charts, report_charts

    if fmt == "html":
        from trainer.charts.data import report_specs

        charts = report_specs(services, since)
        return to_html(build_report(services, since), charts)
    report = build_report(
        services,
        since,
        charts=lambda: report_charts(services, since) + assessment_charts(services),
    )
    return to_markdown(report)


def report_pdf(services, since: date | None = None) -> bytes:
    """The report as a PDF for a clinical record: the HTML's content and charts (`report_pdf`)."""
    from trainer.charts.data import report_specs
    from trainer.report_pdf import pdf_bytes

    return pdf_bytes(build_report(services, since), report_specs(services, since))


def build_report(
    services, since: date | None = None, charts: Callable[[], list[tuple[str, str]]] | None = None
) -> Report:
    """Everything the report says, from the services (no formatting here)."""
    today = services.clock.today()
    logged = [s for s in services.history() if since is None or s.date >= since]
    sessions = side_sessions_from(logged)
    period_start = min((s.date for s in logged), default=since or today)
    sections = [
        _summary_section(services, sessions, today),
        *prescription_sections(services, logged, since, today),
        _plan_section(services, today),
        _levels_section(services, sessions, today),
        _symmetry_section(services, sessions),
        _pain_section(services, sessions, since),
        _flags_section(services, logged, today),
        _assessment_section(services),
    ]
    if charts is not None:
        drawn = charts()
        if drawn:
            sections.append(
                Section(
                    "Charts",
                    ["Left and right over time, drawn as text."],
                    preformatted=[text for _title, text in drawn],
                )
            )
    sections.append(_glossary())
    return Report(
        title="Hip training report",
        subtitle=(
            f"From {_day(period_start)} to {_day(today)}, made by trainer on {_day(today)}. "
            "The person logs every set per side with the pain felt (0 = none, 10 = worst "
            "imaginable)."
        ),
        sections=sections,
    )


def _summary_section(services, sessions: list[SideSession], today: date) -> Section:
    """The first page, read in a minute: adherence, pain per side now against the start, balance,
    the flags with their reasons and only the decisions that change something."""
    section = Section("Summary")
    progress = services.adherence()
    if progress.weeks:
        rate = "" if progress.rate is None else f"{progress.rate:.0%} of the planned sessions done"
        section.paragraphs.append(
            f"Adherence: {rate or 'no session due yet'}; {progress.streak} week(s) in a row "
            "meeting the plan."
        )
    else:
        section.paragraphs.append("Adherence: no training plan has been set.")
    pains = []
    weeks = _weekly_worst(sessions)
    for side in (Side.LEFT, Side.RIGHT):
        noted = [week for week in sorted(weeks) if weeks[week][side]]
        if not noted:
            pains.append(f"{side.value}: not recorded")
            continue
        first, last = weeks[noted[0]][side], weeks[noted[-1]][side]
        pains.append(
            f"{side.value} {fmean(first):.1f} in the first week, {fmean(last):.1f} in the latest"
        )
    section.paragraphs.append(
        "Pain during exercise (weekly mean of each session's worst, 0-10): " + "; ".join(pains) + "."
    )
    suggestion = services.suggest(today + timedelta(days=1))
    names = {ex.id: ex.name for ex in services.catalogue.exercises}
    balance = [
        f"{names.get(a.exercise_id, a.exercise_id)} {index_text(a.lsi)}"
        + (f" ({a.weaker_side.value} weaker)" if a.weaker_side else "")
        for a in suggestion.exercises if a.lsi is not None
    ]
    section.paragraphs.append(
        "Left/right balance now (symmetry index, 90 % or more is balanced): "
        + ("; ".join(balance) if balance else "not enough comparable days yet") + "."
    )
    for referral in suggestion.referrals:
        where = ", ".join(
            part for part in (referral.side.value if referral.side else None,
                              names.get(referral.exercise or "", referral.exercise)) if part
        )
        level = referral.level.value.replace("_", " ")
        section.paragraphs.append(
            f"Flag ({level}{f', {where}' if where else ''}): {without_commands(referral.reason)}"
        )
    rows = [["Exercise", "Side", "Decision", "Next", "Why"]]
    for advice in suggestion.exercises:
        exercise = services.catalogue.get(advice.exercise_id)
        changes = [
            [decision.side.value, decision.decision.value,
             # The dose before and after, as `suggest` and the detail below say it (15.1).
             decision_text(decision, exercise, heading=decision.decision.value).split(": ", 1)[1],
             without_commands(decision.reasons[0].text)]
            for decision in advice.sides
            # What stays the same is in the detail below.
            if decision.decision is not Outcome.HOLD and decision.reasons
        ]
        if len(changes) == 2 and changes[0][1:] == changes[1][1:]:
            changes = [["both", *changes[0][1:]]]  # one row when both sides say the same
        rows += [[exercise.name, *change] for change in changes]
    if len(rows) > 1:
        section.paragraphs.append("Decisions that change something next time:")
        section.table = rows
    else:
        section.paragraphs.append("Next time: every exercise keeps its dose.")
    return section


def _weekly_worst(sessions: list[SideSession]) -> dict[date, dict[Side, list[int]]]:
    """Each side's worst pain of every training day, by week (Monday first). Sessions without a
    pain value (imports from other apps) are left out: "not recorded", never 0 (issue 16.5)."""
    worst: dict[tuple[date, Side], int] = {}
    for s in sessions:
        if s.pain_noted:
            worst[(s.date, s.side)] = max(worst.get((s.date, s.side), 0), s.pain)
    weeks: dict[date, dict[Side, list[int]]] = {}
    for (day, side), pain in worst.items():
        weeks.setdefault(week_start(day), {Side.LEFT: [], Side.RIGHT: []})[side].append(pain)
    return weeks


def _plan_section(services, today: date) -> Section:
    section = Section("Plan and adherence")
    plans = services.plans()
    settings = services.settings()
    plan = plan_on(plans, today) or (plans[-1] if plans else None)
    side = settings.involved_side.value if settings.involved_side else "not known"
    if plan is None:
        section.paragraphs.append("No training plan has been set.")
    else:
        days = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.weekdays)
        length = session_length_text(plan.minutes, services.prescription_in_force(today) is not None)
        first = min(p.start for p in plans)
        section.paragraphs.append(
            f"Training days: {days}; {length}; programme started {_day(first)}. "
            f"Side that hurts or is weaker, as the person reports it: {side}."
        )
        progress = services.adherence()
        if progress.weeks:
            rate = "" if progress.rate is None else f" ({progress.rate:.0%} of the sessions due)"
            section.paragraphs.append(
                f"Sessions done against planned, week by week{rate}; "
                f"{progress.streak} week(s) in a row meeting the plan."
            )
            section.table = [["Week of", "Planned", "Done"]] + [
                [_day(w.week_start), str(w.planned), str(w.done)] for w in progress.weeks[-12:]
            ]
    visits = services.visits()
    if visits:
        days = ", ".join(_day(visit) for visit in visits)
        section.paragraphs.append(f"Seen by a professional: {days}.")
    return section


def _levels_section(services, sessions: list[SideSession], today: date) -> Section:
    section = Section(
        "Where each side stands",
        [
            "The variation (ladder level) and dose done last on each side, and what trainer "
            "prescribes next with its reason."
        ],
    )
    suggestion = services.suggest(today + timedelta(days=1))
    advice = {a.exercise_id: a for a in suggestion.exercises}
    rows = [["Exercise", "Side", "Last done", "Next", "Why"]]
    latest = {(s.exercise_id, s.side): s for s in sessions}  # oldest first: the last one stays
    for exercise in services.catalogue.exercises:
        if exercise.id not in advice:
            continue  # not in the prescription in force: the engine decides nothing for it
        for decision in advice[exercise.id].sides:
            last = latest.get((exercise.id, decision.side))
            if last is None:
                continue
            level = exercise.level(last.level)
            unit = "s" if exercise.counts_seconds else "reps"
            load = "" if last.load.is_bodyweight else f", {last.load}"
            amounts = ", ".join(str(x) for x in last.performed)
            nxt = decision_text(decision, exercise, heading=decision.decision.value)
            reason = without_commands(next((r.text for r in decision.reasons), ""))
            rows.append(
                [
                    exercise.name,
                    decision.side.value,
                    f"level {level.number} ({level.name}){load}: {amounts} {unit}, {_day(last.date)}",
                    nxt,
                    reason,
                ]
            )
    if len(rows) == 1:
        section.paragraphs.append("Nothing logged yet.")
    else:
        section.table = rows
    return section


def _symmetry_section(services, sessions: list[SideSession]) -> Section:
    section = Section(
        "Left/right symmetry",
        [
            "Symmetry index = the weaker side's result divided by the stronger side's, in percent "
            "(100 % is even; 90 % or more counts as balanced in rehabilitation). It compares only "
            "days when both sides did the same variation without sharp or high pain, three such "
            "days at a time."
        ],
    )
    involved = services.settings().involved_side
    rows = [["Exercise", "At the start", "Now", "Weaker side now"]]
    by_key: dict[tuple[str, Side], list[SideSession]] = {}
    for s in sessions:  # one pass: years of sessions, not one pass per exercise and side
        by_key.setdefault((s.exercise_id, s.side), []).append(s)
    for exercise in services.catalogue.exercises:
        left = by_key.get((exercise.id, Side.LEFT), [])
        right = by_key.get((exercise.id, Side.RIGHT), [])
        pairs = [p for p in pairs_of(left, right) if comparable(p)]
        if len(pairs) < 3:
            continue
        first, now = symmetry(pairs[:3], involved), symmetry(pairs[-3:], involved)
        if first is None or now is None:
            continue
        weaker_now = weaker_side_of(now)
        weaker = weaker_now.value if weaker_now else "none (90 % or more)"
        rows.append([exercise.name, f"{first.lsi:.0f} %", f"{now.lsi:.0f} %", weaker])
    if len(rows) == 1:
        section.paragraphs.append(
            "Not enough days yet with both sides done the same way to compare them (three needed)."
        )
    else:
        section.table = rows
    return section


def _pain_section(services, sessions: list[SideSession], since: date | None) -> Section:
    section = Section(
        "Pain per side",
        ["Weekly average of the worst pain during each session, per side (0-10)."],
    )
    weeks = _weekly_worst(sessions)
    if not weeks:
        section.paragraphs.append(
            "No pain recorded yet." if not sessions else
            "Pain was not recorded for any session in this period (imported sets carry none)."
        )
        return section
    unnoted = sum(1 for s in sessions if not s.pain_noted)
    if unnoted:
        section.paragraphs.append(
            f"{unnoted} side-sessions have no pain recorded (imported from another app); they "
            "are left out here, not counted as 0."
        )
    ordered = sorted(weeks)
    section.table = [["Week of", "Left", "Right"]] + [
        [
            _day(w),
            _mean_text(weeks[w][Side.LEFT]),
            _mean_text(weeks[w][Side.RIGHT]),
        ]
        for w in ordered[-12:]
    ]
    for side in (Side.LEFT, Side.RIGHT):
        first = weeks[ordered[0]][side]
        last = weeks[ordered[-1]][side]
        if first and last:
            change = fmean(last) - fmean(first)
            trend = "lower" if change < 0 else "higher" if change > 0 else "the same"
            section.paragraphs.append(
                f"{side.value.capitalize()}: {fmean(first):.1f} in the first week, "
                f"{fmean(last):.1f} in the latest ({trend})."
            )
    mornings = [m for m in services.morning_checks() if since is None or m.date >= since]
    if mornings:
        latest = {m.side: m for m in mornings}
        parts = [
            f"{side.value} {latest[side].pain}/10" for side in (Side.LEFT, Side.RIGHT) if side in latest
        ]
        section.paragraphs.append("Latest pain on waking the morning after: " + ", ".join(parts) + ".")
    return section


def _mean_text(values: list[int]) -> str:
    return f"{fmean(values):.1f}" if values else "not recorded"


def _flags_section(services, logged: list[LoggedSet], today: date) -> Section:
    section = Section(
        FLAGS_TITLE,
        [
            "Sharp pain, or pain of 6/10 or more, means the person stopped that exercise; trainer "
            "then makes it easier. Referral advice is shown below with its reason."
        ],
    )
    names = {ex.id: ex.name for ex in services.catalogue.exercises}
    rows = [["Date", "Exercise", "Side", "What happened"]] + [
        [_day(flag.date), names.get(flag.exercise_id, flag.exercise_id), flag.side.value, flag.what]
        for flag in pain_flags(logged)
    ]
    if len(rows) > 1:
        section.table = rows
    else:
        section.paragraphs.append("No sharp pain and no pain of 6/10 or more was logged.")
    suggestion = services.suggest(today + timedelta(days=1))
    if suggestion.referrals:
        for referral in suggestion.referrals:
            where = ", ".join(
                part for part in (referral.side.value if referral.side else None,
                                  names.get(referral.exercise or "", referral.exercise)) if part
            )
            section.paragraphs.append(
                f"Referral ({referral.level.value.replace('_', ' ')}{f', {where}' if where else ''}, "
                f"rule {referral.rule}): {without_commands(referral.reason)}"
            )
    else:
        section.paragraphs.append("No referral advice is standing at the moment.")
    answers = services.symptom_answers()
    if answers:
        last = answers[-1]
        # The questions in words, not their ids (no command-line words in the report).
        yes = "; ".join(
            f"\"{BY_ID[i].question}\"" if i in BY_ID else i.replace("_", " ") for i in sorted(last.yes)
        ) if last.yes else "none"
        section.paragraphs.append(
            f"Red-flag symptom checklist, last answered {_day(last.date)}: yes to {yes}."
            if last.yes else f"Red-flag symptom checklist, last answered {_day(last.date)}: no to every question."
        )
    return section


def _assessment_section(services) -> Section:
    section = Section(
        "Self-assessment",
        ["Short tests per side, repeated every four weeks: the first assessment against the latest."],
    )
    latest, first = services.assessment(), services.first_assessment()
    if latest.assessed_on is None:
        section.paragraphs.append("No self-assessment recorded yet.")
        return section
    section.paragraphs.append(without_commands(latest.summary))
    firsts = {o.test.id: o for o in first.outcomes}
    rows = [["Test", "First: left", "First: right", "Latest: left", "Latest: right", "Symmetry now"]]
    for outcome in latest.outcomes:
        if outcome.left is None and outcome.right is None:
            continue
        then = firsts.get(outcome.test.id, outcome)
        rows.append(
            [
                outcome.test.name,
                then.value_text(Side.LEFT),
                then.value_text(Side.RIGHT),
                outcome.value_text(Side.LEFT),
                outcome.value_text(Side.RIGHT),
                "-" if outcome.lsi is None else f"{outcome.lsi:.0f} %",
            ]
        )
    section.table = rows
    if latest.referral:
        section.paragraphs.append(without_commands(latest.referral))
    return section


def _glossary() -> Section:
    return Section(
        "Terms",
        [
            "Ladder level: the exercise's variations from easiest (1) to hardest; a harder level "
            "means less support, more range or an added load.",
            "Decision: PROGRESS (harder next time), HOLD (same dose), REGRESS (one step easier), "
            "DELOAD (a lighter week), STOP_NOW (skip the exercise), REFER (see a professional), "
            "URGENT (seek medical care now). trainer names no diagnosis.",
        ],
    )


# --- formats -----------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report) -> str:
    lines = [f"# {report.title}", "", report.subtitle, ""]
    for section in report.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.table:
            header, *rows = section.table
            lines.append("| " + " | ".join(_md_cell(c) for c in header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
            lines.append("")
        for block in section.preformatted:
            lines += ["```", block, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_html(report: Report, charts: Sequence[ChartSpec] | None = None) -> str:
    """HTML; `charts` are drawn as inline SVG (matplotlib) after the first section."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(report.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #999;"
        "padding:0.2em 0.5em;text-align:left;vertical-align:top}pre{font-size:0.8em}</style>",
        "</head><body>",
        f"<h1>{e(report.title)}</h1>",
        f"<p>{e(report.subtitle)}</p>",
    ]
    for section in report.sections:
        parts.append(f"<h2>{e(section.title)}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        if section.table:
            header, *rows = section.table
            parts.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in header) + "</tr>")
            parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
            parts.append("</table>")
        parts += [f"<pre>{e(block)}</pre>" for block in section.preformatted]
        if section is report.sections[0] and charts:
            parts.append(_svg_charts(charts))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _svg_charts(charts: Sequence[ChartSpec]) -> str:
    """The charts as vector graphics (matplotlib: only the HTML and PDF reports load it); a chart
    with too little data is its title and why."""
    from trainer.report_figures import svg_of

    e = html.escape
    parts = ['<section class="charts">']
    for chart in charts:
        if chart.drawn:
            parts.append(f'<figure>{svg_of(chart)}<figcaption>{e(chart.summary)}</figcaption></figure>')
        else:
            parts.append(f"<p><b>{e(chart.title)}</b>: {e(chart.message or '')}</p>")
    parts.append("</section>")
    return "\n".join(parts)
