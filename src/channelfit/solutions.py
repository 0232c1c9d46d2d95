"""Every solve a plan needs, in one place: the main mix, the expand phase and the minimum budget.

The planner receives these solutions and never calls the optimiser itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from .errors import ChannelfitError, InfeasibleError
from .optimiser import Instance, Solution, fits, objective_value, solve
from .problem import (
    AT_MINIMUM_SPEND,
    LEVEL_OPTIONS,
    OPTION_BASE,
    OPTION_LEVEL,
    OPTION_TIER,
    SPEND_TIERS,
    Problem,
    build_problem,
    check_forced_fit,
    hours_budget,
    hours_lacking,
    make_instance,
    mix_money,
    ordered_picks,
    spend_curve,
    spend_floor,
)
from .vocabulary import GROW, ObjectiveName

__all__ = [
    "ACCOUNTS_COST_SHARE",
    "ENUMERATED_MIXES",
    "EXPAND_SLOTS",
    "MINIMUM_BUDGET_SHARE",
    "MINIMUM_BUDGET_TOLERANCE",
    "SPLIT_PRECISION_EUR",
    "FreeAccountsSolution",
    "MainMix",
    "MinimumBudgetSolution",
    "MoreHoursSolution",
    "PlanSolutions",
    "Solved",
    "best_mix",
    "least_promotion",
    "main_mix",
    "minimum_budget",
    "refine_spend",
    "solve_expand",
    "split_spend",
    "solve_plan",
]

#: The levels with spend tiers: the options of each, lowest spend first.
_TIERED = tuple(options for options in LEVEL_OPTIONS if len(options) > 1)
#: The expand phase may add this many channels to the focus mix.
EXPAND_SLOTS = 2
#: Keeping the accounts at the levels given is costed in the plan when letting the plan lower or close them gives
#: a plan worth this much more: a judgement, below which the difference is within the catalog's precision.
ACCOUNTS_COST_SHARE = 0.10
#: The least promotion a minimum budget needs is found to within a cent (plans state money in cents).
SPLIT_PRECISION_EUR = 0.01
#: The minimum viable budget is the smallest budget that reaches this share of the full plan's value.
MINIMUM_BUDGET_SHARE = 0.8
#: The minimum budget's factor is found to within 1/64 of the budget, finer than the catalog's costs deserve.
MINIMUM_BUDGET_TOLERANCE = 1 / 64


@dataclass(frozen=True)
class Solved:
    """An instance, its solution, and the money on promotion above each pick's level (EUR/month per
    candidate; for the main mix the exact split, else the chosen tiers) with the value it gives."""

    instance: Instance
    solution: Solution
    extra_eur: tuple[float, ...] | None = None
    objective: float | None = None

    @property
    def value(self) -> float:
        return self.solution.objective if self.objective is None else self.objective


@dataclass(frozen=True)
class MinimumBudgetSolution:
    """The smallest budget factor ``factor`` (money and hours scaled together; with an hourly rate the money alone) reaching ``share``."""

    share: float
    factor: float
    solved: Solved


@dataclass(frozen=True)
class MoreHoursSolution:
    """The main mix re-solved with ``weekly_hours`` more a week: the hours the plan lacks to take the money left, at a
    pick's grow level or a channel out of the mix (:func:`~channelfit.problem.hours_lacking`). The plan says what those hours would
    buy from this solve, not from the step alone: a Zurich bank read that LinkedIn "could take" 16,183 CHF with
    1.5 h/week more, and with them the plan dropped LinkedIn and spent less."""

    weekly_hours: float
    solved: Solved
    problem: Problem  # the problem solved: with may_drop_accounts, the one main_mix settles on with those hours


@dataclass(frozen=True)
class FreeAccountsSolution:
    """The plan's problem with the accounts it runs free to be lowered or closed (``may_drop_accounts``), and its
    best mix: what keeping them at the levels given costs. A Mexico City dental clinic's Facebook and WhatsApp at
    maintain took all its hours, and the plan never said that its Google listing and Doctoralia were worth 0.80
    against 0.45."""

    problem: Problem
    solved: Solved


@dataclass(frozen=True)
class MainMix:
    """The problem a plan solves and its main mix (:func:`main_mix`); ``declined``: with ``may_drop_accounts``, the
    best mix lowering or closing the accounts run, when the plan keeps them because that mix is worth less than
    :data:`ACCOUNTS_COST_SHARE` more (else None)."""

    problem: Problem
    solved: Solved
    declined: FreeAccountsSolution | None = None


@dataclass(frozen=True)
class PlanSolutions:
    """What the planner needs: the problem it solves and its main mix (:class:`MainMix`), the expand phase's mix,
    the minimum budget (or None), the mix with more hours when the hours keep money unspent (or None), and the mix
    with the accounts free when they are kept at levels that hold hours or money (or None)."""

    objective: ObjectiveName
    main_mix: MainMix
    expand: Solved
    minimum: MinimumBudgetSolution | None
    more_hours: MoreHoursSolution | None = None
    accounts_free: FreeAccountsSolution | None = None

    @property
    def problem(self) -> Problem:
        return self.main_mix.problem

    @property
    def main(self) -> Solved:
        return self.main_mix.solved


def _bounded(solution: Solution, instance: Instance) -> Solution:
    """``solution``, or a :class:`ChannelfitError` when the search hit its node budget."""
    if solution.status == 4:
        raise ChannelfitError(
            f"the search for the best mix stopped after {instance.max_nodes:,} nodes without proving it best",
            field="max_channels",
            value=instance.max_channels,
            allowed="a smaller max_channels, fewer markets or goals, or excluded channels: a narrower problem",
        )
    return solution


def solve_expand(problem: Problem, objective: ObjectiveName, main: Solved) -> Solved:
    """What to add next within the same budget: the main picks kept as they are (already set up, with their
    promotion), :data:`EXPAND_SLOTS` more slots in the money and hours they leave."""
    kept = np.array([i for i, _ in main.solution.picked], dtype=np.intp)
    running = frozenset(problem.candidates[kept].tolist())
    scale = problem.option_scale
    main_extra = np.asarray(main.extra_eur) if main.extra_eur is not None else np.array([OPTION_TIER[o] * scale[i, o] if o >= 0 else 0.0 for i, o in enumerate(main.solution.levels)])
    promotion = float(sum(main_extra[i] - OPTION_TIER[o] * scale[i, o] for i, o in main.solution.picked))  # beyond what the options charge
    # a micro-euro of slack: the split spends the budget to the last bit, and the focus picks must still fit after rounding
    left = problem.monthly_budget_eur - promotion + 1e-6
    instance = make_instance(problem, objective, max_channels=problem.profile.max_channels + EXPAND_SLOTS, running=running, monthly_budget_eur=left)
    forced = np.array(instance.forced)
    forced[kept] = True
    offered = np.array(instance.offered)
    for i, option in main.solution.picked:  # the focus picks run on as they are
        offered[i] = False
        offered[i, option] = True
    closed = problem.arrays.present[0][problem.candidates] & ~forced  # accounts the plan closes do not come back
    offered[closed] = False
    expanded = replace(instance, forced=forced, offered=offered)
    solution = _bounded(solve(expanded), expanded)
    focus = set(kept.tolist())
    extra = [main_extra[i] if i in focus else (OPTION_TIER[o] * scale[i, o] if o >= 0 else 0.0) for i, o in enumerate(solution.levels)]
    return Solved(expanded, solution, extra_eur=tuple(extra))


def refine_spend(problem: Problem, solved: Solved, at_least: float = -np.inf) -> Solved | None:
    """Split the money left after every pick's level among the paid picks exactly (for the fixed mix).

    The value is concave in the extra spend of a fixed mix, so the split is the one where every paid
    pick below its cap gains the same per euro (coordinate ascent inside a bisection on that gain).
    The whole budget is split, up to the caps: the :data:`~channelfit.problem.MIN_PICK_SHARE` floor
    reads every pick at its level's minimum spend (the instance's ``floor_option``), so promotion on
    one pick never pushes another out of the mix and money is never held back to keep one in it (an
    Istanbul shop doubling its budget left 57 % of it unspent to keep YouTube above the floor).
    ``None`` when the mix breaks the floor, or when its split stays below ``at_least`` (a decision
    needs no more).
    """
    instance, solution = solved.instance, solved.solution
    if not _earns_its_place(solved):
        return None
    picked = solution.picked
    option_scale = problem.option_scale
    paid = [i for i, o in picked if option_scale[i, o] > 0]
    extra = np.array([OPTION_TIER[o] * option_scale[i, o] if o >= 0 else 0.0 for i, o in enumerate(solution.levels)])
    tiers = replace(solved, extra_eur=tuple(extra.tolist()), objective=solution.objective)
    if not paid:
        return tiers
    scale = option_scale[paid, [solution.levels[i] for i in paid]]
    budget = _promotion_budget(problem, solved)
    paid_levels = [OPTION_LEVEL[solution.levels[i]] for i in paid]
    at_full = _at_full(problem, instance, list(zip(paid, paid_levels)))
    floor = spend_floor(problem, "additive" if instance.value is not None else "coverage")[paid_levels]  # (m, G)
    if instance.value is not None:
        weights, fixed = np.ones(1), None
        base = float(sum(instance.value[i, o] for i, o in picked if i not in paid))
    else:
        assert instance.effectiveness is not None and instance.goal_weights is not None
        weights = np.asarray(instance.goal_weights)
        fixed = np.prod([1.0 - instance.effectiveness[i, o] for i, o in picked if i not in paid], axis=0) if len(paid) < len(picked) else np.ones_like(weights)
        base = 0.0
    x = split_spend(at_full, scale, weights, fixed, budget, SPEND_TIERS[-1], floor)
    value = _split_value(at_full, scale, weights, fixed, x, floor) + base
    if max(value, solution.objective) < at_least:
        return None
    if value < solution.objective - 1e-12:  # the split is found to 1e-10 of the budget: the tiers may edge it out
        return tiers
    trial = extra.copy()
    trial[paid] = x
    return replace(solved, extra_eur=tuple(trial.tolist()), objective=value)


def _among(instance: Instance, only: Mapping[int, int] | None) -> Instance:
    """``instance`` with only the candidates of ``only`` offered, each at no more than its level (all when None)."""
    if only is None:
        return instance
    highest = np.full(len(instance.offered), -1)
    highest[list(only)] = list(only.values())
    return replace(instance, offered=np.asarray(instance.offered) & (np.array(OPTION_LEVEL)[None, :] <= highest[:, None]))


def _upper_bound(instance: Instance) -> Instance:
    """``instance`` with each spend tier's option at the money of the tier below: its optimum bounds every split."""
    money = np.array(instance.monthly_cost_eur)
    offered = np.array(instance.offered)
    hours = np.array(instance.weekly_hours)  # with an hourly rate, the tiers' hours count their money
    for first, *above in _TIERED:
        money[:, above] = instance.monthly_cost_eur[:, [first, *above[:-1]]]
        hours[:, above] = instance.weekly_hours[:, [first, *above[:-1]]]
        offered[:, first] &= ~offered[:, above[0]]  # the first tier above costs the same and is worth more: same mix
    return replace(instance, monthly_cost_eur=money, weekly_hours=hours, offered=offered)


def best_mix(
    problem: Problem, objective: ObjectiveName, only: Mapping[int, int] | None = None, start: tuple[int, ...] | None = None, **limits: float | int
) -> Solved:
    """The best mix with the money split exactly, over any spend up to three scales per paid pick (when ``only``
    is given, among its candidate indices, each at no more than the level it maps to). ``start``, a mix of a
    neighbouring problem (other weights, a smaller budget), seeds the search when it fits these limits: the
    same optimum, found sooner.

    The search runs on an instance whose spend tier ``k`` costs what tier ``k - 1`` costs: a pick spending
    between two tiers is worth at most the upper one for at least the lower one's money, so a mix's value
    there bounds every split of it from above. The search prunes on that bound and evaluates each mix it
    cannot rule out by its exact split (:func:`refine_spend`, once per mix). The value is thus monotone in
    the money and the hours: more of either never lowers it. The 3 % floor reads every pick at its level's
    minimum spend (the instance's ``floor_option``), the same in the search and in the split: whether a mix
    earns its places does not depend on the money, so the money never changes which mixes may be chosen.

    Raises
    ------
    InfeasibleError
        The included channels do not fit the limits; names the limit.
    """
    instance = _among(make_instance(problem, objective, **limits), only)  # type: ignore[arg-type]
    check_forced_fit(problem, instance)
    return _best_split(problem, _Splits(problem, instance), start)


def _best_split(problem: Problem, splits: _Splits, start: tuple[int, ...] | None = None) -> Solved:
    """:func:`best_mix` on the instance of ``splits``, whose exact splits known already (a decision's) are reused."""
    instance = splits.instance
    seed = None if start is None else splits.key(start)
    solution = _bounded(solve(_upper_bound(instance), evaluate=splits.value, start=seed if seed and fits(instance, seed) else None), instance)
    best = splits.known.get(splits.key(solution.levels))
    if best is None:  # pragma: no cover - check_forced_fit catches every case the solver can meet
        raise InfeasibleError("the included channels do not fit the limits", field="include", value=list(problem.profile.include))
    return best


class _Splits:
    """The exact money split of each mix of ``instance`` (a level at any of its spend tiers: one mix), computed once."""

    def __init__(self, problem: Problem, instance: Instance) -> None:
        self.problem, self.instance = problem, instance
        self.known: dict[tuple[int, ...], Solved | None] = {}

    @staticmethod
    def key(levels: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(OPTION_BASE[o] if o >= 0 else o for o in levels)

    def value(self, levels: tuple[int, ...]) -> float:
        """The mix's value with its money split exactly, or -inf when a pick adds under the floor."""
        key = self.key(levels)
        if key not in self.known:
            self.known[key] = refine_spend(self.problem, self._start(key))
        found = self.known[key]
        return -np.inf if found is None else found.value

    def reaches(self, levels: tuple[int, ...], target: float) -> bool:
        """Whether the mix's exact split reaches ``target`` (a mix under the floor never does)."""
        key = self.key(levels)
        found = self.known[key] if key in self.known else refine_spend(self.problem, self._start(key), at_least=target)
        if found is not None:
            self.known[key] = found  # complete: refine_spend stops early only when it returns None
        return found is not None and found.value >= target

    def _start(self, key: tuple[int, ...]) -> Solved:
        return Solved(self.instance, Solution(levels=key, objective=objective_value(self.instance, key), status=0, nodes=0))


def _at_full(problem: Problem, instance: Instance, picks: list[tuple[int, int]]) -> np.ndarray:
    """``(m, G)`` (or ``(m, 1)`` additive) full effect of each ``(candidate index, level)``, before the spend curve."""
    rows, levels = [i for i, _ in picks], [level for _, level in picks]
    if instance.value is not None:
        cand = problem.candidates[rows]
        return (problem.scores.score[0, cand] * problem.cat.level_effect[cand, levels])[:, None]
    return problem.candidate_effectiveness[rows, levels]


def _split_value(at_full: np.ndarray, scale: np.ndarray, weights: np.ndarray, fixed: np.ndarray | None, x: np.ndarray, floor: np.ndarray | float) -> float:
    """The value of the paid picks at extra spend ``x`` (coverage with the other picks' misses ``fixed``, or additive)."""
    curve = spend_curve(at_full, (x / scale)[:, None], floor)
    if fixed is None:
        return float(curve.sum())
    return float(weights @ (1.0 - fixed * np.prod(1.0 - curve, axis=0)))


def split_spend(
    at_full: np.ndarray, scale: np.ndarray, weights: np.ndarray, fixed: np.ndarray | None, budget: float, cap_scales: float, floor: np.ndarray | float = AT_MINIMUM_SPEND[GROW]
) -> np.ndarray:
    """The optimal extra spend of each paid pick, for a fixed mix.

    Parameters
    ----------
    at_full
        ``(m, G)`` each paid pick's full effectiveness per goal, reached with unlimited promotion
        (``(m, 1)`` values when additive); see :func:`~channelfit.problem.spend_curve`.
    scale
        ``(m,)`` each pick's spend scale in EUR (its curve reaches 63 % of its uplift at one scale).
    weights
        ``(G,)`` goal weights (``[1]`` when additive).
    fixed
        ``(G,)`` the product of the other picks' misses per goal, or ``None`` for the additive objective.
    budget
        Money to split, EUR.
    cap_scales
        No pick takes more than this many scales (its curve is then within 5 % of its ceiling).
    floor
        The share of the full effect reached at the minimum spend, per pick and goal (``(m, G)``), per goal
        (``(G,)``) or for all; 1 where promotion does not lift the goal (see :func:`~channelfit.problem.spend_floor`).

    Returns
    -------
    numpy.ndarray
        ``(m,)`` extra EUR per pick: maximises the value subject to the budget and the caps.
    """
    at_minimum = spend_curve(at_full, 0.0, floor)
    uplift = at_full - at_minimum  # (m, G)
    cap = cap_scales * scale
    gains = uplift @ weights if fixed is not None else uplift.sum(axis=1)
    active = gains > 0
    x = np.zeros(len(scale))
    if cap[active].sum() <= budget:
        return np.where(active, cap, 0.0)  # every pick at its cap: the rest of the money would add too little
    if active.sum() == 1:
        return np.where(active, budget, 0.0)  # the value rises with the spend: all of it, under the cap
    order = np.flatnonzero(active).tolist()
    if fixed is None:
        slope_at_zero = gains / scale  # additive: each pick's gain per euro falls as exp(-x / scale)
    else:  # the coordinate ascent runs on Python floats over the goals that weigh: a few numbers per pick
        goals = np.flatnonzero(weights > 0)
        goal_weights, fixed_misses = weights[goals].tolist(), fixed[goals].tolist()
        floors, lifts = at_minimum[:, goals].tolist(), uplift[:, goals].tolist()
        misses = (1.0 - at_minimum[:, goals]).tolist()  # each pick's miss at its current spend (x = 0)
        scales, caps, spend = scale.tolist(), cap.tolist(), [0.0] * len(scale)

    def sweep(rate: float) -> None:
        if fixed is None:  # independent picks: one pass is exact
            for i in order:
                x[i] = min(cap[i], scale[i] * np.log(slope_at_zero[i] / rate)) if slope_at_zero[i] > rate else 0.0
            return
        total = fixed_misses
        for row in misses:
            total = [t * q for t, q in zip(total, row)]
        for _ in range(100):  # coordinate ascent: each pick's best spend given the others'
            moved = 0.0
            for i in order:
                own = misses[i]
                if min(own) > 1e-12:
                    others = [t / q for t, q in zip(total, own)]
                else:  # a goal this pick alone covers fully: the others' product directly
                    others = fixed_misses
                    for j, row in enumerate(misses):
                        if j != i:
                            others = [o * q for o, q in zip(others, row)]
                slope = sum(w * o * u for w, o, u in zip(goal_weights, others, lifts[i])) / scales[i]
                best = min(caps[i], scales[i] * math.log(slope / rate)) if slope > rate else 0.0
                moved = max(moved, abs(best - spend[i]))
                spend[i] = best
                grown = 1.0 - math.exp(-best / scales[i])
                misses[i] = own = [1.0 - (a + u * grown) for a, u in zip(floors[i], lifts[i])]
                total = [o * q for o, q in zip(others, own)]
            if moved <= 1e-9 * max(scales):
                break
        x[:] = spend

    # The spend falls as the required gain per euro rises: find the rate that spends the budget by regula falsi
    # (Illinois) on its logarithm, bracketed by a rate at which nobody spends and one at which all are at their caps.
    high = math.log(float(gains.max() / scale[active].min()))
    low = high + math.log(1e-12)
    over_low, over_high = float(cap[active].sum()) - budget, -budget  # spend minus budget at each end
    side = 0
    for _ in range(100):
        rate = high - over_high * (high - low) / (over_high - over_low)
        if not low < rate < high:  # the interpolation stalled: bisect
            rate = (low + high) / 2
        sweep(math.exp(rate))
        over = float(x.sum()) - budget
        if -1e-10 * budget <= over <= 0.0:
            return x
        if over > 0:
            low, over_low = rate, over
            over_high, side = (over_high / 2, -1) if side == -1 else (over_high, -1)
        else:
            high, over_high = rate, over
            over_low, side = (over_low / 2, 1) if side == 1 else (over_low, 1)
        if high - low < 1e-12:
            break
    sweep(math.exp(high))
    return x


def _earns_its_place(solved: Solved) -> bool:
    """Whether every pick that is not forced adds :data:`~channelfit.problem.MIN_PICK_SHARE` of the mix's value,
    every pick at its level's minimum spend (the instance's ``floor_option``), as the search reads the floor."""
    instance, picked = solved.instance, solved.solution.picked
    if not picked or instance.min_share <= 0:
        return True
    rows = [i for i, _ in picked]
    options = [o if instance.floor_option is None else instance.floor_option[o] for _, o in picked]
    unforced = ~np.asarray(instance.forced)[rows]
    if instance.value is not None:
        contribution = instance.value[rows, options]
        total = float(contribution.sum())
    else:
        assert instance.effectiveness is not None and instance.goal_weights is not None
        effs = instance.effectiveness[rows, options]  # (k, G)
        weights = np.asarray(instance.goal_weights)
        misses = 1.0 - effs
        if misses.min() > 1e-9:  # the others' product is the whole product over one's own miss
            others = np.prod(misses, axis=0)[None, :] / misses
        else:
            others = np.array([np.prod(np.delete(misses, k, axis=0), axis=0) for k in range(len(picked))])
        total = float(weights @ (1.0 - np.prod(misses, axis=0)))
        contribution = (others * effs) @ weights
    return bool(np.all(contribution[unforced] >= instance.min_share * total - 1e-12))


def minimum_budget(problem: Problem, objective: ObjectiveName, main: Solved, share: float = MINIMUM_BUDGET_SHARE, tolerance: float = MINIMUM_BUDGET_TOLERANCE) -> MinimumBudgetSolution:
    """Smallest factor ``t`` (money and hours scaled together; with an hourly rate the money alone, see :func:`_scaled_hours`) at which a mix of the main mix's own channels, each
    at no more than its level there, reaches ``share`` of the main mix's value: a mix the plan grows into.

    ``t`` is a multiple of the largest power of two ``1 / 2**s`` not above ``tolerance`` (what a bisection to
    ``tolerance`` would find); for a larger ``share`` it is never smaller. The mixes of the plan's own channels
    are few (at most :data:`ENUMERATED_MIXES` for a plan of up to five channels), so they are enumerated: each
    mix fits from the factor at which its levels' money and hours do, and its best split's value
    (:func:`refine_spend`) only grows with the money, so the smallest factor at which it reaches the target is
    found by bisection on that grid, for the mixes whose value with every paid pick at its cap could reach the
    target. Larger plans bisect with decision searches (:func:`best_mix` among those channels is monotone in ``t``).
    The mix returned is the best at the factor.
    """
    target = share * main.value - 1e-12
    own = {i: OPTION_LEVEL[o] for i, o in main.solution.picked}
    full = _among(make_instance(problem, objective), own)  # built once: each step only scales the limits
    steps, width = 0, 1.0
    while width > tolerance:
        steps, width = steps + 1, width / 2
    grid = 2**steps
    scaled = _Scaled(problem, full, grid)
    mixes = _OwnMixes(problem, full, sorted(own), grid)
    if mixes.keys is None:
        smallest = _smallest_by_search(scaled, target)
        if smallest == grid:
            return MinimumBudgetSolution(share, 1.0, main)
        factor = smallest / grid
        limits = {"monthly_budget_eur": factor * problem.monthly_budget_eur, "weekly_hours": _scaled_hours(problem, factor)}
        return MinimumBudgetSolution(share, factor, best_mix(problem, objective, own, **limits))
    smallest = grid
    for k in mixes.order(target):
        first = int(mixes.fits_from[k])
        if first >= smallest:
            break
        if not mixes.paid[k]:  # no money to split: its value is the same at every factor it fits
            if scaled.mix_reaches(mixes.keys[k], first, target):
                smallest = first
            continue
        if not scaled.mix_reaches(mixes.keys[k], smallest - 1, target):
            continue
        low, high = first - 1, smallest - 1  # fails at low (or below its fit), reaches at high
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if scaled.mix_reaches(mixes.keys[k], middle, target) else (middle, high)
        smallest = high
    if smallest == grid:
        return MinimumBudgetSolution(share, 1.0, main)
    best: Solved | None = None
    for k in mixes.best_first(smallest):
        if best is not None and mixes.cap_value[k] <= best.value + 1e-12:
            break
        if scaled.mix_reaches(mixes.keys[k], smallest, -np.inf if best is None else best.value + 1e-12):
            best = scaled.solved(mixes.keys[k], smallest)
    assert best is not None  # the mix that reached the target at this factor is among them
    return MinimumBudgetSolution(share, smallest / grid, best)


def _promotion_budget(problem: Problem, solved: Solved) -> float:
    """The money (EUR/month) ``solved``'s instance leaves for promotion above its picks' levels: the money budget less
    the levels' money, and with an hourly rate less the hours the mix hires as well (the instance's hours budget
    less the levels' hours, each counting its money as hours, is what is left to hire or promote with)."""
    instance = solved.instance
    level_money = _level_money(problem, solved)
    money_left = float(instance.monthly_budget_eur) - level_money
    if problem.hired_hour_eur is None:
        return max(0.0, money_left)
    promotion = float(sum(instance.monthly_cost_eur[i, o] for i, o in solved.solution.picked)) - level_money
    level_hours = float(sum(instance.weekly_hours[i, o] for i, o in solved.solution.picked)) - promotion / problem.hired_hour_eur
    return max(0.0, min(money_left, (float(instance.weekly_hours_budget) - level_hours) * problem.hired_hour_eur))


def _level_money(problem: Problem, solved: Solved) -> float:
    """What the levels of ``solved``'s picks cost (EUR/month), without the promotion their spend tiers add."""
    instance, option_scale = solved.instance, problem.option_scale
    return float(sum(instance.monthly_cost_eur[i, o] - OPTION_TIER[o] * option_scale[i, o] for i, o in solved.solution.picked))


def _at_cap(instance: Instance, row: int, option: int) -> int:
    """The option of ``option``'s level at its last spend tier where ``instance`` offers it (else ``option``): its
    value bounds every split of a mix with ``option`` (-1, off, stays off)."""
    if option < 0:
        return option
    last = LEVEL_OPTIONS[OPTION_LEVEL[option]][-1]
    return last if instance.offered[row, last] else option


def least_promotion(problem: Problem, solved: Solved, target: float) -> Solved:
    """``solved`` (a mix with its exact split) with the least money on promotion at which it still reaches ``target``,
    to within :data:`MINIMUM_BUDGET_TOLERANCE` of its promotion: what a mix's money must buy, not what a budget holds.

    A minimum budget's factor scales money and hours together, so where hours bind, the mix at the factor spent
    every euro the factor allowed: an Auckland plumber's minimum read 600 NZD, 369 of it promotion that "buys the
    reach that share needs", although the campaign's minimum spend alone reached the share. A fixed mix's best
    split only gains with the money, so the least promotion is found by bisection.
    """
    if solved.extra_eur is None or sum(solved.extra_eur) <= SPLIT_PRECISION_EUR:
        return solved
    instance, levels = solved.instance, solved.solution.levels
    level_money = _level_money(problem, solved)
    promotion = float(instance.monthly_budget_eur) - level_money
    start = Solution(levels=levels, objective=objective_value(instance, levels), status=0, nodes=0)

    def reaching(money: float) -> Solved | None:
        trial = refine_spend(problem, Solved(replace(instance, monthly_budget_eur=level_money + money), start), at_least=target)
        return trial if trial is not None and trial.value >= target else None

    unpromoted = reaching(0.0)
    if unpromoted is not None:
        return unpromoted
    best, low, high = solved, 0.0, min(promotion, float(sum(solved.extra_eur)))
    # to within the tolerance of what the mix spends on promotion, not of the budget left at the factor: a Jeddah gym
    # whose budget doubled read twice the minimum for the same mix (review 25)
    precision = max(SPLIT_PRECISION_EUR, MINIMUM_BUDGET_TOLERANCE * high)
    while high - low > precision:
        middle = (low + high) / 2
        trial = reaching(middle)
        if trial is not None:
            best, high = trial, middle
        else:
            low = middle
    return best


#: The minimum budget enumerates the mixes of the plan's own channels up to this many (every plan of up to
#: five channels at four choices each: off, listen, maintain, grow); larger plans bisect with decision searches.
ENUMERATED_MIXES = 4**5


class _Scaled:
    """The minimum budget's instance with its money and hours at ``g / grid`` of the budget, and the split of
    each mix there (computed once per mix and factor)."""

    def __init__(self, problem: Problem, instance: Instance, grid: int) -> None:
        self.problem, self.instance, self.grid = problem, instance, grid
        self.splits: dict[int, _Splits] = {}

    def at(self, g: int) -> _Splits:
        if g not in self.splits:
            t = g / self.grid
            money, hours = t * self.problem.monthly_budget_eur, _scaled_hours(self.problem, t)
            instance = replace(self.instance, monthly_budget_eur=money, weekly_hours_budget=hours_budget(self.problem, money, hours))
            self.splits[g] = _Splits(self.problem, instance)
        return self.splits[g]

    def mix_reaches(self, levels: tuple[int, ...], g: int, target: float) -> bool:
        return self.at(g).reaches(levels, target)

    def solved(self, levels: tuple[int, ...], g: int) -> Solved | None:
        splits = self.at(g)
        splits.value(levels)
        return splits.known[splits.key(levels)]

    def best_reaches(self, g: int, target: float) -> bool:
        """Whether the best mix at ``g / grid`` reaches ``target``: a decision search over the spend tiers (if a
        tier mix reaches it, its best split does), then one over their upper bound, splitting what it cannot rule out."""
        splits = self.at(g)
        if _bounded(solve(splits.instance, at_least=target), splits.instance).success:
            return True
        return _bounded(solve(_upper_bound(splits.instance), at_least=target, evaluate=splits.value), splits.instance).success


def _scaled_hours(problem: Problem, factor: float) -> float:
    """The weekly hours of the minimum budget's search at ``factor`` of the budget: that share of the profile's; with
    an hourly rate all of them, the money alone scaling (the hours a smaller budget lacks, it hires)."""
    hours = problem.profile.budget.weekly_hours
    return hours if problem.hired_hour_eur is not None else factor * hours


def _smallest_by_search(scaled: _Scaled, target: float) -> int:
    """The smallest ``g`` in ``0 .. grid`` at which the best mix reaches ``target``, by bisection (``grid`` when only the full budget does)."""
    if scaled.best_reaches(0, target):
        return 0
    low, high = 0, scaled.grid
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if scaled.best_reaches(middle, target) else (middle, high)
    return high


class _OwnMixes:
    """Every mix of the candidates ``rows`` of ``instance`` (each off, unless forced, or at one of its offered
    levels, grow at any spend), with the smallest ``g`` at which its levels fit ``g / grid`` of the budget and
    its value with every paid pick at its cap (a bound on any split's). ``keys`` is None when there are more
    than :data:`ENUMERATED_MIXES`."""

    def __init__(self, problem: Problem, instance: Instance, rows: list[int], grid: int) -> None:
        choices = [[*(() if instance.forced[r] else (-1,)), *(options[0] for options in LEVEL_OPTIONS if instance.offered[r, options[0]])] for r in rows]
        self.keys: list[tuple[int, ...]] | None = None
        if math.prod(len(c) for c in choices) > ENUMERATED_MIXES:
            return
        n = len(instance.forced)
        scale = problem.option_scale
        money = np.zeros(1)
        hours = np.zeros(1)
        paid = np.zeros(1, dtype=bool)
        at_cap = np.zeros((1, 1)) if instance.goal_weights is None else np.ones((1, len(instance.goal_weights)))  # misses per goal, or values
        for r, options in zip(rows, choices):
            cap = [_at_cap(instance, r, o) for o in options]
            on = np.array([o >= 0 for o in options])
            money = (money[:, None] + np.where(on, instance.monthly_cost_eur[r, options], 0.0)[None, :]).ravel()
            hours = (hours[:, None] + np.where(on, instance.weekly_hours[r, options], 0.0)[None, :]).ravel()
            paid = (paid[:, None] | np.array([o >= 0 and scale[r, o] > 0 for o in options])[None, :]).ravel()
            if instance.value is None:
                assert instance.effectiveness is not None
                miss = np.where(on[:, None], 1.0 - instance.effectiveness[r, cap], 1.0)  # (choices, G)
                at_cap = (at_cap[:, None, :] * miss[None, :, :]).reshape(-1, miss.shape[1])
            else:
                at_cap = (at_cap[:, None, :] + np.where(on, instance.value[r, cap], 0.0)[None, :, None]).reshape(-1, 1)
        if instance.value is None:
            assert instance.goal_weights is not None
            self.cap_value = np.asarray(instance.goal_weights) @ (1.0 - at_cap.T)
        else:
            self.cap_value = at_cap[:, 0]
        self.paid = paid
        # the first g at which the levels fit, compared as the optimiser compares (with its 1e-9 slack)
        # the instance's hours budget at factor t is own_hours + t * budget_hours: t times the profile's hours, or with
        # an hourly rate all of them and t times the hours the money buys (see _scaled_hours)
        budget_money = problem.monthly_budget_eur
        own_hours = _scaled_hours(problem, 0.0)
        budget_hours = hours_budget(problem, budget_money, problem.profile.budget.weekly_hours) - own_hours
        g = np.zeros(len(money), dtype=np.int64)
        for used, budget in ((money, budget_money), (hours - own_hours, budget_hours)):
            if budget > 0:
                g = np.maximum(g, np.ceil(np.maximum(used - 1e-9, 0.0) / budget * grid).astype(np.int64))
            else:
                g = np.where(used <= 1e-9, g, grid + 1)
        for _ in range(2):  # one step up where rounding left a level a hair over
            over = (g <= grid) & ((money > g / grid * budget_money + 1e-9) | (hours > own_hours + g / grid * budget_hours + 1e-9))
            g = g + over
        self.fits_from = g
        self.keys = []
        for combo in np.ndindex(*(len(c) for c in choices)):
            levels = [-1] * n
            for r, options, j in zip(rows, choices, combo):
                levels[r] = options[j]
            self.keys.append(tuple(levels))
        self.grid = grid

    def order(self, target: float) -> list[int]:
        """The mixes that fit within the budget and could reach ``target``, the earliest to fit first."""
        k = np.flatnonzero((self.fits_from <= self.grid) & (self.cap_value >= target))
        return k[np.lexsort((-self.cap_value[k], self.fits_from[k]))].tolist()

    def best_first(self, g: int) -> list[int]:
        """The mixes that fit at ``g``, highest bound first."""
        k = np.flatnonzero(self.fits_from <= g)
        return k[np.argsort(-self.cap_value[k], kind="stable")].tolist()


def main_mix(problem: Problem, objective: ObjectiveName, **limits: float | int) -> MainMix:
    """The problem a plan solves and its best mix (:func:`best_mix`, ``limits`` as there). With ``may_drop_accounts``,
    the accounts run are lowered or closed only where that makes a plan worth at least :data:`ACCOUNTS_COST_SHARE`
    more than keeping them at the levels given (lowered only as far as the budget requires), the same bar at which a
    plan keeping them names their cost: closing an account loses the audience, reviews or sales it holds, which the
    goals' coverage does not count (a Helsinki game studio's Steam page, Discord and X were to close for 5.6 % more,
    a Dubai broker's Bayut and WhatsApp for 2.2 %, review 37)."""
    solved = best_mix(problem, objective, **limits)
    run = [problem.cat.index["channels"][c] for c in problem.profile.present_on]
    if not problem.profile.may_drop_accounts or all(c in problem.kept_accounts for c in run):
        return MainMix(problem, solved)
    kept = build_problem(problem.profile.model_copy(update={"may_drop_accounts": False}), problem.cat, problem.affinity)
    try:
        kept_solved = best_mix(kept, objective, **limits)
    except InfeasibleError:  # the accounts at their lowest levels do not fit: lowering or closing them is the plan
        return MainMix(problem, solved)
    if solved.value >= kept_solved.value * (1 + ACCOUNTS_COST_SHARE):
        return MainMix(problem, solved)
    return MainMix(kept, kept_solved, declined=FreeAccountsSolution(problem, solved))


def solve_plan(problem: Problem, objective: ObjectiveName, minimum_budget_share: float | None) -> PlanSolutions:
    """The main mix (:func:`main_mix`, which may settle on a problem keeping the accounts run), the expand phase and
    (unless ``minimum_budget_share`` is None) the minimum budget."""
    chosen = main_mix(problem, objective)
    more_hours = _more_hours(chosen, objective)
    problem, main = chosen.problem, chosen.solved
    return PlanSolutions(
        objective=objective,
        main_mix=chosen,
        expand=solve_expand(problem, objective, main),
        minimum=None if minimum_budget_share is None else minimum_budget(problem, objective, main, minimum_budget_share),
        more_hours=more_hours,
        # without hours lacking, the plan names the free mix only where it is worth ACCOUNTS_COST_SHARE more; where
        # the profile let the plan lower or close its accounts and that was not worth it, the plan says so instead
        accounts_free=None
        if chosen.declined is not None
        else _accounts_free(problem, objective, None if more_hours is not None else main.value * (1 + ACCOUNTS_COST_SHARE)),
    )


def _accounts_free(problem: Problem, objective: ObjectiveName, at_least: float | None = None) -> FreeAccountsSolution | None:
    """The best mix with the accounts free (``may_drop_accounts``), when the plan keeps accounts; with ``at_least``,
    only when some such mix reaches it. Deciding first is cheaper where none does: its search prunes every branch
    below the target, where the optimum's prunes only below its incumbent (a Jakarta coffee chain's free search took
    7,087 nodes to prove a mix worth 0.1 % more than its plan)."""
    if not problem.kept_accounts or problem.profile.may_drop_accounts:  # a media organisation's own media stay in every plan
        return None
    free = build_problem(problem.profile.model_copy(update={"may_drop_accounts": True}), problem.cat, problem.affinity)
    instance = make_instance(free, objective)
    check_forced_fit(free, instance)
    splits, start = _Splits(free, instance), None
    if at_least is not None:
        found = _bounded(solve(_upper_bound(instance), at_least=at_least, evaluate=splits.value), instance)
        if not found.success:
            return None
        start = found.levels  # a mix reaching the target seeds the optimum's search, its exact splits kept
    return FreeAccountsSolution(free, _best_split(free, splits, start))


def _more_hours(chosen: MainMix, objective: ObjectiveName) -> MoreHoursSolution | None:
    """The main mix re-solved with the hours the plan lacks (:func:`~channelfit.problem.hours_lacking`), when the mix
    leaves money (more than one unit of the profile's currency) that a pick at grow, or a channel out of the mix,
    could take but for the hours; None with an hourly rate, where the plan hires the hours the money can pay for.
    With ``may_drop_accounts``, whether the accounts are kept is decided again with those hours (:func:`main_mix`),
    so the plan says what recommending with them gives."""
    problem, main = chosen.problem, chosen.solved
    if problem.hired_hour_eur is not None:
        return None
    mix = ordered_picks(problem, main.solution.levels, main.extra_eur)
    lacking = hours_lacking(problem, mix)
    if lacking is None or (problem.monthly_budget_eur - mix_money(problem, mix)) * problem.fx_per_eur < 1.0:
        return None
    lacking = math.ceil(lacking * 100 - 1e-9) / 100  # to the hundredth the plan states, upwards: the hours named are the hours solved
    weekly_hours = problem.profile.budget.weekly_hours + lacking
    if chosen.declined is None and not problem.profile.may_drop_accounts:
        return MoreHoursSolution(lacking, best_mix(problem, objective, start=main.solution.levels, weekly_hours=weekly_hours), problem)
    profile = problem.profile.model_copy(update={"may_drop_accounts": True, "budget": problem.profile.budget.model_copy(update={"weekly_hours": weekly_hours})})
    more = main_mix(build_problem(profile, problem.cat, problem.affinity), objective)
    return MoreHoursSolution(lacking, more.solved, more.problem)
