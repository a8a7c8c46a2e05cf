"""Map page: routes, places and the window's events, with the timeline and event list."""

import streamlit as st

from components.atlas_map import atlas_map, overlay_inputs
from components.briefing import briefing_map
from components.controls import (
    apply_view,
    current_view,
    pick_event,
    scope_view_changes,
    select_event,
)
from components.data import load_dataset, scene_for
from components.deck_panel import deck_panel
from components.event_list import event_card, event_list
from components.export_panel import export_panel, export_text
from components.map_notes import map_notes_panel
from components.overlays import (
    overlay_record_card,
    overlay_store,
    upload_unread,
    visible_overlays,
)
from components.place_search import found_place, place_search
from components.timeline import event_timeline
from geo.dates import format_event_dates
from geo.text import escape_markdown as md

ds = load_dataset()


def _stale_selection(selected: str) -> None:
    """A selected event outside the window: say where it is, offer to go there."""
    rows = ds.events[ds.events["id"] == selected]
    if rows.empty:
        select_event(None)
        return
    row = rows.iloc[0]
    when = format_event_dates(row["date"], row["date_precision"], row["end_date"])
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(f"The selected event, {md(row['title'])}, is in {md(when)}: not in this view.")
    right.button(f"Go to {int(row['year'])}", key="stale_go", on_click=pick_event,
                 args=(ds.events, selected), kwargs={"page": "app_pages/map.py"})  # fmt: skip


@st.fragment(key="map_page")
def map_page() -> None:
    """Everything that follows the time, mode and layers: a change reruns only this."""
    if upload_unread():
        st.rerun()  # a full run was cut short before the sidebar read the upload
    view = current_view().with_(place=found_place())
    entries = [e for e, _ in visible_overlays(view.year, view.mode)]
    scene = scene_for(view, overlay_inputs(entries))
    in_view = {e.id for e in scene.events}
    stale = view.selected if view.selected and view.selected not in in_view else None
    if stale:
        view = view.with_(selected=None)  # never drawn, listed or exported as selected
        scene = scene_for(view, overlay_inputs(entries))
    if briefing_map(scene, entries):
        return  # briefing mode: the map alone fills the window

    st.markdown(f"#### {md(scene.summary)}")
    col_map, col_side = st.columns([3, 1.3], gap="small")
    with col_map:
        place_search(ds)
        clicked = atlas_map(scene, entries, key="atlas_map")
        export_panel(ds, view, entries)
        title, banner = export_text()
        saved = view.with_(
            overlays=tuple(e.overlay.name for e in entries),
            title=title or view.title,
            banner=banner,
        )  # the export panel's title and banner go into a saved view too
        opened = deck_panel(saved, [e.overlay.name for e in overlay_store().values()])
        if opened is not None:
            apply_view(opened)
            st.rerun()  # a full run: the sidebar's controls move to the opened view
    if clicked and clicked[0] == "event" and clicked[1] != view.selected:
        select_event(clicked[1])
        st.rerun()
    if clicked and clicked[0] == "overlay":
        st.session_state.overlay_pick = clicked[1]

    with col_side:
        if stale:
            _stale_selection(stale)
        if not scene.events:
            st.info(f"No recorded events in {view.window.label()}. Routes and places are "
                    "still shown.")  # fmt: skip
        else:
            st.markdown(f"**Events · {len(scene.events)}**")
            event_list(scene, key="event_pick")
        if view.selected:
            row = ds.events[ds.events["id"] == view.selected].iloc[0]
            event_card(row)
        overlay_record_card(st.session_state.get("overlay_pick"))
        map_notes_panel(scene)

    st.caption(
        f"Timeline of all events, 1994–2015 · {view.window.label()} highlighted · "
        "click an event to select it"
    )
    event_timeline(ds, view, key="timeline")


scope_view_changes("map_page")
map_page()
