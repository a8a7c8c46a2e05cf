"""Chronology page: every event and period 1994–2015, filters, search and the event card."""

import streamlit as st

from components.chronology import chronology_filters, chronology_timeline
from components.controls import current_view, pick_event, selected_event
from components.data import load_dataset
from components.event_list import event_card
from components.mini_map import event_mini_map
from geo.dates import format_event_dates

ds = load_dataset()
window = current_view().window  # the sidebar's year, month, day or window
selected = selected_event()

st.markdown("#### Chronology 1994–2015 · events by category, closures and missions as bars")
shown = chronology_filters(ds)
st.caption(
    f"{len(shown)} of {len(ds.events)} events match · {window.label()} shaded · click a mark "
    "or pick from the list to open its card; the Map page then shows it selected."
)
chronology_timeline(
    shown, ds.periods, window, selected=selected, key="chrono_chart", drones=ds.drones
)

col_list, col_card = st.columns([1, 1.3], gap="medium")
with col_list:
    labels = {
        r.id: f"{format_event_dates(r.date, r.date_precision, None)} · {r.title}"
        for r in shown.itertuples()
    }
    st.session_state.chrono_list = selected if selected in labels else None
    with st.container(height=460):
        st.radio(
            "Matching events", list(labels), index=None, key="chrono_list",
            format_func=labels.get,
            on_change=lambda: pick_event(ds.events, st.session_state.chrono_list),
        )  # fmt: skip
    if shown.empty:
        st.info("No event matches these filters. Clear a filter or the search text.")
with col_card:
    if selected and selected in set(ds.events["id"]):
        row = ds.events[ds.events["id"] == selected]
        event_card(row.iloc[0])
        if row.iloc[0].geometry is not None:
            event_mini_map(row, key="chrono_map")
        else:
            st.caption("This event has no single place, so it is not on a map.")
    else:
        st.info("Select an event to see its card and a small map.")
