"""Benchmark: rank acceptability over 10,000 weight samples, vectorised vs a naive per-sample loop.

    python benchmarks/bench_analysis.py

Times :func:`channelfit.analysis.rank_acceptability` on ``examples/officine_rossi.json`` (full
catalog, 10,000 samples, no mix re-optimisation; median of 5 runs), and estimates the naive loop
that calls :func:`channelfit.scorer.score` once per sample by timing 200 single-profile calls
and extrapolating to 10,000.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from channelfit.analysis import rank_acceptability
from channelfit.catalog import catalog
from channelfit.profile import parse_profile
from channelfit.scorer import encode, score

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "officine_rossi.json"
SAMPLES = 10_000
RUNS = 5
NAIVE_CALLS = 200


def run() -> dict:
    text = EXAMPLE.read_text(encoding="utf-8")
    rank_acceptability(text, samples=100, mix_samples=0)  # warm-up: catalog load, caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        rank_acceptability(text, samples=SAMPLES, seed=0, mix_samples=0)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)

    # Naive baseline: one scorer call per sample, each with its own weights (as a loop would do).
    cat = catalog()
    arrays = encode([parse_profile(text)], cat)
    rng = np.random.default_rng(0)
    goal = arrays.goal_weights * np.exp(0.2 * rng.standard_normal((NAIVE_CALLS, arrays.goal_weights.shape[1])))
    crit = arrays.criteria_weights * np.exp(0.2 * rng.standard_normal((NAIVE_CALLS, arrays.criteria_weights.shape[1])))
    goal /= goal.sum(axis=1, keepdims=True)
    crit /= crit.sum(axis=1, keepdims=True)
    score(arrays, cat)  # warm-up
    start = time.perf_counter()
    for s in range(NAIVE_CALLS):
        result = score(replace(arrays, goal_weights=goal[s : s + 1], criteria_weights=crit[s : s + 1]), cat)
        np.argsort(-result.score[0], kind="stable")
    naive = (time.perf_counter() - start) / NAIVE_CALLS * SAMPLES
    return {
        "name": "rank_acceptability_10k",
        "seconds": round(seconds, 4),
        "naive_loop_seconds_estimate": round(naive, 4),
        "ratio": round(naive / seconds, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
