"""Two synced maps of two years side by side, and the table of what differs."""

import streamlit as st
from streamlit_folium import st_folium

from components.atlas_map import map_view
from components.event_map import AtlasCall, build_base_map, year_groups
from components.served import publisher
from geo.compare import compare_years
from geo.io import Dataset

SYNC_GROUP = "compare"


def compare_map(ds: Dataset, year: int, layers: list[str], *, key: str, height: int = 520) -> None:
    """Draw one year's map; every compare map shares one view (Atlas.sync in atlas.js)."""
    base = build_base_map(
        title=f"NATO–Pakistan Atlas · {year}", sync_url=False, compact_legend=True
    )
    base.add_child(AtlasCall("sync", {"group": SYNC_GROUP}, on_map=True))
    view = map_view(ds, year, "year", layers, selected=None)
    st_folium(
        base, key=key, height=height, use_container_width=True, returned_objects=[],
        feature_group_to_add=year_groups(view, publisher(key)),
    )  # fmt: skip


def difference_table(ds: Dataset, first: int, second: int) -> None:
    """Draw the aspects of the two years side by side, changed rows marked."""
    table = compare_years(ds.events, ds.periods, first, second)
    table["changed"] = table["changed"].map({True: "changed", False: "same"})
    # A static table wraps long status notes instead of truncating them (screenshots).
    st.table(table.rename(columns={"aspect": "Aspect", "changed": "Change"}).set_index("Aspect"))
