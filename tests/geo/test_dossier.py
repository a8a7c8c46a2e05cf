"""Dossier facts: route lengths, crossing distances, corridor buffers in metres, status history."""

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from geo.compare import compare_years, sites_in_use
from geo.dossier import (
    INCIDENT_CATEGORIES,
    METRIC_CRS,
    corridor_routes,
    events_near_routes,
    length_to_vertex_km,
    place_facts,
    route_facts,
    status_history,
)
from geo.geodesy import read_border, read_countries
from geo.io import read_dataset
from geo.play import play_start, play_step
from geo.timeline import events_in_year, events_matching

DS = read_dataset()
COUNTRIES = read_countries()
BORDER = read_border()


def _route(rid: str) -> object:
    return DS.routes[DS.routes["id"] == rid].iloc[0]


def _place(pid: str) -> object:
    return DS.places[DS.places["id"] == pid].iloc[0]


def test_n5_karachi_to_torkham_is_the_documented_drawn_length() -> None:
    facts = route_facts(_route("route_torkham_n5"), DS.places, COUNTRIES)
    # 1,783 km drawn along the road reference; 1,819 km official (2 % shorter)
    assert 1770 <= facts.length_to_crossing_km <= 1819
    assert facts.length_km == pytest.approx(_route("route_torkham_n5")["length_km"], abs=1)
    assert facts.crossing_offset_km < 0.01  # the crossing is a vertex of the line
    assert set(facts.by_country_km) == {"PK", "AF"}
    assert sum(facts.by_country_km.values()) == pytest.approx(facts.length_km, rel=0.001)
    # split at the gate, not where Natural Earth draws the boundary
    assert facts.by_country_km["PK"] == pytest.approx(facts.length_to_crossing_km, abs=0.01)


@pytest.mark.parametrize(
    ("rid", "official_km", "start", "end"),
    [("route_torkham_n5", 1819, "karachi_port", "torkham_crossing"),
     ("route_torkham_n55", 1264, "kotri", "peshawar_city"),
     ("route_chaman_n65", 385, "sukkur", "quetta")],
)  # fmt: skip
def test_drawn_lengths_are_close_to_the_official_road_lengths(
    rid: str, official_km: float, start: str, end: str
) -> None:
    # Town-to-town traces were 5–11 % short; on the road reference the gap is 2–5 %.
    line = _route(rid).geometry
    pts = {"kotri": Point(68.31216, 25.366), "sukkur": Point(68.85738, 27.70516)}
    a = pts.get(start) or _place(start).geometry
    b = pts.get(end) or _place(end).geometry
    coords = list(line.coords)
    i = min(range(len(coords)), key=lambda k: Point(coords[k]).distance(a))
    j = min(range(len(coords)), key=lambda k: Point(coords[k]).distance(b))
    drawn = route_facts_length(coords[i : j + 1])
    assert 0.94 * official_km <= drawn <= official_km, drawn


def route_facts_length(coords: list[tuple[float, float]]) -> float:
    from geo.geodesy import length_km

    return length_km(LineString(coords))


def test_crossing_gates_lie_on_the_corrected_border() -> None:
    # Natural Earth's line is 3.4 km off at Chaman and 1.4 km at Torkham; the dossier measures
    # to the boundary corrected at the two gates (data/curation/border_crossings.yaml).
    for pid in ("chaman_friendship_gate", "torkham_crossing"):
        assert place_facts(_place(pid), COUNTRIES, BORDER).border_km < 0.05
    chaman = place_facts(_place("chaman_town"), COUNTRIES, BORDER).border_km
    assert 0.5 < chaman < 1.5  # the town is ~1 km east of the gate


@pytest.mark.parametrize("rid", list(DS.routes["id"]))
def test_every_route_reaches_its_crossing_before_it_ends(rid: str) -> None:
    facts = route_facts(_route(rid), DS.places, COUNTRIES)
    assert 0 < facts.length_to_crossing_km < facts.length_km


def test_length_to_vertex_is_none_off_the_line() -> None:
    line = LineString([(70, 34), (71, 34)])
    assert length_to_vertex_km(line, Point(70.5, 35)) is None
    assert length_to_vertex_km(line, Point(70, 34)) == 0.0


@pytest.mark.parametrize(
    ("pid", "near_km", "far_km"),
    [("torkham_crossing", 0, 5), ("salala_checkposts", 0, 15), ("shamsi_airfield", 150, 250),
     ("karachi_port", 450, 650)],
)  # fmt: skip
def test_place_distance_to_the_border_is_plausible(pid: str, near_km: float, far_km: float) -> None:
    facts = place_facts(_place(pid), COUNTRIES, BORDER)
    assert near_km <= facts.border_km <= far_km
    assert facts.in_claimed_country


def test_buffer_is_metric_not_degrees() -> None:
    # A line along 34° N; a point 0.1° beyond its east end is 9.2 km away (cos 34° shrinks
    # longitude), a point 0.1° north of it 11.1 km: a degree buffer would get both wrong.
    line = gpd.GeoDataFrame({"id": ["r"]}, geometry=[LineString([(70, 34), (71, 34)])],
                            crs="EPSG:4326")  # fmt: skip
    events = gpd.GeoDataFrame(
        {"id": ["east", "north", "none"], "start": pd.to_datetime(["2008", "2009", "2010"])},
        geometry=[Point(71.1, 34), Point(70.5, 34.1), None], crs="EPSG:4326",
    )  # fmt: skip
    assert list(events_near_routes(events, line, 10)["id"]) == ["east"]
    assert list(events_near_routes(events, line, 12)["id"]) == ["east", "north"]
    assert events_near_routes(events, line, 0).empty
    with pytest.raises(ValueError, match="buffer_km"):
        events_near_routes(events, line, -1)
    assert METRIC_CRS == "EPSG:32642"


def test_wider_buffer_never_finds_fewer_incidents() -> None:
    routes = corridor_routes(DS.routes, "torkham")
    counts = [len(events_near_routes(DS.events, routes, km)) for km in (1, 5, 10, 25, 50, 100)]
    assert counts == sorted(counts)
    near = events_near_routes(DS.events, routes, 10)
    assert "ev_2008_03_23_torkham_tankers" in set(near["id"])
    assert "ev_2011_11_26_salala" not in set(near["id"])  # Salala is off the road (Mohmand)


def test_readme_states_the_dossier_incident_counts_the_data_gives() -> None:
    """The README's worked figure went stale (14 and 3) as the attack records grew."""
    text = " ".join((Path(__file__).parents[2] / "README.md").read_text().split())
    found = re.search(r"At 10 km the Torkham corridor has (\d+) incidents and the Chaman "
                      r"corridor (\d+)\b", text)  # fmt: skip
    assert found, "README: the dossier's worked incident figure is missing"
    pool = events_matching(DS.events, categories=list(INCIDENT_CATEGORIES))
    counts = [len(events_near_routes(pool, corridor_routes(DS.routes, c), 10))
              for c in ("torkham", "chaman")]  # fmt: skip
    assert [int(found[1]), int(found[2])] == counts


def test_status_history_is_contiguous_and_closes_open_ends() -> None:
    spells = status_history(DS.periods, "torkham")
    assert spells["status"].tolist()[:3] == ["inactive", "open", "closed"]
    assert (spells["start"].iloc[1:].to_numpy() == spells["end"].iloc[:-1].to_numpy()).all()
    assert spells["open_ended"].tolist()[-1] is True or spells["open_ended"].iloc[-1]
    assert "blocked" in set(spells["status"])


def test_compare_years_marks_what_changed() -> None:
    table = compare_years(DS, 2010, 2012).set_index("aspect")
    assert table.loc["Torkham corridor", "changed"]
    assert table.loc["Events (all)", "2010"] == str(len(events_in_year(DS.events, 2010)))
    assert "Shamsi" in table.loc["Sites and missions in use", "2010"]
    assert not compare_years(DS, 2005, 2005)["changed"].any()
    assert sites_in_use(DS, 1999) == []
    cumulative = compare_years(DS, 2010, 2012, "cumulative").set_index("aspect")
    assert int(cumulative.loc["Events (all)", "2012"]) > int(table.loc["Events (all)", "2012"])


@pytest.mark.parametrize(
    ("year", "loop", "expected"),
    [(1994, False, (1995, True)), (2014, False, (2015, True)), (2015, False, (2015, False)),
     (2015, True, (1994, True))],
)  # fmt: skip
def test_play_step_stops_at_the_end_unless_loop(year: int, loop: bool, expected: tuple) -> None:
    assert play_step(year, loop=loop) == expected


def test_play_restarts_from_the_first_year_at_the_end() -> None:
    assert (play_start(2015), play_start(2003)) == (1994, 2003)
