"""Plain-text summaries of a year: what happened and what state the supply lines were in."""

from typing import Any

import geopandas as gpd
import pandas as pd

from geo.dates import format_day
from geo.status import corridor_year_status
from geo.timeline import MODES, events_shown

CORRIDOR_NAMES = {"torkham": "Torkham", "chaman": "Chaman"}


def format_range(r: dict[str, Any], noun: str) -> str:
    """Format a low/best/high range: ``"24 killed (reports range 24–28)"``.

    Examples
    --------
    >>> format_range({"low": 24, "best": 24, "high": 28}, "killed")
    '24 killed (reports range 24–28)'
    >>> format_range({"low": 12, "best": None, "high": 13}, "wounded")
    '12–13 wounded'
    """
    low, best, high = r.get("low"), r.get("best"), r.get("high")
    if best is not None and low == high == best:
        return f"{best:,} {noun}"
    if best is not None:
        return f"{best:,} {noun} (reports range {low:,}–{high:,})"
    return f"{low:,}–{high:,} {noun}"


def format_casualties(casualties: dict[str, Any] | None) -> str:
    """Format an event's casualty ranges, or return ``""`` when none apply."""
    if not casualties:
        return ""
    parts = [format_range(casualties[k], k) for k in ("killed", "wounded") if k in casualties]
    return " · ".join(parts)


def corridors_phrase(periods: pd.DataFrame, year: int) -> str:
    """Describe both corridors in a year, merging them when they share a story.

    Examples
    --------
    >>> corridors_phrase(periods, 2011)  # doctest: +SKIP
    'both corridors closed from 26 Nov 2011'
    """
    notes = {c: corridor_year_status(periods, c, year) for c in CORRIDOR_NAMES}
    t, c = notes["torkham"], notes["chaman"]
    if t.note == c.note:
        if t.status == "inactive" and t.note.endswith("all year"):
            return "no NATO transit through Pakistan yet"
        return f"both corridors {t.note}"
    return "; ".join(f"{CORRIDOR_NAMES[k]} {v.note}" for k, v in notes.items())


def period_changes(periods: pd.DataFrame, year: int) -> list[str]:
    """List place and mission periods that begin or end in ``year``, e.g. Shamsi vacated."""
    out = []
    others = periods[periods["subject_type"] != "corridor"]
    for row in others.itertuples():
        label = row.label.split(" (")[0]  # the summary line keeps labels short
        if row.start.year == year:
            out.append(f"{label} from {format_day(row.start.date(), with_year=False)}")
        if not pd.isna(row.end) and row.end.year == year:
            out.append(f"{label} ended {format_day(row.end.date(), with_year=False)}")
    return out


def year_summary(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, mode: str = "year"
) -> str:
    """Return the one-line summary of a year, e.g.

    ``"2011: 9 events · both corridors closed from 26 Nov 2011 · US use of Shamsi ended 11 Dec"``.
    In cumulative mode the count is of every event up to the year.
    """
    shown = events_shown(events, year, mode)
    n = len(shown)
    if mode == "year":
        count = f"{n} event{'s' if n != 1 else ''}" if n else "no recorded events"
    else:
        count = f"{n} events up to {year}"
    parts = [f"{year}: {count}", corridors_phrase(periods, year), *period_changes(periods, year)]
    return " · ".join(parts)


def mode_label(mode: str) -> str:
    """Return the analyst-facing name of a mode."""
    return MODES[mode]
