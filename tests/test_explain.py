"""Every reason's numbers equal the data they cite, in English, Italian and Russian."""

from __future__ import annotations

import pytest

import channelfit as cf
from channelfit.explain import format_number, percent
from channelfit.scorer import age_overlap
from channelfit.vocabulary import LANGUAGES, LEVELS

from .conftest import EXAMPLES, load_example

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_reasons_state_the_data(name: str, language: str, cat: cf.Catalog) -> None:
    data = load_example(name)
    profile = cf.Profile.model_validate(data)
    plan = cf.recommend(data, language=language)
    rate = cat.fx_per_eur[profile.budget.currency]
    checked = set()
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        for reason in pick.why:
            v = reason.values
            if reason.code == "reach":
                k = cat.index["countries"][v["country"]]
                row = cat.market_row(pick.channel, str(v["country"]))
                assert v["pct"] == percent(cat.reach[c, k])
                assert f"{v['pct']} %" in reason.text and str(v["country"]) in reason.text
                assert reason.source_id == (row.source_id if row.basis == "source" else None)
                if reason.source_id:
                    assert cat.sources[reason.source_id].publisher in reason.text and str(row.year) in reason.text
            elif reason.code == "sector_reach":
                row = cat.sector_reach_rows[(pick.channel, str(v["sector_id"]))]
                assert v["pct"] == percent(row.reach) and f"{v['pct']} %" in reason.text
                assert v["sector_id"] == profile.sector and profile.audience.professionals
            elif reason.code == "audience" and "first" in v:
                share = float(age_overlap(int(v["first"]), int(v["last"])) @ cat.age_shares[c])
                assert v["pct"] == percent(share)
                assert (v["first"], v["last"]) == tuple(profile.audience.age)
                assert f"{v['pct']} %" in reason.text and f"{v['first']}-{v['last']}" in reason.text
            elif reason.code == "audience":
                assert v["pct"] == percent(cat.share_professionals[c])
            elif reason.code == "goal":
                g = cat.index["goals"][str(v["goal_id"])]
                assert v["affinity"] == round(float(cat.goal_affinity[c, g]), 2)
                assert format_number(float(v["affinity"]), language) in reason.text
            elif reason.code == "level":
                lv = LEVELS.index(pick.level)
                assert v["money"] == pytest.approx(round(cat.level_monthly_cost_eur[c, lv] * rate, 2))
                assert v["hours"] == cat.level_weekly_hours[c, lv]
                assert format_number(float(v["money"]), language) in reason.text and format_number(float(v["hours"]), language) in reason.text
            checked.add(reason.code)
    assert {"reach", "audience", "goal", "level"} <= checked
    if name == "devtool_startup":
        assert "sector_reach" in checked, "GitHub's reach among developers is stated"


def test_languages_differ_but_numbers_agree() -> None:
    data = load_example("officine_rossi")
    plans = {lang: cf.recommend(data, language=lang) for lang in LANGUAGES}
    texts = {lang: [r.text for p in plan.picks for r in p.why] for lang, plan in plans.items()}
    values = {
        lang: [{k: v for k, v in r.values.items() if not isinstance(v, str)} for p in plan.picks for r in p.why] for lang, plan in plans.items()
    }
    assert texts["en"] != texts["it"]
    assert texts["it"] != texts["ru"]
    assert texts["en"] != texts["ru"]
    assert values["en"] == values["it"] == values["ru"]
