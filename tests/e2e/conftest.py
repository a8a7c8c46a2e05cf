"""Real-browser fixtures: the app on a free loopback port, and headless Debian Chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM_ARGS  # noqa: F401 (re-exported for bench/)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
YEAR_SLIDER = ".st-key-year >> role=slider"  # the sidebar's year slider (widget key "year")
MONTH_SLIDER = ".st-key-month >> role=slider"
T = TypeVar("T")


def route_pieces(ds, when: int | str = 2011) -> int:
    """How many route lines the map draws: one per route stretch in its own region."""
    from tests.conftest import scene_of

    return len(scene_of(ds, when, layers=["routes"]).routes)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, *, env: dict[str, str] | None = None, script: str = "app.py"):
    """Start ``streamlit run`` on loopback and wait for its health check (no sleeps)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


def stop_app(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The Atlas on the bundled data, one server for the whole session."""
    port = free_port()
    proc = start_app(port)
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


def guarded_page(browser, base: str, *, width: int = 1600, height: int = 1000):
    """Return ``(context, page, offsite)``: a page whose requests to any host other than
    ``base``'s are aborted and recorded in ``offsite``; page errors go to ``page.errors``."""
    context = browser.new_context(viewport={"width": width, "height": height})
    own = urlsplit(base).netloc
    offsite: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).netloc in (own, "") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            offsite.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.offsite = offsite
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    return context, pg, offsite


@pytest.fixture
def page(browser, app_url: str):
    """A fresh page in which every request to another host is aborted and recorded."""
    context, pg, _ = guarded_page(browser, app_url)
    yield pg
    context.close()


def shot(pg, name: str) -> Path:
    """Save a screenshot of the scenario for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def wait_idle(pg) -> None:
    """Wait until Streamlit has finished the current script run."""
    pg.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=30000)
    pg.wait_for_function(
        "() => !document.querySelector(\"[data-test-script-state='running']\")", timeout=30000
    )


def settled(pg, read: Callable[[], T], done: Callable[[T], bool], timeout_s: float = 30) -> T:
    """Return ``read()`` once ``done`` holds for it, or the last value seen after ``timeout_s``.

    For state a rerun changes a moment after the sign the test waited for (the map swaps its
    layers, flies to a place, relays a pan): poll it, bounded, then assert on what came back,
    instead of asserting on one look.
    """
    deadline = time.monotonic() + timeout_s
    seen = read()
    while not done(seen) and time.monotonic() < deadline:
        pg.wait_for_timeout(100)
        seen = read()
    return seen


def map_frame(pg):
    return pg.frame_locator(MAP_FRAME)


def wait_map_year(pg, year: int) -> None:
    """Wait until the map inside the component shows ``year``'s layers, all fetched and drawn."""
    map_frame(pg).locator(
        f".leaflet-container[data-atlas-year='{year}']:not([data-atlas-loading])"
    ).wait_for(timeout=30000)


def wait_page_year(pg, year: int) -> None:
    """Wait until the Map page's summary line shows ``year`` (the server's rerun is in)."""
    pg.wait_for_function(
        """(year) => Array.from(document.querySelectorAll('[data-testid="stMain"] h4'))
             .some(e => e.textContent.startsWith(year + ":"))""",
        arg=year, timeout=30000,
    )  # fmt: skip


def wait_year(pg, year: int) -> None:
    """Wait until the map and the rest of the Map page show ``year`` and the run is over.

    The map follows the slider in the browser at once; the summary, list and timeline
    follow when the server's rerun comes in.
    """
    wait_map_year(pg, year)
    wait_page_year(pg, year)
    wait_idle(pg)
