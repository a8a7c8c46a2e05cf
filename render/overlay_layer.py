"""Draw one analyst overlay as clustered canvas circle markers (folium, no streamlit).

The payload is compact (position, a short label and date, the row number). In the app it
holds every row of the overlay in year order, built once (``OverlayEntry.payload``) and
fetched once by the map, which shows a year's slice; an export inlines the year's rows.
The full record of a point is shown beside the map when the analyst clicks it.

Every uploaded string (values, the overlay name) is passed through ``geo.text.escape_text``
here and then embedded as script-safe JSON, so it shows as text and can neither close the
``<script>`` nor run as HTML or as a JS template literal.
"""

import re
from typing import ClassVar

import folium
import pandas as pd

from geo.text import escape_text, json_for_script
from render.assets import CLUSTER_CSS, CLUSTER_JS, use_local_assets
from render.folium_map import AtlasCall

_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30})$")
LABEL_CHARS = 40  # the hover text is a glance; the full record is one click away


class ClusterCall(AtlasCall):
    """``Atlas.cluster`` with a payload that is already script-safe JSON (cached upstream)."""

    default_js: ClassVar[list[tuple[str, str]]] = [
        *AtlasCall.default_js,
        ("markerclusterjs", CLUSTER_JS),
    ]
    default_css: ClassVar[list[tuple[str, str]]] = [
        *AtlasCall.default_css,
        ("markerclustercss", CLUSTER_CSS[0]),
        ("markerclusterdefaultcss", CLUSTER_CSS[1]),
    ]

    def __init__(self, payload_json: str) -> None:
        super().__init__("cluster", None)
        self.payload = payload_json


def _short(values: pd.Series) -> list[str]:
    text = values.astype(str)
    cut = text.str.slice(0, LABEL_CHARS)
    cut = cut.where(text.str.len() <= LABEL_CHARS, cut + "…")
    return [escape_text(v) for v in cut.tolist()]


def overlay_payload(events: pd.DataFrame, *, key: str, name: str, color: str) -> str:
    """Return the script-safe JSON for one overlay's rows in a year (build once, reuse).

    Each row is ``[lat, lon, label, date, row]``; ``row`` is the frame's index, which
    lets a click be traced back to the full record (tooltip id ``overlay:<key>:<row>``).
    """
    if not _COLOR.match(color):
        raise ValueError(f"colour must be a hex code or a CSS name, got {color!r}")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,32}", key):
        raise ValueError(f"overlay key must be a short identifier, got {key!r}")
    rows = [
        [round(float(lat), 4), round(float(lon), 4), label, date, int(idx)]
        for lat, lon, label, date, idx in zip(
            events["lat"].tolist(),
            events["lon"].tolist(),
            _short(events["label"].where(events["label"] != "", events["category"])),
            _short(events["date"].where(events["date"] != "", events["year"].astype(str))),
            events.index.tolist(),
            strict=True,
        )
    ]
    return json_for_script({"key": key, "name": escape_text(name), "color": color, "rows": rows})


def overlay_feature_group(
    events: pd.DataFrame,
    *,
    name: str,
    color: str,
    key: str = "overlay",
    payload: str | None = None,
) -> folium.FeatureGroup:
    """Return a FeatureGroup that clusters one overlay's events for the selected year.

    Pass ``payload`` from ``overlay_payload`` to reuse a cached one. Markers are
    ``L.circleMarker`` on one canvas renderer inside a ``L.markerClusterGroup``; the JS and
    CSS come from the app itself. The map must have a ``maxZoom`` (the Atlas base map does).
    """
    use_local_assets()  # whoever draws an overlay gets local Leaflet, never a CDN
    body = payload or overlay_payload(events, key=key, name=name, color=color)
    group = folium.FeatureGroup(name=escape_text(name), overlay=True, control=True)
    group.add_child(ClusterCall(body))
    return group
