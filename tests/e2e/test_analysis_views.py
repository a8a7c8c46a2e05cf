"""The analysis views in headless Chromium: chronology → map selection, synced compare maps,
place search, dossiers; a screenshot of each."""

import re

import pytest
from playwright.sync_api import expect

from geo.io import read_dataset
from tests.e2e.conftest import MAP_FRAME, map_frame, settled, shot, wait_idle, wait_map_year

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
    expect(page).to_have_url(re.compile(r"[?&]year=2008\b"), timeout=30000)
    map_frame(page).locator(".atlas-selected").wait_for(timeout=30000)
    expect(page.get_by_text("Sources", exact=True).first).to_be_visible(timeout=30000)
    shot(page, "chronology_portward_selected")
    page.get_by_role("link", name="Map").first.click()
    wait_map_year(page, 2008)
    wait_idle(page)
    selected = map_frame(page).locator(".atlas-event.atlas-selected")
    expect(selected).to_have_count(1, timeout=30000)
    expect(selected).to_have_attribute("title", re.compile("Port World"), timeout=30000)
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

    def synced(pair) -> bool:
        (a, b) = pair
        return abs(b[1] - before[1]) > 0.5 and abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6

    # The other map follows by its own events (and the drag's inertia): poll, bounded.
    after_left, after_right = settled(page, lambda: (centre(left), centre(right)), synced)
    assert abs(after_right[1] - before[1]) > 0.5  # the right map moved east with the drag
    assert abs(after_left[0] - after_right[0]) < 1e-6 and abs(after_left[1] - after_right[1]) < 1e-6
    right.evaluate("() => window.map.setZoom(8, {animate: false})")
    assert settled(page, lambda: centre(left)[2], lambda z: z == 8) == 8
    expect(page.get_by_text("What differs between 2010 and 2012")).to_be_visible(timeout=30000)
    left.evaluate("() => window.map.setView([33.2, 69.0], 7, {animate: false})")  # both corridors
    lat = settled(page, lambda: centre(right)[0], lambda v: abs(v - 33.2) < 1e-6)
    assert abs(lat - 33.2) < 1e-6
    shot(page, "compare_2010_2012_synced")
    assert page.offsite == [] and page.errors == []


# Where each of the story's corner places is drawn, against the stamp above it and the
# pointer readout below it (px in the map's frame).
PLACES_IN_FRAME_JS = """(_, names) => {
  const box = (s) => document.querySelector(s).getBoundingClientRect();
  const map = box(".leaflet-container"), stamp = box(".atlas-stamp"), readout = box(".atlas-mouse");
  const out = {};
  for (const el of document.querySelectorAll(".atlas-place-label")) {
    if (!names.includes(el.textContent)) continue;
    const r = el.getBoundingClientRect();
    out[el.textContent] = r.left >= map.left && r.right <= map.right &&
      r.top >= stamp.bottom && r.bottom <= readout.top;
  }
  return out;
}"""
CORNERS = ["Kabul", "Torkham", "Karachi", "Islamabad", "Kandahar"]


def test_compare_maps_open_with_the_whole_story_clear_of_stamp_and_readout(
    page, app_url: str
) -> None:
    """At 520 px high the stamp hid Kabul, Torkham and Peshawar and Karachi sat on the edge."""
    page.goto(f"{app_url}/compare")
    wait_idle(page)
    for n, year in enumerate((2010, 2012)):
        frame = page.frame_locator(f"{MAP_FRAME} >> nth={n}")
        frame.locator(f".leaflet-container[data-atlas-year='{year}']").wait_for(timeout=30000)
        shown = settled(
            page,
            lambda frame=frame: frame.locator("body").evaluate(PLACES_IN_FRAME_JS, CORNERS),
            lambda placed: len(placed) == len(CORNERS) and all(placed.values()),
        )
        assert shown == dict.fromkeys(CORNERS, True), (year, shown)
    shot(page, "compare_2010_2012_opening")


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
    # The fly-to may still be zooming when the centre arrives.
    assert settled(page, lambda: centre(frames(page)[0])[2], lambda z: z >= 9) >= 9
    found = page.get_by_text("Found place:")
    expect(found).to_contain_text("Found place: Salala", use_inner_text=True, timeout=30000)
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
    expect(page).to_have_url(re.compile(r"[?&]year=2015\b"), timeout=30000)
    assert frames(page)[0].evaluate("() => window.__sameMap === true")
    shot(page, "map_play_stopped_2015")
