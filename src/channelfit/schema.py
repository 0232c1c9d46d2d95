"""JSON Schemas of the profile (input) and the plan (output), with the catalog's vocabularies as enums."""

from __future__ import annotations

from typing import Any, Literal

from .criteria import CRITERIA
from .data import Catalog, as_catalog
from .plan import Plan
from .profile import Profile
from .vocabulary import LEVELS

__all__ = ["json_schema"]


def json_schema(kind: Literal["profile", "plan"], catalog: Catalog | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``kind``.

    The profile schema lists the catalog's ids (sectors, countries, goals, formats, channels)
    as enums, so a form builder can offer them (those of ``catalog``, default the packaged one).
    """
    if kind == "plan":
        return Plan.model_json_schema(mode="serialization")
    cat = as_catalog(catalog)
    schema = Profile.model_json_schema(mode="validation")
    props = schema["properties"]
    props["sector"]["enum"] = list(cat.sectors)
    weights = {"type": "number", "minimum": 0, "maximum": 1e6}
    for field, ids in (("markets", cat.countries), ("goals", cat.goals)):
        props[field] = {
            "description": f"{field}: id -> weight (normalised), or a list of ids (equal weights)",
            "anyOf": [
                {"type": "object", "propertyNames": {"enum": list(ids)}, "additionalProperties": weights, "minProperties": 1},
                {"type": "array", "items": {"enum": list(ids)}, "minItems": 1, "uniqueItems": True},
            ],
        }
    props["based_in"] = {"description": "the country where the organisation is based (inferred when null)", "anyOf": [{"enum": list(cat.countries)}, {"type": "null"}], "default": None}
    props["formats"] = {"type": "array", "items": {"enum": list(cat.formats)}, "default": ["text", "image"]}
    for field in ("include", "exclude"):
        props[field] = {"type": "array", "items": {"enum": list(cat.channels)}, "default": []}
    props["present_on"] = {
        "description": "accounts already run: channel -> level (null: unknown), or a list of channels (levels unknown)",
        "anyOf": [
            {"type": "object", "propertyNames": {"enum": list(cat.channels)}, "additionalProperties": {"enum": [*LEVELS, None]}},
            {"type": "array", "items": {"enum": list(cat.channels)}, "uniqueItems": True},
        ],
        "default": {},
    }
    props["criteria_weights"] = {"type": "object", "propertyNames": {"enum": list(CRITERIA)}, "additionalProperties": weights}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
