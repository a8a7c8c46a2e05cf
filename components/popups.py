"""HTML for map popups and tooltips, built only from escaped text and checked URLs."""

from typing import Any

from geo.dates import format_event_dates
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
    parts.append(f"<div><b>Sources</b>{sources_html(event.sources)}</div>")
    parts.append(f'<div class="id">{esc(event.id)}</div></div>')
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
        parts.append(f"<div><b>In this year:</b> {esc(status_note)}</div>")
    parts.append(f"<div><b>Sources</b>{sources_html(place.sources)}</div></div>")
    return "".join(parts)


def place_tooltip_html(place: Any) -> str:
    """Return the hover text of a place."""
    note = f" — {place.label_note}" if place.label_note else ""
    return (
        f'<div class="atlas-tip">{_hidden_id("place", place.id)}{esc(place.name)}{esc(note)}</div>'
    )


def route_tooltip_html(route: Any, status: str, note: str) -> str:
    """Return the hover text of a route: corridor, variant and the year's status story."""
    label = STATUS_STYLES[status].label
    return (
        f'<div class="atlas-tip">{_hidden_id("route", route.id)}<b>{esc(route.name)}</b><br>'
        f"{esc(label)} — {esc(note)}</div>"
    )


def route_popup_html(route: Any, status: str, note: str) -> str:
    """Return the popup of a route: highways, evidence, accuracy, status, sources."""
    return "".join(
        [
            f'<div class="atlas-popup"><h3>{esc(route.name)}</h3>',
            f'<div class="meta">{esc(", ".join(route.highways))} · {esc(route.variant)} · '
            f"evidence: {esc(route.evidence)} · drawn ± {route.accuracy_km:g} km</div>",
            f"<div><b>Status:</b> {esc(STATUS_STYLES[status].label)} — {esc(note)}</div>",
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
