"""Bytes to rows: refuse binary formats, sniff the text encoding, read .xlsx sheets."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from geo.overlay.model import MAX_COLUMNS, MAX_FEATURES, MAX_XLSX_UNPACKED, OverlayError

MAX_XLSX_CELLS = 25_000_000  # a sheet's grid, rows × columns (a 50 MB CSV can reach as much)
# One scan for rows numbered past 9,999 and cells in columns past Z. A grid of more than
# MAX_XLSX_CELLS within MAX_COLUMNS columns needs at least 25,000 rows, so smaller rows
# need not be seen.
_DEEP_ROW = re.compile(rb'<row [^>]*?r="(\d{5,})"')  # two scans with a literal prefix
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,3})\d')  # are faster than one with an alternation

_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"SQLite format 3\x00", "an SQLite/GeoPackage database; export it as GeoJSON or CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook; save it as .xlsx or CSV (UTF-8)"),
    (b"%PDF", "a PDF document, not GeoJSON, CSV or .xlsx"),
    (b"\x00\x00\x27\x0a", "a shapefile; export it as GeoJSON"),
)


def is_zip(data: bytes) -> bool:
    """A zip archive (an .xlsx workbook is one)."""
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def decode(data: bytes, file: str) -> tuple[str, str | None]:
    """Text of an upload and a note when it was not UTF-8 (UTF-8 ± BOM, UTF-16, cp1252)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise OverlayError(f"the file is {what}", file=file)
    note = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise OverlayError(f"the UTF-16 text is damaged ({exc.reason})", file=file) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                bad = data[exc.start : exc.start + 1].hex()
                raise OverlayError(
                    f"the file is not UTF-8 or Windows-1252 text (byte 0x{bad} at position "
                    f"{exc.start}); save it as UTF-8",
                    file=file,
                ) from None
            note = "The file is not UTF-8: it was read as Windows-1252 (Western European)."
    if "\x00" in text:
        raise OverlayError(
            "the file contains NUL bytes (binary, or UTF-16 without a byte-order mark); "
            "save it as UTF-8",
            file=file,
        )
    return text.lstrip("\ufeff"), note


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_extent(zf: zipfile.ZipFile, file: str) -> None:
    """Refuse a sheet whose cell grid is too large before the reader allocates it.

    The reader fills the rectangle from the first cell to the last, so two cells far apart
    (A1 and XFD1048576) would cost gigabytes although the part is a few bytes.
    """
    for info in zf.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        rows = cols = 0
        tail = b""
        with zf.open(info) as part:
            while chunk := part.read(1 << 22):
                text = tail + chunk
                rows = max([rows, *map(int, _DEEP_ROW.findall(text))])
                cols = max([cols, *map(_column, set(_WIDE_CELL.findall(text)))])
                tail = text[-64:]
        if rows > MAX_FEATURES + 25:
            raise OverlayError(f"a sheet has {rows:,} rows, more than {MAX_FEATURES:,} (limit)",
                               file=file)  # fmt: skip
        if cols > MAX_COLUMNS:
            raise OverlayError(f"a sheet has cells in column {cols:,}, over the limit of "
                               f"{MAX_COLUMNS:,} columns", file=file)  # fmt: skip
        if rows * max(cols, 26) > MAX_XLSX_CELLS:
            raise OverlayError(f"a sheet spans {rows:,} rows × {max(cols, 26):,} columns, over "
                               f"the limit of {MAX_XLSX_CELLS:,} cells", file=file)  # fmt: skip


def xlsx_cells(data: bytes, file: str, sheet: str | None) -> tuple[list[list], list[str], str]:
    """Cells of one sheet (a rectangle of cached values), the sheet names and the sheet read.

    Values are the cached results Excel stored; formulas are never evaluated (a formula
    with no cached value reads as empty). Without ``sheet``, the first sheet with any
    cells is read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
            if "xl/workbook.xml" not in zf.namelist():
                raise OverlayError("the file is a zip archive, not an Excel workbook (.xlsx); "
                                   "upload GeoJSON, CSV or .xlsx", file=file)  # fmt: skip
            if unpacked > MAX_XLSX_UNPACKED:
                limit = MAX_XLSX_UNPACKED / 2**20
                raise OverlayError(f"the workbook unpacks to {unpacked / 2**20:,.0f} MB, over "
                                   f"the limit of {limit:,.0f} MB", file=file)  # fmt: skip
            _check_extent(zf, file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError):
        raise OverlayError("the zip archive is damaged", file=file) from None
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = list(book.sheet_names)
        if sheet is not None and sheet not in sheets:
            shown = ", ".join(map(repr, sheets))
            raise OverlayError(f"the workbook has no sheet {sheet!r}; its sheets are {shown}",
                               file=file, sheets=sheets)  # fmt: skip
        if not sheets:
            raise OverlayError("the workbook has no sheets (damaged?)", file=file)
        chosen = sheet
        cells: list = []
        for name in [sheet] if sheet else sheets:
            cells = book.get_sheet_by_name(name).to_python(skip_empty_area=True,
                                                          nrows=MAX_FEATURES + 26)  # fmt: skip
            chosen = name
            if cells:
                break
    except OverlayError:
        raise
    except Exception as exc:
        raise OverlayError(f"the workbook cannot be read ({str(exc)[:120]})", file=file) from None
    if len(cells) > MAX_FEATURES + 25:
        raise OverlayError(f"more than {MAX_FEATURES:,} rows (limit)", file=file, sheets=sheets)
    if cells and len(cells[0]) > MAX_COLUMNS:
        raise OverlayError(f"{len(cells[0]):,} columns, over the limit of {MAX_COLUMNS:,}",
                           file=file, sheets=sheets)  # fmt: skip
    return cells, sheets, str(chosen or "")
