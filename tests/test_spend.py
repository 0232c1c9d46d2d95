"""Spend as a decision: the money split among paid picks is optimal for the mix, and money is only spent where it adds value."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import channelfit as cf
from channelfit.problem import AT_MINIMUM_SPEND, OPTION_LEVEL, SPEND_TIERS, audience_people, build_problem, spend_curve
from channelfit.solutions import split_spend
from channelfit.strategies import profiles
from channelfit.vocabulary import AD_FAMILIES, AVAILABILITY, GROW, LEVELS, MAINTAIN


@st.composite
def fixed_mixes(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, float]:
    m = draw(st.integers(1, 4))
    goals = draw(st.integers(1, 4))
    at_full = draw(hnp.arrays(float, (m, goals), elements=st.floats(0.05, 0.95)))
    scale = draw(hnp.arrays(float, (m,), elements=st.floats(50.0, 2000.0)))
    weights = draw(hnp.arrays(float, (goals,), elements=st.floats(0.05, 1.0)))
    fixed = draw(st.none() | hnp.arrays(float, (goals,), elements=st.floats(0.2, 1.0)))
    budget = draw(st.floats(0.0, 10_000.0))
    # per pick (its level) and goal, promotion lifts it from AT_MINIMUM_SPEND of its full effect, or not at all (floor 1)
    floor = draw(hnp.arrays(float, (m, goals), elements=st.sampled_from([*AT_MINIMUM_SPEND[1:], 1.0])))
    return at_full, scale, weights / weights.sum(), fixed, budget, floor


def _value(at_full: np.ndarray, scale: np.ndarray, weights: np.ndarray, fixed: np.ndarray | None, x: np.ndarray, floor: np.ndarray) -> float:
    curve = spend_curve(at_full, (x / scale)[:, None], floor)
    if fixed is None:
        return float(curve.sum())
    return float(weights @ (1.0 - fixed * np.prod(1.0 - curve, axis=0)))


@settings(max_examples=40)
@given(fixed_mixes())
def test_the_split_is_within_a_tenth_of_a_percent_of_scipy(mix: tuple) -> None:
    """For a fixed mix the value is concave in the spend: SLSQP from several starts finds the optimum, and ours is within 0.1 %."""
    from scipy.optimize import minimize

    at_full, scale, weights, fixed, budget, floor = mix
    additive = fixed is None
    if additive:
        at_full, floor = at_full[:, :1], np.minimum(floor[:, :1], AT_MINIMUM_SPEND[1])  # additive: every pick's value is lifted
    cap = SPEND_TIERS[-1] * scale
    ours = split_spend(at_full, scale, weights, fixed, budget, SPEND_TIERS[-1], floor)
    assert (ours >= -1e-9).all() and (ours <= cap + 1e-6).all() and ours.sum() <= budget + 1e-6
    best = -np.inf
    for start in (np.zeros_like(scale), np.minimum(cap, budget / len(scale)), cap * min(1.0, budget / cap.sum())):
        result = minimize(
            lambda x: -_value(at_full, scale, weights, fixed, x, floor),
            start,
            bounds=list(zip(np.zeros_like(cap), cap)),
            constraints=[{"type": "ineq", "fun": lambda x: budget - x.sum()}],
            method="SLSQP",
            options={"ftol": 1e-12, "maxiter": 500},
        )
        if result.x.sum() <= budget + 1e-6:
            best = max(best, -result.fun)
    ours_value = _value(at_full, scale, weights, fixed, ours, floor)
    assert ours_value >= best - 1e-3 * abs(best) - 1e-9


STOCKHOLM_SAAS = {
    "name": "Stockholm SaaS",
    "model": "b2b",
    "sector": "software",
    "markets": {"SE": 0.6, "DE": 0.4},
    "audience": {"age": [28, 60], "professionals": True, "sectors": ["construction_and_trades", "manufacturing"]},
    "goals": {"lead_generation": 4, "thought_leadership": 2, "recruiting": 1},
    "budget": {"monthly": 150000, "currency": "SEK", "weekly_hours": 40},
    "formats": ["text", "article", "image", "long_video"],
    "premises": False,
    "present_on": {"linkedin": "grow", "blog": "maintain"},
    "max_channels": 6,
}


ISTANBUL_FASHION = {
    "name": "Istanbul online fashion, budget doubled",
    "kind": "company",
    "model": "b2c",
    "sector": "fashion",
    "markets": {"TR": 1.0},
    "audience": {"age": [18, 40], "gender": "female"},
    "goals": {"sales": 4, "brand_awareness": 2, "community": 1},
    "budget": {"monthly": 300000, "currency": "TRY", "weekly_hours": 30},
    "formats": ["image", "short_video", "text", "live"],
    "premises": False,
    "present_on": {"instagram": "grow", "trendyol": "maintain"},
    "max_channels": 5,
}


SEOUL_CAFE = {
    "name": "Seoul café",
    "model": "b2c",
    "sector": "food_and_drink",
    "markets": {"KR": 1},
    "audience": {"age": [20, 40]},
    "goals": {"local_visits": 4, "brand_awareness": 2, "community": 1},
    "budget": {"monthly": 1500000, "currency": "KRW", "weekly_hours": 6},
    "formats": ["text", "image", "short_video"],
    "premises": True,
    "present_on": {"instagram": "grow"},
    "max_channels": 4,
}


CAIRO_CLINIC = {
    "name": "Cairo dermatology clinic",
    "model": "b2c",
    "sector": "health",
    "markets": ["EG"],
    "audience": {"age": [20, 55]},
    "goals": {"local_visits": 3, "lead_generation": 2, "brand_awareness": 1},
    "budget": {"monthly": 30000, "currency": "EGP", "weekly_hours": 6},
    "formats": ["text", "image", "short_video"],
    "premises": True,
    "present_on": {"facebook": "maintain", "instagram": None},
    "max_channels": 4,
}


YEKATERINBURG_CLUB = {
    "name": "fitness club", "kind": "company", "model": "b2c", "sector": "personal_services", "markets": ["RU"], "based_in": "RU",
    "audience": {"age": [20, 50]}, "goals": {"local_visits": 3, "lead_generation": 2, "community": 1},
    "budget": {"monthly": 80000, "currency": "RUB", "weekly_hours": 8}, "formats": ["text", "image", "short_video"], "premises": True,
    "present_on": {"vk": "maintain", "telegram": None, "yandex_maps": None}, "max_channels": 5,
}


def test_money_left_for_lack_of_hours_names_the_channel_left_out() -> None:
    """A Seoul café keeping Instagram at grow was told "no other channel would earn its place with the money" while
    Naver Place, the best fit, was out for an hour: the hours are named, and the channel that would take the money."""
    why = cf.recommend(SEOUL_CAFE, minimum_budget_share=None).totals.unspent_why
    assert why is not None and why.code == "unspent_hours" and "Naver Place" in why.values["channels"], why


@settings(max_examples=30)
@given(profiles(with_include=False))
@example(SEOUL_CAFE)
@example(STOCKHOLM_SAAS)  # money left beside six picks: eight slots gave the same mix, so not "all slots are used"
@example(ISTANBUL_FASHION)  # 172,226 of 300,000 TRY were held back so that YouTube kept adding 3 % of the value
@example(CAIRO_CLINIC)  # 1 h/week more would spend 1,953 of 26,206 EGP left, and the sentence was silent on the rest
@example(YEKATERINBURG_CLUB)  # spending nothing, it read that its paid picks were near their full effect
def test_money_is_spent_only_where_it_adds_value(profile: dict) -> None:
    plan = cf.recommend(profile, minimum_budget_share=None)
    problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
    rate = plan.monthly_budget / plan.monthly_budget_eur if plan.monthly_budget_eur else 1.0
    capped = []
    # a pick whose promotion lifts none of the goals asked for is at its full effect whatever it spends
    lifts = plan.objective_kind == "additive" or bool((cf.catalog().goal_paid_lift & (np.asarray(problem.goal_weights) > 0)).any())
    for pick in plan.picks:
        c = cf.catalog().index["channels"][pick.channel]
        scale = problem.spend_scale[c, LEVELS.index(pick.level)]
        # a promotion is stated when it is a unit of the currency at least (a Zurich adviser read "0 CHF/month of paid promotion")
        assert any(r.code == "promotion" for r in pick.why) == (pick.extra_promotion >= 1.0), pick
        if pick.extra_promotion > 0:
            assert scale > 0, "only levels with paid promotion take more money"
            assert pick.extra_promotion / rate <= SPEND_TIERS[-1] * scale * (1 + 1e-6), "never past the cap"
        if scale > 0:
            capped.append(pick.extra_promotion / rate >= SPEND_TIERS[-1] * scale * (1 - 1e-3) or not lifts)
    assert plan.totals.monthly_cost_eur <= plan.monthly_budget_eur + 1e-6
    why = plan.totals.unspent_why
    if why is not None:
        max_channels = profile.get("max_channels", 3)
        assert all(capped), "money is left only when every paid pick is near its full effect: the floor never holds it back"
        expand_adds = {c.channel for c in plan.phases[2].channels} - {p.channel for p in plan.picks}
        assert why.code != "unspent_slots_full" or (len(plan.picks) == max_channels and expand_adds), "'all slots are used' only when they are, and more slots add a channel"
        assert why.code not in ("unspent_no_gain", "unspent_saturated") or len(plan.picks) < max_channels or not expand_adds, "with every slot used and more slots adding a channel, the slots are the reason"
        if why.code == "unspent_hours" and "value" in why.values:  # the plan with the hours named is worth what it says, spending no more
            more = cf.recommend({**profile, "budget": {**profile["budget"], "weekly_hours": profile["budget"]["weekly_hours"] + why.values["more"]}}, minimum_budget_share=None)
            assert more.objective == pytest.approx(why.values["value"], abs=0.006) and more.objective >= plan.objective * 1.02 - 1e-9, why.text
            assert more.totals.monthly_cost < plan.totals.monthly_cost + 1.0, why.text
        elif why.code == "unspent_hours":  # the plan with the hours named spends what the sentence says, on those channels
            more = cf.recommend({**profile, "budget": {**profile["budget"], "weekly_hours": profile["budget"]["weekly_hours"] + why.values["more"]}}, minimum_budget_share=None)
            assert more.totals.monthly_cost - plan.totals.monthly_cost == pytest.approx(why.values["spent"], abs=max(1.0, 0.01 * why.values["spent"])), why.text
            before = {p.name: p.monthly_cost for p in plan.picks}
            rising = {p.name for p in more.picks if p.monthly_cost - before.get(p.name, 0.0) >= 1.0}
            assert rising and all(name in why.text for name in rising), (why.text, rising)
            # the money the hours would not spend either is named when it is a twentieth of what is left or more
            rest, twentieth = plan.totals.unspent - why.values["spent"], 0.05 * plan.totals.unspent
            assert "rest" in why.values if rest > twentieth + 1.0 else "rest" not in why.values if rest < twentieth - 1.0 else True, (why.text, rest)
            if "rest" in why.values:  # that mix's paid picks near their full effect, or none that takes money (a club spending nothing)
                assert why.values["rest"] == pytest.approx(rest, abs=max(1.0, 0.01 * rest)), why.text
                paid_more = any(problem.spend_scale[cf.catalog().index["channels"][p.channel], LEVELS.index(p.level)] > 0 for p in more.picks)
                assert ("too little" in why.text) == paid_more and ("no channel of that mix" in why.text) == (not paid_more), why.text
            if "accounts" in why.values:  # the hint to free the accounts only where freeing them gives a plan clearly better
                assert cf.recommend({**profile, "may_drop_accounts": True}, minimum_budget_share=None).objective >= plan.objective * 1.1 - 1e-9
        if "hours" in why.values:  # never "and 0 h/week are left" or "within the 0 h/week left"
            assert ("no hours" in why.text) == (why.values["hours"] == 0) and " 0 h/week" not in why.text, why.text
            used = sum(phase.weekly_hours for phase in plan.phases if phase.name == "focus")
            assert 0 <= why.values["hours"] <= plan.weekly_hours_budget - used + 0.01


AUCKLAND_PLUMBER = {
    "name": "Auckland plumber",
    "model": "b2c",
    "sector": "construction_and_trades",
    "markets": ["NZ"],
    "audience": {"age": [30, 70]},
    "goals": {"local_visits": 2, "lead_generation": 3},
    "budget": {"monthly": 600, "currency": "NZD", "weekly_hours": 3},
    "formats": ["text", "image"],
    "premises": True,
    "max_channels": 3,
}


def test_money_left_beside_a_search_campaign_at_maintain_raises_its_daily_budget() -> None:
    """An Auckland plumber with 600 NZD and 3 h/week ran Google Ads at maintain for 231 NZD and left 369 NZD
    unspent: "no channel in the mix takes more money usefully", although a search campaign's daily budget is the
    first thing a plumber raises. Grow's broader campaigns need hours the budget lacks; the always-on campaign
    takes the money."""
    plumber = AUCKLAND_PLUMBER
    plan = cf.recommend(plumber)
    ads = next(p for p in plan.picks if p.channel == "google_ads")
    assert ads.level == "maintain" and ads.extra_promotion > 0
    assert any(reason.code == "promotion" for reason in ads.why)
    assert plan.totals.unspent < 1.0, plan.totals.unspent_why
    smaller = cf.recommend({**plumber, "budget": {**plumber["budget"], "monthly": 400}})
    assert smaller.objective < plan.objective, "the extra money adds value"


def test_a_larger_budget_buys_more_promotion_for_a_us_streetwear_brand() -> None:
    brand = {
        "name": "US streetwear",
        "kind": "brand",
        "model": "b2c",
        "sector": "fashion",
        "markets": ["US"],
        "audience": {"age": [16, 30]},
        "goals": {"brand_awareness": 2, "sales": 3},
        "budget": {"monthly": 1000, "currency": "USD", "weekly_hours": 20},
        "formats": ["image", "short_video", "text"],
        "max_channels": 3,
    }
    small = cf.recommend(brand)
    large = cf.recommend({**brand, "budget": {**brand["budget"], "monthly": 4000}})
    assert large.totals.monthly_cost > small.totals.monthly_cost + 1000, "a 4,000 USD budget is not left mostly unspent"
    assert large.objective >= small.objective


@settings(max_examples=30)
@given(profiles(with_include=False))
def test_each_channel_left_out_names_the_limit_that_keeps_it_out(profile: dict) -> None:
    """A candidate not picked names a limit it breaks (slots, hours or money at its cheapest level), or adds too
    little: added at any level that fits what is left, it adds under the 3 % floor or pushes a pick under it."""
    _check_why_not(profile)


HANOI_CAFE = {
    "name": "Hanoi cafe",
    "model": "b2c",
    "sector": "food_and_drink",
    "markets": ["VN"],
    "audience": {"age": [18, 40]},
    "goals": {"local_visits": 3, "brand_awareness": 1},
    "budget": {"monthly": 2_000_000, "currency": "VND", "weekly_hours": 5},
    "formats": ["image", "short_video"],
    "premises": True,
    "max_channels": 3,
}


@settings(max_examples=40, deadline=None)
@given(profiles(with_include=False))
@example(HANOI_CAFE)
def test_money_below_every_paid_step_the_hours_allow_says_what_the_next_step_costs(profile: dict) -> None:
    """A Hanoi cafe with 2,000,000 VND was told no channel "takes more money usefully" when every paid level cost
    more than that: the reason now names the smallest paid step the hours allow, and that step costs more than is left,
    as the catalog's levels say (a pick raised costs the difference, a new channel its level)."""
    try:
        plan = cf.recommend(profile, minimum_budget_share=None)
    except cf.InfeasibleError:
        return
    why = plan.totals.unspent_why
    if why is None or why.code != "unspent_below_step":
        return
    assert why.values["needed"] > why.values["money"], why.text
    levels = {"listen": 0, "maintain": 1, "grow": 2}
    pick = next((p for p in plan.picks if p.name == why.values["channel"]), None)
    if pick is not None:  # a pick raised: to a level above its own
        assert levels[str(why.values["level"])] > levels[pick.level], (why.text, pick.level)
    else:  # a channel joining: a slot must be free, and it is one the plan could take (ranked, not excluded)
        assert len(plan.picks) < profile.get("max_channels", 3), why.text
        assert why.values["channel"] in {r.name for r in plan.ranking}, why.text


def test_the_hanoi_cafe_boosts_its_posts_or_is_told_what_the_next_paid_step_costs() -> None:
    """The Hanoi cafe with 2,000,000 VND and 5 h/week left all its money unspent, told what the next paid step costs:
    it now boosts its Facebook posts at maintain, which takes no more hours. At Vietnam's judged Meta index (India's
    0.10, docs/ad_costs_2026_12b.md) the boost is near its full effect before the money runs out, and the rest is
    left with the hours named as the limit (Facebook at grow needs more of them). Without the networks whose pages can
    be boosted (Facebook, Instagram, TikTok, LinkedIn) and with 500,000 VND, below Zalo's grow step, the sentence on
    the next paid step stands."""
    plan = cf.recommend(HANOI_CAFE)
    boosted = [p for p in plan.picks if p.level == "maintain" and p.extra_promotion > 0]
    assert [p.channel for p in boosted] == ["facebook"]
    why = plan.totals.unspent_why
    assert plan.totals.unspent > 0 and why is not None and why.code == "unspent_hours" and why.values["channels"] == "Facebook (grow)", why  # with the level it takes
    no_boosts = {**HANOI_CAFE, "exclude": ["facebook", "instagram", "tiktok", "linkedin"], "budget": {**HANOI_CAFE["budget"], "monthly": 500_000}}
    why = cf.recommend(no_boosts).totals.unspent_why
    assert why is not None and why.code == "unspent_below_step", why
    assert "takes more money usefully" not in why.text and why.values["needed"] > why.values["money"]


def test_a_cafe_with_time_to_spare_is_told_which_channels_money_or_the_floor_keeps_out() -> None:
    """With 60 h/week and ten slots but 50 USD, random profiles rarely reach these two reasons: both appear and hold."""
    cafe = {
        "name": "US cafe",
        "model": "b2c",
        "sector": "food_and_drink",
        "markets": ["US"],
        "audience": {"age": [18, 60]},
        "goals": {"local_visits": 2, "brand_awareness": 1},
        "budget": {"monthly": 50, "currency": "USD", "weekly_hours": 60},
        "formats": ["image", "text", "short_video"],
        "max_channels": 10,
    }
    reasons = _check_why_not(cafe)
    assert {"money", "share"} <= reasons


def _check_why_not(profile: dict) -> set[str]:
    """Check every left-out channel's reason against the plan; return the reasons' figures seen."""
    from channelfit.planner import _values_so_far
    from channelfit.problem import MIN_PICK_SHARE, Choice, mix_hours, mix_money
    from channelfit.vocabulary import LEVELS

    plan = cf.recommend(profile, minimum_budget_share=None)
    cat = cf.catalog()
    problem = build_problem(cf.Profile.model_validate(profile), cat)
    index = cat.index["channels"]
    chosen = [Choice(index[p.channel], LEVELS.index(p.level), p.extra_promotion / problem.fx_per_eur) for p in plan.picks]
    hours_left = plan.weekly_hours_budget - mix_hours(problem, chosen, with_setup=True)
    money_left = problem.monthly_budget_eur - mix_money(problem, chosen)
    seen: set[str] = set()
    for ranked in plan.ranking:
        assert (ranked.why_not is None) == ranked.picked
        if ranked.picked:
            continue
        seen |= set(ranked.why_not.values)
        c, key = index[ranked.channel], ranked.why_not.text
        fits = [lv for lv in np.flatnonzero(cat.level_offered[c]) if problem.hours[c, lv] <= hours_left + 1e-9 and problem.money[c, lv] <= money_left * (1 + 1e-9) + 1e-6]  # the plan's figures in the profile's currency, back in EUR
        values = ranked.why_not.values
        if set(values) == {"first", "last"}:  # the expand phase adds it (test_the_expand_phase_keeps_every_focus_pick...)
            continue
        if "hours" in values:  # the hours (and the money, when it names both) come before the slots
            assert problem.hours[c, LEVELS.index(str(values["level"]))] > hours_left + 1e-9, key
        if "money" in values:
            assert problem.money[c, LEVELS.index(str(values["level"]))] > money_left * (1 + 1e-9), key
        if "hours" in values or "money" in values:
            continue
        expand_adds = {c.channel for c in plan.phases[2].channels} - {p.channel for p in plan.picks}
        if len(plan.picks) == plan.max_channels and expand_adds:  # only a channel that fits what is left is kept out by the slots
            assert values == {"channels": plan.max_channels} and fits, key
        else:
            assert ranked.why_not.values == {"share": round(MIN_PICK_SHARE * 100)}, key
            at_minimum = [Choice(p.channel, p.level, 0.0) for p in chosen]  # the floor reads each level at its minimum spend
            for lv in fits:
                mix = [*at_minimum, Choice(c, int(lv), 0.0)]
                total = _values_so_far(problem, plan.objective_kind, mix)[-1]
                without = [_values_so_far(problem, plan.objective_kind, mix[:k] + mix[k + 1 :])[-1] if len(mix) > 1 else 0.0 for k in range(len(mix))]
                shares = [(total - rest) / total if total > 0 else 0.0 for rest in without]
                assert min(shares) < MIN_PICK_SHARE + 1e-9, f"{ranked.channel} at {LEVELS[lv]} fits what is left and every pick would add {min(shares):.3f}"
    return seen


def test_local_money_never_falls_as_the_level_rises_in_any_market() -> None:
    """Auction-priced money scales with each market's cost of reach, flat fees do not: in every country, a higher
    level still costs at least as much as a lower one, and no level costs less than its flat fees."""
    from channelfit.problem import auction_minimum_eur

    cat = cf.catalog()
    minimum = auction_minimum_eur(cat)
    for country in cat.countries:
        profile = cf.Profile.model_validate({"name": "x", "markets": [country], "model": "b2c", "sector": "retail", "goals": {"sales": 1}, "budget": {"monthly": 100, "weekly_hours": 5}})
        money = build_problem(profile, cat).money
        offered = cat.level_offered
        for c in range(len(cat.channels)):
            levels = np.flatnonzero(offered[c])
            assert np.all(np.diff(money[c, levels]) >= 0), (country, cat.channels[c], money[c, levels])
        scaled = cat.level_auction & (cat.level_monthly_cost_eur > 0)
        floor = np.minimum(np.broadcast_to(minimum[:, None], money.shape), cat.level_monthly_cost_eur)
        assert np.all(money[scaled] >= floor[scaled] - 1e-9)
        assert np.all(money[~cat.level_auction] == cat.level_monthly_cost_eur[~cat.level_auction])


def test_owned_channels_promotion_costs_what_the_ads_it_buys_cost() -> None:
    """An email list grows through lead ads and a blog through promoted posts: in every market their grow level
    costs no more than Facebook's grow level at the same US price (a flat US price made a Lagos fintech pay ten
    times more to grow its list than to promote on Facebook)."""
    cat = cf.catalog()
    channel = cat.index["channels"]
    grow = LEVELS.index("grow")
    us_price = cat.level_monthly_cost_eur[:, grow]
    for country in cat.countries:
        profile = cf.Profile.model_validate({"name": "x", "markets": [country], "model": "b2c", "sector": "retail", "goals": {"sales": 1}, "budget": {"monthly": 100, "weekly_hours": 5}})
        money = build_problem(profile, cat).money[:, grow]
        facebook = channel["facebook"]
        for owned in (channel["email_newsletter"], channel["blog"]):
            assert money[owned] <= money[facebook] * us_price[owned] / us_price[facebook] + 1e-9, (country, cat.channels[owned], money[owned], money[facebook])


@settings(max_examples=60, deadline=None)
@given(profiles(with_include=False), st.floats(1.0, 8.0), st.floats(1.0, 3.0))
def test_more_money_or_hours_never_lower_the_value(profile: dict, money_factor: float, hours_factor: float) -> None:
    """The mix is the best over every split of the money (not only the spend tiers), so the value is monotone in the budget."""
    budget = profile["budget"]
    larger = {**profile, "budget": {**budget, "monthly": budget["monthly"] * money_factor, "weekly_hours": min(168.0, budget["weekly_hours"] * hours_factor)}}
    small = cf.recommend(profile, minimum_budget_share=None)
    large = cf.recommend(larger, minimum_budget_share=None)
    assert large.objective >= small.objective - 1e-9, (small.picks, large.picks)


#: A community found by the long fuzz campaign: its one channel's promotion buys the awareness goal (weight 1 of 7),
#: which the pick did not name.
SMALL_COMMUNITY = {
    "name": "",
    "model": "b2b",
    "sector": "manufacturing",
    "markets": ["IT"],
    "audience": {"age": [13, 13], "gender": "any", "professionals": False},
    "goals": {"community": 6, "brand_awareness": 1},
    "budget": {"monthly": 200.0, "currency": "EUR", "weekly_hours": 6.0},
    "formats": ["text"],
    "premises": False,
    "may_drop_accounts": True,
    "max_channels": 1,
}


@settings(max_examples=40, deadline=None)
@given(profiles(with_include=False))
@example(SMALL_COMMUNITY)
def test_a_listen_pick_serves_only_what_listening_serves_and_money_lifts_only_paid_goals(profile: dict) -> None:
    """A channel at listen is never in the mix for awareness, nor a page that listens for sales (a live listing at
    listen serves what a listing serves: bookings, orders, calls, visits); the promotion of a grow pick goes only to
    one that serves a goal paid promotion lifts (goals.csv)."""
    cat = cf.catalog()
    listen_goals = {row.id for row in cat.vocabulary_rows["goals"] if row.listen_serves}
    listing_goals = {row.id for row in cat.vocabulary_rows["goals"] if row.listing_serves}
    paid_goals = {row.id for row in cat.vocabulary_rows["goals"] if row.paid_lift}
    plan = cf.recommend(profile, minimum_budget_share=None)
    for pick in plan.picks:
        if pick.level == "listen":
            served = listing_goals if cat.listing[cat.index["channels"][pick.channel]] else listen_goals
            assert set(pick.goals) <= served, (pick.channel, pick.goals)
        if pick.extra_promotion > 0:
            assert set(pick.goals) & paid_goals, (pick.channel, pick.goals)


#: An Indonesian fashion label whose money split to the last bit once left its focus picks a hair over budget.
JAKARTA_LABEL = {
    "name": "Jakarta label",
    "model": "b2c",
    "sector": "fashion",
    "markets": ["ID"],
    "audience": {"age": [18, 35], "gender": "female"},
    "goals": {"sales": 3, "brand_awareness": 1},
    "budget": {"monthly": 10_000_000, "currency": "IDR", "weekly_hours": 12},
    "formats": ["image", "short_video", "live"],
    "max_channels": 3,
}


@settings(max_examples=60, deadline=None)
@given(profiles(with_include=False))
@example(JAKARTA_LABEL)
def test_the_expand_phase_keeps_every_focus_pick_and_its_money(profile: dict) -> None:
    """The expand phase adds to the focus mix within the same budget: every focus pick runs on at its level, and
    the phase's money is never below the focus phase's (a rounding shortfall once dropped the whole mix); the
    ranking says the channels it adds join then."""
    plan = cf.recommend(profile, minimum_budget_share=None)
    focus, expand = plan.phases[1], plan.phases[2]
    assert {(c.channel, c.level) for c in focus.channels} <= {(c.channel, c.level) for c in expand.channels}
    assert expand.monthly_cost >= focus.monthly_cost - 1e-6 * max(1.0, focus.monthly_cost)
    assert expand.monthly_cost <= plan.monthly_budget * (1 + 1e-9) + 1e-6
    # the ranking says a channel the phase adds joins then (a Seoul brand's TikTok "would add under 3 %" beside it)
    added = {c.channel for c in expand.channels} - {c.channel for c in focus.channels}
    for ranked in plan.ranking:
        if not ranked.picked:
            joins = ranked.why_not is not None and ranked.why_not.values == {"first": expand.first_week, "last": expand.last_week}
            assert joins == (ranked.channel in added), (ranked.channel, ranked.why_not)


@settings(max_examples=40, deadline=None)
@given(profiles(with_include=False))
def test_each_pick_states_the_money_it_costs(profile: dict) -> None:
    """The level's money a pick's reason states (in the target markets' prices) plus its extra promotion is the
    pick's monthly cost: a Milan boutique was told 280 EUR (the US price) plus 485 EUR on a 600 EUR budget."""
    plan = cf.recommend(profile, minimum_budget_share=None)
    for pick in plan.picks:
        level = next(r for r in pick.why if r.code == "level")
        stated = float(level.values["money"]) + pick.extra_promotion
        assert stated == pytest.approx(pick.monthly_cost, abs=1.0 + 1e-6 * pick.monthly_cost), (pick.channel, level.text)


@settings(max_examples=80, deadline=None)
@given(profiles(), st.sampled_from(["coverage", "additive"]), st.data())
def test_the_mix_equals_brute_force_over_every_mix_and_its_exact_split(profile: dict, objective: str, data: st.DataObject) -> None:
    """best_mix (one search with exact splits) equals the enumeration of every mix valued by its split, and so
    does a search seeded with any mix (rank_acceptability seeds each sample with the profile's own mix)."""
    from channelfit.oracles import brute_force_mix
    from channelfit.solutions import best_mix

    profile = {**profile, "max_channels": min(profile["max_channels"], 3)}  # the enumeration grows as C(n, k) 3**k
    try:
        problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
    except cf.InfeasibleError:
        return
    expected = brute_force_mix(problem, objective)
    try:
        found = best_mix(problem, objective)  # type: ignore[arg-type]
    except cf.InfeasibleError:
        assert expected is None
        return
    assert expected is not None
    assert found.value == pytest.approx(expected[0], abs=1e-9), (found.solution.picked, expected[1])
    options = found.instance.offered.shape[1]
    start = data.draw(st.lists(st.integers(-1, options - 1), min_size=len(problem.candidates), max_size=len(problem.candidates)).map(tuple), label="start")
    for seed in (start, found.solution.levels):
        seeded = best_mix(problem, objective, start=seed)  # type: ignore[arg-type]
        assert seeded.value == pytest.approx(expected[0], abs=1e-9), (seed, seeded.solution.picked, expected[1])


@pytest.mark.parametrize("objective", ["coverage", "additive"])
def test_a_maintain_level_that_takes_more_money_equals_brute_force(objective: str) -> None:
    """The search and the enumeration agree where the optimum spends above a maintain level (the generated
    profiles reach such mixes only now and then)."""
    from channelfit.oracles import brute_force_mix
    from channelfit.solutions import best_mix

    problem = build_problem(cf.Profile.model_validate(AUCKLAND_PLUMBER), cf.catalog())
    expected = brute_force_mix(problem, objective)
    found = best_mix(problem, objective)  # type: ignore[arg-type]
    assert expected is not None and found.value == pytest.approx(expected[0], abs=1e-9)
    assert found.extra_eur is not None
    assert any(found.extra_eur[i] > 0 and OPTION_LEVEL[o] == LEVELS.index("maintain") for i, o in found.solution.picked)


def test_money_held_back_by_the_accounts_levels_says_how_to_free_it() -> None:
    """A Toronto realtor keeping Instagram and Facebook at maintain left all 1,500 CAD unspent with 'no hours are
    left': the plan names the accounts whose given levels take the hours, and how to let it trade them; with
    may_drop_accounts the plan may lower them, and the sentence is not said."""
    realtor = {
        "name": "realtor",
        "kind": "person",
        "model": "b2c",
        "sector": "real_estate",
        "markets": ["CA"],
        "audience": {"age": [28, 55]},
        "goals": {"lead_generation": 3, "local_visits": 1, "brand_awareness": 1},
        "budget": {"monthly": 1500, "currency": "CAD", "weekly_hours": 8},
        "formats": ["text", "image", "short_video"],
        "premises": True,
        "present_on": {"instagram": "maintain", "facebook": "maintain"},
        "max_channels": 4,
    }
    plan = cf.recommend(realtor, minimum_budget_share=None)
    why = plan.totals.unspent_why
    # the accounts the plan with them free lowers or closes, as accounts_cost names them (a Warsaw clinic was told to
    # free its ZnanyLekarz listing while the hour that plan frees was Facebook's)
    assert why is not None and why.code == "unspent_hours" and why.values["accounts"] == "Instagram" and "may_drop_accounts" in why.text
    assert plan.accounts_cost is not None and plan.accounts_cost.values["accounts"] == why.values["accounts"]
    free = cf.recommend({**realtor, "may_drop_accounts": True}, minimum_budget_share=None).totals.unspent_why
    assert free is None or "accounts" not in free.values
    # one account named is no pronoun's antecedent: "(Instagram: let it lower or close them ...)" read as Instagram
    # lowering something, in all four languages (review 35)
    for language in ("en", "it", "ru", "uk"):
        text = cf.recommend(realtor, language=language, minimum_budget_share=None).totals.unspent_why.text
        assert "(Instagram)" in text and "(Instagram:" not in text, text
    # and the plan "may lower or close any account it keeps", not "them" after one account named (review 36)
    assert "any account it keeps" in why.text, why.text


def test_money_left_where_more_hours_would_trade_a_paid_pick_for_a_better_plan_is_put_down_to_the_hours() -> None:
    """A Jeddah gym at 24,000 SAR and 10 h/week read that 8,802 SAR were left because "every paid pick is near its full
    effect": with 3.5 h/week more the plan drops Google Ads for Snapchat's campaign and is worth more while spending
    less, so the hours are the limit, and the hourly rate is the way to use the money (review 35)."""
    gym = {"name": "Jeddah ladies' gym", "model": "b2c", "sector": "personal_services", "markets": {"SA": 1.0}, "based_in": "SA",
           "audience": {"age": [18, 45], "gender": "female"}, "goals": {"local_visits": 3, "lead_generation": 2, "community": 1},
           "budget": {"monthly": 24000, "currency": "SAR", "weekly_hours": 10}, "formats": ["image", "short_video", "text"], "premises": True,
           "present_on": {"instagram": "maintain", "snapchat": "listen"}, "max_channels": 4}
    plan = cf.recommend(gym, minimum_budget_share=None)
    why = plan.totals.unspent_why
    assert plan.totals.unspent > 0 and why is not None and why.code == "unspent_hours", why
    assert why.values["value"] > why.values["current"] and "Snapchat" in why.values["channels"] and "hourly_rate" in why.text
    # the money is left because no pick takes more, not because of the hours, which limit the plan's value (review 36)
    assert "no channel in the mix takes more money usefully" in why.text and "the hours are the limit" not in why.text, why.text
    more = cf.recommend({**gym, "budget": {**gym["budget"], "weekly_hours": 10 + why.values["more"]}}, minimum_budget_share=None)
    assert more.objective >= plan.objective * 1.02 and "snapchat" in {p.channel for p in more.picks if p.level == "grow"}


def test_kept_accounts_that_take_every_hour_are_named_beside_the_money_left() -> None:
    """A Haifa clinic kept Facebook and WhatsApp at maintain in its 6 hours and read that 7,547 of its 8,000 ILS were
    left "with no hours left", the kept accounts named only in the paragraph below (review 28)."""
    clinic = {
        "name": "Haifa dental clinic",
        "kind": "company",
        "model": "b2c",
        "sector": "health",
        "markets": ["IL"],
        "audience": {"age": [30, 75]},
        "goals": {"local_visits": 3, "lead_generation": 2},
        "budget": {"monthly": 8000, "currency": "ILS", "weekly_hours": 6},
        "formats": ["image", "text", "short_video"],
        "premises": True,
        "present_on": {"facebook": "maintain", "whatsapp": "maintain"},
        "max_channels": 4,
    }
    plan = cf.recommend(clinic)
    why = plan.totals.unspent_why
    assert why is not None and plan.totals.unspent > 0.5 * 8000 and "may_drop_accounts" in why.text
    assert plan.accounts_cost is not None and why.values["accounts"] == plan.accounts_cost.values["accounts"]
    free = cf.recommend({**clinic, "may_drop_accounts": True}).totals.unspent_why
    assert free is None or "accounts" not in free.values


def test_a_few_euros_left_are_not_put_down_to_the_hours() -> None:
    """A Cairo restaurant read that 4.5 h/week more would spend the last 180 of its 15,000 EGP (review 28)."""
    restaurant = {
        "name": "Cairo koshary restaurant",
        "kind": "company",
        "model": "b2c",
        "sector": "food_and_drink",
        "markets": ["EG"],
        "audience": {"age": [18, 55]},
        "goals": {"local_visits": 3, "sales": 2, "brand_awareness": 1},
        "budget": {"monthly": 15000, "currency": "EGP", "weekly_hours": 8},
        "formats": ["image", "short_video"],
        "premises": True,
        "present_on": {"facebook": "maintain", "talabat": "maintain"},
        "max_channels": 4,
    }
    totals = cf.recommend({**restaurant, "exclude": ["elmenus"]}).totals  # as the catalog stood then
    assert 0 < totals.unspent < 0.02 * 15000
    assert totals.unspent_why is not None and totals.unspent_why.code != "unspent_hours"


def test_a_channel_short_of_both_money_and_hours_names_both() -> None:
    """A wedding photographer with no money and 5 h/week read that Google Ads needs hours, "no hours are left", when
    with 0 MXN money is as much the limit: a channel short of both names both."""
    photographer = {
        "name": "Oaxaca wedding photographer",
        "kind": "person",
        "model": "b2c",
        "sector": "events_and_weddings",
        "markets": ["MX"],
        "audience": {"age": [24, 38]},
        "goals": {"lead_generation": 3, "brand_awareness": 1},
        "budget": {"monthly": 0, "currency": "MXN", "weekly_hours": 5},
        "formats": ["image", "short_video", "text"],
        "max_channels": 3,
    }
    plan = cf.recommend(photographer)
    ads = next(r for r in plan.ranking if r.channel == "google_ads")
    assert not ads.picked and {"money", "hours", "money_left", "left"} <= set(ads.why_not.values), ads.why_not
    assert ads.why_not.values["money_left"] == 0 and "h/week" in ads.why_not.text and "MXN/month" in ads.why_not.text
    _check_why_not(photographer)


ALMATY_DENTAL = {
    "name": "Almaty dental clinic",
    "model": "b2c",
    "sector": "health",
    "markets": ["KZ"],
    "audience": {"age": [20, 60]},
    "goals": {"local_visits": 3, "customer_service": 2, "brand_awareness": 1},
    "budget": {"monthly": 350000, "currency": "KZT", "weekly_hours": 6},
    "formats": ["text", "image", "short_video"],
    "premises": True,
    "max_channels": 4,
}


@settings(max_examples=40, deadline=None)
@given(profiles(with_include=False))
@example(ALMATY_DENTAL)  # "more promotion on Yandex Maps would leave 2GIS adding under 3 %": most of the money held back
@example(ISTANBUL_FASHION)
def test_every_pick_earns_its_place_at_its_levels_minimum_spend(profile: dict) -> None:
    """The 3 % floor reads every pick at its level's minimum spend: each pick that is not included or kept adds
    3 % of the mix's value there, and no promotion the budget buys beyond it is held back for the floor."""
    from channelfit.planner import _values_so_far
    from channelfit.problem import MIN_PICK_SHARE, Choice
    from channelfit.solutions import main_mix
    from channelfit.vocabulary import LEVELS

    plan = cf.recommend(profile, minimum_budget_share=None)
    if not plan.picks:
        return
    problem = main_mix(build_problem(cf.Profile.model_validate(profile), cf.catalog()), plan.objective_kind).problem  # the plan's: it may keep the accounts
    index = cf.catalog().index["channels"]
    at_minimum = [Choice(index[p.channel], LEVELS.index(p.level), 0.0) for p in plan.picks]
    exempt = {index[c] for c in profile.get("include", ())} | set(problem.kept_accounts)
    total = _values_so_far(problem, plan.objective_kind, at_minimum)[-1]
    for pick in at_minimum:
        if pick.channel in exempt:
            continue
        rest = [other for other in at_minimum if other is not pick]
        adds = total - (_values_so_far(problem, plan.objective_kind, rest)[-1] if rest else 0.0)
        assert adds >= MIN_PICK_SHARE * total - 1e-9, (cf.catalog().channels[pick.channel], adds / total)


MEXICO_CITY_DENTAL = {
    "name": "Mexico City dental clinic",
    "kind": "company",
    "model": "b2c",
    "sector": "health",
    "markets": {"MX": 1},
    "audience": {"age": [20, 65]},
    "goals": {"lead_generation": 3, "local_visits": 2, "customer_service": 1},
    "budget": {"monthly": 9000, "currency": "MXN", "weekly_hours": 6},
    "formats": ["text", "image", "short_video"],
    "premises": True,
    "present_on": {"facebook": "maintain", "whatsapp": "maintain"},
    "max_channels": 4,
}


@settings(max_examples=30, deadline=None)
@given(profiles())
@example(MEXICO_CITY_DENTAL)  # its accounts took all 6 h: 0.45 against 0.80 with them free, and the plan never said so
def test_the_plan_says_what_keeping_the_accounts_costs(profile: dict) -> None:
    """When letting the plan lower or close the accounts it runs (may_drop_accounts) gives a plan worth 5 % more, the
    plan says so with both values and that plan's mix, and names the accounts that plan lowers or closes; else not."""
    from channelfit.solutions import ACCOUNTS_COST_SHARE

    try:
        plan = cf.recommend(profile, minimum_budget_share=None)
        free = cf.recommend({**profile, "may_drop_accounts": True}, minimum_budget_share=None)
    except cf.InfeasibleError:
        return
    from channelfit.vocabulary import LEVELS

    cost = plan.accounts_cost
    kept = bool(profile.get("present_on")) and not profile.get("may_drop_accounts", False)
    freed = {p.name: LEVELS.index(p.level) for p in free.picks}
    lowered = {p.name for p in plan.picks if p.channel in profile.get("present_on", {}) and freed.get(p.name, -1) < LEVELS.index(p.level)}
    if cost is None:
        assert not kept or not lowered or free.objective < plan.objective * (1 + ACCOUNTS_COST_SHARE) + 1e-9
        return
    assert kept and lowered and free.objective >= plan.objective * (1 + ACCOUNTS_COST_SHARE) - 1e-9
    assert cost.values["value"] == pytest.approx(round(free.objective, 2)) and cost.values["current"] == pytest.approx(round(plan.objective, 2))
    assert all(p.name in cost.text for p in free.picks), cost.text
    assert all(name in cost.values["accounts"] for name in lowered), (cost.text, lowered)


def test_a_clinic_is_told_what_its_two_accounts_cost() -> None:
    cost = cf.recommend(MEXICO_CITY_DENTAL).accounts_cost
    assert cost is not None and cost.values["pct"] >= 30 and "WhatsApp" in cost.values["accounts"], cost


_BRAND = {
    "name": "skincare brand",
    "kind": "brand",
    "model": "b2c",
    "sector": "beauty",
    "markets": {"SG": 1},
    "audience": {"age": [20, 40], "gender": "female"},
    "goals": {"sales": 3, "brand_awareness": 2},
    "budget": {"monthly": 8000, "currency": "SGD", "weekly_hours": 15},
    "formats": ["image", "short_video"],
    "premises": False,
    "max_channels": 5,
}


def test_promotion_grows_with_the_people_the_ads_run_to() -> None:
    """A brand selling to Singapore, Malaysia and Indonesia had Instagram "near its full effect" at 1,189 SGD a
    month, as a bakery's: the promotion scale of a consumer organisation without premises grows with the square root
    of the people of its target ages online in its markets (up to ten times), of a judged fifth of them for a business
    seller or an audience of professionals; a local business keeps the judged local scale, and the plan states the
    assumption."""
    from channelfit.explain import Explainer
    from channelfit.problem import BUYER_SHARE, LOCAL_AUDIENCE_MILLIONS, MAX_AUDIENCE_SCALE, audience_scale

    cat = cf.catalog()
    ig = cat.index["channels"]["instagram"]

    def problem(**changes: object) -> object:
        return build_problem(cf.Profile.model_validate({**_BRAND, **changes}), cat)

    local = problem(premises=True)
    singapore, region = problem(), problem(markets={"SG": 1, "MY": 1, "ID": 1})
    assert local.audience_millions is None and audience_scale(None) == 1.0
    assert 0 < singapore.audience_millions < region.audience_millions
    both = problem(audience={"age": [20, 40], "gender": "any"})
    np.testing.assert_allclose(both.audience_millions, 2 * singapore.audience_millions)  # women are taken as half the people
    k = cat.index["countries"]["SG"]
    online = (cat.population_bands[k] * cat.internet_bands[k] * singapore.arrays.age_overlap[0]).sum() * cat.people_millions[k] / 2
    np.testing.assert_allclose(singapore.audience_millions, online)
    counter_only = {"premises": True, "goals": {"brand_awareness": 2}}  # a shop in Singapore selling at its counter: its ads stay around it
    for p, at_home in ((singapore, local), (region, problem(markets={"SG": 1, "MY": 1, "ID": 1}, **counter_only))):
        expected = np.clip(np.sqrt(p.audience_millions / LOCAL_AUDIENCE_MILLIONS), 1, MAX_AUDIENCE_SCALE)
        np.testing.assert_allclose(p.spend_scale[ig, GROW], at_home.spend_scale[ig, GROW] * expected)
        # boosting the posts published anyway stays a local business's scale: a South Tyrol hotel put its 3,000 EUR into boosts
        np.testing.assert_allclose(p.spend_scale[ig, MAINTAIN], at_home.spend_scale[ig, MAINTAIN])
        np.testing.assert_array_equal(p.money, at_home.money)  # the minimum useful spend stays a test budget
    buyers = {"model": "b2b"}, {"audience": {"age": [20, 40], "gender": "female", "professionals": True}}
    for changes in buyers:  # a Tel Aviv firm selling to US and European enterprises left 71 % of its budget unspent
        np.testing.assert_allclose(problem(markets={"SG": 1, "MY": 1, "ID": 1}, **changes).audience_millions, region.audience_millions * BUYER_SHARE)
        assert problem(markets={"SG": 1, "MY": 1, "ID": 1}, **counter_only, **changes).audience_millions is None
    explainer = Explainer(cat, "en")
    stated = [r for r in cf.recommend({**_BRAND, "markets": {"US": 1, "GB": 1, "DE": 1}, "model": "b2b"}, minimum_budget_share=None).assumptions if r.code == "audience"]
    assert [r.text for r in stated] == [explainer.text("reasons", "assumed_audience_buyers", **stated[0].values)]
    for language in ("en", "it", "ru", "uk"):
        plan = cf.recommend({**_BRAND, "markets": {"SG": 1, "MY": 1, "ID": 1}}, language=language, minimum_budget_share=None)
        stated = [r for r in plan.assumptions if r.code == "audience"]
        assert len(stated) == 1 and stated[0].values["factor"] == round(audience_scale(region.audience_millions), 1), plan.assumptions
        assert plan.totals.unspent < 1e-6 * plan.monthly_budget  # 8,000 SGD is no longer "near full effect" at 3,500
    assert not [r for r in cf.recommend({**_BRAND, "premises": True}, minimum_budget_share=None).assumptions if r.code == "audience"]


def test_an_organisation_its_customers_travel_to_advertises_where_they_live() -> None:
    """A Nairobi safari operator selling to American, British and German tourists had Google Ads "near its full
    effect" at a local business's scale and 940 USD a month unspent: an organisation with premises whose customers
    travel to it from markets abroad advertises across them; a restaurant selling in its own country keeps the local scale, and
    so does a pub whose main goal is visits from abroad: its tourists choose it once there (a Prague brewpub's boosts
    ran to 81 million people in Germany and Britain)."""
    from channelfit.problem import audience_scale

    cat = cf.catalog()
    safari = {"name": "safari", "model": "b2c", "sector": "travel", "markets": {"US": 0.5, "GB": 0.3, "DE": 0.2}, "based_in": "KE",
              "audience": {"age": [30, 70]}, "goals": {"sales": 3, "lead_generation": 2, "brand_awareness": 1},
              "budget": {"monthly": 2500, "currency": "USD", "weekly_hours": 10}, "formats": ["text", "image", "short_video", "long_video"],
              "premises": True, "present_on": {"tripadvisor": "maintain", "instagram": "maintain", "facebook": None}, "max_channels": 4}
    abroad = build_problem(cf.Profile.model_validate(safari), cat)
    home = build_problem(cf.Profile.model_validate({**safari, "markets": ["KE"], "budget": {**safari["budget"], "currency": "KES", "monthly": 300000}}), cat)
    eatery = build_problem(cf.Profile.model_validate({**safari, "sector": "food_and_drink", "markets": ["KE"], "goals": {"sales": 3, "local_visits": 1}}), cat)
    pub = build_problem(cf.Profile.model_validate({**safari, "sector": "food_and_drink", "markets": {"CZ": 0.5, "DE": 0.3, "GB": 0.2}, "based_in": "CZ",
                                                   "goals": {"local_visits": 3, "brand_awareness": 1}}), cat)
    assert audience_scale(abroad.audience_millions) > 1 and home.audience_millions is None and eatery.audience_millions is None and pub.audience_millions is None
    plan = cf.recommend(safari, minimum_budget_share=None)
    assert plan.totals.unspent < 1e-6 * plan.monthly_budget
    assert [r for r in plan.assumptions if r.code == "audience"]


def test_a_place_that_also_ships_abroad_advertises_across_its_markets_but_its_listings_stay_local() -> None:
    """An Etna winery with a cellar door, selling to Italy, Germany and the US, left 1,907 of its 2,500 EUR unspent,
    its Google Ads "near their full effect" at 411 EUR a month, a cellar door's local scale (review 24): an
    organisation with premises and the sales goal sells at a distance (as the policy checklist's goods lines already
    read it), so its ads for markets abroad run across them, while its maps listing's ads stay around the premises;
    without the sales goal, or selling only at home, it keeps the local scale."""
    from channelfit.problem import audience_scale

    cat = cf.catalog()
    winery = {"name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"IT": 0.4, "DE": 0.3, "US": 0.3}, "based_in": "IT",
              "audience": {"age": [28, 65]}, "goals": {"sales": 3, "brand_awareness": 2, "local_visits": 1},
              "budget": {"monthly": 2500, "currency": "EUR", "weekly_hours": 8}, "formats": ["text", "image", "short_video"],
              "premises": True, "present_on": {"instagram": "maintain"}, "max_channels": 4}
    abroad = build_problem(cf.Profile.model_validate(winery), cat)
    cellar_door = build_problem(cf.Profile.model_validate({**winery, "goals": {"brand_awareness": 2, "local_visits": 1}}), cat)
    at_home = build_problem(cf.Profile.model_validate({**winery, "markets": ["IT"]}), cat)
    assert audience_scale(abroad.audience_millions) > 1 and cellar_door.audience_millions is None and at_home.audience_millions is None
    gads, gbp = cat.index["channels"]["google_ads"], cat.index["channels"]["google_business_profile"]
    assert abroad.spend_scale[gads].max() > cellar_door.spend_scale[gads].max() > 0
    np.testing.assert_array_equal(abroad.spend_scale[gbp], cellar_door.spend_scale[gbp])
    plan = cf.recommend(winery, minimum_budget_share=None)
    assert plan.totals.unspent < 1e-6 * plan.monthly_budget, plan.totals.unspent_why
    stated = [r for r in plan.assumptions if r.code == "audience"]
    assert len(stated) == 1 and "sell at a distance" in stated[0].text, plan.assumptions


def test_a_machine_maker_boosts_its_linkedin_posts_and_a_tiktok_shop_promotes_its_videos() -> None:
    """LinkedIn's Page and TikTok's Promote boost posts at maintain with no more hours, as Meta's pages do: a Milan
    machine maker with 8 h/week now boosts its LinkedIn posts beside its Google campaign (before, LinkedIn stayed
    organic and Google took the whole budget), and a reason names each network's own tool in en, it and ru; the
    money is not "above the minimum" of a free level."""
    maker = {
        "name": "Milan machine maker",
        "model": "b2b",
        "sector": "manufacturing",
        "markets": {"IT": 2, "DE": 1},
        "audience": {"age": [30, 60], "professionals": True, "sectors": ["manufacturing"]},
        "goals": {"lead_generation": 3, "partnerships": 1},
        # 6 h/week: with 8 the hours beside Google's campaign took LinkedIn to grow once Kleinanzeigen, which held two of
        # them, no longer fitted a machinery maker (session 18)
        "budget": {"monthly": 1500, "weekly_hours": 6},
        "formats": ["text", "image", "article"],
    }
    shop = {
        "name": "Seoul skincare shop",
        "model": "b2c",
        "sector": "beauty",
        "markets": ["KR"],
        "audience": {"age": [18, 30]},
        "goals": {"sales": 3, "brand_awareness": 2},
        "budget": {"monthly": 600_000, "currency": "KRW", "weekly_hours": 6},
        "formats": ["short_video"],
        "include": ["tiktok"],
        "exclude": ["instagram", "facebook"],
    }
    tools = {"en": ("Boost, on the LinkedIn Page", "Promote, in the TikTok app"), "it": ("dalla Pagina LinkedIn", "app di TikTok"), "ru": ("LinkedIn", "TikTok")}
    for language, (linkedin_tool, tiktok_tool) in tools.items():
        for profile, channel, tool in ((maker, "linkedin", linkedin_tool), (shop, "tiktok", tiktok_tool)):
            plan = cf.recommend(profile, language=language)
            pick = next(p for p in plan.picks if p.channel == channel)
            assert pick.level == "maintain" and pick.extra_promotion > 0, (channel, pick)
            boosted = [r for r in pick.why if r.code == "boosted"]
            assert len(boosted) == 1 and tool in boosted[0].text and "Meta" not in boosted[0].text, boosted
            promotion = next(r for r in pick.why if r.code == "promotion")  # a free level has no minimum to be above
            assert language != "en" or ("above the minimum" not in promotion.text and "the level itself is free" in promotion.text), promotion


def test_money_left_beside_saturated_picks_with_no_hours_says_no_channel_can_join() -> None:
    """A Novosibirsk clinic with 6 h/week, all used, read that "no other channel would earn its place with the money"
    beside 19,748 RUB unspent while Yandex Direct ranked next: with no hours left, the reason is that no channel can
    join, not what one would earn."""
    clinic = {"name": "clinic", "model": "b2c", "sector": "health", "based_in": "RU", "markets": ["RU"], "audience": {"age": [20, 65]},
              "goals": {"local_visits": 3, "brand_awareness": 1, "customer_service": 1}, "budget": {"monthly": 60000, "currency": "RUB", "weekly_hours": 6},
              "formats": ["text", "image", "short_video"], "premises": True,
              "present_on": {"vk": "maintain", "two_gis": "maintain", "yandex_maps": "listen", "telegram": "maintain"}, "max_channels": 5, "may_drop_accounts": True}
    why = cf.recommend({**clinic, "exclude": ["prodoctorov"]}, minimum_budget_share=None).totals.unspent_why  # as the catalog stood then
    # the hours named where more of them make a better plan (VK in place of Odnoklassniki, review 35), else no channel can join
    assert why is not None and (why.code, "value" in why.values) in (("unspent_saturated", False), ("unspent_hours", True)), why
    assert ("no hours left" in why.text or "the hours limit the plan" in why.text) and "earn its place" not in why.text, why.text


def test_a_listing_at_listen_takes_bookings_and_is_tracked_on_them() -> None:
    """A Bari B&B's Booking.com at listen was read as serving customer service alone, measured on reviews read, and
    the plan said keeping it cost a fifth of its value: a live listing sells at listen, is tracked on its bookings
    with no growth target (nobody promotes it), while a page that only listens still serves no sales."""
    bnb = {"name": "bnb", "model": "b2c", "sector": "hospitality", "markets": ["IT"], "audience": {"age": [25, 65]}, "goals": {"sales": 3, "customer_service": 1},
           "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 1.5}, "formats": ["image", "text"], "premises": True,
           "present_on": {"booking_com": "listen", "facebook": "listen"}, "max_channels": 2}
    plan = cf.recommend(bnb, minimum_budget_share=None)
    booking = next(p for p in plan.picks if p.channel == "booking_com")
    assert booking.level == "listen" and "sales" in booking.goals, booking
    assert [(k.kpi, k.target_change) for k in booking.kpis if k.goal == "sales"] == [("bookings", 0.0)], booking.kpis
    for pick in plan.picks:
        if pick.channel == "facebook":
            assert pick.level != "listen" or "sales" not in pick.goals, pick


def test_a_listing_sells_at_listen_only_where_the_sector_looks_for_it() -> None:
    """A Manchester wedding photographer had a Trustpilot page at listen for leads: a listing at listen serves what a
    listing serves only where its channel fits the sector (couples look on the wedding directories, not Trustpilot)."""
    from channelfit.criteria import CRITERIA
    from channelfit.problem import LISTING_SECTOR_FIT, effectiveness
    from channelfit.vocabulary import LISTEN

    cat = cf.catalog()
    photographer = {"name": "photographer", "kind": "person", "model": "b2c", "sector": "events_and_weddings", "markets": ["GB"], "audience": {"age": [24, 40]},
                    "goals": {"lead_generation": 3, "brand_awareness": 1}, "budget": {"monthly": 300, "currency": "GBP", "weekly_hours": 6},
                    "formats": ["image", "text"], "premises": False}
    problem = build_problem(cf.Profile.model_validate(photographer), cat)
    eff = effectiveness(problem)
    sector_fit = problem.scores.criteria[0][:, CRITERIA.index("sector")]
    leads = cat.index["goals"]["lead_generation"]
    trustpilot, hitched = cat.index["channels"]["trustpilot"], cat.index["channels"]["hitched"]
    assert sector_fit[trustpilot] < LISTING_SECTOR_FIT <= sector_fit[hitched]
    assert eff[trustpilot, LISTEN, leads] == 0.0 < eff[hitched, LISTEN, leads]


def test_a_listing_that_does_not_sell_at_listen_states_no_commission_and_no_sales_count() -> None:
    """A Warsaw online pharmacy keeps its Allegro account at listen: Allegro fits health below
    LISTING_SECTOR_FIT, so its listing serves no sales at listen, and the plan read "the channel keeps about 12 % of
    each sale it brings" beside it. The effect, the commission line and the KPIs now read one rule."""
    pharmacy = {"name": "VitaPharm", "kind": "company", "model": "b2c", "sector": "health", "markets": ["PL"], "based_in": "PL", "audience": {"age": [25, 65]},
                "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 20000, "currency": "PLN", "weekly_hours": 10}, "formats": ["text", "image"],
                "premises": False, "present_on": {"facebook": "maintain", "allegro": None}, "max_channels": 5}
    problem = build_problem(cf.Profile.model_validate(pharmacy), cf.catalog())
    allegro_index = problem.cat.index["channels"]["allegro"]
    assert problem.cat.listing[allegro_index] and not problem.selling_listings[allegro_index]
    allegro = next(p for p in cf.recommend(pharmacy).picks if p.channel == "allegro")
    assert allegro.level == "listen" and "sales" not in allegro.goals, allegro
    assert all(r.code != "commission" for r in allegro.why), allegro.why
    assert all(k.goal != "sales" for k in allegro.kpis), allegro.kpis


def test_opening_a_listing_at_listen_takes_its_setup() -> None:
    """A Bangkok restaurant read "setting up takes about 0 hours" for joining LINE MAN Wongnai at listen: a listing
    at listen is live, so opening it takes the setup opening it at maintain takes; a page that only listens does not."""
    from channelfit.vocabulary import LEVELS

    cat = cf.catalog()
    listen, maintain = LEVELS.index("listen"), LEVELS.index("maintain")
    both = cat.level_offered[:, listen] & cat.level_offered[:, maintain]
    listings = np.flatnonzero(cat.listing & both)
    assert len(listings) and (cat.level_setup_hours[listings, listen] >= cat.level_setup_hours[listings, maintain]).all()
    assert cat.level_setup_hours[cat.index["channels"]["lineman_wongnai"], listen] > 0
    pages = np.flatnonzero(~cat.listing & both & (cat.level_setup_hours[:, maintain] > 0))
    assert (cat.level_setup_hours[pages, listen] < cat.level_setup_hours[pages, maintain]).any()


def test_a_plan_without_money_assumes_nothing_about_its_ads() -> None:
    """A Dhaka children's charity with 0 BDT read that its ads would run to about 245 million people: the audience
    the ads run to is stated only where the plan's money buys ads."""
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": {"BD": 0.4, "GB": 0.3, "US": 0.3}, "based_in": "BD",
               "audience": {"age": [25, 65]}, "goals": {"fundraising": 3, "brand_awareness": 2}, "budget": {"monthly": 0, "currency": "BDT", "weekly_hours": 4},
               "formats": ["image", "text"], "premises": False, "present_on": {"facebook": None}, "max_channels": 3}
    poor, boosted, funded = (
        cf.recommend({**charity, "budget": {**charity["budget"], "monthly": money, "weekly_hours": hours}}, minimum_budget_share=None) for money, hours in ((0, 4), (200000, 4), (200000, 10))
    )
    assert poor.totals.monthly_cost == 0 and not [r for r in poor.assumptions if r.code == "audience"], poor.assumptions
    # boosts keep a local business's scale: a Munich brand whose only paid picks were boosts read "up to 4 times" (review 29)
    assert all(p.level == "maintain" for p in boosted.picks if p.monthly_cost > 0) and not [r for r in boosted.assumptions if r.code == "audience"], boosted.assumptions
    assert funded.totals.monthly_cost > 0 and [r for r in funded.assumptions if r.code == "audience"], funded.assumptions


def test_linkedin_keeps_its_price_where_meta_reach_is_cheap() -> None:
    """A Nairobi recruiter's LinkedIn campaign was priced at Meta's Kenyan cost of reach, 55 EUR a month, below
    LinkedIn's own USD 10 daily minimum, and read "near its full effect" with 43 % of the budget unspent (review 28);
    at the US price it crowded out the local job board (review 29)."""
    cat = cf.catalog()
    nairobi = build_problem(cf.Profile.model_validate({**_BRAND, "markets": ["KE"], "budget": {"monthly": 150000, "currency": "KES", "weekly_hours": 10}}), cat)
    linkedin, facebook = cat.index["channels"]["linkedin"], cat.index["channels"]["facebook"]
    from channelfit.problem import AUCTION_MINIMUM_EUR

    kenya, social, professional = cat.index["countries"]["KE"], AD_FAMILIES.index("social"), AD_FAMILIES.index("professional")
    assert cat.cost_index[kenya, professional] == pytest.approx(np.sqrt(cat.cost_index[kenya, social]))  # its prices vary less than Meta's
    assert nairobi.money[linkedin, GROW] >= AUCTION_MINIMUM_EUR["professional"] - 1e-9  # LinkedIn's USD 10 a day
    assert nairobi.money[linkedin, GROW] < cat.level_monthly_cost_eur[linkedin, GROW]  # a recruiter paid US prices, 129,380 of 150,000 KES (review 29)
    assert nairobi.money[facebook, GROW] < 0.5 * cat.level_monthly_cost_eur[facebook, GROW]


def test_a_channel_blocked_in_a_market_scales_its_ads_to_the_others() -> None:
    """Ads run only where the channel runs: review 28 found an Isfahan seller's promotion scaled to the people of Iran,
    where the channels it paid for reach nobody. A brand selling to Russia and Kazakhstan scales its Instagram ads, blocked
    in Russia, to Kazakhstan's people, and VK's to both markets'."""
    from channelfit.problem import audience_scale

    cat = cf.catalog()
    brand = build_problem(cf.Profile.model_validate({**_BRAND, "markets": {"RU": 0.5, "KZ": 0.5}, "budget": {"monthly": 500000, "currency": "KZT", "weekly_hours": 10}}), cat)
    countries = cat.index["channels"], cat.index["countries"]
    instagram, vk = countries[0]["instagram"], countries[0]["vk"]
    ru, kz = countries[1]["RU"], countries[1]["KZ"]
    assert cat.availability[instagram, ru] == AVAILABILITY.index("blocked") and cat.availability[vk, ru] != AVAILABILITY.index("blocked")
    people = audience_people(brand.profile, brand.arrays, cat)
    assert people is not None and people[ru] > people[kz] > 0
    assert brand.audience_factor[instagram] == pytest.approx(audience_scale(people[kz]))
    assert brand.audience_factor[vk] == pytest.approx(audience_scale(people[ru] + people[kz])) and brand.audience_factor[vk] > brand.audience_factor[instagram]
