"""Many profiles at once: ``recommend_many`` (scores vectorised, one exact solve per profile)
and ``top_k`` (ranking only, fully vectorised, for very large batches).

Both are pure functions of their input rows, so they can run per partition, e.g. over a
Dask DataFrame with ``ddf.map_partitions(cf.recommend_many, meta=...)``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import numpy as np

from .criteria import ProfileArrays
from .data import Catalog, as_catalog
from .errors import ChannelfitError, ProfileError
from .problem import build_problem, hired_cost, hired_hours, mix_hours, mix_money, ordered_picks
from .profile import Profile, parse_profile
from .recommender import check_options
from .scorer import Scores, encode, exclusions, score
from .solutions import main_mix
from .vocabulary import LEVELS, ObjectiveName

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_BATCH_ROWS", "recommend_many", "top_k"]

#: Largest batch accepted in one call; split bigger inputs (or use top_k on encoded arrays).
MAX_BATCH_ROWS = 1_000_000
_NESTED = ("markets", "goals", "audience", "budget", "formats", "present_on", "include", "exclude", "criteria_weights")
#: Bytes of one (profiles, channels) float array of a ranking chunk: under glibc's largest mmap threshold (32 MiB), an
#: array above which is mapped and zeroed afresh at each allocation, so that the chunk's arrays reuse freed memory: at
#: 16,384 rows the catalog's 256 channels made 32 MiB exactly and ranking a million profiles took 108 s, not 55.
_CHUNK_BYTES = 16 * 2**20


def chunk_rows(cat: Catalog) -> int:
    """The profiles ranked at a time: as many as keep each (profiles, channels) float array within :data:`_CHUNK_BYTES`."""
    return max(1, _CHUNK_BYTES // (8 * len(cat.channels)))

MANY_COLUMNS = ["name", "objective", "channels", "levels", "monthly_cost", "currency", "monthly_cost_eur", "weekly_hours", "hired_weekly_hours", "hired_monthly_cost", "error"]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _record(row: Mapping[str, Any], index: int) -> dict[str, Any]:
    """A flat table row as the profile's dict form: dotted columns nest, JSON text in nested fields is parsed."""
    record: dict[str, Any] = {}
    for key, value in row.items():
        if _missing(value):
            continue
        if isinstance(value, np.generic):
            value = value.item()
        parts = str(key).split(".")
        if parts[0] in _NESTED and len(parts) == 1 and isinstance(value, str) and value.lstrip().startswith(("{", "[")):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                raise ProfileError("is not valid JSON", field=f"rows[{index}].{key}", value=value[:60], allowed="JSON text") from None
        target = record
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return record


def _rows(profiles: Any) -> list[Any]:
    if hasattr(profiles, "to_dict") and hasattr(profiles, "columns"):
        rows: list[Any] = [_record(r, i) for i, r in enumerate(profiles.to_dict(orient="records"))]
    elif isinstance(profiles, (str, bytes, Mapping)) or not isinstance(profiles, Iterable):
        raise ProfileError("expected many profiles", field="profiles", value=type(profiles).__name__, allowed="a pandas DataFrame or a list of profiles")
    else:
        rows = list(profiles)
    if len(rows) > MAX_BATCH_ROWS:
        raise ProfileError("batch is too large", field="profiles", value=len(rows), allowed=f"at most {MAX_BATCH_ROWS} rows per call")
    return rows


def _take(arrays: ProfileArrays, scores: Scores, p: int) -> tuple[ProfileArrays, Scores]:
    one = ProfileArrays(**{f.name: getattr(arrays, f.name)[p : p + 1] for f in fields(ProfileArrays)})
    return one, Scores(**{f.name: getattr(scores, f.name)[p : p + 1] for f in fields(Scores)})


def recommend_many(
    profiles: pd.DataFrame | Sequence[Profile | Mapping[str, Any] | str],
    objective: ObjectiveName = "coverage",
    catalog: Catalog | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Recommend a mix for each of many profiles; one output row per input row.

    Scoring is vectorised across all profiles and channels; each profile then gets the same exact
    solve as :func:`channelfit.recommend`, so every row equals ``recommend()`` on that profile.

    Parameters
    ----------
    profiles
        A pandas DataFrame with one profile per row (columns as in the dict form; nested fields as
        objects, JSON text, or dotted columns such as ``budget.monthly``), or a list of profiles.
    objective
        ``"coverage"`` or ``"additive"``.
    catalog
        The catalog (default: the packaged one).
    n_jobs
        Worker processes, as in scikit-learn: ``None`` or 1 runs in this process, -1 uses every core.
        Workers are started with ``spawn`` (safe with threads, the same on every platform) and each
        loads the catalog once, so processes pay off from a few hundred profiles; the rows are the
        same, in the same order, whatever ``n_jobs``.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``objective``, ``channels`` and ``levels`` (tuples, best first),
        ``monthly_cost`` and ``currency``, ``monthly_cost_eur``, ``weekly_hours``, ``hired_weekly_hours`` and
        ``hired_monthly_cost`` (the hours the mix hires at ``budget.hourly_rate``, setup included, and their cost in
        ``currency``, not in ``monthly_cost``; 0 without a rate), and ``error``
        (the one-line message of a row's :class:`ChannelfitError`, else ``None``; such a row has no mix).
    """
    import pandas as pd

    check_options(objective)
    cat = as_catalog(catalog)
    rows = _rows(profiles)
    workers = min(_workers(n_jobs), max(1, len(rows) // _ROWS_PER_WORKER))
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = math.ceil(len(rows) / (workers * _CHUNKS_PER_WORKER))
        directory = None if catalog is None else str(cat.directory)
        jobs = [(rows[i : i + size], objective, directory) for i in range(0, len(rows), size)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            out = [record for chunk in pool.map(_recommend_chunk, jobs) for record in chunk]
    else:
        out = _recommend_rows(rows, objective, cat)
    frame = pd.DataFrame(out, columns=MANY_COLUMNS)
    frame["error"] = pd.Series([row.get("error") for row in out], dtype=object)  # None, not NaN, for rows without error
    if hasattr(profiles, "index") and hasattr(profiles, "columns"):
        frame.index = profiles.index
    return frame


#: Fewer rows than this per worker are solved in this process: starting a worker costs about a
#: third of a second (imports and the catalog), the time of a few dozen plans.
_ROWS_PER_WORKER = 200
#: Each worker gets this many chunks, so a slow chunk does not leave the other cores idle.
_CHUNKS_PER_WORKER = 4


def _workers(n_jobs: int | None) -> int:
    """Worker processes for ``n_jobs`` (None or 1: this process; -1: every core)."""
    import os

    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ProfileError("must be a whole number >= 1, or -1 for every core", field="n_jobs", value=n_jobs, allowed="None, -1, or a whole number >= 1")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def _recommend_chunk(job: tuple[list[Any], ObjectiveName, str | None]) -> list[dict[str, Any]]:
    """One worker's share: ``(rows, objective, catalog directory or None for the packaged one)``."""
    from .data import load_catalog

    rows, objective, directory = job
    return _recommend_rows(rows, objective, as_catalog(None) if directory is None else load_catalog(directory))


def _recommend_rows(rows: list[Any], objective: ObjectiveName, cat: Catalog) -> list[dict[str, Any]]:
    """The plans' summary records for ``rows``, solved in this process (see :func:`recommend_many`)."""
    parsed: list[Profile | ChannelfitError] = []
    for row in rows:
        try:
            parsed.append(parse_profile(row, cat))
        except ChannelfitError as exc:
            parsed.append(exc)
    valid = [p for p in parsed if isinstance(p, Profile)]
    if valid:  # a chunk of bad rows only has nothing to score
        arrays = encode(valid, cat)
        scores = score(arrays, cat)
    out: list[dict[str, Any]] = []
    v = 0
    for item in parsed:
        if not isinstance(item, Profile):
            out.append({"error": str(item)})
            continue
        one_arrays, one_scores = _take(arrays, scores, v)
        v += 1
        try:
            chosen = main_mix(build_problem(item, cat, arrays=one_arrays, scores=one_scores), objective)
            problem, solved = chosen.problem, chosen.solved
        except ChannelfitError as exc:
            out.append({"name": item.name, "error": str(exc)})
            continue
        mix = ordered_picks(problem, solved.solution.levels, solved.extra_eur)
        money = mix_money(problem, mix)
        out.append(
            {
                "name": item.name,
                "objective": solved.value,
                "channels": tuple(cat.channels[p.channel] for p in mix),
                "levels": tuple(LEVELS[p.level] for p in mix),
                "monthly_cost": money * problem.fx_per_eur,
                "currency": item.budget.currency,
                "monthly_cost_eur": money,
                "weekly_hours": mix_hours(problem, mix),
                "hired_weekly_hours": hired_hours(problem, mix),
                "hired_monthly_cost": hired_cost(problem, mix) * problem.fx_per_eur,
                "error": None,
            }
        )
    return out


def top_k(profiles: pd.DataFrame | Sequence[Profile | Mapping[str, Any] | str] | ProfileArrays, k: int = 5, catalog: Catalog | None = None) -> pd.DataFrame:
    """The ``k`` best eligible channels by fit score for each profile, without the optimiser.

    Fully vectorised: for very large batches pass a :class:`~channelfit.scorer.ProfileArrays`
    (from :func:`channelfit.scorer.encode`, built in chunks) to skip per-row validation.
    The order equals ``recommend(profile).ranking`` (ties by catalog order), except where a profile lets the plan
    close its accounts (``may_drop_accounts``) and the plan keeps them because closing them adds too little
    (:func:`~channelfit.solutions.main_mix`): its ranking is then that of the profile keeping them, which ranks the
    accounts it keeps; ``top_k`` solves nothing and ranks the profile as given.

    Returns
    -------
    pandas.DataFrame
        Columns ``channel_1 .. channel_k`` and ``score_1 .. score_k``; missing (NA) where a profile
        has fewer than ``k`` eligible channels.
    """
    import pandas as pd

    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ProfileError("must be a whole number >= 1", field="k", value=k, allowed="a whole number >= 1")
    cat = as_catalog(catalog)
    arrays = profiles if isinstance(profiles, ProfileArrays) else encode([parse_profile(r, cat) for r in _rows(profiles)], cat)
    parts = []
    rows = chunk_rows(cat)
    for start in range(0, len(arrays.sector), rows):  # chunks bound the memory of the (P, C, criteria) arrays
        chunk = ProfileArrays(**{f.name: getattr(arrays, f.name)[start : start + rows] for f in fields(ProfileArrays)})
        scores = score(chunk, cat, breakdown=False)
        eligible = exclusions(chunk, cat, scores) == 0
        parts.append(rank_top_k(np.where(eligible, scores.score, -1.0), k))
    channels = np.concatenate([c for c, _ in parts])
    best = np.concatenate([b for _, b in parts])
    names = np.array([*cat.channels, None], dtype=object)
    columns = {f"channel_{r + 1}": names[np.where(best[:, r] >= 0, channels[:, r], len(cat.channels))] for r in range(channels.shape[1])}
    columns |= {f"score_{r + 1}": np.where(best[:, r] >= 0, best[:, r], np.nan) for r in range(channels.shape[1])}
    index = profiles.index if hasattr(profiles, "index") and hasattr(profiles, "columns") else None
    return pd.DataFrame(columns, index=index)


def rank_top_k(values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and values of each row's ``k`` largest entries, best first, ties by lower index."""
    k = min(k, values.shape[1])
    part = np.argpartition(-values, k - 1, axis=1)[:, :k] if k < values.shape[1] else np.tile(np.arange(values.shape[1]), (len(values), 1))
    top = np.take_along_axis(values, part, axis=1)
    order = np.lexsort((part, -top), axis=1)
    index = np.take_along_axis(part, order, axis=1)
    return index, np.take_along_axis(values, index, axis=1)
