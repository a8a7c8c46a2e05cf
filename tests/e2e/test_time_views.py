"""Day, month and year views in headless Chromium: the map, stamp and notes say the window."""

import re

import pytest
from playwright.sync_api import expect

from geo.io import read_dataset
from tests.conftest import scene_of
from tests.e2e.conftest import (
    MONTH_SLIDER,
    YEAR_SLIDER,
    map_frame,
    settled,
    shot,
    wait_idle,
    wait_year,
)

pytestmark = pytest.mark.e2e
DS = read_dataset()


def open_url(pg, app_url: str, query: str) -> None:
    pg.goto(f"{app_url}/?{query}")
    frame = map_frame(pg)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for(timeout=30000)
    frame.locator(".leaflet-container:not([data-atlas-loading]) path.atlas-route").first.wait_for(
        timeout=30000
    )
    wait_idle(pg)


def heading(pg) -> str:
    return pg.get_by_role("heading").first.inner_text()


def notes(pg) -> str:
    return pg.get_by_text("What is on the map now").locator("xpath=ancestor::details").inner_text()


def statuses(pg) -> list[str]:
    classes = (
        map_frame(pg)
        .locator("path.atlas-route")
        .evaluate_all("els => els.map(e => e.getAttribute('class'))")
    )
    return sorted({re.search(r"atlas-status-(\w+)", c)[1] for c in classes})


def test_15_march_2012_both_corridors_closed(page, app_url: str) -> None:
    open_url(page, app_url, "date=2012-03-15")
    assert statuses(page) == ["closed"]
    stamp = map_frame(page).locator(".atlas-stamp").inner_text()
    assert "15 Mar 2012" in stamp and "events on the day" in stamp
    assert heading(page).startswith("15 Mar 2012:")
    assert "both corridors closed 26 Nov 2011 – 3 Jul 2012" in heading(page)
    text = notes(page)
    assert "Torkham corridor (3 lines): Closed by Pakistan" in text
    assert "Chaman corridor (2 lines): Closed by Pakistan" in text
    shot(page, "day_2012-03-15")
    assert page.offsite == [] and page.errors == []


@pytest.mark.parametrize("day", ["2012-08-15", "2011-06-15"])
def test_days_when_both_corridors_were_open(page, app_url: str, day: str) -> None:
    open_url(page, app_url, f"date={day}")
    assert statuses(page) == ["open"]
    assert "Torkham corridor (3 lines): Open" in notes(page)
    assert "Chaman corridor (2 lines): Open" in notes(page)
    shot(page, f"day_{day}")


def test_15_december_2013_torkham_blocked_in_kp_only(page, app_url: str) -> None:
    open_url(page, app_url, "date=2013-12-15")
    scene = scene_of(DS, "2013-12-15", layers=["routes"])
    kp = {p.status.status for p in scene.routes if p.region == "Khyber Pakhtunkhwa"}
    assert kp == {"blocked"}
    assert statuses(page) == ["blocked", "open"]
    blocked = map_frame(page).locator("path.atlas-status-blocked").count()
    assert blocked == sum(p.status.status == "blocked" for p in scene.routes)
    text = notes(page)
    assert (
        "Torkham corridor (3 lines): Blocked (protest) in Khyber Pakhtunkhwa "
        "24 Nov 2013 – 27 Feb 2014, elsewhere open since 4 Aug 2012." in text
    )
    assert "Chaman corridor (2 lines): Open" in text
    shot(page, "day_2013-12-15")


def test_year_2011_draws_both_statuses_of_a_year_that_changed(page, app_url: str) -> None:
    open_url(page, app_url, "year=2011")
    frame = map_frame(page)
    assert statuses(page) == ["closed"]
    assert (
        frame.locator("path.atlas-route-second").count()
        == frame.locator("path.atlas-route").count()
    )
    assert "Two colours" in frame.locator(".atlas-legend").inner_text()
    shot(page, "year_2011_two_statuses")


def test_month_steps_with_the_keyboard(page, app_url: str) -> None:
    open_url(page, app_url, "year=2012")
    month = page.locator(MONTH_SLIDER)
    month.focus()
    for _ in range(9):  # Whole year → Jan … Sep
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMain"] h4'))
             .some(e => e.textContent.startsWith('Sep 2012:'))""",
        timeout=30000,
    )
    wait_idle(page)
    assert "month=Sep" in page.url
    assert settled(page, lambda: statuses(page), lambda s: s == ["open"]) == ["open"]
    expect(map_frame(page).locator(".atlas-stamp")).to_contain_text("Sep 2012")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMain"] h4'))
             .some(e => e.textContent.startsWith('Aug 2012:'))""",
        timeout=30000,
    )
    wait_idle(page)
    # Aug 2012: Torkham suspended until 4 Aug after the Jamrud attack, then open again: the
    # Torkham lines carry both statuses, Chaman's are open
    # after a step the map swaps its route layer a moment after the heading changed
    seen = settled(page, lambda: statuses(page), lambda s: s == ["closed", "open"])
    assert seen == ["closed", "open"]
    expect(map_frame(page).locator("path.atlas-route-second").first).to_be_attached()
    shot(page, "month_2012-08")


@pytest.mark.parametrize("query", ["date=2012-03-15", "year=2012&month=Mar"])
def test_year_steps_let_go_of_a_finer_window_for_good(page, app_url: str, query: str) -> None:
    """A typed day or a month gives way to the year slider, and stays gone on the next step
    (the sidebar's boxes must not send the old choice back)."""
    open_url(page, app_url, query)
    assert heading(page).startswith(("15 Mar 2012:", "Mar 2012:"))
    slider = page.locator(YEAR_SLIDER)
    for year in (2013, 2014):
        slider.focus()
        page.keyboard.press("ArrowRight")
        wait_year(page, year)
        assert heading(page).startswith(f"{year}:")
    assert "date=" not in page.url and "month=Mar" not in page.url
    assert "Whole year" in page.locator(".st-key-month").inner_text()


def test_a_typed_window_shows_both_dates_whole_in_the_sidebar(page, app_url: str) -> None:
    """The sidebar's date box used to scroll and cut the last day to "2013-12-3"."""
    open_url(page, app_url, "from=2013-12-15&to=2013-12-31")
    box = page.locator(".st-key-day_window [data-testid='stDateInputFieldsScroller']")
    last_day = box.locator("[data-range-field='end'] [role='spinbutton'][data-type='day']")
    expect(last_day).to_have_text("31")
    edge, day = box.bounding_box(), last_day.bounding_box()
    assert day["x"] + day["width"] <= edge["x"] + edge["width"]
    assert page.get_by_text("Showing 15 Dec – 31 Dec 2013").is_visible()


def test_a_shared_day_names_its_month_and_month_steps_leave_the_day(page, app_url: str) -> None:
    """The month control read "Whole year" while the map showed one day of December."""
    open_url(page, app_url, "date=2013-12-15")
    assert heading(page).startswith("15 Dec 2013:")
    slider = page.locator(MONTH_SLIDER)
    assert slider.get_attribute("aria-valuetext") == "Dec"
    for label in ("Nov 2013", "Oct 2013"):
        slider.focus()
        page.keyboard.press("ArrowLeft")
        expect(page.get_by_role("heading").first).to_contain_text(f"{label}:")
        wait_idle(page)
    assert "date=" not in page.url and "month=Oct" in page.url


def _window_marks(pg) -> dict:
    """The timeline's window band and its line, as drawn (SVG boxes, the line's label)."""
    return pg.locator("[data-testid='stVegaLiteChart']").last.evaluate(
        """(chart) => {
             const box = (e) => { const r = e.getBoundingClientRect();
                                  return {x: r.x, w: r.width, h: r.height}; };
             const band = chart.querySelector('g.layer_0_marks path');
             const line = chart.querySelector('g.window_line_marks line');
             return {band: band && box(band), line: line && box(line),
                     label: line && line.getAttribute('aria-label')}; }"""
    )


def test_the_timeline_marks_a_single_day_where_a_band_would_not_show(page, app_url: str) -> None:
    """One day is a tenth of a pixel of the 22 years' axis: its band was drawn, unseen."""
    open_url(page, app_url, "date=2013-12-15")
    page.locator("[data-testid='stVegaLiteChart']").last.scroll_into_view_if_needed()
    drawn = _window_marks(page)
    assert drawn["band"]["w"] < 1.5  # the band alone: nothing to see
    assert drawn["line"] is not None and drawn["line"]["h"] > 100
    assert abs(drawn["line"]["x"] - drawn["band"]["x"]) < 2  # on the day
    assert "15 Dec 2013" in drawn["label"]
    slider = page.locator(YEAR_SLIDER)
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_year(page, 2014)
    expect(page.get_by_test_id("stCaptionContainer").last).to_contain_text(
        "2014 highlighted", use_inner_text=True
    )
    drawn = settled(page, lambda: _window_marks(page), lambda d: d["line"] is None)
    assert drawn["line"] is None and drawn["band"]["w"] > 20  # a year's band shows itself
