"""Offline place search: the bundled places and routes in a type-to-filter box."""

import streamlit as st

from components.data import data_dir, load_dataset
from geo.io import Dataset

PLACE_ZOOM = 10
ROUTE_ZOOM = 6


def _options(ds: Dataset) -> dict[str, tuple[str, tuple[float, float], int]]:
    """Return ``{"place:<id>" | "route:<id>": (label, (lat, lon), zoom)}``, places first."""
    out: dict[str, tuple[str, tuple[float, float], int]] = {}
    for p in ds.places.sort_values("name").itertuples():
        kind = p.kind.replace("_", " ")
        out[f"place:{p.id}"] = (f"{p.name} · {kind}", (p.geometry.y, p.geometry.x), PLACE_ZOOM)
    for r in ds.routes.itertuples():
        minx, miny, maxx, maxy = r.geometry.bounds
        out[f"route:{r.id}"] = (f"{r.name} · route", ((miny + maxy) / 2, (minx + maxx) / 2),
                                ROUTE_ZOOM)  # fmt: skip
    return out


@st.cache_resource(show_spinner=False)
def _cached_options(path: str, fingerprint: str) -> dict[str, tuple[str, tuple[float, float], int]]:
    return _options(load_dataset())


def _fly(key: str, options: dict[str, tuple[str, tuple[float, float], int]]) -> None:
    choice = st.session_state.get(key)
    if choice in options:
        _, center, zoom = options[choice]
        st.session_state.map_center = center
        st.session_state.map_zoom = zoom


def found_place() -> str | None:
    """Return the id of the place picked in the search box, if a place (not a route) is picked."""
    choice = st.session_state.get("place_search")
    return choice.split(":", 1)[1] if isinstance(choice, str) and choice[:6] == "place:" else None


def place_search(ds: Dataset, *, key: str = "place_search") -> str | None:
    """Draw the search box; picking a place or route flies the map there. Returns the pick."""
    options = _cached_options(str(data_dir()), ds.fingerprint)
    return st.selectbox(
        "Find a place or route", list(options), index=None, key=key,
        format_func=lambda k: options[k][0], on_change=_fly, args=(key, options),
        placeholder="Type a name, e.g. Torkham or Salala", filter_mode="fuzzy",
        help="Searches the Atlas's own places and routes; works offline, no geocoder.",
    )  # fmt: skip
