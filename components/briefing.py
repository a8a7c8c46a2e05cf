"""Briefing mode: Streamlit's chrome and the sidebar hidden, the map filling the window."""

import streamlit as st

from components.atlas_map import atlas_map
from components.event_map import MapView

BRIEFING_HEIGHT = 880  # px: a 1080p screen's browser window less the exit link
# Fixed CSS only: no analyst text ever reaches it.
_HIDE_CHROME = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="stExpandSidebarButton"],
[data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.25rem 0.5rem 0 0.5rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] > section, [data-testid="stMain"] { padding-top: 0 !important; }
</style>"""


def briefing_toggle() -> bool:
    """Draw the sidebar toggle (kept in ``?briefing=``); when on, hide the app's chrome."""
    on = st.toggle(
        "Briefing mode", key="briefing", bind="query-params",
        help="Hide the sidebar and Streamlit's toolbar so the map fills the window. "
        "Leave with the “Exit briefing mode” link above the map, or remove ?briefing from the URL.",
    )  # fmt: skip
    if on:
        st.html(_HIDE_CHROME)
    return bool(on)


def _leave() -> None:
    st.session_state.briefing = False
    # The exit link is inside the Map page's fragment: ask for a full rerun, which redraws
    # the sidebar (and drops the CSS that hid it), not just the fragment.
    st.rerun()


def briefing_map(view: MapView) -> bool:
    """In briefing mode, draw only the exit link and a tall map, and return True."""
    if not st.session_state.get("briefing"):
        return False
    st.button("Exit briefing mode", icon=":material/close_fullscreen:", type="tertiary",
              on_click=_leave, key="briefing_exit")  # fmt: skip
    atlas_map(view, key="atlas_map", height=BRIEFING_HEIGHT)
    return True
