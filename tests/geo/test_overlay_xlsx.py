"""Excel .xlsx overlays: workbooks written in code, sheets, cached formula values, limits."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

import geo.overlay.source as source
from geo.overlay import OverlayError, load_overlay

HEADER = ["event_id_cnty", "event_date", "year", "event_type", "location", "latitude",
          "longitude"]  # fmt: skip
ROWS = [["PAK1", dt.datetime(2011, 3, 12), 2011, "Battles", "Bannu", 33.0, 70.6],
        ["PAK2", dt.date(2012, 7, 4), 2012, "Riots", "Lahore", 31.55, 74.34],
        ["PAK3", "5-Aug-24", 2024, "Protests", "Quetta", 30.18, 66.99]]  # fmt: skip


def workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def patch(data: bytes, old: bytes, new: bytes) -> bytes:
    """Rewrite one part of a workbook (to store a formula's cached value, as Excel does)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(old, new))
    return out.getvalue()


def test_a_workbook_loads_with_typed_cells_as_values() -> None:
    ov = load_overlay(workbook({"events": [HEADER, *ROWS]}), "acled.xlsx")
    assert ov.events["year"].tolist() == [2011, 2012, 2024]
    assert ov.events["date"].tolist() == ["2011-03-12", "2012-07-04", "2024-08-05"]
    assert ov.events["lat"].tolist() == [33.0, 31.55, 30.18]
    assert ov.sheets == ["events"] and ov.sheet == "events"


def test_several_sheets_read_the_first_with_cells_and_offer_the_others() -> None:
    data = workbook({"empty": [], "events": [HEADER, *ROWS], "2020s": [HEADER, ROWS[2]]})
    ov = load_overlay(data, "book.xlsx")
    assert ov.sheets == ["empty", "events", "2020s"] and ov.sheet == "events"
    assert "Read sheet 'events' of 3 sheets." in ov.notes
    other = load_overlay(data, "book.xlsx", sheet="2020s")
    assert other.events["year"].tolist() == [2024]
    with pytest.raises(OverlayError, match="no sheet 'nope'") as info:
        load_overlay(data, "book.xlsx", sheet="nope")
    assert info.value.sheets == ["empty", "events", "2020s"]


def test_a_sheet_without_recognised_columns_offers_the_mapping_step_and_the_sheets() -> None:
    data = workbook(
        {
            "notes": [["a", "b"], ["x", "y"]],
            "other": [["Breite", "Laenge", "Jahr"], [33.6, 73.0, 2011]],
        }
    )
    with pytest.raises(OverlayError) as info:  # fmt: skip
        load_overlay(data, "book.xlsx", sheet="other")
    assert info.value.columns == ["Breite", "Laenge", "Jahr"]
    assert info.value.sheets == ["notes", "other"] and info.value.sheet == "other"


def test_formulas_are_read_as_their_cached_values_and_never_evaluated() -> None:
    rows = [["lat", "lon", "year", "name"], [33.6, 73.0, "=2000+11", '=HYPERLINK("x","y")'],
            [34.0, 71.5, "=2000+12", "plain"]]  # fmt: skip
    data = workbook({"s": rows})
    cached = patch(data, b"<f>2000+11</f><v></v>", b"<f>2000+11</f><v>2011</v>")
    ov = load_overlay(cached, "formulas.xlsx")
    assert ov.events["year"].tolist() == [2011]  # the value Excel stored
    assert ov.events["name"].tolist() == [""]  # no cached value: nothing is computed
    assert [r.reason for r in ov.rejected] == ["missing date and year"]


def test_preamble_rows_in_a_sheet_are_skipped() -> None:
    ov = load_overlay(workbook({"s": [["ACLED export (sample)"], [], HEADER, *ROWS]}), "p.xlsx")
    assert len(ov.events) == 3
    assert ov.notes[0].startswith("Skipped 2 lines before the header")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.csv", "lat,lon,year\n33,73,2011\n")
    with pytest.raises(OverlayError, match="zip archive, not an Excel workbook"):
        load_overlay(buf.getvalue(), "a.xlsx")


def test_the_row_limit_applies_to_sheets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_FEATURES", 5)
    rows = [HEADER, *([ROWS[0]] * 40)]
    with pytest.raises(OverlayError, match="more than 5"):
        load_overlay(workbook({"s": rows}), "big.xlsx")


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(OverlayError, match="unpacks to"):
        load_overlay(workbook({"s": [HEADER, *ROWS]}), "bomb.xlsx")


def test_a_damaged_workbook_is_a_clear_error() -> None:
    data = workbook({"s": [HEADER, *ROWS]})
    with pytest.raises(OverlayError, match="no sheets \\(damaged"):
        load_overlay(patch(data, b"<sheets>", b"<sheets><<"), "broken.xlsx")
    with pytest.raises(OverlayError, match="damaged"):
        load_overlay(data[: len(data) // 2], "cut.xlsx")


def test_a_sheet_whose_cells_span_a_huge_grid_is_refused_before_it_is_read() -> None:
    data = workbook({"s": [HEADER, *ROWS]})
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    with pytest.raises(OverlayError, match="1,048,576 rows, more than 200,000"):
        load_overlay(patch(data, b"</sheetData>", far), "sparse.xlsx")
    wide = b'<row r="9"><c r="ZZZ9" t="n"><v>1</v></c></row></sheetData>'
    with pytest.raises(OverlayError, match="cells in column 18,278, over the limit of 1,000"):
        load_overlay(patch(data, b"</sheetData>", wide), "wide.xlsx")
    sparse = b'<row r="150000"><c r="ALK150000" t="n"><v>1</v></c></row></sheetData>'
    with pytest.raises(OverlayError, match="150,000 rows × 999 columns, over the limit"):
        load_overlay(patch(data, b"</sheetData>", sparse), "grid.xlsx")
