"""The Atlas map: a base map that never changes, plus per-year layers sent without a remount."""

from dataclasses import dataclass, field
from typing import Any, ClassVar

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from components import map_layers
from components.offline import (
    ATLAS_CSS,
    ATLAS_JS,
    CLUSTER_CSS,
    CLUSTER_JS,
    STATIC,
    STATIC_URL,
    use_local_assets,
)
from geo.text import escape_text, json_for_script

CENTER = (29.8, 68.6)  # lat, lon: Karachi, both corridors, Kabul and Shamsi in view
ZOOM = 6
TILES_NOTICE = "Online tiles are unreachable: showing the bundled offline basemap instead."
ONLINE_TILES = {
    "OpenStreetMap (online)": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© OpenStreetMap contributors",
    ),
    "Satellite, Esri World Imagery (online)": (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Esri, Maxar, Earthstar Geographics",
    ),
}


class AtlasCall(JSCSSMixin, MacroElement):
    """Call one of atlas.js's helpers with a JSON payload, on the map or on a feature group."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "Atlas.{{ this.fn }}({{ this.target() }}, {{ this.payload }});"
        "{% endmacro %}"
    )
    default_js: ClassVar[list[tuple[str, str]]] = [("atlas_js", ATLAS_JS)]
    default_css: ClassVar[list[tuple[str, str]]] = [("atlas_css", ATLAS_CSS)]

    def __init__(self, fn: str, payload: Any, *, on_map: bool = False) -> None:
        super().__init__()
        self._name = "AtlasCall"
        self.fn = fn
        self.on_map = on_map
        self.payload = json_for_script(payload)

    def target(self) -> str:
        """Return the JS name of the map (for controls) or of the parent layer group."""
        parent = self._parent
        if self.on_map:
            while parent is not None and not isinstance(parent, folium.Map):
                parent = parent._parent
        return parent.get_name()


class ClusterAssets(JSCSSMixin, MacroElement):
    """Load Leaflet.markercluster with the base map, so overlays added later can cluster.

    streamlit-folium loads script links only when the map first mounts.
    """

    _template = Template("")
    default_js: ClassVar[list[tuple[str, str]]] = [("markerclusterjs", CLUSTER_JS)]
    default_css: ClassVar[list[tuple[str, str]]] = [
        ("markerclustercss", CLUSTER_CSS[0]),
        ("markerclusterdefaultcss", CLUSTER_CSS[1]),
    ]


def build_base_map(
    *,
    title: str = "NATO–Pakistan Atlas",
    inline: bool = False,
    sync_url: bool = True,
    compact_legend: bool = False,
) -> folium.Map:
    """Return the base map: bundled basemap, online tile options (off), legend and controls.

    It comes out identical on every rerun, so streamlit-folium never remounts the map.
    ``inline`` embeds the basemap instead of pointing at the app's static copy (exports).
    """
    use_local_assets()
    m = folium.Map(
        location=CENTER, zoom_start=ZOOM, tiles=None, control_scale=True,
        min_zoom=3, max_zoom=18, prefer_canvas=False, world_copy_jump=False,
    )  # fmt: skip
    # folium only hands zoom limits to tile layers; the map itself needs them (and
    # Leaflet.markercluster refuses a map without maxZoom).
    m.options.update({"max_zoom": 18, "min_zoom": 3})
    folium.FeatureGroup(name="Bundled basemap only (offline)", overlay=False, control=True).add_to(
        m
    )
    for name, (url, attribution) in ONLINE_TILES.items():
        folium.TileLayer(
            tiles=url, name=escape_text(name), attr=escape_text(attribution), overlay=False,
            control=True, show=False, max_zoom=18,
        ).add_to(m)  # fmt: skip
    if inline:
        basemap = {"layers": map_layers.basemap_layers()}
    else:
        basemap = {"url": f"{STATIC_URL}/atlas/{map_layers.publish_basemap(STATIC)}"}
    m.add_child(ClusterAssets())
    m.add_child(AtlasCall("basemap", basemap, on_map=True))
    controls = {
        "title": title,
        "legend_html": map_layers.legend_html(compact=compact_legend),
        "tiles_notice": TILES_NOTICE,
        "sync_url": sync_url,
    }
    m.add_child(AtlasCall("controls", controls, on_map=True))
    return m


@dataclass
class MapView:
    """What the per-year layers should show."""

    year: int
    stamp_title: str
    stamp_subtitle: str
    view_key: str
    routes: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    circles: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    layers: tuple[str, ...] = tuple(map_layers.LAYERS)
    overlays: list[folium.FeatureGroup] = field(default_factory=list)
    overlay_legend: list[dict] = field(default_factory=list)  # {"name": str, "color": str}


def year_groups(view: MapView) -> list[folium.FeatureGroup]:
    """Return the feature groups for one year; only these change when the year changes."""
    groups = []
    stamp = folium.FeatureGroup(name="stamp", control=False)
    stamp.add_child(
        AtlasCall(
            "stamp",
            {"title": view.stamp_title, "subtitle": view.stamp_subtitle, "year": view.year,
             "view": view.view_key, "overlays": view.overlay_legend},
            on_map=True,
        )
    )  # fmt: skip
    groups.append(stamp)
    spec = [
        ("uncertainty", "circles", view.circles),
        ("routes", "lines", view.routes),
        ("places", "markers", view.places),
        ("events", "markers", view.events),
    ]
    for key, fn, payload in spec:
        if key not in view.layers:
            continue
        group = folium.FeatureGroup(name=escape_text(map_layers.LAYERS[key]))
        group.add_child(AtlasCall(fn, payload))
        groups.append(group)
    return groups + view.overlays


def standalone_map(view: MapView) -> folium.Map:
    """Return one folium.Map holding the base map and the year's layers (for HTML export)."""
    m = build_base_map(inline=True, sync_url=False)
    for group in year_groups(view):
        group.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m
