"""Figures for analysts (the optional ``plot`` extra: ``pip install channelfit[plot]``).

Each function imports matplotlib when called, draws with the non-interactive Agg backend and
returns the :class:`matplotlib.figure.Figure` (save it with ``fig.savefig(path)``; it is not shown).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .criteria import CRITERIA
from .plan import Plan

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["plot_acceptability", "plot_breakdown", "plot_frontier", "plot_sensitivity"]


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    """A new Agg figure and its single axes, without touching pyplot's global state."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("channelfit's plots need matplotlib: pip install 'channelfit[plot]'") from exc
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _percent(share: float) -> str:
    """A share as a whole percentage, ``<1 %`` / ``>99 %`` rather than a misleading 0 or 100."""
    if 0 < share < 0.01:
        return "<1 %"
    if 0.99 < share < 1:
        return ">99 %"
    return f"{share * 100:.0f} %"


def plot_frontier(frame: pd.DataFrame) -> Figure:
    """The budget frontier: the optimum against monthly money, one line per weekly hours budget.

    Parameters
    ----------
    frame
        The output of :func:`channelfit.analysis.budget_frontier`.  Infeasible grid points (NaN)
        leave gaps.  When ``frame.attrs`` holds the profile's budget, it is marked.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib import colormaps

    attrs = frame.attrs
    currency = attrs.get("currency", "")
    fig, ax = _figure(8.0, 5.0)
    hours = sorted(frame["weekly_hours"].unique())
    cmap = colormaps["viridis"]
    for k, h in enumerate(hours):
        part = frame[frame["weekly_hours"] == h].sort_values("monthly")
        colour = cmap(k / max(len(hours) - 1, 1) * 0.9)
        ax.plot(part["monthly"], part["objective"], marker="o", markersize=4, color=colour, label=f"{h:g} h/week")
    budget, own_hours = attrs.get("monthly_budget"), attrs.get("weekly_hours_budget")
    if budget is not None and own_hours is not None:
        own = frame[(frame["monthly"] == budget) & (frame["weekly_hours"] == own_hours)]
        if len(own) and not math.isnan(float(own["objective"].iloc[0])):
            ax.plot([budget], [own["objective"].iloc[0]], marker="*", markersize=16, color="crimson", linestyle="none", label="your budget", zorder=5)
    ax.set_xlabel(f"monthly budget ({currency})" if currency else "monthly budget")
    kind = attrs.get("objective", "coverage")
    ax.set_ylabel("goal-weighted coverage (0..1)" if kind == "coverage" else "additive objective")
    name = attrs.get("name") or "profile"
    ax.set_title(f"What more budget buys: {name}")
    ax.set_ylim(bottom=0)
    ax.set_xlim(left=0)
    ax.grid(True, alpha=0.3)
    ax.legend(title="weekly hours", fontsize=8, title_fontsize=9, loc="lower right", ncols=2)
    return fig


def plot_breakdown(plan: Plan, top: int = 8) -> Figure:
    """Each criterion of the ``top`` ranked channels as grouped bars, with the fit score marked.

    The fit score is the weighted geometric mean of the criteria, so the lowest bars are what
    hold a channel back.

    Parameters
    ----------
    plan
        A :class:`~channelfit.Plan` (its :meth:`~channelfit.Plan.ranking_frame` is used).
    top
        How many channels, best ranked first.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    frame = plan.ranking_frame().sort_values("rank").head(top)
    n = len(frame)
    fig, ax = _figure(9.0, 1.0 + 0.75 * max(n, 1))
    colours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"]
    height = 0.8 / len(CRITERIA)
    y = np.arange(n)
    for k, criterion in enumerate(CRITERIA):
        offset = (k - (len(CRITERIA) - 1) / 2) * height
        ax.barh(y + offset, frame[criterion], height=height, color=colours[k % len(colours)], label=criterion)
    ax.plot(frame["score"], y, marker="D", color="black", linestyle="none", markersize=7, label="fit score")
    labels = [f"{r}. {c}" + ("  (in mix)" if picked else "") for c, r, picked in zip(frame.index, frame["rank"], frame["picked"])]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("criterion value (0..1, absolute scale)")
    ax.set_title(f"Why these channels: criteria of the top {n} for {plan.name or 'the profile'}")
    ax.grid(True, axis="x", alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    return fig


def plot_acceptability(frame: pd.DataFrame, top: int | None = 15) -> Figure:
    """Rank acceptability as a heat map: channels by rank position, shaded by the share of samples.

    Parameters
    ----------
    frame
        The output of :func:`channelfit.analysis.rank_acceptability`; its ``rank_*`` columns are
        drawn (``rank_other`` as the last column) and ``in_mix``, when known, is added to the labels.
    top
        Draw only the first ``top`` channels of the plain ranking (``None``: all).  Channels further
        down usually sit in ``rank_other`` in every sample and only make the map taller.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    total = len(frame)
    if top is not None:
        frame = frame.head(top)
    columns = [c for c in frame.columns if c.startswith("rank_")]
    values = frame[columns].to_numpy(dtype=float)
    n, k = values.shape
    fig, ax = _figure(1.6 + 0.62 * max(k, 1) + 2.2, 1.2 + 0.3 * max(n, 1))
    image = ax.imshow(values, cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    for i in range(n):
        for j in range(k):
            v = values[i, j]
            if v >= 0.005:
                ax.text(j, i, f"{v * 100:.0f}", ha="center", va="center", fontsize=7, color="white" if v > 0.6 else "black")
    heads = [">" + str(k - 1) if c == "rank_other" else c.removeprefix("rank_") for c in columns]
    ax.set_xticks(np.arange(k), heads)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    mix = frame["in_mix"] if "in_mix" in frame.columns else None
    labels = [str(c) if mix is None or math.isnan(float(mix.iloc[i])) else f"{c}  [mix {_percent(float(mix.iloc[i]))}]" for i, c in enumerate(frame.index)]
    ax.set_yticks(np.arange(n), labels, fontsize=8)
    ax.set_xlabel("rank position")
    attrs = frame.attrs
    detail = f"{attrs['samples']} weight samples, spread {attrs['spread']:g}" if "samples" in attrs else "weight samples"
    shown = f" (top {n} of {total} channels)" if n < total else ""
    ax.set_title(f"How stable is the ranking? % of {detail}{shown}", fontsize=10)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("share of samples")
    return fig


def plot_sensitivity(swaps: list[Any]) -> Figure:
    """For each pair of neighbours of the ranking, the weight change that swaps them (``diagnostics.sensitivity``):
    short bars are close calls, a missing bar means no single weight can swap the pair."""
    shown = [s for s in swaps if s.change is not None]
    fig, ax = _figure(8.0, 0.4 * max(3, len(swaps)) + 1.0)
    labels = [f"{s.upper} / {s.lower}" for s in swaps]
    values = [abs(s.change) if s.change is not None else 0.0 for s in swaps]
    bars = ax.barh(range(len(swaps)), values, color="#4c72b0")
    for bar, swap in zip(bars, swaps):
        if swap.criterion is not None:
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {swap.criterion} {swap.change:+.3f}", va="center", fontsize=8)
    ax.set_yticks(range(len(swaps)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("smallest change of one criterion weight that swaps the pair")
    ax.set_title(f"How close each neighbour is ({len(shown)} of {len(swaps)} pairs can be swapped by one weight)")
    return fig
