"""Reference solvers for checking the optimiser: brute force and ``scipy.optimize.milp``.

Used by the tests and the benchmarks; slow by design.
"""

from __future__ import annotations

import itertools

import numpy as np

from .optimiser import Instance, Solution, objective_value
from .problem import OPTION_LEVEL, Problem, make_instance
from .solutions import Solved, refine_spend

__all__ = ["brute_force", "brute_force_mix", "coverage_value", "milp_additive", "random_additive_instance"]


def _earns_its_place(instance: Instance, levels: np.ndarray) -> bool:
    """Every pick that is not forced adds at least ``min_share`` of the value, each pick read at its
    ``floor_option`` (leave-one-out, by plain loops)."""
    if instance.min_share <= 0:
        return True
    if instance.floor_option is not None:
        levels = np.array([instance.floor_option[lv] if lv >= 0 else -1 for lv in levels])
    total = coverage_value(instance, levels)
    for i in np.flatnonzero(levels >= 0):
        if instance.forced[i]:
            continue
        without = levels.copy()
        without[i] = -1
        if total - coverage_value(instance, without) < instance.min_share * total - 1e-12:
            return False
    return True


def _feasible(instance: Instance, levels: np.ndarray) -> bool:
    picked = np.flatnonzero(levels >= 0)
    if len(picked) > instance.max_channels or instance.forced[levels < 0].any():
        return False
    if not instance.offered[picked, levels[picked]].all():
        return False
    money = instance.monthly_cost_eur[picked, levels[picked]].sum()
    hours = instance.weekly_hours[picked, levels[picked]].sum()
    return bool(money <= instance.monthly_budget_eur + 1e-9 and hours <= instance.weekly_hours_budget + 1e-9) and _earns_its_place(instance, levels)


def coverage_value(instance: Instance, levels: np.ndarray) -> float:
    """The objective of a selection, written independently of the optimiser: a plain loop over picks.

    Coverage: ``sum_g w_g (1 - prod_picks (1 - e[i, l, g]))``; additive: ``sum_picks v[i, l]``.
    """
    picks = [(i, int(lv)) for i, lv in enumerate(levels) if lv >= 0]
    if instance.value is not None:
        return float(sum(instance.value[i, lv] for i, lv in picks))
    assert instance.effectiveness is not None and instance.goal_weights is not None
    total = 0.0
    for g, weight in enumerate(instance.goal_weights):
        missed = 1.0
        for i, lv in picks:
            missed *= 1.0 - instance.effectiveness[i, lv, g]
        total += weight * (1.0 - missed)
    return total


def brute_force(instance: Instance) -> float | None:
    """The best objective over every selection of at most ``max_channels`` options (None if infeasible)."""
    n, n_levels = instance.monthly_cost_eur.shape
    best: float | None = None
    for size in range(min(n, instance.max_channels) + 1):
        for subset in itertools.combinations(range(n), size):
            for combo in itertools.product(range(n_levels), repeat=size):
                levels = np.full(n, -1)
                levels[list(subset)] = combo
                if _feasible(instance, levels):
                    value = coverage_value(instance, levels)
                    best = value if best is None or value > best else best
    return best


def brute_force_mix(problem: Problem, objective: str) -> tuple[float, tuple[int, ...]] | None:
    """The best mix with its money split exactly, over every mix of the problem (None if none fits).

    A mix is each candidate off or at listen, maintain or grow (any spend); every mix whose levels fit the
    limits, with the included channels and kept accounts, is valued by its exact split
    (:func:`~channelfit.solutions.refine_spend`, the floor included), best bound first: a mix's value with
    every paid pick at its cap bounds its split's, so the enumeration stops where the bounds fall below the
    best found. Independent of the search in :func:`~channelfit.solutions.best_mix`; the number of mixes
    grows as ``C(n, k) 3**k``, so it is for small problems.
    """
    instance = make_instance(problem, objective)  # type: ignore[arg-type]
    n = len(instance.forced)
    first = [OPTION_LEVEL.index(level) for level in sorted(set(OPTION_LEVEL))]  # each level at its minimum spend
    last = {o: len(OPTION_LEVEL) - 1 - OPTION_LEVEL[::-1].index(OPTION_LEVEL[o]) for o in first}  # ... and at its last tier
    forced = set(np.flatnonzero(instance.forced).tolist())
    bounded = []
    for size in range(len(forced), min(n, instance.max_channels) + 1):
        for subset in itertools.combinations(range(n), size):
            if not forced <= set(subset):
                continue
            choices = [[o for o in first if instance.offered[i, o]] for i in subset]
            for combo in itertools.product(*choices):
                money = sum(instance.monthly_cost_eur[i, o] for i, o in zip(subset, combo))
                hours = sum(instance.weekly_hours[i, o] for i, o in zip(subset, combo))
                if money > instance.monthly_budget_eur + 1e-9 or hours > instance.weekly_hours_budget + 1e-9:
                    continue
                levels = [-1] * n
                at_cap = [-1] * n
                for i, o in zip(subset, combo):
                    levels[i] = o
                    at_cap[i] = last[o] if instance.offered[i, last[o]] else o
                bounded.append((objective_value(instance, at_cap), tuple(levels)))
    best: tuple[float, tuple[int, ...]] | None = None
    for bound, levels in sorted(bounded, key=lambda pair: -pair[0]):
        if best is not None and bound <= best[0] + 1e-12:
            break
        start = Solution(levels=levels, objective=objective_value(instance, levels), status=0, nodes=0)
        found = refine_spend(problem, Solved(instance, start))
        if found is not None and (best is None or found.value > best[0] + 1e-12):
            best = (found.value, levels)
    return best


def milp_additive(instance: Instance, time_limit: float | None = None) -> float | None:
    """Optimum of an additive instance with ``scipy.optimize.milp`` (None if infeasible)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    assert instance.value is not None, "milp_additive needs an additive instance"
    n, n_levels = instance.monthly_cost_eur.shape
    offered = instance.offered.ravel()
    cost = -np.where(offered, instance.value.ravel(), 0.0)
    one_per_channel = np.kron(np.eye(n), np.ones(n_levels))
    lower = np.where(instance.forced, 1.0, 0.0)
    rows = [
        LinearConstraint(one_per_channel, lower, np.ones(n)),
        LinearConstraint(np.where(offered, instance.monthly_cost_eur.ravel(), 0.0)[None, :], -np.inf, instance.monthly_budget_eur),
        LinearConstraint(np.where(offered, instance.weekly_hours.ravel(), 0.0)[None, :], -np.inf, instance.weekly_hours_budget),
        LinearConstraint(np.ones((1, n * n_levels)), 0, instance.max_channels),
    ]
    options = {"time_limit": time_limit} if time_limit else {}
    result = milp(cost, constraints=rows, integrality=np.ones(n * n_levels), bounds=Bounds(0, offered.astype(float)), options=options)
    if result.x is None:
        return None
    return float(-result.fun)


def random_additive_instance(n: int, seed: int) -> Instance:
    """A reproducible additive instance of ``n`` channels with three levels, for oracle checks and benchmarks."""
    rng = np.random.default_rng(seed)
    return Instance(
        monthly_cost_eur=np.sort(rng.choice([0.0, 50.0, 200.0, 500.0], size=(n, 3)), axis=1),
        weekly_hours=np.sort(rng.uniform(0.5, 6.0, size=(n, 3)), axis=1),
        offered=np.ones((n, 3), dtype=bool),
        forced=np.zeros(n, dtype=bool),
        monthly_budget_eur=800.0,
        weekly_hours_budget=12.0,
        max_channels=5,
        value=rng.random((n, 3)) * rng.random((n, 1)),
    )
