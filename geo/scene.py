"""What one view shows, built once: the scene every renderer reads.

``build_scene(ds, view, overlays)`` is pure. The Leaflet payload, the map sheet, the HTML
export, the GeoJSON/CSV extracts and the "what is on the map now" notes all render the
same ``Scene``, so they cannot disagree about which events are shown or which status a
route has.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from geo.dates import format_event_dates
from geo.drones import DroneMark, drone_marks, drone_note
from geo.io import Dataset
from geo.legend import LegendEntry, legend_for
from geo.overlay.window import rows_in_window
from geo.scene_text import citation, notes_for, summary_for
from geo.status import WindowStatus, status_on, window_status
from geo.style import CORRIDOR_LABELS, UNCERTAINTY_MIN_KM
from geo.timeline import events_window
from geo.view import View

# Places named on the map itself (and on the sheet); the rest are named in their tooltips.
LABELLED_PLACES = {
    "torkham_crossing": "Torkham", "chaman_friendship_gate": "Chaman", "karachi_port": "Karachi",
    "peshawar_city": "Peshawar", "quetta": "Quetta", "kabul_isaf_hq_jioc": "Kabul",
    "kandahar_city": "Kandahar", "shamsi_airfield": "Shamsi", "salala_checkposts": "Salala",
    "islamabad": "Islamabad", "jalalabad": "Jalalabad", "nato_hq_brussels": "NATO HQ",
    "bonn_wccb": "Bonn", "tuzla": "Tuzla", "split_ns_hq": "Split",
}  # fmt: skip
STORY_END = 2015  # the bundled story's last year; overlays may go later


@dataclass(frozen=True)
class RoutePiece:
    """A stretch of a route line in one region, styled by its status in the window."""

    route_id: str
    name: str
    corridor: str
    variant: str
    region: str | None
    coords: tuple[tuple[float, float], ...]  # lon, lat
    status: WindowStatus
    record: Any = field(compare=False, repr=False)  # the route's row, for popups


@dataclass(frozen=True)
class CorridorState:
    """A corridor in the window: its status, and per region where a period is regional."""

    corridor: str
    label: str
    lines: int
    status: WindowStatus
    by_region: tuple[tuple[str, WindowStatus], ...] = ()  # only when regions differ


@dataclass(frozen=True)
class PlaceMark:
    """A place marker, its map label (or ``None``), uncertainty and status in the window."""

    id: str
    name: str
    kind: str
    lon: float
    lat: float
    label: str | None
    accuracy_km: float
    status_note: str
    found: bool
    record: Any = field(compare=False, repr=False)


@dataclass(frozen=True)
class EventMark:
    """An event in the window, numbered so its citations can be found in the sources."""

    number: int
    id: str
    title: str
    when: str
    category: str
    lon: float | None
    lat: float | None
    citations: tuple[str, ...]
    selected: bool
    record: Any = field(compare=False, repr=False)


@dataclass(frozen=True)
class OverlayInput:
    """An analyst overlay given to the scene: its rows, all years (lat, lon, year, date…)."""

    key: str
    name: str
    color: str
    rows: pd.DataFrame = field(compare=False, repr=False)


@dataclass(frozen=True)
class OverlayMark:
    """The rows of one overlay that fall in the window."""

    key: str
    name: str
    color: str
    rows: pd.DataFrame = field(compare=False, repr=False)


@dataclass(frozen=True)
class Scene:
    """Everything a view shows, as plain values."""

    view: View
    stamp_title: str
    stamp_subtitle: str
    summary: str
    corridors: tuple[CorridorState, ...]
    routes: tuple[RoutePiece, ...]
    places: tuple[PlaceMark, ...]
    circles: tuple[tuple[float, float, float], ...]  # lon, lat, radius km
    events: tuple[EventMark, ...]
    overlays: tuple[OverlayMark, ...]
    drones: tuple[DroneMark, ...]  # strikes per agency in the window's years, if shown
    legend: tuple[LegendEntry, ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]  # "1. Publisher, “Title” (date); …" per numbered event
    data_as_of: str = ""
    dataset_version: str = ""

    @property
    def drawn_events(self) -> tuple[EventMark, ...]:
        """The events drawn on the map: those in the window, if the events layer is on."""
        return self.events if "events" in self.view.layers else ()


def build_scene(ds: Dataset, view: View, overlays: Sequence[OverlayInput] = ()) -> Scene:
    """Return what ``view`` shows of ``ds`` and the analyst's ``overlays``.

    The part without overlays (``base_scene``) depends on the dataset and the view alone,
    so the app caches it on plain keys and adds each session's overlays to it.

    Examples
    --------
    >>> s = build_scene(ds, View.from_query({"date": "2012-03-15"}))  # doctest: +SKIP
    >>> {c.corridor: c.status.status for c in s.corridors}  # doctest: +SKIP
    {'torkham': 'closed', 'chaman': 'closed'}
    """
    return add_overlays(base_scene(ds, view), overlays)


def add_overlays(scene: Scene, overlays: Sequence[OverlayInput]) -> Scene:
    """Return the scene with the rows of each overlay that fall in its window."""
    if not overlays:
        return scene
    marks = tuple(_overlay_marks(overlays, scene.view))
    legend = tuple(e for e in scene.legend if e.group != "Overlays") + tuple(
        LegendEntry("Overlays", o.key, f"{o.name} ({len(o.rows):,})", o.color, "dot") for o in marks
    )
    lines = [f"Overlay {o.name}: {len(o.rows):,} events in this time." for o in marks]
    return replace(scene, overlays=marks, legend=legend, notes=(*scene.notes, *lines))


def base_scene(ds: Dataset, view: View) -> Scene:
    """Return what ``view`` shows of the bundled dataset (no overlays)."""
    w = view.window
    shown = events_window(ds.events, w.start, w.end, cumulative=view.mode == "cumulative")
    pieces = _route_pieces(ds, view)
    corridors = _corridors(ds, view, pieces)
    events = _event_marks(shown, view.selected)
    places = _place_marks(ds, view)
    marks: tuple[OverlayMark, ...] = ()
    layers = set(view.layers)
    # After the bundled story ends the route statuses are not tracked: no route is styled.
    drawn_routes = pieces if "routes" in layers and w.start.year <= STORY_END else ()
    drawn_events = events if "events" in layers else ()
    drawn_places = places if "places" in layers else ()
    circles = tuple(
        (p.lon, p.lat, p.accuracy_km) for p in places if p.accuracy_km > UNCERTAINTY_MIN_KM
    ) if "uncertainty" in layers else ()  # fmt: skip
    cumulative = view.mode == "cumulative"
    drones: tuple[DroneMark, ...] = ()
    notes = notes_for(ds, view, shown, corridors)
    if ds.drones is not None:
        if "drones" in layers:
            drones = drone_marks(ds.drones, w.start.year, w.end.year, cumulative=cumulative)
        line = drone_note(ds.drones, w.start.year, w.end.year, cumulative=cumulative,
                          finer=w.granularity != "year")  # fmt: skip
        if line:
            notes.insert(-1 if notes[-1].startswith("The bundled story") else len(notes), line)
    meta = ds.metadata or {}
    n = len(events)
    subtitle = " · ".join(
        [f"{n} event{'s' * (n != 1)}", _routes_phrase(view),
         "basemap Natural Earth · route lines from OpenStreetMap (ODbL)"]
    )  # fmt: skip
    if w.end.year > STORY_END:
        subtitle += f" · the bundled story ends in {STORY_END}"
    return Scene(
        view=view,
        stamp_title=f"{view.title} · {view.time_label()} · {view.mode_label()}",
        stamp_subtitle=subtitle,
        summary=summary_for(ds, view, shown, corridors),
        corridors=corridors,
        routes=drawn_routes,
        places=drawn_places,
        circles=circles,
        events=events,
        overlays=marks,
        drones=drones,
        legend=legend_for(drawn_routes, drawn_events, drawn_places, circles, marks, drones),
        notes=tuple(notes),
        sources=tuple(f"{e.number}. {'; '.join(e.citations)}" for e in events if e.citations),
        data_as_of=str(meta.get("data_as_of", "")),
        dataset_version=str(meta.get("dataset_version", "")),
    )


def _routes_phrase(view: View) -> str:
    unit = view.window.granularity
    return {"day": f"routes as on {view.window.label()}",
            "year": f"routes styled by status in {view.window.label()}"}.get(
        unit, f"routes styled by status in {view.window.label()}")  # fmt: skip


def _route_pieces(ds: Dataset, view: View) -> tuple[RoutePiece, ...]:
    w = view.window
    out = []
    order = {"alternative": 0, "main": 1}  # alternatives drawn first, under the main lines
    for r in sorted(ds.routes.itertuples(), key=lambda r: order.get(r.variant, 2)):
        for piece in ds.pieces[r.id]:
            status = window_status(ds.spells, r.corridor, w.start, w.end, region=piece.region)
            out.append(RoutePiece(r.id, r.name, r.corridor, r.variant, piece.region,
                                  piece.coords, status, r))  # fmt: skip
    return tuple(out)


def _corridors(
    ds: Dataset, view: View, pieces: tuple[RoutePiece, ...]
) -> tuple[CorridorState, ...]:
    w = view.window
    out = []
    for corridor, label in CORRIDOR_LABELS.items():
        mine = [p for p in pieces if p.corridor == corridor]
        lines = len({p.route_id for p in mine})
        overall = window_status(ds.spells, corridor, w.start, w.end)
        regions = sorted({p.region for p in mine if p.region is not None})
        per = [(reg, window_status(ds.spells, corridor, w.start, w.end, region=reg))
               for reg in regions]  # fmt: skip
        differ = len({(s.status, s.note) for _, s in per}) > 1
        out.append(CorridorState(corridor, label, lines, overall, tuple(per) if differ else ()))
    return tuple(out)


def _event_marks(shown: pd.DataFrame, selected: str | None) -> tuple[EventMark, ...]:
    marks = []
    for i, ev in enumerate(shown.itertuples(), start=1):
        located = ev.geometry is not None and not ev.geometry.is_empty
        marks.append(
            EventMark(
                number=i, id=str(ev.id), title=str(ev.title),
                when=format_event_dates(ev.date, ev.date_precision, ev.end_date),
                category=str(ev.category),
                lon=float(ev.geometry.x) if located else None,
                lat=float(ev.geometry.y) if located else None,
                citations=tuple(citation(s) for s in ev.sources or []),
                selected=ev.id == selected, record=ev,
            )
        )  # fmt: skip
    return tuple(marks)


def _place_marks(ds: Dataset, view: View) -> tuple[PlaceMark, ...]:
    end = view.window.end
    out = []
    for p in ds.places.itertuples():
        spell = status_on(ds.spells, p.id, end)
        out.append(
            PlaceMark(str(p.id), str(p.name), str(p.kind), float(p.geometry.x),
                      float(p.geometry.y), LABELLED_PLACES.get(p.id), float(p.accuracy_km),
                      spell.label if spell else "", p.id == view.place, p)
        )  # fmt: skip
    return tuple(out)


def overlay_rows_in_window(rows: pd.DataFrame, view: View) -> pd.DataFrame:
    """Return an overlay's rows that fall in the view's window (or up to its end).

    A whole-year window compares years only (every rerun of the year slider, 100,000 rows);
    a finer window reads each row's date at its precision (``geo.overlay.rows_in_window``).
    """
    w = view.window
    cumulative = view.mode == "cumulative"
    if w.granularity == "year":
        years = rows["year"]
        keep = years <= w.end.year if cumulative else years == w.end.year
        return rows[keep]
    return rows_in_window(rows, w.start, w.end, cumulative)


def _overlay_marks(overlays: Sequence[OverlayInput], view: View) -> list[OverlayMark]:
    return [OverlayMark(o.key, o.name, o.color, overlay_rows_in_window(o.rows, view))
            for o in overlays]  # fmt: skip
