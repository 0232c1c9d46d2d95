"""Ads an organisation may not buy: closed to its country by their owner, or banned for its sector by law."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given

import channelfit as cf
from channelfit.criteria import CRITERIA
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


def _buys_visibility(pick: cf.Pick, cat: cf.Catalog) -> bool:
    """Ads, or a grow level that costs more than maintain: featured listings, a bigger package."""
    money = cat.level_monthly_cost_eur[cat.index["channels"][pick.channel]]
    return _buys_ads(pick, cat) or (pick.level == "grow" and money[GROW] > money[MAINTAIN])


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
    assert not any(_buys_visibility(p, cat) for p in plan.picks)
    assert plan.totals.unspent > 0 and plan.totals.unspent_why is not None and plan.totals.unspent_why.code == "unspent_ads_banned"
    row = cat.ad_ban_rows[("health", "TR")]
    banned = {e.channel: e for e in plan.excluded if e.reason == "ads_banned"}
    assert "google_ads" in banned and banned["google_ads"].why.source_id == row.source_id
    paid_channels = [p for p in plan.picks if (cat.level_buys_ads[cat.index["channels"][p.channel]] | (cat.level_spend_scale_eur[cat.index["channels"][p.channel]] > 0)).any()]
    assert paid_channels and all(any(r.code == "ads_banned" for r in p.why) for p in paid_channels)


def test_money_a_ban_keeps_is_put_down_to_the_ban_not_to_the_hours() -> None:
    """An Istanbul clinic keeping Instagram read that 1 h/week more would spend 4,000 of its 80,000 TRY left on
    Doktortakvimi, and to hire a freelancer for the rest (review 30): the ban keeps most of it, and says so."""
    clinic = {**ISTANBUL_DENTIST, "goals": {"local_visits": 3, "lead_generation": 2, "brand_awareness": 1}, "audience": {"age": [25, 60]},
              "budget": {"monthly": 80000, "currency": "TRY", "weekly_hours": 8}, "present_on": {"instagram": "maintain"}, "max_channels": 5}
    why = cf.recommend(clinic).totals.unspent_why
    assert why is not None and why.code == "unspent_ads_banned", why


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
    """Indian advocates may not advertise, wherever the ads would run (Bar Council of India Rules, rule 36): no ads, no
    boosts, no paid featured listings."""
    cat = cf.catalog()
    banned = {**profile, "sector": "legal", "based_in": "IN", "include": [c for c in profile["include"] if not cat.ads_only[cat.index["channels"][c]]]}
    try:
        plan = cf.recommend(banned)
    except cf.InfeasibleError:
        return
    # nor featured listings: a Turkish law firm bought sahibinden.com's "doping" beside "the plan buys no ads" (review 29)
    assert not any(_buys_visibility(p, cat) for p in plan.picks)
    assert all(e.reason != "ads_banned" or cat.ads_only[cat.index["channels"][e.channel]] for e in plan.excluded)


def test_a_listing_fits_no_better_than_it_fits_the_organisation_s_own_sector(cat: cf.Catalog) -> None:
    """An Istanbul law firm selling to property firms had a sahibinden.com store, the homes-and-cars classifieds (review
    29): a listing lists sellers of its kinds, whoever their buyers are."""
    firm = {"name": "law firm", "kind": "company", "model": "b2b", "sector": "legal", "markets": {"TR": 0.8, "DE": 0.2}, "based_in": "TR",
            "audience": {"age": [30, 60], "professionals": True, "sectors": ["manufacturing", "real_estate", "finance"]},
            "goals": {"lead_generation": 3, "thought_leadership": 2}, "budget": {"monthly": 60000, "currency": "TRY", "weekly_hours": 8},
            "formats": ["text", "article", "image"], "premises": True, "present_on": {"linkedin": "maintain"}, "max_channels": 4}
    problem = build_problem(cf.Profile.model_validate(firm), cat)
    sahibinden, linkedin = cat.index["channels"]["sahibinden"], cat.index["channels"]["linkedin"]
    sector = problem.scores.criteria[0][:, CRITERIA.index("sector")]
    legal = cat.index["sectors"]["legal"]
    assert sector[sahibinden] <= cat.sector_fit[sahibinden, legal] < cat.sector_fit[sahibinden, cat.index["sectors"]["real_estate"]]
    assert sector[linkedin] == pytest.approx(problem.arrays.sector_mix[0] @ cat.sector_fit[linkedin])  # a network keeps the buyers' fit
    assert "sahibinden" not in {p.channel for p in cf.recommend(firm).picks}


def test_an_owned_channel_whose_promotion_networks_are_closed_says_so_in_words() -> None:
    """A Tehran café read "no paid promotion: self does not sell ads to organisations based in Iran" on its newsletter
    (review 29), and had no channel to listen on for two of its goals, listed with nothing after "on"."""
    cafe = {"name": "café", "kind": "company", "model": "b2c", "sector": "food_and_drink", "markets": {"IR": 1.0}, "based_in": "IR",
            "audience": {"age": [18, 40]}, "goals": {"local_visits": 3, "brand_awareness": 1, "sales": 1},
            "budget": {"monthly": 60000000, "currency": "IRR", "weekly_hours": 8}, "formats": ["image", "short_video", "text"],
            "premises": True, "present_on": {"instagram": "maintain"}, "max_channels": 4, "include": ["email_newsletter"]}
    plan = cf.recommend(cafe)
    newsletter = next(p for p in plan.picks if p.channel == "email_newsletter")
    closed = [r for r in newsletter.why if r.code == "ads_closed"]
    assert closed and closed[0].text.startswith(locale("en")["reasons"]["ads_closed_owned"].split("{")[0]) and "self" not in closed[0].text
    assert all(item.channels for item in plan.listening)


@given(profiles())
def test_an_organisation_based_where_an_owner_sells_no_ads_buys_none_of_them(profile: dict) -> None:
    """Meta, Google and Snap sell no ads to organisations based in Russia: whatever the profile, no pick on their
    channels buys ads or boosts, and no search-ad account of theirs is picked."""
    cat = cf.catalog()
    closed = {channel for (channel, country), row in cat.closed_rows.items() if country == "RU" and row.closes == "ads"}
    based = {**profile, "based_in": "RU", "include": [c for c in profile["include"] if c not in closed]}
    try:
        plan = cf.recommend(based)
    except cf.InfeasibleError:
        return
    assert not any(_buys_ads(p, cat) for p in plan.picks if p.channel in closed)
