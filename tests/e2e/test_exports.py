"""Exports in headless Chromium: the offline HTML map, briefing mode, and every download."""

import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from components.export_panel import html_file
from geo.io import read_dataset
from geo.scene import OverlayInput
from geo.timeline import events_in_year
from tests.conftest import event, scene_of, write_dataset
from tests.e2e.conftest import map_frame, shot, wait_idle, wait_map_year

pytestmark = pytest.mark.e2e
HOSTILE = (
    '<img src=x onerror="window.__pwned=1">${window.__pwned=2}`'
    "</script><script>window.__pwned=3</script>"
)


def hostile_export(tmp_path: Path) -> tuple[Path, int]:
    """Write a tiny dataset whose 2011 event and overlay carry a hostile string; export it."""
    data = write_dataset(
        tmp_path / "data",
        events=[
            event("ev_a", "2011-11-26", title=HOSTILE, summary=HOSTILE),
            event("ev_b", "2011-12-11", category="logistics", place_id="shamsi_airfield",
                  geometry={"type": "Point", "coordinates": [65.16667, 27.85]}),
            event("ev_c", "2011", "year", category="context", place_id=None, geometry=None),
        ],
    )  # fmt: skip
    ds = read_dataset(data)
    rows = pd.DataFrame({"lat": [33.0], "lon": [70.0], "year": [2011], "date": ["2011-05-01"],
                         "label": [HOSTILE], "category": [HOSTILE],
                         "notes": [HOSTILE]})  # fmt: skip
    scene = scene_of(ds, 2011, title=HOSTILE,
                     overlay_inputs=[OverlayInput("ov1", HOSTILE, "#332288", rows)])  # fmt: skip
    out = tmp_path / "atlas.html"
    out.write_bytes(html_file(scene))
    located = int(events_in_year(ds.events, 2011).geometry.notna().sum())
    return out, located


def test_html_export_works_offline_and_hostile_text_runs_nothing(browser, tmp_path) -> None:
    path, located = hostile_export(tmp_path)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(path.as_uri())
    pg.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for(timeout=15000)
    assert located == 2
    expect(pg.locator(".atlas-event")).to_have_count(located, timeout=30000)
    expect(pg.locator("path.atlas-route")).to_have_count(2, timeout=30000)
    assert pg.locator(".atlas-legend").is_visible()
    marker = pg.locator(".atlas-event").first
    marker.hover()
    pg.locator(".leaflet-tooltip").first.wait_for()
    assert "<img src=x" in pg.locator(".leaflet-tooltip").first.inner_text()
    marker.click()
    pg.locator(".leaflet-popup-content").wait_for()
    assert "window.__pwned=3" in pg.locator(".leaflet-popup-content").inner_text()
    assert HOSTILE in pg.locator(".atlas-stamp-title").inner_text()
    assert HOSTILE in pg.title()
    shot(pg, "export_html_offline_hostile")
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.locator("img[src='x']").count() == 0
    assert blocked == [], blocked
    assert errors == [], errors
    context.close()


def test_briefing_mode_hides_chrome_and_shows_the_legend(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011&briefing=true")
    wait_map_year(page, 2011)
    wait_idle(page)
    assert page.locator("header[data-testid='stHeader']").is_hidden()
    assert page.locator("[data-testid='stToolbar']").is_hidden()
    assert page.locator("section[data-testid='stSidebar']").is_hidden()
    frame = map_frame(page)
    assert frame.locator(".atlas-legend").is_visible()
    assert frame.locator(".atlas-stamp").is_visible()
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["width"] > 1500 and box["height"] > 850  # the map fills the 1600 px window
    shot(page, "briefing_mode_2011")
    page.get_by_role("button", name="Exit briefing mode").click()
    page.locator("section[data-testid='stSidebar']").wait_for(state="visible")
    wait_idle(page)
    expect(page).not_to_have_url(re.compile("briefing=true"), timeout=30000)
    assert page.offsite == []


def _download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def _prepare(page) -> None:
    page.get_by_role("button", name="Prepare files").click()
    wait_idle(page)
    page.get_by_role("button", name="GeoJSON").wait_for(timeout=60000)


MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "PDF": b"%PDF-", "SVG": b"<?xml"}


def test_every_export_downloads_from_the_ui(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011")
    wait_map_year(page, 2011)
    wait_idle(page)
    page.get_by_text("Export this view").click()
    page.get_by_label("Classification or caveat banner").fill("UNCLASSIFIED")
    page.keyboard.press("Enter")
    wait_idle(page)
    for fmt in ("PNG", "PDF", "SVG"):
        if fmt != "PNG":
            page.get_by_role("radio", name=fmt, exact=True).click()
            wait_idle(page)
        _prepare(page)
        if fmt == "PNG":
            shot(page, "export_panel_prepared")
        data = _download(page, f"Sheet {fmt}")
        assert data.startswith(MAGIC[fmt]) and len(data) > 50_000, (fmt, len(data))
    html = _download(page, "HTML map")
    assert html.startswith(b"<!DOCTYPE html>") and b"<script src=" not in html
    geojson = _download(page, "GeoJSON")
    assert geojson.startswith(b'{\n "type": "FeatureCollection"')
    csv = _download(page, "CSV")
    assert csv.startswith(b"\xef\xbb\xbflayer,id,name")
    assert page.get_by_test_id("stException").count() == 0
    assert page.offsite == []


def test_briefing_fills_a_1080p_window_with_karachi_and_kabul_in_frame(browser, app_url) -> None:
    from tests.e2e.conftest import guarded_page

    context, pg, offsite = guarded_page(browser, app_url, width=1920, height=1080)
    pg.goto(f"{app_url}/?year=2011&briefing=true")
    wait_map_year(pg, 2011)
    wait_idle(pg)
    frame = map_frame(pg)
    frame.locator(".leaflet-container.atlas-briefing").wait_for(timeout=30000)
    box = pg.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["width"] >= 1900 and box["height"] >= 1060, box
    inside = frame.locator(".leaflet-container").bounding_box()
    assert inside["height"] >= 1060, inside  # the map itself fills it: no white band below

    def in_frame(selector: str) -> bool:
        marker = frame.locator(selector).first.bounding_box()
        return (marker is not None and 0 <= marker["x"] <= inside["width"]
                and 0 <= marker["y"] <= inside["height"])  # fmt: skip

    assert in_frame(".atlas-place[title*='Karachi']")
    assert in_frame(".atlas-place[title*='Kabul']")  # ISAF HQ / JIOC
    # Only the map: no mouse-position box, no zoom or layer buttons in the picture.
    assert frame.locator(".atlas-mouse").is_hidden()
    assert frame.locator(".leaflet-control-zoom").is_hidden()
    assert frame.locator(".leaflet-control-layers").is_hidden()
    assert (
        frame.locator(".atlas-stamp").is_visible() and frame.locator(".atlas-legend").is_visible()
    )
    exit_button = pg.get_by_role("button", name="Exit briefing mode")
    pg.mouse.move(10, 1070)  # the pointer away from the exit button: it fades out
    pg.wait_for_function(
        """() => { const b = document.querySelector('.st-key-briefing_exit');
                   return b && getComputedStyle(b).opacity === '0'; }""",
        timeout=10000,
    )
    shot(pg, "briefing_1920x1080")
    exit_button.hover()
    pg.wait_for_function(
        """() => getComputedStyle(document.querySelector('.st-key-briefing_exit'))
                   .opacity === '1'""",
        timeout=10000,
    )
    assert offsite == []
    context.close()
