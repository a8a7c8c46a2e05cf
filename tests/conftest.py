"""Shared fixtures: a tiny dataset made in code, and paths to the shipped one."""

import json
import os
import tempfile
from pathlib import Path

import pytest

from geo.gdal_guard import harden_gdal_environment

harden_gdal_environment()  # as app.py does: before anything imports pyogrio
# Saved views from page and browser tests go to a throwaway database, not var/ in the checkout.
os.environ.setdefault(
    "ATLAS_DB_URL", f"sqlite:///{tempfile.mkdtemp(prefix='atlas-test-db-')}/atlas.sqlite3"
)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
DATA = ROOT / "data"

SRC = {"title": "Test source", "publisher": "Test desk", "date": "2011-11-26",
       "url": "https://example.org/a"}  # fmt: skip
META = {"dataset": "nato-pakistan-atlas", "dataset_version": "0.0.1", "data_as_of": "2026-11-29"}


def _fc(features: list[dict], name: str) -> dict:
    return {"type": "FeatureCollection", "metadata": {**META, "file": name}, "features": features}


def _feature(props: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "id": props["id"], "properties": props, "geometry": geometry}


def place(pid: str, lon: float, lat: float, **extra: object) -> dict:
    props = {
        "id": pid, "name": pid.replace("_", " ").title(), "kind": "city", "country": "PK",
        "accuracy_km": 1.0, "coord_confirmed": True, "identity_confirmed": True,
        "description": "A place.", "label_note": None, "from_seed": False, "sources": [SRC],
    } | extra  # fmt: skip
    return _feature(props, {"type": "Point", "coordinates": [lon, lat]})


def event(eid: str, date: str, precision: str = "day", **extra: object) -> dict:
    geometry = extra.pop("geometry", {"type": "Point", "coordinates": [71.08472, 34.11472]})
    props = {
        "id": eid, "date": date, "date_precision": precision, "end_date": None,
        "category": "conflict", "title": f"Event {eid}", "summary": "Something happened.",
        "place_id": "torkham_crossing", "route_id": None, "actors": ["Pakistan"],
        "casualties": None, "disputed": None, "disputed_claims": [], "seed_claim": None,
        "from_seed": False, "confirmed": True, "date_note": None, "accuracy_km": 0.5,
        "sources": [SRC],
    } | extra  # fmt: skip
    return _feature(props, geometry)


def period(pid: str, subject: str, status: str, start: str, end: str | None, **extra: object):
    props = {
        "id": pid, "subject_type": "corridor", "subject": subject, "status": status,
        "label": f"{subject} {status}", "start": start, "end": end, "scope": None,
        "event_ids": [], "sources": [SRC],
    } | extra  # fmt: skip
    return _feature(props, None)


def route(rid: str, corridor: str, coords: list[list[float]], **extra: object) -> dict:
    props = {
        "id": rid, "name": rid, "corridor": corridor, "variant": "main", "highways": ["N-5"],
        "evidence": "documented", "border_crossing_id": "torkham_crossing",
        "start_place_id": "karachi_port", "end_place_id": "torkham_crossing",
        "accuracy_km": 4.0, "description": "A route.", "geometry_note": "test",
        "sources": [SRC],
    } | extra  # fmt: skip
    return _feature(props, {"type": "LineString", "coordinates": coords})


def write_dataset(folder: Path, **overrides: list[dict]) -> Path:
    """Write a small valid dataset; pass e.g. ``events=[...]`` to replace a file's features."""
    files = {
        "places": [
            place("torkham_crossing", 71.08472, 34.11472, kind="border_crossing",
                  country="PK/AF", accuracy_km=0.5),
            place("karachi_port", 66.975, 24.84, kind="port", accuracy_km=1.5),
            place("shamsi_airfield", 65.16667, 27.85, kind="air_base", accuracy_km=1.5),
        ],
        "routes": [route("route_t", "torkham", [[66.975, 24.84], [71.08472, 34.11472]]),
                   route("route_c", "chaman", [[66.975, 24.84], [66.44472, 30.92222]],
                         border_crossing_id="karachi_port")],
        "events": [
            event("ev_1994", "1994-05", "month", category="cooperation"),
            event("ev_2008", "2008-03-23"),
            event("ev_2011a", "2011-11-26", end_date="2012-07-03", category="logistics"),
            event("ev_2011b", "2011-12-11", place_id="shamsi_airfield",
                  geometry={"type": "Point", "coordinates": [65.16667, 27.85]}),
            event("ev_2015", "2015", "year", category="context", place_id=None, geometry=None),
        ],
        "periods": [
            period("t0", "torkham", "inactive", "1994-01-01", "2001-12-20"),
            period("t1", "torkham", "open", "2001-12-20", "2011-11-26"),
            period("t2", "torkham", "closed", "2011-11-26", "2012-07-03"),
            period("t3", "torkham", "open", "2012-07-03", None),
            period("c0", "chaman", "inactive", "1994-01-01", "2001-12-20"),
            period("c1", "chaman", "open", "2001-12-20", "2011-11-26"),
            period("c2", "chaman", "closed", "2011-11-26", "2012-07-03"),
            period("c3", "chaman", "open", "2012-07-03", None),
            period("s1", "shamsi_airfield", "us_use", "2001-10-01", "2011-12-11",
                   subject_type="place", label="US use of Shamsi"),
        ],
    }  # fmt: skip
    files.update(overrides)
    folder.mkdir(parents=True, exist_ok=True)
    for name, feats in files.items():
        (folder / f"{name}.geojson").write_text(
            json.dumps(_fc(feats, f"{name}.geojson")), encoding="utf-8"
        )
    return folder


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A folder holding a small valid dataset."""
    return write_dataset(tmp_path / "data")


@pytest.fixture
def tiny(tiny_dir: Path):
    """The small dataset, read and validated."""
    from geo.io import read_dataset

    return read_dataset(tiny_dir)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run (Playwright cannot download one here)."""
    import shutil

    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def scene_of(ds, when: str | int, mode: str = "year", layers=None, **view: object):
    """The scene of a view given as the URL gives it: a year (2011), ``"2012-03"`` or a day."""
    from datetime import date

    from geo.scene import build_scene
    from geo.view import LAYERS, TimeWindow, View

    text = str(when)
    if len(text) == 4:
        window = TimeWindow.of_year(int(text))
    elif len(text) == 7:
        window = TimeWindow.of_month(int(text[:4]), int(text[5:]))
    else:
        window = TimeWindow.of_day(date.fromisoformat(text))
    overlays = view.pop("overlay_inputs", ())
    v = View(window=window, mode=mode, layers=tuple(LAYERS if layers is None else layers), **view)
    return build_scene(ds, v, overlays)
