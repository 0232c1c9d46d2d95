from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

import channelfit as cf
from channelfit.problem import SETUP_WEEKS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# CI runs a fixed, moderate number of examples; `HYPOTHESIS_PROFILE=long` runs the long fuzzing campaign.
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def cat() -> cf.Catalog:
    return cf.catalog()


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def rossi() -> dict:
    return load_example("officine_rossi")


def pytest_report_header() -> str:
    return f"channelfit {cf.__version__} from {Path(cf.__file__).parent}"


def edited_catalog(tmp_path: Path, file: str, match: dict[str, str], updates: dict[str, str]) -> cf.Catalog:
    """A copy of the packaged catalog in ``tmp_path`` whose rows of ``file`` matching ``match`` get ``updates``."""
    import csv
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cf.catalog().directory, data)
    path = data / file
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if all(row[key] == value for key, value in match.items()):
            row.update(updates)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return cf.load_catalog(data)


def budgeted_hours(pick: cf.Pick, cat: cf.Catalog) -> float:
    """The hours a pick takes from the weekly budget: the more of its running hours and, while it is set up, its
    channel's lowest level plus its setup over a quarter (an account already run has no setup)."""
    c = cat.index["channels"][pick.channel]
    lowest = int(np.flatnonzero(cat.level_offered[c])[0])
    return max(pick.weekly_hours, float(cat.level_weekly_hours[c, lowest]) + pick.setup_hours / SETUP_WEEKS)
