"""Drone-strike counts: both publishers, every year 2004–2015, checked against recorded sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CURATION = ROOT / "data" / "curation"
DRONES = CURATION / "drone_strikes.yaml"
SCHEMA = CURATION / "schema" / "drone_strikes.schema.json"
RECORDED = CURATION / "evidence" / "drone_counts_recorded.json"
YEARS = range(2004, 2016)
PUBLISHERS = ("new_america", "tbij")


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def drones() -> dict[str, Any]:
    return _load(DRONES)


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))["counts"]


@pytest.fixture(scope="module")
def source_keys() -> set[str]:
    keys: set[str] = set()
    for path in sorted(CURATION.glob("sources*.yaml")):
        keys |= set(_load(path)["sources"])
    return keys


def _as_recorded(count: dict[str, Any] | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {
        "strikes": count["strikes"],
        "killed": [count["killed"]["low"], count["killed"]["high"]],
        "civilians_killed": [count["civilians_killed"]["low"], count["civilians_killed"]["high"]],
    }


def test_file_matches_its_schema(drones: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(drones)


def test_every_year_has_both_publishers_counts_as_recorded(
    drones: dict[str, Any], recorded: dict[str, Any]
) -> None:
    by_year = {row["year"]: row for row in drones["years"]}
    assert sorted(by_year) == list(YEARS), "one row per year 2004–2015"
    assert len(drones["years"]) == len(by_year), "no year twice"
    for year in YEARS:
        for pub in PUBLISHERS:
            got = _as_recorded(by_year[year][pub])
            assert got == recorded[f"{year}/all"][pub], f"{year} {pub}"


def test_peak_year_shows_the_publishers_disagreeing(drones: dict[str, Any]) -> None:
    """The figures the issue quotes: 2010 is the peak, 122 (New America) against 128 (TBIJ)."""
    row = next(r for r in drones["years"] if r["year"] == 2010)
    assert (row["new_america"]["strikes"], row["tbij"]["strikes"]) == (122, 128)
    for pub in PUBLISHERS:
        peak = max(drones["years"], key=lambda r: r[pub]["strikes"])
        assert peak["year"] == 2010


def test_death_ranges_are_ranges(drones: dict[str, Any]) -> None:
    rows = list(drones["years"]) + drones["by_area"]
    for row in rows:
        for pub in PUBLISHERS:
            count = row[pub]
            if count is None:
                continue
            for field in ("killed", "civilians_killed"):
                assert count[field]["low"] <= count[field]["high"], (row["year"], pub, field)
            assert count["civilians_killed"]["high"] <= count["killed"]["high"]


def test_area_counts_match_the_record_and_add_up_to_the_year(
    drones: dict[str, Any], recorded: dict[str, Any]
) -> None:
    seen = set()
    for row in drones["by_area"]:
        assert row["area"] in drones["areas"], row["area"]
        key = f"{row['year']}/{row['area']}"
        assert key not in seen, f"{key} twice"
        seen.add(key)
        for pub in PUBLISHERS:
            assert _as_recorded(row[pub]) == recorded[key].get(pub), f"{key} {pub}"
    expected = {k for k in recorded if not k.endswith("/all") and int(k[:4]) in YEARS}
    assert seen == expected, "every recorded year/area appears"
    totals = {r["year"]: r for r in drones["years"]}
    for year in YEARS:
        for pub in PUBLISHERS:
            parts = [r[pub] for r in drones["by_area"] if r["year"] == year and r[pub]]
            assert sum(p["strikes"] for p in parts) == totals[year][pub]["strikes"], (year, pub)
            assert sum(p["killed"]["low"] for p in parts) == totals[year][pub]["killed"]["low"]
            assert sum(p["killed"]["high"] for p in parts) == totals[year][pub]["killed"]["high"]


def test_mapped_areas_have_a_point_in_fata_or_kp(drones: dict[str, Any]) -> None:
    mapped = {r["area"] for r in drones["by_area"]}
    for key, area in drones["areas"].items():
        point = area["point"]
        if point is None:
            assert area.get("note"), f"{key}: an unmapped area says why"
            continue
        # the tribal belt and the KP districts beside it (Wana 32.3 N … Khar 34.7 N)
        assert 32.0 <= point["lat"] <= 35.0 and 69.3 <= point["lon"] <= 71.8, key
    strikes_unmapped = {
        r["area"] for r in drones["by_area"] if drones["areas"][r["area"]]["point"] is None
    }
    assert strikes_unmapped <= {"waziristan_unassigned"}, "only the unassignable Shawal rows"
    assert {"north_waziristan", "south_waziristan", "bajaur", "kurram", "khyber"} <= mapped


def test_every_number_names_its_source(drones: dict[str, Any], source_keys: set[str]) -> None:
    cited: list[str] = []
    for pub in drones["publishers"].values():
        cited += pub["sources"]
    for area in drones["areas"].values():
        if area["point"]:
            cited += area["point"]["sources"]
    cited += [r["long_war_journal"]["source"] for r in drones["years"] if r["long_war_journal"]]
    cited += [p["source"] for p in drones["as_published"]]
    missing = sorted(set(cited) - source_keys)
    assert not missing, f"sources not in data/curation/sources*.yaml: {missing}"
    for name in PUBLISHERS:
        copy = drones["publishers"][name]["copy"]
        assert copy["repository"] and len(copy["commit"]) == 40


def test_tbij_rows_are_not_bundled() -> None:
    """TBIJ's list is CC BY-NC-ND: only aggregates ship, never its per-strike rows or links."""
    for path in (ROOT / "data").rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".xlsx", ".json", ".geojson", ".yaml"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert "the-bush-years-2004-2009/#B" not in text, path
            assert "Minimum total people killed" not in text, path


def test_linked_events_exist(drones: dict[str, Any]) -> None:
    events = json.loads((ROOT / "data" / "events.geojson").read_text(encoding="utf-8"))
    ids = {f["id"] for f in events["features"]}
    for path in CURATION.glob("events*.yaml"):
        ids |= set(_load(path)["events"])
    for row in drones["years"]:
        for eid in row["linked_event_ids"]:
            assert eid in ids, (row["year"], eid)
    blockade = next(r for r in drones["years"] if r["year"] == 2013)["linked_event_ids"]
    assert "ev_2013_11_24_blockade_start" in blockade


def test_built_layer_carries_both_counts_for_every_year_and_area(
    drones: dict[str, Any], recorded: dict[str, Any]
) -> None:
    """The layer the map and the timeline read: yearly band and per-area tooltips."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import drone_layer

    keys = set()
    for path in sorted(CURATION.glob("sources*.yaml")):
        keys |= set(_load(path)["sources"])

    def source(key: str) -> dict[str, Any]:
        assert key in keys, key
        return {"key": key}

    def collection(name: str, features: list[dict[str, Any]]) -> dict[str, Any]:
        return {"type": "FeatureCollection", "metadata": {"file": name}, "features": features}

    events = json.loads((ROOT / "data" / "events.geojson").read_text(encoding="utf-8"))
    ids = {f["id"] for f in events["features"]}
    for path in CURATION.glob("events*.yaml"):
        ids |= set(_load(path)["events"])
    layer = drone_layer.build(source, collection, ids)
    assert [y["year"] for y in layer["yearly"]] == list(YEARS)
    for row in layer["yearly"]:
        for pub in PUBLISHERS:
            assert _as_recorded(row[pub]) == recorded[f"{row['year']}/all"][pub]
    north = next(f for f in layer["features"] if f["properties"]["area"] == "north_waziristan")
    by_year = {y["year"]: y for y in north["properties"]["years"]}
    assert (by_year[2010]["new_america"]["strikes"], by_year[2010]["tbij"]["strikes"]) == (107, 113)
    assert north["geometry"]["coordinates"] == [70.07117, 33.00059]
    unmapped = [f for f in layer["features"] if f["geometry"] is None]
    assert {f["properties"]["area"] for f in unmapped} == {"waziristan_unassigned", "mohmand"}
    with pytest.raises(ValueError, match="unknown events"):
        drone_layer.build(source, collection, set())
