"""Reliability, round two: every caller error is a ChannelfitError, reads are bounded, PDCA state is checked, output is escaped."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import channelfit as cf
from channelfit.cli import main

from .conftest import EXAMPLES, edited_catalog, load_example

BIG = 10**400


@pytest.mark.parametrize("patch", [{"markets": {"IT": BIG}}, {"goals": {"sales": BIG}}, {"budget": {"monthly": BIG, "weekly_hours": 5}}])
def test_a_400_digit_number_is_a_profile_error(patch: dict) -> None:
    with pytest.raises(cf.ProfileError):
        cf.recommend({**load_example("officine_rossi"), **patch})


def test_a_huge_unknown_key_gives_a_short_error() -> None:
    key = "x" * 10_000_000
    with pytest.raises(cf.ProfileError) as info:
        cf.recommend({**load_example("officine_rossi"), "goals": {key: 1}})
    assert len(str(info.value)) < 1_000
    assert len(json.dumps(info.value.to_dict())) < 2_000


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_at_once(capsys: pytest.CaptureFixture[str], path: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    assert main(["recommend", path]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_fifo_does_not_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "profile.json"
    os.mkfifo(fifo)
    assert main(["recommend", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err


@pytest.mark.parametrize("seed", ["-1", "x"])
def test_bad_seeds_exit_2(capsys: pytest.CaptureFixture[str], seed: str) -> None:
    assert main(["stability", str(EXAMPLES / "officine_rossi.json"), "--seed", seed, "--samples", "10"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_frontier_json_is_strict_and_text_mode_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({**load_example("officine_rossi"), "include": ["youtube"]}), encoding="utf-8")
    assert main(["frontier", str(profile), "--monthly", "0", "500", "--weekly-hours", "0", "6", "--json"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out
    assert any(row["objective"] is None for row in json.loads(out))
    assert main(["frontier", str(profile), "--monthly", "0", "500", "--weekly-hours", "0", "6"]) == 0


def test_a_huge_csv_cell_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(cf.recommend(load_example("restaurant_valencia")).model_dump_json(), encoding="utf-8")
    results = tmp_path / "results.csv"
    results.write_text("channel,period,kpi,baseline,value\n" + '"' + "x" * 200_000 + '",2026-01,reviews,1,2\n', encoding="utf-8")
    assert main(["check", str(plan), str(results)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_tampered_plan_or_evidence_is_an_evidence_error() -> None:
    profile = load_example("restaurant_valencia")
    plan = json.loads(cf.recommend(profile).model_dump_json())
    pick = plan["picks"][0]
    rows = [{"channel": pick["channel"], "period": "2026-01", "kpi": pick["kpis"][0]["kpi"], "baseline": 1, "value": 2}]
    renamed = json.loads(json.dumps(plan))
    renamed["picks"][0]["channel"] = "myspace"
    with pytest.raises(cf.EvidenceError):
        cf.check(renamed, rows)
    evidence = json.loads(cf.check(plan, rows).model_dump_json())
    for edit in (
        lambda e: e.update(prior_periods=0.001),
        lambda e: e.update(periods=["2026-01", "2026-01"]),
        lambda e: e.update(periods=["=HYPERLINK(1)"]),
        lambda e: next(iter(next(iter(e["channels"].values())).values())).update(attainment_sum=99.0),
    ):
        tampered = json.loads(json.dumps(evidence))
        edit(tampered)
        with pytest.raises(cf.EvidenceError):
            cf.recommend(profile, evidence=tampered)


def test_period_labels_are_trimmed_and_checked() -> None:
    plan = cf.recommend(load_example("restaurant_valencia"))
    pick = plan.picks[0]
    row = {"channel": pick.channel, "kpi": pick.kpis[0].kpi, "baseline": 1, "value": 2}
    evidence = cf.check(plan, [{**row, "period": " 2026-01 "}])
    assert evidence.periods == ["2026-01"]
    with pytest.raises(cf.EvidenceError, match="already checked"):
        cf.check(plan, [{**row, "period": "2026-01 "}], evidence=evidence)  # the same period, with a space
    for bad in ("2026\n01", "=1+1", "\x00"):
        with pytest.raises(cf.EvidenceError):
            cf.check(plan, [{**row, "period": bad}])


def test_a_newline_in_catalog_text_cannot_start_a_markdown_line(tmp_path: Path) -> None:
    from channelfit.render import render_plan

    injected = "LinkedIn\n# Owned\n![x](http://evil/x.png)<script>"
    cat = edited_catalog(tmp_path, "channels.csv", {"channel": "linkedin"}, {"name": injected})
    page = render_plan(cf.recommend(load_example("officine_rossi"), catalog=cat))
    lines = page.splitlines()
    assert "# Owned" not in lines and not any(line.startswith("![x]") for line in lines)


def test_catalog_files_must_stay_inside_the_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(cf.catalog().directory, data)
    (data / "sources.csv").unlink()
    (data / "sources.csv").symlink_to("/etc/passwd")
    with pytest.raises(cf.CatalogError) as info:
        cf.load_catalog(data)
    assert "root:" not in str(info.value)


def test_a_non_utf8_catalog_file_is_a_catalog_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(cf.catalog().directory, data)
    (data / "fx.csv").write_bytes(b"currency,per_eur\n\xff\xfe,1\n")
    with pytest.raises(cf.CatalogError) as info:
        cf.load_catalog(data)
    assert info.value.file == "fx.csv" and "UTF-8" in str(info.value)


def test_caps_on_samples_and_grids() -> None:
    with pytest.raises(cf.ProfileError):
        cf.rank_acceptability(load_example("officine_rossi"), samples=10**12)
    with pytest.raises(cf.ProfileError):
        cf.budget_frontier(load_example("officine_rossi"), monthly=list(range(100)), weekly_hours=list(range(100)))


# --- the fuzz campaign, grown to the CLI's other commands and the analysis functions ----------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from .test_reliability import json_values, nasty, near_valid_profiles  # noqa: E402

ARGUMENT = st.one_of(st.sampled_from(["-1", "0", "1", "1e400", "nan", "inf", "x", "", "10", "--json", "IT", "social", "99999999999"]), st.text(max_size=8))
# 25 examples each in CI; the long campaign (HYPOTHESIS_PROFILE=long) runs 1,000 each
FUZZ = settings(
    max_examples=1_000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def _one_line_or_output(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("channelfit: error: ")
    else:
        assert not err


@FUZZ
@given(value=st.one_of(near_valid_profiles(), json_values), command=st.sampled_from(["frontier", "stability"]), extra=st.lists(ARGUMENT, max_size=3))
def test_fuzzed_frontier_and_stability(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: object, command: str, extra: list[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    options = {"frontier": ["--monthly", "--weekly-hours"], "stability": ["--samples", "--seed", "--spread", "--mix-samples"]}[command]
    argv = [command, str(path), *(["--samples", "50", "--mix-samples", "2"] if command == "stability" else [])]
    for i, word in enumerate(extra):
        argv += [options[i % len(options)], word]
    code = main(argv)
    out, err = capsys.readouterr()
    _one_line_or_output(code, out, err)


@FUZZ
@given(market=st.one_of(st.none(), ARGUMENT), orientation=st.one_of(st.none(), ARGUMENT), as_json=st.booleans())
def test_fuzzed_channels(capsys: pytest.CaptureFixture[str], market: str | None, orientation: str | None, as_json: bool) -> None:
    argv = ["channels", *(["--market", market] if market is not None else []), *(["--orientation", orientation] if orientation is not None else []), *(["--json"] if as_json else [])]
    code = main(argv)
    out, err = capsys.readouterr()
    _one_line_or_output(code, out, err)
    if code == 0 and as_json:
        json.loads(out)


@FUZZ
@given(rows=st.lists(st.dictionaries(st.sampled_from(["channel", "period", "kpi", "baseline", "value"]), nasty, max_size=5), max_size=4), as_csv=st.booleans())
def test_fuzzed_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list, as_csv: bool) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(cf.recommend(load_example("restaurant_valencia"), minimum_budget_share=None).model_dump_json(), encoding="utf-8")
    if as_csv:
        results = tmp_path / "results.csv"
        results.write_text("channel,period,kpi,baseline,value\n" + "\n".join(",".join(str(r.get(k, "")).replace(",", " ").replace("\n", " ") for k in ("channel", "period", "kpi", "baseline", "value")) for r in rows) + "\n", encoding="utf-8")
    else:
        results = tmp_path / "results.json"
        results.write_text(json.dumps(rows, default=str), encoding="utf-8")
    code = main(["check", str(plan), str(results)])
    out, err = capsys.readouterr()
    _one_line_or_output(code, out, err)


@FUZZ
@given(samples=nasty, seed=nasty, spread=nasty, monthly=nasty, share=nasty)
def test_fuzzed_analysis_functions(samples: object, seed: object, spread: object, monthly: object, share: object) -> None:
    profile = load_example("officine_rossi")
    calls = (
        lambda: cf.rank_acceptability(profile, samples=samples, seed=seed, spread=spread, mix_samples=0),  # type: ignore[arg-type]
        lambda: cf.budget_frontier(profile, monthly=monthly, weekly_hours=[6]),  # type: ignore[arg-type]
        lambda: cf.minimum_budget(profile, share=share),  # type: ignore[arg-type]
    )
    for call in calls:
        try:
            call()
        except cf.ChannelfitError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 1_000


def test_check_handles_100000_records() -> None:
    """The largest results table accepted is read in one linear pass: evidence for what fits the caps, an error past them."""
    plan = cf.recommend(load_example("restaurant_valencia"), minimum_budget_share=None)
    pairs = [(p.channel, k.kpi) for p in plan.picks for k in p.kpis]
    rows = [{"channel": c, "kpi": k, "period": f"2026-{i:04d}", "baseline": 10, "value": 11} for i in range(1_000) for c, k in pairs]
    evidence = cf.check(plan, rows)
    assert len(evidence.periods) == 1_000
    many = [{**row, "period": f"{n}-{row['period']}"} for n in range(100_000 // len(rows) + 1) for row in rows][:100_000]
    with pytest.raises(cf.EvidenceError, match="too many periods"):
        cf.check(plan, many)


def test_evidence_from_another_organisation_is_refused() -> None:
    profile = load_example("restaurant_valencia")
    plan = cf.recommend(profile)
    pick = plan.picks[0]
    evidence = cf.check(plan, [{"channel": pick.channel, "period": "2026-01", "kpi": pick.kpis[0].kpi, "baseline": 1, "value": 2}])
    assert cf.recommend({**profile, "budget": {**profile["budget"], "monthly": 300}}, evidence=evidence).picks  # a new budget is fine
    with pytest.raises(cf.EvidenceError) as info:
        cf.recommend(load_example("officine_rossi"), evidence=evidence)
    assert info.value.field == "evidence.organisation"
