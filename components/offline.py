"""Serve Leaflet and its plugins from the app itself, so the map never needs a CDN."""

import shutil
from pathlib import Path

import folium
import folium.plugins
import js_lib_leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
CLUSTER_JS = f"{STATIC_URL}/markercluster/leaflet.markercluster.js"
CLUSTER_CSS = (
    f"{STATIC_URL}/markercluster/MarkerCluster.css",
    f"{STATIC_URL}/markercluster/MarkerCluster.Default.css",
)

_SOURCES = {
    "leaflet": Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet",
    "markercluster": Path(markercluster.BASE_DIR),
}


def vendor_assets(target: Path = STATIC) -> Path:
    """Copy Leaflet and MarkerCluster from their wheels into ``static/`` (idempotent).

    Real copies, not symlinks: Streamlit refuses symlinked static paths.
    """
    for name, src in _SOURCES.items():
        dest = target / name
        marker = dest / ".vendored"
        if marker.exists():
            continue
        shutil.copytree(
            src,
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                "*.map", "*-src.js", "*.esm.js", "__init__.py", "__pycache__"
            ),
        )
        marker.write_text("copied from the installed wheel\n")
    vendor_atlas_assets(target)
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
    """Return Leaflet's JS and CSS as text, for a self-contained HTML export."""
    base = _SOURCES["leaflet"]
    return {
        "leaflet.js": (base / "leaflet.js").read_text(encoding="utf-8"),
        "leaflet.css": (base / "leaflet.css").read_text(encoding="utf-8"),
        "markercluster.js": (_SOURCES["markercluster"] / "leaflet.markercluster.js").read_text(
            encoding="utf-8"
        ),
        "atlas.js": (ASSETS / "atlas.js").read_text(encoding="utf-8"),
        "atlas.css": (ASSETS / "atlas.css").read_text(encoding="utf-8"),
        "markercluster.css": "\n".join(
            (_SOURCES["markercluster"] / n).read_text(encoding="utf-8")
            for n in ("MarkerCluster.css", "MarkerCluster.Default.css")
        ),
    }


ASSETS = ROOT / "components" / "assets"


def _asset_version() -> str:
    import hashlib

    digest = hashlib.sha256()
    for name in ("atlas.js", "atlas.css"):
        digest.update((ASSETS / name).read_bytes())
    return digest.hexdigest()[:10]


_VERSION = _asset_version()
ATLAS_JS = f"{STATIC_URL}/atlas/atlas.js?v={_VERSION}"
ATLAS_CSS = f"{STATIC_URL}/atlas/atlas.css?v={_VERSION}"


def vendor_atlas_assets(target: Path = STATIC) -> None:
    """Copy the Atlas's own JS and CSS into ``static/atlas`` when they changed."""
    dest = target / "atlas"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("atlas.js", "atlas.css"):
        src = (ASSETS / name).read_bytes()
        out = dest / name
        if not out.exists() or out.read_bytes() != src:
            out.write_bytes(src)


FAVICON = ASSETS / "favicon.png"  # a local file: Material-icon favicons are fetched from Google
