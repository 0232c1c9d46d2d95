"""The practical side of a plan: the weekly routine, the roles, the listening setup, a policy checklist.

The routine splits each pick's weekly hours into activities and spreads them over the working
week in quarter hours, so the day totals add up exactly to the plan's hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .data import Catalog
from .explain import Explainer
from .plan import ListeningItem, Role, RoutineItem
from .problem import sells_at_a_distance
from .vocabulary import GROW, LEVELS

__all__ = ["listening_setup", "policy", "roles", "weekly_routine"]

#: The working week where none is known (a custom catalog's country): Monday to Friday.
DAYS = ("mon", "tue", "wed", "thu", "fri")
_QUARTER = 0.25
# Answering is daily; content goes out twice a week, two days apart; campaigns are adjusted once a week.
# Each block takes the allowed days that keep the busiest day lightest (the first choice on a tie), so
# three channels' posts and campaigns do not all land on one Monday and one Tuesday. The days are the working week
# of the country the organisation is based in (countries.csv, work_days): an Iranian bakery was told to run its
# campaigns on Friday, its day off (review 37). The twice-a-week pairs are positions in that week: its 2nd and 4th day,
# its 1st and 3rd, ...
_DAILY = frozenset({"listen_and_answer", "answer_and_review"})
_TWICE_A_WEEK = ((1, 3), (0, 2), (2, 4), (0, 3), (1, 4))
_WEEKLY = frozenset({"run_campaigns", "go_live"})
_TWICE = frozenset({"create_and_post", "write_and_send", "update_listing"})


def _day_choices(activity: str, days: Sequence[str]) -> list[tuple[str, ...]]:
    """The sets of days a block of ``activity`` may take in the week ``days``."""
    if activity in _WEEKLY:
        return [(day,) for day in days]
    return [(days[a], days[b]) for a, b in _TWICE_A_WEEK]
# On a channel whose content is not public (a newsletter, a messenger, a website) there is nothing to
# listen to: part of its maintain hours answer replies and messages and read the results, the rest writes
# and sends. Judgements: on a newsletter the issue is the bulk of the work (a quarter answers); a business
# messenger is mostly conversations, questions, orders and bookings (three quarters answer), with a few
# broadcasts (a Bogota psychologist's WhatsApp was given 'create and post' for most of its hours).
_ANSWER_SHARE_NOT_PUBLIC = 0.25
_ANSWER_SHARE_MESSAGING = 0.75
# Paid search has neither an audience to listen to nor posts: all its hours set up and adjust campaigns.
_CAMPAIGN_ONLY_ORIENTATIONS = frozenset({"search_ads"})
# An organisation that makes live video goes live once a week on its first pick built on live video, else its
# first pick that takes it (a Jakarta seller on TikTok Shop listed live selling and found none in its week; one
# session, not one per channel): half that pick's posting hours, at most an hour with its preparation. A judgement.
_LIVE_SHARE = 0.5
_LIVE_MAX_HOURS = 1.0


def _quarters(hours: float) -> int:
    return round(hours / _QUARTER)


def _activities(cat: Catalog, channel: int, level: int, live: bool = False) -> dict[str, float]:
    """Split a pick's weekly hours into activities, in quarter hours.

    On a public channel the listen level's hours listen and answer, maintain adds posting and grow
    adds campaigns. A channel without public content answers and reviews instead of listening; a list (a
    newsletter) or a messenger writes and sends (an issue, a broadcast) instead of posting; paid
    search only runs campaigns; on a directory or a marketplace the listen hours answer messages and reviews and
    check the results, and the maintain hours keep the listing up to date.
    With ``live`` (the organisation makes live video), a channel that takes live video gives part of its posting
    hours to a weekly live session.
    """
    hours = [float(cat.level_weekly_hours[channel, lv]) if cat.level_offered[channel, lv] else None for lv in range(len(LEVELS))]
    total = next(h for h in reversed(hours[: level + 1]) if h is not None)
    orientation = cat.channel_rows[channel].orientation
    if orientation in _CAMPAIGN_ONLY_ORIENTATIONS:
        return {"run_campaigns": total}
    below_grow = next(h for h in reversed(hours[: min(level, GROW - 1) + 1]) if h is not None)
    if cat.content_is_public(channel):
        base = hours[0] if hours[0] is not None else below_grow
        split = {"listen_and_answer": base, "create_and_post": below_grow - base}
    else:
        share = _ANSWER_SHARE_MESSAGING if orientation == "messaging" else _ANSWER_SHARE_NOT_PUBLIC
        answer = min(_quarters(below_grow), max(1, round(_quarters(below_grow) * share))) * _QUARTER
        sent = orientation == "messaging" or bool(cat.starts_empty[channel])  # a list is sent to; a blog or a podcast publishes
        split = {"answer_and_review": answer, "write_and_send" if sent else "create_and_post": below_grow - answer}
    live_format = cat.index["formats"].get("live")
    if live and live_format is not None and (cat.format_needed[channel, live_format] or cat.format_helpful[channel, live_format]):
        posting = split.get("create_and_post", 0.0)
        session = min(_LIVE_MAX_HOURS, _quarters(posting * _LIVE_SHARE) * _QUARTER)
        if session > 0:
            split["go_live"], split["create_and_post"] = session, posting - session
    if cat.listing[channel]:  # on a listing one keeps it up to date (photos, offers, prices) and answers its messages and reviews
        if "create_and_post" in split:
            split["update_listing"] = split.pop("create_and_post")
        if "listen_and_answer" in split:  # a hotel's booking links or a gym's pass listing have no conversation to listen to
            split["answer_and_review"] = split.pop("listen_and_answer")
    split["run_campaigns"] = total - below_grow
    return {k: v for k, v in split.items() if v > 0}


def _spread(quarters: int, days: Sequence[str]) -> list[tuple[str, int]]:
    """``quarters`` quarter hours over ``days``, as evenly as possible (the first days take the remainder)."""
    base, extra = divmod(quarters, len(days))
    return [(day, base + (i < extra)) for i, day in enumerate(days) if base + (i < extra) > 0]


def weekly_routine(cat: Catalog, picks: Sequence[tuple[int, int]], live: bool = False, days: Sequence[str] = DAYS) -> list[RoutineItem]:
    """Day-by-day activities for the focus phase, one item per day, channel and activity (``live``: the
    organisation makes live video, and goes live weekly on one pick, see :func:`_activities`), over the working
    ``days`` of the week (the ``work_days`` of the country the organisation is based in, in the order of its week).

    Hours are counted in quarter hours, so the day totals add up exactly to the plan's hours. The daily
    activities come first, their remainders on the lightest days; then the larger blocks first, each on
    the allowed days (:func:`_day_choices`) that leave the week most even.
    """
    days = tuple(days)
    can_go_live = [channel for channel, level in picks if live and "go_live" in _activities(cat, channel, level, live=True)]
    live_format = cat.index["formats"].get("live")
    # a channel built on live video (TikTok Shop's live selling) before one where it only helps (Instagram Live)
    live_at = min(can_go_live, key=lambda channel: not cat.format_needed[channel, live_format], default=None)
    planned = [(channel, activity, _quarters(hours)) for channel, level in picks for activity, hours in _activities(cat, channel, level, channel == live_at).items()]
    load = dict.fromkeys(days, 0)
    placed: list[tuple[str, int, str, int]] = []

    def place(channel: int, activity: str, shares: list[tuple[str, int]]) -> None:
        for day, quarters in shares:
            load[day] += quarters
            placed.append((day, channel, activity, quarters))

    def busiest(shares: list[tuple[str, int]]) -> list[int]:
        after = dict(load)
        for day, quarters in shares:
            after[day] += quarters
        return sorted(after.values(), reverse=True)

    for channel, activity, quarters in planned:
        if activity in _DAILY:
            place(channel, activity, _spread(quarters, sorted(days, key=lambda day: (load[day], days.index(day)))))
    blocks = sorted((block for block in planned if block[1] not in _DAILY), key=lambda block: -block[2])  # stable: pick order on a tie
    for channel, activity, quarters in blocks:
        place(channel, activity, min((_spread(quarters, choice) for choice in _day_choices(activity, days)), key=busiest))
    placed.sort(key=lambda item: (days.index(item[0]), cat.channels[item[1]], item[2]))
    return [RoutineItem(day=day, channel=cat.channels[channel], activity=activity, hours=quarters * _QUARTER) for day, channel, activity, quarters in placed]  # type: ignore[arg-type]


#: The roles a freelancer or an agency takes first when the plan hires hours: campaigns are the work most often
#: bought by the hour and the least tied to the organisation's voice, answering customers the most.
_HIRED_FIRST = ("campaign_manager", "content_creator", "community_manager")


def roles(routine: Sequence[RoutineItem], explainer: Explainer, own_weekly_hours: float | None = None) -> list[Role]:
    """The roles the routine needs, with their weekly hours (one person may hold several): the owner always (the
    monthly review is not in the weekly routine, so its hours are 0), the others where the routine gives them time
    (no campaign manager for a plan without paid promotion). With ``own_weekly_hours`` (the budget's, when the plan
    may hire hours), the routine's hours beyond them are hired: each role says how many of its hours are, given to
    the roles in :data:`_HIRED_FIRST` order."""
    hours = {activity: sum(item.hours for item in routine if item.activity == activity) for activity in (*_DAILY, *_WEEKLY, *_TWICE)}
    duties = explainer.strings["role_duties"]
    timed = {
        "community_manager": hours["listen_and_answer"] + hours["answer_and_review"],
        "content_creator": hours["create_and_post"] + hours["write_and_send"] + hours["go_live"] + hours["update_listing"],
        "campaign_manager": hours["run_campaigns"],
    }
    hired = dict.fromkeys(timed, None) if own_weekly_hours is None else _hired_by_role(timed, sum(timed.values()) - own_weekly_hours)
    return [
        Role(role="owner", does=duties["owner"], weekly_hours=0.0),
        *(Role(role=role, does=duties[role], weekly_hours=timed[role], hired_weekly_hours=hired[role]) for role in timed if timed[role] > 0),  # type: ignore[arg-type]
    ]


def _hired_by_role(timed: Mapping[str, float], hired_weekly_hours: float) -> dict[str, float | None]:
    """``hired_weekly_hours`` shared among the roles' ``timed`` hours, each filled in :data:`_HIRED_FIRST` order."""
    left, hired = max(0.0, hired_weekly_hours), {}
    for role in _HIRED_FIRST:
        hired[role] = min(left, timed[role])
        left -= hired[role]
    return hired


def listening_setup(channels_by_goal: Mapping[str, Sequence[str]], news: Sequence[str], explainer: Explainer) -> list[ListeningItem]:
    """What to follow and search for each goal, on its channels (the picks and the market's leading channels
    that serve the goal), and which news aggregators of the market to subscribe to for the sector's publications.
    A goal with no channel to listen on has no item (a Tehran café read "reviews and check-ins at your address, and
    neighbourhood groups, on " and nothing after it)."""
    listen_for = explainer.strings["listen_for"]
    return [ListeningItem(goal=goal, listen_for=listen_for[goal], channels=list(dict.fromkeys(where)), feeds=list(news)) for goal, where in channels_by_goal.items() if goal in listen_for and where]


def policy(
    explainer: Explainer,
    country: str | None = None,
    markets: Sequence[str] = (),
    *,
    ages: tuple[int, int] | None = None,
    goals: Iterable[str] | None = None,
    premises: bool | None = None,
    model: str | None = None,
    channels: Iterable[str] | None = None,
) -> list[str]:
    """A short social media policy checklist for an organisation based in ``country`` that targets ``markets``.

    A line of the locale given as ``{"text": ..., "countries": [...]}`` names a law for organisations based in one of
    those countries and is kept only for them (a Polish library reading an Italian plan was sent to Italian law); one
    given as ``{"text": ..., "markets": [...]}`` names a law on advertising in those countries, whoever advertises,
    and is kept when one of them is a target market or the home country, where the organisation advertises from (a
    Polish firm emailing German buyers needs their consent as a German firm does, but not an Impressum; a Toronto
    lawyer targeting India, the Philippines and China sends from Canada, under its anti-spam law). The home country
    and each target market that no line names get a line saying the checklist holds nothing on their law, and to
    check it.

    A line given with neither ``countries`` nor ``markets`` binds everyone its conditions keep (a platform's own
    rule, such as Meta's limits on targeting teens). A line may also name whom else it binds, each condition read from the profile (the ``sectors`` a line binds are
    filtered by :func:`~channelfit.explain.locale`), and is then kept only:

    - ``"minors": true``: when the audience's youngest age (``ages[0]``) is under 18 (a Nairobi safari operator
      selling to people aged 30 to 70 read the EU's ban of profiling-based ads to minors);
    - ``"based_outside": true``: when ``country`` is none of the line's ``markets`` (the GDPR's and the UK GDPR's
      representative, which an organisation established there does not name: a Prague brewpub was told to);
    - ``"based_in": [...]``: when ``country`` is one of them (Germany's tax on spirits shipped to its consumers binds
      sellers from another EU member state: a Cape Town winery, based outside Germany but outside the EU too, read
      it);
    - ``"goals": [...]``: when the profile has one of those ``goals`` (the job-ad lines bind those who recruit: an
      Odesa hotel without a recruiting goal read Ukraine's job-ad rule);
    - ``"distance_selling": true``: when the organisation sells at a distance
      (:func:`~channelfit.problem.sells_at_a_distance`: no ``premises``, or the ``sales`` goal); one with
      premises and no sales goal sells at its counter (a Prague brewpub whose German customers drink in Prague read
      Germany's packaging register and 14-day withdrawal, which bind goods sent to consumers there);
    - ``"consumers": true``: when the organisation sells to consumers, its ``model`` not ``b2b`` (the EU's rule on
      announced price reductions binds traders offering goods to consumers; a furniture maker selling to shops
      announces none to them);
    - ``"channels": [...]``: when ``channels``, the picks the plan spends money on, hold one of them (a platform's own
      ad rule: Meta's limits on targeting teens were read by a Novosibirsk school with no Meta channel, where Meta is
      blocked, and Google's by a Bologna library whose Google profile buys no ads).

    A condition whose profile field is not given (``None``) keeps the line, so a checklist asked for without a
    profile names every line that may apply."""
    targets = set(markets)
    goal_set = None if goals is None else set(goals)
    picked = None if channels is None else set(channels)

    def applies(item: Mapping[str, Any]) -> bool:
        scope = set(item.get("markets", ()))
        anywhere = "countries" not in item and "markets" not in item  # a platform's own rule, wherever one advertises
        if not (anywhere or country in item.get("countries", ()) or (targets | {country}) & scope):
            return False
        if item.get("minors") and ages is not None and ages[0] >= 18:
            return False
        if item.get("based_outside") and country is not None and country in scope:
            return False
        if "based_in" in item and country is not None and country not in item["based_in"]:
            return False
        if "goals" in item and goal_set is not None and not goal_set & set(item["goals"]):
            return False
        # packaging registers, withdrawal rights and online-offer duties bind goods sent to consumers
        if item.get("distance_selling") and premises is not None and goal_set is not None and not sells_at_a_distance(premises, goal_set):
            return False
        if "channels" in item and picked is not None and not picked & set(item["channels"]):
            return False
        return not (item.get("consumers") and model == "b2b")

    # once each: a rule whose gate differs by sector is given as two items of one text (the EU's price-reduction line
    # binds a shop's counter, but a restaurant's only where it sells goods at a distance)
    lines = list(dict.fromkeys(item if isinstance(item, str) else item["text"] for item in explainer.strings["policy"] if isinstance(item, str) or applies(item)))
    # A country whose law the locale has no line on says so, the home country first: a Lagos label read the UK's and
    # the US's rules and nothing on Nigeria's, and took the silence for "nothing to check here"
    named = {k for item in explainer.strings["policy"] if isinstance(item, dict) for k in (*item.get("countries", ()), *item.get("markets", ()))}
    unnamed = [k for k in dict.fromkeys([*([country] if country else []), *markets]) if k not in named]
    # the home country alone, not a target market, binds the organisation, not its ads or its contacts there (a Dhaka
    # exporter selling to Europe was told to check Bangladeshi law "before you advertise or collect contacts there")
    return lines + [explainer.text("reasons", "policy_no_line_home" if k == country and k not in targets else "policy_no_line", country=k) for k in unnamed]
