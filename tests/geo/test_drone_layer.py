"""The drone-strike layer in the scene: both publishers' counts on the map, sheet and extracts."""

from geo.compare import compare_years
from geo.io import read_dataset
from render.extract import extract_features
from render.leaflet import drone_markers, legend_html
from render.sheet_spec import sheet_spec
from tests.conftest import scene_of

DS = read_dataset()


def test_2010_shows_each_agency_with_both_counts() -> None:
    scene = scene_of(DS, 2010)
    assert "US drone strikes in Pakistan, 2010: New America 122 strikes" in " ".join(scene.notes)
    assert "TBIJ 128 strikes" in " ".join(scene.notes)
    markers = drone_markers(scene)
    assert markers and markers[0]["title"] == "North Waziristan Agency"  # most strikes first
    assert "New America" in markers[0]["tooltip_html"] and "TBIJ" in markers[0]["tooltip_html"]
    sizes = [m["size"] for m in markers]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert "US strikes by agency" in legend_html(scene.legend)


def test_every_renderer_carries_the_drone_marks() -> None:
    scene = scene_of(DS, 2010)
    spec = sheet_spec(scene)
    assert len(spec.drones) == len(scene.drones) > 0
    assert spec.drone_note.startswith("US drone strikes in Pakistan, 2010")
    rows = [f for f in extract_features(scene) if f["properties"]["layer"] == "drone_strikes"]
    assert {f["properties"]["id"] for f in rows} == {d.id for d in scene.drones}
    assert all("New America" in f["properties"]["details"] for f in rows)


def test_a_day_shows_its_years_counts_and_says_they_are_yearly() -> None:
    scene = scene_of(DS, "2013-12-15")
    line = next(n for n in scene.notes if n.startswith("US drone strikes"))
    assert "2013 (counts are yearly)" in line and "New America 26" in line and "TBIJ 27" in line


def test_layer_off_draws_no_drone_marks_and_years_before_2004_have_none() -> None:
    assert scene_of(DS, 2010, layers=["routes"]).drones == ()
    quiet = scene_of(DS, 2001)
    assert quiet.drones == ()
    assert not any(n.startswith("US drone strikes") for n in quiet.notes)


def test_cumulative_counts_sum_every_year_up_to_the_end() -> None:
    line = next(n for n in scene_of(DS, 2005, "cumulative").notes if n.startswith("US drone"))
    assert "2004–2005" in line and "New America 4 strikes" in line


def test_compare_table_counts_drone_strikes_per_publisher() -> None:
    table = compare_years(DS, 2010, 2013).set_index("aspect")
    assert table.loc["US drone strikes (New America)", "2010"].startswith("122 strikes")
    assert table.loc["US drone strikes (TBIJ)", "2013"].startswith("27 strikes")
