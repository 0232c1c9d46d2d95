"""Every reason's numbers equal the data they cite, in English, Italian, Russian and Ukrainian."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import channelfit as cf
from channelfit.criteria import gender_factor
from channelfit.explain import Explainer, format_number, locale, money_figure, percent, publisher_name
from channelfit.planner import market_reach
from channelfit.problem import build_problem
from channelfit.render import NAMED_GOALS_FIT, NAMED_MODEL_FIT, NAMED_SECTOR_FIT, NOT_FOR_YOU, render_plan
from channelfit.vocabulary import KINDS, LANGUAGES, LEVELS

from .conftest import EXAMPLES, load_example

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_reasons_state_the_data(name: str, language: str, cat: cf.Catalog) -> None:
    data = load_example(name)
    profile = cf.Profile.model_validate(data)
    problem = build_problem(profile, cat)
    plan = cf.recommend(data, language=language)
    rate = cat.fx_per_eur[profile.budget.currency]
    checked = set()
    for pick in plan.picks:
        c = cat.index["channels"][pick.channel]
        for reason in pick.why:
            v = reason.values
            if reason.code == "reach":
                k = cat.index["countries"][v["country"]]
                share, row = market_reach(problem, c, k)
                share = min(share * gender_factor(problem.arrays, cat)[0, c], 1.0)  # among the gender asked for, as the score counts it
                assert v["pct"] == percent(share)
                assert locale(language)["words"]["people"][profile.audience.gender] in reason.text
                assert (v["first"], v["last"]) == tuple(profile.audience.age)
                assert f"{v['pct']} %" in reason.text and locale(language)["grammar"]["places"]["in"][str(v["country"])] in reason.text
                assert reason.source_id == (row.source_id if row.basis == "source" else None)
                if reason.source_id:
                    assert publisher_name(cat.sources[reason.source_id].publisher) in reason.text and str(row.year) in reason.text
            elif reason.code == "sector_reach":
                row = cat.sector_reach_rows[(pick.channel, str(v["sector_id"]))]
                assert v["pct"] == percent(row.reach) and f"{v['pct']} %" in reason.text
                assert problem.arrays.reach_sectors[0, cat.index["sectors"][str(v["sector_id"])]] > 0
            elif reason.code == "audience":
                assert v["pct"] == percent(cat.share_professionals[c])
            elif reason.code == "goal":
                g = cat.index["goals"][str(v["goal_id"])]
                assert v["affinity"] == round(float(cat.goal_affinity[c, g]), 2)
                assert format_number(float(v["affinity"]), language) in reason.text
            elif reason.code == "level":
                lv = LEVELS.index(pick.level)
                assert v["money"] == money_figure(problem.money[c, lv] * rate)  # the level's money in the target markets' prices
                assert v["hours"] == cat.level_weekly_hours[c, lv]
                assert format_number(float(v["money"]), language) in reason.text and format_number(float(v["hours"]), language) in reason.text
            checked.add(reason.code)
    assert {"reach", "goal", "level"} <= checked
    assert ("audience" in checked) == (profile.audience.professionals and bool(plan.picks))
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
    assert texts["ru"] != texts["uk"] and texts["en"] != texts["uk"]
    assert values["en"] == values["it"] == values["ru"] == values["uk"]


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


def _keys(node: object, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in _keys(value, f"{prefix}{key}.")}
    if isinstance(node, list):
        return {f"{prefix}[{len(node)}]"}
    return {prefix}


def _shared(strings: dict) -> dict:
    """A locale without what each language holds of its own: its ``grammar`` (articles, plural forms, place names) and
    the channel names it writes its own way (``words.channels``: a newsletter, Яндекс Карты; others keep the catalog's)."""
    return {k: ({**v, "channels": {}} if k == "words" else v) for k, v in strings.items() if k != "grammar"}


def test_every_locale_has_every_key() -> None:
    """Every key but those a language holds of its own (:func:`_shared`)."""
    english = locale("en")
    for language in LANGUAGES:
        assert _keys(_shared(locale(language))) == _keys(_shared(english)), language
        for section in ("reasons", "plan", "render"):
            for key, template in english[section].items():
                placeholders = set(re.findall(r"{(\w+)", template))
                assert set(re.findall(r"{(\w+)", locale(language)[section][key])) == placeholders, (language, section, key)


def test_every_catalog_id_has_a_word_in_every_language(cat: cf.Catalog) -> None:
    kpis = {row.kpi for row in cat.kpi_rows.values()} | {row.kpi for row in cat.channel_kpi_rows.values()}
    for language in LANGUAGES:
        words = locale(language)["words"]
        for kind, ids in (("goals", cat.goals), ("sectors", cat.sectors), ("formats", cat.formats), ("kpis", kpis), ("levels", LEVELS)):
            assert set(ids) <= set(words[kind]), (language, kind, sorted(set(ids) - set(words[kind])))


#: Phrases of the English plan that must never appear in another language's (the plan-sanity list and more).
ENGLISH_PHRASES = [
    "Timeline", "Weekly routine", "Listening setup", "policy checklist", "Next best", "Minimum viable budget",
    "listen and set up", "run the core mix", "record the baseline", "Channel plan", "reaches about", "of its users",
    "setting up takes", "you are already there", "per month", "/month", "h/week", "vs baseline", "in 90 days",
    "Excluded", "Total:", "Roles:", "owns the strategy", "subscribe to", "when the focus KPIs",
    " via ", "citing", "reported by", "reporting", "quoting",
]


def _english_fragments() -> list[str]:
    """Every run of three or more words of the English locale's sentences (placeholders cut out)."""
    english = locale("en")
    texts = _strings({k: english[k] for k in ("reasons", "plan", "render", "listen_for", "role_duties", "policy")})
    fragments = []
    for text in texts:
        for piece in re.split(r"{[^}]*}", text):
            words = piece.split()
            if len(words) >= 3:
                fragments.append(" ".join(words))
    return fragments


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
@pytest.mark.parametrize("name", NAMES)
def test_translated_plans_have_no_english(name: str, language: str) -> None:
    plan = cf.recommend(load_example(name), language=language)
    page = render_plan(plan)
    for phrase in ENGLISH_PHRASES + _english_fragments():
        assert phrase not in page, (language, phrase)
    assert not re.search(r"\d\.\d+e[+-]\d+", page), "an amount in exponent notation"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (1234567.891, "en", "1,234,567.89"),
        (1234567.891, "it", "1.234.567,89"),
        (1234567.891, "ru", "1\u00a0234\u00a0567,89"),
        (15_000_000.0, "en", "15,000,000"),
        (0.5, "it", "0,5"),
        (-0.0, "en", "0"),
        (2.0, "ru", "2"),
        (1234567.891, "uk", "1\u00a0234\u00a0567,89"),
        (0.5, "uk", "0,5"),
        (-0.0, "uk", "0"),
    ],
)
def test_numbers_are_written_per_locale(value: float, language: str, expected: str) -> None:
    assert format_number(value, language) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "A, B and C"), ("it", "A, B e C"), ("ru", "A, B и C"), ("uk", "A, B і C")])
def test_lists_in_running_text_end_with_the_languages_and(language: str, expected: str) -> None:
    explainer = Explainer(None, language)
    assert explainer.join(["A", "B", "C"]) == expected and explainer.join(["A"]) == "A" and explainer.join([]) == ""


def test_money_is_rounded_as_people_round_it() -> None:
    """Halves go away from zero (a minimum budget of 106.5 EUR read 106, below the real minimum); whole units from 100."""
    assert [money_figure(x) for x in (106.5, 107.5, -106.5, 2.675, 99.994, 42.385)] == [107.0, 108.0, -107.0, 2.68, 99.99, 42.39]


def test_a_plan_without_setup_says_so_in_every_language() -> None:
    kept = {"name": "x", "model": "b2c", "sector": "food_and_drink", "markets": ["IT"], "goals": {"local_visits": 3}, "budget": {"monthly": 0, "weekly_hours": 3},
            "premises": True, "present_on": {"google_business_profile": "maintain"}, "max_channels": 1}
    for language, expected in (("en", "no setup needed"), ("it", "nessuna attivazione necessaria"), ("ru", "настройка не нужна"), ("uk", "налаштування не потрібне")):
        totals = next(line for line in render_plan(cf.recommend(kept, language=language)).splitlines() if line.startswith(("Total", "Итого", "Разом")))
        assert totals.endswith(f"{expected}.") and " 0 " not in totals.split(",")[-1], totals


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_the_text_plan_names_channels_never_ids(name: str, cat: cf.Catalog) -> None:
    plan = cf.recommend(load_example(name))
    text = render_plan(plan)
    # Ids with an underscore (google_business_profile, yahoo_japan_news) never reach the reader.
    shown_ids = {c for c in cat.channels if "_" in c and re.search(rf"\b{c}\b", text)}
    assert not shown_ids, shown_ids


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_listening_places_fit_the_sector(name: str, cat: cf.Catalog) -> None:
    profile = load_example(name)
    plan = cf.recommend(profile)
    picked = {p.channel for p in plan.picks}
    sector = cat.index["sectors"][profile["sector"]]
    for item in plan.listening:
        for channel in set(item.channels) - picked:
            c = cat.index["channels"][channel]
            assert cat.sector_fit[c, sector] >= 0.5, (channel, profile["sector"])
            assert next(r for r in plan.ranking if r.channel == channel).criteria["model"] >= 0.5, (channel, profile["model"])
            assert cat.channel_rows[c].orientation != "commerce" or "sales" in cf.Profile.model_validate(profile).goals, channel
        # a marketplace's talk is product questions and reviews: not where a community or an audience forms
        commerce = {channel for channel in item.channels if cat.channel_rows[cat.index["channels"][channel]].orientation == "commerce"}
        assert not commerce or item.goal in ("sales", "customer_service"), (item.goal, commerce)


def test_every_catalog_country_has_a_place_name_in_every_language(cat: cf.Catalog) -> None:
    """Plans name countries as the language does ("negli Stati Uniti", "во Франции"), never by code."""
    for language in LANGUAGES:
        places = locale(language)["grammar"]["places"]["in"]
        assert set(cat.countries) <= set(places), (language, sorted(set(cat.countries) - set(places)))
        assert all(code not in phrase for code, phrase in places.items() if code != "fallback"), language
    assert Explainer(None, "ru").text("reasons", "restricted", country="XX").startswith("ограничен в стране XX:")  # a custom catalog's country
    assert Explainer(None, "uk").text("reasons", "restricted", country="XX").startswith("обмежений у країні XX:")
    for language, expected in (("en", "in the United States"), ("it", "negli Stati Uniti"), ("ru", "в США"), ("uk", "у США")):
        plan = cf.recommend({**load_example("restaurant_valencia"), "markets": ["US"]}, language=language)
        assert any(expected in r.text for p in plan.picks for r in p.why if r.code == "reach"), language


def test_every_grammar_spec_a_template_names_is_in_its_locale() -> None:
    for language in LANGUAGES:
        grammar = locale(language).get("grammar", {})
        known = set(grammar.get("articles", {})) | set(grammar.get("plurals", {})) | set(grammar.get("places", {}))
        for text in _strings({k: v for k, v in locale(language).items() if k != "grammar"}):
            for spec in re.findall(r"{\w+:([^}]*)}", text):
                assert spec in known, (language, spec, text)


def test_an_italian_article_before_a_number_elides_through_the_grammar() -> None:
    """A Puglia venue read "circa il 80 %": an article before a number is written by the grammar's article spec
    ("{pct:il}"), which writes "l'80 %" and "il 18 %"."""
    for text in _strings({k: v for k, v in locale("it").items() if k != "grammar"}):
        assert not re.search(r"\b(il|del|al) \{\w+\}", text), text


@pytest.mark.parametrize(
    ("language", "hours", "channels", "pct", "expected"),
    [
        ("en", 1, 1, 80, ["at most 1 channel.", "setting up takes about 1 hour once"]),
        ("en", 1.5, 3, 80, ["at most 3 channels.", "setting up takes about 1.5 hours once"]),
        ("it", 1, 1, 80, ["1 ora a settimana", "al massimo 1 canale.", "si ottiene l'80 %", "circa 1 ora una tantum"]),
        ("it", 2.5, 4, 18, ["2,5 ore a settimana", "al massimo 4 canali.", "si ottiene il 18 %", "circa 2,5 ore una tantum"]),
        ("it", 1, 2, 11, ["si ottiene l'11 %"]),
        ("it", 1, 2, 100, ["si ottiene il 100 %"]),
        ("ru", 1, 1, 80, ["не более 1 канала."]),
        ("ru", 1, 21, 80, ["не более 21 канала."]),
        ("ru", 1, 3, 80, ["не более 3 каналов."]),
        ("ru", 1, 12, 80, ["не более 12 каналов."]),
        ("uk", 1, 1, 80, ["щонайбільше 1 канал.", "1 год на тиждень"]),
        ("uk", 1.5, 2, 80, ["щонайбільше 2 канали.", "1,5 год на тиждень", "налаштування займе близько 1,5 год"]),
        ("uk", 1, 5, 80, ["щонайбільше 5 каналів."]),
        ("uk", 1, 11, 80, ["щонайбільше 11 каналів."]),
        ("uk", 1, 21, 80, ["щонайбільше 21 канал."]),
        ("uk", 1, 22, 80, ["щонайбільше 22 канали."]),
        ("uk", 1, 14, 80, ["щонайбільше 14 каналів."]),
    ],
)
def test_numbers_agree_with_their_words_in_every_language(language: str, hours: float, channels: int, pct: int, expected: list[str]) -> None:
    """An Italian plan says "1 ora" and "l'80 %", a Russian one "не более 1 канала", a Ukrainian one "щонайбільше 1 канал"
    and "21 канал" but "22 канали", an English one "1 channel"."""
    explainer = Explainer(None, language)
    written = " | ".join(
        [
            explainer.text("render", "budget", money=800, currency="EUR", hours=hours, channels=channels, objective="coverage", value=0.5),
            explainer.text("render", "minimum_budget", money=500, currency="EUR", hours=hours, pct=pct, channels="LinkedIn"),
            explainer.text("reasons", "setup", hours=hours),
        ]
    )
    for phrase in expected:
        assert phrase in written, (phrase, written)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_a_public_body_serves_citizens_not_customers(language: str) -> None:
    """A municipality's plan names its service goal and its visits as a public body's (an Italian comune read
    'assistenza clienti' and 'visite dei clienti'); a company's keeps the business words."""
    comune = {
        "name": "comune",
        "kind": "public_body",
        "model": "b2c",
        "sector": "public_sector",
        "markets": ["IT"],
        "audience": {"age": [18, 80]},
        "goals": {"customer_service": 3, "community": 2, "local_visits": 1},
        "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 7},
        "formats": ["text", "image"],
        "max_channels": 3,
    }
    public = locale(language, "public_body")["words"]["goals"]["customer_service"]
    business = locale(language)["words"]["goals"]["customer_service"]
    assert public != business
    assert public in render_plan(cf.recommend(comune, language=language, minimum_budget_share=None))
    company = render_plan(cf.recommend({**comune, "kind": "company"}, language=language, minimum_budget_share=None))
    assert business in company and public not in company


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
@pytest.mark.parametrize("kind", ["person", "public_body", "nonprofit"])
def test_the_policy_checklist_is_written_for_the_kind_of_organisation(language: str, kind: str) -> None:
    """A freelancer was asked what 'staff may say about work on their personal accounts', a comune's policy spoke
    of customers' data, an NGO's said nothing of donors, beneficiaries or safeguarding: a person, a public body and
    a nonprofit get their own checklist, a company keeps the general one."""
    profile = {
        "name": "someone",
        "kind": kind,
        "model": "b2c",
        "sector": {"public_body": "public_sector", "nonprofit": "nonprofit"}.get(kind, "professional_services"),
        "markets": ["IT"],
        "audience": {"age": [18, 80]},
        "goals": ["community"],
        "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5},
        "formats": ["text", "image"],
        "max_channels": 2,
    }
    from channelfit.routine import policy

    facts = {"ages": (18, 80), "goals": ["community"], "model": "b2c"}  # the profile's: no line on reaching minors
    general = policy(Explainer(None, language, None, profile["sector"]), "IT", ["IT"], **facts)
    own = policy(Explainer(None, language, kind, profile["sector"]), "IT", ["IT"], **facts)
    assert own != general
    assert cf.recommend(profile, language=language, minimum_budget_share=None).policy == own
    assert cf.recommend({**profile, "kind": "company"}, language=language, minimum_budget_share=None).policy == general
    if kind == "public_body":  # Italian law for an Italian body only: a Polish library reading Italian was sent to it
        italian = next(item["text"] for item in locale(language, kind)["policy"] if isinstance(item, dict) and item.get("countries") == ["IT"])
        polish = cf.recommend({**profile, "markets": ["PL"], "budget": {"monthly": 0, "currency": "PLN", "weekly_hours": 5}}, language=language, minimum_budget_share=None)
        polish_law = next(item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and "PL" in item.get("markets", ()))
        kind_lines = [item for item in locale(language, kind)["policy"] if isinstance(item, str)]
        assert italian in own and italian not in polish.policy and polish_law in polish.policy  # a Rome museum read no consent rule of its markets
        assert [line for line in own if line in kind_lines] == [line for line in polish.policy if line in kind_lines] == kind_lines


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
@pytest.mark.parametrize(
    ("sector", "country", "currency", "law"),
    [
        ("real_estate", "AE", "AED", "Trakheesi"),
        ("beauty", "KR", "KRW", "Cosmetics Act"),
        ("beauty", "IT", "EUR", "655/2013"),
        ("food_and_drink", "RU", "RUB", "21"),
        ("food_and_drink", "MY", "MYR", "JAKIM"),  # a Malaysian frozen-food brand's halal claims
        ("hospitality", "IT", "EUR", "CIN"),  # an agriturismo's adverts carry the national code since 2025
        ("legal", "US", "USD", "7.1"),  # a Chicago injury firm's checklist named no rule on lawyer advertising
        ("finance", "CH", "CHF", "68"),  # a Zurich private bank's named none of FinSA's
        ("health", "MX", "MXN", "COFEPRIS"),  # a Mexico City dental clinic's none of COFEPRIS's permits
        ("health", "RU", "RUB", "«имеются противопоказания, необходимо проконсультироваться со специалистом»"),  # a Novosibirsk clinic's warning, quoted in every language
        ("food_and_drink", "ID", "IDR", "BPJPH"),  # a snack brand selling in Indonesia: halal-certified or labelled non-halal
    ],
)
def test_the_policy_checklist_names_the_sector_rules_of_the_country(language: str, sector: str, country: str, currency: str, law: str) -> None:
    """An expert reviewer missed Dubai's property-advert permits, Korea's cosmetics rules and the alcohol rules: a
    sector's lines join the checklist, its country's law only for an organisation based there or advertising there."""
    profile = {
        "name": "someone",
        "model": "b2c",
        "sector": sector,
        "markets": [country],
        "audience": {"age": [20, 60]},
        "goals": ["brand_awareness"],
        "budget": {"monthly": 0, "currency": currency, "weekly_hours": 5},
        "formats": ["text", "image"],
        "max_channels": 2,
    }
    extra = locale(language, None, sector)["policy"]
    own_law = next(item["text"] for item in extra if isinstance(item, dict) and country in item.get("countries", item.get("markets", ())) and law in item["text"])
    plan = cf.recommend(profile, language=language, minimum_budget_share=None)
    assert own_law in plan.policy
    elsewhere = cf.recommend({**profile, "markets": ["NZ"], "budget": {"monthly": 0, "currency": "NZD", "weekly_hours": 5}}, language=language, minimum_budget_share=None)
    sector_lines = [item for item in extra if isinstance(item, str) and item not in locale(language)["policy"]]
    assert own_law not in elsewhere.policy and sector_lines and all(line in elsewhere.policy for line in sector_lines)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_the_excluded_lines_name_what_the_reader_may_act_on_and_count_the_rest(language: str) -> None:
    """A US streamer read 'no fit: ..., Twitch, ...' when the cause was a missing reach figure in the catalog: each
    cause is its own group, in words. An Italian machine shop's page named about 130 excluded channels, from
    Tripadvisor to Douyin: channels for other goals, sectors, audiences or countries and listings that need premises
    are counted by cause, and so are channels closed or short of reach that fit the sector below NAMED_SECTOR_FIT;
    the rest (blocked, closed, excluded, short of reach, a format not made) named, and every
    excluded channel is in exactly one group."""
    streamer = {
        "name": "streamer",
        "kind": "person",
        "model": "b2c",
        "sector": "gaming",
        "markets": ["US"],
        "audience": {"age": [16, 34]},
        "goals": ["community", "brand_awareness"],
        "budget": {"monthly": 0, "weekly_hours": 10},
        "formats": ["live", "short_video"],
        "exclude": ["tiktok"],
    }
    strings = locale(language)
    for profile in (streamer, json.loads((EXAMPLES / "officine_rossi.json").read_text(encoding="utf-8"))):
        plan = cf.recommend(profile, language=language, minimum_budget_share=None)
        lines = render_plan(plan).splitlines()
        named_line = next((row for row in lines if row.startswith(strings["render"]["excluded"].split("{")[0])), "")
        counted_line = next(row for row in lines if row.startswith(strings["render"]["excluded_counted"].split("{")[0]))
        weak = lambda e: e.reason in ("closed", "too_little_reach") or e.why.code.startswith("no_fit_formats")  # noqa: E731
        counted = [e for e in plan.excluded if e.why.code in NOT_FOR_YOU or (weak(e) and (e.sector_fit < NAMED_SECTOR_FIT or e.goals_fit < NAMED_GOALS_FIT or e.model_fit < NAMED_MODEL_FIT))]
        named = [e for e in plan.excluded if e not in counted]
        assert named and counted and len(named) < len(counted)
        for e in named:
            label = strings["render"]["excluded_no_fit"].format(why=e.why.text) if e.reason == "no_fit" else strings["words"]["exclusions"][e.reason]
            names = named_line.split(label + ": ", 1)[1].split("; ", 1)[0].rstrip(".")
            assert e.name in names, (e.name, label)
        for e in counted:
            if not any(e.name in other.name for other in named):
                assert e.name not in named_line and e.name not in counted_line, e.name
        figures = [int(n) for n in re.findall(r": (\d+)", counted_line.split("(", 1)[1])]
        assert sum(figures) == len(counted) and f": {len(counted)} (" in counted_line
    cat = cf.catalog()
    for e in cf.recommend(streamer, language=language).excluded:  # one format needed reads "the text format", not "one of these formats: text"
        if e.reason == "no_fit" and "formats" in e.why.values:
            needed = cat.format_needed[cat.index["channels"][e.channel]].sum()
            assert (e.why.text == strings["reasons"]["no_fit_formats_one"].format(formats=e.why.values["formats"])) == (needed == 1), e.why.text


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_a_clinic_plan_speaks_of_patients_and_their_confidentiality(language: str) -> None:
    """A São Paulo dentist and an Almaty clinic read 'customer visits' and 'customer service', with nothing on
    patient confidentiality or the rules on advertising health services: the health sector's words are laid over
    the rest, in the plan and in its Markdown, and its policy has both lines; a shop keeps the general words."""
    clinic = {
        "name": "clinic",
        "model": "b2c",
        "sector": "health",
        "markets": ["BR"],
        "audience": {"age": [25, 65]},
        "goals": {"local_visits": 2, "customer_service": 1},
        "budget": {"monthly": 0, "weekly_hours": 6},
        "formats": ["text", "image"],
        "max_channels": 3,
    }
    from channelfit.routine import policy

    health, general = locale(language, "company", "health"), locale(language, "company")
    plan = cf.recommend(clinic, language=language, minimum_budget_share=None)
    page = render_plan(plan)
    assert plan.sector == "health"
    assert health["words"]["goals"]["customer_service"] in page and general["words"]["goals"]["customer_service"] not in page
    adults = (25, 65)  # the clinic's audience: not Brazil's line on advertising to minors
    goals = list(clinic["goals"])
    in_brazil = policy(Explainer(None, language, "company", "retail"), "BR", ["BR"], ages=adults, goals=goals)  # a sector binding no line in Brazil
    assert plan.policy[: len(in_brazil)] == in_brazil and len(plan.policy) == len(in_brazil) + 2  # Brazil's data and influencer line, then the clinic's two
    assert plan.policy == policy(Explainer(None, language, "company", "health"), "BR", ["BR"], ages=adults, goals=goals)
    russian = cf.recommend({**clinic, "markets": ["RU"], "budget": {"monthly": 0, "currency": "RUB", "weekly_hours": 6}}, language=language, minimum_budget_share=None)
    assert len(russian.policy) == len(plan.policy) - 1 + 4  # not Brazil's line; Russia's (ads marked erid; no ads on blocked resources; data kept in Russia, emails with consent; medical services), for a Russian clinic only
    shop = cf.recommend({**clinic, "sector": "retail"}, language=language, minimum_budget_share=None)
    assert shop.policy == in_brazil and general["words"]["goals"]["customer_service"] in render_plan(shop)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_the_weekly_routine_writes_short_blocks_in_minutes(language: str) -> None:
    """A block under an hour reads '15 min', not '0.25 h' ('0,25 ore' read oddly to an Italian reviewer); an hour or
    more keeps hours, and the minutes are the routine's hours."""
    plan = cf.recommend(load_example("officine_rossi"), language=language, minimum_budget_share=None)
    page = render_plan(plan)
    short = [item for item in plan.routine if item.hours < 1]
    unit = {"en": "min", "it": "min", "ru": "мин", "uk": "хв"}[language]
    assert short and all(f"{round(item.hours * 60)} {unit}" in page for item in short)
    assert not re.search(r"\b0[.,](25|5|75)\s*(h|ore|ч|год)\b", page)


#: A Tel Aviv security-software firm selling in the US, the UK and Germany: G2's reach among all Germans of its ages
#: rounds to 0 %, beside its reach among German software buyers. USD 6,300 is about EUR 5,600 at the 2025 rate (1.13), the
#: budget this plan had as USD 6,000 at the 2024 rate (1.08).
SECURITY_SOFTWARE = {
    "name": "ShieldPoint",
    "model": "b2b",
    "sector": "software",
    "markets": {"US": 0.6, "IL": 0.1, "GB": 0.15, "DE": 0.15},
    "audience": {"age": [28, 60], "professionals": True, "sectors": ["finance", "health"]},
    "goals": {"lead_generation": 3, "brand_awareness": 1, "recruiting": 1},
    "budget": {"monthly": 6300, "currency": "USD", "weekly_hours": 15},
    "formats": ["text", "image", "long_video"],
    "max_channels": 4,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reach_that_rounds_to_zero_says_under_one_percent(language: str) -> None:
    """"reaches about 0 % of people aged 28-60 in Germany" read as nobody beside "used by about 10 % of businesses
    buying software in Germany": a positive reach under half a percent says under 1 %."""
    plan = cf.recommend(SECURITY_SOFTWARE, language=language)
    reach = [r for p in plan.picks for r in p.why if r.code == "reach"]
    under = [r for r in reach if r.values.get("pct") == 0]
    assert under, [r.text for r in reach]
    assert all("1 %" in r.text and " 0 %" not in r.text for r in under), [r.text for r in under]


@pytest.mark.parametrize("name", NAMES)
def test_the_csv_states_figures_at_the_plans_precision(name: str) -> None:
    """Money as the plan states it (whole units from 100, cents below), scores to 3 decimals, hours to 2: a
    Vietnamese plan's CSV read 3357899.9999999995 VND."""
    import csv
    import io

    from channelfit.render import plan_csv

    plan = cf.recommend(load_example(name), minimum_budget_share=None)
    rows = list(csv.DictReader(io.StringIO(plan_csv(plan))))
    assert len(rows) == len(plan.picks)
    for row, pick in zip(rows, plan.picks):
        assert float(row["monthly_cost"]) == money_figure(pick.monthly_cost)
        for column, digits in (("score", 3), ("weekly_hours", 2), ("setup_hours", 2)):
            assert len(row[column].split(".")[-1]) <= digits or "." not in row[column], (column, row[column])


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
@pytest.mark.parametrize(
    ("country", "currency", "mark", "scope"),
    [
        ("RU", "RUB", "erid", "markets"), ("DE", "EUR", "Impressum", "based"), ("DE", "EUR", "UWG", "markets"), ("SA", "SAR", "Mawthooq", "based"), ("CA", "CAD", "CASL", "markets"),
        ("GB", "GBP", "CAP Code", "markets"), ("US", "USD", "CAN-SPAM", "markets"), ("ES", "EUR", "LSSI-CE", "markets"), ("FR", "EUR", "L34-5", "markets"),
        ("TR", "TRY", "İYS", "markets"), ("IN", "INR", "ASCI", "markets"), ("BR", "BRL", "LGPD", "markets"), ("ZA", "ZAR", "POPIA", "markets"),
        ("KE", "KES", "Data Protection Act, 2019", "markets"), ("KR", "KRW", "(광고)", "markets"), ("AU", "AUD", "Spam Act 2003", "markets"),
        ("SA", "SAR", "M/19", "markets"), ("SA", "SAR", "-AD", "markets"), ("KZ", "KZT", "94-V", "markets"), ("UA", "UAH", "2297-VI", "markets"),
        ("UA", "UAH", "270/96", "markets"), ("DE", "EUR", "LUCID", "markets"),
    ],
)
def test_a_countrys_law_is_in_the_checklist_of_those_it_binds(language: str, country: str, currency: str, mark: str, scope: str) -> None:
    """A Kazan bakery's checklist said nothing of marking online ads (erid), a German firm nothing of its Impressum,
    a Riyadh studio nothing of the Mawthooq licence. A law on the organisation (an Impressum, a licence) binds those
    based there; a law on advertising (marking ads, consent to advertising email) binds whoever advertises there, so
    a firm based in Italy that also sells in Germany needs German consent to its emails but no Impressum."""
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "markets": [country], "audience": {"age": [25, 55]}, "goals": ["sales"],
            "budget": {"monthly": 0, "currency": currency, "weekly_hours": 5}, "formats": ["text", "image"], "max_channels": 2}
    based_there = cf.recommend(shop, language=language, minimum_budget_share=None)
    selling_there = cf.recommend({**shop, "markets": {"IT": 0.7, country: 0.3}, "based_in": "IT"}, language=language, minimum_budget_share=None)
    elsewhere = cf.recommend({**shop, "markets": ["IT"], "based_in": "IT", "budget": {"monthly": 0, "currency": "EUR", "weekly_hours": 5}}, language=language, minimum_budget_share=None)
    assert sum(mark in line for line in based_there.policy) == 1
    assert sum(mark in line for line in selling_there.policy) == (1 if scope == "markets" else 0)
    assert not any(mark in line for line in elsewhere.policy)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_a_bangladeshi_nonprofit_is_told_that_money_raised_abroad_needs_approval(language: str) -> None:
    """A Dhaka NGO raising from the diaspora in Britain and the US read only "the fundraising regulator or code of each
    of your markets": Bangladesh's Foreign Donations Act binds NGOs based there, whatever the markets."""
    ngo = {"name": "ngo", "kind": "nonprofit", "model": "b2c", "sector": "nonprofit", "markets": {"BD": 0.6, "GB": 0.2, "US": 0.2}, "based_in": "BD",
           "audience": {"age": [20, 60]}, "goals": ["fundraising"], "budget": {"monthly": 0, "currency": "BDT", "weekly_hours": 5}, "max_channels": 2}
    law = next(item["text"] for item in locale(language, "nonprofit")["policy"] if isinstance(item, dict) and item.get("countries") == ["BD"])
    assert law in cf.recommend(ngo, language=language, minimum_budget_share=None).policy
    british = {**ngo, "based_in": "GB", "budget": {"monthly": 0, "currency": "GBP", "weekly_hours": 5}}
    assert law not in cf.recommend(british, language=language, minimum_budget_share=None).policy


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_every_country_line_of_the_checklists_names_whom_it_binds(language: str, cat: cf.Catalog) -> None:
    """A country's line says whether it binds organisations based there (``countries``), anyone advertising there
    (``markets``) or both, with catalog countries, and may name the catalog ``sectors`` it binds: a misspelt key
    would silently drop the line from every plan."""
    import json
    from pathlib import Path

    strings = json.loads((Path(cf.__file__).parent / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    lines = [*strings["policy"], *(item for kind in strings["by_kind"].values() for item in kind.get("policy", [])),
             *(item for sector in strings["by_sector"].values() for item in sector.get("policy_extra", []))]
    scoped = [item for item in lines if isinstance(item, dict)]
    assert len(scoped) >= 14
    gates = {"sectors", "kinds", "goals", "minors", "based_outside", "based_in", "distance_selling", "consumers", "channels"}  # the conditions of routine.policy and locale
    for item in scoped:
        # scoped by place, or a platform's own rule everywhere, bound by a condition (else it would be a plain line)
        assert set(item) - gates in ({"text", "countries"}, {"text", "markets"}, {"text", "countries", "markets"}) or (set(item) - gates == {"text"} and set(item) & gates), item
        for codes in (item.get("countries"), item.get("markets"), item.get("based_in")):
            assert codes is None or (codes and set(codes) <= set(cat.countries)), item
        assert "sectors" not in item or (item["sectors"] and set(item["sectors"]) <= set(cat.index["sectors"])), item  # a misspelt sector drops it too
        assert "goals" not in item or (item["goals"] and set(item["goals"]) <= set(cat.goals)), item
        assert "kinds" not in item or (item["kinds"] and set(item["kinds"]) <= set(KINDS)), item
        assert "channels" not in item or (item["channels"] and set(item["channels"]) <= set(cat.channels)), item
        assert all(item.get(flag, True) is True for flag in ("minors", "based_outside", "distance_selling", "consumers")), item
        assert "based_outside" not in item or "markets" in item, item  # outside the line's markets


@pytest.mark.parametrize(("market", "currency", "sign"), [("RU", "RUB", "₽"), ("KZ", "KZT", "₸"), ("UA", "UAH", "грн")])
def test_a_russian_plan_writes_the_currency_sign_its_readers_write(market: str, currency: str, sign: str) -> None:
    """An Almaty showroom read "1 200 000 KZT в месяц": a Russian plan writes roubles and tenge with their signs."""
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "markets": [market], "goals": {"sales": 1},
            "budget": {"monthly": 1_200_000, "currency": currency, "weekly_hours": 10}, "premises": True}
    text = render_plan(cf.recommend(shop, language="ru", minimum_budget_share=None))
    assert sign in text and f" {currency}" not in text


#: A Lviv coffee roaster (70 % Ukraine, 30 % Poland, 40,000 UAH and 10 h a week, on Instagram and Telegram) read its
#: plan in Russian: a Ukrainian organisation reads it in Ukrainian.
LVIV_ROASTER = {
    "name": "Кавова обсмажка «Зерно»",
    "model": "b2c",
    "sector": "food_and_drink",
    "markets": {"UA": 0.7, "PL": 0.3},
    "based_in": "UA",
    "audience": {"age": [22, 50]},
    "goals": {"sales": 3, "brand_awareness": 2, "community": 1},
    "budget": {"monthly": 40000, "currency": "UAH", "weekly_hours": 10},
    "formats": ["text", "image", "short_video"],
    "present_on": ["instagram", "telegram"],
    "max_channels": 4,
}

#: The Latin-alphabet words the Ukrainian locale writes outside its checklist of laws: brands and the products and
#: ad formats they name, the profile's own field names a reader may set, and KPI, JSON, SMS.
UKRAINIAN_LATIN = {
    "Ad", "Ads", "Amazon", "Baidu", "budget", "Center", "Email", "Facebook", "Google", "Hotel", "Hotels", "Instagram", "JSON", "KPI", "LinkedIn", "Manager", "Max", "Merchant", "Messenger", "Meta",
    "Naver", "Performance", "Promote", "Seznam", "Shopping", "Sklik", "Spotify", "Standard", "Studio", "TikTok", "WhatsApp", "false", "hourly_rate", "may_drop_accounts", "of", "premises",
    "present_on",
    "share", "true", "voice",
}


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z_]*", re.sub(r"{[^}]*}", "", text)))


def test_the_ukrainian_locale_writes_no_latin_words_but_brands_and_field_names() -> None:
    """Outside the laws' own names in the checklist (UWG, CAN-SPAM Act, Loi Évin), every Latin word of uk.json is a
    brand, a product or a field of the profile: a new English word in a Ukrainian template fails here."""
    strings = json.loads((Path(cf.__file__).parent / "locales" / "uk.json").read_text(encoding="utf-8"))
    laws = {"policy", "policy_extra"}
    body = _strings({k: v for k, v in strings.items() if k not in ("grammar", "policy", "by_kind", "by_sector")})
    body += _strings([{k: v for k, v in overlay.items() if k not in laws} for section in ("by_kind", "by_sector") for overlay in strings[section].values()])
    assert set().union(*map(_latin_words, body)) == UKRAINIAN_LATIN


@pytest.mark.parametrize("name", [*NAMES, "lviv_roaster"])
def test_a_ukrainian_plan_has_no_latin_words_but_names_and_codes(name: str, cat: cf.Catalog) -> None:
    """A Ukrainian plan's Latin words are the names of channels, of the sources it cites and of the organisation,
    currency codes, the laws' own names in the checklist and the locale's brands (:data:`UKRAINIAN_LATIN`): no
    English word, id or catalog note reaches the reader."""
    from channelfit.explain import publisher_name

    profile = LVIV_ROASTER if name == "lviv_roaster" else load_example(name)
    plan = cf.recommend(profile, language="uk")
    page = render_plan(plan)
    allowed = set(UKRAINIAN_LATIN) | _latin_words(str(profile["name"])) | set(cat.fx_per_eur)
    allowed |= set().union(*(_latin_words(row.name) for row in cat.channel_rows), *(_latin_words(row.name) for row in cat.name_rows.values()))
    allowed |= set().union(*(_latin_words(publisher_name(source.publisher)) for source in cat.sources.values()))
    allowed |= set().union(*(_latin_words(line) for line in plan.policy))
    assert _latin_words(page) <= allowed, sorted(_latin_words(page) - allowed)
    assert not re.search(r"[ыэъё]", page, re.IGNORECASE), "a Russian letter in a Ukrainian plan"


def test_a_ukrainian_plan_for_a_lviv_roaster_speaks_ukrainian() -> None:
    """Hryvnias as грн, places with в/у (в Україні, у Польщі), the Ukrainian law on the state language in the checklist
    of a roaster advertising in Ukraine, and numbers with their words (щонайбільше 4 канали)."""
    plan = cf.recommend(LVIV_ROASTER, language="uk")
    page = render_plan(plan)
    assert "40\u00a0000 грн на місяць" in page and " UAH" not in page
    assert "щонайбільше 4 канали." in page
    reach = [r.text for p in plan.picks for r in p.why if r.code == "reach"]
    assert any("в Україні" in text for text in reach) and any("у Польщі" in text for text in reach)
    assert any("Закон України «Про забезпечення функціонування української мови як державної»" in line for line in plan.policy)
    assert any("у Польщі:" in line for line in plan.policy)  # Poland's consent to direct marketing


@pytest.mark.parametrize(("factor", "expected"), [(2, "у 2 рази"), (2.5, "у 2,5 раза"), (5, "у 5 разів"), (21, "у 21 раз"), (3.7, "у 3,7 раза")])
def test_a_ukrainian_ratio_takes_the_form_of_its_number(factor: float, expected: str) -> None:
    """Ukrainian writes "у 2 рази" and "у 5 разів" but "у 2,5 раза" (a fraction takes the genitive singular): the
    plural's fourth form, which Russian does not need ("в 2 раза", "в 2,5 раза")."""
    text = Explainer(None, "uk").text("reasons", "assumed_audience_travel", people=40, factor=factor)
    assert f"{expected} вища" in text, text


@pytest.mark.parametrize(("factor", "expected"), [(2, "до 2 раз больше"), (10, "до 10 раз больше"), (1.5, "до 1,5 раза больше"), (21, "до 21 раза больше")])
def test_a_russian_factor_after_do_takes_the_genitive(factor: float, expected: str) -> None:
    """Russian wrote "до 10 раза больше" (review 31, a Lausanne watch maker): after "до" the count takes the genitive,
    "до 2 раз", "до 10 раз", "до 21 раза", and a fraction the genitive singular, "до 1,5 раза"."""
    text = Explainer(None, "ru").text("reasons", "assumed_audience", people=40, factor=factor)
    assert expected in text, text


@pytest.mark.parametrize(("ratio", "expected"), [(2, "в 2 раза больше"), (5, "в 5 раз больше"), (1.4, "в 1,4 раза больше"), (21, "в 21 раз больше")])
def test_a_russian_ratio_after_v_takes_the_form_of_its_number(ratio: float, expected: str) -> None:
    text = Explainer(None, "ru").text("reasons", "click_cost_more", sector="x", ratio=ratio, source="s", money=1, currency="EUR")
    assert expected in text, text


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_the_checklist_speaks_of_the_home_country_and_every_target_market(language: str, cat: cf.Catalog) -> None:
    """A Lagos label (80 % Nigeria) read the UK's and the US's rules and nothing on Nigeria's, and a Prague brewery
    nothing on Czechia's: every catalog country, as home or as target market, has a line of its own or a line saying
    the checklist holds none on its law."""
    from channelfit.routine import policy

    explainer = Explainer(None, language)
    scoped = [item for item in explainer.strings["policy"] if isinstance(item, dict)]
    for country in cat.countries:
        own = [item["text"] for item in scoped if country in item.get("countries", ()) or country in item.get("markets", ())]
        other = "US" if country != "US" else "GB"
        for home, markets in ((country, [other]), (other, [country])):
            # the home country alone binds the organisation, not its ads or contacts (a Dhaka exporter selling to Europe, review 35)
            no_line = explainer.text("reasons", "policy_no_line_home" if home == country else "policy_no_line", country=country)
            lines = policy(explainer, home, markets)
            assert (no_line in lines) != bool(own), (country, home, markets)
            binding = [item["text"] for item in scoped if country in item.get("countries" if home == country else "markets", ())]
            assert all(text in lines for text in binding), (country, home, markets)
    lagos = cf.recommend({"name": "label", "model": "b2c", "sector": "fashion", "markets": {"NG": 0.8, "GB": 0.1, "US": 0.1}, "goals": {"sales": 1},
                          "budget": {"monthly": 250_000, "currency": "NGN", "weekly_hours": 10}}, language=language, minimum_budget_share=None)
    assert any("ARCON" in line or "Advertising Regulatory Council of Nigeria" in line for line in lagos.policy)
    dhaka = policy(explainer, "BD", ["BD", "AE"])  # Karachi's was, until Pakistan's anti-spam line (review 21)
    assert dhaka[-1] == explainer.text("reasons", "policy_no_line", country="BD")
    gdpr = next(item["text"] for item in scoped if "GDPR" in item["text"] and "DE" in item.get("markets", ()))  # a Dhaka exporter selling to EU buyers
    assert gdpr in policy(explainer, "BD", ["DE", "US"]) and gdpr not in policy(explainer, "US", ["US", "CA"])
    canadian = next(item["text"] for item in scoped if item.get("markets") == ["CA"])  # a Toronto lawyer sends from Canada
    assert canadian in policy(explainer, "CA", ["IN", "PH", "CN"])
    finnish = next(item["text"] for item in scoped if item.get("countries") == ["FI"] and item.get("goals") == ["fundraising"])  # a Helsinki theatre's permit
    assert finnish in policy(Explainer(None, language, "nonprofit"), "FI", ["FI"], goals=["fundraising"]) and finnish in policy(explainer, "FI", ["FI"], goals=["fundraising"])
    assert finnish not in policy(Explainer(None, language, "nonprofit"), "FI", ["FI"], goals=["community"])
    for kind in ("public_body", "nonprofit", "person"):  # a Rome museum read none of its markets' consent rules
        german = next(item["text"] for item in scoped if item.get("markets") == ["DE"] and "UWG" in item["text"])
        assert german in policy(Explainer(None, language, kind), "IT", ["IT", "DE"])


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_every_market_is_accounted_for_under_a_pick(language: str, cat: cf.Catalog) -> None:
    """A Lima cooking school selling to seven markets read the reach of five under every pick, never Peru's, its
    home: the home market is always stated, and the markets not stated are named together with their weight."""
    school = {"name": "school", "model": "b2c", "sector": "travel", "based_in": "PE",
              "markets": {"US": 0.35, "GB": 0.15, "DE": 0.1, "FR": 0.1, "CA": 0.1, "AU": 0.1, "PE": 0.1}, "audience": {"age": [22, 65]},
              "goals": {"sales": 3, "brand_awareness": 1}, "budget": {"monthly": 1500, "currency": "PEN", "weekly_hours": 8},
              "formats": ["text", "image", "short_video"], "premises": True, "max_channels": 4}
    explainer = Explainer(cat, language)
    plan = cf.recommend(school, language=language, minimum_budget_share=None)
    assert any(r.code == "reach_more" for p in plan.picks for r in p.why)
    for pick in plan.picks:
        if cat.needs_premises[cat.index["channels"][pick.channel]]:
            continue  # a listing speaks of the people near the premises
        stated = {r.values["country"] for r in pick.why if "country" in r.values and r.code in ("reach", "reach_unknown", "blocked_in")}
        assert "PE" in stated
        more = [r for r in pick.why if r.code == "reach_more"]
        missing = [k for k in school["markets"] if k not in stated]
        assert len(more) == (1 if missing else 0)
        if missing:
            assert more[0].values["pct"] == round(100 * sum(school["markets"][k] for k in missing))
            assert all(explainer.place(k) in more[0].text for k in missing)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_a_riyadh_clinic_is_told_its_adverts_need_the_ministry_of_health(language: str) -> None:
    """An expert review found a Riyadh dental clinic's checklist silent on the Ministry of Health's approval of a
    private clinic's adverts, on the PDPL and on consent to marketing messages: the approval binds the clinic
    licensed there (an Istanbul clinic targeting Saudi patients is not told of it, but is of the PDPL), a Riyadh
    shop reads the data lines and not the clinic's."""
    clinic = {"name": "clinic", "model": "b2c", "sector": "health", "markets": ["SA"], "audience": {"age": [20, 60]}, "goals": {"local_visits": 2},
              "budget": {"monthly": 0, "currency": "SAR", "weekly_hours": 6}, "premises": True, "max_channels": 2}
    general = locale(language)["policy"]
    approval = next(item["text"] for item in locale(language, None, "health")["policy"] if isinstance(item, dict) and item.get("countries") == ["SA"] and item not in general)
    data = [item["text"] for item in general if isinstance(item, dict) and "PDPL" in item["text"]]
    riyadh = cf.recommend(clinic, language=language, minimum_budget_share=None).policy
    istanbul = cf.recommend({**clinic, "based_in": "TR", "markets": {"TR": 0.7, "SA": 0.3}, "budget": {"monthly": 0, "currency": "TRY", "weekly_hours": 6}},
                            language=language, minimum_budget_share=None).policy
    shop = cf.recommend({**clinic, "sector": "retail"}, language=language, minimum_budget_share=None).policy
    assert len(data) == 2 and approval in riyadh and all(line in riyadh for line in data)
    assert approval not in istanbul and all(line in istanbul for line in data)
    assert approval not in shop and all(line in shop for line in data)


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_the_eu_product_safety_line_is_for_those_selling_in_the_eu(language: str) -> None:
    """An Istanbul furniture shop selling to Germany read nothing of the General Product Safety Regulation: it binds
    whoever sells a consumer product in the EU, from wherever; not a shop selling to the US and Canada, nor one
    selling only in Norway (the regulation's incorporation into the EEA was not checked)."""
    from channelfit.routine import policy

    explainer = Explainer(None, language)
    gpsr = next(item for item in explainer.strings["policy"] if isinstance(item, dict) and "2023/988" in item["text"])
    gdpr = next(item for item in explainer.strings["policy"] if isinstance(item, dict) and "GDPR" in item["text"] and "DE" in item.get("markets", ()))
    assert set(gpsr["markets"]) == set(gdpr["markets"]) - {"NO"} and "countries" not in gpsr
    assert gpsr["text"] in policy(explainer, "TR", ["TR", "DE"]) and gpsr["text"] in policy(explainer, "IT", ["IT"])
    assert gpsr["text"] not in policy(explainer, "US", ["US", "CA"]) and gpsr["text"] not in policy(explainer, "NO", ["NO"])


@pytest.mark.parametrize("language", ["en", "it", "ru", "uk"])
def test_the_ukrainian_language_line_says_the_same_in_every_language(language: str) -> None:
    """The Ukrainian plan cited articles 27, 30 and 32 of Law 2704-VIII and websites and social pages opening in
    Ukrainian by default, the English, Italian and Russian ones only articles 27 and 32: every language cites the
    same three articles; a Lviv roaster reads the language, personal-data, advertising and job-ad lines, an Almaty school
    Kazakhstan's data law and not Ukraine's."""
    line = next(item for item in locale(language)["policy"] if isinstance(item, dict) and "2704-VIII" in item["text"])
    assert line["markets"] == ["UA"] and "27, 30" in line["text"] and "32" in line["text"]
    roaster = cf.recommend(LVIV_ROASTER, language=language, minimum_budget_share=None).policy
    ukrainian = [item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and "UA" in item.get("markets", ())]
    job = [item["text"] for item in locale(language)["policy"] if isinstance(item, dict) and "24¹" in item["text"]]
    assert len(ukrainian) == 4 and all(text in roaster for text in ukrainian if text not in job)  # language, data, tobacco and alcohol
    hiring = cf.recommend({**LVIV_ROASTER, "goals": {**LVIV_ROASTER["goals"], "recruiting": 1}}, language=language, minimum_budget_share=None).policy
    assert len(job) == 1 and job[0] not in roaster and job[0] in hiring  # the job-ad line, for a roaster that recruits
    school = {"name": "school", "model": "b2c", "sector": "education", "markets": ["KZ"], "audience": {"age": [18, 40]}, "goals": ["sales"],
              "budget": {"monthly": 0, "currency": "KZT", "weekly_hours": 6}, "max_channels": 2}
    almaty = cf.recommend(school, language=language, minimum_budget_share=None).policy
    assert any("94-V" in text for text in almaty) and not any(text in almaty for text in ukrainian)


def test_a_law_on_selling_goods_is_read_only_by_the_sectors_that_sell_them() -> None:
    """A Dublin accountant, a Warsaw language school and a Cape Town guesthouse read Germany's packaging register
    and 14-day withdrawal and the EU's product safety rules (a guesthouse's dated stays are exempt from withdrawal),
    and a Kharkiv clinic Ukraine's tobacco line: a line that names sectors binds only them."""
    shop = {"name": "shop", "model": "b2c", "sector": "fashion", "based_in": "TR", "markets": {"TR": 0.5, "DE": 0.5}, "audience": {"age": [20, 50]},
            "goals": {"sales": 3}, "budget": {"monthly": 1000, "currency": "EUR", "weekly_hours": 10}, "formats": ["image", "text"], "premises": False}
    for language in ("en", "it", "ru", "uk"):
        goods = cf.recommend(shop, language=language, minimum_budget_share=None).policy
        services = cf.recommend({**shop, "sector": "professional_services", "model": "b2b"}, language=language, minimum_budget_share=None).policy
        marked = [line for line in goods if "LUCID" in line or "2023/988" in line]
        assert len(marked) == 2 and not any(line in services for line in marked), language


def test_ukraines_job_ad_line_and_the_eus_minors_line_bind_whom_they_name() -> None:
    """Review 20 found no line on Ukraine's ban of age and sex in job ads (Law on Advertising, art. 24¹) nor on the
    EU's ban of profiling-based ads to minors (Digital Services Act, art. 28): a Lviv company reads the first, a
    Warsaw school the second, a Toronto food bank neither."""
    from channelfit.routine import policy

    for language in ("en", "it", "ru", "uk"):
        explainer = Explainer(None, language)
        lviv, warsaw, toronto = policy(explainer, "UA", ["UA"]), policy(explainer, "PL", ["PL"]), policy(explainer, "CA", ["CA"])
        job = [line for line in lviv if "24¹" in line]
        minors = [line for line in warsaw if "art. 28" in line or "ст. 28" in line]
        assert len(job) == 1 and len(minors) == 1, language
        assert not set(job + minors) & set(toronto) and job[0] not in warsaw and minors[0] not in lviv


def test_a_name_in_brackets_takes_its_level_after_a_dash() -> None:
    """A Bari B&B read "Google Hotel Ads (link di prenotazione gratuiti) (ascolto)": a name ending in brackets takes
    its level in square brackets, in the headings, the phases and the lists (a dash read as a minus before a score);
    every other name keeps its level in round brackets."""
    from channelfit.render import render_plan

    assert Explainer.tagged("Instagram", "grow") == "Instagram (grow)"
    assert Explainer.tagged("Google Hotel Ads (free booking links)", "maintain") == "Google Hotel Ads (free booking links) [maintain]"
    hotel = {"name": "hotel", "model": "b2c", "sector": "hospitality", "markets": ["IT"], "audience": {"age": [25, 65]}, "goals": {"sales": 3},
             "budget": {"monthly": 300, "currency": "EUR", "weekly_hours": 4}, "formats": ["image", "text"], "premises": True,
             "include": ["google_hotel_ads"], "max_channels": 3}
    for language in ("en", "it"):
        plan = cf.recommend(hotel, language=language)
        assert any(p.name.endswith(")") for p in plan.picks), [p.name for p in plan.picks]
        assert ") (" not in render_plan(plan), language


def test_italian_writes_ed_before_e() -> None:
    """"Instagram e Expedia" in an Italian plan: the euphonic "ed" before a word starting with e, "e" elsewhere."""
    italian, english = Explainer(None, "it"), Explainer(None, "en")
    assert italian.join(["Instagram", "Expedia"]) == "Instagram ed Expedia"
    assert italian.join(["Instagram", "eBay"]) == "Instagram ed eBay"
    assert italian.join(["Expedia", "Instagram"]) == "Expedia e Instagram"
    assert italian.join(["a", "Expedia"], "or") == "a o Expedia"
    assert english.join(["Instagram", "Expedia"]) == "Instagram and Expedia"


def test_ukrainian_kpi_targets_compare_with_the_baseline() -> None:
    """Reviewers read "+15 % за 90 днів до базового значення" as a calque: a Ukrainian target compares with the baseline."""
    shop = {"name": "shop", "model": "b2c", "sector": "retail", "markets": ["UA"], "audience": {"age": [20, 50]}, "goals": {"sales": 3},
            "budget": {"monthly": 20000, "currency": "UAH", "weekly_hours": 8}, "formats": ["image", "text"], "premises": False}
    from channelfit.render import render_plan

    page = render_plan(cf.recommend(shop, language="uk", minimum_budget_share=None))
    assert "порівняно з базовим значенням" in page and "до базового значення" not in page


def test_the_italian_locale_writes_one_apostrophe() -> None:
    """The Bologna libraries' plan read "Profilo dell’attività" beside "dell'ente" on one line (review 24): the Italian
    strings use the straight apostrophe throughout, and a listening line's channels are not put in brackets, where a
    name ending in one ("X (Twitter)") closed two."""
    text = (Path(cf.__file__).parent / "locales" / "it.json").read_text(encoding="utf-8")
    assert "\u2019" not in text
    for language in ("en", "it", "ru", "uk"):
        assert "(" not in locale(language)["render"]["listening_item"], language


def test_professionals_addressed_for_other_goals_than_sales_are_not_called_buyers() -> None:
    """A Nordic climate-data institute (a public body, b2b, seeking thought leadership, researchers and partners) read
    that ResearchGate reached "professionals in research, your buyers" and that its ads ran to "the managers and
    professionals who buy for businesses" (review 31): with no sales or leads among its goals, they are the people it
    addresses; with leads, its buyers."""
    institute = {
        "name": "institute", "kind": "public_body", "model": "b2b", "sector": "research", "markets": {"SE": 0.4, "DK": 0.2, "NO": 0.2, "FI": 0.2},
        "based_in": "SE", "audience": {"age": [25, 65], "professionals": True, "sectors": ["public_sector", "research"]},
        "goals": {"thought_leadership": 3, "recruiting": 2, "partnerships": 2}, "budget": {"monthly": 25000, "currency": "SEK", "weekly_hours": 12},
        "formats": ["article", "text", "long_video", "image", "audio"], "present_on": {"linkedin": "maintain", "x": "maintain"}, "max_channels": 5,
    }

    def whom(plan: cf.Plan) -> set[str]:
        return {r.values["whom_id"] for p in plan.picks for r in p.why if r.code == "sector_reach" and r.values["sector_id"] == "research"}

    def assumed(plan: cf.Plan) -> str:
        return " ".join(r.text for r in plan.assumptions if r.code == "audience")

    plan = cf.recommend(institute, minimum_budget_share=None)
    assert whom(plan) == {"audience_sector"} and "to the professionals you address" in assumed(plan) and "buy for businesses" not in assumed(plan)
    selling = cf.recommend({**institute, "goals": {"thought_leadership": 3, "recruiting": 2, "partnerships": 2, "lead_generation": 1}}, minimum_budget_share=None)
    assert whom(selling) == {"customers"} and "buy for businesses" in assumed(selling)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pick_serving_no_goal_says_so_in_the_table(language: str) -> None:
    """A Vienna architecture studio's Instagram, kept at listen, sat in the mix's table with an empty goals cell (review
    31): the cell says it serves none at that level."""
    studio = {"name": "studio", "model": "b2b2c", "sector": "architecture_and_interiors", "markets": {"AT": 1.0}, "based_in": "AT",
              "audience": {"age": [30, 65]}, "goals": {"lead_generation": 3, "thought_leadership": 2, "recruiting": 1},
              "budget": {"monthly": 1500, "currency": "EUR", "weekly_hours": 6}, "formats": ["image", "text", "article"], "premises": True,
              "present_on": {"instagram": "maintain", "linkedin": "maintain"}, "max_channels": 4}
    plan = cf.recommend(studio, language=language, minimum_budget_share=None)
    idle = [p for p in plan.picks if not p.goals]
    assert idle, [(p.channel, p.level, p.goals) for p in plan.picks]
    none = locale(language)["render"]["goals_none"]
    rows = [line for line in render_plan(plan).splitlines() if line.startswith("| ") and any(f"| {p.name} " in line or p.channel in line for p in idle)]
    assert rows and all(line.rstrip(" |").endswith(none) for line in rows), rows


def test_ukrainian_writes_its_apostrophe_as_a_typographic_one() -> None:
    """Review 34: batch N17's Finnish lines wrote "обов'язків" beside the locale's "ком’юніті"."""
    text = (Path(cf.__file__).parent / "locales" / "uk.json").read_text(encoding="utf-8")
    assert not re.findall(r"[А-Яа-яІіЇїЄєҐґ]'[А-Яа-яІіЇїЄєҐґ]", text)


#: Review 35's Taipei bubble-tea chain, whose reach figures cite Digital 2024: Taiwan.
TAIPEI_TEA = {
    "name": "tea", "kind": "company", "model": "b2c", "sector": "food_and_drink", "markets": {"TW": 1.0}, "based_in": "TW", "audience": {"age": [15, 35]},
    "goals": {"local_visits": 3, "brand_awareness": 2, "recruiting": 1}, "budget": {"monthly": 60000, "currency": "TWD", "weekly_hours": 15},
    "formats": ["image", "short_video", "text"], "premises": True, "present_on": {"instagram": "maintain", "line": "maintain"}, "max_channels": 5,
}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_joint_publishers_are_cited_without_an_english_and(language: str, cat: cf.Catalog) -> None:
    """Review 35 (P15): an Italian plan read "stima per età da DataReportal/Kepios and We Are Social 2024": plans cite a
    source's publisher as ``sources.csv`` spells it, in every language, so publishers of a joint study are joined by "/"
    there, not by "and" (HOTREC/HES-SO Valais-Wallis, ZHAW/Swisscom ...)."""
    assert publisher_name(cat.sources["datareportal_2024_taiwan"].publisher) == "DataReportal/Kepios/We Are Social"
    for source in ("hotrec_distribution_2020", "bands_james_2020_influence", "bands_jongerenonderzoek_2024_tweakers", "bands_unicef_es_2021_oncenoticias",
                   "batchn9_asiae_coupangeats_2024", "batchn9_ammogroup_wordstream_2021"):
        assert " and " not in publisher_name(cat.sources[source].publisher), source
    page = render_plan(cf.recommend(TAIPEI_TEA, language=language))
    assert "DataReportal/Kepios/We Are Social 2024" in page and " and We Are Social" not in page
