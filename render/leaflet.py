"""The map's JSON payloads for atlas.js, rendered from a scene (no Streamlit, no folium)."""

from typing import Any

from geo.scene import EventMark, LegendEntry, PlaceMark, RoutePiece, Scene
from geo.style import (
    CATEGORY_STYLES,
    DRONE_COLOR,
    PLACE_STYLES,
    STATUS_STYLES,
    UNCERTAINTY_STYLE,
    VARIANT_WEIGHT,
    svg_marker,
)
from geo.text import escape_text as esc
from render import popups

PLACE_LABEL_MIN_ZOOM = 9  # places not in LABELLED_PLACES get their short name from this zoom


def _dash(dash: str | None, weight: float) -> str | None:
    if not dash:
        return None
    return " ".join(str(int(float(d) * max(1.0, weight / 3))) for d in dash.split())


def route_lines(scene: Scene) -> list[dict[str, Any]]:
    """Return each route stretch as a styled line; a status change in the window shows as
    a second dash in the other status's colour (``second``)."""
    when = scene.view.window.label()
    return [_line(p, when) for p in scene.routes]


def _line(p: RoutePiece, when: str) -> dict[str, Any]:
    st = p.status
    style = STATUS_STYLES[st.status]
    weight = VARIANT_WEIGHT[p.variant]
    out: dict[str, Any] = {
        "latlngs": [[round(lat, 5), round(lon, 5)] for lon, lat in p.coords],
        "color": style.color,
        "weight": weight,
        "dash": _dash(style.dash, weight),
        "status": st.status,
        "region": p.region,
        "tooltip_html": popups.route_tooltip_html(p.record, st.status, st.note, region=p.region,
                                                  when=when, disputed=bool(st.disputed)),
        "popup_html": popups.route_popup_html(p.record, st.status, st.note, region=p.region,
                                              when=when, disputed=st.disputed),
    }  # fmt: skip
    if st.also:
        other = STATUS_STYLES[st.also[0]]
        step = int(8 * max(1.0, weight / 3))
        out["second"] = {"color": other.color, "dash": f"{step} {step}", "status": st.also[0]}
    return out


def place_markers(scene: Scene) -> list[dict[str, Any]]:
    """Return a marker per place, with an inline-SVG icon by kind."""
    named = {p.label for p in scene.places if p.label}
    return [_place(p, named) for p in scene.places]


def _short_name(name: str) -> str:
    return name.split(" (")[0].split(",")[0].strip()


def _place(p: PlaceMark, named: set[str] = frozenset()) -> dict[str, Any]:
    style = PLACE_STYLES[p.kind]
    size = 9 if p.kind == "city" else 12
    return {
        "lat": round(p.lat, 5), "lon": round(p.lon, 5), "size": size,
        "cls": f"atlas-place atlas-kind-{p.kind}",
        "icon_html": svg_marker(style.shape, style.color, size=size),
        "title": p.name, "label": p.label,
        # Unlabelled places (Jamrud, Landi Kotal, …) are named only when zoomed in.
        # (none when a labelled place already carries the name: Chaman town by Chaman gate).
        "short_label": p.label or (None if _short_name(p.name) in named else _short_name(p.name)),
        "label_min_zoom": 0 if p.label else PLACE_LABEL_MIN_ZOOM,
        "tooltip_html": popups.place_tooltip_html(p.record),
        "popup_html": popups.place_popup_html(p.record, status_note=p.status_note),
        "selected": p.found, "z": -100,
    }  # fmt: skip


def uncertainty_circles(scene: Scene) -> list[dict[str, Any]]:
    """Return a circle for every place whose uncertainty exceeds 2 km."""
    s = UNCERTAINTY_STYLE
    return [
        {"lat": round(lat, 5), "lon": round(lon, 5), "radius_m": km * 1000.0,
         "color": s["color"], "weight": s["weight"], "dash": s["dash"],
         "fill_opacity": s["fill_opacity"]}
        for lon, lat, km in scene.circles
    ]  # fmt: skip


def event_markers(scene: Scene) -> list[dict[str, Any]]:
    """Return a marker per located event, styled by category; co-located ones fan out."""
    out = []
    stacks: dict[tuple[float, float], int] = {}
    for ev in scene.drawn_events:
        if ev.lon is None or ev.lat is None:
            continue
        key = (round(ev.lat, 5), round(ev.lon, 5))
        k = stacks.get(key, 0)
        stacks[key] = k + 1
        out.append(_event(ev, key, k))
    return out


def _event(ev: EventMark, at: tuple[float, float], k: int) -> dict[str, Any]:
    style = CATEGORY_STYLES[ev.category]
    size = 20
    return {
        "lat": at[0], "lon": at[1], "size": size,
        "cls": f"atlas-event atlas-cat-{ev.category} atlas-stack-{min(k, 9)}",
        "stack": k,  # atlas.js fans co-located markers out on a ring; coordinates stay exact
        "icon_html": svg_marker(style.shape, style.color, size=size),
        "title": ev.title,
        "tooltip_html": popups.event_tooltip_html(ev.record),
        "popup_html": popups.event_popup_html(ev.record),
        "selected": ev.selected, "z": 100 + k,
    }  # fmt: skip


def drone_size(strikes: int) -> int:
    """Symbol diameter in px: area grows with the count (one strike 12 px, 110 strikes 56)."""
    return round(10 + 4.4 * strikes**0.5)


def drone_markers(scene: Scene) -> list[dict[str, Any]]:
    """Return a circle per agency sized by its strikes, both publishers' counts in the tooltip."""
    out = []
    for d in scene.drones:
        size = drone_size(d.most)
        icon = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
                f'<circle cx="{size / 2}" cy="{size / 2}" r="{size / 2 - 1}" fill="{DRONE_COLOR}" '
                'fill-opacity="0.35" stroke="#FFFFFF" stroke-width="1"/></svg>')  # fmt: skip
        out.append({
            "lat": round(d.lat, 5), "lon": round(d.lon, 5), "size": size,
            "cls": "atlas-drone", "icon_html": icon, "title": d.name, "label": None,
            "tooltip_html": popups.drone_tooltip_html(d),
            "popup_html": popups.drone_popup_html(d, scene.view.window.granularity != "year"),
            "selected": False, "z": -200,
        })  # fmt: skip
    return out


LAYER_BUILDERS = {
    "uncertainty": ("circles", uncertainty_circles),
    "routes": ("lines", route_lines),
    "places": ("markers", place_markers),
    "events": ("markers", event_markers),
    "drones": ("markers", drone_markers),
}


def scene_layers(scene: Scene) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """Return ``{layer key: (atlas.js drawing helper, payload)}`` for the layers shown."""
    return {k: (fn, build(scene)) for k, (fn, build) in LAYER_BUILDERS.items()
            if k in scene.view.layers}  # fmt: skip


def scene_layer_fns(scene: Scene) -> dict[str, str]:
    """Return ``{layer key: atlas.js drawing helper}`` for the layers shown, building nothing.

    The same keys, in the same order, as ``scene_layers``: for a map that gets every layer
    by reference, which needs no payload (building them cost ≈ 25 ms a rerun).
    """
    return {k: fn for k, (fn, _) in LAYER_BUILDERS.items() if k in scene.view.layers}


def stamp_payload(scene: Scene) -> dict[str, Any]:
    """Return what the in-map title stamp and the overlay legend show for a scene."""
    v = scene.view
    return {
        "title": scene.stamp_title, "subtitle": scene.stamp_subtitle, "year": v.year,
        "window": [v.window.start.isoformat(), v.window.end.isoformat()],
        "view": "|".join(str(x) for x in v.content_key()),
        "overlays": [{"name": e.label, "color": e.color} for e in scene.legend
                     if e.group == "Overlays"],
        "legend_html": legend_html(scene.legend),
    }  # fmt: skip


def _line_svg(color: str, dash: str | None, second: str | None = None) -> str:
    d = f' stroke-dasharray="{esc(dash)}"' if dash else ""
    extra = (f'<line x1="1" y1="5" x2="29" y2="5" stroke="{second}" stroke-width="3" '
             'stroke-dasharray="5 5"/>') if second else ""  # fmt: skip
    return (f'<svg width="30" height="10"><line x1="1" y1="5" x2="29" y2="5" stroke="{color}" '
            f'stroke-width="4"{d}/>{extra}</svg>')  # fmt: skip


def legend_html(entries: tuple[LegendEntry, ...]) -> str:
    """Return the legend of what is on the map (the sheet draws the same rows)."""
    return "".join(legend_parts(entries))


def legend_parts(entries: tuple[LegendEntry, ...]) -> list[str]:
    """Return the legend's HTML as parts (group heads, rows, closing tags) that join to it."""
    rows: list[str] = []
    group = None
    for e in entries:
        if e.group == "Overlays":
            continue  # listed by the stamp, which follows the year in the browser
        if e.group != group:
            if group is not None and group != "Route status":
                rows.append("</div>")
            group = e.group
            rows.append(f"<h4>{esc(group)}</h4>")
            if group != "Route status":
                rows.append('<div class="grid">')
        if e.symbol == "drone":
            icon = (f'<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="{e.color}" '
                    'fill-opacity="0.35" stroke="#555"/></svg>')  # fmt: skip
        elif e.symbol == "two":
            icon = _line_svg(STATUS_STYLES["open"].color, None, STATUS_STYLES["closed"].color)
        elif e.group == "Route status":
            icon = _line_svg(e.color, e.symbol or None)
        elif e.symbol == "ring":
            icon = ('<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="none" '
                    'stroke="#555" stroke-dasharray="3 2"/></svg>')  # fmt: skip
        else:
            icon = svg_marker(e.symbol, e.color, size=14 if e.group == "Events" else 12)
        rows.append(f'<div class="row">{icon}<span>{esc(e.label)}</span></div>')
    if group is not None and group != "Route status":
        rows.append("</div>")
    return rows
