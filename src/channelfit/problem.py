"""The optimisation problem of one profile: candidates, levels, costs, limits.

:func:`build_problem` scores the profile and sorts the catalog's channels into candidates and
exclusions; :func:`make_instance` turns the problem into the optimiser's :class:`Instance` for any
budget, count limit and objective.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .criteria import CRITERIA, gender_factor, market_affinity, premises_markets
from .data import Catalog
from .errors import InfeasibleError
from .optimiser import Instance
from .profile import Profile
from .scorer import (
    EXCLUSIONS,
    ProfileArrays,
    Scores,
    ads_banned_everywhere,
    advertiser_country,
    encode,
    exclusions,
    holds_account,
    kept_accounts_mask,
    lists_elsewhere,
    own_media,
    score,
)
from .tables import SectorAdBanRow
from .vocabulary import AD_FAMILIES, AVAILABILITY, GROW, LISTEN, MAINTAIN, ObjectiveName

__all__ = ["AT_MINIMUM_SPEND", "AUCTION_MINIMUM_EUR", "CLOSED_LEVELS", "LEVEL_OPTIONS", "LISTING_SECTOR_FIT", "MIN_PICK_SHARE", "OPTION_BASE", "OPTION_LEVEL", "OPTION_TIER", "SETUP_WEEKS", "SPEND_TIERS", "WEEKS_PER_MONTH", "Choice", "Problem", "accounts_lowered", "auction_minimum_eur", "audience_people", "budgeted_hours", "build_problem", "check_forced_fit", "effectiveness", "hire_hours", "hired_cost", "hired_hours", "hours_beyond", "hours_budget", "hours_lacking", "make_instance", "mix_hours", "mix_money", "ordered_picks", "spend_curve", "spend_floor"]

#: The levels a channel closed to an organisation's country loses (``closed_to_organisations.csv``): no posting,
#: nothing but listening; no account, nothing (the channel is excluded as ``closed``). A channel closed to its ads
#: loses every level that buys ads and its paid promotion (see :func:`build_problem`).
CLOSED_LEVELS: dict[str, list[int]] = {"posting": [MAINTAIN, GROW], "all": [LISTEN, MAINTAIN, GROW]}
#: Every pick that is not included or kept must add at least this share of the mix's value: a judgement
#: that a channel adding less is not worth a slot, the hours of keeping it up, or the focus it takes.
MIN_PICK_SHARE = 0.03
#: A listing at listen sells, books or is called only where the sector's customers look for it: its channel fits the
#: profile's sector at least this much (a judgement, as the planner's listening places; a Manchester wedding
#: photographer had a Trustpilot page at listen for leads, where couples do not look).
LISTING_SECTOR_FIT = 0.5
#: One-off setup hours are spread over at most this many weeks (a quarter), the longest the plan's first
#: phase runs: a new channel works at its lowest level while it is set up (see :func:`budgeted_hours`).
SETUP_WEEKS = 13
#: Weeks in a month (52 / 12): a weekly hour hired at ``budget.hourly_rate`` costs this many times the rate a month.
WEEKS_PER_MONTH = 52 / 12
#: The promotion scales of ``levels.csv`` are judged for a local business, whose ads reach the people around its
#: premises: taken as a million people of the target ages online. A consumer organisation without premises
#: advertises across its markets, and its scale grows with the square root of the people it targets, up to ten
#: times (a judgement between the local scale for everyone, which had a brand selling to Singapore, Malaysia and
#: Indonesia "near full effect" at 1,189 SGD a month of Instagram, and a scale proportional to the people, which
#: would take a national campaign's money for a small brand's).
LOCAL_AUDIENCE_MILLIONS = 1.0
MAX_AUDIENCE_SCALE = 10.0
#: An organisation without premises that sells to businesses or professionals advertises to the managers and
#: professionals among the people of its markets: taken as a fifth of them (a judgement near the share of managers
#: and professionals among working-age people in rich markets; no figure per country is in the catalog). With the
#: local scale for all of them, a Tel Aviv security company selling to US and European enterprises left 28,514 of
#: 40,000 USD a month unspent, its LinkedIn and Google ads "near full effect" at about 3,500 USD each.
BUYER_SHARE = 0.2
#: Paid promotion above a level's minimum useful spend, in units of the level's local spend scale (the
#: levels with ``spend_scale_eur`` in ``levels.csv``: every grow level of a channel with paid promotion, and
#: the maintain level of the search-ad channels, whose always-on campaign can take a larger daily budget):
#: the optimiser chooses among these, then the money is split exactly among the paid picks.
#: The split makes the main mix exact whatever the grid (see :func:`~channelfit.solutions.best_mix`), so
#: the grid is the search's: three tiers gave the same 53 benchmark plans, byte for byte, as five
#: (0, 0.5, 1, 2, 3), in two thirds of the time (fewer options per channel to branch on).
SPEND_TIERS: tuple[float, ...] = (0.0, 1.0, 3.0)
#: Per level (listen, maintain, grow), the share of its full effect (``levels.csv``) a level that takes more
#: money reaches at its minimum useful spend; extra promotion adds the rest as ``1 - exp(-spend / scale)``.
#: Judgements: the minimum buys most of what the hours can use, and past three scales (95 % of the rest)
#: more money adds too little to be spent. A maintain level (an always-on search campaign on brand and core
#: keywords) gains less from money than grow (more campaigns, broader keywords, the hours to tune them): at
#: 0.8 its uplift was near grow's, and 7 of 53 benchmark plans gave up grow's hours for another channel and
#: left money unspent.
AT_MINIMUM_SPEND: tuple[float, ...] = (1.0, 0.9, 0.8)
#: The least an auction-priced level may cost after scaling by the local cost of reach (EUR/month), per ad family:
#: Meta's technical minimum of about USD 1 a day (source ``meta_ads_min_smartly``), below which an ad set cannot run,
#: for social and search ads (Google states none); LinkedIn's USD 10 minimum daily budget (``linkedin_ads_min_smprotips``,
#: about EUR 280 a month) for the professional networks, whose campaigns a Nairobi recruiter read at 55 EUR a month.
AUCTION_MINIMUM_EUR: dict[str, float] = {"social": 28.0, "search": 28.0, "professional": 280.0}
#: The level of each optimiser option: listen, then maintain and grow at each of :data:`SPEND_TIERS` (the
#: tiers above the first are offered only where the level takes more money).
OPTION_LEVEL: tuple[int, ...] = (LISTEN, *(MAINTAIN,) * len(SPEND_TIERS), *(GROW,) * len(SPEND_TIERS))
#: The extra spend of each option, in units of its level's local spend scale.
OPTION_TIER: tuple[float, ...] = (0.0, *SPEND_TIERS, *SPEND_TIERS)
#: The options of each level, lowest spend first.
LEVEL_OPTIONS: tuple[tuple[int, ...], ...] = tuple(tuple(o for o, level in enumerate(OPTION_LEVEL) if level == lv) for lv in (LISTEN, MAINTAIN, GROW))
#: Each option's level at its minimum spend (tier 0): the option that stands for every spend of that level.
OPTION_BASE: tuple[int, ...] = tuple(LEVEL_OPTIONS[level][0] for level in OPTION_LEVEL)


class Choice(NamedTuple):
    """A pick of a plan: channel index, level index, and money on promotion above the level's (EUR/month)."""

    channel: int
    level: int
    extra_eur: float


@dataclass(frozen=True)
class Problem:
    """Everything the optimiser and the plan builder need for one profile."""

    profile: Profile
    cat: Catalog
    arrays: ProfileArrays  # this one profile, encoded
    scores: Scores  # for this one profile: arrays of shape (1, C, ...)
    affinity: np.ndarray  # (C, G) goal affinities in use (in the profile's markets, evidence-adjusted)
    goal_weights: np.ndarray  # (G,)
    candidates: np.ndarray  # channel indices the optimiser may pick
    exclusions: np.ndarray  # (C,) codes into scorer.EXCLUSIONS, 0 for candidates
    advertiser: str | None  # the country the organisation buys its ads from (see advertiser_country)
    offered: np.ndarray  # (C, L) levels this organisation can take (less where a channel is closed to its country)
    money: np.ndarray  # (C, L) monthly cost in EUR
    hours: np.ndarray  # (C, L) weekly hours the budget counts (see budgeted_hours)
    setup: np.ndarray  # (C, L) setup hours (0 where present)
    spend_scale: np.ndarray  # (C, L) EUR/month: the scale of extra promotion above each level in the target markets, 0 where none
    audience_factor: np.ndarray  # (C,) how much more promotion each channel's ads take than a local business's (promotion_scale)
    audience_millions: float | None  # the people of the target ages online in the markets when the ads reach across them, else None (local)
    monthly_budget_eur: float
    fx_per_eur: float  # units of the profile's currency per euro
    # EUR a month that one weekly hour hired at budget.hourly_rate costs, None when the profile gives no rate
    hired_hour_eur: float | None = None

    @functools.cached_property
    def channel_effectiveness(self) -> np.ndarray:
        """``(C, L, G)`` :func:`effectiveness` of every channel, computed once (the solves and the plan read it)."""
        return effectiveness(self)

    @functools.cached_property
    def selling_listings(self) -> np.ndarray:
        """``(C,)`` the listings that sell, book or are called at listen for this profile: a channel whose accounts are
        listings and that fits the sector at least :data:`LISTING_SECTOR_FIT`. The effect, the commission line and the
        KPIs read this one rule (a wedding photographer's Trustpilot page at listen serves no leads, and is not counted on them)."""
        assert self.scores.criteria is not None
        return self.cat.listing & (self.scores.criteria[0][:, CRITERIA.index("sector")] >= LISTING_SECTOR_FIT)

    @functools.cached_property
    def ad_ban(self) -> SectorAdBanRow | None:
        """The law banning the paid promotion of the organisation's sector in its country (``sector_ad_bans.csv``), when
        its target markets include one where it binds (:attr:`~channelfit.criteria.ProfileArrays.ad_ban_share`)."""
        if self.arrays.ad_ban_share[0] <= 0:
            return None
        return self.cat.ad_ban_rows[(self.profile.sector, self.cat.countries[int(self.arrays.base_market[0])])]

    @functools.cached_property
    def ads_banned_everywhere(self) -> bool:
        """Whether :attr:`ad_ban` binds every target market (:func:`~channelfit.scorer.ads_banned_everywhere`): the plan
        buys no ads at all, where a ban on the home market alone leaves the ads abroad."""
        return bool(ads_banned_everywhere(self.arrays)[0])

    @functools.cached_property
    def kept_accounts(self) -> dict[int, int]:
        """The accounts the plan must keep, ``{channel index: lowest level allowed}`` (:func:`_kept_floors`), computed
        once: every solve's instance, the unspent sentence and the accounts' cost read it."""
        return _kept_floors(self)

    @functools.cached_property
    def premises_markets(self) -> np.ndarray:
        """``(country,)`` :func:`~channelfit.criteria.premises_markets` of this profile, computed once (each listing's reasons read it)."""
        return premises_markets(self.arrays, self.cat)[0]

    @functools.cached_property
    def holds_account(self) -> np.ndarray:
        """``(C,)`` :func:`~channelfit.scorer.holds_account` of this profile, computed once (each excluded channel's reason reads it)."""
        return holds_account(self.arrays, self.cat)[0]

    @functools.cached_property
    def lists_elsewhere(self) -> np.ndarray:
        """``(C,)`` :func:`~channelfit.scorer.lists_elsewhere` of this profile, computed once (each excluded listing's reason reads it)."""
        return lists_elsewhere(self.arrays, self.cat)[0]

    @functools.cached_property
    def reach_unknown_everywhere(self) -> np.ndarray:
        """``(C,)`` whether the catalog has no reach figure for a channel in any of the profile's markets."""
        return self.cat.reach_unknown[:, [self.cat.index["countries"][k] for k in self.profile.markets]].all(axis=1)

    @functools.cached_property
    def gender_factor(self) -> np.ndarray:
        """``(C,)`` :func:`~channelfit.criteria.gender_factor` of this profile, computed once (each pick's reach lines read it)."""
        return gender_factor(self.arrays, self.cat)[0]

    @functools.cached_property
    def candidate_effectiveness(self) -> np.ndarray:
        """``(n, L, G)`` :attr:`channel_effectiveness` of the candidates."""
        return self.channel_effectiveness[self.candidates]

    @functools.cached_property
    def option_scale(self) -> np.ndarray:
        """``(n, options)`` :attr:`spend_scale` of each candidate's option (its level's), 0 where the level takes no more money."""
        return self.spend_scale[self.candidates][:, list(OPTION_LEVEL)]


def effectiveness(problem: Problem) -> np.ndarray:
    """``(C, L, G)`` effectiveness of every channel of the catalog at each level for each goal.

    ``fit_without_goals * affinity * level effect``, in 0..1, where the level's effect depends on the goal
    (``goals.csv``): ``listen`` serves only the goals listening serves (listening, customer service,
    community), and on a listing of a channel that fits the sector (:data:`LISTING_SECTOR_FIT`) also the
    goals a live listing serves (a B&B's Booking.com and Airbnb listings take bookings at listen: they
    were read as serving customer service alone, and the plan said keeping them cost a fifth of its
    value); ``grow`` lifts only the goals paid promotion lifts, the others staying at ``maintain``. Where the law
    bans the sector's ads in some of the target markets (``sector_ad_bans.csv``), a grow campaign lifts the goals by
    the share of the markets left to it, and a search-ad account serves them in that share alone (a judgement: its
    ads reach only those markets' people; the boosts of a maintain level, a tenth of its effect, are left whole).
    A level that takes more money is at its full promotion here (see :func:`spend_curve`); where it is
    ``maintain``, the goals promotion does not lift stay at what its minimum spend buys.
    """
    cat = problem.cat
    fit = problem.scores.fit_without_goals[0]
    level_effect = cat.level_effect
    effect = np.repeat(level_effect[:, :, None], len(cat.goals), axis=2)
    effect[:, LISTEN] *= np.where(problem.selling_listings[:, None], cat.goal_listing_serves[None, :], cat.goal_listen_serves[None, :])
    unpaid = ~cat.goal_paid_lift[None, :]
    effect[:, MAINTAIN] = np.where(unpaid & (cat.level_spend_scale_eur[:, MAINTAIN, None] > 0), AT_MINIMUM_SPEND[MAINTAIN] * level_effect[:, MAINTAIN, None], effect[:, MAINTAIN])
    effect[:, GROW] = np.where(unpaid & (level_effect[:, MAINTAIN, None] > 0), effect[:, MAINTAIN], effect[:, GROW])
    allowed = 1.0 - float(problem.arrays.ad_ban_share[0])
    if allowed < 1.0:  # the law bans the sector's ads in some target markets: they run, and lift the goals, in the others
        lifted = (cat.level_buys_ads[:, GROW] & ~cat.ads_only)[:, None] & cat.goal_paid_lift[None, :]
        effect[:, GROW] = np.where(lifted, effect[:, MAINTAIN] + allowed * (effect[:, GROW] - effect[:, MAINTAIN]), effect[:, GROW])
        effect[cat.ads_only] *= allowed
    eff = fit[:, None, None] * problem.affinity[:, None, :] * effect
    return np.clip(eff, 0.0, 1.0)


def spend_floor(problem: Problem, objective: str) -> np.ndarray:
    """The share of a paid pick's full effect reached at its level's minimum useful spend, per level and goal
    (``(L, G)``; ``(L, 1)`` additive): :data:`AT_MINIMUM_SPEND` where paid promotion lifts the goal, 1 (no curve)
    where it does not."""
    at_minimum = np.array(AT_MINIMUM_SPEND)[:, None]
    if objective == "additive":
        return at_minimum
    return np.where(problem.cat.goal_paid_lift[None, :], at_minimum, 1.0)


def spend_curve(at_full: np.ndarray, extra_in_scales: np.ndarray | float, floor: np.ndarray | float = AT_MINIMUM_SPEND[GROW]) -> np.ndarray:
    """Effectiveness (or value) of a pick that takes more money, ``extra_in_scales`` scales of promotion above
    its level's minimum spend: ``at_full * (m + (1 - m) * (1 - exp(-x)))`` with ``m = floor`` (per goal, see
    :func:`spend_floor`)."""
    return at_full * (floor + (1.0 - floor) * (1.0 - np.exp(-np.asarray(extra_in_scales))))


def _options(per_level: np.ndarray, option_scale: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Per-level values ``(n, L, ...)`` expanded to the optimiser's options (``option_scale``: ``(n, options)``;
    ``floor``: :func:`spend_floor`):
    listen, then maintain and grow at each of :data:`SPEND_TIERS` on the spend curve where the level takes more
    money (a level that takes no more keeps its full effect)."""
    options = []
    for o, (level, tier) in enumerate(zip(OPTION_LEVEL, OPTION_TIER)):
        scaled = (option_scale[:, o] > 0).reshape((-1,) + (1,) * (per_level.ndim - 2))
        options.append(np.where(scaled, spend_curve(per_level[:, level], tier, floor[level] if per_level.ndim > 2 else floor[level, 0]), per_level[:, level]))
    return np.stack(options, axis=1)


def build_problem(
    profile: Profile,
    cat: Catalog,
    affinity: np.ndarray | None = None,
    arrays: ProfileArrays | None = None,
    scores: Scores | None = None,
) -> Problem:
    """Score the profile and decide which channels are candidates and which are excluded.

    ``arrays`` and ``scores`` (for this one profile) may be passed when already computed in a batch.

    Raises
    ------
    InfeasibleError
        An included channel is blocked in every target market, needs premises the organisation lacks, or takes
        no accounts from organisations based in its country.
    """
    arrays = encode([profile], cat) if arrays is None else arrays
    scores = score(arrays, cat, affinity) if scores is None else scores
    affinity = market_affinity(arrays, cat)[0] if affinity is None else affinity
    codes = exclusions(arrays, cat, scores)[0]
    advertiser = advertiser_country(profile, cat, cat.countries[int(arrays.home_market[0])])
    for c in np.flatnonzero(arrays.include[0] & (codes > 0)):
        reason, channel = EXCLUSIONS[codes[c]], cat.channels[c]
        targets = ", ".join(k for k in profile.markets)
        message, allowed = {
            "blocked": (f"{channel} is blocked in every target market", f"channels available in at least one of {targets}"),
            "closed": (f"{channel} takes no accounts from organisations based in {advertiser}", f"channels open to organisations based in {advertiser}"),
            "needs_host": (
                f"{channel} runs on a {cat.channels[cat.host[c]]} account, which is excluded, blocked in every target market or closed to you",
                f"{cat.channels[cat.host[c]]} not excluded and open to you in a target market, or {channel} left out of include",
            ),
        }.get(reason, (f"{channel} needs premises: a place customers visit or a local service area", "set premises: true, or include channels that need no premises"))
        raise InfeasibleError(message, field="include", value=channel, allowed=allowed)
    setup = np.where(arrays.present[0][:, None], 0.0, cat.level_setup_hours)
    offered = np.array(cat.level_offered)
    banned = bool(ads_banned_everywhere(arrays)[0])  # the law bans the sector's paid promotion in every target market
    no_ads = np.full(len(cat.channels), banned)
    for c, channel in enumerate(cat.channels):
        closed = cat.closed_rows.get((channel, advertiser))
        if closed is None:
            continue
        if closed.closes == "ads":
            no_ads[c] = True
        elif closed.closes == "posting" or arrays.closed[0, c]:  # an account run already stays open
            offered[c, CLOSED_LEVELS[closed.closes]] = False
    # no ads: neither a level whose money buys them nor promotion above a level (Meta's boosts for a Moscow firm read
    # "no paid promotion: Meta does not sell ads to organisations based in Russia" beside 37,079 RUB of boosts)
    offered[no_ads[:, None] & cat.level_buys_ads] = False
    if banned:  # the law bans paid visibility too: a grow level that costs more than maintain
        # buys featured listings or a bigger package (a Turkish law firm bought sahibinden.com's "doping" beside "no ads")
        offered[cat.level_monthly_cost_eur[:, GROW] > cat.level_monthly_cost_eur[:, MAINTAIN], GROW] = False
    if profile.audience.professionals and "local_visits" not in profile.goals:
        # a listing's paid level buys ads to the people near the premises: a bearings maker selling to engineers across
        # Japan had its money put into a local campaign through its Google profile; its listing stays, and a campaign
        # the organisation runs already is kept, as every account is
        running_ads = arrays.present[0] & (arrays.present_level[0] >= GROW)
        offered[cat.needs_premises & cat.level_auction[:, GROW] & ~running_ads, GROW] = False
    family = np.maximum(cat.ad_family, 0)
    people = audience_people(profile, arrays, cat)
    sector_click = np.where(cat.keyword_priced, cat.sector_click_cost[cat.index["sectors"][profile.sector]], 1.0)
    # (C,) market-weighted cost of reach; a listing's campaign runs where it reaches, near the premises (a Vienna
    # studio's Google profile read 412 EUR at grow, then 375 once Germany's cheaper clicks joined its markets)
    weights = arrays.market_weights[0]
    near = np.where(premises_markets(arrays, cat)[0], weights, 0.0)
    near = near / near.sum() if near.any() else weights
    local_index = np.where(cat.needs_premises, near @ cat.cost_index[:, family], weights @ cat.cost_index[:, family]) * sector_click
    audience_factor = promotion_scale(arrays, cat, people)
    # boosts of a free level keep the local scale: the posts published anyway, pushed for a few days, not a campaign
    # across the markets (a South Tyrol hotel put all its 3,000 EUR into Meta boosts with no hours to run them)
    boosts = (cat.level_spend_scale_eur > 0) & ~cat.level_buys_ads
    return Problem(
        profile=profile,
        cat=cat,
        arrays=arrays,
        scores=scores,
        affinity=affinity,
        goal_weights=arrays.goal_weights[0],
        candidates=np.flatnonzero(codes == 0),
        exclusions=codes,
        advertiser=advertiser,
        offered=offered,
        money=_local_money(cat, local_index),
        hours=budgeted_hours(cat.level_weekly_hours, cat.level_offered, setup),
        setup=setup,
        spend_scale=cat.level_spend_scale_eur * np.where(no_ads, 0.0, local_index)[:, None] * np.where(boosts, 1.0, audience_factor[:, None]),
        audience_factor=audience_factor,
        audience_millions=None if people is None else float(people.sum()),
        monthly_budget_eur=profile.budget.monthly / cat.fx_per_eur[profile.budget.currency],
        fx_per_eur=cat.fx_per_eur[profile.budget.currency],
        hired_hour_eur=None if profile.budget.hourly_rate is None else profile.budget.hourly_rate * WEEKS_PER_MONTH / cat.fx_per_eur[profile.budget.currency],
    )


def audience_people(profile: Profile, arrays: ProfileArrays, cat: Catalog) -> np.ndarray | None:
    """``(country,)`` the people the ads run to in each target market, in millions (0 elsewhere), for an organisation
    without premises: the people of the target ages (and gender) online there, and of them :data:`BUYER_SHARE` when it
    sells to businesses or professionals (:func:`sells_to_buyers`). ``None`` for a local business (premises): its
    promotion keeps the judged local scale, unless its customers travel to it from markets abroad
    (:func:`travelled_to`) or it also sells to markets abroad at a distance (:func:`ships_abroad`), where those of its
    ads that are not its listings' run (see :func:`promotion_scale`)."""
    if arrays.premises[0] and not travelled_to(arrays, cat) and not ships_abroad(profile, arrays):
        return None
    online = (cat.population_bands * cat.internet_bands * arrays.age_overlap[0][None, :]).sum(axis=1)  # (country,) share of 13+
    gender_share = 1.0 if profile.audience.gender == "any" else 0.5
    people = np.where(arrays.market_weights[0] > 0, cat.people_millions * online, 0.0) * gender_share
    return people * BUYER_SHARE if sells_to_buyers(profile) else people


def _targets_abroad(arrays: ProfileArrays) -> bool:
    """Whether a target market is not the home market, where the premises are."""
    abroad = arrays.market_weights[0] > 0
    abroad[arrays.home_market[0]] = False
    return bool(abroad.any())


def travelled_to(arrays: ProfileArrays, cat: Catalog) -> bool:
    """Whether an organisation with premises books its customers before they travel from target markets abroad, where
    its ads then run: a sector whose visitors travel (``visitors_travel``: a Nairobi safari operator selling to
    American, British and German tourists had Google Ads "near its full effect" at a local business's scale and 940
    USD a month unspent). A place whose main goal is local visits draws tourists too, but they choose it once there,
    through maps and reviews and ads run around the premises: a Prague brewpub's boosts were run to 81 million people
    of its ages in Germany and Britain."""
    return bool(cat.sector_visitors_travel[arrays.sector[0]]) and _targets_abroad(arrays)


def sells_at_a_distance(premises: bool, goals: Iterable[str]) -> bool:
    """Whether the organisation sends what it sells: one without premises (an online shop, a brand), or one with
    premises and the ``sales`` goal (a shop or a winery that also sells online). A profile does not say whether a shop
    with premises ships, so one without the sales goal is taken to sell at its counter. The policy checklist's
    goods-shipping lines and the reach of the ads read this one rule."""
    return not premises or "sales" in goals


def ships_abroad(profile: Profile, arrays: ProfileArrays) -> bool:
    """Whether an organisation with premises also sells at a distance (:func:`sells_at_a_distance`) to target markets
    abroad, so its ads for those sales run across its markets: a Sicilian winery selling to Germany and the US had its
    Google Ads "near their full effect" at 411 EUR a month at a cellar door's local scale, and 1,907 of its 2,500 EUR
    unspent (review 24)."""
    return bool(arrays.premises[0]) and sells_at_a_distance(True, profile.goals) and _targets_abroad(arrays)


def promotion_scale(arrays: ProfileArrays, cat: Catalog, people: np.ndarray | None) -> np.ndarray:
    """``(C,)`` how much more promotion each channel's ads take than a local business's (:func:`audience_scale` of
    the ``people`` they run to, :func:`audience_people`, in the target markets where the channel is not blocked: a
    brand selling to Russia and Kazakhstan runs its Instagram ads to Kazakhstan's people alone; review 28 found ads
    scaled to the people of markets where they cannot run), 1 for
    a listing at the premises unless the customers travel there: a winery's maps listing advertises its cellar door to
    the people around it, while its search ads sell its wine abroad."""
    if people is None:
        scale = np.ones(len(cat.channels))
    else:
        scale = audience_scale((cat.availability != AVAILABILITY.index("blocked")) @ people)  # millions where each channel runs
    local_listings = bool(arrays.premises[0]) and not travelled_to(arrays, cat)
    return np.where(cat.needs_premises & local_listings, 1.0, scale)


def sells_to_buyers(profile: Profile) -> bool:
    """Whether the organisation's buyers are businesses or professionals, a few among the people of its markets."""
    return profile.model == "b2b" or profile.audience.professionals


def addresses_buyers(profile: Profile) -> bool:
    """Whether the professionals the organisation addresses are its buyers: it sells to businesses or professionals and
    wants sales or leads (a climate-data institute seeking thought leadership, researchers and partners read that its
    ads ran to "the managers and professionals who buy for businesses")."""
    return sells_to_buyers(profile) and bool({"sales", "lead_generation"} & set(profile.goals))


def audience_scale(millions: np.ndarray | float | None) -> np.ndarray | float:
    """How much more promotion the ads take before more adds little than a local business's: the square root of
    the people targeted (millions; one figure per channel, or ``None`` for a local business) over
    :data:`LOCAL_AUDIENCE_MILLIONS`, between 1 and :data:`MAX_AUDIENCE_SCALE`."""
    if millions is None:
        return 1.0
    return np.clip(np.sqrt(np.asarray(millions) / LOCAL_AUDIENCE_MILLIONS), 1.0, MAX_AUDIENCE_SCALE)


def _local_money(cat: Catalog, local_index: np.ndarray) -> np.ndarray:
    """``(C, L)`` monthly cost in EUR in the target markets.

    Money that buys ads in an auction costs its US price times the market-weighted cost of reach (more where
    reach costs more than in the US), never below its family's :data:`AUCTION_MINIMUM_EUR` or its US price if that is lower;
    flat fees (subscriptions, listings) cost the same everywhere. A grow level's money includes the maintain
    level's flat fee, which is not scaled.
    """
    money = cat.level_monthly_cost_eur
    flat_fee = np.zeros_like(money)
    flat_fee[:, GROW] = np.where(cat.level_auction[:, MAINTAIN], 0.0, money[:, MAINTAIN])
    ads = money - flat_fee
    local = flat_fee + np.maximum(ads * local_index[:, None], np.minimum(ads, auction_minimum_eur(cat)[:, None]))
    return np.where(cat.level_auction, local, money)


def auction_minimum_eur(cat: Catalog) -> np.ndarray:
    """``(C,)`` the least an auction-priced level of each channel may cost after scaling by the local cost of reach:
    its ad family's :data:`AUCTION_MINIMUM_EUR`, the social family's for a channel without one."""
    per_family = np.array([AUCTION_MINIMUM_EUR[family] for family in AD_FAMILIES])
    return np.where(cat.ad_family >= 0, per_family[np.maximum(cat.ad_family, 0)], AUCTION_MINIMUM_EUR["social"])


def _kept_floors(problem: Problem) -> dict[int, int]:
    """Accounts the plan must keep: ``{channel index: lowest level allowed}`` (-1: any level).

    Accounts already run stay at no less than their level unless the profile allows dropping them; an account
    that is excluded or cannot be a candidate (blocked, no fit) is not kept. When at those levels they do not fit
    the budget (:func:`accounts_lowered`), they are lowered one level at a time until they fit: grow before
    maintain, and among the accounts at the highest level the one that gives up least of its value to the goals for
    each hour (or euro, when money is short) of the shortfall it frees; a media organisation's own media
    (:func:`~channelfit.scorer.own_media`) only when no other account can be lowered. The plan may not lower them further to free
    hours for new channels (a Johannesburg car dealer's Facebook, given at grow with 8 h/week, went to listen while
    its Google profile took the money and hours; it now stays at maintain). Last, an account lowered early is
    raised back a level wherever the others' lowering left room for it.
    """
    given = _given_levels(problem)
    floors = dict(given)
    own = {problem.cat.index["channels"][c] for c in own_media(problem.profile, problem.cat)}  # lowered last
    value = problem.channel_effectiveness @ problem.goal_weights  # (C, L) each channel's value to the goals at each level
    while (short := _shortfall(problem, floors)) is not None:
        lowerable = {c: lower for c, level in floors.items() if (lower := _next_lower(problem, c, level)) is not None}
        if not lowerable:
            break
        short_money, short_hours = short
        resource, shortfall = (problem.hours, short_hours) if short_hours > 0 else (problem.money, short_money)
        c = min(lowerable, key=lambda c: (c in own, *_lowering_cost(c, floors[c], lowerable[c], value, resource, shortfall)))
        floors[c] = lowerable[c]
    if problem.profile.may_drop_accounts and _shortfall(problem, floors, lowest=True) is not None:
        # a profile letting the plan close its accounts keeps its own media where the budget holds them at their lowest
        # levels; where even that does not fit, the plan may close them as the rest (a media organisation with no hours
        # got an error telling it to set may_drop_accounts, which it had)
        floors = {c: level for c, level in floors.items() if c not in own}
    for c in sorted(floors, key=lambda c: (-float(value[c, max(given[c], 0)]), c)):  # the most valuable first
        while floors[c] < given[c] and _shortfall(problem, {**floors, c: (higher := _next_higher(problem, c, floors[c]))}) is None:
            floors[c] = higher
    return floors


def _next_higher(problem: Problem, c: int, level: int) -> int:
    """The lowest level above ``level`` that channel ``c`` offers (``level`` is below a level it offers)."""
    return int(np.flatnonzero(problem.offered[c, level + 1 :])[0]) + level + 1


def _lowering_cost(c: int, level: int, lower: int, value: np.ndarray, resource: np.ndarray, shortfall: float) -> tuple[int, float, int]:
    """The order in which :func:`_kept_floors` lowers accounts: the highest level first, then the least value
    given up per unit of the ``shortfall`` of ``resource`` (hours or money) it frees, then the catalog order."""
    freed = min(float(resource[c, level] - resource[c, lower]), shortfall)
    return -level, float(value[c, level] - value[c, lower]) / max(freed, 1e-9), c


def _next_lower(problem: Problem, c: int, level: int) -> int | None:
    """The highest level below ``level`` that channel ``c`` offers, or None (``level`` -1 means any: none lower)."""
    below = np.flatnonzero(problem.offered[c, : max(level, 0)])
    return int(below[-1]) if len(below) else None


def _given_levels(problem: Problem) -> dict[int, int]:
    """The accounts kept at the levels the profile gives them (-1 where it gives none): all it runs unless
    ``may_drop_accounts``, and a media organisation's own media whatever it says (:func:`~channelfit.scorer.kept_accounts_mask`). An account given without a level
    on a channel that cannot be kept without posting (a messenger has no listen level) is not kept: the plan takes it
    where it serves the goals, else leaves it as it is (a Vienna salon's Telegram, given without a level, was held at
    maintain and pushed its Instagram down to listening)."""
    arrays = problem.arrays
    kept = kept_accounts_mask(arrays, problem.cat)[0]
    if not kept.any():
        return {}
    candidates = set(problem.candidates.tolist())
    highest = problem.offered.shape[1] - 1 - problem.offered[:, ::-1].argmax(axis=1)  # a kept grow account without ads keeps its maintain
    return {
        int(c): min(int(arrays.present_level[0, c]), int(highest[c]))
        for c in np.flatnonzero(kept)
        if int(c) in candidates and (arrays.present_level[0, c] >= 0 or problem.offered[c, LISTEN])
    }


def accounts_lowered(problem: Problem) -> bool:
    """Whether the accounts kept at the levels the profile gives them, beside the included channels at their
    cheapest, need more money or hours than the profile's budget: the plan then lowers them as little as the budget
    requires (:attr:`Problem.kept_accounts`), and says so (a US dental practice keeping Facebook and its Google profile at
    maintain with 3 h/week got no plan at all, only an error)."""
    return _shortfall(problem, _given_levels(problem)) is not None


def _shortfall(problem: Problem, given: dict[int, int], lowest: bool = False) -> tuple[float, float] | None:
    """The money (EUR) and hours the accounts at no less than their ``given`` levels, beside the included channels
    at their cheapest, need beyond the budget (each 0 when within it), or None when both fit; None too when none is
    above its lowest level (nothing to lower), unless ``lowest``."""
    if not lowest and not any(level > 0 for level in given.values()):
        return None  # nothing to lower
    index = problem.cat.index["channels"]
    included = [(index[c], -1) for c in problem.profile.include if index[c] not in given]
    money, hours = 0.0, 0.0
    for c, level in [*given.items(), *included]:
        levels = np.flatnonzero(problem.offered[c, max(level, 0) :]) + max(level, 0)  # at that level or above (-1: any)
        money += float(min(problem.money[c, lv] for lv in levels))
        hours += float(min(problem.hours[c, lv] for lv in levels))
    short_money = max(0.0, money - problem.monthly_budget_eur)
    short_hours = max(0.0, hours - problem.profile.budget.weekly_hours - _hours_buyable(problem, problem.monthly_budget_eur - money))
    return (short_money, short_hours) if short_money > 1e-9 or short_hours > 1e-9 else None


def _hours_buyable(problem: Problem, money_eur: float) -> float:
    """The weekly hours ``money_eur`` a month buys at the profile's hourly rate (0 without one, or without money)."""
    return 0.0 if problem.hired_hour_eur is None else max(0.0, money_eur) / problem.hired_hour_eur


def hours_budget(problem: Problem, monthly_budget_eur: float, weekly_hours: float) -> float:
    """The optimiser's hours budget for a budget of ``monthly_budget_eur`` and ``weekly_hours``: the hours themselves,
    and with an hourly rate every hour the money could buy as well (see :func:`make_instance`)."""
    return weekly_hours + _hours_buyable(problem, monthly_budget_eur)


def hours_beyond(problem: Problem, needed_hours: float, weekly_hours: float | None = None) -> float:
    """The hired part of ``needed_hours`` a week: those beyond ``weekly_hours`` (the profile's by default), which a
    freelancer or an agency works at the hourly rate. 0 without a rate."""
    if problem.hired_hour_eur is None:
        return 0.0
    own = problem.profile.budget.weekly_hours if weekly_hours is None else weekly_hours
    return max(0.0, needed_hours - own)


def hired_hours(problem: Problem, mix: Sequence[Choice], weekly_hours: float | None = None) -> float:
    """The weekly hours a mix needs (setup included, as the budget counts them) beyond ``weekly_hours`` (the
    profile's by default), see :func:`hours_beyond`."""
    return hours_beyond(problem, mix_hours(problem, mix, with_setup=True), weekly_hours)


def hired_cost(problem: Problem, mix: Sequence[Choice], weekly_hours: float | None = None) -> float:
    """What the :func:`hired_hours` of a mix cost a month, in EUR (0 without a rate)."""
    return 0.0 if problem.hired_hour_eur is None else hired_hours(problem, mix, weekly_hours) * problem.hired_hour_eur


def make_instance(
    problem: Problem,
    objective: ObjectiveName,
    max_channels: int | None = None,
    monthly_budget_eur: float | None = None,
    weekly_hours: float | None = None,
    running: frozenset[int] = frozenset(),
) -> Instance:
    """The optimiser instance for ``problem``; budgets and count default to the profile's.

    Each candidate has an option per level, and its maintain and grow levels one per :data:`SPEND_TIERS` of
    extra promotion (where the level takes more money). Included channels and kept accounts are forced;
    a kept account's lower levels are not offered. Every other pick must add :data:`MIN_PICK_SHARE`
    of the mix's value, every pick read at its level's minimum spend (:data:`OPTION_BASE`): promotion
    on one pick never pushes another out. Channels in ``running`` (indices into the catalog) need no setup hours.

    With an hourly rate ``r`` (EUR a month per weekly hour, :attr:`Problem.hired_hour_eur`), hours beyond the budget's
    ``H`` may be hired from its money ``B``: ``money + r * max(0, hours - H) <= B``, which with ``money <= B`` is the
    pair of linear limits ``money <= B`` and ``money + r * hours <= B + r * H``. The instance's hours are then that
    second resource over ``r``: each option's hours plus its money over ``r``, within ``H + B / r``; the optimiser
    needs no change.
    """
    cand, cat, profile = problem.candidates, problem.cat, problem.profile
    kept = problem.kept_accounts
    forced = np.isin(cand, [cat.index["channels"][c] for c in profile.include]) | np.isin(cand, list(kept))
    level, tier = np.array(OPTION_LEVEL), np.array(OPTION_TIER)
    option_scale = problem.option_scale
    offered = problem.offered[cand][:, level] & ((tier == 0)[None, :] | (option_scale > 0))
    for i, c in enumerate(cand.tolist()):
        if kept.get(c, -1) > 0:
            offered[i, level < kept[c]] = False
    setup = np.where(np.isin(cand, list(running))[:, None], 0.0, problem.setup[cand])
    common = dict(
        monthly_cost_eur=problem.money[cand][:, level] + tier[None, :] * option_scale,
        weekly_hours=budgeted_hours(cat.level_weekly_hours[cand], cat.level_offered[cand], setup)[:, level],
        offered=offered,
        forced=forced,
        monthly_budget_eur=problem.monthly_budget_eur if monthly_budget_eur is None else monthly_budget_eur,
        weekly_hours_budget=profile.budget.weekly_hours if weekly_hours is None else weekly_hours,
        max_channels=profile.max_channels if max_channels is None else max_channels,
        min_share=MIN_PICK_SHARE,
        floor_option=OPTION_BASE,
    )
    if objective == "additive":
        value = problem.scores.score[0, cand][:, None] * cat.level_effect[cand]
        instance = Instance(**common, value=_options(value, option_scale, spend_floor(problem, objective)))
    else:
        instance = Instance(**common, effectiveness=_options(problem.candidate_effectiveness, option_scale, spend_floor(problem, objective)), goal_weights=problem.goal_weights)
    return instance if problem.hired_hour_eur is None else hire_hours(instance, problem.hired_hour_eur)


def hire_hours(instance: Instance, hired_hour_eur: float) -> Instance:
    """``instance`` where hours beyond its hours budget ``H`` may be hired from its money budget ``B`` at
    ``hired_hour_eur`` (``r``, EUR a month per weekly hour): each option's hours plus its money over ``r``, within
    ``H + B / r``. With the money limit kept, a selection fits exactly when ``money + r * max(0, hours - H) <= B``."""
    return replace(
        instance,
        weekly_hours=instance.weekly_hours + instance.monthly_cost_eur / hired_hour_eur,
        weekly_hours_budget=instance.weekly_hours_budget + instance.monthly_budget_eur / hired_hour_eur,
    )


def check_forced_fit(problem: Problem, instance: Instance) -> None:
    """Raise :class:`InfeasibleError` naming the limit that makes the included channels and kept accounts impossible."""
    profile, cat = problem.profile, problem.cat
    currency, rate = profile.budget.currency, problem.fx_per_eur
    forced = np.flatnonzero(instance.forced)
    names = [cat.channels[problem.candidates[i]] for i in forced]
    field = lambda channel: "include" if channel in profile.include else "present_on"  # noqa: E731
    keeps = any(field(n) == "present_on" for n in names)
    fix = "set may_drop_accounts: true, or raise the budget" if keeps else "fewer included channels, or a larger budget"
    if len(forced) > instance.max_channels:
        raise InfeasibleError(
            f"{len(forced)} channels must be in the plan ({'included or kept accounts' if keeps else 'included'}) but max_channels is {instance.max_channels}",
            field="present_on" if keeps else "include",
            value=names,
            allowed=f"at most max_channels = {instance.max_channels} channels; " + ("set may_drop_accounts: true, or raise max_channels" if keeps else "fewer included channels, or raise max_channels"),
        )
    offered = instance.offered[forced]
    setup_note = " (setup included: a new channel's lowest level plus its setup over a quarter, when that is more)"
    limits = (  # (lowest need per forced channel, budget, scale to print, decimals, unit, note)
        (np.where(offered, instance.monthly_cost_eur[forced], np.inf).min(axis=1), instance.monthly_budget_eur, rate, 0, f"{currency}/month", ""),
        (np.where(offered, instance.weekly_hours[forced], np.inf).min(axis=1), instance.weekly_hours_budget, 1.0, 1, "h/week", setup_note),
    )
    hours_figure = None if problem.hired_hour_eur is None else _check_hired_fit(problem, instance, names, limits[0][0], field, fix)
    for need, budget, scale, digits, unit, note in limits:
        for k, channel in enumerate(names):
            if need[k] > budget + 1e-9:
                raise InfeasibleError(
                    f"{channel} needs {need[k] * scale:.{digits}f} {unit} at its lowest allowed level{note}, the budget is {budget * scale:g}",
                    field=field(channel),
                    value=channel,
                    allowed=f"channels whose lowest level needs at most {budget * scale:g} {unit}" if field(channel) == "include" else fix,
                )
    if any(need.sum() > budget + 1e-9 for need, budget, *_ in limits):
        (money, money_budget, *_), (hours, hours_budget, *_) = limits
        raise InfeasibleError(
            f"the included channels and kept accounts together need {money.sum() * rate:.0f} {currency}/month and {hours.sum() if hours_figure is None else hours_figure:.1f} h/week at their lowest allowed levels",
            field="present_on" if keeps else "include",
            value=names,
            allowed=f"channels that fit {money_budget * rate:g} {currency}/month and {hours_budget:g} h/week together; {fix}",
        )


def _check_hired_fit(problem: Problem, instance: Instance, names: list[str], lowest_money: np.ndarray, field: Callable[[str], str], fix: str) -> float:
    """:func:`check_forced_fit` for the hours with an hourly rate, whose instance counts money as the hours it hires
    (see :func:`hire_hours`): raise, in hours and money, where the forced channels whose money fits need more hours
    than the budget's and those its money hires beside theirs. Returns the hours they need together (the money's
    limit is the caller's to check)."""
    currency, fx, hour_eur = problem.profile.budget.currency, problem.fx_per_eur, problem.hired_hour_eur
    assert hour_eur is not None
    forced = np.flatnonzero(instance.forced)
    combined = np.where(instance.offered[forced], instance.weekly_hours[forced], np.inf)
    lowest = combined.argmin(axis=1)  # each channel's option taking the least of the budget, money and hours together
    money = instance.monthly_cost_eur[forced, lowest]
    hours = combined[np.arange(len(forced)), lowest] - money / hour_eur
    own = instance.weekly_hours_budget - instance.monthly_budget_eur / hour_eur
    rate = f"budget.hourly_rate ({problem.profile.budget.hourly_rate:g} {currency}/hour)"
    for k, channel in enumerate(names):
        if combined[k, lowest[k]] > instance.weekly_hours_budget + 1e-9 and lowest_money[k] <= instance.monthly_budget_eur + 1e-9:
            hires = max(0.0, instance.monthly_budget_eur - money[k]) / hour_eur
            raise InfeasibleError(
                f"{channel} needs {hours[k]:.1f} h/week at its lowest allowed level (setup included), more than the budget's {own:g} h/week and the "
                f"{hires:.1f} h/week that the {max(0.0, instance.monthly_budget_eur - money[k]) * fx:.0f} {currency}/month left beside its money hire at {rate}",
                field=field(channel),
                value=channel,
                allowed=f"channels whose lowest level fits {own:g} h/week and {instance.monthly_budget_eur * fx:.0f} {currency}/month, hours beyond those hired at {rate}"
                if field(channel) == "include"
                else fix,
            )
    if combined[np.arange(len(forced)), lowest].sum() > instance.weekly_hours_budget + 1e-9 and lowest_money.sum() <= instance.monthly_budget_eur + 1e-9:
        hires = max(0.0, instance.monthly_budget_eur - money.sum()) / hour_eur
        raise InfeasibleError(
            f"the included channels and kept accounts together need {money.sum() * fx:.0f} {currency}/month and {hours.sum():.1f} h/week at their lowest allowed levels, "
            f"more than the budget's {own:g} h/week and the {hires:.1f} h/week the money left beside theirs hires at {rate}",
            field="present_on" if "present_on" in map(field, names) else "include",
            value=names,
            allowed=f"channels that fit {instance.monthly_budget_eur * fx:.0f} {currency}/month and {own:g} h/week together, hours beyond those hired at {rate}; {fix}",
        )
    return float(hours.sum())


def mix_money(problem: Problem, mix: Sequence[Choice]) -> float:
    """What a mix costs per month in EUR: each level's money plus the promotion above it."""
    return float(sum(problem.money[p.channel, p.level] + p.extra_eur for p in mix))


def budgeted_hours(level_hours: np.ndarray, offered: np.ndarray, setup: np.ndarray) -> np.ndarray:
    """``(C, L)`` weekly hours each option takes from the budget: the more of its hours once running and its hours
    while it is set up, when a new channel works at its lowest level (as the plan's first phase runs it) and its
    setup is spread over :data:`SETUP_WEEKS`.

    The budget then holds in both phases: the running mix needs at most the sum, and so does the first phase (each
    new channel at its lowest level plus its setup over at most a quarter; accounts already run have no setup and
    keep their level). A one-off setup no longer costs a listing its place in every week of the plan (a ramen shop's
    Tabelog needed 1.15 h/week of the 0.85 left beside its Google profile, for 2 hours once).
    """
    lowest = offered.argmax(axis=1)
    while_set_up = level_hours[np.arange(len(level_hours)), lowest][:, None] + setup / SETUP_WEEKS
    return np.maximum(level_hours, while_set_up)


def mix_hours(problem: Problem, mix: Sequence[Choice], with_setup: bool = False) -> float:
    """The weekly hours a mix needs once running; ``with_setup``: as checked against the budget, the more of those
    and the hours while each channel is set up (:func:`budgeted_hours`), option by option."""
    hours = problem.hours if with_setup else problem.cat.level_weekly_hours
    return float(sum(hours[p.channel, p.level] for p in mix))


def hours_lacking(problem: Problem, mix: Sequence[Choice]) -> float | None:
    """The weekly hours (setup included) the plan lacks to take the money ``mix`` leaves: those the first pick below
    grow lacks to take it at grow, else (with a slot free) those the best-fitting channel out of the mix lacks at its
    first level that takes money; None when the hours hold nothing back. What the plan must try before it says more
    hours would spend the money (a Seoul café with Instagram at grow was told no channel would earn the money, while
    Naver Place was out for an hour)."""
    hours_left = problem.profile.budget.weekly_hours - mix_hours(problem, mix, with_setup=True)
    money_left = problem.monthly_budget_eur - mix_money(problem, mix)
    money, hours = problem.money, problem.hours
    held = [
        p for p in mix
        if p.level != GROW and problem.offered[p.channel, GROW] and money[p.channel, p.level] < money[p.channel, GROW] <= money[p.channel, p.level] + p.extra_eur + money_left
        and hours[p.channel, GROW] - hours[p.channel, p.level] > hours_left + 1e-9
    ]
    if held:
        return float(hours[held[0].channel, GROW] - hours[held[0].channel, held[0].level] - hours_left)
    if len(mix) >= problem.profile.max_channels:
        return None
    in_mix = {p.channel for p in mix}
    fit = problem.scores.score[0]
    paid = problem.offered & ((money > 0) | (problem.spend_scale > 0))  # levels that take money
    out = [
        (c, lv) for c in sorted(set(problem.candidates.tolist()) - in_mix, key=lambda c: (-fit[c], c)) if paid[c].any()
        for lv in (int(np.flatnonzero(paid[c])[0]),) if money[c, lv] <= money_left and hours[c, lv] > hours_left + 1e-9
    ]
    return float(hours[out[0][0], out[0][1]] - hours_left) if out else None


def ordered_picks(problem: Problem, options: Sequence[int], extra_eur: Sequence[float] | None = None) -> list[Choice]:
    """The picks of a solution (``options[i]``: option of candidate ``i`` or -1), best first by fit score,
    ties by catalog order; the extra promotion is the option's tier unless ``extra_eur`` (per candidate) says otherwise."""
    fit = problem.scores.score[0]
    chosen = []
    for i, option in enumerate(options):
        if option < 0:
            continue
        c = int(problem.candidates[i])
        extra = float(extra_eur[i]) if extra_eur is not None else OPTION_TIER[option] * float(problem.spend_scale[c, OPTION_LEVEL[option]])
        chosen.append(Choice(c, OPTION_LEVEL[option], extra))
    return sorted(chosen, key=lambda choice: (-fit[choice.channel], choice.channel))
