"""Render a briefing map sheet (PNG, PDF or SVG) on the server with matplotlib, no browser.

The layout follows a print layout: title block, map frame with scale bar and north arrow,
a side panel with the legend and a locator inset, and a footer with the numbered sources,
the data date, the dataset version and the URL that reopens the view. Figures are built as
``Figure`` objects (no pyplot state), and a lock serialises the rcParams a save reads, so
Streamlit threads can render at once.
"""

import io
import math
import re
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib_scalebar.scalebar import ScaleBar
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from geo import sheet_map as sm
from geo.errors import ExportError
from geo.sheet_spec import FORMATS, PRESETS, SheetSpec, sheet_spec_for
from geo.style import CATEGORY_STYLES, PLACE_STYLES, STATUS_STYLES, UNCERTAINTY_STYLE

__all__ = ["FORMATS", "PRESETS", "SheetSpec", "render_sheet", "sheet_size", "sheet_spec_for"]

MAX_SIDE_PX, MAX_PIXELS = 8000, 40_000_000
LOCATOR_REGION = (44.0, 12.0, 92.0, 46.0)  # lon/lat: Iran to India, Gulf to Central Asia
INK, MUTED = "#1A1A1A", "#555555"
_RC = {
    "pdf.fonttype": 3,  # Type 3 subsets fast; pypdf still extracts the text (tested)
    "svg.fonttype": "none",  # SVG text stays text (escaped by the SVG writer)
    "svg.hashsalt": "nato-pakistan-atlas",  # stable ids: the same view gives the same bytes
    "font.family": "DejaVu Sans",
    "path.simplify": True,
}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Box:
    """A rectangle on the sheet in inches from the lower-left corner."""

    x: float
    y: float
    w: float
    h: float


def sheet_size(size: str) -> tuple[int, int, float]:
    """Return (width px, height px, dpi) for a preset name or a custom ``"WIDTHxHEIGHT"``.

    Raises
    ------
    ExportError
        For an unknown name or a size that cannot be rendered.

    Examples
    --------
    >>> sheet_size("a4-300dpi")
    (3508, 2480, 300.0)
    """
    if size in PRESETS:
        return PRESETS[size]
    m = re.fullmatch(r"(\d{1,7})x(\d{1,7})", size or "")
    if not m:
        raise ExportError(f"Unknown sheet size {size!r}: choose one of {', '.join(PRESETS)}.")
    w, h = int(m[1]), int(m[2])
    if w > MAX_SIDE_PX or h > MAX_SIDE_PX or w * h > MAX_PIXELS:
        raise ExportError(
            f"A {w}×{h} px sheet is too large to render: at most {MAX_SIDE_PX} px a side "
            f"and {MAX_PIXELS // 1_000_000} megapixels."
        )
    if w < 800 or h < 450 or not 1.0 <= w / h <= 2.5:
        raise ExportError(f"A {w}×{h} px sheet is too small or too narrow for a map layout.")
    return w, h, w / 12


def render_sheet(spec: SheetSpec, path: Path | None = None) -> bytes:
    """Render the sheet and return its bytes; also write them to ``path`` if given.

    The same spec gives the same bytes: no creation date or random ids are embedded.

    Raises
    ------
    ExportError
        For an unknown format or size, or when the file cannot be written (e.g. a full disk).
    """
    if spec.fmt not in FORMATS:
        raise ExportError(f"Unknown sheet format {spec.fmt!r}: choose one of {', '.join(FORMATS)}.")
    width, height, dpi = sheet_size(spec.size)
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    buf = io.BytesIO()
    try:
        with _LOCK, mpl.rc_context(_RC):
            _layout(fig, spec)
            if spec.fmt == "png":
                _save_png(fig, buf, spec, dpi)
            else:
                fig.savefig(buf, format=spec.fmt, dpi=dpi, metadata=_metadata(spec))
    except (MemoryError, ValueError) as exc:
        raise ExportError(f"The sheet could not be rendered: {exc}") from exc
    data = buf.getvalue()
    if path is not None:
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise ExportError(f"Could not write {Path(path).name}: {exc.strerror or exc}") from exc
    return data


def _save_png(fig: Figure, buf: io.BytesIO, spec: SheetSpec, dpi: float) -> None:
    """Save as 8-bit RGB (no alpha: a quarter less to compress) with the dpi and no dates."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    info = PngInfo()
    for key, value in _metadata(spec).items():
        info.add_text(key, str(value))
    image.convert("RGB").save(buf, format="PNG", dpi=(dpi, dpi), pnginfo=info, compress_level=4)


def _metadata(spec: SheetSpec) -> dict[str, object]:
    title = spec.title
    if spec.fmt == "pdf":
        return {"Title": title, "Creator": "NATO–Pakistan Atlas", "Producer": "matplotlib",
                "CreationDate": None, "ModDate": None}  # fmt: skip
    if spec.fmt == "svg":
        return {"Title": title, "Date": None, "Creator": "NATO–Pakistan Atlas"}
    return {"Title": title, "Software": "NATO–Pakistan Atlas (matplotlib)"}


def _axes(fig: Figure, box: _Box) -> Axes:
    fw, fh = fig.get_size_inches()
    return fig.add_axes((box.x / fw, box.y / fh, box.w / fw, box.h / fh))


def _layout(fig: Figure, spec: SheetSpec) -> None:
    fw, fh = fig.get_size_inches()
    m = 0.3 if fw / fh < 1.6 else 0.25
    band = 0.22 if spec.banner else 0.0
    title_h, side_w, gap = 0.68, 2.6, 0.16
    foot_h = 1.7 if fw / fh < 1.6 else 1.2
    top = fh - m - band
    bottom = m + band + foot_h
    map_box = _Box(m, bottom, fw - 2 * m - side_w - gap, top - title_h - bottom)
    side_x = map_box.x + map_box.w + gap
    if spec.banner:
        _banner(fig, spec.banner, fh - m / 2 - band / 2)
        _banner(fig, spec.banner, m / 2 + band / 2)
    _title_block(fig, spec, m, top)
    bounds = _map_frame(_axes(fig, map_box), spec, map_box, fig.dpi)
    locator_h = min(1.75, map_box.h * 0.4)
    legend_y = map_box.y + locator_h + 0.12
    _legend(_axes(fig, _Box(side_x, legend_y, side_w, map_box.y + map_box.h - legend_y)), spec)
    _locator(_axes(fig, _Box(side_x, map_box.y, side_w, locator_h)), bounds, fig.dpi)
    _footer(fig, spec, _Box(m, m + band, fw - 2 * m, foot_h - 0.12), bounds)


def _banner(fig: Figure, text: str, y_in: float) -> None:
    fh = fig.get_size_inches()[1]
    fig.text(0.5, y_in / fh, text, ha="center", va="center", fontsize=10, fontweight="bold",
             color=INK, parse_math=False)  # fmt: skip


def _title_block(fig: Figure, spec: SheetSpec, x: float, top: float) -> None:
    fw, fh = fig.get_size_inches()
    fig.text(x / fw, (top - 0.05) / fh, spec.title, ha="left", va="top", fontsize=18,
             fontweight="bold", color=INK, parse_math=False)  # fmt: skip
    fig.text(x / fw, (top - 0.42) / fh, spec.subtitle, ha="left", va="top", fontsize=9.5,
             color=MUTED, parse_math=False)  # fmt: skip
    fig.add_artist(Line2D([x / fw, 1 - x / fw], [(top - 0.66) / fh] * 2, color=INK, lw=1.2))


def _map_frame(ax: Axes, spec: SheetSpec, box: _Box, dpi: float) -> tuple[float, ...]:
    bounds = sm.frame_bounds(spec.extent, box.w / box.h)
    ax.set_aspect("equal", adjustable="box")
    sm.draw_basemap(ax, bounds, px_width=box.w * dpi)
    sm.draw_circles(ax, spec)
    sm.draw_routes(ax, spec)
    sm.draw_places(ax, spec)
    sm.draw_overlays(ax, spec)
    sm.draw_events(ax, spec)
    sm.draw_labels(ax, spec)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_linewidth(1.0)
        side.set_color(INK)
    lat_c = spec.extent[0]
    ax.add_artist(ScaleBar(sm.ground_scale(lat_c), units="m", location="lower left",
                           length_fraction=0.22, box_alpha=0.85, scale_loc="top",
                           font_properties={"size": 7}, border_pad=0.6))  # fmt: skip
    _north_arrow(ax)
    ax.text(0.995, 0.005, f"Web Mercator (EPSG:3857) · scale true at {lat_c:.1f}°N",
            transform=ax.transAxes, ha="right", va="bottom", fontsize=5.5, color=MUTED,
            bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1.5})  # fmt: skip
    return bounds


def _north_arrow(ax: Axes) -> None:
    x, y = 0.955, 0.86
    ax.annotate("", xy=(x, y + 0.085), xytext=(x, y), xycoords="axes fraction",
                arrowprops={"facecolor": INK, "edgecolor": "white", "width": 3.5,
                            "headwidth": 10, "headlength": 10, "lw": 0.6})  # fmt: skip
    ax.text(x, y - 0.012, "N", transform=ax.transAxes, ha="center", va="top", fontsize=10,
            fontweight="bold", color=INK, path_effects=sm.HALO)  # fmt: skip


def _legend(ax: Axes, spec: SheetSpec) -> None:
    """Mirror components.map_layers.legend_html: routes, events, places, uncertainty, overlays."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=INK, lw=0.8))
    rows: list[tuple[str, object, str]] = [("head", None, "Legend")]
    rows.append(("sub", None, "Route status"))
    rows += [("line", s, s.label) for s in STATUS_STYLES.values()]
    rows.append(("sub", None, "Events (numbers: sources below)"))
    rows += [("marker", s, s.label) for s in CATEGORY_STYLES.values()]
    rows.append(("sub", None, "Places"))
    seen = set()
    for s in PLACE_STYLES.values():
        if (s.shape, s.label) not in seen:
            seen.add((s.shape, s.label))
            rows.append(("place", s, s.label))
    rows.append(("circle", None, "Uncertainty > 2 km"))
    if spec.overlays:
        rows.append(("sub", None, "Your overlays"))
        rows += [("dot", o.color, f"{o.name} ({len(o.lons):,})") for o in spec.overlays]
    _legend_rows(ax, rows)


def _legend_rows(ax: Axes, rows: list[tuple[str, object, str]]) -> None:
    # Marker rows sit two to a line, as in the on-screen legend's grid.
    lines: list[list[tuple[str, object, str]]] = []
    for row in rows:
        two_up = row[0] in ("marker", "place") and lines and len(lines[-1]) == 1
        if two_up and lines[-1][0][0] == row[0]:
            lines[-1].append(row)
        else:
            lines.append([row])
    weights = [1.3 if line[0][0] in ("head", "sub") else 1.0 for line in lines]
    step = min(0.07, 0.95 / sum(weights))
    y = 0.995
    for line, weight in zip(lines, weights, strict=True):
        y -= step * weight
        for col, (k, style, label) in enumerate(line):
            _legend_item(ax, k, style, label, 0.05 + 0.48 * col, y)


def _legend_item(ax: Axes, kind: str, style: object, label: str, x: float, y: float) -> None:
    text_x = x + 0.13
    if kind == "head":
        ax.text(x, y, label, fontsize=9, fontweight="bold", va="center", color=INK)
        return
    if kind == "sub":
        ax.text(x, y, label, fontsize=7, fontweight="bold", va="center", color=MUTED)
        return
    if kind == "line":
        ax.plot([x, x + 0.1], [y, y], color=style.color, lw=2.4, solid_capstyle="butt",
                linestyle=sm._dashes(style.dash, 4.0), dash_capstyle="butt")  # fmt: skip
        text_x = x + 0.14
    elif kind in ("marker", "place"):
        size = 7.5 if kind == "marker" else 6.0
        ax.plot(x + 0.04, y, marker=sm.marker(style.shape), markersize=size, color=style.color,
                markeredgecolor="white", markeredgewidth=0.5, linestyle="none")  # fmt: skip
        text_x = x + 0.09
    elif kind == "circle":
        u = UNCERTAINTY_STYLE
        ax.plot(x + 0.04, y, marker="o", markersize=7, markerfacecolor="none",
                markeredgecolor=u["color"], linestyle="none", markeredgewidth=0.7)  # fmt: skip
        text_x = x + 0.09
    elif kind == "dot":
        ax.plot(x + 0.04, y, marker="o", markersize=4, color=style, linestyle="none")
        text_x = x + 0.09
    ax.text(text_x, y, label, fontsize=6.3, va="center", color=INK, parse_math=False,
            clip_on=True)  # fmt: skip


def _locator(ax: Axes, bounds: tuple[float, ...], dpi: float) -> None:
    x0, y0 = sm.to_mercator(LOCATOR_REGION[0], LOCATOR_REGION[1])
    x1, y1 = sm.to_mercator(LOCATOR_REGION[2], LOCATOR_REGION[3])
    x0, y0 = min(x0, bounds[0]), min(y0, bounds[1])
    x1, y1 = max(x1, bounds[2]), max(y1, bounds[3])
    # Widen the region to the inset's shape, so equal aspect needs no limit changes.
    w_in, h_in = (ax.get_position().width * ax.figure.get_figwidth(),
                  ax.get_position().height * ax.figure.get_figheight())  # fmt: skip
    cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    hw, hh = max(hw, hh * w_in / h_in), max(hh, hw * h_in / w_in)
    region = (cx - hw, cy - hh, cx + hw, cy + hh)
    ax.set_aspect("equal", adjustable="box")
    sm.draw_basemap(ax, region, px_width=w_in * dpi, detail=False)
    ax.add_patch(Rectangle((bounds[0], bounds[1]), bounds[2] - bounds[0], bounds[3] - bounds[1],
                           facecolor="#D55E00", alpha=0.18, edgecolor="#D55E00", lw=1.2,
                           zorder=5))  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.03, 0.96, "Locator", transform=ax.transAxes, fontsize=6.5, fontweight="bold",
            color=INK, va="top", path_effects=sm.HALO)  # fmt: skip
    for side in ax.spines.values():
        side.set_linewidth(0.8)
        side.set_color(INK)


def _sources_text(spec: SheetSpec, bounds: tuple[float, ...]) -> list[str]:
    if not spec.events_layer:
        return ["Events layer hidden: no events shown."]
    if not spec.events:
        return ["No recorded events in this view."]
    items = []
    for ev in spec.events:
        where = ""
        if ev.lon is None:
            where = " [not on map]"
        else:
            x, y = sm.to_mercator(ev.lon, ev.lat)
            if not (bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]):
                where = " [outside map]"
        cites = "; ".join(ev.citations) or "no source recorded"
        items.append(f"{ev.number}. {ev.title} ({ev.when}){where}: {cites}.")
    return items


def _footer(fig: Figure, spec: SheetSpec, box: _Box, bounds: tuple[float, ...]) -> None:
    fw, fh = fig.get_size_inches()
    meta = " · ".join(
        p for p in (
            f"Data as of {spec.data_as_of}" if spec.data_as_of else "",
            f"Dataset version {spec.dataset_version}" if spec.dataset_version else "",
            "Basemap: Natural Earth (bundled), Pakistan–Afghanistan line as administered",
        ) if p
    )  # fmt: skip
    fig.text(box.x / fw, (box.y + 0.17) / fh, meta, fontsize=6.5, color=INK, va="bottom",
             parse_math=False)  # fmt: skip
    url = spec.reopen_url or "(open the Atlas map page to get a link to this view)"
    fig.text(box.x / fw, box.y / fh, f"Reopen this view: {url}", fontsize=6, color=MUTED,
             va="bottom", parse_math=False)  # fmt: skip
    text_h = box.h - 0.32
    body = _fit(_sources_text(spec, bounds), box.w, text_h)
    fig.text(box.x / fw, (box.y + box.h) / fh, body[0], fontsize=body[1], color=INK, va="top",
             linespacing=1.25, parse_math=False)  # fmt: skip


def _fit(items: list[str], width_in: float, height_in: float) -> tuple[str, float]:
    """Wrap the sources to the box, shrinking the type to 5 pt, then eliding the rest."""
    size = 7.0
    for size in (7.0, 6.5, 6.0, 5.5, 5.0):
        chars = max(40, int(width_in * 72 / (0.56 * size)))
        room = math.floor(height_in * 72 / (size * 1.25 * 1.1))
        lines = textwrap.wrap("Sources: " + "  ".join(items), chars)
        if len(lines) <= room:
            return "\n".join(lines), size
    kept: list[str] = []
    for n, item in enumerate(items):
        trial = textwrap.wrap("Sources: " + "  ".join([*kept, item]), chars)
        if len(trial) > room - 1:
            note = f"… and {len(items) - n} more events: full sources in the CSV/GeoJSON exports."
            return "\n".join([*textwrap.wrap("Sources: " + "  ".join(kept), chars), note]), size
        kept.append(item)
    return "\n".join(lines), size
