"""Profile validation: the dict form, normalised weights, and errors that name field, value and what is allowed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import channelfit as cf
from channelfit.profile import parse_profile
from channelfit.schema import json_schema
from channelfit.strategies import profiles

PROFILE_SCHEMA = json_schema("profile")


def test_lists_mean_equal_weights_and_weights_are_normalised(rossi: dict) -> None:
    profile = parse_profile({**rossi, "markets": ["it", "DE"], "goals": {"lead_generation": 3, "recruiting": 1}})
    assert profile.markets == {"IT": 0.5, "DE": 0.5}
    assert profile.goals == {"lead_generation": 0.75, "recruiting": 0.25}


def test_currency_conversion_uses_catalog_rates(rossi: dict, cat: cf.Catalog) -> None:
    profile = parse_profile({**rossi, "budget": {"monthly": 1080, "currency": "usd", "weekly_hours": 5}})
    assert profile.budget.currency == "USD"
    assert cf.recommend(profile, minimum_budget_share=None).monthly_budget_eur == pytest.approx(1080 / cat.fx_per_eur["USD"])


def test_json_text_is_accepted(rossi: dict) -> None:
    import json

    assert parse_profile(json.dumps(rossi)) == parse_profile(rossi)


@pytest.mark.parametrize(
    ("patch", "field", "fragment"),
    [
        ({"sector": "manufactoring"}, "sector", "did you mean manufacturing"),
        ({"markets": {"XX": 1}}, "markets.XX", "unknown country"),
        ({"based_in": "XX"}, "based_in", "unknown country"),
        ({"markets": {"IT": -1}}, "markets.IT", "weight"),
        ({"markets": {"IT": float("nan")}}, "markets.IT", "weight"),
        ({"markets": []}, "markets", "empty"),
        ({"goals": ["lead_gen"]}, "goals.lead_gen", "did you mean lead_generation"),
        ({"goals": {"sales": 0}}, "goals", "sum to 0"),
        ({"include": ["linkdin"]}, "include", "did you mean linkedin"),
        ({"exclude": ["facebok"]}, "exclude", "did you mean facebook"),
        ({"budget": {"monthly": -5, "weekly_hours": 2}}, "budget.monthly", "greater than or equal to 0"),
        ({"budget": {"monthly": 5, "weekly_hours": 200}}, "budget.weekly_hours", "less than or equal to 168"),
        ({"budget": {"monthly": 5, "currency": "XYZ", "weekly_hours": 2}}, "budget.currency", "unknown currency"),
        ({"budget": {"monthly": float("inf"), "weekly_hours": 2}}, "budget.monthly", "finite"),
        ({"audience": {"age": [60, 20]}}, "audience.age", "youngest"),
        ({"max_channels": 0}, "max_channels", "greater than or equal to 1"),
        ({"model": "b2g"}, "model", "b2b"),
        ({"colour": "blue"}, "colour", "unknown field"),
        ({"include": ["linkedin"], "exclude": ["linkedin"]}, "include", "both included and excluded"),
        ({"criteria_weights": {"vibes": 1}}, "criteria_weights.vibes", "unknown criterion"),
    ],
)
def test_errors_name_field_value_and_allowed(rossi: dict, patch: dict, field: str, fragment: str) -> None:
    with pytest.raises(cf.ProfileError) as info:
        parse_profile({**rossi, **patch})
    error = info.value
    assert error.field == field
    assert fragment in str(error)
    assert error.allowed
    assert "\n" not in str(error)
    assert error.to_dict()["field"] == field


def test_missing_required_field(rossi: dict) -> None:
    data = dict(rossi)
    del data["budget"]
    with pytest.raises(cf.ProfileError) as info:
        parse_profile(data)
    assert info.value.field == "budget" and "required" in str(info.value)


@pytest.mark.parametrize("bad", [[1, 2], "{not json", 42, None, "[]"])
def test_non_objects_are_refused(bad: object) -> None:
    with pytest.raises(cf.ProfileError) as info:
        parse_profile(bad)  # type: ignore[arg-type]
    assert info.value.field == "profile"


def test_oversized_json_is_refused() -> None:
    with pytest.raises(cf.ProfileError, match="too large"):
        parse_profile("{" + " " * 2_000_000 + "}")


def test_deeply_nested_json_is_refused_without_recursion_error() -> None:
    with pytest.raises(cf.ProfileError):
        parse_profile("[" * 100_000 + "]" * 100_000)


@settings(max_examples=60)
@given(profiles())
def test_drawn_profiles_validate_against_the_published_schema(profile: dict) -> None:
    """What the strategy draws (criteria weights included) is valid for the schema and for the library."""
    import jsonschema

    jsonschema.validate(profile, PROFILE_SCHEMA)
    parsed = parse_profile(profile)
    assert set(parsed.criteria) == set(cf.CRITERIA)
    assert sum(parsed.criteria.values()) == pytest.approx(1.0)


def test_the_schema_refuses_what_the_library_refuses(rossi: dict) -> None:
    import jsonschema

    for bad in ({**rossi, "sector": "space"}, {**rossi, "criteria_weights": {"beauty": 1}}, {**rossi, "max_channels": 0}, {**rossi, "based_in": "XX"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, PROFILE_SCHEMA)
        with pytest.raises(cf.ProfileError):
            parse_profile(bad)
