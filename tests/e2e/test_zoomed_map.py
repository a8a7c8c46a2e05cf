"""Zoomed in, the map still reads: minor places and towns are named, and nothing else."""

import pytest

from tests.e2e.conftest import map_frame, shot, wait_idle, wait_map_year

pytestmark = pytest.mark.e2e


def labels(pg, selector: str) -> dict[str, str]:
    """Label text → its placement (``e``, ``w``, …, ``hidden``, ``zoom``) or visibility."""
    return dict(map_frame(pg).locator(selector).evaluate_all(
        """els => els.map(e => [e.textContent,
             e.getAttribute('data-atlas-label') ||
             (getComputedStyle(e).visibility === 'hidden' ? 'hidden' : 'shown')])"""
    ))  # fmt: skip


def test_the_khyber_at_zoom_11_names_jamrud_landi_kotal_and_towns(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011&view=34.05,71.30,11")
    wait_map_year(page, 2011)
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    places = labels(page, ".atlas-place-label")
    assert places.get("Jamrud") not in (None, "hidden", "zoom"), places
    assert places.get("Landi Kotal") not in (None, "hidden", "zoom"), places
    towns = frame.locator(".atlas-label.town")
    assert towns.count() > 0  # the towns layer is on from zoom 8
    shot(page, "khyber_zoom11")


def test_the_default_view_keeps_minor_places_and_towns_unnamed(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011")
    wait_map_year(page, 2011)
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    places = labels(page, ".atlas-place-label")
    assert places.get("Jamrud") == "zoom" and places.get("Landi Kotal") == "zoom", places
    assert frame.locator(".atlas-label.town").count() == 0  # zoom 6: no town names
    assert places.get("Karachi") not in (None, "zoom")
