"""Facts for a place or route dossier: lengths, distances, status history, nearby incidents."""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from geo.geodesy import (
    country_of,
    distance_to_line_km,
    length_by_country_km,
    length_km,
    lies_in_claimed_country,
)
from geo.timeline import LAST_YEAR, events_matching

# UTM zone 42N: a metric CRS centred on 69° E, the middle of both corridors (66–73° E).
# Scale error stays under 0.1 % across the corridors, so buffers in metres are honest there.
METRIC_CRS = "EPSG:32642"
CORRIDORS = ("torkham", "chaman")
# What an "incident along the corridor" is: violence, attacks on supplies and blockades, not
# a summit in a city the road happens to pass through.
INCIDENT_CATEGORIES = ("conflict", "supply_attack", "protest")
CROSSINGS_FILE = Path(__file__).resolve().parents[1] / "data" / "border_crossings.geojson"
_TO_M = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
_TO_LL = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class RouteFacts:
    """Computed facts about one route line."""

    length_km: float
    by_country_km: dict[str, float]
    crossing_id: str
    length_to_crossing_km: float | None  # along the line, from its start to the crossing
    crossing_offset_km: float  # how far the crossing point is from the drawn line


@dataclass(frozen=True)
class PlaceFacts:
    """Computed facts about one place."""

    border_km: float  # geodesic distance to the Afghanistan–Pakistan boundary
    country_found: str | None  # the basemap country containing the point
    in_claimed_country: bool
    accuracy_km: float


def route_facts(route: object, places: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> RouteFacts:
    """Return a route's length in total and per country, and how it meets its border crossing.

    Parameters
    ----------
    route
        A row of ``Dataset.routes`` (``geometry``, ``border_crossing_id``).
    places
        ``Dataset.places``, to find the crossing's point.
    countries
        The basemap's country polygons (``geo.geodesy.read_countries``).

    Returns
    -------
    RouteFacts
        ``length_to_crossing_km`` is ``None`` when the crossing is not on the line.

    Notes
    -----
    When the crossing is a vertex and the line runs through Pakistan and Afghanistan only, the
    per-country lengths are split at the crossing gate, not where Natural Earth draws the
    boundary (~3.4 km off at Chaman, ~1.4 km at Torkham).

    Examples
    --------
    The N-5 line: about 1,783 km from Karachi to Torkham, 1,974 km to Kabul.

    >>> f = route_facts(n5, places, countries)  # doctest: +SKIP
    >>> round(f.length_to_crossing_km), round(f.length_km)  # doctest: +SKIP
    (1783, 1974)
    """
    line: LineString = route.geometry
    crossing = _place_point(places, route.border_crossing_id)
    offset = distance_to_line_km(crossing, line)
    total = length_km(line)
    to_crossing = length_to_vertex_km(line, crossing)
    by_country = length_by_country_km(line, countries)
    if to_crossing is not None and set(by_country) == {"PK", "AF"}:
        by_country = {"PK": to_crossing, "AF": total - to_crossing}
    return RouteFacts(
        length_km=total,
        by_country_km=by_country,
        crossing_id=route.border_crossing_id,
        length_to_crossing_km=to_crossing,
        crossing_offset_km=offset,
    )


def length_to_vertex_km(
    line: LineString, point: Point, *, tolerance_km: float = 1.0
) -> float | None:
    """Return the geodesic length along ``line`` from its start to the vertex nearest ``point``.

    Returns ``None`` when no vertex lies within ``tolerance_km`` of the point.

    Examples
    --------
    >>> line = LineString([(0, 0), (0, 1), (0, 2)])
    >>> round(length_to_vertex_km(line, Point(0, 1)))
    111
    >>> length_to_vertex_km(line, Point(5, 5)) is None
    True
    """
    coords = list(line.coords)
    gaps = [distance_to_line_km(point, Point(c)) for c in coords]
    best = min(range(len(coords)), key=gaps.__getitem__)
    if gaps[best] > tolerance_km:
        return None
    if best == 0:
        return 0.0
    return length_km(LineString(coords[: best + 1]))


def place_facts(place: object, countries: gpd.GeoDataFrame, border: BaseGeometry) -> PlaceFacts:
    """Return a place's distance to the Afghanistan–Pakistan border and whether it lies in
    the country it claims (``PK/AF`` crossings only have to sit on the line).

    The distance is to the border corrected at the route crossings (``border_at_crossings``).

    Examples
    --------
    >>> place_facts(torkham, countries, border).border_km < 1  # doctest: +SKIP
    True
    """
    point: Point = place.geometry
    return PlaceFacts(
        border_km=distance_to_line_km(point, border_at_crossings(border)),
        country_found=country_of(point, countries),
        in_claimed_country=lies_in_claimed_country(point, place.country, countries),
        accuracy_km=float(place.accuracy_km),
    )


def read_crossings(path: Path = CROSSINGS_FILE) -> list[tuple[float, float, float]]:
    """Return the crossing gates as ``(lon, lat, radius_km)`` from data/border_crossings.geojson."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(*f["geometry"]["coordinates"], float(f["properties"]["radius_km"]))
            for f in doc["features"]]  # fmt: skip


def border_at_crossings(
    border: BaseGeometry, crossings: list[tuple[float, float, float]] | None = None
) -> BaseGeometry:
    """Return the boundary corrected to pass through each crossing gate.

    Natural Earth 10m runs the Durand Line ~3.4 km from the Chaman gate and ~1.4 km from
    Torkham. Within ``radius_km`` of a gate the corrected line runs straight from where the
    boundary enters that circle to the gate and on to where it leaves it (in UTM 42N);
    outside the circles it is unchanged.

    Parameters
    ----------
    border
        The boundary, a LineString in EPSG:4326 (``geo.geodesy.read_border``).
    crossings
        ``(lon, lat, radius_km)`` per gate; default ``read_crossings()``.

    Examples
    --------
    >>> line = LineString([(66.0, 30.954), (67.0, 30.954)])
    >>> fixed = border_at_crossings(line, [(66.44472, 30.92222, 8.0)])
    >>> round(fixed.distance(Point(66.44472, 30.92222)), 6)
    0.0
    """
    gates = tuple(crossings if crossings is not None else read_crossings())
    return _corrected(border.wkb, gates)


@lru_cache(maxsize=8)
def _corrected(wkb: bytes, gates: tuple[tuple[float, float, float], ...]) -> BaseGeometry:
    line = shapely.from_wkb(wkb)
    if line.geom_type != "LineString":
        line = shapely.line_merge(line)
    if line.geom_type != "LineString":
        return line  # a multi-part boundary is returned unchanged
    metric = shapely.transform(line, lambda xy: _xy(_TO_M, xy))
    for lon, lat, radius_km in gates:
        gate = Point(_TO_M.transform(lon, lat))
        ring = gate.buffer(radius_km * 1000.0, quad_segs=32).exterior
        hits = shapely.get_parts(metric.intersection(ring))
        if len(hits) < 2:
            continue  # the boundary does not pass through the circle: nothing to correct
        at = sorted(metric.project(h) for h in hits if h.geom_type == "Point")
        head, tail = substring(metric, 0, at[0]), substring(metric, at[-1], metric.length)
        metric = LineString([*head.coords, (gate.x, gate.y), *tail.coords])
    return shapely.transform(metric, lambda xy: _xy(_TO_LL, xy))


def _xy(transformer: Transformer, xy: np.ndarray) -> np.ndarray:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _place_point(places: gpd.GeoDataFrame, place_id: str) -> Point:
    return places.loc[places["id"] == place_id, "geometry"].iloc[0]


def events_for_place(events: gpd.GeoDataFrame, place_id: str) -> gpd.GeoDataFrame:
    """Return every event tied to a place, oldest first."""
    return events_matching(events, place_id=place_id).sort_values("start")


def events_for_route(events: gpd.GeoDataFrame, route_id: str) -> gpd.GeoDataFrame:
    """Return every event tied to a route, oldest first."""
    return events_matching(events, route_id=route_id).sort_values("start")


def corridor_routes(routes: gpd.GeoDataFrame, corridor: str) -> gpd.GeoDataFrame:
    """Return the main and alternative route lines of one corridor."""
    return routes[routes["corridor"] == corridor]


def events_near_routes(
    events: gpd.GeoDataFrame, routes: gpd.GeoDataFrame, buffer_km: float
) -> gpd.GeoDataFrame:
    """Return the located events within ``buffer_km`` of any of ``routes``, oldest first.

    The buffer is built with shapely in UTM 42N (EPSG:32642, metres), never in degrees,
    where a degree of longitude is ~20 % shorter than a degree of latitude at 34° N.

    Parameters
    ----------
    events
        Events in EPSG:4326; rows without geometry are skipped.
    routes
        The route lines to buffer (e.g. one corridor's, from ``corridor_routes``).
    buffer_km
        Half-width of the corridor in km; must not be negative.

    Examples
    --------
    A buffer of 0 km keeps only events lying exactly on a line:

    >>> events_near_routes(events, routes, 0).empty  # doctest: +SKIP
    True
    """
    if buffer_km < 0:
        raise ValueError(f"buffer_km must be >= 0, got {buffer_km!r}")
    located = events[events.geometry.notna() & ~events.geometry.is_empty]
    if located.empty or routes.empty:
        return located.iloc[0:0].copy()
    # Distance to the nearest line, not a buffered union: the corridor's lines share long
    # stretches of road, and buffering their union cost ~10 s per call on the traced routes.
    lines = routes.to_crs(METRIC_CRS).geometry.union_all()
    points = located.to_crs(METRIC_CRS).geometry
    near = points.distance(lines) <= buffer_km * 1000.0
    return located[near.to_numpy()].sort_values("start").copy()


def status_history(periods: pd.DataFrame, corridor: str) -> pd.DataFrame:
    """Return a corridor's status spells (``status``, ``label``, ``start``, ``end``) in order.

    Open-ended spells end on 1 January after the Atlas's last year, so a strip can draw them.

    Examples
    --------
    >>> status_history(periods, "torkham")["status"].tolist()[:3]  # doctest: +SKIP
    ['inactive', 'open', 'closed']
    """
    rows = periods[(periods["subject_type"] == "corridor") & (periods["subject"] == corridor)]
    out = rows[["id", "status", "label", "start", "end"]].sort_values("start").copy()
    out["open_ended"] = out["end"].isna()
    out["end"] = out["end"].fillna(pd.Timestamp(LAST_YEAR + 1, 1, 1))
    out["days"] = (out["end"] - out["start"]).dt.days
    return out.reset_index(drop=True)
