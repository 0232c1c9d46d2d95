"""recommend(): hard limits, invariances and determinism over hypothesis-generated profiles."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import channelfit as cf
from channelfit.criteria import REGISTRY
from channelfit.explain import locale
from channelfit.problem import SETUP_WEEKS
from channelfit.render import ONE_PERSON_WEEKLY_HOURS, render_plan
from channelfit.routine import DAYS
from channelfit.solutions import MINIMUM_BUDGET_TOLERANCE
from channelfit.strategies import profiles
from channelfit.vocabulary import LEVELS

from .conftest import budgeted_hours, load_example


def _plan_or_infeasible(profile: dict, **kwargs: object) -> cf.Plan | None:
    try:
        return cf.recommend(profile, **kwargs)
    except cf.InfeasibleError as exc:
        kept = profile["present_on"] and not profile.get("may_drop_accounts")
        assert profile["include"] or kept, "only included channels and kept accounts can make a profile infeasible"
        assert exc.field == "include" or (kept and exc.field == "present_on")
        return None


def _check_limits(plan: cf.Plan, profile: dict, cat: cf.Catalog) -> None:
    parsed = cf.Profile.model_validate(profile)
    picks = {p.channel: p for p in plan.picks}
    assert len(picks) == len(plan.picks) <= parsed.max_channels
    assert set(parsed.include) <= set(picks)
    assert not set(parsed.exclude) & set(picks)
    money = sum(p.monthly_cost_eur for p in plan.picks)
    hours = sum(budgeted_hours(p, cat) for p in plan.picks)
    assert money <= plan.monthly_budget_eur + 0.01
    assert hours <= parsed.budget.weekly_hours + 0.01
    targets = [cat.index["countries"][k] for k in parsed.markets]
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        assert (cat.availability[c, targets] != 2).any(), f"{pick.channel} is blocked in every target market"
        assert parsed.premises or not cat.needs_premises[c]
        assert cat.level_offered[c, LEVELS.index(pick.level)]
    for phase in plan.phases:
        assert phase.monthly_cost_eur <= plan.monthly_budget_eur + 0.01
        assert phase.weekly_hours <= parsed.budget.weekly_hours + 0.01
    assert plan.totals.channels == len(plan.picks)
    assert {e.channel for e in plan.excluded}.isdisjoint(picks)


@given(profiles(), st.sampled_from(["coverage", "additive"]))
def test_hard_limits_hold(profile: dict, objective: str) -> None:
    cat = cf.catalog()
    plan = _plan_or_infeasible(profile, objective=objective)
    if plan is not None:
        _check_limits(plan, profile, cat)
        ranks = [r.score for r in plan.ranking]
        assert ranks == sorted(ranks, reverse=True)
        assert all(0.0 <= v <= 1.0 for r in plan.ranking for v in r.criteria.values())
        assert all(item.channels for item in plan.listening)  # a Tehran café read "... neighbourhood groups, on " and nothing


@given(profiles(with_include=False), st.floats(0.1, 50.0))
def test_scaling_goal_weights_changes_nothing(profile: dict, factor: float) -> None:
    goals = profile["goals"]
    scaled = dict.fromkeys(goals, factor) if isinstance(goals, list) else {k: v * factor for k, v in goals.items()}
    assert cf.recommend({**profile, "goals": scaled}).model_dump_json() == cf.recommend(profile).model_dump_json()


@given(profiles(with_include=False), st.sampled_from(["coverage", "additive"]), st.floats(1.0, 4.0), st.floats(1.0, 4.0))
def test_more_budget_never_lowers_the_objective(profile: dict, objective: str, money: float, hours: float) -> None:
    richer = copy.deepcopy(profile)
    richer["budget"]["monthly"] *= money
    richer["budget"]["weekly_hours"] = min(168.0, richer["budget"]["weekly_hours"] * hours)
    base = cf.recommend(profile, objective=objective).objective
    assert cf.recommend(richer, objective=objective).objective >= base - 1e-4


@given(profiles(with_include=False))
def test_more_channels_allowed_never_lowers_the_objective(profile: dict) -> None:
    wider = {**profile, "max_channels": min(20, profile["max_channels"] + 1)}
    assert cf.recommend(wider).objective >= cf.recommend(profile).objective - 1e-4


@given(profiles())
def test_same_input_same_json(profile: dict) -> None:
    first = _plan_or_infeasible(profile)
    if first is not None:
        assert cf.recommend(copy.deepcopy(profile)).model_dump_json() == first.model_dump_json()


def test_blocked_everywhere_is_never_picked_and_is_explained(rossi: dict) -> None:
    plan = cf.recommend({**rossi, "markets": ["RU"], "present_on": []})
    picked = {p.channel for p in plan.picks}
    assert not picked & {"facebook", "instagram", "x", "linkedin"}
    blocked = {e.channel: e for e in plan.excluded if e.reason == "blocked"}
    assert {"facebook", "instagram", "linkedin"} <= set(blocked)
    assert "RU" in blocked["linkedin"].why.text


def test_including_a_blocked_channel_is_infeasible(rossi: dict) -> None:
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**rossi, "markets": ["RU"], "present_on": [], "include": ["linkedin"]})
    assert info.value.field == "include" and info.value.value == "linkedin"


def test_include_beyond_the_hours_names_the_limit(rossi: dict, cat: cf.Catalog) -> None:
    """An included channel whose lowest level needs more hours than the budget is reported with both numbers."""
    c = cat.index["channels"]["youtube"]
    lowest = float(np.where(cat.level_offered[c], cat.level_weekly_hours[c] + cat.level_setup_hours[c] / SETUP_WEEKS, np.inf).min())
    budget = round(lowest / 2, 2)
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**rossi, "present_on": [], "include": ["youtube"], "budget": {"monthly": 500, "weekly_hours": budget}})
    message = str(info.value)
    assert message.startswith("include: youtube needs")
    assert f"{lowest:.1f} h/week" in message and f"the budget is {budget:g}" in message
    assert info.value.value == "youtube"


def test_include_more_than_max_channels(rossi: dict) -> None:
    with pytest.raises(cf.InfeasibleError, match="max_channels"):
        cf.recommend({**rossi, "present_on": [], "include": ["linkedin", "youtube"], "max_channels": 1})


def test_additive_objective_is_sum_of_score_times_effect(rossi: dict, cat: cf.Catalog) -> None:
    """The additive value is the sum of score x level effect, a paid pick on its spend curve."""
    from channelfit.problem import AT_MINIMUM_SPEND, build_problem, spend_curve

    problem = build_problem(cf.Profile.model_validate(rossi), cat)
    plan = cf.recommend(rossi, objective="additive")
    expected = 0.0
    for p in plan.picks:
        c = cat.index["channels"][p.channel]
        level = LEVELS.index(p.level)
        full = p.score * cat.level_effect[c, level]
        scale = problem.spend_scale[c, level]
        extra_in_scales = p.extra_promotion / plan.monthly_budget * plan.monthly_budget_eur / scale if scale > 0 else 0.0
        expected += float(spend_curve(full, extra_in_scales, AT_MINIMUM_SPEND[level])) if scale > 0 else full
    assert plan.objective == pytest.approx(expected, abs=1e-9)


def test_present_channels_need_no_setup(rossi: dict) -> None:
    plan = cf.recommend({**rossi, "include": ["linkedin"]})
    linkedin = next(p for p in plan.picks if p.channel == "linkedin")
    assert linkedin.setup_hours == 0
    assert any(r.code == "presence" for r in linkedin.why)


def test_bad_options_are_profile_errors(rossi: dict) -> None:
    with pytest.raises(cf.ProfileError, match="objective"):
        cf.recommend(rossi, objective="greedy")  # type: ignore[arg-type]
    with pytest.raises(cf.ProfileError, match="language"):
        cf.recommend(rossi, language="de")


def test_include_beyond_the_money_names_the_limit(rossi: dict, cat: cf.Catalog) -> None:
    """Every listen level in the catalog is free, so the money limit is checked on an instance whose costs are raised."""
    from dataclasses import replace

    from channelfit.problem import build_problem, check_forced_fit, make_instance
    from channelfit.profile import parse_profile

    profile = parse_profile({**rossi, "include": ["linkedin"], "budget": {"monthly": 50, "weekly_hours": 6}})
    problem = build_problem(profile, cat)
    instance = make_instance(problem, "coverage")
    instance = replace(instance, monthly_cost_eur=instance.monthly_cost_eur + 120.0)
    with pytest.raises(cf.InfeasibleError) as info:
        check_forced_fit(problem, instance)
    assert str(info.value).startswith("include: linkedin needs 120 EUR/month at its lowest allowed level, the budget is 50")
    assert (info.value.field, info.value.value) == ("include", "linkedin")


@given(profiles())
@example({
    "name": "machine shop", "model": "b2b", "sector": "manufacturing", "markets": ["IT"], "audience": {"age": [13, 13], "professionals": True},
    "goals": ["brand_awareness"], "budget": {"monthly": 0, "currency": "AED", "weekly_hours": 3}, "premises": True,
    "present_on": {"facebook": "listen", "google_business_profile": "grow"}, "include": [], "max_channels": 2,
})  # a local campaign run already, for professional buyers, was lowered without a word (long fuzz)
@example({
    "name": "machine shop", "kind": "person", "model": "b2b", "sector": "manufacturing", "markets": ["IT"], "audience": {"age": [13, 13]},
    "goals": ["brand_awareness"], "budget": {"monthly": 0, "currency": "AED", "weekly_hours": 1}, "formats": ["text"], "premises": False,
    "present_on": ["facebook", "google_ads"], "max_channels": 1,
})  # a Google Ads account given without a level, with no money, was to be left "dormant with a pinned note" (CI, session 18)
def test_accounts_already_run_are_never_dropped_or_lowered_unless_allowed(profile: dict) -> None:
    """Accounts run are kept at no less than their level, unless dropping is allowed (a media organisation's own media
    stay even then) or, at those levels, they do not fit the budget: then the plan may lower them and says why."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    from channelfit.problem import accounts_lowered, build_problem
    from channelfit.scorer import own_media

    cat = cf.catalog()
    parsed = cf.Profile.model_validate(profile)
    lowered = accounts_lowered(build_problem(parsed, cat))  # at the levels given they do not fit: any level, said so
    picked = {p.channel: p.level for p in plan.picks}
    excluded = {e.channel for e in plan.excluded}
    advice = {a.channel: a for a in plan.accounts}
    own = own_media(parsed, cat)
    for channel, level in parsed.present_on.items():
        if (parsed.may_drop_accounts and channel not in own) or channel in excluded:
            continue
        c = cat.index["channels"][channel]
        if level is None and not cat.level_offered[c, LEVELS.index("listen")]:
            # given without a level, an account that cannot be kept without posting or paying is not kept (problem._given_levels);
            # one of nothing but ads is paused, not given a pinned note
            assert channel in picked or not cat.ads_only[c] or advice[channel].why.text.startswith("pause its campaigns"), advice[channel]
            continue
        assert channel in picked, f"{channel} was dropped"
        if level is not None and LEVELS.index(picked[channel]) < LEVELS.index(level):
            assert lowered, f"{channel} was lowered"
            text = advice[channel].why.text
            assert "at the levels you gave" in text or "serves none of your goals" in text, text
        for phase in plan.phases:
            assert channel in {c.channel for c in phase.channels}, f"{channel} is silent in {phase.name}"


PODCASTER = {
    "name": "Brussels podcaster", "kind": "person", "model": "b2c", "sector": "media_and_entertainment", "markets": {"BE": 0.6, "FR": 0.4},
    "based_in": "BE", "audience": {"age": [25, 45]}, "goals": {"community": 3, "brand_awareness": 2, "sales": 1},
    "budget": {"monthly": 60, "currency": "EUR", "weekly_hours": 8}, "formats": ["audio", "text", "image", "short_video"],
    "present_on": {"podcast": "maintain", "instagram": "maintain"}, "max_channels": 3,
}


@pytest.mark.parametrize("may_drop_accounts", [False, True])
def test_a_media_organisation_keeps_its_own_medium_and_is_never_told_to_close_it(may_drop_accounts: bool) -> None:
    """A podcaster's podcast is her product (review 31: she read that keeping it cost 56 % of the plan's value and that
    a Facebook page would serve her better): kept at its level even where the plan may drop accounts, never named as
    an account that holds the plan back, and the plan says it assumed so; her Instagram is one account among others."""
    plan = cf.recommend({**PODCASTER, "may_drop_accounts": may_drop_accounts})
    assert {p.channel: p.level for p in plan.picks}.get("podcast") == "maintain"
    assert all("Podcast" not in str(r.values.get("accounts", "")) for r in (plan.accounts_cost, plan.totals.unspent_why) if r is not None)
    assert [r.values["channels"] for r in plan.assumptions if r.code == "own_media"] == ["Podcast"]
    other = cf.recommend({**PODCASTER, "sector": "education", "may_drop_accounts": may_drop_accounts})
    assert not any(r.code == "own_media" for r in other.assumptions)
    # a newsletter writer letting the plan drop accounts read that it keeps them "unless you let it close them" (review 36)
    writer = cf.recommend({**PODCASTER, "present_on": {"email_newsletter": "maintain", "substack": "maintain"}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5},
                           "may_drop_accounts": may_drop_accounts})
    assert {a.channel for a in writer.accounts if a.action != "close"} == {"email_newsletter", "substack"}
    assert all("may_drop_accounts" not in a.why.text for a in writer.accounts), [a.why.text for a in writer.accounts]


DUBAI_RESTAURANTS = {
    "name": "Dubai restaurant group",
    "model": "b2c",
    "sector": "food_and_drink",
    "markets": ["AE"],
    "audience": {"age": [22, 55]},
    "goals": {"local_visits": 3, "brand_awareness": 2, "customer_service": 1},
    "budget": {"monthly": 50000, "currency": "AED", "weekly_hours": 40},
    "formats": ["text", "image", "short_video", "live"],
    "premises": True,
    "present_on": {"instagram": "grow", "google_business_profile": "maintain", "tripadvisor": "listen"},
    "max_channels": 6,
}


@given(profiles())
@example(DUBAI_RESTAURANTS)
def test_the_first_weeks_record_baselines_before_any_account_is_raised(profile: dict) -> None:
    """While baselines are recorded, an account the plan raises runs at the level it runs now (a Dubai group's
    Tripadvisor went from listen to paid in week 1), one it keeps or lowers at its planned level, and no channel
    takes paid promotion it does not already run."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    parsed, cat = cf.Profile.model_validate(profile), cf.catalog()
    first = {c.channel: LEVELS.index(c.level) for c in plan.phases[0].channels}
    assert set(first) == {p.channel for p in plan.picks}
    for pick in plan.picks:
        planned, lowest = LEVELS.index(pick.level), int(np.flatnonzero(cat.level_offered[cat.index["channels"][pick.channel]])[0])
        if pick.channel not in parsed.present_on:
            assert first[pick.channel] == lowest, pick.channel
            continue
        now = parsed.present_on[pick.channel]
        now_index = LEVELS.index(now) if now is not None else LEVELS.index("maintain")
        if planned > now_index:
            assert first[pick.channel] <= max(now_index, lowest), (pick.channel, now, first)
        else:
            assert first[pick.channel] == planned, (pick.channel, now, first)


#: An indie musician who may drop her accounts: the plan opens new pages that listen first.
NEW_PAGES_MUSICIAN = {
    "name": "Lucía Marés",
    "kind": "person",
    "model": "b2c",
    "sector": "media_and_entertainment",
    "markets": {"MX": 0.7, "US": 0.3},
    "audience": {"age": [16, 35]},
    "goals": {"brand_awareness": 3, "community": 2, "sales": 1},
    "budget": {"monthly": 0, "currency": "MXN", "weekly_hours": 6},
    "formats": ["image", "short_video", "long_video", "live", "audio"],
    "present_on": {"instagram": "maintain", "tiktok": "maintain", "youtube": "maintain"},
    "may_drop_accounts": True,
    "max_channels": 4,
}


#: A Steam page kept at listen, found by Hypothesis once batch N22's channels shifted its draws: its baseline is its first
#: weeks (it runs now, at the level the plan keeps), while the first phase lasts five.
KEPT_STEAM_PAGE = {
    "name": "", "kind": "person", "model": "b2b", "sector": "manufacturing", "markets": ["BR"],
    "audience": {"age": [13, 13], "gender": "any", "professionals": False}, "goals": ["community"],
    "budget": {"monthly": 0, "currency": "AED", "weekly_hours": 5}, "formats": ["text"], "premises": False,
    "present_on": ["steam"], "max_channels": 3,
}


@given(profiles())
@example(DUBAI_RESTAURANTS)
@example(NEW_PAGES_MUSICIAN)
@example(KEPT_STEAM_PAGE)
def test_every_kpi_baseline_is_measured_while_its_channel_is_active(profile: dict) -> None:
    """A KPI's baseline weeks fall in one phase in which its channel runs above listen (or the pick only listens), and
    end before the focus phase does: a new page that listens in the first weeks had "+30 % reach vs baseline" with
    nothing posted to measure."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    focus = plan.phases[1]
    for pick in plan.picks:
        for kpi in pick.kpis:
            first, last = kpi.baseline_weeks
            phase = next(ph for ph in plan.phases if ph.first_week <= first <= ph.last_week)
            assert last <= min(phase.last_week, focus.last_week), (pick.channel, kpi.baseline_weeks, phase.name)
            level = next(c.level for c in phase.channels if c.channel == pick.channel)
            assert level != "listen" or pick.level == "listen", (pick.channel, kpi.kpi, kpi.baseline_weeks, phase.name)
            # the first phase's last weeks (all of a short one), or the weeks right after it
            listen_last = plan.phases[0].last_week
            # or, for an account run already at the level the plan keeps, its first weeks (review 36: a Kyiv restaurant's
            # pages read "vs weeks 9-12" of a 12-week first phase); a Steam page kept at listen beside a 5-week phase
            kept = next(c.level for c in plan.phases[0].channels if c.channel == pick.channel) == pick.level
            now = kept and (first, last) == (1, min(listen_last, 4))
            assert now or (last == listen_last and first == max(1, listen_last - 3)) or first == listen_last + 1, kpi.baseline_weeks
            # a campaign set up first is measured once it spends
            start = next(c.from_week for c in plan.phases[0].channels if c.channel == pick.channel)
            assert start is None or first >= start, (pick.channel, kpi.kpi, kpi.baseline_weeks, start)


#: An Osaka parts maker that runs an X account the plan keeps at listen although X serves none of its goals.
OSAKA_PARTS_MAKER = {
    "name": "Tanaka Seimitsu",
    "model": "b2b",
    "sector": "manufacturing",
    "markets": ["JP"],
    "audience": {"age": [30, 60], "professionals": True, "sectors": ["automotive", "manufacturing"]},
    "goals": {"lead_generation": 3, "recruiting": 2},
    "budget": {"monthly": 250000, "currency": "JPY", "weekly_hours": 6},
    "formats": ["text", "image", "long_video", "article"],
    "premises": True,
    "present_on": ["x"],
    "max_channels": 3,
}


@given(profiles())
@example(OSAKA_PARTS_MAKER)
def test_every_channel_the_routine_listens_on_is_in_the_listening_setup(profile: dict) -> None:
    """The week's "listen and answer" happens on channels the listening setup says what to listen for on (an X kept
    at listen was scheduled four times a week and named nowhere in the setup)."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    listened = {item.channel for item in plan.routine if item.activity == "listen_and_answer"}
    named = {channel for item in plan.listening for channel in item.channels}
    assert listened <= named, (listened - named, [(i.goal, i.channels) for i in plan.listening])


#: A swimwear brand with 450,000 BRL and 60 h/week whose expand phase adds nothing: not for want of money or hours.
SWIMWEAR_BRAND = {
    "name": "Areia Moda Praia",
    "kind": "brand",
    "model": "b2c",
    "sector": "fashion",
    "markets": {"BR": 0.85, "US": 0.15},
    "audience": {"age": [18, 40], "gender": "female"},
    "goals": {"sales": 4, "brand_awareness": 2, "community": 1},
    "budget": {"monthly": 450000, "currency": "BRL", "weekly_hours": 60},
    "formats": ["image", "short_video", "live", "long_video", "text"],
    "present_on": {"instagram": "grow", "tiktok": "maintain"},
    "max_channels": 6,
}
#: A town hall with four slots whose expand phase adds a fifth channel.
TOWN_HALL = {
    "name": "Stadt Oberhain",
    "kind": "public_body",
    "model": "b2c",
    "sector": "public_sector",
    "markets": ["DE"],
    "audience": {"age": [16, 80]},
    "goals": {"customer_service": 3, "brand_awareness": 1, "recruiting": 2, "community": 1},
    "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 20},
    "formats": ["text", "image", "short_video"],
    "premises": True,
    "present_on": {"facebook": "grow", "instagram": "maintain", "x": "maintain", "youtube": "listen"},
    "may_drop_accounts": True,
    "max_channels": 4,
}


@given(profiles())
@example(SWIMWEAR_BRAND)
@example(TOWN_HALL)
def test_the_expand_phase_says_when_it_goes_beyond_the_limit(profile: dict) -> None:
    """A plan headed "at most 4 channels" listed five in its expand phase without a word (the expand phase may add
    two channels beyond the limit: the note says so exactly when it does)."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    expand = plan.phases[2]
    assert (len(expand.channels) > plan.max_channels) == ("beyond your limit" in expand.note), expand.note


def test_the_swimwear_brand_and_the_town_hall_read_the_expand_phase_right() -> None:
    """A brand with 60 h/week and a free slot read "no further channel fits the money and hours the focus mix leaves"."""
    assert "would add" in cf.recommend(SWIMWEAR_BRAND).phases[2].note
    town = cf.recommend(TOWN_HALL)
    assert len(town.phases[2].channels) > TOWN_HALL["max_channels"] and "beyond your limit of 4 channels" in town.phases[2].note


def test_a_new_page_takes_its_baseline_in_its_first_weeks_active() -> None:
    plan = cf.recommend(NEW_PAGES_MUSICIAN)
    listen = plan.phases[0]
    first = {c.channel: c.level for c in listen.channels}
    new = [p for p in plan.picks if p.channel not in NEW_PAGES_MUSICIAN["present_on"] and p.level != "listen" and first[p.channel] == "listen"]
    assert new, [(p.channel, first[p.channel]) for p in plan.picks]
    for pick in new:
        assert all(k.baseline_weeks == (listen.last_week + 1, listen.last_week + 4) for k in pick.kpis), pick.kpis
        assert f"{pick.name} in weeks {listen.last_week + 1}–{listen.last_week + 4}" in " ".join(listen.kpi_targets)
    assert f"weeks {listen.last_week + 1}–{listen.last_week + 4})" in render_plan(plan)


BUENOS_AIRES_PSYCHOLOGIST = {
    "name": "psychologist",
    "kind": "person",
    "model": "b2c",
    "sector": "health",
    "markets": ["AR"],
    "audience": {"age": [22, 50]},
    "goals": {"lead_generation": 3, "thought_leadership": 1},
    "budget": {"monthly": 20000, "currency": "ARS", "weekly_hours": 3},
    "formats": ["text", "image", "article"],
    "premises": True,
    "present_on": ["instagram"],
    "max_channels": 3,
}


@given(profiles())
@example(BUENOS_AIRES_PSYCHOLOGIST)
@example({"name": "", "kind": "person", "model": "b2b", "sector": "manufacturing", "markets": ["IT"], "audience": {"age": [13, 13]},
          "goals": ["brand_awareness", "community"], "budget": {"monthly": 0.0, "currency": "AED", "weekly_hours": 1.0}, "formats": ["text"],
          "premises": False, "present_on": ["facebook"], "max_channels": 1})  # a page of no given level, run at listen
def test_account_advice_matches_what_the_plan_does_with_the_account(profile: dict) -> None:
    """An account whose level the profile does not give is run at its planned level, never "kept" at it (a page
    nobody said ran ads was told to "keep it at grow"); only an account that serves some goal is said to serve them;
    a lowered account is told to lower it."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    goals = {p.channel: p.goals for p in plan.picks}
    for account in plan.accounts:
        if account.action == "close":
            continue
        text, serves = account.why.text, bool(goals[account.channel])
        assert ("serves none of your goals" in text) != serves, (account, goals[account.channel])
        if account.level_now is None:  # serving a goal or not (a psychologist's Instagram read "keep it at listen")
            # or, run at listen, what listening alone means for a page with followers
            assert text.startswith("run it at") or (account.level_planned == "listen" and text.startswith("listen only")), account
        if account.action == "lower":  # the advice says what the plan does (a lowered idle account read "keep it at")
            assert text.startswith("lower it to"), account


@given(profiles())
def test_picks_you_asked_for_are_not_said_to_be_cheap_and_the_expand_note_listens_only_where_it_can(profile: dict) -> None:
    """An included channel or a kept account is in the mix because the profile says so, not "for what it costs"
    (a coach's own Instagram was); the expand phase says "listen first" only when each added channel can listen."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    parsed = cf.Profile.model_validate(profile)
    forced = set(parsed.include) | (set() if parsed.may_drop_accounts else set(parsed.present_on))
    for pick in plan.picks:
        assert pick.channel not in forced or all(r.code != "dominated" for r in pick.why), pick.channel
    expand = plan.phases[-1]
    if expand.note.endswith("listen first"):
        focus = {p.channel for p in plan.picks}
        added = [c.channel for c in expand.channels if c.channel not in focus]
        cat = cf.catalog()
        assert all(cat.level_offered[cat.index["channels"][c], LEVELS.index("listen")] for c in added), added


def test_a_consumer_organisations_listening_places_are_where_consumers_talk() -> None:
    """A Russian online English school was told to listen on TenChat, a network of professionals."""
    school = {"name": "school", "model": "b2c", "sector": "education", "markets": ["RU"], "audience": {"age": [18, 45]},
              "goals": {"lead_generation": 3, "sales": 1, "community": 1}, "budget": {"monthly": 150000, "currency": "RUB", "weekly_hours": 15},
              "formats": ["text", "image", "short_video", "long_video", "live"], "present_on": {"vk": "grow", "telegram": "maintain"}, "max_channels": 4}
    plan = cf.recommend(school, minimum_budget_share=None)
    assert "tenchat" not in {c for item in plan.listening for c in item.channels}


def test_a_market_where_a_channel_is_blocked_is_said_to_be_blocked() -> None:
    """A French jeweller selling in China was told YouTube "reaches about 0 % of people aged 28-65 in China (estimated
    by age from ShinyShiny 2014)"; the plan now says YouTube is blocked there."""
    jeweller = {"name": "jeweller", "model": "b2c", "sector": "fashion", "markets": {"FR": 0.6, "CN": 0.4}, "audience": {"age": [28, 65]},
                "goals": {"brand_awareness": 3}, "budget": {"monthly": 5000, "weekly_hours": 20}, "include": ["youtube"], "max_channels": 3}
    youtube = next(p for p in cf.recommend(jeweller, minimum_budget_share=None).picks if p.channel == "youtube")
    assert [r.values["country"] for r in youtube.why if r.code == "blocked_in"] == ["CN"]
    assert {r.values["country"] for r in youtube.why if r.code == "reach"} == {"FR"}


@given(profiles(with_include=False))
def test_the_minimum_viable_budget_costs_what_it_says_and_the_plan_grows_out_of_it(profile: dict) -> None:
    plan = cf.recommend(profile)
    mb = plan.minimum_budget
    assert mb is not None
    assert mb.monthly == pytest.approx(mb.mix_monthly_cost, abs=0.01) and mb.weekly_hours == pytest.approx(mb.mix_weekly_hours, abs=0.01)
    assert mb.monthly <= plan.monthly_budget + 0.01 and mb.weekly_hours <= plan.weekly_hours_budget + 0.01
    levels = {p.channel: LEVELS.index(p.level) for p in plan.picks}
    assert all(LEVELS.index(c.level) <= levels.get(c.channel, -1) for c in mb.channels), "a mix the plan grows into: its own channels, no higher"
    assert mb.objective >= mb.share * plan.objective - 1e-9
    owned = {row.channel for row in cf.catalog().channel_rows if row.orientation in ("owned", "messaging")}
    for phase in plan.phases:
        assert not any(c.level == "listen" and c.channel in owned for c in phase.channels)


def test_a_members_only_network_is_open_only_to_its_own_sectors() -> None:
    """Doximity holds verified US clinicians: a hospital recruiting them can be there, a security vendor selling to
    hospitals cannot (a Tel Aviv vendor was told to 'maintain' it) and is told why."""
    def organisation(sector: str, goals: dict[str, int]) -> dict:
        return {"name": "x", "model": "b2b", "sector": sector, "markets": ["US"], "audience": {"age": [28, 60], "professionals": True, "sectors": ["health"]},
                "goals": goals, "budget": {"monthly": 2000, "currency": "USD", "weekly_hours": 10}, "max_channels": 4}

    vendor = cf.recommend(organisation("software", {"lead_generation": 3, "thought_leadership": 1}), minimum_budget_share=None)
    why = {e.channel: e for e in vendor.excluded}["doximity"]
    assert why.reason == "no_fit" and why.why.text == "only organisations and people in health can hold an account there"
    hospital = cf.recommend(organisation("health", {"recruiting": 3, "thought_leadership": 1}), minimum_budget_share=None)
    assert "doximity" in {r.channel for r in hospital.ranking}


@given(profiles(with_include=False))
def test_a_vertical_network_of_the_organisations_own_sector_is_read_on_that_sector(profile: dict) -> None:
    """G2 and Capterra are where buyers of any sector look for software: a Krakow software house selling to
    manufacturers and banks had them at a quarter of their fit, read on its buyers' sectors, and Clutch under X."""
    cat = cf.catalog()
    plan = cf.recommend(profile, minimum_budget_share=None)
    own = cat.index["sectors"][profile["sector"]]
    for ranked in plan.ranking:
        c = cat.index["channels"][ranked.channel]
        if cat.vertical_sectors[c, own] and "sector" in ranked.criteria:
            assert ranked.criteria["sector"] == pytest.approx(cat.sector_fit[c, own], abs=1e-9), ranked.channel


def test_a_software_house_selling_to_manufacturers_is_sent_to_clutch() -> None:
    krakow = {
        "name": "Krakow software house", "kind": "company", "model": "b2b", "sector": "software", "markets": {"DE": 0.5, "GB": 0.5},
        "audience": {"age": [30, 60], "professionals": True, "sectors": ["manufacturing", "retail", "finance"]},
        "goals": {"lead_generation": 4, "thought_leadership": 2, "recruiting": 1},
        "budget": {"monthly": 20000, "currency": "PLN", "weekly_hours": 20}, "formats": ["text", "article", "image", "long_video"], "present_on": {"linkedin": "maintain"}, "max_channels": 5,
    }
    plan = cf.recommend(krakow, minimum_budget_share=None)
    assert "clutch" in {p.channel for p in plan.picks}, [p.channel for p in plan.picks]


def test_a_channel_with_kpis_of_its_own_is_measured_on_them() -> None:
    """Tabelog is measured on bookings, Google Business Profile on calls for leads (data/channel_kpis.csv)."""
    ramen = {
        "name": "Tokyo ramen",
        "model": "b2c",
        "sector": "food_and_drink",
        "markets": ["JP"],
        "goals": {"local_visits": 3},
        "budget": {"monthly": 60000, "currency": "JPY", "weekly_hours": 4},  # Tabelog's paid plan beside Google's promotion
        "include": ["tabelog"],
    }
    tabelog = next(p for p in cf.recommend(ramen).picks if p.channel == "tabelog")
    assert tabelog.level == "grow" and [k.kpi for k in tabelog.kpis] == ["bookings"]


@given(profiles(with_include=False))
def test_an_account_the_plan_closes_does_not_come_back_in_a_later_phase(profile: dict) -> None:
    plan = cf.recommend(profile, minimum_budget_share=None)
    closed = {a.channel for a in plan.accounts if a.action == "close"}
    assert not closed & {c.channel for phase in plan.phases for c in phase.channels}


@given(profiles())
def test_the_weekly_routine_adds_up_to_each_picks_hours_and_listens_only_where_content_is_public(profile: dict) -> None:
    """Each pick's routine adds up to its hours; one listens only where content is public and not on a listing, where
    it answers and reviews (Google Hotel Ads and Wellhub read "listen and answer")."""
    cat = cf.catalog()
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    for pick in plan.picks:
        items = [item for item in plan.routine if item.channel == pick.channel]
        assert sum(item.hours for item in items) == pytest.approx(pick.weekly_hours, abs=0.125)
        if not cat.content_is_public(cat.index["channels"][pick.channel]):
            assert all(item.activity != "listen_and_answer" for item in items), (pick.channel, items)
        listing = cat.channel_rows[cat.index["channels"][pick.channel]].orientation in ("directory", "commerce")
        assert all(item.activity != ("create_and_post" if listing else "update_listing") for item in items), (pick.channel, items)
        # a listing answers its messages and reviews; there is no conversation to listen to on a hotel's booking links
        assert not listing or all(item.activity != "listen_and_answer" for item in items), (pick.channel, items)

        row = cat.channel_rows[cat.index["channels"][pick.channel]]
        sent = row.orientation == "messaging" or row.starts_empty  # a newsletter or a messenger writes and sends, it does not post
        assert all(item.activity != ("create_and_post" if sent else "write_and_send") for item in items), (pick.channel, items)
        c, live = cat.index["channels"][pick.channel], cat.index["formats"]["live"]
        if any(item.activity == "go_live" for item in items):  # live only where the organisation and the channel make it
            assert "live" in profile["formats"] and (cat.format_needed[c, live] or cat.format_helpful[c, live]), (pick.channel, items)
        days = {activity: sorted(DAYS.index(item.day) for item in items if item.activity == activity) for activity in ("create_and_post", "write_and_send", "update_listing", "run_campaigns", "go_live")}
        assert len(days["run_campaigns"]) <= 1 and len(days["go_live"]) <= 1, (pick.channel, items)  # campaigns adjusted, one live session, once a week
        for activity in ("create_and_post", "write_and_send", "update_listing"):  # content twice a week, two days apart
            assert len(days[activity]) <= 2 and (len(days[activity]) < 2 or days[activity][1] - days[activity][0] >= 2), (pick.channel, items)
    assert len({item.channel for item in plan.routine if item.activity == "go_live"}) <= 1  # one live session a week, not one per channel


#: A regional university in Russia recruiting in Russia and Kazakhstan.
RUSSIAN_UNIVERSITY = {
    "name": "university",
    "kind": "public_body",
    "model": "b2c",
    "sector": "education",
    "markets": ["RU", "KZ"],
    "audience": {"age": [16, 24]},
    "goals": {"brand_awareness": 2, "lead_generation": 3, "community": 1},
    "budget": {"monthly": 300000, "currency": "RUB", "weekly_hours": 25},
    "formats": ["text", "image", "short_video", "long_video", "live"],
    "max_channels": 4,
}


def test_a_busy_week_is_spread_over_the_days() -> None:
    """Three channels with campaigns and content do not pile onto one Monday and one Tuesday (a Russian university
    once read 7.5 h of campaigns on Monday and 0.25 h on Friday): the busiest day stays near the mean."""
    plan = cf.recommend(RUSSIAN_UNIVERSITY, minimum_budget_share=None)
    load = {day: sum(item.hours for item in plan.routine if item.day == day) for day in DAYS}
    campaign_days = [item.day for item in plan.routine if item.activity == "run_campaigns"]
    assert len(campaign_days) >= 3 and len(set(campaign_days)) >= 3  # not all on Monday
    assert max(load.values()) <= 1.25 * sum(load.values()) / len(DAYS), load


def test_a_new_email_list_counts_at_half_its_reach_and_says_so() -> None:
    """An email newsletter reaches only its subscribers: one the organisation does not run yet starts empty and
    counts at NEW_LIST_REACH_FACTOR of its reach; one it already runs (present_on) counts in full."""
    from channelfit.criteria import NEW_LIST_REACH_FACTOR

    charity = {
        "name": "UK charity",
        "kind": "nonprofit",
        "model": "b2c",
        "sector": "nonprofit",
        "markets": ["GB"],
        "audience": {"age": [30, 75]},
        "goals": {"fundraising": 3, "community": 1},
        "budget": {"monthly": 0, "currency": "GBP", "weekly_hours": 6},
        "formats": ["text", "image"],
        "max_channels": 2,
    }
    new = cf.recommend(charity, minimum_budget_share=None)
    running = cf.recommend({**charity, "present_on": {"email_newsletter": "maintain"}}, minimum_budget_share=None)
    reach_new = new.ranking_frame().loc["email_newsletter", "reach"]
    reach_running = running.ranking_frame().loc["email_newsletter", "reach"]
    assert reach_new == pytest.approx(NEW_LIST_REACH_FACTOR * reach_running, rel=1e-12)
    said = {p.channel: {r.code for r in p.why} for p in new.picks}
    assert "new_list" in said.get("email_newsletter", {"new_list"})
    assert all("new_list" not in {r.code for r in p.why} for p in running.picks)
    assert "email_newsletter" in {p.channel for p in running.picks}, "a list the charity already runs is its fundraising channel (M+R)"


@given(profiles())
def test_the_plan_names_the_owner_and_only_the_roles_its_routine_gives_time(profile: dict) -> None:
    """No campaign manager in a plan without paid promotion; each timed role's hours are its activities' in the routine."""
    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    activities = {
        "community_manager": ("listen_and_answer", "answer_and_review"),
        "content_creator": ("create_and_post", "write_and_send", "go_live", "update_listing"),
        "campaign_manager": ("run_campaigns",),
    }
    expected = {role: sum(item.hours for item in plan.routine if item.activity in kinds) for role, kinds in activities.items()}
    assert [r.role for r in plan.roles][:1] == ["owner"]
    assert {r.role: r.weekly_hours for r in plan.roles[1:]} == pytest.approx({role: hours for role, hours in expected.items() if hours > 0})


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_a_person_is_told_every_role_is_theirs(language: str) -> None:
    """A one-person business reads one roles line that gives every role to them, not four jobs to staff; a small
    team's plan says one person can hold them all; a larger plan lists the roles."""
    coach = {
        "name": "Anna Berg Coaching",
        "kind": "person",
        "model": "b2c",
        "sector": "professional_services",
        "markets": ["DE"],
        "audience": {"age": [30, 55]},
        "goals": {"lead_generation": 3, "brand_awareness": 1},
        "budget": {"monthly": 150, "weekly_hours": 5},
        "max_channels": 3,
    }
    person = cf.recommend(coach, language=language, minimum_budget_share=None)
    company = cf.recommend({**coach, "kind": "company"}, language=language, minimum_budget_share=None)
    team = cf.recommend({**coach, "kind": "company", "budget": {"monthly": 3000, "weekly_hours": 40}, "max_channels": 6}, language=language, minimum_budget_share=None)
    assert (person.kind, company.kind) == ("person", "company")
    assert company.totals.weekly_hours <= ONE_PERSON_WEEKLY_HOURS < team.totals.weekly_hours
    strings = locale(language)["render"]
    lines = {key: "\n- " + strings[key].split("{")[0] for key in ("roles_person", "roles_one_person", "roles")}
    for plan, key in ((person, "roles_person"), (company, "roles_one_person"), (team, "roles")):
        assert [k for k, line in lines.items() if line in render_plan(plan)] == [key]


@given(profiles())
def test_every_goal_the_mix_works_for_is_named_by_a_pick_with_one_kpi_per_count(profile: dict) -> None:
    """A goal of the profile that a pick above listen serves at all, with an affinity of 0.3 or more, is among some
    pick's goals (so it has a channel and a KPI), any other is a goal gap, and no pick measures the same count twice
    (Booking.com's bookings for two goals)."""
    from channelfit.problem import build_problem
    from channelfit.profile import parse_profile
    from channelfit.solutions import main_mix

    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    cat = cf.catalog()
    problem = main_mix(build_problem(parse_profile(profile, cat), cat), plan.objective_kind).problem
    named = {goal for pick in plan.picks for goal in pick.goals}
    gaps = {gap.values["goal_id"] for gap in plan.goal_gaps}
    for goal in (goal for goal, weight in problem.profile.goals.items() if weight > 0):
        g = cat.index["goals"][goal]
        served = [
            p
            for p in plan.picks
            if p.level != "listen"
            and problem.channel_effectiveness[cat.index["channels"][p.channel], LEVELS.index(p.level), g] > 0
            and problem.affinity[cat.index["channels"][p.channel], g] >= 0.3
        ]
        assert not served or goal in named, (goal, [p.channel for p in served])
        assert (goal in named) != (goal in gaps), (goal, named, gaps)
    for pick in plan.picks:
        counts = [k.kpi for k in pick.kpis]
        assert len(counts) == len(set(counts)), (pick.channel, counts)


def test_a_saas_thought_leadership_gets_a_channel_and_a_kpi() -> None:
    """Its minor goal was each pick's minor one, so no pick named it: the blog, which serves it best, now does."""
    saas = {
        "name": "saas",
        "model": "b2b",
        "sector": "software",
        "markets": {"NL": 2, "BE": 1, "DE": 1},
        "audience": {"age": [28, 60], "professionals": True, "sectors": ["retail", "hospitality", "health"]},
        "goals": {"lead_generation": 3, "thought_leadership": 1, "recruiting": 1},
        "budget": {"monthly": 3000, "currency": "EUR", "weekly_hours": 15},
        "formats": ["text", "image", "article", "long_video"],
        "present_on": {"linkedin": "maintain", "blog": "maintain"},
        "max_channels": 5,
    }
    plan = cf.recommend(saas, minimum_budget_share=None)
    assert any("thought_leadership" in p.goals and any(k.goal == "thought_leadership" for k in p.kpis) for p in plan.picks)


@given(profiles())
def test_a_plan_that_is_its_own_minimum_says_so(profile: dict) -> None:
    """When no smaller budget reaches the share (the minimum's mix is the plan's), the plan does not claim that its
    whole mix reaches only that share of its value (a Polish shop read '80 %' for its own three channels)."""
    plan = _plan_or_infeasible(profile)
    if plan is None or plan.minimum_budget is None:
        return
    strings = locale("en")["render"]
    whole = strings["minimum_budget_whole"].split(":")[0] + ": " + strings["minimum_budget_whole"].split(": ")[1].split(",")[0]
    text = render_plan(plan)
    assert (whole in text) == (abs(plan.minimum_budget.objective - plan.objective) <= 1e-9), text.split("Minimum viable budget")[1][:200]
    if whole in text:  # with no money, only fewer hours could lower it (a library with 0 PLN read "with less money")
        assert ("less money" in text) == (plan.minimum_budget.monthly >= 0.005), text.split("Minimum viable budget")[1][:200]


def test_a_shop_whose_accounts_are_its_minimum_is_told_their_levels_cost_without_the_promotion() -> None:
    """The accounts a shop keeps at their levels are its minimum mix; the share needs none of Allegro's promotion,
    so the minimum is what the levels cost (it read the whole 2,000 PLN, promotion included)."""
    shop = {
        "name": "shop",
        "model": "b2c",
        "sector": "retail",
        "markets": ["PL"],
        "audience": {"age": [25, 55], "gender": "female"},
        "goals": {"sales": 3, "traffic": 1, "customer_service": 1},
        "budget": {"monthly": 2000, "currency": "PLN", "weekly_hours": 12},
        "formats": ["image", "short_video"],
        "premises": False,
        "present_on": {"facebook": "maintain", "instagram": "maintain", "allegro": "grow"},
        "max_channels": 5,
    }
    plan = cf.recommend(shop)
    minimum = plan.minimum_budget
    assert minimum is not None and {(c.channel, c.level) for c in minimum.channels} == {(p.channel, p.level) for p in plan.picks}
    assert minimum.promotion == 0.0 and minimum.objective >= minimum.share * plan.objective
    levels = sum(p.monthly_cost - p.extra_promotion for p in plan.picks)
    assert minimum.monthly == pytest.approx(levels, abs=0.01) and minimum.monthly < plan.totals.monthly_cost
    assert "Minimum viable budget: this whole plan" not in render_plan(plan)


@given(profiles())
def test_a_dominated_pick_is_said_to_be_cheaper_only_when_it_is(profile: dict) -> None:
    """'In the mix because it costs less' only where the better-scoring channel costs more money or hours at the
    pick's level; at no higher cost the plan says this one serves the goals at least as well (Wildberries and Ozon
    cost the same, and a Russian plan called one of them cheaper)."""
    from channelfit.explain import Explainer
    from channelfit.problem import build_problem
    from channelfit.profile import parse_profile

    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    cat = cf.catalog()
    problem = build_problem(parse_profile(profile, cat), cat)
    explainer = Explainer(cat, "en")
    for pick in plan.picks:
        for reason in (r for r in pick.why if r.code == "dominated"):
            c, other, lv = cat.index["channels"][pick.channel], cat.index["channels"][str(reason.values["other_id"])], LEVELS.index(pick.level)
            cheaper = not cat.level_offered[other, lv] or problem.money[other, lv] > problem.money[c, lv] + 1e-9 or problem.hours[other, lv] > problem.hours[c, lv] + 1e-9
            expected = explainer.text("reasons", "dominated" if cheaper else "dominated_same_cost", other=explainer.channel_name(other))
            assert reason.text == expected


@given(profiles())
def test_a_newsletter_is_not_said_to_reach_a_country(profile: dict) -> None:
    """An owned channel reaches its own subscribers or readers: its market figure is stated as the people who use
    the medium (the pool the audience grows from), never as 'reaches about N % of people' (an Italian food bank's list)."""
    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    cat = cf.catalog()
    for pick in plan.picks:
        owned = cat.channel_rows[cat.index["channels"][pick.channel]].orientation == "owned"
        texts = [r.text for r in pick.why if r.code == "reach"]
        assert not any(t.startswith("reaches about") for t in texts) if owned else not any("your own audience grows" in t for t in texts), texts


def test_whoever_writes_articles_writes_text() -> None:
    """A channel that needs short text is open to an organisation that lists only articles (Google Ads was
    excluded for a furniture maker with "needs text")."""
    maker = {
        "name": "maker",
        "model": "b2c",
        "sector": "manufacturing",
        "markets": ["SE"],
        "audience": {"age": [30, 65]},
        "goals": {"sales": 2, "brand_awareness": 2, "traffic": 1},
        "budget": {"monthly": 20000, "currency": "SEK", "weekly_hours": 10},
        "formats": ["image", "short_video", "article"],
        "max_channels": 5,
    }
    articles = cf.recommend(maker, minimum_budget_share=None)
    with_text = cf.recommend({**maker, "formats": ["image", "short_video", "article", "text"]}, minimum_budget_share=None)
    assert "google_ads" not in {e.channel for e in articles.excluded}
    assert articles.ranking_frame()["score"].to_dict() == with_text.ranking_frame()["score"].to_dict()


def test_two_hours_of_setup_do_not_cost_a_listing_its_place() -> None:
    """Setup is one-off, done while a new channel runs at its lowest level: an Osaka ramen shop with 2 h/week keeps
    Tabelog beside its Google profile (1 h/week each once running; each listing's 2 setup hours fit the first
    weeks), where spreading the setup over every week of the plan left Tabelog 0.3 h short."""
    ramen = {
        "name": "ramen",
        "model": "b2c",
        "sector": "food_and_drink",
        "markets": {"JP": 2, "KR": 1, "TW": 1, "US": 1},
        "audience": {"age": [20, 50]},
        "goals": {"local_visits": 4, "brand_awareness": 1},
        "budget": {"monthly": 0, "currency": "JPY", "weekly_hours": 2},
        "formats": ["image", "short_video"],
        "premises": True,
        "max_channels": 2,
    }
    plan = cf.recommend(ramen, minimum_budget_share=None)
    assert {p.channel for p in plan.picks} == {"google_business_profile", "tabelog"}
    assert all(phase.weekly_hours <= 2 + 1e-9 for phase in plan.phases)
    first = plan.phases[0]
    assert first.name == "listen_and_set_up" and first.last_week - first.first_week + 1 >= 4


def test_a_seller_based_abroad_is_not_given_premises() -> None:
    """A Shenzhen seller budgeting in CNY for the US, Germany and the UK has no shop its customers visit: no maps
    listing, and the plan says why; a hotel abroad keeps its premises (its guests travel), and so does an
    organisation that gave no currency (the EUR default says nothing about where it is)."""
    seller = {
        "name": "seller",
        "model": "b2c",
        "sector": "retail",
        "markets": {"US": 3, "DE": 1, "GB": 1},
        "audience": {"age": [18, 45]},
        "goals": {"sales": 4, "brand_awareness": 1},
        "budget": {"monthly": 70000, "currency": "CNY", "weekly_hours": 20},
        "formats": ["image", "short_video", "text"],
        "max_channels": 4,
    }
    cat = cf.catalog()
    plan = cf.recommend(seller, minimum_budget_share=None)
    assert [r.code for r in plan.assumptions][0] == "premises" and plan.assumptions[0].values == {"currency": "CNY"}
    assert not any(cat.needs_premises[cat.index["channels"][p.channel]] for p in plan.picks)
    assert {e.reason for e in plan.excluded if e.channel == "google_business_profile"} == {"needs_premises"}
    assert cf.Profile.model_validate({**seller, "sector": "hospitality"}).has_premises(cat)
    assert cf.Profile.model_validate({**seller, "budget": {"monthly": 10000, "weekly_hours": 20}}).has_premises(cat)
    assert cf.Profile.model_validate({**seller, "markets": {"US": 3, "CN": 1}}).has_premises(cat)


def test_a_brand_is_told_why_it_is_assumed_to_have_no_premises() -> None:
    """A Jakarta beauty brand read 'no premises customers visit, as for most beauty organisations' while the catalog
    gives beauty premises: the reason is that it is a brand; a beauty salon keeps the sector's default."""
    brand = {
        "name": "brand",
        "kind": "brand",
        "model": "b2c",
        "sector": "beauty",
        "markets": ["ID"],
        "audience": {"age": [18, 35], "gender": "female"},
        "goals": ["sales", "brand_awareness"],
        "budget": {"monthly": 500, "weekly_hours": 10},
        "formats": ["image", "short_video"],
    }
    cat = cf.catalog()
    assert next(row.premises for row in cat.vocabulary_rows["sectors"] if row.id == "beauty")
    assert cf.recommend(brand, minimum_budget_share=None).assumptions[0].text.startswith("assumed: no premises customers visit, as a brand")
    salon = cf.recommend({**brand, "kind": "company"}, minimum_budget_share=None).assumptions
    assert [r.values for r in salon] == [{"sector": "beauty", "sector_id": "beauty"}] and salon[0].text.startswith("assumed: you have premises")
    musician = cf.recommend({**brand, "kind": "person", "sector": "media_and_entertainment"}, minimum_budget_share=None).assumptions
    assert "people working on their own in" in musician[0].text  # a Mexico City musician read 'as for most ... organisations'


def test_an_account_already_run_shows_the_formats_it_needs() -> None:
    """A Colombian school on WhatsApp writes its messages, whatever formats it listed: the account serves its goals
    (it read 'serves none of your goals' with a format fit of 0), and a channel it does not run still needs a format."""
    from channelfit.criteria import FORMAT_NEEDED_FIT

    school = {
        "name": "school",
        "model": "b2c",
        "sector": "education",
        "markets": ["CO"],
        "audience": {"age": [18, 35]},
        "goals": {"lead_generation": 3, "sales": 1, "brand_awareness": 1},
        "budget": {"monthly": 1200000, "currency": "COP", "weekly_hours": 8},
        "formats": ["short_video", "live", "image"],
        "premises": True,
        "present_on": {"instagram": "maintain", "whatsapp": "maintain"},
        "max_channels": 4,
    }
    plan = cf.recommend(school, minimum_budget_share=None)
    frame = plan.ranking_frame()
    assert frame.loc["whatsapp", "formats"] >= FORMAT_NEEDED_FIT
    assert next(p for p in plan.picks if p.channel == "whatsapp").goals
    newsletter = next(e for e in plan.excluded if e.channel == "email_newsletter")  # it writes no text, and runs no list
    assert newsletter.reason == "no_fit" and "formats" in newsletter.why.values


def test_an_organisation_in_russia_buys_no_ads_where_the_owner_sells_it_none() -> None:
    """Meta, Google and Snap sell no ads, and TikTok takes no posts, from organisations based in Russia
    (data/closed_to_organisations.csv): a Russian
    university budgeting in RUB for Russia and Kazakhstan gets no grow level on them, and says why where it keeps
    one at a lower level; a Kazakh school budgeting in KZT for the same markets still can buy Instagram ads."""
    university = {**RUSSIAN_UNIVERSITY, "budget": {"monthly": 300000, "currency": "RUB", "weekly_hours": 40}, "include": ["instagram"], "max_channels": 6}
    cat = cf.catalog()
    plan = cf.recommend(university, minimum_budget_share=None)
    closed = {channel for channel, country in cat.closed_rows if country == "RU"}
    assert {"facebook", "instagram", "google_ads", "youtube"} <= closed
    assert all(p.level != "grow" for p in plan.picks if p.channel in closed)
    instagram = next(p for p in plan.picks if p.channel == "instagram")
    assert [r.values["owner"] for r in instagram.why if r.code == "ads_closed"] == ["Meta"]
    school = cf.recommend({**university, "budget": {"monthly": 3000000, "currency": "KZT", "weekly_hours": 40}}, minimum_budget_share=None)
    assert not any(r.code == "ads_closed" for p in school.picks for r in p.why)
    from channelfit.problem import build_problem
    from channelfit.profile import parse_profile
    from channelfit.vocabulary import GROW, LISTEN, MAINTAIN

    instagram_index, tiktok_index = cat.index["channels"]["instagram"], cat.index["channels"]["tiktok"]
    for currency, money, open_to_it in (("RUB", 300000, False), ("KZT", 3000000, True), ("EUR", 3000, True)):
        profile = parse_profile({**university, "budget": {"monthly": money, "currency": currency, "weekly_hours": 40}}, cat)
        offered = build_problem(profile, cat).offered
        assert bool(offered[instagram_index, GROW]) is open_to_it, currency
        assert offered[tiktok_index, LISTEN] and bool(offered[tiktok_index, MAINTAIN]) is open_to_it, currency  # TikTok takes no posts from Russia
    listening = cf.recommend({**university, "include": ["tiktok"]}, minimum_budget_share=None)
    tiktok = next(p for p in listening.picks if p.channel == "tiktok")
    assert tiktok.level == "listen" and [r.code for r in tiktok.why if r.code.endswith("_closed")] == ["posting_closed"]


def test_the_minimum_budget_does_not_grow_with_money_the_plan_leaves() -> None:
    """A Jeddah gym leaving most of its money unspent read a minimum of 89.04 SAR, and 178 SAR when its budget doubled,
    for the same mix (review 25): the least promotion reaching the share is found to within a tolerance of what the mix
    spends on promotion, not of the budget left at the minimum's factor."""
    gym = {"name": "gym", "kind": "company", "model": "b2c", "sector": "personal_services", "markets": ["SA"], "based_in": "SA",
           "audience": {"age": [18, 45], "gender": "female"}, "goals": {"lead_generation": 3, "local_visits": 2, "community": 1},
           "budget": {"monthly": 9000, "currency": "SAR", "weekly_hours": 8}, "formats": ["image", "short_video"], "premises": True,
           "present_on": {"instagram": "maintain", "snapchat": None, "tiktok": None}, "max_channels": 5}
    plan, doubled = cf.recommend(gym), cf.recommend({**gym, "budget": {**gym["budget"], "monthly": 18000}})
    assert [(p.channel, p.level, p.monthly_cost) for p in plan.picks] == [(p.channel, p.level, p.monthly_cost) for p in doubled.picks]
    assert plan.minimum_budget is not None and doubled.minimum_budget is not None
    assert plan.minimum_budget.monthly == pytest.approx(doubled.minimum_budget.monthly, rel=2 * MINIMUM_BUDGET_TOLERANCE), (plan.minimum_budget, doubled.minimum_budget)


@given(profiles())
def test_the_minimum_budget_says_how_much_of_it_is_promotion(profile: dict) -> None:
    """The minimum's money is its levels' cost plus its paid promotion (a Dutch SaaS read 2,184 EUR for levels that
    cost 443 and wondered where the rest went); the text says the promotion part whenever there is one."""
    from channelfit.problem import build_problem
    from channelfit.profile import parse_profile

    plan = _plan_or_infeasible(profile)
    if plan is None or plan.minimum_budget is None:
        return
    cat = cf.catalog()
    problem = build_problem(parse_profile(profile, cat), cat)
    mb = plan.minimum_budget
    levels = sum(problem.money[cat.index["channels"][c.channel], LEVELS.index(c.level)] for c in mb.channels) * problem.fx_per_eur
    assert mb.promotion == pytest.approx(mb.monthly - levels, abs=0.01 + 1e-9 * mb.monthly)
    from channelfit.explain import money_figure

    assert ("Of that money," in render_plan(plan)) == (money_figure(mb.promotion) > 0)


def test_a_salon_that_makes_no_text_can_still_use_a_messenger() -> None:
    """A business answers on WhatsApp with words or photos of its work: a Sao Paulo salon listing images and short
    videos was told WhatsApp 'needs text', where salons take almost every booking."""
    salon = {
        "name": "salon",
        "model": "b2c",
        "sector": "beauty",
        "markets": ["BR"],
        "audience": {"age": [18, 50], "gender": "female"},
        "goals": {"local_visits": 3, "brand_awareness": 1},
        "budget": {"monthly": 800, "currency": "BRL", "weekly_hours": 8},
        "formats": ["image", "short_video"],
        "max_channels": 3,
    }
    plan = cf.recommend(salon, minimum_budget_share=None)
    assert "whatsapp" not in {e.channel for e in plan.excluded}
    assert "whatsapp" in plan.ranking_frame().index


@given(profiles())
def test_a_grow_pick_without_ads_of_its_own_says_whose_ads_its_money_buys(profile: dict) -> None:
    """Google Business Profile sells no ads: its grow money buys Google Ads local campaigns, and a newsletter's buys
    lead ads; the plan says so for every such pick at grow (a reviewer read 'Google Business Profile (grow)' as spend
    on a free listing), and for no other."""
    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    through = locale("en")["words"]["promoted_through"]
    for pick in plan.picks:
        said = [r.values["through"] for r in pick.why if r.code == "promoted_through"]
        assert said == ([through[pick.channel]] if pick.level == "grow" and pick.channel in through else []), (pick.channel, pick.level, said)


def test_a_dental_practice_whose_accounts_do_not_fit_its_hours_gets_a_plan() -> None:
    """Facebook and a Google profile at maintain need 4 h/week; a practice with 3 got only an error. It now gets a
    plan that keeps both accounts, lowers one, and says why; at levels that fit, nothing is lowered."""
    practice = {
        "name": "practice",
        "model": "b2c",
        "sector": "health",
        "markets": ["US"],
        "audience": {"age": [25, 70]},
        "goals": {"local_visits": 3, "lead_generation": 2, "customer_service": 1},
        "budget": {"monthly": 1500, "currency": "USD", "weekly_hours": 3},
        "formats": ["image", "text"],
        "premises": True,
        "present_on": {"facebook": "maintain", "google_business_profile": "maintain"},
        "max_channels": 4,
    }
    plan = cf.recommend(practice, minimum_budget_share=None)
    actions = {a.channel: a.action for a in plan.accounts}
    assert set(actions) == {"facebook", "google_business_profile"} and "close" not in actions.values()
    assert "lower" in actions.values()
    assert all("at the levels you gave" in a.why.text for a in plan.accounts if a.action == "lower")
    roomy = cf.recommend({**practice, "budget": {"monthly": 1500, "currency": "USD", "weekly_hours": 6}}, minimum_budget_share=None)
    assert "lower" not in {a.action for a in roomy.accounts}


def test_each_market_with_a_tenth_of_the_weight_gets_its_reach_stated() -> None:
    """A Milan tourism office with 60 % of its audience abroad, 15 % in each of four markets, read only Italy's reach
    under every pick: each market of at least a tenth of the weight is stated, up to five, the heaviest first."""
    markets = {"IT": 0.4, "DE": 0.15, "FR": 0.15, "US": 0.15, "GB": 0.08, "ES": 0.07}
    office = {
        "name": "tourism office",
        "kind": "public_body",
        "model": "b2c",
        "sector": "travel",
        "markets": markets,
        "audience": {"age": [25, 65]},
        "goals": ["brand_awareness"],
        "budget": {"monthly": 500, "weekly_hours": 10},
    }
    cat = cf.catalog()
    for pick in cf.recommend(office, minimum_budget_share=None).picks:
        if cat.needs_premises[cat.index["channels"][pick.channel]]:
            continue
        stated = [r.values["country"] for r in pick.why if r.code in ("reach", "reach_unknown", "blocked_in")]
        assert stated[0] == "IT" and set(stated) == {"IT", "DE", "FR", "US"}, (pick.channel, stated)


def test_a_fundraising_platform_closed_to_the_organisations_country_is_excluded_and_says_why() -> None:
    """A Nairobi NGO was told to open GoFundMe, which takes organisers only from the countries it supports: it is
    excluded as closed, with the source; including it is an error naming the field; an account the NGO already
    runs (through a partner abroad) stays; a London charity keeps both platforms."""
    ngo = {
        "name": "ngo",
        "kind": "nonprofit",
        "model": "b2c",
        "sector": "nonprofit",
        "markets": {"KE": 2, "GB": 1, "US": 1},
        "audience": {"age": [25, 65]},
        "goals": {"fundraising": 3, "brand_awareness": 1},
        "budget": {"monthly": 50000, "currency": "KES", "weekly_hours": 10},
        "formats": ["text", "image", "short_video"],
        "max_channels": 4,
    }
    plan = cf.recommend(ngo, minimum_budget_share=None)
    closed = {e.channel: e.why for e in plan.excluded if e.reason == "closed"}
    assert set(closed) >= {"gofundme", "justgiving"} and all(why.code == "all_closed" for why in closed.values())
    assert closed["gofundme"].source_id == "gofundme_requirements_withdraw"  # JustGiving's rows are estimates
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**ngo, "include": ["gofundme"]})
    assert info.value.field == "include" and info.value.value == "gofundme"
    partner = cf.recommend({**ngo, "present_on": {"gofundme": "maintain"}}, minimum_budget_share=None)
    assert "gofundme" in {p.channel for p in partner.picks} and not any(r.code == "all_closed" for p in partner.picks for r in p.why)
    london = cf.recommend({**ngo, "markets": {"GB": 1}, "budget": {"monthly": 500, "currency": "GBP", "weekly_hours": 10}}, minimum_budget_share=None)
    # GoFundMe and JustGiving take a London charity; CanadaHelps takes only charities registered in Canada; ROZETKA,
    # open only to sellers registered in Ukraine (batch N6), is no fit for a charity and is said so, not "closed"
    # (CanadaHelps reaches nobody in Britain: no fit, which the page counts)
    excluded = {e.channel: e.reason for e in london.excluded}
    assert not {c for c, reason in excluded.items() if reason == "closed"} and excluded["rozetka"] == excluded["canadahelps"] == "no_fit"


def test_canadahelps_is_open_to_canadian_charities_only() -> None:
    """CanadaHelps passes donations only to charities registered in Canada (its client agreement): a Toronto food
    bank sees it, with its reach among people giving to charity in Canada; a Seattle charity raising money from
    Canadians finds it closed, with the source."""
    bank = {
        "name": "food bank",
        "kind": "nonprofit",
        "model": "b2c",
        "sector": "nonprofit",
        "markets": {"CA": 1},
        "audience": {"age": [25, 75]},
        "goals": {"fundraising": 3, "community": 1, "brand_awareness": 1},
        "budget": {"monthly": 500, "currency": "CAD", "weekly_hours": 6},
        "max_channels": 3,
    }
    toronto = cf.recommend(bank, minimum_budget_share=None)
    assert not any(e.channel == "canadahelps" for e in toronto.excluded)
    ranked = next(r for r in toronto.ranking if r.channel == "canadahelps")
    assert ranked.criteria["reach"] == pytest.approx(0.1)  # the customer-reach row: 10 % of people giving to charity in Canada
    seattle = cf.recommend({**bank, "markets": {"US": 2, "CA": 1}, "budget": {"monthly": 800, "currency": "USD", "weekly_hours": 6}}, minimum_budget_share=None)
    closed = {e.channel: e.why for e in seattle.excluded if e.reason == "closed"}
    assert closed["canadahelps"].code == "all_closed" and closed["canadahelps"].source_id == "batchj_canadahelps_client_agreement"


def test_an_organisation_that_makes_live_video_goes_live_once_a_week() -> None:
    """A Jakarta hijab seller on TikTok Shop listed live selling and found no live session in its week: it goes live
    once a week on its first pick that takes live video, within that pick's hours; without live video it does not."""
    seller = {
        "name": "hijab store",
        "model": "b2c",
        "sector": "fashion",
        "markets": ["ID"],
        "audience": {"age": [17, 34], "gender": "female"},
        "goals": {"sales": 3, "brand_awareness": 1, "community": 1},
        "budget": {"monthly": 15000000, "currency": "IDR", "weekly_hours": 25},
        "formats": ["image", "short_video", "live", "text"],
        "present_on": {"tiktok": "grow", "tiktok_shop": "grow", "shopee": "maintain", "instagram": "maintain"},
        "max_channels": 5,
    }
    plan = cf.recommend(seller, minimum_budget_share=None)
    live = [item for item in plan.routine if item.activity == "go_live"]
    assert len(live) == 1 and 0 < live[0].hours <= 1.0
    assert live[0].channel == "tiktok_shop"  # built on live selling, before Instagram where live only helps
    hours = {p.channel: p.weekly_hours for p in plan.picks}
    assert sum(item.hours for item in plan.routine if item.channel == live[0].channel) == pytest.approx(hours[live[0].channel], abs=0.125)
    plain = cf.recommend({**seller, "formats": ["image", "short_video", "text"]}, minimum_budget_share=None)
    assert not any(item.activity == "go_live" for item in plain.routine)


def test_a_channel_serves_a_goal_as_it_does_in_the_target_markets() -> None:
    """Saudi consumers live on Snapchat and Indians message businesses on WhatsApp weekly: a channel's affinity to a
    goal follows the rows of channel_goal_markets.csv for the target markets, weighted by market, and only there."""
    from channelfit.problem import build_problem

    cat = cf.catalog()
    rows = dict(cat.goal_market_rows)
    assert rows, "the table has rows"
    (channel, goal, country), row = sorted(rows.items())[0]
    c, g = cat.index["channels"][channel], cat.index["goals"][goal]
    other = next(k for k in ("DE", "FR", "US") if (channel, goal, k) not in rows)

    def affinity(markets: dict[str, float]) -> float:
        profile = {"name": "x", "model": "b2c", "sector": "retail", "markets": markets, "audience": {"age": [20, 50]}, "goals": [goal],
                   "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "max_channels": 2}
        return float(build_problem(cf.Profile.model_validate(profile), cat).affinity[c, g])

    assert affinity({country: 1.0}) == pytest.approx(row.affinity)
    assert affinity({other: 1.0}) == pytest.approx(cat.goal_affinity[c, g])
    assert affinity({country: 0.25, other: 0.75}) == pytest.approx(0.25 * row.affinity + 0.75 * cat.goal_affinity[c, g])
    from channelfit.scorer import encode, score

    profile = {"name": "x", "model": "b2c", "sector": "retail", "markets": [country], "audience": {"age": [20, 50]}, "goals": [goal],
               "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "max_channels": 2}
    goals = score(encode([cf.Profile.model_validate(profile)], cat), cat).criteria[0, c, [crit.name for crit in REGISTRY].index("goals")]
    assert goals == pytest.approx(row.affinity, abs=1e-9), "the score reads the same affinity as the plan"


_CAR_DEALER = {
    "name": "car dealer",
    "model": "b2c",
    "sector": "automotive",
    "markets": {"ZA": 1},
    "audience": {"age": [25, 60]},
    "goals": {"lead_generation": 4, "local_visits": 2, "brand_awareness": 1},
    "budget": {"monthly": 35000, "currency": "ZAR", "weekly_hours": 8},
    "premises": True,
    "present_on": {"facebook": "grow", "google_business_profile": "maintain", "whatsapp": "maintain"},
    "max_channels": 5,
}


@given(profiles())
@example(_CAR_DEALER)
@example({**_CAR_DEALER, "present_on": {"instagram": "grow", "kaspi": "grow", "whatsapp": "maintain", "two_gis": "maintain"}, "markets": {"KZ": 1},
          "budget": {"monthly": 1200000, "currency": "KZT", "weekly_hours": 10}, "sector": "retail", "goals": {"sales": 3, "local_visits": 2, "brand_awareness": 1}})
def test_accounts_that_do_not_fit_are_lowered_only_as_far_as_the_budget_requires(profile: dict) -> None:
    """A Johannesburg car dealer's Facebook, given at grow with 8 h/week, went to listen while its Google profile
    took the freed hours: kept accounts that do not fit are lowered one level at a time, so that they fit, none
    is above the level given, and none could be a level higher with the others where they are."""
    from channelfit.problem import _given_levels, _next_higher, _shortfall, build_problem

    try:
        problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
    except cf.InfeasibleError:
        return
    given, floors = _given_levels(problem), problem.kept_accounts
    assert floors.keys() == given.keys()
    assert all(floors[c] <= given[c] for c in given)
    if _shortfall(problem, given) is None:
        assert floors == given  # accounts that fit keep the levels given
        return
    if profile is _CAR_DEALER:
        plan = cf.recommend(profile, minimum_budget_share=None)
        assert next(p.level for p in plan.picks if p.channel == "facebook") == "maintain"
    lowest = {c: int(np.flatnonzero(problem.offered[c])[0]) for c in given}
    if _shortfall(problem, {c: (lowest[c] if given[c] >= 0 else -1) for c in given}) is not None:
        return  # not even at their lowest levels: the plan reports it
    assert _shortfall(problem, floors) is None
    for c in given:
        if floors[c] < given[c]:
            assert _shortfall(problem, {**floors, c: _next_higher(problem, c, floors[c])}) is not None, (c, floors, given)


def test_a_target_market_no_pick_reaches_is_named_with_a_channel_that_does() -> None:
    """An Istanbul agency selling to Turkish, Gulf and Russian buyers read nothing about Russia, 15 % of its market,
    though every pick was blocked there: the plan names the market and the best-fitting channel, fully available
    there, that reaches a fifth of the target people; a market a pick reaches is not named, in every language."""
    agency = {
        "name": "agency", "model": "b2c", "sector": "real_estate", "markets": {"TR": 0.6, "SA": 0.15, "AE": 0.1, "RU": 0.15}, "based_in": "TR",
        "audience": {"age": [30, 65]}, "goals": {"lead_generation": 4, "brand_awareness": 2},
        "budget": {"monthly": 150000, "currency": "TRY", "weekly_hours": 15}, "premises": True,
        "present_on": {"instagram": "grow", "whatsapp": "maintain"}, "max_channels": 5,
    }
    cat = cf.catalog()
    for language in ("en", "it", "ru", "uk"):
        plan = cf.recommend(agency, language=language, minimum_budget_share=None)
        assert [g.values["country"] for g in plan.market_gaps] == ["RU"], plan.market_gaps
        gap = plan.market_gaps[0]
        assert gap.code == "market_gap" and gap.values["pct"] == 15
        named = gap.values["channel_id"]
        k = cat.index["countries"]["RU"]
        assert named not in {p.channel for p in plan.picks} and cat.availability[cat.index["channels"][named], k] == 0
        # no pick reaches Russia: blocked there, a listing counted in the main market only, or a local site with no Russian reach (sahibinden.com)
        assert all(cat.availability[c, k] == 2 or cat.needs_premises[c] or cat.reach[c, k] == 0 for c in (cat.index["channels"][p.channel] for p in plan.picks))
    assert not cf.recommend({**agency, "markets": {"TR": 1}}, minimum_budget_share=None).market_gaps


@given(profiles(with_include=False))
@example({
    "name": "bearings maker", "model": "b2b", "sector": "manufacturing", "markets": {"JP": 1},
    "audience": {"age": [30, 65], "professionals": True, "sectors": ["manufacturing", "automotive"]},
    "goals": {"lead_generation": 3, "partnerships": 1, "recruiting": 2}, "budget": {"monthly": 400000, "currency": "JPY", "weekly_hours": 10},
    "premises": True, "present_on": {"blog": "maintain"}, "max_channels": 4,
})
def test_a_listing_buys_no_local_ads_for_professional_buyers(profile: dict) -> None:
    """A bearings maker selling to engineers across Japan had 147,358 JPY a month put into a local campaign through
    its Google profile: a listing's paid level (ads to the people near the premises) is not offered to an organisation
    whose audience is professionals, unless it wants local visits; the listing itself stays."""
    plan = _plan_or_infeasible(profile)
    if plan is None or not plan.picks:
        return
    cat = cf.catalog()
    ch = cat.index["channels"]
    running = cf.Profile.model_validate(profile).present_on  # a campaign run already is kept, as every account is
    local_ads = [
        p.channel for p in plan.picks
        if cat.needs_premises[ch[p.channel]] and p.level == "grow" and cat.level_auction[ch[p.channel], LEVELS.index("grow")] and running.get(p.channel) != "grow"
    ]
    if profile.get("audience", {}).get("professionals") and "local_visits" not in profile["goals"]:
        assert not local_ads, local_ads


@given(profiles())
@example(_CAR_DEALER)
def test_a_pick_that_buys_ads_is_measured_on_the_cost_of_a_result_from_its_first_paid_weeks(profile: dict) -> None:
    """No plan measured the cost of a lead or the return on ad spend, though some spent 20,000 EUR a month: a pick
    whose money buys ads in an auction has one cost KPI (``paid_kpis.csv``) for the first goal it serves that has
    one, and its baseline is taken in weeks it buys ads; a pick without such money has none."""
    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    cat = cf.catalog()
    cost_kpis = {row.kpi for rows in (cat.paid_kpi_rows, cat.channel_paid_kpi_rows) for row in rows.values()}
    first_phase = {pc.channel: pc.level for pc in plan.phases[0].channels}
    for pick in plan.picks:
        c, level = cat.index["channels"][pick.channel], LEVELS.index(pick.level)
        costs = [k for k in pick.kpis if k.kpi in cost_kpis]
        buys_ads = bool(cat.level_auction[c, level]) and pick.monthly_cost_eur > 0
        goal = next((g for g in pick.goals if g in cat.paid_kpi_rows), None) if buys_ads and pick.level != "listen" else None
        if goal is None:
            assert not costs, pick.kpis
            continue
        own = cat.channel_paid_kpi_rows.get(pick.channel)  # a newsletter's money buys sign-ups: its own cost KPI
        assert [(k.goal, k.kpi) for k in costs] == [(pick.goals[0], own.kpi) if own else (goal, cat.paid_kpi_rows[goal].kpi)], pick.kpis
        if costs[0].baseline_weeks[0] == 1:  # measured from the first weeks: the pick buys ads then
            early = LEVELS.index(first_phase[pick.channel])
            boosted_already = early == level and pick.channel in profile.get("present_on", {}) and pick.extra_promotion > 0  # a run page keeps its boosts
            assert cat.level_auction[c, early] and (cat.level_monthly_cost_eur[c, early] > 0 or boosted_already), (pick.channel, first_phase[pick.channel])


def test_a_new_list_and_a_podcast_are_measured_on_what_they_can_show() -> None:
    """A Hanoi exporter read "subscribers +15 % in 90 days vs weeks 1-8" for a list its plan said starts empty, and a
    Tel Aviv company's podcast was measured on the share of returning visitors, a website's measure: a newsletter is
    measured on its sign-ups a week, and a podcast's expertise on the hours listened to it."""
    exporter = {"name": "exporter", "model": "b2b", "sector": "food_and_drink", "markets": {"DE": 1, "JP": 1, "US": 1},
                "goals": {"lead_generation": 2, "thought_leadership": 1, "community": 1}, "budget": {"monthly": 0, "currency": "USD", "weekly_hours": 20},
                "formats": ["text", "article", "audio"], "include": ["email_newsletter", "podcast"], "max_channels": 3}
    plan = cf.recommend(exporter, minimum_budget_share=None)
    picks = {p.channel: p for p in plan.picks}
    newsletter = {k.goal: k.kpi for k in picks["email_newsletter"].kpis}
    assert newsletter.get("lead_generation") == "new_subscribers" and "subscribers" not in newsletter.values()
    podcast = {k.goal: k.kpi for k in picks["podcast"].kpis}
    assert podcast["thought_leadership"] == "listen_time_hours" and podcast["community"] == "followers"


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_an_account_left_to_listen_is_told_to_point_elsewhere_and_what_posting_takes(language: str) -> None:
    """A Prague brewery's Facebook and Instagram were parked at listen with "it is already set up and serves your
    goals", and read "keeping Instagram at the levels you gave" though it gave none: an account run at listen is
    told to post nothing new, pin a post saying where people reach it and what posting would take; the cost of
    keeping accounts speaks of levels given only when some were."""
    from channelfit.explain import Explainer

    brewery = {"name": "brewery", "model": "b2c", "sector": "food_and_drink", "markets": ["CZ"], "audience": {"age": [18, 60]},
               # 3 h/week: keeping the accounts then costs more than ACCOUNTS_COST_SHARE (the cost at 6 h, under a tenth, is not said)
               "goals": {"local_visits": 3, "sales": 1, "community": 1}, "budget": {"monthly": 12000, "currency": "CZK", "weekly_hours": 3},
               "formats": ["text", "image", "short_video"], "premises": True, "present_on": ["facebook", "instagram"], "max_channels": 4}
    plan = cf.recommend(brewery, language=language, minimum_budget_share=None)
    explainer = Explainer(cf.catalog(), language)
    cat = cf.catalog()
    listening = [a for a in plan.accounts if a.level_planned == "listen"]
    assert listening
    for account in listening:
        hours = round(float(cat.level_weekly_hours[cat.index["channels"][account.channel], 1]), 1)
        assert account.why.text == explainer.text("reasons", "account_listen", level=explainer.word("levels", "listen"), hours=hours)
    assert plan.accounts_cost is not None
    assert plan.accounts_cost.text == explainer.text("reasons", "accounts_cost_kept", **plan.accounts_cost.values)
    given = cf.recommend({**brewery, "present_on": {"facebook": "maintain", "instagram": "maintain"}}, language=language, minimum_budget_share=None)
    assert given.accounts_cost is not None and given.accounts_cost.text != explainer.text("reasons", "accounts_cost_kept", **given.accounts_cost.values)


def test_a_bistro_is_not_sent_to_a_shop_review_site() -> None:
    """A Lyon bistro had Trustpilot and Tripadvisor in its mix while the plan said TheFork was as good or better on
    every criterion: diners choose restaurants on Google, Tripadvisor, TheFork and Yelp, and Trustpilot's fit to
    food and drink is judged low; the bistro gets TheFork."""
    bistro = {"name": "bistro", "model": "b2c", "sector": "food_and_drink", "markets": ["FR"], "audience": {"age": [25, 70]},
              "goals": {"local_visits": 3, "brand_awareness": 1, "customer_service": 1}, "budget": {"monthly": 300, "currency": "EUR", "weekly_hours": 5},
              "formats": ["text", "image", "short_video"], "premises": True, "present_on": ["instagram", "google_business_profile"], "max_channels": 4}
    picks = [p.channel for p in cf.recommend(bistro, minimum_budget_share=None).picks]
    assert "thefork" in picks and "trustpilot" not in picks


def test_an_included_channel_that_serves_no_goal_says_why_it_is_there() -> None:
    """A Milan fashion start-up that included TikTok read it at listen with no goal and no word on why: an included
    channel that serves none of the goals at its level says that it was asked for, and why it is not higher."""
    shop = {"name": "shop", "model": "b2c", "sector": "fashion", "markets": {"IT": 0.6, "DE": 0.2, "FR": 0.2}, "based_in": "IT",
            "audience": {"age": [20, 40], "gender": "female"}, "goals": {"sales": 3, "brand_awareness": 2, "traffic": 1},
            "budget": {"monthly": 8000, "currency": "EUR", "weekly_hours": 16}, "formats": ["text", "image", "short_video"], "premises": False,
            "present_on": {"instagram": "grow"}, "max_channels": 5, "include": ["tiktok"]}  # 16 h: at 20 h the mix with Google Shopping (batch N6) serves TikTok at maintain
    tiktok = next(p for p in cf.recommend(shop, minimum_budget_share=None).picks if p.channel == "tiktok")
    assert tiktok.goals == [] and [r.code for r in tiktok.why].count("included_idle") == 1
    served = next(p for p in cf.recommend({**shop, "budget": {**shop["budget"], "weekly_hours": 30}}, minimum_budget_share=None).picks if p.channel == "tiktok")
    assert served.goals and not [r for r in served.why if r.code == "included_idle"]


@pytest.mark.parametrize("name", ["officine_rossi", "restaurant_valencia", "cosmetics_japan"])
def test_a_channel_left_out_for_the_budget_would_not_make_a_better_plan(name: str) -> None:
    """A Melbourne plumber read that Google Ads needs money and hours "while 0 AUD/month and 0 h/week are left", which
    only says the plan spent them: the line adds that no mix making room for the channel is worth more, and each such
    channel, included, gives a plan worth no more."""
    profile = load_example(name)
    plan = cf.recommend(profile, minimum_budget_share=None)
    left_out = [r for r in plan.ranking if not r.picked and r.why_not is not None and r.why_not.code.startswith("why_not") and r.why_not.code != "why_not_expand"]
    checked = 0
    for row in left_out[:3]:
        if not row.why_not.text.endswith("no mix that makes room for it is worth more"):
            continue
        try:
            forced = cf.recommend({**profile, "include": [*profile.get("include", []), row.channel]}, minimum_budget_share=None)
        except cf.InfeasibleError:
            continue
        assert forced.objective <= plan.objective + 1e-9, row.channel
        checked += 1
    assert checked


def test_a_nonprofit_of_any_sector_may_join_the_networks_for_nonprofits() -> None:
    """A Helsinki children's theatre, a nonprofit in the entertainment sector, read that only organisations in the
    nonprofit sector can hold a Google Ad Grants account: the networks for nonprofits take a nonprofit of any field
    (read on the nonprofit sector for fit), a company of the same field stays out."""
    theatre = {"name": "theatre", "kind": "nonprofit", "model": "b2c", "sector": "media_and_entertainment", "markets": ["FI"],
               "audience": {"age": [28, 50]}, "goals": {"sales": 3, "fundraising": 2, "community": 2, "brand_awareness": 1},
               "budget": {"monthly": 400, "currency": "EUR", "weekly_hours": 5}, "formats": ["image", "short_video", "text"], "premises": True, "max_channels": 4}
    plan = cf.recommend(theatre, minimum_budget_share=None)
    assert "google_ad_grants" not in {e.channel for e in plan.excluded} and "google_ad_grants" in {r.channel for r in plan.ranking}
    company = cf.recommend({**theatre, "kind": "company"}, minimum_budget_share=None)
    assert {e.channel: e.why.code for e in company.excluded}["google_ad_grants"] == "no_fit_members_only"


def test_a_pick_whose_money_grows_after_the_first_weeks_takes_its_baseline_at_the_planned_money() -> None:
    """A Dhaka exporter's Google Ads was to bring "+20 % leads in 90 days vs weeks 1-12", weeks it ran at 42 USD a
    month against 1,200 from week 13: a target the money alone would meet. A pick whose focus money is more than
    twice its first weeks' takes its baselines in the weeks after them; one that spends the same keeps the first weeks."""
    exporter = {"name": "exporter", "model": "b2b", "sector": "fashion", "markets": {"DE": 0.35, "GB": 0.2, "ES": 0.15, "NL": 0.15, "PL": 0.15},
                "based_in": "BD", "audience": {"age": [28, 60], "professionals": True, "sectors": ["retail", "fashion"]},
                "goals": {"lead_generation": 3, "partnerships": 2, "brand_awareness": 1}, "budget": {"monthly": 1200, "currency": "USD", "weekly_hours": 8},
                "formats": ["text", "image", "short_video", "article"], "premises": False, "present_on": {"linkedin": "maintain"}, "max_channels": 4,
                # since review 35 scored XING as a job network, a Facebook page takes its hours and Google Ads stays at maintain;
                # without Facebook the mix is the one this test is about (Google Ads raised to grow after the first weeks)
                "exclude": ["facebook"]}
    plan = cf.recommend(exporter, minimum_budget_share=None)
    first = plan.phases[0]
    ads = next(p for p in plan.picks if p.channel == "google_ads")
    assert ads.monthly_cost > 2 * first.monthly_cost
    assert all(k.baseline_weeks == (first.last_week + 1, first.last_week + 4) for k in ads.kpis)
    linkedin = next(p for p in plan.picks if p.channel == "linkedin")  # run already, boosted alike: its first weeks are its baseline
    assert all(k.baseline_weeks[0] == 1 for k in linkedin.kpis)


@pytest.mark.parametrize(
    "profile",
    [
        {"name": "Prague software", "model": "b2b", "sector": "software", "markets": {"CZ": 0.5, "DE": 0.3, "AT": 0.2}, "based_in": "CZ",
         "audience": {"age": [30, 60], "professionals": True, "sectors": ["manufacturing"]}, "goals": {"lead_generation": 3, "thought_leadership": 1, "recruiting": 1},
         "budget": {"monthly": 60000, "currency": "CZK", "weekly_hours": 12}, "formats": ["text", "article", "image", "long_video"], "premises": False,
         "present_on": {"linkedin": "maintain"}, "max_channels": 5},
        {"name": "Karachi fashion", "kind": "brand", "model": "b2c", "sector": "fashion", "markets": ["PK"], "audience": {"age": [18, 40], "gender": "female"},
         "goals": {"sales": 3, "brand_awareness": 2, "community": 1}, "budget": {"monthly": 150000, "currency": "PKR", "weekly_hours": 10},
         "formats": ["image", "short_video", "text"], "premises": False, "present_on": {"instagram": "maintain", "facebook": "maintain"},
         "may_drop_accounts": True, "max_channels": 5},
    ],
    ids=["prague", "karachi"],
)
def test_baselines_follow_the_money_however_long_the_first_weeks_last(profile: dict) -> None:
    """With a first phase of more than four weeks, a Prague firm's leads were to grow 20 % over weeks 5-8, run at a
    fifteenth of its planned search money, and a Karachi shop's return on ad spend was measured over weeks without ads
    (review 35). A pick that spends more than twice its first weeks' money (none included) after them, or that buys
    no ads in them, takes those baselines in the weeks after the first phase, as with a four-week one."""
    plan = cf.recommend(profile, minimum_budget_share=None)
    first = plan.phases[0]
    assert first.last_week > 4, first.last_week  # the case under test
    cat = cf.catalog()
    ramped = 0
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        start = {ch.channel: ch.level for ch in first.channels}.get(pick.channel)
        # spends nothing in the first weeks: not there, or at a free level that takes no extra money (boosts)
        free = start is None or (cat.level_monthly_cost_eur[c, LEVELS.index(start)] == 0 and cat.level_spend_scale_eur[c, LEVELS.index(start)] == 0)
        if free and pick.monthly_cost > 0 and pick.level != "listen":
            ramped += 1
            assert all(k.baseline_weeks[0] > first.last_week for k in pick.kpis), (pick.channel, [(k.kpi, k.baseline_weeks) for k in pick.kpis])
    assert ramped


def test_a_tour_operator_without_premises_keeps_its_tripadvisor_and_an_excluded_account_says_what_to_do() -> None:
    """A Lima tour operator lost the Tripadvisor account it runs ("needs a place customers visit"), where Viator and
    GetYourGuide need no premises as tours start at meeting points; and the account's line said only the cause, not
    whether to keep or close it (review 35). A directory of the places of a sector whose customers travel lists its
    organisations without premises; an account out of the plan for a cause of its own says what to do, then why."""
    tours = {"name": "Lima tours", "model": "b2c", "sector": "travel", "markets": {"US": 0.4, "GB": 0.2, "DE": 0.2, "PE": 0.2}, "based_in": "PE",
             "audience": {"age": [25, 60]}, "goals": {"sales": 3, "brand_awareness": 1, "customer_service": 1},
             "budget": {"monthly": 3500, "currency": "PEN", "weekly_hours": 10, "hourly_rate": 40}, "formats": ["image", "short_video", "long_video", "text", "article"],
             "premises": False, "present_on": {"tripadvisor": "maintain", "instagram": "maintain", "whatsapp": "maintain"}, "max_channels": 5}
    plan = cf.recommend(tours, minimum_budget_share=None)
    assert "tripadvisor" not in {e.channel for e in plan.excluded}
    assert {a.channel: a.action for a in plan.accounts}["tripadvisor"] != "close"
    shop = cf.recommend({**tours, "sector": "retail", "goals": {"sales": 1}}, minimum_budget_share=None)  # a shop without premises has none to list
    assert {e.channel: e.why.code for e in shop.excluded}.get("tripadvisor") == "needs_premises"
    from channelfit.explain import Explainer

    for language in ("en", "it", "ru", "uk"):
        moscow = cf.recommend({"name": "shop", "model": "b2c", "sector": "retail", "markets": ["RU"], "goals": {"sales": 1}, "premises": False,
                               "budget": {"monthly": 10000, "currency": "RUB", "weekly_hours": 5}, "present_on": {"instagram": "maintain", "vk": "maintain"}},
                              language=language, minimum_budget_share=None)
        instagram = {a.channel: a for a in moscow.accounts}["instagram"]
        action = Explainer(None, language).text("reasons", "account_excluded_page")
        assert instagram.action == "close" and instagram.why.code == "blocked" and instagram.why.text.startswith(action), instagram


def test_an_account_run_at_the_same_level_and_money_takes_its_baseline_at_the_start() -> None:
    """A Kyiv restaurant keeping Facebook, Instagram and Telegram as they are, beside new channels that made its first
    phase 12 weeks long, read their KPIs "vs weeks 9-12": the first 90-day check at week 25 (review 36). An account run
    already at the level and money the plan keeps is measured from the start; a new paid pick still after its setup."""
    restaurant = {"name": "Kyiv restaurant", "model": "b2c", "sector": "food_and_drink", "markets": {"UA": 1.0}, "based_in": "UA", "audience": {"age": [22, 55]},
                  "goals": {"local_visits": 3, "brand_awareness": 2, "customer_service": 1, "recruiting": 1}, "budget": {"monthly": 45000, "currency": "UAH", "weekly_hours": 13},
                  "formats": ["image", "short_video", "text"], "premises": True, "present_on": {"instagram": "maintain", "facebook": "maintain", "telegram": "maintain"},
                  "max_channels": 6, "include": ["google_ads", "glovo"]}
    plan = cf.recommend(restaurant, minimum_budget_share=None)
    first = plan.phases[0]
    assert first.last_week > 4, first.last_week
    levels = {c.channel: c.level for c in first.channels}
    kept = [p for p in plan.picks if p.channel in restaurant["present_on"] and levels.get(p.channel) == p.level and p.extra_promotion == 0]
    assert kept and all(k.baseline_weeks == (1, 4) for p in kept for k in p.kpis), [(p.channel, [k.baseline_weeks for k in p.kpis]) for p in kept]
    ads = next(p for p in plan.picks if p.channel == "google_ads")
    assert all(k.baseline_weeks[0] > 4 for k in ads.kpis), ads.kpis


def test_a_chat_brings_visits_to_a_walk_in_shop_and_bookings_where_the_sector_books() -> None:
    """A Taipei bubble-tea chain's LINE was measured on "bookings" for local visits (review 35): a walk-in shop takes
    none, so a chat's local visits are counted as visits and bookings from chats, and as bookings where the sector
    books (a salon, a clinic, a hotel)."""
    base = {"name": "x", "model": "b2c", "markets": ["TW"], "audience": {"age": [16, 40]}, "goals": {"local_visits": 3},
            "budget": {"monthly": 0, "currency": "TWD", "weekly_hours": 6}, "formats": ["image", "text"], "premises": True, "present_on": {"line": "maintain"}}
    for sector, kpi in (("food_and_drink", "visits_from_chats"), ("beauty", "bookings"), ("health", "bookings")):
        plan = cf.recommend({**base, "sector": sector}, minimum_budget_share=None)
        line = next(p for p in plan.picks if p.channel == "line")
        assert [k.kpi for k in line.kpis if k.goal == "local_visits"] == [kpi], (sector, line.kpis)


def test_a_listing_the_plan_does_not_need_is_left_unmanaged_not_closed() -> None:
    """A Marrakech riad letting the plan drop accounts was told to close its Tripadvisor listing "with a pinned
    note": an owner cannot close a listing on a directory or a marketplace, and it takes no pinned post. Such a
    listing is left unmanaged with its details kept right; a page is still closed or left dormant."""
    from channelfit.explain import Explainer

    riad = {"name": "riad", "model": "b2c", "sector": "hospitality", "markets": {"FR": 0.4, "GB": 0.3, "ES": 0.2, "MA": 0.1}, "based_in": "MA",
            "audience": {"age": [30, 65]}, "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "MAD", "weekly_hours": 3},
            "formats": ["text", "image", "short_video"], "premises": True, "present_on": ["instagram", "tripadvisor", "booking_com", "tiktok"],
            "may_drop_accounts": True, "max_channels": 2}
    cat = cf.catalog()
    explainer = Explainer(cat, "en")
    plan = cf.recommend(riad, minimum_budget_share=None)
    closed = [a for a in plan.accounts if a.action == "close" and a.why.code == "account"]
    assert closed
    for account in closed:
        orientation = cat.channel_rows[cat.index["channels"][account.channel]].orientation
        kinds = {"directory": "_listing", "commerce": "_shop", "owned": "_owned", "fundraising": "_giving"}
        key = "account_not_needed" + kinds.get(orientation, "")
        assert account.why.text == explainer.text("reasons", key), account.channel


def test_a_shop_listing_at_listen_keeps_its_listings_and_an_owned_blog_is_kept_online() -> None:
    """A KL snack brand's Shopee shop, lowered to listen, was told to "post nothing new, pin a post"; a Lisbon SaaS
    letting the plan drop accounts was told to close its blog "or leave it dormant with a pinned note". A shop or
    directory at listen keeps its listing's details right and answers questions; an owned channel the plan does not
    need stays online without new content."""
    snacks = {"name": "Kerepek Kita", "kind": "brand", "model": "b2c", "sector": "food_and_drink", "markets": {"MY": 0.6, "SG": 0.2, "ID": 0.2},
              "audience": {"age": [18, 45]}, "goals": {"sales": 3, "brand_awareness": 2, "community": 1}, "budget": {"monthly": 8000, "currency": "MYR", "weekly_hours": 15},
              "formats": ["text", "image", "short_video", "live"], "premises": False,
              "present_on": {"instagram": "maintain", "facebook": "maintain", "shopee": "maintain", "tiktok": "maintain"}, "max_channels": 5}
    saas = {"name": "Faturaly", "model": "b2b", "sector": "software", "based_in": "PT", "markets": {"PT": 0.3, "ES": 0.25, "GB": 0.25, "DE": 0.2},
            "audience": {"age": [28, 55], "professionals": True, "sectors": ["retail", "professional_services"]}, "goals": {"lead_generation": 3, "brand_awareness": 1, "recruiting": 1},
            "budget": {"monthly": 3000, "currency": "EUR", "weekly_hours": 12}, "formats": ["text", "article", "image", "short_video"],
            "present_on": {"linkedin": "maintain", "blog": "maintain"}, "max_channels": 5, "may_drop_accounts": True}
    for language in ("en", "it", "ru"):
        shop = {a.channel: a for a in cf.recommend(snacks, language=language, minimum_budget_share=None).accounts}["shopee"]
        assert shop.level_planned == "listen" and shop.why.values["hours"] > 0, shop
        assert {"en": "listing's details", "it": "scheda", "ru": "карточка"}[language] in shop.why.text and {"en": "pin", "it": "fissate", "ru": "закрепите"}[language] not in shop.why.text
        # a shop's details are its stock and delivery terms, not a map's opening hours (review 24: an Istanbul dealer's Etsy)
        details = locale(language)["words"]["listing_details"]
        assert shop.why.values["details"] == details["commerce"] and "opening hours" not in shop.why.text and details["directory"] != details["commerce"]
        blog = {a.channel: a for a in cf.recommend(saas, language=language, minimum_budget_share=None).accounts}["blog"]
        assert blog.action == "close" and {"en": "keep it online", "it": "online senza nuovi contenuti", "ru": "оставьте в сети"}[language] in blog.why.text, blog


def test_a_review_response_rate_is_given_a_level_to_reach_not_a_change() -> None:
    """A hotel's and a plumber's plans read "review response rate (customer service, +30 % in 90 days)": a rate bounded
    at 100 % cannot rise 30 % from 90 %. Its target is a level (at least 90 % within 90 days), in the KPI and both texts."""
    hotel = {"name": "hotel", "model": "b2c", "sector": "hospitality", "markets": {"GR": 0.3, "DE": 0.35, "GB": 0.35}, "based_in": "GR",
             "audience": {"age": [25, 65]}, "goals": {"sales": 3, "customer_service": 2, "brand_awareness": 1},
             "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 8}, "formats": ["image", "text"], "premises": True,
             "include": ["google_business_profile"], "max_channels": 4}
    for language, words in (("en", "at least 90 %"), ("it", "almeno il 90 %"), ("ru", "не менее 90 %"), ("uk", "щонайменше 90 %")):
        plan = cf.recommend(hotel, language=language, minimum_budget_share=None)
        gbp = next(p for p in plan.picks if p.channel == "google_business_profile")
        rate = next(k for k in gbp.kpis if k.kpi == "review_response_rate")
        assert rate.target_level == 0.9 and rate.target_change == 0, rate
        assert words in render_plan(plan) and any(words in target for phase in plan.phases for target in phase.kpi_targets), language


def test_a_promoted_newsletter_is_measured_on_the_cost_of_a_subscriber() -> None:
    """An Istanbul furniture shop's newsletter at grow, promoted through lead ads that collect sign-ups, was measured
    on the return on ad spend of its sales goal: its money buys subscribers, so its cost KPI is the cost per new
    subscriber (channel_paid_kpis.csv), while the shop's paid search keeps the return on ad spend."""
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "based_in": "TR", "markets": {"TR": 0.6, "DE": 0.4}, "audience": {"age": [25, 55]},
            "goals": {"sales": 3, "traffic": 1, "brand_awareness": 1}, "budget": {"monthly": 150000, "currency": "TRY", "weekly_hours": 30},
            "formats": ["text", "image", "short_video"], "premises": False, "present_on": {"email_newsletter": "grow"}, "include": ["google_ads"], "max_channels": 5}
    plan = cf.recommend(shop, minimum_budget_share=None)
    picks = {p.channel: p for p in plan.picks}
    newsletter = picks["email_newsletter"]
    assert newsletter.level == "grow" and newsletter.monthly_cost > 0, newsletter
    assert "cost_per_subscriber" in {k.kpi for k in newsletter.kpis} and "return_on_ad_spend" not in {k.kpi for k in newsletter.kpis}, newsletter.kpis
    assert "return_on_ad_spend" in {k.kpi for k in picks["google_ads"].kpis}
    assert "cost per new subscriber" in render_plan(plan)


def test_the_first_phase_of_accounts_already_run_does_not_say_to_follow_before_posting() -> None:
    """An Athens hotel running all its accounts read "open or tidy the accounts, follow and search before posting"
    beside 1,500 EUR of boosts from week 1: when every pick is an account already run, the first phase carries them on
    and records baselines; with new channels beside them, it says the accounts run carry on."""
    from channelfit.explain import Explainer

    hotel = {"name": "hotel", "model": "b2c", "sector": "hospitality", "markets": {"GR": 0.3, "DE": 0.35, "GB": 0.35}, "based_in": "GR",
             "audience": {"age": [25, 65]}, "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 8},
             "formats": ["image", "text"], "premises": True, "max_channels": 3,
             "present_on": {"facebook": "maintain", "instagram": "maintain", "booking_com": "maintain", "google_business_profile": "maintain"}}
    explainer = Explainer(cf.catalog(), "en")
    plan = cf.recommend({**hotel, "max_channels": 4}, minimum_budget_share=None)
    assert all(p.channel in hotel["present_on"] for p in plan.picks)
    # "the plan's other changes start in the focus phase" only where there are some (review 22)
    first, focus = plan.phases[0], plan.phases[1]
    same = [(c.channel, c.level) for c in first.channels] == [(c.channel, c.level) for c in focus.channels] and abs(first.monthly_cost - focus.monthly_cost) < 0.005
    assert first.note == explainer.text("plan", "note_listen_and_set_up_running" + ("_same" if same else "")), first.note
    fresh = cf.recommend({**hotel, "present_on": {"facebook": "maintain"}}, minimum_budget_share=None)
    if 0 < sum(p.channel == "facebook" for p in fresh.picks) < len(fresh.picks):
        assert fresh.phases[0].note == explainer.text("plan", "note_listen_and_set_up_mixed"), fresh.phases[0].note


def test_a_first_phase_where_nothing_listens_says_what_is_set_up() -> None:
    """A Karachi shop running Instagram, Facebook and WhatsApp at maintain read "open the new accounts and follow and
    search there before posting" when the one new channel was a search campaign, which has no level to listen at:
    the first phase names what is set up, and its setup hours, while the accounts run carry on."""
    from channelfit.explain import Explainer

    shop = {"name": "shop", "model": "b2c", "sector": "fashion", "markets": ["PK"], "audience": {"age": [20, 45], "gender": "female"},
            "goals": {"sales": 3, "brand_awareness": 2, "customer_service": 1}, "budget": {"monthly": 150000, "currency": "PKR", "weekly_hours": 12},
            "formats": ["image", "short_video", "text"], "premises": False, "include": ["google_ads"], "max_channels": 5,
            "present_on": {"instagram": "maintain", "facebook": "maintain", "whatsapp": "maintain"}}
    plan = cf.recommend(shop, minimum_budget_share=None)
    first = plan.phases[0]
    assert [(c.channel, c.level) for c in first.channels] == [(p.channel, p.level) for p in plan.picks]  # nothing listens first
    new = [p for p in plan.picks if p.channel not in shop["present_on"]]
    assert [p.channel for p in new] == ["google_ads"], plan.picks
    explainer = Explainer(cf.catalog(), "en")
    start = first.channels[[c.channel for c in first.channels].index("google_ads")].from_week
    key = "note_listen_and_set_up_set_up" + ("" if start is None else "_first")
    expected = explainer.text("plan", key, channels="Google Ads (search)", hours=new[0].setup_hours)
    if start is not None:  # its setup takes more than the first week: the note says when it starts spending
        expected += "; " + explainer.text("plan", "note_campaign_first", channel="Google Ads (search)", week=start)
    assert first.note == expected, first.note


def test_a_channel_closed_to_the_organisation_is_said_closed_only_where_it_would_fit() -> None:
    """Every plan's page read "not open to you: CanadaHelps" (and JustGiving and GoFundMe for companies): a channel
    closed to the organisation that would not fit it anyway (a fundraising platform for a software company) is left
    out as no fit, which the page counts; a Seattle charity raising money in Canada still reads that CanadaHelps is
    closed to it."""
    saas = {"name": "saas", "model": "b2b", "sector": "software", "markets": ["PT", "ES"], "goals": {"lead_generation": 3, "brand_awareness": 1},
            "budget": {"monthly": 3000, "currency": "EUR", "weekly_hours": 12}, "formats": ["text", "article", "image"]}
    excluded = {e.channel: e.reason for e in cf.recommend(saas, minimum_budget_share=None).excluded}
    assert excluded["canadahelps"] == "no_fit" and "closed" not in {excluded[c] for c in ("justgiving", "gofundme", "canadahelps")}
    assert "CanadaHelps" not in render_plan(cf.recommend(saas, minimum_budget_share=None))
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "based_in": "US", "markets": ["CA", "US"], "goals": {"fundraising": 3},
               "budget": {"monthly": 500, "currency": "USD", "weekly_hours": 10}, "formats": ["text", "image"]}
    assert {e.channel: e.reason for e in cf.recommend(charity, minimum_budget_share=None).excluded}["canadahelps"] == "closed"


def test_github_is_measured_on_new_contributors_for_recruiting_not_applications() -> None:
    """A Lviv software company recruiting through GitHub read "applications" as its KPI there: GitHub takes no job
    ads, so recruiting on it counts the outside developers who contribute for the first time."""
    company = {"name": "x", "model": "b2b", "sector": "software", "markets": ["UA"], "goals": {"recruiting": 3, "community": 1},
               "budget": {"monthly": 0, "currency": "USD", "weekly_hours": 10}, "formats": ["text", "article"], "include": ["github"]}
    github = next(p for p in cf.recommend(company, minimum_budget_share=None).picks if p.channel == "github")
    assert ("recruiting", "new_contributors") in {(k.goal, k.kpi) for k in github.kpis} and "applications" not in {k.kpi for k in github.kpis}


def test_a_plan_whose_kept_accounts_cost_much_says_so_under_its_totals() -> None:
    """A Mexico City dentist's kept Facebook and WhatsApp took the plan from 0.76 to 0.23, said only at the bottom of
    the accounts: from ACCOUNTS_COST_HEADLINE_PCT of the value, the cost of keeping them is said under the totals,
    once; a small cost stays under the accounts."""
    from channelfit.render import ACCOUNTS_COST_HEADLINE_PCT

    dentist = {"name": "dentist", "kind": "person", "model": "b2c", "sector": "health", "markets": ["MX"], "based_in": "MX", "audience": {"age": [20, 65]},
               "goals": {"local_visits": 3, "lead_generation": 2, "customer_service": 1}, "budget": {"monthly": 6000, "currency": "MXN", "weekly_hours": 4},
               "formats": ["text", "image", "short_video"], "premises": True, "present_on": {"facebook": "maintain", "whatsapp": "maintain"}, "max_channels": 4}
    plan = cf.recommend(dentist)
    assert plan.accounts_cost is not None and plan.accounts_cost.values["pct"] >= ACCOUNTS_COST_HEADLINE_PCT
    page = render_plan(plan)
    said = page.index(plan.accounts_cost.text)
    assert page.count(plan.accounts_cost.text) == 1 and said < page.index("\n## "), page[:2000]


def test_a_new_campaign_with_no_level_below_its_own_spends_its_promotion_from_the_first_week() -> None:
    """A Warsaw language school's new Google Ads campaign ran without its promotion through a 12-week setup phase
    (963 of 3,000 PLN spent): a new channel whose lowest level is its planned one has nothing to listen to, and runs
    as planned from week 1."""
    school = {"name": "school", "model": "b2c", "sector": "education", "markets": ["PL"], "based_in": "PL", "audience": {"age": [22, 50]},
              "goals": {"lead_generation": 3, "local_visits": 1, "brand_awareness": 1}, "budget": {"monthly": 3000, "currency": "PLN", "weekly_hours": 6},
              "formats": ["text", "image", "short_video"], "premises": True, "present_on": {"facebook": "maintain", "google_business_profile": None}, "max_channels": 4}
    plan = cf.recommend(school, minimum_budget_share=None)
    ads = next(p for p in plan.picks if p.channel == "google_ads")
    assert ads.extra_promotion > 0 and ads.level == "maintain"
    first, focus = plan.phases[0], plan.phases[1]
    assert {c.channel: c.level for c in first.channels}["google_ads"] == "maintain"
    assert first.monthly_cost == pytest.approx(focus.monthly_cost, rel=1e-6), (first.monthly_cost, focus.monthly_cost)


def test_an_account_a_pick_runs_on_is_kept_not_closed() -> None:
    """A Kyiv electronics shop letting the plan close accounts was told to close its Facebook Page while the plan
    picked Messenger, which runs on that Page: an account a pick runs on (channels.csv, runs_on) is kept without new
    posts, and the reason names the pick."""
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "markets": ["UA"], "based_in": "UA", "audience": {"age": [18, 55]},
            "goals": {"sales": 3, "traffic": 1, "customer_service": 1}, "budget": {"monthly": 60000, "currency": "UAH", "weekly_hours": 10},
            "formats": ["text", "image", "short_video"], "premises": False, "present_on": {"instagram": "maintain", "facebook": "maintain", "telegram": None},
            "max_channels": 5, "may_drop_accounts": True, "include": ["messenger"]}  # at 10 h a week, closing the page is worth it
    plan = cf.recommend(shop, minimum_budget_share=None)
    assert "messenger" in {p.channel for p in plan.picks} and "facebook" not in {p.channel for p in plan.picks}
    page = {a.channel: a for a in plan.accounts}["facebook"]
    assert page.action == "keep" and page.level_planned is None and "Messenger" in page.why.text and "clos" in page.why.text, page


def test_a_channel_whose_account_host_is_out_is_excluded_with_its_reason() -> None:
    """The Hanoi cafe excluding Facebook (and the other boostable networks) was given Messenger's ads, which run from
    a Facebook Page: a channel that runs on another's account (runs_on) is excluded as needing it when that account
    is excluded, blocked in every target market or closed to the organisation, and the reason names the account;
    included anyway, the profile cannot be planned, and the error names what would allow it."""
    cafe = {"name": "Hanoi cafe", "model": "b2c", "sector": "food_and_drink", "markets": ["VN"], "audience": {"age": [18, 40]},
            "goals": {"local_visits": 3, "brand_awareness": 1}, "budget": {"monthly": 2_000_000, "currency": "VND", "weekly_hours": 5},
            "formats": ["image", "short_video"], "premises": True, "max_channels": 3, "exclude": ["facebook", "instagram", "tiktok", "linkedin", "zalo"]}
    for language in ("en", "it"):
        plan = cf.recommend(cafe, language=language, minimum_budget_share=None)
        assert not {"messenger", "threads"} & {p.channel for p in plan.picks}
        reasons = {e.channel: e for e in plan.excluded if e.reason == "needs_host"}
        assert set(reasons) == {"messenger", "threads"}, reasons
        assert "Facebook" in reasons["messenger"].why.text and "Instagram" in reasons["threads"].why.text
        assert reasons["messenger"].why.text in render_plan(plan)
    with_page = cf.recommend({**cafe, "exclude": ["instagram"]}, minimum_budget_share=None)
    assert "messenger" not in {e.channel for e in with_page.excluded if e.reason == "needs_host"}
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**cafe, "include": ["messenger"]})
    assert info.value.field == "include" and info.value.value == "messenger" and "facebook" in str(info.value)


def test_employer_review_sites_serve_hiring_not_customers() -> None:
    """An Osaka freelance illustrator given more hours was sent to Glassdoor for brand awareness, "update the listing"
    twice a week (review 24): the employer-review sites' readers are job seekers and staff, so they serve recruiting
    and listening, not a customer goal, and a studio with no recruiting goal is not sent there."""
    cat = cf.catalog()
    customer_goals = [g for g, row in zip(cat.goals, cat.vocabulary_rows["goals"]) if g not in ("recruiting", "listening")]
    for site in ("glassdoor", "kununu"):
        served = {g for g in customer_goals if (row := cat.goal_rows.get((site, g))) is not None and row.affinity > 0}
        assert not served, (site, served)
    illustrator = {"name": "illustrator", "kind": "person", "model": "b2b", "sector": "arts_and_design", "markets": {"JP": 0.6, "US": 0.4}, "based_in": "JP",
                   "audience": {"age": [25, 55], "professionals": True, "sectors": ["media_and_entertainment", "gaming"]}, "goals": {"lead_generation": 3, "brand_awareness": 2},
                   "budget": {"monthly": 10000, "currency": "JPY", "weekly_hours": 8}, "formats": ["image", "short_video", "text"], "premises": False,
                   "present_on": {"x": "maintain", "instagram": "maintain"}, "max_channels": 3}
    plan = cf.recommend(illustrator, minimum_budget_share=None)
    assert not {"glassdoor", "kununu"} & {p.channel for p in plan.picks}, plan.picks


def test_a_sector_names_its_counts() -> None:
    """An Odesa hotel's Telegram and a Nairobi safari operator's Google Ads were measured on "orders": a sector that
    sells stays, trips or appointments counts bookings (sector_kpis.csv), every KPI of that name in its plan; a shop
    keeps its orders."""
    cat = cf.catalog()
    hotel = {"name": "hotel", "model": "b2c", "sector": "hospitality", "markets": ["UA"], "audience": {"age": [25, 65]}, "goals": {"sales": 3, "customer_service": 1},
             "budget": {"monthly": 40000, "currency": "UAH", "weekly_hours": 10}, "formats": ["image", "text"], "premises": True, "include": ["telegram", "google_ads"], "max_channels": 4}
    shop = {**hotel, "sector": "retail", "premises": False}
    renamed = {row.instead_of for (sector, _), row in cat.sector_kpi_rows.items() if sector == "hospitality"}
    assert "orders" in renamed
    hotel_kpis = {k.kpi for p in cf.recommend(hotel, minimum_budget_share=None).picks for k in p.kpis}
    shop_kpis = {k.kpi for p in cf.recommend(shop, minimum_budget_share=None).picks for k in p.kpis}
    assert "orders" in shop_kpis and "orders" not in hotel_kpis and "bookings" in hotel_kpis, (hotel_kpis, shop_kpis)
    # review 26: a hotel's paid visibility was judged by its cost per call or route request, its booking links by
    # direction requests; they count bookings and what a booking costs
    stay = {**hotel, "markets": {"IT": 0.6, "DE": 0.4}, "goals": {"local_visits": 3, "brand_awareness": 1}, "include": ["google_hotel_ads", "trivago"],
            "budget": {"monthly": 500, "currency": "EUR", "weekly_hours": 8}}
    picks = cf.recommend(stay, minimum_budget_share=None).picks
    kpis = {k.kpi for p in picks for k in p.kpis}
    assert "cost_per_visit_action" not in kpis and "cost_per_booking" in kpis, kpis
    assert all(k.kpi == "bookings" for p in picks if p.channel in ("google_hotel_ads", "trivago") for k in p.kpis if k.goal == "local_visits")
    # review 24: a Lagos savings app's Google Ads counted orders; a fintech counts new customers, a school enrolments
    for sector, count in (("finance", "new_customers"), ("education", "enrolments")):
        kpis = {k.kpi for p in cf.recommend({**shop, "sector": sector}, minimum_budget_share=None).picks for k in p.kpis}
        assert "orders" not in kpis and count in kpis, (sector, kpis)


VIENNA_SALON = {
    "name": "Vienna beauty salon",
    "kind": "company",
    "model": "b2c",
    "sector": "beauty",
    "markets": ["AT"],
    "audience": {"age": [20, 55], "gender": "female"},
    "goals": {"local_visits": 3, "lead_generation": 1},
    "budget": {"monthly": 600, "currency": "EUR", "weekly_hours": 6},
    "formats": ["image", "short_video"],
    "premises": True,
    "present_on": {"instagram": "maintain", "telegram": None},
    "max_channels": 4,
}


def test_a_messenger_given_without_a_level_is_not_held_at_maintain() -> None:
    """A Vienna salon's Telegram, given without a level (a messenger has no listen level), was held at maintain and
    pushed its Instagram, the salon's showcase, down to listening (review 28); given at maintain, it is kept."""
    plan = cf.recommend(VIENNA_SALON)
    levels = {p.channel: p.level for p in plan.picks}
    assert levels.get("instagram") == "maintain" and "telegram" not in levels
    assert {a.channel for a in plan.accounts} >= {"instagram", "telegram"}
    given = cf.recommend({**VIENNA_SALON, "present_on": {"instagram": "maintain", "telegram": "maintain"}})
    assert {p.channel: p.level for p in given.picks}.get("telegram") == "maintain"


def test_the_page_names_a_channel_short_of_reach_or_closed_only_where_it_fits_the_sector() -> None:
    """A Marrakech riad read "too little reach: Mariages.net, StepStone, Hitched, Bridebook, Untappd, SafariBookings,
    Glovo" (review 28), a Lviv NGO that Habr needs articles (review 30), a Kyiv charity with no recruiting goal
    "StepStone, Pracuj.pl" (review 32): a channel closed to the organisation, short of reach or needing a format it does
    not make is named from NAMED_SECTOR_FIT and NAMED_GOALS_FIT, the rest counted; the JSON plan keeps every one, with
    its sector and goals fit."""
    from channelfit.render import NAMED_GOALS_FIT, NAMED_MODEL_FIT, NAMED_SECTOR_FIT

    riad = {"name": "riad", "kind": "company", "model": "b2c", "sector": "hospitality", "markets": {"FR": 0.4, "GB": 0.2, "ES": 0.15, "DE": 0.15, "MA": 0.1},
            "based_in": "MA", "audience": {"age": [28, 65]}, "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 12000, "currency": "MAD", "weekly_hours": 10},
            "formats": ["image", "short_video", "text"], "premises": True, "present_on": {"booking_com": "maintain", "instagram": "maintain"}, "max_channels": 5}
    named: list[str] = []
    # the riad's rooms, and its tours: SafariBookings fits them and reaches too few (Yelp, at a hotel fit of 0.7, was
    # the rooms' named one until batch N21 judged that fit 0.3: guests do not choose stays on Yelp)
    for profile in (riad, {**riad, "sector": "travel"}):
        plan = cf.recommend(profile)
        short = [e for e in plan.excluded if e.reason in ("too_little_reach", "closed") or e.why.code.startswith("no_fit_formats")]
        weak = [e for e in short if e.sector_fit < NAMED_SECTOR_FIT or e.goals_fit < NAMED_GOALS_FIT or e.model_fit < NAMED_MODEL_FIT]
        strong = [e for e in short if e.sector_fit >= NAMED_SECTOR_FIT and e.goals_fit >= NAMED_GOALS_FIT and e.model_fit >= NAMED_MODEL_FIT]
        assert weak
        named += [e.channel for e in strong]
        if strong:
            excluded_line = next(line for line in render_plan(plan).splitlines() if line.startswith("Excluded:"))
            assert all(e.name not in excluded_line for e in weak) and all(e.name in excluded_line for e in strong)
        else:
            assert all(e.name not in line for line in render_plan(plan).splitlines() if line.startswith("Excluded:") for e in weak)
    assert named, "no channel short of reach fit the riad's rooms or tours"
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": {"UA": 0.7, "PL": 0.2, "DE": 0.1}, "based_in": "UA",
               "audience": {"age": [25, 60]}, "goals": {"fundraising": 3, "brand_awareness": 2, "community": 1},
               "budget": {"monthly": 40000, "currency": "UAH", "weekly_hours": 12}, "formats": ["image", "short_video", "text"], "max_channels": 5}
    plan = cf.recommend(charity, minimum_budget_share=None)
    boards = [e for e in plan.excluded if e.channel in ("stepstone", "pracuj_pl")]
    assert boards and all(e.sector_fit >= NAMED_SECTOR_FIT and e.goals_fit < NAMED_GOALS_FIT for e in boards)
    assert all(e.name not in render_plan(plan) for e in boards)
    watches = {"name": "watches", "kind": "brand", "model": "b2c", "sector": "manufacturing", "markets": {"CH": 0.5, "DE": 0.3, "US": 0.2}, "based_in": "CH",
               "audience": {"age": [30, 65]}, "goals": {"brand_awareness": 3, "sales": 2}, "budget": {"monthly": 8000, "currency": "CHF", "weekly_hours": 10},
               "formats": ["image", "short_video", "text"], "premises": False, "max_channels": 4}
    plan = cf.recommend(watches, minimum_budget_share=None)
    wholesale = [e for e in plan.excluded if e.channel == "alibaba"]
    assert wholesale and wholesale[0].model_fit < NAMED_MODEL_FIT and "Alibaba" not in render_plan(plan)


def test_a_commission_binds_only_the_sectors_it_is_charged_to(cat: cf.Catalog) -> None:
    """An Auckland builder and a car dealer read that Trade Me "keeps about 7.9 % of each sale" (review 32): the success
    fee is its Marketplace's, Motors, Property and Services charge listing fees; a shop selling goods there reads it."""
    from channelfit.explain import Explainer
    from channelfit.planner import _pick_reasons
    from channelfit.problem import build_problem
    from channelfit.vocabulary import MAINTAIN

    row = cat.commission_rows["trade_me"]
    assert row.sector_ids and "retail" in row.sector_ids and "construction_and_trades" not in row.sector_ids
    c = cat.index["channels"]["trade_me"]

    def commission(sector: str) -> bool:
        profile = cf.Profile.model_validate({"name": "x", "model": "b2c", "sector": sector, "markets": ["NZ"], "goals": {"sales": 1},
                                              "budget": {"monthly": 500, "currency": "NZD", "weekly_hours": 6}})
        problem = build_problem(profile, cat)
        return any(r.code == "commission" for r in _pick_reasons(problem, Explainer(cat, "en"), c, MAINTAIN, []))

    assert commission("retail") and not commission("construction_and_trades") and not commission("automotive")


def test_the_page_counts_channels_not_available_or_needing_a_format_by_their_cause() -> None:
    """A Stockholm municipality read "not available: Bolt Food", a delivery app that left Sweden and fits no public body;
    a Krakow doctor's YouTube and podcast, needing formats she does not make, were counted as "no fit" (review 33): a
    channel not available in the markets is named only where it fits like one short of reach, and a format cause keeps
    its words when counted."""
    from channelfit.explain import locale

    municipality = {"name": "municipality", "kind": "public_body", "model": "b2c", "sector": "public_sector", "markets": ["SE"], "based_in": "SE",
                    "audience": {"age": [18, 80]}, "goals": {"customer_service": 3, "brand_awareness": 2}, "budget": {"monthly": 20000, "currency": "SEK", "weekly_hours": 10},
                    "formats": ["text", "image"], "max_channels": 4}
    plan = cf.recommend(municipality, minimum_budget_share=None)
    gone = [e for e in plan.excluded if e.reason == "blocked"]
    assert gone and any(e.channel == "bolt_food" for e in gone)
    page = render_plan(plan)
    assert "Bolt Food" not in page
    counted = next(line for line in page.splitlines() if line.startswith("Other channels that do not fit"))
    assert locale("en")["words"]["exclusions"]["blocked"] in counted
    formats = [e for e in plan.excluded if e.why.code.startswith("no_fit_formats") and e.name not in page]
    assert formats and locale("en")["render"]["excluded_formats"] in counted


def test_a_game_store_is_no_channel_for_a_cultural_association() -> None:
    """A Warsaw cultural association was told to listen on Steam for its community (review 33): outside the sectors it
    lists, a vertical's baseline fit is under the floor (Steam's was 0.1, the floor itself; the other verticals' 0.05)."""
    association = {"name": "association", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["PL"], "based_in": "PL",
                   "audience": {"age": [20, 65]}, "goals": {"community": 3, "brand_awareness": 1}, "budget": {"monthly": 3000, "currency": "PLN", "weekly_hours": 8},
                   "formats": ["image", "short_video", "text"], "premises": False, "max_channels": 3}
    plan = cf.recommend(association, minimum_budget_share=None)
    steam = next(e for e in plan.excluded if e.channel == "steam")
    assert steam.reason == "no_fit" and steam.why.code == "no_fit_sector"
    assert all(item.channels.count("steam") == 0 for item in plan.listening)


def test_the_hours_sentence_names_the_pick_the_mix_with_more_hours_drops() -> None:
    """A Warsaw association read that 1.16 h/week more would spend 516 PLN on Instagram, beside "Instagram needs 4 h/week
    and 0.35 are left" (review 34): the mix with more hours drops its newsletter to make room, and the sentence says so."""
    association = {"name": "association", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["PL"], "based_in": "PL",
                   "audience": {"age": [20, 65]}, "goals": {"community": 3, "brand_awareness": 1}, "budget": {"monthly": 3000, "currency": "PLN", "weekly_hours": 8},
                   "formats": ["image", "short_video", "text"], "premises": False, "max_channels": 3}
    plan = cf.recommend(association, minimum_budget_share=None)
    why = plan.totals.unspent_why
    assert why is not None and why.code == "unspent_hours"
    picked = {p.name for p in plan.picks}
    assert "in place of" in why.text and any(f"in place of {name}" in why.text for name in picked), why.text


#: Review 35's Bangkok yoga teacher: no money, students book through her LINE Official Account.
BANGKOK_YOGA = {
    "name": "yoga", "kind": "person", "model": "b2c", "sector": "personal_services", "markets": {"TH": 1.0}, "based_in": "TH",
    "audience": {"age": [22, 45], "gender": "female"}, "goals": {"lead_generation": 2, "community": 2, "brand_awareness": 1},
    "budget": {"monthly": 0, "currency": "THB", "weekly_hours": 4}, "formats": ["image", "short_video", "live", "text"], "premises": False,
    "present_on": {"instagram": "maintain", "line": "maintain"}, "max_channels": 3,
}


def test_a_line_official_account_is_kept_at_maintain_for_free(cat: cf.Catalog) -> None:
    """Review 35 (P3): LINE's maintain level was priced at Japan's Light plan (JPY 5,000, about EUR 30) in every market, so a
    Bangkok yoga teacher with no money could not keep the LINE account her students book through (the profile was refused)
    and a Taipei chain paid 1,053 TWD a month for it. A LINE Official Account has a free plan in Japan, Taiwan and Thailand,
    and one-to-one chats are not billed; paid plans are for larger broadcasts, at grow."""
    assert cat.level_rows[("line", "maintain")].monthly_cost_eur == 0 < cat.level_rows[("line", "grow")].monthly_cost_eur
    plan = cf.recommend(BANGKOK_YOGA, minimum_budget_share=None)
    line = next(pick for pick in plan.picks if pick.channel == "line")
    assert line.level == "maintain" and line.monthly_cost == 0


#: Review 35's Dhaka knitwear exporter, selling to brands in Germany, the UK, the US and the Netherlands.
DHAKA_EXPORTER = {
    "name": "knit", "kind": "company", "model": "b2b", "sector": "manufacturing", "markets": {"DE": 0.3, "GB": 0.3, "US": 0.2, "NL": 0.2}, "based_in": "BD",
    "audience": {"age": [28, 60], "professionals": True, "sectors": ["fashion", "retail"]}, "goals": {"lead_generation": 3, "partnerships": 2},
    "budget": {"monthly": 200000, "currency": "BDT", "weekly_hours": 8}, "formats": ["text", "image", "article"], "premises": False,
    "present_on": {"linkedin": "maintain"}, "max_channels": 4,
}


def test_xing_is_scored_as_the_job_network_it_has_become(cat: cf.Catalog) -> None:
    """Review 35 (P10): XING closed its groups and its Eventmarkt on 11 January 2023 and turned into a job portal, yet it was
    scored 0.5 for lead generation and partnerships ("regional business networking and events"), and a Dhaka knitwear exporter
    was told to post on it 1.5 h a week to find German brand buyers. Recruiting keeps its affinity."""
    affinity = {goal: cat.goal_rows[("xing", goal)].affinity for goal in ("lead_generation", "partnerships", "thought_leadership", "recruiting")}
    assert max(affinity["lead_generation"], affinity["partnerships"], affinity["thought_leadership"]) <= 0.2 and affinity["recruiting"] == 0.8
    plan = cf.recommend(DHAKA_EXPORTER, minimum_budget_share=None)
    assert "xing" not in {pick.channel for pick in plan.picks}


#: Review 35's Buenos Aires psychologist: 3 h/week, her Instagram kept.
BUENOS_AIRES_PSYCHOLOGIST = {
    "name": "psicologa", "kind": "person", "model": "b2c", "sector": "health", "markets": {"AR": 1.0}, "based_in": "AR", "audience": {"age": [25, 55]},
    "goals": {"lead_generation": 3, "thought_leadership": 1}, "budget": {"monthly": 150000, "currency": "ARS", "weekly_hours": 3},
    "formats": ["text", "image", "article"], "premises": True, "present_on": {"instagram": "maintain"}, "max_channels": 3,
}


def test_reddit_fits_a_health_practitioner_poorly(cat: cf.Catalog) -> None:
    """Review 35 (P13): a Buenos Aires psychologist read that letting the plan close her Instagram would be worth more "with
    Google Business Profile (maintain) and Reddit (maintain)": Reddit fitted health at 0.5 ("condition communities") and
    personal services at its baseline, 0.4, while self-promotion by a practitioner breaks most subreddits' rules and the
    profession's advertising ethics. Both fit 0.2 now, and her plan no longer offers Reddit in place of Instagram."""
    fit = dict(zip(cat.sectors, np.array(cat.sector_fit)[list(cat.channels).index("reddit")]))
    assert fit["health"] <= 0.2 and fit["personal_services"] <= 0.2
    page = render_plan(cf.recommend(BUENOS_AIRES_PSYCHOLOGIST))
    assert "Reddit (maintain)" not in page


#: An Accra fashion e-shop whose accounts take all but half an hour of its week, adding search ads (review 36).
ACCRA_FASHION = {
    "name": "Kente & Co. Accra", "kind": "brand", "model": "b2c", "sector": "fashion", "markets": {"GH": 0.6, "NG": 0.4}, "based_in": "GH",
    "audience": {"age": [18, 40], "gender": "female"}, "goals": {"sales": 3, "brand_awareness": 2},
    "budget": {"monthly": 6000, "currency": "GHS", "weekly_hours": 10}, "formats": ["image", "short_video", "live", "text"], "premises": False,
    "present_on": {"instagram": "maintain", "whatsapp": "maintain", "tiktok": "listen"}, "max_channels": 5,
}


@given(profiles())
@example(ACCRA_FASHION)
def test_a_new_campaign_is_set_up_before_it_spends(profile: dict) -> None:
    """A new campaign that spends from the first phase (no level below its own) is set up first, in the hours it will
    take to run and those the mix leaves, and starts spending in the week its setup ends (``from_week``, none when
    that is the first): an Accra shop's search ads held 5,706 GHS a month from week 1 while their 6 setup hours were
    spread over a 12-week phase at half an hour a week. The first phase ends when the setup is done, at least four
    weeks, and its hours stay within the week's."""
    plan = _plan_or_infeasible(profile)
    if plan is None:
        return
    first = plan.phases[0]
    parsed = cf.Profile.model_validate(profile)
    assert first.weekly_hours <= parsed.budget.weekly_hours + (first.hired_weekly_hours or 0.0) + 0.01
    picks = {p.channel: p for p in plan.picks}
    for c in first.channels:
        if c.from_week is None:
            continue
        pick = picks[c.channel]
        assert c.channel not in parsed.present_on and c.level == pick.level and pick.monthly_cost > 0 and pick.setup_hours > 0, c
        assert 1 < c.from_week <= first.last_week, (c, first.last_week)
        assert f" {c.from_week}" in first.note, first.note
    if profile == ACCRA_FASHION:
        assert [c.from_week for c in first.channels if c.channel == "google_ads"] == [3], first.channels
        assert first.last_week == 4 and "starts spending in week 3" in first.note, first


#: A Helsinki game studio letting the plan close its accounts: Steam (its store), Discord and X were to close for a
#: plan worth 5.6 % more (review 37).
HELSINKI_STUDIO = {
    "name": "Revontuli Games Oy", "kind": "company", "model": "b2c", "sector": "gaming",
    "markets": {"US": 0.4, "DE": 0.2, "GB": 0.15, "JP": 0.15, "FI": 0.1}, "based_in": "FI", "audience": {"age": [16, 40]},
    "goals": {"community": 3, "sales": 2, "recruiting": 2}, "budget": {"monthly": 12000, "currency": "EUR", "weekly_hours": 25},
    "formats": ["long_video", "short_video", "image", "text", "live"], "premises": False,
    "present_on": {"steam": "maintain", "discord": "maintain", "x": "maintain", "youtube": "listen"}, "may_drop_accounts": True, "max_channels": 6,
}
#: A Dubai broker letting the plan close its accounts: Bayut and WhatsApp were to close for 2.2 % more (review 37).
DUBAI_BROKER = {
    "name": "Marina Crest Properties LLC", "kind": "company", "model": "b2c", "sector": "real_estate",
    "markets": {"AE": 0.6, "GB": 0.15, "IN": 0.15, "RU": 0.1}, "based_in": "AE", "audience": {"age": [28, 60]},
    "goals": {"lead_generation": 3, "brand_awareness": 1}, "budget": {"monthly": 60000, "currency": "AED", "weekly_hours": 20},
    "formats": ["image", "short_video", "long_video", "text"], "premises": True,
    "present_on": {"property_finder": "maintain", "bayut": "maintain", "instagram": "grow", "whatsapp": "maintain"}, "max_channels": 6, "may_drop_accounts": True,
}


@given(profiles())
@example(HELSINKI_STUDIO)
@example(DUBAI_BROKER)
def test_letting_the_plan_close_accounts_closes_them_only_for_a_clearly_better_plan(profile: dict) -> None:
    """With may_drop_accounts, the plan lowers or closes the accounts run only where that makes it worth at least
    ACCOUNTS_COST_SHARE more than the plan keeping them; otherwise it is the plan keeping them, and it says how much
    the other would have been worth (review 37: a game studio's Steam store, Discord and X closed for 5.6 % more)."""
    from channelfit.solutions import ACCOUNTS_COST_SHARE

    profile = {**profile, "may_drop_accounts": True}
    free = _plan_or_infeasible(profile, minimum_budget_share=None)
    kept = _plan_or_infeasible({**profile, "may_drop_accounts": False}, minimum_budget_share=None)
    if free is None or kept is None:
        return
    said = [a for a in free.assumptions if a.code == "accounts_kept"]
    if [(p.channel, p.level) for p in free.picks] == [(p.channel, p.level) for p in kept.picks]:
        assert free.objective == pytest.approx(kept.objective, rel=1e-12)
        for line in said:  # the plan keeping them, for a free one worth less than the bar (or no more than it)
            assert "value" not in line.values or kept.objective <= line.values["value"] + 0.005 < kept.objective * (1 + ACCOUNTS_COST_SHARE) + 0.01, line
    else:
        assert not said and free.objective >= kept.objective * (1 + ACCOUNTS_COST_SHARE) - 1e-9, (free.objective, kept.objective)
    if profile in (HELSINKI_STUDIO, DUBAI_BROKER):
        assert said and all(a.action != "close" for a in free.accounts), free.accounts


#: A Mumbai accounting firm whose thought leadership, weighted 2 of 6, no pick served, in silence (review 37).
MUMBAI_ACCOUNTANTS = {
    "name": "Mehta Desai & Associates", "kind": "company", "model": "b2b", "sector": "professional_services", "markets": {"IN": 1.0}, "based_in": "IN",
    "audience": {"age": [28, 65], "professionals": True, "sectors": ["retail", "manufacturing", "software"]},
    "goals": {"lead_generation": 3, "thought_leadership": 2, "recruiting": 1}, "budget": {"monthly": 60000, "currency": "INR", "weekly_hours": 6},
    "formats": ["text", "article", "image"], "premises": True,
    "present_on": {"linkedin": "maintain", "google_business_profile": "maintain", "whatsapp": "maintain"}, "max_channels": 4,
}


@given(profiles())
@example(MUMBAI_ACCOUNTANTS)
@example(HELSINKI_STUDIO)
def test_a_goal_is_served_by_a_pick_that_serves_it_somewhat_or_named_as_a_gap(profile: dict) -> None:
    """A pick names a goal, and is measured on it, only where its affinity to it is at least 0.3 ("serves it
    somewhat"; its main goal always), and each goal of the profile is either served by a pick or named once among
    plan.goal_gaps, with a channel out of the plan that serves it at least somewhat, if any (review 37: a game studio's
    newsletter carried job-applications KPIs at affinity 0.2, and an accounting firm's thought leadership was served
    by no pick, unsaid)."""
    from channelfit.problem import build_problem
    from channelfit.solutions import main_mix

    plan = _plan_or_infeasible(profile, minimum_budget_share=None)
    if plan is None:
        return
    cat = cf.catalog()
    parsed = cf.Profile.model_validate(profile)
    problem = main_mix(build_problem(parsed, cat), plan.objective_kind).problem
    gaps = [str(gap.values["goal_id"]) for gap in plan.goal_gaps]
    served = {g for p in plan.picks for g in p.goals}
    assert len(gaps) == len(set(gaps)) and served | set(gaps) == set(parsed.goals) and not served & set(gaps), (served, gaps)
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        assert all(problem.affinity[c, cat.index["goals"][g]] >= 0.3 for g in pick.goals[1:]), (pick.channel, pick.goals)
    levels = {p.channel: p.level for p in plan.picks}
    for gap, goal in zip(plan.goal_gaps, gaps):
        if "channel_id" in gap.values:  # a pick to raise (at a level that does not serve the goal), or a channel out of the plan
            channel = str(gap.values["channel_id"])
            assert (channel in levels) == ("now" in gap.values), gap
            assert problem.affinity[cat.index["channels"][channel], cat.index["goals"][goal]] >= 0.3, gap
    if profile is MUMBAI_ACCOUNTANTS:
        assert "thought_leadership" in gaps, plan.goal_gaps


@pytest.mark.parametrize(("based_in", "week"), [("IR", ["sat", "sun", "mon", "tue", "wed"]), ("SA", ["sun", "mon", "tue", "wed", "thu"]), ("DE", ["mon", "tue", "wed", "thu", "fri"])])
def test_the_weekly_routine_runs_on_the_working_days_where_the_organisation_is_based(based_in: str, week: list[str]) -> None:
    """An Iranian bakery was told to run its campaigns on Friday, its day off (review 37): the routine lays the work
    out over the working week of the country the organisation is based in (countries.csv, work_days), in its order."""
    bakery = {"name": "bakery", "model": "b2c", "sector": "food_and_drink", "markets": [based_in], "based_in": based_in, "audience": {"age": [18, 60]},
              "goals": {"local_visits": 3, "brand_awareness": 1, "sales": 1}, "budget": {"monthly": 500, "currency": "EUR", "weekly_hours": 10},
              "formats": ["image", "short_video", "text"], "premises": True, "max_channels": 4}
    plan = cf.recommend(bakery, minimum_budget_share=None)
    assert cf.catalog().country_rows[based_in].work_days.split() == week
    days = [item.day for item in plan.routine]
    assert days and set(days) <= set(week) and days == sorted(days, key=week.index), days
    assert len(set(days)) == len(week)  # the daily answering takes every working day


def test_a_first_phase_opening_listings_says_to_open_them_not_to_follow_and_search() -> None:
    """An Auckland plumber was told to "follow and search there before posting" on his new Google profile and
    NoCowboys listing (review 37): a first phase whose new channels are all maps or review listings says to open them
    with their details right and answer reviews."""
    from channelfit.explain import Explainer

    plumber = {"name": "plumber", "kind": "person", "model": "b2c", "sector": "construction_and_trades", "markets": ["NZ"], "based_in": "NZ",
               "audience": {"age": [25, 75]}, "goals": {"lead_generation": 3, "customer_service": 1}, "budget": {"monthly": 120, "currency": "NZD", "weekly_hours": 3},
               "formats": ["image", "text"], "present_on": {"facebook": "listen"}, "max_channels": 3}
    plan = cf.recommend(plumber, minimum_budget_share=None)
    cat = cf.catalog()
    new = [p.channel for p in plan.picks if p.channel != "facebook"]
    assert new and all(cat.channel_rows[cat.index["channels"][c]].orientation == "directory" for c in new), plan.picks
    assert plan.phases[0].note.startswith(Explainer(cat, "en").text("plan", "note_listen_and_set_up_mixed_listings")), plan.phases[0].note


def test_own_media_that_do_not_fit_even_at_their_lowest_level_may_be_closed_when_the_profile_allows() -> None:
    """A media organisation letting the plan close its accounts, with no hours, got an InfeasibleError telling it to
    set may_drop_accounts, which it had (CI's random example, session 19): its own media are kept where their lowest
    levels fit, else closed as the rest, and the plan does not claim to keep them."""
    writer = {"name": "writer", "kind": "person", "model": "b2b", "sector": "media_and_entertainment", "markets": ["IT"], "audience": {"age": [13, 13]},
              "goals": ["brand_awareness"], "budget": {"monthly": 0, "currency": "AED", "weekly_hours": 0}, "formats": ["text"], "premises": False,
              "present_on": ["facebook", "instagram", "vc_ru"], "may_drop_accounts": True, "max_channels": 1}
    plan = cf.recommend(writer, minimum_budget_share=None)
    assert not plan.picks and {a.channel: a.action for a in plan.accounts}["vc_ru"] == "close"
    assert all(a.code != "own_media" for a in plan.assumptions), plan.assumptions
    kept = cf.recommend({**writer, "budget": {**writer["budget"], "weekly_hours": 3}}, minimum_budget_share=None)
    assert "vc_ru" in {p.channel for p in kept.picks} and any(a.code == "own_media" for a in kept.assumptions)  # where it fits, it is kept


def test_a_marketplace_shop_the_plan_does_not_need_keeps_its_products_right() -> None:
    """A Jakarta coffee roaster letting the plan close its accounts read that its Shopee and Tokopedia shops should
    keep their "hours, address and contact details" right (review 39): a marketplace shop keeps its products, prices,
    stock and delivery terms right, a map or review listing its hours and address."""
    from channelfit.explain import Explainer

    roaster = {"name": "Kopi Tanah Tinggi", "kind": "brand", "model": "b2c", "sector": "food_and_drink", "markets": {"ID": 1.0}, "based_in": "ID",
               "audience": {"age": [20, 45]}, "goals": {"sales": 3, "community": 1, "brand_awareness": 1}, "budget": {"monthly": 8000000, "currency": "IDR", "weekly_hours": 12},
               "formats": ["image", "short_video", "text", "live"], "premises": False,
               "present_on": {"instagram": "maintain", "tokopedia": "maintain", "shopee": "maintain", "whatsapp": "maintain"}, "max_channels": 5, "may_drop_accounts": True}
    for language in ("en", "it"):
        plan = cf.recommend(roaster, language=language, minimum_budget_share=None)
        shops = [a for a in plan.accounts if a.channel in ("shopee", "tokopedia") and a.action == "close"]
        assert shops, plan.accounts
        assert all(a.why.text == Explainer(cf.catalog(), language).text("reasons", "account_not_needed_shop") for a in shops), shops
