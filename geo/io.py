"""Read and validate the bundled GeoJSON files into GeoDataFrames.

Files are parsed with the standard ``json`` module, not a GDAL driver: the data keeps
nested fields (sources, casualty ranges) that GDAL would flatten to strings, and no
bytes of any file ever reach GDAL's format auto-detection.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geo import schema
from geo.dates import date_span
from geo.drones import FILE as DRONES_FILE
from geo.drones import DroneLayer, read_drones
from geo.errors import AtlasDataError
from geo.status import Spells, index_spells
from geo.stretches import Piece, route_pieces_of

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CRS = "EPSG:4326"
FILES = ("places.geojson", "routes.geojson", "events.geojson", "periods.geojson")


@dataclass(frozen=True)
class Dataset:
    """Everything the Atlas shows, validated and cross-checked."""

    places: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    periods: pd.DataFrame
    metadata: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""  # hash of the files read: the dataset's part of every cache key
    drones: DroneLayer | None = None  # yearly drone-strike counts by agency, if bundled
    spells: Spells = field(init=False, repr=False, compare=False)
    pieces: dict[str, tuple[Piece, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexed once here, so status lookups and scenes never need a cache of their own:
        # the periods by subject, and each route cut into its regions' pieces for drawing.
        object.__setattr__(self, "spells", index_spells(self.periods))
        object.__setattr__(self, "pieces", route_pieces_of(self.routes))


def read_collection(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Read a GeoJSON FeatureCollection and return its features and ``metadata`` member.

    Raises
    ------
    AtlasDataError
        If the file is missing, is not UTF-8 JSON, or is not a FeatureCollection.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AtlasDataError("file is missing", file=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AtlasDataError(f"cannot be read ({exc.__class__.__name__})", file=name) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AtlasDataError(f"is not valid JSON (line {exc.lineno}: {exc.msg})",
                             file=name) from None  # fmt: skip
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise AtlasDataError("is not a GeoJSON FeatureCollection", file=name)
    if "crs" in doc:
        raise AtlasDataError("has a legacy 'crs' member; RFC 7946 files are WGS84", file=name)
    features = doc.get("features")
    if not isinstance(features, list):
        raise AtlasDataError("has no 'features' list", file=name)
    return features, doc.get("metadata") or {}


def _frame(path: Path, fields: dict[str, schema.Check]) -> tuple[gpd.GeoDataFrame, dict]:
    features, metadata = read_collection(path)
    name = path.name
    allowed = schema.GEOMETRY_TYPES[name]
    rows, geoms = [], []
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise AtlasDataError(f"item {i} is not a Feature", file=name)
        props = feat.get("properties")
        if not isinstance(props, dict):
            raise AtlasDataError(f"item {i} has no properties object", file=name)
        fid = props.get("id") if isinstance(props.get("id"), str) else f"#{i}"
        schema.check_properties(name, fid, props, fields)
        geom = feat.get("geometry")
        gtype = geom.get("type") if isinstance(geom, dict) else None
        if gtype not in allowed:
            raise AtlasDataError(f"geometry {gtype!r} is not one of {sorted(map(str, allowed))}",
                                 file=name, feature_id=fid, field="geometry")  # fmt: skip
        geoms.append(_geometry(name, fid, geom) if geom else None)
        rows.append(props)
    schema.check_unique(name, (r["id"] for r in rows))
    # object dtype keeps None as None (pandas 3 would turn it into NaN in string columns)
    table = pd.DataFrame(rows, dtype=object)
    if "accuracy_km" in table:
        table["accuracy_km"] = pd.to_numeric(table["accuracy_km"])
    frame = gpd.GeoDataFrame(table, geometry=geoms, crs=CRS)
    return frame, metadata


def _geometry(file: str, fid: str, geom: dict[str, Any]) -> Any:
    try:
        shp = shape(geom)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise AtlasDataError(f"cannot be read as a geometry ({exc})", file=file, feature_id=fid,
                             field="geometry") from None  # fmt: skip
    if shp.is_empty or not shp.is_valid:
        raise AtlasDataError("geometry is empty or invalid", file=file, feature_id=fid,
                             field="geometry")  # fmt: skip
    minx, miny, maxx, maxy = shp.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise AtlasDataError(
            f"coordinates {shp.bounds} are outside lon -180..180 / lat -90..90 "
            "(are lat and lon swapped?)",
            file=file, feature_id=fid, field="geometry",
        )  # fmt: skip
    return shp


def read_places(path: Path) -> gpd.GeoDataFrame:
    """Read ``places.geojson``: one Point per place, indexed by nothing, with an ``id`` column."""
    return _frame(path, schema.PLACE_FIELDS)[0]


def read_routes(path: Path) -> gpd.GeoDataFrame:
    """Read ``routes.geojson``: one LineString per route variant."""
    return _frame(path, schema.ROUTE_FIELDS)[0]


def read_events(path: Path) -> gpd.GeoDataFrame:
    """Read ``events.geojson`` and add ``start``, ``end`` (datetime64) and ``year`` columns.

    ``start`` and ``end`` are the first and last day an event covers, from its date at its
    precision and its ``end_date``.
    """
    events, _ = _frame(path, schema.EVENT_FIELDS)
    starts, ends = [], []
    for row in events.itertuples():
        schema.check_date_precision(path.name, row.id, row.date, row.date_precision)
        first, last = date_span(row.date)
        if row.end_date:
            last = date_span(row.end_date)[1]
            if last < first:
                raise AtlasDataError("end_date is before date", file=path.name,
                                     feature_id=row.id, field="end_date")  # fmt: skip
        starts.append(first)
        ends.append(last)
    events["start"] = pd.to_datetime(starts)
    events["end"] = pd.to_datetime(ends)
    events["year"] = events["start"].dt.year.astype(int)
    return events.sort_values(["start", "id"], kind="stable").reset_index(drop=True)


def read_periods(path: Path) -> pd.DataFrame:
    """Read ``periods.geojson`` with ``start`` and ``end`` as datetime64 (``end`` exclusive)."""
    frame, _ = _frame(path, schema.PERIOD_FIELDS)
    periods = pd.DataFrame(frame.drop(columns="geometry"))
    periods["start"] = pd.to_datetime([date_span(v)[0] for v in periods["start"]])
    periods["end"] = pd.to_datetime(
        [date_span(v)[0] if isinstance(v, str) else pd.NaT for v in periods["end"]]
    )
    bad = periods[periods["end"].notna() & (periods["end"] <= periods["start"])]
    if not bad.empty:
        raise AtlasDataError("end is not after start", file=path.name,
                             feature_id=bad.iloc[0]["id"], field="end")  # fmt: skip
    return periods.sort_values(["subject", "start"], kind="stable").reset_index(drop=True)


def read_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Read, validate and cross-check all bundled files.

    Raises
    ------
    AtlasDataError
        Naming the file, feature id and field of the first problem found.
    """
    places = read_places(data_dir / "places.geojson")
    routes = read_routes(data_dir / "routes.geojson")
    events = read_events(data_dir / "events.geojson")
    periods = read_periods(data_dir / "periods.geojson")
    _check_references(places, routes, events)
    _, metadata = read_collection(data_dir / "events.geojson")
    drones = read_drones(data_dir / DRONES_FILE)
    digest = hashlib.sha256()
    for name in (*FILES, DRONES_FILE):
        if (data_dir / name).exists():
            digest.update((data_dir / name).read_bytes())
    return Dataset(places, routes, events, periods, metadata, digest.hexdigest()[:16], drones)


def _check_references(
    places: gpd.GeoDataFrame, routes: gpd.GeoDataFrame, events: gpd.GeoDataFrame
) -> None:
    place_ids, route_ids = set(places["id"]), set(routes["id"])
    for row in events.itertuples():
        if row.place_id and row.place_id not in place_ids:
            raise AtlasDataError(f"unknown place {row.place_id!r}", file="events.geojson",
                                 feature_id=row.id, field="place_id")  # fmt: skip
        if row.route_id and row.route_id not in route_ids:
            raise AtlasDataError(f"unknown route {row.route_id!r}", file="events.geojson",
                                 feature_id=row.id, field="route_id")  # fmt: skip
    for row in routes.itertuples():
        if row.border_crossing_id not in place_ids:
            raise AtlasDataError(f"unknown place {row.border_crossing_id!r}",
                                 file="routes.geojson", feature_id=row.id,
                                 field="border_crossing_id")  # fmt: skip
