"""The optimiser is exact: it equals brute force on small instances and scipy's MILP on additive ones."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from channelfit.optimiser import Instance, _tangent_bound, objective_value, solve
from channelfit.oracles import brute_force, milp_additive, random_additive_instance


@st.composite
def instances(draw: st.DrawFn, max_n: int = 12, max_count: int = 3, additive: bool | None = None, min_share: bool = True) -> Instance:
    """Instances drawn cell by cell, so hypothesis can shrink a failure to a minimal instance."""
    n = draw(st.integers(1, max_n))
    n_levels, n_goals = 3, draw(st.integers(1, 5))
    money = np.sort(draw(hnp.arrays(float, (n, n_levels), elements=st.sampled_from([0.0, 30.0, 100.0, 250.0, 600.0]))), axis=1)
    hours = np.sort(draw(hnp.arrays(float, (n, n_levels), elements=st.integers(0, 60).map(lambda tenths: tenths / 10))), axis=1)
    offered = draw(hnp.arrays(bool, (n, n_levels), elements=st.sampled_from([True, True, True, True, True, False])))
    forced = draw(hnp.arrays(bool, (n,), elements=st.sampled_from([False] * 9 + [True])))
    is_additive = draw(st.booleans()) if additive is None else additive
    unit = st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)
    if is_additive:
        objective = {"value": draw(hnp.arrays(float, (n, n_levels), elements=unit))}
    else:
        weights = draw(hnp.arrays(float, (n_goals,), elements=st.floats(0.01, 1.0)))
        objective = {"effectiveness": draw(hnp.arrays(float, (n, n_levels, n_goals), elements=st.floats(0.0, 0.7))), "goal_weights": weights / weights.sum()}
    return Instance(
        monthly_cost_eur=money,
        weekly_hours=hours,
        offered=offered,
        forced=forced,
        monthly_budget_eur=float(draw(st.sampled_from([0.0, 50.0, 200.0, 700.0, 5000.0]))),
        weekly_hours_budget=float(draw(st.floats(0.0, 20.0))),
        max_channels=draw(st.integers(1, max_count)),
        min_share=draw(st.sampled_from([0.0, 0.0, 0.03, 0.1, 0.3])) if min_share else 0.0,
        floor_option=draw(st.none() | st.lists(st.integers(0, n_levels - 1), min_size=n_levels, max_size=n_levels).map(tuple)) if min_share else None,
        **objective,
    )


def _check(instance: Instance) -> None:
    expected = brute_force(instance)
    solution = solve(instance)
    if expected is None:
        assert solution.status == 1 and not solution.success
        return
    assert solution.status == 0 and solution.success
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


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_tangent_bound_is_never_below_what_the_picks_can_add(data: st.DataObject) -> None:
    """The search prunes on this bound: it must hold for every selection within the slots and both resources."""
    m, n_levels, n_goals = data.draw(st.integers(1, 5)), 3, data.draw(st.integers(1, 3))
    slots = data.draw(st.integers(1, 4))
    effectiveness = data.draw(hnp.arrays(float, (m, n_levels, n_goals), elements=st.sampled_from([0.0, 0.05, 0.3, 0.7, 0.99, 1.0])))
    ok = data.draw(hnp.arrays(bool, (m, n_levels)))
    costs = np.where(ok, data.draw(hnp.arrays(float, (2, m, n_levels), elements=st.sampled_from([0.0, 0.5, 1.0, 3.0, 10.0]))), 0.0)
    capacity = data.draw(hnp.arrays(float, (2,), elements=st.sampled_from([0.0, 1.0, 4.0, 20.0])))
    weights = data.draw(hnp.arrays(float, (n_goals,), elements=st.floats(0.01, 1.0)))
    miss = data.draw(hnp.arrays(float, (n_goals,), elements=st.floats(0.0, 1.0)))
    best = 0.0
    for choice in itertools.product(range(-1, n_levels), repeat=m):
        picked = [(i, lv) for i, lv in enumerate(choice) if lv >= 0]
        if len(picked) > slots or not all(ok[i, lv] for i, lv in picked):
            continue
        if any(sum(costs[r, i, lv] for i, lv in picked) > capacity[r] for r in range(2)):
            continue
        keep = np.prod([1.0 - effectiveness[i, lv] for i, lv in picked], axis=0) if picked else np.ones(n_goals)
        best = max(best, float(weights @ (miss * (1.0 - keep))))
    log_keep = np.where(ok[:, :, None], -np.log(np.maximum(1.0 - effectiveness, 1e-15)), 0.0)
    assert _tangent_bound(log_keep, costs, capacity, weights, miss, slots) >= best - 1e-12


@settings(max_examples=15)
@given(instances(max_n=300, max_count=12, additive=True, min_share=False))
def test_additive_equals_milp(instance: Instance) -> None:
    expected = milp_additive(instance)
    solution = solve(instance)
    assert solution.success == (expected is not None)
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
    if optimum is not None and abs(optimum - target) < 1e-9:
        return  # within the solver's tolerance either answer is right
    assert decision.success == (optimum is not None and optimum >= target)
    assert decision.status == (2 if decision.success else 3)
    if decision.success:
        assert objective_value(instance, decision.levels) >= target - 1e-9


def test_invalid_instance_is_refused() -> None:
    base = random_additive_instance(3, seed=1)
    with pytest.raises(ValueError, match="weekly_hours"):
        Instance(**{**base.__dict__, "weekly_hours": np.ones((2, 3))})
    with pytest.raises(ValueError, match="finite"):
        Instance(**{**base.__dict__, "monthly_budget_eur": float("nan")})
    with pytest.raises(ValueError, match="value"):
        Instance(**{**base.__dict__, "value": None})


def test_the_search_stops_at_its_node_budget_and_says_so() -> None:
    from dataclasses import replace

    instance = replace(random_additive_instance(300, seed=3), max_nodes=5)  # it needs 16 nodes
    solution = solve(instance)
    assert solution.status == 4 and not solution.success and "node limit" in solution.message
    assert solution.nodes < 16  # stopped before the full search


def test_a_generous_budget_with_twenty_slots_answers() -> None:
    """The README's example with max_channels 20 and an unbounded budget: a plan (bounded work), not a hang."""
    import json
    from pathlib import Path

    import channelfit as cf

    profile = json.loads((Path(__file__).resolve().parents[1] / "examples" / "officine_rossi.json").read_text(encoding="utf-8"))
    plan = cf.recommend({**profile, "max_channels": 20, "budget": {"monthly": 1e9, "weekly_hours": 168}})
    assert plan.picks and plan.totals.monthly_cost_eur <= 1e9
