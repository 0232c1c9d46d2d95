"""``recommend()``: profile in, ranked, budget-feasible, explained plan out.

One way through: profile -> problem (scores, candidates) -> solutions (main mix, expand phase,
minimum budget) -> planner (the plan in the language asked for).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .criteria import market_affinity
from .data import Catalog, as_catalog
from .errors import ProfileError
from .explain import Explainer
from .plan import Plan
from .planner import build_plan
from .problem import build_problem
from .profile import Profile, parse_profile
from .scorer import encode
from .solutions import MINIMUM_BUDGET_SHARE, solve_plan
from .vocabulary import LANGUAGES, OBJECTIVES, Language, ObjectiveName

__all__ = ["check_options", "recommend"]


def check_options(objective: Any = "coverage", language: Any = "en") -> None:
    """Raise :class:`ProfileError` for an unknown objective or language."""
    if objective not in OBJECTIVES:
        raise ProfileError("unknown objective", field="objective", value=objective, allowed=", ".join(OBJECTIVES))
    if language not in LANGUAGES:
        raise ProfileError("unknown language", field="language", value=language, allowed=", ".join(LANGUAGES))


def recommend(
    profile: Profile | Mapping[str, Any] | str,
    *,
    objective: ObjectiveName = "coverage",
    evidence: Any = None,
    language: Language = "en",
    minimum_budget_share: float | None = MINIMUM_BUDGET_SHARE,
    catalog: Catalog | None = None,
) -> Plan:
    """Recommend a channel mix for an organisation.

    Parameters
    ----------
    profile
        A :class:`Profile`, a dict of the same fields, or its JSON text.
    objective
        ``"coverage"`` (default): goal coverage with diminishing returns; ``"additive"``: the plain
        sum of fit scores times level effects.
    evidence
        Measured results from :func:`channelfit.check` (an ``Evidence`` or its JSON), which adjust
        each channel's effectiveness for this organisation.
    language
        ``"en"``, ``"it"``, ``"ru"`` or ``"uk"``: the language of every word of the plan.
    minimum_budget_share
        ``plan.minimum_budget`` is the smallest budget reaching this share of the plan's value
        (the mixes of the plan's own channels, enumerated: about a tenth of a plan's time at the median);
        ``None`` skips it for the lowest latency.
    catalog
        The catalog to recommend from (default: the packaged one; see :func:`channelfit.load_catalog`).

    Returns
    -------
    Plan

    Raises
    ------
    ProfileError
        The profile or an option is invalid (names field, value and what is allowed).
    InfeasibleError
        The included channels cannot fit the limits (names the limit).
    EvidenceError
        The evidence is corrupt or was made for other catalog rows.
    """
    check_options(objective, language)
    if minimum_budget_share is not None and (
        isinstance(minimum_budget_share, bool) or not isinstance(minimum_budget_share, (int, float)) or not 0.0 < minimum_budget_share <= 1.0
    ):
        raise ProfileError("must be in (0, 1] or None", field="minimum_budget_share", value=minimum_budget_share, allowed="a share in (0, 1], or None")
    cat = as_catalog(catalog)
    parsed = parse_profile(profile, cat)
    arrays = encode([parsed], cat)
    affinity = None
    if evidence is not None:
        from .feedback import adjusted_affinity

        affinity = adjusted_affinity(evidence, cat, parsed.organisation_key, market_affinity(arrays, cat)[0])
    problem = build_problem(parsed, cat, affinity, arrays=arrays)
    return build_plan(solve_plan(problem, objective, minimum_budget_share), Explainer(cat, language, parsed.kind, parsed.sector, parsed.main_market))

