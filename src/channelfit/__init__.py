"""channelfit: which marketing and social channels to be on, at what effort, and why.

>>> import channelfit as cf
>>> plan = cf.recommend({"model": "b2b", "sector": "manufacturing", "markets": ["IT"],
...                      "goals": ["lead_generation"], "budget": {"monthly": 500, "weekly_hours": 6}})
>>> plan.picks[0].channel  # doctest: +SKIP
'linkedin'

Public names are loaded on first use (PEP 562), so ``import channelfit`` is cheap and a
backend pays for pydantic models, the catalog, pandas or scipy only when it needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import CatalogError, ChannelfitError, EvidenceError, InfeasibleError, ProfileError

if TYPE_CHECKING:
    from .analysis import budget_frontier, minimum_budget, rank_acceptability  # noqa: F401
    from .batch import recommend_many, top_k  # noqa: F401
    from .criteria import CRITERIA, DEFAULT_CRITERIA_WEIGHTS  # noqa: F401
    from .data import Catalog, catalog, load_catalog  # noqa: F401
    from .diagnostics import decision_matrix, sensitivity, weights_from_pairs  # noqa: F401
    from .feedback import Evidence, check  # noqa: F401
    from .plan import Plan  # noqa: F401
    from .profile import Profile  # noqa: F401
    from .recommender import recommend  # noqa: F401

__version__ = "0.1.0"

_LAZY = {
    "CRITERIA": "criteria",
    "DEFAULT_CRITERIA_WEIGHTS": "criteria",
    "Profile": "profile",
    "Catalog": "data",
    "catalog": "data",
    "load_catalog": "data",
    "Plan": "plan",
    "recommend": "recommender",
    "recommend_many": "batch",
    "top_k": "batch",
    "check": "feedback",
    "Evidence": "feedback",
    "rank_acceptability": "analysis",
    "budget_frontier": "analysis",
    "minimum_budget": "analysis",
    "weights_from_pairs": "diagnostics",
    "decision_matrix": "diagnostics",
    "sensitivity": "diagnostics",
}

__all__ = ["CatalogError", "ChannelfitError", "EvidenceError", "InfeasibleError", "ProfileError", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'channelfit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
