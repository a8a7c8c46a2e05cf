"""AppTest for the analysis views: chronology filters, dossier figures, compare, play, notes."""

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.dossier import route_facts
from geo.geodesy import read_countries
from geo.io import read_dataset
from geo.text import escape_markdown
from geo.timeline import LAST_YEAR, events_matching

ROOT = Path(__file__).resolve().parents[1]
DS = read_dataset()


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    return app


def _page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"app_pages/{name}.py")
    at.run()
    assert not at.exception
    return at


def _listed(at: AppTest) -> list[str]:
    return list(at.radio(key="chrono_list").options)


def test_chronology_filters_and_search_narrow_the_list(at: AppTest) -> None:
    _page(at, "chronology")
    assert len(_listed(at)) == len(DS.events)
    at.multiselect(key="chrono_cats").set_value(["supply_attack"]).run()
    attacks = events_matching(DS.events, categories=["supply_attack"])
    assert len(_listed(at)) == len(attacks)
    at.text_input(key="chrono_text").set_value("tanker").run()
    both = events_matching(DS.events, categories=["supply_attack"], text="tanker")
    assert 0 < len(_listed(at)) == len(both) < len(attacks)
    at.multiselect(key="chrono_cats").set_value([]).run()
    at.text_input(key="chrono_text").set_value("").run()
    at.segmented_control(key="chrono_seed").set_value("seed").run()
    assert len(_listed(at)) == int(DS.events["from_seed"].sum())
    at.selectbox(key="chrono_route").set_value("route_torkham_n5").run()
    on_n5 = events_matching(DS.events, route_id="route_torkham_n5", from_seed=True)
    assert len(_listed(at)) == len(on_n5)
    at.text_input(key="chrono_text").set_value("no such words anywhere").run()
    assert _listed(at) == []
    assert any("No event matches" in i.value for i in at.info)
    assert not at.exception


def test_chronology_shades_the_sidebars_month_not_its_year(at: AppTest) -> None:
    # It shaded the whole year (and said "2013 shaded") while the sidebar showed Dec 2013.
    at.slider(key="year").set_value(2013).run()
    at.run()  # the year reran the Map page's fragment alone: the whole page again
    at.select_slider(key="month").set_value("Dec").run()
    _page(at, "chronology")
    assert any("Dec 2013 shaded" in c.value for c in at.caption)
    chart = at.get("vega_lite_chart")[0].proto
    band = next(layer for layer in json.loads(chart.spec)["layer"]
                if layer.get("mark", {}).get("type") == "rect")  # fmt: skip
    arrow = next(d.data.data for d in chart.datasets if d.name == band["data"]["name"])
    row = pa.ipc.open_stream(arrow).read_all().to_pylist()[0]
    assert row["start"].date() == date(2013, 12, 1) and row["label"] == "Dec 2013"
    assert row["narrow"] is True  # a month is also drawn as a line


def test_picking_an_event_sets_url_year_and_card(at: AppTest) -> None:
    _page(at, "chronology")
    at.radio(key="chrono_list").set_value("ev_2008_12_07_portward").run()
    assert at.query_params["event"] in ("ev_2008_12_07_portward", ["ev_2008_12_07_portward"])
    assert at.session_state.year == 2008
    assert at.session_state.map_zoom
    assert any("Port World" in m.value for m in at.markdown)
    assert not at.exception


def test_n5_dossier_figures_match_geo_and_are_plausible(at: AppTest) -> None:
    _page(at, "dossiers")
    facts = route_facts(DS.routes[DS.routes["id"] == "route_torkham_n5"].iloc[0], DS.places,
                        read_countries())  # fmt: skip
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Drawn length, total"] == f"{facts.length_km:,.0f} km"
    assert metrics["Start to border crossing"] == f"{facts.length_to_crossing_km:,.0f} km"
    assert 1700 <= facts.length_to_crossing_km <= 1850
    # the crossing's whole name, as wrapping text (a metric cut it to "Torkham border cross…")
    assert "Border crossing" not in metrics
    whole = escape_markdown("Torkham border crossing (Khyber / Nangarhar)")
    assert any(f"**{whole}**" in m.value for m in at.markdown)
    count = next(m for m in at.metric if m.label.startswith("Incidents within 10 km"))
    at.slider(key="buffer_torkham").set_value(50).run()
    wider = next(m for m in at.metric if m.label.startswith("Incidents within 50 km"))
    assert int(wider.value) >= int(count.value) > 0
    assert at.query_params["dossier"] in ("route:route_torkham_n5", ["route:route_torkham_n5"])


def test_place_dossier_from_url(at: AppTest) -> None:
    at.query_params["dossier"] = "place:shamsi_airfield"
    _page(at, "dossiers")
    metrics = {m.label: m.value for m in at.metric}
    km = float(metrics["Distance to the Afghanistan–Pakistan border"].split()[0].replace(",", ""))
    assert 150 < km < 250
    assert metrics["Lies in the country it claims"] == "yes"


def test_compare_page_shows_the_difference_table(at: AppTest) -> None:
    _page(at, "compare")
    table = at.table[0].value
    assert list(table.columns) == ["2010", "2012", "Change"]
    assert table.loc["Torkham corridor", "Change"] == "changed"


def test_play_advances_the_year_and_stops_at_the_end(at: AppTest) -> None:
    at.session_state["year"] = LAST_YEAR - 2
    at.button(key="play_button").click().run()
    assert at.session_state.playing
    seen = []
    for _ in range(4):
        at.session_state["play_last"] = 0.0  # the interval has passed
        at.run()
        seen.append(at.session_state.year)
    assert seen == [LAST_YEAR - 1, LAST_YEAR, LAST_YEAR, LAST_YEAR]
    assert not at.session_state.playing
    assert at.button(key="play_button").label == "▶ Play"
    assert not at.exception


def test_map_page_has_search_and_a_text_summary(at: AppTest) -> None:
    at.selectbox(key="place_search").set_value("place:torkham_crossing").run()
    assert at.session_state.map_zoom == 10
    assert at.session_state.map_center[0] == pytest.approx(34.11, abs=0.01)
    notes = next(e for e in at.expander if e.label.startswith("What is on the map now"))
    text = " ".join(m.value for m in notes.markdown)
    assert "Torkham corridor" in text and "Found place" in text and "Torkham border" in text
    assert not at.exception


def test_about_page_lists_every_disagreement_and_the_licences(at: AppTest) -> None:
    _page(at, "about")
    labels = [e.label for e in at.expander]
    disputed = int(DS.events["disputed"].notna().sum() + DS.periods["disputed"].notna().sum())
    assert f"Where the sources disagree · {disputed}" in labels
    assert any(label.startswith("Casualty figures that differ") for label in labels)
    assert any(label.startswith("The seed text, checked") for label in labels)
    text = "\n".join(m.value for m in at.markdown)
    assert escape_markdown("24 killed (reports range 24–28)") in text  # Salala
    assert "© OpenStreetMap contributors" in text  # the route lines' ODbL attribution
    assert not at.exception
