"""Convoy and terminal attacks 2009–2014 checked against the recorded report figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pyproj import Geod

ROOT = Path(__file__).resolve().parents[2]
CURATION = ROOT / "data" / "curation"
EVENTS_YAML = CURATION / "events_convoys_press.yaml"
RECORDED = CURATION / "evidence" / "convoy_figures_recorded.json"
EVIDENCE_NOTE = CURATION / "evidence" / "convoy_sources.md"
BUILT = ROOT / "data" / "events.geojson"
PLACES = ROOT / "data" / "places.geojson"
GEOD = Geod(ellps="WGS84")
SOURCE_TYPES = {"official", "press_agency", "newspaper", "research", "secondary"}


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def curated() -> dict[str, dict[str, Any]]:
    return _yaml(EVENTS_YAML)["events"]


@pytest.fixture(scope="module")
def recorded() -> dict[str, dict[str, Any]]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))["events"]


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(CURATION.glob("sources*.yaml")):
        out |= _yaml(path)["sources"]
    return out


@pytest.fixture(scope="module")
def built() -> dict[str, dict[str, Any]]:
    doc = json.loads(BUILT.read_text(encoding="utf-8"))
    return {f["id"]: f for f in doc["features"]}


def _span(reports: list[dict[str, Any]], field: str) -> tuple[int, int] | None:
    """Smallest and largest figure the reports give for ``field`` (None: no report gives one)."""
    values: list[int] = []
    for rep in reports:
        got = rep[field]
        if got is None:
            continue
        values.extend(got if isinstance(got, list) else [got, got])
    return (min(values), max(values)) if values else None


def test_every_record_has_recorded_figures_and_back(
    curated: dict[str, Any], recorded: dict[str, Any]
) -> None:
    assert sorted(curated) == sorted(recorded)
    assert len(curated) >= 19


def test_each_record_cites_exactly_the_reports_read(
    curated: dict[str, Any], recorded: dict[str, Any], sources: dict[str, Any]
) -> None:
    for eid, ev in curated.items():
        read = {rep["source"] for rep in recorded[eid]["reports"]}
        assert set(ev["sources"]) == read, eid
        for key in ev["sources"]:
            assert sources[key]["type"] in SOURCE_TYPES, key
            assert sources[key]["url"], key
        claims = ev.get("disputed_claims") or []
        assert bool(claims) == bool(ev.get("disputed")), f"{eid}: a dispute needs both sides"
        assert {c["source"] for c in claims} <= set(ev["sources"]), eid


def test_vehicle_counts_are_the_range_over_the_reports(
    curated: dict[str, Any], recorded: dict[str, Any]
) -> None:
    for eid, ev in curated.items():
        span = _span(recorded[eid]["reports"], "vehicles_destroyed")
        got = ev["vehicles_destroyed"]
        if span is None:
            assert got is None, f"{eid}: no report gives a count"
            continue
        assert (got["low"], got["high"]) == span, eid
        assert got["best"] is None or got["low"] <= got["best"] <= got["high"], eid


@pytest.mark.parametrize("field", ["killed", "wounded"])
def test_casualties_are_the_range_over_the_reports(
    curated: dict[str, Any], recorded: dict[str, Any], field: str
) -> None:
    for eid, ev in curated.items():
        span = _span(recorded[eid]["reports"], field)
        got = (ev.get("casualties") or {}).get(field)
        if span is None:
            assert got is None, f"{eid}: no report gives {field}"
        else:
            assert got is not None and (got["low"], got["high"]) == span, eid


def test_days_agree_with_the_weekday_the_reports_give(
    curated: dict[str, Any], recorded: dict[str, Any]
) -> None:
    for eid, ev in curated.items():
        weekday = recorded[eid]["weekday"]
        if weekday is None:
            assert ev["date_precision"] != "day", f"{eid}: no weekday or day in the reports"
            continue
        assert ev["date_precision"] == "day", eid
        assert date.fromisoformat(ev["date"]).strftime("%A") == weekday, eid
        assert eid.startswith("ev_" + ev["date"].replace("-", "_")), eid


def test_every_url_is_in_the_research_note(sources: dict[str, Any]) -> None:
    note = EVIDENCE_NOTE.read_text(encoding="utf-8")
    own = _yaml(CURATION / "sources_convoys.yaml")
    assert own["url_evidence"] == ["data/curation/evidence/convoy_sources.md"]
    for key, src in own["sources"].items():
        assert f"`{key}`" in note and src["url"] in note, key


def test_built_layer_places_each_attack_within_its_accuracy(
    curated: dict[str, Any], built: dict[str, Any]
) -> None:
    places = {f["id"]: f for f in json.loads(PLACES.read_text(encoding="utf-8"))["features"]}
    for eid, ev in curated.items():
        props = built[eid]["properties"]
        assert props["category"] == "supply_attack"
        assert props["date"] == ev["date"] and props["date_precision"] == ev["date_precision"]
        assert props["accuracy_km"] == ev["accuracy_km"] > 0
        assert len(props["sources"]) == len(ev["sources"]) >= 1
        assert all(s["url"] and s["type"] for s in props["sources"])
        lon, lat = built[eid]["geometry"]["coordinates"]
        plon, plat = places[ev["place_id"]]["geometry"]["coordinates"]
        _, _, metres = GEOD.inv(lon, lat, plon, plat)
        assert metres / 1000 <= ev["accuracy_km"], eid
        assert 23.5 <= lat <= 38.5 and 60.5 <= lon <= 77.8, eid


def test_the_series_reaches_the_places_the_issue_names(built: dict[str, Any]) -> None:
    """Dhadar, Dasht, Shikarpur, Khyber and Peshawar attacks are present for 2011–2014."""
    attacks = [
        f["properties"] for f in built.values() if f["properties"]["category"] == "supply_attack"
    ]
    text = {a["id"]: (a["title"] + " " + (a["place_note"] or "")).lower() for a in attacks}
    for name in ("dhadar", "dasht", "shikarpur", "khyber", "peshawar"):
        assert any(name in t for t in text.values()), name
    years = {a["date"][:4] for a in attacks}
    assert {"2008", "2009", "2010", "2011", "2012", "2013", "2014"} <= years
