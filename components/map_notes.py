"""The text "what is on the map now" panel beside the map; it doubles as slide notes."""

import geopandas as gpd
import streamlit as st

from components.map_layers import LAYERS
from geo.io import Dataset
from geo.mapnotes import map_notes
from geo.text import escape_markdown as md


def map_notes_panel(
    ds: Dataset,
    shown: gpd.GeoDataFrame,
    *,
    year: int,
    mode: str,
    layers: list[str],
    selected: str | None,
    place: str | None = None,
) -> None:
    """Draw the summary of the map's content as a bulleted list in an open expander."""
    place_name = None
    if place:
        rows = ds.places[ds.places["id"] == place]
        place_name = None if rows.empty else str(rows.iloc[0]["name"])
    lines = map_notes(
        shown, ds.routes, ds.periods, year=year, mode=mode,
        layers=[LAYERS[k] for k in LAYERS if k in layers], selected=selected, place=place_name,
    )  # fmt: skip
    with st.expander("What is on the map now · slide notes", expanded=True,
                     icon=":material/notes:"):  # fmt: skip
        st.markdown("\n".join(f"- {md(line)}" for line in lines))
