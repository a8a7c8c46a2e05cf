"""The "Export this view" panel: map sheet, self-contained HTML map, GeoJSON and CSV."""

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components.atlas_map import overlay_inputs
from components.data import data_dir, scene_for
from components.export_worker import ExportJob, prepare_in_worker, warm_pool, worker_count
from components.overlays import OverlayEntry
from components.panels import keep, open_panel, seed, value
from geo.io import Dataset
from geo.scene import Scene
from geo.text import escape_markdown as md
from geo.view import DEFAULT_TITLE, View
from render.exports import ExportFile, build_files
from render.exports import html_file as _html_file
from render.html import export_html
from render.sheet_spec import FORMATS, PRESETS

__all__ = [
    "ExportFile",
    "export_panel",
    "export_text",
    "html_file",
    "prepare_exports",
    "reopen_url",
]
SIZE_LABELS = {"1920x1080": "1920 × 1080 px (16:9)", "2560x1440": "2560 × 1440 px (16:9)",
               "a4-300dpi": "A4 landscape, 300 dpi"}  # fmt: skip


def reopen_url(view: View) -> str:
    """Return the URL that reopens this view, in the form the sidebar's widgets read back."""
    base = urlsplit(st.context.url or "http://localhost:8501/")
    return urlunsplit((base.scheme, base.netloc, base.path, urlencode(view.to_query()), ""))


def html_file(scene: Scene) -> bytes:
    """Return the self-contained HTML map of a scene, its overlays inlined."""
    return _html_file(scene, export_html)


def prepare_exports(
    ds: Dataset, view: View, entries: list[OverlayEntry], *, fmt: str, size: str
) -> tuple[list[ExportFile], list[str]]:
    """Build every product from one scene on this thread; return files and failure messages."""
    scene = scene_for(view, overlay_inputs(entries))
    return build_files(ds, scene, fmt=fmt, size=size, url=reopen_url(view), html=html_file)


def prepare_files(
    ds: Dataset, view: View, entries: list[OverlayEntry], *, fmt: str, size: str
) -> tuple[list[ExportFile], list[str]]:
    """Prepare the files in the export worker (``ATLAS_EXPORT_WORKERS=0``: on this thread)."""
    if not worker_count():
        return prepare_exports(ds, view, entries, fmt=fmt, size=size)
    job = ExportJob.of(data_dir(), ds, view, overlay_inputs(entries), fmt=fmt, size=size,
                       url=reopen_url(view))  # fmt: skip
    return prepare_in_worker(job)


def export_panel(ds: Dataset, view: View, entries: list[OverlayEntry]) -> None:
    """Draw the export panel under the map; files are made only when the analyst asks.

    Its contents run only while it is open (``components.panels``).
    """
    warm_pool()  # the worker starts with the first page drawn, not with the first export
    panel = open_panel("Export this view", key="export_panel_open", icon=":material/download:")
    if panel is None:
        return
    with panel:
        left, mid, right = st.columns([1.4, 1.2, 1])
        for k, default in (
            ("export_title", DEFAULT_TITLE),
            ("export_banner", ""),
            ("export_fmt", "png"),
            ("export_size", list(PRESETS)[2]),
        ):
            seed(k, default)
        title = left.text_input("Title", max_chars=120, key="export_title", on_change=keep,
                                args=("export_title",))  # fmt: skip
        banner = mid.text_input(
            "Classification or caveat banner", max_chars=80, key="export_banner",
            placeholder="e.g. UNCLASSIFIED (printed top and bottom)", on_change=keep,
            args=("export_banner",),
        )  # fmt: skip
        fmt = right.segmented_control("Sheet format", list(FORMATS), format_func=str.upper,
                                      key="export_fmt", on_change=keep,
                                      args=("export_fmt",))  # fmt: skip
        size = right.selectbox("Sheet size", list(PRESETS), format_func=SIZE_LABELS.get,
                               key="export_size", on_change=keep,
                               args=("export_size",))  # fmt: skip
        view = view.with_(title=title.strip() or DEFAULT_TITLE, banner=banner.strip(),
                          overlays=tuple(e.overlay.name for e in entries))  # fmt: skip
        rows = tuple((e.key, len(e.overlay.events)) for e in entries)
        key = (view.content_key(), view.extent, fmt, size, rows)
        if st.button("Prepare files", icon=":material/build:", type="primary", key="export_go"):
            with st.spinner("Rendering the map sheet and the extracts…"):
                files, errors = prepare_files(ds, view, entries, fmt=fmt or "png", size=size)
            st.session_state.export_ready = {"key": key, "files": files, "errors": errors}
        _downloads(st.session_state.get("export_ready"), key)
        st.caption(
            "Exports show the time window, mode, layers, overlays and map extent now on "
            "screen. CSV cells that a spreadsheet would run as formulas start with an apostrophe."
        )


def export_text() -> tuple[str, str]:
    """The title and banner typed in the panel, also while it is closed (saved views)."""
    return (str(value("export_title", "") or "").strip(),
            str(value("export_banner", "") or "").strip())  # fmt: skip


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
