"""An overlay in the session: rows ordered by year once, a year is a slice, clicks trace back."""

import json

import pandas as pd

from components.overlays import OverlayEntry
from geo.overlay import load_overlay, overlay_in_year, overlay_up_to_year


def entry() -> OverlayEntry:
    rows = [[33.0 + i / 100, 71.0 + i / 100, year, f"Place {i}"]
            for i, year in enumerate([2011, 2009, 2011, 2010, 2009, 2011, 1990])]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["lat", "lon", "year", "name"])
    ov = load_overlay(frame.to_csv(index=False).encode(), "mixed.csv")
    return OverlayEntry(key="ov1", overlay=ov, color="#332288")


def test_year_and_cumulative_rows_match_the_filters() -> None:
    e = entry()

    def points(frame: pd.DataFrame) -> list[tuple[float, float]]:
        return sorted(zip(frame["lat"], frame["lon"], strict=True))

    for year in (1990, 2009, 2010, 2011, 2012):
        assert points(e.shown(year, "year")) == points(overlay_in_year(e.overlay, year))
        assert points(e.shown(year, "cumulative")) == points(overlay_up_to_year(e.overlay, year))


def test_a_years_slice_of_the_payload_is_that_year_and_traces_to_its_own_records() -> None:
    e = entry()
    rows = json.loads(e.payload())["rows"]
    lo, hi = e.bounds(2011, "year")
    assert hi - lo == 3
    for lat, lon, _label, _date, row in rows[lo:hi]:
        record = e.overlay.events.loc[row]  # what the card beside the map shows on a click
        assert int(record["year"]) == 2011
        assert (round(record["lat"], 4), round(record["lon"], 4)) == (lat, lon)
    lo, hi = e.bounds(2010, "cumulative")
    assert {int(e.overlay.events.loc[r[4], "year"]) for r in rows[lo:hi]} == {1990, 2009, 2010}


def test_a_quiet_year_is_an_empty_slice() -> None:
    lo, hi = entry().bounds(2000, "year")
    assert lo == hi


def test_a_date_window_picks_payload_rows_at_their_precision() -> None:
    from datetime import date

    csv = (b"lat,lon,date\n33.1,71.1,2011-03-12\n33.2,71.2,2011\n33.3,71.3,2010-05\n"
           b"33.4,71.4,2011-07\n")  # fmt: skip
    e = OverlayEntry(key="ov1", overlay=load_overlay(csv, "w.csv"), color="#332288")
    rows = json.loads(e.payload())["rows"]
    picked = e.window_positions(date(2011, 7, 1), date(2011, 7, 31), cumulative=False)
    assert sorted(rows[i][3] for i in picked) == ["2011", "2011-07"]  # the year-only row too
    shown = e.shown_window(date(2011, 3, 12), date(2011, 3, 12), cumulative=True)
    assert sorted(shown["date"]) == ["", "2010-05", "2011-03-12"]
