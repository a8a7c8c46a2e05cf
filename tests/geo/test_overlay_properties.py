"""Property tests: the overlay loader is total and only ever yields valid coordinates."""

import json
import math
from datetime import date

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.overlay import Overlay, OverlayError, load_overlay
from geo.overlay.dates import parse_dates

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([0, -0.0, 90, 90.0000001, -180, 180.5, 1e309]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=20))
json_ish = st.recursive(
    scalars,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=20,
)
geometry = st.one_of(
    st.none(),
    json_ish,
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Point", "MultiPoint", "Polygon", "LineString", "Nope"]),
            "coordinates": st.one_of(st.lists(numbers, max_size=4), json_ish),
        }
    ),
)
properties = st.one_of(
    st.none(),
    json_ish,
    st.fixed_dictionaries(
        {},
        optional={
            "year": st.one_of(st.integers(1800, 2200), st.text(max_size=6), numbers),
            "date": st.one_of(st.dates().map(str), st.text(max_size=12)),
            "name": st.text(max_size=20),
        },
    ),
)
feature = st.one_of(
    json_ish,
    st.fixed_dictionaries(
        {"type": st.just("Feature"), "geometry": geometry, "properties": properties}
    ),
)
collection = st.fixed_dictionaries(
    {"type": st.sampled_from(["FeatureCollection", "Feature", "Topology", "x"])},
    optional={"features": st.one_of(st.lists(feature, max_size=6), json_ish), "crs": json_ish},
)
csv_cell = st.one_of(
    st.text(alphabet='0123456789.,-+eE "\n;\tabcNaInfy', max_size=8),
    st.floats().map(str),
    st.integers(1850, 2150).map(str),
)


def _assert_total(data: bytes, name: str) -> None:
    try:
        result = load_overlay(data, name)
    except OverlayError:
        return
    assert isinstance(result, Overlay)
    events = result.events
    assert len(events) > 0
    assert np.isfinite(events["lat"]).all()
    assert np.isfinite(events["lon"]).all()
    assert events["lat"].between(-90, 90).all()
    assert events["lon"].between(-180, 180).all()
    assert not ((events["lat"] == 0) & (events["lon"] == 0)).any()
    assert events["year"].between(1900, 2100).all()


@SETTINGS
@given(data=st.binary(max_size=4_000), name=st.sampled_from(["f.geojson", "f.csv", "f", "f.json"]))
def test_arbitrary_bytes_give_an_overlay_or_an_overlay_error(data: bytes, name: str) -> None:
    _assert_total(data, name)


@SETTINGS
@given(doc=st.one_of(collection, json_ish))
def test_arbitrary_json_gives_an_overlay_or_an_overlay_error(doc: object) -> None:
    _assert_total(json.dumps(doc).encode(), "f.geojson")


@SETTINGS
@given(
    header=st.lists(
        st.sampled_from(["lat", "lon", "year", "date", "latitude", "x", "name", "LNG", ""]),
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(csv_cell, min_size=0, max_size=7), max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_csv_gives_an_overlay_or_an_overlay_error(
    header: list[str], rows: list[list[str]], sep: str
) -> None:
    text = "\n".join(sep.join(r) for r in [header, *rows])
    _assert_total(text.encode(), "f.csv")


@SETTINGS
@given(
    points=st.lists(
        st.tuples(
            st.floats(-180, 180, allow_nan=False),
            st.floats(-90, 90, allow_nan=False),
            st.integers(1900, 2100),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_valid_points_all_load_with_their_coordinates(
    points: list[tuple[float, float, int]],
) -> None:
    feats = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": {"year": year}}
        for lon, lat, year in points
    ]  # fmt: skip
    data = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
    null_island = sum(1 for lon, lat, _ in points if lon == 0 and lat == 0)
    if null_island == len(points):
        return
    ov = load_overlay(data, "valid.geojson")
    assert len(ov.events) + len(ov.rejected) == len(points)
    assert len(ov.rejected) == null_island
    kept = [(lat, lon, y) for lon, lat, y in points if not (lon == 0 and lat == 0)]
    got = list(zip(ov.events["lat"], ov.events["lon"], ov.events["year"], strict=True))
    assert all(
        math.isclose(a, c) and math.isclose(b, d) and y == z
        for (a, b, y), (c, d, z) in zip(kept, got, strict=True)
    )


DATE_FORMATS = {
    "iso": "%Y-%m-%d", "iso-time": "%Y-%m-%dT%H:%M:%SZ", "compact": "%Y%m%d",
    "day-first": "%d/%m/%Y", "month-first": "%m/%d/%Y", "day-month-name": "%d %B %Y",
    "abbrev-2-digit": "%d-%b-%y", "month-name-first": "%B %d, %Y",
}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    days=st.lists(st.dates(min_value=date(1969, 1, 1), max_value=date(2068, 12, 31)),
                  min_size=1, max_size=12),
    fmt=st.sampled_from(sorted(DATE_FORMATS)),
)  # fmt: skip
def test_a_date_column_reads_back_to_its_days(days: list[date], fmt: str) -> None:
    text = [d.strftime(DATE_FORMATS[fmt]) for d in days]
    order = {"day-first": "dmy", "month-first": "mdy"}.get(fmt)
    parsed = parse_dates(pd.Series(text), order=order)
    assert parsed.iso.tolist() == [d.isoformat() for d in days]
    assert parsed.year.tolist() == [d.year for d in days]
    if order is None:
        return
    free = parse_dates(pd.Series(text))  # the column decides when some value settles it
    settles = any(d.day > 12 for d in days)
    if settles:
        assert free.iso.tolist() == parsed.iso.tolist()
        assert not free.reading.ambiguous
    else:
        assert free.reading.ambiguous == any(d.day != d.month for d in days)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.dates(date(1994, 1, 1), date(2100, 12, 31)), st.booleans()),
                     min_size=1, max_size=10))  # fmt: skip
def test_every_row_with_a_readable_year_loads_whatever_its_date(rows) -> None:
    lines = ["latitude,longitude,event_date,year"]
    for d, readable in rows:
        lines.append(f"33.6,73.0,{d.isoformat() if readable else 'about then'},{d.year}")
    ov = load_overlay("\n".join(lines).encode(), "acled.csv")
    assert ov.events["year"].tolist() == [d.year for d, _ in rows]
    assert ov.events["date_precision"].tolist() == ["day" if r else "year" for _, r in rows]
