"""The channel catalog: curated CSV files in ``data/``, validated into an immutable ``Catalog``.

Every file is parsed with the standard ``csv`` module and each row is validated
by a pydantic model (types, ranges, NaN, provenance); cross-file rules (unknown
ids, duplicates, missing sources, a channel without a market row) are checked
afterwards.  Any violation raises :class:`~channelfit.errors.CatalogError`
naming the file, the row (the line number in the file), the column, the value
and what is allowed.

The scorer reads the dense numpy arrays (read-only); analysts read the pandas
frames, which are built on demand (pandas is imported lazily).
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .errors import CatalogError, allowed_from

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AGE_BANDS", "LEVELS", "Catalog", "catalog", "load_catalog"]

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
#: Effort levels, from least to most.
LEVELS: tuple[str, ...] = ("listen", "maintain", "grow")
#: Availability codes used in ``Catalog.availability``.
AVAILABILITY: tuple[str, ...] = ("available", "restricted", "blocked")
WORLD = "WORLD"
_AGE_SUM_TOLERANCE = 0.02

Share = Field(ge=0.0, le=1.0)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)


def _needs(column: str, reason: str) -> PydanticCustomError:
    return PydanticCustomError("provenance", reason, {"column": column})


def _sourced_value(value: Any, info: ValidationInfo, basis: str) -> Any:
    """A figure whose ``basis`` column says ``source`` needs this field (source id or year)."""
    if value is None and info.data.get(basis) == "source":
        raise _needs(info.field_name or "", f"{basis} 'source' needs a {info.field_name}")
    return value


def _reasoned_note(note: str | None, info: ValidationInfo, basis: str) -> str | None:
    """A figure whose ``basis`` column says ``estimate`` needs its reasoning in this note."""
    if not note and info.data.get(basis) == "estimate":
        raise _needs(info.field_name or "", f"{basis} 'estimate' needs a {info.field_name} with the reasoning")
    return note


class _Sourced(_Row):
    """A row whose figures are either sourced (source id and year) or an estimate (with reasoning)."""

    basis: Literal["source", "estimate"]
    source_id: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2030)
    note: str | None = None

    @field_validator("source_id", "year")
    @classmethod
    def _sourced(cls, value: Any, info: ValidationInfo) -> Any:
        return _sourced_value(value, info, "basis")

    @field_validator("note")
    @classmethod
    def _reasoned(cls, note: str | None, info: ValidationInfo) -> str | None:
        return _reasoned_note(note, info, "basis")


class SourceRow(_Row):
    source_id: str = Field(pattern=r"^[a-z0-9_]+$")
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^(https?://\S+|data/\S+)$")
    year: int | None = Field(default=None, ge=1990, le=2030)
    note: str | None = None


class VocabularyRow(_Row):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    description: str | None = None
    source_id: str


class CountryRow(_Sourced):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    internet_share: float = Share
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class FxRow(_Sourced):
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    per_eur: float = Field(gt=0.0)


class ChannelRow(_Row):
    channel: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    orientation: str
    owner: str = Field(min_length=1)
    formats: str = Field(min_length=1)
    vertical_sectors: str | None = None
    needs_premises: bool
    age_13_17: float = Share
    age_18_24: float = Share
    age_25_34: float = Share
    age_35_44: float = Share
    age_45_54: float = Share
    age_55_64: float = Share
    age_65_plus: float = Share
    share_female: float = Share
    share_professionals: float = Share
    b2b_fit: float = Share
    b2c_fit: float = Share
    sector_baseline: float = Share
    audience_basis: Literal["source", "estimate"]
    audience_source_id: str | None = None
    audience_year: int | None = Field(default=None, ge=1990, le=2030)
    audience_note: str | None = None

    @field_validator("audience_source_id", "audience_year")
    @classmethod
    def _audience_sourced(cls, value: Any, info: ValidationInfo) -> Any:
        return _sourced_value(value, info, "audience_basis")

    @field_validator("audience_note")
    @classmethod
    def _audience_reasoned(cls, note: str | None, info: ValidationInfo) -> str | None:
        return _reasoned_note(note, info, "audience_basis")

    @model_validator(mode="after")
    def _age_shares_sum_to_one(self) -> ChannelRow:
        total = sum(getattr(self, label) for label, _, _ in AGE_BANDS)
        if abs(total - 1.0) > _AGE_SUM_TOLERANCE:
            raise PydanticCustomError(
                "age_sum", "age_* shares sum to {total}, not 1 (+-{tolerance})", {"total": round(total, 3), "tolerance": _AGE_SUM_TOLERANCE, "column": "age_13_17..age_65_plus"}
            )
        return self

    @property
    def format_list(self) -> tuple[str, ...]:
        return _split(self.formats)

    @property
    def vertical_sector_list(self) -> tuple[str, ...]:
        return _split(self.vertical_sectors)


class MarketRow(_Sourced):
    channel: str
    region: str = Field(pattern=r"^([A-Z]{2}|WORLD)$")
    reach: float = Share
    base: Literal["population", "adults", "internet_users"]
    availability: Literal["available", "restricted", "blocked"]

    @model_validator(mode="after")
    def _blocked_reaches_nobody(self) -> MarketRow:
        if self.availability == "blocked" and self.reach != 0.0:
            raise PydanticCustomError("blocked_reach", "a blocked channel reaches nobody: reach must be 0", {"column": "reach"})
        return self


class SectorFitRow(_Sourced):
    channel: str
    sector: str
    fit: float = Share


class SectorReachRow(_Sourced):
    channel: str
    sector: str
    reach: float = Share


class GoalRow(_Sourced):
    channel: str
    goal: str
    affinity: float = Share


class LevelRow(_Sourced):
    channel: str
    level: Literal["listen", "maintain", "grow"]
    monthly_cost_eur: float = Field(ge=0.0, le=1_000_000.0)
    weekly_hours: float = Field(ge=0.0, le=168.0)
    setup_hours: float = Field(ge=0.0, le=2_000.0)
    effect: float = Field(gt=0.0, le=1.0)


class KpiRow(_Sourced):
    goal: str
    orientation: str
    kpi: str = Field(pattern=r"^[a-z0-9_]+$")
    unit: str = Field(min_length=1)
    direction: Literal["up", "down"]
    target_change: float = Field(ge=-1.0, le=10.0)


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split(";") if part.strip())


R = TypeVar("R", bound=_Row)


def _read(directory: Path, name: str, model: type[R]) -> list[tuple[int, R]]:
    """Read ``name`` and validate each row; returns (line number, row) pairs."""
    path = directory / name
    if not path.is_file():
        raise CatalogError("file is missing", file=name, value=str(path), allowed="a CSV file in the data directory")
    expected = list(model.model_fields)
    rows: list[tuple[int, R]] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing or unknown or len(set(header)) != len(header):
            raise CatalogError(
                f"header: missing {missing}, unknown {unknown}" if missing or unknown else "header repeats a column",
                file=name,
                row=1,
                column=(missing or unknown or [None])[0],
                value=",".join(header),
                allowed="the columns " + ",".join(expected) + " in any order",
            )
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise CatalogError(
                    f"row has {len(cells)} cells", file=name, row=line, value=cells, allowed=f"{len(header)} cells, one per header column"
                )
            record = {key: (cell if cell.strip() != "" else None) for key, cell in zip(header, cells)}
            try:
                rows.append((line, model.model_validate(record)))
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                column = str(error["loc"][0]) if error["loc"] else (error.get("ctx") or {}).get("column")
                value = record.get(column) if column else None
                raise CatalogError(
                    error["msg"].removeprefix("Value error, "),
                    file=name,
                    row=line,
                    column=column,
                    value=value,
                    allowed=allowed_from(error),
                ) from None
    return rows


def _check_unique(file: str, rows: Iterable[tuple[int, _Row]], columns: tuple[str, ...]) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for line, row in rows:
        key = tuple(getattr(row, c) for c in columns)
        if key in seen:
            raise CatalogError(
                f"duplicate of row {seen[key]}",
                file=file,
                row=line,
                column=",".join(columns),
                value="/".join(map(str, key)),
                allowed="each key once",
            )
        seen[key] = line


def _check_known(file: str, line: int, column: str, value: str, known: Mapping[str, Any] | frozenset[str]) -> None:
    if value not in known:
        listed = sorted(known)
        allowed = ", ".join(listed) if len(listed) <= 40 else ", ".join(listed[:40]) + ", ..."
        raise CatalogError(f"unknown {column}", file=file, row=line, column=column, value=value, allowed=allowed)


def _check_source(file: str, line: int, column: str, value: str | None, sources: Mapping[str, SourceRow]) -> None:
    if value is not None and value not in sources:
        raise CatalogError(
            "source_id not in sources.csv", file=file, row=line, column=column, value=value, allowed="an id in sources.csv"
        )


def _proxy(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Catalog:
    """The validated catalog.  Immutable: arrays are read-only, frames are fresh copies.

    Attributes
    ----------
    channels, countries, goals, formats, sectors, orientations
        Ids in file order; ``index[kind][id]`` gives a position.
    age_shares
        ``(channel, age band)``: the channel's users by age band, rows sum to about 1.
    share_female, share_professionals, b2b_fit, b2c_fit
        ``(channel,)`` shares and fits in 0..1.
    format_needed
        ``(channel, format)`` booleans: formats a credible presence needs.
    sector_fit
        ``(channel, sector)`` fits in 0..1.
    sector_reach
        ``(channel, sector)``: share of the sector's professionals the channel reaches, NaN where unknown.
    needs_premises
        ``(channel,)``: the channel only serves organisations with a place customers visit (maps, local reviews).
    goal_affinity
        ``(channel, goal)`` affinities in 0..1.
    reach
        ``(channel, country)``: share of each country's population the channel reaches
        (internet-user bases converted with the country's internet share; blocked is 0).
    availability
        ``(channel, country)`` codes into ``AVAILABILITY``.
    level_monthly_cost_eur, level_weekly_hours, level_setup_hours, level_effect
        ``(channel, level)`` costs and effect multipliers; ``level_offered`` says which exist.
    """

    directory: Path
    channels: tuple[str, ...]
    countries: tuple[str, ...]
    goals: tuple[str, ...]
    formats: tuple[str, ...]
    sectors: tuple[str, ...]
    orientations: tuple[str, ...]
    index: Mapping[str, Mapping[str, int]]
    age_shares: np.ndarray
    share_female: np.ndarray
    share_professionals: np.ndarray
    b2b_fit: np.ndarray
    b2c_fit: np.ndarray
    format_needed: np.ndarray
    sector_fit: np.ndarray
    sector_reach: np.ndarray
    needs_premises: np.ndarray
    goal_affinity: np.ndarray
    reach: np.ndarray
    availability: np.ndarray
    level_offered: np.ndarray
    level_monthly_cost_eur: np.ndarray
    level_weekly_hours: np.ndarray
    level_setup_hours: np.ndarray
    level_effect: np.ndarray
    fx_per_eur: Mapping[str, float]
    channel_rows: tuple[ChannelRow, ...]
    market_rows: Mapping[tuple[str, str], MarketRow]
    goal_rows: Mapping[tuple[str, str], GoalRow]
    level_rows: Mapping[tuple[str, str], LevelRow]
    kpi_rows: Mapping[tuple[str, str], KpiRow]
    country_rows: Mapping[str, CountryRow]
    sources: Mapping[str, SourceRow]
    sector_rows: tuple[SectorFitRow, ...]
    sector_reach_rows: Mapping[tuple[str, str], SectorReachRow]
    vocabulary_rows: Mapping[str, tuple[VocabularyRow, ...]]
    fx_rows: tuple[FxRow, ...]

    def market_row(self, channel: str, country: str) -> MarketRow:
        """The market row that gives ``channel``'s reach in ``country`` (its own row or the WORLD row)."""
        return self.market_rows.get((channel, country)) or self.market_rows[(channel, WORLD)]

    # -- pandas views -------------------------------------------------------------------------
    def _frame(self, rows: Iterable[_Row]) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([row.model_dump() for row in rows])

    @property
    def channels_frame(self) -> pd.DataFrame:
        """One row per channel: orientation, formats, audience, fits and provenance."""
        return self._frame(self.channel_rows).set_index("channel")

    @property
    def markets_frame(self) -> pd.DataFrame:
        """Long table (channel, region): reach as published, its base, availability, provenance,
        and ``reach_population``, the share of the population used by the scorer."""
        frame = self._frame(self.market_rows.values())
        countries = self.index["countries"]
        frame["reach_population"] = [
            float(self.reach[self.index["channels"][c], countries[r]]) if r in countries else np.nan
            for c, r in zip(frame["channel"], frame["region"])
        ]
        return frame

    @property
    def goals_frame(self) -> pd.DataFrame:
        """Long table (channel, goal): affinity with rationale."""
        return self._frame(self.goal_rows.values())

    @property
    def levels_frame(self) -> pd.DataFrame:
        """Long table (channel, level): monthly money, weekly hours, setup hours, effect."""
        return self._frame(self.level_rows.values())

    @property
    def sectors_frame(self) -> pd.DataFrame:
        """Dense (channel x sector) sector fits."""
        import pandas as pd

        return pd.DataFrame(np.array(self.sector_fit), index=list(self.channels), columns=list(self.sectors))

    @property
    def countries_frame(self) -> pd.DataFrame:
        """One row per country: name, internet share, currency, provenance."""
        return self._frame(self.country_rows.values()).set_index("country")

    @property
    def kpis_frame(self) -> pd.DataFrame:
        """Long table (goal, orientation): the KPI, its unit, direction and 90-day target change."""
        return self._frame(self.kpi_rows.values())

    @property
    def sources_frame(self) -> pd.DataFrame:
        """The bibliography: publisher, title, URL, year."""
        return self._frame(self.sources.values()).set_index("source_id")

    @property
    def fx_frame(self) -> pd.DataFrame:
        """Currency rates: units of each currency per euro."""
        return self._frame(self.fx_rows).set_index("currency")


def _vocabulary(directory: Path, name: str, sources: Mapping[str, SourceRow]) -> list[tuple[int, VocabularyRow]]:
    rows = _read(directory, name, VocabularyRow)
    _check_unique(name, rows, ("id",))
    for line, row in rows:
        _check_source(name, line, "source_id", row.source_id, sources)
    if not rows:
        raise CatalogError("vocabulary is empty", file=name, allowed="at least one row")
    return rows


def load_catalog(directory: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate the catalog in ``directory`` (default: the bundled ``data/``).

    Parameters
    ----------
    directory
        A folder with the catalog's CSV files.  ``None`` uses ``$CHANNELFIT_DATA`` if set,
        else the ``data/`` folder of the source tree.

    Returns
    -------
    Catalog

    Raises
    ------
    CatalogError
        On the first invalid cell, naming file, row, column, value and what is allowed.
    """
    folder = Path(directory) if directory is not None else default_data_dir()
    sources_rows = _read(folder, "sources.csv", SourceRow)
    _check_unique("sources.csv", sources_rows, ("source_id",))
    sources = {row.source_id: row for _, row in sources_rows}

    def sourced(file: str, rows: list[tuple[int, Any]]) -> None:
        for line, row in rows:
            _check_source(file, line, "source_id", row.source_id, sources)

    vocab = {
        kind: _vocabulary(folder, f"{kind}.csv", sources)
        for kind in ("goals", "formats", "sectors", "orientations")
    }
    ids = {kind: tuple(row.id for _, row in rows) for kind, rows in vocab.items()}

    country_rows = _read(folder, "countries.csv", CountryRow)
    _check_unique("countries.csv", country_rows, ("country",))
    sourced("countries.csv", country_rows)
    fx_rows = _read(folder, "fx.csv", FxRow)
    _check_unique("fx.csv", fx_rows, ("currency",))
    sourced("fx.csv", fx_rows)
    fx = {row.currency: row.per_eur for _, row in fx_rows}
    if fx.get("EUR") != 1.0:
        raise CatalogError("EUR must be listed with per_eur 1", file="fx.csv", column="per_eur", value=fx.get("EUR"), allowed="1")
    for line, row in country_rows:
        _check_known("countries.csv", line, "currency", row.currency, fx)
    countries = tuple(row.country for _, row in country_rows)

    channel_rows = _read(folder, "channels.csv", ChannelRow)
    _check_unique("channels.csv", channel_rows, ("channel",))
    orientation_ids = frozenset(ids["orientations"])
    for line, row in channel_rows:
        _check_known("channels.csv", line, "orientation", row.orientation, orientation_ids)
        _check_source("channels.csv", line, "audience_source_id", row.audience_source_id, sources)
        for fmt in row.format_list:
            _check_known("channels.csv", line, "formats", fmt, frozenset(ids["formats"]))
        for sector in row.vertical_sector_list:
            _check_known("channels.csv", line, "vertical_sectors", sector, frozenset(ids["sectors"]))
    channels = tuple(row.channel for _, row in channel_rows)
    index = {
        "channels": {c: i for i, c in enumerate(channels)},
        "countries": {c: i for i, c in enumerate(countries)},
        **{kind: {v: i for i, v in enumerate(values)} for kind, values in ids.items()},
    }
    n_channels, n_countries = len(channels), len(countries)

    market_rows = _read(folder, "channel_markets.csv", MarketRow)
    _check_unique("channel_markets.csv", market_rows, ("channel", "region"))
    sourced("channel_markets.csv", market_rows)
    regions = {**index["countries"], WORLD: -1}
    for line, row in market_rows:
        _check_known("channel_markets.csv", line, "channel", row.channel, index["channels"])
        _check_known("channel_markets.csv", line, "region", row.region, regions)
    markets = {(row.channel, row.region): row for _, row in market_rows}
    internet_share = np.array([row.internet_share for _, row in country_rows])
    reach = np.zeros((n_channels, n_countries))
    availability = np.zeros((n_channels, n_countries), dtype=np.int8)
    channel_lines = [line for line, _ in channel_rows]
    for c, channel in enumerate(channels):
        if (channel, WORLD) not in markets:
            raise CatalogError(
                "channel has no WORLD row in channel_markets.csv",
                file="channels.csv",
                row=channel_lines[c],
                column="channel",
                value=channel,
                allowed="a channel with a WORLD row in channel_markets.csv (its reach where no country row exists)",
            )
        for k, country in enumerate(countries):
            row = markets.get((channel, country)) or markets[(channel, WORLD)]
            share = row.reach * (internet_share[k] if row.base == "internet_users" else 1.0)
            reach[c, k] = share
            availability[c, k] = AVAILABILITY.index(row.availability)

    sector_rows = _read(folder, "channel_sectors.csv", SectorFitRow)
    _check_unique("channel_sectors.csv", sector_rows, ("channel", "sector"))
    sourced("channel_sectors.csv", sector_rows)
    sector_fit = np.array([[row.sector_baseline] * len(ids["sectors"]) for _, row in channel_rows])
    for line, row in sector_rows:
        _check_known("channel_sectors.csv", line, "channel", row.channel, index["channels"])
        _check_known("channel_sectors.csv", line, "sector", row.sector, index["sectors"])
        sector_fit[index["channels"][row.channel], index["sectors"][row.sector]] = row.fit

    sector_reach_rows = _read(folder, "sector_reach.csv", SectorReachRow)
    _check_unique("sector_reach.csv", sector_reach_rows, ("channel", "sector"))
    sourced("sector_reach.csv", sector_reach_rows)
    sector_reach = np.full((n_channels, len(ids["sectors"])), np.nan)
    for line, row in sector_reach_rows:
        _check_known("sector_reach.csv", line, "channel", row.channel, index["channels"])
        _check_known("sector_reach.csv", line, "sector", row.sector, index["sectors"])
        sector_reach[index["channels"][row.channel], index["sectors"][row.sector]] = row.reach

    goal_rows = _read(folder, "channel_goals.csv", GoalRow)
    _check_unique("channel_goals.csv", goal_rows, ("channel", "goal"))
    sourced("channel_goals.csv", goal_rows)
    goal_affinity = np.zeros((n_channels, len(ids["goals"])))
    for line, row in goal_rows:
        _check_known("channel_goals.csv", line, "channel", row.channel, index["channels"])
        _check_known("channel_goals.csv", line, "goal", row.goal, index["goals"])
        goal_affinity[index["channels"][row.channel], index["goals"][row.goal]] = row.affinity

    level_rows = _read(folder, "levels.csv", LevelRow)
    _check_unique("levels.csv", level_rows, ("channel", "level"))
    sourced("levels.csv", level_rows)
    shape = (n_channels, len(LEVELS))
    offered = np.zeros(shape, dtype=bool)
    money, hours, setup, effect = (np.zeros(shape) for _ in range(4))
    level_lines = {(row.channel, row.level): line for line, row in level_rows}
    for line, row in level_rows:
        _check_known("levels.csv", line, "channel", row.channel, index["channels"])
        c, lv = index["channels"][row.channel], LEVELS.index(row.level)
        offered[c, lv] = True
        money[c, lv], hours[c, lv] = row.monthly_cost_eur, row.weekly_hours
        setup[c, lv], effect[c, lv] = row.setup_hours, row.effect
    for c, channel in enumerate(channels):
        if not offered[c].any():
            raise CatalogError(
                "channel has no row in levels.csv",
                file="channels.csv",
                row=channel_lines[c],
                column="channel",
                value=channel,
                allowed="a channel with at least one of listen, maintain, grow in levels.csv",
            )
        costs = [(money[c, lv], hours[c, lv]) for lv in np.flatnonzero(offered[c])]
        if costs != sorted(costs, key=lambda cost: cost) or any(b[1] < a[1] for a, b in zip(costs, costs[1:])):
            raise CatalogError(
                "levels must not get cheaper as effort rises",
                file="levels.csv",
                row=level_lines[(channel, LEVELS[int(np.flatnonzero(offered[c])[-1])])],
                column="monthly_cost_eur",
                value=channel,
                allowed="listen <= maintain <= grow in both monthly_cost_eur and weekly_hours",
            )

    kpi_rows = _read(folder, "kpis.csv", KpiRow)
    _check_unique("kpis.csv", kpi_rows, ("goal", "orientation"))
    sourced("kpis.csv", kpi_rows)
    for line, row in kpi_rows:
        _check_known("kpis.csv", line, "goal", row.goal, index["goals"])
        _check_known("kpis.csv", line, "orientation", row.orientation, orientation_ids)

    format_needed = np.zeros((n_channels, len(ids["formats"])), dtype=bool)
    for c, (_, row) in enumerate(channel_rows):
        for fmt in row.format_list:
            format_needed[c, index["formats"][fmt]] = True
    column = lambda name: _frozen(np.array([getattr(row, name) for _, row in channel_rows], dtype=float))  # noqa: E731

    return Catalog(
        directory=folder,
        channels=channels,
        countries=countries,
        goals=ids["goals"],
        formats=ids["formats"],
        sectors=ids["sectors"],
        orientations=ids["orientations"],
        index=_proxy({kind: _proxy(ids_) for kind, ids_ in index.items()}),
        age_shares=_frozen(np.array([[getattr(row, b) for b, _, _ in AGE_BANDS] for _, row in channel_rows])),
        share_female=column("share_female"),
        share_professionals=column("share_professionals"),
        b2b_fit=column("b2b_fit"),
        b2c_fit=column("b2c_fit"),
        format_needed=_frozen(format_needed),
        sector_fit=_frozen(sector_fit),
        sector_reach=_frozen(sector_reach),
        needs_premises=_frozen(np.array([row.needs_premises for _, row in channel_rows], dtype=bool)),
        goal_affinity=_frozen(goal_affinity),
        reach=_frozen(reach),
        availability=_frozen(availability),
        level_offered=_frozen(offered),
        level_monthly_cost_eur=_frozen(money),
        level_weekly_hours=_frozen(hours),
        level_setup_hours=_frozen(setup),
        level_effect=_frozen(effect),
        fx_per_eur=_proxy(fx),
        channel_rows=tuple(row for _, row in channel_rows),
        market_rows=_proxy(markets),
        goal_rows=_proxy({(row.channel, row.goal): row for _, row in goal_rows}),
        level_rows=_proxy({(row.channel, row.level): row for _, row in level_rows}),
        kpi_rows=_proxy({(row.goal, row.orientation): row for _, row in kpi_rows}),
        country_rows=_proxy({row.country: row for _, row in country_rows}),
        sources=_proxy(sources),
        sector_rows=tuple(row for _, row in sector_rows),
        sector_reach_rows=_proxy({(row.channel, row.sector): row for _, row in sector_reach_rows}),
        vocabulary_rows=_proxy({kind: tuple(row for _, row in rows) for kind, rows in vocab.items()}),
        fx_rows=tuple(row for _, row in fx_rows),
    )


def default_data_dir() -> Path:
    """The folder the default catalog is read from: ``$CHANNELFIT_DATA`` or the source tree's ``data/``."""
    env = os.environ.get("CHANNELFIT_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The bundled catalog, validated once per process and cached.

    Returns
    -------
    Catalog
        Immutable; its ``*_frame`` properties give pandas views.
    """
    return load_catalog(None)
