"""Streamlit pages: wiring only."""
