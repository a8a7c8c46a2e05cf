"""The Atlas map: a base map that never changes, plus per-year layers sent without a remount."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import folium
import xyzservices
from branca.element import CssLink, Element, JavascriptLink, MacroElement
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
from components.served import static_url
from geo.text import escape_text, json_for_script

Publish = Callable[[str, str], str]  # (slot, JSON) → URL the map fetches (components.served)
CENTER = (29.8, 68.6)  # lat, lon: Karachi, both corridors, Kabul and Shamsi in view
ZOOM = 6
TILES_NOTICE = "Online tiles are unreachable: showing the bundled offline basemap instead."
# As TileProvider objects: given a URL string, folium searches xyzservices' whole provider
# catalogue for a name match on every call (a third of a rerun's server time).
ONLINE_TILES = {
    name: xyzservices.TileProvider(name=name, url=url, attribution=attribution)
    for name, url, attribution in (
        ("OpenStreetMap (online)", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
         "© OpenStreetMap contributors"),
        ("Satellite, Esri World Imagery (online)",
         "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/"
         "{z}/{y}/{x}", "Esri, Maxar, Earthstar Geographics"),
    )
}  # fmt: skip


class _Text(Element):
    """Text placed in the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


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

    @classmethod
    def inline(cls, fn: str, body: str) -> "AtlasCall":
        """Call ``fn`` with ``body``, JSON already made script-safe (and cached) upstream."""
        call = cls(fn, None)
        call.payload = body
        return call

    def render(self, **kwargs: Any) -> None:
        """Add the asset links and this call's script to the figure (for a full HTML page).

        As JSCSSMixin and MacroElement do, except that the rendered script is added as plain
        text: branca compiles every rendered script as a Jinja template, which cost more than
        the rest of the call put together.
        """
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_Text(script(self, kwargs)), name=self.get_name())

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
    for name, provider in ONLINE_TILES.items():
        folium.TileLayer(
            tiles=provider, name=escape_text(name), attr=escape_text(provider.attribution),
            overlay=False, control=True, show=False, max_zoom=18,
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
    overlays: list["OverlayLayer"] = field(default_factory=list)
    overlay_legend: list[dict] = field(default_factory=list)  # {"name": str, "color": str}
    # Every year's stamp, layer URLs and overlay slices, so the map can follow the year
    # slider by itself (``Atlas.stamp`` in atlas.js); None for exports and fixed-year maps.
    manifest: dict | None = None


def stamp_payload(view: MapView) -> dict:
    """Return what the in-map stamp and the overlay legend show for a view."""
    return {"title": view.stamp_title, "subtitle": view.stamp_subtitle, "year": view.year,
            "view": view.view_key, "overlays": view.overlay_legend}  # fmt: skip


@dataclass
class OverlayLayer:
    """One analyst overlay on the map: script-safe JSON for ``Atlas.cluster``.

    In the app the browser holds the whole overlay (``whole``, fetched once) and each year
    sends only ``bounds``, the year's slice of its rows; an export inlines ``alone``.
    """

    name: str  # the uploaded name, escaped where it is drawn
    key: str  # the overlay's session key (an identifier)
    whole: Callable[[], str]  # every row in year order (components.overlays.OverlayEntry)
    bounds: tuple[int, int]  # the rows shown, as a slice of ``whole``
    alone: Callable[[], str]  # only the rows shown (for a self-contained export)


_JSON: dict[int, tuple[list, str]] = {}


def layer_json(payload: list[dict]) -> str:
    """Script-safe JSON of a layer payload, once per payload object (they are memoised and
    shared read-only upstream, and the object is kept here, so ``id`` is sound)."""
    hit = _JSON.get(id(payload))
    if hit is None or hit[0] is not payload:
        if len(_JSON) >= 512:
            _JSON.clear()
        hit = _JSON[id(payload)] = (payload, json_for_script(payload))
    return hit[1]


LAYER_FIELDS = {"uncertainty": ("circles", "circles"), "routes": ("lines", "routes"),
                "places": ("markers", "places"), "events": ("markers", "events")}  # fmt: skip
_REFS: dict[int, tuple[list, str]] = {}


def layer_ref(payload: list[dict]) -> str:
    """Return the URL of a bundled-data layer's JSON (written once; see components.served)."""
    hit = _REFS.get(id(payload))
    if hit is None or hit[0] is not payload:
        if len(_REFS) >= 1024:
            _REFS.clear()
        hit = _REFS[id(payload)] = (payload, static_url(layer_json(payload)))
    return hit[1]


def year_groups(view: MapView, publish: Publish | None = None) -> list[folium.FeatureGroup]:
    """Return the feature groups for one year; only these change when the year changes.

    With ``publish`` (the app), every layer is sent by reference: the bundled data's as a
    static URL, an overlay through ``publish`` (this session only) with the slice of its
    rows to show. Without it (exports, tests), the JSON is inline.
    """
    stamp = folium.FeatureGroup(name="stamp", control=False)
    payload = stamp_payload(view)
    if view.manifest is not None:
        payload["manifest"] = view.manifest
    stamp.add_child(AtlasCall("stamp", payload, on_map=True))
    groups = [stamp]
    for key, (fn, attr) in LAYER_FIELDS.items():
        if key not in view.layers:
            continue
        group = folium.FeatureGroup(name=escape_text(map_layers.LAYERS[key]))
        data = getattr(view, attr)
        if publish is None:
            group.add_child(AtlasCall.inline(fn, layer_json(data)))
        else:
            group.add_child(AtlasCall("layer", {"key": key, "fn": fn, "$ref": layer_ref(data)}))
        groups.append(group)
    for overlay in view.overlays:
        group = folium.FeatureGroup(name=escape_text(overlay.name), overlay=True, control=True)
        if publish is None:
            call = AtlasCall.inline("cluster", overlay.alone())
        else:
            url = publish(overlay.key, overlay.whole())
            ref = {"key": overlay.key, "fn": "cluster", "$ref": url, "slice": list(overlay.bounds)}
            call = AtlasCall("layer", ref)
        group.add_child(call)
        groups.append(group)
    return groups


def standalone_map(view: MapView) -> folium.Map:
    """Return one folium.Map holding the base map and the year's layers (for HTML export)."""
    m = build_base_map(inline=True, sync_url=False)
    for group in year_groups(view):
        group.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m
