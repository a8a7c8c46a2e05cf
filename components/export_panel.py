"""The "Export this view" panel: map sheet, self-contained HTML map, GeoJSON and CSV."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components.atlas_map import map_view
from components.event_map import CENTER, ZOOM
from components.html_export import export_html
from components.map_layers import LABELLED_PLACES, LAYERS
from components.overlays import visible_overlays
from geo import extract
from geo.errors import ExportError
from geo.io import Dataset
from geo.sheet_spec import DEFAULT_TITLE, FORMATS, PRESETS, sheet_spec_for
from geo.summary import mode_label
from geo.text import escape_markdown as md
from geo.viewstate import MapExtent, parse_view

SIZE_LABELS = {"1920x1080": "1920 × 1080 px (16:9)", "2560x1440": "2560 × 1440 px (16:9)",
               "a4-300dpi": "A4 landscape, 300 dpi"}  # fmt: skip


@dataclass(frozen=True)
class ExportFile:
    """One prepared download."""

    label: str
    data: bytes
    file_name: str
    mime: str


def reopen_url(year: int, mode: str, layers: list[str], event: str | None,
               extent: MapExtent | None) -> str:  # fmt: skip
    """Return the URL that reopens this view, in the form the bound widgets read back."""
    params: list[tuple[str, str]] = [("year", str(year)), ("mode", mode_label(mode))]
    params += [("layers", LAYERS[k]) for k in layers if k in LAYERS]
    if extent is not None:
        params.append(("view", extent.to_param()))
    if event:
        params.append(("event", event))
    base = urlsplit(st.context.url or "http://localhost:8501/")
    return urlunsplit((base.scheme, base.netloc, base.path, urlencode(params), ""))


def prepare_exports(
    ds: Dataset, year: int, mode: str, layers: list[str], *, selected: str | None,
    title: str, banner: str, fmt: str, size: str, extent: MapExtent | None,
) -> tuple[list[ExportFile], list[str]]:  # fmt: skip
    """Build every product; return the files made and a clear message for each that failed."""
    overlays = visible_overlays(year, mode)
    url = reopen_url(year, mode, layers, selected, extent)
    stem = f"nato-pakistan-atlas_{year}_{mode}"
    lat, lon, zoom = (extent.lat, extent.lon, extent.zoom) if extent else (*CENTER, ZOOM)

    def sheet() -> bytes:
        spec = sheet_spec_for(
            ds, year, mode, layers, title=title, banner=banner, fmt=fmt, size=size,
            extent=(lat, lon, zoom), place_labels=LABELLED_PLACES, reopen_url=url,
            overlays=[(e.overlay.name, e.color, rows) for e, rows in overlays],
        )  # fmt: skip
        from geo.sheet import render_sheet  # matplotlib loads on the first export, not at start

        return render_sheet(spec)

    def html() -> bytes:
        view = map_view(ds, year, mode, layers, selected=selected, title=title or DEFAULT_TITLE,
                        overlays=overlays)  # fmt: skip
        return export_html(view, title=title, extent=MapExtent(lat, lon, zoom))

    feats = extract.extract_features(
        ds, year, mode, layers, overlays=[(e.overlay.name, rows) for e, rows in overlays]
    )
    meta = extract.extract_metadata(ds, year, mode, url)
    jobs: list[tuple[str, Callable[[], bytes], str, str]] = [
        (f"Sheet {fmt.upper()}", sheet, f"{stem}_{size}.{fmt}", FORMATS[fmt]),
        ("HTML map", html, f"{stem}.html", "text/html"),
        ("GeoJSON", lambda: extract.to_geojson(feats, metadata=meta), f"{stem}.geojson",
         "application/geo+json"),
        ("CSV", lambda: extract.to_csv(feats), f"{stem}.csv", "text/csv"),
    ]  # fmt: skip
    files, errors = [], []
    for label, make, name, mime in jobs:
        try:
            files.append(ExportFile(label, make(), name, mime))
        except ExportError as exc:
            errors.append(f"{label}: {exc}")
        except OSError as exc:  # e.g. a full disk or an unwritable temporary folder
            errors.append(f"{label} could not be written: {exc.strerror or exc}.")
        except MemoryError:
            errors.append(f"{label}: not enough memory to build it; try a smaller size.")
    return files, errors


def export_panel(
    ds: Dataset, year: int, mode: str, layers: list[str], *, selected: str | None
) -> None:
    """Draw the export panel under the map; files are made only when the analyst asks."""
    with st.expander("Export this view", icon=":material/download:"):
        left, mid, right = st.columns([1.4, 1.2, 1])
        title = left.text_input("Title", DEFAULT_TITLE, max_chars=120, key="export_title")
        banner = mid.text_input(
            "Classification or caveat banner", "", max_chars=80, key="export_banner",
            placeholder="e.g. UNCLASSIFIED (printed top and bottom)",
        )  # fmt: skip
        fmt = right.segmented_control("Sheet format", list(FORMATS), default="png",
                                      format_func=str.upper, key="export_fmt")  # fmt: skip
        size = right.selectbox("Sheet size", list(PRESETS), index=2,
                               format_func=SIZE_LABELS.get, key="export_size")  # fmt: skip
        extent = parse_view(st.query_params.get("view"))
        overlay_key = tuple((e.key, len(rows)) for e, rows in visible_overlays(year, mode))
        key = (year, mode, tuple(layers), selected, extent, title, banner, fmt, size, overlay_key)
        if st.button("Prepare files", icon=":material/build:", type="primary", key="export_go"):
            with st.spinner("Rendering the map sheet and the extracts…"):
                files, errors = prepare_exports(
                    ds, year, mode, layers, selected=selected, title=title, banner=banner,
                    fmt=fmt or "png", size=size, extent=extent,
                )  # fmt: skip
            st.session_state.export_ready = {"key": key, "files": files, "errors": errors}
        _downloads(st.session_state.get("export_ready"), key)
        st.caption(
            "Exports show the year, mode, layers, overlays and map extent now on screen. "
            "CSV cells that a spreadsheet would run as formulas start with an apostrophe."
        )


def _downloads(ready: dict | None, key: tuple) -> None:
    if not ready:
        return
    if ready["key"] != key:
        st.info("The view has changed since the files were prepared: prepare them again.")
        return
    for message in ready["errors"]:
        st.error(md(message), icon=":material/error:")
    cols = st.columns(max(len(ready["files"]), 1))
    for col, f in zip(cols, ready["files"], strict=False):
        col.download_button(
            f"{f.label} · {_size(len(f.data))}", f.data, file_name=f.file_name, mime=f.mime,
            on_click="ignore", icon=":material/download:", width="stretch",
            key=f"export_dl_{f.file_name.rsplit('.', 1)[-1]}", help=f.file_name,
        )  # fmt: skip


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(n // 1024, 1)} KB"
