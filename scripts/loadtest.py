"""Bounded load test of the Atlas on loopback: websocket sessions, then an upload storm.

Starts its own server on a free 127.0.0.1 port and stops it at the end, whatever happens.

Phase 1: ``--sessions`` raw websocket clients (Streamlit's own protobufs, no browser) each
move the year slider once a second for ``--duration`` seconds. Reports errors, p50/p95 rerun
latency and the server's peak RSS.
Phase 2: every client disconnects; RSS and ``active_sessions`` are sampled for ``--cooldown``
seconds (longer than ``server.disconnectedSessionTTL``), to see memory return near idle.
Phase 3: ``--uploads`` headless-Chromium sessions each upload their own ``--upload-mb`` MB
GeoJSON overlay at once, plus one bystander session; nothing may crash, and no session may
see another's overlay.

The websocket driver speaks Streamlit's private protocol (pinned streamlit 1.67.0).
Every loop is bounded by a count or a deadline. Results go to artifacts/loadtest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
FIRST_YEAR, LAST_YEAR = 1994, 2015
RERUN_TIMEOUT_S = 60
HEALTH_TIMEOUT_S = 60
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


@dataclass
class Report:
    """Figures from one load-test run."""

    sessions: int = 0
    duration_s: float = 0.0
    reruns: int = 0
    errors: list[str] = field(default_factory=list)
    p50_s: float | None = None
    p95_s: float | None = None
    max_s: float | None = None
    rss_idle_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_end_of_load_mb: float = 0.0
    rss_after_cooldown_mb: float = 0.0
    active_sessions_after_cooldown: float | None = None
    cooldown_samples: list[tuple[float, float, float | None]] = field(default_factory=list)
    rss_after_each_cycle_mb: list[float] = field(default_factory=list)
    uploads: dict = field(default_factory=dict)


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    """Resident memory of a process in MB, from /proc (``VmHWM`` gives the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def active_sessions(base: str) -> float | None:
    """Read ``active_sessions`` from the server's Prometheus metrics."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/metrics", timeout=5) as resp:
            text = resp.read().decode()
    except OSError:
        return None
    values = re.findall(r"^active_sessions(?:\{[^}]*\})?\s+([\d.eE+-]+)", text, re.M)
    return sum(float(v) for v in values) if values else None


def start_server(port: int) -> subprocess.Popen:
    """Start the app on loopback and wait (bounded) for its health check."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
        "--server.address", HOST, "--server.headless", "true",
    ]  # fmt: skip
    # As deployed (deploy/atlas@.service): fewer glibc arenas, so freed heap is reused.
    env = {"MALLOC_ARENA_MAX": "2", **os.environ}
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"streamlit was not healthy within {HEALTH_TIMEOUT_S} s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server this script started (terminate, then kill after 10 s)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _rerun_msg(widget_id: str | None, year: int | None) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    if widget_id is not None and year is not None:
        ws = msg.rerun_script.widget_states.widgets.add()
        ws.id = widget_id
        ws.double_array_value.data.append(float(year))
    return msg.SerializeToString()


async def _run_once(ws, payload: bytes, errors: list[str], tag: str) -> tuple[float, str | None]:
    """Send one rerun and read until it finishes; return (seconds, slider widget id)."""
    t0 = time.perf_counter()
    await ws.send(payload)
    slider_id = None
    deadline = t0 + RERUN_TIMEOUT_S
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"rerun took over {RERUN_TIMEOUT_S} s")
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), left))
        kind = fm.WhichOneof("type")
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            etype = el.WhichOneof("type")
            if etype == "slider" and el.slider.label == "Year":
                slider_id = el.slider.id
            elif etype == "exception":
                errors.append(f"{tag}: app exception {el.exception.type}")
        elif kind == "script_finished":
            if fm.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,):
                errors.append(f"{tag}: script finished with status {fm.script_finished}")
            return time.perf_counter() - t0, slider_id


async def _session(
    i: int, url: str, duration: float, interval: float, lat: list[float], errors: list[str]
) -> None:
    tag = f"session {i}"
    try:
        async with websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=30
        ) as ws:
            _, slider_id = await _run_once(ws, _rerun_msg(None, None), errors, tag)
            if slider_id is None:
                errors.append(f"{tag}: no Year slider in the first run")
                return
            rng = random.Random(i)
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            stop_at = time.monotonic() + duration
            next_tick = time.monotonic()
            while time.monotonic() < stop_at:
                year = FIRST_YEAR + (year - FIRST_YEAR + 1) % (LAST_YEAR - FIRST_YEAR + 1)
                seconds, _ = await _run_once(ws, _rerun_msg(slider_id, year), errors, tag)
                lat.append(seconds)
                next_tick += interval
                await asyncio.sleep(max(0.0, next_tick - time.monotonic()))
    except Exception as exc:  # counted and reported, never retried
        errors.append(f"{tag}: {type(exc).__name__}: {exc}")


async def _drive(base: str, sessions: int, duration: float, interval: float):
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    lat: list[float] = []
    errors: list[str] = []
    # Stagger connections over ~2 s, as analysts arriving would, not one burst.
    tasks = []
    for i in range(sessions):
        tasks.append(asyncio.create_task(_session(i, url, duration, interval, lat, errors)))
        await asyncio.sleep(2.0 / max(sessions, 1))
    await asyncio.wait_for(asyncio.gather(*tasks), duration + RERUN_TIMEOUT_S * 2 + 30)
    return lat, errors


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class PeakSampler(threading.Thread):
    """Sample a process's RSS every 0.5 s until stopped (VmHWM is the exact peak)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_evt = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._stop_evt.wait(0.5):
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except OSError:
                return

    def stop(self) -> None:
        self._stop_evt.set()
        self.join(timeout=5)


def make_overlay(path: Path, megabytes: float, tag: str) -> Path:
    """Write a GeoJSON overlay of about ``megabytes`` MB whose every label names ``tag``."""
    rng = random.Random(tag)
    target = int(megabytes * 1_000_000)
    pad = "x" * 120
    feats, size = [], 60
    while size < target:
        lon, lat = round(rng.uniform(61, 75), 5), round(rng.uniform(24, 37), 5)
        date = f"20{rng.randint(2, 14):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        f = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": f"{tag} #{len(feats)}", "date": date, "note": pad},
        }
        line = json.dumps(f, separators=(",", ":"))
        feats.append(line)
        size += len(line) + 1
    path.write_text('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}")
    return path


def upload_storm(base: str, n: int, megabytes: float, pid: int) -> dict:
    """``n`` browser sessions upload their own overlay at once; check none sees another's."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        return {"skipped": "Debian's chromium is not installed"}
    out: dict = {"sessions": n, "megabytes": megabytes, "errors": [], "leaks": []}
    static_before = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "static").rglob("*"))
    with tempfile.TemporaryDirectory(prefix="atlas-load-") as tmp, sync_playwright() as p:
        names = [f"analyst{i}_overlay.geojson" for i in range(n)]
        files = [make_overlay(Path(tmp) / name, megabytes, f"analyst{i}") for i, name in
                 enumerate(names)]  # fmt: skip
        out["file_mb"] = [round(f.stat().st_size / 1e6, 2) for f in files]
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in range(n + 1):  # the last one is a bystander that uploads nothing
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                ctx.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda r: r.abort())
                pg = ctx.new_page()
                pg.errors = []
                pg.on("pageerror", lambda e, pg=pg: pg.errors.append(str(e)))
                pg.goto(base, timeout=120_000)
                pg.get_by_text("Your overlays").click(timeout=120_000)
                pg.locator("input[type=file]").wait_for(state="attached", timeout=120_000)
                pages.append(pg)
            rss_before = rss_mb(pid)
            t0 = time.perf_counter()
            for pg, f in zip(pages, files, strict=False):
                pg.locator("input[type=file]").set_input_files(str(f))
            done = []
            for pg, name in zip(pages, names, strict=False):
                pg.get_by_text(f"{name}:", exact=False).first.wait_for(timeout=180_000)
                done.append(round(time.perf_counter() - t0, 2))
            out["seconds_to_loaded"] = done
            out["rss_before_mb"], out["rss_after_mb"] = round(rss_before), round(rss_mb(pid))
            for j, pg in enumerate(pages):
                text = pg.locator("section[data-testid='stSidebar']").inner_text()
                seen = [k for k, name in enumerate(names) if name in text]
                expected = [j] if j < n else []
                if seen != expected:
                    out["leaks"].append(f"session {j} sees overlays {seen}, expected {expected}")
                if pg.locator("[data-testid='stException']").count():
                    out["errors"].append(f"session {j}: exception element on the page")
                out["errors"] += [f"session {j}: pageerror {e}" for e in pg.errors]
        except Exception as exc:  # reported; the browser is still closed below
            out["errors"].append(f"{type(exc).__name__}: {exc}"[:400])
        finally:
            browser.close()
    static_after = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "static").rglob("*"))
    out["static_unchanged"] = static_before == static_after
    return out


def run(args: argparse.Namespace) -> Report:
    """Start the server, run the phases, stop the server; return the figures."""
    report = Report(sessions=args.sessions, duration_s=args.duration)
    port = free_port()
    base = f"http://{HOST}:{port}"
    proc = start_server(port)
    try:
        asyncio.run(_drive(base, 1, 3, 1.0))  # warm the caches: what "idle" means here
        time.sleep(3)
        report.rss_idle_mb = round(rss_mb(proc.pid), 1)
        lat: list[float] = []
        for cycle in range(1, args.cycles + 1):
            sampler = PeakSampler(proc.pid)
            sampler.start()
            got, errors = asyncio.run(_drive(base, args.sessions, args.duration, args.interval))
            sampler.stop()
            lat += got
            report.errors += errors
            report.rss_peak_mb = round(max(report.rss_peak_mb, sampler.peak), 1)
            report.rss_end_of_load_mb = round(rss_mb(proc.pid), 1)
            p50, p95 = _percentile(got, 0.5) or 0, _percentile(got, 0.95) or 0
            print(f"cycle {cycle}: {len(got)} reruns, {len(errors)} errors, "
                  f"p50 {p50:.2f} s, p95 {p95:.2f} s, "
                  f"RSS now {report.rss_end_of_load_mb} MB", flush=True)  # fmt: skip
            t0 = time.monotonic()
            while time.monotonic() - t0 < args.cooldown:
                time.sleep(min(10, args.cooldown))
                sample = (round(time.monotonic() - t0), round(rss_mb(proc.pid), 1),
                          active_sessions(base))  # fmt: skip
                report.cooldown_samples.append(sample)
                print(f"  cooldown t+{sample[0]:>3} s  rss {sample[1]:7.1f} MB  "
                      f"active_sessions {sample[2]}", flush=True)  # fmt: skip
            report.rss_after_each_cycle_mb.append(round(rss_mb(proc.pid), 1))
        report.reruns = len(lat)
        report.p50_s = _percentile(lat, 0.50)
        report.p95_s = _percentile(lat, 0.95)
        report.max_s = max(lat) if lat else None
        report.rss_peak_mb = round(max(report.rss_peak_mb, rss_mb(proc.pid, "VmHWM")), 1)
        report.rss_after_cooldown_mb = round(rss_mb(proc.pid), 1)
        report.active_sessions_after_cooldown = active_sessions(base)
        if args.uploads:
            report.uploads = upload_storm(base, args.uploads, args.upload_mb, proc.pid)
            report.uploads["server_alive"] = proc.poll() is None
    finally:
        stop_server(proc)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit 1 if any error, leak or crash was seen."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per session")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between years")
    parser.add_argument("--cooldown", type=float, default=120.0, help="seconds after closing")
    parser.add_argument("--cycles", type=int, default=1, help="load + cool-down repeats")
    parser.add_argument("--uploads", type=int, default=5, help="0 skips the upload storm")
    parser.add_argument("--upload-mb", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "loadtest.json")
    args = parser.parse_args(argv)
    if not (
        0 < args.sessions <= 100
        and 0 < args.duration <= 600
        and args.cooldown <= 900
        and 0 < args.cycles <= 5
    ):
        parser.error(
            "keep it bounded: sessions 1–100, duration ≤ 600 s, cooldown ≤ 900 s, cycles ≤ 5"
        )
    print(f"load test: {args.sessions} sessions × {args.duration:.0f} s on {HOST} "
          f"(pid {os.getpid()})", flush=True)  # fmt: skip
    report = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(report), indent=2))
    fmt = lambda v: "n/a" if v is None else f"{v:.2f} s"  # noqa: E731
    print(f"reruns {report.reruns}, errors {len(report.errors)}, p50 {fmt(report.p50_s)}, "
          f"p95 {fmt(report.p95_s)}, max {fmt(report.max_s)}")  # fmt: skip
    print(f"RSS idle {report.rss_idle_mb} MB, peak {report.rss_peak_mb} MB, end of load "
          f"{report.rss_end_of_load_mb} MB, {args.cooldown:.0f} s after close "
          f"{report.rss_after_cooldown_mb} MB (active sessions "
          f"{report.active_sessions_after_cooldown})")  # fmt: skip
    for err in report.errors[:10]:
        print("  error:", err)
    if report.uploads:
        print("uploads:", json.dumps(report.uploads))
    up = report.uploads
    failed = bool(report.errors) or bool(up.get("errors")) or bool(up.get("leaks"))
    failed |= up.get("server_alive") is False or up.get("static_unchanged") is False
    print(f"result: {'FAIL' if failed else 'PASS'} (figures in {args.out})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
