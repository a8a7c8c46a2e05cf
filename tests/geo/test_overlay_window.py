"""Overlay time: date windows at each row's precision, years outside the story, full rejection."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.overlay import (
    ColumnMapping,
    OverlayError,
    load_overlay,
    outside_years,
    overlay_in_year,
    period_bounds,
    rows_in_window,
    year_span,
)

CSV = (b"lat,lon,date\n33.6,73.0,2011-03-12\n34.0,71.5,2011-05\n31.5,74.3,2012\n"
       b"30.2,67.0,2013-12-31\n")  # fmt: skip


@pytest.fixture
def ov():
    return load_overlay(CSV, "mixed.csv")


@pytest.mark.parametrize(
    ("start", "end", "cumulative", "dates"),
    [
        (date(2011, 3, 12), date(2011, 3, 12), False, ["2011-03-12"]),
        (date(2011, 3, 13), date(2011, 5, 1), False, ["2011-05"]),
        (date(2011, 6, 1), date(2011, 12, 31), False, []),
        (date(2012, 7, 1), date(2012, 7, 31), False, [""]),  # a year-only row: all of 2012
        (date(2011, 12, 1), date(2013, 1, 1), False, [""]),
        (date(1990, 1, 1), date(2011, 5, 1), True, ["2011-03-12", "2011-05"]),
        (date(2013, 12, 31), date(2014, 1, 1), False, ["2013-12-31"]),
    ],
)
def test_window_respects_each_rows_precision(ov, start, end, cumulative, dates) -> None:
    shown = rows_in_window(ov.events, start, end, cumulative)
    assert shown["date"].tolist() == dates


def test_window_keeps_the_overlay_index_for_click_trace_back(ov) -> None:
    shown = rows_in_window(ov.events, date(2013, 1, 1), date(2013, 12, 31))
    assert shown.index.tolist() == [3]


def test_year_slicing_still_works(ov) -> None:
    assert len(overlay_in_year(ov, 2011)) == 2
    assert year_span(ov) == (2011, 2013)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(st.dates(date(1950, 1, 1), date(2090, 12, 31)),
                            st.sampled_from(["day", "month", "year"])), min_size=1, max_size=15),
    a=st.dates(date(1950, 1, 1), date(2090, 12, 31)),
    b=st.dates(date(1950, 1, 1), date(2090, 12, 31)),
    cumulative=st.booleans(),
)  # fmt: skip
def test_window_matches_a_day_by_day_reading(rows, a, b, cumulative) -> None:
    start, end = min(a, b), max(a, b)
    text = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": ""}
    frame = pd.DataFrame({"year": [d.year for d, _ in rows],
                          "date": [d.strftime(text[p]) for d, p in rows],
                          "date_precision": [p for _, p in rows]})  # fmt: skip
    got = rows_in_window(frame, start, end, cumulative).index.tolist()

    def period(d: date, p: str) -> tuple[date, date]:
        if p == "day":
            return d, d
        if p == "year":
            return date(d.year, 1, 1), date(d.year, 12, 31)
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return date(d.year, d.month, 1), date.fromordinal(nxt.toordinal() - 1)

    expected = [
        i
        for i, (d, p) in enumerate(rows)
        if period(d, p)[0] <= end and (cumulative or period(d, p)[1] >= start)
    ]
    assert got == expected  # fmt: skip
    first, last = period_bounds(frame)
    assert (first <= last).all()


def test_events_outside_the_story_are_counted_at_once() -> None:
    ov = load_overlay(b"lat,lon,year\n33,73,2020\n33,73,2024\n33,73,2011\n33,73,1990\n", "b.csv")
    assert outside_years(ov, 1994, 2015) == (
        "3 of 4 events fall outside the story’s years 1994–2015 (1 from 1990; 2 from 2020–2024)."
    )
    inside = load_overlay(b"lat,lon,year\n33,73,2011\n", "a.csv")
    assert outside_years(inside, 1994, 2015) is None


def test_full_rejection_quotes_offending_values_and_offers_the_year_column() -> None:
    data = (b"lat,lon,event_date,yr\n33,73,sometime,2011\n34,71,later on,2012\n"
            b"31,74,spring,2013\n")  # fmt: skip
    with pytest.raises(OverlayError) as info:
        load_overlay(data, "odd.csv")
    err = info.value
    assert "all 3 rows were rejected" in str(err)
    assert "for example 'sometime', 'later on', 'spring'" in str(err)
    assert err.columns == ["lat", "lon", "event_date", "yr"]
    assert err.examples == ["'sometime'", "'later on'", "'spring'"]
    assert err.suggested == ColumnMapping(lat="lat", lon="lon", date="event_date")
    by_year = ColumnMapping(lat="lat", lon="lon", year="yr")
    assert load_overlay(data, "odd.csv", mapping=by_year).events["year"].tolist() == [
        2011, 2012, 2013,
    ]  # fmt: skip


def test_full_rejection_names_a_year_column_to_fall_back_on() -> None:
    data = b"latitude,longitude,event_date,year\n33,73,sometime,x\n34,71,later,y\n"
    with pytest.raises(OverlayError) as info:
        load_overlay(data, "odd.csv")
    assert info.value.year_column == "year"
    assert info.value.columns


def test_the_loaders_docstring_examples_hold() -> None:
    import doctest

    import geo.overlay as package
    from geo.overlay import dates, formats, window

    for module in (package, dates, formats, window):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
