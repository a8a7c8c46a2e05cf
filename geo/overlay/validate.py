"""Validate a read table row by row: coordinates, dates with precision, repeated events."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from geo.overlay.dates import NA_TOKENS, parse_dates
from geo.overlay.model import YEAR_MAX, YEAR_MIN, DateReading, Rejection, Source
from geo.overlay.table import SKIP

_NONFINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)
_MISSING = frozenset(NA_TOKENS - {"nan"})  # "NaN" coordinates are reported as not finite


def _short(values: pd.Series) -> pd.Series:
    """Quoted, truncated values for reasons (object dtype even when empty)."""
    return pd.Series([repr(str(v)[:40]) for v in values], index=values.index, dtype=object)


def _num(values: pd.Series) -> pd.Series:
    return pd.Series([f"{v:g}" for v in values], index=values.index, dtype=object)


def _coordinate(raw: pd.Series, name: str, reasons: pd.Series) -> pd.Series:
    """Numeric coordinate; rows that fail get their reason (the first reason wins)."""
    if raw.dtype == object:
        text = raw.astype(str).str.strip().str.replace(",", ".", regex=False)
        value = pd.to_numeric(text, errors="coerce").astype(float)
        free = reasons.isna() & value.isna()
        is_blank = text.str.lower().isin(_MISSING)
        is_nonfinite = text.str.match(_NONFINITE)
        reasons[free & is_blank] = f"missing {name}"
        reasons[free & is_nonfinite] = f"{name} is not finite (NaN/Infinity)"
        other = free & ~is_blank & ~is_nonfinite
        reasons[other] = f"{name} is not a number: " + _short(text[other])
    else:
        value = raw.astype(float)
    reasons[reasons.isna() & ~np.isfinite(value)] = f"{name} is not finite (NaN/Infinity)"
    return value


def _time(src: Source, reasons: pd.Series, order: str | None):
    """Year, ISO date, precision; a row with an unreadable date falls back on its year."""
    table = src.table
    dates = parse_dates(table["_date"], column=src.mapping.date or "date", order=order,
                        prefer=src.prefer)  # fmt: skip
    year_text = table["_year"].astype(str).str.strip()
    year_blank = year_text.str.lower().isin(NA_TOKENS)
    year_col = pd.to_numeric(year_text.str.replace(r"\.0+$", "", regex=True), errors="coerce")
    year_ok = year_col.notna() & (year_col % 1 == 0)
    unread = ~dates.blank & dates.year.isna()
    fallback = unread & year_ok
    year = dates.year.where(~(dates.blank | fallback), year_col)
    precision = dates.precision.where(~(dates.blank | fallback), "year")
    bad = reasons.isna() & unread & ~year_ok
    with_year = bad & ~year_blank
    reasons[bad & year_blank] = "unreadable date: " + _short(table["_date"][bad & year_blank])
    reasons[with_year] = ("unreadable date: " + _short(table["_date"][with_year])
                          + " and year " + _short(year_text[with_year]))  # fmt: skip
    reasons[reasons.isna() & dates.blank & year_blank] = "missing date and year"
    bad_year = reasons.isna() & (year.isna() | (year % 1 != 0))
    reasons[bad_year] = "unreadable year: " + _short(year_text[bad_year])
    out = reasons.isna() & ((year < YEAR_MIN) | (year > YEAR_MAX))
    reasons[out] = f"year outside {YEAR_MIN}–{YEAR_MAX}: " + _num(year[out])
    used = reasons.isna() & fallback
    if used.any():
        uniq = list(dict.fromkeys(str(v)[:30] for v in table["_date"][used].tolist()[:50]))
        eg = ", ".join(repr(v) for v in uniq[:3])
        n, total = int(used.sum()), int((reasons.isna() & ~dates.blank).sum())
        col, ycol = src.mapping.date, src.mapping.year
        what = (f"None of the dates in {col!r} could be read" if n == total
                else f"{n:,} dates in {col!r} could not be read")  # fmt: skip
        src.notes.append(f"{what} (e.g. {eg}): those events were loaded by their {ycol!r} "
                         "column, to the year.")  # fmt: skip
    iso = dates.iso.where(~fallback, "")
    return year, iso, precision, dates.reading


def _categories(values: pd.Series, names: dict[int, str]) -> pd.Series:
    if not names:
        return values
    codes = pd.to_numeric(values.astype(str).str.strip(), errors="coerce")
    named = codes.map(names)
    return named.where(named.notna(), values).astype(object)


def _merge_repeats(events: pd.DataFrame, src: Source) -> pd.DataFrame:
    """One row per event id: later rows' actors join the first row's (ACLED monadic files)."""
    ids = src.id_column
    name = dict(src.fields).get(ids, ids) if ids else None
    if not name or name not in events:
        return events
    key = events[name].astype(str).str.strip()
    repeated = key.duplicated(keep=False) & (key != "")
    if not repeated.any():
        return events
    actors = [dict(src.fields).get(c, c) for c in src.actor_columns]
    actors = [a for a in actors if a in events]
    sub = events[repeated]
    first = ~key.duplicated(keep="first")
    out = events[first | ~repeated].copy()
    for col in actors:
        joined = sub.groupby(key[repeated], sort=False)[col].agg(
            lambda s: "; ".join(dict.fromkeys(v for v in s if v))
        )
        mask = repeated[out.index]
        out.loc[mask, col] = key[out.index][mask].map(joined)
    n_rows, n_events = int(repeated.sum()), int(key[repeated].nunique())
    kept = f"; their actors ({', '.join(actors)}) are kept" if actors else ""
    src.notes.append(f"Merged {n_rows:,} rows that repeat an event id ({ids}) into "
                     f"{n_events:,} events{kept}.")  # fmt: skip
    return out


def validate(
    src: Source, date_order: str | None = None
) -> tuple[pd.DataFrame, list[Rejection], DateReading | None]:
    """Keep rows with finite in-range coordinates and a usable year; explain the rest."""
    table = src.table
    reasons = pd.Series(None, index=table.index, dtype=object)
    if src.pre:
        reasons.loc[list(src.pre)] = list(src.pre.values())
    lat = _coordinate(table["_lat"], "latitude", reasons)
    lon = _coordinate(table["_lon"], "longitude", reasons)
    swapped = reasons.isna() & (lat.abs() > 90) & (lon.abs() <= 90)
    reasons[swapped] = "latitude out of range (lat/lon swapped?): " + _num(lat[swapped])
    lat_bad = reasons.isna() & (lat.abs() > 90)
    reasons[lat_bad] = "latitude out of range: " + _num(lat[lat_bad])
    lon_bad = reasons.isna() & (lon.abs() > 180)
    reasons[lon_bad] = "longitude out of range: " + _num(lon[lon_bad])
    reasons[reasons.isna() & (lat == 0) & (lon == 0)] = "at (0, 0) 'null island'"
    year, date, precision, reading = _time(src, reasons, date_order)
    keep = reasons.isna().to_numpy()
    events = pd.DataFrame(
        {
            "lat": lat[keep].to_numpy(float),
            "lon": lon[keep].to_numpy(float),
            "year": year[keep].to_numpy().astype(np.int64),
            "date": date[keep].to_numpy(object),
            "date_precision": precision[keep].to_numpy(object),
            "label": table["_label"][keep].to_numpy(object),
            "category": _categories(table["_category"][keep], src.categories).to_numpy(object),
            **{name: table[col][keep].to_numpy(object) for col, name in src.fields},
        }
    )
    for col in events.columns[3:]:
        events[col] = events[col].astype(str)
    if len(events):
        events = _merge_repeats(events, src).reset_index(drop=True)
    dropped = reasons[~keep]
    rejected = [Rejection(int(i) + 1, str(r)) for i, r in dropped.items() if r != SKIP]
    return events, rejected, reading


def rejection_summary(rejected: list[Rejection]) -> tuple[str, list[str]]:
    """The three commonest reasons, and up to three offending values quoted in them."""
    kinds = Counter(r.reason.split(":", 1)[0] for r in rejected)
    common = "; ".join(f"{n:,} × {kind}" for kind, n in kinds.most_common(3))
    examples = list(dict.fromkeys(r.reason.split(": ", 1)[1] for r in rejected[:200]
                                  if ": " in r.reason))[:3]  # fmt: skip
    return common, examples
