"""The optimiser: the best channel mix and effort levels under money, hours and count limits.

Two objectives over picks ``S`` (channel ``i`` at level ``l``):

``coverage`` (default)
    ``sum_g w_g * (1 - prod_{(i,l) in S} (1 - e[i, l, g]))``: each goal's coverage saturates,
    so two channels serving the same goal add less than two serving different goals.
    Monotone and submodular.
``additive``
    ``sum_{(i,l) in S} v[i, l]``: a plain sum, the objective a MILP solver can check.

The search is an exact depth-first branch-and-bound over sets.  At each node the
remaining candidates are sorted by their marginal gain given the picks so far; a child
may only add candidates after its own in that order, so every set is visited once.
By submodularity a candidate's gain can only shrink as picks are added, so the node's
gains bound every descendant:

* count bound: the ``slots`` largest gains (prefix sums in sorted order, which also lets the
  sibling loop stop at the first sibling that cannot beat the incumbent);
* knapsack bounds: for money and for hours, a fractional knapsack in which each candidate
  is worth at most its best gain at its best gain-per-unit ratio (a valid bound on the
  LP relaxation of picking at most one level per channel);
* goal bound (coverage only): each goal gains at most what its own ``slots`` best
  candidates would give it, which is tight when candidates overlap on the same goals.

Ties are broken by the candidate order (stable), so results are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Instance", "Solution", "solve"]

_EPS = 1e-12


@dataclass(frozen=True)
class Instance:
    """One optimisation problem; ``n`` channels, ``L`` levels, ``G`` goals.

    Attributes
    ----------
    monthly_cost_eur, weekly_hours
        ``(n, L)`` resource use of each option.
    offered
        ``(n, L)`` which options exist.
    forced
        ``(n,)`` channels that must be picked (at some level).
    monthly_budget_eur, weekly_hours_budget
        Resource limits.
    max_channels
        Count limit.
    value
        ``(n, L)`` option values for the additive objective, or ``None``.
    effectiveness, goal_weights
        ``(n, L, G)`` and ``(G,)`` for the coverage objective (used when ``value`` is ``None``).
    """

    monthly_cost_eur: np.ndarray
    weekly_hours: np.ndarray
    offered: np.ndarray
    forced: np.ndarray
    monthly_budget_eur: float
    weekly_hours_budget: float
    max_channels: int
    value: np.ndarray | None = None
    effectiveness: np.ndarray | None = None
    goal_weights: np.ndarray | None = None


@dataclass(frozen=True)
class Solution:
    """The optimum: ``levels[i]`` is the level index picked for channel ``i`` or -1; ``objective`` its value.

    ``feasible`` is False when no selection satisfies the limits (forced channels do not fit).
    ``nodes`` counts search nodes (for benchmarks).
    """

    levels: tuple[int, ...]
    objective: float
    feasible: bool
    nodes: int


def objective_value(instance: Instance, levels: np.ndarray | tuple[int, ...]) -> float:
    """The objective of a selection (``levels[i]`` = level index or -1)."""
    levels = np.asarray(levels)
    picked = np.flatnonzero(levels >= 0)
    if instance.value is not None:
        return float(instance.value[picked, levels[picked]].sum())
    assert instance.effectiveness is not None and instance.goal_weights is not None
    miss = np.prod(1.0 - instance.effectiveness[picked, levels[picked]], axis=0)
    return float(instance.goal_weights @ (1.0 - miss))


def _knapsack_bound(gain: np.ndarray, cost: np.ndarray, capacity: float) -> float:
    """Fractional knapsack over candidates with value ``gain`` and ratio ``gain / cost``."""
    free = cost <= _EPS
    total = float(gain[free].sum())
    if capacity <= _EPS:
        return total
    paid = ~free & (gain > 0)
    g, c = gain[paid], cost[paid]
    order = np.argsort(-(g / c), kind="stable")
    g, c = g[order], c[order]
    used = np.cumsum(c)
    k = int(np.searchsorted(used, capacity, side="right"))
    total += float(g[:k].sum())
    if k < len(g):
        spent = float(used[k - 1]) if k else 0.0
        total += float(g[k]) * (capacity - spent) / float(c[k])
    return total


class _Reached(Exception):
    """Raised inside the search to stop it once a selection reaches ``at_least``."""


def solve(instance: Instance, at_least: float | None = None) -> Solution:
    """Solve ``instance`` exactly, or decide whether some selection reaches ``at_least``.

    Parameters
    ----------
    instance
        The problem.
    at_least
        If given, answer the decision problem instead: stop at the first selection whose value
        is at least ``at_least``, pruning every branch whose bound stays below it. Much faster
        than optimising when a yes/no is all that is needed (the minimum budget's bisection).

    Returns
    -------
    Solution
        The optimal selection (or, with ``at_least``, the first selection reaching it);
        ``feasible=False`` if no selection satisfies the limits (or reaches ``at_least``).
    """
    money, hours, offered = instance.monthly_cost_eur, instance.weekly_hours, instance.offered
    n, n_levels = money.shape
    additive = instance.value is not None
    if additive:
        value = np.where(offered, instance.value, 0.0)
        weights = np.ones(1)
    else:
        assert instance.effectiveness is not None and instance.goal_weights is not None
        eff = np.where(offered[:, :, None], instance.effectiveness, 0.0)
        weights = np.asarray(instance.goal_weights, dtype=float)
    best_value = -np.inf if at_least is None else at_least - 2 * _EPS
    best_levels: list[int] | None = None
    nodes = 0
    chosen = [-1] * n

    def options(i: int, gain_row: np.ndarray, money_left: float, hours_left: float) -> list[int]:
        ok = [
            lv
            for lv in range(n_levels)
            if offered[i, lv] and money[i, lv] <= money_left + 1e-9 and hours[i, lv] <= hours_left + 1e-9
        ]
        return sorted(ok, key=lambda lv: (-gain_row[lv], money[i, lv], hours[i, lv]))

    def take(i: int, lv: int, current: float, miss: np.ndarray) -> tuple[float, np.ndarray]:
        if additive:
            return current + float(value[i, lv]), miss
        new_miss = miss * (1.0 - eff[i, lv])
        return float(weights @ (1.0 - new_miss)), new_miss

    def record(current: float) -> None:
        nonlocal best_value, best_levels
        if current > best_value + _EPS:
            best_value, best_levels = current, list(chosen)
            if at_least is not None:
                raise _Reached

    # Unoffered options cost infinitely much, so one comparison per resource tells what fits.
    money_or_inf = np.where(offered, money, np.inf)
    hours_or_inf = np.where(offered, hours, np.inf)

    def free(cand: np.ndarray, current: float, miss: np.ndarray, money_left: float, hours_left: float, slots: int) -> None:
        nonlocal nodes
        nodes += 1
        record(current)
        if slots == 0 or len(cand) == 0:
            return
        effs = None if additive else eff[cand]
        gain = value[cand] if additive else effs @ (weights * miss)
        fits = (money_or_inf[cand] <= money_left + 1e-9) & (hours_or_inf[cand] <= hours_left + 1e-9)
        gain = np.where(fits, gain, -1.0)
        best_gain = gain.max(axis=1)
        select = np.flatnonzero(best_gain > _EPS)
        if len(select) == 0:
            return
        select = select[np.argsort(-best_gain[select], kind="stable")]
        cand, gain, best_gain = cand[select], gain[select], best_gain[select]
        if slots == 1:  # the best single addition is exact: no need to branch
            i = int(cand[0])
            lv = options(i, gain[0], money_left, hours_left)[0]
            chosen[i] = lv
            record(take(i, lv, current, miss)[0])
            chosen[i] = -1
            return
        ok = fits[select]
        prefix = np.concatenate(([0.0], np.cumsum(best_gain)))
        # Cheap bounds first (count, per goal); the knapsack bounds only where those do not prune.
        knap = float(prefix[min(slots, len(cand))])
        best_eff = None if effs is None else np.where(ok[:, :, None], effs[select], 0.0).max(axis=1)
        if best_eff is not None:
            knap = min(knap, _goal_bound(best_eff, weights, miss, slots))
        for cost, left in ((hours, hours_left), (money, money_left)):
            if current + knap <= best_value + _EPS:
                return
            use = np.where(ok, cost[cand], 0.0)
            if use.max(axis=1).sum() > left:  # the resource binds: a knapsack bound can prune
                knap = min(knap, _knapsack_bound(best_gain, _ratio_cost(best_gain, gain, use, ok), left))
        if current + knap <= best_value + _EPS:
            return
        m = len(cand)
        for j in range(m):
            count_bound = prefix[min(j + slots, m)] - prefix[j]
            if current + min(count_bound, knap) <= best_value + _EPS:
                break
            # the siblings from j on can only use candidates j.. : their own goal bound is tighter
            if j and best_eff is not None and current + _goal_bound(best_eff[j:], weights, miss, slots) <= best_value + _EPS:
                break
            i = int(cand[j])
            for lv in options(i, gain[j], money_left, hours_left):
                new_value, new_miss = take(i, lv, current, miss)
                chosen[i] = lv
                free(cand[j + 1 :], new_value, new_miss, money_left - money[i, lv], hours_left - hours[i, lv], slots - 1)
                chosen[i] = -1

    forced = [int(i) for i in np.flatnonzero(instance.forced)]
    rest = np.array([i for i in range(n) if not instance.forced[i]], dtype=np.intp)
    slots = instance.max_channels - len(forced)

    def place_forced(k: int, current: float, miss: np.ndarray, money_left: float, hours_left: float) -> None:
        if k == len(forced):
            free(rest, current, miss, money_left, hours_left, slots)
            return
        i = forced[k]
        gain_row = value[i] if additive else eff[i] @ (weights * miss)
        for lv in options(i, gain_row, money_left, hours_left):
            new_value, new_miss = take(i, lv, current, miss)
            chosen[i] = lv
            place_forced(k + 1, new_value, new_miss, money_left - money[i, lv], hours_left - hours[i, lv])
            chosen[i] = -1

    if slots >= 0:
        try:
            place_forced(0, 0.0, np.ones_like(weights), float(instance.monthly_budget_eur), float(instance.weekly_hours_budget))
        except _Reached:
            pass
    if best_levels is None:
        return Solution(levels=(-1,) * n, objective=0.0, feasible=False, nodes=nodes)
    return Solution(levels=tuple(best_levels), objective=max(best_value, 0.0), feasible=True, nodes=nodes)


def _goal_bound(best_eff: np.ndarray, weights: np.ndarray, miss: np.ndarray, slots: int) -> float:
    """Per-goal bound: each goal gains at most what its own ``slots`` best candidates would give it.

    ``best_eff`` is ``(m, G)``, each candidate's best effectiveness per goal over its feasible levels.
    Much tighter than summing gains when candidates serve the same goals.
    """
    k = min(slots, len(best_eff))
    top = -np.partition(-best_eff, k - 1, axis=0)[:k]
    return float(weights @ (miss * (1.0 - np.prod(1.0 - top, axis=0))))


def _ratio_cost(best_gain: np.ndarray, gain: np.ndarray, cost: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Cost at which each candidate's best gain would be bought at its best gain-per-cost ratio.

    A candidate is then worth at most ``min(best_gain, ratio * spent)``; free options give cost 0.
    """
    positive = ok & (gain > 0)
    ratio = np.divide(gain, cost, out=np.where(positive, np.inf, 0.0), where=positive & (cost > 0))
    top = ratio.max(axis=1)
    return np.divide(best_gain, top, out=np.zeros_like(best_gain), where=np.isfinite(top) & (top > 0))
