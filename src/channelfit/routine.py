"""The practical side of a plan: the weekly routine, the roles, the listening setup, a policy checklist.

The routine splits each pick's weekly hours into activities and spreads them over the working
week in quarter hours, so the day totals add up exactly to the plan's hours.
"""

from __future__ import annotations

from collections.abc import Sequence

from .data import LEVELS, Catalog
from .plan import ListeningItem, Role, RoutineItem

__all__ = ["POLICY_CHECKLIST", "listening_setup", "roles", "weekly_routine"]

DAYS = ("mon", "tue", "wed", "thu", "fri")
_QUARTER = 0.25
# Which days each activity lands on: answering is daily, content twice a week, campaigns once.
_ACTIVITY_DAYS = {"listen_and_answer": DAYS, "create_and_post": ("tue", "thu"), "run_campaigns": ("mon",)}

POLICY_CHECKLIST: tuple[str, ...] = (
    "who owns the strategy and approves the plan, and who may post in the organisation's name",
    "tone of voice and topics to avoid; how to disagree in public",
    "response times: how fast to answer questions, reviews and complaints",
    "escalation: who decides in a crisis, and when to move a conversation to private messages",
    "privacy and data protection: no personal data of customers or staff without consent (GDPR where it applies)",
    "disclosure of paid promotion, sponsorships and employees' affiliation",
    "copyright and image rights for photos, music and video",
    "accessibility: alt text, captions, readable contrast",
    "account security: two-factor authentication, shared password manager, access removed when people leave",
    "what staff may say about work on their personal accounts",
)

_LISTEN_FOR: dict[str, str] = {
    "brand_awareness": "mentions of your name and products, and your share of voice against three competitors",
    "lead_generation": "people asking for suppliers or solutions like yours",
    "sales": "questions about your products, prices and availability",
    "recruiting": "talk about you as an employer, and the job titles you hire for",
    "community": "the hashtags, groups and people at the centre of your field",
    "customer_service": "complaints, questions and reviews that mention you",
    "thought_leadership": "the experts, publications and debates of your field",
    "listening": "your sector's key terms, your competitors and your own name",
    "traffic": "links to your site and the topics that bring clicks",
    "local_visits": "reviews and check-ins at your address, and neighbourhood groups",
    "partnerships": "potential partners, distributors, events and trade fairs",
    "fundraising": "donors, causes and campaigns like yours",
}


def _activities(cat: Catalog, channel: int, level: int) -> dict[str, float]:
    """Split a pick's weekly hours: the listen level's hours answer, maintain adds posting, grow adds campaigns."""
    hours = [float(cat.level_weekly_hours[channel, lv]) if cat.level_offered[channel, lv] else None for lv in range(len(LEVELS))]
    offered = [h for h in hours[: level + 1] if h is not None]
    split = {"listen_and_answer": offered[0]}
    if level >= 1 and hours[1] is not None:
        split["create_and_post"] = hours[1] - offered[0]
    if level == 2:
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


def roles(routine: Sequence[RoutineItem]) -> list[Role]:
    """The roles the routine needs, with their weekly hours (one person may hold several)."""
    hours = {activity: sum(item.hours for item in routine if item.activity == activity) for activity in _ACTIVITY_DAYS}
    return [
        Role(role="owner", does="owns the strategy and the KPIs; reviews results monthly and adjusts the plan", weekly_hours=0.0),
        Role(role="community_manager", does="listens, answers comments, messages and reviews every working day", weekly_hours=hours["listen_and_answer"]),
        Role(role="content_creator", does="plans, creates and posts the content", weekly_hours=hours["create_and_post"]),
        Role(role="campaign_manager", does="sets up and watches paid promotion", weekly_hours=hours["run_campaigns"]),
    ]


def listening_setup(goals: Sequence[str], channels: Sequence[str], market_leaders: Sequence[str], news: Sequence[str]) -> list[ListeningItem]:
    """What to follow and search for each goal, on the picks and the market's leading channels, and
    which news aggregators of the market to subscribe to for the sector's publications."""
    where = list(dict.fromkeys([*channels, *market_leaders]))
    return [ListeningItem(goal=goal, listen_for=_LISTEN_FOR[goal], channels=where, feeds=list(news)) for goal in goals if goal in _LISTEN_FOR]
