"""Facts for a place or route dossier: lengths, distances, status history, nearby incidents."""

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

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

    Examples
    --------
    The N-5 line: about 1,715 km from Karachi to Torkham, 1,904 km to Kabul.

    >>> f = route_facts(n5, places, countries)  # doctest: +SKIP
    >>> round(f.length_to_crossing_km), round(f.length_km)  # doctest: +SKIP
    (1715, 1904)
    """
    line: LineString = route.geometry
    crossing = _place_point(places, route.border_crossing_id)
    offset = distance_to_line_km(crossing, line)
    return RouteFacts(
        length_km=length_km(line),
        by_country_km=length_by_country_km(line, countries),
        crossing_id=route.border_crossing_id,
        length_to_crossing_km=length_to_vertex_km(line, crossing),
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

    Examples
    --------
    >>> place_facts(torkham, countries, border).border_km < 1  # doctest: +SKIP
    True
    """
    point: Point = place.geometry
    return PlaceFacts(
        border_km=distance_to_line_km(point, border),
        country_found=country_of(point, countries),
        in_claimed_country=lies_in_claimed_country(point, place.country, countries),
        accuracy_km=float(place.accuracy_km),
    )


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
    zone = routes.to_crs(METRIC_CRS).geometry.union_all().buffer(buffer_km * 1000.0)
    points = located.to_crs(METRIC_CRS).geometry
    return located[points.within(zone) | points.intersects(zone)].sort_values("start").copy()


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
