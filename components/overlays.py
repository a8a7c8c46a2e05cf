"""Analyst overlays held in this browser session only: upload, map, list, remove."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from components.overlay_layer import overlay_payload
from geo.overlay import (
    MAX_BYTES,
    ColumnMapping,
    Overlay,
    OverlayError,
    load_overlay,
    summary_line,
)
from geo.text import escape_markdown as md

# Paul Tol's "muted" scheme: colour-blind safe and distinct from the Okabe–Ito event colours.
OVERLAY_COLORS = ("#332288", "#117733", "#882255", "#44AA99", "#999933", "#AA4499")
MAX_OVERLAYS = 6


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
    _shown: dict[tuple[int, str], pd.DataFrame] = field(default_factory=dict, repr=False)

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
        """Return the rows shown for a year and mode (the overlay's own index is kept)."""
        hit = self._shown.get((year, mode))
        if hit is None:
            order, _ = self._sorted()
            lo, hi = self.bounds(year, mode)
            if len(self._shown) >= 8:  # a few recent views: a page asks several times per run
                self._shown.clear()
            hit = self._shown[(year, mode)] = self.overlay.events.iloc[order[lo:hi]]
        return hit

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


def overlay_record(key: str, row: int) -> tuple[OverlayEntry, pd.Series] | None:
    """Return the overlay and the full record a clicked point traces back to, if any."""
    entry = overlay_store().get(key)
    if entry is None or row not in entry.overlay.events.index:
        return None
    return entry, entry.overlay.events.loc[row]


def _add(overlay: Overlay) -> OverlayEntry:
    store = overlay_store()
    n = st.session_state.get("overlay_serial", 0) + 1
    st.session_state.overlay_serial = n
    used = {e.color for e in store.values()}
    color = next((c for c in OVERLAY_COLORS if c not in used), OVERLAY_COLORS[n % 6])
    entry = OverlayEntry(key=f"ov{n}", overlay=overlay, color=color)
    store[entry.key] = entry
    return entry


def _load(data: bytes, name: str, mapping: ColumnMapping | None) -> None:
    bar = st.progress(0.0, text=f"Reading {name}…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"{done:,} of {total:,} rows")

    try:
        overlay = load_overlay(data, name, mapping=mapping, progress=progress)
    except OverlayError as exc:
        bar.empty()
        if exc.columns:
            st.session_state.overlay_pending = {"data": data, "name": name,
                                                "columns": exc.columns}  # fmt: skip
        st.error(md(str(exc)), icon=":material/error:")
        return
    bar.empty()
    st.session_state.pop("overlay_pending", None)
    _add(overlay)
    st.session_state.overlay_report = f"{name}: {summary_line(overlay)}"


def _mapping_step() -> None:
    pending = st.session_state.get("overlay_pending")
    if not pending:
        return
    cols = pending["columns"]
    with st.form("overlay_mapping"):
        st.caption(f"Say which columns of {md(pending['name'])} hold what:")
        lat = st.selectbox("Latitude", cols)
        lon = st.selectbox("Longitude", cols)
        date = st.selectbox("Date (or leave empty)", [None, *cols])
        year = st.selectbox("Year (if no date)", [None, *cols])
        label = st.selectbox("Label", [None, *cols])
        if st.form_submit_button("Load with this mapping"):
            mapping = ColumnMapping(lat=lat, lon=lon, date=date, year=year, label=label)
            _load(pending["data"], pending["name"], mapping)


def overlay_panel() -> None:
    """Draw the upload box, the mapping step, and the list of loaded overlays."""
    upload = st.file_uploader(
        "Add your own events (GeoJSON, or CSV with lat/lon and a date; ACLED exports work as-is)",
        type=["geojson", "json", "csv"], key="overlay_upload",
        help=f"Up to {MAX_BYTES // 2**20} MB and 200,000 events. Stays in this session only.",
    )  # fmt: skip
    if upload is not None and st.session_state.get("overlay_last") != upload.file_id:
        st.session_state.overlay_last = upload.file_id
        if len(overlay_store()) >= MAX_OVERLAYS:
            st.error(f"At most {MAX_OVERLAYS} overlays at once: remove one first.")
        else:
            _load(upload.getvalue(), upload.name, None)
    _mapping_step()
    report = st.session_state.get("overlay_report")
    if report:
        st.success(md(report), icon=":material/check:")
    for entry in list(overlay_store().values()):
        _overlay_row(entry)


def _overlay_row(entry: OverlayEntry) -> None:
    ov = entry.overlay
    swatch, name, drop = st.columns([0.12, 0.68, 0.2], vertical_alignment="center")
    swatch.html(f'<span style="color:{entry.color};font-size:20px">●</span>')  # trusted constant
    entry.visible = name.checkbox(
        md(ov.name), value=entry.visible, key=f"vis_{entry.key}",
        help=f"{summary_line(ov)}; colour {entry.color}",
    )  # fmt: skip
    if drop.button(":material/delete:", key=f"drop_{entry.key}", help="Remove this overlay"):
        overlay_store().pop(entry.key, None)
        st.rerun()
    if ov.rejected:
        with st.expander(f"{len(ov.rejected):,} rejected rows: see why"):
            rows = pd.DataFrame([{"row": r.row, "reason": r.reason} for r in ov.rejected[:1000]])
            st.dataframe(rows, hide_index=True, width="stretch", height=200)


def overlay_record_card(pick: str | None) -> None:
    """Show the full record of the overlay point the analyst clicked (``"<key>:<row>"``)."""
    if not pick or ":" not in pick:
        return
    key, _, row = pick.partition(":")
    found = overlay_record(key, int(row)) if row.isdigit() else None
    if found is None:
        return
    entry, record = found
    with st.container(border=True):
        st.markdown(f"**{md(record['label'] or record['category'])}** · {md(entry.overlay.name)}")
        st.caption(f"{md(record['date'] or record['year'])} · {md(record['category'])} · "
                   f"{record['lat']:.4f}, {record['lon']:.4f}")  # fmt: skip
        lines = [f"- **{md(f)}**: {md(record[f])}" for f in entry.overlay.fields if f in record]
        if lines:
            st.markdown("\n".join(lines))
