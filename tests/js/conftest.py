"""Small pages that load only Leaflet and the Atlas's script parts, served on loopback."""

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import js_lib_leaflet
import pytest

from render.assets import ASSETS, ATLAS_PARTS

LEAFLET = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest's output clean
        pass


class Site:
    """A folder served on a free loopback port: Leaflet, the Atlas parts, and test pages."""

    def __init__(self, root: Path, base: str) -> None:
        self.root = root
        self.base = base

    def json(self, name: str, payload: object) -> str:
        """Write ``payload`` as ``name`` and return its URL path (for ``{"$ref": …}``)."""
        (self.root / name).write_text(json.dumps(payload), encoding="utf-8")
        return f"/{name}"

    def page(self, name: str, body: str, *, script: str = "", atlas: bool = True) -> str:
        """Write a page with Leaflet (and the Atlas parts, in load order); return its URL."""
        parts = "".join(f'<script src="/atlas/{p}"></script>' for p in ATLAS_PARTS)
        html = (
            '<!doctype html><html><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="/leaflet/leaflet.css">'
            '<link rel="stylesheet" href="/atlas/atlas.css">'
            '<script src="/leaflet/leaflet.js"></script>'
            f"{parts if atlas else ''}"
            "<style>html, body { margin: 0; } .m { width: 800px; height: 500px; }</style>"
            f"</head><body>{body}<script>{script}</script></body></html>"
        )
        (self.root / name).write_text(html, encoding="utf-8")
        return f"{self.base}/{name}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Serve a temporary folder on 127.0.0.1 for the session, then shut the server down."""
    root = tmp_path_factory.mktemp("atlas-js")
    (root / "leaflet").mkdir()
    for name in ("leaflet.js", "leaflet.css"):
        (root / "leaflet" / name).write_bytes((LEAFLET / name).read_bytes())
    (root / "atlas").mkdir()
    for name in (*ATLAS_PARTS, "atlas.css"):
        (root / "atlas" / name).write_bytes((ASSETS / name).read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="atlas-js-site", daemon=True)
    thread.start()
    yield Site(root, f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, site: Site):
    """A page that may reach only the test site; page errors are collected in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1000, "height": 800})

    def guard(route) -> None:
        if route.request.url.startswith(site.base):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(10000)
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def rects(pg, selector: str, frame=None) -> list[dict]:
    """The bounding rectangles of the visible elements matching ``selector``."""
    target = frame or pg
    return target.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel))
             .filter(e => getComputedStyle(e).visibility !== 'hidden' && e.offsetParent !== null)
             .map(e => { const r = e.getBoundingClientRect();
                         return {l: r.left, t: r.top, r: r.right, b: r.bottom,
                                 text: e.textContent}; })""",
        selector,
    )


def overlap(a: dict, b: dict) -> bool:
    """Whether two rectangles share any area (touching edges do not count)."""
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > 0.5 and (
        min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0.5
    )
