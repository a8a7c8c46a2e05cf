"""Each file shape in shared/research/real-uploads.md, built in code: count, years or refusal."""

import csv
import io
import json

import pytest

from geo.overlay import OverlayError, load_overlay
from geo.overlay.formats import GDELT1_COLUMNS, GDELT2_COLUMNS

PLACES = [(33.60, 73.05), (34.01, 71.58), (31.55, 74.34), (30.18, 66.99), (24.86, 67.01)]


def table(header: list[str] | None, rows: list[list], *, sep: str = ",", quote_all: bool = False,
          line_end: str = "\n") -> bytes:  # fmt: skip
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator=line_end,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)  # fmt: skip
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode()


def years(data: bytes, name: str = "f.csv", **kw) -> list[int]:
    return load_overlay(data, name, **kw).events["year"].tolist()


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("dates", "iso", "year"),
    [
        (["2023-02-16", "2023-03-01"], ["2023-02-16", "2023-03-01"], [2023, 2023]),
        (["2019-01-05T00:00:00Z", "2019-02-07T13:45:00+05:00"], ["2019-01-05", "2019-02-07"],
         [2019, 2019]),
        (["1990-10-04 00:00:00.000", "1991-01-02 00:00:00.000"], ["1990-10-04", "1991-01-02"],
         [1990, 1991]),
        (["16 May 2025", "01-January-2015", "5-Aug-24"], ["2025-05-16", "2015-01-01",
         "2024-08-05"], [2025, 2015, 2024]),
        (["31-12-19", "24/12/1997", "26/10/25"], ["2019-12-31", "1997-12-24", "2025-10-26"],
         [2019, 1997, 2025]),
        (["20180530", "20180601"], ["2018-05-30", "2018-06-01"], [2018, 2018]),
        (["March 12, 2011", "Sept 1, 2012"], ["2011-03-12", "2012-09-01"], [2011, 2012]),
    ],
    ids=["iso", "iso-time-zone", "iso-time-millis", "month-names", "day-first", "yyyymmdd",
         "month-name-first"],
)  # fmt: skip
def test_each_date_shape_reads_to_its_day(
    dates: list[str], iso: list[str], year: list[int]
) -> None:
    rows = [[*PLACES[i % 5], d] for i, d in enumerate(dates)]
    ov = load_overlay(table(["lat", "lon", "date"], rows), "dates.csv")
    assert ov.events["date"].tolist() == iso
    assert ov.events["year"].tolist() == year
    assert set(ov.events["date_precision"]) == {"day"}
    assert ov.rejected == []


def test_ucdp_month_first_dates_read_month_first_even_when_a_value_is_ambiguous() -> None:
    header = ["id", "year", "type_of_violence", "where_coordinates", "latitude", "longitude",
              "date_start", "date_end", "best"]  # fmt: skip
    rows = [[1, 1990, 1, "Peshawar", 34.0, 71.5, "03/27/1990 00:00:00", "", 3],
            [2, 1990, 3, "Quetta", 30.2, 67.0, "04/05/1990 00:00:00", "", 1]]  # fmt: skip
    ov = load_overlay(table(header, rows), "ged.csv")
    assert ov.events["date"].tolist() == ["1990-03-27", "1990-04-05"]
    assert ov.events["category"].tolist() == ["State-based conflict", "One-sided violence"]
    assert "UCDP GED" in " ".join(ov.notes)


def test_an_ambiguous_column_says_how_it_was_read_and_reads_the_other_way_on_request() -> None:
    rows = [[*PLACES[0], "03/04/2011"], [*PLACES[1], "05/06/2012"]]
    data = table(["lat", "lon", "date"], rows)
    ov = load_overlay(data, "osint.csv")
    assert ov.events["date"].tolist() == ["2011-04-03", "2012-06-05"]
    assert ov.date_reading.ambiguous and ov.date_reading.order == "dmy"
    assert "read day-first ('03/04/2011' is 3 April 2011, not 4 March 2011)" in " ".join(ov.notes)
    other = load_overlay(data, "osint.csv", date_order=ov.date_reading.other_order)
    assert other.events["date"].tolist() == ["2011-03-04", "2012-05-06"]


def test_a_column_with_one_day_over_12_is_not_ambiguous() -> None:
    rows = [[*PLACES[0], "03/04/2011"], [*PLACES[1], "26/10/2012"]]
    ov = load_overlay(table(["lat", "lon", "date"], rows), "osint.csv")
    assert ov.events["date"].tolist() == ["2011-04-03", "2012-10-26"]
    assert not ov.date_reading.ambiguous
    assert not any("fits both" in n for n in ov.notes)


def test_unreadable_dates_fall_back_on_the_year_column_and_say_so() -> None:
    header = ["event_id_cnty", "event_date", "year", "event_type", "location", "latitude",
              "longitude"]  # fmt: skip
    rows = [[f"PAK{i}", f"{i}th of Shawwal", 2020 + i, "Battles", "X", *PLACES[i]]
            for i in range(4)]  # fmt: skip
    ov = load_overlay(table(header, rows), "acled.csv")
    assert ov.events["year"].tolist() == [2020, 2021, 2022, 2023]
    assert set(ov.events["date_precision"]) == {"year"}
    assert ov.rejected == []
    note = " ".join(ov.notes)
    assert "None of the dates in 'event_date' could be read" in note
    assert "'0th of Shawwal'" in note and "'year' column" in note


def test_date_precision_is_kept_per_row() -> None:
    rows = [[*PLACES[0], "2011-03-12"], [*PLACES[1], "2011-05"], [*PLACES[2], "2013"],
            [*PLACES[3], "May 2014"]]  # fmt: skip
    ov = load_overlay(table(["lat", "lon", "date"], rows), "p.csv")
    assert ov.events["date_precision"].tolist() == ["day", "month", "year", "month"]
    assert ov.events["date"].tolist() == ["2011-03-12", "2011-05", "", "2014-05"]


# ---------------------------------------------------------------- headers and rows


def test_old_upper_case_acled_with_sorted_columns_and_an_index_column() -> None:
    header = ["", "ACTOR1", "ADMIN1", "EVENT_DATE", "EVENT_ID_CNTY", "EVENT_TYPE", "LATITUDE",
              "LOCATION", "LONGITUDE", "YEAR"]  # fmt: skip
    rows = [[i, "Militants", "KP", f"{i + 1}/01/2009", f"PAK{i}", "Battles", lat, "Bannu", lon,
             2009] for i, (lat, lon) in enumerate(PLACES)]  # fmt: skip
    ov = load_overlay(table(header, rows), "acled_2009.csv")
    assert len(ov.events) == 5 and set(ov.events["year"]) == {2009}
    assert ov.events["label"].iloc[0] == "Bannu"
    assert ov.source_format == "ACLED (older upper-case columns)"


def test_trailing_comma_on_every_row_is_tolerated_and_named() -> None:
    text = "id,year,latitude,longitude,date_start,type_of_violence\n" + "".join(
        f"{i},2005,{lat},{lon},2005-0{i + 1}-01,1,\n" for i, (lat, lon) in enumerate(PLACES)
    )
    ov = load_overlay(text.encode(), "ged_extract.csv")
    assert len(ov.events) == 5 and ov.rejected == []
    assert "trailing delimiter on 5 rows" in " ".join(ov.notes)


def test_hxl_hashtag_row_is_skipped_and_named() -> None:
    header = ["event_date", "latitude", "longitude", "location"]
    tags = ["#date", "#geo+lat", "#geo+lon", "#loc+name"]
    rows = [tags, *[[f"2014-06-0{i + 1}", lat, lon, "P"] for i, (lat, lon) in
                    enumerate(PLACES)]]  # fmt: skip
    ov = load_overlay(table(header, rows), "hdx.csv")
    assert len(ov.events) == 5 and ov.rejected == []
    assert "HXL hashtag row under the header (#date, #geo+lat, #geo+lon, #loc+name)" in " ".join(
        ov.notes
    )


def test_hxl_tags_map_columns_whose_names_are_not_recognised() -> None:
    rows = [["#date", "#geo+lat", "#geo+lon"], ["2014-06-01", 33.6, 73.0]]
    ov = load_overlay(table(["Datum", "Breite", "Länge"], rows), "hdx_de.csv")
    assert ov.events[["lat", "lon", "year"]].values.tolist() == [[33.6, 73.0, 2014]]


def test_preamble_and_blank_line_before_the_header_are_skipped_and_named() -> None:
    body = table(["event_date", "year", "latitude", "longitude"],
                 [["5-Aug-24", 2024, lat, lon] for lat, lon in PLACES])  # fmt: skip
    ov = load_overlay(b"(Sample)\n\n" + body, "sample.csv")
    assert years(b"(Sample)\n\n" + body) == [2024] * 5
    assert "Skipped 2 lines before the header: '(Sample)' and 1 blank line." in ov.notes


def _gdelt_row(columns: list[str], i: int, lat: float, lon: float) -> list[str]:
    row = dict.fromkeys(columns, "")
    row |= {"GLOBALEVENTID": str(410_000_000 + i), "SQLDATE": f"2015061{i}", "MonthYear": "201506",
            "Year": "2015", "FractionDate": "2015.4", "EventRootCode": "19",
            "ActionGeo_FullName": "Peshawar, NW Frontier, Pakistan", "ActionGeo_Lat": str(lat),
            "ActionGeo_Long": str(lon), "DATEADDED": "20150611"}  # fmt: skip
    return [row[c] for c in columns]


@pytest.mark.parametrize("columns", [GDELT1_COLUMNS, GDELT1_COLUMNS[:57], GDELT2_COLUMNS],
                         ids=["gdelt1-58", "gdelt1-57", "gdelt2-61"])  # fmt: skip
def test_headerless_gdelt_is_read_by_its_fixed_column_order(columns: list[str]) -> None:
    rows = [_gdelt_row(columns, i, lat, lon) for i, (lat, lon) in enumerate(PLACES)]
    ov = load_overlay(table(None, rows, sep="\t"), "20150611.export.CSV")
    assert ov.events["year"].tolist() == [2015] * 5
    assert ov.events["date"].iloc[0] == "2015-06-10"
    assert ov.events["category"].iloc[0] == "Fight"
    assert f"GDELT {'2.0' if len(columns) == 61 else '1.0'} event file" in " ".join(ov.notes)


def test_gdelt_with_a_header_is_recognised() -> None:
    rows = [_gdelt_row(GDELT2_COLUMNS, i, lat, lon) for i, (lat, lon) in enumerate(PLACES)]
    ov = load_overlay(table(GDELT2_COLUMNS, rows), "bq.csv")
    assert len(ov.events) == 5 and ov.source_format == "GDELT 2.0 events"


def test_other_headerless_files_ask_for_a_mapping_with_samples_and_load_with_it() -> None:
    rows = [[f"PAK{i}", f"{i + 1} March 2011", "Battles", lat, lon]
            for i, (lat, lon) in enumerate(PLACES)]  # fmt: skip
    data = table(None, rows)
    with pytest.raises(OverlayError, match="no header row") as info:
        load_overlay(data, "extract.csv")
    err = info.value
    assert err.columns == ["column 1", "column 2", "column 3", "column 4", "column 5"]
    assert err.samples["column 4"] == ["33.6", "34.01", "31.55"]
    guess = err.suggested
    assert (guess.lat, guess.lon, guess.date) == ("column 4", "column 5", "column 2")
    ov = load_overlay(data, "extract.csv", mapping=guess)
    assert ov.events["year"].tolist() == [2011] * 5
    assert ov.events["column 1"].tolist() == [f"PAK{i}" for i in range(5)]


def test_na_null_and_every_value_quoted() -> None:
    rows = [["2012-01-01", "NA", "33.6", "73.0"], ["NULL", "2013", "34.0", "71.5"],
            ["", "2014", "NA", "71.5"], ["2015-02-02", "", "31.5", "NULL"]]  # fmt: skip
    ov = load_overlay(table(["date", "year", "lat", "lon"], rows, quote_all=True), "na.csv")
    assert ov.events["year"].tolist() == [2012, 2013]
    assert [r.reason for r in ov.rejected] == ["missing latitude", "missing longitude"]


def test_quoted_notes_with_line_breaks_in_a_crlf_file() -> None:
    rows = [["2012-01-01", 33.6, 73.0, "line one\r\nline two"], ["2012-01-02", 34.0, 71.5, "x"]]
    data = table(["date", "lat", "lon", "notes"], rows, line_end="\r\n")
    ov = load_overlay(data, "crlf.csv")
    assert len(ov.events) == 2
    assert ov.events["notes"].iloc[0] == "line one\r\nline two"


def test_one_event_on_several_rows_loads_once_with_its_actors() -> None:
    header = ["event_id_cnty", "event_date", "year", "event_type", "actor1", "actor2",
              "location", "latitude", "longitude"]  # fmt: skip
    rows = [
        ["PAK1", "2021-05-01", 2021, "Battles", "TTP", "", "Bannu", 33.0, 70.6],
        ["PAK1", "2021-05-01", 2021, "Battles", "Police", "", "Bannu", 33.0, 70.6],
        ["PAK2", "2021-05-02", 2021, "Riots", "Rioters", "Police", "Lahore", 31.5, 74.3],
        ["PAK1", "2021-05-01", 2021, "Battles", "Civilians", "TTP", "Bannu", 33.0, 70.6],
    ]
    ov = load_overlay(table(header, rows), "monadic.csv")  # fmt: skip
    assert ov.events["event_id_cnty"].tolist() == ["PAK1", "PAK2"]
    assert ov.events["actor1"].tolist() == ["TTP; Police; Civilians", "Rioters"]
    assert ov.events["actor2"].tolist() == ["TTP", "Police"]
    assert "Merged 3 rows that repeat an event id (event_id_cnty) into 1 events" in " ".join(
        ov.notes
    )


# ---------------------------------------------------------------- coordinates


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        ("latitude", "longitude"),
        ("LATITUDE", "LONGITUDE"),
        ("lat", "lon"),
        ("ActionGeo_Lat", "ActionGeo_Long"),
    ],
)
def test_coordinate_column_spellings(lat: str, lon: str) -> None:  # fmt: skip
    rows = [[2010, a, b] for a, b in PLACES]
    assert years(table(["year", lat, lon], rows)) == [2010] * 5


def test_ucdp_wkt_geometry_column_gives_the_coordinates() -> None:
    rows = [[7, 2001, f"2001-01-0{i + 1}", f"POINT ({lon} {lat})"]
            for i, (lat, lon) in enumerate(PLACES)]  # fmt: skip
    ov = load_overlay(table(["id", "year", "date_start", "geom_wkt"], rows), "ged_wkt.csv")
    assert ov.events[["lat", "lon"]].values.tolist() == [list(p) for p in PLACES]


def test_admin_names_without_coordinates_are_refused_saying_exactly_that() -> None:
    rows = [["2019-03-01", "Khyber Pakhtunkhwa", "Peshawar", "Protests"]] * 3
    data = table(["event_date", "admin1", "location", "event_type"], rows)
    with pytest.raises(OverlayError) as info:
        load_overlay(data, "names.csv")
    message = str(info.value)
    assert "place names (admin1, location) but no coordinates at all" in message
    assert "geocoding" in message and "network service, which the Atlas does not use" in message


# ---------------------------------------------------------------- encodings and delimiters


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_encoding_and_delimiter_are_sniffed(encoding: str, sep: str) -> None:
    rows = [["2012-01-01", 33.6, 73.0, "Peshāwar café" if encoding != "cp1252" else "café"]]
    data = table(["date", "lat", "lon", "name"], rows, sep=sep).decode().encode(encoding)
    ov = load_overlay(data, "enc.csv")
    assert ov.events["name"].iloc[0].endswith("café")
    assert ("Windows-1252" in " ".join(ov.notes)) == (encoding == "cp1252")


# ---------------------------------------------------------------- GeoJSON


def feature(geometry: dict | None, **props: object) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def pt(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


@pytest.mark.parametrize("key", ["date", "event_date"])
def test_geojson_date_properties_are_recognised(key: str) -> None:
    doc = {
        "type": "FeatureCollection",
        "features": [feature(pt(lon, lat), **{key: "2016-04-01"}) for lat, lon in PLACES],
    }
    assert years(json.dumps(doc).encode(), "s.geojson") == [2016] * 5  # fmt: skip


def test_geojson_as_of_is_offered_in_the_mapping_step_and_loads_with_it() -> None:
    doc = {"type": "FeatureCollection",
           "features": [feature(pt(lon, lat), as_of="2022-09-30", name="front")
                        for lat, lon in PLACES]}  # fmt: skip
    data = json.dumps(doc).encode()
    with pytest.raises(OverlayError) as info:
        load_overlay(data, "situation.geojson")
    assert "as_of" in info.value.columns
    assert info.value.suggested.date == "as_of"
    assert years(data, "situation.geojson", mapping=info.value.suggested) == [2022] * 5


def test_geojson_collection_level_date_is_offered_and_applies_to_every_feature() -> None:
    doc = {"type": "FeatureCollection", "as_of": "2023-02-16",
           "features": [feature(pt(lon, lat), name="x") for lat, lon in PLACES]}  # fmt: skip
    data = json.dumps(doc).encode()
    with pytest.raises(OverlayError) as info:
        load_overlay(data, "layer.geojson")
    assert "as_of (whole collection)" in info.value.columns
    ov = load_overlay(data, "layer.geojson", mapping=info.value.suggested)
    assert ov.events["date"].tolist() == ["2023-02-16"] * 5


def test_polygons_and_lines_show_at_a_point_labelled_as_such_and_null_geometry_is_rejected() -> (
    None
):
    square = {
        "type": "Polygon",
        "coordinates": [[[71, 34], [72, 34], [72, 35], [71, 35], [71, 34]]],
    }
    line = {"type": "LineString", "coordinates": [[66.0, 30.0], [67.0, 31.0]]}
    doc = {"type": "FeatureCollection", "features": [
        feature(pt(73.0, 33.6), year=2022), feature(square, year=2022),
        feature(line, year=2022), feature(None, year=2022)]}  # fmt: skip
    ov = load_overlay(json.dumps(doc).encode(), "areas.geojson")
    assert len(ov.events) == 3
    assert [(r.row, r.reason) for r in ov.rejected] == [(4, "null geometry")]
    shown = ov.events["shown at"].tolist()
    assert shown == ["its point", "Polygon, shown at a point inside it",
                     "LineString, shown at its middle point"]  # fmt: skip
    assert 71 < ov.events["lon"].iloc[1] < 72 and 34 < ov.events["lat"].iloc[1] < 35
    assert ov.events[["lat", "lon"]].iloc[2].tolist() == [30.5, 66.5]
    assert "1 Polygon and 1 LineString shown at a single point each" in " ".join(ov.notes)


def test_mojibake_stays_plain_text() -> None:
    doc = {
        "type": "FeatureCollection",
        "features": [feature(pt(73.0, 33.6), date="2024-08-06", name="Â«RylskÂ» <b>")],
    }
    ov = load_overlay(json.dumps(doc).encode(), "m.geojson")  # fmt: skip
    assert ov.events["name"].tolist() == ["Â«RylskÂ» <b>"]
