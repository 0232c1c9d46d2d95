"""The plots draw what they are given (the plot extra, installed with the test extra)."""

from __future__ import annotations

import pytest

import channelfit as cf

from .conftest import load_example

pytest.importorskip("matplotlib")

from channelfit.plots import plot_acceptability, plot_breakdown, plot_frontier  # noqa: E402


def test_frontier_plot_has_one_line_per_hours_level() -> None:
    frame = cf.budget_frontier(load_example("officine_rossi"), monthly=[0, 400, 800], weekly_hours=[3, 6])
    fig = plot_frontier(frame)
    ax = fig.axes[0]
    assert sorted(line.get_label() for line in ax.get_lines() if line.get_label().endswith("h/week")) == ["3 h/week", "6 h/week"]
    assert any(line.get_label() == "your budget" for line in ax.get_lines())
    assert "budget" in ax.get_xlabel()


def test_breakdown_plot_covers_the_top_channels() -> None:
    plan = cf.recommend(load_example("restaurant_valencia"))
    fig = plot_breakdown(plan, top=4)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()] + [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert any(plan.ranking[0].name in label or plan.ranking[0].channel in label for label in labels)


def test_acceptability_plot_is_a_heat_map() -> None:
    frame = cf.rank_acceptability(load_example("officine_rossi"), samples=200, mix_samples=0)
    fig = plot_acceptability(frame, top=5)
    assert fig.axes[0].images, "a heat map image"
