"""Naive baseline: a new folium.Map with every feature added one by one on each rerun.

It keeps what any Streamlit app would (the dataset cached per process, an overlay parsed
once per upload by the Atlas's own loader) and does the map the naive way: one folium
object per route, place, event and overlay point, and ``st_folium(m)`` with its defaults,
so the iframe is re-created on every change and reruns the script a second time. It uses
the same local Leaflet as the Atlas and draws no basemap, which favours the baseline.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from geo.io import Dataset, read_dataset  # noqa: E402
from geo.overlay import load_overlay, overlay_in_year  # noqa: E402
from geo.status import corridor_year_status  # noqa: E402
from geo.style import CATEGORY_STYLES, PLACE_STYLES, STATUS_STYLES, svg_marker  # noqa: E402
from geo.text import escape_text  # noqa: E402
from geo.timeline import events_shown  # noqa: E402
from render.assets import use_local_assets, vendor_assets  # noqa: E402
from render.folium_map import CENTER, ZOOM  # noqa: E402

vendor_assets(HERE / "static")  # Streamlit serves static/ next to the main script
use_local_assets()


@st.cache_resource
def _dataset() -> Dataset:
    return read_dataset()


def _icon(shape: str, color: str, size: int, cls: str) -> folium.DivIcon:
    return folium.DivIcon(
        html=svg_marker(shape, color, size=size), icon_size=(size, size),
        icon_anchor=(size // 2, size // 2), class_name=cls,
    )  # fmt: skip


ds = _dataset()
year = st.slider("Year", 1994, 2015, 2011, key="year", bind="query-params")
with st.sidebar:
    upload = st.file_uploader("Overlay", type=["csv", "geojson", "json"])
    if upload is not None and st.session_state.get("ov_id") != upload.file_id:
        st.session_state.ov_id = upload.file_id
        st.session_state.ov = load_overlay(upload.getvalue(), upload.name)
    if upload is None:
        st.session_state.pop("ov", None)
    if "ov" in st.session_state:
        st.write(f"{len(st.session_state.ov.events):,} events loaded")

m = folium.Map(location=CENTER, zoom_start=ZOOM, tiles=None, max_zoom=18)
for route in ds.routes.itertuples():
    style = STATUS_STYLES[corridor_year_status(ds.spells, route.corridor, year).status]
    folium.PolyLine(
        [(lat, lon) for lon, lat in route.geometry.coords], color=style.color, weight=4,
        dash_array=style.dash, tooltip=escape_text(route.name), class_name="atlas-route",
    ).add_to(m)  # fmt: skip
for place in ds.places.itertuples():
    style = PLACE_STYLES[place.kind]
    folium.Marker(
        (place.geometry.y, place.geometry.x), tooltip=escape_text(place.name),
        icon=_icon(style.shape, style.color, 12, "atlas-place"),
    ).add_to(m)  # fmt: skip
for event in events_shown(ds.events, year, "year").itertuples():
    if event.geometry is None or event.geometry.is_empty:
        continue
    style = CATEGORY_STYLES[event.category]
    folium.Marker(
        (event.geometry.y, event.geometry.x), tooltip=escape_text(event.title),
        icon=_icon(style.shape, style.color, 20, "atlas-event"),
    ).add_to(m)  # fmt: skip
if "ov" in st.session_state:
    rows = overlay_in_year(st.session_state.ov, year)
    for lat, lon, label in zip(rows["lat"], rows["lon"], rows["label"], strict=True):
        folium.CircleMarker(
            (lat, lon), radius=5, color="#332288", fill=True, fill_opacity=0.75, weight=1,
            tooltip=escape_text(label), class_name="naive-ov",
        ).add_to(m)  # fmt: skip
folium.Marker(
    CENTER, icon=folium.DivIcon(html=f'<b class="naive-year" data-year="{year}">{year}</b>')
).add_to(m)
st_folium(m)
