"""Every word of a plan, from the locale files (``channelfit/locales/{en,it,ru,uk}.json``).

A locale file holds the reason templates, the plan's notes and targets, the rendering's
headings, the display words of every id (goals, sectors, formats, levels, KPIs, ...), the
listening prompts, the role duties, the policy checklist, how to write numbers and, where the
language needs them, its articles, plural forms and place names (``grammar``, named by templates as ``{pct:il}``). Every
reason carries the figures it states (``values``) and the source behind them, so a test can
check that the words equal the data they cite. A new language is one new locale file.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from .data import Catalog
from .plan import Reason
from .tables import ClosedRow, CommissionRow, MarketRow, ReachBandRow, SectorAdBanRow, SectorClickCostRow, Sourced
from .vocabulary import LANGUAGES

__all__ = ["Explainer", "format_number", "locale", "money_figure", "percent", "publisher_name"]


@functools.lru_cache(maxsize=64)
def locale(language: str, kind: str | None = None, sector: str | None = None) -> dict[str, Any]:
    """The parsed locale file of ``language`` (one of :data:`~channelfit.vocabulary.LANGUAGES`), with the words of
    its ``by_kind`` section for ``kind`` of organisation laid over the rest (a public body serves citizens, not
    customers), then those of its ``by_sector`` section for ``sector`` (a clinic has patients); a kind's policy
    checklist replaces the general lines but keeps the countries' laws (a Rome museum, a public body, read none of the
    consent rules of its markets), and a sector's ``policy_extra`` lines are added to it. A line that names
    ``sectors`` is kept only for them (with no sector given, every line is), and one that names ``kinds`` only for
    those kinds of organisation (the EU's political-advertising line for consultancies is not a charity's, whose own
    checklist has it: with no kind given, every line is)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    text = (resources.files("channelfit") / "locales" / f"{language}.json").read_text(encoding="utf-8")
    strings = json.loads(text)
    by_kind, by_sector = strings.pop("by_kind", {}), strings.pop("by_sector", {})
    for overlay in (by_kind.get(kind or "", {}), by_sector.get(sector or "", {})):
        for section, entries in overlay.items():
            if section == "policy_extra":
                strings["policy"] = [*strings["policy"], *entries]
            elif section == "policy":  # a kind's checklist replaces the general lines; the countries' laws stay
                strings[section] = [*entries, *(item for item in strings[section] if isinstance(item, dict))]
            elif isinstance(entries, list):
                strings[section] = entries
            else:
                for key, value in entries.items():
                    strings[section][key] = {**strings[section][key], **value} if isinstance(value, dict) else value
    # a law on selling goods binds the sectors that sell them (a Dublin accountant read the German packaging register)
    strings["policy"] = [
        item
        for item in strings["policy"]
        if not isinstance(item, dict) or ((sector is None or sector in item.get("sectors", (sector,))) and (kind is None or kind in item.get("kinds", (kind,))))
    ]
    return strings


_INTERMEDIARY = re.compile(r"\s+(\(|via\b|reported by\b|reporting\b|citing\b|quoting\b)")


def publisher_name(publisher: str) -> str:
    """The publisher's own name, without the English note on who reported it (``"Eurispes (via DonnaClick)"`` -> ``"Eurispes"``).

    Plans cite the publisher in every language; the full attribution stays in ``sources.csv``.
    """
    return _INTERMEDIARY.split(publisher, maxsplit=1)[0].strip() or publisher


def percent(share: float) -> int:
    """A share as a whole percentage, the precision the sources support."""
    return int(round(share * 100))


def money_figure(amount: float) -> float:
    """An amount of money at the precision a plan states it: whole units from 100 up, cents below, halves rounded
    away from zero as people round money (Python's ``round`` takes halves to even: a minimum of 106.5 read 106)."""
    step = Decimal(1) if abs(amount) >= 100 else Decimal("0.01")
    return float(Decimal(repr(float(amount))).quantize(step, rounding=ROUND_HALF_UP)) + 0.0


def format_number(value: float, language: str, digits: int = 2) -> str:
    """``value`` rounded to at most ``digits`` decimals, with the locale's decimal mark and
    thousands separator, trailing zeros dropped; never in exponent notation."""
    marks = locale(language)["number"]
    rounded = round(float(value), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    whole, _, fraction = f"{abs(rounded):,.{digits}f}".partition(".")
    fraction = fraction.rstrip("0")
    text = whole.replace(",", marks["group"]) + (marks["decimal"] + fraction if fraction else "")
    return ("-" if rounded < 0 else "") + text


#: A placeholder with a format spec (``{hours:ore}``): the spec names an entry of the locale's ``grammar``.
_SPEC = re.compile(r"{\w+:")


class _TemplateFormatter(string.Formatter):
    """Fills a locale template whose placeholders may name a grammar entry of the language after a colon.

    A locale's optional ``grammar`` section holds ``articles`` (``{pct:il}`` writes ``il 18`` but ``l'80``:
    the elided form where the number, read aloud, starts with a vowel, as the ``elides`` pattern says) and
    ``plurals`` (``{hours:ore}`` writes ``1 ora`` but ``1,5 ore``: the forms of the word after the number,
    chosen by the language's ``plural`` rule) and ``places`` (``{country:in}`` writes a country code as the
    language says "in" that country: ``negli Stati Uniti``, ``во Франции``; a code the table lacks, a custom
    catalog's, goes into its ``fallback``). Templates without a spec are filled by ``str.format``.
    """

    def __init__(self, grammar: Mapping[str, Any], number: Mapping[str, str]) -> None:
        self.articles: Mapping[str, list[str]] = grammar.get("articles", {})
        self.plurals: Mapping[str, list[str]] = grammar.get("plurals", {})
        self.places: Mapping[str, Mapping[str, str]] = grammar.get("places", {})
        self.elides = re.compile(grammar.get("elides", "(?!)"))
        self.rule: str = grammar.get("plural", "one_other")
        self.number = number

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in self.articles:
            plain, elided = self.articles[format_spec]
            return (elided if self.elides.match(str(value)) else plain) + str(value)
        if format_spec in self.plurals:
            forms = self.plurals[format_spec]
            return f"{value} {forms[_plural_form(str(value), self.rule, self.number, len(forms))]}"
        if format_spec in self.places:
            table = self.places[format_spec]
            return table.get(str(value)) or table["fallback"].format(value)
        return super().format_field(value, format_spec)


def _plural_form(figure: str, rule: str, number: Mapping[str, str], forms: int = 3) -> int:
    """The index of the word's form after the number written ``figure``, by CLDR's cardinal plural categories:
    ``one_other`` (English, Italian; forms ``[one, other]``: 1 hour, 2 hours) or ``east_slavic`` (Russian, Ukrainian;
    forms ``[one, few, many]``: 1, 21 канала; 2-4, 22 канала; 5-20, 25 каналов; a fraction takes ``few``, or a fourth
    form where the word has one: Ukrainian writes у 2 рази but у 2,5 раза, the genitive singular)."""
    whole, _, fraction = figure.lstrip("-").partition(number["decimal"])
    n = int(whole.replace(number["group"], "") or 0)
    if rule == "one_other":
        return 0 if n == 1 and not fraction else 1
    if fraction:
        return 3 if forms > 3 else 1
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


#: An explainer keeps the reasons it wrote (one plan's worth) to hand out again; past this many it starts afresh.
_MAX_REASONS_KEPT = 4096


class Explainer:
    """Words and reasons in one language, for one catalog (``None`` when only words are needed); channels are named as
    they are known in ``market``, the organisation's main market (:meth:`~channelfit.data.Catalog.local_name`)."""

    def __init__(self, cat: Catalog | None, language: str = "en", kind: str | None = None, sector: str | None = None, market: str | None = None) -> None:
        self.cat = cat
        self.language = language
        self.market = market
        self.strings = locale(language, kind, sector)
        self._formatter = _TemplateFormatter(self.strings.get("grammar", {}), self.strings["number"])
        self._reasons: dict[tuple[Any, ...], Reason] = {}  # a plan states the same reason for many channels

    def number(self, value: float, digits: int = 2) -> str:
        """``value`` written in this language (see :func:`format_number`)."""
        return format_number(value, self.language, digits)

    def word(self, kind: str, key: str) -> str:
        """The display word of an id of ``kind`` (``goals``, ``sectors``, ``levels``, ``kpis``, ...).

        Ids a custom catalog adds without a locale entry fall back to the catalog's name, else the id.
        """
        words = self.strings["words"].get(kind, {})
        if key in words:
            return words[key]
        for row in self.cat.vocabulary_rows.get(kind, ()) if self.cat is not None else ():
            if row.id == key:
                return row.name.lower()
        return key.replace("_", " ")

    def place(self, country: str) -> str:
        """How the language says "in" a country (``grammar.places.in``): ``in Australia``, ``in Perù``, ``в Перу``."""
        return self._formatter.format_field(country, "in")

    def join(self, items: Iterable[str], conjunction: str = "and") -> str:
        """A list in running text, the last item after the language's ``conjunction`` (``grammar.and`` or
        ``grammar.or``): "a, b and c", "a, b or c"; before an item starting with e, the language's euphonic form
        where it has one (``grammar.and_before_e``: Italian "Instagram ed Expedia")."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        grammar = self.strings["grammar"]
        word = grammar.get(f"{conjunction}_before_e", grammar[conjunction]) if items[-1][:1].lower() == "e" else grammar[conjunction]
        return f"{', '.join(items[:-1])} {word} {items[-1]}"

    def channel_name(self, channel: int) -> str:
        """A channel's display name: the locale's word for a generic channel (a newsletter, a blog), else its name in
        the main market (a Colombian plan read "Mercado Libre / Mercado Livre", a Polish one "Just Eat (Thuisbezorgd.nl,
        Lieferando, Pyszne.pl)"), else the catalog's name."""
        assert self.cat is not None
        generic = self.strings["words"]["channels"].get(self.cat.channels[channel])
        if generic is not None:
            return generic
        return self.cat.channel_rows[channel].name if self.market is None else self.cat.local_name(channel, self.market)

    @staticmethod
    def tagged(name: str, tag: str) -> str:
        """A channel's name with a tag (its level, its score): in brackets, square ones where the name ends in brackets of
        its own ("Google Hotel Ads (free booking links) [maintain]", not two round brackets in a row; a dash read as a
        minus before a score and ran into the next item of a list)."""
        return f"{name} [{tag}]" if name.endswith(")") else f"{name} ({tag})"

    def text(self, section: str, key: str, **values: Any) -> str:
        """Template ``section.key`` of the locale filled with ``values`` (numbers written in this language, a currency
        by the sign it writes, ``grammar.currencies``)."""
        shown = {name: self.number(v, 0 if isinstance(v, int) else 2) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for name, v in values.items()}
        if "currency" in shown:  # the sign a reader of the language writes (a Russian plan reads 30 000 ₽, not RUB)
            shown["currency"] = self.strings.get("grammar", {}).get("currencies", {}).get(shown["currency"], shown["currency"])
        template = self.strings[section][key]
        return self._formatter.vformat(template, (), shown) if _SPEC.search(template) else template.format(**shown)

    def reason(self, code: str, key: str | None = None, source_id: str | None = None, **values: float | int | str) -> Reason:
        """A :class:`Reason` from template ``reasons.{key or code}``; ``values`` are kept as given."""
        memo = (code, key, source_id, *((name, type(v), v) for name, v in values.items()))  # 1 and 1.0 print differently
        if memo not in self._reasons:
            if len(self._reasons) >= _MAX_REASONS_KEPT:
                self._reasons.clear()
            self._reasons[memo] = Reason(code=code, text=self.text("reasons", key or code, **values), values=values, source_id=source_id)
        return self._reasons[memo]

    def _source(self, source_id: str | None, year: int | None, basis: str) -> str:
        if basis == "estimate" or source_id is None:
            return self.strings["reasons"]["estimate"]
        publisher = publisher_name(self.cat.sources[source_id].publisher)
        return publisher if year is not None and str(year) in publisher else f"{publisher} {year}"  # "Digital News Report 2024", not "... 2024 2024"

    def _cited(self, code: str, key: str | None, row: Sourced, **values: float | int | str) -> Reason:
        """A reason stating a figure of the catalog ``row``: it cites the row's source when the figure was read from
        one, and its text names the publisher, or says it is an estimate."""
        return self.reason(code, key, source_id=row.source_id if row.basis == "source" else None, **values, source=self._source(row.source_id, row.year, row.basis))

    def reach(self, row: MarketRow | ReachBandRow, country: str, share: float, first: int, last: int, gender: str = "any", owned: bool = False) -> Reason:
        """Reach among the people of the target ages (of the ``gender`` asked for) in one market: a published band
        figure, a sourced market total split by age (derived), or an estimate. An ``owned`` channel (a newsletter, a
        blog) reaches only its own audience: its figure is the people who use the medium, the pool that audience grows
        from."""
        key = "reach" if isinstance(row, ReachBandRow) else "reach_estimate" if row.basis == "estimate" else "reach_derived"
        if 0 < share and percent(share) == 0 and not owned:  # "reaches about 0 %" of a niche site read as nobody
            key = "reach_under_one"
        return self._cited("reach", key.replace("reach", "reach_owned") if owned else key, row, pct=percent(share), first=first, last=last, country=country, people=self.word("people", gender), gender=gender)

    def commission(self, row: CommissionRow) -> Reason:
        """The commission a channel keeps of each sale, booking, order or donation it brings (``commissions.csv``); a share
        under 10 % to one decimal (Etsy's 6.5 % read "about 6 %")."""
        pct = round(row.share * 100, 1) if row.share < 0.1 else percent(row.share)
        return self._cited("commission", None, row, pct=pct, on=self.word("charged_on", row.charged_on), charged_on=row.charged_on)

    def click_cost(self, row: SectorClickCostRow) -> Reason:
        """What a search-ad click costs in the organisation's sector against the average over all industries
        (``sector_click_costs.csv``), which prices the level's money and its promotion."""
        return self._cited("click_cost", "click_cost_more" if row.cost_index >= 1 else "click_cost_less", row, ratio=round(row.cost_index, 1), sector=self.word("sectors", row.sector))

    def closed(self, owner: str, country: str, row: ClosedRow) -> Reason:
        """Levels closed to organisations based in ``country``: no ads (``ads_closed``; ``ads_closed_owned`` for an owned
        channel, whose promotion runs through the networks' ads: a Tehran café read "self does not sell ads"), no posting
        (``posting_closed``) or no account (``all_closed``)."""
        key = "ads_closed_owned" if row.closes == "ads" and owner == "self" else None
        return self._cited(f"{row.closes}_closed", key, row, owner=owner, country=country)

    def ads_banned(self, row: SectorAdBanRow, every_market: bool) -> Reason:
        """The law banning the paid promotion of the organisation's sector (``sector_ad_bans.csv``): no paid promotion
        where it binds ``every_market`` (``ads_banned`` for ads aimed at its country, ``ads_banned_everywhere`` for ads
        anywhere), else the ads run only in the markets abroad (``ads_banned_abroad``)."""
        key = "ads_banned_abroad" if not every_market else "ads_banned_everywhere" if row.aimed_at == "everywhere" else "ads_banned"
        return self._cited("ads_banned", key, row, country=row.country)

    def sector_reach(self, channel: str, sector: str, whom: str) -> Reason:
        """Reach among a sector's professionals: ``whom`` is ``customers`` (the buyers), ``audience_sector`` (the professionals
        addressed for other goals) or ``own_sector`` (the people hired)."""
        row = self.cat.sector_reach_rows[(channel, sector)]
        return self._cited(
            "sector_reach", None, row, pct=percent(row.reach), sector=self.word("sectors", sector), sector_id=sector, whom=self.strings["reasons"][whom], whom_id=whom
        )

    def customer_reach(self, channel: str, sector: str, country: str) -> Reason:
        """Reach among the people in the market for ``sector``'s offer in ``country`` (``customer_reach.csv``)."""
        row = self.cat.customer_reach_rows[(channel, sector, country)]
        # a channel whose customers are a narrower market than the sector's says whose (Vivino: people buying wine, not diners)
        whom = self.strings["words"].get("customers_of_channel", {}).get(channel) or self.word("customers_of", sector)
        return self._cited("customer_reach", None, row, pct=percent(row.reach), whom=whom, sector_id=sector, country=country)

    def audience_professionals(self, channel: int) -> Reason:
        row = self.cat.channel_rows[channel]
        return self.reason(
            "audience",
            "audience_professionals",
            source_id=row.audience_source_id if row.audience_basis == "source" else None,
            pct=percent(row.share_professionals),
            source=self._source(row.audience_source_id, row.audience_year, row.audience_basis),
        )

    def goal(self, goal: str, affinity: float) -> Reason:
        strength = "strongly" if affinity >= 0.7 else "well" if affinity >= 0.4 else "somewhat"
        return self.reason(
            "goal", goal=self.word("goals", goal), strength=self.strings["reasons"][strength], affinity=round(affinity, 2), goal_id=goal
        )
