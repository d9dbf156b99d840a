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
        left, right = form.query_one("#baseline-left", Input), form.query_one("#baseline-right", Input)
        assert (left.value, right.value) == ("0", "0")
        left.value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Usual morning pain, left" in _text(form.query_one("#plan-error", Static))
        assert services.plans() == []  # nothing saved, neither the plan nor the settings
        assert services.settings().baseline_pain_left == 0
        left.value = "2"
        right.value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlanForm)
    assert len(services.plans()) == 1
    settings = services.settings()
    assert (settings.baseline_pain_left, settings.baseline_pain_right) == (2, 1)


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
