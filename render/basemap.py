"""The bundled vector basemap as drawing instructions for atlas.js (read once per process)."""

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from geo.errors import AtlasDataError
from geo.style import BASEMAP_STYLE

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"
RIVER_COLOR = "#9DC0DE"  # a little darker than the water fill, so thin lines still show
TOWN_MIN_ZOOM = 8  # Natural Earth towns and passes are labelled from this zoom on
# atlas.js draws every `labels` layer at every zoom until it honours `minZoom` (helper G's
# side); sent before that, the 60 town names clutter the default view. Flip when it does.
SEND_TOWN_LABELS = True  # atlas.js draws a labels layer only from its ``minZoom`` on


def _read(name: str) -> dict[str, Any]:
    """Read one basemap file, or raise ``AtlasDataError`` naming it."""
    try:
        doc = json.loads((BASEMAP_DIR / name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AtlasDataError("file is missing", file=f"basemap/{name}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AtlasDataError(f"cannot be read ({exc.__class__.__name__})",
                             file=f"basemap/{name}") from None  # fmt: skip
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise AtlasDataError("is not a GeoJSON FeatureCollection", file=f"basemap/{name}")
    return doc


@cache
def basemap_layers(*, towns: bool | None = None) -> list[dict[str, Any]]:
    """Return the bundled basemap as drawing instructions, read once per process.

    ``towns`` adds the Natural Earth towns and passes as a ``labels`` layer with a
    ``minZoom``; by default only when ``SEND_TOWN_LABELS`` says atlas.js can honour it.
    """
    towns = SEND_TOWN_LABELS if towns is None else towns
    s = BASEMAP_STYLE
    layers: list[dict[str, Any]] = [
        {
            "data": _read("countries.geojson"),
            "style": {
                "color": s["border"],
                "weight": 0.8,
                "fillColor": s["land"],
                "fillOpacity": 1.0,
            },
            "focusStyle": {"fillColor": s["land_focus"], "weight": 1.2, "color": "#555555"},
        },
    ]
    if (BASEMAP_DIR / "lakes.geojson").exists():
        layers.append(
            {"data": _read("lakes.geojson"),
             "style": {"color": s["water"], "weight": 0.5, "fillColor": s["water"],
                       "fillOpacity": 1.0}}
        )  # fmt: skip
    if (BASEMAP_DIR / "rivers.geojson").exists():
        layers.append(
            {"data": _read("rivers.geojson"), "className": "river",
             "style": {"color": RIVER_COLOR, "weight": 1.2, "fill": False}}
        )  # fmt: skip
    layers += [
        {
            "data": _read("pk_admin_lines.geojson"),
            "style": {"color": s["province"], "weight": 1.0, "dashArray": "4 3", "fill": False},
        },
        {
            "data": _read("afpak_border.geojson"),
            "style": {"color": "#3D3D3D", "weight": 2.0, "fill": False},
        },
        {"labels": True, "className": "province", "data": _labels("pk_admin_labels.geojson")},
    ]
    if towns and (BASEMAP_DIR / "towns.geojson").exists():
        # Natural Earth towns and the passes: named only when zoomed in (atlas.js: minZoom).
        layers.append({"labels": True, "className": "town", "minZoom": TOWN_MIN_ZOOM,
                       "data": _labels("towns.geojson")})  # fmt: skip
    return layers


def publish_basemap(static_dir: Path) -> str:
    """Write the basemap layers once as a static JSON file and return its URL path.

    The browser fetches and caches it, so the basemap is not resent on every rerun. The
    file name carries a content hash, so a rebuilt basemap is never served stale.
    """
    name, body = _basemap_file()
    target = static_dir / "atlas" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return name


@cache
def _basemap_file() -> tuple[str, bytes]:
    """Serialise and hash the basemap once per process (it cost ~10% of every rerun)."""
    body = json.dumps(basemap_layers(), separators=(",", ":")).encode("utf-8")
    return f"basemap-{hashlib.sha256(body).hexdigest()[:12]}.json", body


def _labels(name: str) -> dict[str, Any]:
    data = _read(name)
    for f in data["features"]:
        props = f["properties"]
        props["label"] = props.get("short") or props.get("name", "")
    return data
