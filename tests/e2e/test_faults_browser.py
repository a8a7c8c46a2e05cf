"""Faults in headless Chromium: broken data at start-up, tiles unreachable, server restart."""

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from geo.io import read_dataset
from geo.timeline import events_in_year
from render.folium_map import TILES_NOTICE
from tests.e2e.conftest import (
    MAP_FRAME,
    free_port,
    guarded_page,
    map_frame,
    route_pieces,
    settled,
    shot,
    start_app,
    stop_app,
    wait_idle,
    wait_map_year,
)
from tests.test_faults import broken_data_dir

pytestmark = pytest.mark.e2e
DS = read_dataset()
RECONNECT_S = 60


def test_missing_data_file_shows_a_clear_page_without_traceback(browser, tmp_path: Path) -> None:
    folder = broken_data_dir(tmp_path, "routes.geojson", "missing")
    port = free_port()
    proc = start_app(port, env={"ATLAS_DATA_DIR": str(folder)})
    base = f"http://127.0.0.1:{port}"
    context, pg, offsite = guarded_page(browser, base, width=1400, height=900)
    try:
        pg.goto(base)
        alert = pg.locator("[data-testid='stAlertContentError']")
        alert.wait_for(timeout=30000)
        wait_idle(pg)
        assert "routes.geojson" in alert.inner_text() and "missing" in alert.inner_text()
        body = pg.locator("body").inner_text()
        assert "Traceback" not in body and str(tmp_path) not in body
        assert pg.locator("[data-testid='stException']").count() == 0
        assert pg.locator(MAP_FRAME).count() == 0
        shot(pg, "fault_missing_routes")
        assert offsite == []
    finally:
        context.close()
        stop_app(proc)


def test_unreachable_tiles_keep_the_bundled_basemap_and_say_so(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011")
    wait_map_year(page, 2011)
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for(timeout=30000)
    control = frame.locator(".leaflet-control-layers")
    control.hover()
    frame.get_by_text("OpenStreetMap (online)", exact=True).click()
    notice = frame.locator(".atlas-notice")
    notice.wait_for(state="visible", timeout=30000)
    expect(notice).to_have_text(TILES_NOTICE, use_inner_text=True, timeout=30000)
    assert any("tile.openstreetmap.org" in url for url in page.offsite)
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-basemap") == "drawn"
    assert frame.locator(".leaflet-atlas-basemap-pane path").count() > 10
    # Switching the base layer may rerun the page, which hands the map its layers again.
    expect(frame.locator("path.atlas-route")).to_have_count(route_pieces(DS), timeout=30000)
    assert page.errors == []
    shot(page, "fault_tiles_unreachable")


def _selected_event_2012() -> str:
    shown = events_in_year(DS.events, 2012)
    return str(shown[shown.geometry.notna()].iloc[0]["id"])


def _view_is(pg, year: int, event: str) -> None:
    wait_map_year(pg, year)
    wait_idle(pg)
    # After a reconnect or a reload the map and the page come back a moment apart: retry.
    expect(map_frame(pg).locator(".atlas-selected")).to_have_count(1, timeout=30000)
    query = settled(
        pg,
        lambda: parse_qs(urlsplit(pg.url).query),
        lambda q: q.get("year") == [str(year)] and q.get("event") == [event],
    )
    assert query.get("year") == [str(year)] and query.get("event") == [event]
    slider = pg.locator("[data-testid='stSlider']").first
    expect(slider).to_contain_text(str(year), use_inner_text=True, timeout=30000)


def test_view_comes_back_after_the_server_restarts(browser) -> None:
    event = _selected_event_2012()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_app(port)
    context, pg, offsite = guarded_page(browser, base, width=1400, height=900)
    try:
        pg.goto(f"{base}/?year=2012&event={event}")
        _view_is(pg, 2012, event)
        stop_app(proc)
        pg.get_by_text("Connecting", exact=False).first.wait_for(timeout=30000)
        proc = start_app(port)
        # The frontend retries its websocket by itself; wait for it (bounded), then re-check.
        deadline = time.monotonic() + RECONNECT_S
        reconnected = False
        while time.monotonic() < deadline and not reconnected:
            pg.wait_for_timeout(500)
            reconnected = pg.get_by_text("Connecting", exact=False).count() == 0
        assert reconnected, "the page did not reconnect by itself"
        _view_is(pg, 2012, event)
        shot(pg, "fault_server_restarted")
        # A fresh tab on the same URL (what a reload does) shows the same view too.
        pg.reload()
        _view_is(pg, 2012, event)
        assert offsite == []
    finally:
        context.close()
        stop_app(proc)
