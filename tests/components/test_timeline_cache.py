"""The timeline's cache is keyed on the dataset's content, never on a frame's identity."""

from geo.io import read_dataset
from geo.view import TimeWindow, View
from tests.conftest import event, write_dataset


def _ids(spec: dict) -> set[str]:
    return {row["id"] for row in spec["datasets"]["timeline_events"]}


def test_a_new_dataset_is_never_served_an_old_ones_timeline(tmp_path, monkeypatch) -> None:
    # The id()-keyed cache this replaced held no reference to its frame: once the frame was
    # freed, a new frame could get its id and be served the old frame's events.
    from components.timeline import timeline_spec

    view = View(window=TimeWindow.of_year(2011))
    first = write_dataset(tmp_path / "a", events=[event("ev_a", "2011-03-01")])
    monkeypatch.setenv("ATLAS_DATA_DIR", str(first))
    assert _ids(timeline_spec(read_dataset(first), view)) == {"ev_a"}
    second = write_dataset(tmp_path / "b", events=[event("ev_b", "2011-03-01")])
    monkeypatch.setenv("ATLAS_DATA_DIR", str(second))
    for _ in range(3):  # free and rebuild frames, as reruns do
        assert _ids(timeline_spec(read_dataset(second), view)) == {"ev_b"}


def test_the_map_timeline_is_given_every_dataset_its_layers_draw() -> None:
    # The drone lane's yearly bars are the chart's own inline data; the view's datasets
    # were once put in their place, and the Map page drew that lane empty.
    from components.timeline import drawn_spec, timeline_spec

    ds = read_dataset()
    view = View(window=TimeWindow.of_month(2012, 3))
    for spec in (drawn_spec(ds, view), timeline_spec(ds, view)):
        names = [layer["data"]["name"] for layer in spec["layer"]]
        assert len(set(names)) == 4 and set(names) <= set(spec["datasets"])  # band twice
        assert all(len(spec["datasets"][n]) > 0 for n in names)
    drones = next(n for n in names if n.startswith("data-"))
    rows = timeline_spec(ds, view)["datasets"][drones]
    assert {r["year"] for r in rows} >= {2004, 2010, 2015}  # every year with strikes
