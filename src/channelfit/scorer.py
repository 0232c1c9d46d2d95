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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .catalog import AGE_BANDS, Catalog
from .profile import CRITERIA, Profile

__all__ = ["RESTRICTED_REACH_FACTOR", "ProfileArrays", "Scores", "encode", "score"]

#: A ``restricted`` network (throttled, partly blocked, posting limited) counts at this share of its
#: measured reach: a judgement, halfway between available and blocked.
RESTRICTED_REACH_FACTOR = 0.5
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


@dataclass(frozen=True)
class Scores:
    """Scorer output for P profiles and C channels.

    Attributes
    ----------
    criteria
        ``(P, C, len(CRITERIA))`` criteria values in 0..1.
    score
        ``(P, C)`` fit score in 0..1 (weighted geometric mean of all criteria).
    fit_without_goals
        ``(P, C)`` the same mean without the goals criterion: how well the channel fits the
        organisation whatever it is used for; the optimiser multiplies it by goal affinities.
    """

    criteria: np.ndarray
    score: np.ndarray
    fit_without_goals: np.ndarray


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
    countries, goals, fmt_index = cat.index["countries"], cat.index["goals"], cat.index["formats"]
    for p, profile in enumerate(profiles):
        for country, weight in profile.markets.items():
            market_weights[p, countries[country]] = weight
        for goal, weight in profile.goals.items():
            goal_weights[p, goals[goal]] = weight
        for fmt in profile.formats:
            formats[p, fmt_index[fmt]] = True
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


def weighted_geometric_mean(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``prod(values ** weights)`` along the last axis; a zero value with positive weight gives 0.

    ``weights`` broadcasts against ``values`` and is expected to sum to 1 along the last axis.
    """
    with np.errstate(divide="ignore"):
        logs = np.log(values)
    terms = np.where(weights > 0, weights * logs, 0.0)
    return np.exp(terms.sum(axis=-1))


def score(arrays: ProfileArrays, cat: Catalog, goal_affinity: np.ndarray | None = None) -> Scores:
    """Score every channel for every encoded profile.

    Parameters
    ----------
    arrays
        Encoded profiles, see :func:`encode`.
    cat
        The catalog.
    goal_affinity
        ``(C, G)`` or ``(P, C, G)`` affinities to use instead of the catalog's (evidence-adjusted).

    Returns
    -------
    Scores
    """
    affinity = cat.goal_affinity if goal_affinity is None else goal_affinity
    reach = arrays.market_weights @ effective_reach(cat).T
    in_sector = cat.sector_reach.T[arrays.sector]  # (P, C), NaN where unknown
    use_sector = arrays.professionals[:, None] & ~np.isnan(in_sector)
    if use_sector.any():
        available = arrays.market_weights @ availability_factor(cat).T
        reach = np.where(use_sector, np.nan_to_num(in_sector) * available, reach)
    audience = arrays.age_overlap @ cat.age_shares.T
    female = cat.share_female[None, :]
    gender_share = np.select(
        [arrays.gender[:, None] == 1, arrays.gender[:, None] == 2], [female, 1.0 - female], default=1.0
    )
    professional_share = np.where(arrays.professionals[:, None], cat.share_professionals[None, :], 1.0)
    audience = audience * gender_share * professional_share
    if affinity.ndim == 2:
        goals = arrays.goal_weights @ affinity.T
    else:
        goals = np.einsum("pg,pcg->pc", arrays.goal_weights, affinity)
    sector = cat.sector_fit.T[arrays.sector]
    needed = cat.format_needed.sum(axis=1)
    formats = (arrays.formats.astype(float) @ cat.format_needed.T.astype(float)) / np.maximum(needed, 1)
    model_fit = np.stack([cat.b2b_fit, cat.b2c_fit, (cat.b2b_fit + cat.b2c_fit) / 2.0])[arrays.model]
    criteria = np.clip(np.stack([reach, audience, goals, sector, formats, model_fit], axis=-1), 0.0, 1.0)
    weights = arrays.criteria_weights[:, None, :]
    fit = weighted_geometric_mean(criteria, weights)
    goal_index = CRITERIA.index("goals")
    other = np.delete(weights, goal_index, axis=-1)
    total = other.sum(axis=-1, keepdims=True)
    other = np.divide(other, total, out=np.zeros_like(other), where=total > 0)
    fit_without_goals = weighted_geometric_mean(np.delete(criteria, goal_index, axis=-1), other)
    return Scores(criteria=criteria, score=fit, fit_without_goals=fit_without_goals)


def criteria_dict(values: np.ndarray) -> Mapping[str, float]:
    """One channel's criteria row as ``{criterion: value}``."""
    return {name: float(v) for name, v in zip(CRITERIA, values)}
