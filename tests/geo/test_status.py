"""Corridor and place status at a date: closures start and end on the right days."""

from datetime import date

import pytest

from geo.status import corridor_year_status, spells_in_year, status_on
from geo.summary import corridors_phrase, format_casualties, year_summary


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(1994, 1, 1), "inactive"),
        (date(2011, 11, 25), "open"),
        (date(2011, 11, 26), "closed"),  # the day the closure starts
        (date(2012, 2, 1), "closed"),  # inside the closure
        (date(2012, 7, 2), "closed"),
        (date(2012, 7, 3), "open"),  # the day it ends: reopened
        (date(2015, 12, 31), "open"),
    ],
)
def test_status_on_day(tiny, day: date, status: str) -> None:
    assert status_on(tiny.periods, "torkham", day).status == status


def test_place_status_ends_on_its_exclusive_end(tiny) -> None:
    assert status_on(tiny.periods, "shamsi_airfield", date(2011, 12, 10)).status == "us_use"
    assert status_on(tiny.periods, "shamsi_airfield", date(2011, 12, 11)) is None


def test_year_status_takes_the_most_severe_and_says_when(tiny) -> None:
    s2011 = corridor_year_status(tiny.periods, "chaman", 2011)
    assert s2011.status == "closed"
    assert s2011.note == "closed from 26 Nov 2011"
    s2012 = corridor_year_status(tiny.periods, "chaman", 2012)
    assert s2012.status == "closed"
    assert s2012.note == "closed until reopening on 3 Jul 2012"
    assert corridor_year_status(tiny.periods, "chaman", 2005).note == "open all year"


def test_spells_in_year_lists_changes_in_order(tiny) -> None:
    assert [s.status for s in spells_in_year(tiny.periods, "torkham", 2001)] == ["inactive", "open"]


def test_summary_reads_like_an_analyst_line(tiny) -> None:
    line = year_summary(tiny.events, tiny.periods, 2011, "year")
    assert line == (
        "2011: 2 events · both corridors closed from 26 Nov 2011 · US use of Shamsi ended 11 Dec"
    )
    assert year_summary(tiny.events, tiny.periods, 1999).startswith("1999: no recorded events")
    assert corridors_phrase(tiny.periods, 1995) == "no NATO transit through Pakistan yet"


def test_casualty_ranges_show_disagreement() -> None:
    got = format_casualties({"killed": {"low": 24, "best": 24, "high": 28},
                             "wounded": {"low": 12, "best": None, "high": 13}})  # fmt: skip
    assert got == "24 killed (reports range 24–28) · 12–13 wounded"
    assert format_casualties(None) == ""
