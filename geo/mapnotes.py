"""The "what is on the map now" text: a plain-language summary that doubles as slide notes."""

import geopandas as gpd
import pandas as pd

from geo.compare import sites_in_use
from geo.dates import format_event_dates
from geo.status import corridor_year_status
from geo.style import CATEGORY_STYLES, CORRIDOR_LABELS, STATUS_STYLES
from geo.timeline import MODES


def map_notes(
    shown: gpd.GeoDataFrame,
    routes: gpd.GeoDataFrame,
    periods: pd.DataFrame,
    *,
    year: int,
    mode: str,
    layers: list[str],
    selected: str | None = None,
    place: str | None = None,
) -> list[str]:
    """Return the lines describing the map: year, layers, route statuses, counts, selection.

    ``layers`` holds the analyst-facing names of the visible layers; ``place`` the name of
    a place found by search.

    Examples
    --------
    >>> map_notes(shown, routes, periods, year=1999, mode="year", layers=[])[2]  # doctest: +SKIP
    'Events: none recorded in 1999.'
    """
    lines = [f"{year} · {MODES[mode]}.",
             f"Layers shown: {', '.join(layers) if layers else 'none'}."]  # fmt: skip
    for corridor, label in CORRIDOR_LABELS.items():
        n = int((routes["corridor"] == corridor).sum())
        ys = corridor_year_status(periods, corridor, year)
        lines.append(f"{label} ({n} lines): {STATUS_STYLES[ys.status].label} ({ys.note}).")
    if shown.empty:
        lines.append(f"Events: none recorded in {year}.")
    else:
        located = int(shown.geometry.notna().sum())
        counts = shown["category"].value_counts()
        parts = [f"{n} {CATEGORY_STYLES[c].label.lower()}" for c, n in counts.items()]
        lines.append(f"Events: {len(shown)} ({located} on the map): {', '.join(parts)}.")
    sites = sites_in_use(periods, year)
    if sites:
        lines.append(f"In use or active: {'; '.join(sites)}.")
    if selected is not None and selected in set(shown["id"]):
        row = shown[shown["id"] == selected].iloc[0]
        when = format_event_dates(row["date"], row["date_precision"], row["end_date"])
        lines.append(f"Selected event: {row['title']} ({when}).")
    if place:
        lines.append(f"Found place: {place}.")
    return lines
