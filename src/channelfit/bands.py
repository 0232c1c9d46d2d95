"""Age bands: published figures in any bands, brought onto the catalog's bands (:data:`AGE_BANDS`).

Publishers cut ages differently (Pew 18-29, Ofcom 16-24, the CIA World Factbook 15-24 and 25-54,
MIC by decade). Every conversion here works year by year of age: a published band spreads its
figure evenly over its years, and a catalog band is the mean (for rates) or the sum (for
population shares) over its years. Open-ended bands ("65+") end at :data:`OLDEST`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .vocabulary import AGE_BANDS

__all__ = ["BAND_YEARS", "OLDEST", "population_in_bands", "rates_in_bands"]

#: The last year of age of an open-ended band.
OLDEST = 100
#: For each catalog band, the single years of age it spans (its last band is open-ended).
BAND_YEARS: tuple[np.ndarray, ...] = tuple(
    np.arange(first, (OLDEST if k == len(AGE_BANDS) - 1 else last) + 1) for k, (_, first, last) in enumerate(AGE_BANDS)
)


def _span(age_min: int, age_max: int) -> tuple[int, int]:
    return age_min, OLDEST if age_max >= 90 else age_max


def population_in_bands(rows: Iterable[tuple[int, int, float]]) -> np.ndarray:
    """Shares of the whole population in each catalog band, from ``(age_min, age_max, share)`` rows.

    Each row's share is spread evenly over its years; years no row covers count 0.
    """
    per_year = np.zeros(OLDEST + 1)
    for age_min, age_max, share in rows:
        lo, hi = _span(age_min, age_max)
        per_year[lo : hi + 1] += share / (hi - lo + 1)
    return np.array([per_year[years].sum() for years in BAND_YEARS])


def rates_in_bands(rows: Iterable[tuple[int, int, float, int]], fallback: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rates (shares of the people of an age) in each catalog band, from ``(age_min, age_max, rate, year)`` rows.

    A row that spans exactly a catalog band gives that band's rate (the latest such row: the publisher's
    own aggregate, weighted as the publisher weighted it). Otherwise each year of age takes the rate
    of the latest row covering it (the narrowest on a tie: fresher figures first, then finer ones);
    a year no row covers takes its band's ``fallback``. Returns the band means and, per band, the share of
    its years that published rows cover.
    """
    ranked = sorted(rows, key=lambda row: (row[3], -(row[1] - row[0])))  # oldest and widest first: the best row is written last
    if not ranked:  # nothing published: every band keeps its fallback (most channels and countries; skips the per-year work)
        return np.array(fallback, dtype=float), np.zeros(len(BAND_YEARS))
    per_year = np.full(OLDEST + 1, np.nan)
    for age_min, age_max, rate, _ in ranked:
        lo, hi = _span(age_min, age_max)
        per_year[lo : hi + 1] = rate
    exact = {_span(age_min, age_max): rate for age_min, age_max, rate, _ in sorted(ranked, key=lambda row: row[3])}
    means, covered = np.empty(len(BAND_YEARS)), np.empty(len(BAND_YEARS))
    for b, years in enumerate(BAND_YEARS):
        values = per_year[years]
        known = ~np.isnan(values)
        covered[b] = known.mean()
        means[b] = exact.get((int(years[0]), int(years[-1])), np.where(known, values, fallback[b]).mean())
    return means, covered
