"""Read a whole date column at once: detect its formats, day/month order and precision."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.overlay.model import DateReading

NA_TOKENS = frozenset({"", "na", "n/a", "null", "none", "nan", "nat", "-", "--"})
_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
MONTHS = (
    {name: i + 1 for i, name in enumerate(_NAMES)}
    | {name[:3]: i + 1 for i, name in enumerate(_NAMES)}
    | {"sept": 9}
)
_ISO_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # ASCII digits only, in pyarrow and in re
PIVOT = 69  # two-digit years: 00–68 are 20xx, 69–99 are 19xx (the POSIX strptime rule)
_TIME = (
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?"
)
_YEAR = r"(\d{4}|\d{2})"
_MON = r"([A-Za-z]{3,9})\.?"
# (name, pattern, group roles, precision); tried in order on the values still unread
PATTERNS = (
    ("iso", rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$", "ymd", "day"),
    ("compact", r"^(\d{4})(\d{2})(\d{2})(?:\d{4}|\d{6})?$", "ymd", "day"),
    ("numeric", rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.]{_YEAR}{_TIME}$", "abY", "day"),
    ("day-month-name", rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]+{_MON},?[\s\-/.]+{_YEAR}{_TIME}$",
     "dNY", "day"),
    ("month-name-day", rf"^{_MON}[\s\-/.]+(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-/.]+{_YEAR}$",
     "NdY", "day"),
    ("iso-month", r"^(\d{4})-(\d{1,2})$", "ym", "month"),
    ("month-name-year", rf"^{_MON}[\s\-/.,]+(\d{{4}})$", "NY", "month"),
    ("year", r"^(\d{4})(?:\.0+)?$", "y", "year"),
)  # fmt: skip


@dataclass
class ParsedDates:
    """Per-row year, ISO text and precision (``""`` where unread), and how it was read."""

    year: pd.Series
    iso: pd.Series
    precision: pd.Series
    blank: pd.Series
    reading: DateReading | None


def _full_year(yy: pd.Series) -> pd.Series:
    return yy.where(yy >= 100, yy + np.where(yy < PIVOT, 2000, 1900))


def _order(a: pd.Series, b: pd.Series, order: str | None, prefer: str) -> tuple[str, bool]:
    """Pick day-first or month-first for the whole column; ``True`` when both fit."""
    if order in ("dmy", "mdy"):
        fits_other = bool(((a <= 12) & (b <= 12)).all())
        return order, fits_other and bool((a != b).any())
    dmy, mdy = bool((b <= 12).all()), bool((a <= 12).all())
    if dmy and mdy:
        return prefer, bool((a != b).any())
    if dmy or mdy:
        return ("dmy" if dmy else "mdy"), False
    return ("dmy" if (b <= 12).sum() >= (a <= 12).sum() else "mdy"), False


def _words(y: float, m: float, d: float) -> str:
    return f"{int(d)} {_NAMES[int(m) - 1].title()} {int(y)}" if 1 <= m <= 12 else "no date"


def parse_dates(
    raw: pd.Series, *, column: str = "date", order: str | None = None, prefer: str = "dmy"
) -> ParsedDates:
    """Read a date column, deciding the format for the whole column.

    Parameters
    ----------
    raw
        The column's values (any dtype; read as stripped text).
    column
        The column's name, for the reading report.
    order
        ``"dmy"`` or ``"mdy"`` forces the order of numeric dates like ``03/04/2011``.
    prefer
        The order used when every numeric value fits both (``"mdy"`` for UCDP GED).

    Returns
    -------
    ParsedDates
        Year (float, NaN where unread), ISO text (``YYYY-MM-DD``, ``YYYY-MM`` or ``""``),
        precision (``day``, ``month``, ``year`` or ``""``), which values were blank, and the
        numeric reading (``None`` when the column has no numeric day/month dates).

    Examples
    --------
    >>> p = parse_dates(pd.Series(["31-12-19", "5-Aug-24", "2013", "1990-10-04 00:00:00.000"]))
    >>> p.iso.tolist(), p.precision.tolist()
    (['2019-12-31', '2024-08-05', '', '1990-10-04'], ['day', 'day', 'year', 'day'])
    """
    text = raw.astype(str).str.strip()
    blank = text.str.lower().isin(NA_TOKENS)
    n = len(text)
    y, m, d = (np.full(n, np.nan) for _ in range(3))
    prec = np.full(n, "", dtype=object)
    todo = ~blank.to_numpy()
    reading = None
    _iso_days(text, todo, y, m, d, prec)
    for name, pattern, roles, precision in PATTERNS:
        if not todo.any():
            break
        sub = text[todo]
        ext = sub.str.extract(pattern, flags=re.ASCII)  # int() reads only ASCII digits
        hit = ext[0].notna().to_numpy()
        if not hit.any():
            continue
        ext = ext[hit]
        at = np.flatnonzero(todo)[hit]
        parts = {}
        for i, role in enumerate(roles):
            col = ext[i]
            if role == "N":
                parts["m"] = col.str.lower().map(MONTHS).astype(float).to_numpy()
            else:
                parts[role] = pd.to_numeric(col).astype(float).to_numpy()
        if name == "numeric":
            a, b = pd.Series(parts.pop("a")), pd.Series(parts.pop("b"))
            use, ambiguous = _order(a, b, order, prefer)
            parts["d"], parts["m"] = (a, b) if use == "dmy" else (b, a)
            parts["d"], parts["m"] = parts["d"].to_numpy(), parts["m"].to_numpy()
            reading = _reading(column, use, ambiguous, sub[hit], a, b, parts)
        if "Y" in parts:
            parts["y"] = _full_year(pd.Series(parts.pop("Y"))).to_numpy()
        y[at] = parts["y"]
        m[at] = parts.get("m", np.nan)
        d[at] = parts.get("d", np.nan)
        prec[at] = precision
        todo[at] = False
    return _checked(text.index, y, m, d, prec, blank, reading)


def _iso_days(text: pd.Series, todo: np.ndarray, y, m, d, prec) -> None:
    """Read plain ``YYYY-MM-DD`` values from their digits at once (the commonest form)."""
    hit = todo & text.str.fullmatch(_ISO_DAY).to_numpy(dtype=bool)
    if not hit.any():
        return
    digits = np.array(text[hit].tolist(), dtype="S10").view(np.uint8).reshape(-1, 10) - 48
    digits = digits.astype(np.int64)
    y[hit] = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    m[hit] = digits[:, 5] * 10 + digits[:, 6]
    d[hit] = digits[:, 8] * 10 + digits[:, 9]
    prec[hit] = "day"
    todo[hit] = False


def _reading(column, use, ambiguous, raw, a, b, parts) -> DateReading:
    differ = np.flatnonzero((a != b).to_numpy())
    if not len(differ):
        return DateReading(column, use, ambiguous)
    i = int(differ[0])
    yy = float(_full_year(pd.Series(parts["Y"][i : i + 1])).iloc[0])
    dd, mm = parts["d"][i], parts["m"][i]
    return DateReading(column, use, ambiguous, str(raw.iloc[i]), _words(yy, mm, dd),
                       _words(yy, dd, mm) if dd <= 12 else "no date")  # fmt: skip


def _checked(index, y, m, d, prec, blank, reading) -> ParsedDates:
    """Drop impossible dates (30 February, month 13) and build the ISO text."""
    is_day, is_month = prec == "day", prec == "month"
    ok = np.ones(len(y), dtype=bool)
    if is_day.any():
        when = pd.to_datetime(
            pd.DataFrame({"year": y[is_day], "month": m[is_day], "day": d[is_day]}),
            errors="coerce",
        )
        ok[is_day] = when.notna().to_numpy()
    ok[is_month] = (m[is_month] >= 1) & (m[is_month] <= 12)
    ok &= prec != ""
    y = np.where(ok, y, np.nan)
    prec = np.where(ok, prec, "")
    yi = np.nan_to_num(y).astype(np.int64)
    ys = pd.Series(yi, index=index).astype(str).str.zfill(4)
    ms = pd.Series(np.nan_to_num(m).astype(np.int64), index=index).astype(str).str.zfill(2)
    ds = pd.Series(np.nan_to_num(d).astype(np.int64), index=index).astype(str).str.zfill(2)
    iso = pd.Series("", index=index, dtype=object)
    day, month = prec == "day", prec == "month"
    iso[day] = (ys + "-" + ms + "-" + ds)[day]
    iso[month] = (ys + "-" + ms)[month]
    return ParsedDates(
        year=pd.Series(y, index=index, dtype=float),
        iso=iso,
        precision=pd.Series(prec, index=index, dtype=object),
        blank=pd.Series(blank.to_numpy(), index=index),
        reading=reading,
    )
