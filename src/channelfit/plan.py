"""The plan: pydantic models of what :func:`channelfit.recommend` returns.

The models hold exact numbers; their serialisers round them (scores to 4 decimals, money and
hours to 2): the inputs are rough, and rounding keeps the JSON byte-identical across platforms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, SerializerFunctionWrapHandler, model_serializer

from .vocabulary import KINDS, Language, LevelName, ObjectiveName, PhaseName

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Account",
    "Excluded",
    "Kpi",
    "ListeningItem",
    "MinimumBudget",
    "Phase",
    "PhaseChannel",
    "Pick",
    "Plan",
    "RankedChannel",
    "Reason",
    "Role",
    "RoutineItem",
    "Totals",
]

PLAN_VERSION = 2


def _round(digits: int) -> PlainSerializer:
    # + 0.0 turns -0.0 into 0.0, so equal values always print the same
    return PlainSerializer(lambda value: round(float(value), digits) + 0.0, return_type=float)


#: Money (in the profile's currency or in EUR), rounded to cents on output.
Money = Annotated[float, _round(2)]
#: Hours, rounded to 2 decimals on output.
Hours = Annotated[float, _round(2)]
#: Scores, shares and objective values, rounded to 4 decimals on output.
Score = Annotated[float, _round(4)]


#: Fields left out of the output while null, so that a plan serialises as it did before they existed: those of a budget
#: with an hourly rate, and the week a channel set up first in the first phase starts running.
_ABSENT_WHEN_NULL = ("hired_weekly_hours", "hired_monthly_cost", "hired_monthly_cost_eur", "hourly_rate", "from_week")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    @model_serializer(mode="wrap")
    def _without_absent(self, handler: SerializerFunctionWrapHandler):  # noqa: ANN202 - no annotation: the schema stays the model's
        data = handler(self)
        for name in _ABSENT_WHEN_NULL:
            if isinstance(data, dict) and name in data and data[name] is None:
                del data[name]
        return data


class Reason(_Out):
    """One reason in words, with the figures it states and the source behind them."""

    code: str = Field(description="what the reason is about: reach, audience, goal, sector, formats, model, level, presence, ...")
    text: str
    values: dict[str, float | int | str] = Field(default_factory=dict, description="the figures the text states")
    source_id: str | None = Field(default=None, description="row of the catalog's sources.csv, or null for estimates")


class Kpi(_Out):
    """A KPI chosen up front for a pick: what to measure for which goal, and the target over 90 days."""

    goal: str
    kpi: str
    unit: str
    direction: Literal["up", "down"]
    target_change: float = Field(description="relative change to reach in the 90 days after the baseline weeks, e.g. 0.2 = +20 %; 0 with a target_level")
    target_level: float | None = Field(default=None, description="for a rate bounded at 100 %: the level to reach in those 90 days instead of a change, e.g. 0.9 = 90 %")
    baseline_weeks: tuple[int, int] = Field(
        description="first and last week of the plan whose measurement is the baseline: the listen-and-set-up phase for a channel active "
        "then (an account already run, paid search) or a pick that only listens; the four weeks after it for a channel that starts by "
        "listening (a new page has nothing to measure before it posts)"
    )
    baseline: float | None = Field(default=None, description="to be recorded over baseline_weeks")


class Pick(_Out):
    """A channel in the mix at an effort level."""

    channel: str
    name: str
    level: LevelName
    score: Score
    monthly_cost: Money = Field(description="money per month in the profile's currency")
    monthly_cost_eur: Money
    extra_promotion: Money = Field(default=0.0, description="paid promotion above the level's minimum useful spend, in the profile's currency (included in monthly_cost)")
    weekly_hours: Hours
    setup_hours: Hours = Field(description="one-off hours to set up (0 where already present)")
    marginal_value: Score = Field(description="what the pick adds to the objective, given the picks before it")
    goals: list[str] = Field(description="the goals this pick serves most, best first")
    why: list[Reason]
    kpis: list[Kpi]


class RankedChannel(_Out):
    """An eligible channel with its fit score and per-criterion breakdown."""

    rank: int
    channel: str
    name: str
    score: Score
    criteria: dict[str, Score]
    picked: bool
    dominated_by: str | None = Field(default=None, description="a channel at least as good on every criterion and better on one")
    why_not: Reason | None = Field(default=None, description="for a channel not picked, the limit that keeps it out of the mix (slots, hours, money) or that it would add too little")


class Excluded(_Out):
    """A channel that cannot be in the mix, and why."""

    channel: str
    name: str
    reason: Literal["excluded_by_you", "blocked", "needs_premises", "no_fit", "too_little_reach", "closed", "needs_host", "ads_banned"]
    why: Reason
    sector_fit: Score = Field(default=1.0, description="how well the channel fits the organisation's sector, 0..1 (the sector criterion)")
    goals_fit: Score = Field(default=1.0, description="how well the channel serves the organisation's goals, 0..1 (the goals criterion)")
    model_fit: Score = Field(default=1.0, description="how well the channel fits the organisation's business model, 0..1 (the model criterion)")


class Account(_Out):
    """What to do with an account the organisation already runs."""

    channel: str
    name: str
    level_now: LevelName | None = Field(description="its level today (null: not given)")
    level_planned: LevelName | None = Field(description="its level in the focus phase (null: not in the mix)")
    action: Literal["keep", "raise", "lower", "close"]
    why: Reason


class Totals(_Out):
    """Totals of the mix."""

    channels: int
    monthly_cost: Money
    monthly_cost_eur: Money
    weekly_hours: Hours
    setup_hours: Hours
    hired_weekly_hours: Hours | None = Field(
        default=None,
        description="of the hours as the budget counts them (setup spread over a quarter included), those beyond budget.weekly_hours that a "
        "freelancer or an agency works at budget.hourly_rate; absent without a rate",
    )
    hired_monthly_cost: Money | None = Field(default=None, description="what the hired hours cost a month, in the profile's currency (not in monthly_cost); absent without a rate")
    hired_monthly_cost_eur: Money | None = Field(default=None, description="hired_monthly_cost in EUR; absent without a rate")
    unspent: Money = Field(default=0.0, description="money of the budget the plan leaves unspent (after the hired hours' cost), in the profile's currency")
    unspent_why: Reason | None = Field(
        default=None,
        description="why money is left unspent, when it is; code unspent_hours, unspent_ads_banned, unspent_below_step, unspent_saturated, unspent_slots_full or unspent_no_gain",
    )


class PhaseChannel(_Out):
    """A channel of a phase, at its level in that phase."""

    channel: str
    level: LevelName
    from_week: int | None = Field(
        default=None,
        description="the week a new paid campaign starts spending, when its setup takes the phase's first weeks; absent when it runs from the phase's start",
    )


class Phase(_Out):
    """One step of the timeline: listen and set up, focus, expand."""

    name: PhaseName
    first_week: int
    last_week: int
    channels: list[PhaseChannel]
    monthly_cost: Money = Field(description="the phase's money a month once its channels run, in the profile's currency (a channel with from_week counted whole)")
    monthly_cost_eur: Money
    weekly_hours: Hours = Field(description="hours per week in this phase, setup spread over the phase included")
    hired_weekly_hours: Hours | None = Field(default=None, description="of weekly_hours, those beyond budget.weekly_hours, hired at budget.hourly_rate; absent without a rate")
    hired_monthly_cost: Money | None = Field(default=None, description="what this phase's hired hours cost a month, in the profile's currency (not in monthly_cost); absent without a rate")
    kpi_targets: list[str]
    note: str


class RoutineItem(_Out):
    """One slot of the weekly routine."""

    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = Field(description="a working day of the country the organisation is based in (countries.csv, work_days)")
    channel: str
    activity: Literal["listen_and_answer", "answer_and_review", "create_and_post", "write_and_send", "go_live", "update_listing", "run_campaigns"]
    hours: Hours


class Role(_Out):
    """A role the plan needs; one person may hold several."""

    role: Literal["owner", "community_manager", "content_creator", "campaign_manager"]
    does: str
    weekly_hours: Hours
    hired_weekly_hours: Hours | None = Field(default=None, description="of weekly_hours, those a freelancer or an agency works at budget.hourly_rate; absent without a rate")


class ListeningItem(_Out):
    """What to listen for, for one goal, and where."""

    goal: str
    listen_for: str
    channels: list[str] = Field(description="where to follow and search: the picks and the market's leading channels")
    feeds: list[str] = Field(description="news aggregators of the main market to subscribe to for the sector's publications")


class MinimumBudget(_Out):
    """The smallest budget (money and hours scaled together; with an hourly rate the money alone, the hours beyond the profile's hired) at which the plan's own channels reach ``share`` of its value."""

    share: Score
    monthly: Money = Field(description="the budget's money, in the profile's currency")
    weekly_hours: Hours = Field(description="the budget's hours (setup included)")
    mix_monthly_cost: Money = Field(description="what the mix at that budget spends, in the profile's currency (with an hourly rate, the hired hours included)")
    mix_weekly_hours: Hours = Field(description="the organisation's own hours the mix at that budget needs (setup included; with an hourly rate, the hours beyond them are hired_weekly_hours)")
    promotion: Money = Field(default=0.0, description="of the money, the paid promotion above what the mix's levels cost, in the profile's currency")
    hired_weekly_hours: Hours | None = Field(default=None, description="the hours the mix needs beyond weekly_hours, hired at budget.hourly_rate; absent without a rate")
    hired_monthly_cost: Money | None = Field(default=None, description="of monthly, what the hired hours cost, in the profile's currency; absent without a rate")
    objective: Score
    channels: list[PhaseChannel]


class Plan(_Out):
    """The recommendation: picks, ranking, exclusions, totals and the phased timeline."""

    version: int = PLAN_VERSION
    name: str
    kind: Literal[KINDS] = Field(default="company", description="who the plan is for, as the profile said: a person holds every role")  # type: ignore[valid-type]
    sector: str = Field(default="", description="the organisation's sector, as the profile said: a clinic's plan speaks of patients")
    language: Language = Field(description="the language of every text in the plan")
    organisation: str = Field(default="", description="a hash of who the organisation is (name, kind, model, sector, markets); evidence is tied to it")
    objective_kind: ObjectiveName
    objective: Score = Field(description="the optimiser's value for this mix (0..1 for coverage)")
    currency: str
    monthly_budget: Money
    monthly_budget_eur: Money
    weekly_hours_budget: Hours
    hourly_rate: Money | None = Field(default=None, description="the price of one hired hour, in the profile's currency (budget.hourly_rate); absent without a rate")
    max_channels: int
    criteria_weights: dict[str, Score] = Field(default_factory=dict, description="the normalised criterion weights the scores use")
    picks: list[Pick]
    ranking: list[RankedChannel]
    excluded: list[Excluded]
    totals: Totals
    phases: list[Phase]
    minimum_budget: MinimumBudget | None = Field(description="null when recommend() was asked to skip it")
    routine: list[RoutineItem] = Field(description="the focus phase's week, day by day")
    roles: list[Role]
    listening: list[ListeningItem]
    policy: list[str] = Field(description="a short social media policy checklist")
    assumptions: list[Reason] = Field(default_factory=list, description="what the plan assumed where the profile did not say")
    market_gaps: list[Reason] = Field(
        default_factory=list,
        description="target markets of 10 % of the weight or more where no pick reaches a fifth of the target people, with the best-fitting channel out of the plan that does; code market_gap",
    )
    goal_gaps: list[Reason] = Field(
        default_factory=list,
        description="goals of the profile that no pick serves (affinity 0.3 or more), with the channel out of the plan that serves one best; code goal_gap",
    )
    accounts: list[Account] = Field(default_factory=list, description="what to do with each account already run")
    accounts_cost: Reason | None = Field(
        default=None, description="what keeping the accounts at the levels given costs, when the plan with them free to be lowered or closed (may_drop_accounts) is worth at least 10 % more; code accounts_cost"
    )

    def to_frame(self) -> pd.DataFrame:
        """The picks as a pandas DataFrame, one row per pick (reasons joined in one column)."""
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for pick in self.picks:
            row = pick.model_dump(exclude={"why", "kpis", "goals"})
            row["goals"] = ", ".join(pick.goals)
            row["why"] = " | ".join(r.text for r in pick.why)
            row["kpis"] = ", ".join(k.kpi for k in pick.kpis)
            rows.append(row)
        columns = list(Pick.model_fields)
        return pd.DataFrame(rows, columns=columns).set_index("channel")

    def ranking_frame(self) -> pd.DataFrame:
        """The ranking with one column per criterion."""
        import pandas as pd

        rows = [{"channel": r.channel, "rank": r.rank, "score": r.score, "picked": r.picked, **r.criteria} for r in self.ranking]
        return pd.DataFrame(rows).set_index("channel")
