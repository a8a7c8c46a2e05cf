"""Memory per overlay row, in one process: what an uploaded overlay holds, part by part.

``python scripts/load_memory.py [--mb 10]`` writes the load test's 10 MB GeoJSON overlay
(``load_uploads.make_overlay``), reads it with the app's loader, builds its session entry
(year order, the map payload, the media store's copy, a few year slices) and prints one
JSON line: RSS before and after, the held parts in MB and bytes per row. The upload storm
in ``make load`` measures the same thing through a real server and five browsers.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from load_server import rss_mb
from load_uploads import make_overlay

MB = 2**20


def _frame_mb(frame: object) -> float:
    return float(frame.memory_usage(deep=True).sum()) / MB  # type: ignore[attr-defined]


def measure(megabytes: float) -> dict:
    """Load one overlay as the app does and return its memory, part by part."""
    import os

    from components.overlay_store import OverlayEntry
    from geo.overlay import load_overlay

    with tempfile.TemporaryDirectory(prefix="atlas-mem-") as tmp:
        path = Path(tmp) / "analyst0_overlay.geojson"
        rows = make_overlay(path, megabytes, "analyst0")
        data = path.read_bytes()
    gc.collect()
    pid = os.getpid()
    before = rss_mb(pid)
    overlay = load_overlay(data, path.name)
    after_parse = rss_mb(pid)
    entry = OverlayEntry(key="ov1", overlay=overlay, color="#332288")
    payload = entry.payload()
    media = payload.encode("utf-8")  # what components.served hands to the media store
    years = sorted(set(overlay.events["year"].tolist()))[:8]
    for year in years:
        entry.shown(year, "year")
    gc.collect()
    held_rss = rss_mb(pid)
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    trimmed = rss_mb(pid)
    frame = _frame_mb(overlay.events)
    roles = {"lat", "lon", "year", "date", "date_precision", "label", "category"}
    extra = [c for c in overlay.events.columns if c not in roles]
    parts = {
        "frame": frame,
        "frame_extra_fields": _frame_mb(overlay.events[extra]) if extra else 0.0,
        "payload_str": len(payload) / MB,
        "media_store_bytes": len(media) / MB,
        # Commit 3592115 cached a copy per year visited; the entry keeps none now.
        "year_slices_held": sum(_frame_mb(f) for f in getattr(entry, "_shown", {}).values()),
        "upload_bytes_in_uploader": len(data) / MB,
    }
    held = sum(v for k, v in parts.items() if k != "frame_extra_fields")
    n = len(overlay.events)
    return {
        "file_mb": round(len(data) / 1e6, 2), "rows_written": rows, "rows": n,
        "rss_before_mb": round(before, 1), "rss_after_parse_mb": round(after_parse, 1),
        "rss_held_mb": round(held_rss, 1), "rss_after_malloc_trim_mb": round(trimmed, 1),
        "rss_growth_mb": round(held_rss - before, 1),
        "rss_growth_bytes_per_row": round((held_rss - before) * MB / n),
        "rss_growth_trimmed_bytes_per_row": round((trimmed - before) * MB / n),
        "parts_mb": {k: round(v, 2) for k, v in parts.items()},
        "parts_bytes_per_row": {k: round(v * MB / n) for k, v in parts.items()},
        "held_mb": round(held, 2), "held_bytes_per_row": round(held * MB / n),
    }  # fmt: skip


def main() -> int:
    """Print one JSON line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the overlay file")
    args = parser.parse_args()
    if not 0 < args.mb <= 50:
        parser.error("--mb must be in (0, 50]")
    sys.stdout.write(json.dumps(measure(args.mb)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
