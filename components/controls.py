"""Sidebar controls shared by every page: year, mode, layers; all kept in the URL."""

import geopandas as gpd
import streamlit as st

from components.map_layers import LAYERS
from components.play import advance_play, play_controls
from geo.timeline import FIRST_YEAR, LAST_YEAR, MODES, clamp_year

DEFAULT_YEAR = 2011
YEAR_LABEL = "Year"  # the map finds the slider by this label (atlas.js follows it)
DEFAULT_MODE = "year"


def _step(delta: int) -> None:
    st.session_state.year = clamp_year(st.session_state.get("year", DEFAULT_YEAR) + delta)


BOUND = {"year", "mode", "layers", "briefing"}  # query parameters bound to widgets
SCOPE_KEY = "_view_scope"  # fragments that the year, mode and layer controls rerun alone


def scope_view_changes(*fragment_keys: str) -> None:
    """Let year, mode and layer changes rerun only these fragments of the current page.

    Call it in the page's full run, right before drawing the fragments; everything that
    depends on the year must be inside them. Pages that do not call it rerun whole.
    """
    st.session_state[SCOPE_KEY] = list(fragment_keys)


def _view_changed() -> None:
    # A keyed rerun replaces the interaction's full-app rerun: the sidebar and the page
    # around the fragments stay as they are, so the server does less and the browser
    # redraws less. The keys were registered by the page drawn in the last full run.
    keys = st.session_state.get(SCOPE_KEY)
    if keys:
        st.rerun(keys)


def year_controls() -> tuple[int, str, list[str]]:
    """Draw the year slider, step buttons, mode and layer choice; return their values."""
    st.session_state[SCOPE_KEY] = []  # a full run: the page registers its fragments again
    advance_play(DEFAULT_YEAR)
    # Never disabled at 1994/2015 (they clamp instead): a slider change reruns only the
    # page's fragment, so a disabled state drawn here could be stale.
    back, fwd = st.columns(2)
    back.button("◀ Year", on_click=_step, args=(-1,), width="stretch",
                help="Previous year (stays at 1994)", key="year_back")  # fmt: skip
    fwd.button("Year ▶", on_click=_step, args=(1,), width="stretch",
               help="Next year (stays at 2015)", key="year_fwd")  # fmt: skip
    year = st.slider(
        YEAR_LABEL, FIRST_YEAR, LAST_YEAR, DEFAULT_YEAR, key="year", bind="query-params",
        help="Arrow keys step one year; Home and End jump to 1994 and 2015.",
        on_change=_view_changed,
    )  # fmt: skip
    play_controls()
    mode = st.segmented_control(
        "Show", list(MODES), default=DEFAULT_MODE, format_func=MODES.get, key="mode",
        bind="query-params", selection_mode="single", required=True, on_change=_view_changed,
    )  # fmt: skip
    layers = st.pills(
        "Layers", list(LAYERS), default=list(LAYERS), format_func=LAYERS.get,
        selection_mode="multi", key="layers", bind="query-params", on_change=_view_changed,
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


def pick_event(events: gpd.GeoDataFrame, event_id: str | None, *, page: str | None = None) -> None:
    """Select an event everywhere: ``?event=``, the shared year, and the map's centre.

    ``page``: the page the pick was made on, when the pick was made inside a fragment (the
    Map page's timeline). A pick in another year then reopens that page at the event's
    year, so the sidebar's slider moves too; a fragment's own rerun would leave it behind.
    """
    rows = events[events["id"] == event_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    center = None if row.geometry is None else (row.geometry.y, row.geometry.x)
    select_event(event_id, center=center)
    # select_event sets the map's centre; the Map page needs a zoom to go with it even when
    # it has not been opened yet in this session.
    st.session_state.map_zoom = st.session_state.get("map_zoom") or 7
    year = int(row["year"])
    if FIRST_YEAR <= year <= LAST_YEAR and year != st.session_state.get("year"):
        st.session_state.year = year
        if page is not None:
            # Widget-bound parameters (year, mode, layers, briefing) follow their widgets.
            keep = [(k, v) for k in st.query_params if k not in BOUND
                    for v in st.query_params.get_all(k)]  # fmt: skip
            st.switch_page(page, query_params=keep)


def pick_from_chart(key: str, events: gpd.GeoDataFrame, page: str | None = None) -> None:
    """``on_select`` callback of a chart whose point selection is named ``pick`` (by event id)."""
    picked = ((st.session_state.get(key) or {}).get("selection") or {}).get("pick") or []
    if picked:
        pick_event(events, picked[0].get("id"), page=page)
