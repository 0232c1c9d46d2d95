"""Build the analysis figures in docs/ for examples/officine_rossi.json.

    python scripts/make_figures.py [--samples N]

Writes docs/frontier.png, docs/breakdown.png and docs/acceptability.png (needs the ``plot`` extra).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import channelfit as cf
from channelfit.analysis import budget_frontier, rank_acceptability
from channelfit.plots import plot_acceptability, plot_breakdown, plot_frontier

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "officine_rossi.json"
DOCS = ROOT / "docs"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000, help="weight samples for the acceptability map")
    parser.add_argument("--out", type=Path, default=DOCS, help="output folder (default: docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    profile = EXAMPLE.read_text(encoding="utf-8")
    figures = {
        "frontier.png": plot_frontier(budget_frontier(profile)),
        "breakdown.png": plot_breakdown(cf.recommend(profile), top=8),
        "acceptability.png": plot_acceptability(rank_acceptability(profile, samples=args.samples, seed=0)),
    }
    for name, fig in figures.items():
        path = args.out / name
        fig.savefig(path, dpi=120)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
