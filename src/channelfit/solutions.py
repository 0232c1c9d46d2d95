"""Every solve a plan needs, in one place: the main mix, the expand phase and the minimum budget.

The planner receives these solutions and never calls the optimiser itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .errors import InfeasibleError
from .optimiser import Instance, Solution, solve
from .problem import Problem, check_forced_fit, make_instance
from .vocabulary import ObjectiveName

__all__ = [
    "EXPAND_SLOTS",
    "MINIMUM_BUDGET_SHARE",
    "MINIMUM_BUDGET_TOLERANCE",
    "MinimumBudgetSolution",
    "PlanSolutions",
    "Solved",
    "minimum_budget",
    "optimise",
    "solve_expand",
    "solve_plan",
]

#: The expand phase may add this many channels to the focus mix.
EXPAND_SLOTS = 2
#: The minimum viable budget is the smallest budget that reaches this share of the full plan's value.
MINIMUM_BUDGET_SHARE = 0.8
#: The minimum budget's factor is found to within 1/64 of the budget, finer than the catalog's costs deserve.
MINIMUM_BUDGET_TOLERANCE = 1 / 64


@dataclass(frozen=True)
class Solved:
    """An instance and its solution."""

    instance: Instance
    solution: Solution


@dataclass(frozen=True)
class MinimumBudgetSolution:
    """The smallest budget factor ``factor`` (money and hours scaled together) reaching ``share``."""

    share: float
    factor: float
    solved: Solved


@dataclass(frozen=True)
class PlanSolutions:
    """What the planner needs: the main mix, the expand phase's mix and the minimum budget (or None)."""

    objective: ObjectiveName
    main: Solved
    expand: Solved
    minimum: MinimumBudgetSolution | None


def optimise(problem: Problem, objective: ObjectiveName, **limits: float | int) -> Solved:
    """Build the instance (limits default to the profile's) and solve it.

    Raises
    ------
    InfeasibleError
        The included channels do not fit the limits; names the limit.
    """
    instance = make_instance(problem, objective, **limits)  # type: ignore[arg-type]
    check_forced_fit(problem, instance)
    solution = solve(instance)
    if not solution.success:  # pragma: no cover - check_forced_fit catches every case the solver can meet
        raise InfeasibleError("the included channels do not fit the limits", field="include", value=list(problem.profile.include))
    return Solved(instance, solution)


def solve_expand(problem: Problem, objective: ObjectiveName, main: Solved) -> Solved:
    """What to add next within the same budget: the main picks kept (already set up), :data:`EXPAND_SLOTS` more slots."""
    instance = make_instance(problem, objective, max_channels=problem.profile.max_channels + EXPAND_SLOTS)
    kept = np.array([i for i, _ in main.solution.picked], dtype=np.intp)
    forced = np.zeros(len(problem.candidates), dtype=bool)
    forced[kept] = True
    hours = np.array(instance.weekly_hours)
    hours[kept] = problem.cat.level_weekly_hours[problem.candidates[kept]]  # no setup for what runs already
    expanded = replace(instance, forced=forced, weekly_hours=hours)
    return Solved(expanded, solve(expanded))


def minimum_budget(problem: Problem, objective: ObjectiveName, main: Solved, share: float = MINIMUM_BUDGET_SHARE, tolerance: float = MINIMUM_BUDGET_TOLERANCE) -> MinimumBudgetSolution:
    """Smallest factor ``t`` (money and hours scaled together) whose optimum reaches ``share`` of the main one.

    The optimum is monotone in ``t``, so bisection finds ``t`` to within ``tolerance``; for a larger
    ``share`` the factor is never smaller. Each step is a decision search that stops at the first
    mix reaching the target.
    """
    target = share * main.solution.objective - 1e-12
    hours_budget = problem.profile.budget.weekly_hours

    def at(t: float) -> Instance:
        return make_instance(problem, objective, monthly_budget_eur=t * problem.monthly_budget_eur, weekly_hours=t * hours_budget)

    def reaches(t: float) -> bool:
        return solve(at(t), at_least=target).success

    if reaches(0.0):
        high = 0.0
    else:
        low, high = 0.0, 1.0
        while high - low > tolerance:
            middle = (low + high) / 2
            low, high = (low, middle) if reaches(middle) else (middle, high)
    if high == 1.0:
        return MinimumBudgetSolution(share, 1.0, main)
    instance = at(high)
    return MinimumBudgetSolution(share, high, Solved(instance, solve(instance)))


def solve_plan(problem: Problem, objective: ObjectiveName, minimum_budget_share: float | None) -> PlanSolutions:
    """The main mix, the expand phase and (unless ``minimum_budget_share`` is None) the minimum budget."""
    main = optimise(problem, objective)
    return PlanSolutions(
        objective=objective,
        main=main,
        expand=solve_expand(problem, objective, main),
        minimum=None if minimum_budget_share is None else minimum_budget(problem, objective, main, minimum_budget_share),
    )
