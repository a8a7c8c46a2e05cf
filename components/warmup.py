"""Warm a fresh server process before its first visitor: imports, data, basemap, caches."""

import ast
import gc
import importlib
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from geo.gdal_guard import harden_gdal_environment

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ("app.py", "app_pages/*.py")  # what a session runs; their imports are warmed
BACKGROUND_DUTY = 0.25  # share of the time the background build may take (warm_other_modes)
MARKER_ENV = "ATLAS_WARMUP_MARKER"  # if set, a path: warm_up() writes its figures there


def script_imports(root: Path = ROOT) -> list[str]:
    """Return the modules imported at the top level of the app's scripts (sorted, unique).

    Reading them from the scripts keeps the warm-up in step with the pages: a page that
    starts importing a new module gets it warmed without a change here. Imports inside
    functions (matplotlib for the exports, for one) stay lazy.
    """
    names: set[str] = set()
    for pattern in SCRIPTS:
        for path in sorted(root.glob(pattern)):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
    return sorted(names)


def _imports() -> None:
    for name in script_imports():
        importlib.import_module(name)
    register_components()


def register_components() -> int:
    """Register the custom components that the imports declared; return how many.

    ``components.declare_component`` registers a component only inside a script run.
    Imported here, outside one, streamlit-folium's map would be declared but never
    registered, and the browser's request for the map's frame would get 404.
    """
    from streamlit import runtime
    from streamlit.components.v1.custom_component import CustomComponent

    if not runtime.exists():
        return 0
    registry = runtime.get_instance().component_registry
    found = {
        id(value): value
        for module in list(sys.modules.values())
        for value in list(getattr(module, "__dict__", {}).values())
        if isinstance(value, CustomComponent)
    }
    for component in found.values():
        registry.register_component(component)
    return len(found)


def _default_view() -> None:
    """Build what the Map page's first run uses for the default view (geo.view.View())."""
    from components.atlas_map import basemap_url, layer_refs
    from components.data import load_dataset, scene_for
    from components.timeline import drawn_spec
    from geo.view import View
    from render.folium_map import build_base_map

    view = View()
    layer_refs(scene_for(view))
    drawn_spec(load_dataset(), view)
    build_base_map(basemap_url=basemap_url()).get_root().render()  # folium's templates


def _dataset() -> None:
    from components.data import load_dataset

    load_dataset()


def _basemap() -> None:
    from components.atlas_map import basemap_url
    from render.assets import vendor_assets

    vendor_assets()
    basemap_url()


def _years(mode: str, duty: float = 1.0) -> None:
    """Every year's default scene and timeline in one mode, built and the layers published.

    ``duty`` < 1 (in the background) sleeps after each scene so that building takes only
    that share of the time: the GIL is left to the sessions' runs (at 1.0 a first visit
    arriving during the background build took 2.0 s of server time instead of 0.5 s).
    """
    from components.atlas_map import layer_refs
    from components.data import load_dataset, scene_for
    from components.timeline import drawn_spec
    from geo.timeline import FIRST_YEAR, LAST_YEAR
    from geo.view import TimeWindow, View

    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        t0 = time.perf_counter()
        view = View(window=TimeWindow.of_year(year), mode=mode)
        layer_refs(scene_for(view))
        drawn_spec(load_dataset(), view)
        if duty < 1.0:
            time.sleep((time.perf_counter() - t0) * (1.0 - duty) / duty)


def _default_mode_years() -> None:
    # The first run's map gets every year of its mode (the manifest that lets the map
    # follow the slider), so those are needed before the first visitor: building the
    # manifest builds and publishes every year's scene too.
    from components.atlas_map import warm_manifest
    from geo.view import View

    warm_manifest(View())


def _static_files() -> None:
    # Compressed once now, so no visitor's request waits for gzip (components/static_cache):
    # the basemap and the default view's layers; warm_map_files adds the scripts and styles.
    from components.atlas_map import basemap_url, layer_refs
    from components.data import scene_for
    from components.static_cache import warm_map_files
    from geo.view import View

    warm_map_files([basemap_url(), *layer_refs(scene_for(View())).values()])


def _compress_frontend() -> threading.Thread:
    from components.static_cache import frontend_mount

    thread = threading.Thread(target=frontend_mount().cache.warm, name="atlas-gzip", daemon=True)
    thread.start()
    return thread


STEPS: list[tuple[str, Callable[[], None]]] = [
    ("imports", _imports),
    ("dataset", _dataset),
    ("basemap", _basemap),
    ("default_view", _default_view),
    ("default_mode_years", _default_mode_years),
    ("static_files", _static_files),
]


def _freeze() -> None:
    # Streamlit runs a full garbage collection after every script run; with geopandas,
    # folium and Altair loaded it walked ~170,000 long-lived objects (~140 ms per change).
    # What is alive now (modules, dataset, built scenes) lives as long as the process:
    # collect once, then move it out of the collector's sight (gc.freeze).
    gc.collect()
    gc.freeze()


def nodelay_listeners() -> int:
    """Set TCP_NODELAY on this process's listening TCP sockets; return how many.

    Streamlit 1.67 binds its server socket itself with ``socket.socket(family)``, protocol
    0, and asyncio sets TCP_NODELAY on a connection only when the socket's protocol is
    IPPROTO_TCP. So every connection kept Nagle's algorithm: a response written in two
    parts (headers, then body) waited for the browser's delayed ACK, 40 ms, on every
    request after a connection's first: the page's ≈ 60 lazy chunks, the map's files and
    the layers' JSON. Linux copies the option from a listening socket to the connections
    it accepts, so setting it once on the listener, before the first visitor, is enough.
    """
    fds = "/proc/self/fd"
    count = 0
    for name in os.listdir(fds) if os.path.isdir(fds) else []:
        try:
            sock = socket.socket(fileno=int(name))  # a view of the descriptor, not a copy
        except OSError:
            continue  # not a socket (or the listing's own descriptor, closed by now)
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.getsockopt(
                socket.SOL_SOCKET, socket.SO_ACCEPTCONN
            ):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                count += 1
        finally:
            sock.detach()  # the descriptor stays open, its owner's
    return count


def warm_other_modes() -> threading.Thread:
    """Build every year's scene and timeline in every mode in a background thread (serving).

    Paced (``BACKGROUND_DUTY``), one scene at a time, so a visitor's run is not held up;
    then freezes what was built out of the garbage collector's sight too.
    """
    from geo.errors import AtlasDataError
    from geo.timeline import MODES
    from geo.view import View

    def run() -> None:
        try:
            # The default mode first: its scenes are built, its years' timelines are not.
            for mode in sorted(MODES, key=lambda m: m != View().mode):
                _years(mode, duty=BACKGROUND_DUTY)
        except AtlasDataError:
            return  # the app's own page names the file (see warm_up)
        _freeze()

    thread = threading.Thread(target=run, name="atlas-warm-modes", daemon=True)
    thread.start()
    return thread


def warm_up() -> dict[str, float]:
    """Do once per process what the first visitor would otherwise wait for.

    Returns seconds per step and ``total_s``. It first sets TCP_NODELAY on the server's
    socket (``nodelay_listeners``). A bundled data file that cannot be read is
    not fatal here: the step stops, the server starts, and the app's first run shows the
    page that names the file (``app.py``). The figures are also written as JSON to the
    path in ``ATLAS_WARMUP_MARKER``, if set (tests read it).

    Call it once the Streamlit runtime runs (``serve.py``'s lifespan), so the cached
    loaders fill the real caches that sessions read.
    """
    from geo.errors import AtlasDataError

    harden_gdal_environment()  # before anything imports pyogrio, as app.py does
    nodelay = nodelay_listeners()  # the server's socket is bound; nobody is served yet
    from components.export_worker import warm_pool

    warm_pool()  # the export worker starts and imports on the other core meanwhile
    frontend = _compress_frontend()  # and zlib, in a thread, compresses Streamlit's bundles
    start = time.perf_counter()
    figures: dict[str, float] = {}
    failed = None
    for name, step in STEPS:
        t0 = time.perf_counter()
        try:
            step()
        except AtlasDataError as exc:
            failed = f"{name}: {exc}"
            break
        figures[f"{name}_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    frontend.join()  # (done by now: it takes less than the steps above)
    figures["frontend_wait_s"] = round(time.perf_counter() - t0, 3)
    _freeze()  # before the first visitor: see _freeze
    figures["total_s"] = round(time.perf_counter() - start, 3)
    _write_marker({**figures, "error": failed, "nodelay_sockets": nodelay})
    return figures


def _write_marker(figures: dict) -> None:
    path = os.environ.get(MARKER_ENV)
    if path:
        Path(path).write_text(json.dumps({"pid": os.getpid(), **figures}), encoding="utf-8")
