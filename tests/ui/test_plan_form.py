"""Onboarding and the plan form, readable without colour (issue 13.4): the real app through the
Pilot on a real SQLite file."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from trainer.ui.app import TrainerApp
from trainer.ui.screens.plan_form import PlanForm
from trainer.ui.widgets.choices import ChoiceSet, GlyphCheckbox, GlyphRadioButton

SIZE = (80, 24)


def _text(widget: Static) -> str:
    return str(widget.content)


def _drawn(widget) -> str:
    return widget.render().plain


async def _onboarding(app, pilot) -> PlanForm:
    await pilot.pause()
    assert isinstance(app.screen, PlanForm)
    return app.screen


async def test_the_first_field_has_the_focus_and_the_arrows_move_along_the_days(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        assert app.focused is form.query_one("#day-mon", GlyphCheckbox)
        await pilot.press("right", "right")
        assert app.focused is form.query_one("#day-wed", GlyphCheckbox)
        await pilot.press("left")
        assert app.focused is form.query_one("#day-tue", GlyphCheckbox)
        await pilot.press("space")
        await pilot.pause()
        assert form.query_one("#day-tue", GlyphCheckbox).value is True


async def test_ticked_and_chosen_differ_by_glyph_not_only_colour(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        assert _drawn(form.query_one("#day-mon", GlyphCheckbox)).startswith("[x]")
        assert _drawn(form.query_one("#day-tue", GlyphCheckbox)).startswith("[ ]")
        radios = list(form.query_one("#plan-minutes", ChoiceSet).query(GlyphRadioButton))
        drawn = [_drawn(r)[:3] for r in radios]
        assert drawn.count("(*)") == 1 and drawn.count("( )") == len(radios) - 1


async def test_the_highlighted_option_is_the_chosen_one(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        minutes = form.query_one("#plan-minutes", ChoiceSet)
        minutes.focus()
        await pilot.pause()
        assert minutes._selected == minutes.pressed_index == 1  # 30 minutes, chosen and lit
        await pilot.press("down")
        await pilot.pause()
        assert minutes._selected == minutes.pressed_index == 2  # moving chooses
        await pilot.press("up", "up")
        await pilot.pause()
        assert minutes._selected == minutes.pressed_index == 0


async def test_a_mistake_is_named_in_the_apps_words_and_goes_once_mended(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        await pilot.press("space")  # untick Monday: two days left
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = _text(form.query_one("#plan-error", Static))
        assert "Choose 3 or 4 training days (you chose 2)" in error
        assert "--" not in error
        assert services.plans() == []
        await pilot.press("space")  # Monday again
        await pilot.pause()
        assert _text(form.query_one("#plan-error", Static)) == ""


async def test_onboarding_asks_each_sides_usual_morning_pain(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        assert "normal morning" in " ".join(_text(s) for s in form.query(Static))
        left = form.query_one("#baseline-left", Input)
        right = form.query_one("#baseline-right", Input)
        assert (left.value, right.value) == ("", "")  # not recorded yet (6.9.8)
        left.value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Usual morning pain, left" in _text(form.query_one("#plan-error", Static))
        assert services.plans() == []  # nothing saved, neither the plan nor the settings
        assert services.settings().baseline_pain_left is None
        left.value = "2"
        right.value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlanForm)
    assert len(services.plans()) == 1
    settings = services.settings()
    assert (settings.baseline_pain_left, settings.baseline_pain_right) == (2, 1)


async def test_an_empty_usual_morning_pain_is_saved_as_not_recorded(services, clock):
    # 6.9.8: empty means "I do not know", not 0; the engine estimates it from the first week.
    services.update_settings(baseline_pain_left=2, baseline_pain_right=1)
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanForm)
        left = form.query_one("#baseline-left", Input)
        right = form.query_one("#baseline-right", Input)
        assert (left.value, right.value) == ("2", "1")
        left.value = ""
        right.value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlanForm)
    settings = services.settings()
    assert (settings.baseline_pain_left, settings.baseline_pain_right) == (None, 0)


async def test_onboarding_offers_no_back_key_and_a_change_does(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _onboarding(app, pilot)
        assert "cancel" not in {k.action for k in app.screen.query(FooterKey)}
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.record_symptoms([])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanForm)
        assert "cancel" in {k.action for k in app.screen.query(FooterKey)}


async def test_saving_a_plan_change_says_so(services, clock):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.record_symptoms([])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        await pilot.press("right", "space")  # add Tuesday: four days
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlanForm)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Plan saved: Mon, Tue, Wed, Fri, 30 minutes") for m in said), said
        assert form.is_attached is False
    assert services.plans()[-1].weekdays == (0, 1, 2, 4)


# -- what a second look found ---------------------------------------------------------------


async def test_left_and_right_stay_in_the_row_of_days(services, clock):
    """The arrows go round the seven days; they never jump to the Save button or the side."""
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        await pilot.press("left")
        assert app.focused is form.query_one("#day-sun", GlyphCheckbox)
        await pilot.press("right")
        assert app.focused is form.query_one("#day-mon", GlyphCheckbox)


async def test_a_message_stays_until_mended_and_follows_the_form(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        error = form.query_one("#plan-error", Static)
        await pilot.press("space", "ctrl+s")  # untick Monday: two days
        await pilot.pause()
        assert "you chose 2" in _text(error)
        minutes = form.query_one("#plan-minutes", ChoiceSet)
        minutes.focus()
        await pilot.press("down")  # another change, the days still wrong: the message stays
        await pilot.pause()
        assert minutes.pressed_index == 2
        assert "you chose 2" in _text(error)
        form.query_one("#day-wed", GlyphCheckbox).value = False  # one day: the message follows
        await pilot.pause()
        assert "you chose 1" in _text(error)
        for day in ("mon", "wed", "thu"):
            form.query_one(f"#day-{day}", GlyphCheckbox).value = True
        await pilot.pause()
        assert _text(error) == "" and not error.display  # mended: gone, and takes no room
        assert services.plans() == []


async def test_a_start_date_far_away_is_not_called_a_typing_slip_of_format(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _onboarding(app, pilot)
        form.query_one("#plan-start", Input).value = "2200-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = _text(form.query_one("#plan-error", Static))
        assert "year-month-day" not in error
        assert "1 January 2200" in error and "years from today" in error
        form.query_one("#plan-start", Input).value = "25/11/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = _text(form.query_one("#plan-error", Static))
        assert "year-month-day" in error and "--" not in error
    assert services.plans() == []


async def test_a_change_says_from_when_it_applies(services, clock):
    """A begun plan changes from next Monday: the form says so instead of a greyed start date
    showing today; saving says the same date."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanForm)
        assert not form.query("#plan-start")
        assert "Monday 30 November" in _text(form.query_one("#plan-intro", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Monday 30 November" in m for m in said), said
    assert services.plans()[-1].effective_from == date(2026, 11, 30)


async def test_a_plan_not_yet_begun_changes_from_its_own_start(services, clock):
    services.set_plan((0, 2, 4), start=date(2026, 12, 14), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert "Monday 14 December" in _text(form.query_one("#plan-intro", Static))
        await pilot.press("right", "space", "ctrl+s")  # add Tuesday
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Monday 14 December" in m and "next week" not in m for m in said), said
    assert services.plans()[-1].weekdays == (0, 1, 2, 4)
    assert services.plans()[-1].effective_from == date(2026, 12, 14)


async def _fits(app, pilot) -> None:
    """Every part of the form is on screen, the Save button too, with nothing to scroll."""
    form = app.screen
    body = form.query_one("#plan-form")
    assert body.max_scroll_y == 0
    width, height = app.size
    for widget in [*form.query(GlyphCheckbox), form.query_one("#plan-save")]:
        region = widget.region
        assert region.right <= width and region.bottom <= height - 1, (widget, region)


async def test_the_form_fits_80x24_and_is_not_stretched_at_160x48(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _onboarding(app, pilot)
        await _fits(app, pilot)
        await pilot.press("space", "ctrl+s")  # a message takes room: still everything in view
        await pilot.pause()
        assert "you chose 2" in _text(form.query_one("#plan-error", Static))
        await _fits(app, pilot)
    app = TrainerApp(services, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        form = await _onboarding(app, pilot)
        body = form.query_one("#plan-form")
        assert body.region.width <= 100
        left, right = body.region.x, 160 - body.region.right
        assert abs(left - right) <= 1  # centred, not pushed to one side
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await _fits(app, pilot)


async def test_the_glyph_widgets_serve_other_dialogs_compact_or_not():
    """One line each, glyphs that follow the value, the focus visible without colour."""
    from textual.app import App

    class Probe(App):
        def compose(self):
            yield GlyphCheckbox("Plain", id="plain")
            yield GlyphCheckbox("Compact", compact=True, id="compact")
            yield GlyphRadioButton("Alone", id="alone")

    app = Probe()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        for selector in ("#plain", "#compact", "#alone"):
            widget = app.query_one(selector)
            widget.focus()
            await pilot.pause()
            assert widget.region.height == 1, selector
            before = _drawn(widget)[:3]
            await pilot.press("space")
            await pilot.pause()
            assert (before, _drawn(widget)[:3]) in {("[ ]", "[x]"), ("( )", "(*)")}, selector
            style = widget.get_visual_style("toggle--label")
            assert style.bold or style.underline, selector
