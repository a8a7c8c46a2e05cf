"""Briefing mode: Streamlit's chrome and the sidebar hidden, the map filling the window."""

import streamlit as st

from components.atlas_map import atlas_map
from components.overlays import OverlayEntry
from geo.scene import Scene

BRIEFING_HEIGHT = 880  # px: the iframe's own height, before the CSS below sizes it
# Fixed CSS only: no analyst text ever reaches it.
_HIDE_CHROME = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="stExpandSidebarButton"],
[data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.25rem 0.5rem 0 0.5rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] > section, [data-testid="stMain"] { padding-top: 0 !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; }
/* The map fills the window: the iframe is sized from the page, not by streamlit-folium. */
iframe[title="streamlit_folium.st_folium"] { height: 100vh !important; width: 100vw !important;
  display: block; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
/* The exit affordance floats over the map and fades out while the mouse is still. */
.st-key-briefing_exit { position: fixed !important; top: 8px; right: 8px; z-index: 1000;
  width: auto !important; opacity: 0.0; transition: opacity 0.4s; }
.st-key-briefing_exit:hover, .st-key-briefing_exit:focus-within { opacity: 1.0; }
[data-testid="stElementContainer"]:has(iframe[title="streamlit_folium.st_folium"]) {
  margin: 0 !important; }
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


def briefing_map(scene: Scene, entries: list[OverlayEntry]) -> bool:
    """In briefing mode, draw only the map, filling the window, and return True.

    The exit button floats over the map's top-right corner and shows only on hover or
    keyboard focus, so a screenshot holds the map alone.
    """
    if not st.session_state.get("briefing"):
        return False
    st.button("Exit briefing mode", icon=":material/close_fullscreen:", type="secondary",
              on_click=_leave, key="briefing_exit")  # fmt: skip
    atlas_map(scene, entries, key="atlas_map", height=BRIEFING_HEIGHT, briefing=True)
    return True
