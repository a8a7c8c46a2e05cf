"""One view, one scene: the map, the sheet, the extracts and the notes agree."""

import pytest

from geo.io import read_dataset
from geo.timeline import events_in_year
from geo.view import View
from render.extract import extract_features
from render.leaflet import event_markers, route_lines
from render.sheet_spec import sheet_spec
from tests.conftest import scene_of

DS = read_dataset()
VIEWS = [
    {"year": "2011"},
    {"year": "2013", "mode": "cumulative"},
    {"date": "2012-03-15"},
    {"date": "2013-12-15"},
    {"year": "2012", "month": "Aug"},
    {"from": "2011-11-20", "to": "2012-01-10", "layers": ["Supply routes", "Events"]},
    {"year": "1999", "layers": ["Events"]},
]


@pytest.mark.parametrize("query", VIEWS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_every_renderer_lists_the_same_events_and_route_statuses(query: dict) -> None:
    from geo.scene import build_scene

    scene = build_scene(DS, View.from_query(query))
    drawn = {e.id for e in scene.drawn_events}
    map_events = {m["tooltip_html"].split("event:", 1)[1].split("]", 1)[0]
                  for m in event_markers(scene)}  # fmt: skip
    sheet = sheet_spec(scene)
    feats = extract_features(scene)
    extract_events = {f["properties"]["id"] for f in feats if f["properties"]["layer"] == "event"}
    located = {e.id for e in scene.drawn_events if e.lat is not None}
    assert map_events == located
    assert {e.id for e in sheet.events} == drawn == extract_events
    map_status = [r["status"] for r in route_lines(scene)]
    sheet_status = [r.status for r in sheet.routes]
    extract_status = [f["properties"]["status"] for f in feats
                      if f["properties"]["layer"] == "route"]  # fmt: skip
    assert map_status == sheet_status == extract_status
    notes = " ".join(scene.notes)
    for state in scene.corridors:
        assert state.label in notes
    if scene.events:
        assert f"Events: {len(scene.events)} " in notes
    else:
        assert "Events: none recorded" in notes


def test_notes_say_window_layers_status_counts_and_selection() -> None:
    scene = scene_of(DS, 2011, layers=["routes"], selected="ev_2011_11_26_salala")
    text = "\n".join(scene.notes)
    assert "2011 · events in year." in text
    assert "Layers shown: Supply routes." in text
    assert "Torkham corridor (3 lines): Closed by Pakistan (closed from 26 Nov 2011)." in text
    assert f"Events: {len(events_in_year(DS.events, 2011))}" in text
    assert "Selected event: Salala" in text
    assert "Events: none recorded in 1999." in scene_of(DS, 1999, layers=[]).notes


@pytest.mark.parametrize(
    ("day", "torkham", "chaman"),
    [("2012-03-15", "closed", "closed"), ("2012-08-15", "open", "open"),
     ("2011-06-15", "open", "open")],
)  # fmt: skip
def test_day_views_of_the_bundled_data(day: str, torkham: str, chaman: str) -> None:
    scene = scene_of(DS, day)
    states = {c.corridor: c.status.status for c in scene.corridors}
    assert states == {"torkham": torkham, "chaman": chaman}
    assert {r["status"] for r in route_lines(scene)} == {torkham}
    assert scene.stamp_title.endswith(f"· {scene.view.window.label()} · events on the day")
    assert all(scene.view.window.label() in r["tooltip_html"] for r in route_lines(scene))


def test_a_selection_outside_the_window_is_not_in_the_scene() -> None:
    scene = scene_of(DS, 2008, selected="ev_2011_11_26_salala")
    assert not any(e.selected for e in scene.events)
    assert not any("Selected event" in line for line in scene.notes)


def test_later_windows_say_the_bundled_story_ends_in_2015() -> None:
    from datetime import date

    from geo.scene import build_scene
    from geo.view import TimeWindow

    view = View().with_(window=TimeWindow(date(2020, 1, 1), date(2020, 12, 31)))
    scene = build_scene(DS, view)
    assert "the bundled story ends in 2015" in scene.stamp_subtitle
    assert scene.routes == ()  # route status is not tracked after 2015: nothing styled
    assert "route status not tracked after 2015" in scene.summary
    assert not any(line.startswith("Torkham corridor") for line in scene.notes)
