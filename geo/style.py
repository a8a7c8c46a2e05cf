"""The one style definition shared by the interactive map, the legend and the printed sheets.

Colours come from the Okabe–Ito palette, which is documented as distinguishable under
the three common colour-vision deficiencies; every status and category also has a
second cue (dash pattern or marker shape), so nothing is told by colour alone.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class LineStyle:
    """How a route is drawn in one status."""

    label: str
    color: str
    dash: str | None  # SVG/Leaflet dash array in px at weight 1, e.g. "8 6"; None is solid


@dataclass(frozen=True)
class MarkerStyle:
    """How a place kind or event category is drawn."""

    label: str
    color: str
    shape: str  # a key of SHAPES


def _regular(
    n: int, rotation: float = -90.0, radius: float = 1.0
) -> tuple[tuple[float, float], ...]:
    step = 360.0 / n
    return tuple(
        (
            round(radius * math.cos(math.radians(rotation + i * step)), 4),
            round(radius * math.sin(math.radians(rotation + i * step)), 4),
        )
        for i in range(n)
    )


def _star(points: int = 5, inner: float = 0.45) -> tuple[tuple[float, float], ...]:
    out = []
    for i in range(points * 2):
        r = 1.0 if i % 2 == 0 else inner
        a = math.radians(-90 + i * 180 / points)
        out.append((round(r * math.cos(a), 4), round(r * math.sin(a), 4)))
    return tuple(out)


# Marker outlines as polygons in a unit box centred on 0,0 with y pointing down
# (SVG convention). The sheet renderer flips y for matplotlib.
SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "circle": _regular(24),
    "square": ((-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)),
    "diamond": ((0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)),
    "triangle": _regular(3),
    "triangle_down": _regular(3, rotation=90.0),
    "pentagon": _regular(5),
    "hexagon": _regular(6, rotation=0.0),
    "star": _star(),
    "cross": (
        (-0.3, -1.0), (0.3, -1.0), (0.3, -0.3), (1.0, -0.3), (1.0, 0.3), (0.3, 0.3),
        (0.3, 1.0), (-0.3, 1.0), (-0.3, 0.3), (-1.0, 0.3), (-1.0, -0.3), (-0.3, -0.3),
    ),
}  # fmt: skip

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#7F7F7F",
}

STATUS_STYLES: dict[str, LineStyle] = {
    "open": LineStyle("Open", OKABE_ITO["blue"], None),
    "closed": LineStyle("Closed by Pakistan", OKABE_ITO["vermillion"], "10 7"),
    "blocked": LineStyle("Blocked (protest)", OKABE_ITO["reddish_purple"], "2 6"),
    "inactive": LineStyle("Not yet a NATO route", OKABE_ITO["grey"], "1 5"),
}

CATEGORY_STYLES: dict[str, MarkerStyle] = {
    "cooperation": MarkerStyle("Cooperation", OKABE_ITO["bluish_green"], "circle"),
    "diplomacy": MarkerStyle("Diplomacy", OKABE_ITO["sky_blue"], "square"),
    "conflict": MarkerStyle("Armed incident", OKABE_ITO["vermillion"], "star"),
    "supply_attack": MarkerStyle("Attack on supplies", OKABE_ITO["orange"], "triangle"),
    "logistics": MarkerStyle("Supply-line decision", OKABE_ITO["blue"], "diamond"),
    "protest": MarkerStyle("Protest / blockade", OKABE_ITO["reddish_purple"], "cross"),
    "context": MarkerStyle("Context", OKABE_ITO["grey"], "hexagon"),
}

PLACE_STYLES: dict[str, MarkerStyle] = {
    "border_crossing": MarkerStyle("Border crossing", "#222222", "diamond"),
    "port": MarkerStyle("Port", "#1F3F6E", "square"),
    "air_base": MarkerStyle("Air base", "#3A3A3A", "triangle"),
    "incident_site": MarkerStyle("Incident site", "#8B1A1A", "star"),
    "terminal": MarkerStyle("Truck terminal", "#5B3A1A", "pentagon"),
    "headquarters": MarkerStyle("Headquarters", "#1F3F6E", "hexagon"),
    "conference_venue": MarkerStyle("Conference venue", "#2F5F2F", "hexagon"),
    "deployment": MarkerStyle("Deployment", "#2F5F2F", "triangle_down"),
    "city": MarkerStyle("City / town", "#444444", "circle"),
    "protest_camp": MarkerStyle("Protest camp", "#6B2D5C", "cross"),
    "mountain_pass": MarkerStyle("Mountain pass", "#3A3A3A", "triangle"),
}

# Route lines: weight by variant, so main lines read as primary at a glance.
VARIANT_WEIGHT = {"main": 5.0, "alternative": 3.0}
CORRIDOR_LABELS = {"torkham": "Torkham corridor", "chaman": "Chaman corridor"}

DRONE_COLOR = "#6B2D5C"  # drone-strike circles: a muted purple, apart from the event colours
UNCERTAINTY_MIN_KM = 2.0  # draw an uncertainty circle above this radius
UNCERTAINTY_STYLE = {"color": "#555555", "weight": 1.0, "dash": "4 4", "fill_opacity": 0.06}

BASEMAP_STYLE = {
    "water": "#DCE9F2",
    "land": "#E9E6DF",
    "land_focus": "#FDFCF8",  # Pakistan and Afghanistan
    "border": "#6E6E6E",
    "province": "#B0A898",
    "label": "#5A5A5A",
}


def status_style(status: str) -> LineStyle:
    """Return the line style for a route status; unknown statuses raise ``KeyError``."""
    return STATUS_STYLES[status]


def category_style(category: str) -> MarkerStyle:
    """Return the marker style for an event category."""
    return CATEGORY_STYLES[category]


def place_style(kind: str) -> MarkerStyle:
    """Return the marker style for a place kind."""
    return PLACE_STYLES[kind]


# The same shapes in Vega-Lite charts (the timeline and the chronology): Vega's own symbols
# where they exist, SVG paths in a unit box for the rest, so a chart mark matches the map's.
VEGA_SHAPES = {
    "circle": "circle", "square": "square", "diamond": "diamond", "triangle": "triangle-up",
    "triangle_down": "triangle-down", "cross": "cross",
    "star": "M0,-1L0.265,-0.364L0.951,-0.309L0.428,0.139L0.588,0.809L0,0.45L-0.588,0.809"
            "L-0.428,0.139L-0.951,-0.309L-0.265,-0.364Z",
    "hexagon": "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z",
    "pentagon": "M0,-1L0.951,-0.309L0.588,0.809L-0.588,0.809L-0.951,-0.309Z",
}  # fmt: skip


def svg_marker(shape: str, color: str, *, size: int = 16, stroke: str = "#FFFFFF") -> str:
    """Return a self-contained inline SVG of a marker shape (no fonts, no network).

    Only trusted constants reach this function: shapes and colours from this module.
    """
    half = size / 2
    scale = half - 1.5
    pts = " ".join(f"{half + x * scale:.2f},{half + y * scale:.2f}" for x, y in SHAPES[shape])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}"><polygon points="{pts}" fill="{color}" '
        f'stroke="{stroke}" stroke-width="1.5" stroke-linejoin="round"/></svg>'
    )
