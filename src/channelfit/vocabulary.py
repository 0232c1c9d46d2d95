"""The fixed vocabularies of the model, each written once.

The catalog's own vocabularies (channels, countries, goals, formats, sectors, orientations)
are data in ``data/``; the words here are part of the model's logic and are used by several
modules (profile validation, the optimiser's levels, the plan's models, the CLI's choices).
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "AD_FAMILIES",
    "GROW",
    "LISTEN",
    "MAINTAIN",
    "AGE_BANDS",
    "AVAILABILITY",
    "GENDERS",
    "KINDS",
    "LANGUAGES",
    "LEVELS",
    "MODELS",
    "OBJECTIVES",
    "PHASES",
    "AdFamily",
    "Language",
    "LevelName",
    "ObjectiveName",
    "PhaseName",
]

#: Effort levels, from least to most.
LEVELS: tuple[str, ...] = ("listen", "maintain", "grow")
# Literal[tuple] equals Literal[*tuple] at run time: the pydantic models take their choices from the tuples.
LevelName = Literal[LEVELS]  # type: ignore[valid-type]
#: Index of each level, for arrays with a level axis.
LISTEN, MAINTAIN, GROW = range(len(LEVELS))
#: What the optimiser maximises: goal coverage with diminishing returns, or a plain sum of scores.
OBJECTIVES: tuple[str, ...] = ("coverage", "additive")
ObjectiveName = Literal[OBJECTIVES]  # type: ignore[valid-type]
#: Languages of the plan's prose; each has a locale file in ``channelfit/locales``.
LANGUAGES: tuple[str, ...] = ("en", "it", "ru", "uk")
Language = Literal[LANGUAGES]  # type: ignore[valid-type]
#: Phases of the timeline, in order.
PHASES: tuple[str, ...] = ("listen_and_set_up", "focus", "expand")
PhaseName = Literal[PHASES]  # type: ignore[valid-type]
#: Families of ad platforms whose prices differ by country together: social (Meta and its peers, CPM), search
#: (Google Ads, CPC) and professional (LinkedIn and XING, sold by job title and seniority, whose ten-dollar daily
#: floor holds in every country: a Nairobi recruiter's LinkedIn campaigns read 55 EUR a month at Meta's Kenyan prices).
AD_FAMILIES: tuple[str, ...] = ("social", "search", "professional")
AdFamily = Literal[AD_FAMILIES]  # type: ignore[valid-type]
#: Availability of a channel in a market, as codes into this tuple.
AVAILABILITY: tuple[str, ...] = ("available", "restricted", "blocked")
GENDERS: tuple[str, ...] = ("any", "female", "male")
MODELS: tuple[str, ...] = ("b2b", "b2c", "b2b2c")
KINDS: tuple[str, ...] = ("person", "company", "brand", "nonprofit", "public_body")
#: Age bands of the channels' audience distributions: (label, first age, last age).
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("age_13_17", 13, 17),
    ("age_18_24", 18, 24),
    ("age_25_34", 25, 34),
    ("age_35_44", 35, 44),
    ("age_45_54", 45, 54),
    ("age_55_64", 55, 64),
    ("age_65_plus", 65, 90),
)

