"""Spend as a decision: the money split among paid picks is optimal for the mix, and money is only spent where it adds value."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import channelfit as cf
from channelfit.problem import SPEND_TIERS, build_problem, spend_curve
from channelfit.solutions import split_spend
from channelfit.strategies import profiles


@st.composite
def fixed_mixes(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, float]:
    m = draw(st.integers(1, 4))
    goals = draw(st.integers(1, 4))
    at_full = draw(hnp.arrays(float, (m, goals), elements=st.floats(0.05, 0.95)))
    scale = draw(hnp.arrays(float, (m,), elements=st.floats(50.0, 2000.0)))
    weights = draw(hnp.arrays(float, (goals,), elements=st.floats(0.05, 1.0)))
    fixed = draw(st.none() | hnp.arrays(float, (goals,), elements=st.floats(0.2, 1.0)))
    budget = draw(st.floats(0.0, 10_000.0))
    return at_full, scale, weights / weights.sum(), fixed, budget


def _value(at_full: np.ndarray, scale: np.ndarray, weights: np.ndarray, fixed: np.ndarray | None, x: np.ndarray) -> float:
    curve = spend_curve(at_full, (x / scale)[:, None])
    if fixed is None:
        return float(curve.sum())
    return float(weights @ (1.0 - fixed * np.prod(1.0 - curve, axis=0)))


@settings(max_examples=40)
@given(fixed_mixes())
def test_the_split_is_within_a_tenth_of_a_percent_of_scipy(mix: tuple) -> None:
    """For a fixed mix the value is concave in the spend: SLSQP from several starts finds the optimum, and ours is within 0.1 %."""
    from scipy.optimize import minimize

    at_full, scale, weights, fixed, budget = mix
    additive = fixed is None
    if additive:
        at_full = at_full[:, :1]
    cap = SPEND_TIERS[-1] * scale
    ours = split_spend(at_full, scale, weights, fixed, budget, SPEND_TIERS[-1])
    assert (ours >= -1e-9).all() and (ours <= cap + 1e-6).all() and ours.sum() <= budget + 1e-6
    best = -np.inf
    for start in (np.zeros_like(scale), np.minimum(cap, budget / len(scale)), cap * min(1.0, budget / cap.sum())):
        result = minimize(
            lambda x: -_value(at_full, scale, weights, fixed, x),
            start,
            bounds=list(zip(np.zeros_like(cap), cap)),
            constraints=[{"type": "ineq", "fun": lambda x: budget - x.sum()}],
            method="SLSQP",
            options={"ftol": 1e-12, "maxiter": 500},
        )
        if result.x.sum() <= budget + 1e-6:
            best = max(best, -result.fun)
    ours_value = _value(at_full, scale, weights, fixed, ours)
    assert ours_value >= best - 1e-3 * abs(best) - 1e-9


@settings(max_examples=30)
@given(profiles(with_include=False))
def test_money_is_spent_only_where_it_adds_value(profile: dict) -> None:
    plan = cf.recommend(profile, minimum_budget_share=None)
    problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
    rate = plan.monthly_budget / plan.monthly_budget_eur if plan.monthly_budget_eur else 1.0
    capped = []
    for pick in plan.picks:
        c = cf.catalog().index["channels"][pick.channel]
        if pick.extra_promotion > 0:
            assert pick.level == "grow" and problem.spend_scale[c] > 0, "only paid grow picks take more money"
            assert pick.extra_promotion / rate <= SPEND_TIERS[-1] * problem.spend_scale[c] * (1 + 1e-6), "never past the cap"
        if pick.level == "grow" and problem.spend_scale[c] > 0:
            capped.append(pick.extra_promotion / rate >= SPEND_TIERS[-1] * problem.spend_scale[c] * (1 - 1e-3))
    assert plan.totals.monthly_cost_eur <= plan.monthly_budget_eur + 1e-6
    why = plan.totals.unspent_why
    if why is not None:
        max_channels = profile.get("max_channels", 3)
        assert all(capped) or why.code == "unspent_floor", "money is left only when every paid pick is near its full effect, or more would push a pick under the floor"
        assert why.code != "unspent_slots_full" or len(plan.picks) == max_channels, "'all slots are used' only when they are"
        assert why.code != "unspent_no_gain" or len(plan.picks) < max_channels
        if "hours" in why.values:
            used = sum(phase.weekly_hours for phase in plan.phases if phase.name == "focus")
            assert 0 <= why.values["hours"] <= plan.weekly_hours_budget - used + 0.01


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
