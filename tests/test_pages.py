"""The pages under Streamlit's AppTest: every year renders, controls drive the summary and list."""

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.controls import WHOLE_YEAR
from geo.io import read_dataset
from geo.timeline import FIRST_YEAR, LAST_YEAR, events_in_year
from tests.conftest import ROOT

DS = read_dataset()


@pytest.fixture(scope="module")
def at() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def summary(app: AppTest) -> str:
    line = next(m.value for m in app.markdown if m.value.startswith("#### "))
    return line.replace("\\", "")  # as the analyst reads it: markdown escapes dropped


def map_args(app: AppTest) -> dict:
    """What the browser would receive from st_folium (its JSON arguments)."""
    comps = list(app.get("component_instance"))
    return json.loads(comps[0].proto.json_args)


def choose(at: AppTest, kind: str, key: str, value) -> None:
    """Change a sidebar control as an analyst would, then show the whole page again.

    On the Map page a year, mode or layer change reruns only the page's fragment, and
    AppTest then holds that fragment alone; a plain rerun brings the whole page back.
    """
    getattr(at.sidebar, kind)(key=key).set_value(value).run()
    assert not at.exception
    # In a browser the frontend writes the new value into the URL (``bind="query-params"``)
    # and sends it with the next run; AppTest has no frontend, so drop the stale value.
    at.query_params.pop(key, None)
    at.run()


def test_year_change_reruns_only_the_map_fragment(at: AppTest) -> None:
    choose(at, "slider", "year", 2010)
    at.sidebar.slider(key="year").set_value(2011).run()
    assert not at.exception
    assert len(at.sidebar) == 0  # the sidebar was not redrawn: it kept what the browser shows
    assert summary(at).startswith("#### 2011")  # but everything that follows the year was
    assert '"year": 2011' in map_args(at)["feature_group"]
    at.run()
    assert at.sidebar.slider(key="year").value == 2011


def test_every_year_renders_without_exception(at: AppTest) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        choose(at, "slider", "year", year)
        assert not at.exception, year
        assert summary(at).startswith(f"#### {year}")


def test_slider_changes_summary_list_and_map_layers(at: AppTest) -> None:
    choose(at, "slider", "year", 2011)
    s2011, list2011 = summary(at), at.radio(key="event_pick").options
    fg2011 = map_args(at)["feature_group"]
    choose(at, "slider", "year", 2013)
    assert summary(at) != s2011
    assert (
        "Torkham blocked in Khyber Pakhtunkhwa from 24 Nov 2013, elsewhere open all year"
        in summary(at)
    )
    options = at.radio(key="event_pick").options
    assert options != list2011
    assert len(options) == len(events_in_year(DS.events, 2013))
    # The map reads its year from the slider: its arguments stay the same (streamlit-folium
    # re-runs its layers only when they change) and hold every year's stamp, 2013's too.
    assert map_args(at)["feature_group"] == fg2011
    assert '"year": 2013' in fg2011 and '"year": 2011' in fg2011


def test_map_is_not_remounted_by_a_year_change(at: AppTest) -> None:
    # streamlit-folium keys its component on a hash of the base map's script
    choose(at, "slider", "year", 2008)
    before = map_args(at)["script"]
    choose(at, "slider", "year", 2009)
    assert map_args(at)["script"] == before


def test_quiet_year_says_so(at: AppTest) -> None:
    choose(at, "slider", "year", 1999)
    assert any("No recorded events in 1999" in i.value for i in at.info)
    assert not at.exception


def test_step_buttons_move_one_year_and_stop_at_the_ends(at: AppTest) -> None:
    choose(at, "slider", "year", LAST_YEAR)
    at.sidebar.button(key="year_fwd").click().run()
    assert at.sidebar.slider(key="year").value == LAST_YEAR
    at.sidebar.button(key="year_back").click().run()
    assert at.sidebar.slider(key="year").value == LAST_YEAR - 1
    assert summary(at).startswith(f"#### {LAST_YEAR - 1}")


def test_cumulative_mode_counts_everything_up_to_the_year(at: AppTest) -> None:
    choose(at, "slider", "year", 2004)
    choose(at, "segmented_control", "mode", "cumulative")
    n = int((DS.events["start"].dt.year <= 2004).sum())
    assert f"{n} events up to 2004" in summary(at)
    choose(at, "segmented_control", "mode", "year")


def test_choosing_an_event_shows_its_card_and_sets_the_url(at: AppTest) -> None:
    choose(at, "slider", "year", 2011)
    at.radio(key="event_pick").set_value("ev_2011_11_26_salala").run()
    assert not at.exception
    assert at.query_params["event"] in ("ev_2011_11_26_salala", ["ev_2011_11_26_salala"])
    texts = " ".join(m.value for m in at.markdown).replace("\\", "")  # drop markdown escapes
    assert "24 killed (reports range 24–28)" in texts
    assert any("Disputed" in w.value for w in at.warning)


def _fresh(**params: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        app.query_params[k] = v
    app.run()
    assert not app.exception
    return app


def test_a_shared_day_url_opens_that_day() -> None:
    app = _fresh(date="2012-03-15")
    assert summary(app).startswith("#### 15 Mar 2012")
    assert "both corridors closed 26 Nov 2011 – 3 Jul 2012" in summary(app)
    assert app.sidebar.slider(key="year").value == 2012
    assert "15 Mar 2012 · events on the day" in map_args(app)["feature_group"]
    assert app.sidebar.select_slider(key="month").value == "Mar"  # not "Whole year"


def test_the_month_control_names_the_month_of_a_typed_day() -> None:
    # It read "Whole year" while the map showed one day; a window across months lies in
    # no one month, so there it does say the whole year.
    app = _fresh(year="2013")
    app.sidebar.date_input(key="day_window").set_value((date(2013, 12, 15),)).run()
    assert summary(app).startswith("#### 15 Dec 2013")
    assert app.sidebar.select_slider(key="month").value == "Dec"
    app.sidebar.date_input(key="day_window").set_value((date(2013, 11, 20), date(2014, 1, 5))).run()
    assert summary(app).startswith("#### 20 Nov 2013 – 5 Jan 2014")
    assert app.sidebar.select_slider(key="month").value == WHOLE_YEAR
    # A month step from a typed day: tests/e2e/test_time_views.py, in the browser (AppTest
    # does not write a bound widget's value to the URL as the page does).


def test_an_old_year_url_still_opens_the_whole_year() -> None:
    app = _fresh(year="2008", mode="everything up to year")
    assert summary(app).startswith("#### 2008: ")
    assert "events up to 2008" in summary(app)


def test_month_control_and_buttons_step_months_across_years() -> None:
    app = _fresh(year="2012")
    app.sidebar.select_slider(key="month").set_value("Sep").run()
    app.run()
    assert summary(app).startswith("#### Sep 2012")
    assert "both corridors open throughout" in summary(app)
    for _ in range(4):
        app.sidebar.button(key="month_fwd").click().run()
    assert summary(app).startswith("#### Jan 2013")
    assert app.sidebar.slider(key="year").value == 2013
    app.sidebar.button(key="month_back").click().run()
    assert summary(app).startswith("#### Dec 2012")


def test_a_selection_outside_the_view_is_named_not_shown() -> None:
    app = _fresh(year="2011", event="ev_2011_11_26_salala")
    texts = " ".join(m.value for m in app.markdown).replace("\\", "")
    assert "24 killed" in texts  # the card, in its own year
    app.sidebar.slider(key="year").set_value(2008).run()
    app.run()
    texts = " ".join(m.value for m in app.markdown).replace("\\", "")
    assert "24 killed" not in texts  # no card of a 2011 event on the 2008 map
    assert any("not in this view" in c.value for c in app.caption)
    assert any(b.label == "Go to 2011" for b in app.button)


def test_each_month_gets_its_own_map_and_the_whole_year_its_shared_one() -> None:
    # The map's arguments are cached on the view they name: a month must never be drawn
    # with the year's layers or another month's, and the whole year gets the shared ones.
    app = _fresh(year="2012")
    year_args = map_args(app)
    for month, other in (("Mar", "Aug"), ("Aug", "Mar")):
        app.sidebar.select_slider(key="month").set_value(month).run()
        app.run()
        drawn = map_args(app)["feature_group"]
        assert f"{month} 2012" in drawn and f"{other} 2012" not in drawn
    app.sidebar.select_slider(key="month").set_value(WHOLE_YEAR).run()
    app.run()
    assert summary(app).startswith("#### 2012: ")
    assert map_args(app) == year_args
