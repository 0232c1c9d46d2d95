"""The policy checklist keeps only the lines a profile's audience, home, goals and way of selling make apply
(review 21: a Prague brewpub, a Bucharest software house, an Odesa hotel and a Nairobi safari operator read lines on
minors, the EU representative, job ads and shipping goods that did not bind them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import channelfit as cf
from channelfit.explain import Explainer, locale
from channelfit.vocabulary import LANGUAGES


def _checklist(profile: dict, language: str) -> list[str]:
    return cf.recommend(profile, language=language, minimum_budget_share=None).policy


def _line(language: str, marker: str, **keys: object) -> str:
    """The text of the one general checklist line holding ``marker`` whose keys have the values ``keys`` give."""
    lines = [item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and marker in item["text"] and all(item.get(k) == v for k, v in keys.items())]
    assert len(lines) == 1, (language, marker, lines)
    return lines[0]


#: A German online shop: it sells goods to consumers there, with no premises.
BERLIN_SHOP = {
    "name": "shop", "model": "b2c", "sector": "retail", "markets": ["DE"], "based_in": "DE", "audience": {"age": [25, 55]},
    "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "premises": False, "max_channels": 2,
}

#: The review's Prague brewpub: German and British visitors come to drink in Prague.
PRAGUE_PUB = {
    "name": "pub", "model": "b2c", "sector": "food_and_drink", "markets": {"CZ": 0.7, "DE": 0.15, "GB": 0.15}, "based_in": "CZ", "audience": {"age": [21, 60]},
    "goals": {"local_visits": 3, "brand_awareness": 1, "community": 1}, "budget": {"monthly": 0, "currency": "CZK", "weekly_hours": 5}, "premises": True, "max_channels": 3,
}

#: The review's Odesa hotel, which does not recruit.
ODESA_HOTEL = {
    "name": "hotel", "model": "b2c", "sector": "hospitality", "markets": {"UA": 0.8, "PL": 0.1, "DE": 0.1}, "based_in": "UA", "audience": {"age": [25, 65]},
    "goals": {"sales": 3, "brand_awareness": 1, "customer_service": 2}, "budget": {"monthly": 0, "currency": "UAH", "weekly_hours": 10}, "premises": True, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_eus_minors_line_is_for_audiences_under_18(language: str) -> None:
    """A Nairobi safari operator selling to people aged 30 to 70 read the EU's ban of profiling-based ads to minors
    (Digital Services Act, art. 28): the line is kept only when the audience's youngest age is under 18."""
    minors = _line(language, "Digital Services Act")
    assert minors not in _checklist({**BERLIN_SHOP, "audience": {"age": [30, 70]}}, language)
    assert minors not in _checklist({**BERLIN_SHOP, "audience": {"age": [18, 30]}}, language)
    assert minors in _checklist({**BERLIN_SHOP, "audience": {"age": [13, 19]}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_gdpr_representative_is_for_organisations_based_outside(language: str) -> None:
    """Organisations based in Czechia, Romania, Denmark and Italy read that an organisation with no establishment in
    the EU must name a representative there (GDPR, art. 27): a Prague brewpub reads the GDPR without it, a New York
    shop selling to Germany with it; likewise the UK GDPR's representative, for a pub's British guests and a London shop."""
    eu = [item for item in locale(language)["policy"] if isinstance(item, dict) and "GDPR" in item["text"] and "DE" in item.get("markets", ())]
    assert len(eu) == 2
    gdpr, representative = (next(item["text"] for item in eu if bool(item.get("based_outside")) is flag) for flag in (False, True))
    british = [item for item in locale(language)["policy"] if isinstance(item, dict) and "GDPR" in item["text"] and item.get("markets") == ["GB"]]
    uk_gdpr, uk_representative = (next(item["text"] for item in british if bool(item.get("based_outside")) is flag) for flag in (False, True))
    assert re.search(r"\b27\)", representative) and not re.search(r"\b27\)", gdpr)
    pub = _checklist(PRAGUE_PUB, language)
    assert gdpr in pub and representative not in pub and uk_gdpr in pub and uk_representative in pub  # based in Czechia, not in the UK
    new_york = _checklist({**BERLIN_SHOP, "based_in": "US", "markets": {"US": 0.5, "DE": 0.5}, "budget": {"monthly": 0, "currency": "USD", "weekly_hours": 5}}, language)
    assert gdpr in new_york and representative in new_york
    london = _checklist({**BERLIN_SHOP, "based_in": "GB", "markets": {"GB": 0.7, "DE": 0.3}, "budget": {"monthly": 0, "currency": "GBP", "weekly_hours": 5}}, language)
    assert uk_gdpr in london and uk_representative not in london and representative in london  # outside the EU since 2020


@pytest.mark.parametrize("language", LANGUAGES)
def test_job_ad_lines_are_for_organisations_that_recruit(language: str) -> None:
    """An Odesa hotel without a recruiting goal read Ukraine's ban of age and sex in job ads (Law on Advertising,
    art. 24¹): it and the Philippines' ban of age preferences (Republic Act 10911) bind those who recruit."""
    ukraine, philippines = _line(language, "24¹"), _line(language, "10911")
    hotel = _checklist(ODESA_HOTEL, language)
    assert ukraine not in hotel
    assert ukraine in _checklist({**ODESA_HOTEL, "goals": {**ODESA_HOTEL["goals"], "recruiting": 1}}, language)
    bpo = {"name": "bpo", "model": "b2b", "sector": "professional_services", "markets": {"US": 0.5, "PH": 0.5}, "based_in": "PH", "audience": {"age": [25, 55]},
           "goals": {"lead_generation": 3}, "budget": {"monthly": 0, "currency": "PHP", "weekly_hours": 5}, "max_channels": 2}
    selling = _checklist(bpo, language)
    data = _line(language, "10173")  # the Philippines' data line stays for everyone
    assert philippines not in selling and data in selling
    hiring = _checklist({**bpo, "goals": {"lead_generation": 3, "recruiting": 2}}, language)
    assert philippines in hiring and data in hiring


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_philippine_recruitment_agency_reads_doles_licence_line(language: str) -> None:
    """Review 30: the Philippines' licence for private employment agencies (DOLE Department Order 141-14) binds
    agencies based there that recruit for other employers. The profile cannot tell an agency from an employer, so the
    line says whom it binds ("as an agency") and is kept for organisations based in the Philippines with the recruiting
    goal: a Manila staffing firm reads it, the same firm without the goal does not, nor one based in Singapore."""
    line = _line(language, "141-14", countries=["PH"], goals=["recruiting"])
    agency = {"name": "agency", "model": "b2b", "sector": "professional_services", "markets": ["PH"], "based_in": "PH", "audience": {"age": [22, 50]},
              "goals": {"recruiting": 3, "lead_generation": 2}, "budget": {"monthly": 0, "currency": "PHP", "weekly_hours": 5}, "max_channels": 2}
    assert line in _checklist(agency, language)
    assert line not in _checklist({**agency, "goals": {"lead_generation": 3}}, language)
    singapore = {**agency, "markets": ["SG"], "based_in": "SG", "budget": {**agency["budget"], "currency": "SGD"}}
    assert line not in _checklist(singapore, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_goods_shipping_lines_are_for_organisations_selling_at_a_distance(language: str) -> None:
    """A Prague brewpub whose German customers drink in Prague read Germany's packaging register and 14-day withdrawal
    (Verpackungsgesetz, BGB § 312g) and the EU's product safety rules for online offers: they bind an organisation
    selling goods at a distance, one with no premises (a German online shop) or with the sales goal (a pub that also
    sells its beer online, for which the product-safety regulation does not apply: beer is food); one with premises
    and no sales goal sells at its counter. Both bind sellers to consumers, not a maker selling to businesses."""
    lucid, gpsr = _line(language, "LUCID"), _line(language, "2023/988")
    pub = _checklist(PRAGUE_PUB, language)
    assert lucid not in pub and gpsr not in pub
    shop = _checklist(BERLIN_SHOP, language)
    assert lucid in shop and gpsr in shop
    online_pub = _checklist({**PRAGUE_PUB, "goals": {**PRAGUE_PUB["goals"], "sales": 2}}, language)
    assert lucid in online_pub and gpsr not in online_pub
    # review 24: a Munich drives maker selling to manufacturers read both consumer-goods lines
    maker = _checklist({**BERLIN_SHOP, "model": "b2b", "sector": "manufacturing", "audience": {"age": [30, 60], "professionals": True}}, language)
    assert lucid not in maker and gpsr not in maker
    assert gpsr in _checklist({**BERLIN_SHOP, "sector": "manufacturing"}, language)


def test_the_gates_of_a_line_are_the_same_in_every_language() -> None:
    """A line's countries, markets, sectors and conditions are the same in every locale, line by line: a condition
    added in English alone would show Italian readers a line the English plan leaves out."""

    def gates(language: str) -> list[object]:
        strings = json.loads((Path(cf.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
        lists = [strings["policy"], *(kind.get("policy", []) for kind in strings["by_kind"].values()),
                 *(sector.get("policy_extra", []) for sector in strings["by_sector"].values())]
        return [[{k: v for k, v in item.items() if k != "text"} if isinstance(item, dict) else None for item in items] for items in lists]

    english = gates("en")
    for language in LANGUAGES:
        assert gates(language) == english, language


def test_the_italian_checklist_addresses_the_reader_as_voi() -> None:
    """Italian plans say "voi"; the sector lines said "richiesto dalla tua regione", "del tuo ordine forense" and
    "del tuo Stato" (review 21, a Bari B&B)."""
    strings = json.loads((Path(cf.__file__).parent / "locales" / "it.json").read_text(encoding="utf-8"))
    lines = [*strings["policy"], *(item for kind in strings["by_kind"].values() for item in kind.get("policy", [])),
             *(item for sector in strings["by_sector"].values() for item in sector.get("policy_extra", []))]
    texts = [item if isinstance(item, str) else item["text"] for item in lines]
    for text in texts:
        assert not re.search(r"\b(tu|tua|tuo|tuoi|tue)\b", text, re.IGNORECASE), text
    assert any("dalla vostra regione" in text for text in texts) and any("del vostro ordine forense" in text for text in texts)


def _profile(sector: str, markets: dict[str, float] | list[str], based_in: str, currency: str, goals: dict[str, int], ages: tuple[int, int] = (25, 55), **more: object) -> dict:
    return {"name": "org", "model": "b2c", "sector": sector, "markets": markets, "based_in": based_in, "audience": {"age": list(ages)}, "goals": goals,
            "budget": {"monthly": 0, "currency": currency, "weekly_hours": 5}, "max_channels": 2, **more}


def _has(lines: list[str], pattern: str) -> bool:
    return any(re.search(pattern, line) for line in lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lines_review_21_found_missing_reach_whom_they_bind(language: str) -> None:
    """Review 21 found no line on Thailand's ban of alcohol advertising, Brazil's ECA Digital, Ukraine's martial-law
    ban on posting strikes and air defence, the EU's prior price of an announced reduction, Pakistan's anti-spam
    section, India's ban of cure claims for ayurvedic products or Dubai's permits for sales, and a Vietnamese line
    citing a decree the Law on Personal Data Protection replaced in January 2026."""
    hanoi = _checklist(_profile("education", ["VN"], "VN", "VND", {"lead_generation": 3}), language)
    assert _has(hanoi, r"91/2025/QH15") and _has(hanoi, r"356/2025/ND-CP")

    bangkok = _profile("food_and_drink", ["TH"], "TH", "THB", {"sales": 3, "local_visits": 2}, premises=True)
    assert _has(_checklist(bangkok, language), r"B\.E\. 2551")
    assert not _has(_checklist({**bangkok, "sector": "professional_services", "premises": False}, language), r"B\.E\. 2551")  # an accountant serves no drinks

    gym = _profile("personal_services", ["BR"], "BR", "BRL", {"local_visits": 3}, ages=(16, 24), premises=True)
    assert _has(_checklist(gym, language), r"15[.,]211/2025")
    assert not _has(_checklist({**gym, "audience": {"age": [25, 55]}}, language), r"15[.,]211/2025")

    assert _has(_checklist(ODESA_HOTEL, language), r"114-2")
    warsaw = _profile("software", {"PL": 0.5, "UA": 0.5}, "PL", "PLN", {"lead_generation": 3})
    assert not _has(_checklist(warsaw, language), r"114-2")  # a law on those who post from Ukraine

    copenhagen = _profile("architecture_and_interiors", {"DK": 0.5, "DE": 0.5}, "DK", "DKK", {"sales": 3}, premises=False, kind="brand")
    assert _has(_checklist(copenhagen, language), r"98/6/")
    assert not _has(_checklist(PRAGUE_PUB, language), r"98/6/")  # drinks served at the bar: a service, and no goods shipped
    assert not _has(_checklist({**copenhagen, "model": "b2b"}, language), r"98/6/")

    karachi = _checklist(_profile("fashion", ["PK"], "PK", "PKR", {"sales": 3}, premises=False), language)
    assert _has(karachi, r"Prevention of Electronic Crimes Act 2016")
    assert Explainer(None, language).text("reasons", "policy_no_line", country="PK") not in karachi  # no longer "no line on Pakistan's law"

    mumbai = _profile("beauty", ["IN"], "IN", "INR", {"sales": 3}, premises=False, kind="brand")
    assert _has(_checklist(mumbai, language), r"Drugs and Magic Remedies")
    assert not _has(_checklist({**mumbai, "sector": "fashion"}, language), r"Drugs and Magic Remedies")

    dubai = _profile("food_and_drink", ["AE"], "AE", "AED", {"local_visits": 3, "sales": 2}, premises=True)
    assert _has(_checklist(dubai, language), r"\(DET")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_swiss_finance_line_fits_a_portfolio_manager(language: str) -> None:
    """A Zurich independent wealth manager read that advertising for financial services points to the prospectus and
    key information document: FinSA art. 68 ties them to an advert for a financial instrument, and a portfolio
    manager needs FINMA's authorisation under the FinIA."""
    zurich = _profile("finance", ["CH"], "CH", "CHF", {"lead_generation": 3, "thought_leadership": 2}, ages=(40, 75), kind="person", premises=True)
    swiss = [line for line in _checklist(zurich, language) if "68)" in line]
    assert len(swiss) == 1 and "FINMA" in swiss[0] and re.search(r"(FinIA|LIsFi), (art|ст)\. 17", swiss[0])


def test_australias_under_16_ban_reaches_teen_plans_and_their_reach() -> None:
    """A Sydney surf school for 13-17 year olds read that Instagram reaches 61 % of them, from a survey taken before
    Australia barred under-16s from holding social media accounts (10 December 2025): the checklist names the law
    for a young audience, and Instagram, TikTok and Snapchat reach none of Australia's 13-15 year olds."""
    cat = cf.catalog()
    school = {"name": "surf", "model": "b2c", "sector": "personal_services", "markets": ["AU"], "audience": {"age": [13, 17]},
              "goals": {"brand_awareness": 2, "local_visits": 3}, "budget": {"monthly": 800, "currency": "AUD", "weekly_hours": 6},
              "formats": ["image", "short_video"], "premises": True}
    for language in ("en", "it", "ru", "uk"):
        young = cf.recommend(school, language=language, minimum_budget_share=None).policy
        adults = cf.recommend({**school, "audience": {"age": [25, 60]}}, language=language, minimum_budget_share=None).policy
        assert sum("Social Media Minimum Age" in line for line in young) == 1 and not any("Social Media Minimum Age" in line for line in adults), language
    rows = [row for rows in cat.reach_band_rows.values() for row in rows if row.country == "AU" and (row.age_min, row.age_max) == (13, 15)]
    assert {row.channel: row.reach for row in rows if row.channel in ("instagram", "tiktok", "snapchat")} == {"instagram": 0.0, "tiktok": 0.0, "snapchat": 0.0}


def test_the_eu_product_safety_line_is_not_for_food() -> None:
    """A restaurant with a sales goal read the EU General Product Safety Regulation, which does not apply to food
    (art. 2(2)): the line binds shops and makers of other goods, in every language."""
    eatery = {"name": "eatery", "model": "b2c", "sector": "food_and_drink", "markets": ["IT"], "audience": {"age": [20, 60]},
              "goals": {"sales": 2, "local_visits": 3}, "budget": {"monthly": 500, "currency": "EUR", "weekly_hours": 6}, "formats": ["image", "text"], "premises": True}
    for language in ("en", "it", "ru", "uk"):
        assert not any("2023/988" in line for line in cf.recommend(eatery, language=language, minimum_budget_share=None).policy), language
        shop = cf.recommend({**eatery, "sector": "retail", "premises": False}, language=language, minimum_budget_share=None).policy
        assert sum("2023/988" in line for line in shop) == 1, language


def test_a_young_audience_on_meta_reads_its_teen_targeting_rule_anywhere() -> None:
    """A Hanoi English centre for 13-19 year olds read no line on reaching minors (the EU's and Brazil's lines bind
    their markets): Meta's rule on targeting teens binds every young audience whose plan picks Facebook or Instagram,
    wherever it is; no adult one, and no plan without them (a Novosibirsk school, where Meta is blocked, read it)."""
    centre = {"name": "centre", "model": "b2c", "sector": "education", "markets": ["VN"], "audience": {"age": [13, 19]},
              "goals": {"lead_generation": 3}, "budget": {"monthly": 15000000, "currency": "VND", "weekly_hours": 8}, "formats": ["image", "text"], "premises": True,
              "include": ["facebook"]}
    school = {**centre, "markets": ["RU"], "budget": {"monthly": 100000, "currency": "RUB", "weekly_hours": 8}, "include": []}
    for language in ("en", "it", "ru", "uk"):
        line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("channels") == ["facebook", "instagram"] and item.get("minors"))
        assert line in cf.recommend(centre, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**centre, "audience": {"age": [25, 60]}}, language=language, minimum_budget_share=None).policy
        russian = cf.recommend(school, language=language, minimum_budget_share=None)
        assert not {p.channel for p in russian.picks} & {"facebook", "instagram"} and line not in russian.policy


def test_a_fintech_reads_googles_financial_services_verification() -> None:
    """A Singapore fintech's checklist did not say that Google runs no financial services ads from unverified
    advertisers there: the line binds finance in the locations Google lists, not a shop, nor a market it does not list."""
    fintech = {"name": "fintech", "model": "b2b", "sector": "finance", "markets": ["SG"], "audience": {"age": [25, 55], "professionals": True},
               "goals": {"lead_generation": 3}, "budget": {"monthly": 12000, "currency": "SGD", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False}
    for language in ("en", "it", "ru", "uk"):
        line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("sectors") == ["finance"] and "SG" in item.get("markets", ()))
        assert line in cf.recommend(fintech, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**fintech, "sector": "software"}, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**fintech, "markets": ["US"], "budget": {**fintech["budget"], "currency": "USD"}}, language=language, minimum_budget_share=None).policy


def test_safeguarding_beneficiaries_binds_the_charities_that_have_them() -> None:
    """A Vienna ensemble, a nonprofit of the media and entertainment sector, read a charity's line on images of
    beneficiaries and children: it binds the nonprofits of the sectors that serve beneficiaries, in every language."""
    ensemble = {"name": "ensemble", "kind": "nonprofit", "model": "b2c", "sector": "media_and_entertainment", "markets": ["AT"], "audience": {"age": [30, 75]},
                "goals": {"brand_awareness": 2, "fundraising": 1}, "budget": {"monthly": 600, "currency": "EUR", "weekly_hours": 6}, "formats": ["image", "text", "long_video"], "premises": False}
    for language in ("en", "it", "ru", "uk"):
        line = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and "nonprofit" in item.get("sectors", ()) and "countries" not in item and "markets" not in item)
        assert line not in cf.recommend(ensemble, language=language, minimum_budget_share=None).policy
        assert line in cf.recommend({**ensemble, "sector": "nonprofit"}, language=language, minimum_budget_share=None).policy


def test_a_polish_clinic_reads_the_ban_on_advertising_healthcare() -> None:
    """A Warsaw dentist boosting posts on Meta read nothing of Poland's rule that a healthcare provider informs but does
    not advertise (Act on Medical Activity, art. 14(1)): the line binds health organisations based in Poland."""
    dentist = {"name": "dentist", "model": "b2c", "sector": "health", "markets": ["PL"], "audience": {"age": [25, 65]},
               "goals": {"local_visits": 3, "lead_generation": 1}, "budget": {"monthly": 6000, "currency": "PLN", "weekly_hours": 6}, "formats": ["image", "text"], "premises": True}
    for language in ("en", "it", "ru", "uk"):
        line = next(item["text"] for item in locale(language, sector="health")["policy"] if isinstance(item, dict) and item.get("countries") == ["PL"] and "2011" in item["text"])
        assert line in cf.recommend(dentist, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**dentist, "sector": "beauty"}, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**dentist, "markets": ["DE"], "budget": {**dentist["budget"], "currency": "EUR", "monthly": 1500}}, language=language, minimum_budget_share=None).policy


def test_a_polish_employer_reads_the_pay_transparency_rule_when_it_recruits() -> None:
    """A Kraków software house whose main goal is hiring read nothing of Poland's pay-transparency rules in
    recruitment (since 24 December 2025): the line binds organisations based in Poland that recruit."""
    house = {"name": "house", "model": "b2b", "sector": "software", "markets": {"PL": 0.4, "DE": 0.6}, "based_in": "PL", "audience": {"age": [25, 55], "professionals": True},
             "goals": {"recruiting": 3, "lead_generation": 1}, "budget": {"monthly": 8000, "currency": "PLN", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False}
    for language in ("en", "it", "ru", "uk"):
        line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("countries") == ["PL"] and item.get("goals") == ["recruiting"])
        assert line in cf.recommend(house, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**house, "goals": {"lead_generation": 1}}, language=language, minimum_budget_share=None).policy
        assert line not in cf.recommend({**house, "based_in": "DE", "budget": {**house["budget"], "currency": "EUR", "monthly": 2000}}, language=language, minimum_budget_share=None).policy


#: A Berlin software house hiring developers (review 24).
BERLIN_HIRING = {
    "name": "hiring", "model": "b2b", "sector": "software", "markets": ["DE"], "based_in": "DE", "audience": {"age": [25, 55], "professionals": True},
    "goals": {"recruiting": 3, "lead_generation": 1}, "budget": {"monthly": 2000, "currency": "EUR", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_germanys_and_the_eus_job_ad_rules_bind_those_who_recruit_there(language: str) -> None:
    """Review 24: a German employer read nothing of job ads open to all genders (AGG, § 11) nor of the EU's pay
    transparency before the interview (Directive (EU) 2023/970, art. 5). Both bind the recruiting goal where the
    organisation hires, where it is based: Germany's in Germany, the EU's in the EU but Poland, whose own line already
    states the rule as Polish law has it; not a Lviv firm hiring at home because it sells to Germany."""
    agg, eu = _line(language, "§ 11"), _line(language, "2023/970", goals=["recruiting"], countries=[m for m in ("IT", "DE", "FR", "ES", "NL", "BE", "SE", "AT", "PT", "IE", "CZ", "RO", "GR", "HU", "DK", "FI")])
    hiring = _checklist(BERLIN_HIRING, language)
    assert agg in hiring and eu in hiring
    selling = _checklist({**BERLIN_HIRING, "goals": {"lead_generation": 1}}, language)
    assert agg not in selling and eu not in selling
    krakow = _checklist({**BERLIN_HIRING, "markets": ["PL"], "based_in": "PL", "budget": {"monthly": 8000, "currency": "PLN", "weekly_hours": 10}}, language)
    polish = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("countries") == ["PL"] and item.get("goals") == ["recruiting"])
    assert polish in krakow and eu not in krakow and agg not in krakow
    texas = _checklist({**BERLIN_HIRING, "markets": ["US"], "based_in": "US", "budget": {"monthly": 2000, "currency": "USD", "weekly_hours": 10}}, language)
    assert agg not in texas and eu not in texas
    # review 25: a Lviv IT firm hiring at home and selling to Germany read "(m/w/d)" and the EU directive
    lviv = _checklist({**BERLIN_HIRING, "markets": {"UA": 1, "PL": 1, "DE": 2}, "based_in": "UA", "budget": {"monthly": 40000, "currency": "UAH", "weekly_hours": 10}}, language)
    assert agg not in lviv and eu not in lviv


#: A Tuscan winery selling online to Italian and American consumers (review 24).
WINERY = {
    "name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"IT": 0.6, "US": 0.4}, "based_in": "IT", "audience": {"age": [30, 65]},
    "goals": {"sales": 3, "brand_awareness": 2}, "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 8}, "formats": ["image", "short_video"], "premises": True,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_alcohol_lines_of_italy_and_the_united_states_reach_a_winery(language: str) -> None:
    """Review 24: a winery selling in Italy and the United States read none of Italy's limits on alcohol advertising
    (Law 125/2001, art. 13), the TTB's mandatory statements (27 CFR parts 4, 5, 7) or the state licences that shipping
    alcohol to US consumers needs. They are lines of the food and drink sector, as Russia's, France's and Ireland's;
    the shipping line binds those who sell at a distance to consumers, not a winery selling to importers."""
    extra = [item for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict)]
    italy = next(item["text"] for item in extra if item.get("markets") == ["IT"] and "125/2001" in item["text"])
    ttb = next(item["text"] for item in extra if item.get("markets") == ["US"] and "27 CFR" in item["text"])
    shipping = next(item["text"] for item in extra if item.get("markets") == ["US"] and item.get("distance_selling"))
    winery = _checklist(WINERY, language)
    assert italy in winery and ttb in winery and shipping in winery
    to_importers = _checklist({**WINERY, "model": "b2b", "audience": {"age": [30, 65], "professionals": True}}, language)
    assert ttb in to_importers and shipping not in to_importers
    trattoria = _checklist({**WINERY, "markets": ["IT"], "goals": {"local_visits": 3}}, language)
    assert italy in trattoria and ttb not in trattoria and shipping not in trattoria
    assert italy not in _checklist({**WINERY, "sector": "retail", "markets": ["IT"]}, language)


def test_a_polish_charity_reads_the_public_collections_law() -> None:
    """Review 24: a Polish charity read nothing of the Act on public collections (notice on zbiorki.gov.pl before a
    street collection), where Finland's and Denmark's charities read their collection laws: the line binds the
    nonprofits of Poland and those collecting there, not a Polish company nor a Danish charity."""
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["PL"], "audience": {"age": [25, 70]},
               "goals": {"fundraising": 3, "brand_awareness": 1}, "budget": {"monthly": 1000, "currency": "PLN", "weekly_hours": 6}, "formats": ["image", "text"], "premises": False}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and item.get("countries") == ["PL"])
        assert "zbiorki.gov.pl" in line
        assert line in _checklist(charity, language)
        assert line not in _checklist({**charity, "kind": "company", "sector": "retail"}, language)
        assert line not in _checklist({**charity, "markets": ["DK"], "budget": {**charity["budget"], "currency": "DKK"}}, language)


def test_an_italian_public_body_reads_the_agcom_report_of_its_advertising_spending() -> None:
    """Review 24: a comune buying advertising space read nothing of the yearly report to AGCOM of what it committed
    to institutional advertising: the line binds Italian public bodies, not an Italian company nor a Polish body."""
    comune = {"name": "comune", "kind": "public_body", "model": "b2c", "sector": "public_sector", "markets": ["IT"], "audience": {"age": [18, 80]},
              "goals": {"brand_awareness": 2, "community": 2}, "budget": {"monthly": 500, "currency": "EUR", "weekly_hours": 10}, "formats": ["image", "text"], "premises": True}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language, "public_body")["policy"] if isinstance(item, dict) and "59/17/CONS" in item["text"])
        assert line in _checklist(comune, language)
        assert line not in _checklist({**comune, "kind": "company", "sector": "retail"}, language)
        assert line not in _checklist({**comune, "markets": ["PL"], "based_in": "PL", "budget": {**comune["budget"], "currency": "PLN"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_young_audiences_read_russias_uks_and_googles_rules_on_minors(language: str) -> None:
    """Review 24 and earlier ones: a young audience read nothing of Russia's protection of minors in advertising
    (38-FZ, art. 6), of the UK's CAP Code rules on children and the ICO's Age Appropriate Design Code, nor of
    Google's own limits on ads to under-18s. Each binds an audience under 18; Google's binds plans with a Google
    ad channel, as Meta's binds Facebook and Instagram."""
    russia, britain = _line(language, "38-", minors=True), _line(language, "CAP Code", minors=True)
    google = _line(language, "Google", minors=True, markets=None)
    teens = {"name": "school", "model": "b2c", "sector": "education", "markets": {"RU": 0.5, "GB": 0.5}, "based_in": "GB", "audience": {"age": [13, 19]},
             "goals": {"lead_generation": 3, "brand_awareness": 1}, "budget": {"monthly": 3000, "currency": "GBP", "weekly_hours": 10}, "formats": ["image", "short_video", "long_video"], "premises": True}
    plan = cf.recommend(teens, language=language, minimum_budget_share=None)
    assert russia in plan.policy and britain in plan.policy
    google_ads = {"google_ads", "youtube", "google_shopping", "google_ad_grants", "google_business_profile", "google_hotel_ads", "google_lsa"}
    assert (google in plan.policy) == bool(google_ads & {p.channel for p in plan.picks if p.monthly_cost > 0})
    # review 25: a Córdoba language school spent its budget through its Google profile's campaign and missed it;
    # review 26: a Bologna library's free Google profile, buying no ads, read it
    with_profile = cf.recommend({**teens, "include": ["google_business_profile"]}, language=language, minimum_budget_share=None)
    assert {p.channel: p.monthly_cost for p in with_profile.picks}["google_business_profile"] > 0 and google in with_profile.policy
    free = cf.recommend({**teens, "include": ["google_business_profile"], "budget": {**teens["budget"], "monthly": 0}}, language=language, minimum_budget_share=None)
    assert "google_business_profile" in {p.channel for p in free.picks} and google not in free.policy
    with_youtube = cf.recommend({**teens, "include": ["youtube"]}, language=language, minimum_budget_share=None)
    assert "youtube" in {p.channel for p in with_youtube.picks} and google in with_youtube.policy
    adults = _checklist({**teens, "audience": {"age": [25, 60]}}, language)
    assert russia not in adults and britain not in adults and google not in adults
    assert britain not in _checklist({**teens, "markets": ["RU"], "based_in": "RU", "budget": {"monthly": 100000, "currency": "RUB", "weekly_hours": 10}}, language)


def test_a_polish_pharmacy_and_an_italian_law_firm_read_their_advertising_bans() -> None:
    """Earlier reviews: a Polish pharmacy read nothing of the ban on advertising pharmacies (Pharmaceutical Law,
    art. 94a), an Italian law firm only the general line on bar rules, which lets clients be named with consent,
    where the Italian code of conduct (arts. 35 and 37) bars it. Each binds its sector in its country."""
    pharmacy = {"name": "pharmacy", "model": "b2c", "sector": "health", "markets": ["PL"], "audience": {"age": [25, 75]},
                "goals": {"local_visits": 3}, "budget": {"monthly": 1000, "currency": "PLN", "weekly_hours": 5}, "formats": ["image", "text"], "premises": True}
    firm = {"name": "studio", "model": "b2c", "sector": "legal", "markets": ["IT"], "audience": {"age": [30, 70]},
            "goals": {"lead_generation": 3}, "budget": {"monthly": 400, "currency": "EUR", "weekly_hours": 5}, "formats": ["text", "image"], "premises": True}
    for language in LANGUAGES:
        ban = next(item["text"] for item in locale(language, None, "health")["policy"] if isinstance(item, dict) and "94a" in item["text"])
        code = next(item["text"] for item in locale(language, None, "legal")["policy"] if isinstance(item, dict) and item.get("countries") == ["IT"] and "goals" not in item)
        assert ban in _checklist(pharmacy, language) and ban not in _checklist({**pharmacy, "sector": "retail"}, language)
        assert ban not in _checklist({**pharmacy, "markets": ["DE"], "budget": {**pharmacy["budget"], "currency": "EUR", "monthly": 300}}, language)
        assert code in _checklist(firm, language) and code not in _checklist({**firm, "sector": "professional_services"}, language)
        assert code not in _checklist({**firm, "markets": ["ES"]}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_indonesian_buyers_read_bpoms_registration_of_cosmetics_and_food(language: str) -> None:
    """Review 24: a cosmetics brand and a coffee roaster selling in Indonesia read nothing of BPOM's notification of
    cosmetics before they are advertised (BPOM Regulation 32/2021) nor of BPOM's registration of processed food
    (Food Law No. 18/2012): each binds its sector with Indonesia among the markets."""
    brand = {"name": "brand", "model": "b2c", "sector": "beauty", "markets": {"SG": 0.5, "ID": 0.5}, "based_in": "SG", "audience": {"age": [18, 40]},
             "goals": {"sales": 3}, "budget": {"monthly": 3000, "currency": "SGD", "weekly_hours": 8}, "formats": ["image", "short_video"], "premises": False}
    beauty = [item["text"] for item in locale(language, None, "beauty")["policy"] if isinstance(item, dict) and "32/2021" in item["text"]]
    food = [item["text"] for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict) and "18/2012" in item["text"]]
    assert len(beauty) == len(food) == 1
    assert beauty[0] in _checklist(brand, language) and food[0] not in _checklist(brand, language)
    roaster = _checklist({**brand, "sector": "food_and_drink"}, language)
    assert food[0] in roaster and beauty[0] not in roaster
    assert beauty[0] not in _checklist({**brand, "markets": ["SG"]}, language)


def test_a_fintech_on_meta_reads_metas_authorisation_of_financial_advertisers() -> None:
    """Earlier reviews: a fintech boosting posts on Facebook and Instagram read Google's verification of financial
    advertisers and nothing of Meta's: the line binds the finance sector when the plan picks Facebook or Instagram,
    wherever it advertises, not a software house nor a fintech without Meta."""
    fintech = {"name": "fintech", "model": "b2c", "sector": "finance", "markets": ["GB"], "audience": {"age": [25, 55]},
               "goals": {"lead_generation": 3}, "budget": {"monthly": 3000, "currency": "GBP", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False,
               "include": ["facebook"]}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("channels") == ["facebook", "instagram"] and item.get("sectors") == ["finance"])
        assert line in _checklist(fintech, language)
        assert line not in _checklist({**fintech, "sector": "software"}, language)
        plan = cf.recommend({**fintech, "include": ["linkedin"], "exclude": ["facebook", "instagram"]}, language=language, minimum_budget_share=None)
        assert line not in plan.policy


def test_a_public_affairs_consultancy_reads_the_eus_political_advertising_rules() -> None:
    """Review 24: a Brussels public-affairs consultancy boosting posts to sway EU legislation read nothing of
    Regulation (EU) 2024/900, which only charities read. The conditional line binds the professional services of
    companies and freelancers in the EU markets, not a charity of that sector, whose own checklist states the
    regulation, nor a software house."""
    consultancy = {"name": "affairs", "model": "b2b", "sector": "professional_services", "markets": ["BE", "DE"], "based_in": "BE", "audience": {"age": [30, 65], "professionals": True},
                   "goals": {"lead_generation": 3, "brand_awareness": 2}, "budget": {"monthly": 4000, "currency": "EUR", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and "2024/900" in item["text"])
        charity_line = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and "2024/900" in item["text"] and "kinds" not in item)
        assert line in _checklist(consultancy, language) and line in _checklist({**consultancy, "kind": "person"}, language)
        association = _checklist({**consultancy, "kind": "nonprofit"}, language)
        assert line not in association and charity_line in association
        assert line not in _checklist({**consultancy, "sector": "software"}, language)
        assert line not in _checklist({**consultancy, "markets": ["US"], "based_in": "US", "budget": {**consultancy["budget"], "currency": "USD"}}, language)


#: Review 25's Gothenburg bike shop: a shop that also sells online to Sweden, Norway and Denmark.
GOTHENBURG_BIKES = {
    "name": "bikes", "model": "b2c", "sector": "retail", "markets": {"SE": 0.8, "NO": 0.1, "DK": 0.1}, "based_in": "SE", "audience": {"age": [25, 60]},
    "goals": {"sales": 3, "local_visits": 2}, "budget": {"monthly": 0, "currency": "SEK", "weekly_hours": 5}, "premises": True, "max_channels": 2,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_eus_withdrawal_right_reaches_consumers_buying_at_a_distance(language: str) -> None:
    """Review 25: a Gothenburg bike shop selling online to Sweden, Norway and Denmark read no 14-day right of
    withdrawal, which only Germany's packaging line held. The EU and EEA line (Consumer Rights Directive 2011/83/EU,
    arts. 9-16) binds those selling at a distance to consumers there, Norway included (its angrerettloven); the German
    line now names the packaging register alone, so a Berlin shop reads the withdrawal once."""
    withdrawal = _line(language, "2011/83")
    assert withdrawal in _checklist(GOTHENBURG_BIKES, language)
    oslo = {**GOTHENBURG_BIKES, "markets": ["NO"], "based_in": "NO", "budget": {**GOTHENBURG_BIKES["budget"], "currency": "NOK"}}
    assert withdrawal in _checklist(oslo, language)
    assert withdrawal not in _checklist({**GOTHENBURG_BIKES, "goals": {"local_visits": 3}}, language)  # sells at its counter
    assert withdrawal not in _checklist({**GOTHENBURG_BIKES, "model": "b2b", "audience": {"age": [30, 60], "professionals": True}}, language)
    assert withdrawal not in _checklist({**GOTHENBURG_BIKES, "sector": "hospitality"}, language)  # dated stays are exempt
    berlin = _checklist(BERLIN_SHOP, language)
    assert withdrawal in berlin and sum("312g" in line for line in berlin) == 1 and _line(language, "LUCID") in berlin


#: Review 25's Bangalore ed-tech: an online coaching company selling courses to teenagers in India.
BANGALORE_EDTECH = {
    "name": "edtech", "model": "b2c", "sector": "education", "markets": ["IN"], "based_in": "IN", "audience": {"age": [13, 17]},
    "goals": {"sales": 3, "lead_generation": 2}, "budget": {"monthly": 0, "currency": "INR", "weekly_hours": 10}, "premises": False, "max_channels": 2,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_indian_teens_and_coaching_read_the_dpdp_act_and_the_coaching_guidelines(language: str) -> None:
    """Review 25: a Bangalore ed-tech selling to 13-17-year-olds read only "notice and consent" of India's Digital
    Personal Data Protection Act, nothing of its s. 9 (a parent's verifiable consent; no tracking, behavioural
    monitoring or targeted advertising directed at children) nor of the CCPA's 2024 guidelines on coaching adverts
    (no guaranteed selection or ranks). The first binds an audience under 18 in India, the second the education
    sector there."""
    children = _line(language, "Digital Personal Data Protection Act", minors=True)
    coaching = next(item["text"] for item in locale(language, None, "education")["policy"] if isinstance(item, dict) and "Coaching Sector, 2024" in item["text"])
    edtech = _checklist(BANGALORE_EDTECH, language)
    assert children in edtech and coaching in edtech
    adults = _checklist({**BANGALORE_EDTECH, "audience": {"age": [18, 30]}}, language)
    assert children not in adults and coaching in adults
    assert coaching not in _checklist({**BANGALORE_EDTECH, "sector": "software"}, language)
    dhaka = _checklist({**BANGALORE_EDTECH, "markets": ["BD"], "based_in": "BD", "budget": {**BANGALORE_EDTECH["budget"], "currency": "BDT"}}, language)
    assert children not in dhaka and coaching not in dhaka


#: Review 25's Cape Town winery: a cellar door that also sells its wine to the United Kingdom and Germany.
CAPETOWN_WINERY = {
    "name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"ZA": 0.6, "GB": 0.25, "DE": 0.15}, "based_in": "ZA", "audience": {"age": [25, 65]},
    "goals": {"sales": 3, "local_visits": 2}, "budget": {"monthly": 0, "currency": "ZAR", "weekly_hours": 8}, "premises": True, "max_channels": 2,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_winery_reads_the_uks_and_south_africas_alcohol_codes(language: str) -> None:
    """Review 25: a Cape Town winery selling to the United Kingdom read only the generic "if you serve or sell
    alcohol" line. The UK's CAP Code section 18 and South Africa's Aware.org code (which replaced the ARA code) are
    lines of the food and drink sector, as the other alcohol lines, each for its market."""
    extra = [item for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict)]
    britain = next(item["text"] for item in extra if item.get("markets") == ["GB"] and "CAP Code" in item["text"] and "25%" in item["text"])
    south_africa = next(item["text"] for item in extra if item.get("markets") == ["ZA"] and "Aware.org" in item["text"])
    winery = _checklist(CAPETOWN_WINERY, language)
    assert britain in winery and south_africa in winery
    at_home = _checklist({**CAPETOWN_WINERY, "markets": ["ZA"]}, language)
    assert south_africa in at_home and britain not in at_home
    assert not {britain, south_africa} & set(_checklist({**CAPETOWN_WINERY, "sector": "retail"}, language))


#: Review 30's Santiago winery: a cellar door selling its wine in Chile and to the United States.
SANTIAGO_WINERY = {
    "name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"CL": 0.7, "US": 0.3}, "based_in": "CL", "audience": {"age": [25, 65]},
    "goals": {"sales": 3, "local_visits": 2}, "budget": {"monthly": 0, "currency": "CLP", "weekly_hours": 8}, "premises": True, "max_channels": 2,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_santiago_winery_reads_chiles_alcohol_advertising_law(language: str) -> None:
    """Review 30: a Santiago winery read only the generic "if you serve or sell alcohol" line. Chile's Law 19.925 as
    amended by Law 21.363 (health warnings in alcohol adverts, none aimed at minors) is a line of the food and drink
    sector, as the other alcohol lines, for its market. A Santiago bakery is of the same sector and reads it too, as the
    profile cannot tell it from a winery, behind its "if you advertise alcohol" (the test of that condition above); a
    Santiago shop of another sector does not, nor a winery selling only to the United States."""
    extra = [item for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict)]
    chile = next(item["text"] for item in extra if item.get("markets") == ["CL"] and "21.363" in item["text"])
    assert "40 ter" in chile
    assert chile in _checklist(SANTIAGO_WINERY, language)
    bakery = {**SANTIAGO_WINERY, "name": "bakery", "markets": ["CL"], "goals": {"local_visits": 3, "brand_awareness": 1}}
    assert chile in _checklist(bakery, language)
    assert chile not in _checklist({**SANTIAGO_WINERY, "sector": "retail"}, language)
    exporter = {**SANTIAGO_WINERY, "markets": ["US"], "based_in": "US", "budget": {**SANTIAGO_WINERY["budget"], "currency": "USD"}}
    assert chile not in _checklist(exporter, language)


def test_a_canadian_charity_reads_the_cras_receipt_and_fundraising_rules() -> None:
    """Review 25: a Vancouver food bank read no Canada Revenue Agency line, neither the elements of an official
    donation receipt (Income Tax Regulations, s. 3501) nor its fundraising guidance CG-013. The line binds charities
    based in Canada, not a Canadian company nor a charity based elsewhere."""
    foodbank = {"name": "foodbank", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["CA"], "based_in": "CA", "audience": {"age": [25, 70]},
                "goals": {"fundraising": 3, "community": 2}, "budget": {"monthly": 0, "currency": "CAD", "weekly_hours": 6}, "premises": True, "max_channels": 2}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and item.get("countries") == ["CA"])
        assert "CG-013" in line and "3501" in line
        assert line in _checklist(foodbank, language)
        assert line not in _checklist({**foodbank, "kind": "company", "sector": "retail"}, language)
        assert line not in _checklist({**foodbank, "based_in": "US", "markets": ["US"], "budget": {**foodbank["budget"], "currency": "USD"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_russian_car_dealer_reads_the_rules_on_advertising_credit(language: str) -> None:
    """Review 25: a Kazan car dealer, whose adverts offer cars "в кредит", read nothing of 38-FZ art. 28: the lender
    named, and one condition on the credit's cost stated with all the others. The line binds the sectors that sell on
    credit (cars, property, retail) and finance in Russia, not a software house there nor a dealer elsewhere."""
    credit = _line(language, "38-", sectors=["automotive", "real_estate", "retail", "finance"])
    dealer = {"name": "dealer", "model": "b2c", "sector": "automotive", "markets": ["RU"], "based_in": "RU", "audience": {"age": [25, 55]},
              "goals": {"lead_generation": 3, "local_visits": 2}, "budget": {"monthly": 0, "currency": "RUB", "weekly_hours": 8}, "premises": True, "max_channels": 2}
    assert credit in _checklist(dealer, language)
    assert credit in _checklist({**dealer, "sector": "real_estate"}, language)
    assert credit not in _checklist({**dealer, "sector": "software"}, language)
    assert credit not in _checklist({**dealer, "markets": ["KZ"], "based_in": "KZ", "budget": {**dealer["budget"], "currency": "KZT"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_indonesian_buyers_of_cosmetics_read_the_halal_certification_rule(language: str) -> None:
    """Review 24 and 25: the halal line of Law 33/2014 bound food and drink only, although cosmetics entered the
    obligation at the end of their transition (17 October 2026): the beauty sector reads its own line in Indonesia."""
    brand = {"name": "brand", "model": "b2c", "sector": "beauty", "markets": {"SG": 0.5, "ID": 0.5}, "based_in": "SG", "audience": {"age": [18, 40]},
             "goals": {"sales": 3}, "budget": {"monthly": 3000, "currency": "SGD", "weekly_hours": 8}, "formats": ["image", "short_video"], "premises": False}
    halal = [item["text"] for item in locale(language, None, "beauty")["policy"] if isinstance(item, dict) and "33/2014" in item["text"]]
    assert len(halal) == 1 and "17" in halal[0]
    assert halal[0] in _checklist(brand, language)
    assert halal[0] not in _checklist({**brand, "markets": ["SG"]}, language)
    assert halal[0] not in _checklist({**brand, "sector": "fashion"}, language)


def test_a_public_affairs_consultancy_reads_the_eu_transparency_register() -> None:
    """Review 24: the public-affairs line named the political-advertising regulation but not the EU Transparency
    Register, in which interest representatives register before lobbying the EU institutions (a condition of meeting
    Commissioners). It takes the political-advertising line's gate: professional services of companies and
    freelancers in the EU markets."""
    consultancy = {"name": "affairs", "model": "b2b", "sector": "professional_services", "markets": ["BE", "DE"], "based_in": "BE", "audience": {"age": [30, 65], "professionals": True},
                   "goals": {"lead_generation": 3, "brand_awareness": 2}, "budget": {"monthly": 4000, "currency": "EUR", "weekly_hours": 10}, "formats": ["text", "image"], "premises": False}
    for language in LANGUAGES:
        register = next(item for item in locale(language)["policy"] if isinstance(item, dict) and "2021" in item["text"] and item.get("kinds") == ["person", "company"])
        political = next(item for item in locale(language)["policy"] if isinstance(item, dict) and "2024/900" in item["text"] and "kinds" in item)
        assert {k: v for k, v in register.items() if k != "text"} == {k: v for k, v in political.items() if k != "text"}
        assert register["text"] in _checklist(consultancy, language)
        assert register["text"] not in _checklist({**consultancy, "sector": "software"}, language)
        assert register["text"] not in _checklist({**consultancy, "markets": ["US"], "based_in": "US", "budget": {**consultancy["budget"], "currency": "USD"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_food_businesss_alcohol_lines_say_they_are_for_alcohol(language: str) -> None:
    """London and Durban bakeries read "alcohol ads not directed at under-18s" (review 26): the food and drink
    sector's alcohol lines bind a bakery as a winery, so each says whom it binds ("if you advertise alcohol") before
    its rule."""
    alcohol = {"en": "alcohol", "it": "alcol", "ru": "алког", "uk": "алког"}[language]
    condition = {"en": "if you", "it": "se ", "ru": "если", "uk": "якщо"}[language]
    strings = json.loads((Path(cf.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    lines = [item if isinstance(item, str) else item["text"] for item in strings["by_sector"]["food_and_drink"]["policy_extra"]]
    for line in (line for line in lines if alcohol in line.lower()):
        assert condition in line.split(": ", 1)[0].lower(), line


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_shop_announcing_a_reduction_at_its_counter_reads_the_prior_price_rule(language: str) -> None:
    """A Cologne shop with premises and no sales goal lost the EU's prior-price rule, gated on selling at a distance
    (review 26): art. 6a binds any trader announcing a reduction on goods, at the counter too; a pub's or a
    restaurant's meals and drinks are services, so food and drink reads it only when it sells goods at a distance."""
    line = _line(language, "98/6", sectors=["food_and_drink"])
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "markets": ["DE"], "based_in": "DE", "audience": {"age": [20, 60]},
            "goals": {"local_visits": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "premises": True, "max_channels": 2}
    checklist = _checklist(shop, language)
    assert line in checklist and checklist.count(line) == 1
    assert line not in _checklist({**shop, "sector": "food_and_drink"}, language)
    assert line in _checklist({**shop, "sector": "food_and_drink", "goals": {"sales": 2, "local_visits": 3}}, language)
    assert line not in _checklist({**shop, "model": "b2b"}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_french_employer_reads_the_ban_on_discriminatory_job_ads(language: str) -> None:
    """Review 26: a Lille accountancy firm recruiting read only the EU pay line, nothing of the Labour Code's ban on
    job ads that refer to a ground of discrimination (art. L. 1132-1 through art. L. 5321-2). As Germany's AGG line,
    it binds the recruiting goal where the organisation is based, not a firm selling to France nor one not hiring."""
    line = _line(language, "L. 1132-1", countries=["FR"], goals=["recruiting"])
    lille = {**BERLIN_HIRING, "markets": {"FR": 0.85, "BE": 0.15}, "based_in": "FR"}
    assert line in _checklist(lille, language)
    assert line not in _checklist({**lille, "goals": {"lead_generation": 1}}, language)
    assert line not in _checklist({**lille, "based_in": "BE"}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_south_african_surf_school_for_teens_reads_popias_rule_on_childrens_data(language: str) -> None:
    """Review 26: a Durban surf school whose pupils start at 13 read POPIA's direct-marketing line only, nothing of
    its ss. 34-35 (a child's personal information only with a competent person's prior consent). The line binds an
    audience under 18 in South Africa, as Brazil's and India's minors lines."""
    line = _line(language, "POPIA", markets=["ZA"], minors=True)
    surf = {"name": "surf", "model": "b2c", "sector": "education", "markets": ["ZA"], "based_in": "ZA", "audience": {"age": [13, 40]},
            "goals": {"lead_generation": 3, "community": 2}, "budget": {"monthly": 0, "currency": "ZAR", "weekly_hours": 6}, "premises": True, "max_channels": 2}
    assert line in _checklist(surf, language)
    assert line not in _checklist({**surf, "audience": {"age": [18, 40]}}, language)
    assert line not in _checklist({**surf, "markets": ["KE"], "based_in": "KE", "budget": {**surf["budget"], "currency": "KES"}}, language)


#: Review 26's Antalya hair-transplant clinic, selling to Russia, the United Kingdom, Germany and Turkey.
ANTALYA_CLINIC = {
    "name": "clinic", "kind": "company", "model": "b2c", "sector": "health", "markets": {"RU": 0.3, "GB": 0.3, "DE": 0.2, "TR": 0.2}, "based_in": "TR",
    "audience": {"age": [25, 55]}, "goals": {"lead_generation": 3, "brand_awareness": 2}, "budget": {"monthly": 0, "currency": "TRY", "weekly_hours": 12},
    "premises": True, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_turkish_clinic_reads_turkeys_germanys_and_the_uks_health_advertising_rules(language: str) -> None:
    """Review 26: an Antalya hair-transplant clinic selling to Germany and the United Kingdom read only the generic
    health-advertising line. Turkey's 2025 regulation binds the clinics based there; Germany's ban of before-and-after
    pictures for cosmetic surgery (HWG, § 11(1), sentence 3) and the UK's CAP Code rule 12.25 bind whoever advertises
    in those markets. They are lines of the health sector."""
    extra = [item for item in locale(language, None, "health")["policy"] if isinstance(item, dict)]
    turkey = next(item["text"] for item in extra if item.get("countries") == ["TR"])
    germany = next(item["text"] for item in extra if item.get("markets") == ["DE"] and "HWG" in item["text"])
    britain = next(item["text"] for item in extra if item.get("markets") == ["GB"] and "12.25" in item["text"])
    clinic = _checklist(ANTALYA_CLINIC, language)
    assert {turkey, germany, britain} <= set(clinic)
    at_home = _checklist({**ANTALYA_CLINIC, "markets": ["TR"]}, language)
    assert turkey in at_home and germany not in at_home and britain not in at_home
    berlin = _checklist({**ANTALYA_CLINIC, "markets": ["DE"], "based_in": "DE", "budget": {**ANTALYA_CLINIC["budget"], "currency": "EUR"}}, language)
    assert germany in berlin and turkey not in berlin
    assert not {turkey, germany, britain} & set(_checklist({**ANTALYA_CLINIC, "sector": "retail"}, language))
    for line in (germany, britain):  # each says whom it binds before its rule
        assert {"en": "if you", "it": "se ", "ru": "если", "uk": "якщо"}[language] in line.split(": ", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_distiller_shipping_to_german_consumers_reads_germanys_alcohol_tax_rule(language: str) -> None:
    """Review 25 and 26 left German excise on distance sales open. A seller shipping spirits from another EU country
    to consumers in Germany needs a permit, security for the alcohol tax and prior notice of each delivery, and may
    name a tax representative (Alkoholsteuergesetz, § 25); still wine bears no German excise. The line binds food and
    drink selling at a distance to German consumers from abroad, not a German shop nor a seller to businesses."""
    line = next(item["text"] for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict) and "Alkoholsteuergesetz" in item["text"])
    distiller = {"name": "distiller", "model": "b2c", "sector": "food_and_drink", "markets": {"CZ": 0.5, "DE": 0.5}, "based_in": "CZ", "audience": {"age": [25, 65]},
                 "goals": {"sales": 3}, "budget": {"monthly": 0, "currency": "CZK", "weekly_hours": 5}, "premises": False, "max_channels": 2}
    assert line in _checklist(distiller, language)
    assert line not in _checklist({**distiller, "based_in": "DE", "budget": {**distiller["budget"], "currency": "EUR"}}, language)
    assert line not in _checklist({**distiller, "model": "b2b"}, language)
    assert line not in _checklist({**distiller, "premises": True, "goals": {"local_visits": 3}}, language)
    assert line not in _checklist({**distiller, "sector": "retail"}, language)


#: Review 27's and 28's profiles.
FLORENCE_LEATHER = {
    "name": "leather", "kind": "brand", "model": "b2c", "sector": "fashion", "markets": {"IT": 0.4, "DE": 0.2, "FR": 0.1, "US": 0.3}, "based_in": "IT",
    "audience": {"age": [25, 60]}, "goals": {"sales": 3, "brand_awareness": 2}, "budget": {"monthly": 2500, "currency": "EUR", "weekly_hours": 10},
    "formats": ["image", "short_video"], "premises": False, "max_channels": 3,
}
MOSCOW_SHOP = {
    "name": "shop", "kind": "company", "model": "b2c", "sector": "retail", "markets": ["RU"], "based_in": "RU", "audience": {"age": [20, 55]},
    "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 80000, "currency": "RUB", "weekly_hours": 8}, "formats": ["image", "short_video"], "premises": False, "max_channels": 3,
}
CAPE_TOWN_TEEN_APP = {
    "name": "app", "kind": "company", "model": "b2c", "sector": "software", "markets": ["ZA"], "based_in": "ZA", "audience": {"age": [13, 19]},
    "goals": {"brand_awareness": 3, "sales": 1}, "budget": {"monthly": 20000, "currency": "ZAR", "weekly_hours": 8}, "formats": ["short_video"], "premises": False,
    "include": ["tiktok"], "max_channels": 2,
}
OHIO_RESELLER = {
    "name": "reseller", "kind": "company", "model": "b2c", "sector": "retail", "markets": ["US"], "based_in": "US", "audience": {"age": [25, 60]},
    "goals": {"sales": 3}, "budget": {"monthly": 500, "currency": "USD", "weekly_hours": 10}, "formats": ["image"], "premises": False, "include": ["ebay"], "max_channels": 2,
}
LEIPZIG_SHOP = {
    "name": "shop", "kind": "company", "model": "b2c", "sector": "retail", "markets": {"DE": 0.7, "AT": 0.3}, "based_in": "DE", "audience": {"age": [25, 60]},
    "goals": {"sales": 3}, "budget": {"monthly": 800, "currency": "EUR", "weekly_hours": 6}, "formats": ["image"], "premises": False, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_moscow_shop_reads_russias_ban_on_advertising_on_blocked_resources(language: str) -> None:
    """Reviews 27 and 28: no line said that since 1 September 2025 no advert may be placed on resources blocked in
    Russia or run by organisations recognised there as extremist or undesirable, Instagram and Facebook among them
    (Federal Law 72-FZ of 7 April 2025). It binds whoever advertises to Russia, not a Warsaw shop selling at home."""
    line = _line(language, "14.3", markets=["RU"])
    assert "Instagram" in line and "2025" in line
    assert line in _checklist(MOSCOW_SHOP, language)
    assert line not in _checklist({**MOSCOW_SHOP, "markets": ["PL"], "based_in": "PL", "budget": {**MOSCOW_SHOP["budget"], "currency": "PLN", "monthly": 3000}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_teen_app_buying_tiktok_ads_reads_tiktoks_rules_on_minors(language: str) -> None:
    """Reviews 27 and 28: a Cape Town app for 13-19 year olds whose plan buys TikTok ads read Meta's and Google's
    rules on teens, not TikTok's (no personalised ads to 13-17 year olds in the EEA, the UK and Switzerland; narrow
    targeting in the US and Latin America). As theirs, the line binds plans that spend on TikTok and reach minors."""
    line = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("channels") == ["tiktok", "tiktok_shop"])
    app = cf.recommend(CAPE_TOWN_TEEN_APP, language=language, minimum_budget_share=None)
    assert "tiktok" in {p.channel for p in app.picks} and line in app.policy
    assert line not in _checklist({**CAPE_TOWN_TEEN_APP, "audience": {"age": [25, 45]}}, language)
    elsewhere = cf.recommend({**CAPE_TOWN_TEEN_APP, "include": ["instagram"], "exclude": ["tiktok", "tiktok_shop"]}, language=language, minimum_budget_share=None)
    assert not {p.channel for p in elsewhere.picks} & {"tiktok", "tiktok_shop"} and line not in elsewhere.policy


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_florence_leather_brand_reads_the_origin_and_textile_labelling_rules(language: str) -> None:
    """Reviews 27 and 28: a Florence leather brand selling to the EU and the US read nothing on "Made in Italy"
    (Law 350/2003, art. 4, paras. 49 and 49-bis; Decree-Law 135/2009, art. 16), the EU's fibre names and composition
    before the purchase, online too (Regulation (EU) 1007/2011, art. 16), or the US Textile and Wool Acts and the
    FTC's Leather Guides. The origin line binds goods sectors based in Italy, the labelling lines fashion selling to
    those markets."""
    italy, eu, us = _line(language, "350/2003", countries=["IT"]), _line(language, "1007/2011"), _line(language, "16 CFR 303.34")
    florence = _checklist(FLORENCE_LEATHER, language)
    assert {italy, eu, us} <= set(florence)
    at_home = _checklist({**FLORENCE_LEATHER, "markets": ["IT"]}, language)
    assert italy in at_home and eu in at_home and us not in at_home
    lyon = _checklist({**FLORENCE_LEATHER, "based_in": "FR"}, language)
    assert italy not in lyon and eu in lyon and us in lyon
    software = _checklist({**FLORENCE_LEATHER, "sector": "software", "kind": "company"}, language)
    assert not {italy, eu, us} & set(software)
    furniture = _checklist({**FLORENCE_LEATHER, "sector": "architecture_and_interiors"}, language)
    assert italy in furniture and eu not in furniture and us not in furniture


def test_a_milan_nonprofit_reads_the_third_sector_fundraising_guidelines() -> None:
    """Reviews 27 and 28: a Milan association raising funds read no line on the third sector's fundraising rules
    (Legislative Decree 117/2017, art. 7, and the guidelines of the decree of 9 June 2022). The line is one of the
    nonprofit checklist's, for those based in Italy."""
    milan = {"name": "association", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["IT"], "based_in": "IT", "audience": {"age": [25, 70]},
             "goals": {"fundraising": 3, "community": 2}, "budget": {"monthly": 300, "currency": "EUR", "weekly_hours": 8}, "formats": ["image", "text"], "premises": True, "max_channels": 3}
    for language in LANGUAGES:
        line = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and item.get("countries") == ["IT"] and "117/2017" in item["text"])
        assert line in _checklist(milan, language)
        assert line not in _checklist({**milan, "markets": ["AT"], "based_in": "AT"}, language)
        assert line not in _checklist({**milan, "kind": "company", "sector": "retail"}, language)
        assert line not in _checklist({**milan, "goals": {"community": 2}}, language)  # raising no money (review 32)


@pytest.mark.parametrize("language", LANGUAGES)
def test_italian_and_finnish_employers_read_their_bans_on_discriminatory_job_ads(language: str) -> None:
    """Reviews 27 and 28: employers recruiting in Italy and Finland read only the EU pay line. Italy's Equal
    Opportunities Code (art. 27) and Finland's Equality Act (§ 14) bind the recruiting goal where the organisation is
    based, as Germany's and France's lines do."""
    italy = _line(language, "198/2006", countries=["IT"], goals=["recruiting"])
    finland = _line(language, "609/1986", countries=["FI"], goals=["recruiting"])
    milan = {**BERLIN_HIRING, "markets": ["IT"], "based_in": "IT"}
    helsinki = {**BERLIN_HIRING, "markets": ["FI"], "based_in": "FI"}
    assert italy in _checklist(milan, language) and finland not in _checklist(milan, language)
    assert finland in _checklist(helsinki, language) and italy not in _checklist(helsinki, language)
    for hiring in (milan, helsinki):
        assert not {italy, finland} & set(_checklist({**hiring, "goals": {"lead_generation": 1}}, language))
    assert not {italy, finland} & set(_checklist({**BERLIN_HIRING, "markets": ["IT", "FI"]}, language))  # a Berlin firm selling there hires in Germany


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_us_marketplace_seller_reads_the_inform_consumers_act(language: str) -> None:
    """Reviews 27 and 28: an Ohio eBay reseller read nothing of the INFORM Consumers Act (a high-volume seller gives
    the marketplace its bank, tax and contact details). It binds plans that sell through Amazon, eBay or Etsy in
    the United States, not a shop without a marketplace nor a Toronto eBay seller."""
    line = _line(language, "INFORM", markets=["US"])
    ohio = cf.recommend(OHIO_RESELLER, language=language, minimum_budget_share=None)
    assert "ebay" in {p.channel for p in ohio.picks} and line in ohio.policy
    own_shop = cf.recommend({**OHIO_RESELLER, "include": ["google_shopping"], "exclude": ["amazon", "ebay", "etsy"]}, language=language, minimum_budget_share=None)
    assert not {p.channel for p in own_shop.picks} & {"amazon", "ebay", "etsy"} and line not in own_shop.policy
    assert line not in _checklist({**OHIO_RESELLER, "markets": ["CA"], "based_in": "CA", "budget": {**OHIO_RESELLER["budget"], "currency": "CAD"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_shop_shipping_to_austrian_consumers_reads_austrias_packaging_rules(language: str) -> None:
    """Reviews 27 and 28: a Leipzig online shop shipping to Austria read Germany's LUCID register but nothing of
    Austria's packaging licence and, since 2023, the authorised representative a foreign distance seller appoints
    (Verpackungsverordnung 2014, § 16b). The line has the LUCID line's gates, for Austria."""
    line = _line(language, "§ 16b", markets=["AT"])
    assert line in _checklist(LEIPZIG_SHOP, language)
    assert line not in _checklist({**LEIPZIG_SHOP, "markets": ["DE"]}, language)
    assert line not in _checklist({**LEIPZIG_SHOP, "model": "b2b"}, language)
    assert line not in _checklist({**LEIPZIG_SHOP, "sector": "software"}, language)
    assert line not in _checklist({**LEIPZIG_SHOP, "premises": True, "goals": {"local_visits": 3}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_germanys_spirits_tax_binds_sellers_from_other_eu_countries_only(language: str) -> None:
    """Review 28: a Cape Town winery shipping to German consumers read the line for spirits shipped "from another EU
    country" (Alkoholsteuergesetz, § 25), gated on being based outside Germany. It is gated on being based in another
    member state: a Bordeaux winery reads it, the South African one and a German one do not."""
    line = next(item["text"] for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict) and "Alkoholsteuergesetz" in item["text"])
    cape_town = {"name": "winery", "model": "b2c", "sector": "food_and_drink", "markets": {"ZA": 0.6, "DE": 0.4}, "based_in": "ZA", "audience": {"age": [30, 65]},
                 "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "ZAR", "weekly_hours": 6}, "premises": True, "max_channels": 3}
    assert line not in _checklist(cape_town, language)
    bordeaux = {**cape_town, "markets": {"FR": 0.6, "DE": 0.4}, "based_in": "FR", "budget": {**cape_town["budget"], "currency": "EUR"}}
    assert line in _checklist(bordeaux, language)
    assert line not in _checklist({**bordeaux, "markets": ["DE"], "based_in": "DE"}, language)


def _any_line(language: str, *markers: str, **keys: object) -> str:
    """The text of the one checklist line, general, of a kind or of a sector, holding every marker, whose keys have
    the values ``keys`` give."""
    strings = json.loads((Path(cf.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    items = [*strings["policy"], *(item for kind in strings["by_kind"].values() for item in kind.get("policy", [])),
             *(item for sector in strings["by_sector"].values() for item in sector.get("policy_extra", []))]
    lines = [item["text"] for item in items if isinstance(item, dict) and all(m in item["text"] for m in markers)
             and all(item.get(k) == v for k, v in keys.items())]
    assert len(lines) == 1, (language, markers, lines)
    return lines[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_kenyan_recruitment_agency_reads_the_registration_line(language: str) -> None:
    """Review 30 left Kenya's registration of private employment agencies (Labour Institutions Act 2007, Part VII) without
    a line: a Nairobi staffing firm with the recruiting goal reads it, the same firm without the goal does not, nor a
    Manila firm, which reads DOLE's licence instead."""
    line = _line(language, "Labour Institutions Act 2007", countries=["KE"], goals=["recruiting"])
    agency = {"name": "agency", "model": "b2b", "sector": "professional_services", "markets": ["KE"], "based_in": "KE", "audience": {"age": [22, 50]},
              "goals": {"recruiting": 3, "lead_generation": 2}, "budget": {"monthly": 0, "currency": "KES", "weekly_hours": 5}, "max_channels": 2}
    assert line in _checklist(agency, language)
    assert line not in _checklist({**agency, "goals": {"lead_generation": 3}}, language)
    manila = {**agency, "markets": ["PH"], "based_in": "PH", "budget": {**agency["budget"], "currency": "PHP"}}
    assert line not in _checklist(manila, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_ukrainian_charity_raising_money_reads_the_public_collection_line(language: str) -> None:
    """Review 30: Ukraine's Law on charitable activity (No. 5073-VI, art. 7) binds a charity based there that collects
    donations from the public: a Lviv charity with the fundraising goal reads it, not without the goal, nor a Kyiv shop."""
    line = _any_line(language, "5073-VI")
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["UA"], "based_in": "UA", "audience": {"age": [25, 70]},
               "goals": {"fundraising": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "UAH", "weekly_hours": 5}, "max_channels": 2}
    assert line in _checklist(charity, language)
    assert line not in _checklist({**charity, "goals": {"brand_awareness": 3}}, language)
    assert line not in _checklist({**charity, "kind": "company", "sector": "retail", "goals": {"sales": 3}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dentists_and_doctors_read_the_israeli_and_polish_advertising_lines(language: str) -> None:
    """Review 30: Israel's Dentists (Prohibited Advertising) Regulations 2009 and Poland's Code of Medical Ethics (art. 71
    since 1 January 2025, which lifted the former ban) bind health organisations based there, each line saying whom it
    binds; a Tel Aviv clinic reads Israel's and not Poland's, a Kraków clinic the reverse, a Tel Aviv shop neither."""
    israel, poland = _any_line(language, "2009):", countries=["IL"]), _any_line(language, "2025", "71)", countries=["PL"])
    clinic = {"name": "clinic", "model": "b2c", "sector": "health", "markets": ["IL"], "based_in": "IL", "audience": {"age": [20, 70]},
              "goals": {"local_visits": 3, "lead_generation": 2}, "budget": {"monthly": 0, "currency": "ILS", "weekly_hours": 5}, "premises": True, "max_channels": 2}
    tel_aviv = _checklist(clinic, language)
    assert israel in tel_aviv and poland not in tel_aviv
    krakow = _checklist({**clinic, "markets": ["PL"], "based_in": "PL", "budget": {**clinic["budget"], "currency": "PLN"}}, language)
    assert poland in krakow and israel not in krakow
    shop = _checklist({**clinic, "sector": "retail"}, language)
    assert israel not in shop and poland not in shop


@pytest.mark.parametrize("language", LANGUAGES)
def test_whoever_raises_money_in_finland_or_denmark_reads_their_collection_laws(language: str) -> None:
    """A Stockholm research institute, a public body raising money in Finland and Denmark, read neither country's
    collection law nor the general fundraising line, which only nonprofits read (review 31); Denmark's Collection Act
    binds any public collection, whoever runs it, while Finland's permit is for nonprofits: the state and municipalities
    get none (Money Collection Act 863/2019, s. 5; review 32, a Helsinki city museum). An organisation that raises no
    money reads none of them, a nonprofit included (review 32, a Kyiv charity without the fundraising goal)."""
    institute = {
        "name": "institute", "kind": "public_body", "model": "b2c", "sector": "research", "markets": {"SE": 0.4, "DK": 0.2, "NO": 0.2, "FI": 0.2},
        "based_in": "SE", "audience": {"age": [25, 70]}, "goals": {"fundraising": 2, "brand_awareness": 1},
        "budget": {"monthly": 0, "currency": "SEK", "weekly_hours": 8}, "premises": False, "max_channels": 3,
    }
    finland, denmark = (_line(language, "", goals=["fundraising"], markets=[k], countries=[k], kinds=kinds) for k, kinds in (("FI", ["nonprofit"]), ("DK", None)))
    general = _line(language, "", goals=["fundraising"], countries=None, markets=None)
    lines = _checklist(institute, language)
    assert denmark in lines and general in lines and finland not in lines
    quiet = _checklist({**institute, "goals": {"brand_awareness": 1, "recruiting": 1}}, language)
    assert finland not in quiet and denmark not in quiet and general not in quiet
    charity = _checklist({**institute, "kind": "nonprofit", "sector": "nonprofit"}, language)
    assert finland in charity and denmark in charity and charity.count(general) == 1
    idle = _checklist({**institute, "kind": "nonprofit", "sector": "nonprofit", "goals": {"community": 1}, "markets": {"SE": 0.5, "PL": 0.5}}, language)
    collection = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and item.get("markets") == ["PL"] and item.get("goals") == ["fundraising"])
    assert general not in idle and collection not in idle
    assert collection in _checklist({**institute, "kind": "nonprofit", "sector": "nonprofit", "markets": {"SE": 0.5, "PL": 0.5}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lausanne_watch_maker_reads_the_swiss_made_rule(language: str) -> None:
    """Review 31: a Lausanne watch brand read "Made in Italy" nowhere and Switzerland's own origin rule nowhere either: the
    Swissness legislation and the watch ordinance (at least 60 % of the manufacturing costs in Switzerland) bind makers of
    goods based there; a Lausanne consultancy does not read it, nor a Munich watch brand."""
    line = _line(language, "60 %", countries=["CH"])
    brand = {"name": "watches", "kind": "brand", "model": "b2c", "sector": "fashion", "markets": {"CH": 0.5, "DE": 0.5}, "based_in": "CH", "audience": {"age": [30, 65]},
             "goals": {"brand_awareness": 3, "sales": 2}, "budget": {"monthly": 0, "currency": "CHF", "weekly_hours": 5}, "premises": False, "max_channels": 2}
    assert line in _checklist(brand, language)
    assert line in _checklist({**brand, "sector": "manufacturing"}, language)
    assert line in _checklist({**brand, "kind": "company", "sector": "agriculture"}, language)  # an Emmental cheese dairy (review 33)
    assert line not in _checklist({**brand, "kind": "company", "sector": "professional_services"}, language)
    assert line not in _checklist({**brand, "based_in": "DE", "budget": {**brand["budget"], "currency": "EUR"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_whoever_sells_in_new_zealand_reads_the_fair_trading_acts_unsubstantiated_claims(language: str) -> None:
    """Review 31: an Auckland builder read only New Zealand's anti-spam line; the Fair Trading Act's ban on unsubstantiated
    representations (s. 12A) binds anyone making claims in trade there, so a Sydney shop selling to New Zealand reads it too,
    and not one selling only in Australia."""
    line = _line(language, "12A", markets=["NZ"], countries=["NZ"])
    builder = {"name": "builder", "model": "b2c", "sector": "construction_and_trades", "markets": ["NZ"], "based_in": "NZ", "audience": {"age": [30, 70]},
               "goals": {"lead_generation": 3}, "budget": {"monthly": 0, "currency": "NZD", "weekly_hours": 5}, "premises": True, "max_channels": 2}
    assert line in _checklist(builder, language)
    shop = {**builder, "sector": "retail", "markets": {"AU": 0.7, "NZ": 0.3}, "based_in": "AU", "goals": {"sales": 3}, "premises": False,
            "budget": {**builder["budget"], "currency": "AUD"}}
    assert line in _checklist(shop, language)
    assert line not in _checklist({**shop, "markets": ["AU"]}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_irish_charity_raising_money_reads_the_charities_regulators_guidelines(language: str) -> None:
    """Review 31: a Galway festival, an Irish charity with the fundraising goal, read only the generic line; the Charities
    Regulator's fundraising guidelines bind charities raising money from the public there: not without the goal, nor an
    Irish company, nor a Belgian charity."""
    line = _line(language, "RCN", countries=["IE"], goals=["fundraising"], kinds=["nonprofit"])
    festival = {"name": "festival", "kind": "nonprofit", "model": "b2c", "sector": "events_and_weddings", "markets": {"IE": 0.8, "GB": 0.2}, "based_in": "IE",
                "audience": {"age": [18, 40]}, "goals": {"sales": 3, "fundraising": 1}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "max_channels": 2}
    assert line in _checklist(festival, language)
    assert line not in _checklist({**festival, "goals": {"sales": 3}}, language)
    assert line not in _checklist({**festival, "kind": "company"}, language)
    assert line not in _checklist({**festival, "markets": ["BE"], "based_in": "BE"}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_swedish_and_danish_public_bodies_read_their_public_access_to_records_lines(language: str) -> None:
    """Review 31: a Copenhagen transit authority and a Stockholm research institute read nothing of the duty to treat their
    social-media posts and messages as official records (offentlighetsprincipen, offentlighedsloven); each reads its own
    country's line, and a Stockholm company reads neither."""
    sweden = _line(language, "offentlighetsprincipen", countries=["SE"], kinds=["public_body"])
    denmark = _line(language, "offentlighedsloven", countries=["DK"], kinds=["public_body"])
    body = {"name": "authority", "kind": "public_body", "model": "b2c", "sector": "public_sector", "markets": ["SE"], "based_in": "SE", "audience": {"age": [18, 80]},
            "goals": {"brand_awareness": 3, "customer_service": 2}, "budget": {"monthly": 0, "currency": "SEK", "weekly_hours": 5}, "max_channels": 2}
    stockholm = _checklist(body, language)
    assert sweden in stockholm and denmark not in stockholm
    copenhagen = _checklist({**body, "markets": ["DK"], "based_in": "DK", "budget": {**body["budget"], "currency": "DKK"}}, language)
    assert denmark in copenhagen and sweden not in copenhagen
    company = _checklist({**body, "kind": "company", "sector": "retail"}, language)
    assert sweden not in company and denmark not in company


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_israeli_organisation_reads_privacy_amendment_13(language: str) -> None:
    """Review 31: a Tel Aviv yoga teacher read only section 30A of the Communications Law; Amendment 13 to the Protection of
    Privacy Law (in force since 14 August 2025) binds organisations based in Israel; a Berlin shop selling there does not
    read it."""
    line = _line(language, "IP", countries=["IL"])
    studio = {"name": "yoga", "kind": "person", "model": "b2c", "sector": "personal_services", "markets": ["IL"], "based_in": "IL", "audience": {"age": [25, 55]},
              "goals": {"local_visits": 3, "community": 2}, "budget": {"monthly": 0, "currency": "ILS", "weekly_hours": 5}, "premises": True, "max_channels": 2}
    assert line in _checklist(studio, language)
    shop = {**studio, "kind": "company", "sector": "retail", "markets": {"DE": 0.7, "IL": 0.3}, "based_in": "DE", "goals": {"sales": 3}, "premises": False,
            "budget": {**studio["budget"], "currency": "EUR"}}
    assert line not in _checklist(shop, language)


#: Review 32's Helsinki city museum: a public body raising money, based in Finland.
HELSINKI_MUSEUM = {
    "name": "museum", "kind": "public_body", "model": "b2c", "sector": "public_sector", "markets": {"FI": 0.85, "SE": 0.15}, "based_in": "FI",
    "audience": {"age": [18, 75]}, "goals": {"brand_awareness": 3, "fundraising": 3, "community": 2},
    "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "premises": True, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_finnish_public_body_reads_the_openness_act(language: str) -> None:
    """Review 32: a Helsinki city museum read nothing of the duty to treat its social-media posts and messages as official
    documents (Act on the Openness of Government Activities 621/1999), as Swedish and Danish public bodies now do; a Stockholm
    authority and a Helsinki company do not read it."""
    line = _line(language, "621/1999", countries=["FI"], kinds=["public_body"])
    assert line in _checklist(HELSINKI_MUSEUM, language)
    assert line not in _checklist({**HELSINKI_MUSEUM, "markets": {"SE": 0.7, "FI": 0.3}, "based_in": "SE", "budget": {**HELSINKI_MUSEUM["budget"], "currency": "SEK"}}, language)
    assert line not in _checklist({**HELSINKI_MUSEUM, "kind": "company", "sector": "retail"}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_finnish_public_body_raising_money_reads_that_it_may_not_run_a_collection(language: str) -> None:
    """Review 32 (N-1): the state, municipalities and joint municipal authorities get no money-collection permit and may hold
    no small-scale collection (Money Collection Act 863/2019, s. 5(4)): a Helsinki city museum raising money reads that, not the
    permit line; without the fundraising goal it reads neither; a Finnish charity reads the permit line, not this one."""
    barred = _line(language, "863/2019", countries=["FI"], goals=["fundraising"], kinds=["public_body"])
    permit = _line(language, "863/2019", markets=["FI"], countries=["FI"], goals=["fundraising"], kinds=["nonprofit"])
    museum = _checklist(HELSINKI_MUSEUM, language)
    assert barred in museum and permit not in museum
    quiet = _checklist({**HELSINKI_MUSEUM, "goals": {"brand_awareness": 3, "community": 2}}, language)
    assert barred not in quiet and permit not in quiet
    charity = _checklist({**HELSINKI_MUSEUM, "kind": "nonprofit", "sector": "nonprofit"}, language)
    assert permit in charity and barred not in charity


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_danish_collection_line_names_the_permit_and_binds_public_bodies(language: str) -> None:
    """Review 32 asked whether Denmark's Collection Act exempts public authorities: its § 2 exempts private collections, used
    goods of little value, collections at indoor services or meetings, political parties and lotteries, not authorities, so a
    Copenhagen public body raising money reads it; since 2019 a collection needs the Collection Board's permit (§ 3), which the
    line had called a notice."""
    line = _line(language, "Indsamlingsnævnet", markets=["DK"], countries=["DK"], goals=["fundraising"])
    assert "§ 3" in line and "2019" in line
    body = {**HELSINKI_MUSEUM, "markets": ["DK"], "based_in": "DK", "budget": {**HELSINKI_MUSEUM["budget"], "currency": "DKK"}}
    assert line in _checklist(body, language)
    assert line not in _checklist({**body, "goals": {"brand_awareness": 3}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_whoever_sells_to_nigerian_consumers_reads_the_fccpa(language: str) -> None:
    """Review 32: a Lagos gadget shop read the advertising-vetting and data line but nothing of the consumer duties of the
    Federal Competition and Consumer Protection Act 2018 (plain information, second-hand goods marked, goods matching their
    description, defective goods taken back); a London shop selling to Nigeria reads it too, a Lagos maker selling to businesses
    and a shop without the sales goal do not."""
    line = _line(language, "117", markets=["NG"], countries=["NG"], goals=["sales"], consumers=True)
    shop = {"name": "gadgets", "kind": "company", "model": "b2c", "sector": "retail", "markets": ["NG"], "based_in": "NG", "audience": {"age": [18, 45]},
            "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "NGN", "weekly_hours": 5}, "premises": False, "max_channels": 2}
    assert line in _checklist(shop, language)
    assert line in _checklist({**shop, "markets": {"GB": 0.6, "NG": 0.4}, "based_in": "GB", "budget": {**shop["budget"], "currency": "GBP"}}, language)
    assert line not in _checklist({**shop, "model": "b2b", "sector": "manufacturing"}, language)
    assert line not in _checklist({**shop, "goals": {"brand_awareness": 3}}, language)


def test_a_monobank_jar_is_no_place_to_listen(cat: cf.Catalog) -> None:
    """Batch N17's monobank jar is a fundraising link no one can search (channels.csv's ``searchable``), so a Kyiv charity
    is not told to listen there, while GoFundMe's public campaign pages stay a listening place."""
    jar, campaigns = cat.index["channels"]["monobank_jar"], cat.index["channels"]["gofundme"]
    assert cat.channel_rows[jar].orientation == cat.channel_rows[campaigns].orientation
    assert not cat.content_is_public(jar) and cat.content_is_public(campaigns)
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["UA"], "based_in": "UA", "audience": {"age": [25, 60]},
               "goals": {"fundraising": 3, "brand_awareness": 2}, "budget": {"monthly": 20000, "currency": "UAH", "weekly_hours": 12}, "max_channels": 5}
    plan = cf.recommend(charity, minimum_budget_share=None)
    assert all("monobank_jar" not in item.channels for item in plan.listening)


def test_a_kyiv_charity_reads_the_jar_by_its_ukrainian_name() -> None:
    """Review 34: a Kyiv charity's Ukrainian plan named "monobank jar (банка)", English in the table and the week."""
    charity = {"name": "charity", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": ["UA"], "based_in": "UA", "audience": {"age": [25, 60]},
               "goals": {"fundraising": 3, "brand_awareness": 2}, "budget": {"monthly": 20000, "currency": "UAH", "weekly_hours": 12}, "max_channels": 5}
    plan = cf.recommend(charity, language="uk", minimum_budget_share=None)
    named = {r.channel: r.name for r in plan.ranking}
    assert named["monobank_jar"] == "Банка monobank" and "jar" not in named["monobank_jar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_finnish_company_raising_money_reads_that_it_gets_no_permit(language: str) -> None:
    """Review 33: a Helsinki company with the fundraising goal read only the general line; Finland's police say businesses
    and private persons are not eligible for a money-collection permit. A charity reads its own permit line instead, and a
    company that raises no money reads neither."""
    line = _line(language, "", markets=["FI"], countries=["FI"], goals=["fundraising"], kinds=["company", "brand", "person"])
    permit = _line(language, "", markets=["FI"], countries=["FI"], goals=["fundraising"], kinds=["nonprofit"])
    company = {"name": "company", "kind": "company", "model": "b2c", "sector": "retail", "markets": ["FI"], "based_in": "FI", "audience": {"age": [25, 60]},
               "goals": {"fundraising": 2, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "max_channels": 2}
    lines = _checklist(company, language)
    assert line in lines and permit not in lines
    charity = _checklist({**company, "kind": "nonprofit", "sector": "nonprofit"}, language)
    assert permit in charity and line not in charity
    assert line not in _checklist({**company, "goals": {"sales": 1}}, language)


#: Review 35's Casablanca neighbourhood association, raising money from Moroccan and French donors.
CASABLANCA_NGO = {
    "name": "association", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": {"MA": 0.7, "FR": 0.3}, "based_in": "MA",
    "audience": {"age": [25, 65]}, "goals": {"fundraising": 3, "community": 2, "brand_awareness": 1},
    "budget": {"monthly": 0, "currency": "MAD", "weekly_hours": 8}, "premises": False, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_moroccan_association_raising_money_reads_law_18_18(language: str) -> None:
    """Review 35 (P4): a Casablanca association raising money read only the general fundraising line and Morocco's e-mail
    consent line; Law 18-18 makes every appeal to the public for donations, online included, wait for a prior authorisation,
    reserves it to associations and asks for a report after the operation. Without the fundraising goal it does not read it,
    nor does a Paris charity whose donors include Moroccans (the line binds organisations based in Morocco)."""
    line = _line(language, "18-18", countries=["MA"], goals=["fundraising"])
    assert "2.25.152" in line
    assert line in _checklist(CASABLANCA_NGO, language)
    assert line not in _checklist({**CASABLANCA_NGO, "goals": {"community": 2, "brand_awareness": 1}}, language)
    paris = {**CASABLANCA_NGO, "markets": {"FR": 0.7, "MA": 0.3}, "based_in": "FR", "budget": {**CASABLANCA_NGO["budget"], "currency": "EUR"}}
    assert line not in _checklist(paris, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_brussels_public_body_reads_the_language_laws_and_public_access(language: str) -> None:
    """Review 35 (P8): a Brussels regional mobility agency read nothing on Belgium's laws on the use of languages in
    administrative matters (its posts in French and Dutch alike) nor on the right to consult administrative documents
    (Constitution, art. 32), as Swedish, Danish and Finnish public bodies read theirs; a Brussels company and a Helsinki
    public body do not read it."""
    line = _line(language, "1966", countries=["BE"], kinds=["public_body"])
    assert "32" in line and "2019" in line
    body = {"name": "agency", "kind": "public_body", "model": "b2c", "sector": "public_sector", "markets": ["BE"], "based_in": "BE", "audience": {"age": [18, 80]},
            "goals": {"brand_awareness": 3, "customer_service": 2}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}, "max_channels": 2}
    assert line in _checklist(body, language)
    assert line not in _checklist({**body, "kind": "company", "sector": "retail"}, language)
    assert line not in _checklist(HELSINKI_MUSEUM, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_porto_producer_reads_that_port_bears_the_german_intermediate_products_duty(language: str) -> None:
    """Review 35 (P9): a Douro and Porto estate selling to German consumers read "still wine bears no German excise duty"
    and nothing on port, an intermediate product taxed under the Schaumwein- und Zwischenerzeugnissteuergesetz, whose
    distance sales follow the procedure of spirits (§ 21, with § 29(3)); the line names port and the duty on it."""
    line = next(item["text"] for item in locale(language, None, "food_and_drink")["policy"] if isinstance(item, dict) and "Alkoholsteuergesetz" in item["text"])
    assert "Zwischenerzeugnissteuergesetz, § 21" in line and "§ 29(3)" in line and "153" in line
    assert {"en": "port", "it": "porto", "ru": "портвейн", "uk": "портвейн"}[language] in line.split(": ", 1)[0]
    porto = {"name": "quinta", "kind": "company", "model": "b2b2c", "sector": "food_and_drink", "markets": {"DE": 0.4, "GB": 0.3, "US": 0.3}, "based_in": "PT",
             "audience": {"age": [30, 70]}, "goals": {"sales": 3, "brand_awareness": 2}, "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 8}, "max_channels": 3}
    assert line in _checklist(porto, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pay_transparency_and_gdpr_representative_lines_read_right_in_every_language(language: str) -> None:
    """Review 35 (P15): the Pay Transparency line read "gives candidates the starting pay" in Russian and Ukrainian, as if the
    directive paid them; it obliges employers to tell them the starting pay or its range. The Ukrainian GDPR and UK GDPR
    representative lines said "працює на людей" ("works for people") for "targets people". The Italian and English lines had
    the same ambiguity ("dà ai candidati la retribuzione iniziale", "gives candidates the starting pay")."""
    pay = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and "2023/970" in item["text"] and "DE" in item.get("countries", ()))
    assert {"en": "obliges employers to tell candidates", "it": "obbliga a comunicare ai candidati", "ru": "обязывает сообщать кандидатам",
            "uk": "зобов’язує повідомляти кандидатам"}[language] in pay
    assert not re.search(r"да[её]т? кандидатам|gives candidates|dà ai candidati", pay)
    representatives = [item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and item.get("based_outside") and "27" in item["text"]]
    assert len(representatives) == 2
    for line in representatives:
        assert "працює на людей" not in line
        if language == "uk":
            assert "орієнтується на людей" in line


def _sector_line(language: str, sector: str, marker: str) -> str:
    """The text of the one line of ``sector``'s own checklist holding ``marker``."""
    strings = json.loads((Path(cf.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    lines = [item["text"] for item in strings["by_sector"][sector]["policy_extra"] if isinstance(item, dict) and marker in item["text"]]
    assert len(lines) == 1, (language, marker, lines)
    return lines[0]


#: Review 36's Budapest wine bar.
BUDAPEST_WINE_BAR = {
    "name": "wine bar", "kind": "company", "model": "b2c", "sector": "food_and_drink", "markets": {"HU": 1.0}, "based_in": "HU", "audience": {"age": [25, 60]},
    "goals": {"local_visits": 3, "brand_awareness": 2, "community": 1}, "budget": {"monthly": 0, "currency": "HUF", "weekly_hours": 7}, "premises": True, "max_channels": 3,
}

#: Review 36's Cusco trekking operator, without premises, selling to foreign and Peruvian hikers.
CUSCO_TREKKING = {
    "name": "trekking", "kind": "company", "model": "b2c", "sector": "travel", "markets": {"US": 0.35, "GB": 0.15, "DE": 0.15, "FR": 0.15, "PE": 0.2}, "based_in": "PE",
    "audience": {"age": [22, 55]}, "goals": {"sales": 3, "brand_awareness": 1, "customer_service": 1}, "budget": {"monthly": 0, "currency": "PEN", "weekly_hours": 12},
    "premises": False, "max_channels": 3,
}

#: Review 36's Doha broker.
DOHA_BROKER = {
    "name": "realty", "kind": "company", "model": "b2c", "sector": "real_estate", "markets": {"QA": 1.0}, "based_in": "QA", "audience": {"age": [28, 60]},
    "goals": {"lead_generation": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": "QAR", "weekly_hours": 12}, "premises": True, "max_channels": 3,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_budapest_wine_bar_reads_hungarys_alcohol_advertising_rules(language: str) -> None:
    """Review 36 (N15): a Budapest wine bar read only the general alcohol line; Hungary's Act XLVIII of 2008, § 18(2),
    bars alcohol adverts from a website's opening page and near schools and health establishments, among other places.
    The line binds whoever advertises to Hungary (a Vienna bar with Hungarian guests too), and food and drink only."""
    line = _sector_line(language, "food_and_drink", "XLVIII")
    assert "18" in line and "200" in line
    assert line in _checklist(BUDAPEST_WINE_BAR, language)
    vienna = {**BUDAPEST_WINE_BAR, "markets": {"AT": 0.7, "HU": 0.3}, "based_in": "AT", "budget": {**BUDAPEST_WINE_BAR["budget"], "currency": "EUR"}}
    assert line in _checklist(vienna, language)
    assert line not in _checklist({**BUDAPEST_WINE_BAR, "sector": "retail"}, language)
    assert line not in _checklist({**BUDAPEST_WINE_BAR, "markets": {"AT": 1.0}, "based_in": "AT", "budget": {**BUDAPEST_WINE_BAR["budget"], "currency": "EUR"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cusco_trekking_operator_reads_perus_tourism_register_and_inca_trail_rule(language: str) -> None:
    """Review 36 (N15): a Cusco trekking operator read nothing on MINCETUR's register of tourism providers or on the Inca
    Trail, whose treks only agencies authorised by SERNANP and the Ministry of Culture may run. The line binds travel
    organisations based in Peru: not a Lima bakery, nor a Madrid agency selling trips to Peru."""
    line = _line(language, "SERNANP", countries=["PE"], sectors=["travel"])
    assert "MINCETUR" in line and "069-2017-MC" in line
    assert line in _checklist(CUSCO_TREKKING, language)
    assert line not in _checklist({**CUSCO_TREKKING, "sector": "food_and_drink"}, language)
    madrid = {**CUSCO_TREKKING, "based_in": "ES", "markets": {"ES": 0.6, "PE": 0.4}, "budget": {**CUSCO_TREKKING["budget"], "currency": "EUR"}}
    assert line not in _checklist(madrid, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_doha_broker_reads_qatars_brokerage_licence(language: str) -> None:
    """Review 36 (N10): a Doha broker read only the general property-advert line; Qatar's Law No. 22 of 2017 makes
    brokerage, promotion of others' property included, wait for a Ministry of Justice licence and entry in its register
    of brokers. The line binds real-estate organisations based in Qatar."""
    line = _sector_line(language, "real_estate", "22")
    assert "2017" in line
    assert line in _checklist(DOHA_BROKER, language)
    assert line not in _checklist({**DOHA_BROKER, "sector": "retail"}, language)
    dubai = {**DOHA_BROKER, "based_in": "AE", "markets": {"AE": 0.7, "QA": 0.3}, "budget": {**DOHA_BROKER["budget"], "currency": "AED"}}
    assert line not in _checklist(dubai, language)


def _organisation(sector: str, country: str, currency: str, **rest: object) -> dict:
    """A small organisation of ``sector`` based in ``country`` and selling there, for review 37's lines."""
    return {"name": "organisation", "kind": "company", "model": "b2c", "sector": sector, "markets": {country: 1.0}, "based_in": country, "audience": {"age": [25, 60]},
            "goals": {"lead_generation": 3, "brand_awareness": 1}, "budget": {"monthly": 0, "currency": currency, "weekly_hours": 6}, "premises": True, "max_channels": 3, **rest}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mumbai_chartered_accountant_reads_the_ban_on_soliciting_clients(language: str) -> None:
    """Review 37: a Mumbai accountancy firm read nothing of the Chartered Accountants Act, 1949 (First Schedule, Part I,
    clauses 6 and 7: no solicitation, advertising only within the ICAI Council's guidelines). The line binds finance and
    professional-services organisations based in India, each worded "if you are a chartered accountant in practice": not
    a Mumbai bakery, nor a London finance firm selling to India."""
    line = _line(language, "1949", countries=["IN"], sectors=["professional_services", "finance"])
    assert "ICAI" in line and "6" in line and "7" in line
    mumbai = _organisation("finance", "IN", "INR", model="b2b")
    assert line in _checklist(mumbai, language)
    assert line in _checklist({**mumbai, "sector": "professional_services"}, language)
    assert line not in _checklist({**mumbai, "sector": "food_and_drink", "model": "b2c"}, language)
    london = {**mumbai, "based_in": "GB", "markets": {"GB": 0.5, "IN": 0.5}, "budget": {**mumbai["budget"], "currency": "GBP"}}
    assert line not in _checklist(london, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_toronto_charity_reads_that_its_fundraising_emails_are_exempt_from_casl(language: str) -> None:
    """Review 37: a Toronto charity read only that CASL wants consent in every commercial email; the Electronic Commerce
    Protection Regulations (SOR/2013-221, s. 3(g)) exempt a registered charity's messages whose primary purpose is
    raising funds for it. A Toronto company does not read the exemption, nor a Paris charity emailing Canadians, which is
    no charity registered under Canada's Income Tax Act; both still read the CASL line."""
    line = _any_line(language, "SOR/2013-221", countries=["CA"])
    assert "3(g)" in line and "CASL" in line
    casl = _line(language, "CASL", markets=["CA"])
    charity = {**_organisation("nonprofit", "CA", "CAD"), "kind": "nonprofit", "goals": {"fundraising": 3, "community": 1}}
    toronto = _checklist(charity, language)
    assert line in toronto and casl in toronto
    company = _checklist({**charity, "kind": "company", "sector": "retail", "goals": {"sales": 3}}, language)
    assert line not in company and casl in company
    paris = _checklist({**charity, "based_in": "FR", "markets": {"FR": 0.6, "CA": 0.4}, "budget": {**charity["budget"], "currency": "EUR"}}, language)
    assert line not in paris and casl in paris


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_oslo_clinic_reads_the_health_personnel_acts_marketing_rule(language: str) -> None:
    """Review 37: an Oslo clinic read Norway's e-mail consent line and nothing on health marketing; the Health Personnel
    Act, § 13, wants the marketing of health services sound, sober and factual. It binds health organisations based in
    Norway: not an Oslo shop, nor a Stockholm clinic."""
    line = _sector_line(language, "health", "helsepersonelloven")
    assert "§ 13" in line and "forsvarlig, nøktern og saklig" in line
    oslo = _organisation("health", "NO", "NOK")
    assert line in _checklist(oslo, language)
    assert line not in _checklist({**oslo, "sector": "retail"}, language)
    assert line not in _checklist({**oslo, "based_in": "SE", "markets": {"SE": 1.0}, "budget": {**oslo["budget"], "currency": "SEK"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_nairobi_solar_installer_reads_epras_licensing_rule(language: str) -> None:
    """Review 37: a Nairobi solar installer read nothing of the Energy (Solar Photovoltaic Systems) Regulations, 2012,
    under which EPRA licenses solar technicians and contractors. The line binds construction and trades organisations
    based in Kenya: not a Nairobi shop, nor an Accra installer."""
    line = _line(language, "Solar Photovoltaic Systems", countries=["KE"], sectors=["construction_and_trades"])
    assert "EPRA" in line and "2012" in line
    nairobi = _organisation("construction_and_trades", "KE", "KES")
    assert line in _checklist(nairobi, language)
    assert line not in _checklist({**nairobi, "sector": "retail"}, language)
    assert line not in _checklist({**nairobi, "based_in": "GH", "markets": {"GH": 1.0}, "budget": {**nairobi["budget"], "currency": "GHS"}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_winery_advertising_in_china_reads_article_23_of_the_advertising_law(language: str) -> None:
    """Review 37: China had no alcohol line beside those of other countries; the Advertising Law, art. 23, bans alcohol
    adverts that encourage drinking or show it. It binds food and drink organisations advertising in China, wherever
    based: a Bordeaux winery selling there reads it, and a Shanghai wine bar, not the winery when it sells only in
    France, nor a Shanghai shop in retail."""
    line = _sector_line(language, "food_and_drink", "23")
    bordeaux = {**_organisation("food_and_drink", "FR", "EUR"), "markets": {"FR": 0.6, "CN": 0.4}, "goals": {"sales": 3, "brand_awareness": 1}}
    assert line in _checklist(bordeaux, language)
    assert line not in _checklist({**bordeaux, "markets": {"FR": 1.0}}, language)
    assert line not in _checklist({**_organisation("retail", "CN", "CNY"), "goals": {"sales": 3}}, language)
    assert line in _checklist({**_organisation("food_and_drink", "CN", "CNY"), "goals": {"sales": 3}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cosmetics_brand_selling_in_vietnam_reads_the_notification_and_influencer_rules(language: str) -> None:
    """Review 37: a Ho Chi Minh City cosmetics brand read only Vietnam's spam and data line; a cosmetic is sold and
    advertised there only with its product notification (Circular 06/2011/TT-BYT; Law on Advertising, art. 20), and
    since 2026 those who carry adverts have duties of their own (art. 15a, Law No. 75/2025/QH15). The line binds beauty
    organisations selling in Vietnam, a Seoul brand too: not a Ho Chi Minh City fashion shop, nor a Seoul brand selling
    only in Korea."""
    line = _sector_line(language, "beauty", "06/2011/TT-BYT")
    assert "75/2025/QH15" in line and "15a" in line and "phiếu công bố sản phẩm mỹ phẩm" in line
    saigon = {**_organisation("beauty", "VN", "VND"), "goals": {"sales": 3, "brand_awareness": 1}, "premises": False}
    assert line in _checklist(saigon, language)
    assert line not in _checklist({**saigon, "sector": "fashion"}, language)
    seoul = {**saigon, "based_in": "KR", "markets": {"KR": 0.7, "VN": 0.3}, "budget": {**saigon["budget"], "currency": "KRW"}}
    assert line in _checklist(seoul, language)
    assert line not in _checklist({**seoul, "markets": {"KR": 1.0}}, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_auckland_plumber_reads_who_may_do_sanitary_plumbing(language: str) -> None:
    """Review 37: an Auckland plumber read the Fair Trading Act and the anti-spam line, nothing on the Plumbers,
    Gasfitters, and Drainlayers Act 2006 (only authorised people do sanitary plumbing; advertising yourself as
    registered or licensed when you are not is prosecuted). The line binds construction and trades organisations based
    in New Zealand: not an Auckland shop, nor a Sydney builder working for New Zealand clients."""
    line = _line(language, "Plumbers, Gasfitters, and Drainlayers Act 2006", countries=["NZ"], sectors=["construction_and_trades"])
    assert "Facebook" in line and ("8–11" in line or "8-11" in line)
    auckland = _organisation("construction_and_trades", "NZ", "NZD")
    assert line in _checklist(auckland, language)
    assert line not in _checklist({**auckland, "sector": "retail"}, language)
    sydney = {**auckland, "based_in": "AU", "markets": {"AU": 0.7, "NZ": 0.3}, "budget": {**auckland["budget"], "currency": "AUD"}}
    assert line not in _checklist(sydney, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bogota_language_school_reads_the_licence_and_programme_registration(language: str) -> None:
    """Review 37: a Bogotá language school read Colombia's data and calling-hours line only; schools of educación para
    el trabajo y el desarrollo humano need a licence from the Secretaría de Educación and registered programmes (Decree
    1075 of 2015), and their certificates are no degrees. The line binds education organisations based in Colombia: not
    a Bogotá bakery, nor a Lima school."""
    line = _sector_line(language, "education", "1075")
    assert "licencia de funcionamiento" in line and "4904" in line
    bogota = {**_organisation("education", "CO", "COP"), "audience": {"age": [18, 45]}}
    assert line in _checklist(bogota, language)
    assert line not in _checklist({**bogota, "sector": "food_and_drink"}, language)
    assert line not in _checklist({**bogota, "based_in": "PE", "markets": {"PE": 1.0}, "budget": {**bogota["budget"], "currency": "PEN"}}, language)
