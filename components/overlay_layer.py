"""Draw one analyst overlay as clustered canvas circle markers (folium, no streamlit).

Every uploaded string (values, field names, the overlay name) is passed through
``geo.text.escape_text`` here, then embedded as JSON with ``<``, ``>`` and ``&`` written as
``\\u003c``-style escapes, so it shows as text and can neither close the ``<script>`` nor
run as HTML or as a JS template literal.
"""

import json
import re

import folium
import folium.plugins
import pandas as pd

from components.offline import use_local_assets
from geo.text import escape_text

_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30})$")
_JSON_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

# Markers are created lazily by the cluster; tooltip and popup HTML are built only when
# shown, from strings that are already escaped for HTML.
_CALLBACK = """(function () {
    var renderer = L.canvas({padding: 0.5});
    var fields = %(fields)s;
    var style = %(style)s;
    function tooltip(row) {
        var when = row[3] || String(row[2]);
        var parts = [row[4], when, row[5]].filter(function (s) { return s; });
        return parts.join("<br>");
    }
    function popup(row) {
        var when = row[3] || String(row[2]);
        var html = "<div class='overlay-popup' style='overflow-wrap:anywhere'><b>"
            + (row[4] || row[5] || when) + "</b><br>" + when
            + (row[5] ? " \u00b7 " + row[5] : "") + "<table>";
        for (var i = 0; i < fields.length; i++) {
            html += "<tr><th>" + fields[i] + "</th><td>" + row[6][i] + "</td></tr>";
        }
        return html + "</table></div>";
    }
    return function (row) {
        var marker = L.circleMarker([row[0], row[1]], Object.assign({renderer: renderer}, style));
        marker.bindTooltip(function () { return tooltip(row); });
        marker.bindPopup(function () { return popup(row); }, {maxWidth: 360});
        return marker;
    };
})()"""


def _js_json(value: object) -> str:
    """JSON that is safe inside an inline <script> (no <, >, &, U+2028/9 left raw)."""
    return json.dumps(value, ensure_ascii=True).translate(_JSON_HTML_SAFE)


def _rows(events: pd.DataFrame, fields: list[str]) -> list[list]:
    """[lat, lon, year, date, label, category, [field values]] with every string escaped."""
    text = {c: [escape_text(v) for v in events[c].tolist()] for c in ("date", "label", "category")}
    values = [[escape_text(v) for v in events[f].tolist()] for f in fields]
    per_row = list(zip(*values, strict=True)) if values else [()] * len(events)
    return [
        [float(lat), float(lon), int(year), date, label, category, list(vals)]
        for lat, lon, year, date, label, category, vals in zip(
            events["lat"].tolist(),
            events["lon"].tolist(),
            events["year"].tolist(),
            text["date"],
            text["label"],
            text["category"],
            per_row,
            strict=True,
        )
    ]


def overlay_feature_group(
    events: pd.DataFrame, *, name: str, color: str, fields: list[str]
) -> folium.FeatureGroup:
    """Return a FeatureGroup that clusters one overlay's events for the selected year.

    ``events`` is a frame from ``geo.overlay`` (``lat lon year date label category`` plus the
    ``fields`` columns). Markers are ``L.circleMarker`` on a shared canvas renderer inside a
    ``FastMarkerCluster``; the cluster JS/CSS come from the app (``use_local_assets``).

    The map MUST have a max zoom, or Leaflet.markercluster throws "Map has no maxZoom
    specified": keep a tile layer (folium's default tiles set ``max_zoom=18``) or, with
    ``tiles=None``, build the map as ``folium.Map(tiles=None, maxZoom=18)``.
    """
    if not _COLOR.match(color):
        raise ValueError(f"colour must be a hex code or a CSS name, got {color!r}")
    use_local_assets()
    group = folium.FeatureGroup(name=escape_text(name), overlay=True, control=True)
    shown = [f for f in fields if f in events.columns]
    style = {"radius": 5, "color": color, "weight": 1, "fillColor": color, "fillOpacity": 0.75}
    callback = _CALLBACK % {
        "fields": _js_json([escape_text(f) for f in shown]),
        "style": _js_json(style),
    }
    folium.plugins.FastMarkerCluster(
        _rows(events, shown),
        callback=callback,
        control=False,
        chunkedLoading=True,
        showCoverageOnHover=False,
    ).add_to(group)
    return group
