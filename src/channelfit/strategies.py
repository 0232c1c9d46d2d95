"""Hypothesis strategies for valid channelfit inputs, to property-test code built on channelfit.

>>> from hypothesis import given
>>> from channelfit.strategies import profiles
>>> @given(profiles())
... def test_my_wizard(profile):
...     ...

Needs ``hypothesis`` (the ``strategies`` or ``test`` extra).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from .criteria import CRITERIA
from .data import Catalog, as_catalog
from .vocabulary import LEVELS

__all__ = ["budgets", "criteria_weights", "present_accounts", "profiles", "weights"]


def weights(ids: list[str] | tuple[str, ...], max_size: int = 4) -> st.SearchStrategy[Any]:
    """A list of ids (equal weights) or a mapping id -> positive weight."""
    keys = st.lists(st.sampled_from(ids), min_size=1, max_size=max_size, unique=True)
    as_dict = keys.flatmap(
        lambda chosen: st.fixed_dictionaries({k: st.integers(min_value=1, max_value=10) for k in chosen})
    )
    return st.one_of(keys, as_dict)


def budgets(cat: Catalog | None = None, with_rate: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Budgets from nothing to generous, in EUR or another catalog currency; ``with_rate``: an ``hourly_rate``
    too (from a few EUR an hour to an agency's, or none)."""
    cat = as_catalog(cat)
    currency = st.sampled_from(sorted(cat.fx_per_eur))
    rate_eur = st.none() | st.sampled_from([5.0, 20.0, 60.0, 150.0]) | st.floats(0.5, 300, allow_nan=False) if with_rate else st.none()

    def budget(cur: str, eur: float, hours: float, rate: float | None) -> dict[str, Any]:
        drawn = {"monthly": round(eur * cat.fx_per_eur[cur], 2), "currency": cur, "weekly_hours": hours}
        return drawn if rate is None else {**drawn, "hourly_rate": round(rate * cat.fx_per_eur[cur], 2) or 0.01}

    return st.builds(
        budget,
        currency,
        st.sampled_from([0.0, 50.0, 200.0, 800.0, 3000.0]) | st.floats(0, 5000, allow_nan=False).map(lambda x: round(x, 2)),
        st.sampled_from([0.0, 1.0, 3.0, 6.0, 12.0, 40.0]) | st.floats(0, 60, allow_nan=False).map(lambda x: round(x, 1)),
        rate_eur,
    )


def present_accounts(cat: Catalog | None = None) -> st.SearchStrategy[Any]:
    """Accounts already run: a list of channels (levels unknown) or ``{channel: level or None}`` with offered levels."""
    cat = as_catalog(cat)
    channels = st.lists(st.sampled_from(list(cat.channels)), max_size=3, unique=True)

    def levels(chosen: list[str]) -> st.SearchStrategy[dict[str, str | None]]:
        offered = {c: [lv for k, lv in enumerate(LEVELS) if cat.level_offered[cat.index["channels"][c], k]] for c in chosen}
        return st.fixed_dictionaries({c: st.sampled_from([*offered[c], None]) for c in chosen})

    return st.one_of(channels, channels.flatmap(levels))


def criteria_weights() -> st.SearchStrategy[dict[str, float]]:
    """Overrides of some criterion weights (the rest keep their defaults); never all zero."""
    weight = st.sampled_from([0.0, 0.05, 0.1, 0.25, 0.5]) | st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)
    overrides = st.dictionaries(st.sampled_from(CRITERIA), weight, max_size=3)
    return overrides.filter(lambda chosen: len(chosen) < len(CRITERIA) or any(chosen.values()))


@st.composite
def profiles(draw: st.DrawFn, cat: Catalog | None = None, with_include: bool = True, with_rate: bool = False) -> dict[str, Any]:
    """Valid profiles in the JSON (dict) form of :func:`channelfit.recommend`.

    Parameters
    ----------
    cat
        The catalog whose vocabularies to draw from (default: the bundled one).
    with_include
        Also draw ``include`` channels and accounts the plan must keep (either can make a profile
        infeasible: recommend then raises :class:`~channelfit.InfeasibleError`). Without them,
        ``may_drop_accounts`` is true.
    with_rate
        Also draw a ``budget.hourly_rate`` (or none), see :func:`budgets`.
    """
    cat = as_catalog(cat)
    channels = list(cat.channels)
    youngest = draw(st.integers(13, 80))
    oldest = draw(st.integers(youngest, 90))
    exclude = draw(st.lists(st.sampled_from(channels), max_size=4, unique=True))
    allowed_include = [c for c in channels if c not in exclude]
    include = draw(st.lists(st.sampled_from(allowed_include), max_size=2, unique=True)) if with_include else []
    return {
        "name": draw(st.text(max_size=30)),
        "kind": draw(st.sampled_from(["person", "company", "brand", "nonprofit", "public_body"])),
        "model": draw(st.sampled_from(["b2b", "b2c", "b2b2c"])),
        "sector": draw(st.sampled_from(list(cat.sectors))),
        "markets": draw(weights(list(cat.countries), max_size=3)),
        "audience": {
            "age": [youngest, oldest],
            "gender": draw(st.sampled_from(["any", "female", "male"])),
            "professionals": draw(st.booleans()),
        },
        "goals": draw(weights(list(cat.goals), max_size=4)),
        "budget": draw(budgets(cat, with_rate)),
        "formats": draw(st.lists(st.sampled_from(list(cat.formats)), min_size=1, max_size=len(cat.formats), unique=True)),
        "premises": draw(st.booleans()),
        "present_on": draw(present_accounts(cat)),
        "may_drop_accounts": draw(st.booleans()) if with_include else True,
        "include": include,
        "exclude": exclude,
        "max_channels": draw(st.integers(1, 6)),
        "criteria_weights": draw(criteria_weights()),
        "based_in": draw(st.none() | st.sampled_from(list(cat.countries))),
    }
