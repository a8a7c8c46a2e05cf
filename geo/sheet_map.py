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

from geo.sheet_spec import EventMark, SheetSpec
from geo.style import (
    BASEMAP_STYLE,
    CATEGORY_STYLES,
    PLACE_STYLES,
    SHAPES,
    STATUS_STYLES,
    UNCERTAINTY_STYLE,
    VARIANT_WEIGHT,
)

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"
EARTH_RADIUS = 6378137.0  # the sphere of Web Mercator (EPSG:3857)
SCREEN_PX = (1000, 640)  # the on-screen map the extent was framed in, in CSS px
PX_TO_PT = 0.6  # line weights and marker sizes: one screen px is about 0.6 pt on the sheet
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]


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
    """Draw water, countries (Pakistan and Afghanistan lighter), provinces and the border.

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
        for row in basemap_layer("pk_admin_labels.geojson").itertuples():
            ax.text(row.geometry.x, row.geometry.y, row.short or row.name, fontsize=6.5,
                    color=s["label"], style="italic", ha="center", va="center", clip_on=True,
                    path_effects=HALO, parse_math=False, zorder=3)  # fmt: skip
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
        size = (5.5 if kind == "city" else 7.0) ** 2
        ax.scatter(x, y, s=size, marker=marker(style.shape), c=style.color, edgecolors="white",
                   linewidths=0.6, zorder=6)  # fmt: skip


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
            dx = 6.0 * ((k + 1) // 2) * (1 if k % 2 else -1)  # points
            ax.plot(x, y, marker=marker(style.shape), markersize=10, color=style.color,
                    markeredgecolor="white", markeredgewidth=0.8, linestyle="none", zorder=9,
                    transform=_offset(ax, dx, -abs(dx) / 2))  # fmt: skip


class _Labels:
    """Greedy label placement in points: try four sides of an anchor, skip a place label
    that would overlap one already placed (event numbers are always drawn)."""

    SIDES = ((7, 3, "left", "bottom"), (-7, 3, "right", "bottom"), (7, -3, "left", "top"),
             (-7, -3, "right", "top"))  # fmt: skip

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.k = 72 / ax.figure.dpi
        self.taken: list[tuple[float, float, float, float]] = []

    def point(self, x: float, y: float) -> tuple[float, float]:
        px, py = self.ax.transData.transform((x, y))
        return px * self.k, py * self.k

    def block(self, x: float, y: float, half: float) -> None:
        cx, cy = self.point(x, y)
        self.taken.append((cx - half, cy - half, cx + half, cy + half))

    def _box(self, cx: float, cy: float, side: tuple, w: float, h: float) -> tuple:
        dx, dy, ha, va = side
        x0 = cx + dx if ha == "left" else cx + dx - w
        y0 = cy + dy if va == "bottom" else cy + dy - h
        return (x0, y0, x0 + w, y0 + h)

    def _free(self, box: tuple) -> bool:
        return all(box[2] < t[0] or box[0] > t[2] or box[3] < t[1] or box[1] > t[3]
                   for t in self.taken)  # fmt: skip

    def add(self, text: str, x: float, y: float, *, size: float, bold: bool, force: bool) -> None:
        cx, cy = self.point(x, y)
        w, h = 0.62 * size * len(text) + 2, size * 1.15
        choice = next((sd for sd in self.SIDES if self._free(self._box(cx, cy, sd, w, h))), None)
        if choice is None and not force:
            return
        choice = choice or self.SIDES[0]
        self.taken.append(self._box(cx, cy, choice, w, h))
        dx, dy, ha, va = choice
        self.ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                         va=va, fontsize=size, fontweight="bold" if bold else "normal",
                         color="#111111", path_effects=HALO, zorder=10, annotation_clip=True,
                         parse_math=False)  # fmt: skip


def draw_labels(ax: Axes, spec: SheetSpec) -> None:
    """Label events with their numbers (always) and the labelled places (where there is room)."""
    labels = _Labels(ax)
    groups = _event_groups(spec)
    for lon, lat in groups:
        labels.block(*to_mercator(lon, lat), 5)
    for p in spec.places:
        labels.block(*to_mercator(p.lon, p.lat), 3)
    for (lon, lat), evs in groups.items():
        text = ",".join(str(ev.number) for ev in evs)
        labels.add(text, *to_mercator(lon, lat), size=7, bold=True, force=True)
    for p in spec.places:
        if p.label:
            labels.add(p.label, *to_mercator(p.lon, p.lat), size=6.5, bold=False, force=False)


def _offset(ax: Axes, dx_pt: float, dy_pt: float) -> Transform:
    return ax.transData + ScaledTranslation(dx_pt / 72, dy_pt / 72, ax.figure.dpi_scale_trans)
