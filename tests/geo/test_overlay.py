"""Overlay loader: a bad-input corpus built in code, per-row rejections, ACLED layout, filters."""

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from geo.errors import AtlasDataError
from geo.overlay import (
    ACLED_MAPPING,
    MAX_BYTES,
    MAX_FEATURES,
    MAX_JSON_DEPTH,
    MAX_VERTICES_PER_FEATURE,
    ColumnMapping,
    Overlay,
    OverlayError,
    Rejection,
    detect_mapping,
    load_overlay,
    overlay_in_year,
    overlay_up_to_year,
    summary_line,
)

ROOT = Path(__file__).resolve().parents[2]

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
HOSTILE = '<img src=x onerror="window.__pwned=1">`${window.__pwned=2}`</script>\\'


def point(lon: object, lat: object, **props: object) -> dict:
    props.setdefault("year", 2011)
    geom = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geom, "properties": props}


def fc(*features: dict, **extra: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}).encode()


def acled_row(i: int, *, date: str = "12 March 2011", lat: str = "33.6", lon: str = "73.0") -> list:
    return [
        f"PAK{i}",
        date,
        date[-4:],
        "1",
        "Riots",
        "Mob violence",
        "Rioters (Pakistan)",
        "",
        "Punjab",
        "Rawalpindi",
        lat,
        lon,
        "1",
        "Dawn",
        "notes, with a comma",
        "0",
    ]


def to_csv(header: list[str], rows: list[list], sep: str = ",") -> bytes:
    buf = io.StringIO()
    pd.DataFrame(rows, columns=header).to_csv(buf, index=False, sep=sep)
    return buf.getvalue().encode()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.geojson", fc(point(73, 33)))
    return buf.getvalue()


def _deep(depth: int) -> bytes:
    return b'{"type":"FeatureCollection","features":[],"x":' + b"[" * depth + b"]" * depth + b"}"


def _big_polygon() -> bytes:
    n = MAX_VERTICES_PER_FEATURE + 1
    ring = [[i * 1e-6, 0.0] for i in range(n)] + [[0.0, 0.0]]
    feat = {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"year": 2011},
    }
    return fc(feat)


def _too_many_features() -> bytes:
    one = b'{"type":"Feature","geometry":null,"properties":{}}'
    body = b",".join([one] * (MAX_FEATURES + 1))
    return b'{"type":"FeatureCollection","features":[' + body + b"]}"


VRT = (
    b'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/etc/passwd</SrcDataSource>'
    b"</OGRVRTLayer></OGRVRTDataSource>"
)

# (id, bytes, file name, expected substring of the message)
WHOLE_FILE_CASES = [
    ("empty", b"", "e.geojson", "the file is empty"),
    ("whitespace", b"  \n\t ", "w.csv", "the file is empty"),
    ("truncated", fc(point(73, 33))[:-5], "t.geojson", "not valid JSON (cut off"),
    ("not-json", b"hello world", "n.geojson", "not valid JSON"),
    ("topojson", b'{"type":"Topology","objects":{}}', "topo.json", "TopoJSON"),
    ("json-list", b"[1, 2, 3]", "l.json", "top level is a list"),
    ("not-geojson", b'{"hello": "world"}', "h.geojson", "not a GeoJSON FeatureCollection"),
    ("bare-geometry", b'{"type":"Point","coordinates":[1,2]}', "g.geojson", "bare Point"),
    ("features-not-list", b'{"type":"FeatureCollection","features":{}}', "f.geojson", "not a list"),
    ("not-cp1252", b"lat,lon,year,name\n33,73,2011,\x81\x8d\xff\n", "l1.csv", "not UTF-8"),
    ("utf16-no-bom", "lat,lon,year\n33,73,2011\n".encode("utf-16-le"), "u.csv", "NUL bytes"),
    ("deep-json", _deep(MAX_JSON_DEPTH + 1), "d.geojson", "nested"),
    ("very-deep-json", _deep(20_000), "dd.geojson", "too complex"),
    (
        "crs-3857",
        fc(
            point(73, 33),
            crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        ),
        "c.geojson",
        "EPSG::3857",
    ),
    (
        "crs-link",
        fc(point(73, 33), crs={"type": "link", "properties": {"href": "x"}}),
        "cl.geojson",
        "legacy crs",
    ),
    ("too-big", b" " * (MAX_BYTES + 1), "big.csv", "over the limit of 50 MB"),
    ("too-many-features", _too_many_features(), "many.geojson", "over the limit of 200,000"),
    ("too-many-vertices", _big_polygon(), "poly.geojson", "vertices"),
    ("vrt-as-geojson", VRT, "evil.geojson", "looks like XML (OGR VRT?"),
    ("vrt-as-csv", b"  \n" + VRT, "evil.csv", "looks like XML (OGR VRT?"),
    ("zip", _zip(), "x.zip", "zip archive"),
    ("xlsx", _zip(), "x.xlsx", "Excel"),
    ("gzip", b"\x1f\x8b\x08\x00rest", "x.geojson.gz", "gzip"),
    ("geopackage", b"SQLite format 3\x00" + b"\x00" * 50, "x.gpkg", "GeoPackage"),
    ("csv-no-coords", b"a,b,c\n1,2,3\n", "cols.csv", "columns are: 'a', 'b', 'c'"),
    ("csv-header-only", b"lat,lon,year\n", "h.csv", "no events"),
    (
        "csv-unterminated-quote",
        b'lat,lon,year,notes\n33,73,2011,"' + b"x" * 200_000 + b"\n",
        "q.csv",
        "cannot be read at line",
    ),
    (
        "geojson-no-year",
        fc(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [73, 33]},
                "properties": {"name": "a"},
            }
        ),
        "ny.geojson",
        "no date or year property",
    ),
    ("empty-collection", fc(), "ec.geojson", "no events"),
    (
        "all-rejected",
        fc(point(0, 0), point(200, 10), point(float("nan"), 1)),
        "all.geojson",
        "no usable events: all 3 rows were rejected",
    ),
]


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [pytest.param(d, f, e, id=i) for i, d, f, e in WHOLE_FILE_CASES],
)
def test_whole_file_problem_gives_one_clear_error_naming_the_file(
    data: bytes, filename: str, expected: str
) -> None:
    with pytest.raises(OverlayError) as info:
        load_overlay(data, filename)
    message = str(info.value)
    assert expected in message
    assert message.startswith(f"{filename}: ")
    assert isinstance(info.value, AtlasDataError)
    assert info.value.file == filename


def test_vrt_upload_never_reveals_file_contents() -> None:
    with pytest.raises(OverlayError) as info:
        load_overlay(VRT, "evil.geojson")
    assert "root:" not in str(info.value)


def test_unmapped_csv_error_carries_the_columns_for_a_mapping_step() -> None:
    with pytest.raises(OverlayError) as info:
        load_overlay(b"Breite,Laenge,Jahr\n33,73,2011\n", "de.csv")
    assert info.value.columns == ["Breite", "Laenge", "Jahr"]


def test_all_rejected_error_names_the_most_common_reasons() -> None:
    data = fc(point(0, 0), point(0, 0), point(10, 95))
    with pytest.raises(OverlayError, match=r"2 × at \(0, 0\) 'null island'; 1 × latitude"):
        load_overlay(data, "nulls.geojson")


# ---------------------------------------------------------------- accepted encodings


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
    ],
)
def test_utf_8_bom_and_utf_16_with_bom_load(encode: Callable[[str], bytes]) -> None:
    ov = load_overlay(encode("lat,lon,year,name\n33.6,73.0,2011,Peshāwar\n"), "enc.csv")
    assert ov.events["name"].tolist() == ["Peshāwar"]


def test_geojson_with_bom_loads() -> None:
    ov = load_overlay(b"\xef\xbb\xbf" + fc(point(73, 33)), "bom.geojson")
    assert len(ov.events) == 1


@pytest.mark.parametrize(
    "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
)
def test_wgs84_crs_member_is_accepted(name: str) -> None:
    data = fc(point(73, 33), crs={"type": "name", "properties": {"name": name}})
    assert len(load_overlay(data, "crs.geojson").events) == 1


# ---------------------------------------------------------------- per-row rejections

GEOJSON_ROW_CASES = [
    ("nan", point(float("nan"), 33), "longitude is not finite"),
    ("infinity", point(73, float("inf")), "latitude is not finite"),
    ("neg-infinity", point(float("-inf"), 33), "longitude is not finite"),
    ("lat-out-of-range", point(100, 95), "latitude out of range: 95"),
    ("swapped", point(33, 95), "lat/lon swapped?"),
    ("lon-out-of-range", point(200, 33), "longitude out of range: 200"),
    ("null-island", point(0, 0), "null island"),
    (
        "null-geometry",
        {"type": "Feature", "geometry": None, "properties": {"year": 2011}},
        "null geometry",
    ),
    ("string-coords", point("73", "33"), "coordinates are not numbers"),
    ("bool-coords", point(True, False), "coordinates are not numbers"),
    (
        "empty-coords",
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": []},
            "properties": {"year": 2011},
        },
        "invalid geometry",
    ),
    (
        "unknown-type",
        {
            "type": "Feature",
            "geometry": {"type": "Blob", "coordinates": [1, 2]},
            "properties": {"year": 2011},
        },
        "unknown type 'Blob'",
    ),
    (
        "collection",
        {
            "type": "Feature",
            "properties": {"year": 2011},
            "geometry": {"type": "GeometryCollection", "geometries": []},
        },
        "GeometryCollection",
    ),
    ("not-a-feature", {"type": "Point", "coordinates": [1, 2]}, "not a GeoJSON Feature"),
    (
        "props-not-object",
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [73, 33]},
            "properties": [1],
        },
        "properties is not an object",
    ),
    ("bad-date", point(73, 33, date="sometime in spring", year=None), "unreadable date: 'some"),
    ("impossible-date", point(73, 33, date="2011-02-30", year=None), "date: '2011-02-30'"),
    ("early-year", point(73, 33, year=1850), "year outside 1900–2100: 1850"),
    ("late-year", point(73, 33, date="2150-01-01"), "year outside 1900–2100: 2150"),
    ("text-year", point(73, 33, year="unknown"), "unreadable year: 'unknown'"),
    ("fraction-year", point(73, 33, year=2011.5), "unreadable year"),
    ("missing-time", point(73, 33, year=None), "missing date and year"),
]


@pytest.mark.parametrize(
    ("feature", "reason"), [pytest.param(f, r, id=i) for i, f, r in GEOJSON_ROW_CASES]
)
def test_bad_feature_is_rejected_with_its_reason_and_good_ones_load(
    feature: dict, reason: str
) -> None:
    ov = load_overlay(fc(point(73.0, 33.6), feature, point(74.3, 31.5)), "rows.geojson")
    assert len(ov.events) == 2
    assert len(ov.rejected) == 1
    assert ov.rejected[0].row == 2
    assert reason in ov.rejected[0].reason


CSV_ROW_CASES = [
    ("blank-lat", acled_row(2, lat=""), "missing latitude"),
    ("text-lat", acled_row(2, lat="north"), "latitude is not a number: 'north'"),
    ("nan-text", acled_row(2, lon="NaN"), "longitude is not finite"),
    ("inf-text", acled_row(2, lon="-Infinity"), "longitude is not finite"),
    ("overflow", acled_row(2, lon="1e309"), "longitude is not finite"),
    ("swapped", acled_row(2, lat="73.0", lon="33.6"), "ok"),
    ("really-swapped", acled_row(2, lat="95.0", lon="33.6"), "lat/lon swapped?"),
    ("null-island", acled_row(2, lat="0", lon="0.0"), "null island"),
    ("bad-date", acled_row(2, date="sometime"), "unreadable date: 'sometime' and year 'time'"),
    ("ragged", acled_row(2)[:5], "ragged row: 5 fields, header has 16"),
    ("too-long", [*acled_row(2), "extra"], "ragged row: 17 fields"),
]


@pytest.mark.parametrize(("row", "reason"), [pytest.param(r, e, id=i) for i, r, e in CSV_ROW_CASES])
def test_bad_csv_row_is_rejected_with_its_reason(row: list, reason: str) -> None:
    text = to_csv(ACLED_COLUMNS, [acled_row(1)]).decode()
    extra = io.StringIO()
    pd.DataFrame([row]).to_csv(extra, index=False, header=False)
    data = (
        text + extra.getvalue() + to_csv(ACLED_COLUMNS, [acled_row(3)]).decode().split("\n", 1)[1]
    ).encode()
    ov = load_overlay(data, "acled.csv")
    if reason == "ok":
        assert len(ov.events) == 3
        assert ov.rejected == []
        return
    assert [r.row for r in ov.rejected] == [2]
    assert reason in ov.rejected[0].reason
    assert ov.events["event_id_cnty"].tolist() == ["PAK1", "PAK3"]


def test_accepted_date_forms_give_year_and_iso_date() -> None:
    rows = [
        ["33.6", "73.0", "2011-03-12"],
        ["33.6", "73.0", "12 March 2011"],
        ["33.6", "73.0", "1 Jan 2012"],
        ["33.6", "73.0", "2013"],
        ["33.6", "73.0", "2014-05-06T10:30:00Z"],
    ]
    ov = load_overlay(to_csv(["lat", "lon", "date"], rows), "dates.csv")
    assert ov.events["year"].tolist() == [2011, 2011, 2012, 2013, 2014]
    assert ov.events["date"].tolist() == [
        "2011-03-12",
        "2011-03-12",
        "2012-01-01",
        "",
        "2014-05-06",
    ]


def test_blank_lines_are_skipped_not_rejected() -> None:
    ov = load_overlay(b"lat,lon,year\n33,73,2011\n\n,,\n34,74,2012\n\n", "gaps.csv")
    assert len(ov.events) == 2
    assert ov.rejected == []


def test_year_column_used_when_date_is_blank() -> None:
    ov = load_overlay(b"lat,lon,date,year\n33,73,,2011\n", "y.csv")
    assert ov.events["year"].tolist() == [2011]
    assert ov.events["date"].tolist() == [""]


def test_single_point_multipoint_is_accepted() -> None:
    feat = {
        "type": "Feature",
        "properties": {"year": 2011},
        "geometry": {"type": "MultiPoint", "coordinates": [[73.0, 33.6]]},
    }
    ov = load_overlay(fc(feat), "mp.geojson")
    assert ov.events[["lat", "lon"]].values.tolist() == [[33.6, 73.0]]


def test_bare_feature_is_accepted() -> None:
    ov = load_overlay(json.dumps(point(73, 33)).encode(), "one.geojson")
    assert len(ov.events) == 1


# ---------------------------------------------------------------- CSV dialects


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(sep: str) -> None:
    ov = load_overlay(to_csv(ACLED_COLUMNS, [acled_row(1), acled_row(2)], sep=sep), "d.csv")
    assert len(ov.events) == 2
    assert ov.events["notes"].tolist() == ["notes, with a comma"] * 2


def test_decimal_comma_with_semicolon_delimiter() -> None:
    ov = load_overlay(b"lat;lon;year\n33,6;73,05;2011\n", "dc.csv")
    assert ov.events[["lat", "lon"]].values.tolist() == [[33.6, 73.05]]


def test_duplicate_and_blank_headers_get_distinct_names() -> None:
    ov = load_overlay(b"lat,lon,year,name,name,\n33,73,2011,a,b,c\n", "dup.csv")
    assert ov.fields == ["name", "name (2)", "column 6"]
    assert ov.events.iloc[0][["name", "name (2)", "column 6"]].tolist() == ["a", "b", "c"]


# ---------------------------------------------------------------- ACLED and mappings


def test_acled_columns_are_detected_with_no_mapping() -> None:
    assert detect_mapping(ACLED_COLUMNS) == ACLED_MAPPING


def test_acled_export_round_trip() -> None:
    rows = [acled_row(i, date=f"{i} March {2010 + i % 3}") for i in range(1, 10)]
    ov = load_overlay(to_csv(ACLED_COLUMNS, rows), "2024-acled-export.csv")
    assert isinstance(ov, Overlay)
    assert ov.name == "2024-acled-export.csv"
    assert len(ov.events) == 9
    assert ov.rejected == []
    assert ov.events["label"].unique().tolist() == ["Rawalpindi"]
    assert ov.events["category"].unique().tolist() == ["Riots"]
    assert sorted(ov.events["year"].unique()) == [2010, 2011, 2012]
    assert len(ov.fields) == 12
    assert ov.fields[:3] == ["event_id_cnty", "event_date", "time_precision"]
    assert "latitude" not in ov.fields
    assert ov.events["lat"].dtype == float
    assert ov.events["year"].dtype == "int64"
    assert all(pd.api.types.is_string_dtype(ov.events[f]) for f in ov.fields)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["LAT", "Long", "Date"], ColumnMapping(lat="LAT", lon="Long", date="Date")),
        ([" y ", " x ", "year"], ColumnMapping(lat=" y ", lon=" x ", year="year")),
        (
            ["Latitude", "lng", "year", "Name"],
            ColumnMapping(lat="Latitude", lon="lng", year="year", label="Name"),
        ),
        (["lat", "lon"], None),
        (["a", "b", "year"], None),
        ([], None),
    ],
)
def test_detect_mapping(columns: list[str], expected: ColumnMapping | None) -> None:
    assert detect_mapping(columns) == expected


def test_custom_columns_need_a_mapping_and_load_with_one() -> None:
    data = b"Breite;Laenge;Datum;Ort;Art\n33,6;73,0;2011-03-12;Rawalpindi;Protest\n"
    with pytest.raises(OverlayError, match="columns are: 'Breite'"):
        load_overlay(data, "custom.csv")
    mapping = ColumnMapping(lat="Breite", lon="Laenge", date="Datum", label="Ort", category="Art")
    ov = load_overlay(data, "custom.csv", mapping=mapping)
    row = ov.events.iloc[0]
    assert (row["lat"], row["lon"], row["year"], row["label"], row["category"]) == (
        33.6,
        73.0,
        2011,
        "Rawalpindi",
        "Protest",
    )
    assert ov.fields == ["Datum", "Ort", "Art"]


def test_mapping_that_names_unknown_columns_is_a_clear_error() -> None:
    with pytest.raises(OverlayError, match=r"unknown columns \['Nope'\]"):
        load_overlay(
            b"a,b,c\n1,2,3\n", "m.csv", mapping=ColumnMapping(lat="Nope", lon="b", year="c")
        )


def test_mapping_without_time_is_a_clear_error() -> None:
    with pytest.raises(OverlayError, match="no date or year column"):
        load_overlay(b"a,b,c\n1,2,3\n", "m.csv", mapping=ColumnMapping(lat="a", lon="b"))


def test_geojson_mapping_picks_properties() -> None:
    data = fc(point(73, 33, year=None, when="2011-04-01", kind="Raid"))
    ov = load_overlay(
        data, "g.geojson", mapping=ColumnMapping(lat="-", lon="-", date="when", category="kind")
    )
    assert ov.events[["year", "date", "category"]].values.tolist() == [[2011, "2011-04-01", "Raid"]]


def test_reserved_field_names_do_not_clobber_event_columns() -> None:
    feat = point(73, 33, label="L", nested={"a": [1]})
    feat["properties"]["lat"] = "text"
    ov = load_overlay(fc(feat), "r.geojson")
    assert ov.events.iloc[0]["lat"] == 33.0
    assert ov.events.iloc[0]["lat (field)"] == "text"
    assert ov.events.iloc[0]["nested"] == '{"a": [1]}'
    assert ov.events.iloc[0]["label"] == "L"


# ---------------------------------------------------------------- filters, summary, progress


@pytest.fixture
def three_years() -> Overlay:
    feats = [point(73, 33, year=y) for y in (2010, 2011, 2011, 2013)]
    return load_overlay(fc(*feats, point(0, 0)), "years.geojson")


@pytest.mark.parametrize(
    ("year", "n_in", "n_up_to"),
    [(2009, 0, 0), (2010, 1, 1), (2011, 2, 3), (2012, 0, 3), (2013, 1, 4)],
)
def test_year_filters(three_years: Overlay, year: int, n_in: int, n_up_to: int) -> None:
    assert len(overlay_in_year(three_years, year)) == n_in
    assert len(overlay_up_to_year(three_years, year)) == n_up_to


def test_summary_line(three_years: Overlay) -> None:
    assert summary_line(three_years) == "4 events loaded, 1 rejected"
    big = Overlay("b", pd.DataFrame({"year": range(12_403)}), [Rejection(1, "x")] * 17, [])
    assert summary_line(big) == "12,403 events loaded, 17 rejected"


def test_progress_is_reported_for_large_inputs() -> None:
    rows = [acled_row(i) for i in range(45_000)]
    calls: list[tuple[int, int]] = []
    load_overlay(to_csv(ACLED_COLUMNS, rows), "big.csv", progress=lambda d, t: calls.append((d, t)))
    assert len(calls) >= 3
    assert calls[-1] == (45_000, 45_000)
    assert all(d <= t for d, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# ---------------------------------------------------------------- hostile text stays data


def test_hostile_name_column_and_value_are_carried_as_plain_data() -> None:
    data = to_csv(["lat", "lon", "year", HOSTILE], [["33", "73", "2011", HOSTILE]])
    ov = load_overlay(data, HOSTILE + ".csv")
    assert ov.name == HOSTILE + ".csv"
    assert ov.fields == [HOSTILE]
    assert ov.events.iloc[0][HOSTILE] == HOSTILE


def test_hostile_file_name_in_error_is_plain_data() -> None:
    with pytest.raises(OverlayError) as info:
        load_overlay(b"", HOSTILE)
    assert info.value.file == HOSTILE


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    ov = load_overlay(fc(point(73, 33, name="[" * 500 + "{" * 500)), "brackets.geojson")
    assert ov.events["name"].tolist() == ["[" * 500 + "{" * 500]


def test_closing_brackets_in_strings_cannot_smuggle_deep_nesting() -> None:
    sneaky = b'{"a": "' + b"]" * 5_000 + b'", "b": ' + b"[" * 3_000 + b"]" * 3_000 + b"}"
    with pytest.raises(OverlayError, match=r"too complex|nested"):
        load_overlay(sneaky, "sneaky.geojson")
