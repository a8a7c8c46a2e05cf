"""Filter events by time, category, place and route."""

from datetime import date

import geopandas as gpd
import pandas as pd

FIRST_YEAR = 1994
LAST_YEAR = 2015
# The sidebar's names: they hold for a year, a month, a day or a typed window alike.
MODES = {"year": "events in the time shown", "cumulative": "everything up to its end"}
# What the sidebar called them while it knew only years; shared URLs still carry them.
OLD_MODE_LABELS = {"events in year": "year", "everything up to year": "cumulative"}


def year_span() -> tuple[int, int]:
    """Return the first and last year the Atlas covers (1994, 2015)."""
    return FIRST_YEAR, LAST_YEAR


def clamp_year(year: object, *, last: int = LAST_YEAR) -> int:
    """Return ``year`` as an int inside 1994–``last``; anything unparsable becomes ``last``.

    ``last`` is later than 2015 when an analyst's overlay reaches past the bundled story.

    Examples
    --------
    >>> clamp_year("2011"), clamp_year(1980), clamp_year("x"), clamp_year(2024, last=2024)
    (2011, 1994, 2015, 2024)
    """
    try:
        value = int(str(year))
    except ValueError:
        return last
    return min(max(value, FIRST_YEAR), last)


def events_in_year(events: gpd.GeoDataFrame, year: int) -> gpd.GeoDataFrame:
    """Return events that start in ``year`` or are still going on during it.

    Parameters
    ----------
    events
        Frame with ``start`` and ``end`` columns, as from ``geo.io.read_events``.
    year
        Calendar year.

    Returns
    -------
    GeoDataFrame
        A filtered copy; empty for a year with no events.

    Examples
    --------
    A quiet year gives an empty frame:

    >>> events_in_year(events, 1999).empty  # doctest: +SKIP
    True
    """
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    return events[(events["start"] <= last) & (events["end"] >= first)].copy()


def events_up_to_year(events: gpd.GeoDataFrame, year: int) -> gpd.GeoDataFrame:
    """Return every event that started on or before 31 December of ``year``."""
    return events[events["start"] <= pd.Timestamp(year, 12, 31)].copy()


def events_shown(events: gpd.GeoDataFrame, year: int, mode: str) -> gpd.GeoDataFrame:
    """Return the events for a year in a mode: ``"year"`` or ``"cumulative"``."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {sorted(MODES)}")
    return events_in_year(events, year) if mode == "year" else events_up_to_year(events, year)


def events_window(
    events: gpd.GeoDataFrame, start: date, end: date, *, cumulative: bool = False
) -> gpd.GeoDataFrame:
    """Return the events of a time window: those going on in it, or all up to its end.

    An event written at month or year precision spans that month or year, so it is in
    every window that overlaps it.

    Examples
    --------
    >>> events_window(events, date(1999, 1, 1), date(1999, 12, 31)).empty  # doctest: +SKIP
    True
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if cumulative:
        return events[events["start"] <= hi]
    return events[(events["start"] <= hi) & (events["end"] >= lo)]


def events_between(events: gpd.GeoDataFrame, start: date, end: date) -> gpd.GeoDataFrame:
    """Return events overlapping the inclusive date range ``start``–``end``."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    return events[(events["start"] <= hi) & (events["end"] >= lo)].copy()


def events_matching(
    events: gpd.GeoDataFrame,
    *,
    categories: list[str] | None = None,
    place_id: str | None = None,
    route_id: str | None = None,
    actors: list[str] | None = None,
    from_seed: bool | None = None,
    text: str | None = None,
) -> gpd.GeoDataFrame:
    """Return events that match every filter given; ``None`` means no filter.

    ``text`` is a case-insensitive search over titles and summaries.
    """
    mask = pd.Series(True, index=events.index)
    if categories is not None:
        mask &= events["category"].isin(categories)
    if place_id is not None:
        mask &= events["place_id"] == place_id
    if route_id is not None:
        mask &= events["route_id"] == route_id
    if actors:
        wanted = set(actors)
        mask &= events["actors"].map(lambda a: bool(wanted & set(a)))
    if from_seed is not None:
        mask &= events["from_seed"] == from_seed
    if text:
        needle = text.casefold().strip()
        hay = (events["title"] + " " + events["summary"]).str.casefold()
        mask &= hay.str.contains(needle, regex=False)
    return events[mask].copy()


def counts_by_year(events: gpd.GeoDataFrame) -> pd.DataFrame:
    """Count events per start year and category, for the timeline chart."""
    counts = events.groupby(["year", "category"]).size().rename("events").reset_index()
    return counts.sort_values(["year", "category"]).reset_index(drop=True)
