"""The Atlas map in folium: a base map that never changes, plus a scene's layers on it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import folium
import xyzservices
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.scene import Scene
from geo.text import escape_text, json_for_script
from geo.view import DEFAULT_EXTENT, LAYERS
from render.assets import (
    ATLAS_CSS,
    ATLAS_JS,
    CLUSTER_CSS,
    CLUSTER_JS,
    use_local_assets,
)
from render.basemap import basemap_layers
from render.leaflet import scene_layer_fns, scene_layers, stamp_payload

Publish = Callable[[str, str], str]  # (slot, JSON) → URL the map fetches (components.served)
CENTER = (DEFAULT_EXTENT.lat, DEFAULT_EXTENT.lon)  # Karachi, both corridors, Kabul, Shamsi
ZOOM = DEFAULT_EXTENT.zoom
FIT_BOUNDS = [[24.6, 62.0], [35.2, 71.8]]  # south-west, north-east: Karachi to Kabul, Shamsi
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
    basemap_url: str | None = None,
    sync_url: bool = True,
    compact_legend: bool = False,
    briefing: bool = False,
) -> folium.Map:
    """Return the base map: bundled basemap, online tile options (off), legend and controls.

    It comes out identical on every rerun, so streamlit-folium never remounts the map.
    ``inline`` embeds the basemap (exports); otherwise ``basemap_url`` is the app's static
    copy. The legend comes with each scene (``Atlas.stamp``): it lists only what is shown.
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
    basemap = {"layers": basemap_layers()} if inline else {"url": basemap_url}
    m.add_child(ClusterAssets())
    m.add_child(AtlasCall("basemap", basemap, on_map=True))
    controls = {
        "title": title,
        "legend_html": "",
        "compact_legend": compact_legend,
        # Briefing: controls out of the frame, and the view's content fitted unless the
        # analyst's own extent is in the URL (atlas.js decides that in the browser).
        "briefing": briefing,
        "fill_window": briefing,  # the app sizes the frame to the window; the map follows
        "fit": FIT_BOUNDS if briefing else None,
        "tiles_notice": TILES_NOTICE,
        "sync_url": sync_url,
    }
    m.add_child(AtlasCall("controls", controls, on_map=True))
    return m


@dataclass
class OverlayLayer:
    """One analyst overlay on the map: script-safe JSON for ``Atlas.cluster``.

    In the app the browser holds the whole overlay (``whole``, fetched once) and each year
    sends only ``bounds``, the year's slice of its rows; an export (or a window finer than
    a year) inlines ``alone``.
    """

    name: str  # the uploaded name, escaped where it is drawn
    key: str  # the overlay's session key (an identifier)
    whole: Callable[[], str]  # every row in year order (components.overlays.OverlayEntry)
    bounds: tuple[int, int] | None  # the rows shown, as a slice of ``whole``; None: ``alone``
    alone: Callable[[], str]  # only the rows shown (for a self-contained export)


def layer_groups(
    scene: Scene,
    *,
    refs: dict[str, str] | None = None,
    overlays: list[OverlayLayer] = (),
    publish: Publish | None = None,
    manifest: dict | None = None,
) -> list[folium.FeatureGroup]:
    """Return the feature groups of a scene; only these change when the view changes.

    With ``refs`` (the app: layer key → static URL of its JSON) every bundled layer is
    sent by reference, and an overlay through ``publish`` (this session only) with the
    slice of its rows to show. Without them (exports, tests), the JSON is inline.
    """
    stamp = folium.FeatureGroup(name="stamp", control=False)
    payload = stamp_payload(scene)
    if manifest is not None:
        payload["manifest"] = manifest
    stamp.add_child(AtlasCall("stamp", payload, on_map=True))
    groups = [stamp]
    inline = scene_layers(scene) if refs is None else {}  # by reference: nothing to build
    for key, fn in scene_layer_fns(scene).items():
        group = folium.FeatureGroup(name=escape_text(LAYERS[key]))
        if refs is None:
            group.add_child(AtlasCall.inline(fn, json_for_script(inline[key][1])))
        else:
            group.add_child(AtlasCall("layer", {"key": key, "fn": fn, "$ref": refs[key]}))
        groups.append(group)
    for overlay in overlays:
        group = folium.FeatureGroup(name=escape_text(overlay.name), overlay=True, control=True)
        if publish is None or overlay.bounds is None:
            call = AtlasCall.inline("cluster", overlay.alone())
        else:
            url = publish(overlay.key, overlay.whole())
            ref = {"key": overlay.key, "fn": "cluster", "$ref": url, "slice": list(overlay.bounds)}
            call = AtlasCall("layer", ref)
        group.add_child(call)
        groups.append(group)
    return groups


def standalone_map(scene: Scene, overlays: list[OverlayLayer] = ()) -> folium.Map:
    """Return one folium.Map holding the base map and the scene's layers (HTML export)."""
    m = build_base_map(inline=True, sync_url=False)
    for group in layer_groups(scene, overlays=overlays):
        group.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m
