"""The one st_folium call: base map mounted once, per-year layers swapped in place."""

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from components import map_layers
from components.event_map import MapView, build_base_map, year_groups
from components.overlay_layer import overlay_feature_group
from components.overlays import OverlayEntry
from components.popups import traced_id
from geo.io import Dataset
from geo.summary import mode_label
from geo.timeline import events_shown
from geo.viewstate import parse_view

RETURNED = ["last_object_clicked_tooltip", "last_object_clicked_count"]


def map_view(
    ds: Dataset,
    year: int,
    mode: str,
    layers: list[str],
    *,
    selected: str | None,
    title: str = "NATO–Pakistan Atlas",
    overlays: list[tuple[OverlayEntry, pd.DataFrame]] | None = None,
) -> MapView:
    """Return what the map shows for a year, mode and layer choice."""
    shown = events_shown(ds.events, year, mode)
    return MapView(
        year=year,
        stamp_title=f"{title} · {year} · {mode_label(mode)}",
        stamp_subtitle=(
            f"{len(shown)} events · routes styled by status in {year} · "
            "bundled basemap (Natural Earth)"
        ),
        view_key=f"{year}|{mode}|{','.join(layers)}|{selected or ''}",
        routes=map_layers.route_lines(ds.routes, ds.periods, year),
        places=map_layers.place_markers(ds.places, ds.periods, year),
        circles=map_layers.uncertainty_circles(ds.places),
        events=map_layers.event_markers(shown, selected=selected),
        overlays=[
            overlay_feature_group(
                rows,
                name=e.overlay.name,
                color=e.color,
                key=e.key,
                payload=e.shown(year, mode)[1],
            )
            for e, rows in overlays or []
            if not rows.empty
        ],
        overlay_legend=[
            {"name": f"{e.overlay.name} ({len(rows):,})", "color": e.color}
            for e, rows in overlays or []
        ],
        layers=tuple(layers),
    )


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
        feature_group_to_add=year_groups(view),
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
