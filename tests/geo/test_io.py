"""Reading and validating data files: clear errors naming file, feature and field."""

import json
from pathlib import Path

import pytest

from geo.errors import AtlasDataError
from geo.io import read_dataset
from tests.conftest import event, write_dataset


def test_tiny_dataset_reads_with_derived_dates(tiny) -> None:
    ev = tiny.events.set_index("id")
    assert str(ev.loc["ev_1994", "start"].date()) == "1994-05-01"
    assert str(ev.loc["ev_1994", "end"].date()) == "1994-05-31"
    assert str(ev.loc["ev_2011a", "end"].date()) == "2012-07-03"
    assert ev.loc["ev_2015", "geometry"] is None
    assert tiny.metadata["dataset_version"] == "0.0.1"


def test_missing_file_is_named(tiny_dir: Path) -> None:
    (tiny_dir / "routes.geojson").unlink()
    with pytest.raises(AtlasDataError, match=r"routes\.geojson: file is missing"):
        read_dataset(tiny_dir)


def test_truncated_json_names_file_and_line(tiny_dir: Path) -> None:
    path = tiny_dir / "events.geojson"
    path.write_text(path.read_text()[:200], encoding="utf-8")
    with pytest.raises(AtlasDataError, match=r"events\.geojson: is not valid JSON \(line"):
        read_dataset(tiny_dir)


@pytest.mark.parametrize(
    ("bad", "field", "needle"),
    [
        ({"category": "party"}, "category", "invalid value 'party'"),
        ({"date_precision": "week"}, "date_precision", "invalid value 'week'"),
        ({"sources": []}, "sources", "invalid value []"),
        ({"sources": [{"title": "x", "publisher": "y", "url": "javascript:alert(1)"}]},
         "sources", "invalid value"),
        ({"casualties": {"killed": {"low": 30, "best": 24, "high": 28}}}, "casualties",
         "invalid value"),
    ],
)  # fmt: skip
def test_bad_field_names_file_feature_and_field(
    tmp_path: Path, bad: dict, field: str, needle: str
) -> None:
    folder = write_dataset(tmp_path / "d", events=[event("ev_bad", "2008-03-23", **bad)])
    with pytest.raises(AtlasDataError) as err:
        read_dataset(folder)
    assert err.value.file == "events.geojson"
    assert err.value.feature_id == "ev_bad"
    assert err.value.field == field
    assert needle in str(err.value)


def test_date_not_at_its_precision_is_rejected(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "d", events=[event("ev_x", "2008-03", "day")])
    with pytest.raises(AtlasDataError, match="does not match date_precision 'day'"):
        read_dataset(folder)


def test_swapped_coordinates_are_rejected(tmp_path: Path) -> None:
    bad = event("ev_x", "2008-03-23", geometry={"type": "Point", "coordinates": [34.1, 171.0]})
    folder = write_dataset(tmp_path / "d", events=[bad])
    with pytest.raises(AtlasDataError, match="lat and lon swapped"):
        read_dataset(folder)


def test_unknown_place_reference_is_rejected(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "d", events=[event("ev_x", "2008", "year", place_id="nowhere")]
    )
    with pytest.raises(AtlasDataError, match="unknown place 'nowhere'"):
        read_dataset(folder)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "d", events=[event("ev_x", "2008"[:4], "year")] * 2)
    with pytest.raises(AtlasDataError, match="duplicate id"):
        read_dataset(folder)


def test_legacy_crs_member_is_rejected(tiny_dir: Path) -> None:
    path = tiny_dir / "places.geojson"
    doc = json.loads(path.read_text())
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
    path.write_text(json.dumps(doc))
    with pytest.raises(AtlasDataError, match="legacy 'crs'"):
        read_dataset(tiny_dir)
