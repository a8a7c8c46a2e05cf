"""The map as rendered HTML: layers present, no CDN, hostile data escaped."""

import json
import re
from pathlib import Path

from geo.io import read_dataset
from geo.view import LAYERS
from render.folium_map import build_base_map, layer_groups, standalone_map
from render.leaflet import event_markers, place_markers, route_lines
from render.popups import traced_id
from tests.conftest import event, place, scene_of, write_dataset

HOSTILE = '<img src=x onerror="window.__pwned=1">`${window.__pwned=2}`</script><b>'


def _html(m) -> str:
    return m.get_root().render()


def test_base_map_is_identical_across_reruns() -> None:
    # streamlit-folium remounts the map (losing zoom) whenever the base map's script changes
    from streamlit_folium import _get_map_string

    assert _get_map_string(build_base_map()) == _get_map_string(build_base_map())


def test_map_references_no_cdn_and_loads_local_leaflet(tiny) -> None:
    html = _html(standalone_map(scene_of(tiny, 2011, layers=["routes", "places", "events"])))
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded and all(url.startswith("/app/static/") for url in loaded), loaded
    tile_hosts = set(re.findall(r'L\.tileLayer\(\s*"https?://([^/"]+)', html))
    # online tile layers exist only as options the analyst can pick
    assert tile_hosts == {"tile.openstreetmap.org", "server.arcgisonline.com"}
    assert "Atlas.lines" in html and "Atlas.markers" in html and "Atlas.controls" in html


def test_year_layers_carry_the_years_events(tiny) -> None:
    scene = scene_of(tiny, 2011, layers=["routes", "places", "events"], selected="ev_2011b")
    events, routes = event_markers(scene), route_lines(scene)
    assert [e["title"] for e in events] == ["Event ev_2011a", "Event ev_2011b"]
    assert [e["selected"] for e in events] == [False, True]
    assert {r["status"] for r in routes} == {"closed"}
    assert "closed from 26 Nov 2011" in routes[0]["tooltip_html"]
    # open until 26 Nov: the line shows the second status as an alternating dash
    assert {r["second"]["status"] for r in routes} == {"open"}
    assert scene.stamp_title == "NATO–Pakistan Atlas · 2011 · events in year"
    names = [g.layer_name for g in layer_groups(scene)]
    assert names == ["stamp", "Supply routes", "Places", "Events"]


def test_a_day_view_styles_routes_by_that_days_status(tiny) -> None:
    for day, status in (("2012-03-15", "closed"), ("2012-08-15", "open"), ("2011-06-15", "open")):
        routes = route_lines(scene_of(tiny, day, layers=["routes"]))
        assert {r["status"] for r in routes} == {status}, day
        assert not any("second" in r for r in routes), day  # one status on one day


def test_quiet_year_has_routes_and_places_but_no_events(tiny) -> None:
    scene = scene_of(tiny, 1999, layers=["routes", "places", "events"])
    assert event_markers(scene) == [] and len(place_markers(scene)) == 3
    assert {r["status"] for r in route_lines(scene)} == {"inactive"}


def test_hostile_strings_are_escaped_everywhere(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "d",
        places=[
            place("torkham_crossing", 71.08472, 34.11472, name=HOSTILE, description=HOSTILE,
                  label_note=HOSTILE, accuracy_km=5.0),
            place("karachi_port", 66.975, 24.84),
            place("shamsi_airfield", 65.16667, 27.85),
        ],
        events=[event("ev_x", "2011-11-26", title=HOSTILE, summary=HOSTILE, disputed=HOSTILE,
                      sources=[{"title": HOSTILE, "publisher": HOSTILE, "date": None,
                                "url": "https://example.org/?q=</script>"}])],
    )  # fmt: skip
    ds = read_dataset(folder)
    html = _html(standalone_map(scene_of(ds, 2011, layers=["routes", "places", "events"],
                                         selected="ev_x")))  # fmt: skip
    assert "<img src=x" not in html
    assert html.count("</script>") == html.count("<script")  # data never closes a script
    payloads = [json.loads(p) for p in re.findall(r"Atlas\.\w+\([^,]+, (.*?)\);\n", html)]
    html_fields = [v for p in payloads if isinstance(p, list) for item in p
                   for k, v in item.items() if k.endswith("_html")]  # fmt: skip
    assert any("&lt;img src=x onerror=" in v for v in html_fields)
    for v in html_fields:  # markup fields were built from escaped text only
        assert "<img" not in v and "`" not in v and "${" not in v and "</script>" not in v


def test_clicked_tooltip_traces_back_to_its_feature(tiny) -> None:
    tip = event_markers(scene_of(tiny, 2011, layers=["events"]))[0]["tooltip_html"]
    text = re.sub(r"<[^>]+>", "", tip)  # what the component returns: the tooltip's text
    assert traced_id(text) == ("event", "ev_2011a")


def test_layers_by_reference_name_every_layer_and_build_no_payload(tiny, monkeypatch) -> None:
    import render.leaflet as leaflet

    scene = scene_of(tiny, 2011, layers=["uncertainty", "routes", "places", "events"])
    inline = [(k, fn) for k, (fn, _) in leaflet.scene_layers(scene).items()]
    assert list(leaflet.scene_layer_fns(scene).items()) == inline  # same keys, order, helpers

    def boom(_scene):
        raise AssertionError("a payload was built for a map that gets it by reference")

    unbuilt = {k: (fn, boom) for k, (fn, _) in leaflet.LAYER_BUILDERS.items()}
    monkeypatch.setattr(leaflet, "LAYER_BUILDERS", unbuilt)
    refs = {k: f"/app/static/atlas/layers/{k}.json" for k, _ in inline}
    groups = layer_groups(scene, refs=refs)
    assert [g.layer_name for g in groups[1:]] == [LAYERS[k] for k, _ in inline]
    html = "".join(c.payload for g in groups[1:] for c in g._children.values())
    assert all(f'"$ref": "{url}"' in html or f'"$ref":"{url}"' in html for url in refs.values())
