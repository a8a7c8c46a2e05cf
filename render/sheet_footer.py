"""The footer of a map sheet: the numbered sources (with each source's type), data date, URL."""

import math
import textwrap
from typing import NamedTuple

from matplotlib.figure import Figure

from geo.sources import secondary_only, typed_citation
from render import sheet_map as sm
from render.sheet_spec import SheetSpec

INK, MUTED = "#1A1A1A", "#555555"


class _Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float


def sources_text(spec: SheetSpec, bounds: tuple[float, ...]) -> list[str]:
    """One line per numbered event: title, date, where, and its typed citations."""
    head = [spec.drone_note] if spec.drone_note else []
    if not spec.events_layer:
        return [*head, "Events layer hidden: no events shown."]
    if not spec.events:
        return [*head, "No recorded events in this view."]
    items = head
    for ev in spec.events:
        where = ""
        if ev.lon is None:
            where = " [not on map]"
        else:
            x, y = sm.to_mercator(ev.lon, ev.lat)
            if not (bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]):
                where = " [outside map]"
        srcs = getattr(ev.record, "sources", None)
        srcs = srcs if isinstance(srcs, list) else None
        cites = "; ".join(map(typed_citation, srcs) if srcs else ev.citations)
        cites = cites or "no source recorded"
        weak = " [secondary sources only]" if srcs and secondary_only(srcs) else ""
        items.append(f"{ev.number}. {ev.title} ({ev.when}){where}{weak}: {cites}.")
    return items


def draw_footer(fig: Figure, spec: SheetSpec, box: tuple[float, float, float, float],
                bounds: tuple[float, ...]) -> None:  # fmt: skip
    """Draw the footer in ``box`` (x, y, w, h inches): numbered sources, data date, reopen URL."""
    fw, fh = fig.get_size_inches()
    box = _Box(*box)
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
    body = _fit(sources_text(spec, bounds), box.w, text_h)
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
