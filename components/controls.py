"""Sidebar controls shared by every page: year, mode, layers; all kept in the URL."""

import geopandas as gpd
import streamlit as st

from components.map_layers import LAYERS
from components.play import advance_play, play_controls
from geo.timeline import FIRST_YEAR, LAST_YEAR, MODES, clamp_year

DEFAULT_YEAR = 2011
DEFAULT_MODE = "year"


def _step(delta: int) -> None:
    st.session_state.year = clamp_year(st.session_state.get("year", DEFAULT_YEAR) + delta)


def year_controls() -> tuple[int, str, list[str]]:
    """Draw the year slider, step buttons, mode and layer choice; return their values."""
    advance_play(DEFAULT_YEAR)
    year = st.session_state.get("year", DEFAULT_YEAR)
    back, fwd = st.columns(2)
    back.button("◀ Year", on_click=_step, args=(-1,), disabled=year <= FIRST_YEAR,
                width="stretch", help="Previous year", key="year_back")  # fmt: skip
    fwd.button("Year ▶", on_click=_step, args=(1,), disabled=year >= LAST_YEAR,
               width="stretch", help="Next year", key="year_fwd")  # fmt: skip
    year = st.slider(
        "Year", FIRST_YEAR, LAST_YEAR, DEFAULT_YEAR, key="year", bind="query-params",
        help="Arrow keys step one year; Home and End jump to 1994 and 2015.",
    )  # fmt: skip
    play_controls()
    mode = st.segmented_control(
        "Show", list(MODES), default=DEFAULT_MODE, format_func=MODES.get, key="mode",
        bind="query-params", selection_mode="single", required=True,
    )  # fmt: skip
    layers = st.pills(
        "Layers", list(LAYERS), default=list(LAYERS), format_func=LAYERS.get,
        selection_mode="multi", key="layers", bind="query-params",
    )  # fmt: skip
    return year, mode or DEFAULT_MODE, list(layers or [])


def selected_event() -> str | None:
    """Return the selected event id, which lives in ``?event=`` so a shared URL keeps it."""
    if "event" not in st.session_state:
        st.session_state.event = st.query_params.get("event")
    return st.session_state.event


def select_event(event_id: str | None, *, center: tuple[float, float] | None = None) -> None:
    """Select an event (or clear with ``None``), update the URL and optionally re-centre the map."""
    st.session_state.event = event_id
    if event_id:
        st.query_params["event"] = event_id
    elif "event" in st.query_params:
        del st.query_params["event"]
    if center is not None:
        st.session_state.map_center = center


def pick_event(events: gpd.GeoDataFrame, event_id: str | None) -> None:
    """Select an event everywhere: ``?event=``, the shared year, and the map's centre."""
    rows = events[events["id"] == event_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    center = None if row.geometry is None else (row.geometry.y, row.geometry.x)
    select_event(event_id, center=center)
    # select_event sets the map's centre; the Map page needs a zoom to go with it even when
    # it has not been opened yet in this session.
    st.session_state.map_zoom = st.session_state.get("map_zoom") or 7
    if FIRST_YEAR <= int(row["year"]) <= LAST_YEAR:
        st.session_state.year = int(row["year"])


def pick_from_chart(key: str, events: gpd.GeoDataFrame) -> None:
    """``on_select`` callback of a chart whose point selection is named ``pick`` (by event id)."""
    picked = ((st.session_state.get(key) or {}).get("selection") or {}).get("pick") or []
    if picked:
        pick_event(events, picked[0].get("id"))
