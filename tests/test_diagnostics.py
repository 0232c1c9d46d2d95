"""Diagnostics: AHP weights, the decision matrix, dominance, the weight change that swaps neighbours, WS similarity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import channelfit as cf
from channelfit.criteria import CRITERIA
from channelfit.diagnostics import sensitivity, weights_from_pairs, ws_coefficient
from channelfit.scorer import dominated
from channelfit.strategies import profiles

from .conftest import load_example

#: Rich Chih Lee, "Analytical Hierarchy Process Example" (three restaurants; criteria price level, interior
#: decoration, kinds of dishes): matrix [[1, 1/3, 1/5], [3, 1, 1/4], [5, 4, 1]] gives the weights 0.1007,
#: 0.2255 and 0.6738, lambda_max 3.0858 and a consistency ratio of 0.0739.
#: https://sites.google.com/site/richchihlee/portal/mis-research/analytical-hierarchy-process
WORKED = {"reach": {"goals": 1 / 3, "sector": 1 / 5}, "goals": {"sector": 1 / 4}}


def test_ahp_equals_the_published_worked_example() -> None:
    result = weights_from_pairs(WORKED)
    for criterion, published in (("reach", 0.1007), ("goals", 0.2255), ("sector", 0.6738)):
        assert result.weights[criterion] == pytest.approx(published, abs=5e-5)  # equal to the 4 decimals printed
    assert result.lambda_max == pytest.approx(3.0858, abs=1e-4)
    assert result.consistency_ratio == pytest.approx(0.0739, abs=1e-4)
    plan = cf.recommend({**load_example("officine_rossi"), "criteria_weights": result.weights})
    assert plan.criteria_weights["sector"] > plan.criteria_weights["reach"]


def test_inconsistent_judgements_raise_naming_the_worst_pair() -> None:
    with pytest.raises(cf.ProfileError) as info:
        weights_from_pairs({"reach": {"goals": 9, "sector": 1 / 9}, "goals": {"sector": 9}})
    assert "consistency ratio" in str(info.value)
    assert info.value.field is not None and info.value.field.startswith("pairs.")


@pytest.mark.parametrize("bad", [{"reach": {"beauty": 3}}, {"reach": {"goals": 12}}, {"reach": {"goals": 3}, "goals": {"reach": 1 / 3}}, {"reach": {"goals": 3, "sector": 2}}])
def test_bad_judgements_are_profile_errors(bad: dict) -> None:
    with pytest.raises(cf.ProfileError):
        weights_from_pairs(bad)


@settings(max_examples=30)
@given(profiles(with_include=False))
def test_a_dominated_channel_is_flagged_by_one_that_dominates_it(profile: dict) -> None:
    plan = cf.recommend(profile, minimum_budget_share=None)
    ranked = {r.channel: r for r in plan.ranking}
    for r in plan.ranking:
        if r.dominated_by is not None:
            other = ranked[r.dominated_by].criteria
            assert all(other[c] >= r.criteria[c] for c in CRITERIA) and any(other[c] > r.criteria[c] for c in CRITERIA)


@settings(max_examples=40)
@given(profiles(with_include=False))
def test_a_pick_is_said_to_be_there_for_its_cost_only_when_a_channel_left_out_dominates_it(profile: dict) -> None:
    """The 'dominated' reason of a pick names a channel of its own kind outside the mix that dominates it, and every
    pick that such a channel dominates says so (two picks where one dominates the other are both there for what they
    add; a search ad is not weighed against a social network)."""
    plan = cf.recommend(profile, minimum_budget_share=None)
    ranked = {r.channel: r for r in plan.ranking}
    picked = {p.channel for p in plan.picks}
    cat = cf.catalog()

    def beats(a: str, b: str) -> bool:
        x, y = ranked[a].criteria, ranked[b].criteria
        same_kind = cat.channel_rows[cat.index["channels"][a]].orientation == cat.channel_rows[cat.index["channels"][b]].orientation
        return same_kind and all(x[c] >= y[c] for c in CRITERIA) and any(x[c] > y[c] for c in CRITERIA)

    for pick in plan.picks:
        named = [w.values["other_id"] for w in pick.why if w.code == "dominated"]
        outside = [r.channel for r in plan.ranking if r.channel not in picked and beats(r.channel, pick.channel)]
        assert named == outside[:1], (pick.channel, named, outside)


def _score(criteria: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return float(np.exp(sum(weights[c] / total * np.log(criteria[c]) for c in CRITERIA)))


@settings(max_examples=30)
@given(profiles(with_include=False))
@example(  # two channels' goal criteria equal but for rounding once asked for a weight change of 1.7e15
    profile={
        "name": "",
        "kind": "person",
        "model": "b2b",
        "sector": "manufacturing",
        "markets": ["IT"],
        "audience": {"age": [13, 22], "gender": "any", "professionals": False},
        "goals": ["recruiting", "lead_generation"],
        "budget": {"monthly": 0.0, "currency": "AED", "weekly_hours": 0.0},
        "formats": ["text"],
        "premises": False,
        "present_on": [],
        "may_drop_accounts": True,
        "max_channels": 1,
    }
)
def test_the_reported_weight_change_swaps_the_pair_and_a_smaller_one_does_not(profile: dict) -> None:
    plan = cf.recommend(profile, minimum_budget_share=None)
    ranked = {r.channel: r for r in plan.ranking}
    for swap in sensitivity(plan):
        if swap.criterion is None:
            continue
        upper, lower = ranked[swap.upper].criteria, ranked[swap.lower].criteria
        if any(upper[c] <= 0 or lower[c] <= 0 for c in CRITERIA):
            continue
        before = _score(upper, plan.criteria_weights) - _score(lower, plan.criteria_weights)
        if abs(before) < 1e-6 or abs(swap.change) < 1e-9:  # a tie at float precision cannot be swapped measurably
            continue
        more = dict(plan.criteria_weights, **{swap.criterion: plan.criteria_weights[swap.criterion] + swap.change * 1.05})
        less = dict(plan.criteria_weights, **{swap.criterion: plan.criteria_weights[swap.criterion] + swap.change * 0.95})
        assert _score(upper, more) < _score(lower, more)
        assert _score(upper, less) > _score(lower, less)


def test_the_decision_matrix_reproduces_the_scores_by_a_weighted_product() -> None:
    plan = cf.recommend(load_example("officine_rossi"), minimum_budget_share=None)
    frame = cf.decision_matrix(plan)
    weights = np.array([frame.attrs["weights"][c] for c in frame.columns])
    product = np.exp(np.log(frame.to_numpy()) @ weights)
    assert np.allclose(product, [r.score for r in plan.ranking], atol=1e-9)
    assert set(frame.attrs["types"].values()) == {1}


def test_the_decision_matrix_reproduces_pymcdm_wpm() -> None:
    pymcdm = pytest.importorskip("pymcdm")
    plan = cf.recommend(load_example("officine_rossi"), minimum_budget_share=None)
    frame = cf.decision_matrix(plan)
    weights = np.array([frame.attrs["weights"][c] for c in frame.columns])
    wpm = pymcdm.methods.WPM()
    preferences = wpm(frame.to_numpy(), weights, np.ones(len(weights)))
    assert np.argsort(-preferences).tolist() == list(range(len(plan.ranking)))


def test_ws_coefficient() -> None:
    assert ws_coefficient([1, 2, 3, 4], [1, 2, 3, 4]) == 1.0
    assert ws_coefficient([1, 2, 3, 4], [2, 1, 3, 4]) < ws_coefficient([1, 2, 3, 4], [1, 2, 4, 3])


def test_objective_weights_are_a_diagnostic_beside_the_chosen_ones() -> None:
    from channelfit.diagnostics import objective_weights

    plan = cf.recommend(load_example("officine_rossi"), minimum_budget_share=None)
    before = plan.model_dump_json()
    weights = objective_weights(plan)
    for method in ("entropy", "critic"):
        assert set(weights[method]) == set(CRITERIA)
        assert sum(weights[method].values()) == pytest.approx(1.0)
        assert all(w >= 0 for w in weights[method].values())
    constant = [c for c in CRITERIA if len({r.criteria[c] for r in plan.ranking}) == 1]
    for c in constant:
        assert weights["entropy"][c] == pytest.approx(0.0) and weights["critic"][c] == 0.0
    assert plan.model_dump_json() == before  # never used, never changes the plan


def test_sensitivity_plot() -> None:
    pytest.importorskip("matplotlib")
    from channelfit.plots import plot_sensitivity

    plan = cf.recommend(load_example("officine_rossi"), minimum_budget_share=None)
    figure = plot_sensitivity(sensitivity(plan))
    assert len(figure.axes[0].patches) == len(plan.ranking) - 1


@given(hnp.arrays(np.float64, st.tuples(st.integers(0, 12), st.integers(1, 6)), elements=st.sampled_from([0.0, 0.25, 0.5, 1.0])))
def test_dominated_names_the_first_row_that_dominates_each_row(criteria: np.ndarray) -> None:
    """The vectorised dominance check equals the definition, row by row, on matrices with many ties."""
    expected = [
        next((j for j in range(len(criteria)) if (criteria[j] >= criteria[i]).all() and (criteria[j] > criteria[i]).any()), -1)
        for i in range(len(criteria))
    ]
    assert dominated(criteria).tolist() == expected
