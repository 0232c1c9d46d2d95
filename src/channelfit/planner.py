"""From the optimiser's solution to the plan a practitioner can act on."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .data import LEVELS
from .explain import Explainer, percent
from .optimiser import Instance, Solution, objective_value, solve
from .plan import Excluded, Kpi, MinimumBudget, Phase, PhaseChannel, Pick, Plan, RankedChannel, Reason, Totals
from .profile import CRITERIA
from .recommender import FOCUS_WEEKS, SETUP_WEEKS, Objective, Problem, effectiveness, fmt_money, fmt_score, make_instance, ordered_picks
from .routine import POLICY_CHECKLIST, listening_setup, roles, weekly_routine
from .scorer import EXCLUSIONS, age_overlap

__all__ = ["MINIMUM_BUDGET_SHARE", "build_plan", "minimum_budget"]

#: The minimum viable budget is the smallest budget that reaches this share of the full plan's value.
MINIMUM_BUDGET_SHARE = 0.8
#: The minimum budget's factor is found to within 1/64 of the budget, finer than the catalog's costs deserve.
MINIMUM_BUDGET_TOLERANCE = 1 / 64
#: Channels of the main market that the listening setup always covers, besides the picks.
_MARKET_LEADERS = 2

#: A market gets its own reach reason when it carries at least this share of the market weight.
_MARKET_REASON_WEIGHT = 0.2
#: A goal counts as served by a pick when it brings at least this share of the pick's largest goal contribution.
_SERVED_SHARE = 0.25
_MAX_GOALS_PER_PICK = 3
_LISTEN_WEEKS_MIN = 4


def _served_goals(problem: Problem, eff_row: np.ndarray) -> list[int]:
    contribution = problem.goal_weights * eff_row
    if contribution.max() <= 0:
        return []
    order = np.argsort(-contribution, kind="stable")
    return [int(g) for g in order[:_MAX_GOALS_PER_PICK] if contribution[g] >= _SERVED_SHARE * contribution.max()]


def _pick_reasons(problem: Problem, explainer: Explainer, c: int, level: int, served: list[int], rate: float) -> list[Reason]:
    cat, profile = problem.cat, problem.profile
    reasons: list[Reason] = []
    for country, weight in profile.markets.items():
        if weight >= _MARKET_REASON_WEIGHT or len(profile.markets) == 1:
            k = cat.index["countries"][country]
            row = cat.market_row(cat.channels[c], country)
            reasons.append(explainer.reach(row, country, float(cat.reach[c, k])))
            if cat.availability[c, k] == 1:
                reasons.append(explainer.reason("restricted", country=country))
    if profile.audience.professionals and (cat.channels[c], profile.sector) in cat.sector_reach_rows:
        reasons.append(explainer.sector_reach(cat.channels[c], profile.sector))
    first, last = profile.audience.age
    share = float(age_overlap(first, last) @ cat.age_shares[c])
    reasons.append(explainer.audience_age(c, first, last, share))
    if profile.audience.professionals:
        reasons.append(explainer.audience_professionals(c))
    if profile.sector in cat.channel_rows[c].vertical_sector_list:
        reasons.append(explainer.reason("sector", "vertical", sector=explainer.word(profile.sector)))
    for g in served:
        reasons.append(explainer.goal(cat.goals[g], float(problem.affinity[c, g])))
    row = cat.level_rows[(cat.channels[c], LEVELS[level])]
    reasons.append(
        explainer.reason(
            "level",
            source_id=row.source_id if row.basis == "source" else None,
            level=explainer.word(LEVELS[level]),
            money=fmt_money(row.monthly_cost_eur * rate),
            currency=profile.budget.currency,
            hours=round(row.weekly_hours, 2),
        )
    )
    if problem.setup[c, level] == 0:
        reasons.append(explainer.reason("presence") if cat.channels[c] in profile.present_on else explainer.reason("setup", hours=0))
    else:
        reasons.append(explainer.reason("setup", hours=round(float(problem.setup[c, level]), 1)))
    return reasons


def _kpis(problem: Problem, c: int, served: list[int]) -> list[Kpi]:
    cat = problem.cat
    orientation = cat.channel_rows[c].orientation
    kpis = []
    for g in served:
        row = cat.kpi_rows.get((cat.goals[g], orientation))
        if row is not None:
            kpis.append(Kpi(goal=row.goal, kpi=row.kpi, unit=row.unit, direction=row.direction, target_change=row.target_change))
    return kpis


def _phase_channels(problem: Problem, picks: list[tuple[int, int]]) -> list[PhaseChannel]:
    return [PhaseChannel(channel=problem.cat.channels[c], level=LEVELS[lv]) for c, lv in picks]


def _phases(problem: Problem, picks: list[tuple[int, int]], objective: Objective, rate: float, kpis: dict[int, list[Kpi]]) -> list[Phase]:
    cat, profile = problem.cat, problem.profile
    budget_hours = profile.budget.weekly_hours
    # Listen and set up: every pick at its lowest level, setup spread over the phase.
    first_levels = [(c, int(np.flatnonzero(cat.level_offered[c])[0])) for c, _ in picks]
    listen_money = sum(cat.level_monthly_cost_eur[c, lv] for c, lv in first_levels)
    listen_hours = sum(cat.level_weekly_hours[c, lv] for c, lv in first_levels)
    setup_total = sum(problem.setup[c, lv] for c, lv in picks)
    spare = budget_hours - listen_hours
    weeks = _LISTEN_WEEKS_MIN if setup_total <= 0 else min(SETUP_WEEKS, max(_LISTEN_WEEKS_MIN, math.ceil(setup_total / spare - 1e-9) if spare > 0 else SETUP_WEEKS))
    baseline = [f"record the baseline of {k.kpi} on {cat.channels[c]}" for c, _ in picks for k in kpis[c]]
    phases = [
        Phase(
            name="listen_and_set_up",
            first_week=1,
            last_week=weeks,
            channels=_phase_channels(problem, first_levels),
            monthly_cost=fmt_money(listen_money * rate),
            monthly_cost_eur=fmt_money(listen_money),
            weekly_hours=round(listen_hours + setup_total / weeks, 2),
            kpi_targets=baseline,
            note="open or tidy the accounts, follow and search before posting, record baselines",
        )
    ]
    focus_money = sum(problem.money[c, lv] for c, lv in picks)
    focus_hours = sum(cat.level_weekly_hours[c, lv] for c, lv in picks)
    targets = [_target(cat.channels[c], k) for c, _ in picks for k in kpis[c]]
    phases.append(
        Phase(
            name="focus",
            first_week=weeks + 1,
            last_week=weeks + FOCUS_WEEKS,
            channels=_phase_channels(problem, picks),
            monthly_cost=fmt_money(focus_money * rate),
            monthly_cost_eur=fmt_money(focus_money),
            weekly_hours=round(focus_hours, 2),
            kpi_targets=targets,
            note="run the core mix; check KPIs monthly and adjust (plan-do-check-adjust)",
        )
    )
    phases.append(_expand(problem, picks, objective, rate, weeks + FOCUS_WEEKS + 1, kpis))
    return phases


def _target(channel: str, kpi: Kpi) -> str:
    sign = "+" if kpi.direction == "up" else "-"
    return f"{kpi.kpi} on {channel}: {sign}{percent(abs(kpi.target_change))} % vs baseline"


def _expand(problem: Problem, picks: list[tuple[int, int]], objective: Objective, rate: float, first_week: int, kpis: dict[int, list[Kpi]]) -> Phase:
    """What to add next within the same budget: re-optimise with two more channel slots, keeping the picks."""
    cat, profile = problem.cat, problem.profile
    position = {int(c): i for i, c in enumerate(problem.candidates)}
    instance = make_instance(problem, objective, max_channels=profile.max_channels + 2)
    kept = [position[c] for c, _ in picks]
    forced = np.zeros(len(problem.candidates), dtype=bool)
    forced[kept] = True
    hours_needed = np.array(instance.weekly_hours)
    hours_needed[kept] = cat.level_weekly_hours[problem.candidates[kept]]  # the picks are set up already
    solution = solve(replace(instance, forced=forced, weekly_hours=hours_needed))
    chosen = [(int(problem.candidates[i]), lv) for i, lv in enumerate(solution.levels) if lv >= 0]
    added = [c for c, _ in chosen if c not in {p for p, _ in picks}]
    money = sum(problem.money[c, lv] for c, lv in chosen)
    hours = sum(cat.level_weekly_hours[c, lv] + problem.setup[c, lv] / SETUP_WEEKS for c, lv in chosen if c in added) + sum(
        cat.level_weekly_hours[c, lv] for c, lv in chosen if c not in added
    )
    targets = []
    for c, lv in chosen:
        if c in added:
            served = _served_goals(problem, effectiveness_row(problem, c, lv))
            targets += [_target(cat.channels[c], k) for k in _kpis(problem, c, served)]
    note = (
        "add " + ", ".join(cat.channels[c] for c in added) + " when the focus KPIs are met; listen first"
        if added
        else "no further channel fits this budget: raise the budget or the results first"
    )
    return Phase(
        name="expand",
        first_week=first_week,
        last_week=first_week + FOCUS_WEEKS - 1,
        channels=_phase_channels(problem, chosen),
        monthly_cost=fmt_money(money * rate),
        monthly_cost_eur=fmt_money(money),
        weekly_hours=round(hours, 2),
        kpi_targets=targets,
        note=note,
    )


def minimum_budget(
    problem: Problem,
    objective: Objective,
    full: tuple[Instance, Solution],
    share: float = MINIMUM_BUDGET_SHARE,
    tolerance: float = MINIMUM_BUDGET_TOLERANCE,
) -> tuple[float, Instance, Solution]:
    """Smallest factor ``t`` (money and hours scaled together) whose optimum reaches ``share`` of the full one.

    The optimum is monotone in ``t``, so bisection finds ``t`` to within ``tolerance``; for a larger
    ``share`` the factor is never smaller. ``full`` is the instance and solution at the full budget.
    Returns ``t`` and the (feasible) instance and solution at ``t``.
    """
    profile = problem.profile
    target = share * full[1].objective - 1e-12

    def at(t: float) -> Instance:
        return make_instance(problem, objective, monthly_budget_eur=t * problem.monthly_budget_eur, weekly_hours=t * profile.budget.weekly_hours)

    def reaches(t: float) -> bool:  # a decision, not an optimisation: stops at the first mix reaching the target
        return solve(at(t), at_least=target).feasible

    if reaches(0.0):
        high = 0.0
    else:
        low, high = 0.0, 1.0
        while high - low > tolerance:
            middle = (low + high) / 2
            low, high = (low, middle) if reaches(middle) else (middle, high)
    if high == 1.0:
        return 1.0, *full
    instance = at(high)
    return high, instance, solve(instance)


def _minimum_budget(problem: Problem, objective: Objective, full: Instance, solution: Solution, rate: float, share: float | None) -> MinimumBudget | None:
    if share is None:
        return None
    factor, instance, found = minimum_budget(problem, objective, (full, solution), share)
    chosen = [(i, lv) for i, lv in enumerate(found.levels) if lv >= 0]
    return MinimumBudget(
        share=share,
        monthly=fmt_money(factor * problem.profile.budget.monthly),
        weekly_hours=round(factor * problem.profile.budget.weekly_hours, 2),
        mix_monthly_cost=fmt_money(sum(instance.monthly_cost_eur[i, lv] for i, lv in chosen) * rate),
        mix_weekly_hours=round(float(sum(instance.weekly_hours[i, lv] for i, lv in chosen)), 2),
        objective=fmt_score(found.objective),
        channels=_phase_channels(problem, [(int(problem.candidates[i]), lv) for i, lv in chosen]),
    )


def _exclusion_reason(problem: Problem, explainer: Explainer, c: int, code: str) -> Reason:
    profile, cat = problem.profile, problem.cat
    if code == "blocked":
        return explainer.reason("blocked", countries=", ".join(profile.markets))
    if code != "no_fit":
        return explainer.reason(code)
    weights = profile.criteria
    criterion = next(name for k, name in enumerate(CRITERIA) if problem.scores.criteria[0, c, k] <= 0.0 and weights[name] > 0)
    if criterion == "formats":
        missing = [cat.formats[f] for f in np.flatnonzero(cat.format_needed[c]) if cat.formats[f] not in profile.formats]
        return explainer.reason("no_fit", "no_fit_formats", formats=", ".join(explainer.word(f) for f in missing))
    return explainer.reason("no_fit", f"no_fit_{criterion}")


def _market_leaders(problem: Problem, picked: set[int], orientation: str | None = None) -> list[str]:
    """The most-reached available channels of the profile's main market that are not picked
    (of one orientation, if given; any channel of the catalog then, not only candidates)."""
    cat, profile = problem.cat, problem.profile
    main = cat.index["countries"][max(profile.markets, key=lambda k: (profile.markets[k], k))]
    pool = range(len(cat.channels)) if orientation else problem.candidates
    eligible = [
        int(c)
        for c in pool
        if int(c) not in picked and cat.availability[c, main] == 0 and cat.reach[c, main] > 0
        and (orientation is None or cat.channel_rows[c].orientation == orientation)
    ]
    eligible.sort(key=lambda c: (-cat.reach[c, main], c))
    return [cat.channels[c] for c in eligible[:_MARKET_LEADERS]]


def effectiveness_row(problem: Problem, c: int, level: int) -> np.ndarray:
    """``(G,)`` effectiveness of channel ``c`` at ``level`` for each goal."""
    return effectiveness(problem, np.array([c]))[0, level]


def build_plan(
    problem: Problem,
    instance: Instance,
    solution: Solution,
    objective: Objective,
    explainer: Explainer,
    minimum_budget_share: float | None = MINIMUM_BUDGET_SHARE,
) -> Plan:
    """Assemble the :class:`Plan` for a solved problem (``minimum_budget_share=None`` skips the minimum budget)."""
    cat, profile = problem.cat, problem.profile
    rate = cat.fx_per_eur[profile.budget.currency]
    fit = problem.scores.score[0]
    chosen = ordered_picks(problem, solution.levels)
    picked = {c for c, _ in chosen}
    position = {int(c): i for i, c in enumerate(problem.candidates)}
    picks: list[Pick] = []
    kpis: dict[int, list[Kpi]] = {}
    levels_so_far = np.full(len(problem.candidates), -1)
    previous = 0.0
    for c, lv in chosen:
        levels_so_far[position[c]] = lv
        value = objective_value(instance, levels_so_far)
        served = _served_goals(problem, effectiveness_row(problem, c, lv))
        kpis[c] = _kpis(problem, c, served)
        picks.append(
            Pick(
                channel=cat.channels[c],
                name=cat.channel_rows[c].name,
                level=LEVELS[lv],
                score=fmt_score(fit[c]),
                monthly_cost=fmt_money(problem.money[c, lv] * rate),
                monthly_cost_eur=fmt_money(problem.money[c, lv]),
                weekly_hours=round(float(cat.level_weekly_hours[c, lv]), 2),
                setup_hours=round(float(problem.setup[c, lv]), 2),
                marginal_value=fmt_score(value - previous),
                goals=[cat.goals[g] for g in served],
                why=_pick_reasons(problem, explainer, c, lv, served, rate),
                kpis=kpis[c],
            )
        )
        previous = value
    order = sorted(problem.candidates.tolist(), key=lambda c: (-fit[c], c))
    ranking = [
        RankedChannel(
            rank=r + 1,
            channel=cat.channels[c],
            name=cat.channel_rows[c].name,
            score=fmt_score(fit[c]),
            criteria={name: fmt_score(problem.scores.criteria[0, c, k]) for k, name in enumerate(CRITERIA)},
            picked=c in picked,
        )
        for r, c in enumerate(order)
    ]
    excluded = [
        Excluded(channel=cat.channels[c], name=cat.channel_rows[c].name, reason=EXCLUSIONS[code], why=_exclusion_reason(problem, explainer, int(c), EXCLUSIONS[code]))  # type: ignore[arg-type]
        for c, code in enumerate(problem.exclusions)
        if code
    ]
    money = sum(problem.money[c, lv] for c, lv in chosen)
    totals = Totals(
        channels=len(chosen),
        monthly_cost=fmt_money(money * rate),
        monthly_cost_eur=fmt_money(money),
        weekly_hours=round(float(sum(cat.level_weekly_hours[c, lv] for c, lv in chosen)), 2),
        setup_hours=round(float(sum(problem.setup[c, lv] for c, lv in chosen)), 2),
    )
    return Plan(
        name=profile.name,
        objective_kind=objective,
        objective=fmt_score(solution.objective),
        currency=profile.budget.currency,
        monthly_budget=fmt_money(profile.budget.monthly),
        monthly_budget_eur=fmt_money(problem.monthly_budget_eur),
        weekly_hours_budget=round(profile.budget.weekly_hours, 2),
        max_channels=profile.max_channels,
        picks=picks,
        ranking=ranking,
        excluded=excluded,
        totals=totals,
        phases=_phases(problem, chosen, objective, rate, kpis),
        minimum_budget=_minimum_budget(problem, objective, instance, solution, rate, minimum_budget_share),
        routine=(routine := weekly_routine(cat, chosen)),
        roles=roles(routine),
        listening=listening_setup(
            list(profile.goals), [cat.channels[c] for c, _ in chosen], _market_leaders(problem, picked), _market_leaders(problem, picked, "news")
        ),
        policy=list(POLICY_CHECKLIST),
    )
