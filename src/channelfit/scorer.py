"""The scorer: per channel, criteria on absolute 0..1 scales, combined into a fit score.

Criteria (each means the same whatever else is in the catalog; nothing is min-max scaled):

``reach``
    Market-weighted share of the target markets' population the channel reaches
    (blocked = 0; ``restricted`` counts at :data:`RESTRICTED_REACH_FACTOR`).  When the
    audience is professionals and the catalog knows the channel's reach among the
    professionals of the organisation's sector (``sector_reach.csv``), that share is used
    instead in every market where the channel is available: a network of developers
    reaches few people but most developers.
``audience``
    Share of the channel's users inside the target ages, times the share of the
    target gender and, where professionals are asked for, the share of professionals.
``goals``
    Goal-weighted mean of the channel's affinity to each goal.
``sector``
    The channel's fit for the organisation's sector (vertical networks serve their sectors).
``formats``
    Share of the formats the channel needs that the organisation can produce.
``model``
    Fit to the business model: b2b, b2c, or the mean of both for b2b2c.

The fit score is the weighted *geometric* mean of the criteria: a channel that is
useless on one criterion (reaches nobody, needs video the organisation cannot make)
scores 0 however good it is elsewhere, and no criterion can buy back another fully.
Everything is vectorised over profiles and channels.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .data import AGE_BANDS, Catalog
from .profile import CRITERIA, Profile

__all__ = ["EXCLUSIONS", "RESTRICTED_REACH_FACTOR", "ProfileArrays", "Scores", "encode", "exclusions", "score"]

#: Why a channel cannot be in a profile's mix; code 0 (not listed) means it is a candidate.
EXCLUSIONS: tuple[str, ...] = ("candidate", "excluded_by_you", "blocked", "needs_premises", "no_fit")

#: A ``restricted`` network (throttled, partly blocked, posting limited) counts at this share of its
#: measured reach: a judgement, halfway between available and blocked.
RESTRICTED_REACH_FACTOR = 0.5
#: Stands for log(0): finite, so that a zero weight times it is exactly 0, and exp of any positive
#: multiple of it is exactly 0.
LOG_ZERO = -1e300
_GENDERS = ("any", "female", "male")
_MODELS = ("b2b", "b2c", "b2b2c")


@dataclass(frozen=True)
class ProfileArrays:
    """Profiles encoded as arrays, one row per profile."""

    market_weights: np.ndarray  # (P, countries), rows sum to 1
    age_overlap: np.ndarray  # (P, age bands): share of each band inside the target ages
    gender: np.ndarray  # (P,) index into ("any", "female", "male")
    professionals: np.ndarray  # (P,) bool
    goal_weights: np.ndarray  # (P, goals), rows sum to 1
    sector: np.ndarray  # (P,) sector index
    formats: np.ndarray  # (P, formats) bool
    model: np.ndarray  # (P,) index into ("b2b", "b2c", "b2b2c")
    criteria_weights: np.ndarray  # (P, criteria), rows sum to 1
    premises: np.ndarray  # (P,) bool
    include: np.ndarray  # (P, C) bool
    exclude: np.ndarray  # (P, C) bool
    present: np.ndarray  # (P, C) bool: already on the channel (no setup)


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


def age_overlap(age_min: int, age_max: int) -> np.ndarray:
    """Share of each of :data:`AGE_BANDS` inside ``[age_min, age_max]`` (ages uniform within a band)."""
    return np.array(
        [max(0, min(last, age_max) - max(first, age_min) + 1) / (last - first + 1) for _, first, last in AGE_BANDS]
    )


def encode(profiles: Sequence[Profile], cat: Catalog) -> ProfileArrays:
    """Encode validated profiles as the arrays :func:`score` reads."""
    n = len(profiles)
    market_weights = np.zeros((n, len(cat.countries)))
    goal_weights = np.zeros((n, len(cat.goals)))
    formats = np.zeros((n, len(cat.formats)), dtype=bool)
    channel_sets = {name: np.zeros((n, len(cat.channels)), dtype=bool) for name in ("include", "exclude", "present_on")}
    countries, goals, fmt_index = cat.index["countries"], cat.index["goals"], cat.index["formats"]
    channels = cat.index["channels"]
    for p, profile in enumerate(profiles):
        for country, weight in profile.markets.items():
            market_weights[p, countries[country]] = weight
        for goal, weight in profile.goals.items():
            goal_weights[p, goals[goal]] = weight
        for fmt in profile.formats:
            formats[p, fmt_index[fmt]] = True
        for name, flags in channel_sets.items():
            for channel in getattr(profile, name):
                flags[p, channels[channel]] = True
    return ProfileArrays(
        market_weights=market_weights,
        age_overlap=np.array([age_overlap(*p.audience.age) for p in profiles]).reshape(n, len(AGE_BANDS)),
        gender=np.array([_GENDERS.index(p.audience.gender) for p in profiles], dtype=np.int8),
        professionals=np.array([p.audience.professionals for p in profiles], dtype=bool),
        goal_weights=goal_weights,
        sector=np.array([cat.index["sectors"][p.sector] for p in profiles], dtype=np.intp),
        formats=formats,
        model=np.array([_MODELS.index(p.model) for p in profiles], dtype=np.int8),
        criteria_weights=np.array([[p.criteria[c] for c in CRITERIA] for p in profiles]).reshape(n, len(CRITERIA)),
        premises=np.array([p.premises for p in profiles], dtype=bool),
        include=channel_sets["include"],
        exclude=channel_sets["exclude"],
        present=channel_sets["present_on"],
    )


@functools.lru_cache(maxsize=4)
def availability_factor(cat: Catalog) -> np.ndarray:
    """``(channel, country)``: 1 available, :data:`RESTRICTED_REACH_FACTOR` restricted, 0 blocked."""
    out = np.choose(cat.availability, [1.0, RESTRICTED_REACH_FACTOR, 0.0])
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=4)
def effective_reach(cat: Catalog) -> np.ndarray:
    """``(channel, country)`` reach with restricted networks discounted by :data:`RESTRICTED_REACH_FACTOR`."""
    out = cat.reach * availability_factor(cat)
    out.setflags(write=False)
    return out


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
        out = out + value[:, m, None] * terms
    return out


def score(arrays: ProfileArrays, cat: Catalog, goal_affinity: np.ndarray | None = None, breakdown: bool = True) -> Scores:
    """Score every channel for every encoded profile.

    Parameters
    ----------
    arrays
        Encoded profiles, see :func:`encode`.
    cat
        The catalog.
    goal_affinity
        ``(C, G)`` or ``(P, C, G)`` affinities to use instead of the catalog's (evidence-adjusted).
    breakdown
        Also return the per-criterion values and the fit without goals (the optimiser needs both);
        ranking-only callers skip them.

    Returns
    -------
    Scores
    """
    affinity = cat.goal_affinity if goal_affinity is None else goal_affinity
    reach = rowwise_dot(arrays.market_weights, effective_reach(cat))
    in_sector = cat.sector_reach.T[arrays.sector]  # (P, C), NaN where unknown
    use_sector = arrays.professionals[:, None] & ~np.isnan(in_sector)
    if use_sector.any():
        available = rowwise_dot(arrays.market_weights, availability_factor(cat))
        reach = np.where(use_sector, np.nan_to_num(in_sector) * available, reach)
    audience = rowwise_dot(arrays.age_overlap, cat.age_shares)
    female = cat.share_female[None, :]
    gender_share = np.select(
        [arrays.gender[:, None] == 1, arrays.gender[:, None] == 2], [female, 1.0 - female], default=1.0
    )
    professional_share = np.where(arrays.professionals[:, None], cat.share_professionals[None, :], 1.0)
    audience = audience * gender_share * professional_share
    goals = rowwise_dot(arrays.goal_weights, affinity)
    sector = cat.sector_fit.T[arrays.sector]
    needed = cat.format_needed.sum(axis=1)
    # counts of 0/1 products are exact integers whatever the summation order, so BLAS is safe here
    formats = (arrays.formats.astype(float) @ cat.format_needed.T.astype(float)) / np.maximum(needed, 1)
    model_fit = np.stack([cat.b2b_fit, cat.b2c_fit, (cat.b2b_fit + cat.b2c_fit) / 2.0])[arrays.model]
    values = [np.clip(v, 0.0, 1.0) for v in (reach, audience, goals, sector, formats, model_fit)]
    logs = [np.log(v, out=np.full(v.shape, LOG_ZERO), where=v > 0) for v in values]
    weights = arrays.criteria_weights
    fit = weighted_geometric_mean(logs, weights)
    if not breakdown:
        return Scores(criteria=None, score=fit, fit_without_goals=None)
    goal_index = CRITERIA.index("goals")
    other = np.delete(weights, goal_index, axis=1)
    total = other.sum(axis=1, keepdims=True)
    other = np.divide(other, total, out=np.zeros_like(other), where=total > 0)
    fit_without_goals = weighted_geometric_mean(logs[:goal_index] + logs[goal_index + 1 :], other)
    criteria = np.stack(values, axis=-1)
    return Scores(criteria=criteria, score=fit, fit_without_goals=fit_without_goals)


def exclusions(arrays: ProfileArrays, cat: Catalog, scores: Scores) -> np.ndarray:
    """``(P, C)`` codes into :data:`EXCLUSIONS`: 0 for candidates, else the first reason that applies.

    In order of precedence: excluded by the user; blocked in every target market; needs premises
    the organisation does not have; scores 0 (unless included, which keeps it a candidate).
    """
    targets = (arrays.market_weights > 0).astype(float)
    open_markets = targets @ (cat.availability != 2).T.astype(float)
    code = np.zeros(scores.score.shape, dtype=np.int8)
    code[(scores.score <= 0.0) & ~arrays.include] = EXCLUSIONS.index("no_fit")
    code[cat.needs_premises[None, :] & ~arrays.premises[:, None]] = EXCLUSIONS.index("needs_premises")
    code[open_markets == 0] = EXCLUSIONS.index("blocked")
    code[arrays.exclude] = EXCLUSIONS.index("excluded_by_you")
    return code
