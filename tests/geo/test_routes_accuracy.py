"""Route lines against the committed OpenStreetMap road reference, both ways, every 1 km."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, shape

ROOT = Path(__file__).resolve().parents[2]
ROUTES = ROOT / "data" / "routes.geojson"
REFERENCE = ROOT / "data" / "curation" / "roads" / "osm_roads_ref.geojson"
PLACES = ROOT / "data" / "places.geojson"
TO_M = Transformer.from_crs("EPSG:4326", "EPSG:32642", always_xy=True)  # UTM 42N, metres
GEOD = Geod(ellps="WGS84")
PAKISTAN = {"Sindh", "Balochistan", "Punjab", "Khyber Pakhtunkhwa", "Islamabad"}
CAPTURE_KM = 20.0  # reference within this of a stretch counts as the road that stretch follows


def _metric(geom: Any) -> Any:
    return shapely.transform(geom, lambda xy: np.column_stack(TO_M.transform(xy[:, 0], xy[:, 1])))


def _samples(line: Any, step_km: float = 1.0) -> np.ndarray:
    """Points every ``step_km`` along a metric (Multi)LineString, ends included."""
    pts = []
    for part in shapely.get_parts(line):
        n = max(2, int(part.length / 1000.0 / step_km) + 1)
        pts.extend(shapely.line_interpolate_point(part, np.linspace(0, part.length, n)))
    return np.array(pts)


def _km_along(coords: list[list[float]]) -> np.ndarray:
    lons, lats = np.array(coords).T
    _, _, d = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return np.concatenate([[0.0], np.cumsum(d) / 1000.0])


def _piece(coords: list[list[float]], km: np.ndarray, lo: float, hi: float) -> LineString:
    inside = [c for c, k in zip(coords, km, strict=True) if lo - 0.006 <= k <= hi + 0.006]
    return LineString(inside)


ROUTE_FEATURES = json.loads(ROUTES.read_text(encoding="utf-8"))["features"]
REF = {
    f["properties"]["ref"]: _metric(shape(f["geometry"]))
    for f in json.loads(REFERENCE.read_text(encoding="utf-8"))["features"]
}
IDS = [f["id"] for f in ROUTE_FEATURES]


def _route(rid: str) -> tuple[list[list[float]], dict[str, Any]]:
    f = next(f for f in ROUTE_FEATURES if f["id"] == rid)
    return f["geometry"]["coordinates"], f["properties"]


@pytest.mark.parametrize("rid", IDS)
def test_route_follows_the_reference_within_its_stated_accuracy(rid: str) -> None:
    coords, props = _route(rid)
    km = _km_along(coords)
    checked = 0.0
    for s in props["stretches"]:
        if s["basis"] != "osm_reference":
            continue
        line = _metric(_piece(coords, km, s["from_km"], s["to_km"]))
        dev = shapely.distance(_samples(line), REF[s["ref"]]) / 1000.0
        where = (rid, s["from_km"], s["to_km"])
        assert dev.max() <= s["accuracy_km"], where
        assert dev.max() <= s["max_km"] + 0.05, where  # max_km is the larger of both ways
        assert np.percentile(dev, 95) == pytest.approx(s["p95_km"], abs=0.05), where
        checked += s["to_km"] - s["from_km"]
    assert checked > 0.5 * km[-1] or rid == "route_torkham_m9"  # most of the line is checked


@pytest.mark.parametrize("rid", IDS)
def test_route_meets_the_issue_bar_where_the_reference_exists(rid: str) -> None:
    coords, props = _route(rid)
    km = _km_along(coords)
    devs = []
    for s in props["stretches"]:
        if s["basis"] == "osm_reference":
            line = _metric(_piece(coords, km, s["from_km"], s["to_km"]))
            devs.append(shapely.distance(_samples(line), REF[s["ref"]]) / 1000.0)
    dev = np.concatenate(devs)
    assert np.percentile(dev, 95) <= 3.0
    assert dev.max() <= 6.0


@pytest.mark.parametrize("rid", IDS)
def test_route_takes_no_shortcut_across_country(rid: str) -> None:
    """Reference → route: the road a stretch follows never strays from the drawn line."""
    coords, props = _route(rid)
    km = _km_along(coords)
    for s in props["stretches"]:
        if s["basis"] != "osm_reference" or s["to_km"] - s["from_km"] < 5:
            continue
        line = _metric(_piece(coords, km, s["from_km"], s["to_km"]))
        pts = _samples(REF[s["ref"]])
        d = shapely.distance(pts, line) / 1000.0
        pos = shapely.line_locate_point(line, pts) / 1000.0
        length = line.length / 1000.0
        # reference points beside the stretch (not beyond its ends, not a different road)
        mask = (d <= CAPTURE_KM) & (pos > 2.0) & (pos < length - 2.0)
        if mask.any():
            assert d[mask].max() <= s["accuracy_km"], (rid, s["from_km"], d[mask].max())
            assert d[mask].max() <= s["max_km"] + 0.05, (rid, s["from_km"], d[mask].max())


def test_a_shortcut_would_be_caught() -> None:
    # A chord across a bend of the N-5 reference: the reference-to-route check flags it.
    ref = REF["N-5"]
    part = shapely.get_parts(ref)[0]
    a, b = part.interpolate(100_000), part.interpolate(160_000)
    chord = LineString([a, b])
    pts = _samples(part)
    d = shapely.distance(pts, chord) / 1000.0
    pos = shapely.line_locate_point(chord, pts) / 1000.0
    mask = (d <= CAPTURE_KM) & (pos > 2.0) & (pos < chord.length / 1000.0 - 2.0)
    assert d[mask].max() > 1.5


@pytest.mark.parametrize("rid", IDS)
def test_stretches_cover_the_line_and_state_the_accuracy(rid: str) -> None:
    coords, props = _route(rid)
    km = _km_along(coords)
    st = props["stretches"]
    assert st[0]["from_km"] == 0
    assert st[-1]["to_km"] == pytest.approx(km[-1], abs=0.01)
    for a, b in itertools.pairwise(st):
        assert a["to_km"] == b["from_km"]
        assert (a["region"], a["basis"], a["ref"], a["accuracy_km"]) != (
            b["region"], b["basis"], b["ref"], b["accuracy_km"],
        )  # fmt: skip
    for s in st:
        if s["basis"] == "traced":
            assert s["p95_km"] is None and s["max_km"] is None  # no reference to measure
            assert s["accuracy_km"] >= 1.0
    assert props["accuracy_km"] == max(s["accuracy_km"] for s in st)


@pytest.mark.parametrize("rid", IDS)
def test_regions_split_at_the_crossing(rid: str) -> None:
    coords, props = _route(rid)
    places = {f["id"]: f for f in json.loads(PLACES.read_text(encoding="utf-8"))["features"]}
    gate = places[props["border_crossing_id"]]["geometry"]["coordinates"]
    at = _km_along(coords)[coords.index(gate)]
    for s in props["stretches"]:
        if s["to_km"] <= at + 0.01:
            assert s["region"] in PAKISTAN, (rid, s)
        else:
            assert s["from_km"] >= at - 0.01 and s["region"] == "Afghanistan", (rid, s)
    assert props["stretches"][0]["region"] == "Sindh"  # Karachi


def _region_at(rid: str, lon: float, lat: float) -> str:
    coords, props = _route(rid)
    km = _km_along(coords)
    line = LineString(coords)
    i = int(np.argmin([Point(c).distance(Point(lon, lat)) for c in coords]))
    assert line.distance(Point(lon, lat)) < 0.1
    return next(s["region"] for s in props["stretches"] if s["from_km"] <= km[i] <= s["to_km"])


@pytest.mark.parametrize(
    ("rid", "lon", "lat", "region"),
    [("route_torkham_n5", 71.383, 34.0, "Khyber Pakhtunkhwa"),  # Jamrud (Khyber Agency)
     ("route_torkham_n5", 71.14108, 34.0988, "Khyber Pakhtunkhwa"),  # Landi Kotal
     ("route_torkham_n5", 70.45153, 34.42647, "Afghanistan"),  # Jalalabad
     ("route_torkham_n5", 73.7, 32.93, "Punjab"),  # Jhelum
     ("route_torkham_n55", 71.09, 33.12, "Khyber Pakhtunkhwa"),  # Karak
     ("route_chaman_n25", 66.64, 27.74, "Balochistan"),  # Khuzdar
     ("route_chaman_n25", 66.40001, 31.00575, "Afghanistan")],  # Spin Boldak
)  # fmt: skip
def test_known_towns_lie_in_their_region(rid: str, lon: float, lat: float, region: str) -> None:
    coords, _ = _route(rid)
    nearest = min(coords, key=lambda c: (c[0] - lon) ** 2 + (c[1] - lat) ** 2)
    assert _region_at(rid, *nearest) == region


def _bad(props: dict[str, Any], change: Any) -> dict[str, Any]:
    import copy

    p = copy.deepcopy(props)
    change(p["stretches"])
    return p


@pytest.mark.parametrize(
    "change",
    [lambda st: st[1].update(from_km=st[1]["from_km"] + 1),  # a gap between stretches
     lambda st: st[0].update(region="Kabul"),  # not a stretch region
     lambda st: st[-1].update(p95_km=0.1),  # a traced stretch claiming a measurement
     lambda st: st.clear()],
)  # fmt: skip
def test_dataset_validation_rejects_broken_stretches(change: Any) -> None:
    from geo.errors import AtlasDataError
    from geo.schema import ROUTE_FIELDS, check_properties

    _, props = _route("route_torkham_n5")
    check_properties("routes.geojson", "route_torkham_n5", props, ROUTE_FIELDS)
    with pytest.raises(AtlasDataError, match="stretches"):
        check_properties("routes.geojson", "route_torkham_n5", _bad(props, change), ROUTE_FIELDS)
