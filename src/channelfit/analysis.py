"""What-if analysis for analysts: how stable is the ranking, and what does more (or less) budget buy?

Three questions a practitioner asks once :func:`channelfit.recommend` has answered:

:func:`rank_acceptability`
    The goal and criterion weights are judgements.  If they were a little different, would the
    same channels come out on top and in the mix?  (SMAA-style rank acceptability.)
:func:`budget_frontier`
    What is the best mix, and its value, over a grid of monthly money and weekly hours?
:func:`minimum_budget`
    What is the smallest share of the budget that still reaches, say, 80 % of the full budget's value?

All three return plain data (a :class:`pandas.DataFrame` or a ``dict``).  pandas is imported only
inside the functions, as elsewhere in the package.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from itertools import product
from typing import TYPE_CHECKING, Any

import numpy as np

from .criteria import CRITERIA, ProfileArrays, rowwise_dot
from .data import Catalog, as_catalog
from .errors import InfeasibleError, ProfileError, finite_number
from .files import read_text
from .problem import Choice, Problem, build_problem, hired_cost, hired_hours, mix_hours, mix_money, ordered_picks
from .profile import MAX_JSON_BYTES, Profile, parse_profile
from .recommender import check_options
from .scorer import LOG_ZERO, Scores, encode, score, weighted_geometric_mean
from .solutions import best_mix, main_mix
from .solutions import minimum_budget as minimum_budget_solution
from .vocabulary import LEVELS, ObjectiveName

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_BUDGET_FACTORS", "budget_frontier", "minimum_budget", "rank_acceptability"]

#: Caps on the work of one call (see SECURITY.md): weight samples, re-optimised samples, frontier points.
MAX_SAMPLES = 100_000
MAX_MIX_SAMPLES = 1_000
MAX_GRID_POINTS = 2_500
#: Multiples of the profile's own budget that :func:`budget_frontier` tries by default.
DEFAULT_BUDGET_FACTORS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)

ProfileLike = Profile | Mapping[str, Any] | str | bytes | os.PathLike[str]


def _parse(profile: ProfileLike, cat: Catalog) -> Profile:
    if isinstance(profile, os.PathLike):
        return parse_profile(read_text(profile, MAX_JSON_BYTES, field="profile"), cat)
    return parse_profile(profile, cat)


def _check_number(name: str, value: Any, low: float, high: float = math.inf, integer: bool = False) -> None:
    number = finite_number(value)
    whole = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if number is None or (integer and not whole) or not low <= number <= high:
        kind = "a whole number" if integer else "a finite number"
        bounds = f"from {low:g}" + (f" to {high:g}" if math.isfinite(high) else "")
        raise ProfileError(f"{name} is not allowed", field=name, value=value, allowed=f"{kind} {bounds}")


def _mix_label(problem: Problem, mix: Sequence[Choice]) -> str:
    """``"channel:level, ..."`` of a mix, best first by fit score (ties by catalog order)."""
    return ", ".join(f"{problem.cat.channels[p.channel]}:{LEVELS[p.level]}" for p in mix)


def _perturb(base: np.ndarray, noise: np.ndarray, spread: float) -> np.ndarray:
    """Rows of ``base * exp(spread * noise)`` renormalised to sum to 1; exactly ``base`` when ``spread == 0``."""
    tiled = np.broadcast_to(base, noise.shape)
    if spread == 0:
        return np.array(tiled)
    sampled = tiled * np.exp(spread * noise)
    total = sampled.sum(axis=1, keepdims=True)
    return np.divide(sampled, total, out=np.array(tiled), where=total > 0)


def rank_acceptability(
    profile: ProfileLike,
    samples: int = 10_000,
    seed: int = 0,
    spread: float = 0.2,
    mix_samples: int = 200,
    objective: ObjectiveName = "coverage",
    positions: int = 10,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """How often each eligible channel takes each rank when the weights are uncertain (SMAA).

    The goal weights and the criterion weights of a profile are judgements ("leads matter three
    times as much as recruiting").  This samples ``samples`` weight vectors around the profile's
    own, scores every channel for all of them (only the goals criterion depends on the weights
    drawn, so this is one goal dot product and one weighted geometric mean per sample, bit for bit
    what :func:`channelfit.scorer.score` gives), and counts how often each channel lands at each
    position of the ranking.  It also re-optimises the mix for the first ``mix_samples`` samples
    and counts how often each channel is in it.

    **The weight distribution.**  Each weight ``w_k`` is multiplied by independent log-normal noise,
    ``w_k * exp(spread * z_k)`` with ``z_k ~ N(0, 1)``, and each vector is renormalised to sum to 1
    (goal and criterion weights separately).  So ``spread`` is the relative uncertainty of every
    weight: with ``spread=0.2`` a weight is typically within a factor ``exp(±0.2)``, about ±20 %.
    Why log-normal rather than a Dirichlet centred on the weights:

    * weights are ratios (the profile normalises them), and multiplicative noise is scale-free: every
      weight gets the same *relative* uncertainty, whereas a Dirichlet's relative spread grows as a
      weight gets smaller;
    * a weight of 0 stays 0: a goal the organisation did not state never gets weight, and a criterion
      switched off stays off, so the set of eligible channels (a zero criterion with positive weight
      makes a channel ineligible) is the same for every sample;
    * ``spread=0`` is an ordinary value, not a limit: the samples are then exactly the profile's
      weights (bit for bit), and the result is the plain ranking (the scorer is batch-invariant:
      a sample scores bit for bit as the profile would alone).

    Parameters
    ----------
    profile
        A :class:`~channelfit.Profile`, a dict, its JSON text, or a path to a JSON file.
    samples
        Number of weight samples (at least 1).
    seed
        Seed of :func:`numpy.random.default_rng`; the result is deterministic for a seed.
    spread
        Standard deviation of the log of the multiplicative noise on each weight (0 = no noise).
    mix_samples
        How many of the samples (the first ones) to re-optimise for the ``in_mix`` column;
        0 skips the optimiser (``in_mix`` is then NaN).  About 1-10 ms per sample.
    objective
        ``"coverage"`` or ``"additive"``, as in :func:`channelfit.recommend`.
    positions
        Number of rank positions reported as their own column; later positions are summed in
        ``rank_other``.

    Returns
    -------
    pandas.DataFrame
        Indexed by channel id (the eligible channels, in the order of the plain ranking, i.e.
        ``recommend(profile).ranking``).  Columns ``rank_1 .. rank_P`` with
        ``P = min(K, positions)`` for ``K`` eligible channels: the share of samples in which the
        channel is at that position (each column sums to 1 over the channels); ``rank_other``
        (only when ``K > positions``): the share at any later position; ``in_mix``: the share of
        the first ``mix_samples`` samples whose optimal mix contains the channel.  Each row's
        rank shares sum to 1.  Positions are ranked by score, ties by catalog order, as in the plan.

    Raises
    ------
    ProfileError
        Bad profile or option.
    InfeasibleError
        The profile's included channels cannot fit its limits (only when ``mix_samples > 0``;
        the weights do not change feasibility).
    """
    import pandas as pd

    check_options(objective)
    _check_number("samples", samples, 1, MAX_SAMPLES, integer=True)
    _check_number("spread", spread, 0.0, 10.0)
    _check_number("mix_samples", mix_samples, 0, MAX_MIX_SAMPLES, integer=True)
    _check_number("positions", positions, 1, 1_000, integer=True)
    _check_number("seed", seed, 0, 2**32 - 1, integer=True)
    cat = as_catalog(catalog)
    parsed = _parse(profile, cat)
    m = min(mix_samples, samples)
    # the plan's problem (it may keep the accounts run, main_mix) and its mix, each sample's first incumbent
    own = main_mix(build_problem(parsed, cat), objective) if m else None
    problem = build_problem(parsed, cat) if own is None else own.problem
    cand = problem.candidates
    k = len(cand)

    rng = np.random.default_rng(seed)
    base = encode([parsed], cat)
    goal_noise = rng.standard_normal((samples, base.goal_weights.shape[1]))
    criteria_noise = rng.standard_normal((samples, len(CRITERIA)))
    goal_weights = _perturb(base.goal_weights[0], goal_noise, spread)
    criteria_weights = _perturb(base.criteria_weights[0], criteria_noise, spread)
    sample_fit = _sample_scores(problem, goal_weights, criteria_weights)  # (samples, k)

    # Plain ranking, exactly as the plan orders it: (-score, catalog index) on the single-profile scores.
    plain_fit = problem.scores.score[0]
    plain = sorted(range(k), key=lambda i: (-plain_fit[cand[i]], int(cand[i])))

    # Per sample, candidates (in catalog order) sorted by descending score; a stable sort keeps catalog order on ties.
    order = np.argsort(-sample_fit, axis=1, kind="stable")  # order[s, r] = candidate at position r
    counts = np.bincount((order * k + np.arange(k)).ravel(), minlength=k * k).reshape(k, k) if k else np.zeros((0, 0))
    shares = counts / samples  # shares[i, r]: share of samples with candidate i at position r

    shown = min(k, positions)
    columns: dict[str, np.ndarray] = {f"rank_{r + 1}": shares[plain, r] for r in range(shown)}
    if k > positions:
        columns["rank_other"] = counts[plain, positions:].sum(axis=1) / samples  # counts, not shares: exact

    if own is not None and k:
        tiled = ProfileArrays(**{f.name: np.repeat(getattr(base, f.name), m, axis=0) for f in fields(ProfileArrays)})
        scores = score(replace(tiled, goal_weights=goal_weights[:m], criteria_weights=criteria_weights[:m]), cat, problem.affinity)
        picked = np.zeros(k)
        start = own.solved.solution.levels
        for s in range(m):
            sample_scores = Scores(**{f.name: getattr(scores, f.name)[s : s + 1] for f in fields(Scores)})
            sample_problem = replace(problem, goal_weights=goal_weights[s], scores=sample_scores)
            solution = best_mix(sample_problem, objective, start=start).solution
            picked += np.asarray(solution.levels) >= 0
        columns["in_mix"] = picked[plain] / m
    else:
        columns["in_mix"] = np.full(k, np.nan)
    index = pd.Index([cat.channels[cand[i]] for i in plain], name="channel")
    frame = pd.DataFrame(columns, index=index)
    frame.attrs.update(name=parsed.name, samples=samples, spread=spread, mix_samples=m, seed=seed, objective=objective)
    return frame


def _sample_scores(problem: Problem, goal_weights: np.ndarray, criteria_weights: np.ndarray) -> np.ndarray:
    """``(S, k)`` each candidate's fit under each sample's goal and criterion weights, bit for bit what
    :func:`~channelfit.scorer.score` gives the profile with those weights.

    Only the goals criterion depends on the goal weights; every other criterion is the profile's own, so
    the samples cost one goal dot product and one weighted geometric mean over the candidates (the terms
    added in :func:`~channelfit.scorer.weighted_geometric_mean`'s order).
    """
    cand = problem.candidates
    goal_index = CRITERIA.index("goals")
    values = [problem.scores.criteria[0][cand, k] for k in range(len(CRITERIA))]
    values[goal_index] = np.clip(rowwise_dot(goal_weights, problem.affinity[cand]), 0.0, 1.0)
    logs = [np.log(v, out=np.full(v.shape, LOG_ZERO), where=v > 0) for v in values]
    return weighted_geometric_mean(logs, criteria_weights)


def _grid(values: Sequence[float] | float | None, own: float, name: str) -> list[float]:
    if values is None:
        return [own * f for f in DEFAULT_BUDGET_FACTORS]
    if isinstance(values, (int, float, np.integer, np.floating)):
        values = [values]
    if len(values) > MAX_GRID_POINTS:
        raise ProfileError(f"{name} grid is too large", field=name, value=f"{len(values)} values", allowed=f"at most {MAX_GRID_POINTS}")
    out = [v.item() if isinstance(v, np.generic) else v for v in values]
    if not out:
        raise ProfileError(f"{name} grid is empty", field=name, value=list(values), allowed="at least one value")
    for v in out:
        _check_number(name, v, 0.0)
    return [float(v) for v in out]


def budget_frontier(
    profile: ProfileLike,
    monthly: Sequence[float] | float | None = None,
    weekly_hours: Sequence[float] | float | None = None,
    objective: ObjectiveName = "coverage",
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """The optimal mix and its value over a grid of monthly money and weekly hours.

    Parameters
    ----------
    profile
        A :class:`~channelfit.Profile`, a dict, its JSON text, or a path to a JSON file.
    monthly
        Monthly budgets in the profile's currency (default: the profile's budget times
        :data:`DEFAULT_BUDGET_FACTORS`, i.e. 0, 0.25, 0.5, 0.75, 1, 1.5, 2 and 3).
    weekly_hours
        Weekly hours budgets (default: the profile's times the same factors).
    objective
        ``"coverage"`` or ``"additive"``.

    Returns
    -------
    pandas.DataFrame
        One row per ``(monthly, weekly_hours)`` pair of the cartesian product (monthly outer,
        hours inner), with columns ``monthly``, ``weekly_hours``, ``objective`` (the optimum;
        NaN when the included channels cannot fit), ``channels`` (``"channel:level"`` of the
        optimal mix joined by ``", "``, best first by fit score; ``""`` for an empty mix,
        ``"infeasible"`` when it cannot fit), ``monthly_cost`` (profile currency) and
        ``weekly_hours_used`` (as checked against the budget: each pick's running hours, or its
        setup-phase hours when more, see :func:`~channelfit.problem.budgeted_hours`).  Each row is what
        :func:`~channelfit.recommend` gives for that budget: accounts kept at the levels the profile gives are
        lowered as far as the budget requires (a Lagos label's frontier said "infeasible" at a budget its plan
        could run). The objective is then monotone non-decreasing in each budget (the optimiser is exact) except
        where lowering the kept accounts frees more than the smaller budget takes away: below the budget at which
        their given levels fit, the plan may be worth more (the plan's ``accounts_cost`` says what keeping them
        costs).  With ``budget.hourly_rate``, each row's mix may hire hours beyond its ``weekly_hours`` from its
        ``monthly``, and two more columns say how many: ``hired_weekly_hours`` and ``hired_monthly_cost`` (profile
        currency, not in ``monthly_cost``).  ``frame.attrs`` holds the
        profile's ``name``, ``currency``, ``monthly_budget``, ``weekly_hours_budget``, ``hourly_rate`` (when given) and ``objective``.
    """
    import pandas as pd

    check_options(objective)
    cat = as_catalog(catalog)
    parsed = _parse(profile, cat)
    months = _grid(monthly, parsed.budget.monthly, "monthly")
    hours = _grid(weekly_hours, parsed.budget.weekly_hours, "weekly_hours")
    if len(months) * len(hours) > MAX_GRID_POINTS:
        raise ProfileError("the budget grid is too large", field="monthly", value=f"{len(months)} x {len(hours)} points", allowed=f"at most {MAX_GRID_POINTS} points")
    problem = build_problem(parsed, cat)
    rate = problem.fx_per_eur
    hiring = () if parsed.budget.hourly_rate is None else ("hired_weekly_hours", "hired_monthly_cost")
    rows = []
    for money, time in product(months, hours):
        try:
            # the accounts are lowered as far as this budget requires, and whether a profile that may close them keeps
            # them is decided on it (main_mix), as recommend() does
            if problem.kept_accounts or (parsed.may_drop_accounts and parsed.present_on):
                chosen = main_mix(build_problem(parsed.model_copy(update={"budget": parsed.budget.model_copy(update={"monthly": money, "weekly_hours": time})}), cat), objective)
            else:  # money / rate is exactly how build_problem converts, so a row equals recommend() on that budget
                chosen = main_mix(problem, objective, monthly_budget_eur=money / rate, weekly_hours=time)
            at, solved = chosen.problem, chosen.solved
        except InfeasibleError:
            rows.append((money, time, math.nan, "infeasible", math.nan, math.nan, *(math.nan,) * len(hiring)))
            continue
        mix = ordered_picks(at, solved.solution.levels, solved.extra_eur)
        hired = (hired_hours(at, mix, time), hired_cost(at, mix, time) * rate)[: len(hiring)]
        rows.append((money, time, solved.value, _mix_label(at, mix), mix_money(at, mix) * rate, mix_hours(at, mix, with_setup=True), *hired))
    frame = pd.DataFrame(rows, columns=["monthly", "weekly_hours", "objective", "channels", "monthly_cost", "weekly_hours_used", *hiring])
    frame.attrs.update(
        name=parsed.name,
        currency=parsed.budget.currency,
        monthly_budget=parsed.budget.monthly,
        weekly_hours_budget=parsed.budget.weekly_hours,
        **({} if parsed.budget.hourly_rate is None else {"hourly_rate": parsed.budget.hourly_rate}),
        objective=objective,
    )
    return frame


def minimum_budget(
    profile: ProfileLike,
    share: float = 0.8,
    objective: ObjectiveName = "coverage",
    tolerance: float = 0.01,
    catalog: Catalog | None = None,
) -> dict[str, Any]:
    """The smallest fraction of the budget at which the plan's own channels still reach ``share`` of its value.

    Both the monthly money and the weekly hours are scaled by the same factor ``t`` in [0, 1] (with
    ``budget.hourly_rate``, the money alone: the hours a smaller budget lacks, it hires), and the
    mix is chosen among the full plan's channels (each at no more than its level there): a mix the plan
    grows into. Its best value is monotone non-decreasing in ``t`` (a larger budget only adds feasible
    mixes and the optimiser is exact), so the smallest such ``t`` on a grid of step ``1 / 2**s``, the
    largest power of two not above ``tolerance``, is what a bisection to ``tolerance`` would return: it
    always reaches the share (see :func:`channelfit.solutions.minimum_budget`, which enumerates the plan's
    own mixes). For a larger ``share`` the factor is never smaller.

    Parameters
    ----------
    profile
        A :class:`~channelfit.Profile`, a dict, its JSON text, or a path to a JSON file.
    share
        Target share of the full budget's optimum, in [0, 1].
    objective
        ``"coverage"`` or ``"additive"``.
    tolerance
        The factor's precision: it is a multiple of the largest ``1 / 2**s`` not above it (0 < tolerance <= 1).

    Returns
    -------
    dict
        ``share``; ``factor`` (``t``); ``monthly`` (profile currency) and ``weekly_hours``, the
        scaled budget; ``objective``, the optimum at that budget; ``full_objective``, the optimum
        at the full budget; ``channels``, the optimal mix at that budget (as in :func:`budget_frontier`).
        ``recommend`` on the profile with the scaled budget gives the same optimum.

    Raises
    ------
    InfeasibleError
        The included channels do not fit even the full budget.
    """
    check_options(objective)
    _check_number("share", share, 0.0, 1.0)
    _check_number("tolerance", tolerance, 1e-9, 1.0)
    cat = as_catalog(catalog)
    parsed = _parse(profile, cat)
    problem = build_problem(parsed, cat)
    budget = parsed.budget
    chosen = main_mix(problem, objective)  # raises the InfeasibleError that names the limit
    problem, full = chosen.problem, chosen.solved
    found = minimum_budget_solution(problem, objective, full, share, tolerance)
    return {
        "share": float(share),
        "factor": found.factor,
        "monthly": found.factor * budget.monthly,
        "weekly_hours": budget.weekly_hours if budget.hourly_rate is not None else found.factor * budget.weekly_hours,
        "objective": found.solved.value,
        "full_objective": full.value,
        "channels": _mix_label(problem, ordered_picks(problem, found.solved.solution.levels, found.solved.extra_eur)),
    }
