"""budget.hourly_rate: hours bought with money, checked against the limits, oracles and the plans of review 19."""

from __future__ import annotations

import copy
import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelfit as cf
from channelfit.cli import main
from channelfit.explain import locale
from channelfit.optimiser import Instance, solve
from channelfit.oracles import coverage_value
from channelfit.problem import WEEKS_PER_MONTH, build_problem, hire_hours
from channelfit.render import render_plan
from channelfit.strategies import profiles

from .conftest import budgeted_hours
from .test_optimiser import instances

#: A Johannesburg law firm of review 19: 25,000 ZAR and 5 h/week, all but 1,000 ZAR left unspent for want of hours.
JOBURG_LAW = {
    "name": "Mokoena & Partners Attorneys",
    "model": "b2b2c",
    "sector": "legal",
    "based_in": "ZA",
    "markets": ["ZA"],
    "audience": {"age": [28, 65]},
    "goals": {"lead_generation": 3, "thought_leadership": 2, "recruiting": 1},
    "budget": {"monthly": 25000, "currency": "ZAR", "weekly_hours": 5},
    "formats": ["text", "article", "image"],
    "premises": True,
    "present_on": {"linkedin": "maintain", "facebook": "listen", "google_business_profile": "maintain"},
    "max_channels": 4,
}
#: An Auckland plumber of review 19: 800 NZD and 3 h/week, nothing spent.
AUCKLAND_PLUMBER = {
    "name": "Harbour City Plumbing",
    "model": "b2c",
    "sector": "construction_and_trades",
    "based_in": "NZ",
    "markets": ["NZ"],
    "audience": {"age": [30, 75]},
    "goals": {"lead_generation": 3, "local_visits": 1, "customer_service": 1},
    "budget": {"monthly": 800, "currency": "NZD", "weekly_hours": 3},
    "formats": ["text", "image"],
    "premises": True,
    "present_on": {"google_business_profile": "maintain", "facebook": "listen"},
    "exclude": ["nocowboys", "builderscrack"],  # the catalog as the review read it: New Zealand's trade lead sites came later (batch N7)
    "max_channels": 3,
}


def _with_rate(profile: dict, rate: float | None) -> dict:
    return {**profile, "budget": {**profile["budget"], "hourly_rate": rate}}


def _plan_or_infeasible(profile: dict, **kwargs: object) -> cf.Plan | None:
    try:
        return cf.recommend(profile, **kwargs)
    except cf.InfeasibleError:
        return None


@settings(max_examples=60, deadline=None)
@given(profiles(with_rate=True), st.sampled_from(["coverage", "additive"]))
def test_the_money_spent_and_the_hours_hired_stay_within_the_budget(profile: dict, objective: str) -> None:
    plan = _plan_or_infeasible(profile, objective=objective)
    if plan is None:
        return
    cat = cf.catalog()
    budget = cf.Profile.model_validate(profile).budget
    money_eur = sum(p.monthly_cost_eur for p in plan.picks)
    hours = sum(budgeted_hours(p, cat) for p in plan.picks)
    slack_eur = 0.01 + 1e-9 * plan.monthly_budget_eur
    totals = plan.totals
    if budget.hourly_rate is None:
        assert totals.hired_weekly_hours is None and '"hired_' not in plan.model_dump_json()
        assert hours <= budget.weekly_hours + 0.01
        return
    hour_eur = budget.hourly_rate * WEEKS_PER_MONTH / cat.fx_per_eur[budget.currency]
    assert totals.hired_weekly_hours is not None and totals.hired_weekly_hours >= 0.0
    assert totals.hired_weekly_hours == pytest.approx(max(0.0, hours - budget.weekly_hours), abs=1e-6)
    assert hours <= budget.weekly_hours + totals.hired_weekly_hours + 1e-6
    assert totals.hired_monthly_cost_eur == pytest.approx(totals.hired_weekly_hours * hour_eur, rel=1e-9, abs=1e-9)
    assert money_eur + totals.hired_weekly_hours * hour_eur <= plan.monthly_budget_eur + slack_eur
    assert totals.unspent >= 0.0
    for phase in plan.phases:
        assert phase.hired_weekly_hours == pytest.approx(max(0.0, phase.weekly_hours - budget.weekly_hours), abs=1e-9)
        assert phase.monthly_cost_eur + phase.hired_weekly_hours * hour_eur <= plan.monthly_budget_eur + slack_eur
    assert sum(r.hired_weekly_hours or 0.0 for r in plan.roles) <= totals.hired_weekly_hours + 0.25  # the routine counts quarter hours
    if plan.minimum_budget is not None:
        mb = plan.minimum_budget
        assert mb.monthly <= budget.monthly * (1 + 1e-9) + 0.01
        assert mb.weekly_hours <= budget.weekly_hours + 1e-9
        # the budget is what its mix costs, the hired hours in its money (a reader read 9,529 ZAR against a mix of 79)
        assert mb.monthly == pytest.approx(mb.mix_monthly_cost, abs=0.01) and mb.weekly_hours == pytest.approx(mb.mix_weekly_hours, abs=0.01)


@settings(max_examples=40, deadline=None)
@given(profiles(with_include=False), st.sampled_from([1.0, 10.0, 40.0, 200.0]))
def test_a_rate_never_lowers_the_plan_value(profile: dict, rate_eur: float) -> None:
    """Hiring only adds plans that fit: the value with a rate is at least the value without."""
    currency = profile["budget"]["currency"]
    rated = _with_rate(profile, round(rate_eur * cf.catalog().fx_per_eur[currency], 2) or 0.01)
    assert cf.recommend(rated).objective >= cf.recommend(profile).objective - 1e-9


def _fits_with_hiring(instance: Instance, levels: tuple[int, ...], rate: float) -> bool:
    """The model as stated: the money spent plus the hired hours' cost within the money, no limit on hours."""
    picked = [(i, o) for i, o in enumerate(levels) if o >= 0]
    if len(picked) > instance.max_channels or any(instance.forced[i] and levels[i] < 0 for i in range(len(levels))):
        return False
    if not all(instance.offered[i, o] for i, o in picked):
        return False
    money = sum(instance.monthly_cost_eur[i, o] for i, o in picked)
    hours = sum(instance.weekly_hours[i, o] for i, o in picked)
    return money + rate * max(0.0, hours - instance.weekly_hours_budget) <= instance.monthly_budget_eur + 1e-9


def _brute_force_hiring(instance: Instance, rate: float) -> float | None:
    n, options = instance.monthly_cost_eur.shape
    values = [
        coverage_value(instance, np.array(levels))
        for levels in itertools.product(range(-1, options), repeat=n)
        if _fits_with_hiring(instance, levels, rate)
    ]
    return max(values, default=None)


@settings(max_examples=150, deadline=None)
@given(instances(max_n=5, max_count=3, min_share=False), st.sampled_from([1.0, 25.0, 100.0, 400.0]) | st.floats(0.5, 1000.0))
def test_the_hiring_instance_equals_brute_force_over_the_stated_model(instance: Instance, rate: float) -> None:
    """The optimiser on :func:`hire_hours`' instance finds the best selection of the model as stated
    (``money + r * max(0, hours - H) <= B``), enumerated selection by selection."""
    expected = _brute_force_hiring(instance, rate)
    solution = solve(hire_hours(instance, rate))
    if expected is None:
        assert not solution.success
        return
    assert solution.success and solution.objective == pytest.approx(expected, abs=1e-9)
    assert _fits_with_hiring(instance, solution.levels, rate)


def _milp_with_hired_hours(instance: Instance, rate: float) -> float | None:
    """The additive optimum with the hired hours as a variable of their own: ``money + r h <= B``, ``hours - h <= H``."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    assert instance.value is not None
    n, options = instance.monthly_cost_eur.shape
    offered = instance.offered.ravel()
    money = np.where(offered, instance.monthly_cost_eur.ravel(), 0.0)
    hours = np.where(offered, instance.weekly_hours.ravel(), 0.0)
    cost = np.append(-np.where(offered, instance.value.ravel(), 0.0), 0.0)
    one_per_channel = np.hstack([np.kron(np.eye(n), np.ones(options)), np.zeros((n, 1))])
    rows = [
        LinearConstraint(one_per_channel, np.where(instance.forced, 1.0, 0.0), np.ones(n)),
        LinearConstraint(np.append(money, 0.0)[None, :], -np.inf, instance.monthly_budget_eur),
        LinearConstraint(np.append(money, rate)[None, :], -np.inf, instance.monthly_budget_eur),
        LinearConstraint(np.append(hours, -1.0)[None, :], -np.inf, instance.weekly_hours_budget),
        LinearConstraint(np.append(np.ones(n * options), 0.0)[None, :], 0, instance.max_channels),
    ]
    integrality = np.append(np.ones(n * options), 0)
    result = milp(cost, constraints=rows, integrality=integrality, bounds=Bounds(0, np.append(offered.astype(float), np.inf)))
    return None if result.x is None else float(-result.fun)


@settings(max_examples=100, deadline=None)
@given(instances(max_n=40, max_count=8, additive=True, min_share=False), st.floats(0.5, 1000.0))
def test_the_hiring_instance_equals_milp_with_a_hired_hours_variable(instance: Instance, rate: float) -> None:
    expected = _milp_with_hired_hours(instance, rate)
    solution = solve(hire_hours(instance, rate))
    if expected is None:
        assert not solution.success
        return
    assert solution.success and solution.objective == pytest.approx(expected, rel=1e-6, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(profiles(with_include=False, with_rate=True), st.sampled_from(["coverage", "additive"]))
def test_the_mix_with_a_rate_equals_brute_force_over_every_mix_and_its_exact_split(profile: dict, objective: str) -> None:
    """best_mix, whose search bounds every split by the tier below (money and, with a rate, hours), equals the
    enumeration of every mix valued by its exact split."""
    from channelfit.oracles import brute_force_mix
    from channelfit.solutions import best_mix

    profile = {**profile, "max_channels": min(profile["max_channels"], 3)}
    problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
    expected = brute_force_mix(problem, objective)
    found = best_mix(problem, objective)  # type: ignore[arg-type]
    assert expected is not None and found.value == pytest.approx(expected[0], abs=1e-9)


@pytest.mark.parametrize("objective", ["coverage", "additive"])
def test_the_plumbers_mix_with_a_rate_equals_brute_force(objective: str) -> None:
    from channelfit.oracles import brute_force_mix
    from channelfit.solutions import best_mix

    problem = build_problem(cf.Profile.model_validate(_with_rate(AUCKLAND_PLUMBER, 60)), cf.catalog())
    expected = brute_force_mix(problem, objective)
    found = best_mix(problem, objective)  # type: ignore[arg-type]
    assert expected is not None and found.value == pytest.approx(expected[0], abs=1e-9)


def test_the_law_firm_hires_hours_and_spends_its_budget() -> None:
    """With 350 ZAR an hour the law firm spends its 25,000 ZAR, most of it on a freelancer's hours and the
    promotion they run, and its plan is worth more; without a rate it is the plan it was."""
    before = cf.recommend(JOBURG_LAW)
    assert before.totals.unspent > 0.5 * 25000  # its 5 hours run no campaign: LinkedIn's boosts take the rest at most
    assert "budget.hourly_rate" in before.totals.unspent_why.text
    plan = cf.recommend(_with_rate(JOBURG_LAW, 350))
    totals = plan.totals
    assert totals.hired_weekly_hours > 5.0
    assert totals.monthly_cost + totals.hired_monthly_cost == pytest.approx(25000, abs=1.0)
    assert totals.unspent < 1.0 and totals.unspent_why is None
    assert plan.objective > before.objective + 0.1
    assert any(p.extra_promotion > 0 for p in plan.picks)
    assert sum(r.hired_weekly_hours or 0.0 for r in plan.roles) == pytest.approx(totals.weekly_hours - 5.0)


def test_the_plumber_hires_the_campaign_managers_hours_for_paid_search() -> None:
    """800 NZD and 3 h/week spent nothing; at 60 NZD an hour the plan runs Google Ads, a freelancer running the
    campaigns beyond the plumber's own hours."""
    plan = cf.recommend(_with_rate(AUCKLAND_PLUMBER, 60))
    assert "google_ads" in {p.channel for p in plan.picks}
    assert plan.totals.monthly_cost + plan.totals.hired_monthly_cost == pytest.approx(800, abs=1.0)
    campaigns = next(r for r in plan.roles if r.role == "campaign_manager")
    assert campaigns.hired_weekly_hours > 0
    page = render_plan(plan)
    assert "Hours beyond yours may be hired from the money, at 60 NZD/hour." in page
    assert "Hired: 0.96 h/week beyond your 3 h/week" in page
    assert "campaign manager (1.5 h/week, 0.5 of them hired" in page
    assert "one person can hold your own share of them at 3 h/week" in page and "hold them all" not in page  # the hired hours are not the one person's


@pytest.mark.parametrize("language", ["it", "ru", "uk"])
def test_the_hired_hours_are_said_in_every_language(language: str) -> None:
    page = render_plan(cf.recommend(_with_rate(AUCKLAND_PLUMBER, 60), language=language))
    said = {"it": ("Ore pagate: 0,96 ore", "di cui 0,5 ore a carico di"), "ru": ("Нанятые часы: 0,96 ч", "из них 0,5 ч — нанятый"), "uk": ("Найняті години: 0,96 год", "з них 0,5 год — найнятий")}
    for words in said[language]:
        assert words in page
    assert " ora pagate" not in page  # "1 ora pagate" disagreed: the Italian hired hours take an invariable phrase


def test_no_rate_is_the_plan_without_the_field() -> None:
    plain = cf.recommend(AUCKLAND_PLUMBER).model_dump_json()
    assert cf.recommend(_with_rate(AUCKLAND_PLUMBER, None)).model_dump_json() == plain
    assert '"hired_' not in plain and '"hourly_rate"' not in plain


def test_a_rate_gives_the_same_json_every_time() -> None:
    profile = _with_rate(JOBURG_LAW, 350)
    first = cf.recommend(profile).model_dump_json()
    assert cf.recommend(copy.deepcopy(profile)).model_dump_json() == first
    assert json.loads(first)["hourly_rate"] == 350


@pytest.mark.parametrize("rate", [0, -20, math.nan, math.inf, "cheap", "350", True])
def test_a_rate_that_is_not_a_positive_number_is_refused(rate: object) -> None:
    with pytest.raises(cf.ProfileError) as info:
        cf.recommend(_with_rate(AUCKLAND_PLUMBER, rate))  # type: ignore[arg-type]
    assert info.value.field == "budget.hourly_rate"
    assert "hourly rate" in str(info.value) and "above 0" in str(info.value)


@pytest.mark.parametrize("rate", ["0", "-5", "nan"])
def test_the_cli_refuses_a_bad_rate_in_one_line(rate: str, tmp_path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plumber.json"
    path.write_text(json.dumps(_with_rate(AUCKLAND_PLUMBER, float(rate))), encoding="utf-8")
    assert main(["recommend", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "budget.hourly_rate" in err
    assert main(["recommend", str(tmp_path / "plumber.json"), "--hourly-rate", rate]) == 2


def test_the_cli_sets_the_rate(tmp_path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plumber.json"
    path.write_text(json.dumps(AUCKLAND_PLUMBER), encoding="utf-8")
    assert main(["recommend", str(path), "--hourly-rate", "60", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["hired_weekly_hours"] > 0


def test_the_frontier_and_many_plans_state_the_hired_hours() -> None:
    from channelfit.analysis import budget_frontier

    rated = _with_rate(AUCKLAND_PLUMBER, 60)
    frame = budget_frontier(rated, monthly=[0, 400, 800], weekly_hours=[1, 3])
    feasible = frame.dropna()
    assert (feasible["monthly_cost"] + feasible["hired_monthly_cost"] <= feasible["monthly"] + 0.01).all()
    assert (feasible["weekly_hours_used"] <= feasible["weekly_hours"] + feasible["hired_weekly_hours"] + 1e-9).all()
    assert "hired_weekly_hours" not in budget_frontier(AUCKLAND_PLUMBER, monthly=[800], weekly_hours=[3]).columns
    many = cf.recommend_many([rated, AUCKLAND_PLUMBER])
    plan = cf.recommend(rated)
    assert many["hired_weekly_hours"].tolist() == pytest.approx([plan.totals.hired_weekly_hours, 0.0])
    assert many["hired_monthly_cost"].iloc[0] == pytest.approx(plan.totals.hired_monthly_cost)


def test_an_included_channel_the_hired_hours_cannot_pay_for_is_named_in_hours_and_money() -> None:
    profile = {**_with_rate(AUCKLAND_PLUMBER, 60), "present_on": {}, "include": ["blog"], "budget": {"monthly": 100, "currency": "NZD", "weekly_hours": 1, "hourly_rate": 60}}
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend(profile)
    assert info.value.field == "include" and info.value.value == "blog"
    assert "blog needs 6.2 h/week" in str(info.value) and "the 0.4 h/week that the 100 NZD/month left beside its money hire at budget.hourly_rate (60 NZD/hour)" in str(info.value)
    with pytest.raises(cf.InfeasibleError, match="google_ads needs 488 NZD/month"):
        cf.recommend({**profile, "include": ["google_ads"]})


def test_a_channel_whose_money_and_hired_hours_do_not_fit_together_says_so() -> None:
    """Google Ads at maintain fits 800 NZD alone (488) and the hours the money could hire alone, not both: its
    money and the 1.46 h/week beyond the plumber's half hour cost 868 NZD."""
    from channelfit.explain import Explainer
    from channelfit.planner import _left, _why_not

    profile = cf.Profile.model_validate({**AUCKLAND_PLUMBER, "present_on": {}, "budget": {"monthly": 800, "currency": "NZD", "weekly_hours": 0.5, "hourly_rate": 60}})
    cat = cf.catalog()
    problem = build_problem(profile, cat)
    why = _why_not(problem, [], _left(problem, []), Explainer(cat, "en"), cat.index["channels"]["google_ads"], False)
    assert why.text.startswith("at maintain it needs 1.96 h/week, setup included, and costs 868 NZD/month with the 1.46 h/week of them hired at your hourly rate")


def test_the_minimum_budget_says_what_of_its_money_pays_for_hired_time() -> None:
    """Review 20 read "Of that money ..." twice in a row, and a minimum that was all freelancer time without a word
    on it: the hired share is said as what the minimum budget includes."""
    plan = cf.recommend(_with_rate(JOBURG_LAW, 350))
    mb = plan.minimum_budget
    assert mb is not None and mb.hired_weekly_hours
    page = render_plan(plan)
    line = next(line for line in page.splitlines() if line.startswith("Minimum viable budget"))
    assert "of a freelancer's or an agency's time beyond your 5 h/week" in line and line.count("Of that money") <= 1, line


def test_a_runner_up_short_of_hours_with_a_rate_says_none_could_be_hired_either() -> None:
    """A South Tyrol hotel hiring at 35 EUR an hour read that its Google profile needed 1 h/week "and no hours are left",
    beside hours it could buy (review 29): with a rate, the hours left are its own and those the money left hires."""
    hotel = {"name": "hotel", "kind": "company", "model": "b2c", "sector": "hospitality", "markets": {"DE": 0.45, "IT": 0.3, "AT": 0.15, "CH": 0.1},
             "based_in": "IT", "audience": {"age": [30, 70]}, "goals": {"sales": 3, "brand_awareness": 1, "recruiting": 1},
             "budget": {"monthly": 3000, "currency": "EUR", "weekly_hours": 10, "hourly_rate": 35}, "formats": ["image", "short_video", "text", "long_video"],
             "premises": True, "present_on": {"booking_com": "maintain", "instagram": "maintain", "facebook": "maintain"}, "max_channels": 6}
    plan = cf.recommend(hotel)
    reasons = locale("en")["reasons"]
    own_only, hired = (reasons[key][reasons[key].rindex("}") + 1 :] for key in ("why_not_hours_none", "why_not_hours_none_hired"))
    texts = [r.why_not.text for r in plan.ranking if r.why_not is not None]
    assert any(text.endswith(hired) for text in texts) and not any(text.endswith(own_only) for text in texts), texts
