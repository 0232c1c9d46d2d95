"""Reach among the people you want to reach: one base for every figure, by country and age band.

The figures these tests cite are in data/reach_bands.csv with their sources:
Pew Research Center, "Teens, Social Media and Technology 2024" (US teens 13-17, ever use: YouTube 90 %,
TikTok 63 %, Instagram 61 %, Snapchat 55 %, Facebook 32 %), and Pew's adult surveys by age
(65+: Facebook 50 %, TikTok 4-10 %, Snapchat 2-4 %).
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelfit as cf
from channelfit.render import render_plan
from channelfit.strategies import profiles

DEVELOPER_NETWORKS = {"github", "stack_overflow", "dev_to", "hacker_news"}


def _us(age: list[int]) -> dict:
    return {
        "model": "b2c",
        "sector": "fashion",
        "markets": ["US"],
        "audience": {"age": age},
        "goals": ["brand_awareness"],
        "budget": {"monthly": 0, "weekly_hours": 5},
        "formats": ["text", "image", "short_video", "long_video"],
    }


def _reach(profile: dict) -> dict[str, float]:
    """The reach criterion of every eligible channel."""
    return {r.channel: r.criteria["reach"] for r in cf.recommend(profile, minimum_budget_share=None).ranking}


def test_us_teens_are_reached_by_youtube_tiktok_instagram_snapchat_more_than_facebook() -> None:
    reach = _reach(_us([13, 17]))
    for channel in ("youtube", "tiktok", "instagram", "snapchat"):
        assert reach[channel] > reach["facebook"], channel
    assert reach["facebook"] == pytest.approx(0.32)  # Pew 2024: 32 % of US teens use Facebook
    assert reach["youtube"] == pytest.approx(0.90)


def test_us_over_65s_are_reached_by_facebook_more_than_tiktok_and_snapchat() -> None:
    reach = _reach(_us([65, 90]))
    assert reach["facebook"] > reach["tiktok"]
    assert reach["facebook"] > reach["snapchat"]


def test_each_reach_in_a_reason_equals_the_row_it_cites(cat: cf.Catalog) -> None:
    plan = cf.recommend(_us([13, 17]) | {"budget": {"monthly": 2000, "currency": "USD", "weekly_hours": 15}, "max_channels": 4})
    checked = 0
    for pick in plan.picks:
        for reason in pick.why:
            if reason.code != "reach" or "estimated" in reason.text:
                continue
            rows = cat.reach_band_rows[(pick.channel, "US")]
            cited = [row for row in rows if row.source_id == reason.source_id and (row.age_min, row.age_max) == (13, 17)]
            assert cited and round(cited[0].reach * 100) == reason.values["pct"], (pick.channel, reason.text)
            checked += 1
    assert checked >= 2


def test_reach_never_exceeds_internet_use_and_blocked_reaches_nobody(cat: cf.Catalog) -> None:
    assert (cat.band_reach <= cat.internet_bands[None, :, :] + 1e-12).all()
    assert (cat.band_reach[cat.availability == 2] == 0).all()
    assert np.allclose(cat.population_bands.sum(axis=1), 1.0)


def test_a_world_row_never_overrides_a_block_and_never_brings_reach(cat: cf.Catalog) -> None:
    owned = np.array([row.orientation == "owned" for row in cat.channel_rows])
    fallback = cat.market_source == 0
    assert (cat.band_reach[fallback & ~owned[:, None]] == 0).all()
    for (channel, region), row in cat.market_rows.items():
        if region != "WORLD" and row.availability == "blocked":
            assert (cat.band_reach[cat.index["channels"][channel], cat.index["countries"][region]] == 0).all()


@settings(max_examples=30)
@given(profiles(with_include=False), st.randoms(use_true_random=False))
def test_reach_is_invariant_to_the_order_of_markets(profile: dict, rnd: random.Random) -> None:
    markets = profile["markets"]
    if isinstance(markets, dict):
        keys = list(markets)
        rnd.shuffle(keys)
        shuffled = {**profile, "markets": {k: markets[k] for k in keys}}
    else:
        shuffled = {**profile, "markets": rnd.sample(markets, len(markets))}
    try:
        first, second = _reach(profile), _reach(shuffled)
    except cf.InfeasibleError:
        return
    assert first == second


def test_reach_is_invariant_to_the_order_of_band_rows(tmp_path: Path, cat: cf.Catalog) -> None:
    data = tmp_path / "data"
    shutil.copytree(cat.directory, data)
    for name in ("reach_bands.csv", "country_ages.csv", "internet_use.csv"):
        with (data / name).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        random.Random(7).shuffle(rows)
        with (data / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    shuffled = cf.load_catalog(data)
    assert np.array_equal(shuffled.band_reach, cat.band_reach)
    assert np.array_equal(shuffled.population_bands, cat.population_bands)


def test_a_market_without_a_row_is_said_to_have_no_figure_not_zero(tmp_path: Path, cat: cf.Catalog) -> None:
    """Where the catalog has no row for a channel in a market, the plan says it has no figure there (and counts no
    reach), instead of "reaches about 0 %" citing the WORLD row's source or "reaches nobody in your markets"."""
    data = tmp_path / "data"
    shutil.copytree(cat.directory, data)
    path = data / "channel_markets.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    dropped = {("instagram", "IT"), ("youtube", "IT"), ("youtube", "ES")}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if (r["channel"], r["region"]) not in dropped)
    gaps = cf.load_catalog(data)
    brand = {"name": "brand", "model": "b2c", "sector": "fashion", "markets": {"IT": 1, "ES": 1}, "audience": {"age": [18, 40]},
             "goals": {"brand_awareness": 3}, "budget": {"monthly": 0, "weekly_hours": 8}, "include": ["instagram"], "max_channels": 2}
    plan = cf.recommend(brand, catalog=gaps, minimum_budget_share=None)
    instagram = next(p for p in plan.picks if p.channel == "instagram")
    assert [r.values for r in instagram.why if r.code == "reach_unknown"] == [{"country": "IT"}]
    assert {r.values["country"] for r in instagram.why if r.code == "reach"} == {"ES"}
    youtube = next(e for e in plan.excluded if e.channel == "youtube")
    assert youtube.why.text == "no reach figure in the catalog for your markets, so counted as reaching nobody there"


def _saas(goals: dict[str, int]) -> dict:
    return {
        "name": "HR software, Berlin",
        "model": "b2b",
        "sector": "software",
        "markets": {"DE": 3, "AT": 1},
        "audience": {"age": [28, 60], "professionals": True, "sectors": ["manufacturing"]},
        "goals": goals,
        "budget": {"monthly": 1500, "weekly_hours": 12},
        "formats": ["text", "article", "image"],
        "max_channels": 4,
    }


def test_selling_to_manufacturers_gets_no_developer_network() -> None:
    plan = cf.recommend(_saas({"lead_generation": 3, "thought_leadership": 1}))
    assert not DEVELOPER_NETWORKS & {p.channel for p in plan.picks}
    assert not DEVELOPER_NETWORKS & {c.channel for ph in plan.phases for c in ph.channels}


def test_recruiting_developers_counts_the_developer_networks_reach() -> None:
    selling = _reach(_saas({"lead_generation": 1}))
    hiring = _reach(_saas({"recruiting": 1}))
    for channel in ("github", "stack_overflow"):
        assert hiring[channel] > max(0.2, 5 * selling.get(channel, 0.0)), channel


def test_a_regional_networks_reach_among_professionals_counts_only_in_its_markets() -> None:
    """XING's reach among professional-services people is a DACH figure: a Manila recruiter gets none of it (the plan
    picked XING at grow there), a Berlin one does; GitHub, used everywhere, keeps its developers in every market (a
    Manila software house hiring reads it among them)."""
    def recruiter(market: str) -> dict:
        return {
            "name": "recruiter", "model": "b2b", "sector": "professional_services", "markets": [market],
            "audience": {"age": [22, 45], "professionals": True, "sectors": ["professional_services", "software"]},
            "goals": {"recruiting": 3, "lead_generation": 2}, "budget": {"monthly": 1000, "weekly_hours": 15},
        }

    manila, berlin = cf.recommend(recruiter("PH"), minimum_budget_share=None), _reach(recruiter("DE"))
    assert "xing" not in {r.channel for r in manila.ranking}
    assert {e.channel: e.reason for e in manila.excluded}["xing"] in ("no_fit", "too_little_reach")
    assert berlin["xing"] > 0.1
    assert _reach({**recruiter("PH"), "sector": "software"})["github"] > 0.1


def test_consumers_count_a_verticals_reach_among_the_people_in_its_market(cat: cf.Catalog) -> None:
    """A Madrid estate agency reaches house hunters on idealista (customer_reach.csv), not a fifth of all people;
    the same channel for a professional audience keeps its general reach."""
    agency = {"model": "b2c", "sector": "real_estate", "markets": ["ES"], "audience": {"age": [28, 60]}, "goals": ["lead_generation"], "budget": {"monthly": 800, "weekly_hours": 8}, "formats": ["image", "text"]}
    row = cat.customer_reach[cat.index["channels"]["idealista"], cat.index["sectors"]["real_estate"], cat.index["countries"]["ES"]]
    assert _reach(agency)["idealista"] == pytest.approx(row)
    professional = {**agency, "model": "b2b", "audience": {"age": [28, 60], "professionals": True}}
    assert _reach(professional).get("idealista", 0.0) < row
    recruiting = {**agency, "goals": ["recruiting"]}
    assert _reach(recruiting).get("idealista", 0.0) < row


def test_a_listing_reaches_the_people_near_the_premises_unless_customers_travel_there(cat: cf.Catalog) -> None:
    """A maps or booking listing reaches the people of the market where the premises are (the budget's currency,
    else the largest market): a Chilean winery selling mostly to the US was told its Google listing reached 96 % of
    Americans. A hotel's listing reaches the travellers of every target market."""
    from channelfit.criteria import premises_markets
    from channelfit.scorer import encode

    winery = {"name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"US": 0.8, "CL": 0.2}, "audience": {"age": [30, 65]},
              "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 2500000, "currency": "CLP", "weekly_hours": 8}, "premises": True}
    plan = cf.recommend(winery, minimum_budget_share=None)
    listing = next(r for r in plan.ranking if r.channel == "google_business_profile")
    chile_only = 0.2 * cat.reach[cat.index["channels"]["google_business_profile"], cat.index["countries"]["CL"]]
    assert listing.criteria["reach"] <= chile_only * 1.2 + 1e-9
    hotel = {**winery, "sector": "hospitality", "budget": {"monthly": 2000, "currency": "USD", "weekly_hours": 8}}
    assert _reach(hotel)["google_business_profile"] > 0.5

    def home(profile: dict) -> list[str]:
        arrays = encode([cf.Profile.model_validate(profile)], cat)
        return [cat.countries[k] for k in premises_markets(arrays, cat)[0].nonzero()[0]]

    assert home(winery) == ["CL"]
    assert home({**winery, "markets": {"DE": 0.3, "FR": 0.7}, "budget": {"monthly": 100, "weekly_hours": 5}}) == ["FR"]
    assert home({**winery, "markets": {"GB": 0.6, "US": 0.4}, "budget": {"monthly": 100, "currency": "USD", "weekly_hours": 5}}) == ["US"]
    assert sorted(home(hotel)) == ["CL", "US"]
    assert sorted(home({**winery, "goals": {"sales": 1, "local_visits": 3}})) == ["CL", "US"]  # it wants the Americans at its cellar door
    assert sorted(home({**winery, "goals": {"sales": 3, "local_visits": 1}})) == ["CL"]  # a few visitors: its sales abroad are not a listing's
    picked = next((p for p in plan.picks if p.channel == "google_business_profile"), None)
    if picked is not None:
        assert {r.values["country"] for r in picked.why if r.code == "reach"} <= {"CL"}
        assert [r.values for r in picked.why if r.code == "premises_home"] == [{"country": "CL"}]


def test_a_listing_costs_what_ads_cost_where_it_reaches(cat: cf.Catalog) -> None:
    """A Vienna architecture studio's Google profile read 412 EUR/month at grow, then 375 once Germany joined its
    markets at 30 % (review 31): its local campaign runs near the premises, in Austria, so the cost of Germany's clicks
    does not price it; a channel reaching every market (search ads) still blends the markets' costs."""
    from channelfit.problem import build_problem
    from channelfit.vocabulary import GROW

    studio = {"name": "studio", "model": "b2b2c", "sector": "architecture_and_interiors", "markets": {"AT": 1.0}, "goals": {"lead_generation": 1},
              "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 6}, "premises": True}
    with_germany = {**studio, "markets": {"AT": 0.7, "DE": 0.3}}
    alone, both = (build_problem(cf.Profile.model_validate(p), cat) for p in (studio, with_germany))
    listing, search = cat.index["channels"]["google_business_profile"], cat.index["channels"]["google_ads"]
    assert cat.needs_premises[listing] and not cat.needs_premises[search]
    assert both.money[listing, GROW] == pytest.approx(alone.money[listing, GROW])
    family = cat.ad_family[search]
    at, de = (cat.cost_index[cat.index["countries"][k], family] for k in ("AT", "DE"))
    if at != de and both.money[search, GROW] > 0:
        assert both.money[search, GROW] != pytest.approx(alone.money[search, GROW])


def test_business_buyers_count_a_review_sites_reach_among_them_and_the_plan_says_so(cat: cf.Catalog) -> None:
    """A Bangalore B2B SaaS had G2 and Capterra excluded as 'too little reach' (1 % of all people): for a
    professional audience the professional rows of customer_reach.csv count (business buyers of software), the
    consumer rows do not, and a consumer app maker keeps the general reach; every pick states the figure it counts."""
    saas = {"name": "saas", "model": "b2b", "sector": "software", "markets": ["US"], "audience": {"age": [25, 60], "professionals": True},
            "goals": ["lead_generation"], "budget": {"monthly": 3000, "weekly_hours": 20}, "formats": ["text", "article", "image"]}
    g2 = cat.index["channels"]["g2"], cat.index["sectors"]["software"], cat.index["countries"]["US"]
    assert cat.customer_reach_professionals[g2]
    assert _reach(saas)["g2"] == pytest.approx(cat.customer_reach[g2])
    consumer_app = {**saas, "model": "b2c", "audience": {"age": [25, 60]}}
    assert _reach(consumer_app).get("g2", 0.0) < cat.customer_reach[g2]
    agency = {"name": "agency", "model": "b2c", "sector": "real_estate", "markets": ["ES"], "audience": {"age": [28, 60]}, "goals": ["lead_generation"],
              "budget": {"monthly": 800, "weekly_hours": 8}, "formats": ["image", "text"]}
    for profile in (saas, agency):
        for pick in cf.recommend(profile, minimum_budget_share=None).picks:
            for reason in pick.why:
                if reason.code == "customer_reach":
                    row = cat.customer_reach_rows[(pick.channel, profile["sector"], reason.values["country"])]
                    assert reason.values["pct"] == round(row.reach * 100) and (row.audience == "professionals") == profile["audience"].get("professionals", False)
    idealista = next(p for p in cf.recommend(agency, minimum_budget_share=None).picks if p.channel == "idealista")
    assert any(r.code == "customer_reach" for r in idealista.why)


def test_recruiting_counts_the_people_where_the_organisation_is_based(cat: cf.Catalog) -> None:
    """A Krakow software house selling to Germany and Britain hires in Poland: its recruiting counts a channel's
    reach among Poles (it was sent to XING's ads to recruit Germans), its selling goals the reach in its markets;
    budgeting in euros in Germany, it hires in Germany."""
    from channelfit.criteria import REGISTRY
    from channelfit.scorer import encode, score

    krakow = {"name": "software house", "model": "b2b", "sector": "software", "markets": {"DE": 0.5, "GB": 0.5},
              "audience": {"age": [25, 55]}, "goals": {"recruiting": 1}, "budget": {"monthly": 20000, "currency": "PLN", "weekly_hours": 20},
              "formats": ["text", "image"], "max_channels": 5}
    reach_index = [c.name for c in REGISTRY].index("reach")

    def reach(profile: dict) -> np.ndarray:
        arrays = encode([cf.Profile.model_validate(profile)], cat)
        return score(arrays, cat).criteria[0, :, reach_index]

    hiring = reach(krakow)
    in_poland = reach({**krakow, "markets": ["PL"]})
    linkedin, xing = cat.index["channels"]["linkedin"], cat.index["channels"]["xing"]
    assert hiring[linkedin] == pytest.approx(in_poland[linkedin]) and hiring[xing] == pytest.approx(in_poland[xing])
    berlin = reach({**krakow, "budget": {"monthly": 5000, "currency": "EUR", "weekly_hours": 20}})  # based in Germany, its largest euro market
    assert berlin[xing] > 5 * max(hiring[xing], 1e-3)
    selling = reach({**krakow, "goals": {"lead_generation": 1}})
    assert selling[xing] == pytest.approx(reach({**krakow, "goals": {"lead_generation": 1}, "budget": {"monthly": 5000, "currency": "EUR", "weekly_hours": 20}})[xing])


def test_where_the_organisation_is_based_can_be_said(cat: cf.Catalog) -> None:
    """A Lisbon surf school selling mostly to Germans, budgeting in euros, was taken to be German: its checklist named
    Germany's Impressum law and its listing counted as near German customers. ``based_in`` says where it is: the
    premises, the policy lines and the recruiting market follow it; left out, the inference stays as it was."""
    from channelfit.scorer import encode

    surf = {"name": "surf school", "model": "b2c", "sector": "travel", "markets": {"PT": 0.15, "DE": 0.25, "GB": 0.2, "FR": 0.15, "NL": 0.15, "US": 0.1},
            "audience": {"age": [18, 45]}, "goals": {"sales": 3, "brand_awareness": 1, "recruiting": 1},
            "budget": {"monthly": 1200, "currency": "EUR", "weekly_hours": 15}, "formats": ["image", "short_video", "text"], "premises": True, "max_channels": 5}
    inferred = encode([cf.Profile.model_validate(surf)], cat)
    said = encode([cf.Profile.model_validate({**surf, "based_in": "pt"})], cat)
    portugal, germany = cat.index["countries"]["PT"], cat.index["countries"]["DE"]
    assert (int(inferred.home_market[0]), int(inferred.base_market[0])) == (germany, germany)
    assert (int(said.home_market[0]), int(said.base_market[0])) == (portugal, portugal)
    plan = cf.recommend({**surf, "based_in": "PT"}, minimum_budget_share=None)
    assert not any("Impressum" in line for line in plan.policy)
    assert any("Impressum" in line for line in cf.recommend(surf, minimum_budget_share=None).policy)
    abroad = cf.Profile.model_validate({**surf, "sector": "software", "based_in": "PL", "premises": None})
    assert abroad.sells_from_abroad(cat) and not abroad.has_premises(cat)  # based outside every market it sells to


def test_premises_are_where_the_organisation_is_based_even_outside_its_markets(cat: cf.Catalog) -> None:
    """A Dubai broker selling to British, Indian and Russian buyers read that its listing reached the people near its
    premises "taken to be in the United Kingdom (the market of your budget's currency)", budgeting in AED, and put
    3,150 AED a month into local ads there. Premises are where ``based_in`` says: a listing there reaches none of
    the target people and the plan says why; a hotel abroad still reaches its guests' countries (they travel)."""
    from channelfit.scorer import encode

    broker = {"name": "broker", "model": "b2c", "sector": "real_estate", "based_in": "AE", "premises": True,
              "markets": {"GB": 0.4, "IN": 0.35, "RU": 0.25}, "audience": {"age": [30, 65]}, "goals": {"lead_generation": 3, "brand_awareness": 1},
              "budget": {"monthly": 20000, "currency": "AED", "weekly_hours": 15}, "formats": ["image", "short_video", "text"], "max_channels": 5}
    assert cat.countries[int(encode([cf.Profile.model_validate(broker)], cat).home_market[0])] == "AE"
    plan = cf.recommend(broker, minimum_budget_share=None)
    assert not any(cat.needs_premises[cat.index["channels"][p.channel]] for p in plan.picks)
    listed = cf.recommend({**broker, "include": ["google_business_profile"]}, minimum_budget_share=None)
    why = next(p for p in listed.picks if p.channel == "google_business_profile").why
    assert [r.values for r in why if r.code == "premises_abroad"] == [{"country": "AE"}]
    assert not any(r.code == "reach" for r in why)
    hotel = cf.recommend({**broker, "sector": "hospitality", "goals": {"sales": 1}}, minimum_budget_share=None)
    listings = [p for p in hotel.picks if cat.needs_premises[cat.index["channels"][p.channel]]]
    assert listings and all(r.code != "premises_abroad" for p in listings for r in p.why)


def test_whom_a_firm_sells_to_says_nothing_about_where_its_candidates_are(cat: cf.Catalog) -> None:
    """A Manila BPO hiring call-centre agents had Facebook marked down as a b2b channel and LinkedIn first: the model
    criterion counts only the goals addressed to customers (recruiting is a full fit), and Facebook's recruiting
    affinity in the Philippines is judged above its global one; the BPO's plan puts Facebook first."""
    from channelfit.criteria import CRITERIA
    from channelfit.scorer import encode, score

    bpo = {"name": "bpo", "model": "b2b", "sector": "professional_services", "markets": ["PH"], "based_in": "PH", "audience": {"age": [18, 35]},
           "goals": {"recruiting": 4, "brand_awareness": 1}, "budget": {"monthly": 150000, "currency": "PHP", "weekly_hours": 20},
           "formats": ["text", "image", "short_video"], "premises": True, "present_on": ["facebook", "jobstreet"], "max_channels": 4}
    model = CRITERIA.index("model")
    mixed = score(encode([cf.Profile.model_validate(bpo)], cat), cat).criteria[0][:, model]
    hiring = score(encode([cf.Profile.model_validate({**bpo, "goals": {"recruiting": 1}})], cat), cat).criteria[0][:, model]
    np.testing.assert_allclose(hiring, 1.0)
    np.testing.assert_allclose(mixed, 0.2 * cat.b2b_fit + 0.8)
    assert cf.recommend(bpo, minimum_budget_share=None).picks[0].channel == "facebook"


def test_a_listing_counts_its_customers_only_near_the_premises() -> None:
    """A Rome trattoria selling to Italy and the United States had DoorDash and Uber Eats picked on their US delivery
    customers (customer_reach.csv) while each card said the other markets do not count for a listing: the customers
    of a listing count where its premises are, as its general reach does. Neither delivery app has an Italian row, so
    both reach nobody and are left out; a Chicago trattoria, where DoorDash's customers are, keeps it."""
    trattoria = {"name": "Trattoria", "model": "b2c", "sector": "food_and_drink", "based_in": "IT", "markets": {"IT": 0.5, "US": 0.5},
                 "audience": {"age": [25, 60]}, "goals": {"sales": 2, "brand_awareness": 1}, "budget": {"monthly": 800, "currency": "EUR", "weekly_hours": 8},
                 "formats": ["text", "image", "short_video"], "premises": True, "max_channels": 4}
    plan = cf.recommend(trattoria, minimum_budget_share=None)
    excluded = {e.channel: e.why.code for e in plan.excluded}
    assert excluded.get("doordash") == "no_fit_reach" and excluded.get("uber_eats") == "no_fit_reach", excluded
    chicago = cf.recommend({**trattoria, "based_in": "US", "budget": {"monthly": 800, "currency": "USD", "weekly_hours": 8}}, minimum_budget_share=None)
    ranked = {r.channel: r.criteria["reach"] for r in chicago.ranking}
    assert ranked.get("doordash", 0.0) > 0.1, ranked.get("doordash")


def test_a_listing_that_does_not_run_where_the_premises_are_cannot_list_them() -> None:
    """A Philippine dive resort targeting Korean, Japanese and US divers was offered Naver Place, a map of places in
    Korea, and told a plan with it beat one with Booking.com (review 35): a listing lists a place where it runs, so a
    national listing (rows in one country only) of another country than the home market is left out, said so, and
    counted on the page; one with rows in several countries may run where the catalog has none (review 36: Expedia in
    the Philippines, Wolt in Hungary, Deliveroo in Belgium were said to list places elsewhere). A Busan resort keeps it."""
    from channelfit.explain import Explainer

    resort = {"name": "resort", "model": "b2c", "sector": "hospitality", "markets": {"PH": 0.3, "KR": 0.3, "JP": 0.2, "US": 0.2}, "based_in": "PH",
              "audience": {"age": [22, 50]}, "goals": {"sales": 3, "brand_awareness": 1, "customer_service": 1},
              "budget": {"monthly": 40000, "currency": "PHP", "weekly_hours": 8}, "formats": ["image", "short_video", "long_video", "text"],
              "premises": True, "present_on": {"facebook": "maintain", "booking_com": "maintain"}, "max_channels": 5}
    for language in ("en", "it", "ru", "uk"):
        plan = cf.recommend(resort, language=language, minimum_budget_share=None)
        excluded = {e.channel: e for e in plan.excluded}
        for channel in ("naver_place", "kakao_map", "jalan"):
            assert (excluded[channel].reason, excluded[channel].why.code) == ("needs_premises", "needs_premises_elsewhere"), excluded[channel]
        assert Explainer(None, language).text("reasons", "needs_premises_elsewhere") in render_plan(plan)
        assert "naver_place" not in {p.channel for p in plan.picks} and "booking_com" in {p.channel for p in plan.picks}
        assert excluded.get("expedia") is None or excluded["expedia"].why.code != "needs_premises_elsewhere", excluded.get("expedia")
    busan = cf.recommend({**resort, "markets": {"KR": 0.7, "JP": 0.3}, "based_in": "KR", "budget": {"monthly": 1_000_000, "currency": "KRW", "weekly_hours": 8}},
                         minimum_budget_share=None)
    assert "naver_place" not in {e.channel for e in busan.excluded}


def test_a_ukrainian_software_company_recruiting_at_home_reads_dou_among_developers() -> None:
    """A Lviv software company selling to Poland, Germany and the US and hiring at home had DOU and Djinni excluded
    for reaching under 2 % of people: their reach among software professionals (sector_reach.csv, counted only in
    Ukraine) is what its recruiting goal reads, and DOU enters its plan."""
    company = {"name": "LvivSoft", "model": "b2b", "sector": "software", "markets": {"PL": 0.3, "DE": 0.3, "US": 0.4}, "based_in": "UA",
               "audience": {"age": [28, 60], "professionals": True}, "goals": {"lead_generation": 3, "recruiting": 2, "thought_leadership": 1},
               "budget": {"monthly": 4000, "currency": "USD", "weekly_hours": 12}, "formats": ["text", "image", "article", "long_video"], "premises": False,
               "present_on": {"linkedin": "maintain", "github": None, "clutch": None}, "max_channels": 5}
    plan = cf.recommend(company, minimum_budget_share=None)
    assert "dou" in {p.channel for p in plan.picks}
    assert {"dou", "djinni"}.isdisjoint({e.channel for e in plan.excluded})
    seller = cf.recommend({**company, "goals": {"lead_generation": 3}}, minimum_budget_share=None)  # no hiring: no developers to reach there
    assert {e.channel: e.reason for e in seller.excluded}.get("djinni") in ("too_little_reach", "no_fit")


def test_a_job_board_is_read_among_the_candidates_not_the_customers() -> None:
    """A Bucharest software house selling to Germany and Britain and hiring at home had Indeed picked on its reach
    among German and British buyers, above Romania's own job boards: a channel that serves recruiting alone is read
    among the candidates where the organisation hires, whatever else the profile wants; one that serves both is not."""
    from channelfit.profile import parse_profile
    from channelfit.scorer import encode, score

    cat = cf.catalog()
    base = {"name": "x", "model": "b2b", "sector": "software", "markets": {"DE": 0.4, "GB": 0.4, "RO": 0.2}, "based_in": "RO",
            "audience": {"age": [30, 60], "professionals": True}, "budget": {"monthly": 1000, "currency": "EUR", "weekly_hours": 8}, "formats": ["text"]}
    both = parse_profile({**base, "goals": {"lead_generation": 2, "recruiting": 3}})
    hiring_only = parse_profile({**base, "goals": {"recruiting": 1}})
    reach = score(encode([both, hiring_only], cat), cat).reach
    goals = list(cat.goals)
    only_recruiting = [c for c in range(len(cat.channels)) if cat.goal_affinity[c, goals.index("recruiting")] > 0 and cat.goal_affinity[c, goals.index("lead_generation")] == 0]
    serving_both = [c for c in range(len(cat.channels)) if cat.goal_affinity[c, goals.index("recruiting")] > 0 and cat.goal_affinity[c, goals.index("lead_generation")] > 0]
    assert only_recruiting and serving_both
    np.testing.assert_allclose(reach[0, only_recruiting], reach[1, only_recruiting], rtol=1e-12, atol=1e-15)
    linkedin = cat.index["channels"]["linkedin"]
    assert linkedin in serving_both and reach[0, linkedin] != pytest.approx(reach[1, linkedin])
    indeed, ejobs = cat.index["channels"]["indeed"], cat.index["channels"]["ejobs"]
    assert reach[0, ejobs] > reach[0, indeed]
