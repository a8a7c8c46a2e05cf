"""Turn the dataset into the JSON payloads the map's drawing helpers take (no Streamlit)."""

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from components import popups
from geo.errors import AtlasDataError
from geo.status import corridor_year_status, status_on
from geo.style import (
    BASEMAP_STYLE,
    CATEGORY_STYLES,
    PLACE_STYLES,
    STATUS_STYLES,
    UNCERTAINTY_MIN_KM,
    UNCERTAINTY_STYLE,
    VARIANT_WEIGHT,
    svg_marker,
)
from geo.text import escape_text as esc

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"
LAYERS = {"routes": "Supply routes", "places": "Places", "uncertainty": "Uncertainty circles",
          "events": "Events"}  # fmt: skip
# Places named on the map itself; the rest are named in their tooltips.
LABELLED_PLACES = {
    "torkham_crossing": "Torkham", "chaman_friendship_gate": "Chaman", "karachi_port": "Karachi",
    "peshawar_city": "Peshawar", "quetta": "Quetta", "kabul_isaf_hq_jioc": "Kabul",
    "kandahar_city": "Kandahar", "shamsi_airfield": "Shamsi", "salala_checkposts": "Salala",
    "islamabad": "Islamabad", "jalalabad": "Jalalabad", "nato_hq_brussels": "NATO HQ",
    "bonn_wccb": "Bonn", "tuzla": "Tuzla", "split_ns_hq": "Split",
}  # fmt: skip
_MEMO: dict[tuple, tuple[tuple, list[dict]]] = {}
STACK_OFFSET_PX = 7  # co-located markers fan out sideways on screen; their coordinates stay exact


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
def basemap_layers() -> list[dict[str, Any]]:
    """Return the bundled basemap as drawing instructions, read once per process."""
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


def _memoised(key: tuple, frames: tuple, compute: Callable[[], list[dict]]) -> list[dict]:
    """Reuse per-year payloads while the same frames are passed (the dataset is cached and
    shared read-only): the status lookups behind them cost ~40% of every rerun."""
    hit = _MEMO.get(key)
    if hit is not None and len(hit[0]) == len(frames):
        if all(a is b for a, b in zip(hit[0], frames, strict=True)):
            return hit[1]
    out = compute()
    if len(_MEMO) >= 256:
        _MEMO.clear()
    _MEMO[key] = (frames, out)  # holding the frames keeps them alive, so ``is`` is sound
    return out


def route_lines(routes: gpd.GeoDataFrame, periods: pd.DataFrame, year: int) -> list[dict]:
    """Return each route as a styled line for ``year``, alternatives drawn first (memoised)."""
    return _memoised(("routes", year), (routes, periods),
                     lambda: _route_lines(routes, periods, year))  # fmt: skip


def _route_lines(routes: gpd.GeoDataFrame, periods: pd.DataFrame, year: int) -> list[dict]:
    out = []
    ordered = routes.sort_values("variant", key=lambda v: v.map({"alternative": 0, "main": 1}))
    for route in ordered.itertuples():
        ys = corridor_year_status(periods, route.corridor, year)
        style = STATUS_STYLES[ys.status]
        weight = VARIANT_WEIGHT[route.variant]
        dash = " ".join(str(int(float(d) * max(1.0, weight / 3))) for d in style.dash.split()) \
            if style.dash else None  # fmt: skip
        out.append(
            {
                "latlngs": [[round(lat, 5), round(lon, 5)] for lon, lat in route.geometry.coords],
                "color": style.color,
                "weight": weight,
                "dash": dash,
                "status": ys.status,
                "tooltip_html": popups.route_tooltip_html(route, ys.status, ys.note),
                "popup_html": popups.route_popup_html(route, ys.status, ys.note),
            }
        )
    return out


def place_markers(
    places: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, *, selected: str | None = None
) -> list[dict]:
    """Return a marker per place, with an inline-SVG icon by kind (memoised, read-only)."""
    return _memoised(("places", year, selected), (places, periods),
                     lambda: _place_markers(places, periods, year, selected))  # fmt: skip


def _place_markers(
    places: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, selected: str | None
) -> list[dict]:
    out = []
    for place in places.itertuples():
        style = PLACE_STYLES[place.kind]
        size = 9 if place.kind == "city" else 12
        spell = status_on(periods, place.id, pd.Timestamp(year, 12, 31).date())
        note = spell.label if spell else ""
        out.append(
            {
                "lat": round(place.geometry.y, 5),
                "lon": round(place.geometry.x, 5),
                "size": size,
                "cls": f"atlas-place atlas-kind-{place.kind}",
                "icon_html": svg_marker(style.shape, style.color, size=size),
                "title": place.name,
                "label": LABELLED_PLACES.get(place.id),
                "tooltip_html": popups.place_tooltip_html(place),
                "popup_html": popups.place_popup_html(place, status_note=note),
                "selected": place.id == selected,
                "z": -100,
            }
        )
    return out


def uncertainty_circles(places: gpd.GeoDataFrame) -> list[dict]:
    """Return a circle for every place whose uncertainty exceeds 2 km."""
    s = UNCERTAINTY_STYLE
    return [
        {
            "lat": round(p.geometry.y, 5),
            "lon": round(p.geometry.x, 5),
            "radius_m": float(p.accuracy_km) * 1000.0,
            "color": s["color"],
            "weight": s["weight"],
            "dash": s["dash"],
            "fill_opacity": s["fill_opacity"],
        }
        for p in places.itertuples()
        if p.accuracy_km > UNCERTAINTY_MIN_KM
    ]


def event_markers(events: gpd.GeoDataFrame, *, selected: str | None = None) -> list[dict]:
    """Return a marker per located event, styled by category; co-located ones fan out."""
    out = []
    stacks: dict[tuple[float, float], int] = {}
    for event in events.itertuples():
        if event.geometry is None or event.geometry.is_empty:
            continue
        lat, lon = round(event.geometry.y, 5), round(event.geometry.x, 5)
        k = stacks.get((lat, lon), 0)
        stacks[(lat, lon)] = k + 1
        style = CATEGORY_STYLES[event.category]
        size = 20
        out.append(
            {
                "lat": lat,
                "lon": lon,
                "size": size,
                "cls": f"atlas-event atlas-cat-{event.category} atlas-stack-{min(k, 9)}",
                "icon_html": _offset_icon(svg_marker(style.shape, style.color, size=size), k),
                "title": event.title,
                "tooltip_html": popups.event_tooltip_html(event),
                "popup_html": popups.event_popup_html(event),
                "selected": event.id == selected,
                "z": 100 + k,
            }
        )
    return out


def _offset_icon(svg: str, k: int) -> str:
    if k == 0:
        return svg
    dx = STACK_OFFSET_PX * ((k + 1) // 2) * (1 if k % 2 else -1)
    return f'<div style="transform: translate({dx}px, {-abs(dx) // 2}px)">{svg}</div>'


def legend_html(*, compact: bool = False) -> str:
    """Return the legend, built from the shared style constants (the sheets use the same).

    ``compact`` leaves out the place symbols, for small maps such as the compare view.
    """

    def line_svg(color: str, dash: str | None) -> str:
        d = f' stroke-dasharray="{esc(dash)}"' if dash else ""
        return (
            f'<svg width="30" height="10"><line x1="1" y1="5" x2="29" y2="5" stroke="{color}" '
            f'stroke-width="4"{d}/></svg>'
        )

    rows = ["<h4>Route status</h4>"]
    rows += [
        f'<div class="row">{line_svg(s.color, s.dash)}<span>{esc(s.label)}</span></div>'
        for s in STATUS_STYLES.values()
    ]
    rows.append('<h4>Events</h4><div class="grid">')
    rows += [
        f'<div class="row">{svg_marker(s.shape, s.color, size=14)}<span>{esc(s.label)}</span></div>'
        for s in CATEGORY_STYLES.values()
    ]
    if compact:
        rows.append("</div>")
        return "".join(rows)
    rows.append('</div><h4>Places</h4><div class="grid">')
    seen = set()
    for s in PLACE_STYLES.values():
        if (s.shape, s.label) in seen:
            continue
        seen.add((s.shape, s.label))
        icon = svg_marker(s.shape, s.color, size=12)
        rows.append(f'<div class="row">{icon}<span>{esc(s.label)}</span></div>')
    rows.append(
        '<div class="row"><svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="none" '
        'stroke="#555" stroke-dasharray="3 2"/></svg><span>Uncertainty &gt; 2 km</span></div></div>'
    )
    return "".join(rows)
