"""About page: what the data is, where it comes from, and how sure we are."""

import streamlit as st

from components.data import load_dataset
from components.provenance_view import provenance_panels
from geo.text import escape_markdown as md

ds = load_dataset()
st.title("About the data")
meta = ds.metadata
st.markdown(
    f"Dataset version **{md(meta.get('dataset_version', '?'))}**, data as of "
    f"**{md(meta.get('data_as_of', '?'))}**: {len(ds.places)} places, {len(ds.routes)} route "
    f"lines, {len(ds.events)} events, {len(ds.periods)} status periods."
)
st.markdown(
    "Every fact carries its sources. Where sources disagree the Atlas shows the disagreement "
    "and both figures. Places carry an uncertainty radius; routes are drawn as town-to-town "
    "traces along the named highways. Below, every disagreement in one place; an event's "
    "card on the Map or Chronology page gives each claim with its source."
)

provenance_panels(ds)
