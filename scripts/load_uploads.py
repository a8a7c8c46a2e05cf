"""The load test's upload storm: analysts upload big overlays at once in headless Chromium."""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from load_server import rss_mb

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


def make_overlay(path: Path, megabytes: float, tag: str) -> int:
    """Write a GeoJSON overlay of about ``megabytes`` MB labelled ``tag``; return its rows."""
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
    return len(feats)


def _static() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "static").rglob("*"))


def upload_storm(base: str, n: int, megabytes: float, pid: int) -> dict:
    """``n`` browser sessions upload their own overlay at once; check none sees another's.

    Also reports the server's RSS before and after, per loaded overlay and per row.
    """
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        return {"skipped": "Debian's chromium is not installed"}
    out: dict = {"sessions": n, "megabytes": megabytes, "errors": [], "leaks": []}
    static_before = _static()
    with tempfile.TemporaryDirectory(prefix="atlas-load-") as tmp, sync_playwright() as p:
        names = [f"analyst{i}_overlay.geojson" for i in range(n)]
        rows = [make_overlay(Path(tmp) / name, megabytes, f"analyst{i}")
                for i, name in enumerate(names)]  # fmt: skip
        out["rows"] = rows
        out["file_mb"] = [round((Path(tmp) / f).stat().st_size / 1e6, 2) for f in names]
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
            time.sleep(2)  # let the sessions' first runs settle before the baseline
            rss_before = rss_mb(pid)
            t0 = time.perf_counter()
            for pg, name in zip(pages, names, strict=False):
                pg.locator("input[type=file]").set_input_files(str(Path(tmp) / name))
            done = []
            for pg, name in zip(pages, names, strict=False):
                pg.get_by_text(f"{name}:", exact=False).first.wait_for(timeout=180_000)
                done.append(round(time.perf_counter() - t0, 2))
            out["seconds_to_loaded"] = done
            out["rss_before_mb"], out["rss_after_mb"] = round(rss_before), round(rss_mb(pid))
            grown = out["rss_after_mb"] - out["rss_before_mb"]
            out["mb_per_overlay"] = round(grown / n, 1)
            out["bytes_per_row"] = round(grown * 2**20 / sum(rows))
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
    # The app writes the bundled data's layers there as years are drawn; never an upload.
    new = sorted(set(_static()) - set(static_before))
    out["static_new_files"] = len(new)
    out["static_has_uploads"] = any(
        b"analyst" in (ROOT / f).read_bytes() for f in new if (ROOT / f).is_file()
    )
    return out
