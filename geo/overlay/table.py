"""Turn rows of text cells (CSV or a sheet) into a table: header, preamble, HXL, mapping."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pandas as pd

from geo.overlay import formats
from geo.overlay.model import (
    MAX_COLUMNS,
    MAX_FEATURES,
    PROGRESS_EVERY,
    SAMPLES,
    ColumnMapping,
    OverlayError,
    Progress,
    Source,
)
from geo.overlay.roles import shown_fields, with_roles
from geo.overlay.wkt import place_by_wkt

DELIMITERS = ",;\t|"
SKIP = "empty row"  # blank lines are skipped silently, not reported as rejections
_DATA_CELL = re.compile(r"^[+-]?\d+\.\d+$|^\d{8}$|^\d{4}-\d{2}-\d{2}")
_NUMERIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def sniff_delimiter(text: str) -> str:
    """The delimiter with the steadiest non-zero count over the first lines."""
    lines = [ln for ln in text[:200_000].splitlines()[:40] if ln.strip()]
    best, score = ",", (0, 0)
    for sep in DELIMITERS:
        counts = [ln.count(sep) for ln in lines]
        modal, n = Counter(counts).most_common(1)[0] if counts else (0, 0)
        if modal and (n, modal) > score:
            best, score = sep, (n, modal)
    return best


def csv_rows(text: str, file: str, progress: Progress | None) -> tuple[list[list[str]], str]:
    """All rows of a CSV text, with its sniffed delimiter."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    estimate = max(text.count("\n"), 1)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_FEATURES + 25:
                raise OverlayError(f"more than {MAX_FEATURES:,} rows (limit)", file=file)
            if progress and len(rows) % PROGRESS_EVERY == 0:
                progress(len(rows), max(estimate, len(rows)))
    except csv.Error as exc:
        raise OverlayError(
            f"the CSV cannot be read at line {reader.line_num}: {exc} (unterminated quote?)",
            file=file,
        ) from None
    return rows, delimiter


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def _unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, raw in enumerate(names):
        name = raw.strip() or f"column {i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _looks_like_data(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    numeric = sum(1 for c in cells if _NUMERIC.match(c))
    return any(_DATA_CELL.match(c) for c in cells) or numeric * 2 >= len(cells) > 0


def _skip_preamble(rows: list[list[str]], notes: list[str]) -> int:
    head = [r for r in rows[:200] if _filled(r)]
    if not head:
        return 0
    modal = Counter(len(r) for r in head).most_common(1)[0][0]
    i, text, blank = 0, [], 0
    while i < min(20, len(rows) - 1) and (
        not _filled(rows[i]) or (modal >= 3 and len(rows[i]) * 2 < modal)
    ):
        if _filled(rows[i]):
            text.append(repr(" ".join(c for c in rows[i] if c.strip())[:60]))
        else:
            blank += 1
        i += 1
    if text:
        extra = f" and {blank} blank line{'s' * (blank != 1)}" if blank else ""
        notes.append(f"Skipped {len(text) + blank} lines before the header: "
                     f"{', '.join(text)}{extra}.")  # fmt: skip
    return i


def samples_of(columns: list[str], rows: list[list[str]]) -> dict[str, list[str]]:
    """Up to ``SAMPLES`` non-empty values of each column, from the first rows."""
    out: dict[str, list[str]] = {c: [] for c in columns}
    for row in rows[:200]:
        for col, value in zip(columns, row, strict=False):
            if value.strip() and len(out[col]) < SAMPLES:
                out[col].append(value.strip()[:40])
    return out


def _header(
    rows: list[list[str]], start: int, file: str, notes: list[str]
) -> tuple[list[str], list[str] | None, int, bool]:
    """Return (columns, HXL tags, first data row, headerless)."""
    first = rows[start]
    width = Counter(len(r) for r in rows[start : start + 200] if _filled(r)).most_common(1)[0][0]
    if _looks_like_data(first):
        names = formats.GDELT_BY_WIDTH.get(width)
        if (
            names
            and re.fullmatch(r"\d{8}", first[1].strip())
            and re.fullmatch(r"\d{4}", first[3].strip())
        ):
            version = "2.0" if width == 61 else "1.0"
            notes.append(f"No header: read as a GDELT {version} event file by its documented "
                         f"column order ({width} columns).")  # fmt: skip
            return list(names), None, start, False
        return [f"column {i + 1}" for i in range(width)], None, start, True
    if len(first) > MAX_COLUMNS:
        raise OverlayError(f"{len(first):,} columns, over the limit of {MAX_COLUMNS:,}", file=file)
    header = list(first)
    body_width = Counter(len(r) for r in rows[start + 1 : start + 201] if _filled(r))
    if header and not header[-1].strip() and body_width and max(body_width) == len(header) - 1:
        header = header[:-1]  # a trailing delimiter on the header line only
    columns, tags, data = _unique(header), None, start + 1
    nxt = rows[data] if data < len(rows) else []
    filled = [c.strip() for c in nxt if c.strip()]
    if filled and all(c.startswith("#") for c in filled):
        tags, data = list(nxt), data + 1
        shown = ", ".join(filled[:4]) + (", …" if len(filled) > 4 else "")
        notes.append(f"Skipped the HXL hashtag row under the header ({shown}).")
    return columns, tags, data, False


def _no_mapping(what: str, columns: list[str], samples: dict, file: str, **kw) -> OverlayError:
    shown = ", ".join(repr(c) for c in columns[:40]) or "none"
    return OverlayError(f"{what}; columns are: {shown}", file=file, columns=columns,
                        samples=samples, **kw)  # fmt: skip


def _refuse_names_only(columns: list[str], samples: dict, file: str) -> None:
    admin = [c for c in columns if c.strip().lower() in formats.ADMIN_COLUMNS]
    numbers = [
        c
        for c in columns
        if samples.get(c) and all(_NUMERIC.match(v) and "." in v for v in samples[c])
    ]
    if admin and not numbers:  # fmt: skip
        raise OverlayError(
            f"the file has place names ({', '.join(admin[:4])}) but no coordinates at all. "
            "The Atlas places events by latitude and longitude only: turning names into "
            "coordinates (geocoding) needs a network service, which the Atlas does not use. "
            "Add latitude and longitude columns and upload it again",
            file=file, columns=columns, samples=samples,
        )  # fmt: skip


def layout_of(
    rows: list[list[str]], file: str, notes: list[str]
) -> tuple[list[str], list[str] | None, int, bool]:
    """Skip the preamble and read the header: (columns, HXL tags, first data row, headerless)."""
    if not any(_filled(r) for r in rows):
        raise OverlayError("the file has no events (no features or data rows)", file=file)
    return _header(rows, _skip_preamble(rows, notes), file, notes)


def roles_of(
    columns: list[str],
    tags: list[str] | None,
    headerless: bool,
    samples: dict[str, list[str]],
    file: str,
    mapping: ColumnMapping | None,
    notes: list[str],
) -> tuple[ColumnMapping, formats.Layout | None]:
    """The column mapping (given, recognised, or refused with the mapping step's data)."""
    width = len(columns)
    if headerless and mapping is None:
        raise OverlayError(
            f"the file has no header row ({width} columns): say which column holds what; "
            "sample values are shown beside each", file=file, columns=columns, samples=samples,
            suggested=formats.guess_mapping(columns, samples),
        )  # fmt: skip
    layout = formats.recognise(columns)
    mapping = mapping or formats.detect_mapping(columns, tags)
    if mapping is None:
        _refuse_names_only(columns, samples, file)
        guess = formats.guess_mapping(columns, samples)
        raise _no_mapping("no latitude/longitude and date/year columns recognised", columns,
                          samples, file, suggested=guess)  # fmt: skip
    check_mapping(mapping, columns, samples, file)
    if layout:
        notes.append(f"Recognised the file as {layout.name}.")
    return mapping, layout


def make_source(
    table: pd.DataFrame,
    pre: dict[int, str],
    columns: list[str],
    samples: dict[str, list[str]],
    mapping: ColumnMapping,
    layout: formats.Layout | None,
    notes: list[str],
) -> Source:
    """A :class:`Source` for a table with header ``columns`` (it may hold only needed ones)."""
    fields, note = shown_fields(columns, mapping, csv_layout=True), None
    roles = with_roles(table, mapping)
    if mapping.wkt and not (mapping.lat and mapping.lon):
        roles, pre, fields, note = place_by_wkt(roles, mapping.wkt, pre, fields, notes)
    return Source(
        table=roles, pre=pre, mapping=mapping, columns=columns, samples=samples,
        notes=notes, fields=fields, geometry_note=note,
        layout_name=layout.name if layout else None, prefer=layout.prefer if layout else "dmy",
        categories=layout.categories if layout else {},
        id_column=formats.pick(columns, formats.ID_COLUMNS),
        actor_columns=[c for c in columns if c.strip().lower() in formats.ACTOR_COLUMNS],
    )  # fmt: skip


def source_from_rows(
    rows: list[list[str]], file: str, mapping: ColumnMapping | None, notes: list[str]
) -> Source:
    """Find the header (skipping preamble and HXL rows) and the column roles of CSV rows.

    A row whose field count differs from the header's is rejected as ragged (a trailing
    delimiter on every row is ignored). Sheets go through ``geo.overlay.sheet``.
    """
    columns, tags, data, headerless = layout_of(rows, file, notes)
    body = rows[data:]
    if len(body) > MAX_FEATURES:
        raise OverlayError(f"more than {MAX_FEATURES:,} rows (limit)", file=file)
    width = len(columns)
    trailing = sum(1 for r in body if len(r) == width + 1 and not r[-1].strip())
    if trailing:
        body = [r[:-1] if len(r) == width + 1 and not r[-1].strip() else r for r in body]
        notes.append(f"Ignored the empty field after a trailing delimiter on {trailing:,} "
                     f"row{'s' * (trailing != 1)}.")  # fmt: skip
    samples = samples_of(columns, body)
    mapping, layout = roles_of(columns, tags, headerless, samples, file, mapping, notes)
    pre = {}
    for i, r in enumerate(body):
        if not "".join(r).strip():
            pre[i] = SKIP
        elif len(r) != width:
            pre[i] = f"ragged row: {len(r)} fields, header has {width}"
    blank = [""] * width
    table = pd.DataFrame([r if len(r) == width else blank for r in body] or None,
                         columns=columns, dtype=object)  # fmt: skip
    return make_source(table, pre, columns, samples, mapping, layout, notes)


def check_mapping(mapping: ColumnMapping, columns: list[str], samples: dict, file: str) -> None:
    """Raise for a mapping that names unknown columns or lacks coordinates or time."""
    roles = (mapping.lat, mapping.lon, mapping.date, mapping.year, mapping.label,
             mapping.category, mapping.wkt)  # fmt: skip
    missing = [c for c in roles if c and c not in columns]
    if missing:
        raise _no_mapping(f"the column mapping names unknown columns {missing}", columns,
                          samples, file)  # fmt: skip
    if not ((mapping.lat and mapping.lon) or mapping.wkt):
        raise _no_mapping("the column mapping has no latitude and longitude", columns,
                          samples, file)  # fmt: skip
    if not (mapping.date or mapping.year):
        raise _no_mapping("the column mapping has no date or year column", columns, samples, file)
