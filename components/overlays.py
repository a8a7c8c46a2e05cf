"""Analyst overlays held in this browser session only: upload, map, list, remove."""

import pandas as pd
import streamlit as st

from components.controls import full_run
from components.overlay_store import (  # noqa: F401 (re-exported: the map and exports use them)
    OVERLAY_COLORS,
    OverlayEntry,
    add_overlay,
    overlay_record,
    overlay_store,
    overlay_year_span,
    visible_overlays,
)
from geo.overlay import (
    MAX_BYTES,
    ColumnMapping,
    OverlayError,
    load_overlay,
    outside_years,
    summary_line,
)
from geo.overlay.wkt import looks_like_wkt
from geo.text import escape_markdown as md
from geo.timeline import FIRST_YEAR, LAST_YEAR

MAX_OVERLAYS = 6
ORDER_WORDS = {"dmy": "day-first", "mdy": "month-first"}
COORDINATE_CHOICES = ("Latitude and longitude columns", "Coordinates as WKT")


def _load(
    data: bytes,
    name: str,
    mapping: ColumnMapping | None,
    *,
    sheet: str | None = None,
    date_order: str | None = None,
    replace: str | None = None,
    file_id: str | None = None,
) -> bool:
    """Load an upload (or re-read one); report it, or keep it pending for the mapping step.

    ``file_id`` marks the upload as read only once its outcome is stored: a rerun that
    interrupts the reading (another widget's message) then reads it again, never drops it.
    """
    bar = st.progress(0.0, text=f"Reading {name}…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"{done:,} of {total:,} rows")

    try:
        overlay = load_overlay(data, name, mapping=mapping, progress=progress, sheet=sheet,
                               date_order=date_order)  # fmt: skip
    except OverlayError as exc:
        st.session_state.overlay_error = str(exc)
        if exc.columns or len(exc.sheets) > 1:
            st.session_state.overlay_pending = {
                "data": data, "name": name, "columns": exc.columns or [],
                "samples": exc.samples, "suggested": exc.suggested, "sheets": exc.sheets,
                "sheet": exc.sheet, "year_column": exc.year_column, "replace": replace,
            }  # fmt: skip
        if file_id:
            st.session_state.overlay_last = file_id
        bar.empty()
        return False
    for stale in ("overlay_pending", "overlay_error"):
        st.session_state.pop(stale, None)
    entry = add_overlay(overlay, replace)
    reread = (overlay.date_reading and overlay.date_reading.ambiguous) or len(overlay.sheets) > 1
    st.session_state.overlay_report = {
        "key": entry.key, "text": f"{name}: {summary_line(overlay)}",
        "source": {"data": data, "name": name, "mapping": mapping, "sheet": overlay.sheet,
                   "date_order": overlay.date_reading.order if overlay.date_reading else None}
        if reread else None,
    }  # fmt: skip
    if file_id:
        st.session_state.overlay_last = file_id
    bar.empty()
    span = overlay_year_span()
    if span and span[1] > LAST_YEAR:
        # The sidebar's year slider was drawn before this upload was read: a full rerun
        # widens it to the overlay's last year at once (never a silent nothing).
        st.rerun()
    return True


def _option(samples: dict[str, list[str]]):
    def label(col: str | None) -> str:
        if col is None:
            return "—"
        values = samples.get(col) or []
        return f"{col} (e.g. {', '.join(values)})" if values else col

    return label


def _index(options: list, value: str | None) -> int:
    return options.index(value) if value in options else 0


def _mapping_step() -> None:
    pending = st.session_state.get("overlay_pending")
    if not pending:
        return
    name, cols = pending["name"], pending["columns"]
    if len(pending["sheets"]) > 1:
        sheet = st.selectbox("Sheet", pending["sheets"], key="overlay_pending_sheet",
                             index=_index(pending["sheets"], pending["sheet"]))  # fmt: skip
        if sheet != pending["sheet"] and _load(pending["data"], name, None, sheet=sheet):
            st.rerun()
    if not cols:
        return
    guess = pending["suggested"] or ColumnMapping()
    label = _option(pending["samples"])
    optional = [None, *cols]
    geojson = pending["data"].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    as_wkt = False
    if not geojson:  # outside the form, so the choice redraws the fields below at once
        how = st.radio("Coordinates", COORDINATE_CHOICES, horizontal=True,
                       key=f"overlay_coords:{name}:{len(pending['data'])}",
                       index=int(bool(guess.wkt and not guess.lat)))  # fmt: skip
        as_wkt = how == COORDINATE_CHOICES[1]
    with st.form("overlay_mapping"):
        st.caption(f"Say which columns of {md(name)} hold what:")
        wkt = None
        if geojson:  # GeoJSON: positions come from the geometries
            lat, lon = "latitude", "longitude"
        elif as_wkt:
            lat = lon = None
            wkt = st.selectbox("WKT geometry (POINT (lon lat), or a shape shown at a point)",
                               cols, index=_index(cols, guess.wkt or _wkt_column(pending)),
                               format_func=label)  # fmt: skip
        else:
            lat = st.selectbox("Latitude", cols, index=_index(cols, guess.lat), format_func=label)
            lon = st.selectbox("Longitude", cols, index=_index(cols, guess.lon), format_func=label)
        date = st.selectbox("Date (or leave empty)", optional, format_func=label,
                            index=_index(optional, guess.date))  # fmt: skip
        year = st.selectbox("Year (if no date)", optional, format_func=label,
                            index=_index(optional, guess.year))  # fmt: skip
        text = st.selectbox("Label", optional, format_func=label,
                            index=_index(optional, guess.label))  # fmt: skip
        chosen = ColumnMapping(lat=lat, lon=lon, date=date, year=year, label=text,
                               category=guess.category, wkt=wkt)  # fmt: skip
        year_col = pending.get("year_column")
        if st.form_submit_button("Load with this mapping"):
            _submit(pending, chosen)
        if year_col and st.form_submit_button(f"Use the year column ({year_col}) instead"):
            _submit(pending, ColumnMapping(lat=lat, lon=lon, year=year_col, label=text,
                                           category=guess.category, wkt=wkt))  # fmt: skip


def _wkt_column(pending: dict) -> str | None:
    """The first column whose sample values all look like WKT geometries."""
    samples = pending["samples"]
    return next((c for c in pending["columns"]
                 if samples.get(c) and all(map(looks_like_wkt, samples[c]))), None)  # fmt: skip


def _submit(pending: dict, mapping: ColumnMapping) -> None:
    if _load(pending["data"], pending["name"], mapping, sheet=pending["sheet"],
             replace=pending.get("replace")):  # fmt: skip
        st.rerun()


def _report() -> None:
    report = st.session_state.get("overlay_report")
    entry = overlay_store().get(report["key"]) if report else None
    if entry is None:  # its overlay was removed: so is the message
        st.session_state.pop("overlay_report", None)
        return
    ov = entry.overlay
    st.success(md(report["text"]), icon=":material/check:")
    outside = outside_years(ov, FIRST_YEAR, LAST_YEAR)
    if outside:
        st.warning(md(outside), icon=":material/date_range:")
    if ov.notes:
        st.caption("\n".join(f"- {md(n)}" for n in ov.notes))
    source = report.get("source")
    if not source:
        return
    reading = ov.date_reading
    if reading and reading.ambiguous:
        other = ORDER_WORDS[reading.other_order]
        if st.button(f"Read the dates {other} instead ({reading.example} = {reading.other})",
                     key="overlay_other_order", icon=":material/swap_horiz:",
                     on_click=full_run):  # fmt: skip
            _reread(entry.key, source, date_order=reading.other_order)
    if len(ov.sheets) > 1:
        sheet = st.selectbox("Sheet", ov.sheets, index=_index(ov.sheets, ov.sheet),
                             key=f"overlay_sheet_{entry.key}")  # fmt: skip
        if sheet != ov.sheet:
            _reread(entry.key, source, sheet=sheet, date_order=None)


def _reread(key: str, source: dict, **changes: object) -> None:
    args = {"sheet": source["sheet"], "date_order": source["date_order"]} | changes
    mapping = source["mapping"] if "sheet" not in changes else None
    if _load(source["data"], source["name"], mapping, replace=key, **args):
        st.rerun()


def overlay_panel() -> None:
    """Draw the upload box, the mapping step, the load report and the loaded overlays."""
    upload = st.file_uploader(
        "Add your own events (CSV, Excel .xlsx or GeoJSON with coordinates and a date; "
        "ACLED, UCDP GED and GDELT files work as-is)",
        type=["geojson", "json", "csv", "tsv", "txt", "xlsx", "xlsm"], key="overlay_upload",
        help=f"Up to {MAX_BYTES // 2**20} MB and 200,000 events. Stays in this session only. "
        "Formats and quirks: docs/overlay-formats.md.",
    )  # fmt: skip
    if upload is None and st.session_state.pop("overlay_last", None):
        st.session_state.pop("overlay_error", None)  # the analyst cleared the upload box:
        st.session_state.pop("overlay_pending", None)  # so go its error and mapping step
    elif upload is not None and st.session_state.get("overlay_last") != upload.file_id:
        st.session_state.pop("overlay_pending", None)
        if len(overlay_store()) >= MAX_OVERLAYS:
            full = f"At most {MAX_OVERLAYS} overlays at once: remove one first."
            st.session_state.overlay_error = full
            st.session_state.overlay_last = upload.file_id
        else:
            _load(upload.getvalue(), upload.name, None, file_id=upload.file_id)
    error = st.session_state.get("overlay_error")
    if error:
        st.error(md(error), icon=":material/error:")
    _mapping_step()
    _report()
    for entry in list(overlay_store().values()):
        _overlay_row(entry)


def upload_unread() -> bool:
    """Whether the upload box holds a file no full run has read yet.

    A run reading it can be cut short by another widget's message; when what follows is
    only a fragment's rerun, the fragment asks for a full one (``st.rerun()``), so the file
    is read and reported without the analyst doing anything else.
    """
    upload = st.session_state.get("overlay_upload")
    return upload is not None and st.session_state.get("overlay_last") != upload.file_id


def _overlay_row(entry: OverlayEntry) -> None:
    ov = entry.overlay
    swatch, name = st.columns([0.12, 0.88], vertical_alignment="center")
    swatch.html(f'<span style="color:{entry.color};font-size:20px">●</span>')  # trusted constant
    entry.visible = name.checkbox(
        md(ov.name), value=entry.visible, key=f"vis_{entry.key}",
        help=f"{summary_line(ov)}; colour {entry.color}",
    )  # fmt: skip
    report = st.session_state.get("overlay_report")
    outside = outside_years(ov, FIRST_YEAR, LAST_YEAR)
    if outside and not (report and report["key"] == entry.key):  # the report says it already
        st.caption(md(outside))
    st.button("Remove", key=f"drop_{entry.key}", icon=":material/delete:", on_click=_remove,
              args=(entry.key,), help="Remove this overlay", type="tertiary")  # fmt: skip
    if ov.rejected:
        with st.expander(f"{len(ov.rejected):,} rejected rows: see why"):
            rows = pd.DataFrame([{"row": r.row, "reason": r.reason} for r in ov.rejected[:1000]])
            st.dataframe(rows, hide_index=True, width="stretch", height=200)


def _remove(key: str) -> None:
    # A callback, not a check in the body: the click then always reruns the whole page
    # (see components.controls.full_run), and the year clamps before the slider is drawn.
    overlay_store().pop(key, None)
    report = st.session_state.get("overlay_report")
    if report and report["key"] == key:
        st.session_state.pop("overlay_report", None)


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
