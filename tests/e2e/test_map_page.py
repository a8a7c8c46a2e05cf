"""The map page in headless Chromium, offline: layers, slider, zoom, selection, URL."""

import re

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from geo.io import read_dataset
from geo.timeline import events_in_year
from tests.e2e.conftest import (
    MAP_FRAME,
    YEAR_SLIDER,
    guarded_page,
    map_frame,
    route_pieces,
    settled,
    shot,
    wait_idle,
    wait_map_year,
    wait_page_year,
    wait_year,
)

pytestmark = pytest.mark.e2e
DS = read_dataset()


def located(year: int) -> int:
    shown = events_in_year(DS.events, year)
    return int(shown.geometry.notna().sum())


def leaflet(pg):
    """The component iframe as a Frame, to ask Leaflet for its state."""
    return pg.locator(MAP_FRAME).element_handle().content_frame()


def open_year(pg, app_url: str, year: int, extra: str = "") -> None:
    pg.goto(f"{app_url}/?year={year}{extra}")
    wait_map_year(pg, year)
    wait_idle(pg)


def test_known_year_draws_routes_places_and_events_offline(page, app_url: str) -> None:
    open_year(page, app_url, 2011)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    assert frame.locator(".atlas-event").count() == located(2011)
    assert frame.locator(".atlas-place").count() == len(DS.places)
    assert frame.locator("path.atlas-route").count() == route_pieces(DS)
    assert frame.locator("path.atlas-status-closed").count() == route_pieces(DS)
    stamp = frame.locator(".atlas-stamp").inner_text()
    assert "NATO–Pakistan Atlas · 2011 · events in year" in stamp
    assert frame.locator(".atlas-legend").is_visible()
    assert frame.locator(".leaflet-control-scale").is_visible()
    assert frame.locator(".leaflet-control-layers").count() == 1
    assert frame.locator(".atlas-fullscreen").is_visible()
    assert (
        "both corridors closed from 26 Nov 2011" in page.get_by_role("heading").first.inner_text()
    )
    shot(page, "map_2011")
    assert page.offsite == [], page.offsite
    assert page.errors == []


def test_keyboard_on_slider_moves_map_timeline_list_and_url_together(page, app_url) -> None:
    open_year(page, app_url, 2011)
    list_before = page.get_by_role("radiogroup", name="Events").inner_text()
    slider = page.locator(YEAR_SLIDER)
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_year(page, 2012)
    frame = map_frame(page)
    # The map swaps its layers and the page redraws a moment after the heading changes:
    # retrying assertions, not one look each.
    expect(frame.locator(".atlas-event")).to_have_count(located(2012), timeout=30000)
    expect(page).to_have_url(re.compile(r"[?&]year=2012\b"), timeout=30000)
    caption = page.get_by_test_id("stCaptionContainer").last
    expect(caption).to_contain_text("2012 highlighted", use_inner_text=True, timeout=30000)
    events = page.get_by_role("radiogroup", name="Events")
    expect(events).not_to_have_text(list_before, use_inner_text=True, timeout=30000)
    expect(page.get_by_role("heading").first).to_contain_text("2012:", timeout=30000)
    page.keyboard.press("Home")
    wait_year(page, 1994)
    expect(page).to_have_url(re.compile(r"[?&]year=1994\b"), timeout=30000)
    shot(page, "map_keyboard_1994")
    assert page.offsite == []


def test_zoom_and_centre_survive_a_year_change(page, app_url: str) -> None:
    open_year(page, app_url, 2008)
    frame = leaflet(page)
    frame.evaluate("() => window.map.setView([34.05, 71.2], 9, {animate: false})")
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('view') === '34.0500,71.2000,9'"
    )
    page.locator(YEAR_SLIDER).focus()
    page.keyboard.press("ArrowRight")
    wait_year(page, 2009)
    frame = leaflet(page)
    zoom, lat, lon = settled(
        page,
        lambda: frame.evaluate(
            "() => [window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]"
        ),
        lambda v: v[0] == 9 and abs(v[1] - 34.05) < 0.01 and abs(v[2] - 71.2) < 0.01,
    )
    assert zoom == 9
    assert abs(lat - 34.05) < 0.01 and abs(lon - 71.2) < 0.01
    shot(page, "map_khyber_zoom_kept_2009")


def test_shared_url_reopens_year_mode_extent_and_selection(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2008&mode=everything+up+to+year&view=34.0000,71.3000,8"
              "&event=ev_2008_12_07_portward")  # fmt: skip
    wait_map_year(page, 2008)
    wait_idle(page)
    zoom = leaflet(page).evaluate("() => window.map.getZoom()")
    assert zoom == 8
    frame = map_frame(page)
    assert frame.locator(".atlas-event").count() == int(
        DS.events[DS.events["start"].dt.year <= 2008].geometry.notna().sum()
    )
    assert frame.locator(".atlas-selected").count() == 1
    assert "everything up to year" in frame.locator(".atlas-stamp").inner_text()
    # The URL named the mode the old way: the sidebar shows the mode by today's name.
    chosen = page.locator(".st-key-mode button[aria-checked='true']")
    assert chosen.inner_text() == "everything up to its end"
    assert page.get_by_text("Port World Logistics", exact=False).first.is_visible()


def test_clicking_a_marker_selects_the_event_in_the_list(page, app_url: str) -> None:
    open_year(page, app_url, 2007)
    click_first_marker_and_see_it_selected(page)
    shot(page, "map_marker_selected_2007")


def click_first_marker_and_see_it_selected(page) -> None:
    """Click the map's first event marker: the URL, the list and the map all select it."""
    frame = map_frame(page)
    marker = frame.locator(".atlas-event").first
    title = marker.get_attribute("title")
    marker.click()
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('event') !== null", timeout=30000
    )
    wait_idle(page)
    checked = page.get_by_role("radiogroup", name="Events").locator("label:has(input:checked)")
    expect(checked).to_contain_text(title, use_inner_text=True, timeout=30000)
    # The map marks the selection when the rerun's arguments reach the iframe, which can
    # be a frame after the script run ends: wait for it rather than count at once.
    expect(frame.locator(".atlas-selected")).to_have_count(1, timeout=30000)


def test_quiet_year_says_so_and_still_shows_routes(page, app_url: str) -> None:
    open_year(page, app_url, 1999)
    assert page.get_by_text("No recorded events in 1999").is_visible()
    frame = map_frame(page)
    assert frame.locator(".atlas-event").count() == 0
    assert frame.locator("path.atlas-route").count() == route_pieces(DS)
    shot(page, "map_quiet_1999")


def test_panning_and_zooming_do_not_rerun_the_app(page, app_url: str) -> None:
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    open_year(page, app_url, 2011)
    page.wait_for_timeout(1500)  # let the first mount settle its own messages
    before = len(sent)
    frame = leaflet(page)
    frame.evaluate("() => window.map.setView([34.1, 71.1], 8, {animate: false})")
    frame.evaluate("() => window.map.panBy([120, 80], {animate: false})")
    frame.evaluate("() => window.map.setZoom(9, {animate: false})")
    page.wait_for_timeout(1500)
    assert len(sent) == before  # no rerun request went to the server
    assert "view=" in page.url  # yet the shareable URL follows the map


def test_choosing_an_event_in_the_list_centres_the_map_and_shows_its_card(
    page, app_url: str
) -> None:
    open_year(page, app_url, 2008)
    frame = leaflet(page)
    frame.evaluate("() => window.map.setView([25.0, 67.0], 7, {animate: false})")
    event = DS.events.set_index("id").loc["ev_2008_12_07_portward"]
    page.get_by_role("radiogroup", name="Events").get_by_text(event["title"]).click()
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('event') === 'ev_2008_12_07_portward'"
    )
    wait_idle(page)
    # The map centres when the rerun's arguments reach the iframe, after the run ends.
    frame = leaflet(page)
    lat, lon = settled(
        page,
        lambda: frame.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]"),
        lambda c: abs(c[0] - event.geometry.y) < 0.05 and abs(c[1] - event.geometry.x) < 0.05,
    )
    assert abs(lat - event.geometry.y) < 0.05 and abs(lon - event.geometry.x) < 0.05
    expect(map_frame(page).locator(".atlas-selected")).to_have_count(1, timeout=30000)
    expect(page.get_by_text("Sources").first).to_be_visible(timeout=30000)
    shot(page, "map_list_selection_centres_2008")


def test_opening_the_map_runs_the_page_once_and_a_marker_click_still_selects(
    page, app_url: str
) -> None:
    # The map's frame reported its first, empty click state as new (st_folium's default
    # differs from it), so every page load ran the map's part of the page a second time.
    runs: list[str] = []

    def watch(ws) -> None:
        def sent(payload) -> None:
            if isinstance(payload, bytes):
                back = BackMsg()
                back.ParseFromString(payload)
                if back.WhichOneof("type") == "rerun_script":
                    runs.append(back.rerun_script.fragment_id or "page")

        ws.on("framesent", sent)

    page.on("websocket", watch)
    open_year(page, app_url, 2009)
    map_frame(page).locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    page.wait_for_timeout(1500)  # room for a late report from the frame (not a timing)
    wait_idle(page)
    assert runs == ["page"]
    click_first_marker_and_see_it_selected(page)
    assert len(runs) >= 2  # the click did reach the server


def test_map_follows_the_slider_before_the_server_answers(browser, app_url: str) -> None:
    # Hold back every rerun request the page sends after loading: the server never hears
    # of the year change, so whatever the map shows it did by itself.
    context, pg, offsite = guarded_page(browser, app_url)
    hold = {"on": False}

    def relay(ws) -> None:
        server = ws.connect_to_server()

        def up(message) -> None:
            if hold["on"] and isinstance(message, bytes):
                back = BackMsg()
                back.ParseFromString(message)
                if back.WhichOneof("type") == "rerun_script":
                    return
            server.send(message)

        ws.on_message(up)
        server.on_message(ws.send)

    pg.route_web_socket(re.compile(r"/_stcore/stream"), relay)
    frame = map_frame(pg)
    for _ in range(20):  # a fresh server builds every year in the background first
        open_year(pg, app_url, 2010)
        if frame.locator(".leaflet-container[data-atlas-years='22']").count():
            break
    hold["on"] = True
    pg.locator(YEAR_SLIDER).focus()
    pg.keyboard.press("ArrowRight")
    wait_map_year(pg, 2011)
    expect(frame.locator(".atlas-event")).to_have_count(located(2011), timeout=30000)
    expect(frame.locator(".atlas-stamp")).to_contain_text("· 2011 ·", timeout=30000)
    closed = frame.locator("path.atlas-status-closed")  # 26 Nov 2011
    expect(closed).to_have_count(route_pieces(DS), timeout=30000)
    assert pg.get_by_role("heading").first.inner_text().startswith("2010:")  # no rerun came
    pg.keyboard.press("ArrowLeft")
    wait_map_year(pg, 2010)
    expect(frame.locator(".atlas-event")).to_have_count(located(2010), timeout=30000)
    assert offsite == [] and pg.errors == []
    context.close()


def test_clicking_a_timeline_event_in_another_year_moves_slider_map_and_page(page, app_url):
    # The timeline is inside the Map page's fragment; a pick in another year must still
    # move the sidebar's slider (the map follows the slider).
    open_year(page, app_url, 2011)
    chart = page.get_by_test_id("stVegaLiteChart").last
    chart.scroll_into_view_if_needed()
    chart.locator("svg.marks path[aria-label*='US begins using Shamsi airfield']").click()
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('event') === 'ev_2001_shamsi_us'",
        timeout=30000,
    )
    wait_year(page, 2001)
    expect(page).to_have_url(re.compile(r"[?&]year=2001\b"), timeout=30000)
    expect(page.locator(YEAR_SLIDER)).to_have_value("2001", timeout=30000)
    frame = map_frame(page)
    selected = frame.locator(".atlas-event.atlas-selected")
    expect(selected).to_have_count(1, timeout=30000)
    expect(selected).to_have_attribute("title", re.compile("Shamsi"), timeout=30000)
    expect(page.get_by_role("heading").first).to_have_text(re.compile(r"^2001:"), timeout=30000)
    shot(page, "map_timeline_pick_2001")
    assert page.offsite == [] and page.errors == []


def test_a_year_step_keeps_the_map_and_a_marker_of_the_new_year_selects(page, app_url) -> None:
    # The map switches year by itself; the server's rerun then names the same layers, so
    # streamlit-folium must neither tear the layers down nor build them again, and a click
    # on a marker the map drew for the new year must still reach the server.
    open_year(page, app_url, 2006)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.evaluate("() => window.feature_group.forEach((g, i) => { g.__kept = i; })")
    page.locator(YEAR_SLIDER).focus()
    page.keyboard.press("ArrowRight")
    wait_map_year(page, 2007)
    wait_page_year(page, 2007)
    wait_idle(page)
    assert frame.evaluate("() => window.feature_group.every((g, i) => g.__kept === i)")
    assert frame.evaluate("() => document.querySelectorAll('.leaflet-control-layers').length") == 1
    expect(map_frame(page).locator(".atlas-event")).to_have_count(located(2007), timeout=30000)
    click_first_marker_and_see_it_selected(page)
