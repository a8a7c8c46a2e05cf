"""Export timings (map sheets, HTML) and overlay loader throughput, warm and cold.

Warm: in this process, after one untimed call. Cold: a fresh interpreter running one export,
imports included (``python bench/exports.py --cold <what>`` prints one JSON line).
Functions that have not landed yet are reported as "not available yet".
"""

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRESETS = ("1920x1080", "2560x1440", "a4-300dpi")
YEAR, MODE, LAYERS = 2011, "year", ["routes", "places", "uncertainty", "events"]


def _scene():
    # An import error here is a broken bench, not a missing feature: let it fail loudly.
    from geo.io import read_dataset
    from geo.scene import build_scene
    from geo.view import TimeWindow, View

    view = View(window=TimeWindow.of_year(YEAR), mode=MODE, layers=tuple(LAYERS))
    return build_scene(read_dataset(), view)


def _sheet_job(preset: str, fmt: str):
    """Return a no-argument callable that renders one sheet of the benchmark's view."""
    from render.sheet import render_sheet

    scene = _scene()
    return lambda: render_sheet(scene, fmt=fmt, size=preset)


def _html_job():
    from render.html import export_html

    scene = _scene()
    return lambda: export_html(scene)


def job(what: str):
    """``sheet:<preset>:<fmt>`` or ``html``."""
    if what == "html":
        return _html_job()
    _, preset, fmt = what.split(":")
    return _sheet_job(preset, fmt)


def _size(out: object) -> int:
    if isinstance(out, bytes | bytearray | str):
        return len(out)
    return 0


def warm(what: str, repeats: int) -> dict:
    """Time ``repeats`` calls after one untimed call, in this process."""
    try:
        fn = job(what)
        size = _size(fn())
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    except Exception as exc:  # a broken export is reported in the table, not fatal
        return {"status": f"error: {type(exc).__name__}: {exc}"[:200]}
    return {"status": "ok", "times_s": times, "bytes": size}


def cold(what: str, timeout: float = 120) -> dict:
    """Time one export in a fresh interpreter, imports and data loading included."""
    return _last_json([sys.executable, str(Path(__file__)), "--cold", what], timeout)


def _last_json(cmd: list[str], timeout: float) -> dict:
    """Run a measuring subprocess and return the last JSON line it printed (or a status)."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout after {timeout:.0f} s"}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"status": f"error: {out.stderr.strip()[-200:]}"}
    return json.loads(lines[-1])


def _cold_main(what: str) -> None:
    start = time.perf_counter()
    try:
        size = _size(job(what)())
    except Exception as exc:
        print(json.dumps({"status": f"error: {type(exc).__name__}: {exc}"[:200]}))
        return
    print(json.dumps({"status": "ok", "times_s": [time.perf_counter() - start], "bytes": size}))


def loader(kind: str, rows: int, timeout: float = 180) -> dict:
    """Overlay loader throughput, in a fresh process (see bench/overlay_load.py)."""
    cmd = [sys.executable, str(ROOT / "bench" / "overlay_load.py"), "--one", kind, str(rows)]
    result = _last_json(cmd, timeout)
    return result if "status" in result else {"status": "ok", **result}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--cold":
        _cold_main(sys.argv[2])
