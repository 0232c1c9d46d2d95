"""Plan-do-check-adjust: measured KPI results update each channel's effectiveness.

``check(plan, results)`` turns measured KPI results into :class:`Evidence`;
``recommend(profile, evidence=...)`` uses it.

The rule (a conjugate normal update with known variance, i.e. shrinkage toward the catalog):
for each channel and goal, every period gives an *attainment* ``a`` in 0..2, the share of
the KPI's target change that was reached (1 = target met; a period in which a picked
channel reports nothing counts as 0). The effectiveness multiplier is the posterior mean

    m = (k0 * 1 + sum(a)) / (k0 + n)

with the catalog's prior (m = 1) worth ``k0 = PRIOR_PERIODS`` periods. One lucky period moves
``m`` by at most ``1 / (k0 + 1)``; three silent periods bring it to ``k0 / (k0 + 3)``. The
channel's goal affinities are multiplied by ``m`` (capped at 1).

Evidence is plain JSON, versioned, and tied by a fingerprint to the catalog rows it touches
(for each channel and goal measured: the channel's row, its goal affinity and the KPI row): a
catalog that adds or changes other channels leaves it valid, one that changes a touched row
makes it an error. It round-trips losslessly.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .data import Catalog, as_catalog
from .errors import EvidenceError
from .plan import Kpi, Plan

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EVIDENCE_VERSION", "PRIOR_PERIODS", "ChannelGoalEvidence", "Evidence", "adjusted_affinity", "check"]

EVIDENCE_VERSION = 2
#: Weight of the catalog's prior, in periods of evidence.
PRIOR_PERIODS = 2.0
#: Attainment is clipped to this range: a period can count at most as twice the target.
MAX_ATTAINMENT = 2.0
#: Caps on input size.
MAX_RESULT_ROWS = 100_000
MAX_PERIOD_CHARS = 40
MAX_PERIODS = 1_000
_PERIOD = re.compile(r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029=+\-@][^\x00-\x1f\x7f-\x9f\u2028\u2029]*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class ChannelGoalEvidence(_Model):
    """What has been measured for one channel and goal."""

    periods: int = Field(ge=0)
    attainment_sum: float = Field(ge=0.0)


class Evidence(_Model):
    """The state of the plan-do-check-adjust loop: plain JSON, versioned."""

    version: Literal[2] = EVIDENCE_VERSION
    catalog: str = Field(description="fingerprint of the catalog rows the evidence touches (see channelfit.feedback.fingerprint)")
    organisation: str = Field(default="", description="the organisation the evidence was measured for (the plan's organisation key)")
    prior_periods: float = Field(gt=0.0)
    periods: list[str] = Field(description="the periods checked so far, in order", max_length=MAX_PERIODS)
    channels: dict[str, dict[str, ChannelGoalEvidence]]

    @model_validator(mode="after")
    def _consistent(self) -> Evidence:
        """Evidence written by :func:`check` is consistent; an edited one that is not is refused."""
        if self.prior_periods != PRIOR_PERIODS:
            raise ValueError(f"prior_periods must be {PRIOR_PERIODS}, the documented prior")
        if len(set(self.periods)) != len(self.periods) or not all(_PERIOD.match(p) and p == p.strip() for p in self.periods):
            raise ValueError("periods must be unique, trimmed labels without control characters or a formula start")
        for goals in self.channels.values():
            for record in goals.values():
                if record.periods > len(self.periods) or record.attainment_sum > MAX_ATTAINMENT * record.periods + 1e-9:
                    raise ValueError("a record has more periods or attainment than its periods allow")
        return self

    def multiplier(self, channel: str, goal: str) -> float:
        """Posterior mean of the effectiveness multiplier of ``channel`` for ``goal`` (1 without evidence)."""
        record = self.channels.get(channel, {}).get(goal)
        if record is None:
            return 1.0
        return (self.prior_periods + record.attainment_sum) / (self.prior_periods + record.periods)

    def to_frame(self) -> pd.DataFrame:
        """One row per channel and goal: periods, attainment sum and multiplier."""
        import pandas as pd

        rows = [
            {"channel": c, "goal": g, "periods": r.periods, "attainment_sum": r.attainment_sum, "multiplier": self.multiplier(c, g)}
            for c, goals in self.channels.items()
            for g, r in goals.items()
        ]
        return pd.DataFrame(rows, columns=["channel", "goal", "periods", "attainment_sum", "multiplier"])


def fingerprint(cat: Catalog, channels: Mapping[str, Iterable[str]]) -> str:
    """A short hash of the catalog rows that evidence on ``channels`` (channel -> goals) touches.

    For each channel: its row in ``channels.csv``; for each of its goals: the channel's goal
    affinity row and the KPI row of the goal and the channel's orientation. Rows of other channels
    do not enter, so adding a channel to the catalog leaves the evidence valid.
    """
    touched = []
    for channel in sorted(channels):
        c = cat.index["channels"][channel]
        row = cat.channel_rows[c]
        for goal in sorted(channels[channel]):
            affinity = cat.goal_rows.get((channel, goal))
            kpi = cat.kpi_rows.get((goal, row.orientation))
            touched.append([row.model_dump(), goal, affinity and affinity.model_dump(), kpi and kpi.model_dump()])
    text = json.dumps(touched, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_evidence(evidence: Evidence | Mapping[str, Any] | str | bytes, cat: Catalog | None = None) -> Evidence:
    """Validate evidence given as an :class:`Evidence`, a dict or JSON text, against the catalog.

    Raises
    ------
    EvidenceError
        On corrupt JSON, a wrong version, unknown ids or another catalog. Never silently resets.
    """
    cat = as_catalog(cat)
    if not isinstance(evidence, Evidence):
        try:
            evidence = (
                Evidence.model_validate_json(evidence) if isinstance(evidence, (str, bytes)) else Evidence.model_validate(evidence)
            )
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in error["loc"]) or "evidence"
            raise EvidenceError(error["msg"], field=f"evidence.{field}", value=error.get("input"), allowed="evidence JSON written by channelfit check") from None
    for channel, goals in evidence.channels.items():
        if channel not in cat.index["channels"]:
            raise EvidenceError("unknown channel", field=f"evidence.channels.{channel}", value=channel, allowed="catalog channel ids")
        for goal in goals:
            if goal not in cat.index["goals"]:
                raise EvidenceError("unknown goal", field=f"evidence.channels.{channel}.{goal}", value=goal, allowed=", ".join(cat.goals))
    expected = fingerprint(cat, evidence.channels)
    if evidence.catalog != expected:
        raise EvidenceError(
            "the catalog rows this evidence was measured against have changed", field="evidence.catalog", value=evidence.catalog, allowed=expected
        )
    return evidence


def adjusted_affinity(evidence: Evidence | Mapping[str, Any] | str, cat: Catalog, organisation: str | None = None, affinity: np.ndarray | None = None) -> np.ndarray:
    """``(C, G)`` goal affinities (``affinity``, by default the catalog's) multiplied by the evidence's multipliers,
    capped at 1.

    Raises
    ------
    EvidenceError
        The evidence is corrupt, was measured against other catalog rows, or (with ``organisation``) for another organisation.
    """
    evidence = load_evidence(evidence, cat)
    if organisation is not None and evidence.organisation != organisation:
        raise EvidenceError("the evidence was measured for another organisation", field="evidence.organisation", value=evidence.organisation, allowed=organisation)
    affinity = np.array(cat.goal_affinity if affinity is None else affinity)
    for channel, goals in evidence.channels.items():
        c = cat.index["channels"][channel]
        for goal in goals:
            g = cat.index["goals"][goal]
            affinity[c, g] = min(1.0, affinity[c, g] * evidence.multiplier(channel, goal))
    return affinity


def _records(results: Any) -> list[Mapping[str, Any]]:
    if isinstance(results, (str, bytes)):
        try:
            results = json.loads(results)
        except (ValueError, RecursionError) as exc:
            raise EvidenceError(f"results are not valid JSON: {str(exc)[:100]}", field="results", allowed="a list of records") from None
    if hasattr(results, "to_dict") and hasattr(results, "columns"):
        results = results.to_dict(orient="records")
    if not isinstance(results, list) or not all(isinstance(r, Mapping) for r in results):
        raise EvidenceError("results must be a list of records", field="results", value=type(results).__name__, allowed="records with channel, period, kpi, baseline, value")
    if len(results) > MAX_RESULT_ROWS:
        raise EvidenceError("too many result rows", field="results", value=len(results), allowed=f"at most {MAX_RESULT_ROWS}")
    return results


def _number(row: Mapping[str, Any], key: str, index: int) -> float:
    value = row.get(key)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or number < 0:
        raise EvidenceError("must be a finite number >= 0", field=f"results[{index}].{key}", value=value, allowed="a finite number >= 0")
    return number


def attainment(baseline: float, value: float, target_change: float, direction: str, target_level: float | None = None) -> float:
    """Share of the target change reached, clipped to ``[0, MAX_ATTAINMENT]``.

    With no baseline (0), any positive result of an ``up`` KPI counts as the target met. A KPI with a
    ``target_level`` (a rate bounded at 100 %, as a fraction: 0.9) reads the share of the way from its baseline to
    that level, or the value over the level when the baseline was already there.
    """
    if target_level is not None:
        gap = target_level - baseline
        reached = (value - baseline) / gap if gap > 0 else value / target_level
    elif baseline <= 0:
        reached = 1.0 if (value > 0) == (direction == "up") else 0.0
    else:
        change = (value - baseline) / baseline
        if direction == "down":
            change = -change
        reached = change / abs(target_change) if target_change else (1.0 if change >= 0 else 0.0)
    return float(min(MAX_ATTAINMENT, max(0.0, reached)))


def check(
    plan: Plan | Mapping[str, Any] | str,
    results: Iterable[Mapping[str, Any]] | str | pd.DataFrame,
    evidence: Evidence | Mapping[str, Any] | str | None = None,
    catalog: Catalog | None = None,
) -> Evidence:
    """Check measured results against the plan's KPIs and return updated evidence.

    Parameters
    ----------
    plan
        The plan the results belong to (a :class:`Plan`, its dict or its JSON).
    results
        Records (list of dicts, JSON text, or a pandas DataFrame) with ``channel``, ``period``,
        ``kpi``, ``baseline`` and ``value``. Every period present counts for every pick: a pick
        with no record in a period counts as attainment 0 for each of its KPIs.
    evidence
        Evidence from earlier checks, to continue the loop. Its periods must not repeat.
    catalog
        The catalog the plan was made with (default: the packaged one).

    Returns
    -------
    Evidence

    Raises
    ------
    EvidenceError
        Naming the row and field of a bad record, or the mismatch.
    """
    cat = as_catalog(catalog)
    if not isinstance(plan, Plan):
        try:
            plan = Plan.model_validate_json(plan) if isinstance(plan, (str, bytes)) else Plan.model_validate(plan)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            raise EvidenceError(error["msg"], field="plan." + ".".join(str(p) for p in error["loc"]), allowed="a plan written by channelfit recommend") from None
    previous = (
        load_evidence(evidence, cat)
        if evidence is not None
        else Evidence(catalog=fingerprint(cat, {}), organisation=plan.organisation, prior_periods=PRIOR_PERIODS, periods=[], channels={})
    )
    if previous.organisation != plan.organisation:
        raise EvidenceError("the evidence was measured for another organisation than this plan's", field="evidence.organisation", value=previous.organisation, allowed=plan.organisation)
    kpis: dict[tuple[str, str], list[Kpi]] = {}
    known_kpis = {row.kpi for rows in (cat.kpi_rows, cat.channel_kpi_rows, cat.paid_kpi_rows, cat.channel_paid_kpi_rows, cat.sector_kpi_rows) for row in rows.values()}
    for p, pick in enumerate(plan.picks):
        if pick.channel not in cat.index["channels"]:
            raise EvidenceError("the plan's pick is not a channel of the catalog", field=f"plan.picks[{p}].channel", value=pick.channel, allowed="a plan written by channelfit recommend with this catalog")
        for k in pick.kpis:
            if k.goal not in cat.index["goals"] or k.kpi not in known_kpis:
                raise EvidenceError("the plan's KPI is not in the catalog", field=f"plan.picks[{p}].kpis", value=f"{k.goal}/{k.kpi}", allowed="KPIs of the catalog's kpis.csv")
            kpis.setdefault((pick.channel, k.kpi), []).append(k)
    measured: dict[tuple[str, str, str], tuple[float, float]] = {}
    periods: list[str] = []
    seen: set[str] = set()
    checked = set(previous.periods)
    for index, row in enumerate(_records(results)):
        channel, kpi, period = row.get("channel"), row.get("kpi"), row.get("period")
        period = str(period).strip() if isinstance(period, (str, int)) and not isinstance(period, bool) else None
        if not period or len(period) > MAX_PERIOD_CHARS or not _PERIOD.match(period):
            raise EvidenceError(
                "needs a period label", field=f"results[{index}].period", value=row.get("period"), allowed=f"a label of 1 to {MAX_PERIOD_CHARS} characters without control characters or a formula start, e.g. 2026-03"
            )
        if not isinstance(channel, str) or not isinstance(kpi, str) or (channel, kpi) not in kpis:
            allowed = ", ".join(sorted(f"{c}/{k}" for c, k in kpis)) or "none: the plan has no KPIs"
            raise EvidenceError("no such pick and KPI in the plan", field=f"results[{index}]", value=f"{channel}/{kpi}", allowed=allowed)
        key = (str(channel), str(kpi), period)
        if key in measured:
            raise EvidenceError("duplicate record", field=f"results[{index}]", value="/".join(key), allowed="one record per channel, kpi and period")
        if period in checked:
            raise EvidenceError("period was already checked", field=f"results[{index}].period", value=period, allowed="periods not in the evidence yet")
        measured[key] = (_number(row, "baseline", index), _number(row, "value", index))
        if period not in seen:
            seen.add(period)
            periods.append(period)
    if len(previous.periods) + len(periods) > MAX_PERIODS:
        raise EvidenceError("too many periods", field="results", value=len(previous.periods) + len(periods), allowed=f"at most {MAX_PERIODS} periods in one evidence")
    channels = {c: dict(goals) for c, goals in previous.channels.items()}
    by_goal: dict[tuple[str, str], list[Kpi]] = {}  # a goal measured by two KPIs (leads and cost per lead) counts each period once, at their mean
    for (channel, _), rows in kpis.items():
        for kpi_row in rows:
            by_goal.setdefault((channel, kpi_row.goal), []).append(kpi_row)
    for (channel, goal), goal_kpis in by_goal.items():
        reached = [
            sum(
                attainment(*measured[(channel, k.kpi, period)], k.target_change, k.direction, k.target_level) if (channel, k.kpi, period) in measured else 0.0
                for k in goal_kpis
            ) / len(goal_kpis)
            for period in periods
        ]
        if not reached:
            continue
        old = channels.setdefault(channel, {}).get(goal, ChannelGoalEvidence(periods=0, attainment_sum=0.0))
        channels[channel][goal] = ChannelGoalEvidence(periods=old.periods + len(reached), attainment_sum=old.attainment_sum + sum(reached))
    channels = {c: dict(sorted(goals.items())) for c, goals in sorted(channels.items())}
    return Evidence(
        catalog=fingerprint(cat, channels),
        organisation=previous.organisation,
        prior_periods=previous.prior_periods,
        periods=[*previous.periods, *periods],
        channels=channels,
    )
