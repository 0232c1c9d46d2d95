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

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

__all__ = ["MAX_NODES", "STATUS_MESSAGES", "Instance", "Solution", "objective_value", "solve"]

_EPS = 1e-12
_TINY = 1e-9  # EUR or hours: see _knapsacks
#: Default bound on the search's work: nodes visited per solve (each costs tens of microseconds).
MAX_NODES = 200_000


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
    min_share
        Every pick that is not forced must add at least this share of the selection's value: its
        value minus the value without it, over the value (0 disables the rule). A selection that
        breaks the rule cannot be mended by adding picks (a pick's contribution only shrinks as
        others join, and the value only grows), so the search prunes it with all its supersets.
    floor_option
        ``(L,)``: the option whose value (or effectiveness) the ``min_share`` rule reads for each option,
        every pick at ``floor_option[level]``; ``None`` reads each option's own. channelfit reads a level
        at its minimum spend, so that promotion on one pick never pushes another out of the mix.
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
    min_share: float = 0.0
    floor_option: tuple[int, ...] | None = None
    max_nodes: int = MAX_NODES

    def __post_init__(self) -> None:
        shape = np.shape(self.monthly_cost_eur)
        if len(shape) != 2:
            raise ValueError(f"monthly_cost_eur must be (n, L), got shape {shape}")
        for name in ("weekly_hours", "offered", *(("value",) if self.value is not None else ())):
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"{name} must have shape {shape}, got {np.shape(getattr(self, name))}")
        if np.shape(self.forced) != shape[:1]:
            raise ValueError(f"forced must have shape {shape[:1]}, got {np.shape(self.forced)}")
        if self.value is None:
            if self.effectiveness is None or self.goal_weights is None:
                raise ValueError("give value (additive) or effectiveness and goal_weights (coverage)")
            if np.shape(self.effectiveness) != (*shape, len(self.goal_weights)):
                raise ValueError(f"effectiveness must have shape {(*shape, len(self.goal_weights))}, got {np.shape(self.effectiveness)}")
        numbers = [self.monthly_cost_eur, self.weekly_hours, *(a for a in (self.value, self.effectiveness, self.goal_weights) if a is not None)]
        if not all(np.isfinite(a).all() for a in numbers) or not (np.isfinite(self.monthly_budget_eur) and np.isfinite(self.weekly_hours_budget)):
            raise ValueError("costs, values and budgets must be finite")
        if self.max_channels < 0:
            raise ValueError(f"max_channels must be >= 0, got {self.max_channels}")
        if not 0.0 <= self.min_share < 1.0:
            raise ValueError(f"min_share must be in [0, 1), got {self.min_share}")
        if self.floor_option is not None and (len(self.floor_option) != shape[1] or not all(0 <= o < shape[1] for o in self.floor_option)):
            raise ValueError(f"floor_option must give one option in 0..{shape[1] - 1} per option, got {self.floor_option}")


#: ``Solution.status`` codes, as in :class:`scipy.optimize.OptimizeResult`: 0 is success.
STATUS_MESSAGES: tuple[str, ...] = (
    "optimal: no selection within the limits has a higher value",
    "infeasible: the forced channels do not fit the limits",
    "target reached: a selection with at least the target value was found",
    "target not reached: no selection within the limits reaches the target value",
    "node limit: the search stopped at max_nodes before it could prove a selection optimal",
)


@dataclass(frozen=True)
class Solution:
    """The result of :func:`solve`, shaped like :class:`scipy.optimize.OptimizeResult`.

    Attributes
    ----------
    levels
        ``levels[i]`` is the level index picked for channel ``i``, or -1.
    objective
        The selection's value (0 when no selection was found).
    status
        An index into :data:`STATUS_MESSAGES`: 0 optimal, 1 infeasible, 2 target reached,
        3 target not reached.
    nodes
        Search nodes visited.
    """

    levels: tuple[int, ...]
    objective: float
    status: int
    nodes: int

    @property
    def success(self) -> bool:
        """A selection was found: the optimum, or one reaching the target."""
        return self.status in (0, 2)

    @property
    def message(self) -> str:
        return STATUS_MESSAGES[self.status]

    @property
    def picked(self) -> tuple[tuple[int, int], ...]:
        """``(option index, level)`` of each picked option, in index order."""
        return tuple((i, lv) for i, lv in enumerate(self.levels) if lv >= 0)


def objective_value(instance: Instance, levels: np.ndarray | tuple[int, ...]) -> float:
    """The objective of a selection (``levels[i]`` = level index or -1)."""
    levels = np.asarray(levels, dtype=np.intp)
    picked = np.flatnonzero(levels >= 0)
    if instance.value is not None:
        return float(instance.value[picked, levels[picked]].sum())
    assert instance.effectiveness is not None and instance.goal_weights is not None
    miss = np.prod(1.0 - instance.effectiveness[picked, levels[picked]], axis=0)
    return float(instance.goal_weights @ (1.0 - miss))


def fits(instance: Instance, levels: tuple[int, ...]) -> bool:
    """Whether a selection keeps the instance's limits: offered levels, the forced channels in, at most
    ``max_channels``, within the money and the hours (not the ``min_share`` floor)."""
    chosen = np.asarray(levels, dtype=np.intp)
    picked = np.flatnonzero(chosen >= 0)
    at = chosen[picked]
    return bool(
        len(picked) <= instance.max_channels
        and not np.asarray(instance.forced)[chosen < 0].any()
        and instance.offered[picked, at].all()
        and instance.monthly_cost_eur[picked, at].sum() <= instance.monthly_budget_eur + 1e-9
        and instance.weekly_hours[picked, at].sum() <= instance.weekly_hours_budget + 1e-9
    )


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


def solve(
    instance: Instance,
    at_least: float | None = None,
    evaluate: Callable[[tuple[int, ...]], float] | None = None,
    start: tuple[int, ...] | None = None,
) -> Solution:
    """Solve ``instance`` exactly, or decide whether some selection reaches ``at_least``.

    Parameters
    ----------
    instance
        The problem (validated when it was built).
    at_least
        If given, answer the decision problem instead: stop at the first selection whose value
        is at least ``at_least``, pruning every branch whose bound stays below it. Much faster
        than optimising when a yes/no is all that is needed (the minimum budget's search).
    evaluate
        If given, a selection's true value, of which the instance's objective is an upper bound:
        the search prunes on the instance's bounds and keeps the selection whose ``evaluate`` is
        highest, calling it only where the bound exceeds the incumbent (the spend search).
    start
        With ``evaluate``, a selection that fits the instance's limits (see :func:`fits`; a solution of
        a neighbouring instance: other weights, a smaller budget): the search's first incumbent, at its
        ``evaluate`` value. It only prunes sooner; the optimum's value is the same (on a tie the start
        is kept). Ignored when deciding.

    Returns
    -------
    Solution
        Status 0 with the optimal selection, 1 if the forced channels do not fit; with
        ``at_least``, status 2 with the first selection reaching it, or 3 if none does; status 4
        when the search stopped at ``instance.max_nodes`` (never a silent heuristic: the caller
        decides what to do with an unproven selection).
    """
    search = _Search(instance, at_least, evaluate)
    if start is not None and evaluate is not None and at_least is None:
        search.seed(start, evaluate(start))
    search.run()
    if search.nodes > instance.max_nodes:
        levels = tuple(search.best_levels) if search.best_levels is not None else (-1,) * search.n
        return Solution(levels=levels, objective=max(search.best_value, 0.0), status=4, nodes=search.nodes)
    if search.best_levels is None:
        return Solution(levels=(-1,) * search.n, objective=0.0, status=1 if at_least is None else 3, nodes=search.nodes)
    return Solution(levels=tuple(search.best_levels), objective=max(search.best_value, 0.0), status=0 if at_least is None else 2, nodes=search.nodes)


class _Search:
    """The branch-and-bound's state: the incumbent, the current picks, the node count.

    Each node carries the selection's value and misses (``miss``, per goal) and the same for the
    ``min_share`` floor (``floor_value``, ``floor_miss``: the selection read at ``instance.floor_option``;
    the same objects when the floor reads each option's own value).
    """

    def __init__(self, instance: Instance, at_least: float | None, evaluate: Callable[[tuple[int, ...]], float] | None = None) -> None:
        self.instance = instance
        self.evaluate = evaluate
        self.money, self.hours, self.offered = instance.monthly_cost_eur, instance.weekly_hours, instance.offered
        self.n = len(self.money)
        self.additive = instance.value is not None
        at_floor = list(instance.floor_option) if instance.floor_option is not None else None
        self.separate_floor = at_floor is not None
        if instance.value is not None:
            self.value = np.where(self.offered, instance.value, 0.0)
            self.floor_value = self.value if at_floor is None else np.where(self.offered, instance.value[:, at_floor], 0.0)
            self.weights = np.ones(1)
            objective, floor = self.value, self.floor_value
        else:
            assert instance.effectiveness is not None and instance.goal_weights is not None
            weights = np.asarray(instance.goal_weights, dtype=float)
            goals = np.flatnonzero(weights > 0) if (weights > 0).any() else np.arange(len(weights))  # the others add nothing
            effectiveness = instance.effectiveness[:, :, goals]
            self.eff = np.where(self.offered[:, :, None], effectiveness, 0.0)
            self.floor_eff = self.eff if at_floor is None else np.where(self.offered[:, :, None], effectiveness[:, at_floor], 0.0)
            self.weights = weights[goals]
            self.keep = 1.0 - self.eff  # what each option misses of each goal
            self.floor_keep = self.keep if at_floor is None else 1.0 - self.floor_eff
            self.least_keep = self.floor_keep.min(axis=2).tolist()
            self.log_keep = -np.log(np.maximum(self.keep, 1e-15))  # see _tangent_bound; a certain reach reads 1 - 1e-15
            objective, floor = self.eff, self.floor_eff
        # floor >= ratio * objective, option by option: a selection's floor value is then at least ratio times
        # its value (coverage is concave along the ray t * e, and 0 at t = 0), which bounds a descendant's floor.
        positive = objective > _EPS
        self.floor_ratio = 1.0 if at_floor is None or not positive.any() else min(1.0, float((floor[positive] / objective[positive]).min()))
        # The per-option figures read one at a time, as Python lists (a numpy scalar read costs more than the work).
        self.money_of, self.hours_of = self.money.tolist(), self.hours.tolist()
        self.offered_of = [[lv for lv, ok in enumerate(row) if ok] for row in self.offered.tolist()]
        # Unoffered options cost infinitely much, so one comparison per resource tells what fits.
        self.money_or_inf = np.where(self.offered, self.money, np.inf)
        self.hours_or_inf = np.where(self.offered, self.hours, np.inf)
        self.decision = at_least is not None
        self.best_value = -np.inf if at_least is None else at_least - 2 * _EPS
        self.best_levels: list[int] | None = None
        self.nodes = 0
        self.chosen = [-1] * self.n
        self.forced = np.asarray(instance.forced, dtype=bool)
        self.picked: list[int] = []  # the picks that are not forced, in the order they were taken

    @property
    def done(self) -> bool:
        """A decision search stops at the first selection reaching the target; every search stops past its node budget."""
        return (self.decision and self.best_levels is not None) or self.nodes > self.instance.max_nodes

    def seed(self, levels: tuple[int, ...], value: float) -> None:
        """Take ``levels`` as the incumbent at ``value`` (see :func:`solve`'s ``start``)."""
        if value > self.best_value:
            self.best_value, self.best_levels = value, list(levels)

    def run(self) -> None:
        instance = self.instance
        forced = [int(i) for i in np.flatnonzero(instance.forced)]
        rest = np.flatnonzero(~np.asarray(instance.forced, dtype=bool))
        slots = instance.max_channels - len(forced)
        if slots >= 0:
            empty = _Node(0.0, np.ones_like(self.weights), 0.0, np.ones_like(self.weights))
            self.place_forced(forced, rest, slots, empty, float(instance.monthly_budget_eur), float(instance.weekly_hours_budget))

    def gains(self, i: int | np.ndarray, miss: np.ndarray) -> np.ndarray:
        """Marginal gain of each level of ``i`` (or of each row of an index array) given ``miss``."""
        return self.value[i] if self.additive else self.eff[i] @ (self.weights * miss)

    def floor_gains(self, i: np.ndarray, node: _Node, gains: np.ndarray) -> np.ndarray:
        """What each level of the rows ``i`` adds to the floor's value at ``node`` (``gains`` when the floor reads the objective)."""
        if not self.separate_floor:
            return gains
        return self.floor_value[i] if self.additive else self.floor_eff[i] @ (self.weights * node.floor_miss)

    def options(self, i: int, gains: list[float], money_left: float, hours_left: float, floor: float = -np.inf, floor_gains: list[float] | None = None) -> list[int]:
        """The levels of ``i`` that fit and add more than ``floor`` to the floor's value (``floor_gains[level]``, the
        gains when None), best gain (``gains[level]``) first, then cheapest."""
        money, hours = self.money_of[i], self.hours_of[i]
        admit = gains if floor_gains is None else floor_gains
        ok = [lv for lv in self.offered_of[i] if money[lv] <= money_left + 1e-9 and hours[lv] <= hours_left + 1e-9 and admit[lv] > floor]
        return sorted(ok, key=lambda lv: (-gains[lv], money[lv], hours[lv]))

    def take(self, i: int, lv: int, node: _Node) -> _Node:
        if self.additive:
            return _Node(node.value + float(self.value[i, lv]), node.miss, node.floor_value + float(self.floor_value[i, lv]), node.floor_miss)
        miss = node.miss * self.keep[i, lv]
        value = float(self.weights @ (1.0 - miss))
        if not self.separate_floor:
            return _Node(value, miss, value, miss)
        floor_miss = node.floor_miss * self.floor_keep[i, lv]
        return _Node(value, miss, float(self.weights @ (1.0 - floor_miss)), floor_miss)

    def record(self, current: float) -> None:
        if current > self.best_value + _EPS and not self.done:
            value = current if self.evaluate is None else self.evaluate(tuple(self.chosen))
            if value > self.best_value + _EPS:
                self.best_value, self.best_levels = value, list(self.chosen)

    def earns_its_place(self, floor_value: float, least: float = np.inf) -> float | None:
        """A lower bound on the smallest contribution to the floor's value (``floor_value`` for the current picks)
        of a pick that is not forced, or None when one adds less than ``min_share`` of ``floor_value``.

        ``least`` is such a bound known from the parent (see :meth:`child_least`): when it already clears the
        share, the exact contributions are not computed.
        """
        share = self.instance.min_share
        if share <= 0 or not self.picked or least >= share * floor_value - _EPS:
            return least
        picks = np.array(self.picked)
        levels = np.array([self.chosen[i] for i in picks])
        if self.additive:
            contribution = self.floor_value[picks, levels]
        else:
            chosen = [i for i, lv in enumerate(self.chosen) if lv >= 0]
            missed = 1.0 - self.floor_eff[chosen, [self.chosen[i] for i in chosen]]  # (k, G) for every pick, forced ones too
            if missed.min() > 1e-9:  # the others' product is the whole product over one's own miss
                others = np.prod(missed, axis=0)[None, :] / (1.0 - self.floor_eff[picks, levels])
            else:
                others = np.array([np.prod(np.delete(missed, chosen.index(i), axis=0), axis=0) for i in picks])
            contribution = (others * self.floor_eff[picks, levels]) @ self.weights
        smallest = float(contribution.min())
        return smallest if smallest >= share * floor_value - _EPS else None

    def child_least(self, least: float, i: int, lv: int, floor_gain: float) -> float:
        """A lower bound on the smallest contribution after adding ``i`` at ``lv`` (which adds ``floor_gain`` to the
        floor's value): the new pick adds exactly that, and an earlier pick's contribution shrinks at most by the new
        pick's smallest miss over the goals (additive: it does not shrink)."""
        if self.additive or not np.isfinite(least):
            return min(least, floor_gain)
        return min(least * self.least_keep[i][lv], floor_gain)

    def push(self, i: int, lv: int) -> None:
        self.chosen[i] = lv
        self.picked.append(i)

    def pop(self, i: int) -> None:
        self.chosen[i] = -1
        self.picked.pop()

    def place_forced(self, forced: list[int], rest: np.ndarray, slots: int, node: _Node, money_left: float, hours_left: float) -> None:
        if not forced:
            self.branch(rest, node, money_left, hours_left, slots)
            return
        i = forced[0]
        for lv in self.options(i, self.gains(i, node.miss).tolist(), money_left, hours_left):
            if self.done:
                return
            self.chosen[i] = lv
            self.place_forced(forced[1:], rest, slots, self.take(i, lv, node), money_left - self.money_of[i][lv], hours_left - self.hours_of[i][lv])
            self.chosen[i] = -1

    def branch(self, cand: np.ndarray, node: _Node, money_left: float, hours_left: float, slots: int, least: float = np.inf) -> None:
        """Record the current selection, then try adding each remaining candidate (in gain order).

        ``least`` bounds the smallest contribution of the picks that are not forced from below (infinite with none).
        """
        self.nodes += 1
        checked = self.earns_its_place(node.floor_value, least)
        if checked is None:
            return  # no superset can mend it
        least = checked
        current, miss = node.value, node.miss
        self.record(current)
        if slots == 0 or len(cand) == 0 or self.done:
            return
        effs = None if self.additive else self.eff[cand]
        gain = self.value[cand] if effs is None else effs @ (self.weights * miss)
        floor_gain = self.floor_gains(cand, node, gain)
        # A pick of an improving descendant must add min_share of its floor value, which is at least the node's and at
        # least floor_ratio times the incumbent's value, and it adds at most its floor gain here (gains only shrink as
        # picks join): options that add less cannot be in one.
        floor = self.instance.min_share * max(node.floor_value, self.floor_ratio * max(self.best_value, 0.0)) - _EPS
        fits = (self.money_or_inf[cand] <= money_left + 1e-9) & (self.hours_or_inf[cand] <= hours_left + 1e-9) & (floor_gain > floor)
        gain = np.where(fits, gain, -1.0)
        best_gain = gain.max(axis=1)
        select = np.flatnonzero(best_gain > 0.0)
        if len(select) == 0:
            return
        select = select[np.argsort(-best_gain[select], kind="stable")]
        cand, gain, best_gain = cand[select], gain[select], best_gain[select]
        floor_rows = floor_gain[select] if self.separate_floor else None
        if slots == 1:  # the best single addition that earns its place is exact: no need to branch
            for j, (i, most) in enumerate(zip(cand.tolist(), best_gain.tolist())):
                if current + most <= self.best_value + _EPS:
                    return
                for lv in self.options(i, gain[j].tolist(), money_left, hours_left, floor, None if floor_rows is None else floor_rows[j].tolist()):
                    child = self.take(i, lv, node)
                    self.push(i, lv)
                    fine = self.earns_its_place(child.floor_value, self.child_least(least, i, lv, child.floor_value - node.floor_value)) is not None
                    if fine:
                        self.record(child.value)
                    self.pop(i)
                    if fine and self.evaluate is None:  # a bound, not the value: every level must be evaluated
                        break
            return
        ok = fits[select]
        prefix = [0.0, *np.cumsum(best_gain).tolist()]
        # Cheap bounds first (count, per goal); the knapsack bounds only where those do not prune.
        knap = prefix[min(slots, len(cand))]
        best_eff = None if effs is None else np.where(ok[:, :, None], effs[select], 0.0).max(axis=1)
        if best_eff is not None:
            knap = min(knap, _goal_bound(best_eff, self.weights, miss, slots))
        for cost, left in ((self.hours, hours_left), (self.money, money_left)):
            if current + knap <= self.best_value + _EPS:
                return
            use = np.where(ok, cost[cand], 0.0)
            if use.max(axis=1).sum() > left:  # the resource binds: a knapsack bound can prune
                knap = min(knap, _knapsack_bound(best_gain, _ratio_cost(best_gain, gain, use, ok), left))
        # the tangent bound costs about as much as a node: worth it only above subtrees of more than one level
        if effs is not None and slots >= 3 and current + knap > self.best_value + _EPS:
            costs = np.where(ok, np.stack((self.hours[cand], self.money[cand])), 0.0)
            knap = min(knap, _tangent_bound(np.where(ok[:, :, None], self.log_keep[cand], 0.0), costs, np.array([hours_left, money_left]), self.weights, miss, slots))
        if current + knap <= self.best_value + _EPS:
            return
        m = len(cand)
        for j, i in enumerate(cand.tolist()):
            count_bound = prefix[min(j + slots, m)] - prefix[j]
            if self.done or current + min(count_bound, knap) <= self.best_value + _EPS:
                return
            # the siblings from j on can only use candidates j.. : their own goal bound is tighter
            if j and best_eff is not None and current + _goal_bound(best_eff[j:], self.weights, miss, slots) <= self.best_value + _EPS:
                return
            # what the picks after this one can add: the slots - 1 best gains after j (sorted, so a prefix sum)
            after = prefix[min(j + slots, m)] - prefix[j + 1]
            row = gain[j].tolist()
            for lv in self.options(i, row, money_left, hours_left, floor, None if floor_rows is None else floor_rows[j].tolist()):
                if current + row[lv] + after <= self.best_value + _EPS:
                    continue  # neither this pick nor any addition to it can beat the incumbent
                child = self.take(i, lv, node)
                self.push(i, lv)
                self.branch(cand[j + 1 :], child, money_left - self.money_of[i][lv], hours_left - self.hours_of[i][lv], slots - 1, self.child_least(least, i, lv, child.floor_value - node.floor_value))
                self.pop(i)


class _Node(NamedTuple):
    """A selection's value and per-goal misses, and the same read at the floor's options."""

    value: float
    miss: np.ndarray
    floor_value: float
    floor_miss: np.ndarray


def _goal_bound(best_eff: np.ndarray, weights: np.ndarray, miss: np.ndarray, slots: int) -> float:
    """Per-goal bound: each goal gains at most what its own ``slots`` best candidates would give it.

    ``best_eff`` is ``(m, G)``, each candidate's best effectiveness per goal over its feasible levels.
    Much tighter than summing gains when candidates serve the same goals.
    """
    k = min(slots, len(best_eff))
    top = -np.partition(-best_eff, k - 1, axis=0)[:k]
    return float(weights @ (miss * (1.0 - np.prod(1.0 - top, axis=0))))


def _tangent_bound(log_keep: np.ndarray, costs: np.ndarray, capacity: np.ndarray, weights: np.ndarray, miss: np.ndarray, slots: int) -> float:
    """What ``slots`` more picks can add within the resources left, seeing both the resources and that picks serving the
    same goal overlap (:func:`_goal_bound` sees the overlap only, :func:`_knapsack_bound` the resources only).

    A goal's reach over the added picks is ``h(x) = 1 - exp(-x)`` of ``x``, the sum of their ``-log(1 - e)``
    (``log_keep``, ``(m, L, G)``, zero where an option does not fit): additive in ``x``. Per goal, a fractional
    knapsack over each candidate's best ``x`` (bought at its best ``x``-per-cost ratio) bounds ``x`` under each
    resource (``costs``, ``(R, m, L)``, at most ``capacity``, ``(R,)``), as does the sum of the ``slots`` largest:
    ``X``, the least of them. ``h`` is concave, so its tangent at ``X`` lies above it: the gain is at most
    ``sum_g w_g miss_g (h(X_g) + h'(X_g) (x_g - X_g))``, linear in the picks, whose largest value over the picks is
    bounded by the same two knapsacks. The least of that and ``sum_g w_g miss_g h(X_g)`` is returned.
    """
    best = log_keep.max(axis=1)  # (m, G)
    top = min(slots, len(best))
    reach = np.minimum(-np.partition(-best, top - 1, axis=0)[:top].sum(axis=0), _knapsacks(log_keep, best, costs, capacity).min(axis=0))
    kept = np.exp(-reach)
    slope = weights * miss * kept
    value = log_keep @ slope  # (m, L): each option on the tangent
    value_best = value.max(axis=1)
    linear = min(float(-np.partition(-value_best, top - 1)[:top].sum()), float(_knapsacks(value[:, :, None], value_best[:, None], costs, capacity).min()))
    per_goal = weights @ (miss * (1.0 - kept))
    tangent = float(weights @ (miss * (1.0 - kept * (1.0 + reach)))) + linear
    return min(float(per_goal), tangent)


def _knapsacks(value: np.ndarray, best: np.ndarray, costs: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """``(R, G)`` fractional knapsack bounds, per resource ``r`` and column ``g``, of the sum of ``value[:, :, g]`` over
    candidates taking one option each: each candidate's ``best[:, g]`` bought at its best value-per-cost ratio
    (``value`` ``(m, L, G)``, ``best`` its maximum over the options, ``costs`` ``(R, m, L)``)."""
    # Each option costs _TINY more, and the capacity grows by _TINY per candidate: every selection that fitted still
    # fits, so the bound holds, and no ratio divides by zero.
    ratio = (value[None] / (costs + _TINY)[:, :, :, None]).max(axis=2)  # (R, m, G)
    spend = best[None] / np.maximum(ratio, _TINY)
    capacity = capacity + _TINY * len(best)
    order = np.argsort(-ratio, axis=1, kind="stable")
    columns, rows = np.arange(best.shape[1]), np.arange(len(costs))[:, None]
    gained, spent = best[order, columns], spend[rows[:, :, None], order, columns]
    used = np.cumsum(spent, axis=1)
    whole = used <= capacity[:, None, None]
    k = whole.sum(axis=1)  # (R, G); the whole items are a prefix: ``used`` grows down each column
    at = np.minimum(k, len(best) - 1)
    part_spent = spent[rows, at, columns]
    left = capacity[:, None] - used[rows, at, columns] + part_spent  # what the whole items leave
    return (gained * whole).sum(axis=1) + np.where(k < len(best), gained[rows, at, columns] * left / np.maximum(part_spent, 1e-300), 0.0)


def _ratio_cost(best_gain: np.ndarray, gain: np.ndarray, cost: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Cost at which each candidate's best gain would be bought at its best gain-per-cost ratio.

    A candidate is then worth at most ``min(best_gain, ratio * spent)``; free options give cost 0.
    """
    positive = ok & (gain > 0)
    ratio = np.divide(gain, cost, out=np.where(positive, np.inf, 0.0), where=positive & (cost > 0))
    top = ratio.max(axis=1)
    return np.divide(best_gain, top, out=np.zeros_like(best_gain), where=np.isfinite(top) & (top > 0))
