"""recommend_many and top_k equal recommend() row by row."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelfit as cf
from channelfit.strategies import profiles

from .conftest import EXAMPLES, load_example


def _expected(profile: dict, objective: str = "coverage") -> dict:
    try:
        plan = cf.recommend(profile, objective=objective, minimum_budget_share=None)
    except cf.ChannelfitError as exc:
        return {"error": str(exc)}
    return {
        "objective": plan.objective,
        "channels": tuple(p.channel for p in plan.picks),
        "levels": tuple(p.level for p in plan.picks),
        "monthly_cost": plan.totals.monthly_cost,
        "weekly_hours": plan.totals.weekly_hours,
        "error": None,
    }


@settings(max_examples=15)
@given(st.lists(profiles(), min_size=1, max_size=12), st.sampled_from(["coverage", "additive"]))
def test_recommend_many_equals_recommend_row_by_row(batch: list[dict], objective: str) -> None:
    frame = cf.recommend_many(batch, objective=objective)
    assert len(frame) == len(batch)
    for row, profile in zip(frame.to_dict(orient="records"), batch):
        expected = _expected(profile, objective)
        assert {k: row[k] for k in expected} == expected


def test_invalid_rows_get_their_error_and_the_rest_still_run() -> None:
    good = load_example("officine_rossi")
    frame = cf.recommend_many([good, {**good, "sector": "nope"}, {**good, "present_on": [], "include": ["youtube", "x"], "max_channels": 1}])
    assert frame.loc[0, "error"] is None and frame.loc[0, "channels"]
    assert "sector" in frame.loc[1, "error"]
    assert frame.loc[2, "error"].startswith("include:")


def test_dataframe_with_dotted_and_json_columns() -> None:
    names = sorted(p.stem for p in EXAMPLES.glob("*.json"))
    examples = [load_example(n) for n in names]
    flat = pd.json_normalize(examples, max_level=1)  # budget.monthly, audience.age, ...
    flat["markets"] = [__import__("json").dumps(e["markets"]) for e in examples]
    flat.index = names
    frame = cf.recommend_many(flat)
    assert list(frame.index) == names
    for name, example in zip(names, examples):
        assert frame.loc[name, "channels"] == _expected(example)["channels"]


def test_top_k_equals_the_plan_ranking() -> None:
    examples = [load_example(p.stem) for p in sorted(EXAMPLES.glob("*.json"))]
    frame = cf.top_k(examples, k=4)
    for r, example in enumerate(examples):
        ranking = cf.recommend(example).ranking[:4]
        assert [frame.loc[r, f"channel_{i + 1}"] for i in range(len(ranking))] == [c.channel for c in ranking]
        assert [frame.loc[r, f"score_{i + 1}"] for i in range(len(ranking))] == [c.score for c in ranking]


def test_top_k_takes_profile_arrays_as_documented() -> None:
    """``top_k`` takes a :class:`ProfileArrays` for very large batches, one row per profile: ``keep_present`` is one flag
    per profile (``may_drop_accounts``), as arrays built by hand give it. It had become per channel in session 18 and
    the benchmark's hand-built arrays stopped ranking; a media organisation's own media are kept from its sector."""
    from dataclasses import replace

    from channelfit.scorer import encode

    cat = cf.catalog()
    examples = [load_example(p.stem) for p in sorted(EXAMPLES.glob("*.json"))]
    arrays = encode([cf.Profile.model_validate(e) for e in examples], cat)
    assert arrays.keep_present.shape == (len(examples),)
    frame = cf.top_k(replace(arrays, keep_present=~arrays.keep_present), k=3)
    assert len(frame) == len(examples)
    assert cf.top_k(arrays, k=4).equals(cf.top_k(examples, k=4))


@settings(max_examples=20)
@given(st.lists(profiles(with_include=False), min_size=1, max_size=8), st.integers(1, 70))
def test_top_k_property(batch: list[dict], k: int) -> None:
    frame = cf.top_k(batch, k=k)
    for r, profile in enumerate(batch):
        plan = cf.recommend(profile, minimum_budget_share=None)
        row = frame.loc[r]
        if any(a.code == "accounts_kept" for a in plan.assumptions):  # the plan of the profile keeping its accounts
            row = cf.top_k([{**profile, "may_drop_accounts": False}], k=k).loc[0]
        shown = [row[f"channel_{i + 1}"] for i in range(min(k, len(cf.catalog().channels)))]
        assert [c for c in shown if not pd.isna(c)] == [c.channel for c in plan.ranking[:k]]


@pytest.mark.parametrize("bad", ["not a list", {"a": 1}, 42])
def test_bad_batch_input(bad: object) -> None:
    with pytest.raises(cf.ProfileError):
        cf.recommend_many(bad)  # type: ignore[arg-type]
    with pytest.raises(cf.ProfileError):
        cf.top_k([load_example("officine_rossi")], k=0)


@settings(max_examples=10)
@given(st.lists(profiles(with_include=False), min_size=2, max_size=40))
def test_scores_are_bit_identical_alone_or_in_a_batch(batch: list[dict]) -> None:
    """The scorer's sums run in a fixed order (no BLAS), so batching never changes a bit."""
    import numpy as np

    from channelfit.profile import parse_profile
    from channelfit.scorer import encode, score

    cat = cf.catalog()
    parsed = [parse_profile(p) for p in batch]
    together = score(encode(parsed, cat), cat)
    for i, profile in enumerate(parsed):
        alone = score(encode([profile], cat), cat)
        assert np.array_equal(alone.score[0], together.score[i])
        assert np.array_equal(alone.fit_without_goals[0], together.fit_without_goals[i])
        assert np.array_equal(alone.criteria[0], together.criteria[i])


def test_worker_processes_give_the_same_rows_in_the_same_order(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """n_jobs=2 splits the rows among spawned workers; the frame equals the one-process frame, bad rows included,
    with a custom catalog too (workers load it from its directory)."""
    from channelfit import batch as batch_module

    from .conftest import edited_catalog

    monkeypatch.setattr(batch_module, "_ROWS_PER_WORKER", 1)  # read in this process only: two workers for a few rows
    rows = [load_example(path.stem) for path in sorted(EXAMPLES.glob("*.json"))] * 2 + [{"name": "bad", "markets": ["XX"]}]
    frame = pd.DataFrame(rows)
    one = cf.recommend_many(frame)
    two = cf.recommend_many(frame, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    cat = edited_catalog(tmp_path, "levels.csv", {"channel": "linkedin", "level": "maintain"}, {"setup_hours": "30"})
    custom = cf.recommend_many(rows, catalog=cat, n_jobs=2)
    assert (custom["channels"] != one["channels"]).any(), "the edit changes a mix, so the workers must have used the custom catalog"
    pd.testing.assert_frame_equal(cf.recommend_many(rows, catalog=cat), custom)


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, True, "2"])
def test_bad_n_jobs_names_the_field(n_jobs: object) -> None:
    with pytest.raises(cf.ProfileError, match="n_jobs"):
        cf.recommend_many([load_example("officine_rossi")], n_jobs=n_jobs)  # type: ignore[arg-type]
