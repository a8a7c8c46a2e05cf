"""A short run of the load driver, so `make load` cannot rot (protocol and counts, no timings)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]


def _real(seconds: object) -> bool:
    return isinstance(seconds, float) and math.isfinite(seconds) and seconds > 0


def test_load_driver_measures_real_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    cmd = [sys.executable, str(ROOT / "scripts" / "loadtest.py"), "--analysts", "3",
           "--duration", "6", "--think", "0.4", "--mix", "select_event=1", "export=1",
           "--only", "team", "sweep", "--rates", "2", "--step", "3", "--no-targets",
           "--out", str(out)]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    res = json.loads(out.read_text())
    team = res["team"]
    assert team["errors"] == [], team["errors"]
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]

    kinds = team["by_kind"]
    assert kinds["open"]["n"] == 3  # every analyst's page opened
    # every request sent came back as one counted round trip
    assert team["sent"] == team["actions"] == sum(s["n"] for k, s in kinds.items() if k != "open")
    assert kinds["year"]["n"] >= 1
    # An export opens the export panel first (its contents are drawn only while open), then
    # presses Prepare files: both happened, so the team scenario really exports.
    assert kinds["export_panel"]["n"] >= 1 and kinds["export"]["n"] >= 1
    for s in kinds.values():
        assert _real(s["p50"]) and _real(s["max"]) and s["p50"] <= s["max"]
    # A year change is a full run that stops early for the fragment's rerun (2), then
    # that rerun (3): both are normal ends, and the driver waited for the second.
    assert team["statuses"].get("2", 0) >= kinds["year"]["n"]
    assert team["statuses"].get("3", 0) >= kinds["year"]["n"]
    assert set(team["statuses"]) <= {"0", "2", "3"}
    assert team["runs"] > team["actions"]

    step = res["sweep"]["steps"][0]
    assert step["errors"] == [] and step["n"] >= 1 and _real(step["p95"])
