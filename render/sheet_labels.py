"""Place a sheet's labels without overlaps: event numbers, place names, then province names.

``place_labels`` is pure: it works in points on the page (x right, y up), takes the marker
boxes as obstacles and returns where each label goes, so tests can read the placement.
Event numbers are always placed (with a leader line when no spot next to their markers is
free); place names come next and may also take a leader; province names are placed only
where they touch nothing, else dropped.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points
HALO_PT = 1.1  # the white halo reaches this far beyond the glyphs
GAP_PT = 1.5  # between a label and its marker
LEADER_MIN_PT = 6.0  # a label farther than this from its own marker gets a leader line
PRIORITY = {"event": 0, "place": 1, "province": 2}
_TTP = TextToPath()


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its text, kind, anchor (a box round its marker(s)) and type."""

    text: str
    kind: str  # "event" | "place" | "province"
    anchor: Box
    size: float
    bold: bool = False
    italic: bool = False
    mark: Box | None = None  # the label's own marker, where a leader starts (else the anchor)


@dataclass(frozen=True)
class PlacedLabel:
    """Where a label went: its box (halo included), centre and an optional leader line."""

    request: LabelRequest
    box: Box
    leader: tuple[float, float, float, float] | None = None  # from marker edge to label edge

    @property
    def center(self) -> tuple[float, float]:
        """The centre of the label's box, where its text is centred."""
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class Placement:
    """The result: labels placed (in drawing order) and those dropped for want of room."""

    placed: tuple[PlacedLabel, ...]
    dropped: tuple[LabelRequest, ...] = ()
    obstacles: tuple[Box, ...] = field(default=(), repr=False)

    def texts(self, kind: str | None = None) -> list[str]:
        """The placed labels' texts, of one kind or all."""
        return [p.request.text for p in self.placed if kind in (None, p.request.kind)]


@cache
def text_size(text: str, size: float, bold: bool = False, italic: bool = False) -> tuple:
    """Return (width, height) in points of one line of DejaVu Sans text as matplotlib lays it."""
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal",
                          style="italic" if italic else "normal")  # fmt: skip
    w, h, _ = _TTP.get_text_width_height_descent(text, prop, ismath=False)
    _, h_lp, _ = _TTP.get_text_width_height_descent("lp", prop, ismath=False)
    return w, max(h, h_lp)  # matplotlib gives a line at least the height of "lp"


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a: Box, frame: Box) -> bool:
    return a[0] >= frame[0] and a[1] >= frame[1] and a[2] <= frame[2] and a[3] <= frame[3]


def _near(anchor: Box, w: float, h: float) -> list[Box]:
    """Eight spots touching the anchor box: right, left, above, below, then the corners."""
    x0, y0, x1, y1 = anchor
    cx, cy, g = (x0 + x1) / 2, (y0 + y1) / 2, GAP_PT
    spots = [
        (x1 + g, cy - h / 2), (x0 - g - w, cy - h / 2), (cx - w / 2, y1 + g),
        (cx - w / 2, y0 - g - h), (x1 + g, y1 + g - h / 3), (x1 + g, y0 - g - h * 2 / 3),
        (x0 - g - w, y1 + g - h / 3), (x0 - g - w, y0 - g - h * 2 / 3),
    ]  # fmt: skip
    return [(x, y, x + w, y + h) for x, y in spots]


def _far(anchor: Box, w: float, h: float, rings: Sequence[float]) -> list[Box]:
    """Spots on rings round the anchor's centre, 16 directions a ring, nearest first."""
    cx, cy = (anchor[0] + anchor[2]) / 2, (anchor[1] + anchor[3]) / 2
    out = []
    for r in rings:
        for k in range(16):
            a = math.radians(22.5 * k)
            x, y = cx + r * math.cos(a), cy + r * math.sin(a)
            out.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return out


def _edge_point(box: Box, x: float, y: float) -> tuple[float, float]:
    """The point of ``box`` nearest to (x, y)."""
    return min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def _leader(mark: Box, box: Box) -> tuple[float, float, float, float]:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    ax, ay = _edge_point(mark, cx, cy)
    bx, by = _edge_point(box, ax, ay)
    return ax, ay, bx, by


def _crosses(seg: tuple[float, float, float, float], boxes: Sequence[Box]) -> bool:
    """Whether a leader line passes through any of the boxes (sampled every point)."""
    x0, y0, x1, y1 = seg
    n = max(2, int(math.hypot(x1 - x0, y1 - y0)))
    pts = [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(1, n)]
    return any(b[0] < x < b[2] and b[1] < y < b[3] for b in boxes for x, y in pts)


def place_labels(
    requests: Sequence[LabelRequest], obstacles: Sequence[Box], frame: Box, *,
    measure: Callable[..., tuple[float, float]] = text_size,
) -> Placement:  # fmt: skip
    """Place labels greedily by priority so that none overlaps another or any obstacle.

    Parameters
    ----------
    requests
        The labels, each with the box round its marker(s) as anchor (a point box for
        province names, which are centred on their anchor).
    obstacles
        Boxes no label may touch: the markers, the scale bar, the north arrow.
    frame
        The map frame: labels stay inside it.
    measure
        ``(text, size, bold, italic) -> (width, height)`` in points.

    Returns
    -------
    Placement
        Event numbers always get a box (as a last resort the nearest free one far out, with
        a leader line); place names too where any near or far spot is free; province names
        only where their own spot, or one a little off it, is free.

    Examples
    --------
    >>> req = LabelRequest("1", "event", (0, 0, 10, 10), 7)
    >>> place_labels([req], [(0, 0, 10, 10)], (-100, -100, 100, 100)).texts()
    ['1']
    """
    taken: list[Box] = list(obstacles)
    placed: list[PlacedLabel] = []
    dropped: list[LabelRequest] = []
    sized = [(r, *_padded(measure(r.text, r.size, r.bold, r.italic))) for r in requests]
    later = []
    # First every event number and place name next to its marker(s), then the rest farther
    # out with a leader line, then the province names where they touch nothing.
    for far in (False, True):
        for req, w, h in sorted(sized, key=lambda t: PRIORITY[t[0].kind]):
            if req.kind == "province" or (far and req not in later):
                continue
            spot = _find(req, w, h, taken, frame, placed, far=far)
            if spot is None:
                if far:
                    dropped.append(req)
                else:
                    later.append(req)
                continue
            placed.append(spot)
            taken.append(spot.box)
    for req, w, h in sized:
        if req.kind == "province":
            spot = _find(req, w, h, taken, frame, placed, far=False)
            if spot is None:
                dropped.append(req)
            else:
                placed.append(spot)
                taken.append(spot.box)
    return Placement(tuple(placed), tuple(dropped), tuple(obstacles))


def _padded(wh: tuple[float, float]) -> tuple[float, float]:
    return wh[0] + 2 * HALO_PT, wh[1] + 2 * HALO_PT


def _find(req: LabelRequest, w: float, h: float, taken: list[Box], frame: Box,
          placed: list[PlacedLabel], *, far: bool) -> PlacedLabel | None:  # fmt: skip
    def free(b: Box) -> bool:
        return _inside(b, frame) and not any(overlaps(b, t) for t in taken)

    if req.kind == "province":
        cands = _far(req.anchor, w, h, (0.0, 6.0, 12.0, 18.0))
        box = next((b for b in cands if free(b)), None)
        return PlacedLabel(req, box) if box else None
    if not far:
        box = next((b for b in _near(req.anchor, w, h) if free(b)), None)
        if box is None:
            return None
        # Beside a grown anchor the name can sit away from its own marker: link them.
        line = _leader(req.mark, box) if req.mark else None
        if line and math.hypot(line[2] - line[0], line[3] - line[1]) > LEADER_MIN_PT:
            return PlacedLabel(req, box, line)
        return PlacedLabel(req, box)
    reach = max(req.anchor[2] - req.anchor[0], req.anchor[3] - req.anchor[1]) / 2
    rings = [reach + h + k * 7.0 for k in range(1, 12)]
    # A leader may not cross a label or another marker (its own markers it leaves from).
    walls = [t for t in taken if not overlaps(t, req.anchor)]
    for box in _far(req.anchor, w, h, rings):
        if free(box):
            line = _leader(req.mark or req.anchor, box)
            if not _crosses(line, walls):
                return PlacedLabel(req, box, line)
    return None
