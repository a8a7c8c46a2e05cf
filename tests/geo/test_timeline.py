"""Event filters at the edges: first and last year, quiet years, ongoing events, modes."""

from datetime import date

import pytest

from geo.timeline import (
    clamp_year,
    counts_by_year,
    events_between,
    events_in_year,
    events_matching,
    events_shown,
    events_up_to_year,
)


def ids(frame) -> list[str]:
    return sorted(frame["id"])


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1994, ["ev_1994"]),
        (1999, []),
        (2011, ["ev_2011a", "ev_2011b"]),
        (2012, ["ev_2011a"]),  # the closure is still going on
        (2015, ["ev_2015"]),
    ],
)
def test_events_in_year(tiny, year: int, expected: list[str]) -> None:
    assert ids(events_in_year(tiny.events, year)) == expected


def test_quiet_year_gives_empty_frame_with_same_columns(tiny) -> None:
    quiet = events_in_year(tiny.events, 1999)
    assert quiet.empty
    assert list(quiet.columns) == list(tiny.events.columns)


def test_up_to_year_is_cumulative(tiny) -> None:
    assert ids(events_up_to_year(tiny.events, 1994)) == ["ev_1994"]
    assert len(events_up_to_year(tiny.events, 2015)) == len(tiny.events)


def test_modes_choose_the_filter(tiny) -> None:
    assert ids(events_shown(tiny.events, 2008, "year")) == ["ev_2008"]
    assert ids(events_shown(tiny.events, 2008, "cumulative")) == ["ev_1994", "ev_2008"]
    with pytest.raises(ValueError, match="unknown mode"):
        events_shown(tiny.events, 2008, "all")


def test_date_range_includes_events_touching_its_edges(tiny) -> None:
    got = events_between(tiny.events, date(2012, 7, 3), date(2012, 7, 3))
    assert ids(got) == ["ev_2011a"]
    assert events_between(tiny.events, date(2012, 7, 4), date(2013, 1, 1)).empty


def test_month_precision_event_covers_its_whole_month(tiny) -> None:
    assert ids(events_between(tiny.events, date(1994, 5, 31), date(1994, 5, 31))) == ["ev_1994"]


def test_filters_by_category_place_and_text(tiny) -> None:
    assert ids(events_matching(tiny.events, categories=["logistics"])) == ["ev_2011a"]
    assert ids(events_matching(tiny.events, place_id="shamsi_airfield")) == ["ev_2011b"]
    assert ids(events_matching(tiny.events, text="EVENT EV_2008")) == ["ev_2008"]
    assert events_matching(tiny.events, text="no such words").empty


def test_clamp_year_keeps_bad_url_values_in_range() -> None:
    assert clamp_year("1990") == 1994
    assert clamp_year("2099") == 2015
    assert clamp_year("<script>") == 2015


def test_counts_by_year(tiny) -> None:
    counts = counts_by_year(tiny.events)
    assert counts.set_index(["year", "category"]).loc[(2011, "conflict"), "events"] == 1
