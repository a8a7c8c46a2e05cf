"""Load an analyst's own events (CSV, Excel .xlsx or GeoJSON) as a map overlay.

The loader is pure: it takes the uploaded bytes and never hands them to GDAL, so GDAL's
driver auto-detection (an OGR VRT disguised as GeoJSON reads server files) cannot be reached
from here. GeoJSON is parsed with :mod:`json`, CSV with :mod:`csv`, workbooks with
python-calamine (cached cell values only: formulas are never evaluated), and rows are
validated with vectorised pandas. ``docs/overlay-formats.md`` lists the formats and quirks.

Limits (whole-file errors, :class:`OverlayError`): ``MAX_BYTES`` 50 MB (the upload cap),
``MAX_FEATURES`` 200,000 features or data rows, ``MAX_VERTICES_PER_FEATURE`` 100,000,
``MAX_JSON_DEPTH`` 64, ``MAX_COLUMNS`` 1,000, ``MAX_XLSX_UNPACKED`` 400 MB of workbook parts.

Row problems (coordinates, geometry, dates) become :class:`Rejection` entries and the good
rows still load. Escaping for display happens at render time (``geo.text.escape_text``):
everything in an :class:`Overlay` is plain, unescaped data.
"""

from __future__ import annotations

from geo.overlay.formats import detect_mapping, recognise
from geo.overlay.geojson import geojson_source
from geo.overlay.model import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_FEATURES,
    MAX_FIELDS_SHOWN,
    MAX_JSON_DEPTH,
    MAX_VERTICES_PER_FEATURE,
    MAX_XLSX_UNPACKED,
    PROGRESS_EVERY,
    RESERVED,
    YEAR_MAX,
    YEAR_MIN,
    ColumnMapping,
    DateReading,
    Overlay,
    OverlayError,
    Progress,
    Rejection,
)
from geo.overlay.sheet import source_from_sheet
from geo.overlay.source import decode, is_zip, xlsx_cells
from geo.overlay.table import csv_rows, source_from_rows
from geo.overlay.validate import rejection_summary, validate
from geo.overlay.window import (
    outside_years,
    overlay_in_year,
    overlay_up_to_year,
    period_bounds,
    rows_in_window,
    summary_line,
    year_span,
)

__all__ = [
    "ACLED_MAPPING", "MAX_BYTES", "MAX_COLUMNS", "MAX_FEATURES", "MAX_FIELDS_SHOWN",
    "MAX_JSON_DEPTH", "MAX_VERTICES_PER_FEATURE", "MAX_XLSX_UNPACKED", "PROGRESS_EVERY",
    "RESERVED", "YEAR_MAX", "YEAR_MIN", "ColumnMapping", "DateReading", "Overlay",
    "OverlayError", "Progress", "Rejection", "detect_mapping", "load_overlay",
    "outside_years", "overlay_in_year", "overlay_up_to_year", "period_bounds", "recognise",
    "rows_in_window", "summary_line", "year_span",
]  # fmt: skip

ACLED_MAPPING = ColumnMapping(
    lat="latitude", lon="longitude", date="event_date", year="year",
    label="location", category="event_type",
)  # fmt: skip


def _display_name(filename: str) -> str:
    return str(filename).strip()[:255] or "upload"


def load_overlay(
    data: bytes,
    filename: str,
    *,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
    date_order: str | None = None,
) -> Overlay:
    """Parse and validate an uploaded CSV, .xlsx or GeoJSON file into an :class:`Overlay`.

    Parameters
    ----------
    data
        The uploaded bytes (at most ``MAX_BYTES``).
    filename
        The upload's name: a hint for the format and the name shown for the overlay.
    mapping
        Which columns (or GeoJSON properties) hold lat/lon/date/year/label/category;
        detected when ``None`` (ACLED, UCDP GED and GDELT files need none). A headerless
        file's columns are named ``"column 1"``, ``"column 2"``, …
    progress
        Called as ``progress(rows_done, rows_total)`` every ``PROGRESS_EVERY`` rows and at
        the end.
    sheet
        The workbook sheet to read (default: the first sheet with any cells).
    date_order
        ``"dmy"`` or ``"mdy"`` forces how numeric dates such as ``03/04/2011`` read; by
        default the column decides (and ``Overlay.date_reading`` says when it could not).

    Returns
    -------
    Overlay
        Events with finite, in-range coordinates and a year in 1900–2100, each with its
        date precision; rejected rows with reasons; notes on what was done.

    Raises
    ------
    OverlayError
        For whole-file problems, or when no row survives; ``columns`` is set when a mapping
        step can help.

    Examples
    --------
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n0,0,2011\\n", "a.csv")
    >>> summary_line(ov)
    '1 event loaded, 1 rejected'
    >>> try:
    ...     load_overlay(b"", "a.csv")
    ... except OverlayError as exc:
    ...     print(exc)
    a.csv: the file is empty
    """
    file = _display_name(filename)
    if not isinstance(data, bytes | bytearray):
        raise OverlayError("the upload is not a file's bytes", file=file)
    if len(data) > MAX_BYTES:
        raise OverlayError(
            f"the file is {len(data) / 1e6:.1f} MB, over the limit of {MAX_BYTES / 2**20:.0f} MB",
            file=file,
        )
    data = bytes(data)
    notes: list[str] = []
    sheets: list[str] = []
    chosen = None
    if is_zip(data):
        cells, sheets, chosen = xlsx_cells(data, file, sheet)
        if len(sheets) > 1:
            notes.append(f"Read sheet {chosen!r} of {len(sheets)} sheets.")
        src = _guarded(lambda: source_from_sheet(cells, file, mapping, notes), sheets, chosen)
        del cells  # the table holds what is kept: the cells go before validation
    else:
        text, note = decode(data, file)
        text = text.lstrip()
        if not text:
            raise OverlayError("the file is empty", file=file)
        if text.startswith("<"):
            raise OverlayError("the file looks like XML (OGR VRT? GML? KML? HTML?), not "
                               "GeoJSON or CSV", file=file)  # fmt: skip
        notes += [note] if note else []
        if text[:1] in ("{", "["):
            src = geojson_source(text, file, mapping, progress)
            src.notes[:0] = notes
        elif file.lower().endswith((".geojson", ".json")):
            raise OverlayError("not valid JSON: the file does not start with '{'", file=file)
        else:
            rows, _ = csv_rows(text, file, progress)
            src = source_from_rows(rows, file, mapping, notes)
    events, rejected, reading = validate(src, date_order)
    if progress:
        progress(len(src.table), len(src.table))
    if events.empty:
        raise _nothing_loaded(file, src, rejected, sheets, chosen)
    if reading and reading.ambiguous:
        src.notes.append(
            f"Every date in {reading.column!r} fits both day-first and month-first: read "
            f"{'day' if reading.order == 'dmy' else 'month'}-first ({reading.example!r} is "
            f"{reading.as_read}, not {reading.other})."
        )
    return Overlay(
        file, events, rejected, [name for _, name in src.fields], notes=src.notes,
        date_reading=reading, sheets=sheets, sheet=chosen, source_format=src.layout_name,
    )  # fmt: skip


def _guarded(read, sheets: list[str], sheet: str | None):
    """Run ``read``; an :class:`OverlayError` it raises also lists the workbook's sheets."""
    try:
        return read()
    except OverlayError as exc:
        exc.sheets, exc.sheet = sheets, sheet
        raise


def _nothing_loaded(file, src, rejected: list[Rejection], sheets, sheet) -> OverlayError:
    if not rejected:
        return OverlayError("the file has no events (no features or data rows)", file=file,
                            sheets=sheets, sheet=sheet)  # fmt: skip
    common, examples = rejection_summary(rejected)
    quoted = f"; for example {', '.join(examples)}" if examples else ""
    every = f"all {len(rejected):,} rows were" if len(rejected) > 1 else "its only row was"
    message = f"no usable events: {every} rejected (most common: {common}){quoted}"
    year = src.mapping.year or (detect_mapping(src.columns) and detect_mapping(src.columns).year)
    if not year:
        year = next((c for c in src.columns if c.strip().lower() == "year"), None)
    return OverlayError(
        message, file=file, columns=src.columns, samples=src.samples, suggested=src.mapping,
        year_column=year, examples=examples, sheets=sheets, sheet=sheet,
    )  # fmt: skip
