"""Render a briefing map sheet (PNG, PDF or SVG) on the server with matplotlib, no browser.

The layout follows a print layout: title block, map frame with scale bar and north arrow,
a side panel with the legend and a locator inset, and a footer with the numbered sources,
the data date, the dataset version and the URL that reopens the view. Figures are built as
``Figure`` objects (no pyplot state), and a lock serialises the rcParams a save reads, so
Streamlit threads can render at once.
"""

import io
import re
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

from geo.errors import ExportError
from geo.scene import Scene
from render import sheet_map as sm
from render.sheet_footer import draw_footer
from render.sheet_legend import draw_legend
from render.sheet_spec import FORMATS, PRESETS, SheetSpec, sheet_spec

__all__ = ["FORMATS", "PRESETS", "SheetSpec", "render_sheet", "sheet_labels", "sheet_size",
           "sheet_spec"]  # fmt: skip

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


def render_sheet(
    spec: SheetSpec | Scene, path: Path | None = None, *, fmt: str = "png",
    size: str = "a4-300dpi", reopen_url: str = "",
) -> bytes:  # fmt: skip
    """Render the sheet of a scene and return its bytes; also write them to ``path`` if given.

    A ``Scene`` is laid out with ``fmt``, ``size`` and ``reopen_url``; a ``SheetSpec``
    (a scene already laid out) carries its own. The same scene gives the same bytes: no
    creation date or random ids are embedded.

    Raises
    ------
    ExportError
        For an unknown format or size, or when the file cannot be written (e.g. a full disk).
    """
    if isinstance(spec, Scene):
        spec = sheet_spec(spec, fmt=fmt, size=size, reopen_url=reopen_url)
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
    title = spec.title or spec.subtitle
    if spec.fmt == "pdf":
        return {"Title": title, "Creator": "NATO–Pakistan Atlas", "Producer": "matplotlib",
                "CreationDate": None, "ModDate": None}  # fmt: skip
    if spec.fmt == "svg":
        return {"Title": title, "Date": None, "Creator": "NATO–Pakistan Atlas"}
    return {"Title": title, "Software": "NATO–Pakistan Atlas (matplotlib)"}


def _axes(fig: Figure, box: _Box) -> Axes:
    fw, fh = fig.get_size_inches()
    return fig.add_axes((box.x / fw, box.y / fh, box.w / fw, box.h / fh))


def _frame_box(fw: float, fh: float, banner: bool, titled: bool = True
               ) -> tuple[_Box, float, float, float, float]:  # fmt: skip
    """Return the map frame's box, the margin, the banner band, the footer height and top.

    A sheet without a title (a deck slide's picture: the slide's own title names it) keeps
    the subtitle line and gives the title's height to the map frame.
    """
    m = 0.3 if fw / fh < 1.6 else 0.25
    band = 0.22 if banner else 0.0
    title_h, side_w, gap = (0.68 if titled else 0.32), 2.6, 0.16
    foot_h = 1.7 if fw / fh < 1.6 else 1.2
    top = fh - m - band
    bottom = m + band + foot_h
    return _Box(m, bottom, fw - 2 * m - side_w - gap, top - title_h - bottom), m, band, foot_h, top


def sheet_labels(spec: SheetSpec | Scene, *, size: str = "a4-300dpi") -> sm.Placement:
    """Return where the sheet's labels go (event numbers, places, provinces), without drawing.

    The figure and map frame are laid out as ``render_sheet`` lays them out, so the boxes
    (in points from the page's lower-left corner) are those of the rendered sheet.
    """
    if isinstance(spec, Scene):
        spec = sheet_spec(spec, size=size)
    width, height, dpi = sheet_size(spec.size)
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    box = _frame_box(width / dpi, height / dpi, bool(spec.banner), bool(spec.title))[0]
    ax = _axes(fig, box)
    ax.set_aspect("equal", adjustable="box")
    bounds = sm.frame_bounds(spec.extent, box.w / box.h)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    return sm.label_layout(ax, spec)


def _layout(fig: Figure, spec: SheetSpec) -> None:
    fw, fh = fig.get_size_inches()
    map_box, m, band, foot_h, top = _frame_box(fw, fh, bool(spec.banner), bool(spec.title))
    side_w, gap = 2.6, 0.16
    side_x = map_box.x + map_box.w + gap
    if spec.banner:
        _banner(fig, spec.banner, fh - m / 2 - band / 2)
        _banner(fig, spec.banner, m / 2 + band / 2)
    _title_block(fig, spec, m, top)
    bounds = _map_frame(_axes(fig, map_box), spec, map_box, fig.dpi)
    locator_h = min(1.75, map_box.h * 0.4)
    legend_y = map_box.y + locator_h + 0.12
    draw_legend(_axes(fig, _Box(side_x, legend_y, side_w, map_box.y + map_box.h - legend_y)), spec)
    _locator(_axes(fig, _Box(side_x, map_box.y, side_w, locator_h)), bounds, fig.dpi)
    draw_footer(fig, spec, (m, m + band, fw - 2 * m, foot_h - 0.12), bounds)


def _banner(fig: Figure, text: str, y_in: float) -> None:
    fh = fig.get_size_inches()[1]
    fig.text(0.5, y_in / fh, text, ha="center", va="center", fontsize=10, fontweight="bold",
             color=INK, parse_math=False)  # fmt: skip


def _title_block(fig: Figure, spec: SheetSpec, x: float, top: float) -> None:
    fw, fh = fig.get_size_inches()
    drop = 0.0
    if spec.title:
        fig.text(x / fw, (top - 0.05) / fh, spec.title, ha="left", va="top", fontsize=18,
                 fontweight="bold", color=INK, parse_math=False)  # fmt: skip
        drop = 0.36
    fig.text(x / fw, (top - 0.06 - drop) / fh, spec.subtitle, ha="left", va="top", fontsize=9.5,
             color=MUTED, parse_math=False)  # fmt: skip
    fig.add_artist(Line2D([x / fw, 1 - x / fw], [(top - 0.30 - drop) / fh] * 2, color=INK,
                          lw=1.2))  # fmt: skip


def _map_frame(ax: Axes, spec: SheetSpec, box: _Box, dpi: float) -> tuple[float, ...]:
    bounds = sm.frame_bounds(spec.extent, box.w / box.h)
    ax.set_aspect("equal", adjustable="box")
    sm.draw_basemap(ax, bounds, px_width=box.w * dpi)
    sm.draw_circles(ax, spec)
    sm.draw_routes(ax, spec)
    sm.draw_drones(ax, spec)
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
