"""Schema and fact checks for the curated Atlas data files (data/*.geojson).

Uses only json, shapely and pyproj.Geod, so it does not depend on the geo/ package (except
one check that the app's loader refuses a bad period field). The tolerance tests compare
against a snapshot of the research gazetteer kept in tests/fixtures/gazetteer.json (copied
from shared/research/gazetteer.json), so they run on every machine.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, shape

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
GAZETTEER = ROOT / "tests" / "fixtures" / "gazetteer.json"
GEOD = Geod(ellps="WGS84")

FILES = ["places.geojson", "routes.geojson", "events.geojson", "periods.geojson"]
PLACE_KINDS = {
    "border_crossing",
    "port",
    "air_base",
    "incident_site",
    "terminal",
    "headquarters",
    "conference_venue",
    "deployment",
    "city",
    "protest_camp",
    "mountain_pass",
}
COUNTRIES = {"PK", "AF", "BE", "DE", "BA", "HR", "US", "PK/AF"}
CATEGORIES = {
    "cooperation",
    "diplomacy",
    "conflict",
    "supply_attack",
    "logistics",
    "protest",
    "context",
}
ROUTE_IDS = {
    "route_torkham_n5",
    "route_torkham_m9",
    "route_torkham_n55",
    "route_chaman_n25",
    "route_chaman_n65",
}
CORRIDOR_STATUSES = {"inactive", "open", "closed", "blocked"}
DATE_RE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
SOURCE_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID_RE = re.compile(r"^[a-z0-9_]+$")


def km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def places() -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in load("places.geojson")["features"]}


@pytest.fixture(scope="module")
def routes() -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in load("routes.geojson")["features"]}


@pytest.fixture(scope="module")
def events() -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in load("events.geojson")["features"]}


@pytest.fixture(scope="module")
def periods() -> list[dict[str, Any]]:
    return load("periods.geojson")["features"]


@pytest.fixture(scope="module")
def gazetteer() -> dict[str, Any]:
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


def check_sources(srcs: Any, where: str) -> None:
    assert isinstance(srcs, list) and srcs, f"{where}: no sources"
    for s in srcs:
        assert set(s) >= {"title", "publisher", "date", "url"}, where
        assert isinstance(s["title"], str) and s["title"].strip(), where
        assert isinstance(s["publisher"], str) and s["publisher"].strip(), where
        assert s["url"] is None or re.match(r"^https?://\S+$", s["url"]), (where, s["url"])
        assert s["date"] is None or SOURCE_DATE_RE.match(s["date"]), (where, s["date"])
        if s["date"]:
            _parse_partial(s["date"])


def _parse_partial(value: str) -> date:
    parts = [int(x) for x in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(*parts)


# ---------------------------------------------------------------------------------------
# generic file structure
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_collection_structure(name: str) -> None:
    data = load(name)
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    meta = data["metadata"]
    assert meta["dataset"] == "nato-pakistan-atlas"
    assert meta["dataset_version"] == "1.0.0"
    assert meta["data_as_of"] == "2026-11-29"
    assert meta["file"] == name
    ids = [f["id"] for f in data["features"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for f in data["features"]:
        assert f["type"] == "Feature"
        assert f["id"] == f["properties"]["id"]
        assert ID_RE.match(f["id"]), f["id"]
        check_sources(f["properties"]["sources"], f["id"])
        geom = f["geometry"]
        if geom is not None:
            for lon, lat in _coords(geom):
                assert -180 <= lon <= 180 and -90 <= lat <= 90
                assert round(lon, 5) == lon and round(lat, 5) == lat


def _coords(geom: dict[str, Any]) -> list[list[float]]:
    if geom["type"] == "Point":
        return [geom["coordinates"]]
    return list(geom["coordinates"])


# ---------------------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------------------
def test_place_fields(places: dict[str, dict[str, Any]]) -> None:
    for pid, f in places.items():
        p = f["properties"]
        assert f["geometry"]["type"] == "Point"
        assert isinstance(p["name"], str) and p["name"]
        assert p["kind"] in PLACE_KINDS, (pid, p["kind"])
        assert p["country"] in COUNTRIES, (pid, p["country"])
        assert isinstance(p["accuracy_km"], float) and p["accuracy_km"] > 0
        for key in ("coord_confirmed", "identity_confirmed", "from_seed"):
            assert isinstance(p[key], bool), (pid, key)
        assert isinstance(p["description"], str) and p["description"].strip(), pid
        assert p["label_note"] is None or isinstance(p["label_note"], str)
        if not p["coord_confirmed"]:
            assert p["label_note"], f"{pid}: unconfirmed coordinates need a label_note"


def test_all_gazetteer_places_present(
    places: dict[str, dict[str, Any]], gazetteer: dict[str, Any]
) -> None:
    assert len(gazetteer["places"]) == 38
    for gp in gazetteer["places"]:
        assert gp["id"] in places


def test_places_within_gazetteer_accuracy(
    places: dict[str, dict[str, Any]], gazetteer: dict[str, Any]
) -> None:
    for gp in gazetteer["places"]:
        lon, lat = places[gp["id"]]["geometry"]["coordinates"]
        assert km(lon, lat, gp["lon"], gp["lat"]) <= gp["accuracy_km"], gp["id"]


def _at(places: dict[str, dict[str, Any]], pid: str) -> tuple[float, float]:
    lon, lat = places[pid]["geometry"]["coordinates"]
    return lon, lat


def test_torkham_crossing(places: dict[str, dict[str, Any]]) -> None:
    assert km(*_at(places, "torkham_crossing"), 71.08472, 34.11472) <= 0.5
    assert places["torkham_crossing"]["properties"]["country"] == "PK/AF"


def test_chaman_gate(places: dict[str, dict[str, Any]]) -> None:
    lon, lat = _at(places, "chaman_friendship_gate")
    assert lon > 0, "Chaman longitude must be EAST (a Wikipedia mirror prints W)"
    assert km(lon, lat, 66.44472, 30.92222) <= 1.0
    assert places["chaman_friendship_gate"]["properties"]["country"] == "PK/AF"


def test_shamsi(places: dict[str, dict[str, Any]]) -> None:
    assert km(*_at(places, "shamsi_airfield"), 65.16667, 27.85) <= 1.5
    quetta_km = km(*_at(places, "shamsi_airfield"), *_at(places, "quetta"))
    assert 290 <= quetta_km <= 330


def test_jioc_in_kabul(places: dict[str, dict[str, Any]]) -> None:
    lon, lat = _at(places, "kabul_isaf_hq_jioc")
    assert km(lon, lat, 69.187, 34.535) <= 1.0
    assert km(lon, lat, *_at(places, "kabul_city")) < 3
    assert km(lon, lat, *_at(places, "islamabad")) > 300


def test_bonn_2011_venue_not_petersberg(
    places: dict[str, dict[str, Any]], events: dict[str, dict[str, Any]]
) -> None:
    wccb = _at(places, "bonn_wccb")
    assert km(*wccb, 7.123, 50.719) <= 0.5
    assert km(*wccb, *_at(places, "petersberg")) > 5
    assert events["ev_2011_12_05_bonn"]["properties"]["place_id"] == "bonn_wccb"
    desc = places["petersberg"]["properties"]["description"]
    assert "2001" in desc and "NOT" in desc


def test_salala_uncertainty(places: dict[str, dict[str, Any]]) -> None:
    p = places["salala_checkposts"]["properties"]
    assert p["accuracy_km"] >= 10
    assert p["country"] == "PK"
    lon, lat = _at(places, "salala_checkposts")
    # east of Torkham's meridian-ish border segment: the Mohmand side, not Kunar
    assert lon >= 71.0 and 34.4 <= lat <= 34.7


def test_portward_label(places: dict[str, dict[str, Any]]) -> None:
    p = places["peshawar_ring_road_terminals"]["properties"]
    assert p["label_note"] == "approximate (Peshawar Ring Road)"


def test_pk_af_bounding_box(places: dict[str, dict[str, Any]]) -> None:
    for pid, f in places.items():
        if f["properties"]["country"] in {"PK", "AF", "PK/AF"}:
            lon, lat = f["geometry"]["coordinates"]
            assert 23.5 <= lat <= 38.5 and 60.5 <= lon <= 77.8, pid


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("torkham_crossing", "landi_kotal", 5.5),
        ("peshawar_city", "jamrud", 18.0),
        ("chaman_friendship_gate", "chaman_town", 1.4),
        ("chaman_friendship_gate", "spin_boldak", 10.2),
        ("kandahar_city", "kandahar_airfield", 17.7),
        ("karachi_port", "port_qasim", 37.1),
        ("tuzla", "pakbat_vares_probable", 49.5),
        ("kabul_isaf_hq_jioc", "kabul_city", 1.5),
    ],
)
def test_gazetteer_distances(
    places: dict[str, dict[str, Any]], a: str, b: str, expected: float
) -> None:
    assert km(*_at(places, a), *_at(places, b)) == pytest.approx(expected, abs=0.3)


# ---------------------------------------------------------------------------------------
# routes
# ---------------------------------------------------------------------------------------
def test_route_fields(routes: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]]) -> None:
    assert set(routes) == ROUTE_IDS
    for rid, f in routes.items():
        p = f["properties"]
        assert f["geometry"]["type"] == "LineString"
        assert p["corridor"] in {"torkham", "chaman"}
        assert p["variant"] in {"main", "alternative"}
        assert p["evidence"] in {"documented", "inferred"}
        assert isinstance(p["highways"], list) and all(isinstance(h, str) for h in p["highways"])
        for key in ("border_crossing_id", "start_place_id", "end_place_id"):
            assert p[key] in places, (rid, key)
        assert isinstance(p["accuracy_km"], float) and p["accuracy_km"] > 0
        assert p["description"] and p["geometry_note"] and p["name"]
    assert routes["route_torkham_n5"]["properties"]["variant"] == "main"
    assert routes["route_chaman_n25"]["properties"]["variant"] == "main"
    evidence = {rid: f["properties"]["evidence"] for rid, f in routes.items()}
    assert evidence == {
        "route_torkham_n5": "documented",
        "route_chaman_n25": "documented",
        "route_chaman_n65": "documented",
        "route_torkham_m9": "inferred",
        "route_torkham_n55": "inferred",
    }


def _dist_to_line_km(line: list[list[float]], lon: float, lat: float) -> float:
    geom = LineString(line)
    nearest = geom.interpolate(geom.project(Point(lon, lat)))
    # refine with the geodesic distance to the nearest vertex pair
    best = km(lon, lat, nearest.x, nearest.y)
    return min(best, min(km(lon, lat, x, y) for x, y in line))


@pytest.mark.parametrize("rid", sorted(ROUTE_IDS))
def test_route_endpoints_and_crossing(
    routes: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]], rid: str
) -> None:
    f = routes[rid]
    p = f["properties"]
    coords = f["geometry"]["coordinates"]
    assert coords[0] == places["karachi_port"]["geometry"]["coordinates"]
    assert p["start_place_id"] == "karachi_port"
    crossing = places[p["border_crossing_id"]]["geometry"]["coordinates"]
    assert crossing in coords, "exact crossing coordinate must be a vertex"
    assert _dist_to_line_km(coords, *crossing) <= 1.0
    end = {"torkham": "kabul_isaf_hq_jioc", "chaman": "kandahar_airfield"}[p["corridor"]]
    assert p["end_place_id"] == end
    assert coords[-1] == places[end]["geometry"]["coordinates"]


@pytest.mark.parametrize("rid", sorted(ROUTE_IDS))
def test_route_segments_short(routes: dict[str, dict[str, Any]], rid: str) -> None:
    coords = routes[rid]["geometry"]["coordinates"]
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        assert km(x1, y1, x2, y2) <= 15.0


@pytest.mark.parametrize("rid", sorted(ROUTE_IDS))
def test_route_passes_gazetteer_waypoints(
    routes: dict[str, dict[str, Any]], gazetteer: dict[str, Any], rid: str
) -> None:
    gid = routes[rid]["properties"]["gazetteer_id"]
    groute = next(r for r in gazetteer["routes"] if r["id"] == gid)
    coords = routes[rid]["geometry"]["coordinates"]
    skipped = routes[rid]["properties"]["skipped_waypoints"]
    for w in groute["waypoints"]:
        if w["name"] in skipped:  # e.g. Kandahar city (drawn to the airfield), Khanpur
            assert len(skipped[w["name"]]) > 20, (rid, w["name"])  # the reason is given
            continue
        tol = max(w["accuracy_km"], 4.0)
        assert _dist_to_line_km(coords, w["lon"], w["lat"]) <= tol, (rid, w["name"])


def test_chaman_routes_via_spin_boldak(
    routes: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]]
) -> None:
    for rid in ("route_chaman_n25", "route_chaman_n65"):
        coords = routes[rid]["geometry"]["coordinates"]
        for pid in ("spin_boldak", "quetta", "chaman_town"):
            assert _dist_to_line_km(coords, *_at(places, pid)) <= 1.0, (rid, pid)


def test_n5_length_plausible(
    routes: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]]
) -> None:
    coords = routes["route_torkham_n5"]["geometry"]["coordinates"]
    i = coords.index(places["torkham_crossing"]["geometry"]["coordinates"])
    part = coords[: i + 1]
    length = GEOD.line_length([c[0] for c in part], [c[1] for c in part]) / 1000.0
    assert 1700 <= length <= 2000, length  # official N-5: 1,819 km


def test_route_no_backtracking(routes: dict[str, dict[str, Any]]) -> None:
    """A road trace should not double back sharply (a symptom of misordered vertices)."""
    for rid, f in routes.items():
        coords = f["geometry"]["coordinates"]
        for a, b, c in zip(coords, coords[1:], coords[2:], strict=False):
            az1 = GEOD.inv(a[0], a[1], b[0], b[1])[0]
            az2 = GEOD.inv(b[0], b[1], c[0], c[1])[0]
            turn = abs((az2 - az1 + 180) % 360 - 180)
            assert turn < 150, (rid, b, turn)


# ---------------------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------------------
def test_event_fields(
    events: dict[str, dict[str, Any]],
    places: dict[str, dict[str, Any]],
    routes: dict[str, dict[str, Any]],
) -> None:
    for eid, f in events.items():
        p = f["properties"]
        assert p["date_precision"] in DATE_RE, eid
        assert DATE_RE[p["date_precision"]].match(p["date"]), (eid, p["date"])
        _parse_partial(p["date"])
        if p["end_date"] is not None:
            assert DATE_RE["day"].match(p["end_date"]), eid
            assert _parse_partial(p["end_date"]) > _parse_partial(p["date"]), eid
        assert p["category"] in CATEGORIES, eid
        assert p["title"] and p["summary"]
        assert p["place_id"] is None or p["place_id"] in places, eid
        assert p["route_id"] is None or p["route_id"] in routes, eid
        assert isinstance(p["actors"], list) and p["actors"], eid
        assert p["disputed"] is None or isinstance(p["disputed"], str)
        assert isinstance(p["disputed_claims"], list)
        for c in p["disputed_claims"]:
            assert isinstance(c["claim"], str) and c["claim"]
            check_sources([c["source"]], eid)
        assert p["seed_claim"] is None or isinstance(p["seed_claim"], str)
        assert isinstance(p["from_seed"], bool) and isinstance(p["confirmed"], bool)
        if p["casualties"] is not None:
            assert set(p["casualties"]) <= {"killed", "wounded"}
            for rng in p["casualties"].values():
                assert rng["low"] <= rng["high"]
                if rng["best"] is not None:
                    assert rng["low"] <= rng["best"] <= rng["high"]
        if p["place_id"] is not None:
            assert f["geometry"] == places[p["place_id"]]["geometry"], eid
        if f["geometry"] is None:
            assert p["accuracy_km"] is None
        else:
            assert isinstance(p["accuracy_km"], float) and p["accuracy_km"] > 0


def test_all_gazetteer_events_present(
    events: dict[str, dict[str, Any]], gazetteer: dict[str, Any]
) -> None:
    assert len(gazetteer["events"]) == 54
    for ge in gazetteer["events"]:
        e = events[ge["id"]]["properties"]
        assert e["date"] == ge["date"]
        assert e["date_precision"] == ge["precision"]
        assert e["from_seed"] == ge["in_seed"]
        if ge["place_id"]:
            assert e["place_id"] == ge["place_id"]


def test_salala_casualties(events: dict[str, dict[str, Any]]) -> None:
    p = events["ev_2011_11_26_salala"]["properties"]
    assert p["casualties"]["killed"] == {"low": 24, "best": 24, "high": 28}
    assert p["casualties"]["wounded"]["low"] == 12 and p["casualties"]["wounded"]["high"] == 13
    assert "26" in p["disputed"] and "28" in p["disputed"]
    assert len({c["source"]["title"] for c in p["disputed_claims"]}) >= 2
    assert p["date"] == "2011-11-26" and p["category"] == "conflict"


def test_portward_dispute(events: dict[str, dict[str, Any]]) -> None:
    p = events["ev_2008_12_07_portward"]["properties"]
    assert p["date"] == "2008-12-07"
    text = p["disputed"]
    for needle in ("300", "30", "96", "106", "160"):
        assert needle in text
    publishers = " ".join(c["source"]["publisher"] for c in p["disputed_claims"])
    assert "BBC" in publishers and "AP" in publishers
    assert p["attackers"] == {"low": 30, "best": None, "high": 300}
    assert p["seed_claim"]


def test_torkham_tankers_dispute(events: dict[str, dict[str, Any]]) -> None:
    p = events["ev_2008_03_23_torkham_tankers"]["properties"]
    assert p["date"] == "2008-03-23" and p["place_id"] == "torkham_crossing"
    assert "42" in p["seed_claim"] and "42" in " ".join(c["claim"] for c in p["disputed_claims"])
    assert "36" in p["disputed"] and "40" in p["disputed"]
    pubs = " ".join(c["source"]["publisher"] for c in p["disputed_claims"])
    assert "Reuters" in pubs and "AP" in pubs
    assert p["vehicles_destroyed"]["low"] == 36 and p["vehicles_destroyed"]["high"] == 40


def test_seed_errors_encoded(events: dict[str, dict[str, Any]]) -> None:
    """Every statement flagged in gazetteer.md section 4 is attached to an event."""
    flagged = [
        "ev_2004_03_18_mnna_announce",
        "ev_2004_06_16_mnna_formal",
        "ev_1994_05_unprofor",
        "ev_2007_01_25_jioc",
        "ev_2007_01_30_aziz",
        "ev_2011_11_26_salala",
        "ev_2011_11_26_gloc_closed",
        "ev_2011_12_11_shamsi",
        "ev_2012_07_03_apology",
        "ev_2013_relations",
        "ev_2013_11_24_blockade_start",
        "ev_2007_05_21_torkham_rockets",
        "ev_2008_03_23_torkham_tankers",
        "ev_2008_12_07_portward",
        "ev_2024_03_07_nato32",
        "ev_2010_09_30_kurram",
        "ev_2014_02_27_blockade_end",
    ]
    for eid in flagged:
        p = events[eid]["properties"]
        assert p["seed_claim"], eid
        assert p["disputed"] or p["date_note"], eid


def test_key_dates(events: dict[str, dict[str, Any]]) -> None:
    expected = {
        "ev_2004_03_18_mnna_announce": "2004-03-18",
        "ev_2004_06_16_mnna_formal": "2004-06-16",
        "ev_2007_01_25_jioc": "2007-01-25",
        "ev_2007_01_30_aziz": "2007-01-30",
        "ev_2008_03_23_torkham_tankers": "2008-03-23",
        "ev_2008_12_07_portward": "2008-12-07",
        "ev_2011_11_26_salala": "2011-11-26",
        "ev_2011_11_26_gloc_closed": "2011-11-26",
        "ev_2011_11_29_bonn_boycott": "2011-11-29",
        "ev_2011_12_05_bonn": "2011-12-05",
        "ev_2011_12_11_shamsi": "2011-12-11",
        "ev_2012_07_03_apology": "2012-07-03",
        "ev_2013_11_24_blockade_start": "2013-11-24",
        "ev_2014_02_27_blockade_end": "2014-02-27",
        "ev_2014_12_28_isaf_end": "2014-12-28",
        "ev_2015_01_01_rsm": "2015-01-01",
    }
    for eid, d in expected.items():
        assert events[eid]["properties"]["date"] == d, eid
    assert events["ev_2013_11_24_blockade_start"]["properties"]["end_date"] == "2014-02-27"


def test_unconfirmed_2013_claim_not_plotted(events: dict[str, dict[str, Any]]) -> None:
    f = events["ev_2013_relations"]
    assert f["geometry"] is None and f["properties"]["confirmed"] is False


# ---------------------------------------------------------------------------------------
# periods
# ---------------------------------------------------------------------------------------
def test_period_fields(periods: list[dict[str, Any]], events: dict[str, dict[str, Any]]) -> None:
    for f in periods:
        p = f["properties"]
        assert f["geometry"] is None
        assert p["subject_type"] in {"corridor", "place", "mission"}
        assert isinstance(p["status"], str) and p["status"]
        assert p["label"]
        assert DATE_RE["day"].match(p["start"]), p["id"]
        if p["end"] is not None:
            assert DATE_RE["day"].match(p["end"]), p["id"]
            assert _parse_partial(p["end"]) > _parse_partial(p["start"]), p["id"]
        assert p["event_ids"], p["id"]
        for ev in p["event_ids"]:
            assert ev in events, (p["id"], ev)
        if p["subject_type"] == "corridor":
            assert p["subject"] in {"torkham", "chaman"}
            assert p["status"] in CORRIDOR_STATUSES
        assert p["disputed"] is None or (isinstance(p["disputed"], str) and p["disputed"]), p["id"]
        assert isinstance(p["disputed_claims"], list), p["id"]
        assert not p["disputed_claims"] or p["disputed"], f"{p['id']}: claims without a note"
        for c in p["disputed_claims"]:
            assert isinstance(c["claim"], str) and c["claim"].strip(), p["id"]
            check_sources([c["source"]], p["id"])


def test_place_period_subjects_exist(
    periods: list[dict[str, Any]], places: dict[str, dict[str, Any]]
) -> None:
    for f in periods:
        if f["properties"]["subject_type"] == "place":
            assert f["properties"]["subject"] in places


@pytest.mark.parametrize("corridor", ["torkham", "chaman"])
def test_corridor_periods_contiguous(periods: list[dict[str, Any]], corridor: str) -> None:
    ps = sorted(
        (
            f["properties"]
            for f in periods
            if f["properties"]["subject"] == corridor
            and f["properties"]["subject_type"] == "corridor"
        ),
        key=lambda p: p["start"],
    )
    assert ps[0]["start"] == "1994-01-01"
    for a, b in itertools.pairwise(ps):
        assert a["end"] == b["start"], (a["id"], b["id"])
    assert ps[-1]["end"] is None
    assert all(p["end"] is not None for p in ps[:-1])


def _status_on(periods: list[dict[str, Any]], subject: str, day: str) -> str:
    for f in periods:
        p = f["properties"]
        if p["subject"] == subject and p["start"] <= day and (p["end"] is None or day < p["end"]):
            return p["status"]
    raise AssertionError(f"no period for {subject} on {day}")


def test_corridor_status_on_key_days(periods: list[dict[str, Any]]) -> None:
    assert _status_on(periods, "torkham", "1999-06-01") == "inactive"
    assert _status_on(periods, "torkham", "2008-03-23") == "open"
    assert _status_on(periods, "torkham", "2010-10-05") == "closed"
    assert _status_on(periods, "chaman", "2010-10-05") == "open"
    assert _status_on(periods, "torkham", "2010-10-10") == "open"
    for c in ("torkham", "chaman"):
        assert _status_on(periods, c, "2011-11-26") == "closed"
        assert _status_on(periods, c, "2012-07-02") == "closed"
        assert _status_on(periods, c, "2012-07-03") == "open"
    assert _status_on(periods, "torkham", "2013-12-25") == "blocked"
    assert _status_on(periods, "chaman", "2013-12-25") == "open"
    assert _status_on(periods, "torkham", "2014-02-27") == "open"


def _period_on(periods: list[dict[str, Any]], subject: str, day: str) -> dict[str, Any]:
    for f in periods:
        p = f["properties"]
        if p["subject"] == subject and p["start"] <= day and (p["end"] is None or day < p["end"]):
            return p
    raise AssertionError(f"no period for {subject} on {day}")


def test_torkham_in_july_and_august_2012(periods: list[dict[str, Any]]) -> None:
    """Issue 18.9: the Jamrud suspension is a closure; the 3 Jul reopening is disputed."""
    suspended = _period_on(periods, "torkham", "2012-07-30")
    assert suspended["status"] == "closed"
    assert (suspended["start"], suspended["end"]) == ("2012-07-25", "2012-08-04")
    assert "Jamrud" in suspended["label"] and suspended["disputed"] is None
    assert _period_on(periods, "chaman", "2012-07-30")["status"] == "open"
    resumed = _period_on(periods, "torkham", "2012-08-15")
    assert resumed["status"] == "open" and resumed["start"] == "2012-08-04"
    assert resumed["disputed"] is None and resumed["disputed_claims"] == []
    reopening = _period_on(periods, "torkham", "2012-07-10")
    assert reopening["status"] == "open"
    assert "Chaman" in reopening["disputed"] and "9 and 23 Jul" in reopening["disputed"]
    claims = reopening["disputed_claims"]
    assert len(claims) >= 2
    titles = [c["source"]["title"] for c in claims]
    assert "Only Chaman route allowed for NATO supplies" in titles
    assert all(c["source"]["url"] and c["source"]["type"] for c in claims)  # keys resolved
    assert {c["source"]["publisher"] for c in claims} >= {"Pakistan Today", "The Express Tribune"}


def test_the_2010_reopening_is_sourced(periods: list[dict[str, Any]]) -> None:
    by_id = {f["id"]: f["properties"] for f in periods}
    closed = by_id["torkham_closed_2010"]
    assert closed["end"] == by_id["torkham_open_2010"]["start"] == "2010-10-10"
    assert "general knowledge" not in (closed["note"] or "")
    assert any("AFP" in s["publisher"] for s in closed["sources"])


def test_mission_and_place_periods(periods: list[dict[str, Any]]) -> None:
    by_id = {f["id"]: f["properties"] for f in periods}
    assert (by_id["isaf"]["start"], by_id["isaf"]["end"]) == ("2001-12-20", "2015-01-01")
    assert by_id["resolute_support"]["start"] == "2015-01-01"
    assert by_id["unprofor_pakistan"]["end"] == "1995-12-20"
    assert by_id["shamsi_us_use"]["end"] == "2011-12-11"
    assert by_id["pti_blockade"]["status"] == "blocked"
    assert (by_id["pti_blockade"]["start"], by_id["pti_blockade"]["end"]) == (
        "2013-11-24",
        "2014-02-27",
    )


def test_shapes_are_valid() -> None:
    for name in FILES:
        for f in load(name)["features"]:
            if f["geometry"] is not None:
                assert shape(f["geometry"]).is_valid, f["id"]


# ---------------------------------------------------------------------------------------
# reproducible build from the curation files
# ---------------------------------------------------------------------------------------
def _build_module() -> Any:
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    return importlib.import_module("build_data")


def test_make_data_rebuilds_the_committed_files_byte_for_byte() -> None:
    build_data = _build_module()
    texts = build_data.build(build_data.DEFAULT_GAZETTEER)
    assert {"places.geojson", "routes.geojson", "events.geojson", "periods.geojson"} <= set(texts)
    for name, text in texts.items():
        assert (DATA / name).read_bytes() == text.encode("utf-8"), f"{name}: run make data"


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    build_data = _build_module()
    for name in FILES:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "routes.geojson").write_text("{}", encoding="utf-8")
    assert build_data.main(["--check", "--out", str(tmp_path)]) == 1


def test_curation_files_are_checked_against_their_schema(tmp_path: Path) -> None:
    import shutil

    build_data = _build_module()
    cur = build_data.load.__globals__
    folder = tmp_path / "curation"
    shutil.copytree(ROOT / "data" / "curation", folder)
    bad = folder / "periods.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("region: null", "region: Kabul", 1),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(cur["CurationError"], match=r"(?s)periods\.yaml.*periods/0/region"):
        build_data.load(folder)
    bad.write_text("periods: []\nperiods: []\n", encoding="utf-8")
    with pytest.raises(cur["CurationError"], match="duplicate key"):
        build_data.load(folder)


def test_a_bad_disputed_claim_in_periods_yaml_is_refused(tmp_path: Path) -> None:
    import shutil

    build_data = _build_module()
    cur = build_data.load.__globals__
    folder = tmp_path / "curation"
    shutil.copytree(ROOT / "data" / "curation", folder)
    path = folder / "periods.yaml"
    text = path.read_text(encoding="utf-8")
    good = "  - claim: Only the Chaman route was allowed for NATO supplies at the reopening\n"
    assert good in text
    path.write_text(text.replace(good, "  - claim: ''\n", 1), encoding="utf-8")
    with pytest.raises(cur["CurationError"], match=r"(?s)periods\.yaml.*disputed_claims/0/claim"):
        build_data.load(folder)
    path.write_text(text.replace(good, good + "    note: unexpected key\n", 1), encoding="utf-8")
    with pytest.raises(cur["CurationError"], match=r"(?s)periods\.yaml.*disputed_claims/0"):
        build_data.load(folder)


def test_the_loader_refuses_a_period_claim_without_a_source(tmp_path: Path) -> None:
    from geo.errors import AtlasDataError
    from geo.io import read_periods

    data = load("periods.geojson")
    read_periods(DATA / "periods.geojson")  # the shipped file loads
    disputed = next(f for f in data["features"] if f["properties"]["disputed_claims"])
    disputed["properties"]["disputed_claims"][0]["source"] = "pakistantoday_2012_07_04"
    (tmp_path / "periods.geojson").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AtlasDataError, match=r"periods\.geojson.*disputed_claims"):
        read_periods(tmp_path / "periods.geojson")


def test_periods_carry_a_structured_region(periods: list[dict[str, Any]]) -> None:
    regions = {f["id"]: f["properties"]["region"] for f in periods}
    assert regions["pti_blockade"] == "Khyber Pakhtunkhwa"
    assert {r for pid, r in regions.items() if pid != "pti_blockade"} == {None}


def test_route_licence_is_odbl() -> None:
    assert "ODbL" in load("routes.geojson")["metadata"]["licence"]
