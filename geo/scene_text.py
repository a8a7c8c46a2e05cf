"""The words of a scene: the summary line, the "what is on the map now" notes, citations."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.dates import format_day, format_event_dates
from geo.io import Dataset
from geo.status import WindowStatus, spells_between
from geo.style import CATEGORY_STYLES, STATUS_STYLES
from geo.view import LAYERS, View

if TYPE_CHECKING:
    from geo.scene import CorridorState

SHORT_NAMES = {"torkham": "Torkham", "chaman": "Chaman"}


def citation(source: Mapping[str, Any]) -> str:
    """Format one source as ``Publisher, “Title” (date)``.

    Examples
    --------
    >>> citation({"title": "Closure", "publisher": "Dawn", "date": "2011-11-27"})
    'Dawn, “Closure” (2011-11-27)'
    >>> citation({"title": "Closure", "publisher": None, "date": None})
    '“Closure”'
    """
    head = ", ".join(p for p in (source.get("publisher"), f"“{source.get('title') or ''}”") if p)
    return f"{head} ({source['date']})" if source.get("date") else head


def status_phrase(state: "CorridorState", *, lead: str | None = None) -> str:
    """Describe a corridor's window in words, region by region where they differ.

    ``lead`` names the worst region's status instead of its bare word (the notes give the
    legend's "Blocked (protest)").

    Examples
    --------
    >>> status_phrase(state)  # doctest: +SKIP
    'blocked in Khyber Pakhtunkhwa 24 Nov 2013 – 27 Feb 2014, elsewhere open since 4 Aug 2012'
    """
    if not state.by_region:
        return state.status.note
    region, worst = max(state.by_region, key=lambda rs: _rank(rs[1]))
    rest = [s for _, s in state.by_region if s != worst]
    word = worst.status
    # "blocked 24 Nov 2013 – 27 Feb 2014" → "… in Khyber Pakhtunkhwa 24 Nov 2013 – 27 Feb 2014"
    when = worst.note[len(word) :].strip() if worst.note.startswith(f"{word} ") else ""
    head = " ".join(x for x in (lead or word, "in", region, when or f"({worst.note})") if x)
    return f"{head}, elsewhere {rest[0].note}" if rest else head


def _rank(status: WindowStatus) -> int:
    return {"inactive": 0, "open": 1, "blocked": 2, "closed": 3}.get(status.status, 0)


def corridors_phrase(corridors: Sequence["CorridorState"]) -> str:
    """Describe both corridors, merging them when they share a story."""
    t, c = corridors[0], corridors[1]
    pt, pc = status_phrase(t), status_phrase(c)
    if pt == pc:
        if t.status.status == "inactive" and t.status.note.endswith(("all year", "throughout")):
            return "no NATO transit through Pakistan yet"
        return f"both corridors {pt}"
    return "; ".join(f"{SHORT_NAMES.get(s.corridor, s.label)} {status_phrase(s)}"
                     for s in corridors)  # fmt: skip


def period_changes(ds: Dataset, view: View) -> list[str]:
    """List place and mission periods that begin or end in the window (Shamsi vacated…)."""
    w = view.window
    out = []
    with_year = w.start.year != w.end.year
    others = ds.periods[ds.periods["subject_type"] != "corridor"]
    for row in others.itertuples():
        label = row.label.split(" (")[0]  # the summary line keeps labels short
        start = row.start.date()
        if w.start <= start <= w.end:
            out.append(f"{label} from {format_day(start, with_year=with_year)}")
        if not pd.isna(row.end) and w.start <= row.end.date() <= w.end:
            out.append(f"{label} ended {format_day(row.end.date(), with_year=with_year)}")
    return out


def sites_in_use(ds: Dataset, view: View) -> list[str]:
    """Return the labels of place and mission periods that hold at any time in the window."""
    w = view.window
    subjects = ds.periods.loc[ds.periods["subject_type"] != "corridor", "subject"]
    out = []
    for subject in subjects.drop_duplicates():
        out += [s.label for s in spells_between(ds.spells, subject, w.start, w.end)]
    return sorted(out)


def summary_for(
    ds: Dataset, view: View, shown: pd.DataFrame, corridors: Sequence["CorridorState"]
) -> str:
    """Return the one-line summary, e.g. ``"2011: 9 events · both corridors closed from …"``."""
    n = len(shown)
    label = view.window.label()
    if view.mode == "year":
        count = f"{n} event{'s' if n != 1 else ''}" if n else "no recorded events"
    else:
        count = f"{n} events up to {label}"
    routes = corridors_phrase(corridors) if view.window.start.year <= 2015 else (
        "route status not tracked after 2015 (the bundled story ends there)")  # fmt: skip
    return " · ".join([f"{label}: {count}", routes, *period_changes(ds, view)])


def notes_for(
    ds: Dataset, view: View, shown: pd.DataFrame, corridors: Sequence["CorridorState"]
) -> list[str]:
    """Return the "what is on the map now" lines (they double as slide notes)."""
    label = view.window.label()
    names = [LAYERS[k] for k in view.layers]
    lines = [f"{label} · {view.mode_label()}.",
             f"Layers shown: {', '.join(names) if names else 'none'}."]  # fmt: skip
    for state in corridors if view.window.start.year <= 2015 else ():
        label_ = STATUS_STYLES[_shown_status(state)].label
        how = (status_phrase(state, lead=label_) if state.by_region
               else f"{label_} ({status_phrase(state)})")  # fmt: skip
        n = state.lines
        lines.append(f"{state.label} ({n} line{'s' if n != 1 else ''}): {how}.")
        for text in state.status.disputed:
            lines.append(f"{state.label}, disputed: {text}")
    if shown.empty:
        on = "on" if view.window.granularity == "day" else "in"
        lines.append(f"Events: none recorded {on} {label}.")
    else:
        located = int(shown.geometry.notna().sum())
        counts = shown["category"].value_counts()
        parts = [f"{k} {CATEGORY_STYLES[c].label.lower()}" for c, k in counts.items()]
        lines.append(f"Events: {len(shown)} ({located} on the map): {', '.join(parts)}.")
    sites = sites_in_use(ds, view)
    if sites:
        lines.append(f"In use or active: {'; '.join(sites)}.")
    if view.selected is not None:
        rows = shown[shown["id"] == view.selected]
        if not rows.empty:
            row = rows.iloc[0]
            when = format_event_dates(row["date"], row["date_precision"], row["end_date"])
            lines.append(f"Selected event: {row['title']} ({when}).")
    if view.place:
        hit = ds.places[ds.places["id"] == view.place]
        if not hit.empty:
            lines.append(f"Found place: {hit.iloc[0]['name']}.")
    if view.window.end.year > 2015:
        lines.append("The bundled story ends in 2015: after it, only overlays are shown.")
    return lines


def _shown_status(state: "CorridorState") -> str:
    if state.by_region:
        return max((s for _, s in state.by_region), key=_rank).status
    return state.status.status
