"""This session's overlays: each one's rows in year order, the map payload, its years."""

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from geo.overlay import Overlay, period_bounds, year_span
from render.overlay_layer import overlay_payload

# Paul Tol's "muted" scheme: colour-blind safe and distinct from the Okabe–Ito event colours.
OVERLAY_COLORS = ("#332288", "#117733", "#882255", "#44AA99", "#999933", "#AA4499")


@dataclass
class OverlayEntry:
    """One loaded overlay and how it is shown.

    Its rows are ordered by year once, so a year (or everything up to a year) is one
    contiguous slice of them: the map gets the whole overlay once and, per year change,
    only the slice's bounds.
    """

    key: str
    overlay: Overlay
    color: str
    visible: bool = True
    _order: np.ndarray | None = field(default=None, repr=False)
    _years: np.ndarray | None = field(default=None, repr=False)
    _payload: str | None = field(default=None, repr=False)
    _periods: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def _sorted(self) -> tuple[np.ndarray, np.ndarray]:
        if self._order is None or self._years is None:
            years = self.overlay.events["year"].to_numpy()
            self._order = np.argsort(years, kind="stable")
            self._years = years[self._order]
        return self._order, self._years

    def bounds(self, year: int, mode: str) -> tuple[int, int]:
        """Return the slice of the year-ordered rows shown for a year and mode."""
        _, years = self._sorted()
        hi = int(np.searchsorted(years, year, side="right"))
        lo = int(np.searchsorted(years, year, side="left")) if mode == "year" else 0
        return lo, hi

    def shown(self, year: int, mode: str) -> pd.DataFrame:
        """Return the rows shown for a year and mode (the overlay's own index is kept).

        Not cached: a copy per year visited held ≈ 150 bytes per row for nothing (the map
        page keeps only the entries), see docs/load-and-startup.md.
        """
        order, _ = self._sorted()
        lo, hi = self.bounds(year, mode)
        return self.overlay.events.iloc[order[lo:hi]]

    def window_positions(self, start: date, end: date, cumulative: bool) -> np.ndarray:
        """Positions, in the payload's row order, of the rows a date window shows.

        Each row counts at its precision (``geo.overlay.rows_in_window``): a row known only to
        its year is shown by every window that overlaps that year.
        """
        order, _ = self._sorted()
        if self._periods is None:
            self._periods = period_bounds(self.overlay.events.iloc[order])
        first, last = self._periods
        hit = first <= np.datetime64(end, "D")
        if not cumulative:
            hit &= last >= np.datetime64(start, "D")
        return np.flatnonzero(hit)

    def shown_window(self, start: date, end: date, cumulative: bool) -> pd.DataFrame:
        """Return the rows a date window shows (the overlay's own index is kept)."""
        order, _ = self._sorted()
        return self.overlay.events.iloc[order[self.window_positions(start, end, cumulative)]]

    def payload(self) -> str:
        """Return the map payload of every row in year order, built once (≈1 s at 100k)."""
        if self._payload is None:
            order, _ = self._sorted()
            self._payload = overlay_payload(
                self.overlay.events.iloc[order], key=self.key, name=self.overlay.name,
                color=self.color,
            )  # fmt: skip
        return self._payload


def overlay_store() -> dict[str, OverlayEntry]:
    """Return this session's overlays; nothing here is shared with other analysts."""
    return st.session_state.setdefault("overlays", {})


def visible_overlays(year: int, mode: str) -> list[tuple[OverlayEntry, pd.DataFrame]]:
    """Return the visible overlays with their rows for the year and mode."""
    return [(e, e.shown(year, mode)) for e in overlay_store().values() if e.visible]


def overlay_year_span() -> tuple[int, int] | None:
    """Return the first and last year over this session's overlays (``None`` without any)."""
    spans = [s for e in overlay_store().values() if (s := year_span(e.overlay))]
    if not spans:
        return None
    return min(lo for lo, _ in spans), max(hi for _, hi in spans)


def overlay_record(key: str, row: int) -> tuple[OverlayEntry, pd.Series] | None:
    """Return the overlay and the full record a clicked point traces back to, if any."""
    entry = overlay_store().get(key)
    if entry is None or row not in entry.overlay.events.index:
        return None
    return entry, entry.overlay.events.loc[row]


def add_overlay(overlay: Overlay, replace: str | None = None) -> OverlayEntry:
    """Add an overlay to the session (or put a re-read one in place of ``replace``)."""
    store = overlay_store()
    old = store.get(replace) if replace else None
    if old is not None:  # a re-read (other date order, other sheet) keeps its place and colour
        entry = OverlayEntry(key=old.key, overlay=overlay, color=old.color, visible=old.visible)
        store[entry.key] = entry
        return entry
    n = st.session_state.get("overlay_serial", 0) + 1
    st.session_state.overlay_serial = n
    used = {e.color for e in store.values()}
    color = next((c for c in OVERLAY_COLORS if c not in used), OVERLAY_COLORS[n % 6])
    entry = OverlayEntry(key=f"ov{n}", overlay=overlay, color=color)
    store[entry.key] = entry
    return entry
