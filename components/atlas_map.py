"""The one st_folium call: base map mounted once, a scene's layers swapped in place."""

import threading
from collections.abc import Callable
from typing import Any

import folium
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from components.data import data_dir, load_dataset, scene_for
from components.overlays import OverlayEntry
from components.served import publisher, static_url
from geo.scene import OverlayInput, Scene
from geo.text import json_for_script
from geo.timeline import FIRST_YEAR, LAST_YEAR
from geo.view import DEFAULT_YEAR, TimeWindow, View
from geo.viewstate import parse_view
from render.assets import STATIC, STATIC_URL
from render.basemap import publish_basemap
from render.folium_map import OverlayLayer, build_base_map, layer_groups
from render.leaflet import legend_parts, scene_layers, stamp_payload
from render.popups import traced_id

RETURNED = ["last_object_clicked_tooltip", "last_object_clicked_count"]
# What the map's frame reports before any click, in its key order. st_folium's default has
# count None, so the frame found its first report new and sent it: every page load (and
# every remount) ran the map's fragment a second time, for nothing (~50 ms of server time).
FIRST_VALUE = {"last_object_clicked_count": 0, "last_object_clicked_tooltip": None}
SLIDER_KEY = "year"  # the widget key of the sidebar's year slider, which the map follows


def overlay_inputs(entries: list[OverlayEntry]) -> list[OverlayInput]:
    """Return the session's visible overlays as scene inputs (every row, every year)."""
    return [OverlayInput(e.key, e.overlay.name, e.color, e.overlay.events) for e in entries]


@st.cache_resource(show_spinner=False, max_entries=4096)
def _layer_refs(path: str, fingerprint: str, key: tuple, _scene: Scene) -> dict[str, str]:
    # The bundled data's layers of one view, written once as content-hashed static JSON.
    return {k: static_url(json_for_script(data)) for k, (_, data) in scene_layers(_scene).items()}


def layer_refs(scene: Scene) -> dict[str, str]:
    """Return the static URL of each bundled layer of a (cached, overlay-free) scene.

    The files are public (``static/``): an analyst's overlay must never reach them.
    """
    if scene.overlays:
        raise ValueError("layer_refs takes a scene without overlays: they are session-only")
    return _layer_refs(str(data_dir()), load_dataset().fingerprint,
                       scene.view.content_key(), scene)  # fmt: skip


def basemap_url() -> str:
    """Return the URL of the app's static copy of the basemap (written once)."""
    return f"{STATIC_URL}/atlas/{publish_basemap(STATIC)}"


def _overlay_layers(view: View, entries: list[OverlayEntry], scene: Scene) -> list[OverlayLayer]:
    """Overlays by reference and slice for a whole year; inline for a finer window."""
    from render.overlay_layer import overlay_payload

    by_key = {o.key: o for o in scene.overlays}
    year_window = view.window.granularity == "year"
    return [
        OverlayLayer(
            name=e.overlay.name, key=e.key, whole=e.payload,
            bounds=e.bounds(view.year, view.mode) if year_window else None,
            alone=lambda e=e: overlay_payload(by_key[e.key].rows, key=e.key,
                                              name=e.overlay.name, color=e.color),
        )
        for e in entries
    ]  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=256)
def _year_manifest(path: str, fingerprint: str, key: tuple, _view: View) -> dict:
    # Every year's stamp and layer URLs for one mode, layer choice, selection and title
    # (``key``: the view's content key without its window): built once, then looked up.
    years, legends, parts = {}, {}, {}
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        base = scene_for(_view.with_(window=TimeWindow.of_year(y), extent=None))
        stamp = stamp_payload(base)
        del stamp["legend_html"]
        # The years share most legend rows: each row is sent once, each legend as row ids.
        ids = tuple(parts.setdefault(p, f"p{len(parts)}") for p in legend_parts(base.legend))
        stamp["legend_ref"] = legends.setdefault(ids, f"L{len(legends)}")
        years[str(y)] = {"stamp": stamp, "layers": layer_refs(base)}
    table: dict = {ref: list(ids) for ids, ref in legends.items()}
    table["parts"] = {ref: html for html, ref in parts.items()}
    return {"years": years, "legends": table}


def _manifest(view: View, entries: list[OverlayEntry], current: Scene | None = None) -> dict:
    """Every year's stamp, layer URLs and overlay slices, for the map to follow the slider.

    The other years are built without the selection and the found place (an event picked
    in one year is not drawn in the others), so a pick does not rebuild 22 scenes; the
    view's own year comes from ``current``, the scene actually drawn, when it differs from
    the plain one (a selection, a found place, a year only an overlay reaches).

    Without such a difference the manifest is the same for every year of the mode, layers
    and overlays: ``year`` is then the slider's default, which the map shows only if it
    finds neither the slider nor a ``year=`` in the page's URL.
    """
    plain = view.with_(window=TimeWindow.of_year(FIRST_YEAR), extent=None, selected=None,
                       place=None)  # fmt: skip
    cached = _year_manifest(str(data_dir()), load_dataset().fingerprint, plain.content_key(),
                            plain)  # fmt: skip
    own = None
    if current is not None and current.view.window.granularity == "year" and not _plain(view):
        # the drawn year's own stamp, its legend inline (one legend among 22)
        own = {"stamp": stamp_payload(current), "layers": layer_refs(current)}
    years = {}
    every = dict(cached["years"])
    if own is not None:  # a year after the bundled story (an overlay's) has its own entry
        every.setdefault(str(view.year), own)
    for y, entry in every.items():
        if own is not None and y == str(view.year):
            entry = own
        bounds = {e.key: e.bounds(int(y), view.mode) for e in entries}
        stamp = {**entry["stamp"], "overlays": [
            {"name": f"{e.overlay.name} ({bounds[e.key][1] - bounds[e.key][0]:,})",
             "color": e.color} for e in entries
        ]}  # fmt: skip
        years[y] = {"stamp": stamp, "layers": entry["layers"],
                    "overlays": {k: list(b) for k, b in bounds.items()}}  # fmt: skip
    return {"slider": {"key": SLIDER_KEY}, "year": view.year if own else DEFAULT_YEAR,
            "years": years, "legends": cached["legends"]}  # fmt: skip


def _plain(view: View) -> bool:
    """Whether the plain manifest (no selection, no found place, 1994–2015) holds ``view``."""
    return view.selected is None and view.place is None and FIRST_YEAR <= view.year <= LAST_YEAR


def following_view(view: View) -> View:
    """The view a following map's arguments are built from: the same for every year.

    The map shows the slider's year from the manifest, so naming the rerun's year in its
    arguments only made them differ: streamlit-folium then removed and re-ran every layer
    of the map on each step, after the map had already drawn the year, and the arguments
    (about 55 KB) were sent again. With a selection or a found place the view's own year
    is drawn (see ``_manifest``).
    """
    return view.with_(window=TimeWindow.of_year(DEFAULT_YEAR)) if _plain(view) else view


def warm_manifest(view: View) -> None:
    """Build the manifest a first run of ``view``'s mode and layers sends (app start)."""
    _manifest(view, [])


# st_folium renders the folium figure to HTML and JavaScript, then hands the strings to its
# component. The Atlas asks st_folium for those arguments (in this thread only) and caches
# them; every other st_folium call, in any thread, draws as before.
_CAPTURE = threading.local()
_folium_component = getattr(streamlit_folium._component_func, "atlas_component",
                            streamlit_folium._component_func)  # fmt: skip


def _capture_or_draw(**kwargs: Any) -> Any:
    box = getattr(_CAPTURE, "box", None)
    if box is None:
        return _folium_component(**kwargs)
    box.update(kwargs)
    return None


_capture_or_draw.atlas_component = _folium_component  # type: ignore[attr-defined]
streamlit_folium._component_func = _capture_or_draw  # (again, if this module is reloaded)


def _folium_arguments(fig: folium.Map, **kwargs: Any) -> dict:
    """Return the arguments ``st_folium(fig, **kwargs)`` gives its component, drawing nothing."""
    _CAPTURE.box = box = {}
    try:
        st_folium(fig, **kwargs)
    finally:
        _CAPTURE.box = None
    return box


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_arguments(
    path: str, fingerprint: str, view_key: tuple, shape: tuple, _build: Callable[[], dict]
) -> dict:
    # Shared by sessions and never changed: each call spreads it into a new dict.
    return _build()


def atlas_map(
    scene: Scene, entries: list[OverlayEntry], *, key: str, height: int = 700,
    follow_slider: bool = True, briefing: bool = False,
) -> tuple[str, str] | None:  # fmt: skip
    """Draw the map of a scene and return ``(kind, id)`` of a feature just clicked, if any.

    ``scene`` is the page's own (with this session's ``entries`` added), so a rerun builds
    it once.

    With ``follow_slider`` (a whole-year view), the map gets every year's layers by
    reference and switches year in the browser as soon as the slider moves.
    """
    if "map_center" not in st.session_state:  # first run: restore a shared URL's extent
        extent = parse_view(st.query_params.get("view"))
        st.session_state.map_center = (extent.lat, extent.lon) if extent else None
        st.session_state.map_zoom = extent.zoom if extent else None
    view = scene.view
    follow = follow_slider and view.window.granularity == "year"
    base = scene_for(view)  # the cached scene without overlays: its layers are public files
    manifest = _manifest(view, entries, base) if follow else None
    drawn, named = scene, view  # what the arguments name
    if follow:
        # The same arguments for every year: the manifest carries each year's stamp, layers
        # and overlay slices, so the cached plain scene of the default year is all they need.
        named = following_view(view)
        drawn = base = scene_for(named)

    def build() -> dict:
        return {**_folium_arguments(
            build_base_map(basemap_url=basemap_url(), briefing=briefing),
            key=key,
            height=height,
            use_container_width=True,
            feature_group_to_add=layer_groups(
                drawn, refs=layer_refs(base), overlays=_overlay_layers(named, entries, scene),
                publish=publisher(key), manifest=manifest,
            ),
            layer_control=folium.LayerControl(collapsed=True),
            returned_objects=RETURNED,
        ), "default": FIRST_VALUE}  # fmt: skip

    # Without this session's overlays, the arguments follow from plain keys: the named view,
    # the map's key, height and briefing mode. A following map names the same view every
    # year, so a step reuses them instead of rendering the folium figure again (~10 ms).
    shape = (key, height, briefing, follow)
    fingerprint = load_dataset().fingerprint
    args = (
        _cached_arguments(str(data_dir()), fingerprint, named.content_key(), shape, build)
        if not entries
        else build()
    )
    where = {"center": st.session_state.map_center, "zoom": st.session_state.map_zoom}
    result = _folium_component(**{**args, **where})
    count = (result or {}).get("last_object_clicked_count")
    seen_key = f"{key}_clicks_seen"
    if not count or count == st.session_state.get(seen_key):
        return None
    st.session_state[seen_key] = count
    return traced_id((result or {}).get("last_object_clicked_tooltip"))
