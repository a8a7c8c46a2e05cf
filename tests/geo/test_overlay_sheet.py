"""Sheets read a column at a time give the same events as the same rows written as CSV."""

import csv
import datetime as dt
import io

import numpy as np
import openpyxl

from geo.overlay import load_overlay
from geo.overlay.sheet import column_text

HEADER = ["event_date", "year", "latitude", "longitude", "location", "fatalities"]
ROWS = [
    [dt.date(2011, 3, 1), 2011, 33.5, 70.1, "Bannu", 3],
    ["12/03/2011", "2011", "33,6", " 71 ", "Lahore", "x"],
    [dt.datetime(2012, 1, 2, 3, 4), 2012.0, 30.123456789012, 70.98765432109876, 1.5, True],
    [dt.date(2013, 2, 3), 2013, 31.0, 74.0, "Quetta", None],
]
AS_CSV = [
    ["2011-03-01", "2011", "33.5", "70.1", "Bannu", "3"],
    ["12/03/2011", "2011", "33,6", " 71 ", "Lahore", "x"],
    ["2012-01-02T03:04:00", "2012", "30.123456789012", "70.98765432109876", "1.5", "TRUE"],
    ["2013-02-03", "2013", "31.0", "74.0", "Quetta", ""],
]


def workbook(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_typed_cells_load_as_the_same_text_rows_would() -> None:
    sheet = load_overlay(workbook([HEADER, *ROWS]), "typed.xlsx")
    text = load_overlay(as_csv([HEADER, *AS_CSV]), "typed.csv")
    assert sheet.events.to_dict("list") == text.events.to_dict("list")
    assert sheet.events["fatalities"].tolist() == ["3", "x", "TRUE", ""]  # not "3.0"
    assert sheet.events["lat"].tolist() == [33.5, 33.6, 30.123456789012, 31.0]


def test_empty_rows_are_skipped_and_a_value_past_the_header_is_a_ragged_row() -> None:
    rows = [HEADER, ROWS[0], [None] * 6, ["  ", " ", None, None, None, None],
            [*ROWS[3], None, "stray"]]  # fmt: skip
    ov = load_overlay(workbook(rows), "gaps.xlsx")
    assert ov.events["location"].tolist() == ["Bannu"]
    assert [(r.row, r.reason) for r in ov.rejected] == [(4, "ragged row: 8 fields, header has 6")]


def test_column_text_formats_numbers_in_bulk_as_a_cell_at_a_time_would() -> None:
    cells = np.array([2011.0, 33.6, -0.0, 1e20, "NA", dt.date(2011, 3, 12), 7], dtype=object)
    assert column_text(cells).tolist() == ["2011", "33.6", "0", "1e+20", "NA", "2011-03-12", "7"]
    floats = np.array([33.6, 70.0], dtype=object)
    assert column_text(floats, numeric=True).tolist() == [33.6, 70.0]
    assert column_text(floats).tolist() == ["33.6", "70"]
