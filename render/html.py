"""A self-contained HTML map of the current view: every asset inlined, nothing fetched."""

import base64
import re
from pathlib import Path

import js_lib_leaflet

from geo.errors import ExportError
from geo.scene import Scene
from geo.text import escape_text
from geo.view import DEFAULT_EXTENT
from render.assets import inline_assets_for_export
from render.folium_map import OverlayLayer, standalone_map

# Which inlined asset replaces each tag folium writes (matched on the file name).
_SCRIPTS = {"leaflet.js": "leaflet.js", "leaflet.markercluster.js": "markercluster.js",
            "atlas.js": "atlas.js"}  # fmt: skip
_STYLES = {"leaflet.css": "leaflet.css", "MarkerCluster.css": "markercluster.css",
           "MarkerCluster.Default.css": "", "atlas.css": "atlas.css"}  # fmt: skip
_SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
_LINK_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')
_LEAFLET_IMAGE = re.compile(r"url\(images/([\w.-]+\.png)\)")


def _name(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[-1]


def _leaflet_css(css: str) -> str:
    """Replace Leaflet's relative image URLs (layer-control icon) with data: URIs."""
    images = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet" / "images"

    def data_uri(m: re.Match[str]) -> str:
        raw = (images / m[1]).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(raw).decode('ascii')})"

    return _LEAFLET_IMAGE.sub(data_uri, css)


def _inline(html: str, assets: dict[str, str]) -> str:
    def script(m: re.Match[str]) -> str:
        key = _SCRIPTS.get(_name(m[1]))
        if key is None:
            raise ExportError(f"The HTML export would need {_name(m[1])!r} from the network.")
        body = assets[key].replace("</script", "<\\/script")
        return f"<script>{body}</script>"

    def style(m: re.Match[str]) -> str:
        key = _STYLES.get(_name(m[1]))
        if key is None:
            raise ExportError(f"The HTML export would need {_name(m[1])!r} from the network.")
        body = _leaflet_css(assets[key]) if key == "leaflet.css" else assets.get(key, "")
        body = body.replace("</style", "<\\/style")
        return f"<style>{body}</style>" if body else ""

    return _LINK_TAG.sub(style, _SCRIPT_TAG.sub(script, html))


def export_html(scene: Scene, overlays: list[OverlayLayer] = ()) -> bytes:
    """Return the map of a scene as one HTML file that works from ``file://`` offline.

    The payloads are escaped where the map is built (``json_for_script``, ``escape_text``);
    the page title added here is escaped too.
    """
    m = standalone_map(scene, overlays)
    extent = scene.view.extent or DEFAULT_EXTENT
    m.location = [extent.lat, extent.lon]
    m.options["zoom"] = extent.zoom
    try:
        html = _inline(m.get_root().render(), inline_assets_for_export())
    except OSError as exc:
        raise ExportError(f"A map asset could not be read: {exc.strerror or exc}") from exc
    if re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", html):
        raise ExportError("The HTML export still refers to a network address.")
    head = f"<title>{escape_text(scene.stamp_title)}</title>"
    return html.replace("<head>", f"<head>\n    {head}", 1).encode("utf-8")
