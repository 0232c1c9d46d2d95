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
