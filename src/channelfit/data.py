"""The channel catalog: the validated tables of ``data/`` as an immutable :class:`Catalog`.

:mod:`channelfit.tables` declares and reads the CSV files; this module turns the rows into the
dense, read-only numpy arrays the scorer and the optimiser read, and keeps the rows for the
reasons and the pandas views (pandas is imported lazily).

The packaged catalog ships inside the wheel (``channelfit/catalog_data``, read with
:mod:`importlib.resources`); :func:`load_catalog` reads any other directory with the same checks.
"""

from __future__ import annotations

import functools
import os
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from .bands import population_in_bands, rates_in_bands
from .errors import CatalogError, ChannelfitError
from .tables import (
    WORLD,
    ChannelKpiRow,
    ChannelNameRow,
    ChannelPaidKpiRow,
    ChannelRow,
    ClosedRow,
    CommissionRow,
    CountryRow,
    CustomerReachRow,
    FxRow,
    GoalMarketRow,
    GoalRow,
    KpiRow,
    LevelRow,
    MarketRow,
    PaidKpiRow,
    ReachBandRow,
    Row,
    SectorAdBanRow,
    SectorClickCostRow,
    SectorFitRow,
    SectorKpiRow,
    SectorReachRow,
    SourceRow,
    VocabularyRow,
    read_tables,
    split,
)
from .vocabulary import AD_FAMILIES, AGE_BANDS, AVAILABILITY, LEVELS, LISTEN, MAINTAIN

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["OWN_MEDIA_ORIENTATIONS", "Catalog", "as_catalog", "catalog", "load_catalog"]

#: The orientations of the media an organisation publishes its own work on (a podcast, a newsletter, a blog, Substack):
#: a media organisation's account there is its product, not a channel it is marketed on (see
#: :func:`~channelfit.scorer.kept_accounts_mask`). Video and audio platforms are not among them: for a musician or a
#: theatre they are channels among others (a Mexico City singer's YouTube, kept at maintain, would take all her 6 hours).
OWN_MEDIA_ORIENTATIONS: tuple[str, ...] = ("owned", "publishing")


def _proxy(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Catalog:
    """The validated catalog.  Immutable: arrays are read-only, frames are fresh copies.

    Attributes
    ----------
    channels, countries, goals, formats, sectors, orientations
        Ids in file order; ``index[kind][id]`` gives a position.
    age_shares
        ``(channel, age band)``: the channel's users by age band, rows sum to about 1.
    share_female, share_professionals, b2b_fit, b2c_fit
        ``(channel,)`` shares and fits in 0..1.
    format_needed, format_helpful
        ``(channel, format)`` booleans: the formats of which a credible presence needs any one, and those that help.
    sector_fit
        ``(channel, sector)`` fits in 0..1.
    sector_reach
        ``(channel, sector)``: share of the sector's professionals the channel reaches, NaN where unknown.
    customer_reach
        ``(channel, sector, country)``: share of the people in the market for the sector's offer in the
        country (people looking for a home, couples planning a wedding) the channel reaches, NaN where unknown.
    customer_reach_professionals
        ``(channel, sector, country)``: the row counts for a professional audience (business buyers), not consumers.
    needs_premises
        ``(channel,)``: the channel only serves organisations with a place customers visit (maps, local reviews).
    host
        ``(channel,)``: index of the channel whose account it needs (``runs_on``: Messenger runs on a Facebook Page),
        -1 for none.
    starts_empty
        ``(channel,)``: the channel reaches only the people who subscribed (an email list), so an organisation
        that does not run it yet starts with nobody there.
    sector_visitors_travel
        ``(sector,)``: the sector's customers travel to its premises from the other target markets (``sectors.csv``).
    vertical_sectors
        ``(channel, sector)``: the channel is a vertical network or directory of the sector's organisations
        (``vertical_sectors`` in ``channels.csv``: G2 and Capterra for software vendors, Clutch for agencies).
    account_sectors
        ``(channel, sector)``: an organisation of the sector can hold an account there; False only where the channel
        is members-only (``members_only``: verified clinicians, researchers) and the sector is not one of its own.
    listing
        ``(channel,)``: the channel's accounts are listings (its orientation's ``listing`` in ``orientations.csv``).
    searchable
        ``(channel,)``: the channel's content is public and searchable, so one can listen there (its orientation's
        ``public``, unless its row's ``searchable`` column says otherwise: a monobank jar is a link no one can search).
    goal_listen_serves, goal_listing_serves, goal_paid_lift
        ``(goal,)``: the ``listen`` level serves the goal; a listing at ``listen`` serves it; paid promotion lifts
        it beyond ``maintain`` (``goals.csv``).
    goal_affinity
        ``(channel, goal)`` affinities in 0..1.
    market_affinity_countries, market_affinity_delta
        The countries (indices, ascending) where ``channel_goal_markets.csv`` gives a channel another affinity to a
        goal than ``goal_affinity`` (Snapchat for local visits in Saudi Arabia), and ``(country, channel, goal)`` the
        difference there (0 elsewhere): a profile's affinities add these, weighted by its market weights.
    population_bands
        ``(country, age band)``: share of the country's people aged 13+ in each band (rows sum to 1).
    people_millions
        ``(country,)``: the people aged 13+, in millions (``country_population.csv`` times the share aged 13+).
    internet_bands
        ``(country, age band)``: share of the people of each band who use the internet.
    band_reach
        ``(channel, country, age band)``: share of the people of each band who use the channel at least
        monthly, the catalog's one base (see ``data/README.md``): published band figures where a
        publisher gives them, else derived from the market row's total, the channel's age profile and
        the population by age; never above the band's internet use; 0 where blocked or where the only
        row is the WORLD fallback (owned channels excepted).
    band_published
        ``(channel, country, age band)``: share of the band's years that published band figures cover.
    reach
        ``(channel, country)``: ``band_reach`` averaged over the people aged 13+.
    market_source
        ``(channel, country)``: 1 where the market row is the country's own, 0 where it is the WORLD fallback.
    reach_unknown
        ``(channel, country)``: the channel reaches nobody there only because the catalog has no row for it (the
        WORLD fallback, which never brings reach; owned channels and blocks aside): plans say so instead of "0 %".
    own_medium
        ``(channel,)``: a medium an organisation publishes its own work on (its orientation is one of
        :data:`OWN_MEDIA_ORIENTATIONS`): a media organisation's account there is its product (see
        :func:`~channelfit.scorer.kept_accounts_mask`).
    national
        ``(channel,)``: a national service: its WORLD row reaches nobody and its own rows reach people in one country
        only (a country's map, delivery app or directory: Naver Place, Tabelog, Zocdoc); a listing of it lists places
        there only.
    availability
        ``(channel, country)`` codes into ``AVAILABILITY``.
    level_monthly_cost_eur, level_weekly_hours, level_setup_hours, level_effect
        ``(channel, level)`` costs and effect multipliers; ``level_offered`` says which exist.
    level_spend_scale_eur
        ``(channel, level)``: the scale (US prices) of the saturating effect of paid promotion above the
        level's money, 0 where the level takes no more money (no paid promotion, or a flat subscription).
    level_auction
        ``(channel, level)``: the level's money buys ads priced in an auction (US prices in ``levels.csv``),
        so its minimum useful amount follows the cost of reach in the target markets; else a flat fee.
    level_buys_ads
        ``(channel, level)``: the level's own money buys ads (an auction level that costs money: Google Ads at
        maintain, any grow campaign), so it closes where the organisation may not buy the channel's ads.
    ads_only
        ``(channel,)``: every level the channel offers buys ads (search-ad accounts), so a channel whose ads are
        closed or banned to the organisation is of no use to it.
    ad_family
        ``(channel,)`` index into :data:`~channelfit.vocabulary.AD_FAMILIES`, -1 without paid promotion.
    cost_index
        ``(country, ad family)``: what reaching people with ads costs there relative to the US (1). Where
        ``ad_costs.csv`` has no row, the median of the family's measured rows (derived).
    keyword_priced
        ``(channel,)``: the channel's ads are sold by keyword in one auction across all sectors (search ads, and
        the listings ads of maps and review sites that are no sector's own), so a click costs what the
        advertiser's sector pays: a lawyer's click several times a restaurant's. Marketplaces price within
        their own categories and a sector's own vertical within that sector.
    sector_click_cost
        ``(sector,)``: what a search-ad click costs in the sector relative to the average over all industries,
        from ``sector_click_costs.csv``; 1 where it has no row.
    ad_ban_rows
        ``(sector, country) -> row`` of ``sector_ad_bans.csv``: the sector's paid promotion banned by the country's law.
    name_rows
        ``(channel, country) -> row`` of ``channel_names.csv``: a channel's own brand in a country (see
        :meth:`local_name`).
    """

    directory: Path
    channels: tuple[str, ...]
    countries: tuple[str, ...]
    goals: tuple[str, ...]
    formats: tuple[str, ...]
    sectors: tuple[str, ...]
    orientations: tuple[str, ...]
    index: Mapping[str, Mapping[str, int]]
    age_shares: np.ndarray
    share_female: np.ndarray
    share_professionals: np.ndarray
    b2b_fit: np.ndarray
    b2c_fit: np.ndarray
    format_needed: np.ndarray
    format_helpful: np.ndarray
    sector_fit: np.ndarray
    sector_reach: np.ndarray
    customer_reach: np.ndarray
    customer_reach_professionals: np.ndarray
    needs_premises: np.ndarray
    host: np.ndarray
    starts_empty: np.ndarray
    vertical_sectors: np.ndarray
    account_sectors: np.ndarray
    sector_visitors_travel: np.ndarray
    listing: np.ndarray
    searchable: np.ndarray
    goal_listen_serves: np.ndarray
    goal_listing_serves: np.ndarray
    goal_paid_lift: np.ndarray
    goal_affinity: np.ndarray
    market_affinity_countries: tuple[int, ...]
    market_affinity_delta: np.ndarray
    population_bands: np.ndarray
    people_millions: np.ndarray
    internet_bands: np.ndarray
    band_reach: np.ndarray
    band_published: np.ndarray
    reach: np.ndarray
    market_source: np.ndarray
    reach_unknown: np.ndarray
    own_medium: np.ndarray
    national: np.ndarray
    availability: np.ndarray
    level_offered: np.ndarray
    level_monthly_cost_eur: np.ndarray
    level_weekly_hours: np.ndarray
    level_setup_hours: np.ndarray
    level_effect: np.ndarray
    level_spend_scale_eur: np.ndarray
    level_auction: np.ndarray
    level_buys_ads: np.ndarray
    ads_only: np.ndarray
    ad_family: np.ndarray
    cost_index: np.ndarray
    keyword_priced: np.ndarray
    sector_click_cost: np.ndarray
    fx_per_eur: Mapping[str, float]
    channel_rows: tuple[ChannelRow, ...]
    market_rows: Mapping[tuple[str, str], MarketRow]
    reach_band_rows: Mapping[tuple[str, str], tuple[ReachBandRow, ...]]
    goal_rows: Mapping[tuple[str, str], GoalRow]
    goal_market_rows: Mapping[tuple[str, str, str], GoalMarketRow]
    level_rows: Mapping[tuple[str, str], LevelRow]
    kpi_rows: Mapping[tuple[str, str], KpiRow]
    channel_kpi_rows: Mapping[tuple[str, str], ChannelKpiRow]
    paid_kpi_rows: Mapping[str, PaidKpiRow]
    channel_paid_kpi_rows: Mapping[str, ChannelPaidKpiRow]
    sector_kpi_rows: Mapping[tuple[str, str], SectorKpiRow]
    closed_rows: Mapping[tuple[str, str], ClosedRow]
    ad_ban_rows: Mapping[tuple[str, str], SectorAdBanRow]
    commission_rows: Mapping[str, CommissionRow]
    name_rows: Mapping[tuple[str, str], ChannelNameRow]
    country_rows: Mapping[str, CountryRow]
    sources: Mapping[str, SourceRow]
    sector_rows: tuple[SectorFitRow, ...]
    sector_click_cost_rows: Mapping[str, SectorClickCostRow]
    sector_reach_rows: Mapping[tuple[str, str], SectorReachRow]
    customer_reach_rows: Mapping[tuple[str, str, str], CustomerReachRow]
    vocabulary_rows: Mapping[str, tuple[VocabularyRow, ...]]
    fx_rows: tuple[FxRow, ...]
    added: Mapping[str, str]  # channel -> the catalog version it was added in

    def local_name(self, channel: int, country: str) -> str:
        """Channel ``channel``'s name in ``country``: its brand there (``channel_names.csv``: Mercado Livre in Brazil,
        Pyszne.pl in Poland), else its catalog name."""
        row = self.name_rows.get((self.channels[channel], country))
        return self.channel_rows[channel].name if row is None else row.name

    @property
    def version(self) -> str:
        """The catalog's version: the latest version a channel was added in (``YYYY.N``)."""
        return max(self.added.values(), key=version_key)

    def market_row(self, channel: str, country: str) -> MarketRow:
        """The market row that gives ``channel``'s reach in ``country`` (its own row or the WORLD row)."""
        return self.market_rows.get((channel, country)) or self.market_rows[(channel, WORLD)]

    def content_is_public(self, channel: int) -> bool:
        """Whether ``channel``'s content is public and searchable, so one can listen there (:attr:`searchable`)."""
        return bool(self.searchable[channel])

    # -- pandas views -------------------------------------------------------------------------
    def _frame(self, rows: Iterable[Row]) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([row.model_dump() for row in rows])

    @property
    def channels_frame(self) -> pd.DataFrame:
        """One row per channel: orientation, formats, audience, fits and provenance."""
        return self._frame(self.channel_rows).set_index("channel")

    @property
    def markets_frame(self) -> pd.DataFrame:
        """Long table (channel, region): reach as published, its base, availability, provenance,
        and ``reach_population``, the share of the population used by the scorer."""
        frame = self._frame(self.market_rows.values())
        countries = self.index["countries"]
        frame["reach_population"] = [
            float(self.reach[self.index["channels"][c], countries[r]]) if r in countries else np.nan
            for c, r in zip(frame["channel"], frame["region"])
        ]
        return frame

    @property
    def goals_frame(self) -> pd.DataFrame:
        """Long table (channel, goal): affinity with rationale."""
        return self._frame(self.goal_rows.values())

    @property
    def levels_frame(self) -> pd.DataFrame:
        """Long table (channel, level): monthly money, weekly hours, setup hours, effect."""
        return self._frame(self.level_rows.values())

    @property
    def sectors_frame(self) -> pd.DataFrame:
        """Dense (channel x sector) sector fits."""
        import pandas as pd

        return pd.DataFrame(np.array(self.sector_fit), index=list(self.channels), columns=list(self.sectors))

    @property
    def countries_frame(self) -> pd.DataFrame:
        """One row per country: name, internet share, currency, provenance."""
        return self._frame(self.country_rows.values()).set_index("country")

    @property
    def kpis_frame(self) -> pd.DataFrame:
        """Long table (goal, orientation): the KPI, its unit, direction and 90-day target change."""
        return self._frame(self.kpi_rows.values())

    @property
    def sources_frame(self) -> pd.DataFrame:
        """The bibliography: publisher, title, URL, year."""
        return self._frame(self.sources.values()).set_index("source_id")

    @property
    def fx_frame(self) -> pd.DataFrame:
        """Currency rates: units of each currency per euro."""
        return self._frame(self.fx_rows).set_index("currency")


def _rows(tables: Mapping[str, Mapping[tuple[str, ...], tuple[int, Row]]], name: str) -> list[Any]:
    return [row for _, row in tables[name].values()]


def _fill(shape: tuple[int, ...], fill: float, cells: Iterable[tuple[tuple[int, ...], float]]) -> np.ndarray:
    """A read-only array of ``shape`` filled with ``fill``, then set at each ``(index, value)``."""
    array = np.full(shape, fill)
    for index, value in cells:
        array[index] = value
    return _frozen(array)


def version_key(version: str) -> tuple[int, ...]:
    """A catalog version (``YYYY.N``) as a tuple that sorts in release order."""
    return tuple(int(part) for part in version.split("."))


def _check_channels_complete(tables: Mapping[str, Any], channels: tuple[str, ...], offered: np.ndarray, money: np.ndarray, hours: np.ndarray, searchable: np.ndarray) -> None:
    """Every channel has at least one level; only searchable channels (:attr:`Catalog.searchable`) can be listened to;
    levels never get cheaper as effort rises."""
    for c, channel in enumerate(channels):
        line, row = tables["channels"][(channel,)]
        if (channel,) not in tables["channel_versions"]:
            raise CatalogError("channel has no row in channel_versions.csv", file="channels.csv", row=line, column="channel", value=channel, allowed="a channel with the catalog version it was added in")
        if offered[c, LISTEN] and not searchable[c]:
            raise CatalogError(
                f"a channel whose content is not public or searchable (orientation {row.orientation}, or its searchable column) has no listen level: there is nothing to follow or search",
                file="levels.csv",
                row=tables["levels"][(channel, "listen")][0],
                column="level",
                value=f"{channel}/listen",
                allowed="maintain or grow for owned channels and private messengers",
            )
        levels = np.flatnonzero(offered[c])
        if len(levels) == 0:
            raise CatalogError(
                "channel has no row in levels.csv",
                file="channels.csv",
                row=line,
                column="channel",
                value=channel,
                allowed="a channel with at least one of " + ", ".join(LEVELS) + " in levels.csv",
            )
        if (np.diff(money[c, levels]) < 0).any() or (np.diff(hours[c, levels]) < 0).any():
            raise CatalogError(
                "levels must not get cheaper as effort rises",
                file="levels.csv",
                row=tables["levels"][(channel, LEVELS[int(levels[-1])])][0],
                column="monthly_cost_eur",
                value=channel,
                allowed=" <= ".join(LEVELS) + " in both monthly_cost_eur and weekly_hours",
            )


def _cost_index(tables: Mapping[str, Any], countries: tuple[str, ...]) -> np.ndarray:
    """``(country, ad family)`` cost index; a country without a row for a family takes the median of the family's
    measured rows (derived): a row judged from a neighbour (``estimate``) stands for its own country only. The
    professional family (LinkedIn, XING), with no price by country read, takes the square root of the country's social
    index (derived, a judgement: sold by job title and seniority, its prices vary less by country than Meta's; at
    Meta's Kenyan 0.10 a Nairobi recruiter's LinkedIn campaign cost 55 EUR a month, at the US price it took 129,380 of
    150,000 KES and crowded out the local job board)."""
    known: dict[str, dict[str, float]] = {family: {} for family in AD_FAMILIES}
    measured: dict[str, list[float]] = {family: [] for family in AD_FAMILIES}
    for _, row in tables["ad_costs"].values():
        known[row.family][row.country] = row.cost_index
        if row.basis != "estimate":
            measured[row.family].append(row.cost_index)
    index = np.array([[known[f].get(k, np.nan) for f in AD_FAMILIES] for k in countries])
    # statistics.median, not numpy's: numpy's imports numpy.ma on first use, tens of milliseconds of every cold start
    medians = [statistics.median(measured[f]) if measured[f] else 1.0 for f in AD_FAMILIES]
    index = np.where(np.isnan(index), np.array(medians)[None, :], index)
    professional, social = AD_FAMILIES.index("professional"), AD_FAMILIES.index("social")
    unread = np.array([k not in known["professional"] for k in countries])
    index[unread, professional] = np.sqrt(index[unread, social])
    return _frozen(index)


@dataclass(frozen=True)
class _People:
    """Each country's people aged 13+ by catalog age band: ``share`` of them in each band (rows sum to 1),
    ``internet`` use in each band, ``thirteen_plus``, the share of the whole population aged 13+, and
    ``millions``, the whole population (``country_population.csv``)."""

    share: np.ndarray
    internet: np.ndarray
    thirteen_plus: np.ndarray
    millions: np.ndarray
    adults: np.ndarray  # share of the people aged 13+ who are 18+


def _people(tables: Mapping[str, Any], country_rows: list[CountryRow]) -> _People:
    ages: dict[str, list[tuple[int, int, float]]] = {}
    for _, row in tables["country_ages"].values():
        ages.setdefault(row.country, []).append((row.age_min, row.age_max, row.population_share))
    use: dict[str, list[tuple[int, int, float, int]]] = {}
    for _, row in tables["internet_use"].values():
        use.setdefault(row.country, []).append((row.age_min, row.age_max, row.internet_use, row.year or 0))
    share, internet, thirteen = [], [], []
    for row in country_rows:
        line = tables["countries"][(row.country,)][0]
        if row.country not in ages:
            raise CatalogError("country has no rows in country_ages.csv", file="countries.csv", row=line, column="country", value=row.country, allowed="a country with its population by age")
        if (row.country,) not in tables["country_population"]:
            raise CatalogError("country has no row in country_population.csv", file="countries.csv", row=line, column="country", value=row.country, allowed="a country with its population")
        bands = population_in_bands(ages[row.country])
        thirteen.append(bands.sum())
        share.append(bands / bands.sum())
        internet.append(rates_in_bands(use.get(row.country, ()), np.full(len(AGE_BANDS), row.internet_share))[0])
    share_array = np.array(share)
    millions = np.array([tables["country_population"][(row.country,)][1].population_millions for row in country_rows])
    return _People(share=share_array, internet=np.array(internet), thirteen_plus=np.array(thirteen), millions=millions, adults=1.0 - share_array[:, 0])


def _derived_bands(row: MarketRow, k: int, people: _People, propensity: np.ndarray) -> np.ndarray:
    """Band reach derived from a market row's total: the total converted to the people aged 13+, then spread
    over the bands in proportion to the channel's ``propensity`` to be used at each age.

    Conversions of each base to the share of the people aged 13+:

    * ``population``: a share of the whole population (ad reach) -> divided by the share aged 13+;
    * ``adults``: a share of the people 18+ -> times the share of 18+ among 13+ (teen users are then
      added by the spread, at the channel's propensity);
    * ``internet_users``: a share of internet users -> times the internet use of the people 13+.
    """
    if row.base == "population":
        total = row.reach / people.thirteen_plus[k]
    elif row.base == "adults":
        total = row.reach * people.adults[k]
    else:
        total = row.reach * float(people.internet[k] @ people.share[k])
    if row.base == "adults":  # the total covers adults only: spread it over the adult bands, then add teens at their propensity
        adult = propensity[1:] / max(float(people.share[k, 1:] @ propensity[1:]), 1e-12) * min(total, 1.0) / max(people.adults[k], 1e-12)
        return np.concatenate(([adult[0] * propensity[0] / max(propensity[1], 1e-12)], adult))
    return min(total, 1.0) * propensity / max(float(people.share[k] @ propensity), 1e-12)


def _propensity(age_profile: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """How much more likely than average a person of each band is to use the channel: the channel's users
    by band (its global age profile) over a reference population by band."""
    return np.divide(age_profile, reference, out=np.zeros_like(age_profile), where=reference > 0)


def load_catalog(directory: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate the catalog in ``directory``.

    Parameters
    ----------
    directory
        A folder with the catalog's CSV files (see ``data/README.md`` for the tables).
        ``None`` loads the catalog packaged with channelfit.

    Returns
    -------
    Catalog

    Raises
    ------
    CatalogError
        On the first invalid cell, naming file, row, column, value and what is allowed.
    """
    if directory is None:
        with resources.as_file(resources.files("channelfit") / "catalog_data") as folder:
            return _build(Path(folder))
    return _build(Path(directory))


def _build(folder: Path) -> Catalog:
    tables = read_tables(folder)
    fx = {row.currency: row.per_eur for row in _rows(tables, "fx")}
    if fx.get("EUR") != 1.0:
        raise CatalogError("EUR must be listed with per_eur 1", file="fx.csv", column="per_eur", value=fx.get("EUR"), allowed="1")
    vocab = {kind: tuple(row.id for row in _rows(tables, kind)) for kind in ("goals", "formats", "sectors", "orientations")}
    channel_rows: list[ChannelRow] = _rows(tables, "channels")
    country_rows: list[CountryRow] = _rows(tables, "countries")
    channels = tuple(row.channel for row in channel_rows)
    countries = tuple(row.country for row in country_rows)
    index = {
        "channels": {c: i for i, c in enumerate(channels)},
        "countries": {c: i for i, c in enumerate(countries)},
        **{kind: {v: i for i, v in enumerate(values)} for kind, values in vocab.items()},
    }
    for row in channel_rows:  # a reference into its own table, which the table reader cannot check
        if row.runs_on is not None and row.runs_on not in index["channels"]:
            raise CatalogError("unknown channel", file="channels.csv", column="runs_on", value=row.runs_on, allowed="a channel of channels.csv")
    ch, sec = index["channels"], index["sectors"]
    n_channels, n_countries, n_levels = len(channels), len(countries), len(LEVELS)
    listing = {row.id: row.listing for row in _rows(tables, "orientations")}
    public = {row.id: row.public for row in _rows(tables, "orientations")}
    searchable = np.array([public[row.orientation] if row.searchable is None else row.searchable for row in channel_rows], dtype=bool)

    markets: dict[tuple[str, str], MarketRow] = {key: row for key, (_, row) in tables["channel_markets"].items()}  # type: ignore[misc]
    for channel in channels:
        if (channel, WORLD) not in markets:
            raise CatalogError(
                "channel has no WORLD row in channel_markets.csv",
                file="channels.csv",
                row=tables["channels"][(channel,)][0],
                column="channel",
                value=channel,
                allowed="a channel with a WORLD row in channel_markets.csv (its availability where no country row exists)",
            )
    people = _people(tables, country_rows)
    band_rows: dict[tuple[str, str], list[ReachBandRow]] = {}
    for _, row in tables["reach_bands"].values():
        band_rows.setdefault((row.channel, row.country), []).append(row)  # type: ignore[union-attr]
    band_reach = np.zeros((n_channels, n_countries, len(AGE_BANDS)))
    band_published = np.zeros_like(band_reach)
    market_source = np.zeros((n_channels, n_countries), dtype=np.int8)
    availability = np.zeros((n_channels, n_countries), dtype=np.int8)
    ages = np.array([[getattr(row, b) for b, _, _ in AGE_BANDS] for row in channel_rows])
    # The global age profiles describe users in a world population; the catalog's countries, equally
    # weighted, stand in for that population when turning a profile into propensities by age.
    reference = people.share.mean(axis=0)
    for c, channel in enumerate(channels):
        owned = channel_rows[c].orientation == "owned"
        for k, country in enumerate(countries):
            own = markets.get((channel, country))
            row = own or markets[(channel, WORLD)]
            availability[c, k] = AVAILABILITY.index(row.availability)
            market_source[c, k] = own is not None
            if row.availability == "blocked" or (own is None and not owned):
                continue  # a WORLD fallback never makes a channel reach people there (owned channels excepted)
            derived = _derived_bands(row, k, people, _propensity(ages[c], reference))
            published = [(r.age_min, r.age_max, r.reach, r.year or 0) for r in band_rows.get((channel, country), ())]
            rates, covered = rates_in_bands(published, derived)
            band_reach[c, k] = np.minimum(rates, people.internet[k])
            band_published[c, k] = covered
    reach = (band_reach * people.share[None, :, :]).sum(axis=2)

    level_rows: list[LevelRow] = _rows(tables, "levels")
    shape = (n_channels, n_levels)
    level_cells = [((ch[row.channel], LEVELS.index(row.level)), row) for row in level_rows]
    offered = np.zeros(shape, dtype=bool)
    for i, _ in level_cells:
        offered[i] = True
    money = _fill(shape, 0.0, [(i, row.monthly_cost_eur) for i, row in level_cells])
    hours = _fill(shape, 0.0, [(i, row.weekly_hours) for i, row in level_cells])
    _check_channels_complete(tables, channels, offered, money, hours, searchable)
    setup = np.array(_fill(shape, 0.0, [(i, row.setup_hours) for i, row in level_cells]))
    # a listing at listen is live (it sells, books, is called), so opening one takes what opening it to run it does: a
    # Bangkok restaurant read "setting up takes about 0 hours" for joining LINE MAN Wongnai (a contract, a menu, photos)
    is_listing = np.array([listing[row.orientation] for row in channel_rows], dtype=bool)
    auction = _fill(shape, 0.0, [(i, float(row.auction)) for i, row in level_cells]) > 0
    buys_ads = auction & (money > 0)
    opened = is_listing & offered[:, LISTEN] & offered[:, MAINTAIN]
    setup[opened, LISTEN] = np.maximum(setup[opened, LISTEN], setup[opened, MAINTAIN])

    format_needed = np.zeros((n_channels, len(vocab["formats"])), dtype=bool)
    format_helpful = np.zeros_like(format_needed)
    for c, row in enumerate(channel_rows):
        for fmt in split(row.formats_needed):
            format_needed[c, index["formats"][fmt]] = True
        for fmt in split(row.formats_helpful):
            format_helpful[c, index["formats"][fmt]] = True
    sector_rows: list[SectorFitRow] = _rows(tables, "channel_sectors")
    sector_fit = np.array([[row.sector_baseline] * len(vocab["sectors"]) for row in channel_rows])
    for row in sector_rows:
        sector_fit[ch[row.channel], sec[row.sector]] = row.fit
    goal_affinity = _fill((n_channels, len(vocab["goals"])), 0.0, [((ch[r.channel], index["goals"][r.goal]), r.affinity) for r in _rows(tables, "channel_goals")])
    goal_market: list[GoalMarketRow] = _rows(tables, "channel_goal_markets")
    market_affinity_countries = tuple(sorted({index["countries"][r.country] for r in goal_market}))
    market_affinity_delta = np.zeros((len(market_affinity_countries), n_channels, len(vocab["goals"])))
    for r in goal_market:
        c, g = ch[r.channel], index["goals"][r.goal]
        market_affinity_delta[market_affinity_countries.index(index["countries"][r.country]), c, g] = r.affinity - goal_affinity[c, g]
    column = lambda name: _frozen(np.array([getattr(row, name) for row in channel_rows], dtype=float))  # noqa: E731
    keyed = lambda name: _proxy({key if len(key) > 1 else key[0]: row for key, (_, row) in tables[name].items()})  # noqa: E731

    return Catalog(
        directory=folder,
        channels=channels,
        countries=countries,
        goals=vocab["goals"],
        formats=vocab["formats"],
        sectors=vocab["sectors"],
        orientations=vocab["orientations"],
        index=_proxy({kind: _proxy(ids) for kind, ids in index.items()}),
        age_shares=_frozen(np.array([[getattr(row, b) for b, _, _ in AGE_BANDS] for row in channel_rows])),
        share_female=column("share_female"),
        share_professionals=column("share_professionals"),
        b2b_fit=column("b2b_fit"),
        b2c_fit=column("b2c_fit"),
        format_needed=_frozen(format_needed),
        format_helpful=_frozen(format_helpful),
        sector_fit=_frozen(sector_fit),
        sector_reach=_fill((n_channels, len(vocab["sectors"])), np.nan, [((ch[r.channel], sec[r.sector]), r.reach) for r in _rows(tables, "sector_reach")]),
        customer_reach=_fill(
            (n_channels, len(vocab["sectors"]), n_countries),
            np.nan,
            [((ch[r.channel], sec[r.sector], index["countries"][r.country]), r.reach) for r in _rows(tables, "customer_reach")],
        ),
        customer_reach_professionals=_frozen(
            _fill(
                (n_channels, len(vocab["sectors"]), n_countries),
                0.0,
                [((ch[r.channel], sec[r.sector], index["countries"][r.country]), float(r.audience == "professionals")) for r in _rows(tables, "customer_reach")],
            )
            > 0
        ),
        needs_premises=_frozen(np.array([row.needs_premises for row in channel_rows], dtype=bool)),
        host=_frozen(np.array([-1 if row.runs_on is None else ch[row.runs_on] for row in channel_rows], dtype=np.int64)),
        starts_empty=_frozen(np.array([row.starts_empty for row in channel_rows], dtype=bool)),
        sector_visitors_travel=_frozen(np.array([row.visitors_travel for row in _rows(tables, "sectors")], dtype=bool)),
        vertical_sectors=_frozen(np.array([[sector in row.vertical_sector_list for sector in vocab["sectors"]] for row in channel_rows], dtype=bool).reshape(len(channel_rows), len(vocab["sectors"]))),
        account_sectors=_frozen(np.array([[not row.members_only or sector in row.vertical_sector_list for sector in vocab["sectors"]] for row in channel_rows], dtype=bool).reshape(len(channel_rows), len(vocab["sectors"]))),
        listing=_frozen(is_listing),
        searchable=_frozen(searchable),
        goal_listen_serves=_frozen(np.array([row.listen_serves for row in _rows(tables, "goals")], dtype=bool)),
        goal_listing_serves=_frozen(np.array([row.listing_serves for row in _rows(tables, "goals")], dtype=bool)),
        goal_paid_lift=_frozen(np.array([row.paid_lift for row in _rows(tables, "goals")], dtype=bool)),
        goal_affinity=goal_affinity,
        market_affinity_countries=market_affinity_countries,
        market_affinity_delta=_frozen(market_affinity_delta),
        population_bands=_frozen(people.share),
        people_millions=_frozen(people.millions * people.thirteen_plus),
        internet_bands=_frozen(people.internet),
        band_reach=_frozen(band_reach),
        band_published=_frozen(band_published),
        reach=_frozen(reach),
        market_source=_frozen(market_source),
        reach_unknown=_frozen(
            (market_source == 0) & (np.array([row.orientation for row in channel_rows]) != "owned")[:, None] & (availability != AVAILABILITY.index("blocked"))
        ),
        own_medium=_frozen(np.array([row.orientation in OWN_MEDIA_ORIENTATIONS for row in channel_rows], dtype=bool)),
        national=_frozen(
            np.array([markets[(channel, WORLD)].reach == 0 for channel in channels]) & (((market_source == 1) & (reach > 0)).sum(axis=1) == 1)
        ),
        availability=_frozen(availability),
        level_offered=_frozen(offered),
        level_monthly_cost_eur=money,
        level_weekly_hours=hours,
        level_setup_hours=_frozen(setup),
        level_effect=_fill(shape, 0.0, [(i, row.effect) for i, row in level_cells]),
        level_spend_scale_eur=_fill(shape, 0.0, [(i, row.spend_scale_eur or 0.0) for i, row in level_cells]),
        level_auction=_frozen(auction),
        level_buys_ads=_frozen(buys_ads),
        ads_only=_frozen(~(offered & ~buys_ads).any(axis=1)),
        ad_family=_frozen(np.array([AD_FAMILIES.index(row.ad_family) if row.ad_family else -1 for row in channel_rows])),
        cost_index=_cost_index(tables, countries),
        keyword_priced=_frozen(
            np.array([row.ad_family == "search" and row.orientation in ("search_ads", "directory") and not row.vertical_sector_list for row in channel_rows], dtype=bool)
        ),
        sector_click_cost=_fill((len(vocab["sectors"]),), 1.0, [((sec[r.sector],), r.cost_index) for r in _rows(tables, "sector_click_costs")]),
        fx_per_eur=_proxy(fx),
        channel_rows=tuple(channel_rows),
        market_rows=_proxy(markets),
        reach_band_rows=_proxy({key: tuple(rows) for key, rows in band_rows.items()}),
        goal_rows=keyed("channel_goals"),
        goal_market_rows=keyed("channel_goal_markets"),
        level_rows=keyed("levels"),
        kpi_rows=keyed("kpis"),
        channel_kpi_rows=keyed("channel_kpis"),
        paid_kpi_rows=_proxy({r.goal: r for r in _rows(tables, "paid_kpis")}),
        channel_paid_kpi_rows=keyed("channel_paid_kpis"),
        sector_kpi_rows=keyed("sector_kpis"),
        closed_rows=keyed("closed_to_organisations"),
        ad_ban_rows=keyed("sector_ad_bans"),
        commission_rows=keyed("commissions"),
        name_rows=keyed("channel_names"),
        country_rows=keyed("countries"),
        sources=keyed("sources"),
        sector_rows=tuple(sector_rows),
        sector_click_cost_rows=_proxy({r.sector: r for r in _rows(tables, "sector_click_costs")}),
        sector_reach_rows=keyed("sector_reach"),
        customer_reach_rows=keyed("customer_reach"),
        vocabulary_rows=_proxy({kind: tuple(_rows(tables, kind)) for kind in vocab}),
        fx_rows=tuple(_rows(tables, "fx")),
        added=_proxy({row.channel: row.added for row in _rows(tables, "channel_versions")}),
    )


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog packaged with channelfit, validated once per process and cached.

    Returns
    -------
    Catalog
        Immutable; its ``*_frame`` properties give pandas views.
    """
    return load_catalog(None)


def as_catalog(cat: Any) -> Catalog:
    """``cat`` itself, or the packaged catalog for ``None``; the ``catalog=`` argument of every public entry point.

    Raises
    ------
    ChannelfitError
        ``cat`` is neither a :class:`Catalog` nor ``None``.
    """
    if cat is None:
        return catalog()
    if not isinstance(cat, Catalog):
        raise ChannelfitError("not a catalog", field="catalog", value=type(cat).__name__, allowed="a Catalog from channelfit.load_catalog, or None")
    return cat
