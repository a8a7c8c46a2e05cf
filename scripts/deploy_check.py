"""Drive sessions through the nginx proxy of the deploy demo and say which replica served each.

Each session gets its own sticky cookie, loads the page over HTTP, opens the websocket with a
browser-like Origin, and moves the year twice. Optionally one headless-Chromium page loads the
map through the proxy too. Exits 1 on any error, or if fewer replicas served than expected.
Used by scripts/deploy_demo.sh; loopback only, every loop bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import shutil
import sys
import time
import urllib.request
from urllib.parse import urlsplit

from load_uploads import CHROMIUM_ARGS
from streamlit_ws import Session

UPSTREAM_HEADER = "X-Atlas-Upstream"


def _get_page(base: str, key: str) -> str:
    req = urllib.request.Request(base + "/", headers={"Cookie": f"atlas_sticky={key}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()
        return resp.headers.get(UPSTREAM_HEADER, "?")


async def _session(base: str, i: int, results: list[dict]) -> None:
    key = secrets.token_hex(8)
    row: dict = {"session": i, "errors": []}
    try:
        row["page_upstream"] = await asyncio.to_thread(_get_page, base, key)
        url = base.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": f"atlas_sticky={key}", "Origin": base}
        s = await Session.open(url, headers=headers)
        try:
            row["ws_upstream"] = s.ws.response.headers.get(UPSTREAM_HEADER, "?")
            trips = [await s.first_run()]
            if "Year" not in s.drawn:
                row["errors"].append("no Year slider")
            else:
                for year in (2005, 2012):
                    trips.append(await s.set("Year", year))
            row["rerun_s"] = [round(t.to_last_delta_s, 2) for t in trips]
            row["errors"] += [f"not a real round trip: {t}" for t in trips if not t.real]
        finally:
            await s.close()
    except Exception as exc:  # reported per session
        row["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
    results.append(row)


async def _drive(base: str, n: int) -> list[dict]:
    results: list[dict] = []
    await asyncio.wait_for(asyncio.gather(*(_session(base, i, results) for i in range(n))), 300)
    return sorted(results, key=lambda r: r["session"])


def browser_check(base: str) -> dict:
    """Load the map through the proxy in headless Chromium; all off-host requests aborted."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        return {"skipped": "no chromium"}
    own = urlsplit(base).netloc
    out: dict = {"errors": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context()
            ctx.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc in
                      (own, "") else r.abort())  # fmt: skip
            pg = ctx.new_page()
            pg.on("pageerror", lambda e: out["errors"].append(str(e)))
            t0 = time.perf_counter()
            pg.goto(f"{base}/?year=2012", timeout=120_000)
            frame = pg.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for(
                timeout=120_000
            )
            out["map_drawn_s"] = round(time.perf_counter() - t0, 1)
            out["year_shown"] = frame.locator(".leaflet-container").get_attribute("data-atlas-year")
        except Exception as exc:  # reported
            out["errors"].append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the proxy, e.g. http://127.0.0.1:8600")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--expect-upstreams", type=int, default=1)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args(argv)
    if urlsplit(args.base).hostname not in ("127.0.0.1", "localhost") or args.sessions > 50:
        parser.error("loopback only, at most 50 sessions")
    rows = asyncio.run(_drive(args.base, args.sessions))
    for r in rows:
        print(f"  session {r['session']:>2}: page via {r.get('page_upstream', '-'):<16} "
              f"websocket via {r.get('ws_upstream', '-'):<16} reruns {r.get('rerun_s')} "
              f"errors {r['errors'] or 0}")  # fmt: skip
    upstreams = {r.get("ws_upstream") for r in rows if not r["errors"]}
    errors = sum(len(r["errors"]) for r in rows)
    ok = errors == 0 and len(upstreams) >= args.expect_upstreams
    print(f"  {len(rows)} sessions, {errors} errors, replicas used: {sorted(upstreams)}")
    if args.browser:
        b = browser_check(args.base)
        print(f"  browser through the proxy: {b}")
        ok &= not b.get("errors") and b.get("year_shown") == "2012"
    print(f"  {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
