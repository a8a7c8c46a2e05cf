"""Benchmark floor: a slider and one line of text, the round trip Streamlit itself costs."""

import streamlit as st

year = st.slider("Year", 1994, 2015, 2011, key="year", bind="query-params")
st.markdown(f'<p class="floor-year" data-year="{year}">Year {year}</p>', unsafe_allow_html=True)
