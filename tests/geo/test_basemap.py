"""Checks on the committed offline basemap in data/basemap/ (built by scripts/build_basemap.py).

Plain geopandas/shapely/pyproj on purpose: this does not import the project's geo/ package.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import Point

from geo.dossier import border_at_crossings

ROOT = Path(__file__).resolve().parents[2]
BASEMAP = ROOT / "data" / "basemap"
FILES = [
    "countries.geojson",
    "pk_admin_lines.geojson",
    "pk_admin_labels.geojson",
    "afpak_border.geojson",
    "lakes.geojson",
    "rivers.geojson",
    "towns.geojson",
]
GEOD = Geod(ellps="WGS84")

SALALA = Point(71.10, 34.55)
TORKHAM = Point(71.08472, 34.11472)
CHAMAN_GATE = Point(66.44472, 30.92222)


def geodesic_km_to_line(pt: Point, line) -> float:
    """WGS84 distance from pt to the nearest point of line (nearest point found in a local
    equirectangular frame, which is exact enough at the few-km scale used here)."""
    k = np.cos(np.radians(pt.y))
    local = shapely.transform(
        line, lambda c: np.column_stack([(c[:, 0] - pt.x) * k, c[:, 1] - pt.y])
    )
    near = shapely.ops.nearest_points(local, Point(0, 0))[0]
    _, _, d = GEOD.inv(pt.x, pt.y, near.x / k + pt.x, near.y + pt.y)
    return d / 1000.0


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    return gpd.read_file(BASEMAP / "countries.geojson")


@pytest.fixture(scope="module")
def pk(countries):
    rows = countries[countries["iso_a2"] == "PK"]
    assert len(rows) == 1
    return rows.geometry.iloc[0]


@pytest.fixture(scope="module")
def border():
    gdf = gpd.read_file(BASEMAP / "afpak_border.geojson")
    assert len(gdf) >= 1
    return shapely.union_all(gdf.geometry.values)


@pytest.mark.parametrize("name", FILES)
def test_file_exists_parses_and_is_rfc7946(name):
    path = BASEMAP / name
    assert path.is_file(), path
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946: no crs member, WGS84 lon/lat implied
    assert doc["features"], f"{name} has no features"
    gdf = gpd.read_file(path)
    assert gdf.crs is not None
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.notna().all()
    assert not gdf.geometry.is_empty.any()
    assert gdf.geometry.is_valid.all(), f"{name} has invalid geometries"


@pytest.mark.parametrize("name", FILES)
def test_coordinates_are_lon_lat_and_rounded(name):
    gdf = gpd.read_file(BASEMAP / name)
    xy = shapely.get_coordinates(gdf.geometry.values)
    assert (np.abs(xy[:, 0]) <= 180).all()
    assert (np.abs(xy[:, 1]) <= 90).all()
    # at most 5 decimals
    assert np.allclose(xy, np.round(xy, 5), atol=1e-9, rtol=0)
    if name != "countries.geojson":
        # Pakistan-area layers: lon/lat not swapped
        assert 50 < xy[:, 0].min() < xy[:, 0].max() < 85
        assert 15 < xy[:, 1].min() < xy[:, 1].max() < 45


def test_polygon_exteriors_are_counterclockwise(countries):
    for geom in countries.geometry.values:
        for poly in shapely.get_parts(geom):
            assert poly.exterior.is_ccw
            assert all(not ring.is_ccw for ring in poly.interiors)


def test_countries_schema_and_coverage(countries):
    for col in ("name", "iso_a2", "focus"):
        assert col in countries.columns
    focus = countries[countries["focus"]]
    assert sorted(focus["iso_a2"]) == ["AF", "PK"]
    assert set(focus["name"]) == {"Afghanistan", "Pakistan"}
    present = set(countries["iso_a2"].dropna())
    # the region and Europe (for a zoomed-out view) are both drawn
    for a2 in (
        "PK",
        "AF",
        "IR",
        "IN",
        "CN",
        "TJ",
        "TM",
        "UZ",
        "OM",
        "BE",
        "DE",
        "BA",
        "HR",
        "RS",
        "SI",
        "AT",
        "FR",
        "US",
        "RU",
    ):
        assert a2 in present, a2
    by = {r.iso_a2: r.geometry for r in countries.itertuples() if r.iso_a2}
    assert by["BE"].contains(Point(4.35, 50.85))  # Brussels
    assert by["BA"].contains(Point(18.41, 43.86))  # Sarajevo
    assert by["PK"].contains(Point(73.05, 33.70))  # Islamabad
    assert by["AF"].contains(Point(69.17, 34.53))  # Kabul


def test_countries_do_not_overlap(countries):
    geoms = np.asarray(countries.geometry.values)
    a, b = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(a, b, strict=True) if i < j]
    overlap = sum(shapely.intersection(geoms[i], geoms[j]).area for i, j in pairs)
    assert overlap < 1e-6  # deg^2


def test_focus_neighbours_share_edges_exactly(countries):
    # Around PK and AF the 10m detail is one simplified coverage: shared edges match vertex by
    # vertex. (Edges that cross the edge of the 10m box, e.g. Iran-Turkmenistan at lon 54, join
    # 10m to coarse detail and only match without gaps/overlaps, which the test above checks.)
    sub = countries[countries["iso_a2"].isin(["PK", "AF", "IR", "IN", "CN", "TJ", "UZ"])]
    assert shapely.coverage_is_valid(sub.geometry.values)


def test_salala_is_inside_pakistan_near_the_border(pk, border, countries):
    af = countries[countries["iso_a2"] == "AF"].geometry.iloc[0]
    assert pk.contains(SALALA)
    assert not af.contains(SALALA)
    assert 1.0 < geodesic_km_to_line(SALALA, border) < 6.0


def test_border_is_the_shared_afpak_edge(border, pk, countries):
    assert border.geom_type in ("LineString", "MultiLineString")
    length_km = GEOD.geometry_length(border) / 1000.0
    assert 2100 < length_km < 2700  # the Durand Line is ~2,640 km on the ground, ~2,250 km at 10m
    af = countries[countries["iso_a2"] == "AF"].geometry.iloc[0]
    # every vertex of the line lies on both drawn country outlines (within ~1 km of simplification)
    xy = shapely.points(shapely.get_coordinates(border))
    assert (shapely.distance(xy, pk.boundary) < 0.01).all()
    assert (shapely.distance(xy, af.boundary) < 0.01).all()


def test_torkham_is_on_the_line(border):
    assert geodesic_km_to_line(TORKHAM, border) < 1.5


def test_chaman_gate_is_on_the_line(border):
    # Natural Earth 10m runs ~3.4 km north of the gate; the documented correction at the two
    # crossings (data/curation/border_crossings.yaml, geo.dossier.border_at_crossings) puts
    # the boundary through the gates and leaves it unchanged beyond their radius.
    fixed = border_at_crossings(border)
    assert geodesic_km_to_line(CHAMAN_GATE, fixed) < 0.05
    assert geodesic_km_to_line(TORKHAM, fixed) < 0.05
    assert geodesic_km_to_line(SALALA, fixed) == pytest.approx(
        geodesic_km_to_line(SALALA, border), abs=0.01
    )  # 50 km from Torkham: untouched


def test_chaman_gate_known_offset_is_bounded(border):
    # Regression guard for the documented Natural Earth generalisation error at Chaman.
    assert geodesic_km_to_line(CHAMAN_GATE, border) < 4.0


def test_labels_schema_and_inside_pakistan_as_drawn(pk):
    labels = gpd.read_file(BASEMAP / "pk_admin_labels.geojson")
    assert len(labels) == 8
    assert (labels.geometry.geom_type == "Point").all()
    assert set(labels["short"]) == {
        "Balochistan",
        "KP",
        "FATA",
        "Punjab",
        "Sindh",
        "ICT",
        "GB",
        "AJK",
    }
    assert set(labels["kind"]) <= {"province", "territory"}
    assert set(labels.loc[labels["kind"] == "province", "short"]) == {
        "Balochistan",
        "KP",
        "Punjab",
        "Sindh",
    }
    # The source edition (Natural Earth 10m, German point of view) has no separate disputed
    # polygons in Kashmir: Pakistan is drawn up to the Line of Control, so Gilgit-Baltistan and
    # Azad Jammu and Kashmir are inside the Pakistan polygon. If the edition changes and they
    # move into a disputed polygon, this fails on purpose: review data/basemap/README.md.
    for row in labels.itertuples():
        assert pk.contains(row.geometry), f"{row.short} label is outside the drawn Pakistan polygon"


def test_province_lines_split_pakistan_into_the_eight_units(pk):
    lines = gpd.read_file(BASEMAP / "pk_admin_lines.geojson")
    labels = gpd.read_file(BASEMAP / "pk_admin_labels.geojson")
    assert (lines.geometry.geom_type.isin(["LineString", "MultiLineString"])).all()
    # lines are inside Pakistan (touching its outline at most)
    assert pk.buffer(0.01).contains(shapely.union_all(lines.geometry.values))
    # Cutting Pakistan along the lines gives one face per unit, each with one label:
    # FATA is drawn separately from KP in this Natural Earth edition.
    cut = shapely.union_all(lines.geometry.values).buffer(0.003)
    faces = [f for f in shapely.get_parts(pk.difference(cut)) if f.area > 0.01]
    hits = [[r.short for r in labels.itertuples() if f.contains(r.geometry)] for f in faces]
    hits = [h for h in hits if h]
    assert sorted(len(h) for h in hits) == [1] * 8, hits


def test_total_size_is_small():
    total = sum(p.stat().st_size for p in BASEMAP.glob("*.geojson"))
    assert total < 3_000_000, total


def test_zoom_detail_layers_are_small_and_cover_the_corridors(pk):
    """Rivers, towns and passes: the zoomed-in detail stays cheap and where the story is."""
    added = sum((BASEMAP / n).stat().st_size for n in ("rivers.geojson", "towns.geojson"))
    assert added < 150_000, added
    rivers = gpd.read_file(BASEMAP / "rivers.geojson")
    assert (rivers.geometry.geom_type.isin(["LineString", "MultiLineString"])).all()
    assert {"Indus", "Helmand", "Jhelum", "Chenab"} <= set(rivers["name"])
    towns = gpd.read_file(BASEMAP / "towns.geojson")
    assert (towns.geometry.geom_type == "Point").all()
    assert set(towns["kind"]) == {"town", "pass"}
    assert {"Bolan Pass", "Khojak Pass"} <= set(towns.loc[towns["kind"] == "pass", "name"])
    assert {"Multan", "Mardan", "Sukkur", "Ghazni"} <= set(towns["name"])
    # A town the Atlas already carries as a place is left to the place's own label.
    assert not {"Peshawar", "Quetta", "Kabul", "Karachi", "Jalalabad"} & set(towns["name"])
    assert towns["name"].is_unique


def test_basemap_payload_names_towns_only_when_zoomed_in():
    from render.basemap import basemap_layers

    towns = [layer for layer in basemap_layers(towns=True) if layer.get("className") == "town"]
    assert len(towns) == 1 and towns[0]["labels"] and towns[0]["minZoom"] == 8
    assert all(f["properties"]["label"] for f in towns[0]["data"]["features"])
    assert any(layer.get("className") == "river" for layer in basemap_layers())


def test_unlabelled_places_carry_a_high_zoom_label():
    from geo.io import read_dataset
    from render.leaflet import place_markers
    from tests.conftest import scene_of

    marks = {m["title"].split(" (")[0]: m for m in place_markers(scene_of(read_dataset(), 2011))}
    for name in ("Jamrud", "Landi Kotal"):
        assert marks[name]["label"] is None
        assert (marks[name]["short_label"], marks[name]["label_min_zoom"]) == (name, 9)
    assert marks["Islamabad"]["label_min_zoom"] == 0
