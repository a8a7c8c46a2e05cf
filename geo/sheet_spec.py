"""What a printed map sheet shows: plain data built from the dataset for one view."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from geo.dates import format_event_dates
from geo.io import Dataset
from geo.status import corridor_year_status
from geo.style import UNCERTAINTY_MIN_KM
from geo.summary import mode_label
from geo.timeline import events_shown

DEFAULT_TITLE = "NATO–Pakistan Atlas"
# The interactive map's default view (components.event_map.CENTER/ZOOM): lat, lon, zoom.
DEFAULT_EXTENT = (29.9, 68.4, 6)
LAYER_NAMES = {"routes": "Supply routes", "places": "Places", "uncertainty": "Uncertainty circles",
               "events": "Events"}  # fmt: skip

FORMATS = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
# name -> (width px, height px, dpi); A4 landscape is 297 × 210 mm.
PRESETS = {
    "1920x1080": (1920, 1080, 160.0),
    "2560x1440": (2560, 1440, 2560 / 12),
    "a4-300dpi": (3508, 2480, 300.0),
}


@dataclass(frozen=True)
class RouteMark:
    """A route line in lon/lat with its status for the year."""

    coords: tuple[tuple[float, float], ...]
    status: str
    variant: str


@dataclass(frozen=True)
class PlaceMark:
    """A place marker, its map label (or ``None``) and its location uncertainty."""

    lon: float
    lat: float
    kind: str
    label: str | None
    accuracy_km: float


@dataclass(frozen=True)
class EventMark:
    """An event shown in the view, numbered so its citations can be found in the sources line."""

    number: int
    title: str
    when: str
    category: str
    lon: float | None
    lat: float | None
    citations: tuple[str, ...]


@dataclass(frozen=True)
class OverlayMark:
    """An analyst overlay: its name, colour and points (drawn as small dots)."""

    name: str
    color: str
    lons: np.ndarray = field(compare=False)
    lats: np.ndarray = field(compare=False)


@dataclass(frozen=True)
class SheetSpec:
    """Everything ``geo.sheet.render_sheet`` needs; nothing in it refers to Streamlit."""

    title: str = DEFAULT_TITLE
    subtitle: str = ""
    fmt: str = "png"
    size: str = "a4-300dpi"
    extent: tuple[float, float, int] = DEFAULT_EXTENT  # lat, lon, zoom as on screen
    routes: tuple[RouteMark, ...] = ()
    places: tuple[PlaceMark, ...] = ()
    circles: tuple[tuple[float, float, float], ...] = ()  # lon, lat, radius km
    events: tuple[EventMark, ...] = ()
    events_layer: bool = True
    overlays: tuple[OverlayMark, ...] = ()
    banner: str = ""
    data_as_of: str = ""
    dataset_version: str = ""
    reopen_url: str = ""


def citation(source: Mapping[str, Any]) -> str:
    """Format one source as ``Publisher, “Title” (date)``.

    Examples
    --------
    >>> citation({"title": "Closure", "publisher": "Dawn", "date": "2011-11-27"})
    'Dawn, “Closure” (2011-11-27)'
    >>> citation({"title": "Closure", "publisher": None, "date": None})
    '“Closure”'
    """
    head = ", ".join(p for p in (source.get("publisher"), f"“{source.get('title') or ''}”") if p)
    return f"{head} ({source['date']})" if source.get("date") else head


def _event_marks(shown: pd.DataFrame) -> tuple[EventMark, ...]:
    marks = []
    for i, ev in enumerate(shown.itertuples(), start=1):
        located = ev.geometry is not None and not ev.geometry.is_empty
        marks.append(
            EventMark(
                number=i,
                title=str(ev.title),
                when=format_event_dates(ev.date, ev.date_precision, ev.end_date),
                category=str(ev.category),
                lon=float(ev.geometry.x) if located else None,
                lat=float(ev.geometry.y) if located else None,
                citations=tuple(citation(s) for s in ev.sources or []),
            )
        )
    return tuple(marks)


def subtitle_for(
    year: int, mode: str, layers: Sequence[str], n_events: int, overlay_names: Sequence[str]
) -> str:
    """Return the sheet subtitle: year, mode, layers shown (the filters) and overlays.

    Examples
    --------
    >>> subtitle_for(2011, "year", ["routes", "events"], 10, [])
    '2011 · events in year · 10 events · layers: Supply routes, Events'
    """
    shown = ", ".join(LAYER_NAMES.get(k, k) for k in layers) or "none"
    parts = [str(year), mode_label(mode), f"{n_events} event{'s' * (n_events != 1)}",
             f"layers: {shown}"]  # fmt: skip
    if overlay_names:
        parts.append("overlays: " + ", ".join(overlay_names))
    return " · ".join(parts)


def sheet_spec_for(
    ds: Dataset,
    year: int,
    mode: str,
    layers: Sequence[str],
    *,
    title: str = DEFAULT_TITLE,
    banner: str = "",
    fmt: str = "png",
    size: str = "a4-300dpi",
    extent: tuple[float, float, int] | None = None,
    overlays: Sequence[tuple[str, str, pd.DataFrame]] = (),
    place_labels: Mapping[str, str] | None = None,
    reopen_url: str = "",
) -> SheetSpec:
    """Build the sheet for a view: the year's routes, places, events and visible overlays.

    Parameters
    ----------
    ds
        The dataset, as from ``geo.io.read_dataset``.
    year, mode, layers
        The view: ``mode`` is ``"year"`` or ``"cumulative"``; ``layers`` are keys such as
        ``"routes"``, ``"places"``, ``"uncertainty"``, ``"events"``.
    overlays
        ``(name, colour, rows)`` for each visible overlay; rows have ``lat`` and ``lon``.
    place_labels
        Place id to the short name printed next to it (the map page's labelled places).

    Returns
    -------
    SheetSpec
        Plain data; a year with no events gives an empty ``events`` tuple.
    """
    shown = events_shown(ds.events, year, mode)
    labels = place_labels or {}
    routes = tuple(
        RouteMark(
            coords=tuple((float(x), float(y)) for x, y in r.geometry.coords),
            status=corridor_year_status(ds.periods, r.corridor, year).status,
            variant=str(r.variant),
        )
        for r in ds.routes.itertuples()
    )
    places = tuple(
        PlaceMark(float(p.geometry.x), float(p.geometry.y), str(p.kind), labels.get(p.id),
                  float(p.accuracy_km))
        for p in ds.places.itertuples()
    )  # fmt: skip
    overlay_marks = tuple(
        OverlayMark(str(name), str(color), rows["lon"].to_numpy(float), rows["lat"].to_numpy(float))
        for name, color, rows in overlays
    )
    meta = ds.metadata or {}
    return SheetSpec(
        title=title.strip() or DEFAULT_TITLE,
        subtitle=subtitle_for(year, mode, layers, len(shown),
                              [f"{o.name} ({len(o.lons):,})" for o in overlay_marks]),
        fmt=fmt,
        size=size,
        extent=extent or DEFAULT_EXTENT,
        routes=routes if "routes" in layers else (),
        places=places if "places" in layers else (),
        circles=tuple(
            (p.lon, p.lat, p.accuracy_km) for p in places if p.accuracy_km > UNCERTAINTY_MIN_KM
        ) if "uncertainty" in layers else (),
        events=_event_marks(shown) if "events" in layers else (),
        events_layer="events" in layers,
        overlays=overlay_marks,
        banner=banner.strip(),
        data_as_of=str(meta.get("data_as_of", "")),
        dataset_version=str(meta.get("dataset_version", "")),
        reopen_url=reopen_url,
    )  # fmt: skip
