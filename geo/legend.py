"""The legend of a scene: one row per status, category, kind and overlay actually shown."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.style import CATEGORY_STYLES, DRONE_COLOR, PLACE_STYLES, STATUS_STYLES

if TYPE_CHECKING:
    from geo.drones import DroneMark
    from geo.scene import EventMark, OverlayMark, PlaceMark, RoutePiece


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: only what is on the map gets one."""

    group: str  # "Route status", "Events", "Places", "Overlays"
    key: str
    label: str
    color: str
    symbol: str  # a line dash ("" solid), a shape name, or "dot"


def legend_for(
    routes: Sequence["RoutePiece"], events: Sequence["EventMark"], places: Sequence["PlaceMark"],
    circles: Sequence[tuple[float, float, float]], overlays: Sequence["OverlayMark"],
    drones: Sequence["DroneMark"] = (),
) -> tuple[LegendEntry, ...]:  # fmt: skip
    """Return the legend of what is drawn: only the statuses, kinds and overlays shown."""
    out: list[LegendEntry] = []
    statuses = {p.status.status for p in routes} | {a for p in routes for a in p.status.also}
    for key, s in STATUS_STYLES.items():
        if key in statuses:
            out.append(LegendEntry("Route status", key, s.label, s.color, s.dash or ""))
    if any(p.status.also for p in routes):
        out.append(LegendEntry("Route status", "changed", "Two colours: status changed in "
                               "this time", "#000000", "two"))  # fmt: skip
    cats = {e.category for e in events}
    out += [LegendEntry("Events", k, s.label, s.color, s.shape)
            for k, s in CATEGORY_STYLES.items() if k in cats]  # fmt: skip
    kinds = {p.kind for p in places}
    seen = set()
    for k, s in PLACE_STYLES.items():
        if k in kinds and (s.shape, s.label) not in seen:
            seen.add((s.shape, s.label))
            out.append(LegendEntry("Places", k, s.label, s.color, s.shape))
    if circles:
        out.append(LegendEntry("Places", "uncertainty", "Uncertainty > 2 km", "#555555", "ring"))
    if drones:
        out.append(LegendEntry("Drone strikes", "drones", "US strikes by agency (area = count)",
                               DRONE_COLOR, "drone"))  # fmt: skip
    out += [LegendEntry("Overlays", o.key, f"{o.name} ({len(o.rows):,})", o.color, "dot")
            for o in overlays]  # fmt: skip
    return tuple(out)
