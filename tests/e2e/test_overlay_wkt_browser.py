"""The mapping step in the real app: a file placed by its WKT column, chosen by hand."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle
from tests.e2e.test_overlays_browser import load_with_mapping, offer

pytestmark = pytest.mark.e2e


def wkt_csv(n: int, year: int) -> bytes:
    """Two decimal columns that are not coordinates, and the places as WKT points."""
    rows = [f"{10 + k % 5}.5,{40 + k % 7}.25,POINT ({71.0 + (k % 7) / 10} {33.5 + (k % 10) / 10})"
            f",{k % 28 + 1:02d}/03/{year},Place {k}\n" for k in range(n)]  # fmt: skip
    return ("score,weight,wo,wann,was\n" + "".join(rows)).encode()


def test_mapping_step_places_a_file_by_its_wkt_column(page, app_url: str) -> None:
    offer(page, app_url, "ucdp_extract.csv", wkt_csv(30, 2011), "no latitude/longitude")
    latitude = page.get_by_role("combobox", name="Latitude", exact=True)
    expect(latitude).to_have_count(1, timeout=30000)
    page.get_by_text("Coordinates as WKT", exact=True).click()
    wait_idle(page)
    geometry = page.get_by_role("combobox", name="WKT geometry", exact=False)
    geometry.wait_for(timeout=30000)
    expect(geometry).to_have_value(re.compile(r"^wo \(e\.g\. POINT \(71\.0 33\.5\)"), timeout=30000)
    # The rerun that swaps the pickers can still be delivering when the WKT picker shows up,
    # so wait (bounded) for the latitude picker to go rather than counting it at once.
    expect(latitude).to_have_count(0, timeout=30000)
    shot(page, "overlay_mapping_wkt")
    assert load_with_mapping(page, "ucdp_extract.csv", 30) == 30
    expect(page.get_by_text("no latitude/longitude", exact=False)).to_have_count(0, timeout=30000)
