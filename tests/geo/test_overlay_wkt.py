"""Rows placed by a WKT geometry column: points, shapes at a point, refusals with reasons."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

import geo.overlay.wkt as wkt
from geo.overlay import ColumnMapping, OverlayError, load_overlay

SQUARE = "POLYGON ((70 30, 72 30, 72 32, 70 32, 70 30))"
BY_HAND = ColumnMapping(wkt="shape", date="when", label="place")


def table(header: list[str] | None, rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_wkt_column_mapped_by_hand_places_each_point() -> None:
    rows = [["Peshawar", "2011-03-12", "POINT (71.5 34.0)"],
            ["Quetta", "2012-07-04", "point z (66.99 30.18 1600)"]]  # fmt: skip
    ov = load_overlay(table(["place", "when", "shape"], rows), "ucdp.csv", mapping=BY_HAND)
    assert ov.events[["lat", "lon"]].values.tolist() == [[34.0, 71.5], [30.18, 66.99]]
    assert ov.events["label"].tolist() == ["Peshawar", "Quetta"]
    assert "shape" not in ov.events  # the coordinates are the map's, not a record field
    assert ov.rejected == []


def test_shapes_are_shown_at_a_point_and_say_so() -> None:
    rows = [["a", "2011-01-01", "POINT (71.5 34)"], ["b", "2011-01-02", SQUARE],
            ["c", "2011-01-03", "LINESTRING (70 30, 72 30)"]]  # fmt: skip
    ov = load_overlay(table(["place", "when", "shape"], rows), "areas.csv", mapping=BY_HAND)
    assert ov.events["shown at"].tolist() == ["its point", "Polygon, shown at a point inside it",
                                              "LineString, shown at its middle point"]  # fmt: skip
    inside = ov.events.iloc[1]
    assert 70 < inside["lon"] < 72 and 30 < inside["lat"] < 32
    assert ov.events.iloc[2][["lon", "lat"]].tolist() == [71.0, 30.0]
    assert "1 Polygon and 1 LineString shown at a single point each" in " ".join(ov.notes)


def test_unusable_wkt_rows_are_rejected_with_their_reasons() -> None:
    rows = [["ok", "2011-01-01", "POINT (71.5 34)"], ["typo", "2011-01-01", "PIONT (71.5 34)"],
            ["empty", "2011-01-01", "POINT EMPTY"], ["blank", "2011-01-01", ""],
            ["mercator", "2011-01-01", "SRID=3857;POINT (7959000 4028000)"],
            ["wgs84", "2011-01-01", "SRID=4326;POINT (66.99 30.18)"],
            ["far", "2011-01-01", "POINT (34 171.5)"]]  # fmt: skip
    ov = load_overlay(table(["place", "when", "shape"], rows), "mixed.csv", mapping=BY_HAND)
    assert ov.events["label"].tolist() == ["ok", "wgs84"]
    assert [(r.row, r.reason) for r in ov.rejected] == [
        (2, "invalid WKT geometry: 'PIONT (71.5 34)'"),
        (3, "empty Point geometry"),
        (4, "missing WKT geometry"),
        (5, "WKT in SRID 3857, not WGS 84 longitude/latitude (SRID 4326)"),
        (7, "latitude out of range (lat/lon swapped?): 171.5"),
    ]


def test_a_wkt_shape_over_the_vertex_limit_is_rejected_not_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wkt, "MAX_VERTICES_PER_FEATURE", 3)
    rows = [["big", "2011-01-01", SQUARE], ["small", "2011-01-01", "POINT (71.5 34)"]]
    ov = load_overlay(table(["place", "when", "shape"], rows), "big.csv", mapping=BY_HAND)
    assert ov.events["label"].tolist() == ["small"]
    assert ov.rejected[0].reason == "WKT geometry with more than 3 vertices (limit)"


def test_a_wkt_file_whose_every_row_fails_offers_the_mapping_step_with_its_wkt_column() -> None:
    rows = [["x", "sometime", "POINT (71.5 34)"], ["y", "later", "POINT (66.9 30.1)"]]
    with pytest.raises(OverlayError) as info:
        load_overlay(table(["id", "date", "geom_wkt"], rows), "ged.csv")
    assert info.value.suggested.wkt == "geom_wkt"  # the mapping step keeps the WKT column
    assert "unreadable date" in str(info.value)


def test_a_headerless_wkt_file_is_guessed_to_be_placed_by_its_wkt() -> None:
    rows = [[f"E{i}", f"2011-03-0{i + 1}", f"POINT (7{i}.5 3{i}.0)"] for i in range(4)]
    with pytest.raises(OverlayError, match="no header row") as info:
        load_overlay(table(None, rows), "extract.csv")
    guess = info.value.suggested
    assert (guess.wkt, guess.lat, guess.lon, guess.date) == ("column 3", None, None, "column 2")
    ov = load_overlay(table(None, rows), "extract.csv", mapping=guess)
    assert ov.events["lon"].tolist() == [70.5, 71.5, 72.5, 73.5]


def test_a_geopandas_csv_is_placed_by_its_geometry_column() -> None:
    rows = [["Bannu", 2011, "POINT (70.6 33.0)"], ["Lahore", 2012, "POINT (74.34 31.55)"]]
    ov = load_overlay(table(["name", "year", "geometry"], rows), "gdf.csv")
    assert ov.events[["lat", "lon", "year"]].values.tolist() == [[33.0, 70.6, 2011],
                                                                 [31.55, 74.34, 2012]]  # fmt: skip


def test_a_workbook_with_a_wkt_column_mapped_by_hand_loads() -> None:
    wb = openpyxl.Workbook()
    for row in (["place", "when", "shape"], ["Bannu", dt.date(2011, 3, 12), "POINT (70.6 33)"],
                ["Area", dt.date(2012, 1, 2), SQUARE]):  # fmt: skip
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    ov = load_overlay(buf.getvalue(), "ucdp.xlsx", mapping=BY_HAND)
    assert ov.events["date"].tolist() == ["2011-03-12", "2012-01-02"]
    assert ov.events["shown at"].tolist() == ["its point", "Polygon, shown at a point inside it"]


def test_dates_in_other_scripts_digits_are_rejected_rows_not_a_crash() -> None:
    rows = [[33.5, 70.1, "٢٠١١-٠١-٠١"], [33.5, 70.1, "2011-01-02"]]
    ov = load_overlay(table(["lat", "lon", "date"], rows), "arabic.csv")
    assert ov.events["date"].tolist() == ["2011-01-02"]
    assert ov.rejected[0].reason == "unreadable date: '٢٠١١-٠١-٠١'"
