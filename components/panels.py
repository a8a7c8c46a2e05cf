"""Panels whose contents run only while they are open, and the values they keep meanwhile.

A collapsed ``st.expander`` still runs and sends everything inside it on every rerun: the
export and deck panels under the map were 22 of the 35 elements each year step sent (and
the deck's list was read from the database each time). Drawn lazily, they cost nothing
until opened. Streamlit forgets a widget's value while the widget is not drawn, so the
widgets inside keep a copy of what the analyst typed (``seed`` and ``keep``).
"""

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

KEPT = "_kept_"  # session-state prefix of a widget value kept while its panel is closed


def open_panel(label: str, *, key: str, icon: str) -> DeltaGenerator | None:
    """Draw an expander; return it while it is open, ``None`` while it is closed."""
    panel = st.expander(label, icon=icon, key=key, on_change="rerun")
    return panel if panel.open else None


def seed(key: str, default: Any) -> None:
    """Give widget ``key`` its kept value (or ``default``) before it is drawn again."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(KEPT + key, default)


def keep(key: str) -> None:
    """``on_change`` of a widget in a panel: keep its value for when the panel reopens."""
    st.session_state[KEPT + key] = st.session_state[key]


def value(key: str, default: Any) -> Any:
    """The widget's value if it is drawn, else its kept value, else ``default``."""
    return st.session_state.get(key, st.session_state.get(KEPT + key, default))
