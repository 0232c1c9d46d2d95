"""Reliability: fuzzed input only ever gives a Plan or a ChannelfitError; determinism across runs,
processes and threads; safe text outputs; an error contract with machine-readable fields."""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import channelfit as cf
from channelfit.cli import main
from channelfit.render import render_plan, safe_cell
from channelfit.strategies import profiles

from .conftest import EXAMPLES, load_example

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
nasty = st.one_of(
    st.just(float("nan")),
    st.just(float("inf")),
    st.just(-1),
    st.just(10**30),
    st.just(10**400),
    st.just(""),
    st.builds(list),
    st.builds(dict),
    st.just(None),
    st.just(True),
    st.text(max_size=8),
    st.just("=cmd|' /C calc'!A0"),
    st.just("\u202eevil\u0000"),
    json_values,
)
FIELDS = ["name", "kind", "model", "sector", "markets", "audience", "goals", "budget", "formats", "premises", "present_on", "may_drop_accounts", "include", "exclude", "max_channels", "criteria_weights"]


@st.composite
def near_valid_profiles(draw: st.DrawFn) -> dict:
    profile = draw(profiles())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "budget", "audience", "unknown"]))
        if where == "top":
            profile[draw(st.sampled_from(FIELDS))] = draw(nasty)
        elif where == "budget" and isinstance(profile.get("budget"), dict):
            profile["budget"][draw(st.sampled_from(["monthly", "currency", "weekly_hours", "extra"]))] = draw(nasty)
        elif where == "audience" and isinstance(profile.get("audience"), dict):
            profile["audience"][draw(st.sampled_from(["age", "gender", "professionals"]))] = draw(nasty)
        else:
            profile[draw(st.text(min_size=1, max_size=10))] = draw(nasty)
    return profile


def _outcome(value: object) -> str:
    try:
        plan = cf.recommend(value)  # type: ignore[arg-type]
    except cf.ChannelfitError as exc:
        line = str(exc)
        assert "\n" not in line and line
        json.dumps(exc.to_dict())
        return "error"
    assert isinstance(plan, cf.Plan)
    json.loads(plan.model_dump_json())
    return "plan"


@given(json_values)
def test_arbitrary_json_gives_plan_or_error(value: object) -> None:
    _outcome(value)


@given(near_valid_profiles())
def test_near_valid_profiles_give_plan_or_error(profile: dict) -> None:
    _outcome(profile)


@given(st.text(max_size=200))
def test_arbitrary_text_gives_plan_or_error(text: str) -> None:
    _outcome(text)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(near_valid_profiles(), json_values))
def test_cli_exits_0_or_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: object) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    code = main(["recommend", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("channelfit: error: ") and not out
    else:
        assert out and not err


@pytest.fixture(scope="module")
def rossi_plan() -> cf.Plan:
    return cf.recommend(load_example("officine_rossi"))


@given(st.one_of(json_values, st.lists(st.dictionaries(st.sampled_from(["channel", "period", "kpi", "baseline", "value"]), nasty, max_size=5), max_size=4)))
def test_check_gives_evidence_or_error(value: object) -> None:
    plan = cf.recommend(load_example("officine_rossi"), minimum_budget_share=None)
    try:
        evidence = cf.check(plan, value)  # type: ignore[arg-type]
    except cf.ChannelfitError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(evidence, cf.Evidence)
    for goals in evidence.channels.values():
        for record in goals.values():
            assert math.isfinite(record.attainment_sum)


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_same_json_across_processes_with_different_hash_seeds(name: str) -> None:
    code = "import sys, channelfit as cf; sys.stdout.write(cf.recommend(open(sys.argv[1]).read()).model_dump_json())"
    outputs = set()
    for seed in ("0", "1", "12345"):
        result = subprocess.run(
            [sys.executable, "-c", code, str(EXAMPLES / f"{name}.json")],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert outputs.pop() == cf.recommend(load_example(name)).model_dump_json().encode()


def test_thread_pool_gives_the_sequential_answers() -> None:
    inputs = []
    for name in sorted(p.stem for p in EXAMPLES.glob("*.json")):
        base = load_example(name)
        for factor in (0.5, 1.0, 2.0):
            variant = copy.deepcopy(base)
            variant["budget"]["monthly"] *= factor
            inputs.append(variant)
    sequential = [cf.recommend(p).model_dump_json() for p in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(lambda p: cf.recommend(p).model_dump_json(), inputs)) == sequential
        # the same Profile objects shared by every thread (their cached criteria weights are filled concurrently)
        shared = [cf.Profile.model_validate(p) for p in inputs] * 3
        assert list(pool.map(lambda p: cf.recommend(p).model_dump_json(), shared)) == sequential * 3


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "a|b\nc\x1b[31m"])
def test_user_strings_are_escaped_in_text(name: str) -> None:
    plan = cf.recommend({**load_example("restaurant_valencia"), "name": name})
    title = render_plan(plan).splitlines()[0]
    shown = title.removeprefix("# Channel plan: ")
    assert not shown.startswith(("=", "+", "-", "@"))
    assert "\n" not in shown and "\x1b" not in shown and "|" not in shown.replace("\\|", "")


@pytest.mark.parametrize(("value", "expected"), [("=1+1", "'=1+1"), ("-3", "-3"), ("-x", "'-x"), ("@a", "'@a"), ("ok", "ok"), ("a|b", "a\\|b")])
def test_safe_cell(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


def test_csv_export_is_formula_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    profile = {**load_example("restaurant_valencia"), "name": "=cmd|' /C calc'!A0"}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    assert main(["recommend", str(path), "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) and not (cell.startswith("-") and not cell[1:2].isdigit())


# --- the error contract --------------------------------------------------------------------------


def test_profile_error_fields() -> None:
    with pytest.raises(cf.ProfileError) as info:
        cf.recommend({**load_example("officine_rossi"), "max_channels": 99})
    e = info.value
    assert (e.field, e.value) == ("max_channels", 99)
    assert e.allowed == "<= 20"
    assert str(e) == "max_channels: Input should be less than or equal to 20 (allowed: <= 20)"
    assert e.to_dict() == {"type": "ProfileError", "message": str(e), "field": "max_channels", "value": 99, "allowed": "<= 20"}


def test_infeasible_error_fields() -> None:
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**load_example("officine_rossi"), "present_on": [], "include": ["youtube", "x"], "max_channels": 1})
    e = info.value
    assert e.field == "include"
    assert sorted(e.value) == ["x", "youtube"]
    assert str(e).startswith("include: 2 channels must be in the plan (included) but max_channels is 1")
    assert isinstance(e, cf.ChannelfitError) and isinstance(e, ValueError)


def test_catalog_error_fields(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cf.catalog().directory, data)
    text = (data / "fx.csv").read_text(encoding="utf-8").replace("USD,1.13", "USD,zero")
    (data / "fx.csv").write_text(text, encoding="utf-8")
    with pytest.raises(cf.CatalogError) as info:
        cf.load_catalog(data)
    e = info.value
    assert (e.file, e.row, e.column, e.value) == ("fx.csv", 3, "per_eur", "zero")
    assert str(e).startswith("fx.csv, row 3, column per_eur: ")
    assert e.allowed == "a finite number"


def test_evidence_error_fields() -> None:
    with pytest.raises(cf.EvidenceError) as info:
        cf.recommend(load_example("officine_rossi"), evidence={"version": 1})
    e = info.value
    assert e.field and e.field.startswith("evidence.") and "\n" not in str(e)


def test_errors_are_one_hierarchy() -> None:
    for cls in (cf.ProfileError, cf.CatalogError, cf.InfeasibleError, cf.EvidenceError):
        assert issubclass(cls, cf.ChannelfitError)
