"""Ads an organisation may not buy: closed to its country by their owner, or banned for its sector by law."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given

import channelfit as cf
from channelfit.explain import locale
from channelfit.problem import build_problem, effectiveness
from channelfit.strategies import profiles
from channelfit.vocabulary import GROW, LEVELS, MAINTAIN

MOSCOW_EXPORTER = {
    "name": "Moscow exporter",
    "kind": "company",
    "sector": "retail",
    "model": "b2c",
    "markets": {"KZ": 1.0},
    "based_in": "RU",
    "goals": ["sales", "brand_awareness"],
    "budget": {"monthly": 200000, "currency": "RUB", "weekly_hours": 15},
    "premises": False,
}
ISTANBUL_DENTIST = {
    "name": "Istanbul dental clinic",
    "kind": "company",
    "sector": "health",
    "model": "b2c",
    "markets": {"TR": 1.0},
    "goals": {"local_visits": 3, "brand_awareness": 1, "customer_service": 1},
    "budget": {"monthly": 60000, "currency": "TRY", "weekly_hours": 8},
    "premises": True,
    "formats": ["image", "short_video", "text"],
}
ANTALYA_CLINIC = {
    **ISTANBUL_DENTIST,
    "name": "Antalya hair clinic",
    "markets": {"RU": 0.3, "GB": 0.3, "DE": 0.2, "TR": 0.2},
    "based_in": "TR",
    "goals": {"lead_generation": 3, "brand_awareness": 2},
    "budget": {"monthly": 250000, "currency": "TRY", "weekly_hours": 12},
}


def _buys_ads(pick: cf.Pick, cat: cf.Catalog) -> bool:
    return pick.extra_promotion > 0 or bool(cat.level_buys_ads[cat.index["channels"][pick.channel], LEVELS.index(pick.level)])


def test_a_channel_closed_to_ads_takes_no_boosts_and_a_search_ad_account_is_excluded(cat: cf.Catalog) -> None:
    """A Moscow firm selling to Kazakhstan read "no paid promotion: Meta does not sell ads to organisations based in
    Russia" beside 37,079 RUB a month of Instagram boosts, and had Google Ads at maintain."""
    plan = cf.recommend(MOSCOW_EXPORTER)
    closed = {channel for (channel, country), row in cat.closed_rows.items() if country == "RU" and row.closes == "ads"}
    picked = [p for p in plan.picks if p.channel in closed]
    assert picked, "the plan should still pick a channel whose ads are closed, for its organic reach"
    assert not any(_buys_ads(p, cat) for p in picked)
    excluded = {e.channel: e for e in plan.excluded}
    assert excluded["google_ads"].reason == "closed"
    assert not any(p.channel == "google_ads" for p in plan.picks)


def test_including_a_search_ad_account_closed_to_the_organisation_is_infeasible() -> None:
    with pytest.raises(cf.InfeasibleError) as info:
        cf.recommend({**MOSCOW_EXPORTER, "include": ["google_ads"]})
    assert info.value.field == "include" and info.value.value == "google_ads"


def test_a_sector_ad_ban_at_home_buys_no_ads_and_says_why(cat: cf.Catalog) -> None:
    """A Turkish clinic's checklist said Turkish law bans its paid posts while the plan bought them (review 27)."""
    plan = cf.recommend(ISTANBUL_DENTIST)
    assert not any(_buys_ads(p, cat) for p in plan.picks)
    assert plan.totals.unspent > 0 and plan.totals.unspent_why is not None and plan.totals.unspent_why.code == "unspent_ads_banned"
    row = cat.ad_ban_rows[("health", "TR")]
    banned = {e.channel: e for e in plan.excluded if e.reason == "ads_banned"}
    assert "google_ads" in banned and banned["google_ads"].why.source_id == row.source_id
    paid_channels = [p for p in plan.picks if (cat.level_buys_ads[cat.index["channels"][p.channel]] | (cat.level_spend_scale_eur[cat.index["channels"][p.channel]] > 0)).any()]
    assert paid_channels and all(any(r.code == "ads_banned" for r in p.why) for p in paid_channels)


def test_a_ban_on_the_home_market_leaves_the_ads_abroad_a_share_of_their_lift(cat: cf.Catalog) -> None:
    """An Antalya clinic selling to Russia, Britain and Germany may sponsor posts aimed abroad: its grow campaigns lift
    the goals by the share of its markets abroad, and a search-ad account serves them in that share alone."""
    problem = build_problem(cf.Profile.model_validate(ANTALYA_CLINIC), cat)
    allowed = 1.0 - float(problem.arrays.ad_ban_share[0])
    assert allowed == pytest.approx(0.8)
    unbanned = effectiveness(dataclasses.replace(problem, arrays=dataclasses.replace(problem.arrays, ad_ban_share=np.zeros(1))))
    banned = problem.channel_effectiveness
    google_ads, facebook = cat.index["channels"]["google_ads"], cat.index["channels"]["facebook"]
    assert banned[google_ads] == pytest.approx(allowed * unbanned[google_ads])
    lifted = cat.goal_paid_lift
    expected = unbanned[facebook, MAINTAIN, lifted] + allowed * (unbanned[facebook, GROW, lifted] - unbanned[facebook, MAINTAIN, lifted])
    assert banned[facebook, GROW, lifted] == pytest.approx(expected)
    assert (banned[facebook, GROW, lifted] < unbanned[facebook, GROW, lifted]).any()
    plan = cf.recommend(ANTALYA_CLINIC)
    abroad = [p for p in plan.picks if _buys_ads(p, cat)]
    said = locale("en")["reasons"]["ads_banned_abroad"].split(":")[0]
    assert abroad and all(any(r.code == "ads_banned" and r.text.startswith(said) for r in p.why) for p in abroad)


@given(profiles())
def test_a_sector_banned_from_advertising_anywhere_buys_no_ads(profile: dict) -> None:
    """Indian advocates may not advertise, wherever the ads would run (Bar Council of India Rules, rule 36)."""
    cat = cf.catalog()
    banned = {**profile, "sector": "legal", "based_in": "IN", "include": [c for c in profile["include"] if not cat.ads_only[cat.index["channels"][c]]]}
    try:
        plan = cf.recommend(banned)
    except cf.InfeasibleError:
        return
    assert not any(_buys_ads(p, cat) for p in plan.picks)
    assert all(e.reason != "ads_banned" or cat.ads_only[cat.index["channels"][e.channel]] for e in plan.excluded)
