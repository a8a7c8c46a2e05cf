"""Data extracts: CSV formula neutralisation and round trip, GeoJSON validity and sources."""

import csv
import io
import json

import pandas as pd
import pytest

from geo.io import read_dataset
from geo.scene import OverlayInput
from geo.timeline import events_in_year
from render.extract import CSV_COLUMNS, extract_features, extract_metadata, to_csv, to_geojson
from tests.conftest import scene_of

DS = read_dataset()
ALL = ["routes", "places", "uncertainty", "events"]
HOSTILE = {
    "=": '=HYPERLINK("http://evil.example","click")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1,2)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def overlay(labels: list[str]) -> pd.DataFrame:
    n = len(labels)
    return pd.DataFrame({"lat": [34.0] * n, "lon": [-71.5] * n, "year": [2011] * n,
                         "date": ["2011-05-01"] * n, "label": labels, "category": ["x"] * n,
                         "notes": labels})  # fmt: skip


def _scene(year: int | str, layers: list[str], overlay_: tuple | None = None):
    ov = [OverlayInput("ov1", overlay_[0], "#332288", overlay_[1])] if overlay_ else []
    return scene_of(DS, year, layers=layers, overlay_inputs=ov)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_formula_cells_are_neutralised(case: str) -> None:
    value = HOSTILE[case]
    feats = extract_features(_scene(2011, [], ("=evil()", overlay([value]))))
    rows = read_csv(to_csv(feats))
    assert rows[0]["name"] == "'" + value
    assert rows[0]["id"] == "'=evil()#1"
    assert rows[0]["lon"] == "-71.5"  # numbers stay numbers, no apostrophe


def test_csv_round_trip_keeps_every_value() -> None:
    labels = [*HOSTILE.values(), "plain", 'comma, and "quotes"', "line\nbreak", "Ünïcødé"]
    feats = extract_features(_scene(2011, ALL, ("ov", overlay(labels))))
    rows = read_csv(to_csv(feats))
    assert len(rows) == len(feats)
    for row, feat in zip(rows, feats, strict=True):
        props = feat["properties"]
        for col in ("layer", "id", "name", "date", "type", "status", "description", "details"):
            want = "" if props[col] is None else str(props[col])
            got = row[col]
            if want.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert got == "'" + want
                got = got[1:]
            assert got == want, (col, got, want)


def test_csv_has_one_row_per_shown_feature_with_flattened_sources() -> None:
    feats = extract_features(_scene(2011, ALL))
    rows = read_csv(to_csv(feats))
    assert list(rows[0]) == CSV_COLUMNS
    events = [r for r in rows if r["layer"] == "event"]
    assert len(events) == len(events_in_year(DS.events, 2011))
    assert sum(r["layer"] == "place" for r in rows) == len(DS.places)
    assert {r["id"] for r in rows if r["layer"] == "route"} == set(DS.routes["id"])
    assert all(r["sources"].startswith("[1] ") for r in events)
    assert "https://" in events[0]["sources"]
    assert {r["status"] for r in rows if r["layer"] == "route"} == {"closed"}


def test_geojson_is_rfc7946_with_sources_and_provenance() -> None:
    feats = extract_features(_scene(2011, ALL))
    doc = json.loads(
        to_geojson(feats, metadata=extract_metadata(DS, _scene(2011, ALL), "http://x/"))
    )
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert doc["metadata"]["dataset_version"] == "1.0.0"
    assert doc["metadata"]["data_as_of"] == "2026-11-29"
    for f in doc["features"]:
        assert f["type"] == "Feature"
        geom = f["geometry"]
        if geom is not None:
            assert geom["type"] in {"Point", "LineString"}
            lon, lat = geom["coordinates"] if geom["type"] == "Point" else geom["coordinates"][0]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["sources"], f["properties"]["id"]
        assert {"title", "publisher", "date", "url"} <= set(f["properties"]["sources"][0])


def test_hidden_layers_and_quiet_year_give_fewer_features() -> None:
    assert extract_features(_scene(1999, ["events"])) == []
    assert {f["properties"]["layer"] for f in extract_features(_scene(2011, ["routes"]))} == {
        "route"
    }


def test_extract_lists_the_days_route_statuses() -> None:
    rows = read_csv(to_csv(extract_features(_scene("2012-03-15", ["routes", "events"]))))
    assert {r["status"] for r in rows if r["layer"] == "route"} == {"closed"}
    assert {r["date"] for r in rows if r["layer"] == "route"} == {"15 Mar 2012"}
