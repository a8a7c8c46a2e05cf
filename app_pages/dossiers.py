"""Dossiers page: one dossier per place and per route, chosen by name and kept in ?dossier=."""

import streamlit as st

from components.data import load_dataset
from components.dossier_view import dossier_options, place_dossier, route_dossier

DEFAULT = "route:route_torkham_n5"

ds = load_dataset()
options = dossier_options(ds)
keys = list(options)
# The URL keeps the id (?dossier=place:torkham_crossing), not the long label a bound
# selectbox would write, so links stay short and survive renamed places.
wanted = st.query_params.get("dossier")
if "dossier" not in st.session_state:
    st.session_state.dossier = wanted if wanted in options else DEFAULT
choice = st.selectbox("Dossier", keys, format_func=options.get, key="dossier",
                      placeholder="Type a place or route name")  # fmt: skip
st.query_params["dossier"] = choice
kind, _, ident = choice.partition(":")
if kind == "route":
    route_dossier(ds, ident)
else:
    place_dossier(ds, ident)
