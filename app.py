"""NATO–Pakistan Atlas: page config, shared sidebar controls, navigation."""

from geo.gdal_guard import harden_gdal_environment

# GDAL must never follow a VRT or fetch a URL on our behalf: set before geopandas loads.
harden_gdal_environment()

import streamlit as st

from components.atlas_map import basemap_url
from components.briefing import briefing_toggle
from components.controls import year_controls
from components.data import load_dataset
from components.overlays import overlay_panel
from components.warmup import nodelay_listeners
from geo.errors import AtlasDataError
from render.assets import favicon_data_url, vendor_assets

st.set_page_config(page_title="NATO–Pakistan Atlas", page_icon=favicon_data_url(), layout="wide")
if "_nodelay_sockets" not in st.session_state:
    # `streamlit run app.py` has no start-up hook (serve.py sets this before its health
    # check): without TCP_NODELAY every keep-alive response after a connection's first
    # waits 44 ms for the browser's delayed ACK (components/warmup.nodelay_listeners).
    st.session_state._nodelay_sockets = nodelay_listeners()
vendor_assets()

try:
    load_dataset()
    basemap_url()
except AtlasDataError as exc:
    st.title("NATO–Pakistan Atlas")
    st.error(f"The Atlas cannot start because a bundled data file is not usable: {exc}")
    st.info("Restore the file from the repository (`git checkout -- data/`) and reload the page.")
    st.stop()

page = st.navigation(
    [
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("app_pages/chronology.py", title="Chronology", icon=":material/timeline:"),
        st.Page("app_pages/dossiers.py", title="Dossiers", icon=":material/folder_open:"),
        st.Page("app_pages/compare.py", title="Compare years", icon=":material/compare:"),
        st.Page("app_pages/about.py", title="About the data", icon=":material/info:"),
    ]
)
with st.sidebar:
    st.markdown("**NATO–Pakistan Atlas** · 1994–2015")
    year_controls()
    briefing_toggle()
    with st.expander("Your overlays", icon=":material/upload_file:"):
        overlay_panel()
page.run()
