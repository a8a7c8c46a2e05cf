"""Zoomed in, the map still reads: minor places and towns are named, and nothing else."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import map_frame, settled, shot, wait_idle, wait_map_year

pytestmark = pytest.mark.e2e


def labels(pg, selector: str) -> dict[str, str]:
    """Label text → its placement (``e``, ``w``, …, ``hidden``, ``zoom``) or visibility."""
    return dict(map_frame(pg).locator(selector).evaluate_all(
        """els => els.map(e => [e.textContent,
             e.getAttribute('data-atlas-label') ||
             (getComputedStyle(e).visibility === 'hidden' ? 'hidden' : 'shown')])"""
    ))  # fmt: skip


def named(placement: str | None) -> bool:
    return placement not in (None, "hidden", "zoom")


def test_the_khyber_at_zoom_11_names_jamrud_landi_kotal_and_towns(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011&view=34.05,71.30,11")
    wait_map_year(page, 2011)
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    # Labels are laid out once per frame after each layer arrives: poll, bounded.
    places = settled(
        page,
        lambda: labels(page, ".atlas-place-label"),
        lambda p: named(p.get("Jamrud")) and named(p.get("Landi Kotal")),
    )
    assert named(places.get("Jamrud")), places
    assert named(places.get("Landi Kotal")), places
    towns = frame.locator(".atlas-label.town")
    expect(towns.first).to_be_attached(timeout=30000)  # the towns layer is on from zoom 8
    shot(page, "khyber_zoom11")


def test_the_default_view_keeps_minor_places_and_towns_unnamed(page, app_url: str) -> None:
    page.goto(f"{app_url}/?year=2011")
    wait_map_year(page, 2011)
    wait_idle(page)
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-atlas-basemap='drawn']").wait_for()
    places = settled(
        page,
        lambda: labels(page, ".atlas-place-label"),
        lambda p: (
            p.get("Jamrud") == "zoom"
            and p.get("Landi Kotal") == "zoom"
            and p.get("Karachi") not in (None, "zoom")
        ),
    )
    assert places.get("Jamrud") == "zoom" and places.get("Landi Kotal") == "zoom", places
    assert frame.locator(".atlas-label.town").count() == 0  # zoom 6: no town names
    assert places.get("Karachi") not in (None, "zoom")
