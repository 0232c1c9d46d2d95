"""The catalog's tables, declared: one row model, key and references per CSV file, one reader.

Each :class:`Table` says which file it is, which pydantic model validates a row, which columns
form its key, and which columns must name a row of another table (a ``;``-separated column
names several). :func:`read_tables` reads them all in order and reports the first problem as a
:class:`~channelfit.errors.CatalogError` naming the file, the row (line number), the column,
the value and what is allowed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .errors import CatalogError, allowed_from
from .files import inside, read_text
from .vocabulary import AGE_BANDS, AVAILABILITY, AdFamily, LevelName

__all__ = ["TABLES", "WORLD", "Table", "read_tables", "split"]

WORLD = "WORLD"
_AGE_SUM_TOLERANCE = 0.02
Share = Field(ge=0.0, le=1.0)
Year = Field(default=None, ge=1990, le=2030)
Availability = Literal[AVAILABILITY]  # type: ignore[valid-type]


def split(cell: str | None) -> tuple[str, ...]:
    """The ids of a ``;``-separated cell."""
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split(";") if part.strip())


class Row(BaseModel):
    """A validated CSV row: extra columns forbidden, NaN and infinities refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)


def _needs(column: str, reason: str) -> PydanticCustomError:
    return PydanticCustomError("provenance", reason, {"column": column})


#: How a figure was obtained: read from a source; a source's figure converted to the catalog's base
#: (the note says how); derived from other rows by a stated rule; or an estimate (the note gives the reasoning).
Basis = Literal["source", "converted", "derived", "estimate"]
_NEEDS_SOURCE = ("source", "converted")
_NEEDS_NOTE = ("converted", "derived", "estimate")


def _sourced(value: Any, info: ValidationInfo, basis: str) -> Any:
    """A figure whose ``basis`` column says ``source`` or ``converted`` needs this field (source id or year)."""
    if value is None and info.data.get(basis) in _NEEDS_SOURCE:
        raise _needs(info.field_name or "", f"{basis} '{info.data.get(basis)}' needs a {info.field_name}")
    return value


def _reasoned(note: str | None, info: ValidationInfo, basis: str) -> str | None:
    """A converted, derived or estimated figure needs its reasoning in this note."""
    if not note and info.data.get(basis) in _NEEDS_NOTE:
        raise _needs(info.field_name or "", f"{basis} '{info.data.get(basis)}' needs a {info.field_name} with the reasoning")
    return note


class Sourced(Row):
    """A row whose figures are sourced (source id and year) or an estimate (with its reasoning)."""

    basis: Basis
    source_id: str | None = None
    year: int | None = Year
    note: str | None = None

    @field_validator("source_id", "year")
    @classmethod
    def _check_sourced(cls, value: Any, info: ValidationInfo) -> Any:
        return _sourced(value, info, "basis")

    @field_validator("note")
    @classmethod
    def _check_reasoned(cls, note: str | None, info: ValidationInfo) -> str | None:
        return _reasoned(note, info, "basis")


class SourceRow(Row):
    source_id: str = Field(pattern=r"^[a-z0-9_]+$")
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^(https?://\S+|data/\S+)$")
    year: int | None = Year
    note: str | None = None


class VocabularyRow(Row):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    description: str | None = None
    source_id: str


class GoalVocabularyRow(VocabularyRow):
    """A goal, and whose people it addresses: the organisation's customers (``customers``: the profile's
    audience, the professionals of ``audience.sectors`` when it names them) or its own sector's
    professionals (``own_sector``: the people it hires); whether the ``listen`` level serves it (following,
    searching and answering: listening, customer service, community), whether a listing at ``listen`` serves it
    (a live shop, booking or maps listing kept right sells, books, is called and visited without posting: sales,
    leads, traffic, visits, besides what listening serves), and whether paid promotion lifts it
    beyond the ``maintain`` level (reach, clicks, leads, sales, visits, donations, applicants; not
    conversations, service, expertise or partners, which take the organisation's own time)."""

    audience: Literal["customers", "own_sector"]
    listen_serves: bool
    listing_serves: bool
    paid_lift: bool


class SectorVocabularyRow(VocabularyRow):
    """A sector, and whether its organisations usually have premises customers visit or a local service
    area (shops, restaurants, clinics, agencies): a profile that does not say is assumed to, and the plan says so;
    and whether its customers travel to the premises from the other target markets (hotels, tours), so that a maps
    or booking listing reaches them there too (``visitors_travel``)."""

    premises: bool
    visitors_travel: bool


class OrientationVocabularyRow(VocabularyRow):
    """An orientation, whether its channels' content is public and searchable: only there can an
    organisation listen (follow and search) before it talks (owned channels and private messengers are not),
    and whether its accounts are listings of the organisation on someone else's site (a directory, a
    marketplace, a booking or review site), which stay live at ``listen`` and are left unmanaged, not closed."""

    public: bool
    listing: bool


#: Day codes of ``countries.csv`` ``work_days``, Monday first (the cell lists them as the week runs there).
_WEEK_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WORK_DAYS_ALLOWED = "5 to 7 distinct day codes from " + " ".join(_WEEK_DAYS) + ", separated by spaces"


class CountryRow(Sourced):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    internet_share: float = Share
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    work_days: str  # the organisation's usual working days there, space-separated, in the order of its week: "sun mon tue wed thu"

    @field_validator("work_days")
    @classmethod
    def _check_work_days(cls, value: str) -> str:
        days = value.split()
        if not 5 <= len(days) <= len(_WEEK_DAYS) or len(set(days)) != len(days) or not set(days) <= set(_WEEK_DAYS):
            raise PydanticCustomError("work_days", "work_days is not a working week of day codes", {"column": "work_days", "expected": _WORK_DAYS_ALLOWED})
        return " ".join(days)


class FxRow(Sourced):
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    per_eur: float = Field(gt=0.0)


class ChannelRow(Row):
    channel: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    orientation: str
    owner: str = Field(min_length=1)
    formats_needed: str = Field(min_length=1)
    formats_helpful: str | None = None
    vertical_sectors: str | None = None
    ad_family: AdFamily | None = None
    needs_premises: bool
    starts_empty: bool
    members_only: bool
    runs_on: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")  # the channel whose account it needs (Messenger: a Facebook Page)
    searchable: bool | None = None  # overrides its orientation's ``public``: a monobank jar is a fundraising page no one can search
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
    audience_basis: Basis
    audience_source_id: str | None = None
    audience_year: int | None = Year
    audience_note: str | None = None

    @field_validator("audience_source_id", "audience_year")
    @classmethod
    def _check_audience_sourced(cls, value: Any, info: ValidationInfo) -> Any:
        return _sourced(value, info, "audience_basis")

    @field_validator("audience_note")
    @classmethod
    def _check_audience_reasoned(cls, note: str | None, info: ValidationInfo) -> str | None:
        return _reasoned(note, info, "audience_basis")

    @model_validator(mode="after")
    def _age_shares_sum_to_one(self) -> ChannelRow:
        total = sum(getattr(self, label) for label, _, _ in AGE_BANDS)
        if abs(total - 1.0) > _AGE_SUM_TOLERANCE:
            raise PydanticCustomError(
                "age_sum",
                "age_* shares sum to {total}, not 1 (+-{tolerance})",
                {"total": round(total, 3), "tolerance": _AGE_SUM_TOLERANCE, "column": "age_13_17..age_65_plus"},
            )
        return self

    @property
    def vertical_sector_list(self) -> tuple[str, ...]:
        return split(self.vertical_sectors)


class ChannelVersionRow(Row):
    """The catalog version a channel was added in (``YYYY.N``): the catalog's version is the latest."""

    channel: str
    added: str = Field(pattern=r"^[0-9]{4}\.[0-9]+$")
    source_id: str
    note: str | None = None


class MarketRow(Sourced):
    channel: str
    region: str = Field(pattern=r"^([A-Z]{2}|WORLD)$")
    reach: float = Share
    base: Literal["population", "adults", "internet_users"]
    availability: Availability

    @model_validator(mode="after")
    def _blocked_reaches_nobody(self) -> MarketRow:
        if self.availability == "blocked" and self.reach != 0.0:
            raise PydanticCustomError("blocked_reach", "a blocked channel reaches nobody: reach must be 0", {"column": "reach"})
        return self


Age = Field(ge=0, le=100)


class _AgeBand(Sourced):
    """A figure about the people of ``age_min..age_max`` (``age_max`` 90 or more: open-ended)."""

    age_min: int = Age
    age_max: int = Age

    @model_validator(mode="after")
    def _ordered(self) -> _AgeBand:
        if self.age_min > self.age_max:
            raise PydanticCustomError("age_order", "age_min is above age_max", {"column": "age_min"})
        return self


class CountryAgeRow(_AgeBand):
    country: str
    population_share: float = Share


class InternetUseRow(_AgeBand):
    country: str
    internet_use: float = Share


class ReachBandRow(_AgeBand):
    channel: str
    country: str
    reach: float = Share
    measure: str = Field(min_length=1)


class AdCostRow(Sourced):
    """What reaching people with paid ads of a family costs in a country, relative to the US (1)."""

    country: str
    family: AdFamily
    cost_index: float = Field(gt=0.0, le=10.0)


class CountryPopulationRow(Sourced):
    """A country's whole population, in millions."""

    country: str
    population_millions: float = Field(gt=0.0, le=2_000.0)


class SectorClickCostRow(Sourced):
    """What a search-ad click costs in a sector relative to the average over all industries (1)."""

    sector: str
    cost_index: float = Field(gt=0.0, le=10.0)


class CustomerReachRow(Sourced):
    """Share of the people in the market for a sector's offer in a country (people looking for a home,
    couples planning a wedding, people who play games, online shoppers; with ``audience = professionals``, the
    professionals buying it: business buyers of software on G2) who use the channel while in it."""

    channel: str
    sector: str
    country: str
    audience: Literal["consumers", "professionals"]
    reach: float = Share


class ClosedRow(Sourced):
    """A channel closed to organisations based in a country (the owner's withdrawal, sanctions or a law), wherever
    they target: ``closes`` ``ads`` (no paid promotion: no grow level), ``posting`` (no new posts either: listen only)
    or ``all`` (no account at all: GoFundMe takes organisers only from the countries it supports)."""

    channel: str
    country: str
    closes: Literal["ads", "posting", "all"]


class SectorAdBanRow(Sourced):
    """A law that bans the paid promotion of a sector's services by organisations based in a country: ``aimed_at``
    ``home`` bans the ads aimed at that country only (Turkey's health providers may sponsor posts for health tourism
    abroad), ``everywhere`` bans them whatever their audience. A plan buys no ads where the ban reaches."""

    sector: str
    country: str
    aimed_at: Literal["home", "everywhere"]


class CommissionRow(Sourced):
    """The share of each sale, booking, order or donation a channel keeps as its commission (Booking.com of a stay,
    Etsy of an order): money the monthly cost does not show, since it grows with the sales the channel brings."""

    channel: str
    share: float = Field(gt=0.0, le=1.0)
    charged_on: Literal["sale", "booking", "order", "donation"]
    sectors: str | None = None  # ``;``-separated: the sectors it binds, where a channel's other sections charge otherwise (all when empty)

    @property
    def sector_ids(self) -> tuple[str, ...]:
        return split(self.sectors)


class ChannelNameRow(Sourced):
    """A channel's name in one country, where it runs under a brand of its own there (Mercado Livre in Brazil,
    Lieferando in Germany): plans for organisations whose main market that is use it."""

    channel: str
    country: str
    name: str = Field(min_length=1, max_length=80)


class SectorFitRow(Sourced):
    channel: str
    sector: str
    fit: float = Share


class SectorReachRow(Sourced):
    channel: str
    sector: str
    reach: float = Share


class GoalRow(Sourced):
    channel: str
    goal: str
    affinity: float = Share


class GoalMarketRow(Sourced):
    channel: str
    goal: str
    country: str
    affinity: float = Share


class LevelRow(Sourced):
    channel: str
    level: LevelName
    monthly_cost_eur: float = Field(ge=0.0, le=1_000_000.0)
    weekly_hours: float = Field(ge=0.0, le=168.0)
    setup_hours: float = Field(ge=0.0, le=2_000.0)
    effect: float = Field(gt=0.0, le=1.0)
    spend_scale_eur: float | None = Field(default=None, gt=0.0, le=1_000_000.0)
    auction: bool

    @model_validator(mode="after")
    def _promotion_on_paid_levels(self) -> LevelRow:
        # listening buys nothing; a maintain level takes more money only where its money buys ads in an auction
        # (an always-on search campaign's daily budget), not where it is a flat fee
        if self.spend_scale_eur is not None and (self.level == "listen" or (self.level == "maintain" and not self.auction)):
            raise PydanticCustomError(
                "spend_scale_level", "spend_scale_eur is set on a {level} level", {"level": self.level, "column": "spend_scale_eur", "expected": "empty, or a grow level, or a maintain level whose money is an auction"}
            )
        return self


class _KpiFields(Sourced):
    kpi: str = Field(pattern=r"^[a-z0-9_]+$")
    unit: str = Field(min_length=1)
    direction: Literal["up", "down"]
    target_change: float = Field(ge=-1.0, le=10.0)


class _LevelKpiFields(_KpiFields):
    """A KPI that may have a level to reach instead of a change: a rate bounded at 100 % cannot rise 30 % from 90 %."""

    target_level: float | None = Field(default=None, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _level_or_change(self) -> _LevelKpiFields:
        if self.target_level is not None and (self.unit != "share" or self.direction != "up" or self.target_change != 0):
            raise PydanticCustomError(
                "target_level", "target_level is set on a KPI that is not a share to raise with no target_change", {"column": "target_level", "expected": "empty, or a share KPI going up with target_change 0"}
            )
        return self


class ChannelKpiRow(_LevelKpiFields):
    """A KPI of a channel's own for a goal (Tabelog: bookings), used instead of its orientation's."""

    channel: str
    goal: str


class PaidKpiRow(_KpiFields):
    """The cost KPI of a goal for a pick whose money buys ads in an auction (cost per lead, return on ad spend)."""

    goal: str


class ChannelPaidKpiRow(_KpiFields):
    """The cost KPI of a channel whose money buys something else than its goals' results (a newsletter's lead ads buy
    sign-ups), used instead of its goals' from ``paid_kpis.csv``."""

    channel: str


class SectorKpiRow(Sourced):
    """A count a sector names otherwise (a hotel's orders are bookings), used for every KPI of that name in its plans."""

    sector: str
    instead_of: str = Field(pattern=r"^[a-z0-9_]+$")
    kpi: str = Field(pattern=r"^[a-z0-9_]+$")


class KpiRow(_LevelKpiFields):
    """The KPI of a goal for channels of an orientation."""

    goal: str
    orientation: str


@dataclass(frozen=True)
class Table:
    """One CSV file of the catalog.

    Attributes
    ----------
    name
        The table's name (its file is ``{name}.csv``), used in ``references`` of other tables.
    row
        The pydantic model of one row.
    key
        The columns whose values identify a row (unique in the file).
    references
        ``column -> table``: the column holds a key of that table (``;``-separated for several ids).
        ``regions`` means a country or ``WORLD``; an empty cell references nothing.
    """

    name: str
    row: type[Row]
    key: tuple[str, ...]
    references: Mapping[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


_SOURCED = {"source_id": "sources"}
#: Every table, in the order they are read (a table only references tables before it).
TABLES: tuple[Table, ...] = (
    Table("sources", SourceRow, ("source_id",)),
    Table("goals", GoalVocabularyRow, ("id",), _SOURCED),
    Table("formats", VocabularyRow, ("id",), _SOURCED),
    Table("sectors", SectorVocabularyRow, ("id",), _SOURCED),
    Table("orientations", OrientationVocabularyRow, ("id",), _SOURCED),
    Table("fx", FxRow, ("currency",), _SOURCED),
    Table("countries", CountryRow, ("country",), {**_SOURCED, "currency": "fx"}),
    Table(
        "channels",
        ChannelRow,
        ("channel",),
        {"orientation": "orientations", "audience_source_id": "sources", "formats_needed": "formats", "formats_helpful": "formats", "vertical_sectors": "sectors"},
    ),
    Table("channel_versions", ChannelVersionRow, ("channel",), {**_SOURCED, "channel": "channels"}),
    Table("channel_names", ChannelNameRow, ("channel", "country"), {**_SOURCED, "channel": "channels", "country": "countries"}),
    Table("channel_markets", MarketRow, ("channel", "region"), {**_SOURCED, "channel": "channels", "region": "regions"}),
    Table("country_population", CountryPopulationRow, ("country",), {**_SOURCED, "country": "countries"}),
    Table("country_ages", CountryAgeRow, ("country", "age_min", "age_max"), {**_SOURCED, "country": "countries"}),
    Table("internet_use", InternetUseRow, ("country", "age_min", "age_max"), {**_SOURCED, "country": "countries"}),
    Table("reach_bands", ReachBandRow, ("channel", "country", "age_min", "age_max"), {**_SOURCED, "channel": "channels", "country": "countries"}),
    Table("ad_costs", AdCostRow, ("country", "family"), {**_SOURCED, "country": "countries"}),
    Table("sector_click_costs", SectorClickCostRow, ("sector",), {**_SOURCED, "sector": "sectors"}),
    Table("channel_sectors", SectorFitRow, ("channel", "sector"), {**_SOURCED, "channel": "channels", "sector": "sectors"}),
    Table("sector_reach", SectorReachRow, ("channel", "sector"), {**_SOURCED, "channel": "channels", "sector": "sectors"}),
    Table("customer_reach", CustomerReachRow, ("channel", "sector", "country"), {**_SOURCED, "channel": "channels", "sector": "sectors", "country": "countries"}),
    Table("channel_goals", GoalRow, ("channel", "goal"), {**_SOURCED, "channel": "channels", "goal": "goals"}),
    Table("channel_goal_markets", GoalMarketRow, ("channel", "goal", "country"), {**_SOURCED, "channel": "channels", "goal": "goals", "country": "countries"}),
    Table("levels", LevelRow, ("channel", "level"), {**_SOURCED, "channel": "channels"}),
    Table("closed_to_organisations", ClosedRow, ("channel", "country"), {**_SOURCED, "channel": "channels", "country": "countries"}),
    Table("sector_ad_bans", SectorAdBanRow, ("sector", "country"), {**_SOURCED, "sector": "sectors", "country": "countries"}),
    Table("commissions", CommissionRow, ("channel",), {**_SOURCED, "channel": "channels", "sectors": "sectors"}),
    Table("kpis", KpiRow, ("goal", "orientation"), {**_SOURCED, "goal": "goals", "orientation": "orientations"}),
    Table("paid_kpis", PaidKpiRow, ("goal",), {**_SOURCED, "goal": "goals"}),
    Table("channel_paid_kpis", ChannelPaidKpiRow, ("channel",), {**_SOURCED, "channel": "channels"}),
    Table("sector_kpis", SectorKpiRow, ("sector", "instead_of"), {**_SOURCED, "sector": "sectors"}),
    Table("channel_kpis", ChannelKpiRow, ("channel", "goal"), {**_SOURCED, "channel": "channels", "goal": "goals"}),
)


#: Caps on a catalog file: its size and its number of columns.
MAX_TABLE_BYTES = 20_000_000
MAX_COLUMNS = 100


def _cells(table: Table, path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    """``(line, record)`` for each non-empty row; empty cells become ``None``."""
    expected = list(table.row.model_fields)
    text = read_text(path, MAX_TABLE_BYTES, error=CatalogError, file=table.file)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        if len(header) > MAX_COLUMNS:
            raise CatalogError("too many columns", file=table.file, row=1, value=f"{len(header)} columns", allowed=f"at most {MAX_COLUMNS}")
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing or unknown or len(set(header)) != len(header):
            raise CatalogError(
                f"header: missing {missing}, unknown {unknown}" if missing or unknown else "header repeats a column",
                file=table.file,
                row=1,
                column=(missing or unknown or [None])[0],
                value=",".join(header),
                allowed="the columns " + ",".join(expected) + " in any order",
            )
        for line, cells in enumerate(reader, start=2):
            if not "".join(cells).strip():
                continue
            if len(cells) != len(header):
                raise CatalogError(f"row has {len(cells)} cells", file=table.file, row=line, value=cells, allowed=f"{len(header)} cells, one per header column")
            yield line, dict(zip(header, [cell if cell.strip() else None for cell in cells]))
    except csv.Error as exc:
        raise CatalogError(f"not a valid CSV file: {str(exc)[:120]}", file=table.file, row=reader.line_num, allowed="comma-separated UTF-8 text with a header row") from None


def _validate(table: Table, line: int, record: dict[str, str | None]) -> Row:
    try:
        return table.row.model_validate(record)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        column = str(error["loc"][0]) if error["loc"] else (error.get("ctx") or {}).get("column")
        raise CatalogError(
            error["msg"].removeprefix("Value error, "),
            file=table.file,
            row=line,
            column=column,
            value=record.get(column) if column else None,
            allowed=allowed_from(error),
        ) from None


def _check_reference(table: Table, line: int, column: str, value: str, known: frozenset[str]) -> None:
    if value in known:
        return
    if column.endswith("source_id"):
        raise CatalogError("source_id not in sources.csv", file=table.file, row=line, column=column, value=value, allowed="an id in sources.csv")
    listed = sorted(known)
    allowed = ", ".join(listed) if len(listed) <= 40 else ", ".join(listed[:40]) + ", ..."
    raise CatalogError(f"unknown {column}", file=table.file, row=line, column=column, value=value, allowed=allowed)


def read_tables(folder: Path) -> dict[str, dict[tuple[str, ...], tuple[int, Row]]]:
    """Read and validate every table of :data:`TABLES` in ``folder``.

    Returns
    -------
    dict
        ``table name -> {key: (line, row)}``, rows in file order.

    Raises
    ------
    CatalogError
        On a missing file, a bad header or cell, a duplicate key or an unknown reference.
    """
    loaded: dict[str, dict[tuple[str, ...], tuple[int, Row]]] = {}
    for table in TABLES:
        path = folder / table.file
        if not path.is_file():
            raise CatalogError("file is missing", file=table.file, value=str(path), allowed="a CSV file in the data directory")
        if not inside(path, folder):
            raise CatalogError("the file links out of the catalog directory", file=table.file, value=table.file, allowed="a file inside the catalog directory")
        known = {
            column: frozenset(key[0] for key in loaded["countries" if target == "regions" else target]) | ({WORLD} if target == "regions" else set())
            for column, target in table.references.items()
        }
        key_of = attrgetter(*table.key)
        rows: dict[tuple[str, ...], tuple[int, Row]] = {}
        for line, record in _cells(table, path):
            row = _validate(table, line, record)
            for column, ids in known.items():
                cell = getattr(row, column)
                if cell in ids or not cell:  # the common case: one known id, or none
                    continue
                for value in split(cell):
                    _check_reference(table, line, column, value, ids)
            key = key_of(row) if len(table.key) > 1 else (key_of(row),)
            if key in rows:
                raise CatalogError(
                    f"duplicate of row {rows[key][0]}", file=table.file, row=line, column=",".join(table.key), value="/".join(map(str, key)), allowed="each key once"
                )
            rows[key] = (line, row)
        if issubclass(table.row, VocabularyRow) and not rows:
            raise CatalogError("vocabulary is empty", file=table.file, allowed="at least one row")
        loaded[table.name] = rows
    return loaded
