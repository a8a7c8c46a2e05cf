"""Compare page: two years side by side on synced maps, with a table of differences."""

import streamlit as st

from components.compare_view import compare_map, difference_table
from components.data import load_dataset
from geo.dates import format_event_dates
from geo.text import escape_markdown as md
from geo.timeline import FIRST_YEAR, LAST_YEAR, events_shown
from geo.view import View

ds = load_dataset()
years = list(range(FIRST_YEAR, LAST_YEAR + 1))
layers = list(st.session_state.get("layers") or [])
mode = st.session_state.get("mode") or "year"  # the sidebar's mode, shown on both stamps
pick_a, pick_b, _ = st.columns([1, 1, 3])
first = pick_a.selectbox("First year", years, index=years.index(2010), key="cmp_a",
                         bind="query-params")  # fmt: skip
second = pick_b.selectbox("Second year", years, index=years.index(2012), key="cmp_b",
                          bind="query-params")  # fmt: skip
st.caption(f"Showing {md(View(mode=mode).mode_label())} (the sidebar's choice), with the "
           "sidebar's layers. Pan or zoom either map and the other follows.")  # fmt: skip
left, right = st.columns(2, gap="small")
for col, year, key in ((left, first, "compare_a"), (right, second, "compare_b")):
    with col:
        compare_map(year, mode, layers, key=key)
        shown = events_shown(ds.events, year, mode)
        scope = f"in {year}" if mode == "year" else f"up to {year}"
        with st.expander(f"Events {scope} · {len(shown)}"):
            st.markdown("\n".join(
                f"- {md(format_event_dates(r.date, r.date_precision, r.end_date))} · {md(r.title)}"
                for r in shown.itertuples()
            ) or "None recorded.")  # fmt: skip
st.markdown(f"#### What differs between {first} and {second}")
difference_table(ds, first, second, mode)
