"""The view's URL codec and its saved-document codec: old URLs and documents still open."""

from datetime import date
from urllib.parse import parse_qs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.errors import ViewDocError
from geo.view import LAYERS, TimeWindow, View, renamed_query
from geo.view_doc import DOC_KIND, view_from_doc, view_to_doc
from geo.viewstate import MapExtent


@pytest.mark.parametrize(
    ("query", "label", "granularity"),
    [
        ({"year": "2011"}, "2011", "year"),
        ({"year": "2012", "month": "Mar"}, "Mar 2012", "month"),
        ({"date": "2012-03-15"}, "15 Mar 2012", "day"),
        ({"year": "2011", "date": "2012-03-15"}, "15 Mar 2012", "day"),  # a day wins over a year
        ({"from": "2011-11-20", "to": "2012-01-05"}, "20 Nov 2011 – 5 Jan 2012", "window"),
        ({"from": "2012-01-05", "to": "2011-11-20"}, "20 Nov 2011 – 5 Jan 2012", "window"),
        ({"date": "2012-02-30"}, "2011", "year"),  # not a day: the default year
        ({"year": "1980"}, "1994", "year"),  # clamped into the Atlas's years
        ({}, "2011", "year"),
    ],
)
def test_url_gives_the_window(query: dict, label: str, granularity: str) -> None:
    window = View.from_query(query).window
    assert (window.label(), window.granularity) == (label, granularity)


def test_old_shared_urls_open_the_same_view() -> None:
    old = {"year": "2008", "mode": "everything up to year", "layers": ["Supply routes", "Events"],
           "event": "ev_2008_03_23_torkham_tankers", "view": "34.1000,71.1000,9"}  # fmt: skip
    view = View.from_query(old)
    assert view.window == TimeWindow.of_year(2008) and view.mode == "cumulative"
    assert view.layers == ("routes", "events")
    assert view.selected == "ev_2008_03_23_torkham_tankers"
    assert view.extent == MapExtent(34.1, 71.1, 9)
    assert View.from_query({"year": "2008"}).layers == tuple(LAYERS)  # no layers: all of them


def test_a_mode_named_the_old_way_is_renamed_and_the_rest_of_the_url_kept() -> None:
    old = "year=2008&mode=everything+up+to+year&layers=Events&view=34.1000%2C71.1000%2C9"
    new = renamed_query(old)
    assert new == "year=2008&mode=everything+up+to+its+end&layers=Events&view=34.1000%2C71.1000%2C9"
    assert View.from_query(parse_qs(new)) == View.from_query(parse_qs(old))
    assert View.from_query(parse_qs(new)).mode == "cumulative"
    assert renamed_query("mode=events+in+year&year=2012") == (
        "mode=events+in+the+time+shown&year=2012"
    )
    assert renamed_query("mode=cumulative") == "mode=everything+up+to+its+end"  # the key too
    for current in ("year=2008", "mode=everything+up+to+its+end", "mode=nonsense&year=2009"):
        assert renamed_query(current) is None


days = st.dates(min_value=date(1994, 1, 1), max_value=date(2015, 12, 31))


@given(a=days, b=days, cumulative=st.booleans(), layers=st.sets(st.sampled_from(list(LAYERS))))
def test_url_round_trip_keeps_the_view(a: date, b: date, cumulative: bool, layers: set) -> None:
    view = View(window=TimeWindow(min(a, b), max(a, b)), mode="cumulative" if cumulative
                else "year", layers=tuple(layers), selected="ev_x")  # fmt: skip
    query: dict[str, list[str]] = {}
    for k, v in view.to_query():
        query.setdefault(k, []).append(v)
    if not layers:
        query["layers"] = []
    assert View.from_query(query) == view


@given(a=days, b=days)
def test_document_round_trip_keeps_the_view(a: date, b: date) -> None:
    view = View(window=TimeWindow(min(a, b), max(a, b)), extent=MapExtent(30.0, 69.0, 7),
                overlays=("acled.csv",), title="Brief", banner="UNCLASSIFIED")  # fmt: skip
    assert view_from_doc(view_to_doc(view)) == view


def test_version_1_document_opens_as_its_year() -> None:
    v1 = {"kind": DOC_KIND, "version": 1, "year": 2012, "mode": "cumulative",
          "layers": ["routes"], "event": "ev_x", "view": "33.0,70.0,8", "title": "Old"}  # fmt: skip
    view = view_from_doc(v1)
    assert view.window == TimeWindow.of_year(2012) and view.mode == "cumulative"
    assert (view.layers, view.selected, view.title) == (("routes",), "ev_x", "Old")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"kind": "other"}, "not an Atlas saved view"),
        ({"kind": DOC_KIND, "version": 9}, "unknown saved-view version 9"),
        ({"kind": DOC_KIND, "version": 2, "view": {"window": {"start": "x"}}}, "malformed"),
        ({"kind": DOC_KIND, "version": 1, "year": 1900}, "outside 1994–2015"),
    ],
)
def test_bad_documents_say_what_is_wrong(doc: dict, message: str) -> None:
    with pytest.raises(ViewDocError, match=message):
        view_from_doc(doc)


def test_equal_views_have_equal_cache_keys_whatever_the_layer_order() -> None:
    a = View(layers=("events", "routes"))
    b = View(layers=("routes", "events"))
    assert a == b and a.content_key() == b.content_key()
    assert a.with_(extent=MapExtent(30, 69, 7)).content_key() == a.content_key()
