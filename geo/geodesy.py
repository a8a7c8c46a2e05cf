"""Distances and lengths on the WGS84 ellipsoid with pyproj.Geod, and point-in-country tests."""

from pathlib import Path

import geopandas as gpd
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo.errors import AtlasDataError

GEOD = Geod(ellps="WGS84")
BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"


def read_countries(path: Path = BASEMAP_DIR / "countries.geojson") -> gpd.GeoDataFrame:
    """Read the basemap's country polygons (``name``, ``iso_a2``, ``focus``)."""
    if not path.exists():
        raise AtlasDataError("file is missing", file=path.name)
    return gpd.read_file(path, engine="pyogrio")


def read_border(path: Path = BASEMAP_DIR / "afpak_border.geojson") -> BaseGeometry:
    """Read the Afghanistan–Pakistan boundary line as one shapely geometry."""
    if not path.exists():
        raise AtlasDataError("file is missing", file=path.name)
    return gpd.read_file(path, engine="pyogrio").geometry.union_all()


def length_km(line: BaseGeometry) -> float:
    """Return the geodesic length of a (Multi)LineString in km.

    Examples
    --------
    >>> round(length_km(LineString([(71.08472, 34.11472), (71.14108, 34.0988)])), 1)
    5.5
    """
    return GEOD.geometry_length(line) / 1000.0


def distance_km(a: Point, b: Point) -> float:
    """Return the geodesic distance between two points in km."""
    _, _, metres = GEOD.inv(a.x, a.y, b.x, b.y)
    return metres / 1000.0


def distance_to_line_km(point: Point, line: BaseGeometry) -> float:
    """Return the geodesic distance from a point to the nearest point of a line, in km.

    The nearest point is found in lon/lat, which is accurate to well under 1 % at the
    distances the Atlas reports (tens of km, mid-latitudes).
    """
    _, nearest = nearest_points(point, line)
    return distance_km(point, nearest)


def length_by_country_km(line: BaseGeometry, countries: gpd.GeoDataFrame) -> dict[str, float]:
    """Split a route by the country polygons it crosses and return km per ``iso_a2``.

    Parts of the line outside every polygon are reported under ``"other"``.
    """
    out: dict[str, float] = {}
    covered = 0.0
    for row in countries[countries.intersects(line)].itertuples():
        part = line.intersection(row.geometry)
        if part.is_empty or not isinstance(part, LineString | MultiLineString):
            part = _lines_only(part)
        km = length_km(part) if not part.is_empty else 0.0
        if km > 0:
            out[row.iso_a2] = out.get(row.iso_a2, 0.0) + km
            covered += km
    rest = length_km(line) - covered
    if rest > 0.5:
        out["other"] = rest
    return out


def _lines_only(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, LineString | MultiLineString)]
    return MultiLineString([p for g in parts for p in getattr(g, "geoms", [g])])


def country_of(point: Point, countries: gpd.GeoDataFrame) -> str | None:
    """Return the ``iso_a2`` of the polygon containing a point, or ``None`` at sea."""
    hits = countries[countries.contains(point)]
    return None if hits.empty else str(hits.iloc[0]["iso_a2"])


def lies_in_claimed_country(
    point: Point, claimed: str, countries: gpd.GeoDataFrame, *, tolerance_km: float = 1.0
) -> bool:
    """Return whether a place lies in the country it claims.

    ``claimed`` may be ``"PK/AF"`` for a crossing on the line: it then only has to be within
    ``tolerance_km`` of either country.
    """
    wanted = claimed.split("/")
    found = country_of(point, countries)
    if found in wanted:
        return True
    near = countries[countries["iso_a2"].isin(wanted)]
    return any(distance_to_line_km(point, g.boundary) <= tolerance_km for g in near.geometry)
