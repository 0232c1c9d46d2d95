"""channelfit: which marketing and social channels to be on, at what effort, and why.

>>> import channelfit as cf
>>> plan = cf.recommend({"model": "b2b", "sector": "manufacturing", "markets": ["IT"],
...                      "goals": ["lead_generation"], "budget": {"monthly": 500, "weekly_hours": 6}})
>>> plan.picks[0].channel  # doctest: +SKIP
'linkedin'

Heavy modules (pandas, scipy, hypothesis, matplotlib) are imported only by the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalog import Catalog, catalog, load_catalog
from .errors import CatalogError, ChannelfitError, EvidenceError, InfeasibleError, ProfileError
from .plan import Plan
from .profile import CRITERIA, DEFAULT_CRITERIA_WEIGHTS, Profile
from .recommend import recommend

if TYPE_CHECKING:
    from .analysis import budget_frontier, rank_acceptability  # noqa: F401
    from .batch import recommend_many, top_k  # noqa: F401
    from .feedback import Evidence, check  # noqa: F401

__version__ = "0.1.0"

_LAZY = {
    "recommend_many": "batch",
    "top_k": "batch",
    "check": "feedback",
    "Evidence": "feedback",
    "rank_acceptability": "analysis",
    "budget_frontier": "analysis",
}

__all__ = [
    "CRITERIA",
    "DEFAULT_CRITERIA_WEIGHTS",
    "Catalog",
    "CatalogError",
    "ChannelfitError",
    "EvidenceError",
    "InfeasibleError",
    "Plan",
    "Profile",
    "ProfileError",
    "catalog",
    "load_catalog",
    "recommend",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'channelfit' has no attribute {name!r}")
