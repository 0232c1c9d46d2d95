"""The criteria registry: each criterion's name, default weight, formula and reason, in one place.

Every criterion is a number in 0..1 per profile and channel that means the same whatever else
is in the catalog (nothing is min-max scaled). The scorer combines them by weights; the
profile validates ``criteria_weights`` against the names here; the plan's reasons read the
``no_fit`` key of the criterion that rules a channel out. A new criterion is one entry in
:data:`REGISTRY` plus the data its formula reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .data import Catalog
from .tables import WORLD
from .vocabulary import AGE_BANDS

__all__ = [
    "CRITERIA",
    "DEFAULT_CRITERIA_WEIGHTS",
    "REGISTRY",
    "NEW_LIST_REACH_FACTOR",
    "RESTRICTED_REACH_FACTOR",
    "Criterion",
    "ProfileArrays",
    "availability_factor",
    "gender_factor",
    "market_affinity",
    "customers_travel",
    "premises_markets",
    "rowwise_dot",
    "sector_fit",
]

#: A ``restricted`` network (throttled, partly blocked, posting limited) counts at this share of its
#: measured reach: a judgement, halfway between available and blocked.
RESTRICTED_REACH_FACTOR = 0.5
#: A channel that reaches only its subscribers (``starts_empty`` in channels.csv: an email list), taken up by an
#: organisation that does not run it yet, counts at this share of its reach: the list starts empty and fills
#: from the people the other channels and the customers bring over the plan's two quarters. A judgement.
NEW_LIST_REACH_FACTOR = 0.5
#: The format fit of an organisation that makes one format a channel needs but none of those that help:
#: a judgement that a credible presence is possible, and the helpful formats add the last fifth.
FORMAT_NEEDED_FIT = 0.8


@dataclass(frozen=True)
class ProfileArrays:
    """Profiles encoded as arrays, one row per profile (see :func:`channelfit.scorer.encode`)."""

    market_weights: np.ndarray  # (P, countries), rows sum to 1
    age_overlap: np.ndarray  # (P, age bands): share of each band inside the target ages
    target_people: np.ndarray  # (P, countries * age bands): the target people's weights, rows sum to 1
    home_market: np.ndarray  # (P,) country index where the premises are taken to be (see scorer.encode)
    base_market: np.ndarray  # (P,) country index where the organisation is based and hires (scorer.advertiser_country, else home_market)
    closed: np.ndarray  # (P, C) bool: takes no account, or sells no ads to a search-ad account, from organisations of the profile's country (closed_to_organisations.csv)
    ad_ban_share: np.ndarray  # (P,) the share of the target markets (by weight) where the law bans the sector's paid promotion (sector_ad_bans.csv)
    gender: np.ndarray  # (P,) index into vocabulary.GENDERS
    professionals: np.ndarray  # (P,) bool
    goal_weights: np.ndarray  # (P, goals), rows sum to 1
    sector: np.ndarray  # (P,) the organisation's own sector index
    member_sector: np.ndarray  # (P,) a sector whose members-only networks it may join too: nonprofit for a nonprofit of another sector, else its own
    sector_mix: np.ndarray  # (P, sectors): the sectors the goals address, by goal weight (rows sum to 1)
    reach_sectors: np.ndarray  # (P, sectors): goal weight whose reach is counted among a sector's professionals
    customer_weight: np.ndarray  # (P,) goal weight addressed to the organisation's customers (all but recruiting)
    formats: np.ndarray  # (P, formats) bool
    model: np.ndarray  # (P,) index into vocabulary.MODELS
    criteria_weights: np.ndarray  # (P, criteria), rows sum to 1, in REGISTRY order
    premises: np.ndarray  # (P,) bool
    include: np.ndarray  # (P, C) bool
    exclude: np.ndarray  # (P, C) bool
    present: np.ndarray  # (P, C) bool: already on the channel (no setup)
    present_level: np.ndarray  # (P, C) int: the level of an account already run, -1 if unknown or not present
    keep_present: np.ndarray  # (P,) bool: accounts already run stay in the plan (may_drop_accounts is false; see scorer.kept_accounts_mask)


Formula = Callable[[ProfileArrays, Catalog, np.ndarray | None], np.ndarray]


@dataclass(frozen=True)
class Criterion:
    """One criterion of the fit score.

    Attributes
    ----------
    name
        The id used in ``criteria_weights``, the plan's ranking and the frames.
    default_weight
        Its exponent in the weighted geometric mean before normalisation.
    formula
        ``(profile arrays, catalog, goal affinity (C, G) or (P, C, G), or None for the catalog's in each
        profile's markets) -> (P, C)`` values in 0..1.
    meaning
        One line for the docs and the schema.
    """

    name: str
    default_weight: float
    formula: Formula
    meaning: str

    @property
    def no_fit_key(self) -> str:
        """The locale key of the reason given when this criterion alone rules a channel out."""
        return f"no_fit_{self.name}"


def rowwise_dot(weights: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``weights @ table.T`` for ``(P, N)`` weights and a ``(C, N)`` (or ``(P, C, N)``) table.

    Each row's nonzero terms are added one by one in ascending ``N`` order instead of by BLAS,
    whose summation order depends on the batch size: a profile gets bit-identical scores alone or
    in a batch of a million. Sparse rows (a few markets, a few goals) gather only their nonzero
    terms; dense ones loop over all columns. Both add the same terms in the same order (zero terms
    add exact zeros), so the choice never changes a result.
    """
    if table.ndim == 2 and np.count_nonzero(weights) * 2 > weights.size:  # dense rows: no gather needed
        out = np.zeros((weights.shape[0], table.shape[0]))
        for k in range(weights.shape[1]):
            out = out + weights[:, k, None] * table[None, :, k]
        return out
    rows, cols = np.nonzero(weights)
    n_rows = weights.shape[0]
    counts = np.bincount(rows, minlength=n_rows)
    width = int(counts.max()) if len(counts) else 0
    position = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    index = np.zeros((n_rows, width), dtype=np.intp)
    value = np.zeros((n_rows, width))
    index[rows, position] = cols
    value[rows, position] = weights[rows, cols]
    out = np.zeros((n_rows, table.shape[-2]))
    for m in range(width):
        if table.ndim == 2:
            terms = table.T[index[:, m]]
        else:
            terms = np.take_along_axis(table, index[:, m, None, None], axis=2)[..., 0]
        np.multiply(terms, value[:, m, None], out=terms)  # in place: the same products and sums, fewer temporaries
        np.add(out, terms, out=out)
    return out


@functools.lru_cache(maxsize=4)
def availability_factor(cat: Catalog) -> np.ndarray:
    """``(channel, country)``: 1 available, :data:`RESTRICTED_REACH_FACTOR` restricted, 0 blocked."""
    out = np.choose(cat.availability, [1.0, RESTRICTED_REACH_FACTOR, 0.0])
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=4)
def _sector_reach_factor(cat: Catalog) -> np.ndarray:
    """``(channel, country)``: how much of a channel's reach among a sector's professionals (``sector_reach.csv``,
    not per country) counts in each market: its :func:`availability_factor` where the catalog has the channel's own
    row for the market or where its WORLD row reaches people (a network used everywhere, such as GitHub), 0 where
    a regional network has only the WORLD fallback (its WORLD row reaches nobody): XING's reach among
    German-speaking professionals must not count for a Manila recruiter."""
    used_everywhere = np.array([cat.market_rows[(channel, WORLD)].reach > 0 for channel in cat.channels])
    out = availability_factor(cat) * ((cat.market_source > 0) | used_everywhere[:, None])
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=4)
def _target_reach(cat: Catalog) -> np.ndarray:
    """``(channel, country * age band)``: band reach with restricted networks discounted."""
    out = (cat.band_reach * availability_factor(cat)[:, :, None]).reshape(len(cat.channels), -1)
    out.setflags(write=False)
    return out


def premises_markets(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, country)``: the target markets where a channel that needs premises (a maps or booking listing) reaches
    people. It lists the place where customers come, so it reaches the people of the market where the premises are
    taken to be (``home_market``); every target market when the sector's customers travel to the premises
    (``visitors_travel``: hotels, tours) or when local visits are the profile's main goal (none weighs more: an Osaka
    ramen shop targeting Korea and Taiwan wants their tourists at its counter). A Chilean winery's maps listing does
    not reach the Americans who buy its wine online, nor a Beaujolais estate's the Americans it sells to through
    importers because it also welcomes some visitors (local visits weighed 1 of its 8)."""
    main = np.zeros_like(arrays.market_weights, dtype=bool)
    main[np.arange(len(main)), arrays.home_market] = True
    return np.where(customers_travel(arrays, cat)[:, None], arrays.market_weights > 0, main)


def customers_travel(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P,)``: whether the customers come to the premises from every target market: the sector's visitors travel
    (``visitors_travel``: hotels, tours), or local visits are the profile's main goal (none weighs more)."""
    travel = cat.sector_visitors_travel[arrays.sector]
    visits = cat.index["goals"].get("local_visits")
    if visits is not None:
        weights = arrays.goal_weights
        travel = travel | ((weights[:, visits] > 0) & (weights[:, visits] >= weights.max(axis=1)))
    return travel


def gender_factor(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)``: how much more (or less) of a gender asked for a channel reaches than of everyone, its share of
    users of that gender over one half (1 where the audience is any gender); reach times it is capped at 1."""
    female = cat.share_female[None, :]
    return np.select([arrays.gender[:, None] == 1, arrays.gender[:, None] == 2], [female / 0.5, (1.0 - female) / 0.5], default=1.0)


def _reach(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    """Share of the target people the channel reaches.

    For the goals addressed to customers, the target people are the markets by weight, and in each market
    the people of the target ages, each age band weighted by its population; the channel reaches the share of
    each band that its band reach says (0 where blocked). A gender asked for scales that share by the
    channel's share of users of that gender over one half (capped at 1). For recruiting, the people of the
    target ages where the organisation is based (``base_market``), whatever markets it sells to: a Krakow
    software house selling to Germany and Britain hires in Poland, and was sent to XING's ads to recruit
    Germans; and each channel in the proportion its own affinities give recruiting and the customers' goals
    (:func:`_recruiting_share`: a job board among the candidates alone). For the goal weight that addresses a
    sector's professionals (``reach_sectors``), the channel's reach among them is used where the catalog knows it. A list-based channel the organisation does not run
    yet counts at :data:`NEW_LIST_REACH_FACTOR`.
    """
    general = rowwise_dot(arrays.target_people, _target_reach(cat))
    premises = np.flatnonzero(cat.needs_premises)
    fewer = np.zeros(0, dtype=np.intp)
    near = None
    if len(premises):
        # a listing reaches the people near the premises: recomputed only for the profiles whose listings count in
        # fewer markets than they target (the others' reach is the general one)
        near = premises_markets(arrays, cat)
        fewer = np.flatnonzero((near != (arrays.market_weights > 0)).any(axis=1))
        mask = np.repeat(near[fewer], len(AGE_BANDS), axis=1)  # target_people is (country, age band) flat
        general[np.ix_(fewer, premises)] = rowwise_dot(arrays.target_people[fewer] * mask, _target_reach(cat)[premises])
    general = np.minimum(general * gender_factor(arrays, cat), 1.0)
    customers = _customers(arrays, cat, general)
    if len(fewer) and near is not None:
        # and its customers there: a Rome trattoria selling to Americans online had DoorDash counted on its US delivery
        # customers, while its card said the other markets do not count for a listing
        local = arrays.market_weights[fewer] * near[fewer]
        customers[np.ix_(fewer, premises)] = _customers(arrays, cat, general, rows=fewer, weights=local)[:, premises]
    new_list = np.where(cat.starts_empty[None, :] & ~arrays.present, NEW_LIST_REACH_FACTOR, 1.0)
    weight = arrays.customer_weight[:, None]
    recruiting = 1.0 - weight  # the own-sector goals' weight (reach_sectors holds it at the own sector)
    buyers = arrays.reach_sectors.copy()
    buyers[np.arange(len(buyers)), arrays.sector] -= recruiting[:, 0]
    known = ~np.isnan(cat.sector_reach)
    reach = customers * (weight - buyers.sum(axis=1, keepdims=True))
    if buyers.any():  # professionals of the buyers' sectors, where the catalog knows the channel's reach among them
        available = rowwise_dot(arrays.market_weights, _sector_reach_factor(cat))
        reach = reach + rowwise_dot(buyers, np.where(known, cat.sector_reach, 0.0)) * available + customers * rowwise_dot(buyers, (~known).astype(float))
    hiring = np.flatnonzero(recruiting[:, 0] > 0)
    if len(hiring):
        own = arrays.sector[hiring]
        at_base = _sector_reach_factor(cat)[:, arrays.base_market[hiring]].T  # (h, C)
        own_known = known[:, own].T
        candidates = np.where(own_known, np.nan_to_num(cat.sector_reach[:, own].T) * at_base, _base_reach(arrays, cat, hiring))
        hires = _recruiting_share(arrays, cat, affinity, hiring)
        customer_scale = np.divide(1.0 - hires, weight[hiring], out=np.zeros_like(hires), where=weight[hiring] > 0)
        reach[hiring] = reach[hiring] * customer_scale + hires * candidates
    return reach * new_list


def _recruiting_share(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """``(len(rows), C)``: the share of each channel's reach read among the candidates where the organisation hires,
    so that a channel is read among the people of the goals it serves: a job board among the candidates alone, not
    among the customers (a Bucharest software house had Indeed picked on its reach among German and British buyers,
    above Romania's own job boards). The profile's recruiting weight ``R`` is split by the channel's affinity to
    recruiting against its mean affinity to the customers' goals the profile has: ``R a / (R a + (1 - R) m)``. Only
    which goals the profile has counts, not their weights, so the criterion stays the profile's own under the
    sampled goal weights of :func:`~channelfit.analysis.rank_acceptability`. A channel that serves none of the
    profile's goals keeps ``R``."""
    own = np.array([row.audience == "own_sector" for row in cat.vocabulary_rows["goals"]])  # type: ignore[attr-defined]
    goal_affinity = cat.goal_affinity if affinity is None else affinity if affinity.ndim == 2 else affinity[rows]
    has = arrays.goal_weights[rows] > 0  # (h, G)
    asked_own, asked_customers = (has & own).astype(float), (has & ~own).astype(float)
    to_own = rowwise_dot(asked_own, goal_affinity) / np.maximum(asked_own.sum(axis=1), 1.0)[:, None]
    to_customers = rowwise_dot(asked_customers, goal_affinity) / np.maximum(asked_customers.sum(axis=1), 1.0)[:, None]
    hiring = (1.0 - arrays.customer_weight[rows])[:, None]
    served = hiring * to_own + (1.0 - hiring) * to_customers
    return np.divide(hiring * to_own, served, out=np.broadcast_to(hiring, served.shape).copy(), where=served > 0)


def _base_reach(arrays: ProfileArrays, cat: Catalog, rows: np.ndarray) -> np.ndarray:
    """``(len(rows), C)``: each channel's reach among the people of the target ages in the market where the profile
    is based (``base_market``), each age band weighted by its population; one table per market."""
    bands = cat.population_bands[arrays.base_market[rows]] * arrays.age_overlap[rows]  # (h, B)
    bands = np.divide(bands, bands.sum(axis=1, keepdims=True), out=np.zeros_like(bands), where=bands.sum(axis=1, keepdims=True) > 0)
    by_band = _target_reach(cat).reshape(len(cat.channels), len(cat.countries), -1)
    out = np.zeros((len(rows), len(cat.channels)))
    for market in np.unique(arrays.base_market[rows]):
        at = np.flatnonzero(arrays.base_market[rows] == market)
        out[at] = rowwise_dot(bands[at], by_band[:, market, :])  # fixed order, not BLAS: the same bits alone or in a batch
    return out


def _customers(
    arrays: ProfileArrays, cat: Catalog, general: np.ndarray, rows: np.ndarray | None = None, weights: np.ndarray | None = None
) -> np.ndarray:
    """The reach among customers: a vertical channel's reach among the people in the market for the sector's offer
    (``customer_reach.csv``) in the markets where the catalog knows it, the other markets keeping the general reach:
    a consumer audience counts the consumer rows (house hunters on idealista), a professional one the professional
    rows (business buyers of software on G2). ``rows`` and their market ``weights`` (default: every profile, its
    market weights) give the profiles to compute and the markets that count for them (a listing's: near its premises)."""
    rows = np.arange(len(general)) if rows is None else rows
    weights = arrays.market_weights[rows] if weights is None else weights
    general = general[rows]
    if not arrays.customer_weight[rows].any():
        return general
    share = np.zeros_like(general)  # (rows, C): market weight with a row
    in_market = np.zeros_like(general)
    sectors, professionals = arrays.sector[rows], arrays.professionals[rows]
    for sector in np.unique(sectors):  # one (C, K) table per sector and audience, never a (P, C, K) array
        for pro in (False, True):
            known = cat.customer_reach[:, sector, :]
            has = ~np.isnan(known) & (cat.customer_reach_professionals[:, sector, :] == pro)
            at = np.flatnonzero((sectors == sector) & (professionals == pro))
            if not has.any() or not len(at):
                continue
            share[at] = rowwise_dot(weights[at], has.astype(float))
            in_market[at] = rowwise_dot(weights[at], np.where(has, known, 0.0) * availability_factor(cat))
    return in_market + (1.0 - share) * general


def _audience(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    """What reach cannot say: the share of the channel's users who are working professionals, when they are the audience."""
    return np.where(arrays.professionals[:, None], cat.share_professionals[None, :], 1.0)


def market_affinity(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C, G)`` each profile's goal affinities: the catalog's, with the rows of ``channel_goal_markets.csv``
    (a channel serving a goal better or worse in one country) weighted by the profile's market weights."""
    out = np.repeat(cat.goal_affinity[None, :, :], len(arrays.market_weights), axis=0)
    for m, k in enumerate(cat.market_affinity_countries):
        out = out + arrays.market_weights[:, k, None, None] * cat.market_affinity_delta[m][None, :, :]
    return out


def _goals(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    """The goal-weighted affinity; with ``affinity`` None, the catalog's in each profile's markets (see
    :func:`market_affinity`), added market by market so that a batch never holds a (P, C, G) array."""
    if affinity is not None:
        return rowwise_dot(arrays.goal_weights, affinity)
    out = rowwise_dot(arrays.goal_weights, cat.goal_affinity)
    for m, k in enumerate(cat.market_affinity_countries):
        weight = arrays.market_weights[:, k]
        channels = np.flatnonzero(cat.market_affinity_delta[m].any(axis=1))  # the few a market row names
        if weight.any():  # adding an exact 0.0 elsewhere changes no row: a profile scores the same in any batch
            out[:, channels] += weight[:, None] * rowwise_dot(arrays.goal_weights, cat.market_affinity_delta[m][channels])
    return out


def sector_fit(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)``: the channel's fit for the sectors the goals address (the buyers' for selling goals, else the
    organisation's own). A vertical channel of the organisation's own sector, or of its member sector (a nonprofit's),
    is read on that sector, whoever the buyers are: they come there to find its kind of vendor (a Krakow software
    house selling to manufacturers and banks had Clutch read on manufacturing and finance, and G2 and Capterra at a
    quarter of their fit; a Helsinki children's theatre, a nonprofit, had Google Ad Grants read on entertainment). A
    listing (a marketplace, a directory, classifieds) fits no better than it fits the organisation's own sector: it
    lists sellers of its kinds, whoever their buyers are (an Istanbul law firm selling to property firms had a
    sahibinden.com store, the homes-and-cars classifieds, whose fit to law firms is 0.05)."""
    fit = rowwise_dot(arrays.sector_mix, cat.sector_fit)
    listing = np.flatnonzero(cat.listing)
    fit[:, listing] = np.minimum(fit[:, listing], cat.sector_fit[listing][:, arrays.sector].T)
    vertical = np.flatnonzero(cat.vertical_sectors.any(axis=1))
    for own in (arrays.member_sector, arrays.sector):  # the own sector last: it wins where both are verticals
        fit[:, vertical] = np.where(cat.vertical_sectors[vertical][:, own].T, cat.sector_fit[vertical][:, own].T, fit[:, vertical])
    return fit


def _sector(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    return sector_fit(arrays, cat)


def _formats(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    """0 when the organisation makes none of the formats the channel needs (any one suffices); else
    :data:`FORMAT_NEEDED_FIT`, rising to 1 with the share of the helpful formats it also makes. An account the
    organisation already runs shows that it makes what the channel needs (a Colombian school on WhatsApp writes
    its messages, whatever formats it listed)."""
    made = arrays.formats.astype(float)
    # counts of 0/1 products are exact integers whatever the summation order, so BLAS is safe here
    has_needed = ((made @ cat.format_needed.T.astype(float)) > 0) | arrays.present
    helpful = cat.format_helpful.sum(axis=1)
    helped = np.divide(made @ cat.format_helpful.T.astype(float), helpful, out=np.ones((len(made), len(helpful))), where=helpful > 0)
    return np.where(has_needed, FORMAT_NEEDED_FIT + (1.0 - FORMAT_NEEDED_FIT) * helped, 0.0)


def _model(arrays: ProfileArrays, cat: Catalog, affinity: np.ndarray | None) -> np.ndarray:
    """The channel's fit to the business model for the goals addressed to customers; the recruiting share of the
    goals counts as a full fit: whom a firm sells to says nothing about where its candidates are (a Manila BPO
    hiring call-centre agents had Facebook marked down as a b2b channel)."""
    fit = np.stack([cat.b2b_fit, cat.b2c_fit, (cat.b2b_fit + cat.b2c_fit) / 2.0])[arrays.model]
    weight = arrays.customer_weight[:, None]
    return weight * fit + (1.0 - weight)


#: The criteria, in the order of the scorer's arrays.
REGISTRY: tuple[Criterion, ...] = (
    Criterion("reach", 0.25, _reach, "share of the target people (markets, ages, gender, sectors' professionals) the channel reaches"),
    Criterion("audience", 0.15, _audience, "share of the channel's users who are professionals, when they are the audience"),
    Criterion("goals", 0.25, _goals, "goal-weighted mean of the channel's affinity to each goal"),
    Criterion("sector", 0.15, _sector, "the channel's fit for the sectors the goals address"),
    Criterion("formats", 0.10, _formats, "whether the organisation makes a format the channel needs, and how many of those that help"),
    Criterion("model", 0.10, _model, "fit to the business model (b2b, b2c, or the mean of both) for the goals addressed to customers"),
)
#: The criteria names, in registry order.
CRITERIA: tuple[str, ...] = tuple(c.name for c in REGISTRY)
#: Default criterion weights (exponents of the weighted geometric mean; see the README's model section).
DEFAULT_CRITERIA_WEIGHTS: Mapping[str, float] = MappingProxyType({c.name: c.default_weight for c in REGISTRY})
