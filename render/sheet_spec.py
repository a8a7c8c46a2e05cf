"""What a printed map sheet shows: the scene's marks plus the sheet's format and size."""

from dataclasses import dataclass, field

import numpy as np

from geo.scene import EventMark, Scene
from geo.scene_text import citation
from geo.view import DEFAULT_EXTENT, DEFAULT_TITLE, LAYERS

FORMATS = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
# name -> (width px, height px, dpi); A4 landscape is 297 × 210 mm.
PRESETS = {
    "1920x1080": (1920, 1080, 160.0),
    "2560x1440": (2560, 1440, 2560 / 12),
    "a4-300dpi": (3508, 2480, 300.0),
}
_EXTENT = (DEFAULT_EXTENT.lat, DEFAULT_EXTENT.lon, DEFAULT_EXTENT.zoom)
__all__ = ["FORMATS", "LAYERS", "PRESETS", "EventMark", "SheetSpec", "citation", "sheet_spec"]


@dataclass(frozen=True)
class RouteMark:
    """A route line in lon/lat with its status for the year."""

    coords: tuple[tuple[float, float], ...]
    status: str
    variant: str
    also: tuple[str, ...] = ()  # other statuses in the window: drawn as a second dash


@dataclass(frozen=True)
class PlaceMark:
    """A place marker, its map label (or ``None``) and its location uncertainty."""

    lon: float
    lat: float
    kind: str
    label: str | None
    accuracy_km: float


@dataclass(frozen=True)
class OverlayMark:
    """An analyst overlay: its name, colour and points (drawn as small dots)."""

    name: str
    color: str
    lons: np.ndarray = field(compare=False)
    lats: np.ndarray = field(compare=False)


@dataclass(frozen=True)
class SheetSpec:
    """Everything ``render.sheet.render_sheet`` needs; nothing in it refers to Streamlit."""

    title: str = DEFAULT_TITLE  # "" draws no title line (a deck slide's picture)
    legend: tuple = ()  # geo.scene.LegendEntry rows: only what is on the map
    subtitle: str = ""
    fmt: str = "png"
    size: str = "a4-300dpi"
    extent: tuple[float, float, int] = _EXTENT  # lat, lon, zoom as on screen
    routes: tuple[RouteMark, ...] = ()
    places: tuple[PlaceMark, ...] = ()
    circles: tuple[tuple[float, float, float], ...] = ()  # lon, lat, radius km
    events: tuple[EventMark, ...] = ()
    events_layer: bool = True
    overlays: tuple[OverlayMark, ...] = ()
    drones: tuple = ()  # geo.drones.DroneMark per agency with strikes in the window's years
    drone_note: str = ""  # both publishers' totals for the window's years
    banner: str = ""
    data_as_of: str = ""
    dataset_version: str = ""
    reopen_url: str = ""


def sheet_spec(scene: Scene, *, fmt: str = "png", size: str = "a4-300dpi",
               reopen_url: str = "") -> SheetSpec:  # fmt: skip
    """Return the sheet of a scene: its marks, framed by the view's extent (or the default).

    Examples
    --------
    >>> sheet_spec(scene, fmt="pdf").fmt  # doctest: +SKIP
    'pdf'
    """
    view = scene.view
    e = view.extent or DEFAULT_EXTENT
    return SheetSpec(
        title=view.title.strip() or DEFAULT_TITLE,
        subtitle=subtitle_for(scene),
        fmt=fmt,
        size=size,
        extent=(e.lat, e.lon, e.zoom),
        routes=tuple(RouteMark(p.coords, p.status.status, p.variant, p.status.also)
                     for p in scene.routes),
        places=tuple(PlaceMark(p.lon, p.lat, p.kind, p.label, p.accuracy_km)
                     for p in scene.places),
        circles=scene.circles,
        events=scene.drawn_events,
        events_layer="events" in view.layers,
        overlays=tuple(OverlayMark(o.name, o.color, o.rows["lon"].to_numpy(float),
                                   o.rows["lat"].to_numpy(float)) for o in scene.overlays),
        drones=scene.drones,
        drone_note=next((n for n in scene.notes if n.startswith("US drone strikes")), "")
        if scene.drones else "",
        banner=view.banner.strip(),
        data_as_of=scene.data_as_of,
        dataset_version=scene.dataset_version,
        reopen_url=reopen_url,
        legend=scene.legend,
    )  # fmt: skip


def subtitle_for(scene: Scene) -> str:
    """Return the sheet subtitle: window, mode, events, layers shown and overlays.

    Examples
    --------
    >>> subtitle_for(scene)  # doctest: +SKIP
    '2011 · events in year · 10 events · layers: Supply routes, Events'
    """
    view = scene.view
    n = len(scene.events)
    shown = ", ".join(LAYERS[k] for k in view.layers) or "none"
    parts = [view.time_label(), view.mode_label(), f"{n} event{'s' * (n != 1)}",
             f"layers: {shown}"]  # fmt: skip
    if scene.overlays:
        parts.append("overlays: " + ", ".join(f"{o.name} ({len(o.rows):,})"
                                              for o in scene.overlays))  # fmt: skip
    return " · ".join(parts)
