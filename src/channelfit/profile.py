"""The organisation's profile: who, where, whom, why, with what — as pydantic v2 models.

A profile is accepted as a ``dict`` (the JSON form of DESIGN.md), a JSON string or a
:class:`Profile`.  Lists given for ``markets`` or ``goals`` mean equal weights; weights
are normalised to sum to 1, so scaling them all changes nothing.  Ids are checked
against a catalog, passed as pydantic's validation context (``{"catalog": cat}``; the
packaged catalog by default); an unknown id gets the closest known ids as a hint.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .criteria import CRITERIA, DEFAULT_CRITERIA_WEIGHTS
from .data import Catalog, catalog
from .errors import ProfileError, allowed_from, finite_number
from .vocabulary import GENDERS, KINDS, LEVELS, MODELS, LevelName

__all__ = ["Audience", "Budget", "Profile", "parse_profile"]
#: Caps on input size: a profile beyond them is refused, not processed.
MAX_NAME_CHARS = 200
MAX_LIST_ITEMS = 100
MAX_JSON_BYTES = 1_000_000

Weight = Annotated[float, Field(ge=0.0, le=1e6)]


def _unknown(kind: str, value: Any, known: Iterable[str], field: str) -> PydanticCustomError:
    known = sorted(known)
    close = difflib.get_close_matches(str(value), known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    allowed = ", ".join(known) if len(known) <= 70 else ", ".join(known[:70]) + ", ..."
    return PydanticCustomError(
        "unknown_id",
        "unknown {kind} {value}{hint}",
        {"kind": kind, "value": repr(value)[:60], "hint": hint, "allowed": allowed, "field": field},
    )


def _weights(value: Any, kind: str, known: Mapping[str, int], field: str) -> dict[str, float]:
    """Parse a ``{id: weight}`` mapping or a list of ids (equal weights) into normalised weights."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)):
        for item in value:
            if not isinstance(item, str) or item not in known:
                raise _unknown(kind, item, known, f"{field}.{item}" if isinstance(item, str) else field)
        if len(set(value)) != len(value):
            raise PydanticCustomError("duplicate", "lists an id twice", {"allowed": f"each {kind} once"})
        value = dict.fromkeys(value, 1.0)
    if not isinstance(value, Mapping):
        raise PydanticCustomError(
            "weights_type", "must be a list of ids or an object of id -> weight", {"allowed": f"[ids] or {{{kind}: weight}}"}
        )
    if not value:
        raise PydanticCustomError("empty", "is empty", {"allowed": f"at least one {kind}"})
    if len(value) > MAX_LIST_ITEMS:
        raise PydanticCustomError("too_long", "has too many entries", {"allowed": f"at most {MAX_LIST_ITEMS}"})
    weights: dict[str, float] = {}
    for key, weight in value.items():
        if not isinstance(key, str) or key not in known:
            raise _unknown(kind, key, known, f"{field}.{key}")
        number = finite_number(weight)
        if number is None or not 0 <= number <= 1e6:
            raise PydanticCustomError(
                "weight", "weight {weight} is not allowed", {"weight": repr(weight)[:40], "allowed": "a finite number from 0 to 1e6", "field": f"{field}.{key}"}
            )
        weights[key] = number
    total = math.fsum(weights.values())
    if total <= 0:
        raise PydanticCustomError("zero_weights", "weights sum to 0", {"allowed": "at least one positive weight"})
    # Rounded so that weights scaled by any factor normalise to the very same floats.
    return {key: round(weights[key] / total, 12) for key in sorted(weights, key=known.__getitem__)}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)


class Audience(_Model):
    """Whom the organisation wants to reach.

    Attributes
    ----------
    age
        ``[youngest, oldest]`` age of the target audience, 13..90.
    gender
        ``any``, ``female`` or ``male``: a gender the audience is concentrated in.
    professionals
        ``True`` when the audience is working professionals or business decision makers.
    sectors
        The sectors whose professionals the organisation sells to or talks to (its buyers, for b2b),
        from the catalog's sector vocabulary. Every goal but recruiting then counts a vertical
        network's reach among those professionals (when ``professionals`` is true) and its fit for
        those sectors; recruiting always counts the organisation's own sector. Left empty, the goals
        reach professionals in general, not the organisation's own sector.
    """

    age: tuple[Annotated[int, Field(ge=13, le=90)], Annotated[int, Field(ge=13, le=90)]] = (18, 65)
    gender: Literal[GENDERS] = "any"  # type: ignore[valid-type]
    professionals: bool = False
    sectors: tuple[str, ...] = ()

    @field_validator("sectors", mode="before")
    @classmethod
    def _known_sectors(cls, sectors: Any, info: ValidationInfo) -> Any:
        return _ids(sectors, "sector", _catalog(info).index["sectors"], "audience.sectors")

    @field_validator("age")
    @classmethod
    def _ordered(cls, age: tuple[int, int]) -> tuple[int, int]:
        if age[0] > age[1]:
            raise PydanticCustomError("age_order", "youngest age is above oldest", {"allowed": "[youngest, oldest] with youngest <= oldest"})
        return age


class Budget(_Model):
    """What the organisation can put in.

    Attributes
    ----------
    monthly
        Money per month for channels (tools, subscriptions, paid promotion), in ``currency``.
    currency
        ISO 4217 code listed in the catalog's ``fx.csv``.
    weekly_hours
        Skilled hours per week the organisation can spend on the channels.
    hourly_rate
        The price of one hour of a freelancer or an agency, in ``currency``; ``None`` (the default): the plan
        hires no hours. Given, the plan may pay for hours beyond ``weekly_hours`` from ``monthly``: the money
        spent plus the hired hours' cost (``hourly_rate`` times the weeks of a month) stays within ``monthly``.
    """

    # 1e12: room for currencies with very small units (IRR about 650,000 per EUR) without losing a float's precision
    monthly: float = Field(ge=0.0, le=1e12)
    currency: str = "EUR"
    weekly_hours: float = Field(ge=0.0, le=168.0)
    hourly_rate: float | None = Field(
        default=None, gt=0.0, le=1e12, description="the price of one hour of a freelancer or an agency, in currency; given, the plan may hire hours beyond weekly_hours from monthly"
    )

    @field_validator("hourly_rate", mode="before")
    @classmethod
    def _positive_rate(cls, rate: Any) -> float | None:
        if rate is None:
            return None
        number = finite_number(rate)
        if number is None or not 0.0 < number <= 1e12:
            raise PydanticCustomError(
                "hourly_rate",
                "hourly rate {rate} is not allowed",
                {"rate": repr(rate)[:40], "allowed": "a finite number above 0 and up to 1e12 (the price of one hour, in the budget's currency), or null to hire no hours"},
            )
        return number

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, currency: str, info: ValidationInfo) -> str:
        code = currency.upper()
        rates = _catalog(info).fx_per_eur
        if code not in rates:
            raise _unknown("currency", currency, rates, "budget.currency")
        return code


class Profile(_Model):
    """An organisation's profile: the input of :func:`channelfit.recommend`.

    Attributes
    ----------
    name
        The organisation's name (shown in the plan, escaped in text renderings).
    kind
        ``person``, ``company``, ``brand``, ``nonprofit`` or ``public_body``.
    model
        ``b2b``, ``b2c`` or ``b2b2c``.
    sector
        One of the catalog's sectors.
    markets
        ISO 3166-1 alpha-2 country -> weight (normalised); a list means equal weights.
    based_in
        The country where the organisation is based (ISO 3166-1 alpha-2): where its premises are, where it hires,
        whose platforms' rules for local organisations apply to it and whose laws its policy checklist names. Left
        out (``None``), it is inferred: the target market whose currency the budget is in (the largest of them), else
        the one catalog country using that currency, else the largest market; the plan states the premises' country.
        A Lisbon surf school selling mostly to Germans, budgeting in euros, was taken to be German without it.
    audience
        See :class:`Audience`.
    goals
        Goal -> weight (normalised); a list means equal weights.
    budget
        See :class:`Budget`.
    formats
        Content formats the organisation can produce (one who writes articles is taken to write short text too).
    premises
        ``True`` when the organisation has a place customers visit or serves a local area:
        maps and local review directories (Google Business Profile, Yelp, ...) require it.
        Left out (``None``), it is inferred (none for a ``brand``; else the sector's default,
        ``premises`` in ``sectors.csv``: shops, restaurants, hotels, salons, clinics, agencies...)
        and the plan states the assumption.
    present_on
        Accounts the organisation already runs, ``{channel: level}`` (a list: level unknown). They
        need no setup; the plan keeps each at no less than its level (at some level, when unknown)
        unless ``may_drop_accounts`` is true, and says what to do with those it does not pick.
    may_drop_accounts
        ``True`` lets the plan lower or close accounts already run when other channels serve better.
    include, exclude
        Channels that must be in, or must stay out of, the mix.
    max_channels
        How many channels at most (focus).
    criteria_weights
        Overrides of :data:`DEFAULT_CRITERIA_WEIGHTS` (merged, then normalised).
    """

    name: str = Field(default="", max_length=MAX_NAME_CHARS)
    kind: Literal[KINDS] = "company"  # type: ignore[valid-type]
    model: Literal[MODELS]  # type: ignore[valid-type]
    sector: str
    markets: dict[str, float]
    based_in: str | None = None
    audience: Audience = Audience()
    goals: dict[str, float]
    budget: Budget
    formats: tuple[str, ...] = ("text", "image")
    premises: bool | None = None
    present_on: dict[str, LevelName | None] = Field(default_factory=dict)
    may_drop_accounts: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_channels: int = Field(default=3, ge=1, le=20)
    criteria_weights: dict[str, Weight] = Field(default_factory=dict)

    @field_validator("sector")
    @classmethod
    def _known_sector(cls, sector: str, info: ValidationInfo) -> str:
        if sector not in _catalog(info).index["sectors"]:
            raise _unknown("sector", sector, _catalog(info).index["sectors"], "sector")
        return sector

    @field_validator("markets", mode="before")
    @classmethod
    def _markets(cls, markets: Any, info: ValidationInfo) -> dict[str, float]:
        if isinstance(markets, (list, tuple)):
            markets = [m.upper() if isinstance(m, str) else m for m in markets]
        elif isinstance(markets, Mapping):
            markets = {(k.upper() if isinstance(k, str) else k): v for k, v in markets.items()}
        return _weights(markets, "country", _catalog(info).index["countries"], "markets")

    @field_validator("based_in")
    @classmethod
    def _known_country(cls, country: str | None, info: ValidationInfo) -> str | None:
        if country is None:
            return None
        code = country.upper()
        if code not in _catalog(info).index["countries"]:
            raise _unknown("country", country, _catalog(info).index["countries"], "based_in")
        return code

    @field_validator("goals", mode="before")
    @classmethod
    def _goals(cls, goals: Any, info: ValidationInfo) -> dict[str, float]:
        return _weights(goals, "goal", _catalog(info).index["goals"], "goals")

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, formats: Any, info: ValidationInfo) -> Any:
        return _ids(formats, "format", _catalog(info).index["formats"], "formats")

    @field_validator("include", "exclude", mode="before")
    @classmethod
    def _channels(cls, channels: Any, info: ValidationInfo) -> Any:
        return _ids(channels, "channel", _catalog(info).index["channels"], info.field_name or "")

    @field_validator("present_on", mode="before")
    @classmethod
    def _present(cls, present: Any, info: ValidationInfo) -> Any:
        cat = _catalog(info)
        known = cat.index["channels"]
        if isinstance(present, Mapping):
            ids = _ids(list(present), "channel", known, "present_on")
            for channel in ids:
                level = present[channel]
                offered = [lv for k, lv in enumerate(LEVELS) if cat.level_offered[known[channel], k]]
                if level is not None and level not in offered:
                    raise PydanticCustomError(
                        "level", "{channel} has no level {level}", {"channel": channel, "level": repr(level)[:40], "allowed": ", ".join(offered) + " or null (unknown)", "field": f"present_on.{channel}"}
                    )
            return {channel: present[channel] for channel in ids}
        return dict.fromkeys(_ids(present, "channel", known, "present_on"))

    @field_validator("criteria_weights")
    @classmethod
    def _criteria(cls, weights: dict[str, float]) -> dict[str, float]:
        for key in weights:
            if key not in CRITERIA:
                raise _unknown("criterion", key, CRITERIA, f"criteria_weights.{key}")
        merged = {**DEFAULT_CRITERIA_WEIGHTS, **weights}
        if math.fsum(merged.values()) <= 0:
            raise PydanticCustomError("zero_weights", "criteria weights sum to 0", {"allowed": "at least one positive weight"})
        return weights

    @model_validator(mode="after")
    def _include_exclude(self) -> Profile:
        both = sorted(set(self.include) & set(self.exclude))
        if both:
            raise PydanticCustomError(
                "include_exclude", "channel {channel} is both included and excluded", {"channel": both[0], "allowed": "a channel in at most one of include, exclude", "field": "include"}
            )
        return self

    @property
    def main_market(self) -> str:
        """The target market with the largest weight (on a tie, the last by country code)."""
        return max(self.markets, key=lambda k: (self.markets[k], k))

    @property
    def organisation_key(self) -> str:
        """A short hash of who the organisation is (name, kind, model, sector, markets): plan-do-check-adjust
        evidence is tied to it, while budget, goals and weights may change between periods."""
        identity = json.dumps([self.name, self.kind, self.model, self.sector, sorted(self.markets)])
        return hashlib.sha256(identity.encode()).hexdigest()[:16]

    def has_premises(self, cat: Catalog) -> bool:
        """``premises`` as given; else yes for an organisation that wants local visits (the goal is to bring
        people to a place), none for a ``brand`` (a product sold through others' shops or online), none for one
        that sells from abroad (:meth:`sells_from_abroad`), and the default of the profile's sector in ``cat`` for
        every other kind."""
        if self.premises is not None:
            return self.premises
        if "local_visits" in self.goals:
            return True
        if self.kind == "brand" or self.sells_from_abroad(cat):
            return False
        return next(row.premises for row in cat.vocabulary_rows["sectors"] if row.id == self.sector)  # type: ignore[attr-defined]

    def sells_from_abroad(self, cat: Catalog) -> bool:
        """Whether the organisation is based outside every market it targets, so its customers cannot walk in: it
        gave a budget currency that none of its markets uses (a Shenzhen seller budgeting in CNY for the US, Germany
        and the UK), in a sector whose customers do not travel to it (a hotel's do)."""
        travel = bool(cat.sector_visitors_travel[cat.index["sectors"][self.sector]])
        if self.based_in is not None:
            return not travel and self.based_in not in self.markets
        if "currency" not in self.budget.model_fields_set:
            return False  # the EUR default says nothing about where the organisation is
        return not travel and all(cat.country_rows[k].currency != self.budget.currency for k in self.markets)

    @functools.cached_property
    def criteria(self) -> dict[str, float]:
        """Criterion weights in use (defaults merged with overrides), normalised to sum to 1."""
        merged = {**DEFAULT_CRITERIA_WEIGHTS, **self.criteria_weights}
        total = math.fsum(merged.values())
        return {key: merged[key] / total for key in CRITERIA}


def _catalog(info: ValidationInfo) -> Catalog:
    """The catalog a profile is validated against: the validation context's, else the packaged one."""
    context = info.context or {}
    return context.get("catalog") or catalog()


def _ids(value: Any, kind: str, known: Mapping[str, int], field: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise PydanticCustomError("ids_type", "must be a list of {kind} ids", {"kind": kind, "allowed": f"a list of {kind} ids"})
    if len(value) > MAX_LIST_ITEMS:
        raise PydanticCustomError("too_long", "has too many entries", {"allowed": f"at most {MAX_LIST_ITEMS}"})
    for item in value:
        if not isinstance(item, str) or item not in known:
            raise _unknown(kind, item, known, field)
    return tuple(sorted(set(value), key=known.__getitem__))


def parse_profile(profile: Profile | Mapping[str, Any] | str | bytes, cat: Catalog | None = None) -> Profile:
    """Validate a profile given as a :class:`Profile`, a dict or a JSON text against ``cat``.

    Parameters
    ----------
    profile
        The profile.
    cat
        The catalog whose ids the profile may use (default: the packaged one). A :class:`Profile`
        validated against another catalog is validated again.

    Raises
    ------
    ProfileError
        Naming the field, the value and what is allowed.
    """
    default = catalog()
    cat = cat or default
    if isinstance(profile, Profile):
        if cat is default:
            return profile
        profile = profile.model_dump()
    if isinstance(profile, (str, bytes)):
        if len(profile) > MAX_JSON_BYTES:
            raise ProfileError("profile JSON is too large", field="profile", value=f"{len(profile)} bytes", allowed=f"at most {MAX_JSON_BYTES} bytes")
        try:
            profile = json.loads(profile)
        except (ValueError, RecursionError) as exc:
            raise ProfileError(f"not valid JSON: {exc}"[:200], field="profile", value=None, allowed="a JSON object") from None
    if not isinstance(profile, Mapping):
        raise ProfileError("profile must be an object", field="profile", value=type(profile).__name__, allowed="a JSON object / dict")
    try:
        return Profile.model_validate(profile, context={"catalog": cat})
    except ValidationError as exc:
        raise profile_error(exc, profile) from None


def profile_error(exc: ValidationError, data: Any) -> ProfileError:
    """Turn pydantic's first error into a one-line :class:`ProfileError`."""
    error = exc.errors(include_url=False)[0]
    ctx = error.get("ctx") or {}
    field = ctx.get("field") or ".".join(str(part) for part in error["loc"]) or "profile"
    value = error.get("input")
    if error["type"] == "missing":
        value = None
    allowed = ctx.get("allowed") or allowed_from(error)
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown field"
        allowed = "the fields of the profile schema (channelfit schema profile)"
    return ProfileError(message, field=field, value=value, allowed=allowed)
