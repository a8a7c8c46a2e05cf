"""Geodesy with pyproj.Geod on the shipped data: lengths, border distances, claimed countries."""

import pytest
from shapely.geometry import LineString, Point

from geo.geodesy import (
    country_of,
    distance_km,
    distance_to_line_km,
    length_by_country_km,
    length_km,
    lies_in_claimed_country,
    read_border,
    read_countries,
)
from geo.io import read_dataset

DS = read_dataset()
PLACES = DS.places.set_index("id")
COUNTRIES = read_countries()
BORDER = read_border()


def at(place_id: str) -> Point:
    return PLACES.loc[place_id, "geometry"]


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ("torkham_crossing", "landi_kotal", 5.5),
        ("peshawar_city", "jamrud", 18.0),
        ("karachi_port", "port_qasim", 37.1),
        ("kandahar_city", "kandahar_airfield", 17.7),
    ],
)
def test_distances_match_the_gazetteer_checks(a: str, b: str, km: float) -> None:
    assert distance_km(at(a), at(b)) == pytest.approx(km, abs=0.3)


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert length_km(LineString([(70, 30), (70, 31)])) == pytest.approx(110.9, abs=0.2)


def test_salala_lies_on_the_pakistani_side() -> None:
    assert country_of(at("salala_checkposts"), COUNTRIES) == "PK"
    assert 0.5 < distance_to_line_km(at("salala_checkposts"), BORDER) < 15


def test_crossings_sit_on_the_border_within_the_basemaps_accuracy() -> None:
    assert distance_to_line_km(at("torkham_crossing"), BORDER) < 1.5
    # Natural Earth draws the line ~3.4 km off the Chaman gate (data/basemap/README.md)
    assert distance_to_line_km(at("chaman_friendship_gate"), BORDER) < 4.0


@pytest.mark.parametrize("place_id", sorted(PLACES.index))
def test_every_place_lies_in_the_country_it_claims(place_id: str) -> None:
    place = PLACES.loc[place_id]
    # outside the detailed region the basemap is coarse (0.08°), so allow more slack there
    slack = 4 if place["country"] in {"PK", "AF", "PK/AF"} else 10
    assert lies_in_claimed_country(place["geometry"], place["country"], COUNTRIES,
                                   tolerance_km=slack)  # fmt: skip


def test_main_routes_split_by_country_add_up() -> None:
    for route in DS.routes[DS.routes["variant"] == "main"].itertuples():
        parts = length_by_country_km(route.geometry, COUNTRIES)
        assert set(parts) <= {"PK", "AF", "other"}
        assert sum(parts.values()) == pytest.approx(length_km(route.geometry), rel=0.01)
        assert parts["PK"] > parts["AF"] > 50
        assert parts.get("other", 0) < 5


def test_torkham_main_route_is_about_as_long_as_n5() -> None:
    n5 = DS.routes.set_index("id").loc["route_torkham_n5", "geometry"]
    parts = length_by_country_km(n5, COUNTRIES)
    # N-5 is 1,819 km by road; the drawn town-to-town trace straightens bends (data/README.md)
    assert 1650 < parts["PK"] < 1900
