"""A small offline map of one event or place, for cards and dossiers (its own st_folium key)."""

import folium
import geopandas as gpd
from streamlit_folium import st_folium

from components.atlas_map import basemap_url
from components.data import scene_for
from geo.view import TimeWindow, View
from render.assets import use_local_assets
from render.folium_map import AtlasCall
from render.leaflet import event_markers


def build_mini_map(
    center: tuple[float, float],
    *,
    zoom: int,
    markers: list[dict],
    lines: list[dict] | None = None,
    circles: list[dict] | None = None,
) -> folium.Map:
    """Return a small folium map: the bundled basemap and the given Atlas payloads, no legend."""
    use_local_assets()
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   min_zoom=3, max_zoom=14)  # fmt: skip
    m.options.update({"max_zoom": 14, "min_zoom": 3})
    m.add_child(AtlasCall("basemap", {"url": basemap_url()}, on_map=True))
    group = folium.FeatureGroup(name="items", control=False).add_to(m)
    for fn, payload in (("circles", circles), ("lines", lines), ("markers", markers)):
        if payload:
            group.add_child(AtlasCall(fn, payload))
    return m


def event_mini_map(event: gpd.GeoDataFrame, *, key: str, height: int = 280) -> None:
    """Draw a one-event map (``event`` is a one-row frame with a geometry)."""
    row = event.iloc[0]
    scene = scene_for(View(window=TimeWindow.of_year(int(row["year"])), layers=("events",),
                           selected=str(row["id"])))  # fmt: skip
    markers = [m for m in event_markers(scene) if m["selected"]]
    m = build_mini_map((row.geometry.y, row.geometry.x), zoom=7, markers=markers)
    st_folium(m, key=key, height=height, use_container_width=True, returned_objects=[])
