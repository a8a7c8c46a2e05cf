"""Benchmark plumbing: app servers, the wire tracker (CDP websocket frames) and the waits."""

import base64
import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.conftest import CHROMIUM_ARGS, free_port, start_app, stop_app

# Pages in other contexts must not be throttled while the driver works on another one.
BENCH_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
# The Atlas as deployed: serve.py warms the process before its health check answers.
APPS = {"atlas": "serve.py", "floor": "bench/floor_app.py", "naive": "bench/naive_app.py"}
AS_SERVED_ENV = "ATLAS_BENCH_SCRIPT"  # bench/as_served.py serves the script it names
VIEWPORT = {"width": 1600, "height": 1000}
IGNORED = {"app_heartbeat", "heartbeat_ack"}  # keep-alives do not count as activity

# Run in the main page: the first moment the app shows ``year`` (and the expected counts).
# Returns a wall-clock timestamp in ms, comparable with the keydown stamp (same document).
SHOWN_JS = """({kind, year, events, overlay}) => {
  const now = () => performance.timeOrigin + performance.now();
  if (kind === "floor") {
    const p = document.querySelector("p.floor-year");
    return p && p.dataset.year === String(year) ? now() : false;
  }
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument, w = f && f.contentWindow;
  if (!d || !w || !w.L) return false;
  if (kind === "atlas") {
    const c = d.querySelector('.leaflet-container[data-atlas-year="' + year + '"]');
    if (!c || c.getAttribute("data-atlas-basemap") !== "drawn") return false;
    if (d.querySelectorAll(".atlas-event").length !== events) return false;
    if (overlay !== null) {
      let n = 0;
      const layers = w.map ? Object.values(w.map._layers) : [];
      const Cluster = w.L.MarkerClusterGroup;
      for (const l of layers) if (Cluster && l instanceof Cluster) n += l.getLayers().length;
      if (n !== overlay) return false;
    }
    return now();
  }
  if (!d.querySelector('.naive-year[data-year="' + year + '"]')) return false;
  if (d.querySelectorAll(".atlas-event").length !== events) return false;
  if (overlay !== null && d.querySelectorAll("path.naive-ov").length !== overlay) return false;
  return now();
}"""
# The Atlas's map follows the slider in the browser; the rest of the page follows the
# server's rerun. The page is whole when the summary line (the fragment's first element)
# shows ``year`` and the timeline's caption (its last) names it: the first frame after both,
# as PRESS_JS recorded them. ``step`` takes the later of this and the map. (It used to poll
# from Python once the map was drawn, which added a round trip to a busy page.)
PAGE_JS = """({year}) => {
  const lines = window.__benchHeads || [];
  const head = lines.find(([text]) => text.startsWith(year + ":"));
  const tail = lines.find(([text]) => text.includes("· " + year + " highlighted"));
  return head && tail ? Math.max(head[1], tail[1]) : false;
}"""
PRESS_JS = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  addEventListener("keydown", () => {
    window.__benchPress = now();
    window.__benchHeads = [];
  }, true);
  // Each new text of the main area's h4 lines and captions, stamped in the next animation
  // frame (as the waits poll, so the Atlas's lines and the floor's text are timed alike).
  const main = '[data-testid="stMain"] ';
  const sel = main + "h4, " + main + '[data-testid="stCaptionContainer"]';
  let seen = "";
  new MutationObserver(() => {
    const text = Array.from(document.querySelectorAll(sel), (h) => h.textContent).join("\\n");
    if (text === seen) return;
    seen = text;
    requestAnimationFrame(() => {
      for (const h of text.split("\\n")) (window.__benchHeads || []).push([h, now()]);
    });
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();"""


def stats(values: list[float]) -> dict:
    """Median, p95 (nearest rank), min, max and n of the values (empty → n = 0)."""
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return {"n": 0}
    p95 = xs[min(len(xs) - 1, max(0, round(0.95 * len(xs) + 0.5) - 1))]
    return {"n": len(xs), "p50": statistics.median(xs), "p95": p95, "min": xs[0], "max": xs[-1]}


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


@dataclass
class Server:
    """One ``streamlit run`` on a free loopback port."""

    app: str
    port: int
    proc: subprocess.Popen
    healthy_s: float  # process start → /_stcore/health answered 200

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Servers:
    """Start servers and stop every one of them, whatever happens."""

    def __init__(self) -> None:
        self.running: list[Server] = []

    def start(self, app: str) -> Server:
        port = free_port()
        start = time.monotonic()
        env = {"PYTHONUNBUFFERED": "1"}
        script = APPS[app]
        if script != "serve.py":  # the floor and naive apps: the Atlas's transport, no warm-up
            env[AS_SERVED_ENV], script = script, "bench/as_served.py"
        proc = start_app(port, script=script, env=env)
        server = Server(app, port, proc, time.monotonic() - start)
        self.running.append(server)
        return server

    def stop(self, server: Server) -> None:
        if server in self.running:
            self.running.remove(server)
        stop_app(server.proc)

    def stop_all(self) -> None:
        for server in list(self.running):
            self.stop(server)


@dataclass
class Frame:
    """A websocket frame or a finished HTTP response, as Chromium saw it."""

    ts: float  # CDP monotonic seconds
    arrived: float  # driver's time.monotonic() when the event was handled
    kind: str  # "in:<ForwardMsg type>", "out:<BackMsg type>" or "http"
    size: int


@dataclass
class Wire:
    """Every websocket frame and HTTP response of one page, decoded enough to count runs."""

    frames: list[Frame] = field(default_factory=list)

    def attach(self, context, page) -> None:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda p: self._frame(p, ForwardMsg, "in"))
        cdp.on("Network.webSocketFrameSent", lambda p: self._frame(p, BackMsg, "out"))
        cdp.on("Network.loadingFinished", self._http)

    def _frame(self, params: dict, proto: type, way: str) -> None:
        resp = params["response"]
        if resp.get("opcode") == 2:
            raw = base64.b64decode(resp["payloadData"])
            msg = proto()
            try:
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type") or "?"
            except Exception:  # a frame we cannot decode still counts as bytes
                kind = "?"
        else:
            raw, kind = resp["payloadData"].encode(), "text"
        self.frames.append(Frame(params["timestamp"], time.monotonic(), f"{way}:{kind}", len(raw)))

    def _http(self, params: dict) -> None:
        size = int(params.get("encodedDataLength") or 0)
        self.frames.append(Frame(params["timestamp"], time.monotonic(), "http", size))

    def mark(self) -> int:
        return len(self.frames)

    def since(self, mark: int) -> list[Frame]:
        return self.frames[mark:]


def change_figures(frames: list[Frame]) -> dict:
    """Script runs, per-run script time, bytes and server busy time of one change."""
    runs, start = [], None
    for f in frames:
        if f.kind == "in:new_session":
            start = f.ts
        elif f.kind == "in:script_finished" and start is not None:
            runs.append(f.ts - start)
            start = None
    requests = [f.ts for f in frames if f.kind == "out:rerun_script"]
    finished = [f.ts for f in frames if f.kind == "in:script_finished"]
    busy = finished[-1] - requests[0] if requests and finished else None
    return {
        "runs": len(runs),
        "script_s": runs,
        "ws_bytes": sum(f.size for f in frames if f.kind.startswith("in:")),
        "http_bytes": sum(f.size for f in frames if f.kind == "http"),
        "busy_s": busy,
    }


def wait_quiet(page, wire: Wire, mark: int, *, quiet: float, timeout: float) -> bool:
    """Wait until every script run since ``mark`` has finished and the wire is quiet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.wait_for_timeout(40)  # also lets Playwright deliver the CDP events
        frames = [f for f in wire.since(mark) if f.kind.split(":")[-1] not in IGNORED]
        started = sum(f.kind == "in:new_session" for f in frames)
        finished = sum(f.kind == "in:script_finished" for f in frames)
        last = frames[-1].arrived if frames else 0.0
        if started and started == finished and time.monotonic() - last >= quiet:
            return True
    return False


def wait_shown(page, kind: str, year: int, events: int, overlay: int | None, timeout: float):
    """Wait (each animation frame) until the app shows ``year``; return the page's ms stamp."""
    arg = {"kind": kind, "year": year, "events": events, "overlay": overlay}
    handle = page.wait_for_function(SHOWN_JS, arg=arg, polling="raf", timeout=timeout * 1000)
    return handle.json_value()


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def wait_page(page, year: int, timeout: float):
    """Wait (each animation frame) until the Atlas's summary and timeline caption show ``year``."""
    handle = page.wait_for_function(PAGE_JS, arg={"year": year}, polling="raf",
                                    timeout=timeout * 1000)  # fmt: skip
    return handle.json_value()
