"""Limits, errors and result types of the overlay loader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo.errors import AtlasDataError

MAX_BYTES = 50 * 1024 * 1024
MAX_FEATURES = 200_000
MAX_VERTICES_PER_FEATURE = 100_000
MAX_JSON_DEPTH = 64
MAX_COLUMNS = 1_000
MAX_XLSX_UNPACKED = 8 * MAX_BYTES  # declared size of a workbook's parts, unpacked
MAX_FIELDS_SHOWN = 12
YEAR_MIN, YEAR_MAX = 1900, 2100
PROGRESS_EVERY = 20_000
SAMPLES = 3  # sample values shown per column in the mapping step

Progress = Callable[[int, int], None]
RESERVED = ("lat", "lon", "year", "date", "date_precision", "label", "category")


@dataclass(frozen=True)
class ColumnMapping:
    """Which source columns hold the coordinates, time, label and category.

    ``wkt`` names a column of WKT geometries (``POINT (lon lat)``, as in UCDP GED) used
    when ``lat``/``lon`` are not given.
    """

    lat: str | None = None
    lon: str | None = None
    date: str | None = None
    year: str | None = None
    label: str | None = None
    category: str | None = None
    wkt: str | None = None


class OverlayError(AtlasDataError):
    """An uploaded overlay file cannot be used at all; the message names the file and why.

    When a mapping step can help, ``columns`` lists the columns (or GeoJSON properties),
    ``samples`` a few values of each, ``suggested`` a starting mapping, ``year_column`` a
    readable year column to fall back on, and ``examples`` a few offending values. ``sheets``
    lists a workbook's sheets and ``sheet`` the one read.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        columns: list[str] | None = None,
        samples: dict[str, list[str]] | None = None,
        suggested: ColumnMapping | None = None,
        year_column: str | None = None,
        examples: list[str] | None = None,
        sheets: list[str] | None = None,
        sheet: str | None = None,
    ):
        super().__init__(message, file=file)
        self.columns = columns
        self.samples = samples or {}
        self.suggested = suggested
        self.year_column = year_column
        self.examples = examples or []
        self.sheets = sheets or []
        self.sheet = sheet


@dataclass(frozen=True)
class Rejection:
    """One data row (CSV/sheet) or feature (GeoJSON), 1-based, that was left out, and why."""

    row: int
    reason: str


@dataclass(frozen=True)
class DateReading:
    """How a numeric date column was read (``order`` is ``"dmy"`` or ``"mdy"``).

    ``ambiguous`` when every value fits both orders; ``example`` is a raw value with its
    two readings, ``as_read`` and ``other``, for the "read it the other way" offer.
    """

    column: str
    order: str
    ambiguous: bool
    example: str = ""
    as_read: str = ""
    other: str = ""

    @property
    def other_order(self) -> str:
        """The order not used (what a one-click switch loads)."""
        return "mdy" if self.order == "dmy" else "dmy"


@dataclass
class Overlay:
    """Validated overlay events plus the rows that were rejected and what was done.

    ``events`` has ``lat lon year date date_precision label category`` and the shown
    ``fields``; ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or empty, as ``date_precision``
    (``day``, ``month``, ``year``) says. ``notes`` are plain sentences for the analyst.
    """

    name: str
    events: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    date_reading: DateReading | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    source_format: str | None = None


@dataclass
class Source:
    """A read file before validation: role columns ``_lat _lon _date _year _label _category``,
    rows already known to be bad (``pre``, 0-based), the fields to keep, and what was done."""

    table: pd.DataFrame
    pre: dict[int, str]
    fields: list[tuple[str, str]]
    mapping: ColumnMapping
    columns: list[str]
    samples: dict[str, list[str]]
    notes: list[str] = field(default_factory=list)
    layout_name: str | None = None
    prefer: str = "dmy"
    categories: dict[int, str] = field(default_factory=dict)
    id_column: str | None = None
    actor_columns: list[str] = field(default_factory=list)
    geometry_note: str | None = None  # a field saying a shape is shown at a point
