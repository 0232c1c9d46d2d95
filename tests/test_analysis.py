"""What-if analysis: rank acceptability, the budget frontier and the minimum budget."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelfit as cf
from channelfit.analysis import _perturb, budget_frontier, minimum_budget, rank_acceptability
from channelfit.strategies import profiles
from channelfit.vocabulary import LEVELS

from .conftest import EXAMPLES, budgeted_hours, load_example

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))
FEW = settings(max_examples=6, deadline=None)


def _rank_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith("rank_")]


def _plan_or_none(profile: dict) -> cf.Plan | None:
    try:
        return cf.recommend(profile)
    except cf.InfeasibleError:
        return None


def _check_equals_plain_ranking(frame: pd.DataFrame, plan: cf.Plan) -> None:
    assert list(frame.index) == [r.channel for r in plan.ranking]
    shown = [c for c in _rank_columns(frame) if c != "rank_other"]
    for r, channel in enumerate(frame.index):
        row = frame.loc[channel]
        if r < len(shown):
            assert row[f"rank_{r + 1}"] == 1.0, (channel, r)
        else:
            assert row["rank_other"] == 1.0, (channel, r)
        assert row[_rank_columns(frame)].sum() == 1.0
    assert set(frame.index[frame["in_mix"] == 1.0]) == {p.channel for p in plan.picks}
    assert set(frame["in_mix"]) <= {0.0, 1.0}


# --- rank acceptability -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_position_and_each_channel_sums_to_one(name: str) -> None:
    frame = rank_acceptability(load_example(name), samples=2000, seed=1, spread=0.3, mix_samples=0)
    ranks = _rank_columns(frame)
    k = len(frame)
    assert ranks[: min(k, 10)] == [f"rank_{r + 1}" for r in range(min(k, 10))]
    assert ("rank_other" in ranks) == (k > 10)
    values = frame[ranks].to_numpy()
    assert ((values >= 0) & (values <= 1)).all()
    positions = frame[[c for c in ranks if c != "rank_other"]].sum(axis=0)
    np.testing.assert_allclose(positions, 1.0, atol=1e-12)
    if "rank_other" in ranks:
        assert frame["rank_other"].sum() == pytest.approx(k - 10)
    np.testing.assert_allclose(frame[ranks].sum(axis=1), 1.0, atol=1e-12)
    assert frame["in_mix"].isna().all()  # mix_samples=0 skips the optimiser


@pytest.mark.parametrize("name", NAMES)
def test_spread_zero_is_the_plain_ranking_and_the_plain_mix(name: str) -> None:
    profile = load_example(name)
    frame = rank_acceptability(profile, samples=64, seed=3, spread=0.0, mix_samples=4)
    _check_equals_plain_ranking(frame, cf.recommend(profile))


@FEW
@given(profiles(), st.integers(0, 2**32 - 1))
def test_spread_zero_is_the_plain_ranking_for_any_profile(profile: dict, seed: int) -> None:
    plan = _plan_or_none(profile)
    if plan is None:
        with pytest.raises(cf.InfeasibleError):
            rank_acceptability(profile, samples=8, seed=seed, spread=0.0, mix_samples=1)
        return
    frame = rank_acceptability(profile, samples=16, seed=seed, spread=0.0, mix_samples=2)
    _check_equals_plain_ranking(frame, plan)


def test_spread_zero_survives_floating_point_ties() -> None:
    # GitHub and Stack Overflow are one ulp apart for this profile in the single-profile scorer
    # (the plan ranks GitHub first) but tie in the batched scorer (other BLAS kernels), where catalog
    # order would put Stack Overflow first: spread=0 must still give the plan's ranking.
    profile = {
        "model": "b2b", "sector": "manufacturing", "markets": ["IT"],
        "audience": {"age": [13, 73], "gender": "any", "professionals": False},
        "goals": ["brand_awareness"], "budget": {"monthly": 0.0, "currency": "AED", "weekly_hours": 0.0},
        "formats": ["text"], "exclude": ["viber", "avito"], "max_channels": 1,
    }  # fmt: skip
    frame = rank_acceptability(profile, samples=32, spread=0.0, mix_samples=1, positions=100)
    assert "rank_other" not in frame.columns
    _check_equals_plain_ranking(frame, cf.recommend(profile))


def test_deterministic_for_a_seed_and_the_seed_matters(rossi: dict) -> None:
    first = rank_acceptability(rossi, samples=3000, seed=7, mix_samples=5)
    again = rank_acceptability(copy.deepcopy(rossi), samples=3000, seed=7, mix_samples=5)
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    other = rank_acceptability(rossi, samples=3000, seed=8, mix_samples=5)
    assert not first.equals(other)


def test_weight_uncertainty_moves_close_channels_but_not_the_mix(rossi: dict) -> None:
    # The two neighbours closest in score swap under noisy weights (each takes the upper place in some
    # samples), yet the plan's two strongest picks stay in the optimal mix in nearly every sample. A channel
    # never ranks above one it is ranked far below in the plain ranking with only 20 % noise.
    frame = rank_acceptability(rossi, samples=4000, seed=0, spread=0.2, mix_samples=40)
    plan = cf.recommend(rossi, minimum_budget_share=None)
    scores = [r.score for r in plan.ranking[:10]]
    closest = min(range(len(scores) - 1), key=lambda i: scores[i] - scores[i + 1])
    upper, lower = plan.ranking[closest].channel, plan.ranking[closest + 1].channel
    place = f"rank_{closest + 1}"
    assert 0.05 < frame.loc[upper, place] < 0.95 and frame.loc[lower, place] > 0.05
    strongest = [p.channel for p in cf.recommend(rossi).picks][:2]
    assert (frame.loc[strongest, "in_mix"] >= 0.9).all()
    assert frame.iloc[-1]["rank_1"] == 0.0
    # More noise spreads the ranks: the plain first channel is first less often.
    wide = rank_acceptability(rossi, samples=4000, seed=0, spread=1.0, mix_samples=0)
    assert wide.iloc[0]["rank_1"] < frame.iloc[0]["rank_1"]


def test_perturbation_keeps_zeros_and_normalises() -> None:
    rng = np.random.default_rng(0)
    base = np.array([0.6, 0.0, 0.3, 0.1])
    noise = rng.standard_normal((500, 4))
    exact = _perturb(base, noise, 0.0)
    assert (exact == base).all()
    sampled = _perturb(base, noise, 0.5)
    assert (sampled[:, 1] == 0).all()
    np.testing.assert_allclose(sampled.sum(axis=1), 1.0)
    assert sampled[:, 0].std() > 0.01
    # Multiplicative noise: the median of log(w_a / w_b) stays at the profile's ratio.
    assert np.median(np.log(sampled[:, 0] / sampled[:, 2])) == pytest.approx(math.log(2.0), abs=0.1)


def test_bad_options_are_profile_errors(rossi: dict) -> None:
    for kwargs in ({"samples": 0}, {"spread": -0.1}, {"objective": "maximal"}, {"mix_samples": -1}, {"samples": 2.5}):
        with pytest.raises(cf.ProfileError):
            rank_acceptability(rossi, **kwargs)
    with pytest.raises(cf.ProfileError):
        minimum_budget(rossi, share=1.5)
    with pytest.raises(cf.ProfileError):
        budget_frontier(rossi, monthly=[-1.0])


def test_accepts_a_path_json_text_and_a_profile(rossi: dict) -> None:
    path = EXAMPLES / "officine_rossi.json"
    frames = [
        rank_acceptability(source, samples=100, mix_samples=0)
        for source in (path, path.read_text(encoding="utf-8"), cf.Profile.model_validate(rossi))
    ]
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], frame)


# --- budget frontier ----------------------------------------------------------------------------


#: The mix is the best over every split of the money (solutions.best_mix), so the frontier is monotone up to
#: rounding; with the selection made on the spend tiers only, cosmetics_japan's frontier fell by 0.2 %.
SPLIT_TOLERANCE = 1e-9


def _check_frontier(frame: pd.DataFrame, monotone: bool = True) -> None:
    assert list(frame.columns) == ["monthly", "weekly_hours", "objective", "channels", "monthly_cost", "weekly_hours_used"]
    feasible = frame[frame["objective"].notna()]
    assert (feasible["monthly_cost"] <= feasible["monthly"] * (1 + 1e-9) + 1e-6).all()
    assert (feasible["weekly_hours_used"] <= feasible["weekly_hours"] + 1e-6).all()
    assert (frame.loc[frame["objective"].isna(), "channels"] == "infeasible").all()
    grid = frame.pivot(index="monthly", columns="weekly_hours", values="objective").sort_index().sort_index(axis=1)
    values = grid.to_numpy()
    for axis in (0, 1) if monotone else ():
        lower = np.delete(values, -1, axis=axis)
        upper = np.delete(values, 0, axis=axis)
        # Monotone non-decreasing; an infeasible point is never above a feasible one.
        assert not (np.isnan(upper) & ~np.isnan(lower)).any()
        both = ~np.isnan(lower) & ~np.isnan(upper)
        assert (upper[both] >= lower[both] - SPLIT_TOLERANCE).all()


@pytest.mark.parametrize("name", NAMES)
def test_frontier_is_monotone_and_feasible(name: str) -> None:
    profile = load_example(name)
    frame = budget_frontier(profile)
    assert len(frame) == 64
    _check_frontier(frame)
    own = frame[(frame["monthly"] == profile["budget"]["monthly"]) & (frame["weekly_hours"] == profile["budget"]["weekly_hours"])]
    plan = cf.recommend(profile)
    assert len(own) == 1
    assert own["objective"].iloc[0] == plan.objective
    assert own["channels"].iloc[0] == ", ".join(f"{p.channel}:{p.level}" for p in plan.picks)
    assert own["monthly_cost"].iloc[0] == pytest.approx(plan.totals.monthly_cost, abs=0.01)
    assert own["weekly_hours_used"].iloc[0] == pytest.approx(sum(budgeted_hours(p, cf.catalog()) for p in plan.picks), abs=0.01)
    if profile.get("present_on"):  # accounts kept at their level cannot run on no money and no hours
        assert math.isnan(frame["objective"].iloc[0]) and frame["channels"].iloc[0] == "infeasible"
    else:
        assert frame["objective"].iloc[0] == 0.0  # no money, no hours


def test_frontier_marks_infeasible_points_with_includes(rossi: dict) -> None:
    rossi["include"] = ["youtube"]
    frame = budget_frontier(rossi, monthly=[0, 400, 800], weekly_hours=[0, 2, 6, 12])
    _check_frontier(frame)
    zero = frame[frame["weekly_hours"] == 0]
    assert zero["objective"].isna().all() and (zero["channels"] == "infeasible").all()
    feasible = frame[frame["objective"].notna()]
    assert len(feasible) and feasible["channels"].str.contains("youtube:").all()


@FEW
@given(profiles(), st.lists(st.floats(0, 3000), min_size=1, max_size=3), st.lists(st.floats(0, 30), min_size=1, max_size=3))
def test_frontier_property(profile: dict, monthly: list[float], hours: list[float]) -> None:
    try:
        frame = budget_frontier(profile, monthly=monthly, weekly_hours=hours, objective="additive")
    except cf.InfeasibleError:
        assert profile["include"]  # an included channel blocked everywhere or needing premises
        return
    assert len(frame) == len(monthly) * len(hours)
    frame = frame.drop_duplicates(subset=["monthly", "weekly_hours"])
    given = isinstance(profile.get("present_on"), dict) and any(profile["present_on"].values()) and not profile.get("may_drop_accounts")
    _check_frontier(frame, monotone=not given)  # accounts kept at given levels are lowered on small budgets


def test_the_frontier_lowers_kept_accounts_as_the_plan_does() -> None:
    """A Lagos label keeping Instagram at grow read "infeasible" in the frontier at 100,000 NGN, where recommend()
    lowers the account and gives a plan: each point of the frontier is the plan for that budget."""
    label = {"name": "label", "model": "b2c", "sector": "fashion", "markets": {"NG": 0.8, "GB": 0.1, "US": 0.1}, "audience": {"age": [18, 45], "gender": "female"},
             "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 250000, "currency": "NGN", "weekly_hours": 10},
             "formats": ["text", "image", "short_video"], "present_on": {"instagram": "grow", "whatsapp": "maintain"}, "max_channels": 4}
    frame = budget_frontier(label, monthly=[100000, 250000], weekly_hours=[10])
    for _, row in frame.iterrows():
        plan = cf.recommend({**label, "budget": {**label["budget"], "monthly": row["monthly"]}})
        assert row["objective"] == plan.objective and row["channels"] == ", ".join(f"{p.channel}:{p.level}" for p in plan.picks)


# --- minimum budget -----------------------------------------------------------------------------


def _scaled(profile: dict, factor: float) -> dict:
    out = copy.deepcopy(profile)
    out["budget"]["monthly"] = factor * profile["budget"]["monthly"]
    out["budget"]["weekly_hours"] = factor * profile["budget"]["weekly_hours"]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_minimum_budget_reaches_the_share_and_is_minimal(name: str) -> None:
    profile = load_example(name)
    result = minimum_budget(profile, share=0.8, tolerance=0.01)
    full_plan = cf.recommend(profile)
    full = result["full_objective"]
    assert full == pytest.approx(full_plan.objective, abs=1e-12)
    assert 0.0 <= result["factor"] <= 1.0
    assert result["objective"] >= 0.8 * full - 1e-9
    assert result["monthly"] == result["factor"] * profile["budget"]["monthly"]
    # A mix the plan grows into: the plan's own channels, each at no more than its level in the plan.
    levels = {p.channel: LEVELS.index(p.level) for p in full_plan.picks}
    for label in filter(None, result["channels"].split(", ")):
        channel, level = label.split(":")
        assert LEVELS.index(level) <= levels[channel], label
    # The best such mix reaches the share at the factor, and not one tolerance below it.
    from channelfit.problem import build_problem
    from channelfit.solutions import best_mix

    cat = cf.catalog()
    problem = build_problem(cf.Profile.model_validate(profile), cat)
    own = {int(np.flatnonzero(problem.candidates == cat.index["channels"][c])[0]): level for c, level in levels.items()}

    def value_at(factor: float) -> float:
        return best_mix(problem, "coverage", own, monthly_budget_eur=factor * problem.monthly_budget_eur, weekly_hours=factor * profile["budget"]["weekly_hours"]).value

    assert value_at(result["factor"]) == pytest.approx(result["objective"], abs=1e-12)
    smaller = result["factor"] - 0.01 * 1.0001
    if smaller >= 0:
        assert value_at(smaller) < 0.8 * full


@pytest.mark.parametrize("name", ["officine_rossi", "cosmetics_japan"])
def test_minimum_budget_is_monotone_in_the_share(name: str) -> None:
    profile = load_example(name)
    results = [minimum_budget(profile, share=s, tolerance=0.005) for s in (0.0, 0.3, 0.6, 0.8, 0.95, 1.0)]
    factors = [r["factor"] for r in results]
    assert factors == sorted(factors)
    assert factors[0] == 0.0 or profile.get("present_on"), "only accounts kept at their level cost something at share 0"
    assert results[-1]["objective"] >= results[-1]["full_objective"] - 1e-9
    assert factors[-1] > factors[1]  # reaching all of it costs more than reaching 30 %


@FEW
@given(profiles(), st.floats(0.05, 1.0), st.floats(0.05, 1.0))
def test_minimum_budget_property(profile: dict, a: float, b: float) -> None:
    low, high = sorted((a, b))
    try:
        first = minimum_budget(profile, share=low, tolerance=0.02)
    except cf.InfeasibleError:
        assert _plan_or_none(profile) is None
        return
    second = minimum_budget(profile, share=high, tolerance=0.02)
    assert first["factor"] <= second["factor"]
    for result in (first, second):
        assert result["objective"] >= result["share"] * result["full_objective"] - 1e-9


@settings(max_examples=40, deadline=None)
@given(profiles(), st.sampled_from([0.3, 0.8, 1.0]), st.sampled_from(["coverage", "additive"]))
def test_the_enumerated_minimum_budget_equals_the_bisection_of_decision_searches(profile: dict, share: float, objective: str) -> None:
    """The plan's own mixes, enumerated, give the factor and the value that a bisection of decision searches gives."""
    from channelfit import solutions
    from channelfit.problem import build_problem

    try:
        problem = build_problem(cf.Profile.model_validate(profile), cf.catalog())
        main = solutions.best_mix(problem, objective)  # type: ignore[arg-type]
    except cf.InfeasibleError:
        return
    enumerated = solutions.minimum_budget(problem, objective, main, share)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solutions, "ENUMERATED_MIXES", 0)
        searched = solutions.minimum_budget(problem, objective, main, share)  # type: ignore[arg-type]
    assert enumerated.factor == searched.factor
    assert enumerated.solved.value == pytest.approx(searched.solved.value, abs=1e-12)
    assert enumerated.solved.value >= share * main.value - 1e-9


@settings(max_examples=25, deadline=None)
@given(profiles(), st.floats(0.0, 1.0), st.integers(0, 2**16))
def test_samples_score_bit_for_bit_as_the_scorer_scores_them(profile: dict, spread: float, seed: int) -> None:
    """rank_acceptability scores its samples from the profile's own criteria; each equals score() on that sample."""
    from dataclasses import fields, replace

    from channelfit.analysis import _sample_scores
    from channelfit.criteria import CRITERIA, ProfileArrays
    from channelfit.problem import build_problem
    from channelfit.scorer import encode, score

    cat = cf.catalog()
    parsed = cf.Profile.model_validate(profile)
    try:
        problem = build_problem(parsed, cat)
    except cf.InfeasibleError:
        return
    base = encode([parsed], cat)
    rng = np.random.default_rng(seed)
    goal_weights = _perturb(base.goal_weights[0], rng.standard_normal((50, base.goal_weights.shape[1])), spread)
    criteria_weights = _perturb(base.criteria_weights[0], rng.standard_normal((50, len(CRITERIA))), spread)
    tiled = ProfileArrays(**{f.name: np.repeat(getattr(base, f.name), 50, axis=0) for f in fields(ProfileArrays)})
    scored = score(replace(tiled, goal_weights=goal_weights, criteria_weights=criteria_weights), cat, problem.affinity)
    assert np.array_equal(_sample_scores(problem, goal_weights, criteria_weights), scored.score[:, problem.candidates])
