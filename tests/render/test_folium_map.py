"""The map as rendered HTML: layers present, no CDN, hostile data escaped."""

import json
import re
from pathlib import Path

from components.atlas_map import map_view
from components.event_map import build_base_map, standalone_map, year_groups
from components.popups import traced_id
from geo.io import read_dataset
from tests.conftest import event, place, write_dataset

HOSTILE = '<img src=x onerror="window.__pwned=1">`${window.__pwned=2}`</script><b>'


def _html(m) -> str:
    return m.get_root().render()


def test_base_map_is_identical_across_reruns() -> None:
    # streamlit-folium remounts the map (losing zoom) whenever the base map's script changes
    from streamlit_folium import _get_map_string

    assert _get_map_string(build_base_map()) == _get_map_string(build_base_map())


def test_map_references_no_cdn_and_loads_local_leaflet(tiny) -> None:
    html = _html(standalone_map(map_view(tiny, 2011, "year", ["routes", "places", "events"],
                                         selected=None)))  # fmt: skip
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded and all(url.startswith("/app/static/") for url in loaded), loaded
    tile_hosts = set(re.findall(r'L\.tileLayer\(\s*"https?://([^/"]+)', html))
    # online tile layers exist only as options the analyst can pick
    assert tile_hosts == {"tile.openstreetmap.org", "server.arcgisonline.com"}
    assert "Atlas.lines" in html and "Atlas.markers" in html and "Atlas.controls" in html


def test_year_layers_carry_the_years_events(tiny) -> None:
    view = map_view(tiny, 2011, "year", ["routes", "places", "events"], selected="ev_2011b")
    assert [e["title"] for e in view.events] == ["Event ev_2011a", "Event ev_2011b"]
    assert [e["selected"] for e in view.events] == [False, True]
    assert {r["status"] for r in view.routes} == {"closed"}
    assert "closed from 26 Nov 2011" in view.routes[0]["tooltip_html"]
    assert view.stamp_title == "NATO–Pakistan Atlas · 2011 · events in year"
    names = [g.layer_name for g in year_groups(view)]
    assert names == ["stamp", "Supply routes", "Places", "Events"]


def test_quiet_year_has_routes_and_places_but_no_events(tiny) -> None:
    view = map_view(tiny, 1999, "year", ["routes", "places", "events"], selected=None)
    assert view.events == [] and len(view.places) == 3 and len(view.routes) == 2
    assert {r["status"] for r in view.routes} == {"inactive"}


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
    html = _html(standalone_map(map_view(ds, 2011, "year", ["routes", "places", "events"],
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
    view = map_view(tiny, 2011, "year", ["events"], selected=None)
    tip = view.events[0]["tooltip_html"]
    text = re.sub(r"<[^>]+>", "", tip)  # what the component returns: the tooltip's text
    assert traced_id(text) == ("event", "ev_2011a")
