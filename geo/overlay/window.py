"""Select overlay rows by year or by a date window that respects each row's precision."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from geo.overlay.model import Overlay


def overlay_in_year(ov: Overlay, year: int) -> pd.DataFrame:
    """Events of the overlay in exactly ``year`` (an empty frame for a quiet year).

    Examples
    --------
    >>> from geo.overlay import load_overlay
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> len(overlay_in_year(ov, 2011)), len(overlay_in_year(ov, 2012))
    (1, 0)
    """
    return ov.events[ov.events["year"] == int(year)].reset_index(drop=True)


def overlay_up_to_year(ov: Overlay, year: int) -> pd.DataFrame:
    """Events of the overlay in ``year`` or earlier (cumulative mode).

    Examples
    --------
    >>> from geo.overlay import load_overlay
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> len(overlay_up_to_year(ov, 2012)), len(overlay_up_to_year(ov, 2010))
    (1, 0)
    """
    return ov.events[ov.events["year"] <= int(year)].reset_index(drop=True)


def period_bounds(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (``datetime64[D]``) each row's date can mean, by its precision.

    A ``day`` row is its day, a ``month`` row the whole month, a ``year`` row (or a row with
    no ``date_precision`` column and no date) the whole year.
    """
    years = frame["year"].to_numpy(np.int64)
    text = frame["date"].astype(str).to_numpy() if "date" in frame else np.full(len(frame), "")
    if "date_precision" in frame:
        prec = frame["date_precision"].astype(str).to_numpy()
    else:
        prec = np.where(np.char.str_len(text.astype(str)) >= 10, "day", "year")
    year_start = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    start = year_start.copy()
    end = (years - 1970 + 1).astype("datetime64[Y]").astype("datetime64[D]") - 1
    day = prec == "day"
    if day.any():
        start[day] = end[day] = np.array([t[:10] for t in text[day]], dtype="datetime64[D]")
    month = prec == "month"
    if month.any():
        first = np.array([t[:7] for t in text[month]], dtype="datetime64[M]")
        start[month] = first.astype("datetime64[D]")
        end[month] = (first + 1).astype("datetime64[D]") - 1
    return start, end


def rows_in_window(
    frame: pd.DataFrame, start: date, end: date, cumulative: bool = False
) -> pd.DataFrame:
    """Rows whose date falls in ``[start, end]`` (both days included), at their precision.

    Parameters
    ----------
    frame
        Overlay events (``year``, ``date``, ``date_precision``), e.g. ``Overlay.events``.
    start, end
        The window's first and last day.
    cumulative
        Everything up to ``end`` instead (``start`` is ignored).

    Returns
    -------
    pandas.DataFrame
        The rows whose period overlaps the window, in their order, index kept: a row known
        only to the month or the year counts for every window that overlaps that month/year.

    Examples
    --------
    >>> rows = pd.DataFrame({"year": [2011, 2011, 2012], "date": ["2011-03-12", "", "2012-05"],
    ...                      "date_precision": ["day", "year", "month"]})
    >>> len(rows_in_window(rows, date(2011, 6, 1), date(2011, 6, 30)))
    1
    >>> len(rows_in_window(rows, date(2012, 5, 31), date(2012, 6, 2)))
    1
    >>> len(rows_in_window(rows, date(2000, 1, 1), date(2011, 3, 12), cumulative=True))
    2
    """
    if frame.empty:
        return frame
    first, last = period_bounds(frame)
    hit = first <= np.datetime64(end, "D")
    if not cumulative:
        hit &= last >= np.datetime64(start, "D")
    return frame[hit]


def year_span(ov: Overlay) -> tuple[int, int] | None:
    """First and last year of the overlay's events (``None`` when it has none)."""
    if ov.events.empty:
        return None
    years = ov.events["year"]
    return int(years.min()), int(years.max())


def outside_years(ov: Overlay, first: int, last: int) -> str | None:
    """A sentence on the events outside ``first``–``last``, or ``None`` when all are inside.

    Examples
    --------
    >>> from geo.overlay import load_overlay
    >>> ov = load_overlay(b"lat,lon,year\\n33,73,2020\\n33,73,2024\\n33,73,2011\\n", "a.csv")
    >>> outside_years(ov, 1994, 2015)
    '2 of 3 events fall outside the story’s years 1994–2015 (2 from 2020–2024).'
    """
    years = ov.events["year"]
    before, after = years[years < first], years[years > last]
    n = len(before) + len(after)
    if not n:
        return None
    parts = []
    for part in (before, after):
        if len(part):
            lo, hi = int(part.min()), int(part.max())
            parts.append(f"{len(part):,} from {lo}" + (f"–{hi}" if hi != lo else ""))
    verb = "falls" if n == 1 else "fall"
    return (f"{n:,} of {len(years):,} event{'s' * (len(years) != 1)} {verb} outside the "
            f"story’s years {first}–{last} ({'; '.join(parts)}).")  # fmt: skip


def summary_line(ov: Overlay) -> str:
    """One-line load report, e.g. ``"12,403 events loaded, 17 rejected"``.

    Examples
    --------
    >>> from geo.overlay import load_overlay
    >>> ov = load_overlay(b"lat,lon,year\\n33.7,73.1,2011\\n", "a.csv")
    >>> summary_line(ov)
    '1 event loaded, 0 rejected'
    """
    n = len(ov.events)
    return f"{n:,} event{'s' if n != 1 else ''} loaded, {len(ov.rejected):,} rejected"
