"""The legend panel of a map sheet: the scene's legend rows, as on screen (matplotlib)."""

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from geo.style import CATEGORY_STYLES, PLACE_STYLES, STATUS_STYLES, UNCERTAINTY_STYLE
from render import sheet_map as sm
from render.sheet_spec import SheetSpec

INK, MUTED = "#1A1A1A", "#555555"


def draw_legend(ax: Axes, spec: SheetSpec) -> None:
    """Draw the scene's legend: the same rows, in the same order, as the on-screen one."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=INK, lw=0.8))
    rows: list[tuple[str, object, str]] = [("head", None, "Legend")]
    group = None
    kinds = {
        "Route status": "line",
        "Events": "marker",
        "Places": "place",
        "Overlays": "dot",
        "Drone strikes": "drone",
    }
    heads = {"Events": "Events (numbers: sources below)", "Overlays": "Your overlays"}
    for entry in spec.legend:
        if entry.group != group:
            group = entry.group
            rows.append(("sub", None, heads.get(group, group)))
        if entry.symbol == "ring":
            rows.append(("circle", None, entry.label))
        elif entry.symbol == "two":
            rows.append(("two", None, entry.label))
        elif group == "Route status":
            rows.append(("line", STATUS_STYLES[entry.key], entry.label))
        elif group == "Events":
            rows.append(("marker", CATEGORY_STYLES[entry.key], entry.label))
        elif group == "Places":
            rows.append(("place", PLACE_STYLES[entry.key], entry.label))
        else:
            rows.append((kinds[group], entry.color, entry.label))
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
    elif kind == "drone":
        ax.plot(x + 0.04, y, marker="o", markersize=8, color=style, alpha=0.35, linestyle="none",
                markeredgecolor="white")  # fmt: skip
        text_x = x + 0.09
    elif kind == "dot":
        ax.plot(x + 0.04, y, marker="o", markersize=4, color=style, linestyle="none")
        text_x = x + 0.09
    elif kind == "two":  # a route whose status changed: two colours alternate along it
        ax.plot([x, x + 0.1], [y, y], color=STATUS_STYLES["open"].color, lw=2.4)
        ax.plot([x, x + 0.1], [y, y], color=STATUS_STYLES["closed"].color, lw=1.4,
                linestyle=(2, (2, 2)), dash_capstyle="butt")  # fmt: skip
        text_x = x + 0.14
    ax.text(text_x, y, label, fontsize=6.3, va="center", color=INK, parse_math=False,
            clip_on=True)  # fmt: skip
