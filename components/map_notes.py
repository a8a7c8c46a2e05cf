"""The text "what is on the map now" panel beside the map; it doubles as slide notes."""

import streamlit as st

from geo.scene import Scene
from geo.text import escape_markdown as md


def map_notes_panel(scene: Scene) -> None:
    """Draw the scene's notes as a bulleted list in an open expander."""
    with st.expander("What is on the map now · slide notes", expanded=True,
                     icon=":material/notes:"):  # fmt: skip
        st.markdown("\n".join(f"- {md(line)}" for line in scene.notes))
