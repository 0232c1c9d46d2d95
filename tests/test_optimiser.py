"""The optimiser is exact: it equals brute force on small instances and scipy's MILP on additive ones."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channelfit.optimiser import Instance, objective_value, solve
from channelfit.oracles import brute_force, milp_additive, random_additive_instance


@st.composite
def instances(draw: st.DrawFn, max_n: int = 12, max_count: int = 3, additive: bool | None = None) -> Instance:
    n = draw(st.integers(1, max_n))
    n_levels, n_goals = 3, draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    money = rng.choice([0.0, 0.0, 30.0, 100.0, 250.0, 600.0], size=(n, n_levels))
    money.sort(axis=1)
    hours = np.sort(rng.uniform(0.0, 6.0, size=(n, n_levels)).round(1), axis=1)
    offered = rng.random((n, n_levels)) < 0.85
    forced = rng.random(n) < 0.1
    is_additive = draw(st.booleans()) if additive is None else additive
    objective = (
        {"value": rng.random((n, n_levels)) * rng.random((n, 1))}
        if is_additive
        else {"effectiveness": rng.random((n, n_levels, n_goals)) * 0.7, "goal_weights": rng.dirichlet(np.ones(n_goals))}
    )
    return Instance(
        monthly_cost_eur=money,
        weekly_hours=hours,
        offered=offered,
        forced=forced,
        monthly_budget_eur=float(draw(st.sampled_from([0.0, 50.0, 200.0, 700.0, 5000.0]))),
        weekly_hours_budget=float(draw(st.floats(0.0, 20.0))),
        max_channels=draw(st.integers(1, max_count)),
        **objective,
    )


def _check(instance: Instance) -> None:
    expected = brute_force(instance)
    solution = solve(instance)
    if expected is None:
        assert not solution.feasible
        return
    assert solution.feasible
    assert solution.objective == pytest.approx(expected, abs=1e-9)
    assert objective_value(instance, solution.levels) == pytest.approx(solution.objective, abs=1e-12)
    levels = np.array(solution.levels)
    picked = np.flatnonzero(levels >= 0)
    assert len(picked) <= instance.max_channels
    assert instance.offered[picked, levels[picked]].all()
    assert instance.monthly_cost_eur[picked, levels[picked]].sum() <= instance.monthly_budget_eur + 1e-9
    assert instance.weekly_hours[picked, levels[picked]].sum() <= instance.weekly_hours_budget + 1e-9
    assert (levels[instance.forced] >= 0).all()


@given(instances(max_n=12, max_count=3))
def test_equals_brute_force_up_to_12_candidates(instance: Instance) -> None:
    _check(instance)


@given(instances(max_n=6, max_count=6))
def test_equals_brute_force_without_count_limit(instance: Instance) -> None:
    _check(instance)


@settings(max_examples=15)
@given(instances(max_n=300, max_count=12, additive=True))
def test_additive_equals_milp(instance: Instance) -> None:
    expected = milp_additive(instance)
    solution = solve(instance)
    assert solution.feasible == (expected is not None)
    if expected is not None:
        assert solution.objective == pytest.approx(expected, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("n", [20, 60, 300])
def test_additive_equals_milp_at_size(n: int) -> None:
    instance = random_additive_instance(n, seed=n)
    assert solve(instance).objective == pytest.approx(milp_additive(instance), rel=1e-6)


def test_empty_budget_picks_only_free_options() -> None:
    instance = Instance(
        monthly_cost_eur=np.array([[0.0, 100.0, 200.0], [0.0, 0.0, 50.0]]),
        weekly_hours=np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 1.0]]),
        offered=np.ones((2, 3), dtype=bool),
        forced=np.zeros(2, dtype=bool),
        monthly_budget_eur=0.0,
        weekly_hours_budget=0.0,
        max_channels=2,
        value=np.array([[0.1, 0.5, 0.9], [0.2, 0.3, 0.8]]),
    )
    solution = solve(instance)
    assert solution.levels == (0, 1)
    assert solution.objective == pytest.approx(0.4)


@given(instances(max_n=8, max_count=3), st.floats(0.0, 1.5))
def test_decision_mode_answers_whether_the_optimum_reaches_a_value(instance: Instance, share: float) -> None:
    """``solve(at_least=x)`` is feasible exactly when the brute-force optimum is at least ``x``."""
    optimum = brute_force(instance)
    target = share * (optimum if optimum else 0.5)
    decision = solve(instance, at_least=target)
    assert decision.feasible == (optimum is not None and optimum >= target - 1e-12)
    if decision.feasible:
        assert objective_value(instance, decision.levels) >= target - 1e-9
