"""From the solutions to the plan a practitioner can act on, in the language asked for.

The planner receives every solution it needs (:class:`~channelfit.solutions.PlanSolutions`)
and never calls the optimiser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .criteria import CRITERIA, NEW_LIST_REACH_FACTOR, REGISTRY
from .explain import Explainer, money_figure, percent
from .plan import Account, Excluded, Kpi, MinimumBudget, Phase, PhaseChannel, Pick, Plan, RankedChannel, Reason, Totals
from .problem import (
    CLOSED_LEVELS,
    MIN_PICK_SHARE,
    SETUP_WEEKS,
    SPEND_TIERS,
    Choice,
    Problem,
    accounts_lowered,
    addresses_buyers,
    hired_cost,
    hired_hours,
    hours_beyond,
    mix_hours,
    mix_money,
    ordered_picks,
    sells_to_buyers,
    spend_curve,
    spend_floor,
    travelled_to,
)
from .routine import listening_setup, policy, roles, weekly_routine
from .scorer import EXCLUSIONS, asked_for, dominated, own_media
from .solutions import ACCOUNTS_COST_SHARE, EXPAND_SLOTS, MinimumBudgetSolution, PlanSolutions, Solved, least_promotion
from .tables import MarketRow, ReachBandRow
from .vocabulary import AVAILABILITY, GROW, LEVELS, LISTEN, MAINTAIN

__all__ = ["FOCUS_WEEKS", "build_plan"]

#: Length of the focus phase in weeks: one quarter, the period KPI targets are set for.
FOCUS_WEEKS = 12
#: Channels of the main market that the listening setup always covers, besides the picks.
_MARKET_LEADERS = 2
#: The sector fit a channel needs to be a listening place: the sector's customers must talk there, not
#: merely be present (a marketplace's 0.4 for health is supplements, not a dentist's patients).
_LISTEN_SECTOR_FIT = 0.5
#: The fit to the business model (b2b, b2c) a channel needs to be a listening place: a consumer school's customers do
#: not talk on a network of professionals (TenChat). A judgement, the middle of the scale.
_LISTEN_MODEL_FIT = 0.5
#: The affinity to a goal a listening place needs to be listed for that goal: a judgement, the scale's "serves it somewhat".
_LISTEN_GOAL_AFFINITY = 0.3
#: The goals a marketplace is a listening place for: its public talk is product questions and reviews.
_COMMERCE_LISTENING_GOALS = frozenset({"sales", "customer_service"})

#: A market gets its own reach reason when it carries at least this share of the market weight (the largest
#: always does), up to :data:`_MARKET_REASONS_MAX` markets, the heaviest first, and the home market: a Milan tourism
#: office with 60 % of its audience in four markets of 15 % each read only Italy's reach under every pick. The
#: others are named together, with their share of the weight.
_MARKET_REASON_WEIGHT = 0.1
_MARKET_REASONS_MAX = 5
#: A target market of at least :data:`_MARKET_REASON_WEIGHT` of the weight is "barely reached" when no pick (owned
#: channels aside: they reach the organisation's own audience) reaches this share of its target people: an Istanbul
#: agency with Russia as 15 % of its market read nothing about it, though every pick was blocked there. A judgement.
_MARKET_GAP_REACH = 0.2
#: Weekly hours left under this are stated as none: no level of any channel takes so little.
_FEW_HOURS = 0.125
#: A goal counts as served by a pick when it brings at least this share of the pick's largest goal contribution.
_SERVED_SHARE = 0.25
#: ... and the pick's affinity to it is at least this, the scale's "serves it somewhat": a game studio's newsletter and
#: Facebook page carried job-applications KPIs at 0.2 (review 37). A goal no pick serves so is named as a gap.
_SERVED_AFFINITY = 0.3
_MAX_GOALS_PER_PICK = 3
_LISTEN_WEEKS_MIN = 4
#: A new channel's first weeks at its planned level are its KPIs' baseline: a new account has nothing to measure
#: before it posts, and "+30 % in 90 days" over an empty page means nothing (a judgement: one month of activity).
_BASELINE_WEEKS_NEW = 4
#: A pick whose monthly money grows more than this many times from its first weeks to the focus phase is measured
#: against its first weeks at the planned money (a judgement: a doubling is a new campaign, not the same one).
_RAMP_FACTOR = 2.0
#: The unspent money more hours would not spend either is named when it is at least this share of what is left (a
#: judgement: below it, the hours explain the money).
_UNSPENT_REST_SHARE = 0.05
#: Money left under this share of the budget is not put down to the hours: more hours for so little is no advice (a Cairo
#: restaurant read that 4.5 h/week more would spend its last 180 of 15,000 EGP, about 3 EUR). A judgement.
_UNSPENT_HOURS_MIN_SHARE = 0.02
#: Beside money no pick takes, the hours are named as what limits the plan, where the mix with more hours spends no
#: more, only when that mix is worth this much more (a judgement: below it the two plans are a tie at the catalog's
#: precision).
_MORE_HOURS_GAIN = 0.02


def _served_goals(problem: Problem, c: int, eff_row: np.ndarray, promoted: bool = False) -> list[int]:
    """The goals pick ``c`` serves, by contribution (goal weight times effectiveness): at most :data:`_MAX_GOALS_PER_PICK`,
    each at least :data:`_SERVED_SHARE` of the largest, where its affinity is at least :data:`_SERVED_AFFINITY` (the
    largest always). A pick with paid promotion also names the goal the money
    buys (the one promotion lifts that it serves most, at that affinity too) when none of those is one."""
    contribution = problem.goal_weights * eff_row
    if contribution.max() <= 0:
        return []
    order = np.argsort(-contribution, kind="stable")
    served = [int(g) for g in order[:_MAX_GOALS_PER_PICK] if contribution[g] >= _SERVED_SHARE * contribution.max()]
    served = [g for g in served if problem.affinity[c, g] >= _SERVED_AFFINITY] or served[:1]  # its main goal whatever its affinity
    lifts = problem.cat.goal_paid_lift
    if promoted and not lifts[served].any():
        bought = [int(g) for g in order if lifts[g] and contribution[g] > 0 and problem.affinity[c, g] >= _SERVED_AFFINITY]
        served = [*served[: _MAX_GOALS_PER_PICK - 1], *bought[:1]]
    return served


def _served_by_mix(problem: Problem, chosen: list[Choice]) -> list[list[int]]:
    """The goals each pick serves (:func:`_served_goals`), and every goal of the profile that the mix serves named
    by one pick: a goal that is each pick's minor one is given to the pick (above listen) contributing most to it,
    so that no goal the plan works for is left without a channel and a KPI (a SaaS's thought leadership was), where
    that pick's affinity to it is at least :data:`_SERVED_AFFINITY` (else the plan names the goal as a gap,
    :func:`_goal_gaps`)."""
    rows = [_effectiveness_row(problem, p.channel, p.level) for p in chosen]
    served = [_served_goals(problem, p.channel, row, promoted=p.extra_eur > 0) for p, row in zip(chosen, rows)]
    for g in np.flatnonzero(problem.goal_weights > 0).tolist():
        if any(g in goals for goals in served):
            continue
        contribution = [row[g] if LEVELS[p.level] != "listen" and problem.affinity[p.channel, g] >= _SERVED_AFFINITY else 0.0 for p, row in zip(chosen, rows)]
        if contribution and max(contribution) > 0:
            served[int(np.argmax(contribution))].append(g)
    return served


def _pick_reasons(problem: Problem, explainer: Explainer, c: int, level: int, served: list[int]) -> list[Reason]:
    cat, profile = problem.cat, problem.profile
    reasons: list[Reason] = []
    first, last = profile.audience.age
    in_sectors = [
        explainer.sector_reach(cat.channels[c], cat.sectors[s], "own_sector" if cat.sectors[s] not in profile.audience.sectors else "customers" if addresses_buyers(profile) else "audience_sector")
        for s in np.flatnonzero(problem.arrays.reach_sectors[0] > 0)
        if (cat.channels[c], cat.sectors[s]) in cat.sector_reach_rows
    ]
    near = problem.premises_markets if cat.needs_premises[c] else np.ones(len(cat.countries), dtype=bool)
    gendered = float(problem.gender_factor[c])
    heaviest = sorted(profile.markets, key=lambda country: -profile.markets[country])  # stable: ties in the order given
    stated = [country for rank, country in enumerate(heaviest) if rank == 0 or profile.markets[country] >= _MARKET_REASON_WEIGHT][:_MARKET_REASONS_MAX]
    home = cat.countries[int(problem.arrays.home_market[0])]
    if home in profile.markets and home not in stated:  # the home market is always stated: a Lima school never read Peru's figures
        stated.append(home)
    for country in stated:
        if near[cat.index["countries"][country]]:
            k = cat.index["countries"][country]
            share, row = market_reach(problem, c, k)
            share = min(share * gendered, 1.0)  # among the gender asked for, as the reach criterion counts it
            if cat.availability[c, k] == AVAILABILITY.index("blocked"):
                reasons.append(explainer.reason("blocked_in", country=country))
            elif share > 0 or not in_sectors:  # a vertical network's reach is stated among the sector's professionals
                reasons.append(explainer.reason("reach_unknown", country=country) if cat.reach_unknown[c, k] else explainer.reach(row, country, share, first, last, profile.audience.gender, owned=cat.channel_rows[c].orientation == "owned"))
            customers = cat.customer_reach_rows.get((cat.channels[c], profile.sector, country))
            if customers is not None and problem.arrays.customer_weight[0] > 0 and (customers.audience == "professionals") == profile.audience.professionals:
                reasons.append(explainer.customer_reach(cat.channels[c], profile.sector, country))  # what the reach criterion counts for customers
            if cat.availability[c, k] == 1:
                reasons.append(explainer.reason("restricted", country=country))
    unstated = [country for country in heaviest if country not in stated]
    if unstated:
        reasons.append(explainer.reason("reach_more", places=explainer.join(explainer.place(k) for k in unstated), pct=round(100 * sum(profile.markets[k] for k in unstated))))
    if not all(near[cat.index["countries"][k]] for k in profile.markets):  # a listing reaches the people near the premises
        key = "premises_home" if profile.based_in is None else "premises_based_in" if home in profile.markets else "premises_abroad"
        reasons.append(explainer.reason(key, country=home))
    reasons += in_sectors
    if cat.starts_empty[c] and not problem.arrays.present[0, c]:
        reasons.append(explainer.reason("new_list", pct=round(NEW_LIST_REACH_FACTOR * 100)))
    if profile.audience.professionals:
        reasons.append(explainer.audience_professionals(c))
    if profile.sector in cat.channel_rows[c].vertical_sector_list:
        reasons.append(explainer.reason("sector", "vertical", sector=explainer.word("sectors", profile.sector)))
    for g in served:
        reasons.append(explainer.goal(cat.goals[g], float(problem.affinity[c, g])))
    if not served and cat.channels[c] in profile.include and not problem.arrays.present[0, c]:
        # a Milan start-up's included TikTok sat at listen with no goal and no word on why (an account run says so in plan.accounts)
        reasons.append(explainer.reason("included_idle", level=explainer.word("levels", LEVELS[level])))
    row = cat.level_rows[(cat.channels[c], LEVELS[level])]
    reasons.append(
        explainer.reason(
            "level",
            source_id=row.source_id if row.basis == "source" else None,
            level=explainer.word("levels", LEVELS[level]),
            money=money_figure(problem.money[c, level] * problem.fx_per_eur),
            currency=profile.budget.currency,
            hours=round(row.weekly_hours, 2),
        )
    )
    click_cost = cat.sector_click_cost_rows.get(profile.sector)
    if click_cost is not None and cat.keyword_priced[c] and cat.level_auction[c, level]:  # why a lawyer's Google Ads costs more than a baker's
        reasons.append(explainer.click_cost(click_cost))
    commission = cat.commission_rows.get(cat.channels[c])
    binds = commission is not None and (not commission.sector_ids or profile.sector in commission.sector_ids)  # Trade Me's fee is Marketplace's
    if binds and (level > LISTEN or problem.selling_listings[c]):  # a live listing sells at listen too; a page that listens does not
        reasons.append(explainer.commission(commission))
    through = explainer.strings["words"]["promoted_through"].get(cat.channels[c])
    if level == GROW and through:  # a listing or an owned channel has no ads of its own: say whose ads its money buys
        reasons.append(explainer.reason("promoted_through", through=through))
    if problem.setup[c, level] == 0:
        reasons.append(explainer.reason("presence") if cat.channels[c] in profile.present_on else explainer.reason("setup", hours=0.0))
    else:
        reasons.append(explainer.reason("setup", hours=round(float(problem.setup[c, level]), 1)))
    closed = cat.closed_rows.get((cat.channels[c], problem.advertiser))
    takes_ads = bool((cat.level_buys_ads[c] | (cat.level_spend_scale_eur[c] > 0)).any())
    # levels the owner does not open to this organisation (an account it runs already is open)
    if closed is not None and (takes_ads if closed.closes == "ads" else closed.closes == "posting" and cat.level_offered[c, CLOSED_LEVELS["posting"]].any()):
        reasons.append(explainer.closed(cat.channel_rows[c].owner, str(problem.advertiser), closed))
    elif problem.ad_ban is not None and takes_ads and (problem.ads_banned_everywhere or problem.spend_scale[c, level] > 0 or cat.level_buys_ads[c, level]):
        reasons.append(explainer.ads_banned(problem.ad_ban, problem.ads_banned_everywhere))
    return reasons


def market_reach(problem: Problem, c: int, k: int) -> tuple[float, MarketRow | ReachBandRow]:
    """Channel ``c``'s reach among the target ages in market ``k`` (before any restriction), and the row to cite:
    the published band row that covers most of the target ages when published rows cover them all, else the market row."""
    cat = problem.cat
    weights = problem.arrays.target_people[0].reshape(len(cat.countries), -1)[k]
    weights = weights / weights.sum() if weights.sum() > 0 else weights
    share = float(weights @ cat.band_reach[c, k])
    channel, country = cat.channels[c], cat.countries[k]
    published = cat.reach_band_rows.get((channel, country), ())
    if published and float(weights @ cat.band_published[c, k]) >= 1.0 - 1e-9:
        first, last = problem.profile.audience.age
        overlap = lambda row: min(row.age_max, last) - max(row.age_min, first)  # noqa: E731
        return share, max(published, key=lambda row: (overlap(row), row.year or 0))
    return share, cat.market_row(channel, country)


def _baseline_weeks(first_level: int, level: int, listen_weeks: tuple[int, int]) -> tuple[int, int]:
    """The weeks whose measurement is a pick's KPI baseline: the last :data:`_BASELINE_WEEKS_NEW` of ``listen_weeks``
    (the first phase, or the weeks an added channel listens first) when the pick is active then (its ``first_level``, see :func:`_first_level`, is above
    listen: an account already run, a channel whose lowest level posts or advertises) or only listens; else, for a
    channel that starts at ``listen`` (a new page, an account run at listen that the plan raises), the
    :data:`_BASELINE_WEEKS_NEW` weeks after them."""
    if LEVELS[level] == "listen" or LEVELS[first_level] != "listen":
        # its last weeks, as long as a new channel's: a 12-week setup phase read "vs weeks 1-12" (review 20)
        return max(listen_weeks[0], listen_weeks[1] - _BASELINE_WEEKS_NEW + 1), listen_weeks[1]
    return listen_weeks[1] + 1, listen_weeks[1] + _BASELINE_WEEKS_NEW


def _kpis(problem: Problem, pick: Choice, served: list[int], weeks: tuple[int, int], paid_weeks: tuple[int, int]) -> list[Kpi]:
    """The KPIs of the goals a pick serves, their baseline taken in ``weeks`` (see :func:`_baseline_weeks`); a pick
    that only listens is measured on what it hears (the ``listening`` goal's KPI for its orientation), not on growth
    it cannot bring, and that measure counts for the main goal it serves (so the evidence adjusts that goal); a listing
    that sells at listen (:attr:`~channelfit.problem.Problem.selling_listings`), live but not promoted, is tracked on
    its goals' own counts (a B&B's Booking.com on bookings, not on reviews read), with no growth target but a rate's
    level (reviews answered). A pick
    whose money buys ads in an auction is also measured on the cost of a result for the first goal it serves that has
    one (``paid_kpis.csv``: cost per lead, return on ad spend), from the first weeks it buys them (``paid_weeks``,
    :func:`_kpi_weeks`): paid media is judged by the cost of a result before its volume (boosted posts included)."""
    cat = problem.cat
    c, level, extra = pick
    orientation = cat.channel_rows[c].orientation
    if LEVELS[level] == "listen" and not problem.selling_listings[c]:
        row = cat.kpi_rows.get(("listening", orientation))
        if row is None or not served:
            return []
        return [Kpi(goal=cat.goals[served[0]], kpi=row.kpi, unit=row.unit, direction=row.direction, target_change=row.target_change, target_level=row.target_level, baseline_weeks=weeks)]
    kpis: list[Kpi] = []
    for g in served:
        row = cat.channel_kpi_rows.get((cat.channels[c], cat.goals[g])) or cat.kpi_rows.get((cat.goals[g], orientation))
        if row is None:
            continue
        name = _sector_kpi(problem, row.kpi)
        if all(k.kpi != name for k in kpis):  # one count is measured once, for the goal it serves most
            change = 0.0 if LEVELS[level] == "listen" else row.target_change
            kpis.append(Kpi(goal=row.goal, kpi=name, unit=row.unit, direction=row.direction, target_change=change, target_level=row.target_level, baseline_weeks=weeks))
    if problem.money[c, level] + extra > 0 and cat.level_auction[c, level]:
        own = cat.channel_paid_kpi_rows.get(cat.channels[c])  # a newsletter's money buys sign-ups, whatever goal they serve
        if own is not None and served:
            kpis.append(Kpi(goal=cat.goals[served[0]], kpi=_sector_kpi(problem, own.kpi), unit=own.unit, direction=own.direction, target_change=own.target_change, baseline_weeks=paid_weeks))
        elif (cost := next((cat.paid_kpi_rows[cat.goals[g]] for g in served if cat.goals[g] in cat.paid_kpi_rows), None)) is not None:
            kpis.append(Kpi(goal=cost.goal, kpi=_sector_kpi(problem, cost.kpi), unit=cost.unit, direction=cost.direction, target_change=cost.target_change, baseline_weeks=paid_weeks))
    return kpis


def _sector_kpi(problem: Problem, kpi: str) -> str:
    """``kpi`` as the profile's sector names it (``sector_kpis.csv``): a hotel's orders are bookings, its cost per
    call or route request a cost per booking."""
    renamed = problem.cat.sector_kpi_rows.get((problem.profile.sector, kpi))
    return kpi if renamed is None else renamed.kpi


def _kpi_weeks(problem: Problem, first: Choice, pick: Choice, listen_weeks: tuple[int, int], start: int = 1) -> tuple[tuple[int, int], tuple[int, int]]:
    """A pick's baseline weeks (:func:`_baseline_weeks` of its ``first`` level and its planned level) and those of
    its cost of a result: the same when it buys ads in them (an always-on search campaign already run, a new
    channel's first weeks after listening), else the :data:`_BASELINE_WEEKS_NEW` weeks after them (an organic page
    promoted from the focus phase had its cost per lead measured against weeks without ads). A pick whose money in
    the focus phase is more than :data:`_RAMP_FACTOR` times its first weeks' (none included) takes every baseline in
    the weeks after them, at its planned money: a Dhaka exporter's leads were to grow 20 % over weeks run at 42 USD a
    month, against 1,200 from week 13, a target the money alone would meet. Both rules read where the baseline ends,
    not how long the first weeks last: with eight of them, a Prague firm's leads were measured in weeks 5-8 at a
    fifteenth of its planned search money, and a Karachi shop's return on ad spend in weeks without ads (review 35).
    A campaign that starts spending in week ``start`` (:func:`_setup_schedule`) is measured in the first phase's last
    weeks when it runs in all of them, else in the weeks after the phase."""
    first_money = problem.money[first.channel, first.level] + first.extra_eur  # a boosted page's money is all extra
    planned_money = problem.money[pick.channel, pick.level] + pick.extra_eur
    weeks = _baseline_weeks(first.level, pick.level, listen_weeks)
    if problem.arrays.present[0, pick.channel] and first.level == pick.level and abs(planned_money - first_money) <= 1e-6 * max(1.0, planned_money):
        # an account run already, at the level and money the plan keeps: its baseline is now, not the end of a long first
        # phase (a Kyiv restaurant's Facebook, Instagram and Telegram read "vs weeks 9-12" of a 12-week one, review 36)
        weeks = (listen_weeks[0], min(listen_weeks[1], listen_weeks[0] + _BASELINE_WEEKS_NEW - 1))
    if weeks[0] < start:  # its first weeks are its learning, as a new channel's: the weeks after the phase
        weeks = (listen_weeks[1] + 1, listen_weeks[1] + _BASELINE_WEEKS_NEW)
    within = weeks[1] <= listen_weeks[1]  # measured in the first weeks, not after them
    ramps = planned_money > _RAMP_FACTOR * first_money
    if within and LEVELS[pick.level] != "listen" and ramps:
        weeks, within = (listen_weeks[1] + 1, listen_weeks[1] + _BASELINE_WEEKS_NEW), False
    spends = first_money > 0 and problem.cat.level_auction[first.channel, first.level]
    if spends or not within:
        return weeks, weeks
    return weeks, (weeks[1] + 1, weeks[1] + _BASELINE_WEEKS_NEW)


def _named_at_levels(explainer: Explainer, picks: Iterable[Choice]) -> str:
    """``picks`` as the plan's sentences name a mix: each channel with its level ("Facebook (grow)")."""
    return explainer.join(explainer.tagged(explainer.channel_name(p.channel), explainer.word("levels", LEVELS[p.level])) for p in picks)


def _phase_channels(problem: Problem, picks: list[Choice], starts: dict[int, int] | None = None) -> list[PhaseChannel]:
    """``picks`` as a phase lists them; ``starts``: the week each starts spending, where not the phase's first."""
    starts = starts or {}
    return [PhaseChannel(channel=problem.cat.channels[p.channel], level=LEVELS[p.level], from_week=starts.get(p.channel)) for p in picks]



def _target(explainer: Explainer, channel: int, kpi: Kpi) -> str:
    if kpi.target_level is not None:  # a bounded rate: a level to reach, not a change
        return explainer.text("plan", "target_level", kpi=explainer.word("kpis", kpi.kpi), channel=explainer.channel_name(channel), pct=percent(kpi.target_level))
    if not kpi.target_change:  # a listening KPI is tracked, with no target to reach
        return explainer.text("plan", "target_tracked", kpi=explainer.word("kpis", kpi.kpi), channel=explainer.channel_name(channel))
    first, last = kpi.baseline_weeks
    return explainer.text(
        "plan",
        "target",
        kpi=explainer.word("kpis", kpi.kpi),
        channel=explainer.channel_name(channel),
        sign="+" if kpi.direction == "up" else "\u2212",  # a minus sign, not a hyphen
        pct=percent(abs(kpi.target_change)),
        first=first,
        last=last,
    )


def _phase(
    problem: Problem, name: str, first_week: int, last_week: int, mix: list[Choice], weekly_hours: float, targets: list[str], note: str, starts: dict[int, int] | None = None
) -> Phase:
    """A phase running ``mix``: its money from the mix (each channel's from the week it starts, ``starts``, counted
    whole), its hours as given (setup spread included where due)."""
    money = mix_money(problem, mix)
    return Phase(
        name=name,  # type: ignore[arg-type]
        first_week=first_week,
        last_week=last_week,
        channels=_phase_channels(problem, mix, starts),
        monthly_cost=money * problem.fx_per_eur,
        monthly_cost_eur=money,
        weekly_hours=weekly_hours,
        **_hired(problem, weekly_hours),
        kpi_targets=targets,
        note=note,
    )


def _first_level(problem: Problem, pick: Choice) -> Choice:
    """Where ``pick`` runs while baselines are recorded: a new channel at its lowest level, without promotion (at its
    planned level with its promotion when that is its lowest); an
    account already run at its planned level, or at the level it runs now when the plan raises it (a Dubai group's
    Tripadvisor went from listen to paid in week 1, before any baseline); at maintain when the profile does not
    say its level and the plan promotes it."""
    offered = np.flatnonzero(problem.offered[pick.channel])
    if not problem.arrays.present[0][pick.channel]:
        # a new campaign with no level below its own runs as planned: nothing to listen to, and a setup phase of up to
        # a quarter held back a Warsaw school's promotion (963 of 3,000 PLN spent for 13 weeks)
        return pick if int(offered[0]) == pick.level else Choice(pick.channel, int(offered[0]), 0.0)
    now = int(problem.arrays.present_level[0, pick.channel])
    if now < 0:
        now = MAINTAIN if pick.level == GROW else pick.level
    if now >= pick.level:
        return pick  # kept or lowered: the plan's level from the first week (an account is never silenced)
    return Choice(pick.channel, int(offered[offered <= now].max(initial=offered[0])), 0.0)


def _setup_hours(problem: Problem, picks: list[Choice]) -> float:
    """The picks' setup hours, once (0 for an account already run)."""
    return float(sum(problem.setup[p.channel, p.level] for p in picks))


def _weekly_hours_held(problem: Problem, picks: list[Choice]) -> float:
    """The weekly hours the plan has for ``picks``: the budget's, and those it hires for them (setup included)."""
    return problem.profile.budget.weekly_hours + hired_hours(problem, picks)


def _hired(problem: Problem, weekly_hours: float) -> dict[str, float]:
    """The hired hours of a phase or a role needing ``weekly_hours`` beyond the budget's, and their monthly cost in
    the profile's currency, as the fields of :class:`~channelfit.plan.Phase`; none without an hourly rate."""
    if problem.hired_hour_eur is None:
        return {}
    hours = hours_beyond(problem, weekly_hours)
    return {"hired_weekly_hours": hours, "hired_monthly_cost": hours * problem.hired_hour_eur * problem.fx_per_eur}


@dataclass(frozen=True)
class _Setup:
    """The first phase's schedule (:func:`_setup_schedule`)."""

    weeks: int  # how long the phase lasts
    weekly_hours: float  # its hours a week on average, setup included
    starts: dict[int, int]  # the week each campaign set up first starts spending, where that is not the first, in setup order


def _campaigns(problem: Problem, picks: list[Choice], first_levels: list[Choice]) -> list[Choice]:
    """The new picks that spend from the first phase at their planned level (a search campaign: no level below its
    own) and need setting up, the most money first: they spend nothing until set up."""
    campaigns = [
        p
        for p, first in zip(picks, first_levels)
        if first == p and not problem.arrays.present[0][p.channel] and problem.money[p.channel, p.level] + p.extra_eur > 0 and problem.setup[p.channel, p.level] > 0
    ]
    return sorted(campaigns, key=lambda p: (-(problem.money[p.channel, p.level] + p.extra_eur), p.channel))


def _setup_schedule(problem: Problem, picks: list[Choice], first_levels: list[Choice]) -> _Setup:
    """How long the first phase lasts, its hours and when its campaigns start. The campaigns
    (:func:`_campaigns`) are set up first, with the hours they will take to run and those the picks'
    ``first_levels`` leave, one after the other; each starts spending in the week its setup ends. The other setup
    follows in the hours left. The phase lasts :data:`_LISTEN_WEEKS_MIN` weeks, or until the setup is done (at most
    :data:`~channelfit.problem.SETUP_WEEKS`), in the hours the budget holds and those the plan hires. An Accra shop's
    search ads had spent 5,706 GHS a month from week 1 while their 6 setup hours were spread over a 12-week phase at
    half an hour a week (review 36)."""
    running = mix_hours(problem, first_levels)
    spare = _weekly_hours_held(problem, picks) - running
    setup_total = _setup_hours(problem, picks)
    if setup_total <= 0:
        return _Setup(_LISTEN_WEEKS_MIN, running, {})
    campaigns = _campaigns(problem, picks, first_levels)
    pool = spare + mix_hours(problem, campaigns)  # a campaign's own hours go to its setup until it runs
    done = 0.0  # weeks of setup so far
    idle = 0.0  # hours the campaigns do not run while set up
    ends: dict[int, float] = {}
    for p in campaigns:
        done = done + problem.setup[p.channel, p.level] / pool if pool > 0 else float(SETUP_WEEKS)
        hours = mix_hours(problem, [p])
        idle += hours * done
        pool -= hours
        ends[p.channel] = done
    rest = setup_total - _setup_hours(problem, campaigns)
    if rest > 0:
        done = done + rest / spare if spare > 0 else float(SETUP_WEEKS)
    weeks = min(SETUP_WEEKS, max(_LISTEN_WEEKS_MIN, math.ceil(min(done, SETUP_WEEKS) - 1e-9)))
    # the week in which its setup ends: within the first, it runs from the first
    starts = {c: min(weeks, math.floor(end - 1e-9) + 1) for c, end in ends.items() if end > 1 + 1e-9}
    return _Setup(weeks, running + max(0.0, setup_total - idle) / weeks, starts)


def _listen_and_set_up(problem: Problem, picks: list[Choice], first_levels: list[Choice], explainer: Explainer, kpis: dict[int, list[Kpi]], setup: _Setup) -> Phase:
    """Every pick at its first level (:func:`_first_level`) while the new ones are set up, as ``setup`` schedules it.
    Baselines are recorded where there is something to measure: a new channel's come after (its KPIs say when)."""
    weeks = setup.weeks
    baseline = [
        explainer.text("plan", "baseline", kpi=explainer.word("kpis", k.kpi), channel=explainer.channel_name(p.channel))
        if k.baseline_weeks[1] <= weeks
        else explainer.text("plan", "baseline_new", kpi=explainer.word("kpis", k.kpi), channel=explainer.channel_name(p.channel), first=k.baseline_weeks[0], last=k.baseline_weeks[1])
        for p in picks
        for k in kpis[p.channel]
    ]
    recorded_now = any(k.baseline_weeks[1] <= weeks for p in picks for k in kpis[p.channel])
    # accounts already run carry on: an Athens hotel read "follow and search before posting" beside 1,500 EUR of boosts
    new = [p for p in picks if not problem.arrays.present[0][p.channel]]
    key = "_running" if not new else "_mixed" if len(new) < len(picks) else "" if recorded_now or not baseline else "_new"
    if key == "_running" and all(f.level == p.level and f.extra_eur == p.extra_eur for f, p in zip(first_levels, picks)):
        key = "_running_same"  # nothing changes in the focus phase: no "other changes" to announce
    if key == "_mixed" and all(f.level == p.level for f, p in zip(first_levels, picks)):
        # nothing listens first: a Karachi shop read "open the new accounts and follow and search there before posting"
        # for one new search campaign beside the accounts it runs
        key = "_set_up"
    if key in ("", "_new", "_mixed") and new and all(problem.cat.channel_rows[p.channel].orientation == "directory" for p in new):
        # a maps or review listing is opened with its details and answers reviews: an Auckland plumber was told to
        # "follow and search before posting" on his Google profile and NoCowboys (review 37)
        key = ("_mixed" if key == "_mixed" else "") + "_listings"
    first = list(setup.starts)  # the campaigns set up first, in the order they are set up
    if key == "_set_up" and first:  # not "in the hours the mix leaves": a campaign set up first takes its own too
        key = "_set_up_first"
    names = explainer.join(explainer.channel_name(p.channel) for p in new)
    note = explainer.text("plan", "note_listen_and_set_up" + key, channels=names, hours=_setup_hours(problem, new))
    if len(first) == 1:
        note += "; " + explainer.text("plan", "note_campaign_first", channel=explainer.channel_name(first[0]), week=setup.starts[first[0]])
    elif first:
        note += "; " + explainer.text("plan", "note_campaigns_first", channels=explainer.join(explainer.channel_name(c) for c in first))
    return _phase(problem, "listen_and_set_up", 1, weeks, first_levels, setup.weekly_hours, baseline, note, setup.starts)


def _focus(problem: Problem, picks: list[Choice], explainer: Explainer, kpis: dict[int, list[Kpi]], first_week: int) -> Phase:
    targets = [_target(explainer, p.channel, k) for p in picks for k in kpis[p.channel]]
    return _phase(problem, "focus", first_week, first_week + FOCUS_WEEKS - 1, picks, mix_hours(problem, picks), targets, explainer.text("plan", "note_focus"))


def _room_after_focus(expand: Solved) -> bool:
    """Whether some channel the expand phase may add fits, at some level, the money and hours the focus picks (its
    forced picks) leave: when none is added although one fits, it would add too little, not cost too much."""
    instance, levels = expand.instance, np.asarray(expand.solution.levels, dtype=np.intp)
    forced = np.flatnonzero(instance.forced)
    money_left = instance.monthly_budget_eur - float(instance.monthly_cost_eur[forced, levels[forced]].sum())
    hours_left = instance.weekly_hours_budget - float(instance.weekly_hours[forced, levels[forced]].sum())
    free = ~np.asarray(instance.forced)
    fitting = instance.offered[free] & (instance.monthly_cost_eur[free] <= money_left + 1e-9) & (instance.weekly_hours[free] <= hours_left + 1e-9)
    return bool(fitting.any())


def _expand(problem: Problem, expand: Solved, picks: list[Choice], explainer: Explainer, first_week: int) -> Phase:
    """The focus picks (set up already) plus what the expand solution adds within the same budget."""
    chosen = ordered_picks(problem, expand.solution.levels, expand.extra_eur)
    kept = {p.channel for p in picks}
    added = [p for p in chosen if p.channel not in kept]
    hours = mix_hours(problem, [p for p in chosen if p.channel in kept]) + mix_hours(problem, added, with_setup=True)  # an added channel is set up in this phase
    listening = (first_week, first_week + _LISTEN_WEEKS_MIN - 1)  # an added channel listens first, as the focus channels did
    targets = [
        _target(explainer, p.channel, k)
        for p in added
        for k in _kpis(
            problem, p, _served_goals(problem, p.channel, _effectiveness_row(problem, p.channel, p.level), promoted=p.extra_eur > 0),
            *_kpi_weeks(problem, _first_level(problem, p), p, listening),
        )
    ]
    names = explainer.join(explainer.channel_name(p.channel) for p in added)
    can_listen = all(problem.cat.level_offered[p.channel, LEVELS.index("listen")] for p in added)
    limit = problem.profile.max_channels
    if added:
        note = explainer.text("plan", "note_expand" if can_listen else "note_expand_no_listen", channels=names)
        if len(chosen) > limit:  # a plan headed "at most 4 channels" listed five in its expand phase without a word
            note += "; " + explainer.text("plan", "note_beyond_limit", limit=limit, extra=EXPAND_SLOTS)
    elif _room_after_focus(expand):  # 33.5 h/week and a slot free read "no further channel fits the money and hours"
        note = explainer.text("plan", "note_expand_none_gain", share=round(MIN_PICK_SHARE * 100))
    else:
        note = explainer.text("plan", "note_expand_none")
    return _phase(problem, "expand", first_week, first_week + FOCUS_WEEKS - 1, chosen, hours, targets, note)


def _minimum_budget(problem: Problem, minimum: MinimumBudgetSolution | None, plan_value: float) -> MinimumBudget | None:
    """The minimum viable budget, stated as what its own mix costs (money, and hours as the budget counts them),
    with no more promotion than the share needs (:func:`~channelfit.solutions.least_promotion`). With an hourly rate,
    only the money is scaled: the budget's hours are at most the profile's, and the mix's hours beyond them are hired,
    their cost in the budget's money and in what the mix costs (a reader checking the budget against its mix read
    9,529 ZAR against 79)."""
    if minimum is None:
        return None
    solved = least_promotion(problem, minimum.solved, minimum.share * plan_value - 1e-12)
    chosen = ordered_picks(problem, solved.solution.levels, solved.extra_eur)
    money = mix_money(problem, chosen)
    hours = mix_hours(problem, chosen, with_setup=True)
    hired = _hired(problem, hours)
    own_hours = hours - hired.get("hired_weekly_hours", 0.0)
    cost = money * problem.fx_per_eur + hired.get("hired_monthly_cost", 0.0)  # the hired hours are the mix's cost too
    return MinimumBudget(
        share=minimum.share,
        monthly=cost,
        weekly_hours=own_hours,
        mix_monthly_cost=cost,
        mix_weekly_hours=own_hours,
        promotion=sum(p.extra_eur for p in chosen) * problem.fx_per_eur,
        **hired,
        objective=solved.value,
        channels=_phase_channels(problem, chosen),
    )


def _failing_criteria(problem: Problem) -> list[int]:
    """Per channel, the first criterion (index into :data:`~channelfit.criteria.CRITERIA`) at 0 with a positive
    weight: why a channel that does not fit does not; the sector where none is at 0 (it fits the sectors below
    ``MIN_SECTOR_FIT``)."""
    weights = np.array([problem.profile.criteria[name] for name in CRITERIA])
    at_zero = (problem.scores.criteria[0] <= 0.0) & (weights > 0)[None, :]
    return np.where(at_zero.any(axis=1), at_zero.argmax(axis=1), CRITERIA.index("sector")).tolist()


def _exclusion_reason(problem: Problem, explainer: Explainer, c: int, code: str, failing: list[int]) -> Reason:
    """Why channel ``c`` is excluded (``code``); ``failing`` is :func:`_failing_criteria` of the problem. A channel
    that does not fit has the template key of its cause as the reason's code (``no_fit_goals``, ``no_fit_formats``, ...),
    so that a reader can group the causes without parsing words."""
    profile, cat = problem.profile, problem.cat
    if code == "blocked":
        return explainer.reason("blocked", countries=", ".join(profile.markets))
    if code == "too_little_reach":
        return explainer.reason(code, pct=round(float(problem.scores.reach[0, c]) * 100, 1))
    if code == "closed":
        return explainer.closed(cat.channel_rows[c].owner, str(problem.advertiser), cat.closed_rows[(cat.channels[c], problem.advertiser)])
    if code == "needs_host":
        return explainer.reason(code, host=explainer.channel_name(int(cat.host[c])))
    if code == "ads_banned":
        assert problem.ad_ban is not None
        return explainer.ads_banned(problem.ad_ban, every_market=True)
    if code == "needs_premises" and problem.lists_elsewhere[c]:
        return explainer.reason("needs_premises_elsewhere")
    if code != "no_fit":
        return explainer.reason(code)
    if not problem.holds_account[c]:
        return explainer.reason("no_fit_members_only", sectors=explainer.join(explainer.word("sectors", s) for s in cat.channel_rows[c].vertical_sector_list))
    criterion = REGISTRY[failing[c]]
    if criterion.name == "reach" and problem.reach_unknown_everywhere[c]:
        return explainer.reason("no_fit_reach_unknown")
    if criterion.name == "formats":
        missing = [cat.formats[f] for f in np.flatnonzero(cat.format_needed[c])]
        key = criterion.no_fit_key + ("_one" if len(missing) == 1 else "")  # "needs the text format", not "one of these formats: text"
        return explainer.reason(key, formats=explainer.join((explainer.word("formats", f) for f in missing), "or"))  # any one suffices
    return explainer.reason(criterion.no_fit_key)


def _market_leaders(problem: Problem, picked: set[int], orientation: str | None = None) -> list[int]:
    """The public channels available in the profile's main market that are not picked, by reach.

    With an ``orientation``, any channel of the catalog of that orientation, by reach in the main market; without,
    the candidates that fit the sector at least :data:`_LISTEN_SECTOR_FIT` and the business model at least
    :data:`_LISTEN_MODEL_FIT`, by their reach among the profile's target people times sector fit; a marketplace
    only for an organisation that wants sales there (its talk is product questions and reviews).
    """
    cat, profile = problem.cat, problem.profile
    main = cat.index["countries"][profile.main_market]

    if orientation is None:
        pool = [int(c) for c in problem.candidates]
        fit = cat.sector_fit[:, cat.index["sectors"][profile.sector]]
        model_fit = problem.scores.criteria[0][:, CRITERIA.index("model")]

        def wanted(c: int) -> bool:
            return (
                fit[c] >= _LISTEN_SECTOR_FIT
                and model_fit[c] >= _LISTEN_MODEL_FIT
                and (cat.channel_rows[c].orientation != "commerce" or "sales" in profile.goals)
            )
    else:
        pool = list(range(len(cat.channels)))
        fit = np.ones(len(cat.channels))

        def wanted(c: int) -> bool:
            return cat.channel_rows[c].orientation == orientation

    # the candidates rank by their reach among the profile's own people (a network of professionals is not where
    # 15-25 year-old pupils talk); the news feeds by their reach in the main market
    reach = problem.scores.reach[0] if orientation is None else cat.reach[:, main]
    eligible = [
        c for c in pool
        if c not in picked and wanted(c) and cat.availability[c, main] == 0 and cat.reach[c, main] > 0 and cat.content_is_public(c)
    ]
    eligible.sort(key=lambda c: (-reach[c] * fit[c], c))
    return eligible[:_MARKET_LEADERS]


def _listening_places(problem: Problem, places: list[int], picks: list[int]) -> dict[str, list[str]]:
    """For each goal, the listening places that serve it (affinity at least :data:`_LISTEN_GOAL_AFFINITY`: no
    expert debates on a maps listing), else the one that serves it best. A public pick the routine listens on is
    listed at least under the goal it serves best (an Osaka parts maker's X, kept at listen, had "listen and
    answer" four times a week and no word on what to listen for)."""
    cat = problem.cat
    out: dict[str, list[str]] = {}
    for goal in problem.profile.goals:
        g = cat.index["goals"][goal]
        # a marketplace's talk is product questions and reviews: a place to listen for sales and service only
        here = [c for c in places if cat.channel_rows[c].orientation != "commerce" or goal in _COMMERCE_LISTENING_GOALS]
        serving = [c for c in here if problem.affinity[c, g] >= _LISTEN_GOAL_AFFINITY]
        out[goal] = [cat.channels[c] for c in serving or sorted(here, key=lambda c: -problem.affinity[c, g])[:1]]
    listed = {channel for channels in out.values() for channel in channels}
    for c in picks:
        if cat.channels[c] not in listed:
            best = max(problem.profile.goals, key=lambda goal: (problem.affinity[c, cat.index["goals"][goal]], problem.profile.goals[goal]))
            out[best].append(cat.channels[c])
    return out


def _effectiveness_row(problem: Problem, c: int, level: int) -> np.ndarray:
    """``(G,)`` effectiveness of channel ``c`` at ``level`` for each goal."""
    return problem.channel_effectiveness[c, level]


def _pick_value(problem: Problem, objective: str, choice: Choice) -> np.ndarray:
    """A pick's effectiveness per goal (coverage) or its value (additive, as a 1-vector), with its promotion."""
    c, level, extra = choice
    if objective == "additive":
        base = np.array([problem.scores.score[0, c] * problem.cat.level_effect[c, level]])
    else:
        base = _effectiveness_row(problem, c, level)
    if problem.spend_scale[c, level] > 0:
        return spend_curve(base, extra / problem.spend_scale[c, level], spend_floor(problem, objective)[level])
    return base


def _values_so_far(problem: Problem, objective: str, chosen: list[Choice]) -> list[float]:
    """The mix's value after each pick in order (the last is the plan's value)."""
    out, missed, total = [], np.ones(len(problem.goal_weights)), 0.0
    for choice in chosen:
        value = _pick_value(problem, objective, choice)
        if objective == "additive":
            total += float(value[0])
        else:
            missed = missed * (1.0 - value)
            total = float(problem.goal_weights @ (1.0 - missed))
        out.append(total)
    return out


def _picks(
    problem: Problem, objective: str, chosen: list[Choice], explainer: Explainer, outranked_by: dict[int, int], baselines: list[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[list[Pick], dict[int, list[Kpi]]]:
    cat = problem.cat
    fit = problem.scores.score[0]
    picks: list[Pick] = []
    kpis: dict[int, list[Kpi]] = {}
    previous = 0.0
    for choice, value, served, (weeks, paid_weeks) in zip(chosen, _values_so_far(problem, objective, chosen), _served_by_mix(problem, chosen), baselines):
        c, lv, extra = choice
        kpis[c] = _kpis(problem, choice, served, weeks, paid_weeks)
        why = _pick_reasons(problem, explainer, c, lv, served)
        if extra * problem.fx_per_eur >= 1.0:  # a unit of the currency at least: a Zurich adviser read "0 CHF/month of paid promotion"
            saturated = extra >= SPEND_TIERS[-1] * problem.spend_scale[c, lv] * (1 - 1e-6)
            free_level = problem.money[c, lv] == 0  # an organic page whose money boosts its posts: no minimum to be above
            key = ("promotion_boost" if free_level else "promotion") + ("_full" if saturated else "")
            why.append(explainer.reason("promotion", key, money=money_figure(extra * problem.fx_per_eur), currency=problem.profile.budget.currency))
            if lv == MAINTAIN and free_level:
                tool = explainer.strings["words"]["boosted_with"].get(cat.channels[c])
                why.append(explainer.reason("boosted", tool=tool) if tool else explainer.reason("boosted", "boosted_any"))
        if c in outranked_by:  # a pick dominated by a channel left out is there for its cost or hours: the reason says so
            other = outranked_by[c]
            cheaper = not problem.offered[other, lv] or problem.money[other, lv] > problem.money[c, lv] + 1e-9 or problem.hours[other, lv] > problem.hours[c, lv] + 1e-9
            why.append(explainer.reason("dominated", None if cheaper else "dominated_same_cost", other=explainer.channel_name(other), other_id=cat.channels[other]))
        money = problem.money[c, lv] + extra
        picks.append(
            Pick(
                channel=cat.channels[c],
                name=explainer.channel_name(c),
                level=LEVELS[lv],
                score=fit[c],
                monthly_cost=money * problem.fx_per_eur,
                monthly_cost_eur=money,
                extra_promotion=extra * problem.fx_per_eur,
                weekly_hours=cat.level_weekly_hours[c, lv],
                setup_hours=problem.setup[c, lv],
                marginal_value=value - previous,
                goals=[cat.goals[g] for g in served],
                why=why,
                kpis=kpis[c],
            )
        )
        previous = value
    return picks, kpis


def _outranked(problem: Problem, order: list[int], picked: set[int]) -> dict[int, int]:
    """For each pick that a channel of its own kind (orientation) left out of the mix dominates (at least as good on
    every criterion, better on one), the first such channel in ``order``: the pick is in the mix for what it costs
    in money and hours. Only like is compared with like: a reader weighs Ozon against Wildberries, not Yandex Direct
    against OK.ru. A pick dominated only by other picks is there for what it adds beside them, and one you included
    or keep is there because you said so: neither gets such a reason."""
    criteria = problem.scores.criteria[0]
    orientation = np.array([row.orientation for row in problem.cat.channel_rows])
    out = {}
    for c in picked - set(np.flatnonzero(asked_for(problem.arrays, problem.cat)[0]).tolist()):
        beats = (criteria >= criteria[c]).all(axis=1) & (criteria > criteria[c]).any(axis=1) & (orientation == orientation[c])
        left_out = [d for d in order if beats[d] and d not in picked]
        if left_out:
            out[c] = left_out[0]
    return out


def _left(problem: Problem, chosen: list[Choice]) -> tuple[float, float]:
    """What the mix leaves of the budget: weekly hours (as the budget counts them, setup included) and EUR a month.
    With an hourly rate the money left is after the hired hours' cost, and the hours left are the budget's spare
    ones and those the money left would hire."""
    hours_left = _spare_hours(problem, chosen)
    money_left = problem.monthly_budget_eur - mix_money(problem, chosen) - hired_cost(problem, chosen)
    if problem.hired_hour_eur is None:
        return hours_left, money_left
    return max(0.0, hours_left) + max(0.0, money_left) / problem.hired_hour_eur, money_left


def _spare_hours(problem: Problem, chosen: list[Choice]) -> float:
    """The budget's weekly hours the mix leaves (as the budget counts them, setup included; negative when it hires)."""
    return problem.profile.budget.weekly_hours - mix_hours(problem, chosen, with_setup=True)


def _with_hired(problem: Problem, spare_hours: float, money_eur: float, extra_hours: float) -> float:
    """What a step taking ``money_eur`` and ``extra_hours`` more beside a mix leaving ``spare_hours`` (see
    :func:`_spare_hours`) costs a month in EUR: its money, and with an hourly rate the cost of the hours it adds beyond
    the budget's (those it takes of the spare ones are free)."""
    if problem.hired_hour_eur is None:
        return money_eur
    return money_eur + max(0.0, extra_hours - max(0.0, spare_hours)) * problem.hired_hour_eur


def _smallest_paid_step(problem: Problem, chosen: list[Choice], hours_left: float) -> tuple[float, int, int] | None:
    """The cheapest way to spend more money that the hours left allow, ``(EUR a month more, channel, level)``: a pick
    raised to a level that costs more, or (with a channel slot free) a candidate at a level that costs money; None
    when the hours allow none. With an hourly rate, a step's cost counts the hours it hires. A Hanoi café with 2,000,000 VND was told no channel "takes more money usefully" when
    every paid level cost more than that."""
    money, hours, offered = problem.money, problem.hours, problem.offered
    spare = _spare_hours(problem, chosen)
    steps = [
        (_with_hired(problem, spare, float(money[p.channel, level] - money[p.channel, p.level]), float(hours[p.channel, level] - hours[p.channel, p.level])), p.channel, level)
        for p in chosen
        for level in range(p.level + 1, len(LEVELS))
        if offered[p.channel, level] and money[p.channel, level] > money[p.channel, p.level] and hours[p.channel, level] - hours[p.channel, p.level] <= hours_left + 1e-9
    ]
    if len(chosen) < problem.profile.max_channels:
        picked = {p.channel for p in chosen}
        steps += [
            (_with_hired(problem, spare, float(money[c, level]), float(hours[c, level])), c, level)
            for c in problem.candidates.tolist()
            if c not in picked
            for level in range(len(LEVELS))
            if offered[c, level] and money[c, level] > 0 and hours[c, level] <= hours_left + 1e-9
        ]
    return min(steps, default=None)


def _hours_left_figure(hours_left: float) -> float:
    """The weekly hours a plan states as left: none under :data:`_FEW_HOURS` (a Mumbai brand read "0.04 h/week are
    left"), else to the hundredth."""
    return round(hours_left, 2) if hours_left >= _FEW_HOURS else 0.0


def _unspent(problem: Problem, chosen: list[Choice], explainer: Explainer, expand_adds: bool, solutions: PlanSolutions) -> Reason | None:
    """Why money is left over, when it is (more than one unit of the profile's currency). The hours are named as the
    limit only when the mix re-solved with more of them (``more_hours``) spends more, and the sentence says what it
    would spend and on which channels: told that one channel "could take" the money with 1.5 h/week more, reviewers
    added the hours and saw the plan drop that channel and spend less. Where that mix spends no more but is worth
    :data:`_MORE_HOURS_GAIN` more, the sentence says no pick takes the money and the hours limit the plan. The slots are named only when the expand
    phase, with more of them, adds a channel (``expand_adds``), as in :func:`_why_not`: a Stockholm SaaS read "all
    channel slots (6) are used" beside money left when eight slots gave the same mix. The hint to let the plan lower the
    accounts is given only when that plan is worth more (a Chicago firm and a Brussels NGO set it and got the same plan)."""
    more_hours = solutions.more_hours
    hours_left, left = _left(problem, chosen)
    if left * problem.fx_per_eur < 1.0:
        return None
    figures: dict[str, float | int | str] = {"money": money_figure(left * problem.fx_per_eur), "currency": problem.profile.budget.currency}
    paid = [p for p in chosen if problem.spend_scale[p.channel, p.level] > 0]  # each at its cap: the split spends up to them
    hours_figure = _hours_left_figure(hours_left)
    none_left = "" if hours_figure > 0 else "_none"
    money = problem.money
    ban = problem.ad_ban if problem.ads_banned_everywhere else None  # the law bans the sector's ads everywhere it targets
    if more_hours is not None and left >= _UNSPENT_HOURS_MIN_SHARE * problem.monthly_budget_eur:
        more = ordered_picks(more_hours.problem, more_hours.solved.solution.levels, more_hours.solved.extra_eur)
        spent = mix_money(more_hours.problem, more) - mix_money(problem, chosen)
        if ban is not None and spent < 0.5 * left:  # the ban keeps most of it: an Istanbul clinic was told to hire hours for 4,000 of 80,000 TRY
            return explainer.reason("unspent_ads_banned", country=ban.country, **figures)
        before = {p.channel: money[p.channel, p.level] + p.extra_eur for p in chosen}
        rising = [p.channel for p in more if (money[p.channel, p.level] + p.extra_eur - before.get(p.channel, 0.0)) * problem.fx_per_eur >= 1.0]
        # the mix with more hours may drop a pick to make room: say which (a Warsaw association read that 1.16 h/week
        # more would spend 516 PLN on Instagram beside "Instagram needs 4 h/week and 0.35 are left", review 34)
        kept_in_more = {q.channel for q in more}
        dropped = explainer.join(explainer.channel_name(p.channel) for p in chosen if p.channel not in kept_in_more)

        def in_place(channels: str) -> str:
            return explainer.text("reasons", "channels_in_place_of", channels=channels, dropped=dropped) if dropped else channels

        def holding(raised: list[int]) -> dict[str, str]:
            # accounts held at the levels the profile gave take hours the plan may not move (a Toronto realtor's
            # Instagram at maintain left all 1,500 CAD unspent): say so, and how to let the plan trade them
            held = _accounts_holding(problem, chosen, solutions, raised)
            return {"accounts": explainer.join(explainer.channel_name(c) for c in held)} if held else {}

        if spent * problem.fx_per_eur >= 1.0 and rising:
            accounts = holding(rising)
            # what the hours would not spend either is said too: a Cairo clinic read that 1 h/week more would spend
            # 1,953 of its 26,206 EGP left, and nothing of the rest
            rest = left - spent
            # the mix with more hours has paid picks near their full effect, or none that takes money (a Yekaterinburg club
            # spending nothing read that its paid picks were near their full effect)
            rest_figure = {"rest": money_figure(rest * problem.fx_per_eur)} if rest > _UNSPENT_REST_SHARE * left else {}
            paid_more = any(problem.spend_scale[p.channel, p.level] > 0 for p in more)
            rest_key = ("_rest" if paid_more else "_rest_unpaid") if rest_figure else ""
            # with the level it takes: a Nairobi NGO read Facebook's boosts "near their full effect" beside "would spend
            # 39,485 KES more, on Facebook", its campaign at grow (review 39)
            channels = in_place(_named_at_levels(explainer, (p for p in more if p.channel in rising)))
            return explainer.reason(
                "unspent_hours", "unspent_hours" + ("_kept" if accounts else "") + rest_key, **figures, more=round(more_hours.weekly_hours, 2),
                spent=money_figure(spent * problem.fx_per_eur), channels=channels, **accounts, **rest_figure,
            )
        if ban is None and more_hours.solved.value >= solutions.main.value * (1 + _MORE_HOURS_GAIN):
            # the mix with more hours is worth more without spending more, trading a paid pick for channels that need
            # hours: no pick takes the money, and the hours limit the plan, which an hourly rate buys from the money (a
            # Jeddah gym at 24,000 SAR read only that its paid picks were near their full effect, where with 3.5 h/week
            # more Snapchat's campaign would run and the plan be worth 0.87, review 35)
            before_levels = {p.channel: p.level for p in chosen}
            raised = [p for p in more if p.level > before_levels.get(p.channel, -1)]
            named = in_place(_named_at_levels(explainer, raised))
            accounts = holding([p.channel for p in raised])
            return explainer.reason(
                "unspent_hours", "unspent_hours_value" + ("_kept" if accounts else ""), **figures, more=round(more_hours.weekly_hours, 2), channels=named,
                current=round(solutions.main.value, 2), value=round(more_hours.solved.value, 2), **accounts,
            )
    if ban is not None:  # what is left would buy ads, which the law bans
        return explainer.reason("unspent_ads_banned", country=ban.country, **figures)
    step = _smallest_paid_step(problem, chosen, hours_left)
    if step is not None and step[0] > left * (1 + 1e-9):  # every paid step the hours allow costs more than is left
        needed, c, level = step
        key = "unspent_below_step" if problem.hired_hour_eur is None else "unspent_below_step_hired"
        return explainer.reason(
            "unspent_below_step", key, channel=explainer.channel_name(c), level=explainer.word("levels", LEVELS[level]), needed=money_figure(needed * problem.fx_per_eur), **figures
        )
    if len(chosen) >= problem.profile.max_channels and expand_adds:  # no other channel could join, whatever it would add
        return explainer.reason("unspent_slots_full", "unspent_slots_full" + none_left, channels=len(chosen), **figures, hours=hours_figure)
    # with no hours left, the accounts the plan must keep are named when they hold them (a Haifa clinic's kept Facebook and
    # WhatsApp took its 6 hours and 7,547 of its 8,000 ILS were left "with no hours left", the accounts named only below)
    holding = _accounts_holding(problem, chosen, solutions) if none_left and problem.hired_hour_eur is None else []
    kept = {"accounts": explainer.join(explainer.channel_name(c) for c in holding)} if holding else {}
    if paid:  # with no hours left, that no other channel can join is the reason, not what it would earn
        # with no hours left, hours bought from the money left would let another channel join (a Dubai broker's 17,512 AED)
        rate = "_rate" if none_left and not kept and problem.hired_hour_eur is None else ""
        return explainer.reason("unspent_saturated", "unspent_saturated" + none_left + ("_kept" if kept else "") + rate, **figures, **kept, hours=hours_figure)
    return explainer.reason("unspent_no_gain", "unspent_no_gain" + none_left + ("_kept" if kept else ""), share=round(MIN_PICK_SHARE * 100), **figures, **kept, hours=hours_figure)


def _accounts_holding(problem: Problem, chosen: list[Choice], solutions: PlanSolutions, rising: list[int] | tuple[int, ...] = ()) -> list[int]:
    """The accounts the plan keeps that hold back its value: those the plan with the accounts free (``may_drop_accounts``)
    lowers or closes, when that plan is worth :data:`~channelfit.solutions.ACCOUNTS_COST_SHARE` more (else letting
    the plan close them would not change it), as plan.accounts_cost names them (a Warsaw clinic at 3 h/week was told
    to free its ZnanyLekarz listing while the hour that plan frees was Facebook's); none of ``rising``, channels that
    would themselves take more money (a Chicago firm's Facebook was told to drop the hours it needs)."""
    free = solutions.accounts_free
    # only where letting the plan close them would change it (solutions.main_mix: by ACCOUNTS_COST_SHARE more)
    if free is None or free.solved.value < solutions.main.value * (1 + ACCOUNTS_COST_SHARE):
        return []
    freed = {p.channel: p.level for p in ordered_picks(free.problem, free.solved.solution.levels, free.solved.extra_eur)}
    return [p.channel for p in chosen if p.channel in problem.kept_accounts and freed.get(p.channel, -1) < p.level and p.channel not in rising]


def _why_not(problem: Problem, chosen: list[Choice], left: tuple[float, float], explainer: Explainer, c: int, expand_adds: bool) -> Reason:
    """Why candidate ``c`` is not in the mix: its regular level (``maintain``, else its cheapest) needs more hours
    (setup included, see :func:`~channelfit.problem.budgeted_hours`) or money than is left (both, when both are short:
    a zero budget read "no hours are left" for Google Ads), or else all channel slots are used, or else it would add
    under :data:`MIN_PICK_SHARE` of the value at any level that fits what is left (the search is exact, so a channel
    that fits and adds more would be in the mix). The hours and the money come before the slots: an Almaty clinic's
    WhatsApp read "all channel slots are used" when twice the slots gave the same mix. The slots are named only when
    the expand phase, with :data:`~channelfit.solutions.EXPAND_SLOTS` more of them and more hours (no setup for the
    focus picks), adds a channel: when it adds none, a channel that fits what is left would add under the floor (an
    Istanbul shop's Google Ads read "all channel slots are used" when six slots gave the same mix). ``left`` is
    :func:`_left` of the mix; ``expand_adds``: the expand phase adds a channel."""
    offered = np.flatnonzero(problem.offered[c])
    level = MAINTAIN if problem.offered[c, MAINTAIN] else int(offered[np.lexsort((problem.money[c, offered], problem.hours[c, offered]))[0]])
    hours_left, money_left = left
    hours_short = problem.hours[c, level] > hours_left + 1e-9
    money_short = problem.money[c, level] > money_left * (1 + 1e-9) + 1e-9  # a budget spent to the last bit leaves -1e-13, not a debt
    spare = _spare_hours(problem, chosen)
    with_hired = _with_hired(problem, spare, float(problem.money[c, level]), float(problem.hours[c, level]))
    hiring_short = with_hired > money_left * (1 + 1e-9) + 1e-9  # each fits alone, not both: the hours it hires take the money
    level_word, currency = explainer.word("levels", LEVELS[level]), problem.profile.budget.currency
    hours, hours_figure = round(float(problem.hours[c, level]), 2), _hours_left_figure(hours_left)
    money, money_left_figure = money_figure(problem.money[c, level] * problem.fx_per_eur), money_figure(max(0.0, money_left) * problem.fx_per_eur)
    if hours_short and money_short:
        return explainer.reason("why_not", "why_not_money_hours", level=level_word, hours=hours, left=hours_figure, currency=currency, money=money, money_left=money_left_figure)
    if hours_short:
        # with a rate, no hours left means none the money left would hire either (a South Tyrol hotel's Google profile read
        # "no hours are left" beside hours it could buy at 35 EUR)
        none_key = "why_not_hours_none" if problem.hired_hour_eur is None else "why_not_hours_none_hired"
        return explainer.reason("why_not", "why_not_hours" if hours_figure > 0 else none_key, level=level_word, hours=hours, left=hours_figure)
    if money_short:
        return explainer.reason("why_not", "why_not_money", level=level_word, currency=currency, money=money, left=money_left_figure)
    if hiring_short:
        hired = round(float(problem.hours[c, level]) - max(0.0, spare), 2)
        return explainer.reason(
            "why_not", "why_not_money_hired", level=level_word, currency=currency, money=money_figure(with_hired * problem.fx_per_eur), hours=hours, hired=hired, left=money_left_figure
        )
    if len(chosen) >= problem.profile.max_channels and expand_adds:
        return explainer.reason("why_not", "why_not_slots", channels=len(chosen))
    return explainer.reason("why_not", "why_not_gain", share=round(MIN_PICK_SHARE * 100))


def build_plan(solutions: PlanSolutions, explainer: Explainer) -> Plan:
    """Assemble the :class:`Plan` from the problem solved and every solution it needs, in ``explainer``'s language."""
    problem = solutions.problem
    cat, profile = problem.cat, problem.profile
    fit = problem.scores.score[0]
    fit_of, criteria_of = fit.tolist(), problem.scores.criteria[0].tolist()  # Python floats: read one at a time below
    chosen = ordered_picks(problem, solutions.main.solution.levels, solutions.main.extra_eur)
    picked = {p.channel for p in chosen}
    order = sorted(problem.candidates.tolist(), key=lambda c: (-fit[c], c))
    dominance = dominated(problem.scores.criteria[0, order])
    left = _left(problem, chosen)
    failing = _failing_criteria(problem)
    first_levels = [_first_level(problem, p) for p in chosen]
    setup = _setup_schedule(problem, chosen, first_levels)
    baselines = [_kpi_weeks(problem, first, p, (1, setup.weeks), setup.starts.get(p.channel, 1)) for p, first in zip(chosen, first_levels)]
    picks, kpis = _picks(problem, solutions.objective, chosen, explainer, _outranked(problem, order, picked), baselines)
    listen = _listen_and_set_up(problem, chosen, first_levels, explainer, kpis, setup)
    focus = _focus(problem, chosen, explainer, kpis, listen.last_week + 1)
    expand = _expand(problem, solutions.expand, chosen, explainer, focus.last_week + 1)
    # a channel the expand phase adds is said to join then (it read "would add under 3 %" beside a timeline adding it)
    joins_later = {pc.channel for pc in expand.channels} - {cat.channels[c] for c in picked}
    later = explainer.reason("why_not", "why_not_expand", first=expand.first_week, last=expand.last_week)
    ranking = [
        RankedChannel(
            rank=r + 1,
            channel=cat.channels[c],
            name=explainer.channel_name(c),
            score=fit_of[c],
            criteria=dict(zip(CRITERIA, criteria_of[c])),
            picked=c in picked,
            dominated_by=None if dominance[r] < 0 else cat.channels[order[dominance[r]]],
            why_not=None if c in picked else later if cat.channels[c] in joins_later else _why_not(problem, chosen, left, explainer, c, bool(joins_later)),
        )
        for r, c in enumerate(order)
    ]
    sector_fit, goals_fit, model_fit = (problem.scores.criteria[0][:, CRITERIA.index(criterion)] for criterion in ("sector", "goals", "model"))
    excluded = [
        Excluded(
            channel=cat.channels[c],
            name=explainer.channel_name(c),
            reason=EXCLUSIONS[code],  # type: ignore[arg-type]
            why=_exclusion_reason(problem, explainer, c, EXCLUSIONS[code], failing),
            sector_fit=round(float(sector_fit[c]), 3),
            goals_fit=round(float(goals_fit[c]), 3),
            model_fit=round(float(model_fit[c]), 3),
        )
        for c, code in enumerate(problem.exclusions.tolist())
        if code
    ]
    money = mix_money(problem, chosen)
    public_picks = [p.channel for p in chosen if cat.content_is_public(p.channel)]
    based = cat.country_rows[cat.countries[int(problem.arrays.base_market[0])]]
    routine = weekly_routine(cat, [(p.channel, p.level) for p in chosen], live="live" in profile.formats, days=based.work_days.split())
    return Plan(
        name=profile.name,
        kind=profile.kind,
        sector=profile.sector,
        language=explainer.language,  # type: ignore[arg-type]
        organisation=profile.organisation_key,
        objective_kind=solutions.objective,
        objective=solutions.main.value,
        currency=profile.budget.currency,
        monthly_budget=profile.budget.monthly,
        monthly_budget_eur=problem.monthly_budget_eur,
        weekly_hours_budget=profile.budget.weekly_hours,
        hourly_rate=profile.budget.hourly_rate,
        max_channels=profile.max_channels,
        criteria_weights=dict(profile.criteria),
        picks=picks,
        ranking=ranking,
        excluded=excluded,
        totals=Totals(
            channels=len(chosen),
            monthly_cost=money * problem.fx_per_eur,
            monthly_cost_eur=money,
            weekly_hours=mix_hours(problem, chosen),
            setup_hours=float(sum(problem.setup[p.channel, p.level] for p in chosen)),
            **_hired_totals(problem, chosen),
            unspent=max(0.0, left[1]) * problem.fx_per_eur,
            unspent_why=_unspent(problem, chosen, explainer, bool(joins_later), solutions),
        ),
        phases=[listen, focus, expand],
        minimum_budget=_minimum_budget(problem, solutions.minimum, solutions.main.value),
        routine=routine,
        roles=roles(routine, explainer, None if problem.hired_hour_eur is None else profile.budget.weekly_hours),
        listening=listening_setup(
            _listening_places(problem, [*public_picks, *_market_leaders(problem, picked)], public_picks),
            [cat.channels[c] for c in _market_leaders(problem, picked, "news")],
            explainer,
        ),
        policy=policy(
            explainer,
            problem.advertiser or cat.countries[int(problem.arrays.home_market[0])],
            list(profile.markets),
            ages=profile.audience.age,
            goals=list(profile.goals),
            premises=bool(problem.arrays.premises[0]),
            model=profile.model,
            # a platform's ad rules bind the plans that buy its ads (a Bologna library's free Google profile read Google's)
            channels=[cat.channels[p.channel] for p in chosen if problem.money[p.channel, p.level] + p.extra_eur > 0],
        ),
        assumptions=_assumptions(problem, chosen, explainer, solutions),
        market_gaps=_market_gaps(problem, chosen, explainer),
        goal_gaps=_goal_gaps(
            problem, chosen, [[cat.index["goals"][g] for g in p.goals] for p in picks], {cat.index["channels"][r.channel]: r.why_not.text for r in ranking if r.why_not}, explainer
        ),
        accounts=_accounts(problem, chosen, explainer, failing, {p.channel: p.goals for p in picks}, solutions.main_mix.declined is not None),
        accounts_cost=_accounts_cost(problem, chosen, solutions, explainer),
    )


def _hired_totals(problem: Problem, chosen: list[Choice]) -> dict[str, float]:
    """The hours the mix hires (setup included, as the budget counts them) and their monthly cost, in the profile's
    currency and in EUR, as the fields of :class:`~channelfit.plan.Totals` (:func:`_hired` of the mix's hours, and
    the cost in EUR); none without an hourly rate."""
    hired = _hired(problem, mix_hours(problem, chosen, with_setup=True))
    if hired:
        assert problem.hired_hour_eur is not None
        hired["hired_monthly_cost_eur"] = hired["hired_weekly_hours"] * problem.hired_hour_eur
    return hired


def _market_gaps(problem: Problem, chosen: list[Choice], explainer: Explainer) -> list[Reason]:
    """The target markets of at least :data:`_MARKET_REASON_WEIGHT` of the weight that no pick reaches
    :data:`_MARKET_GAP_REACH` of the target people in, heaviest first, each with the best-fitting channel out of the
    plan, fully available there, that does (the ranking says why it is out)."""
    cat, profile = problem.cat, problem.profile
    total = sum(profile.markets.values())
    picked = {choice.channel for choice in chosen}
    fit = problem.scores.score[0]
    others = sorted((int(c) for c in problem.candidates if int(c) not in picked), key=lambda c: (-fit[c], c))
    gaps = []
    for country in sorted(profile.markets, key=lambda country: -profile.markets[country]):
        share = profile.markets[country] / total
        k = cat.index["countries"][country]
        if share < _MARKET_REASON_WEIGHT or any(_reaches(problem, c, k) for c in picked):
            continue
        best = next((c for c in others if cat.availability[c, k] == AVAILABILITY.index("available") and _reaches(problem, c, k)), None)  # none throttled there
        values = {"country": country, "pct": round(100 * share)}
        gaps.append(explainer.reason("market_gap", "market_gap_none", **values) if best is None else explainer.reason("market_gap", **values, channel=explainer.channel_name(best), channel_id=cat.channels[best]))
    return gaps


def _goal_gaps(problem: Problem, chosen: list[Choice], served: list[list[int]], why_out: dict[int, str], explainer: Explainer) -> list[Reason]:
    """The profile's goals no pick serves (:func:`_served_by_mix`), heaviest first, each with the channel that serves it
    best (affinity at least :data:`_SERVED_AFFINITY`, then fit): a pick at a level that does not serve it, with the
    level that would and what it takes more (first: it runs already and needs no setup), else a channel out of the
    plan, with why it is out (``why_out``, the ranking's reasons). A Mumbai accounting firm's thought leadership, weighted 2 of 6, was served by no pick and the
    plan never said so (review 37); its LinkedIn, in the plan at listen, serves it at maintain (review 38)."""
    cat, profile = problem.cat, problem.profile
    named = {g for goals in served for g in goals}
    at = {choice.channel: choice.level for choice in chosen}
    fit = problem.scores.score[0]
    others = [int(c) for c in problem.candidates if int(c) not in at]
    total = sum(profile.goals.values())
    gaps = []
    for goal in sorted(profile.goals, key=lambda goal: -profile.goals[goal]):
        g = cat.index["goals"][goal]
        if g in named:
            continue
        values = {"goal": explainer.word("goals", goal), "goal_id": goal, "pct": round(100 * profile.goals[goal] / total)}
        raises = {
            c: next((lv for lv in range(level + 1, len(LEVELS)) if problem.offered[c, lv] and problem.channel_effectiveness[c, lv, g] > 0), None)
            for c, level in at.items()
            if problem.affinity[c, g] >= _SERVED_AFFINITY
        }
        serving = [(c, lv) for c, lv in raises.items() if lv is not None] + [(c, None) for c in others if problem.affinity[c, g] >= _SERVED_AFFINITY and c in why_out]
        # a pick raised before a channel added: it runs already and needs no setup
        best = min(serving, key=lambda option: (option[1] is None, -problem.affinity[option[0], g], -fit[option[0]], option[0]), default=None)
        if best is None:
            gaps.append(explainer.reason("goal_gap", "goal_gap_none", **values))
            continue
        c, level = best
        named_channel = {"channel": explainer.channel_name(c), "channel_id": cat.channels[c]}
        if level is None:
            gaps.append(explainer.reason("goal_gap", **values, **named_channel, why=why_out[c]))
            continue
        now = at[c]
        more_money = float(problem.money[c, level] - problem.money[c, now]) * problem.fx_per_eur
        figures = {
            "now": explainer.word("levels", LEVELS[now]),
            "level": explainer.word("levels", LEVELS[level]),
            "more": round(float(problem.hours[c, level] - problem.hours[c, now]), 2),
            **({"money": money_figure(more_money), "currency": profile.budget.currency} if more_money >= 0.005 else {}),
        }
        gaps.append(explainer.reason("goal_gap", "goal_gap_raise" if "money" in figures else "goal_gap_raise_hours", **values, **named_channel, **figures))
    return gaps


def _reaches(problem: Problem, c: int, k: int) -> bool:
    """Whether channel ``c`` reaches :data:`_MARKET_GAP_REACH` of the target people in market ``k``: not an owned
    channel, not a listing away from the premises, and half its reach where it is restricted."""
    cat = problem.cat
    if cat.channel_rows[c].orientation == "owned" or (cat.needs_premises[c] and not problem.premises_markets[k]):
        return False
    restricted = 0.5 if cat.availability[c, k] == AVAILABILITY.index("restricted") else 1.0
    return market_reach(problem, c, k)[0] * float(problem.gender_factor[c]) * restricted >= _MARKET_GAP_REACH


def _accounts_cost(problem: Problem, chosen: list[Choice], solutions: PlanSolutions, explainer: Explainer) -> Reason | None:
    """What keeping the accounts at the levels given costs, when the plan with them free (``may_drop_accounts``) is
    worth :data:`~channelfit.solutions.ACCOUNTS_COST_SHARE` more: the share of the value given up, both values, and that plan's mix."""
    free = solutions.accounts_free
    current, freed = solutions.main.value, free.solved.value if free is not None else 0.0
    if free is None or freed <= 0.0 or freed < current * (1 + ACCOUNTS_COST_SHARE):
        return None
    mix = ordered_picks(free.problem, free.solved.solution.levels, free.solved.extra_eur)
    freed_levels = {p.channel: p.level for p in mix}
    planned = {p.channel: p.level for p in chosen}
    held = [c for c in problem.kept_accounts if freed_levels.get(c, -1) < planned.get(c, -1)]  # the ones the free plan lowers or closes
    if not held:  # the free plan is better for another reason than these accounts' levels (asked-for channels)
        return None
    given = any(problem.profile.present_on[problem.cat.channels[c]] is not None for c in held)  # "at the levels you gave" only when some were
    return explainer.reason(
        "accounts_cost",
        "accounts_cost_lowered" if accounts_lowered(problem) else None if given else "accounts_cost_kept",
        accounts=explainer.join(explainer.channel_name(c) for c in sorted(held)),
        pct=round(100 * (1 - current / freed)),
        current=round(current, 2),
        value=round(freed, 2),
        channels=_named_at_levels(explainer, mix),
    )


def _accounts(problem: Problem, chosen: list[Choice], explainer: Explainer, failing: list[int], goals_of: dict[str, list[str]], worth_keeping: bool) -> list[Account]:
    """What to do with each account already run: keep, raise or lower it, or close it, and why (``failing`` is
    :func:`_failing_criteria` of the problem, ``goals_of`` the goals each pick serves, ``worth_keeping`` whether the
    profile let the plan close them and closing them was not worth it, :func:`~channelfit.solutions.main_mix`).

    An account whose current level the profile does not give is run at the planned level (it is not "kept" at
    grow when nobody said it ran ads); one kept only because the profile keeps its accounts, serving none of its
    goals at that level, says so. One run at listen stops posting: it says to pin a post pointing to where the
    organisation answers, and what posting would take (a Cairo clinic's and a Prague brewery's pages were parked at
    listen with "it is already set up and serves your goals"). A listing the plan does not need is left unmanaged,
    not closed."""
    cat, profile = problem.cat, problem.profile
    planned = {p.channel: p.level for p in chosen}
    lowered = accounts_lowered(problem)
    # an account a pick runs on is kept, unmanaged: a Kyiv shop was told to close its Facebook Page beside Messenger
    carries = {cat.channel_rows[p.channel].runs_on: p.channel for p in chosen if cat.channel_rows[p.channel].runs_on}
    own = set(own_media(profile, cat))
    out = []
    for channel, now in profile.present_on.items():
        c = cat.index["channels"][channel]
        level = planned.get(c)
        code = EXCLUSIONS[problem.exclusions[c]]
        if level is None and channel in carries:
            action, why = "keep", explainer.reason("account", "account_carries", other=explainer.channel_name(carries[channel]))
        elif level is None:
            # a listing on a directory or a marketplace cannot be closed like a page and takes no pinned post (a
            # Marrakech riad was told to close its Tripadvisor listing "with a pinned note")
            # nor an owned blog or list, whose pages and subscribers keep their value (a Lisbon SaaS's blog was to close)
            # and an account of nothing but ads has no page to pin a note on: its campaigns pause (an Italian machine shop
            # was told to leave its Google Ads account "dormant with a pinned note")
            # and a donation page stays live: supporters still give through it (a Toronto charity's CanadaHelps, review 37)
            orientation = cat.channel_rows[c].orientation
            # a marketplace shop keeps its products, prices and stock right, not opening hours (a Jakarta roaster's Shopee, review 39)
            listing = "shop" if orientation == "commerce" else "listing"
            kind = listing if cat.listing[c] else "owned" if orientation == "owned" else "giving" if orientation == "fundraising" else "ads" if cat.ads_only[c] else "page"
            action = "close"
            if code == "candidate":
                why = explainer.reason("account", "account_not_needed" if kind == "page" else f"account_not_needed_{kind}")
            else:  # out of the plan for a cause of its own: what to do with it, then the cause (a Lima tour operator's
                # Tripadvisor read only "needs a place customers visit", review 35)
                cause = _exclusion_reason(problem, explainer, c, code, failing)
                text = explainer.text("reasons", "account_excluded", action=explainer.text("reasons", f"account_excluded_{kind}"), why=cause.text)
                why = Reason(code=cause.code, text=text, values=cause.values, source_id=cause.source_id)
        else:
            before = -1 if now is None else LEVELS.index(now)
            action = "keep" if before in (-1, level) else "raise" if level > before else "lower"
            if not goals_of[channel] and channel in profile.include:  # kept because asked for, whatever it serves
                key = f"account_idle_included_{action if action == 'lower' or (action == 'keep' and before >= 0) else 'run'}"
            elif not goals_of[channel]:  # kept because the plan keeps the accounts run, or what a media organisation publishes on
                # a newsletter writer letting the plan drop accounts read "unless you let it close them" (review 36)
                idle = "account_idle_own" if channel in own else "account_idle_worth" if worth_keeping else "account_idle"
                key = f"{idle}_lower" if action == "lower" and lowered else f"{idle}_run" if before == -1 else idle
            elif level == LISTEN and problem.offered[c, MAINTAIN]:  # a page with followers that stops posting says where to go
                # a shop or directory listing has no posts to pin: it keeps its listings right (a KL snack brand's Shopee)
                listing = "_listing" if cat.listing[c] else ""
                key = f"account_listen{listing}_fit" if lowered and action == "lower" else f"account_listen{listing}"
            elif action == "lower" and lowered:  # at the levels given, the accounts do not fit the budget
                key = "account_lower_fit"
            else:
                key = "account_run" if before == -1 else f"account_{action}"
            values: dict[str, object] = {"hours": round(float(problem.cat.level_weekly_hours[c, MAINTAIN]), 1)} if key.startswith("account_listen") else {}
            if key.startswith("account_listen_listing"):  # a shop's listing has stock and delivery terms, a map's opening hours (an Istanbul dealer's Etsy)
                values["details"] = explainer.strings["words"]["listing_details"]["commerce" if cat.channel_rows[c].orientation == "commerce" else "directory"]
            why = explainer.reason("account", key, level=explainer.word("levels", LEVELS[level]), **values)
        out.append(
            Account(
                channel=channel,
                name=explainer.channel_name(c),
                level_now=now,
                level_planned=None if level is None else LEVELS[level],
                action=action,  # type: ignore[arg-type]
                why=why,
            )
        )
    return out


def _assumptions(problem: Problem, chosen: list[Choice], explainer: Explainer, solutions: PlanSolutions) -> list[Reason]:
    """What the plan assumed where the profile did not say: premises (from the goals or the sector), that a media
    organisation's own media are its product (:func:`~channelfit.scorer.own_media`), that the accounts run are worth
    keeping where the profile lets the plan close them but that would add too little
    (:attr:`~channelfit.solutions.MainMix.declined`), and how many
    people the paid picks' ads run to when they run across the markets (:func:`~channelfit.problem.audience_people`), and
    the most their promotion is scaled by (a channel blocked in a market runs its ads in the others)."""
    out = _premises_assumed(problem, explainer)
    # the own media the plan keeps: where even their lowest levels do not fit, it may close them (problem._kept_floors)
    own = [c for c in own_media(problem.profile, problem.cat) if problem.cat.index["channels"][c] in problem.kept_accounts]
    if own:
        out.append(explainer.reason("own_media", "assumed_own_media", channels=explainer.join(explainer.channel_name(problem.cat.index["channels"][c]) for c in own)))
    if (declined := solutions.main_mix.declined) is not None:
        # the plan keeping them may be worth more: kept accounts may take a slot beyond max_channels
        if declined.solved.value > solutions.main.value:
            # what that plan does and spends, not its value alone: a Copenhagen brand's would have spent 56,000 DKK more (review 38)
            mix = ordered_picks(declined.problem, declined.solved.solution.levels, declined.solved.extra_eur)
            figures = {
                "value": round(declined.solved.value, 2),
                "current": round(solutions.main.value, 2),
                "share": round(ACCOUNTS_COST_SHARE * 100),
                "channels": _named_at_levels(explainer, mix),
                "money": money_figure(mix_money(declined.problem, mix) * problem.fx_per_eur),
                "spent": money_figure(mix_money(problem, chosen) * problem.fx_per_eur),
                "currency": problem.profile.budget.currency,
            }
            out.append(explainer.reason("accounts_kept", "assumed_accounts_kept", **figures))
        else:
            out.append(explainer.reason("accounts_kept", "assumed_accounts_kept_best"))
    # only where money buys ads that run across the markets: a Dhaka charity with no budget read how far its ads would run
    # boosts of a free level keep the local scale (build_problem): a Munich brand whose only paid picks were boosts read
    # that its promotion took "up to 4 times" a local business's beside boosts "near their full effect" at 203 EUR
    scaled = [c for c, lv, extra in chosen if problem.spend_scale[c, lv] > 0 and problem.cat.level_buys_ads[c, lv] and problem.audience_factor[c] > 1]
    if problem.audience_millions is not None and scaled:
        people = problem.audience_millions
        if not problem.arrays.premises[0]:
            key = "assumed_audience" if not sells_to_buyers(problem.profile) else "assumed_audience_buyers" if addresses_buyers(problem.profile) else "assumed_audience_professionals"
        elif travelled_to(problem.arrays, problem.cat):
            key = "assumed_audience_travel"
        else:  # it ships to its markets abroad: the ads other than its listings' run across them
            key = "assumed_audience_ships_buyers" if sells_to_buyers(problem.profile) else "assumed_audience_ships"
        out.append(explainer.reason("audience", key, people=round(people) if people >= 10 else round(people, 1), factor=round(float(problem.audience_factor[scaled].max()), 1)))
    return out


def _premises_assumed(problem: Problem, explainer: Explainer) -> list[Reason]:
    profile = problem.profile
    if profile.premises is not None:
        return []
    if "local_visits" in profile.goals:
        return [explainer.reason("premises", "assumed_premises_visits")]
    if profile.kind == "brand":  # a brand is taken to sell online or through others' shops, whatever its sector
        return [explainer.reason("premises", "assumed_no_premises_brand")]
    if profile.sells_from_abroad(problem.cat):
        return [explainer.reason("premises", "assumed_no_premises_abroad", currency=profile.budget.currency)]
    key = "assumed_premises" if profile.has_premises(problem.cat) else "assumed_no_premises"
    return [explainer.reason("premises", key, sector=explainer.word("sectors", profile.sector), sector_id=profile.sector)]
