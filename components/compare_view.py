"""Two synced maps of two years side by side, and the table of what differs."""

import streamlit as st
from streamlit_folium import st_folium

from components.atlas_map import basemap_url, layer_refs
from components.data import scene_for
from geo.compare import compare_years
from geo.io import Dataset
from geo.view import TimeWindow, View
from render.folium_map import AtlasCall, build_base_map, layer_groups

SYNC_GROUP = "compare"


def compare_map(year: int, mode: str, layers: list[str], *, key: str, height: int = 700) -> None:
    """Draw one year's map in the sidebar's mode; every compare map shares one extent.

    The shared opening extent is the Map page's (zoom 6 over Karachi, both corridors and
    Kabul): a half-width map needs 700 px of height to hold it between the title stamp and
    the pointer readout. At 520 px the stamp covered Kabul, Torkham and Peshawar, and
    Karachi sat on the bottom edge.
    """
    base = build_base_map(title=f"NATO–Pakistan Atlas · {year}", basemap_url=basemap_url(),
                          sync_url=False, compact_legend=True)  # fmt: skip
    base.add_child(AtlasCall("sync", {"group": SYNC_GROUP}, on_map=True))
    scene = scene_for(View(window=TimeWindow.of_year(year), mode=mode, layers=tuple(layers)))
    st_folium(
        base, key=key, height=height, use_container_width=True, returned_objects=[],
        feature_group_to_add=layer_groups(scene, refs=layer_refs(scene)),
    )  # fmt: skip


def difference_table(ds: Dataset, first: int, second: int, mode: str = "year") -> None:
    """Draw the aspects of the two years side by side, changed rows marked."""
    table = compare_years(ds, first, second, mode)
    table["changed"] = table["changed"].map({True: "changed", False: "same"})
    # A static table wraps long status notes instead of truncating them (screenshots).
    st.table(table.rename(columns={"aspect": "Aspect", "changed": "Change"}).set_index("Aspect"))
