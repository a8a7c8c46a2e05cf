"""The sheet's labels: event numbers, place names and province names never overlap."""

import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.io import read_dataset
from render import sheet
from render.sheet_labels import LabelRequest, Placement, overlaps, place_labels
from tests.conftest import scene_of

DS = read_dataset()
CASES = [(2008, "a4-300dpi"), (2011, "1920x1080"), (2011, "a4-300dpi"), (2008, "1920x1080")]


def _check_clear(layout: Placement) -> None:
    boxes = [p.box for p in layout.placed]
    for a, b in itertools.combinations(layout.placed, 2):
        assert not overlaps(a.box, b.box), f"{a.request.text!r} overlaps {b.request.text!r}"
    for p, ob in itertools.product(layout.placed, layout.obstacles):
        assert not overlaps(p.box, ob), f"{p.request.text!r} sits on a marker"
    assert len(boxes) == len(set(boxes))


@pytest.mark.parametrize(("year", "size"), CASES)
def test_sheet_labels_never_overlap_and_peshawar_is_named(year: int, size: str) -> None:
    layout = sheet.sheet_labels(scene_of(DS, year), size=size)
    _check_clear(layout)
    places = layout.texts("place")
    assert {"Peshawar", "Torkham", "Shamsi", "Karachi", "Kabul"} <= set(places)
    assert not [r.text for r in layout.dropped if r.kind != "province"]
    shown = {str(e.number) for e in scene_of(DS, year).events if e.lon is not None}
    numbers = {n for t in layout.texts("event") for n in t.split(",")}
    assert numbers <= shown and len(numbers) >= 5


def test_shamsi_and_balochistan_are_both_drawn_apart_in_2011() -> None:
    layout = sheet.sheet_labels(scene_of(DS, 2011), size="1920x1080")
    by_text = {p.request.text: p for p in layout.placed}
    assert "Balochistan" in by_text and "Shamsi" in by_text
    assert not overlaps(by_text["Balochistan"].box, by_text["Shamsi"].box)


def test_drawn_text_matches_the_placement_and_does_not_overlap() -> None:
    """Measure the text matplotlib actually drew, not only the boxes the placer assumed."""
    spec = sheet.sheet_spec(scene_of(DS, 2011), size="1920x1080")
    width, height, dpi = sheet.sheet_size(spec.size)
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    sheet._layout(fig, spec)
    renderer = FigureCanvasAgg(fig).get_renderer()
    map_ax = fig.axes[0]
    labels = {p.request.text for p in sheet.sheet_labels(spec).placed}
    drawn = [t for t in map_ax.texts if t.get_text() in labels]
    assert len(drawn) == len(labels)
    extents = [t.get_window_extent(renderer) for t in drawn]
    for (ta, a), (tb, b) in itertools.combinations(zip(drawn, extents, strict=True), 2):
        assert not a.overlaps(b), f"{ta.get_text()!r} overlaps {tb.get_text()!r} as drawn"


def test_a_crowded_group_gets_a_leader_and_places_beat_provinces() -> None:
    ring = [(x, y, x + 10, y + 10) for x in (-20, -10, 0, 10, 20) for y in (-20, -10, 0, 10, 20)]
    ring.remove((0, 0, 10, 10))
    reqs = [
        LabelRequest("Balochistan", "province", (40, 5, 40, 5), 6.5, italic=True),
        LabelRequest("Shamsi", "place", (30, 0, 36, 6), 6.5),
        LabelRequest("4,5,6", "event", (0, 0, 10, 10), 7, bold=True),
    ]
    layout = place_labels(reqs, [*ring, (30, 0, 36, 6)], (-200, -200, 200, 200))
    _check_clear(layout)
    by_text = {p.request.text: p for p in layout.placed}
    assert by_text["4,5,6"].leader is not None
    assert by_text["Shamsi"].leader is None  # right beside its marker
    assert "Balochistan" in by_text  # moved off its spot rather than onto Shamsi


def test_a_province_name_with_no_room_is_dropped_not_drawn_over() -> None:
    reqs = [LabelRequest("Shamsi", "place", (0, 0, 6, 6), 6.5),
            LabelRequest("Balochistan", "province", (3, 3, 3, 3), 6.5)]  # fmt: skip
    layout = place_labels(reqs, [(-60, -60, 60, 60)], (-61, -61, 61, 61))
    assert layout.texts() == []
    assert [r.text for r in layout.dropped] == ["Shamsi", "Balochistan"]
