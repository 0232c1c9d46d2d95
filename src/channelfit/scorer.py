"""The scorer: the criteria of :mod:`channelfit.criteria`, combined into a fit score.

The fit score is the weighted *geometric* mean of the criteria: a channel that is
useless on one criterion (reaches nobody, needs video the organisation cannot make)
scores 0 however good it is elsewhere, and no criterion can buy back another fully.
Everything is vectorised over profiles and channels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .criteria import CRITERIA, REGISTRY, ProfileArrays, sector_fit
from .data import Catalog
from .profile import Profile
from .vocabulary import AGE_BANDS, GENDERS, LEVELS, MODELS

__all__ = ["EXCLUSIONS", "MIN_REACH", "OWN_MEDIA_SECTORS", "MIN_SECTOR_FIT", "Scores", "ads_banned_everywhere", "advertiser_country", "asked_for", "dominated", "age_overlap", "encode", "exclusions", "holds_account", "kept_accounts_mask", "lists_elsewhere", "lists_without_premises", "own_media", "score"]

#: Why a channel cannot be in a profile's mix; code 0 (not listed) means it is a candidate.
EXCLUSIONS: tuple[str, ...] = ("candidate", "excluded_by_you", "blocked", "needs_premises", "no_fit", "too_little_reach", "closed", "needs_host", "ads_banned")
#: A channel that runs on another's account (``runs_on``) cannot be used when that account is excluded by the
#: organisation, blocked in every target market, or closed to it: the Hanoi cafe excluding Facebook was given
#: Messenger's ads, which run from a Facebook Page.
_HOST_LOST = (EXCLUSIONS.index("excluded_by_you"), EXCLUSIONS.index("blocked"), EXCLUSIONS.index("closed"))
#: An organisation of these sectors publishes its own work on the media it runs (``Catalog.own_medium``: a
#: podcaster's podcast, a writer's newsletter, blog or Substack): its product, not a channel it is marketed on. The plan
#: keeps them at the levels given even with ``may_drop_accounts``, lowers them last where the budget is short, and
#: markets them on the other channels (review 31: a Brussels podcaster was told that keeping her podcast cost 56 % of
#: the plan's value and that a Facebook page would serve her better).
OWN_MEDIA_SECTORS: tuple[str, ...] = ("media_and_entertainment",)
#: A channel must reach at least this share of the target people to be picked (unless included or an
#: account the organisation keeps): a judgement that below 2 % a channel cannot carry a goal.
MIN_REACH = 0.02
#: A channel whose fit for the sectors the goals address is below this does not serve them (a property
#: portal for a wedding planner, a marketplace for a law firm): a judgement, the fit scale's "serves it badly".
MIN_SECTOR_FIT = 0.1

#: Stands for log(0): finite, so that a zero weight times it is exactly 0, and exp of any positive
#: multiple of it is exactly 0.
LOG_ZERO = -1e300


@dataclass(frozen=True)
class Scores:
    """Scorer output for P profiles and C channels.

    Attributes
    ----------
    criteria
        ``(P, C, len(CRITERIA))`` criteria values in 0..1 (``None`` when scored without breakdown).
    score
        ``(P, C)`` fit score in 0..1 (weighted geometric mean of all criteria).
    fit_without_goals
        ``(P, C)`` the same mean without the goals criterion: how well the channel fits the
        organisation whatever it is used for; the optimiser multiplies it by goal affinities
        (``None`` when scored without breakdown).
    """

    criteria: np.ndarray | None
    score: np.ndarray
    fit_without_goals: np.ndarray | None
    reach: np.ndarray  # (P, C) the reach criterion, always computed: eligibility needs it


def age_overlap(age_min: int, age_max: int) -> np.ndarray:
    """Share of each of :data:`AGE_BANDS` inside ``[age_min, age_max]`` (ages uniform within a band)."""
    return np.array(
        [max(0, min(last, age_max) - max(first, age_min) + 1) / (last - first + 1) for _, first, last in AGE_BANDS]
    )


def _home_market(profile: Profile, cat: Catalog) -> str:
    """Where the organisation's premises are taken to be: ``based_in`` when the profile gives it, a target market or
    not (a Dubai broker selling to British, Indian and Russian buyers has its office in Dubai, and its maps listing
    reaches none of them); else the target market whose currency the budget is in (a Chilean winery budgets in CLP,
    whatever share of its sales goes to the US), the largest of them by weight, else the largest market by weight;
    ties go to the market listed first."""
    if profile.based_in is not None:
        return profile.based_in
    by_weight = sorted(profile.markets, key=lambda k: -profile.markets[k])  # stable: the first listed wins a tie
    local = [k for k in by_weight if cat.country_rows[k].currency == profile.budget.currency]
    return (local or by_weight)[0]


def member_sector(profile: Profile, cat: Catalog) -> str:
    """The sector whose members-only networks the organisation may join besides its own: ``nonprofit`` for a
    nonprofit organisation of another sector (a Helsinki children's theatre, in media and entertainment, was shut out
    of Google Ad Grants, which takes charities of every field), else its own sector."""
    if profile.kind == "nonprofit" and "nonprofit" in cat.index["sectors"]:
        return "nonprofit"
    return profile.sector


def advertiser_country(profile: Profile, cat: Catalog, home: str) -> str | None:
    """Where the organisation is based, for the channels closed to some countries' organisations (it buys its ads
    from there, and opens its accounts there): ``based_in`` when the profile gives it; else its ``home`` market when
    the budget is in that market's currency, else the one catalog country whose currency the budget is in (a Moscow
    firm budgeting in RUB for Kazakhstan only); None when that currency is shared (EUR) and no market uses it."""
    if profile.based_in is not None:
        return profile.based_in
    if cat.country_rows[home].currency == profile.budget.currency:
        return home
    using = [k for k in cat.countries if cat.country_rows[k].currency == profile.budget.currency]
    return using[0] if len(using) == 1 else None


#: Formats an organisation makes because it makes another: whoever writes articles writes short posts (a
#: furniture maker listing only "article" was told Google Ads needs text).
IMPLIED_FORMATS: dict[str, tuple[str, ...]] = {"article": ("text",)}


def encode(profiles: Sequence[Profile], cat: Catalog) -> ProfileArrays:
    """Encode validated profiles as the arrays :func:`score` reads."""
    n = len(profiles)
    market_weights = np.zeros((n, len(cat.countries)))
    goal_weights = np.zeros((n, len(cat.goals)))
    formats = np.zeros((n, len(cat.formats)), dtype=bool)
    channel_sets = {name: np.zeros((n, len(cat.channels)), dtype=bool) for name in ("include", "exclude", "present_on")}
    present_level = np.full((n, len(cat.channels)), -1, dtype=np.int8)
    home_market = np.zeros(n, dtype=np.intp)
    base_market = np.zeros(n, dtype=np.intp)
    closed = np.zeros((n, len(cat.channels)), dtype=bool)
    ad_ban_share = np.zeros(n)
    no_account: dict[str, list[str]] = {}  # country -> channels that take no account from organisations based there
    no_ads: dict[str, list[str]] = {}  # country -> search-ad channels that sell no ads to organisations based there
    for (channel, country), row in cat.closed_rows.items():
        if row.closes == "all":
            no_account.setdefault(country, []).append(channel)
        elif row.closes == "ads" and cat.ads_only[cat.index["channels"][channel]]:
            no_ads.setdefault(country, []).append(channel)
    countries, goals, fmt_index = cat.index["countries"], cat.index["goals"], cat.index["formats"]
    channels = cat.index["channels"]
    for p, profile in enumerate(profiles):
        for country, weight in profile.markets.items():
            market_weights[p, countries[country]] = weight
        for goal, weight in profile.goals.items():
            goal_weights[p, goals[goal]] = weight
        for fmt in profile.formats:
            formats[p, fmt_index[fmt]] = True
            for implied in IMPLIED_FORMATS.get(fmt, ()):
                if implied in fmt_index:  # a custom catalog may lack the format
                    formats[p, fmt_index[implied]] = True
        for name, flags in channel_sets.items():
            for channel in getattr(profile, name):
                flags[p, channels[channel]] = True
        for channel, level in profile.present_on.items():
            if level is not None:
                present_level[p, channels[channel]] = LEVELS.index(level)
        home = _home_market(profile, cat)
        home_market[p] = countries[home]
        based = advertiser_country(profile, cat, home)
        base_market[p] = countries[based or home]
        for channel in no_account.get(based, ()):
            if channel not in profile.present_on:  # one it runs already (through a partner) stays
                closed[p, channels[channel]] = True
        for channel in no_ads.get(based, ()):  # an account of nothing but ads is of no use without them
            closed[p, channels[channel]] = True
        ban = cat.ad_ban_rows.get((profile.sector, cat.countries[base_market[p]]))
        if ban is not None:
            ad_ban_share[p] = 1.0 if ban.aimed_at == "everywhere" else market_weights[p, countries[ban.country]]
    overlap = np.array([age_overlap(*p.audience.age) for p in profiles]).reshape(n, len(AGE_BANDS))
    # the target people: each market's people of the target ages, each band weighted by its population
    people = market_weights[:, :, None] * cat.population_bands[None, :, :] * overlap[:, None, :]
    in_market = (cat.population_bands[None, :, :] * overlap[:, None, :]).sum(axis=2, keepdims=True)
    people = np.divide(people, in_market, out=np.zeros_like(people), where=in_market > 0)
    sector_mix, reach_sectors = _goal_sectors(profiles, cat)
    audience = {row.id: row.audience for row in cat.vocabulary_rows["goals"]}  # type: ignore[attr-defined]
    customer_weight = np.array([sum(w for g, w in p.goals.items() if audience[g] == "customers") for p in profiles]).reshape(n)
    return ProfileArrays(
        market_weights=market_weights,
        age_overlap=overlap,
        target_people=people.reshape(n, -1),
        home_market=home_market,
        base_market=base_market,
        closed=closed,
        ad_ban_share=ad_ban_share,
        gender=np.array([GENDERS.index(p.audience.gender) for p in profiles], dtype=np.int8),
        professionals=np.array([p.audience.professionals for p in profiles], dtype=bool),
        goal_weights=goal_weights,
        sector=np.array([cat.index["sectors"][p.sector] for p in profiles], dtype=np.intp),
        member_sector=np.array([cat.index["sectors"][member_sector(p, cat)] for p in profiles], dtype=np.intp),
        sector_mix=sector_mix,
        reach_sectors=reach_sectors,
        customer_weight=customer_weight,
        formats=formats,
        model=np.array([MODELS.index(p.model) for p in profiles], dtype=np.int8),
        criteria_weights=np.array([[p.criteria[c] for c in CRITERIA] for p in profiles]).reshape(n, len(CRITERIA)),
        premises=np.array([p.has_premises(cat) for p in profiles], dtype=bool),
        include=channel_sets["include"],
        exclude=channel_sets["exclude"],
        present=channel_sets["present_on"],
        present_level=present_level,
        keep_present=np.array([not p.may_drop_accounts for p in profiles], dtype=bool),
    )


def _goal_sectors(profiles: Sequence[Profile], cat: Catalog) -> tuple[np.ndarray, np.ndarray]:
    """Whose sector each goal addresses, weighted by the goals: ``(sector_mix, reach_sectors)``.

    A goal that addresses the customers (goal audience ``customers``) addresses the sectors the
    profile names in ``audience.sectors`` (its buyers), else the organisation's own sector for sector
    fit and people in general for reach; recruiting (``own_sector``) addresses the organisation's own
    sector. Reach among a sector's professionals is counted for recruiting, and for the customers'
    goals when the audience is professionals of named sectors.
    """
    sectors = cat.index["sectors"]
    audience = {row.id: row.audience for row in cat.vocabulary_rows["goals"]}  # type: ignore[attr-defined]
    sector_mix = np.zeros((len(profiles), len(cat.sectors)))
    reach_sectors = np.zeros_like(sector_mix)
    for p, profile in enumerate(profiles):
        own, buyers = sectors[profile.sector], [sectors[s] for s in profile.audience.sectors]
        for goal, weight in profile.goals.items():
            if audience[goal] == "own_sector":
                sector_mix[p, own] += weight
                reach_sectors[p, own] += weight
            elif buyers:
                sector_mix[p, buyers] += weight / len(buyers)
                if profile.audience.professionals:
                    reach_sectors[p, buyers] += weight / len(buyers)
            else:
                sector_mix[p, own] += weight
    return sector_mix, reach_sectors


def weighted_geometric_mean(logs: Sequence[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """``exp(sum_k w_k log x_k)`` for ``(P, C)`` logs of the criteria and ``(P, K)`` weights summing to 1.

    ``log 0`` must be given as :data:`LOG_ZERO` (finite), so a criterion with weight 0 drops out
    (``0 * LOG_ZERO == 0``) and a zero value with positive weight still gives 0. Terms are added in
    a fixed order, so a row's result does not depend on the batch around it.
    """
    total = np.zeros(logs[0].shape)
    for k, log in enumerate(logs):
        total = total + weights[:, k, None] * log
    return np.exp(total)


def score(arrays: ProfileArrays, cat: Catalog, goal_affinity: np.ndarray | None = None, breakdown: bool = True) -> Scores:
    """Score every channel for every encoded profile.

    Parameters
    ----------
    arrays
        Encoded profiles, see :func:`encode`.
    cat
        The catalog.
    goal_affinity
        ``(C, G)`` or ``(P, C, G)`` affinities to use instead of the catalog's in each profile's markets
        (evidence-adjusted).
    breakdown
        Also return the per-criterion values and the fit without goals (the optimiser needs both);
        ranking-only callers skip them.

    Returns
    -------
    Scores
    """
    values = [np.clip(criterion.formula(arrays, cat, goal_affinity), 0.0, 1.0) for criterion in REGISTRY]
    logs = [np.log(v, out=np.full(v.shape, LOG_ZERO), where=v > 0) for v in values]
    weights = arrays.criteria_weights
    fit = weighted_geometric_mean(logs, weights)
    if not breakdown:
        return Scores(criteria=None, score=fit, fit_without_goals=None, reach=values[CRITERIA.index("reach")])
    goal_index = CRITERIA.index("goals")
    other = np.delete(weights, goal_index, axis=1)
    total = other.sum(axis=1, keepdims=True)
    other = np.divide(other, total, out=np.zeros_like(other), where=total > 0)
    fit_without_goals = weighted_geometric_mean(logs[:goal_index] + logs[goal_index + 1 :], other)
    criteria = np.stack(values, axis=-1)
    return Scores(criteria=criteria, score=fit, fit_without_goals=fit_without_goals, reach=values[CRITERIA.index("reach")])


def dominated(criteria: np.ndarray) -> np.ndarray:
    """``(n,)`` for ``(n, K)`` criteria: the index of a row that dominates each row (at least as good on every
    criterion, better on one; the first such row), or -1."""
    if not len(criteria):
        return np.full(0, -1)
    # dominates[i, j]: row j is at least as good as row i on every criterion and better on one
    dominates = (criteria[None, :, :] >= criteria[:, None, :]).all(axis=2) & (criteria[None, :, :] > criteria[:, None, :]).any(axis=2)
    return np.where(dominates.any(axis=1), dominates.argmax(axis=1), -1)


def holds_account(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)``: whether the organisation may hold an account on each channel: any channel but a members-only one,
    which takes only its own sectors (:func:`member_sector`: a nonprofit of any field joins the networks for
    nonprofits)."""
    return (cat.account_sectors[:, arrays.sector] | cat.account_sectors[:, arrays.member_sector]).T


def kept_accounts_mask(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)`` the accounts already run that the plan keeps: all of them unless ``may_drop_accounts``, and a media
    organisation's own media whatever it says (:data:`OWN_MEDIA_SECTORS`, ``Catalog.own_medium``)."""
    media = np.isin(arrays.sector, [cat.index["sectors"][s] for s in OWN_MEDIA_SECTORS if s in cat.index["sectors"]])
    return arrays.present & (arrays.keep_present[:, None] | (media[:, None] & cat.own_medium[None, :]))


def own_media(profile: Profile, cat: Catalog) -> list[str]:
    """The accounts ``profile`` already runs on which, as a media organisation, it publishes its own work (see
    :func:`kept_accounts_mask`), in catalog order."""
    if profile.sector not in OWN_MEDIA_SECTORS:
        return []
    return [channel for channel, own in zip(cat.channels, cat.own_medium) if own and channel in profile.present_on]


def lists_without_premises(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)`` the channels that need premises but list a profile's organisation without them: tours start at meeting
    points, so a directory of the places of a sector whose customers travel lists its organisations (a Lima tour
    operator lost the Tripadvisor account it runs, where Viator needs no premises, review 35)."""
    return cat.vertical_sectors[:, arrays.sector].T & cat.sector_visitors_travel[arrays.sector][:, None]


def lists_elsewhere(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)`` the listings that would list a profile's place but do not run where it is: a national service
    (:attr:`~channelfit.data.Catalog.national`) that needs premises, of another country than the home market, where the
    premises are taken to be (a Philippine dive resort targeting Korea was offered Naver Place, review 35). A listing
    with rows in several countries may run where it has none (Expedia in the Philippines, Wolt in Hungary): the catalog
    then has no figure there, and says so."""
    return _lists_elsewhere(arrays, cat, lists_without_premises(arrays, cat))


def _lists_elsewhere(arrays: ProfileArrays, cat: Catalog, listed: np.ndarray) -> np.ndarray:
    """:func:`lists_elsewhere` given :func:`lists_without_premises` (``listed``), which :func:`exclusions` reads too."""
    at_home = cat.reach[:, arrays.home_market].T > 0
    has_place = arrays.premises[:, None] | listed
    return (cat.needs_premises & cat.national)[None, :] & has_place & ~at_home


def asked_for(arrays: ProfileArrays, cat: Catalog) -> np.ndarray:
    """``(P, C)`` the channels a profile asks for: those it includes and the accounts it keeps (:func:`kept_accounts_mask`).
    They are exempt from the fit and reach exclusions, and in the mix because the profile says so."""
    return arrays.include | kept_accounts_mask(arrays, cat)


def ads_banned_everywhere(arrays: ProfileArrays) -> np.ndarray:
    """``(P,)`` whether the law bans the sector's paid promotion in every target market (``sector_ad_bans.csv``)."""
    return arrays.ad_ban_share >= 1.0 - 1e-9


def exclusions(arrays: ProfileArrays, cat: Catalog, scores: Scores) -> np.ndarray:
    """``(P, C)`` codes into :data:`EXCLUSIONS`: 0 for candidates, else the first reason that applies.

    In order of precedence: excluded by the user; blocked in every target market; needs premises
    the organisation does not have; scores 0, fits the sectors below :data:`MIN_SECTOR_FIT`, or is
    members-only for other sectors than the organisation's (a vendor cannot hold a Doximity account); takes no
    account (or, a search-ad account, no ads) from organisations of its country or kind, or sells nothing but ads
    the law bans in every target market (``ads_banned``) (both said only of a channel that would otherwise fit);
    reaches less than :data:`MIN_REACH` of the target people. Included channels, and accounts the
    organisation keeps, are exempt from the last two. A channel not itself excluded by the user, blocked or closed
    is marked as needing its host's account (``needs_host``) when that account is.
    """
    targets = (arrays.market_weights > 0).astype(float)
    open_markets = targets @ (cat.availability != 2).T.astype(float)
    protected = asked_for(arrays, cat)
    code = np.zeros(scores.score.shape, dtype=np.int8)
    code[(scores.reach < MIN_REACH) & ~protected] = EXCLUSIONS.index("too_little_reach")
    fit = sector_fit(arrays, cat)
    code[((scores.score <= 0.0) | (fit < MIN_SECTOR_FIT) | ~holds_account(arrays, cat)) & ~protected] = EXCLUSIONS.index("no_fit")
    # closed to the organisation only where it would otherwise fit: a Lisbon SaaS read "not open to you: CanadaHelps"
    code[arrays.closed & (code != EXCLUSIONS.index("no_fit"))] = EXCLUSIONS.index("closed")
    code[cat.ads_only[None, :] & ads_banned_everywhere(arrays)[:, None] & (code != EXCLUSIONS.index("no_fit"))] = EXCLUSIONS.index("ads_banned")
    listed = lists_without_premises(arrays, cat)
    code[cat.needs_premises[None, :] & ~arrays.premises[:, None] & ~listed] = EXCLUSIONS.index("needs_premises")
    code[_lists_elsewhere(arrays, cat, listed)] = EXCLUSIONS.index("needs_premises")
    code[open_markets == 0] = EXCLUSIONS.index("blocked")
    code[arrays.exclude] = EXCLUSIONS.index("excluded_by_you")
    hosted = np.flatnonzero(cat.host >= 0)
    if hosted.size:
        lost = np.isin(code[:, cat.host[hosted]], _HOST_LOST) & ~np.isin(code[:, hosted], _HOST_LOST)
        code[:, hosted] = np.where(lost, EXCLUSIONS.index("needs_host"), code[:, hosted])
    return code
