"""A public benchmark of organisations: the picks a strategist expects, and those that must not appear.

Each organisation in ``tests/data/organisations.json`` names the published practice behind its
expectation (Pew, BrightLocal, CMI, M+R, Ofcom, MIC, Mediascope, the catalog's block rows). A known
gap is an expected failure, strict: when the catalog or the model closes it, the test says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import channelfit as cf
from channelfit.render import NEXT_BEST_SHOWN

BENCHMARK = json.loads((Path(__file__).parent / "data" / "organisations.json").read_text(encoding="utf-8"))
ORGANISATIONS = BENCHMARK["organisations"]


def _case(org: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=org["gap"])] if "gap" in org else []
    return pytest.param(org, id=org["id"], marks=marks)


def test_the_benchmark_is_wide_and_cited() -> None:
    assert len(ORGANISATIONS) >= 30
    countries = {country for org in ORGANISATIONS for country in org["profile"]["markets"]}
    assert len(countries) >= 15
    assert all(org["source"] in BENCHMARK["sources"] for org in ORGANISATIONS)


@pytest.mark.parametrize("org", [_case(org) for org in ORGANISATIONS])
def test_the_expected_picks(org: dict) -> None:
    plan = cf.recommend({"name": org["id"], **org["profile"]}, minimum_budget_share=None)
    picks = {p.channel for p in plan.picks}
    anywhere = picks | {c.channel for phase in plan.phases for c in phase.channels}
    if org["any_of"]:
        assert picks & set(org["any_of"]), f"none of {org['any_of']} in {sorted(picks)}"
    assert not anywhere & set(org["none_of"]), f"{sorted(anywhere & set(org['none_of']))} should not appear"
    if "specialist" in org:
        # the channel a specialist names is in some phase, or among the next best the plan shows with the limit that keeps it out
        shown = {r.channel for r in [r for r in plan.ranking if not r.picked][:NEXT_BEST_SHOWN] if r.why_not is not None}
        assert (anywhere | shown) & set(org["specialist"]), f"none of the specialist's {org['specialist']} in any phase or the next best: {sorted(anywhere | shown)}"


def test_different_organisations_get_different_mixes() -> None:
    mixes = {tuple(sorted(p.channel for p in cf.recommend(org["profile"], minimum_budget_share=None).picks)) for org in ORGANISATIONS}
    assert len(mixes) >= 0.7 * len(ORGANISATIONS)
