"""Place rows by a WKT geometry column (UCDP GED's ``geom_wkt``, GeoPandas' ``geometry``).

WKT is parsed by GEOS through shapely (never GDAL). Points give their coordinates; other
shapes are shown at one point, as GeoJSON shapes are, and their records say so.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import shapely
from shapely.errors import ShapelyError

from geo.overlay.model import MAX_VERTICES_PER_FEATURE

SHAPE_FIELD = "shown at"
_NUMBER = r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
_POINT = rf"^POINT\s*Z?M?\s*\(\s*{_NUMBER}\s+{_NUMBER}(?:\s+{_NUMBER}){{0,2}}\s*\)$"
_SRID = r"^SRID=(\d+)\s*;\s*"
_MISSING = frozenset({"", "na", "n/a", "null", "none", "nan", "-", "--"})
_LOOKS_LIKE = re.compile(
    r"^\s*(?:SRID=\d+\s*;\s*)?(?:MULTI)?(?:POINT|LINESTRING|POLYGON)\b|^\s*GEOMETRYCOLLECTION\b",
    re.IGNORECASE,
)


def looks_like_wkt(value: str) -> bool:
    """A value that starts like a WKT geometry (``POINT (71.5 34)``, ``POLYGON ((…))``)."""
    return bool(_LOOKS_LIKE.match(value))


def point_of(shape: shapely.Geometry, kind: str) -> tuple[float, float, str] | str:
    """(lon, lat, how it is shown) for a shape, or the reason it cannot be used.

    A point is itself (``how`` is empty); a line is shown at its middle point, anything
    else at a point inside it (shapely's ``representative_point``).
    """
    if shape.is_empty:
        return f"empty {kind} geometry"
    if shape.geom_type == "Point":
        return float(shape.x), float(shape.y), ""
    if shape.geom_type == "MultiPoint" and len(shape.geoms) == 1:
        return float(shape.geoms[0].x), float(shape.geoms[0].y), ""
    if shape.geom_type in ("LineString", "MultiLineString"):
        point, how = shape.interpolate(0.5, normalized=True), "its middle point"
    else:
        point, how = shape.representative_point(), "a point inside it"
    return float(point.x), float(point.y), f"{kind}, shown at {how}"


def shape_counts(shapes: list[str], pre: dict[int, str]) -> str:
    """``"2 Polygons and 1 LineString"`` for the rows shown at a point of their shape."""
    kinds = Counter(s.split(",")[0] for i, s in enumerate(shapes) if s and i not in pre)
    parts = [f"{n:,} {k}{'s' * (n != 1)}" for k, n in kinds.most_common()]
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _quoted(value: str) -> str:
    return repr(value[:40] + ("…" if len(value) > 40 else ""))


def wkt_positions(values: pd.Series) -> tuple[np.ndarray, np.ndarray, dict[int, str], list[str]]:
    """Longitudes, latitudes (NaN where unusable), reasons by 0-based row, and how shown.

    Parameters
    ----------
    values
        The WKT column as read (text). ``SRID=4326;`` (EWKT) is accepted; another SRID is
        refused, as the Atlas reads longitude/latitude in WGS 84 only.

    Returns
    -------
    tuple
        ``lon``, ``lat`` (float arrays), ``reasons`` for rows that cannot be placed, and
        ``shown``: ``""`` for a point, ``"Polygon, shown at a point inside it"`` and so on.

    Examples
    --------
    >>> lon, lat, reasons, shown = wkt_positions(pd.Series(["POINT (71.5 34)", "POINT EMPTY",
    ...                                                      "LINESTRING (70 30, 72 30)", "x"]))
    >>> lon.tolist()[:1], lat.tolist()[:1], reasons
    ([71.5], [34.0], {1: 'empty Point geometry', 3: "invalid WKT geometry: 'x'"})
    >>> shown[2], (float(lon[2]), float(lat[2]))
    ('LineString, shown at its middle point', (71.0, 30.0))
    """
    n = len(values)
    text = pd.Series(values.astype(str).str.strip().to_numpy(object), dtype=object)
    lon, lat = np.full(n, np.nan), np.full(n, np.nan)
    reasons: dict[int, str] = {}
    shown = [""] * n
    blank = text.str.lower().isin(_MISSING).to_numpy(bool)
    for i in np.flatnonzero(blank).tolist():
        reasons[i] = "missing WKT geometry"
    srid = text.str.extract(_SRID, flags=re.IGNORECASE | re.ASCII)[0]
    for i in np.flatnonzero((srid.notna() & (srid != "4326")).to_numpy(bool)).tolist():
        reasons[i] = f"WKT in SRID {srid[i]}, not WGS 84 longitude/latitude (SRID 4326)"
    text = text.str.replace(_SRID, "", regex=True, flags=re.IGNORECASE)
    todo = ~blank & ~np.isin(np.arange(n), list(reasons))
    xy = text[todo].str.extract(_POINT, flags=re.IGNORECASE | re.ASCII)
    hit = xy[0].notna().to_numpy(bool)
    at = np.flatnonzero(todo)[hit]
    lon[at] = pd.to_numeric(xy[0][hit]).to_numpy(float)
    lat[at] = pd.to_numeric(xy[1][hit]).to_numpy(float)
    todo[at] = False
    rest = np.flatnonzero(todo)
    if not len(rest):
        return lon, lat, reasons, shown
    raw = text.to_numpy(object)[rest]
    big = np.array([v.count(",") >= MAX_VERTICES_PER_FEATURE for v in raw], dtype=bool)
    for i in rest[big].tolist():
        reasons[i] = f"WKT geometry with more than {MAX_VERTICES_PER_FEATURE:,} vertices (limit)"
    rest, raw = rest[~big], raw[~big]
    shapes = shapely.from_wkt(raw, on_invalid="ignore")
    for i, value, shape in zip(rest.tolist(), raw.tolist(), shapes.tolist(), strict=True):
        if shape is None:
            reasons[i] = f"invalid WKT geometry: {_quoted(value)}"
            continue
        try:
            pos = point_of(shape, shape.geom_type)
        except ShapelyError:
            pos = f"invalid WKT geometry: the {shape.geom_type} cannot be read"
        if isinstance(pos, str):
            reasons[i] = pos
        else:
            lon[i], lat[i], shown[i] = pos
    return lon, lat, reasons, shown


def place_by_wkt(
    table: pd.DataFrame,
    column: str,
    pre: dict[int, str],
    fields: list[tuple[str, str]],
    notes: list[str],
) -> tuple[pd.DataFrame, dict[int, str], list[tuple[str, str]], str | None]:
    """Set ``_lat``/``_lon`` from a WKT column; rows it cannot place join ``pre``.

    Rows already in ``pre`` (empty, ragged) keep their reason. When a shape is shown at a
    point, a ``shown at`` field says so and a note counts them, as for GeoJSON.
    """
    lon, lat, reasons, shown = wkt_positions(table[column] if column in table else
                                             pd.Series("", index=table.index))  # fmt: skip
    table = table.assign(_lat=lat, _lon=lon)
    pre = {**reasons, **pre}
    drawn = shape_counts(shown, pre)
    if not drawn:
        return table, pre, fields, None
    table[SHAPE_FIELD] = pd.Series(shown, index=table.index, dtype=object).replace("", "its point")
    notes.append(f"{drawn} shown at a single point each (a point inside an area, the middle "
                 f"of a line); their records say so.")  # fmt: skip
    return table, pre, [*fields, (SHAPE_FIELD, SHAPE_FIELD)], SHAPE_FIELD
