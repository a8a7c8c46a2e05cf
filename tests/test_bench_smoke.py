"""The benchmark's smoke mode runs end to end, so `make bench` cannot rot (no timing asserts)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


def test_bench_smoke_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| atlas" in proc.stdout
    res = json.loads(out.read_text())
    assert res["mode"] == "smoke" and res["targets"] == []

    cold = res["cold_start"]["atlas"]
    assert _positive(cold["healthy_s"]["p50"]) and _positive(cold["drawn_s"]["p50"])
    assert cold["process_drawn_s"]["p50"] >= cold["drawn_s"]["p50"]
    for app in ("floor", "atlas", "naive"):
        change = res["year_change"][app]
        assert change["errors"] == [] and change["steps"] == res["config"]["steps"]
        assert _positive(change["latency_s"]["p50"]) and _positive(change["script_s"]["p50"])
        assert _positive(change["ws_kb"]["p50"]) and change["runs_per_change"]["p50"] >= 1
    assert res["year_change"]["naive"]["http_kb"]["p50"] > 0  # the iframe reloads each change
    atlas = res["year_change"]["atlas"]  # the whole page: the map, the summary, the timeline
    assert atlas["page_latency_s"]["p50"] >= atlas["latency_s"]["p50"]

    overlay = res["overlays"]["1000"]
    for app in ("atlas", "naive"):
        assert overlay[app]["errors"] == [] and overlay[app]["steps"] >= 1
        assert _positive(overlay[app]["latency_s"]["p50"])
        assert _positive(overlay[app]["upload_to_map_s"])

    for case in ("csv:1000", "geojson:1000"):
        loader = res["loader"][case]
        assert loader["status"] == "ok" and loader["loaded"] == 1000
        assert _positive(loader["rows_per_s"])
    # Every export the smoke asks for must really run: a "not available yet" hid a broken
    # import for a whole refactor once.
    assert res["exports"], "no export was measured"
    for what, export in res["exports"].items():
        assert export["warm"]["status"] == "ok", (what, export["warm"]["status"])
        assert _positive(export["warm"]["seconds"]["p50"]) and export["warm"]["bytes"] > 0

    mem = res["memory"]
    assert _positive(mem["idle_rss_mb"]) and mem["warm_rss_mb"] > mem["idle_rss_mb"]
    assert [p["sessions"] for p in mem["sessions"]] == [1]
    assert _positive(mem["sessions"][0]["rss_mb"])
