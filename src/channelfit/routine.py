"""The practical side of a plan: the weekly routine, the roles, the listening setup, a policy checklist.

The routine splits each pick's weekly hours into activities and spreads them over the working
week in quarter hours, so the day totals add up exactly to the plan's hours.
"""

from __future__ import annotations

from collections.abc import Sequence

from .data import Catalog
from .explain import Explainer
from .plan import ListeningItem, Role, RoutineItem
from .vocabulary import GROW, LEVELS

__all__ = ["listening_setup", "policy", "roles", "weekly_routine"]

DAYS = ("mon", "tue", "wed", "thu", "fri")
_QUARTER = 0.25
# Which days each activity lands on: answering is daily, content twice a week, campaigns once.
_ACTIVITY_DAYS = {"listen_and_answer": DAYS, "create_and_post": ("tue", "thu"), "run_campaigns": ("mon",)}

def _activities(cat: Catalog, channel: int, level: int) -> dict[str, float]:
    """Split a pick's weekly hours: the listen level's hours answer, maintain adds posting, grow adds campaigns."""
    hours = [float(cat.level_weekly_hours[channel, lv]) if cat.level_offered[channel, lv] else None for lv in range(len(LEVELS))]
    offered = [h for h in hours[: level + 1] if h is not None]
    split = {"listen_and_answer": offered[0]}
    if level >= 1 and hours[1] is not None:
        split["create_and_post"] = hours[1] - offered[0]
    if level == GROW:
        split["run_campaigns"] = hours[2] - (hours[1] if hours[1] is not None else offered[0])
    return {k: v for k, v in split.items() if v > 0}


def _spread(hours: float, days: Sequence[str]) -> list[tuple[str, float]]:
    """``hours`` in quarter hours over ``days``, as evenly as possible, exact in total (quarters are exact floats)."""
    quarters = round(hours / _QUARTER)
    base, extra = divmod(quarters, len(days))
    return [(day, (base + (i < extra)) * _QUARTER) for i, day in enumerate(days) if base + (i < extra) > 0]


def weekly_routine(cat: Catalog, picks: Sequence[tuple[int, int]]) -> list[RoutineItem]:
    """Day-by-day activities for the focus phase, one item per day, channel and activity."""
    items = []
    for channel, level in picks:
        for activity, hours in _activities(cat, channel, level).items():
            for day, share in _spread(hours, _ACTIVITY_DAYS[activity]):
                items.append(RoutineItem(day=day, channel=cat.channels[channel], activity=activity, hours=share))  # type: ignore[arg-type]
    items.sort(key=lambda item: (DAYS.index(item.day), item.channel, item.activity))
    return items


def roles(routine: Sequence[RoutineItem], explainer: Explainer) -> list[Role]:
    """The roles the routine needs, with their weekly hours (one person may hold several)."""
    hours = {activity: sum(item.hours for item in routine if item.activity == activity) for activity in _ACTIVITY_DAYS}
    duties = explainer.strings["role_duties"]
    return [
        Role(role="owner", does=duties["owner"], weekly_hours=0.0),
        Role(role="community_manager", does=duties["community_manager"], weekly_hours=hours["listen_and_answer"]),
        Role(role="content_creator", does=duties["content_creator"], weekly_hours=hours["create_and_post"]),
        Role(role="campaign_manager", does=duties["campaign_manager"], weekly_hours=hours["run_campaigns"]),
    ]


def listening_setup(goals: Sequence[str], channels: Sequence[str], news: Sequence[str], explainer: Explainer) -> list[ListeningItem]:
    """What to follow and search for each goal, on ``channels`` (the picks and the market's leading
    channels), and which news aggregators of the market to subscribe to for the sector's publications."""
    listen_for = explainer.strings["listen_for"]
    where = list(dict.fromkeys(channels))
    return [ListeningItem(goal=goal, listen_for=listen_for[goal], channels=where, feeds=list(news)) for goal in goals if goal in listen_for]


def policy(explainer: Explainer) -> list[str]:
    """A short social media policy checklist."""
    return list(explainer.strings["policy"])
