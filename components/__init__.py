"""Streamlit and Folium drawing for the Atlas."""
