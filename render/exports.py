"""Every export product of one scene: map sheet, self-contained HTML, GeoJSON and CSV.

Pure: the panel (on the session's thread) and the export worker (in its own process) both
call ``build_files``, so there is one place that says what an export contains.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from geo.errors import ExportError
from geo.io import Dataset
from geo.scene import Scene
from render import extract
from render.folium_map import OverlayLayer
from render.html import export_html
from render.overlay_layer import overlay_payload
from render.sheet_spec import FORMATS


@dataclass(frozen=True)
class ExportFile:
    """One prepared download."""

    label: str
    data: bytes
    file_name: str
    mime: str


def html_file(scene: Scene, render_html: Callable[..., bytes] = export_html) -> bytes:
    """Return the self-contained HTML map of a scene, its overlays inlined."""
    layers = [OverlayLayer(o.name, o.key, str, None,
                           partial(overlay_payload, o.rows, key=o.key, name=o.name, color=o.color))
              for o in scene.overlays]  # fmt: skip
    return render_html(scene, layers)


def build_files(ds: Dataset, scene: Scene, *, fmt: str, size: str, url: str,
                html: Callable[[Scene], bytes] = html_file,
                ) -> tuple[list[ExportFile], list[str]]:  # fmt: skip
    """Render every product of one scene; return the files and a message for each failure."""
    view = scene.view
    stem = f"nato-pakistan-atlas_{view.window.start.isoformat()}_{view.window.end.isoformat()}"
    stem += f"_{view.mode}"

    def sheet() -> bytes:
        from render.sheet import render_sheet  # matplotlib loads on the first export, not at start

        return render_sheet(scene, fmt=fmt, size=size, reopen_url=url)

    feats = extract.extract_features(scene)
    meta = extract.extract_metadata(ds, scene, url)
    jobs: list[tuple[str, Callable[[], bytes], str, str]] = [
        (f"Sheet {fmt.upper()}", sheet, f"{stem}_{size}.{fmt}", FORMATS[fmt]),
        ("HTML map", lambda: html(scene), f"{stem}.html", "text/html"),
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
