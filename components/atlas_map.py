"""The one st_folium call: base map mounted once, per-year layers swapped in place."""

import gc
import threading
from functools import partial

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from components import map_layers
from components.controls import YEAR_LABEL
from components.data import memo, shown_events, summary_line
from components.event_map import (
    LAYER_FIELDS,
    MapView,
    OverlayLayer,
    build_base_map,
    layer_ref,
    stamp_payload,
    year_groups,
)
from components.overlay_layer import overlay_payload
from components.overlays import OverlayEntry
from components.popups import traced_id
from components.served import publisher
from components.timeline import timeline_spec
from geo.io import Dataset
from geo.summary import mode_label
from geo.timeline import FIRST_YEAR, LAST_YEAR, MODES
from geo.viewstate import parse_view

RETURNED = ["last_object_clicked_tooltip", "last_object_clicked_count"]
WARMED = threading.Event()  # every year's layers are built (start_warming)


def _base_view(
    ds: Dataset, year: int, mode: str, layers: list[str], selected: str | None, title: str,
    found: str | None,
) -> MapView:  # fmt: skip
    shown = shown_events(ds, year, mode)
    return MapView(
        year=year,
        stamp_title=f"{title} · {year} · {mode_label(mode)}",
        stamp_subtitle=(
            f"{len(shown)} events · routes styled by status in {year} · "
            "bundled basemap (Natural Earth)"
        ),
        view_key=f"{year}|{mode}|{','.join(layers)}|{selected or ''}",
        routes=map_layers.route_lines(ds.routes, ds.periods, year),
        places=map_layers.place_markers(ds.places, ds.periods, year, selected=found),
        circles=memo(ds, ("circles",), lambda: map_layers.uncertainty_circles(ds.places)),
        events=memo(
            ds,
            ("event_markers", year, mode, selected),
            lambda: map_layers.event_markers(shown, selected=selected),
        ),
        layers=tuple(layers),
    )


def map_view(
    ds: Dataset,
    year: int,
    mode: str,
    layers: list[str],
    *,
    selected: str | None,
    title: str = "NATO–Pakistan Atlas",
    overlays: list[tuple[OverlayEntry, pd.DataFrame]] | None = None,
    found: str | None = None,
    follow_slider: bool = False,
) -> MapView:
    """Return what the map shows for a year, mode and layer choice.

    ``found`` highlights a place picked in the search box. ``follow_slider`` adds the
    manifest with which the map follows the sidebar's year slider by itself.
    """
    view = _base_view(ds, year, mode, layers, selected, title, found)
    view.overlays = [
        OverlayLayer(
            name=e.overlay.name,
            key=e.key,
            whole=e.payload,
            bounds=e.bounds(year, mode),
            alone=partial(overlay_payload, rows, key=e.key, name=e.overlay.name, color=e.color),
        )
        for e, rows in overlays or []
    ]
    view.overlay_legend = [
        {"name": f"{e.overlay.name} ({len(rows):,})", "color": e.color}
        for e, rows in overlays or []
    ]
    if follow_slider:
        entries = [e for e, _ in overlays or []]
        view.manifest = _manifest(ds, year, mode, layers, selected, title, found, entries)
    return view


def _manifest(
    ds: Dataset, year: int, mode: str, layers: list[str], selected: str | None, title: str,
    found: str | None, entries: list[OverlayEntry],
) -> dict:  # fmt: skip
    """Every year's stamp, layer URLs and overlay slices for this mode, layers and selection."""
    years = {}
    # Until the background build is done, only the rerun's own year: the first page of a
    # fresh process should not wait for every year (the map then follows the slider from
    # the next rerun on).
    every = range(FIRST_YEAR, LAST_YEAR + 1) if WARMED.is_set() else [year]
    for y in every:
        v = _base_view(ds, y, mode, layers, selected, title, found)
        bounds = {e.key: e.bounds(y, mode) for e in entries}
        v.overlay_legend = [
            {"name": f"{e.overlay.name} ({bounds[e.key][1] - bounds[e.key][0]:,})",
             "color": e.color}
            for e in entries
        ]  # fmt: skip
        years[str(y)] = {
            "stamp": stamp_payload(v),
            "layers": {
                key: layer_ref(getattr(v, attr))
                for key, (_, attr) in LAYER_FIELDS.items()
                if key in layers
            },
            "overlays": {key: list(b) for key, b in bounds.items()},
        }
    return {"slider": YEAR_LABEL, "year": year, "years": years}


def atlas_map(view: MapView, *, key: str, height: int = 700) -> tuple[str, str] | None:
    """Draw the map and return ``(kind, id)`` of a feature the analyst just clicked, if any."""
    if "map_center" not in st.session_state:  # first run: restore a shared URL's extent
        extent = parse_view(st.query_params.get("view"))
        st.session_state.map_center = (extent.lat, extent.lon) if extent else None
        st.session_state.map_zoom = extent.zoom if extent else None
    result = st_folium(
        build_base_map(),
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=year_groups(view, publisher(key)),
        layer_control=folium.LayerControl(collapsed=True),
        returned_objects=RETURNED,
        center=st.session_state.map_center,
        zoom=st.session_state.map_zoom,
    )
    count = (result or {}).get("last_object_clicked_count")
    seen_key = f"{key}_clicks_seen"
    if not count or count == st.session_state.get(seen_key):
        return None
    st.session_state[seen_key] = count
    return traced_id((result or {}).get("last_object_clicked_tooltip"))


def _warm(ds: Dataset) -> None:
    for mode in MODES:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            view = map_view(ds, year, mode, list(map_layers.LAYERS), selected=None)
            for payload in (view.routes, view.places, view.circles, view.events):
                layer_ref(payload)
            summary_line(ds, year, mode)
            timeline_spec(ds.events, ds.periods, year, None)
    WARMED.set()
    # Streamlit runs a full garbage collection after every script run (runner.postScriptGC).
    # With geopandas, folium and Altair loaded that walks ~170,000 long-lived objects and
    # took ~140 ms of every year change. Everything alive now (modules, the dataset, the
    # built layers) lives as long as the process: move it out of the collector's sight.
    gc.freeze()


@st.cache_resource(show_spinner=False)
def start_warming(_ds: Dataset) -> threading.Thread:
    """Build every year's map layers once per process, in the background.

    A year change then only looks its layers up (the first visit to a year cost ~50 ms of
    the server's time before the map could update). Everything built is shared read-only.
    Then the process's long-lived objects are frozen out of the garbage collector.
    """
    thread = threading.Thread(target=_warm, args=(_ds,), name="atlas-warm", daemon=True)
    thread.start()
    return thread
