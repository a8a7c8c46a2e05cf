"""The warmed entry (serve.py): the health check says ok only once the warm-up is done."""

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from components.warmup import STEPS
from tests.conftest import DATA
from tests.e2e.conftest import free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def _start(port: int, env: dict[str, str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def _first_ok(port: int, proc: subprocess.Popen, marker: Path) -> dict | None:
    """Poll the health check; at its first "ok", return what the marker said then."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                body = r.read()
        except OSError:
            time.sleep(0.05)
            continue
        assert body == b"ok"
        return json.loads(marker.read_text()) if marker.exists() else None
    raise AssertionError("never healthy")


def _first_run(port: int):
    import asyncio

    from streamlit_ws import Session

    async def go():
        s = await Session.open(f"ws://127.0.0.1:{port}/_stcore/stream")
        try:
            return s, await s.first_run()
        finally:
            await s.close()

    # A thread of its own: in the full suite Playwright's sync API already runs an event
    # loop in this thread, and asyncio.run() refuses to start a second one there.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_health_answers_only_after_the_warm_up(tmp_path: Path) -> None:
    marker, port = tmp_path / "warm.json", free_port()
    proc = _start(port, {"ATLAS_WARMUP_MARKER": str(marker)})
    try:
        warm = _first_ok(port, proc, marker)
        assert warm is not None, "health said ok before the warm-up finished"
        assert warm["pid"] == proc.pid and warm["error"] is None
        assert warm["nodelay_sockets"] == 1  # the server's one listener, before any visitor
        assert all(warm[f"{name}_s"] >= 0 for name, _ in STEPS) and warm["total_s"] > 0
        session, first = _first_run(port)
        assert first.real and "Year" in session.drawn and "Events" in session.drawn
        # The map's frame is served: a component imported by the warm-up is registered.
        frame = f"http://127.0.0.1:{port}/component/streamlit_folium.st_folium/index.html"
        with urllib.request.urlopen(frame, timeout=10) as r:
            assert r.status == 200 and b"<html" in r.read().lower()
        # The basemap comes compressed from memory (components/static_cache), as it is on disk.
        (basemap,) = (ROOT / "static" / "atlas").glob("basemap-*.json")
        ask = urllib.request.Request(f"http://127.0.0.1:{port}/app/static/atlas/{basemap.name}",
                                     headers={"Accept-Encoding": "gzip"})  # fmt: skip
        with urllib.request.urlopen(ask, timeout=10) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers["Cache-Control"]
            assert gzip.decompress(r.read()) == basemap.read_bytes()
        # A URL shared with a mode's old name is sent to today's (components/shared_urls).
        old = f"http://127.0.0.1:{port}/chronology?year=2008&mode=everything+up+to+year"
        with pytest.raises(urllib.error.HTTPError) as sent:
            urllib.request.build_opener(_NoRedirect).open(old, timeout=10)
        assert sent.value.code == 302
        assert sent.value.headers["Location"] == "?year=2008&mode=everything+up+to+its+end"
    finally:
        _stop(proc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:  # the 302 itself is what is checked
        return None


def test_a_broken_data_file_still_serves_the_page_that_names_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("basemap", "*.md"))
    (data / "events.geojson").write_text("{ not json", encoding="utf-8")
    marker, port = tmp_path / "warm.json", free_port()
    proc = _start(port, {"ATLAS_WARMUP_MARKER": str(marker), "ATLAS_DATA_DIR": str(data)})
    try:
        warm = _first_ok(port, proc, marker)
        assert warm is not None and "events.geojson" in warm["error"]
        session, first = _first_run(port)
        assert first.exceptions == [] and "Year" not in session.drawn
    finally:
        _stop(proc)
