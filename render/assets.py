"""The map's assets: Leaflet, its plugins and the Atlas's own JS/CSS, served by the app."""

import base64
import hashlib
import shutil
from pathlib import Path

import folium
import folium.plugins
import js_lib_leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "components" / "assets"  # atlas-*.js, atlas.css, favicon.png (in the repo)
STATIC = ROOT / "static"  # served by Streamlit at /app/static; holds copies only
STATIC_URL = "/app/static"
FAVICON = ASSETS / "favicon.png"  # a local file: Material-icon favicons are fetched from Google


def favicon_data_url() -> str:
    """The favicon inline (584 bytes). As a file it went through Streamlit's media store,
    which forgets it after a run that redraws only a fragment, and the browser got a 404."""
    return "data:image/png;base64," + base64.b64encode(FAVICON.read_bytes()).decode("ascii")


_WHEELS = {
    "leaflet": Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet",
    "markercluster": Path(markercluster.BASE_DIR),
}
# atlas.js is served as these parts joined in this order (each part uses the ones before it
# when it loads): one request, one script tag, and an export inlines it as one script.
ATLAS_PARTS = (
    "atlas-core.js",  # namespace, Atlas.create(map) instances, fetching, Atlas.layer, basemap
    "atlas-layers.js",  # lines (with a second status), markers (fanned out), circles, cluster
    "atlas-labels.js",  # place labels kept clear of markers and of each other
    "atlas-controls.js",  # stamp, legend, notices, mouse position, briefing, URL sync
    "atlas-follow.js",  # following the year slider through the manifest
)


def atlas_js() -> bytes:
    """Return the Atlas's script: its parts, joined in load order."""
    return b"\n".join((ASSETS / name).read_bytes() for name in ATLAS_PARTS)


def _own() -> dict[str, bytes]:
    return {"atlas.js": atlas_js(), "atlas.css": (ASSETS / "atlas.css").read_bytes()}


def _version() -> str:
    digest = hashlib.sha256()
    for body in _own().values():
        digest.update(body)
    return digest.hexdigest()[:10]


_V = _version()  # in the URLs, so a browser never runs a stale atlas.js
LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
CLUSTER_JS = f"{STATIC_URL}/markercluster/leaflet.markercluster.js"
CLUSTER_CSS = (
    f"{STATIC_URL}/markercluster/MarkerCluster.css",
    f"{STATIC_URL}/markercluster/MarkerCluster.Default.css",
)
ATLAS_JS = f"{STATIC_URL}/atlas/atlas.js?v={_V}"
ATLAS_CSS = f"{STATIC_URL}/atlas/atlas.css?v={_V}"


def vendor_assets(target: Path = STATIC) -> Path:
    """Copy Leaflet, MarkerCluster and the Atlas's own files into ``static/`` (idempotent).

    Real copies, not symlinks: Streamlit refuses symlinked static paths. A marker file
    records which wheel a folder came from, so an upgraded wheel is copied again.
    """
    for name, src in _WHEELS.items():
        dest = target / name
        marker = dest / ".vendored"
        origin = f"{src}\n"
        if marker.exists() and marker.read_text() == origin:
            continue
        shutil.copytree(
            src,
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                "*.map", "*-src.js", "*.esm.js", "__init__.py", "__pycache__"
            ),
        )
        marker.write_text(origin)
    own = target / "atlas"
    own.mkdir(parents=True, exist_ok=True)
    for name, body in _own().items():
        out = own / name
        if not out.exists() or out.read_bytes() != body:
            out.write_bytes(body)
    return target


def use_local_assets() -> None:
    """Point folium's Map and plugins at the app's own copies of Leaflet (no jQuery, no CDN)."""
    folium.Map.default_js = [("leaflet", LEAFLET_JS)]
    folium.Map.default_css = [("leaflet_css", LEAFLET_CSS)]
    for cls in (folium.plugins.MarkerCluster, folium.plugins.FastMarkerCluster):
        cls.default_js = [("markerclusterjs", CLUSTER_JS)]
        cls.default_css = [
            ("markerclustercss", CLUSTER_CSS[0]),
            ("markerclusterdefaultcss", CLUSTER_CSS[1]),
        ]


def inline_assets_for_export() -> dict[str, str]:
    """Return every asset the map needs as text, for a self-contained HTML export."""

    def read(folder: Path, *names: str) -> str:
        return "\n".join((folder / n).read_text(encoding="utf-8") for n in names)

    leaflet, cluster = _WHEELS["leaflet"], _WHEELS["markercluster"]
    return {
        "leaflet.js": read(leaflet, "leaflet.js"),
        "leaflet.css": read(leaflet, "leaflet.css"),
        "markercluster.js": read(cluster, "leaflet.markercluster.js"),
        "markercluster.css": read(cluster, "MarkerCluster.css", "MarkerCluster.Default.css"),
        "atlas.js": atlas_js().decode("utf-8"),
        "atlas.css": read(ASSETS, "atlas.css"),
    }
