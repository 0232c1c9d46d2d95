"""The CLI: tables and JSON out, schemas, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import channelfit as cf
from channelfit.cli import main

from .conftest import EXAMPLES


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_recommend_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "officine_rossi.json")
    code, out, err = _run(capsys, "recommend", path)
    assert code == 0 and not err
    assert "# Channel plan: Officine Rossi" in out and "LinkedIn" in out
    code, out, _ = _run(capsys, "recommend", path, "--json")
    assert code == 0
    plan = cf.Plan.model_validate_json(out)
    assert plan.picks and plan.model_dump_json(indent=2) + "\n" == out


def test_channels_browse(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "channels", "--market", "RU", "--json")
    rows = json.loads(out)
    assert code == 0
    by_id = {r["channel"]: r for r in rows}
    assert by_id["instagram"]["availability"] == "blocked" and by_id["instagram"]["reach"] == 0
    assert rows[0]["reach"] >= rows[-1]["reach"]
    code, out, _ = _run(capsys, "channels", "--orientation", "vertical")
    assert code == 0 and "github" in out and "facebook" not in out


@pytest.mark.parametrize("kind", ["profile", "plan"])
def test_schema(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    code, out, _ = _run(capsys, "schema", kind)
    schema = json.loads(out)
    assert code == 0 and schema["type"] == "object"
    if kind == "profile":
        assert "manufacturing" in schema["properties"]["sector"]["enum"]
        assert {"budget", "markets", "goals"} <= set(schema["required"])


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["recommend", "missing.json"], "cannot open the file"),
        (["recommend"], "required"),
        (["frobnicate"], "invalid choice"),
        (["channels", "--market", "ZZ"], "--market"),
        (["channels", "--orientation", "telepathy"], "--orientation"),
    ],
)
def test_bad_invocations_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and not out
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ('{"model": "b2b"}', "required"),
        ('{"model": "b2b", "sector": "manufacturing", "markets": ["IT"], "goals": ["sales"], "budget": {"monthly": 10, "weekly_hours": -1}}', "budget.weekly_hours"),
        ("[1, 2]", "profile must be an object"),
    ],
)
def test_bad_profiles_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, fragment: str) -> None:
    path = tmp_path / "profile.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, "recommend", str(path))
    assert code == 2 and not out
    assert err.count("\n") == 1 and fragment in err


def test_console_script_runs_in_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "channelfit.cli", "recommend", str(EXAMPLES / "restaurant_valencia.json"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["picks"]


def test_frontier_and_stability(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "officine_rossi.json")
    code, out, _ = _run(capsys, "frontier", path, "--monthly", "0", "800", "--weekly-hours", "6", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["monthly"] for r in rows] == [0, 800]
    assert rows[0]["objective"] <= rows[1]["objective"]
    code, out, _ = _run(capsys, "stability", path, "--samples", "500", "--mix-samples", "10")
    assert code == 0 and "rank_1" in out and "in_mix" in out
    code, _, err = _run(capsys, "stability", path, "--samples", "0")
    assert code == 2 and err.count("\n") == 1 and "samples" in err


def test_profile_from_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO((EXAMPLES / "restaurant_valencia.json").read_text(encoding="utf-8")))
    code, out, err = _run(capsys, "recommend", "-", "--json")
    assert code == 0 and not err
    assert json.loads(out)["picks"]


def test_every_command_takes_a_catalog_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cf.catalog().directory, data)
    assert main(["recommend", str(EXAMPLES / "officine_rossi.json"), "--json", "--catalog", str(data)]) == 0
    assert json.loads(capsys.readouterr().out)["picks"]
    (data / "levels.csv").unlink()
    assert main(["channels", "--catalog", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "levels.csv" in err


def test_weights_and_sensitivity_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = tmp_path / "pairs.json"
    pairs.write_text(json.dumps({"reach": {"goals": 1 / 3, "sector": 1 / 5}, "goals": {"sector": 1 / 4}}), encoding="utf-8")
    assert main(["weights", str(pairs)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["consistency_ratio"] == pytest.approx(0.0739, abs=1e-4)
    assert main(["stability", str(EXAMPLES / "officine_rossi.json"), "--samples", "500", "--mix-samples", "0", "--sensitivity", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["swaps"] and -1.0 <= out["ws_plain_vs_central"] <= 1.0
    pairs.write_text(json.dumps({"reach": {"goals": 9, "sector": 1 / 9}, "goals": {"sector": 9}}), encoding="utf-8")
    assert main(["weights", str(pairs)]) == 2
    assert "consistency ratio" in capsys.readouterr().err
