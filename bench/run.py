"""Benchmark the Atlas against the Streamlit floor and a naive folium app, in one run.

Run: ``make bench`` (or ``.venv/bin/python bench/run.py [--smoke] [--out PATH]``).

The machine is shared and noisy, so every comparison is measured side by side: the three
apps run at once and their year changes are interleaved step by step. Cells are
median (min–max, n); latency cells add p95. The same figures go to bench/results/latest.json.
"""

import argparse
import csv
import io
import json
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import exports  # noqa: E402
from bench.harness import (  # noqa: E402
    BENCH_CHROMIUM_ARGS,
    PRESS_JS,
    VIEWPORT,
    Servers,
    Wire,
    change_figures,
    load_avg,
    rss_mb,
    stats,
    wait_page,
    wait_quiet,
    wait_shown,
)
from bench.overlay_load import make_csv  # noqa: E402
from bench.report import print_report, targets  # noqa: E402

FIRST, LAST, DEFAULT_YEAR = 1994, 2015, 2011
OUT = ROOT / "bench" / "results" / "latest.json"
PHASES = ("cold", "year", "overlays", "memory")  # memory also runs the exports and loaders

FULL = {
    "cold_starts": 3,
    "steps": 21,  # 1994 → 2015 with ArrowRight
    "overlay_sizes": [1_000, 10_000, 100_000],
    "overlay_steps": 12,
    "naive_overlay_steps": {1_000: 12, 10_000: 5, 100_000: 3},
    # Each phase stops stepping when its budget is spent (the table shows the n reached),
    # so the whole run stays under 10 minutes even when the machine is busy; with overlays
    # the budget stops only the naive app, whose steps take seconds.
    "budget_s": {"cold": 100, "year": 150, "overlays": 240},
    "sessions": [1, 5, 10],
    "release_wait_s": 75.0,  # server.disconnectedSessionTTL is 60 s
    "export_repeats": 3,
    "loader_rows": [10_000, 100_000],
    "cold_apps": ["atlas", "floor", "naive"],
    "export_jobs": [
        "sheet:1920x1080:png",
        "sheet:2560x1440:png",
        "sheet:a4-300dpi:png",
        "sheet:a4-300dpi:pdf",
        "sheet:a4-300dpi:svg",
        "html",
    ],
    "export_cold": True,
}
SMOKE = {
    "cold_starts": 1,
    "steps": 3,
    "overlay_sizes": [1_000],
    "overlay_steps": 2,
    "naive_overlay_steps": {1_000: 1},
    "budget_s": {"cold": 60, "year": 60, "overlays": 60},
    "sessions": [1],
    "release_wait_s": 0.0,
    "export_repeats": 1,
    "loader_rows": [1_000],
    "deck": False,  # the 22-frame GIF alone takes 10-40 s: full runs only
    "cold_apps": ["atlas"],
    "export_jobs": ["sheet:1920x1080:png", "html"],
    "export_cold": False,
}


def curated_counts() -> dict[int, int]:
    """Located events per year in the bundled data (what the map should draw)."""
    from geo.io import read_dataset
    from geo.timeline import events_shown

    events = read_dataset().events
    return {
        y: int(
            sum(g is not None and not g.is_empty for g in events_shown(events, y, "year").geometry)
        )
        for y in range(FIRST, LAST + 1)
    }


class Bench:
    """One benchmark run: a browser, the servers it started, and the figures."""

    def __init__(self, browser, servers: Servers, cfg: dict) -> None:
        self.browser, self.servers, self.cfg = browser, servers, cfg
        self.counts = curated_counts()
        self.tmp = Path(tempfile.mkdtemp(prefix="atlas-bench-"))

    # ------------------------------------------------------------------ pages

    def open(self, server, year: int, overlay: int | None = None):
        """A fresh browser context on ``server`` at ``year``, drawn and idle."""
        context = self.browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.add_init_script(PRESS_JS)
        wire = Wire()
        wire.attach(context, page)
        page.goto(f"{server.url}/?year={year}")
        wait_shown(page, server.app, year, self._events(server.app, year), overlay, 120)
        wait_quiet(page, wire, 0, quiet=self._quiet(server.app, overlay), timeout=120)
        return context, page, wire

    def _events(self, app: str, year: int) -> int:
        return 0 if app == "floor" else self.counts[year]

    @staticmethod
    def _quiet(app: str, overlay: int | None) -> float:
        # The naive app's remounted iframe sends its view back and reruns the script a
        # second time, some while after the first run: wait longer before calling it idle.
        if app == "naive":
            return 3.0 if (overlay or 0) >= 50_000 else 1.5
        return 0.5

    def step(self, app: str, page, wire, year: int, overlay: int | None) -> dict:
        """Press ArrowRight on the slider; time until the map shows ``year``; wait for idle."""
        page.get_by_role("slider").first.focus()
        mark = wire.mark()
        page.keyboard.press("ArrowRight")
        timeout = 90 if app == "naive" else 30
        try:
            shown = wait_shown(page, app, year, self._events(app, year), overlay, timeout)
        except Exception as exc:  # a missed step is recorded, and the series stops
            return {"error": f"{type(exc).__name__}: {str(exc)[:120]}"}
        press = page.evaluate("window.__benchPress")
        latency = (shown - press) / 1000
        # Floor and naive redraw the page as one; the Atlas's map goes first (see PAGE_JS).
        whole = latency
        if app == "atlas":
            try:
                whole = max(latency, (wait_page(page, year, timeout) - press) / 1000)
            except Exception as exc:
                return {"error": f"page: {type(exc).__name__}: {str(exc)[:120]}"}
        idle = wait_quiet(page, wire, mark, quiet=self._quiet(app, overlay), timeout=timeout)
        return {"latency_s": latency, "page_latency_s": whole, "idle": idle,
                **change_figures(wire.since(mark))}  # fmt: skip

    # ------------------------------------------------------------------ phases

    def cold_start(self) -> dict:
        """Process start → healthy → map drawn, a fresh server and context each time.

        The Atlas starts through ``serve.py`` (warmed before its health check answers), as
        ``make run`` and the deploy units do. "Drawn" is the first moment the page shows the
        year with every marker (``SHOWN_JS``), not after the websocket goes quiet.
        """
        out: dict[str, dict[str, list]] = {}
        errors: dict[str, str] = {}
        deadline = time.monotonic() + self.cfg["budget_s"]["cold"]
        for i in range(self.cfg["cold_starts"]):
            if i and time.monotonic() > deadline:
                break
            for app in self.cfg["cold_apps"]:
                server = self.servers.start(app)
                context = self.browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                start = time.monotonic()
                rec = out.setdefault(app, {"healthy_s": [], "drawn_s": [], "process_drawn_s": []})
                try:
                    page.goto(f"{server.url}/?year={DEFAULT_YEAR}")
                    wait_shown(page, app, DEFAULT_YEAR, self._events(app, DEFAULT_YEAR), None, 60)
                except Exception as exc:  # recorded; the other apps still run
                    errors.setdefault(app, f"{type(exc).__name__}: {str(exc)[:120]}")
                    continue
                finally:
                    drawn = time.monotonic() - start
                    context.close()
                    self.servers.stop(server)
                rec["healthy_s"].append(server.healthy_s)
                rec["drawn_s"].append(drawn)
                rec["process_drawn_s"].append(server.healthy_s + drawn)
        return {app: {**{k: stats(v) for k, v in rec.items()},
                      **({"error": errors[app]} if app in errors else {})}
                for app, rec in out.items()}  # fmt: skip

    def year_change(self, servers: dict) -> dict:
        """Curated data: interleave one step per app, FIRST → FIRST + steps."""
        deadline = time.monotonic() + self.cfg["budget_s"]["year"]
        pages = {app: self.open(s, FIRST) for app, s in servers.items()}
        steps: dict[str, list[dict]] = {app: [] for app in servers}
        for i in range(1, self.cfg["steps"] + 1):
            if time.monotonic() > deadline:
                break
            for app, (_, page, wire) in pages.items():
                if steps[app] and "error" in steps[app][-1]:
                    continue
                steps[app].append(self.step(app, page, wire, FIRST + i, None))
        for context, _, _ in pages.values():
            context.close()
        return {app: summarise(s) for app, s in steps.items()}

    def overlay_file(self, rows: int) -> tuple[Path, dict[int, int]]:
        """A synthetic ACLED-style CSV spread over the slider's years, and its yearly counts."""
        data = make_csv(rows, notes=1, years=(FIRST, LAST))
        path = self.tmp / f"acled_{rows}.csv"
        path.write_bytes(data)
        years = Counter(int(r["year"]) for r in csv.DictReader(io.StringIO(data.decode())))
        return path, {y: years.get(y, 0) for y in range(FIRST, LAST + 1)}

    def upload(self, app: str, page, wire, path: Path, expect: int) -> float:
        """Upload the overlay through the file input; seconds until the map shows it."""
        mark = wire.mark()
        start = time.monotonic()
        if app == "atlas":
            page.get_by_text("Your overlays").click()
        page.locator("input[type=file]").set_input_files(str(path))
        wait_shown(page, app, FIRST, self._events(app, FIRST), expect, 300)
        took = time.monotonic() - start
        wait_quiet(page, wire, mark, quiet=self._quiet(app, expect), timeout=300)
        return took

    def overlays(self, servers: dict) -> dict:
        """Year changes with 1k/10k/100k uploaded events: Atlas and naive interleaved."""
        out = {}
        sizes = self.cfg["overlay_sizes"]
        start = time.monotonic()
        for k, rows in enumerate(sizes):
            # an equal share of what is left of the budget for each remaining size
            left = self.cfg["budget_s"]["overlays"] - (time.monotonic() - start)
            deadline = time.monotonic() + left / (len(sizes) - k)
            path, per_year = self.overlay_file(rows)
            naive_steps = self.cfg["naive_overlay_steps"].get(rows, self.cfg["steps"])
            pages, uploads, rss = {}, {}, {}
            for app in ("atlas", "naive"):
                pages[app] = self.open(servers[app], FIRST, None)
                _, page, wire = pages[app]
                before = rss_mb(servers[app].proc.pid)
                uploads[app] = self.upload(app, page, wire, path, per_year[FIRST])
                rss[app] = {"before_mb": before, "after_mb": rss_mb(servers[app].proc.pid)}
            steps: dict[str, list[dict]] = {"atlas": [], "naive": []}
            for i in range(1, self.cfg["overlay_steps"] + 1):
                year = FIRST + i
                # The budget stops the naive app's slow steps (seconds each at 100k); the
                # Atlas always takes every step, so its median rests on a useful n.
                late = i > 1 and time.monotonic() > deadline
                for app, (_, page, wire) in pages.items():
                    if app == "naive" and (i > naive_steps or late):
                        continue
                    if steps[app] and "error" in steps[app][-1]:
                        continue
                    steps[app].append(self.step(app, page, wire, year, per_year[year]))
            for context, _, _ in pages.values():
                context.close()
            out[str(rows)] = {
                "events_per_year": stats(list(per_year.values())),
                "file_mb": path.stat().st_size / 2**20,
                **{
                    app: {**summarise(s), "upload_to_map_s": uploads[app], "server_rss": rss[app]}
                    for app, s in steps.items()
                },
            }
            path.unlink()
        return out

    def memory(self, after_close) -> dict:
        """Server RSS idle, after one warm session, then per extra open session; release."""
        server = self.servers.start("atlas")
        time.sleep(1.0)
        idle = rss_mb(server.proc.pid)
        contexts = [self.open(server, DEFAULT_YEAR)[0]]
        time.sleep(0.5)
        warm = rss_mb(server.proc.pid)
        points = []
        for n in self.cfg["sessions"]:
            while len(contexts) - 1 < n:
                contexts.append(self.open(server, DEFAULT_YEAR)[0])
            time.sleep(0.5)
            rss = rss_mb(server.proc.pid)
            points.append({"sessions": n, "rss_mb": rss, "per_session_mb": (rss - warm) / n})
        peak = points[-1]["rss_mb"]
        for context in contexts:
            context.close()
        closed = time.monotonic()
        extra = after_close()  # exports and loaders run while the sessions expire
        release: dict = {"waited_s": 0.0, "rss_mb": None}
        wait = self.cfg["release_wait_s"]
        if wait:
            while time.monotonic() - closed < wait:
                time.sleep(min(2.0, max(0.0, wait - (time.monotonic() - closed))))
            release = {"waited_s": time.monotonic() - closed, "rss_mb": rss_mb(server.proc.pid)}
            grown = peak - warm
            release["released_mb"] = peak - release["rss_mb"]
            release["released_fraction"] = (peak - release["rss_mb"]) / grown if grown > 0 else None
        self.servers.stop(server)
        return {
            "idle_rss_mb": idle, "warm_rss_mb": warm, "sessions": points, "release": release,
        }, extra  # fmt: skip

    def exports_and_loaders(self) -> dict:
        repeats, cold = self.cfg["export_repeats"], self.cfg["export_cold"]
        out: dict = {"exports": {}, "loader": {}}
        for what in self.cfg["export_jobs"]:
            out["exports"][what] = {
                "warm": summarise_export(exports.warm(what, repeats)),
                "cold": summarise_export(exports.cold(what)) if cold else {"status": "skipped"},
            }
        for kind in ("csv", "geojson", "xlsx"):
            for rows in self.cfg["loader_rows"]:
                out["loader"][f"{kind}:{rows}"] = exports.loader(kind, rows)
        if self.cfg.get("deck", True):
            from bench.deck import deck_timings

            out["deck"] = deck_timings(5)  # 5 saved views: store, slides, PPTX, PDF, GIF
        return out


def summarise(steps: list[dict]) -> dict:
    ok = [s for s in steps if "latency_s" in s]
    script = [t for s in ok for t in s["script_s"]]
    return {
        "steps": len(ok),
        "errors": [s["error"] for s in steps if "error" in s],
        "not_idle": sum(not s["idle"] for s in ok),
        "latency_s": stats([s["latency_s"] for s in ok]),
        "page_latency_s": stats([s["page_latency_s"] for s in ok]),
        "script_s": stats(script),
        "runs_per_change": stats([s["runs"] for s in ok]),
        "busy_s": stats([s["busy_s"] for s in ok]),
        "ws_kb": stats([s["ws_bytes"] / 1024 for s in ok]),
        "http_kb": stats([s["http_bytes"] / 1024 for s in ok]),
    }


def summarise_export(result: dict) -> dict:
    if result.get("status") != "ok":
        return {"status": result.get("status", "error")}
    return {"status": "ok", "seconds": stats(result["times_s"]), "bytes": result["bytes"]}


def run(cfg: dict, result: dict) -> dict:
    from playwright.sync_api import sync_playwright

    from render.assets import vendor_assets

    vendor_assets(ROOT / "bench" / "static")  # the naive app serves the same Leaflet copy
    started = time.monotonic()
    result.update({"mode": "smoke" if cfg.get("smoke") else "full", "config": cfg})
    result["load_avg_start"] = load_avg()
    result["phase_s"] = phases = {}
    servers = Servers()
    exe = shutil.which("chromium")
    if not exe:
        sys.exit("Debian's chromium is required: apt-get install chromium")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=BENCH_CHROMIUM_ARGS)
            bench = Bench(browser, servers, cfg)
            try:
                only = cfg.get("only") or PHASES
                if "cold" in only:
                    with _phase("cold start", started, phases):
                        result["cold_start"] = bench.cold_start()
                if {"year", "overlays"} & set(only):
                    apps = {app: servers.start(app) for app in ("floor", "atlas", "naive")}
                if "year" in only:
                    with _phase("year change (curated)", started, phases):
                        result["year_change"] = bench.year_change(apps)
                if "overlays" in only:
                    with _phase("year change with overlays", started, phases):
                        result["overlays"] = bench.overlays(apps)
                servers.stop_all()
                if "memory" in only:
                    with _phase("memory (exports and loaders run while sessions expire)",
                                started, phases):  # fmt: skip
                        result["memory"], extra = bench.memory(bench.exports_and_loaders)
                        result.update(extra)
            finally:
                browser.close()
                shutil.rmtree(bench.tmp, ignore_errors=True)
    finally:
        servers.stop_all()
    result["load_avg_end"] = load_avg()
    result["wall_s"] = time.monotonic() - started
    result["targets"] = targets(result)
    return result


@contextmanager
def _phase(name: str, started: float, phases: dict) -> Iterator[None]:
    print(f"[{time.monotonic() - started:6.1f} s] {name}…", flush=True)
    start = time.monotonic()
    yield
    phases[name] = time.monotonic() - start


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # unwinds through the finally blocks that stop the servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a handful of steps, < 60 s")
    parser.add_argument("--out", type=Path, default=OUT, help=f"JSON output (default {OUT})")
    parser.add_argument("--only", nargs="+", choices=PHASES, help="run only these phases")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    cfg = {**(SMOKE if args.smoke else FULL), "smoke": args.smoke, "only": args.only}
    result: dict = {}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    try:
        run(cfg, result)
    except BaseException as exc:  # keep what was measured, for diagnosis
        result["error"] = f"{type(exc).__name__}: {exc}"
        args.out.write_text(json.dumps(result, indent=1, default=str))
        raise
    args.out.write_text(json.dumps(result, indent=1, default=str))
    print_report(result)
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
