"""Batch N18: Hungary, Qatar and Ghana are catalog countries with the coverage the others have.

A Budapest café, a Doha estate agent and an Accra fashion e-shop selling to Ghana and Nigeria each get a plan whose
picks run in every market they target, from the country's own market rows; and their policy checklists name each
country's law instead of saying the checklist holds nothing on it (``docs/new_countries_n18.md``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import channelfit as cf
import channelfit.explain
from channelfit.explain import Explainer, locale
from channelfit.vocabulary import AVAILABILITY, LANGUAGES

NEW = ("HU", "QA", "GH")

BUDAPEST_CAFE = {
    "name": "Kávézó a Dunánál (Budapest)", "kind": "company", "model": "b2c", "sector": "food_and_drink", "markets": ["HU"],
    "audience": {"age": [20, 55], "gender": "any", "professionals": False},
    "goals": {"local_visits": 3, "brand_awareness": 1, "customer_service": 1},
    "budget": {"monthly": 150000, "currency": "HUF", "weekly_hours": 5}, "formats": ["text", "image", "short_video"],
    "premises": True, "max_channels": 3,
}
DOHA_BROKER = {
    "name": "Pearl Gate Realty (Doha)", "kind": "company", "model": "b2c", "sector": "real_estate", "markets": ["QA"],
    "audience": {"age": [25, 60], "gender": "any", "professionals": False}, "goals": {"lead_generation": 3, "brand_awareness": 1},
    "budget": {"monthly": 12000, "currency": "QAR", "weekly_hours": 8}, "formats": ["text", "image", "short_video", "long_video"],
    "premises": True, "max_channels": 4,
}
ACCRA_FASHION = {
    "name": "Kente & Co (Accra fashion e-shop)", "kind": "company", "model": "b2c", "sector": "fashion",
    "markets": {"GH": 0.7, "NG": 0.3}, "based_in": "GH", "audience": {"age": [18, 40], "gender": "female", "professionals": False},
    "goals": {"sales": 3, "brand_awareness": 2, "community": 1}, "budget": {"monthly": 6000, "currency": "GHS", "weekly_hours": 8},
    "formats": ["text", "image", "short_video"], "premises": False, "max_channels": 4,
}
PROFILES = {"HU": BUDAPEST_CAFE, "QA": DOHA_BROKER, "GH": ACCRA_FASHION}


def _line(language: str, marker: str, **keys: object) -> str:
    """The one general checklist line holding ``marker`` whose keys have the values ``keys`` give (``None``: absent)."""
    lines = [item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and marker in item["text"] and all(item.get(k) == v for k, v in keys.items())]
    assert len(lines) == 1, (language, marker, lines)
    return lines[0]


def _items(node: object) -> Iterator[dict]:
    """Every checklist item with a text anywhere in a locale file."""
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            yield node
        for value in node.values():
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)


def _law(language: str, country: str) -> str:
    """The country's own consent line: the line whose markets and countries are that country alone."""
    return _line(language, "", markets=[country], countries=[country])


@pytest.mark.parametrize("country", NEW)
def test_a_new_country_has_the_coverage_of_the_others(cat: cf.Catalog, country: str) -> None:
    k = cat.index["countries"][country]
    assert country in cat.countries and cat.people_millions[k] > 1
    for channel in ("facebook", "instagram", "youtube", "tiktok", "linkedin", "x", "snapchat", "pinterest", "whatsapp", "telegram",
                    "email_newsletter", "podcast", "google_business_profile", "google_ads", "google_shopping", "google_hotel_ads", "tripadvisor"):
        c = cat.index["channels"][channel]
        assert cat.market_source[c, k] == 1, (country, channel)  # its own row, not the WORLD fallback that reaches nobody
        assert cat.availability[c, k] == AVAILABILITY.index("available") and 0 < cat.reach[c, k] < 1, (country, channel)
    # channels only organisations of one other country can join are closed to one based here
    for channel in ("rozetka", "otto", "kaspi", "monobank_jar", "canadahelps", "gofundme"):
        assert (channel, country) in cat.closed_rows, (country, channel)


def test_the_closures_follow_the_platforms_country_lists(cat: cf.Catalog) -> None:
    """Spotify's Ad Studio is live in Ghana, not in Hungary or Qatar; Google for Nonprofits has launched in Hungary and
    Ghana, not (as far as the lists read show) in Qatar; JustGiving takes EU charities, so Hungary keeps it."""
    assert ("spotify", "HU") in cat.closed_rows and ("spotify", "QA") in cat.closed_rows and ("spotify", "GH") not in cat.closed_rows
    assert ("google_ad_grants", "QA") in cat.closed_rows
    grants = cat.index["channels"]["google_ad_grants"]
    assert all(cat.market_source[grants, cat.index["countries"][k]] == 1 for k in ("HU", "GH"))
    assert ("justgiving", "HU") not in cat.closed_rows and ("justgiving", "QA") in cat.closed_rows and ("justgiving", "GH") in cat.closed_rows


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", NEW)
def test_a_plan_in_a_new_country_picks_what_runs_there_and_names_its_law(cat: cf.Catalog, country: str, language: str) -> None:
    profile = PROFILES[country]
    plan = cf.recommend(profile, language=language, minimum_budget_share=None)
    targets = [cat.index["countries"][m] for m in profile["markets"]]
    assert plan.picks, country
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        assert all(cat.availability[c, k] == AVAILABILITY.index("available") for k in targets), (country, pick.channel)
        assert (pick.channel, profile.get("based_in", country)) not in cat.closed_rows, (country, pick.channel)
        assert all(cat.reach[c, k] > 0 for k in targets[:1]), (country, pick.channel)  # it reaches people in the main market
    explainer = Explainer(None, language, profile["kind"])
    for market in profile["markets"]:
        assert explainer.text("reasons", "policy_no_line", country=market) not in plan.policy, (country, market)
    assert _law(language, country) in plan.policy


@pytest.mark.parametrize("language", LANGUAGES)
def test_hungary_is_in_every_eu_list_and_reads_the_eus_law(language: str) -> None:
    """Every checklist line that lists the EU's member states one by one names Hungary too; a Budapest café reads the GDPR."""
    raw = json.loads((Path(channelfit.explain.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    items = list(_items(raw))  # the general lines and those of every kind and sector
    lists = [item[key] for item in items for key in ("markets", "countries", "based_in") if {"CZ", "RO", "GR"} <= set(item.get(key, ()))]
    assert len(lists) >= 14 and all("HU" in codes for codes in lists)
    gdpr = next(item["text"] for item in items if "HU" in item.get("markets", ()) and "NO" in item.get("markets", ()) and set(item) == {"text", "markets"})
    assert gdpr in cf.recommend(BUDAPEST_CAFE, language=language, minimum_budget_share=None).policy


@pytest.mark.parametrize("language", LANGUAGES)
def test_ghanas_registration_binds_organisations_based_there(language: str) -> None:
    """The Data Protection Commission's register binds controllers in Ghana: the Accra shop reads it; a Lagos shop selling
    to Ghana reads Ghana's consent line (it emails Ghanaians) but not the registration."""
    registration = _line(language, "Act 843", countries=["GH"], markets=None)
    accra = cf.recommend(ACCRA_FASHION, language=language, minimum_budget_share=None).policy
    assert registration in accra and _law(language, "GH") in accra
    lagos = cf.recommend({**ACCRA_FASHION, "markets": {"NG": 0.6, "GH": 0.4}, "based_in": "NG", "budget": {**ACCRA_FASHION["budget"], "currency": "NGN", "monthly": 600000}},
                         language=language, minimum_budget_share=None).policy
    assert registration not in lagos and _law(language, "GH") in lagos


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_countries_have_place_names(language: str) -> None:
    places = locale(language)["grammar"]["places"]["in"]
    assert all(places.get(k) and k not in places[k] for k in NEW)
    if language == "uk":
        assert places["HU"] == "в Угорщині" and places["GH"] == "у Гані"
