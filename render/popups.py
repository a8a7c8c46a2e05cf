"""HTML for map popups and tooltips, built only from escaped text and checked URLs."""

from typing import Any

from geo.dates import format_event_dates
from geo.sources import SECONDARY_ONLY_NOTE, secondary_only, source_type
from geo.style import CATEGORY_STYLES, PLACE_STYLES, STATUS_STYLES
from geo.summary import format_casualties
from geo.text import escape_text as esc
from geo.text import safe_url

TOOLTIP_ID = "atlas-id:"  # hidden marker that lets a click be traced back to its feature


def _hidden_id(kind: str, ident: str) -> str:
    return f'<span class="tid">[{TOOLTIP_ID}{esc(kind)}:{esc(ident)}]</span>'


def sources_html(sources: list[dict[str, Any]], *, start: int = 1) -> str:
    """Return an ordered list of citations; URLs become links only if plain http(s)."""
    items = []
    for src in sources:
        text = esc(src.get("title"))
        meta = ", ".join(esc(v) for v in (src.get("publisher"), src.get("date")) if v)
        url = safe_url(src.get("url"))
        title = (
            f'<a href="{url}" target="_blank" rel="noopener noreferrer">{text}</a>' if url else text
        )
        kind = esc(source_type(src))
        if kind:  # "— Reuters, 2011-11-27 (press agency)"
            meta = f"{meta} ({kind})" if meta else kind
        items.append(f"<li>{title}{' — ' + meta if meta else ''}</li>")
    return f'<ol start="{start}">{"".join(items)}</ol>'


def event_popup_html(event: Any) -> str:
    """Return an event's popup: date at its precision, summary, casualties, dispute, sources."""
    style = CATEGORY_STYLES[event.category]
    when = format_event_dates(event.date, event.date_precision, event.end_date)
    parts = [
        f'<div class="atlas-popup"><h3>{esc(event.title)}</h3>',
        f'<div class="meta">{esc(when)} · {esc(style.label)}</div>',
        f"<div>{esc(event.summary)}</div>",
    ]
    casualties = format_casualties(event.casualties)
    if casualties:
        parts.append(f"<div><b>Casualties:</b> {esc(casualties)}</div>")
    if event.disputed:
        parts.append(f'<div class="disputed"><b>Disputed:</b> {esc(event.disputed)}</div>')
    seed_claim = getattr(event, "seed_claim", None)
    if isinstance(seed_claim, str) and seed_claim:
        parts.append(f'<div class="meta"><b>Seed text says:</b> {esc(seed_claim)}</div>')
    if secondary_only(event.sources):
        parts.append(f'<div class="disputed weak">{esc(SECONDARY_ONLY_NOTE)}</div>')
    parts.append(f"<div><b>Sources</b>{sources_html(event.sources)}</div></div>")
    return "".join(parts)


def event_tooltip_html(event: Any) -> str:
    """Return the short hover text of an event, carrying its id for click tracing."""
    when = format_event_dates(event.date, event.date_precision, event.end_date)
    tid = _hidden_id("event", event.id)
    return f'<div class="atlas-tip">{tid}<b>{esc(when)}</b> · {esc(event.title)}</div>'


def place_popup_html(place: Any, *, status_note: str = "") -> str:
    """Return the popup of a place: kind, uncertainty, description, sources."""
    kind = PLACE_STYLES[place.kind].label
    accuracy = f"location ± {place.accuracy_km:g} km"
    if place.label_note:
        accuracy += f" ({place.label_note})"
    parts = [
        f'<div class="atlas-popup"><h3>{esc(place.name)}</h3>',
        f'<div class="meta">{esc(kind)} · {esc(place.country)} · {esc(accuracy)}</div>',
        f"<div>{esc(place.description)}</div>",
    ]
    if status_note:
        parts.append(f"<div><b>At this time:</b> {esc(status_note)}</div>")
    parts.append(f"<div><b>Sources</b>{sources_html(place.sources)}</div></div>")
    return "".join(parts)


def place_tooltip_html(place: Any) -> str:
    """Return the hover text of a place."""
    note = f" — {place.label_note}" if place.label_note else ""
    return (
        f'<div class="atlas-tip">{_hidden_id("place", place.id)}{esc(place.name)}{esc(note)}</div>'
    )


def _where(region: str | None) -> str:
    return f" in {region}" if region else ""


def route_tooltip_html(route: Any, status: str, note: str, *, region: str | None = None,
                       when: str = "", disputed: bool = False) -> str:  # fmt: skip
    """Return the hover text of a route stretch: its name, and its status story in the window."""
    label = STATUS_STYLES[status].label
    head = f"{esc(when)}: " if when else ""
    flag = "<br><i>Sources disagree about this time: click for both sides.</i>" if disputed else ""
    return (
        f'<div class="atlas-tip">{_hidden_id("route", route.id)}<b>{esc(route.name)}</b><br>'
        f"{head}{esc(label)}{esc(_where(region))} — {esc(note)}{flag}</div>"
    )


def route_popup_html(route: Any, status: str, note: str, *, region: str | None = None,
                     when: str = "", disputed: tuple[str, ...] = ()) -> str:  # fmt: skip
    """Return the popup of a route: highways, evidence, accuracy, status, sources."""
    head = f" ({esc(when)})" if when else ""
    return "".join(
        [
            f'<div class="atlas-popup"><h3>{esc(route.name)}</h3>',
            f'<div class="meta">{esc(", ".join(route.highways))} · {esc(route.variant)} · '
            f"evidence: {esc(route.evidence)} · drawn ± {route.accuracy_km:g} km</div>",
            f"<div><b>Status{head}{esc(_where(region))}:</b> "
            f"{esc(STATUS_STYLES[status].label)} — {esc(note)}</div>",
            *(f'<div class="disputed"><b>Disputed:</b> {esc(d)}</div>' for d in disputed),
            f"<div>{esc(route.description)}</div>",
            f"<div><b>Sources</b>{sources_html(route.sources)}</div></div>",
        ]
    )


def traced_id(tooltip_text: str | None) -> tuple[str, str] | None:
    """Return ``(kind, id)`` from a clicked tooltip's text, or ``None``.

    Examples
    --------
    >>> traced_id("[atlas-id:event:ev_1]26 Nov 2011 · Salala")
    ('event', 'ev_1')
    """
    if not tooltip_text or TOOLTIP_ID not in tooltip_text:
        return None
    tail = tooltip_text.split(TOOLTIP_ID, 1)[1]
    body = tail.split("]", 1)[0]
    kind, _, ident = body.partition(":")
    return (kind, ident) if kind and ident else None


def drone_tooltip_html(mark: Any) -> str:
    """Return the hover text of an agency's drone strikes: both publishers' counts."""
    from geo.drones import compare_text

    return (f'<div class="atlas-tip"><b>{esc(mark.name)}</b> · drone strikes {esc(mark.years)}'
            f"<br>{esc(compare_text(mark.counts))}</div>")  # fmt: skip


def drone_popup_html(mark: Any, yearly_note: bool) -> str:
    """Return the popup of an agency's drone strikes, with how the counts differ."""
    from geo.drones import PUBLISHERS

    rows = "".join(f"<li><b>{esc(PUBLISHERS[k])}</b>: {esc(c.text())}</li>"
                   for k, c in mark.counts.items())  # fmt: skip
    note = (
        '<div class="meta">Counts are yearly: the whole year is shown.</div>' if yearly_note else ""
    )
    return (
        f'<div class="atlas-popup"><h3>{esc(mark.name)}</h3>'
        f'<div class="meta">US drone strikes, {esc(mark.years)} · point: {esc(mark.label)}</div>'
        f"<ul>{rows}</ul>{note}"
        "<div>The publishers count strikes and deaths differently; both are shown. "
        "Sources: New America, <i>Counterterrorism Wars: Pakistan</i>; The Bureau of "
        "Investigative Journalism, <i>Drone strikes in Pakistan</i> (aggregated here; see "
        "the About page).</div></div>"
    )
