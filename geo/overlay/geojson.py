"""Read a GeoJSON upload with :mod:`json` (never GDAL): points, shapes at a point, dates."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import shapely.geometry

from geo.overlay import formats
from geo.overlay.model import (
    MAX_FEATURES,
    MAX_JSON_DEPTH,
    MAX_VERTICES_PER_FEATURE,
    PROGRESS_EVERY,
    SAMPLES,
    ColumnMapping,
    OverlayError,
    Progress,
    Source,
)
from geo.overlay.roles import shown_fields, with_roles
from geo.overlay.wkt import SHAPE_FIELD, point_of, shape_counts

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
COLLECTION = " (whole collection)"  # suffix of collection-level members in the mapping step
_DATE_LIKE = ("as_of", "asof", "as of", "updated", "last_updated", "date", "valid", "time")


def _bracket_depth(raw: bytes) -> int:
    brackets = raw.translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    arr = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((arr == ord("[")) | (arr == ord("{")), 1, -1).astype(np.int32)
    return int(np.cumsum(steps).max())


def _json_depth(text: str) -> int:
    """Maximum bracket nesting, without recursion; strings are removed only when it matters."""
    depth = _bracket_depth(text.encode("utf-8"))
    if depth <= MAX_JSON_DEPTH:
        return depth
    return _bracket_depth(_STRINGS.sub('""', text).encode("utf-8"))


def parse_json(text: str, file: str) -> object:
    """``json.loads`` with the nesting cap checked first, errors as :class:`OverlayError`."""
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise OverlayError(
            f"the JSON is nested {depth} levels deep (limit {MAX_JSON_DEPTH}); too complex",
            file=file,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise OverlayError(f"not valid JSON (cut off or damaged?): {exc.msg} at line "
                           f"{exc.lineno} column {exc.colno}", file=file) from None  # fmt: skip
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
        raise OverlayError(f"not GeoJSON: the top level is {kind}, not a FeatureCollection",
                           file=file)  # fmt: skip
    kind = doc.get("type")
    if kind == "Topology":
        raise OverlayError("this is TopoJSON, which is not supported; convert it to GeoJSON",
                           file=file)  # fmt: skip
    _check_crs(doc, file)
    if kind == "Feature":
        return [doc]
    if kind != "FeatureCollection":
        what = f"a bare {kind} geometry" if kind in _GEOMETRY_TYPES else f"type {str(kind)[:60]!r}"
        raise OverlayError(f"not a GeoJSON FeatureCollection or Feature ({what})", file=file)
    features = doc.get("features")
    if not isinstance(features, list):
        raise OverlayError("not valid GeoJSON: 'features' is not a list", file=file)
    return features


def _count_positions(coords: object) -> int:
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


def _position(geom: object, file: str) -> tuple[float, float, str] | str:
    """(lon, lat, what was done) for a geometry, or the reason it cannot be used."""
    if geom is None:
        return "null geometry"
    if not isinstance(geom, dict):
        return "invalid geometry: not an object"
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind not in _GEOMETRY_TYPES:
        return f"invalid geometry: unknown type {str(kind)[:40]!r}"
    if _count_positions(coords if kind != "GeometryCollection" else geom.get("geometries")) > (
        MAX_VERTICES_PER_FEATURE
    ):
        raise OverlayError(f"a {kind} has more than {MAX_VERTICES_PER_FEATURE:,} vertices "
                           "(limit)", file=file)  # fmt: skip
    if kind == "MultiPoint" and isinstance(coords, list) and len(coords) == 1:
        kind, coords = "Point", coords[0]
    if kind == "Point":
        if not isinstance(coords, list) or not 2 <= len(coords) <= 3:
            return "invalid geometry: Point coordinates must be [lon, lat]"
        lon, lat = _number(coords[0]), _number(coords[1])
        if lon is None or lat is None:
            return "invalid geometry: coordinates are not numbers"
        return lon, lat, ""
    try:
        return point_of(shapely.geometry.shape(geom), kind)
    except Exception:
        return f"invalid geometry: the {kind} coordinates cannot be read"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def geojson_source(
    text: str, file: str, mapping: ColumnMapping | None, progress: Progress | None
) -> Source:
    """Read features: positions (shapes at a point), properties, collection-level members."""
    doc = parse_json(text, file)
    features = _features(doc, file)
    total = len(features)
    if total > MAX_FEATURES:
        raise OverlayError(f"{total:,} features, over the limit of {MAX_FEATURES:,}", file=file)
    lons, lats, props, shapes, pre = [], [], [], [], {}
    for i, feat in enumerate(features):
        if progress and i and i % PROGRESS_EVERY == 0:
            progress(i, total)
        pos: tuple[float, float, str] | str
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            pos = "not a GeoJSON Feature object"
        elif not isinstance(feat.get("properties") or {}, dict):
            pos = "properties is not an object"
        else:
            pos = _position(feat.get("geometry"), file)
        if isinstance(pos, str):
            pre[i] = pos
            pos, p = (np.nan, np.nan, ""), {}
        else:
            p = feat.get("properties") or {}
        lons.append(pos[0])
        lats.append(pos[1])
        shapes.append(pos[2])
        props.append(p)
    keys = list(dict.fromkeys(k for p in props for k in p))
    members = {f"{k}{COLLECTION}": _cell(v) for k, v in doc.items()
               if isinstance(doc, dict) and k not in ("type", "features", "crs", "bbox")
               and isinstance(v, str | int | float) and not isinstance(v, bool)}  # fmt: skip
    names = [*keys, *members]
    samples = {k: [s for s in (_cell(p.get(k)) for p in props[:200]) if s][:SAMPLES] for k in keys}
    samples |= {k: [v] for k, v in members.items()}
    if total and not pre.keys() >= set(range(total)):
        mapping = mapping or formats.detect_mapping(["latitude", "longitude", *keys])
        if mapping is None or not (mapping.date or mapping.year):
            date = next((k for k in names if k.split(" (")[0].strip().lower() in _DATE_LIKE), None)
            shown = ", ".join(repr(c) for c in names[:40]) or "none"
            raise OverlayError(
                f"no date or year property recognised; properties are: {shown}",
                file=file, columns=names, samples=samples,
                suggested=ColumnMapping(lat="latitude", lon="longitude", date=date),
            )  # fmt: skip
    mapping = mapping or ColumnMapping(lat="latitude", lon="longitude", year="year")
    fields = shown_fields(keys, mapping, csv_layout=False)
    needed = [mapping.date, mapping.year, mapping.label, mapping.category, *(f for f, _ in fields)]
    table = pd.DataFrame(
        {k: ([members[k]] * len(props) if k in members else [_cell(p.get(k)) for p in props])
         for k in dict.fromkeys(needed) if k},
        index=pd.RangeIndex(len(props)), dtype=object,
    )  # fmt: skip
    table["_lat"], table["_lon"] = np.asarray(lats, float), np.asarray(lons, float)
    notes, geometry_note = [], None
    drawn = shape_counts(shapes, pre)
    if drawn:
        geometry_note = SHAPE_FIELD
        table[SHAPE_FIELD] = pd.Series(shapes, dtype=object).replace("", "its point")
        fields = [*fields, (SHAPE_FIELD, SHAPE_FIELD)]
        notes.append(f"{drawn} shown at a single point each (a point inside an area, the "
                     "middle of a line); their records say so.")  # fmt: skip
    return Source(
        table=with_roles(table, mapping, coords=False), pre=pre, fields=fields, mapping=mapping,
        columns=names, samples=samples, notes=notes, geometry_note=geometry_note,
        id_column=formats.pick(keys, formats.ID_COLUMNS),
        actor_columns=[k for k in keys if k.strip().lower() in formats.ACTOR_COLUMNS],
    )  # fmt: skip
