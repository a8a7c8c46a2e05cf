"""Corridor and place status at a date: closures start and end on the right days."""

from datetime import date

import pytest

from geo.status import corridor_year_status, index_spells, spells_in_year, status_on, window_status
from geo.summary import format_casualties
from tests.conftest import period, scene_of, write_dataset


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
    assert status_on(tiny.spells, "torkham", day).status == status


def test_place_status_ends_on_its_exclusive_end(tiny) -> None:
    assert status_on(tiny.spells, "shamsi_airfield", date(2011, 12, 10)).status == "us_use"
    assert status_on(tiny.spells, "shamsi_airfield", date(2011, 12, 11)) is None


def test_year_status_takes_the_most_severe_and_says_when(tiny) -> None:
    s2011 = corridor_year_status(tiny.spells, "chaman", 2011)
    assert s2011.status == "closed"
    assert s2011.note == "closed from 26 Nov 2011"
    s2012 = corridor_year_status(tiny.spells, "chaman", 2012)
    assert s2012.status == "closed"
    assert s2012.note == "closed until reopening on 3 Jul 2012"
    assert corridor_year_status(tiny.spells, "chaman", 2005).note == "open all year"


def test_spells_in_year_lists_changes_in_order(tiny) -> None:
    assert [s.status for s in spells_in_year(tiny.spells, "torkham", 2001)] == ["inactive", "open"]


def test_summary_reads_like_an_analyst_line(tiny) -> None:
    line = scene_of(tiny, 2011).summary
    assert line == (
        "2011: 2 events · both corridors closed from 26 Nov 2011 · US use of Shamsi ended 11 Dec"
    )
    assert scene_of(tiny, 1999).summary.startswith("1999: no recorded events")
    assert "no NATO transit through Pakistan yet" in scene_of(tiny, 1995).summary


@pytest.mark.parametrize(
    ("when", "status", "note"),
    [
        ("2012-03-15", "closed", "closed 26 Nov 2011 – 3 Jul 2012"),
        ("2012-08-15", "open", "open since 3 Jul 2012"),
        ("2011-06-15", "open", "open 20 Dec 2001 – 26 Nov 2011"),
        ("2012-07", "closed", "closed until reopening on 3 Jul 2012"),
        ("2012-08", "open", "open throughout"),
    ],
)
def test_a_day_or_month_shows_the_status_that_held_then(tiny, when, status, note) -> None:
    scene = scene_of(tiny, when)
    states = {c.corridor: c.status for c in scene.corridors}
    assert {s.status for s in states.values()} == {status}
    assert states["torkham"].note == note
    assert f"({note})." in " ".join(scene.notes)


def test_a_year_that_changes_status_keeps_both(tiny) -> None:
    ws = window_status(tiny.spells, "torkham", date(2011, 1, 1), date(2011, 12, 31))
    assert (ws.status, ws.also) == ("closed", ("open",))


def _blockade_dataset(tmp_path):
    from geo.io import read_dataset
    from tests.conftest import route

    periods = [
        period("t1", "torkham", "open", "2001-12-20", "2013-11-24"),
        period("tb", "torkham", "blocked", "2013-11-24", "2014-02-27",
               region="Khyber Pakhtunkhwa"),
        period("t3", "torkham", "open", "2014-02-27", None),
        period("c1", "chaman", "open", "2001-12-20", None),
    ]  # fmt: skip
    traced = {"basis": "traced", "ref": None, "accuracy_km": 4.0, "p95_km": None, "max_km": None}
    stretches = [
        {"from_km": 0, "to_km": 800, "region": "Sindh", **traced},
        {"from_km": 800, "to_km": 1200, "region": "Khyber Pakhtunkhwa", **traced},
    ]
    routes = [
        route("route_t", "torkham", [[66.975, 24.84], [71.08472, 34.11472]], stretches=stretches),
        route("route_c", "chaman", [[66.975, 24.84], [66.44472, 30.92222]],
              border_crossing_id="karachi_port"),
    ]  # fmt: skip
    return read_dataset(write_dataset(tmp_path / "d", periods=periods, routes=routes))


def test_a_regional_period_holds_only_on_its_regions_stretches(tmp_path) -> None:
    ds = _blockade_dataset(tmp_path)
    scene = scene_of(ds, "2013-12-15")
    by_region = {p.region: p.status.status for p in scene.routes if p.corridor == "torkham"}
    assert by_region == {"Sindh": "open", "Khyber Pakhtunkhwa": "blocked"}
    assert {p.status.status for p in scene.routes if p.corridor == "chaman"} == {"open"}
    torkham = next(line for line in scene.notes if line.startswith("Torkham"))
    # one parenthesis deep: it read "Blocked (protest) (blocked in Khyber Pakhtunkhwa (…); …)"
    assert "(blocked" not in torkham and torkham.count("(") == 2, torkham
    assert "Blocked (protest) in Khyber Pakhtunkhwa" in torkham and ", elsewhere open" in torkham
    assert "Chaman corridor (1 line): Open" in " ".join(scene.notes)  # not "1 lines"
    # before and after the blockade, the whole line is open
    assert {p.status.status for p in scene_of(ds, "2014-03-01").routes} == {"open"}


def test_spells_outside_a_region_bridge_the_regional_gap(tmp_path) -> None:
    ds = _blockade_dataset(tmp_path)
    day = date(2014, 1, 10)
    assert status_on(ds.spells, "torkham", day, region="Sindh").status == "open"
    assert status_on(ds.spells, "torkham", day, region="Khyber Pakhtunkhwa").status == "blocked"
    assert status_on(ds.spells, "torkham", day).status == "blocked"  # anywhere on the line


def test_spell_index_is_per_dataset_not_per_object(tiny, tmp_path) -> None:
    # The index lives with its dataset: a frame with the same shape but other periods
    # never gets the first one's spells (the id()-keyed cache this replaced could).
    other = tiny.periods.copy()
    other["status"] = "closed"
    assert index_spells(other)["torkham"][0].status == "closed"
    assert tiny.spells["torkham"][0].status == "inactive"


def test_casualty_ranges_show_disagreement() -> None:
    got = format_casualties({"killed": {"low": 24, "best": 24, "high": 28},
                             "wounded": {"low": 12, "best": None, "high": 13}})  # fmt: skip
    assert got == "24 killed (reports range 24–28) · 12–13 wounded"
    assert format_casualties(None) == ""
