"""The analysis views in headless Chromium: chronology → map selection, synced compare maps,
place search, dossiers; a screenshot of each."""

import re

import pytest

from geo.io import read_dataset
from tests.e2e.conftest import MAP_FRAME, map_frame, shot, wait_idle, wait_map_year

pytestmark = pytest.mark.e2e
DS = read_dataset()
SALALA = DS.places[DS.places["id"] == "salala_checkposts"].iloc[0].geometry


def frames(pg) -> list:
    """Every map iframe on the page as a Frame, in page order."""
    return [h.content_frame() for h in pg.locator(MAP_FRAME).element_handles()]


def centre(frame) -> tuple[float, float, int]:
    return frame.evaluate(
        "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    )


def test_event_picked_on_chronology_is_selected_on_the_map(page, app_url: str) -> None:
    page.goto(f"{app_url}/chronology?year=2012")
    wait_idle(page)
    page.get_by_label("Search titles and summaries").fill("Port World")
    page.keyboard.press("Enter")
    wait_idle(page)
    radios = page.get_by_role("radiogroup", name="Matching events")
    radios.get_by_text("Port World", exact=False).first.click()
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('event') === 'ev_2008_12_07_portward'"
    )
    wait_idle(page)
    assert re.search(r"[?&]year=2008\b", page.url)
    map_frame(page).locator(".atlas-selected").wait_for(timeout=30000)
    assert page.get_by_text("Sources", exact=True).first.is_visible()
    shot(page, "chronology_portward_selected")
    page.get_by_role("link", name="Map").first.click()
    wait_map_year(page, 2008)
    wait_idle(page)
    frame = map_frame(page)
    assert frame.locator(".atlas-event.atlas-selected").count() == 1
    assert "Port World" in frame.locator(".atlas-event.atlas-selected").get_attribute("title")
    shot(page, "map_after_chronology_pick")
    assert page.offsite == [] and page.errors == []


def test_panning_one_compare_map_moves_the_other(page, app_url: str) -> None:
    page.goto(f"{app_url}/compare")
    wait_idle(page)
    for year in (2010, 2012):
        page.frame_locator(f"{MAP_FRAME} >> nth={0 if year == 2010 else 1}").locator(
            f".leaflet-container[data-atlas-year='{year}']"
        ).wait_for(timeout=30000)
    left, right = frames(page)
    before = centre(right)
    box = page.locator(MAP_FRAME).first.bounding_box()
    x, y = box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 180, y - 120, steps=12)
    page.mouse.up()
    page.wait_for_timeout(300)
    after_left, after_right = centre(left), centre(right)
    assert abs(after_right[1] - before[1]) > 0.5  # the right map moved east with the drag
    assert abs(after_left[0] - after_right[0]) < 1e-6 and abs(after_left[1] - after_right[1]) < 1e-6
    right.evaluate("() => window.map.setZoom(8, {animate: false})")
    page.wait_for_timeout(200)
    assert centre(left)[2] == 8
    assert page.get_by_text("What differs between 2010 and 2012").is_visible()
    left.evaluate("() => window.map.setView([33.2, 69.0], 7, {animate: false})")  # both corridors
    page.wait_for_timeout(300)
    assert abs(centre(right)[0] - 33.2) < 1e-6
    shot(page, "compare_2010_2012_synced")
    assert page.offsite == [] and page.errors == []


def test_place_search_flies_the_map_there_and_selects_the_place(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011")
    wait_map_year(page, 2011)
    wait_idle(page)
    box = page.get_by_role("combobox", name="Find a place or route")
    box.click()
    page.keyboard.type("Salala")
    page.keyboard.press("Enter")
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".atlas-place.atlas-selected").wait_for(timeout=30000)
    page.wait_for_function(
        f"""() => {{
            const f = document.querySelector('{MAP_FRAME}').contentWindow;
            const c = f.map.getCenter();
            return Math.abs(c.lat - {SALALA.y}) < 0.05 && Math.abs(c.lng - {SALALA.x}) < 0.05;
        }}""",
        timeout=30000,
    )
    assert centre(frames(page)[0])[2] >= 9
    assert "Found place: Salala" in page.get_by_text("Found place:").inner_text()
    shot(page, "map_search_salala")
    assert page.offsite == []


def test_dossier_for_the_n5_shows_its_lengths_and_corridor_strip(page, app_url: str) -> None:
    page.goto(f"{app_url}/dossiers?dossier=route:route_torkham_n5")
    wait_idle(page)
    page.get_by_text("1,783 km", exact=True).wait_for(timeout=30000)  # the metric, not the line
    page.get_by_text("Incidents within 10 km").wait_for(timeout=30000)
    map_frame(page).locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    shot(page, "dossier_n5")
    page.goto(f"{app_url}/dossiers?dossier=place:torkham_crossing")
    wait_idle(page)
    page.get_by_text("Distance to the Afghanistan–Pakistan border").wait_for(timeout=30000)
    map_frame(page).locator(".atlas-place.atlas-selected").wait_for(timeout=30000)
    map_frame(page).locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    shot(page, "dossier_torkham")
    assert page.offsite == [] and page.errors == []


def test_play_steps_to_the_last_year_without_remounting_the_map(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2013")
    wait_map_year(page, 2013)
    wait_idle(page)
    frames(page)[0].evaluate("() => { window.__sameMap = true; }")
    page.get_by_test_id("stSidebar").get_by_text("Fast", exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name="▶ Play").click()
    wait_map_year(page, 2014)
    wait_map_year(page, 2015)
    page.get_by_role("button", name="▶ Play").wait_for(timeout=30000)  # stopped by itself
    wait_idle(page)
    assert re.search(r"[?&]year=2015\b", page.url)
    assert frames(page)[0].evaluate("() => window.__sameMap === true")
    shot(page, "map_play_stopped_2015")
