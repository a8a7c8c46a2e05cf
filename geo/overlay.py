"""Load an analyst's own events (GeoJSON or CSV) as a map overlay, with per-row rejections.

The loader is pure: it takes the uploaded bytes and never hands them to GDAL, so GDAL's
driver auto-detection (an OGR VRT disguised as GeoJSON reads server files) cannot be reached
from here even if a check is bypassed. GeoJSON is parsed with :mod:`json`, CSV with :mod:`csv`,
and the rows are validated with vectorised pandas.

Limits (whole-file errors, :class:`OverlayError`):

``MAX_BYTES`` = 50 MB
    Must match the upload cap (``server.maxUploadSize = 50``).
``MAX_FEATURES`` = 200,000
    Features in a FeatureCollection or data rows in a CSV.
``MAX_VERTICES_PER_FEATURE`` = 100,000
    Positions in any one geometry. Overlays are points, so such a geometry would be rejected
    anyway; the cap stops one huge polygon costing ~1 GB of RAM.
``MAX_JSON_DEPTH`` = 64
    Nesting of ``[`` and ``{``, measured on the bytes before :func:`json.loads` recurses.
``MAX_COLUMNS`` = 1,000
    Columns in a CSV header.

Row problems (coordinates, geometry, dates) become :class:`Rejection` entries and the good
rows still load. Escaping for display happens at render time (``geo.text.escape_text``):
everything in an :class:`Overlay` is plain, unescaped data.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.errors import AtlasDataError

MAX_BYTES = 50 * 1024 * 1024
MAX_FEATURES = 200_000
MAX_VERTICES_PER_FEATURE = 100_000
MAX_JSON_DEPTH = 64
MAX_COLUMNS = 1_000
MAX_FIELDS_SHOWN = 12
YEAR_MIN, YEAR_MAX = 1900, 2100
PROGRESS_EVERY = 20_000

Progress = Callable[[int, int], None]
RESERVED = ("lat", "lon", "year", "date", "label", "category")


class OverlayError(AtlasDataError):
    """An uploaded overlay file cannot be used at all; the message names the file and why.

    ``columns`` lists the CSV header when the lat/lon/date columns could not be recognised,
    so the UI can offer a mapping step.
    """

    def __init__(self, message: str, *, file: str | None = None, columns: list[str] | None = None):
        super().__init__(message, file=file)
        self.columns = columns


@dataclass(frozen=True)
class Rejection:
    """One data row (CSV) or feature (GeoJSON), 1-based, that was left out, and why."""

    row: int
    reason: str


@dataclass(frozen=True)
class ColumnMapping:
    """Which source columns hold the coordinates, time, label and category."""

    lat: str
    lon: str
    date: str | None = None
    year: str | None = None
    label: str | None = None
    category: str | None = None


ACLED_MAPPING = ColumnMapping(
    lat="latitude", lon="longitude", date="event_date", year="year",
    label="location", category="event_type",
)  # fmt: skip


@dataclass
class Overlay:
    """Validated overlay events plus the rows that were rejected."""

    name: str
    events: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- column detection

_CANDIDATES = {
    "lat": ("latitude", "lat", "y"),
    "lon": ("longitude", "lon", "lng", "long", "x"),
    "date": ("event_date", "date"),
    "year": ("year",),
    "label": ("label", "name", "title", "location"),
    "category": ("category", "event_type", "type"),
}


def _pick(columns: list[str], role: str) -> str | None:
    lowered = {}
    for col in columns:
        lowered.setdefault(str(col).strip().lower(), col)
    return next((lowered[c] for c in _CANDIDATES[role] if c in lowered), None)


def detect_mapping(columns: list[str]) -> ColumnMapping | None:
    """Recognise ACLED export columns or common lat/lon/date spellings.

    Parameters
    ----------
    columns
        Header names, in file order; matched case-insensitively, ignoring surrounding spaces.

    Returns
    -------
    ColumnMapping or None
        ``None`` when no latitude/longitude pair or no date/year column is recognised.

    Examples
    --------
    >>> detect_mapping(["Lat", "LNG", "Year"]).lon
    'LNG'
    >>> detect_mapping(["a", "b"]) is None
    True
    """
    roles = {role: _pick(columns, role) for role in _CANDIDATES}
    if not (roles["lat"] and roles["lon"] and (roles["date"] or roles["year"])):
        return None
    return ColumnMapping(**roles)


# ---------------------------------------------------------------- bytes to text

_MAGIC = (
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx is one too); upload GeoJSON or CSV"),
    (b"PK\x05\x06", "an empty zip archive; upload GeoJSON or CSV"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"SQLite format 3\x00", "an SQLite/GeoPackage database; export it as GeoJSON or CSV"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook; save it as CSV (UTF-8)"),
    (b"%PDF", "a PDF document, not GeoJSON or CSV"),
    (b"\x00\x00\x27\x0a", "a shapefile; export it as GeoJSON"),
)


def _decode(data: bytes, file: str) -> str:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise OverlayError(f"the file is {what}", file=file)
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise OverlayError(f"the UTF-16 text is damaged ({exc.reason})", file=file) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.start + 1].hex()
            raise OverlayError(
                f"the file is not UTF-8 text (byte 0x{bad} at position {exc.start}); "
                "save it as UTF-8",
                file=file,
            ) from None
    if "\x00" in text:
        raise OverlayError(
            "the file contains NUL bytes (binary, or UTF-16 without a byte-order mark); "
            "save it as UTF-8",
            file=file,
        )
    return text.lstrip("\ufeff")


# ---------------------------------------------------------------- GeoJSON

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_CRS84 = {
    "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "ogc:crs84", "crs84",
    "epsg:4326", "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:4326",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84", "http://www.opengis.net/def/crs/epsg/0/4326",
}  # fmt: skip
_GEOMETRY_TYPES = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "GeometryCollection",
}  # fmt: skip


def _bracket_depth(raw: bytes) -> int:
    brackets = raw.translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    arr = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((arr == ord("[")) | (arr == ord("{")), 1, -1).astype(np.int32)
    return int(np.cumsum(steps).max())


def _json_depth(text: str) -> int:
    """Maximum bracket nesting, without recursion (vectorised).

    The fast count includes brackets inside strings; only when it exceeds the cap are the
    strings removed for an exact count. Closing brackets inside strings could hide real depth
    from the fast count; ``json.loads`` then stops at the interpreter's recursion limit and
    its ``RecursionError`` is reported as the same error.
    """
    depth = _bracket_depth(text.encode("utf-8"))
    if depth <= MAX_JSON_DEPTH:
        return depth
    return _bracket_depth(_STRINGS.sub('""', text).encode("utf-8"))


def _parse_json(text: str, file: str) -> object:
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise OverlayError(
            f"the JSON is nested {depth} levels deep (limit {MAX_JSON_DEPTH}); too complex",
            file=file,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise OverlayError(
            f"not valid JSON (cut off or damaged?): {exc.msg} at line {exc.lineno} "
            f"column {exc.colno}",
            file=file,
        ) from None
    except RecursionError:
        raise OverlayError("the JSON is nested too deeply; too complex", file=file) from None
    except ValueError as exc:
        raise OverlayError(f"not valid JSON: {str(exc)[:120]}", file=file) from None


def _check_crs(doc: dict, file: str) -> None:
    if "crs" not in doc or doc["crs"] is None:
        return
    crs = doc["crs"]
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if isinstance(name, str) and name.strip().lower() in _CRS84:
        return
    shown = name if isinstance(name, str) else json.dumps(crs)[:120]
    raise OverlayError(
        f"the file declares the legacy crs {shown!r}; only WGS 84 longitude/latitude "
        "(CRS84 / EPSG:4326) is accepted, as RFC 7946 requires; reproject it first",
        file=file,
    )


def _features(doc: object, file: str) -> list:
    if not isinstance(doc, dict):
        kind = "a list" if isinstance(doc, list) else type(doc).__name__
        raise OverlayError(
            f"not GeoJSON: the top level is {kind}, not a FeatureCollection", file=file
        )
    kind = doc.get("type")
    if kind == "Topology":
        raise OverlayError(
            "this is TopoJSON, which is not supported; convert it to GeoJSON", file=file
        )
    _check_crs(doc, file)
    if kind == "Feature":
        return [doc]
    if kind != "FeatureCollection":
        if kind in _GEOMETRY_TYPES:
            what = f"a bare {kind} geometry"
        else:
            what = f"type {str(kind)[:60]!r}"
        raise OverlayError(f"not a GeoJSON FeatureCollection or Feature ({what})", file=file)
    features = doc.get("features")
    if not isinstance(features, list):
        raise OverlayError("not valid GeoJSON: 'features' is not a list", file=file)
    return features


def _count_positions(coords: object) -> int:
    """Count numeric positions in nested coordinate arrays (depth already capped)."""
    count, stack = 0, [coords]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            if item and not isinstance(item[0], list):
                count += 1
            else:
                stack.extend(item)
    return count


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return float("inf")


def _point(geom: object, file: str) -> tuple[float, float] | str:
    """Return (lon, lat) of a Point geometry, or the reason it cannot be used."""
    if geom is None:
        return "null geometry"
    if not isinstance(geom, dict):
        return "invalid geometry: not an object"
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind not in _GEOMETRY_TYPES:
        return f"invalid geometry: unknown type {str(kind)[:40]!r}"
    if kind == "GeometryCollection":
        return "GeometryCollection geometry is not supported (points only)"
    if _count_positions(coords) > MAX_VERTICES_PER_FEATURE:
        raise OverlayError(
            f"a {kind} has more than {MAX_VERTICES_PER_FEATURE:,} vertices (limit)", file=file
        )
    if kind == "MultiPoint" and isinstance(coords, list) and len(coords) == 1:
        kind, coords = "Point", coords[0]
    if kind != "Point":
        return f"{kind} geometry is not supported (points only)"
    if not isinstance(coords, list) or not 2 <= len(coords) <= 3:
        return "invalid geometry: Point coordinates must be [lon, lat]"
    lon, lat = _number(coords[0]), _number(coords[1])
    if lon is None or lat is None:
        return "invalid geometry: coordinates are not numbers"
    return lon, lat


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _no_mapping(what: str, names: list[str], file: str) -> OverlayError:
    shown = ", ".join(repr(c) for c in names[:40]) or "none"
    return OverlayError(f"{what}; {'columns' if 'column' in what else 'properties'} are: {shown}",
                        file=file, columns=names)  # fmt: skip


def _geojson_table(
    text: str, file: str, mapping: ColumnMapping | None, progress: Progress | None
) -> tuple[pd.DataFrame, dict[int, str], list[tuple[str, str]]]:
    features = _features(_parse_json(text, file), file)
    total = len(features)
    if total > MAX_FEATURES:
        raise OverlayError(f"{total:,} features, over the limit of {MAX_FEATURES:,}", file=file)
    lons, lats, props, pre = [], [], [], {}
    for i, feat in enumerate(features):
        if progress and i and i % PROGRESS_EVERY == 0:
            progress(i, total)
        pos: tuple[float, float] | str
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            pos = "not a GeoJSON Feature object"
        elif not isinstance(feat.get("properties") or {}, dict):
            pos = "properties is not an object"
        else:
            pos = _point(feat.get("geometry"), file)
        if isinstance(pos, str):
            pre[i] = pos
            pos, p = (np.nan, np.nan), {}
        else:
            p = feat.get("properties") or {}
        lons.append(pos[0])
        lats.append(pos[1])
        props.append(p)
    keys = list(dict.fromkeys(k for p in props for k in p))
    if total and not pre.keys() >= set(range(total)):
        mapping = mapping or detect_mapping(["latitude", "longitude", *keys])
        if mapping is None or not (mapping.date or mapping.year):
            raise _no_mapping("no date or year property recognised", keys, file)
    mapping = mapping or ColumnMapping(lat="latitude", lon="longitude", year="year")
    fields = _shown_fields(keys, mapping, csv_layout=False)
    needed = [mapping.date, mapping.year, mapping.label, mapping.category, *(f for f, _ in fields)]
    needed = [k for k in dict.fromkeys(needed) if k]
    table = pd.DataFrame({k: [_cell(p.get(k)) for p in props] for k in needed}, dtype=object)
    table.index = pd.RangeIndex(len(props))
    table["_lat"], table["_lon"] = np.asarray(lats, float), np.asarray(lons, float)
    return _with_roles(table, mapping, coords_from_columns=False), pre, fields


# ---------------------------------------------------------------- CSV

_DELIMITERS = ",;\t|"


def _csv_rows(text: str, file: str, progress: Progress | None) -> tuple[list[str], list[list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    estimate = max(text.count("\n"), 1)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise OverlayError("the CSV has no header row", file=file)
        if len(header) > MAX_COLUMNS:
            raise OverlayError(
                f"{len(header):,} columns, over the limit of {MAX_COLUMNS:,}", file=file
            )
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_FEATURES:
                raise OverlayError(f"more than {MAX_FEATURES:,} rows (limit)", file=file)
            if progress and len(rows) % PROGRESS_EVERY == 0:
                progress(len(rows), max(estimate, len(rows)))
    except csv.Error as exc:
        raise OverlayError(
            f"the CSV cannot be read at line {reader.line_num}: {exc} (unterminated quote?)",
            file=file,
        ) from None
    return header, rows


def _unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, raw in enumerate(names):
        name = raw.strip() or f"column {i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _csv_table(
    text: str, file: str, mapping: ColumnMapping | None, progress: Progress | None
) -> tuple[pd.DataFrame, dict[int, str], list[tuple[str, str]]]:
    header, rows = _csv_rows(text, file, progress)
    columns = _unique(header)
    mapping = mapping or detect_mapping(columns)
    if mapping is None:
        raise _no_mapping("no latitude/longitude and date/year columns recognised", columns, file)
    roles = (mapping.lat, mapping.lon, mapping.date, mapping.year, mapping.label, mapping.category)
    missing = [c for c in roles if c and c not in columns]
    if missing:
        raise _no_mapping(f"the column mapping names unknown columns {missing}", columns, file)
    if not (mapping.date or mapping.year):
        raise _no_mapping("the column mapping has no date or year column", columns, file)
    width = len(columns)
    pre = {}
    for i, r in enumerate(rows):
        if not any(c.strip() for c in r):
            pre[i] = _SKIP
        elif len(r) != width:
            pre[i] = f"ragged row: {len(r)} fields, header has {width}"
    blank = [""] * width
    good = [r if len(r) == width else blank for r in rows]
    table = pd.DataFrame(good or None, columns=columns, dtype=object)
    fields = _shown_fields(columns, mapping, csv_layout=True)
    return _with_roles(table, mapping, coords_from_columns=True), pre, fields


# ---------------------------------------------------------------- shared validation


_SKIP = "empty row"  # blank lines are skipped silently, not reported as rejections


def _with_roles(
    table: pd.DataFrame, mapping: ColumnMapping, *, coords_from_columns: bool
) -> pd.DataFrame:
    """Add ``_lat _lon _date _year _label _category`` columns for validation."""
    empty = pd.Series("", index=table.index, dtype=object)

    def col(name: str | None) -> pd.Series:
        return table[name].astype(object) if name and name in table else empty

    roles = {"_date": col(mapping.date), "_year": col(mapping.year),
             "_label": col(mapping.label), "_category": col(mapping.category)}  # fmt: skip
    if coords_from_columns:
        roles |= {"_lat": col(mapping.lat), "_lon": col(mapping.lon)}
    return table.assign(**roles)


def _shown_fields(
    keys: list[str], mapping: ColumnMapping, csv_layout: bool
) -> list[tuple[str, str]]:
    """(source column, name in events) for the first fields worth showing."""
    skip = {mapping.lat, mapping.lon} if csv_layout else set()
    roles = {"date": mapping.date, "year": mapping.year, "label": mapping.label,
             "category": mapping.category, "lat": mapping.lat, "lon": mapping.lon}  # fmt: skip
    out = []
    for key in keys:
        if key in skip:
            continue
        if key in RESERVED:
            if roles.get(key) == key:
                continue
            out.append((key, f"{key} (field)"))
        else:
            out.append((key, key))
        if len(out) == MAX_FIELDS_SHOWN:
            break
    return out


_NONFINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\d{4}$")
_ISO_DATE = r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$"
_TEXT_DATES = ("%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y")


def _short(values: pd.Series) -> pd.Series:
    """Quoted, truncated values for reasons (object dtype even when empty)."""
    return pd.Series([repr(str(v)[:40]) for v in values], index=values.index, dtype=object)


def _num(values: pd.Series) -> pd.Series:
    return pd.Series([f"{v:g}" for v in values], index=values.index, dtype=object)


def _coordinate(raw: pd.Series, name: str, reasons: pd.Series) -> pd.Series:
    """Numeric coordinate; rows that fail get their reason (the first reason wins)."""
    if raw.dtype == object:
        text = raw.astype(str).str.strip().str.replace(",", ".", regex=False)
        value = pd.to_numeric(text, errors="coerce").astype(float)
        free = reasons.isna() & value.isna()
        is_blank = text == ""
        is_nonfinite = text.str.match(_NONFINITE)
        reasons[free & is_blank] = f"missing {name}"
        reasons[free & is_nonfinite] = f"{name} is not finite (NaN/Infinity)"
        other = free & ~is_blank & ~is_nonfinite
        reasons[other] = f"{name} is not a number: " + _short(text[other])
    else:
        value = raw.astype(float)
    reasons[reasons.isna() & ~np.isfinite(value)] = f"{name} is not finite (NaN/Infinity)"
    return value


def _time(table: pd.DataFrame, reasons: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (year as float, ISO date or "") and record date and year problems."""
    date = table["_date"].astype(str).str.strip()
    year_text = table["_year"].astype(str).str.strip()
    iso_part = date.str.extract(_ISO_DATE, expand=False)
    when = pd.to_datetime(iso_part, format="%Y-%m-%d", errors="coerce")
    rest = when.isna() & iso_part.isna() & (date != "") & ~date.str.match(_YEAR_ONLY)
    for fmt in _TEXT_DATES:  # each format only sees the rows still unparsed
        if not rest.any():
            break
        when = when.fillna(pd.to_datetime(date[rest], format=fmt, errors="coerce"))
        rest &= when.isna()
    year_only = pd.to_numeric(date.where(date.str.match(_YEAR_ONLY)), errors="coerce")
    year_column = pd.to_numeric(year_text, errors="coerce")
    year = pd.Series(when.dt.year, index=table.index, dtype=float).fillna(year_only)
    year = year.where(date != "", year_column)
    bad_date = reasons.isna() & (date != "") & year.isna()
    reasons[bad_date] = "unreadable date: " + _short(date[bad_date])
    no_time = reasons.isna() & (date == "") & (year_text == "")
    reasons[no_time] = "missing date and year"
    bad_year = reasons.isna() & (year.isna() | (year % 1 != 0))
    reasons[bad_year] = "unreadable year: " + _short(year_text[bad_year])
    out = reasons.isna() & ((year < YEAR_MIN) | (year > YEAR_MAX))
    reasons[out] = f"year outside {YEAR_MIN}–{YEAR_MAX}: " + _num(year[out])
    return year, when.dt.strftime("%Y-%m-%d").fillna("").astype(object)


def _validate(
    table: pd.DataFrame, pre: dict[int, str], fields: list[tuple[str, str]]
) -> tuple[pd.DataFrame, list[Rejection]]:
    """Keep rows with finite in-range coordinates and a usable year; explain the rest."""
    reasons = pd.Series(None, index=table.index, dtype=object)
    if pre:
        reasons.loc[list(pre)] = list(pre.values())
    lat = _coordinate(table["_lat"], "latitude", reasons)
    lon = _coordinate(table["_lon"], "longitude", reasons)
    swapped = reasons.isna() & (lat.abs() > 90) & (lon.abs() <= 90)
    reasons[swapped] = "latitude out of range (lat/lon swapped?): " + _num(lat[swapped])
    lat_bad = reasons.isna() & (lat.abs() > 90)
    reasons[lat_bad] = "latitude out of range: " + _num(lat[lat_bad])
    lon_bad = reasons.isna() & (lon.abs() > 180)
    reasons[lon_bad] = "longitude out of range: " + _num(lon[lon_bad])
    reasons[reasons.isna() & (lat == 0) & (lon == 0)] = "at (0, 0) 'null island'"
    year, date = _time(table, reasons)
    keep = reasons.isna().to_numpy()
    events = pd.DataFrame(
        {
            "lat": lat[keep].to_numpy(float),
            "lon": lon[keep].to_numpy(float),
            "year": year[keep].to_numpy().astype(np.int64),
            "date": date[keep].to_numpy(object),
            "label": table["_label"][keep].to_numpy(object),
            "category": table["_category"][keep].to_numpy(object),
            **{name: table[src][keep].to_numpy(object) for src, name in fields},
        }
    )
    for col in events.columns[3:]:
        events[col] = events[col].astype(str)
    dropped = reasons[~keep]
    rejected = [Rejection(int(i) + 1, str(r)) for i, r in dropped.items() if r != _SKIP]
    return events, rejected


# ---------------------------------------------------------------- public API


def _display_name(filename: str) -> str:
    return str(filename).strip()[:255] or "upload"


def _looks_like_json(text: str) -> bool:
    return text[:1] in ("{", "[")


def load_overlay(
    data: bytes,
    filename: str,
    *,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
) -> Overlay:
    """Parse and validate an uploaded GeoJSON or CSV file into an :class:`Overlay`.

    Parameters
    ----------
    data
        The uploaded bytes (at most ``MAX_BYTES``).
    filename
        The upload's name: a hint for the format and the name shown for the overlay.
    mapping
        Which CSV columns (or GeoJSON properties) hold lat/lon/date/year/label/category;
        detected when ``None`` (ACLED exports need none).
    progress
        Called as ``progress(rows_done, rows_total)`` every ``PROGRESS_EVERY`` rows and at
        the end.

    Returns
    -------
    Overlay
        Events with finite, in-range coordinates and a year in 1900–2100; rejected rows
        with reasons.

    Raises
    ------
    OverlayError
        For whole-file problems, or when no row survives.

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
    text = _decode(bytes(data), file).lstrip()
    if not text:
        raise OverlayError("the file is empty", file=file)
    if text.startswith("<"):
        raise OverlayError(
            "the file looks like XML (OGR VRT? GML? KML? HTML?), not GeoJSON or CSV", file=file
        )
    is_json_name = file.lower().endswith((".geojson", ".json"))
    if _looks_like_json(text):
        table, pre, fields = _geojson_table(text, file, mapping, progress)
    elif is_json_name:
        raise OverlayError("not valid JSON: the file does not start with '{'", file=file)
    else:
        table, pre, fields = _csv_table(text, file, mapping, progress)
    events, rejected = _validate(table, pre, fields)
    if progress:
        progress(len(table), len(table))
    if events.empty:
        raise OverlayError(_nothing_loaded(len(rejected), rejected), file=file)
    return Overlay(file, events, rejected, [name for _, name in fields])


def _nothing_loaded(total: int, rejected: Iterable[Rejection]) -> str:
    if total == 0:
        return "the file has no events (no features or data rows)"
    kinds = Counter(r.reason.split(":", 1)[0] for r in rejected)
    common = "; ".join(f"{n:,} × {kind}" for kind, n in kinds.most_common(3))
    return f"no usable events: all {total:,} rows were rejected (most common: {common})"


def overlay_in_year(ov: Overlay, year: int) -> pd.DataFrame:
    """Events of the overlay in exactly ``year`` (an empty frame for a quiet year).

    Examples
    --------
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> len(overlay_in_year(ov, 2011)), len(overlay_in_year(ov, 2012))
    (1, 0)
    """
    return ov.events[ov.events["year"] == int(year)].reset_index(drop=True)


def overlay_up_to_year(ov: Overlay, year: int) -> pd.DataFrame:
    """Events of the overlay in ``year`` or earlier (cumulative mode).

    Examples
    --------
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> len(overlay_up_to_year(ov, 2012)), len(overlay_up_to_year(ov, 2010))
    (1, 0)
    """
    return ov.events[ov.events["year"] <= int(year)].reset_index(drop=True)


def summary_line(ov: Overlay) -> str:
    """One-line load report, e.g. ``"12,403 events loaded, 17 rejected"``.

    Examples
    --------
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> summary_line(ov)
    '1 event loaded, 0 rejected'
    """
    n = len(ov.events)
    return f"{n:,} event{'s' if n != 1 else ''} loaded, {len(ov.rejected):,} rejected"
