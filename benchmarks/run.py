"""channelfit benchmarks: every figure is a ratio against a baseline measured in the same run.

    python benchmarks/run.py            # full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # smaller sizes, for a smoke test

Writes ``benchmarks/results.json`` and ``benchmarks/results.md`` (the table the README quotes).
The machines are shared and noisy: read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import numpy as np

import channelfit as cf
from channelfit.analysis import rank_acceptability
from channelfit.batch import chunk_rows, rank_top_k
from channelfit.criteria import CRITERIA, DEFAULT_CRITERIA_WEIGHTS, ProfileArrays
from channelfit.data import catalog
from channelfit.optimiser import solve
from channelfit.oracles import milp_additive, random_additive_instance
from channelfit.problem import build_problem, make_instance
from channelfit.profile import parse_profile
from channelfit.scorer import exclusions, score
from channelfit.vocabulary import AGE_BANDS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
HERE = Path(__file__).resolve().parent


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def bench_optimiser(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for n in sizes:
        instance = random_additive_instance(n, seed=n)
        ours = statistics.median(timed(lambda instance=instance: solve(instance), repeat))
        theirs = statistics.median(timed(lambda instance=instance: milp_additive(instance), max(3, repeat // 3)))
        equal = abs(solve(instance).objective - milp_additive(instance)) <= 1e-6
        rows.append({"candidates": n, "optimiser_ms": ours * 1e3, "milp_ms": theirs * 1e3, "speedup": theirs / ours, "same_optimum": equal})
    return rows


def varied_profiles() -> list[dict]:
    """The varied organisations kept in ``benchmarks/profiles.json`` (the examples, the public benchmark and more)."""
    return json.loads((HERE / "profiles.json").read_text(encoding="utf-8"))["profiles"]


def bench_recommend(repeat: int) -> dict:
    """``recommend()`` with its defaults over the varied profiles, against ``scipy.optimize.milp`` on each profile's
    same-size selection (its additive instance: every candidate at every level and spend tier, the same limits)."""
    profiles = [parse_profile(p) for p in varied_profiles()]
    # a plan that keeps accounts at given levels also solves what keeping them costs (a second, wider search)
    keeps = [any(level is not None for level in profile.present_on.values()) for profile in profiles]
    result = {"profiles": len(profiles), "keeping_accounts": sum(keeps)}
    for label, kwargs in (("default", {}), ("no_minimum_budget", {"minimum_budget_share": None})):
        times: list[float] = []
        kept_times: list[float] = []
        for _ in range(repeat):
            for profile, keeping in zip(profiles, keeps):
                start = time.perf_counter()
                cf.recommend(profile, **kwargs)
                times.append(time.perf_counter() - start)
                if keeping:
                    kept_times.append(times[-1])
        result[label] = {"median_ms": statistics.median(times) * 1e3, "p99_ms": float(np.percentile(times, 99)) * 1e3}
        if kept_times:
            result[label]["keeping_median_ms"] = statistics.median(kept_times) * 1e3
            result[label]["keeping_p99_ms"] = float(np.percentile(kept_times, 99)) * 1e3
    milp_times, equal = [], 0
    for profile in profiles:
        instance = make_instance(build_problem(profile, catalog()), "additive")
        milp_times += timed(lambda instance=instance: milp_additive(instance), 3)
        equal += abs(solve(instance).objective - milp_additive(instance)) <= 1e-6
    result["milp_median_ms"] = statistics.median(milp_times) * 1e3
    result["milp_p99_ms"] = float(np.percentile(milp_times, 99)) * 1e3
    result["same_optimum"] = f"{equal}/{len(profiles)}"
    return result


def bench_many(n: int, workers: int) -> dict:
    """``recommend_many(n_jobs=workers)`` on the varied profiles repeated to ``n`` rows, against one process."""
    base = varied_profiles()
    profiles = [{**base[i % len(base)], "name": f"{base[i % len(base)]['name']} {i}"} for i in range(n)]
    sample = profiles[: max(len(base), n // 20)]
    start = time.perf_counter()
    cf.recommend_many(sample)
    single = (time.perf_counter() - start) / len(sample)
    start = time.perf_counter()
    done = len(cf.recommend_many(profiles, n_jobs=workers))
    seconds = time.perf_counter() - start
    return {"profiles": done, "workers": workers, "seconds": seconds, "profiles_per_second": done / seconds, "one_process_profiles_per_second": 1 / single}


def random_arrays(n: int, seed: int) -> ProfileArrays:
    """Encoded profiles drawn directly as arrays, to rank a million without per-row validation."""
    cat = catalog()
    rng = np.random.default_rng(seed)
    n_countries, n_goals, n_channels = len(cat.countries), len(cat.goals), len(cat.channels)
    markets = np.zeros((n, n_countries))
    for m in range(3):
        markets[np.arange(n), rng.integers(0, n_countries, n)] += rng.random(n) * (m == 0 or rng.random() < 0.5)
    markets /= markets.sum(axis=1, keepdims=True)
    goals = rng.random((n, n_goals)) * (rng.random((n, n_goals)) < 0.3)
    goals[np.arange(n), rng.integers(0, n_goals, n)] += 1.0
    goals /= goals.sum(axis=1, keepdims=True)
    first = rng.integers(13, 60, n)
    last = np.minimum(90, first + rng.integers(5, 40, n))
    bands = np.array([[f, l] for _, f, l in AGE_BANDS])
    overlap = np.clip(np.minimum(bands[:, 1], last[:, None]) - np.maximum(bands[:, 0], first[:, None]) + 1, 0, None) / (bands[:, 1] - bands[:, 0] + 1)
    weights = np.array([DEFAULT_CRITERIA_WEIGHTS[c] for c in CRITERIA])
    people = markets[:, :, None] * cat.population_bands[None, :, :] * overlap[:, None, :]
    people /= people.sum(axis=2, keepdims=True).sum(axis=1, keepdims=True)
    sector = rng.integers(0, len(cat.sectors), n)
    return ProfileArrays(
        market_weights=markets,
        age_overlap=overlap,
        target_people=people.reshape(n, -1),
        home_market=np.argmax(markets, axis=1),
        base_market=np.argmax(markets, axis=1),
        closed=np.zeros((n, n_channels), dtype=bool),
        ad_ban_share=np.zeros(n),
        sector_mix=np.eye(len(cat.sectors))[sector],
        reach_sectors=np.zeros((n, len(cat.sectors))),
        customer_weight=np.ones(n),
        gender=rng.integers(0, 3, n).astype(np.int8),
        professionals=rng.random(n) < 0.3,
        goal_weights=goals,
        sector=sector,
        member_sector=sector,
        formats=rng.random((n, len(cat.formats))) < 0.5,
        model=rng.integers(0, 3, n).astype(np.int8),
        criteria_weights=np.tile(weights / weights.sum(), (n, 1)),
        premises=rng.random(n) < 0.5,
        include=np.zeros((n, n_channels), dtype=bool),
        exclude=np.zeros((n, n_channels), dtype=bool),
        present=np.zeros((n, n_channels), dtype=bool),
        present_level=np.full((n, n_channels), -1, dtype=np.int8),
        keep_present=np.ones(n, dtype=bool),
    )


def bench_ranking(n: int, k: int = 5) -> dict:
    cat = catalog()
    arrays = random_arrays(n, seed=2)
    reach = np.ascontiguousarray(cat.reach.T)

    def floor() -> None:
        values = arrays.market_weights @ reach
        np.argpartition(-values, k - 1, axis=1)[:, :k]

    def ours() -> None:
        chunk = chunk_rows(cat)
        for start in range(0, n, chunk):
            sub = ProfileArrays(**{f.name: getattr(arrays, f.name)[start : start + chunk] for f in fields(ProfileArrays)})
            scores = score(sub, cat, breakdown=False)
            rank_top_k(np.where(exclusions(sub, cat, scores) == 0, scores.score, -1.0), k)

    floor_s = statistics.median(timed(floor, 3))
    ours_s = statistics.median(timed(ours, 1))
    return {"profiles": n, "numpy_floor_s": floor_s, "ranking_s": ours_s, "ratio": ours_s / floor_s, "profiles_per_second": n / ours_s}


def _process_seconds(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_cold(repeat: int) -> dict:
    py = sys.executable
    cli = str(Path(py).with_name("channelfit"))
    base = _process_seconds([py, "-c", "import numpy, pydantic"], repeat)
    imp = _process_seconds([py, "-c", "import channelfit"], repeat)
    run = _process_seconds([cli, "recommend", str(EXAMPLES[0]), "--json"], repeat)
    return {"baseline_s": base, "import_s": imp, "import_ratio": imp / base, "cli_recommend_s": run, "cli_ratio": run / base}


def bench_acceptability(repeat: int) -> dict:
    """The default ``rank_acceptability`` (10,000 samples, the mix re-optimised for 200 of them) against its numpy
    floor: the same number of log-normal weight samples, a weighted geometric mean over the candidates, a full sort."""
    text = (ROOT / "examples" / "officine_rossi.json").read_text(encoding="utf-8")
    seconds = statistics.median(timed(lambda: rank_acceptability(text, samples=10_000), repeat))
    ranks_only = statistics.median(timed(lambda: rank_acceptability(text, samples=10_000, mix_samples=0), repeat))
    problem = build_problem(parse_profile(text), catalog())
    logs = np.log(np.clip(problem.scores.criteria[0, problem.candidates], 1e-300, None))  # (candidates, criteria)
    weights = np.array(list(problem.profile.criteria.values()))
    rng = np.random.default_rng(0)

    def floor() -> None:
        sampled = weights * np.exp(0.2 * rng.standard_normal((10_000, len(weights))))
        sampled /= sampled.sum(axis=1, keepdims=True)
        np.argsort(-np.exp(sampled @ logs.T), axis=1)

    floor_seconds = statistics.median(timed(floor, repeat * 4))
    return {"samples": 10_000, "seconds": seconds, "ranks_only_seconds": ranks_only, "floor_seconds": floor_seconds, "ratio": seconds / floor_seconds}


def versions() -> dict:
    import pydantic
    import scipy

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pydantic": pydantic.__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "date": time.strftime("%Y-%m-%d"),
    }


def markdown(results: dict) -> str:
    v = results["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {v['date']} on {v['machine']}; Python {v['python']}, numpy {v['numpy']}, scipy {v['scipy']}, pydantic {v['pydantic']}.",
        "Every line compares with a baseline measured in the same run. Reproduce with `python benchmarks/run.py`.",
        "",
        "| what | baseline | result | ratio | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in results["optimiser"]:
        lines.append(
            f"| optimiser, additive, {row['candidates']} candidates | milp {row['milp_ms']:.1f} ms | {row['optimiser_ms']:.2f} ms, "
            f"same optimum: {row['same_optimum']} | {row['speedup']:.1f}x faster | >= 20x |"
        )
    r = results["recommend"]
    lines.append(
        f"| recommend(), {r['profiles']} varied profiles, defaults | milp on each same-size selection: median {r['milp_median_ms']:.1f} ms, "
        f"p99 {r['milp_p99_ms']:.1f} ms (same optimum as ours: {r['same_optimum']}) | median {r['default']['median_ms']:.1f} ms, "
        f"p99 {r['default']['p99_ms']:.1f} ms | median {r['default']['median_ms'] / r['milp_median_ms']:.2f}, p99 {r['default']['p99_ms'] / r['milp_p99_ms']:.2f} of milp | "
        "median <= 0.1, p99 <= 0.5 |"
    )
    lines.append(
        f"| recommend(minimum_budget_share=None) | as above | median {r['no_minimum_budget']['median_ms']:.1f} ms, p99 {r['no_minimum_budget']['p99_ms']:.1f} ms | "
        f"median {r['no_minimum_budget']['median_ms'] / r['milp_median_ms']:.2f}, p99 {r['no_minimum_budget']['p99_ms'] / r['milp_p99_ms']:.2f} of milp | |"
    )
    if "keeping_median_ms" in r["default"]:
        d = r["default"]
        lines.append(
            f"| recommend(), the {r['keeping_accounts']} of them that keep accounts at given levels | as above | median {d['keeping_median_ms']:.1f} ms, "
            f"p99 {d['keeping_p99_ms']:.1f} ms | median {d['keeping_median_ms'] / r['milp_median_ms']:.2f}, p99 {d['keeping_p99_ms'] / r['milp_p99_ms']:.2f} of milp | |"
        )
    m = results["many"]
    lines.append(
        f"| recommend_many(n_jobs={m['workers']}), {m['profiles']:,} varied profiles | one process {m['one_process_profiles_per_second']:,.0f}/s | "
        f"{m['profiles_per_second']:,.0f} profiles/s | {m['profiles_per_second'] / m['one_process_profiles_per_second']:.2f}x | >= 2,000/s |"
    )
    k = results["ranking"]
    lines.append(
        f"| ranking only (top 5), {k['profiles']:,} profiles | numpy floor (1 matmul + argpartition) {k['numpy_floor_s']:.2f} s | "
        f"{k['ranking_s']:.2f} s ({k['profiles_per_second']:,.0f}/s) | {k['ratio']:.1f}x the floor | <= 2x |"
    )
    c = results["cold"]
    lines.append(f"| cold `import channelfit` | `import numpy, pydantic` {c['baseline_s'] * 1e3:.0f} ms | {c['import_s'] * 1e3:.0f} ms | {c['import_ratio']:.2f}x | <= 1.3x |")
    lines.append(f"| cold `channelfit recommend --json` process | `import numpy, pydantic` {c['baseline_s'] * 1e3:.0f} ms | {c['cli_recommend_s'] * 1e3:.0f} ms | {c['cli_ratio']:.2f}x | <= 2x |")
    a = results["acceptability"]
    lines.append(
        f"| rank_acceptability, defaults (10,000 samples, mix for 200) | numpy floor (log-normal weights, geometric mean, full sort) {a['floor_seconds'] * 1e3:.0f} ms | "
        f"{a['seconds'] * 1e3:.0f} ms ({a['ranks_only_seconds'] * 1e3:.0f} ms without the mixes) | {a['ratio']:.1f}x the floor | <= 4x |"
    )
    lines += ["", "The peer MCDA comparison (scikit-criteria) is not run: that library is not a dependency here.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    results = {
        "versions": versions(),
        "optimiser": bench_optimiser([20, 60, 200, 1000], repeat=5 if quick else 15),
        "recommend": bench_recommend(repeat=2 if quick else 10),
        "many": bench_many(2_000 if quick else 20_000, workers=os.cpu_count() or 1),
        "ranking": bench_ranking(50_000 if quick else 1_000_000),
        "cold": bench_cold(repeat=3 if quick else 10),
        "acceptability": bench_acceptability(repeat=2 if quick else 5),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (HERE / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
