"""Map page: routes, places and the year's events, with the timeline and event list."""

import streamlit as st

from components.atlas_map import atlas_map, map_view
from components.briefing import briefing_map
from components.controls import scope_view_changes, select_event, selected_event
from components.data import load_dataset, shown_events, summary_line
from components.event_list import event_card, event_list
from components.export_panel import export_panel
from components.map_notes import map_notes_panel
from components.overlays import overlay_record_card, visible_overlays
from components.place_search import found_place, place_search
from components.timeline import event_timeline
from geo.text import escape_markdown as md

ds = load_dataset()


@st.fragment(key="map_page")
def map_page() -> None:
    """Everything that follows the year, mode and layers: a change reruns only this."""
    year, mode = st.session_state.year, st.session_state.mode or "year"
    layers = list(st.session_state.layers or [])
    selected = selected_event()
    if selected and selected not in set(ds.events["id"]):
        select_event(None)
        selected = None
    shown = shown_events(ds, year, mode)
    view = map_view(
        ds, year, mode, layers, selected=selected, overlays=visible_overlays(year, mode),
        found=found_place(), follow_slider=True,
    )  # fmt: skip
    if briefing_map(view):
        return  # briefing mode: the map alone fills the window

    st.markdown(f"#### {md(summary_line(ds, year, mode))}")
    col_map, col_side = st.columns([3, 1.3], gap="small")
    with col_map:
        place_search(ds)
        clicked = atlas_map(view, key="atlas_map")
        export_panel(ds, year, mode, layers, selected=selected)
    if clicked and clicked[0] == "event" and clicked[1] != selected:
        select_event(clicked[1])
        st.rerun()
    if clicked and clicked[0] == "overlay":
        st.session_state.overlay_pick = clicked[1]

    with col_side:
        if shown.empty:
            st.info(f"No recorded events in {year}. Routes and places are still shown.")
        else:
            st.markdown(f"**Events · {len(shown)}**")
            event_list(shown, selected, key="event_pick")
        if selected:
            row = ds.events[ds.events["id"] == selected].iloc[0]
            event_card(row)
        overlay_record_card(st.session_state.get("overlay_pick"))
        map_notes_panel(ds, shown, year=year, mode=mode, layers=layers, selected=selected,
                        place=found_place())  # fmt: skip

    st.caption(
        f"Timeline of all events, 1994–2015 · {year} highlighted · click an event to select it"
    )
    event_timeline(ds.events, ds.periods, year, selected=selected, key="timeline")


scope_view_changes("map_page")
map_page()
