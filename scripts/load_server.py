"""The load test's server: a warmed Atlas on a free loopback port, stopped whatever happens."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
HEALTH_TIMEOUT_S = 120


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    """Resident memory of a process in MB, from /proc (``VmHWM`` gives its peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def family(pids: list[int]) -> list[int]:
    """Return ``pids`` and their descendants (a replica's export worker counts as its own)."""
    out, todo = [], list(pids)
    while todo and len(out) < 256:
        pid = todo.pop()
        out.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return out


def tree_rss_mb(pids: list[int]) -> float:
    """Summed RSS of some processes and their children, in MB (a gone process counts 0)."""
    total = 0.0
    for pid in family(pids):
        try:
            total += rss_mb(pid)
        except OSError:
            continue
    return total


def healthy(base: str, proc: subprocess.Popen | None = None) -> None:
    """Wait (bounded) until ``base`` answers its health check."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} was not healthy within {HEALTH_TIMEOUT_S} s")


def start_server(port: int, *, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``streamlit run serve.py`` (the warmed entry, as deployed) in its own group."""
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
           "--server.address", HOST, "--server.headless", "true"]  # fmt: skip
    # As deployed (deploy/atlas@.service): fewer glibc arenas, so freed heap is reused.
    env = {"MALLOC_ARENA_MAX": "2", **os.environ, **(env or {})}
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server this script started (terminate, then kill after 10 s), and its workers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    try:  # an export worker left behind would exit by itself within a second; do not wait
        os.killpg(proc.pid, signal.SIGTERM)  # the group started with the server (its own)
    except (ProcessLookupError, PermissionError):
        pass


@contextmanager
def started_server(base: str | None, pids: list[int]) -> Iterator[tuple[str, list[int]]]:
    """Yield ``(base URL, server pids)``: the given deployment, or one started here."""
    if base:
        healthy(base)
        yield base, pids
        return
    port = free_port()
    proc = start_server(port)
    try:
        url = f"http://{HOST}:{port}"
        healthy(url, proc)
        yield url, [proc.pid]
    finally:
        stop_server(proc)


class PeakSampler(threading.Thread):
    """Sample the summed RSS of some processes (and children) every 0.5 s in a ``with`` block."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids, self.peak, self._done = pids, 0.0, threading.Event()

    def __enter__(self) -> PeakSampler:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self.join(timeout=5)

    def run(self) -> None:
        while not self._done.wait(0.5):
            try:
                self.peak = max(self.peak, tree_rss_mb(self.pids))
            except OSError:
                return
