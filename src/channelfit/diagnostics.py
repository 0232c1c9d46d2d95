"""Diagnostics that MCDA libraries offer: weights from pairwise judgements (AHP), the decision matrix,
dominance, the weight change that swaps two neighbours, and a rank-similarity coefficient.

They read a :class:`~channelfit.plan.Plan` (its ranking, criteria and criterion weights) and never
change it; pandas is imported only by :func:`decision_matrix`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .criteria import CRITERIA
from .errors import ProfileError, finite_number
from .plan import Plan

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RANDOM_INDEX", "PairwiseWeights", "WeightSwap", "decision_matrix", "objective_weights", "sensitivity", "to_skcriteria", "weights_from_pairs", "ws_coefficient"]

#: Saaty's random consistency index by matrix size (Saaty 1990, "How to make a decision: the analytic
#: hierarchy process", European Journal of Operational Research 48; table as printed at
#: http://www.healthstrategy.com/ahp/AHPinfo.htm).
RANDOM_INDEX: Mapping[int, float] = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.51}
#: The largest consistency ratio accepted (Saaty's rule).
MAX_CONSISTENCY_RATIO = 0.1


@dataclass(frozen=True)
class PairwiseWeights:
    """Criterion weights from pairwise judgements: ``weights`` (sum 1, usable as ``criteria_weights``),
    the principal eigenvalue ``lambda_max``, and the ``consistency_ratio`` (CI / RI)."""

    weights: dict[str, float]
    lambda_max: float
    consistency_ratio: float


def weights_from_pairs(pairs: Mapping[str, Mapping[str, Any]]) -> PairwiseWeights:
    """AHP: criterion weights from pairwise judgements on Saaty's 1-9 scale.

    Parameters
    ----------
    pairs
        ``{a: {b: r}}``: criterion ``a`` is ``r`` times as important as ``b`` (1/9..9). Every pair of the
        criteria named must be judged once, in either direction; names are those of
        :data:`~channelfit.criteria.CRITERIA`.

    Returns
    -------
    PairwiseWeights
        The principal eigenvector, normalised (Saaty's method).

    Raises
    ------
    ProfileError
        An unknown criterion, a judgement outside 1/9..9, a pair missing or given twice, or a
        consistency ratio above 0.1 (naming the judgement furthest from consistency).
    """
    if not isinstance(pairs, Mapping) or not pairs:
        raise ProfileError("pairwise judgements must be an object", field="pairs", value=type(pairs).__name__, allowed="{criterion: {criterion: ratio}}")
    judged: dict[tuple[str, str], float] = {}
    for a, row in pairs.items():
        if not isinstance(row, Mapping):
            raise ProfileError("must be an object of criterion -> ratio", field=f"pairs.{a}", value=type(row).__name__, allowed="{criterion: ratio}")
        for b, ratio in row.items():
            for name in (a, b):
                if name not in CRITERIA:
                    raise ProfileError("unknown criterion", field=f"pairs.{a}.{b}", value=name, allowed=", ".join(CRITERIA))
            number = finite_number(ratio)
            if number is None or not 1 / 9 - 1e-9 <= number <= 9 + 1e-9 or a == b:
                raise ProfileError("judgement is not allowed", field=f"pairs.{a}.{b}", value=ratio, allowed="a ratio from 1/9 to 9 between two different criteria")
            if (a, b) in judged or (b, a) in judged:
                raise ProfileError("pair judged twice", field=f"pairs.{a}.{b}", value=ratio, allowed="each pair once, in either direction")
            judged[(a, b)] = number
    names = [c for c in CRITERIA if any(c in pair for pair in judged)]
    n = len(names)
    matrix = np.ones((n, n))
    for i, a in enumerate(names):
        for j, b in enumerate(names[i + 1 :], start=i + 1):
            if (a, b) in judged:
                matrix[i, j] = judged[(a, b)]
            elif (b, a) in judged:
                matrix[i, j] = 1.0 / judged[(b, a)]
            else:
                raise ProfileError("pair not judged", field=f"pairs.{a}.{b}", value=None, allowed="a judgement for every pair of the criteria named")
            matrix[j, i] = 1.0 / matrix[i, j]
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    lambda_max = float(values[k].real)
    index = RANDOM_INDEX.get(n, 1.51)
    ratio = 0.0 if index == 0 else max(0.0, (lambda_max - n) / (n - 1)) / index
    if ratio > MAX_CONSISTENCY_RATIO:
        deviation = np.abs(np.log(matrix * weights[None, :] / weights[:, None]))
        i, j = np.unravel_index(int(np.argmax(np.triu(deviation, 1))), deviation.shape)
        raise ProfileError(
            f"judgements are inconsistent (consistency ratio {ratio:.3f}); the furthest from the others is {names[i]} vs {names[j]}",
            field=f"pairs.{names[i]}.{names[j]}",
            value=float(matrix[i, j]),
            allowed=f"judgements with a consistency ratio of at most {MAX_CONSISTENCY_RATIO}: about {weights[i] / weights[j]:.2g} would agree with the rest",
        )
    return PairwiseWeights(weights={name: float(w) for name, w in zip(names, weights)}, lambda_max=lambda_max, consistency_ratio=float(ratio))


def decision_matrix(plan: Plan) -> pd.DataFrame:
    """The eligible channels' criteria as a frame (rows: channels in ranking order; columns: criteria).

    ``frame.attrs`` holds ``weights`` (the plan's normalised criterion weights) and ``types`` (every
    criterion is a benefit: higher is better, ``1`` in pymcdm's convention). The plan's score is the
    weighted product of the columns (pymcdm's WPM, scikit-criteria's ``WeightedProductModel``);
    :func:`to_skcriteria` gives a ``skcriteria`` DecisionMatrix when that package is installed.
    """
    import pandas as pd

    frame = pd.DataFrame([{name: r.criteria[name] for name in CRITERIA} for r in plan.ranking], index=pd.Index([r.channel for r in plan.ranking], name="channel"))
    frame.attrs.update(weights=dict(plan.criteria_weights), types={name: 1 for name in CRITERIA})
    return frame


def to_skcriteria(plan: Plan) -> Any:
    """The decision matrix as a ``skcriteria`` DecisionMatrix (needs scikit-criteria, not a dependency)."""
    try:
        import skcriteria
    except ImportError:
        raise ProfileError("scikit-criteria is not installed", field="skcriteria", allowed="pip install scikit-criteria") from None
    frame = decision_matrix(plan)
    return skcriteria.mkdm(frame.to_numpy(), [max] * len(CRITERIA), weights=[plan.criteria_weights[c] for c in CRITERIA], alternatives=list(frame.index), criteria=list(CRITERIA))


@dataclass(frozen=True)
class WeightSwap:
    """The smallest change of one criterion weight that swaps two neighbours of the ranking."""

    upper: str
    lower: str
    criterion: str | None
    change: float | None  # in units of the normalised weight; None when no single weight can swap them


#: Two criterion values whose logarithms differ by less than this are equal but for float rounding (0.15 against
#: 0.15000000000000002 asked for a weight change of 1.7e15 that swapped nothing).
_EQUAL_LOG = 1e-12


def sensitivity(plan: Plan) -> list[WeightSwap]:
    """For each pair of neighbours in the ranking, the smallest change of one criterion weight that swaps them.

    The score is ``exp(sum_k w_k log x_k)``, so the order of two channels follows the sign of
    ``D = sum_k w_k d_k`` with ``d_k = log x_upper,k - log x_lower,k`` (renormalising the weights
    does not change the sign). Changing ``w_k`` by ``-D / d_k`` makes them tie; the smallest such
    change that keeps ``w_k >= 0`` is reported (criteria where a value is 0, or where the two are equal but for
    float rounding, are skipped).
    """
    weights = np.array([plan.criteria_weights[c] for c in CRITERIA])
    out = []
    for upper, lower in zip(plan.ranking, plan.ranking[1:]):
        x = np.array([upper.criteria[c] for c in CRITERIA])
        y = np.array([lower.criteria[c] for c in CRITERIA])
        usable = (x > 0) & (y > 0)
        d = np.where(usable, np.log(np.where(usable, x, 1.0)) - np.log(np.where(usable, y, 1.0)), 0.0)
        d[np.abs(d) < _EQUAL_LOG] = 0.0  # equal but for rounding: no weight change on it swaps the pair measurably
        total = float(weights @ d)
        best: tuple[float, str] | None = None
        for k, name in enumerate(CRITERIA):
            if d[k] == 0 or not usable[k]:
                continue
            change = -total / d[k]
            if weights[k] + change < 0:
                continue
            if best is None or abs(change) < abs(best[0]):
                best = (change, name)
        out.append(WeightSwap(upper.channel, lower.channel, None if best is None else best[1], None if best is None else best[0]))
    return out


def objective_weights(plan: Plan) -> dict[str, dict[str, float]]:
    """Criterion weights the data alone would suggest, as a diagnostic beside the chosen ones (never used by the plan).

    ``entropy``: criteria on which the eligible channels differ most weigh most (Shannon entropy of each
    column's shares). ``critic``: CRITIC (Diakoulaki et al. 1995), contrast (standard deviation of the
    min-max normalised column) times conflict (sum of 1 - correlation with the other columns).
    A criterion on which every channel is equal gets weight 0 in both.
    """
    matrix = np.array([[r.criteria[c] for c in CRITERIA] for r in plan.ranking], dtype=float)
    if len(matrix) < 2:
        raise ProfileError("objective weights need at least two eligible channels", field="ranking", value=len(matrix), allowed="a plan with two or more ranked channels")
    totals = matrix.sum(axis=0)
    shares = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    logs = np.log(shares, out=np.zeros_like(shares), where=shares > 0)
    diversity = 1.0 + (shares * logs).sum(axis=0) / np.log(len(matrix))
    diversity = np.where(totals > 0, np.clip(diversity, 0.0, None), 0.0)
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    normalised = np.divide(matrix - low, high - low, out=np.zeros_like(matrix), where=high > low)
    spread = normalised.std(axis=0)
    varying = spread > 0
    correlation = np.eye(len(CRITERIA))
    if varying.sum() > 1:
        correlation[np.ix_(varying, varying)] = np.corrcoef(normalised[:, varying], rowvar=False)
    information = spread * (1.0 - correlation).sum(axis=0)

    def normalise(values: np.ndarray) -> dict[str, float]:
        total = values.sum()
        return {c: float(v / total) if total > 0 else 0.0 for c, v in zip(CRITERIA, values)}

    return {"entropy": normalise(diversity), "critic": normalise(information)}


def ws_coefficient(first: Sequence[float], second: Sequence[float]) -> float:
    """The WS rank-similarity coefficient (Sałabun & Urbaniak 2020): 1 for equal rankings, near 0 for
    rankings that disagree most at the top. ``first`` and ``second`` are the ranks (1 = best) of the same items;
    differences at the top of ``first`` weigh most."""
    x, y = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    n = len(x)
    if n < 2 or len(y) != n:
        raise ProfileError("rankings must have the same length, at least 2", field="rankings", value=(len(x), len(y)), allowed="two rankings of the same items")
    spread = np.maximum(np.abs(x - 1), np.abs(x - n))
    return float(1.0 - np.sum(2.0 ** (-x) * np.abs(x - y) / spread))
