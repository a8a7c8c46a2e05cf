"""Draw the map frame of a printed sheet in Web Mercator, from the shared style (matplotlib)."""

import json
import math
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Circle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import ScaledTranslation, Transform

from geo.style import (
    BASEMAP_STYLE,
    CATEGORY_STYLES,
    DRONE_COLOR,
    PLACE_STYLES,
    SHAPES,
    STATUS_STYLES,
    UNCERTAINTY_STYLE,
    VARIANT_WEIGHT,
)
from render.sheet_labels import Box, LabelRequest, Placement, overlaps, place_labels
from render.sheet_spec import EventMark, SheetSpec

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"
EARTH_RADIUS = 6378137.0  # the sphere of Web Mercator (EPSG:3857)
SCREEN_PX = (1000, 640)  # the on-screen map the extent was framed in, in CSS px
PX_TO_PT = 0.6  # line weights and marker sizes: one screen px is about 0.6 pt on the sheet
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
MARKER_PT = {"event": 10.0, "city": 5.5, "place": 7.0}  # marker sizes on the sheet, points


def to_mercator(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple:
    """Project lon/lat degrees to EPSG:3857 metres (lat clipped to ±85.05°)."""
    lam = np.radians(lon)
    phi = np.radians(np.clip(lat, -85.05113, 85.05113))
    return EARTH_RADIUS * lam, EARTH_RADIUS * np.log(np.tan(np.pi / 4 + phi / 2))


def ground_scale(lat: float) -> float:
    """Return ground metres per projected metre at ``lat`` (Web Mercator stretches by 1/cos)."""
    return math.cos(math.radians(lat))


def frame_bounds(extent: tuple[float, float, int], aspect: float) -> tuple[float, ...]:
    """Return (xmin, ymin, xmax, ymax) in EPSG:3857 for a lat/lon/zoom view and a frame aspect.

    The on-screen area is kept and widened (never cropped) to the frame's width/height ratio.
    """
    lat, lon, zoom = extent
    cx, cy = to_mercator(lon, lat)
    per_px = 2 * math.pi * EARTH_RADIUS / (256 * 2**zoom)
    half_w, half_h = SCREEN_PX[0] / 2 * per_px, SCREEN_PX[1] / 2 * per_px
    if half_w / half_h < aspect:
        half_w = half_h * aspect
    else:
        half_h = half_w / aspect
    return float(cx - half_w), float(cy - half_h), float(cx + half_w), float(cy + half_h)


@cache
def basemap_layer(name: str) -> gpd.GeoDataFrame:
    """Return a bundled basemap layer projected to EPSG:3857, read once per process."""
    doc = json.loads((BASEMAP_DIR / name).read_text(encoding="utf-8"))
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in doc["features"]])
    props = [f["properties"] for f in doc["features"]]
    projected = shapely.transform(geoms, lambda xy: np.column_stack(to_mercator(*xy.T)))
    return gpd.GeoDataFrame(props, geometry=list(projected), crs="EPSG:3857")


def _clipped(name: str, bounds: tuple[float, ...], tolerance: float) -> gpd.GeoDataFrame:
    """Return a layer cut to the frame (plus a margin) and simplified below the print detail."""
    layer = basemap_layer(name)
    pad = 0.05 * (bounds[2] - bounds[0])
    box = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    geoms = shapely.clip_by_rect(layer.geometry.values, *box)
    geoms = shapely.simplify(geoms, tolerance, preserve_topology=False)
    keep = ~shapely.is_empty(geoms)
    return gpd.GeoDataFrame(layer[keep].drop(columns="geometry"), geometry=geoms[keep],
                            crs=layer.crs)  # fmt: skip


def draw_basemap(
    ax: Axes, bounds: tuple[float, ...], *, px_width: float, detail: bool = True
) -> None:
    """Draw water, countries (Pakistan and Afghanistan lighter), province lines and the border.

    ``px_width`` is the frame's width in output pixels: geometry finer than half a pixel
    is dropped, which keeps an A4 sheet fast without a visible change.
    """
    s = BASEMAP_STYLE
    tol = (bounds[2] - bounds[0]) / px_width * 0.5
    lw = 1.0 if detail else 0.6
    ax.set_facecolor(s["water"])
    countries = _clipped("countries.geojson", bounds, tol)
    focus = countries["focus"].fillna(False).astype(bool)
    countries[~focus].plot(ax=ax, facecolor=s["land"], edgecolor=s["border"], linewidth=0.4 * lw)
    countries[focus].plot(ax=ax, facecolor=s["land_focus"], edgecolor="#555555",
                          linewidth=0.6 * lw)  # fmt: skip
    if (BASEMAP_DIR / "lakes.geojson").exists():
        lakes = _clipped("lakes.geojson", bounds, tol)
        lakes.plot(ax=ax, facecolor=s["water"], edgecolor=s["water"], linewidth=0.2)
    if detail:
        _clipped("pk_admin_lines.geojson", bounds, tol).plot(
            ax=ax, color=s["province"], linewidth=0.6, linestyle=(0, (4, 3))
        )
        _clipped("afpak_border.geojson", bounds, tol).plot(ax=ax, color="#3D3D3D", linewidth=1.2)
        # The province names are placed with the other labels (draw_labels), never under them.
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_xlabel("")
    ax.set_ylabel("")


def marker(shape: str) -> MarkerStyle:
    """Return a matplotlib marker from a shared shape (SHAPES use y down; matplotlib y up)."""
    return MarkerStyle(MplPath([(x, -y) for x, y in SHAPES[shape]], closed=False))


def _dashes(dash: str | None, weight: float) -> tuple:
    if not dash:
        return "solid"
    # As on screen: the dash scales with the line a little; matplotlib counts in line widths.
    k = max(1.0, weight / 3) / weight
    return (0, tuple(float(d) * k for d in dash.split()))


def draw_routes(ax: Axes, spec: SheetSpec) -> None:
    """Draw each route: a white casing under a line coloured and dashed by its status."""
    for route in sorted(spec.routes, key=lambda r: r.variant == "main"):
        x, y = to_mercator(np.array([c[0] for c in route.coords]),
                           np.array([c[1] for c in route.coords]))  # fmt: skip
        style = STATUS_STYLES[route.status]
        w = VARIANT_WEIGHT[route.variant] * PX_TO_PT
        ax.plot(x, y, color="white", linewidth=w + 1.8, alpha=0.85, zorder=4,
                solid_capstyle="round")  # fmt: skip
        ax.plot(x, y, color=style.color, linewidth=w, linestyle=_dashes(style.dash, w / PX_TO_PT),
                dash_capstyle="butt", solid_capstyle="round", zorder=5)  # fmt: skip
        if route.also:  # the status changed in the window: the other status alternates
            other = STATUS_STYLES[route.also[0]]
            ax.plot(x, y, color=other.color, linewidth=w * 0.6, linestyle=(6, (6, 6)),
                    dash_capstyle="butt", zorder=5.5)  # fmt: skip


def draw_circles(ax: Axes, spec: SheetSpec) -> None:
    """Draw the uncertainty circles; a ground radius r is r / cos(lat) in Web Mercator."""
    s = UNCERTAINTY_STYLE
    for lon, lat, km in spec.circles:
        x, y = to_mercator(lon, lat)
        radius = km * 1000.0 / ground_scale(lat)
        ax.add_patch(Circle((x, y), radius, facecolor=s["color"], alpha=s["fill_opacity"],
                            edgecolor="none", zorder=3))  # fmt: skip
        ax.add_patch(Circle((x, y), radius, facecolor="none", edgecolor=s["color"],
                            linewidth=0.6, linestyle=(0, (4, 4)), zorder=3))  # fmt: skip


def draw_places(ax: Axes, spec: SheetSpec) -> None:
    """Draw places by kind with their shared shapes, and the labelled places' names."""
    for kind in sorted({p.kind for p in spec.places}):
        style = PLACE_STYLES[kind]
        pts = [p for p in spec.places if p.kind == kind]
        x, y = to_mercator(np.array([p.lon for p in pts]), np.array([p.lat for p in pts]))
        size = MARKER_PT["city" if kind == "city" else "place"] ** 2
        ax.scatter(x, y, s=size, marker=marker(style.shape), c=style.color, edgecolors="white",
                   linewidths=0.6, zorder=6)  # fmt: skip


def draw_drones(ax: Axes, spec: SheetSpec) -> None:
    """Draw each agency's drone strikes as a translucent circle sized like on screen."""
    for d in spec.drones:
        x, y = to_mercator(d.lon, d.lat)
        diameter_pt = (10 + 4.4 * d.most**0.5) * PX_TO_PT
        ax.scatter([x], [y], s=diameter_pt**2, c=DRONE_COLOR, alpha=0.35, edgecolors="white",
                   linewidths=0.6, zorder=5.8)  # fmt: skip


def draw_overlays(ax: Axes, spec: SheetSpec) -> None:
    """Draw each overlay as small dots in one scatter call (fast for thousands of points)."""
    for ov in spec.overlays:
        if len(ov.lons):
            x, y = to_mercator(ov.lons, ov.lats)
            ax.scatter(x, y, s=4, c=ov.color, linewidths=0, alpha=0.75, zorder=7,
                       rasterized=len(ov.lons) > 2000)  # fmt: skip


def _event_groups(spec: SheetSpec) -> dict[tuple[float, float], list[EventMark]]:
    groups: dict[tuple[float, float], list[EventMark]] = {}
    for ev in spec.events:
        if ev.lon is not None and ev.lat is not None:
            groups.setdefault((round(ev.lon, 5), round(ev.lat, 5)), []).append(ev)
    return groups


def draw_events(ax: Axes, spec: SheetSpec) -> None:
    """Draw located events by category; co-located ones fan out sideways, as on screen."""
    for (lon, lat), evs in _event_groups(spec).items():
        x, y = to_mercator(lon, lat)
        for k, ev in enumerate(evs):
            style = CATEGORY_STYLES[ev.category]
            dx, dy = _event_offset(k)  # points
            ax.plot(x, y, marker=marker(style.shape), markersize=MARKER_PT["event"],
                    color=style.color, markeredgecolor="white", markeredgewidth=0.8,
                    linestyle="none", zorder=9, transform=_offset(ax, dx, dy))  # fmt: skip


_FRAME_FURNITURE = ((0.0, 0.0, 0.235, 0.105), (0.925, 0.79, 0.985, 0.965))  # scale bar, N


def _event_offset(k: int) -> tuple[float, float]:
    """The sideways fan of the k-th co-located event marker, in points (as on screen)."""
    dx = 6.0 * ((k + 1) // 2) * (1 if k % 2 else -1)
    return dx, -abs(dx) / 2


def _grown(box: Box, others: list[Box]) -> Box:
    """The box widened to take in every box of ``others`` that it touches."""
    out = box
    for o in others:
        if overlaps(box, o):  # only what touches the marker itself: no chains across a cluster
            out = (min(out[0], o[0]), min(out[1], o[1]), max(out[2], o[2]), max(out[3], o[3]))
    return out


def label_layout(ax: Axes, spec: SheetSpec) -> Placement:
    """Return where the sheet's labels go (pure given the axes' size and limits).

    Event numbers, the labelled places' names and the province names are placed in points
    so that none overlaps another, a marker, the scale bar or the north arrow.
    """
    ax.apply_aspect()
    k = 72 / ax.figure.dpi

    def pt(lon: float, lat: float) -> tuple[float, float]:
        px, py = ax.transData.transform(to_mercator(lon, lat))
        return px * k, py * k

    def square(x: float, y: float, half: float) -> Box:
        return (x - half, y - half, x + half, y + half)

    obstacles: list[Box] = []
    requests: list[LabelRequest] = []
    for (lon, lat), evs in _event_groups(spec).items():
        x, y = pt(lon, lat)
        half = MARKER_PT["event"] / 2 + 0.4
        boxes = [square(x + dx, y + dy, half) for dx, dy in map(_event_offset, range(len(evs)))]
        obstacles += boxes
        anchor = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                  max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip
        text = ",".join(str(ev.number) for ev in evs)
        requests.append(LabelRequest(text, "event", anchor, 7.0, bold=True))
    events = list(obstacles)
    for p in spec.places:
        x, y = pt(p.lon, p.lat)
        box = square(x, y, MARKER_PT["city" if p.kind == "city" else "place"] / 2 + 0.3)
        obstacles.append(box)
        if p.label:  # an event drawn on the place: the name goes beside both
            requests.append(LabelRequest(p.label, "place", _grown(box, events), 6.5, mark=box))
    x0, y0, x1, y1 = (v * k for v in ax.bbox.extents)
    for fx0, fy0, fx1, fy1 in _FRAME_FURNITURE:
        obstacles.append((x0 + fx0 * (x1 - x0), y0 + fy0 * (y1 - y0),
                          x0 + fx1 * (x1 - x0), y0 + fy1 * (y1 - y0)))  # fmt: skip
    obstacles.append((x1 - 150.0, y0, x1, y0 + 9.0))  # the projection note, lower right
    for row in basemap_layer("pk_admin_labels.geojson").itertuples():
        px, py = ax.transData.transform((row.geometry.x, row.geometry.y))
        cx, cy = px * k, py * k
        requests.append(LabelRequest(row.short or row.name, "province", (cx, cy, cx, cy), 6.5,
                                     italic=True))  # fmt: skip
    frame = (x0 + 2, y0 + 2, x1 - 2, y1 - 2)
    # Marks outside the frame get no label (the sources line says "[outside map]").
    inside = [r for r in requests if x0 <= (r.anchor[0] + r.anchor[2]) / 2 <= x1
              and y0 <= (r.anchor[1] + r.anchor[3]) / 2 <= y1]  # fmt: skip
    return place_labels(inside, obstacles, frame)


def draw_labels(ax: Axes, spec: SheetSpec) -> Placement:
    """Draw the event numbers, place names and province names where ``label_layout`` put them."""
    layout = label_layout(ax, spec)
    k = 72 / ax.figure.dpi
    to_data = ax.transData.inverted()
    s = BASEMAP_STYLE
    for lab in layout.placed:
        req = lab.request
        cx, cy = to_data.transform((lab.center[0] / k, lab.center[1] / k))
        if lab.leader:
            (ax_, ay_), (bx_, by_) = to_data.transform(
                [(lab.leader[0] / k, lab.leader[1] / k), (lab.leader[2] / k, lab.leader[3] / k)]
            )
            ax.plot([ax_, bx_], [ay_, by_], color="#333333", linewidth=0.6, zorder=9.5,
                    solid_capstyle="butt")  # fmt: skip
        province = req.kind == "province"
        ax.text(cx, cy, req.text, ha="center", va="center", fontsize=req.size,
                fontweight="bold" if req.bold else "normal",
                style="italic" if req.italic else "normal",
                color=s["label"] if province else "#111111", path_effects=HALO,
                zorder=5.8 if province else 10, clip_on=True, parse_math=False)  # fmt: skip
    return layout


def _offset(ax: Axes, dx_pt: float, dy_pt: float) -> Transform:
    return ax.transData + ScaledTranslation(dx_pt / 72, dy_pt / 72, ax.figure.dpi_scale_trans)
