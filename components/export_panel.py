"""The "Export this view" panel: map sheet, self-contained HTML map, GeoJSON and CSV."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components.atlas_map import overlay_inputs
from components.data import scene_for
from components.overlays import OverlayEntry
from geo.errors import ExportError
from geo.io import Dataset
from geo.scene import Scene
from geo.text import escape_markdown as md
from geo.view import DEFAULT_TITLE, View
from render import extract
from render.folium_map import OverlayLayer
from render.html import export_html
from render.sheet_spec import FORMATS, PRESETS

SIZE_LABELS = {"1920x1080": "1920 × 1080 px (16:9)", "2560x1440": "2560 × 1440 px (16:9)",
               "a4-300dpi": "A4 landscape, 300 dpi"}  # fmt: skip


@dataclass(frozen=True)
class ExportFile:
    """One prepared download."""

    label: str
    data: bytes
    file_name: str
    mime: str


def reopen_url(view: View) -> str:
    """Return the URL that reopens this view, in the form the sidebar's widgets read back."""
    base = urlsplit(st.context.url or "http://localhost:8501/")
    return urlunsplit((base.scheme, base.netloc, base.path, urlencode(view.to_query()), ""))


def html_file(scene: Scene) -> bytes:
    """Return the self-contained HTML map of a scene, its overlays inlined."""
    from components.overlay_layer import overlay_payload

    layers = [OverlayLayer(o.name, o.key, str, None,
                           partial(overlay_payload, o.rows, key=o.key, name=o.name, color=o.color))
              for o in scene.overlays]  # fmt: skip
    return export_html(scene, layers)


def prepare_exports(
    ds: Dataset, view: View, entries: list[OverlayEntry], *, fmt: str, size: str
) -> tuple[list[ExportFile], list[str]]:
    """Build every product from one scene; return the files and a message for each failure."""
    scene = scene_for(view, overlay_inputs(entries))
    url = reopen_url(view)
    stem = f"nato-pakistan-atlas_{view.window.start.isoformat()}_{view.window.end.isoformat()}"
    stem += f"_{view.mode}"

    def sheet() -> bytes:
        from render.sheet import render_sheet  # matplotlib loads on the first export, not at start

        return render_sheet(scene, fmt=fmt, size=size, reopen_url=url)

    def html() -> bytes:
        return html_file(scene)

    feats = extract.extract_features(scene)
    meta = extract.extract_metadata(ds, scene, url)
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


def export_panel(ds: Dataset, view: View, entries: list[OverlayEntry]) -> None:
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
        view = view.with_(title=title.strip() or DEFAULT_TITLE, banner=banner.strip(),
                          overlays=tuple(e.overlay.name for e in entries))  # fmt: skip
        rows = tuple((e.key, len(e.overlay.events)) for e in entries)
        key = (view.content_key(), view.extent, fmt, size, rows)
        if st.button("Prepare files", icon=":material/build:", type="primary", key="export_go"):
            with st.spinner("Rendering the map sheet and the extracts…"):
                files, errors = prepare_exports(ds, view, entries, fmt=fmt or "png", size=size)
            st.session_state.export_ready = {"key": key, "files": files, "errors": errors}
        _downloads(st.session_state.get("export_ready"), key)
        st.caption(
            "Exports show the time window, mode, layers, overlays and map extent now on "
            "screen. CSV cells that a spreadsheet would run as formulas start with an apostrophe."
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
