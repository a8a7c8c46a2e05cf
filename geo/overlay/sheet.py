"""Turn a workbook sheet's cells into a table, a column at a time, without per-row Python."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo.overlay.model import MAX_FEATURES, ColumnMapping, OverlayError, Source
from geo.overlay.roles import shown_fields
from geo.overlay.table import SKIP, layout_of, make_source, roles_of, samples_of

HEAD = 250  # rows read cell by cell to find the preamble, header and samples (≥ 20 + 2 × 200)
TRIMMED = 25  # the first rows end at their last value, so a title line reads as short


def _float_text(value: float) -> str:
    if value.is_integer() and -1e15 < value < 1e15:
        return str(int(value))  # a year or a count, not "2011.0"
    return repr(value)


def _datetime_text(value: dt.datetime) -> str:
    return value.date().isoformat() if value.time() == dt.time() else value.isoformat()


_BY_TYPE = {
    float: _float_text, int: str, type(None): lambda _: "", dt.datetime: _datetime_text,
    dt.date: dt.date.isoformat, dt.time: dt.time.isoformat,
    bool: lambda v: "TRUE" if v else "FALSE",
}  # fmt: skip


def cell_text(value: object) -> str:
    """A cell's cached value as text: whole numbers without ``.0``, dates as ISO.

    Examples
    --------
    >>> [cell_text(v) for v in (2011.0, 33.6, dt.date(2011, 3, 12), None, True)]
    ['2011', '33.6', '2011-03-12', '', 'TRUE']
    """
    return _BY_TYPE.get(type(value), str)(value)


def _row_text(row: list) -> list[str]:
    get = _BY_TYPE.get
    return [v if v.__class__ is str else get(v.__class__, str)(v) for v in row]


def _number_text(nums: np.ndarray) -> np.ndarray:
    whole = np.isfinite(nums) & (nums == np.trunc(nums)) & (np.abs(nums) < 1e15)
    text = np.empty(len(nums), dtype=object)
    text[whole] = nums[whole].astype(np.int64).astype(str)
    text[~whole] = [repr(v) for v in nums[~whole].tolist()]
    return text


def column_text(values: np.ndarray, *, numeric: bool = False) -> np.ndarray:
    """One column's cells as text (object array), as :func:`cell_text` gives them.

    A column of text is returned as it is, numbers are formatted in bulk (whole ones as
    integers, the rest as Python's shortest round-trip ``repr``), other cells one by one.
    With ``numeric``, a column of numbers only is returned as floats (coordinates, which
    validation would otherwise parse back from the text).
    """
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
    if kinds == {float}:
        nums = values.astype(float)
        return nums if numeric else _number_text(nums)
    if kinds == {dt.date}:
        return np.array([v.isoformat() for v in values] or None, dtype=object)
    types = np.fromiter(map(type, values), dtype=object, count=len(values))
    is_str, is_float = np.equal(types, str), np.equal(types, float)
    out = values.copy()
    if is_float.any():
        out[is_float] = _number_text(values[is_float].astype(float))
    other = ~(is_str | is_float)
    if other.any():
        out[other] = [cell_text(v) for v in values[other]]
    return out


def _blank(values: np.ndarray) -> np.ndarray:
    """Cells that hold nothing but white space (numbers and dates never are blank)."""
    return np.fromiter(
        (v is None or (v.__class__ is str and not v.strip()) for v in values),
        dtype=bool,
        count=len(values),
    )


def _grid(cells: list[list]) -> np.ndarray:
    grid = np.array(cells, dtype=object)
    if grid.ndim == 2:
        return grid
    width = max(map(len, cells))  # calamine's rows are all as wide; pad if they ever are not
    return np.array([[*r, *[""] * (width - len(r))] for r in cells], dtype=object).reshape(
        len(cells), width
    )


def source_from_sheet(
    cells: list[list], file: str, mapping: ColumnMapping | None, notes: list[str]
) -> Source:
    """Find the header and the column roles of a sheet, as for CSV rows, then read by column.

    Only the first ``HEAD`` rows are turned into text cell by cell (preamble, header, HXL
    row and samples); the body is read a column at a time, and only the columns the overlay
    keeps. A row with a value to the right of the header's last column is rejected as
    ragged; an empty row is skipped.
    """
    head = [_row_text(r) for r in cells[:HEAD]]
    for row in head[:TRIMMED]:
        while row and row[-1] == "":
            row.pop()
    columns, tags, data, headerless = layout_of(head, file, notes)
    width = len(columns)
    samples = samples_of(columns, [r[:width] for r in head[data:]])
    mapping, layout = roles_of(columns, tags, headerless, samples, file, mapping, notes)
    body = _grid(cells[data:]) if len(cells) > data else np.empty((0, width), dtype=object)
    if len(body) > MAX_FEATURES:
        raise OverlayError(f"more than {MAX_FEATURES:,} rows (limit)", file=file)
    fields = shown_fields(columns, mapping, csv_layout=True)
    text_roles = {mapping.date, mapping.year, mapping.label, mapping.category, mapping.wkt,
                  *(col for col, _ in fields)}  # fmt: skip
    numeric = {mapping.lat, mapping.lon} - text_roles
    table = pd.DataFrame(
        {c: column_text(body[:, j], numeric=c in numeric) for j, c in enumerate(columns)
         if c in numeric | text_roles},
        index=pd.RangeIndex(len(body)), dtype=object,
    )  # fmt: skip
    pre = _rows_left_out(body, width)
    return make_source(table, pre, columns, samples, mapping, layout, notes)


def _rows_left_out(body: np.ndarray, width: int) -> dict[int, str]:
    """Empty rows (skipped) and ragged rows (values past the header's columns), 0-based."""
    empty = np.arange(len(body))
    if any(not {str, type(None)} & set(map(type, body[:, j])) for j in range(body.shape[1])):
        empty = empty[:0]  # a column without text (numbers, dates) has a value in every row
    for j in range(body.shape[1]):  # narrow down: after a filled column few rows are left
        if not len(empty):
            break
        empty = empty[_blank(body[empty, j])]
    pre = dict.fromkeys(empty.tolist(), SKIP)
    extra = np.zeros(len(body), dtype=bool)
    for j in range(width, body.shape[1]):
        extra |= ~_blank(body[:, j])
    for i in np.flatnonzero(extra).tolist():
        filled = np.flatnonzero(~_blank(body[i]))
        pre[i] = f"ragged row: {int(filled[-1]) + 1} fields, header has {width}"
    return dict(sorted(pre.items()))
