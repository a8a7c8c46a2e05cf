"""The printed map sheet: sizes, dpi, content areas, PDF text, SVG XML, determinism, errors."""

import dataclasses
import io
import xml.etree.ElementTree as ET
from functools import cache

import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader
from shapely.geometry import Point

from geo.errors import ExportError
from geo.geodesy import distance_km
from geo.io import read_dataset
from geo.scene import OverlayInput
from render.sheet import PRESETS, render_sheet, sheet_size
from render.sheet_map import ground_scale, to_mercator
from render.sheet_spec import SheetSpec, sheet_spec
from tests.conftest import scene_of

DS = read_dataset()
TITLE = "Khyber corridor brief"
BANNER = "UNCLASSIFIED"


def spec_for(**changes: object) -> SheetSpec:
    scene = scene_of(DS, 2011, title=TITLE, banner=BANNER)
    spec = sheet_spec(scene, reopen_url="http://127.0.0.1:8501/?year=2011")
    return dataclasses.replace(spec, **changes)


@cache
def rendered(size: str, fmt: str) -> bytes:
    return render_sheet(spec_for(size=size, fmt=fmt))


def png(size: str) -> Image.Image:
    return Image.open(io.BytesIO(rendered(size, "png")))


def crop_inches(img: Image.Image, dpi: float, left: float, top: float, w: float, h: float):
    return img.crop((int(left * dpi), int(top * dpi), int((left + w) * dpi), int((top + h) * dpi)))


def spread(img: Image.Image) -> float:
    return max(ImageStat.Stat(img.convert("L")).stddev)


@pytest.mark.parametrize("size", list(PRESETS))
def test_png_preset_has_exact_pixel_size(size: str) -> None:
    width, height, _ = PRESETS[size]
    assert png(size).size == (width, height)


def test_a4_is_3508_by_2480_at_300_dpi() -> None:
    img = png("a4-300dpi")
    assert img.size == (3508, 2480)
    assert [round(d) for d in img.info["dpi"]] == [300, 300]


@pytest.mark.parametrize("size", list(PRESETS))
def test_png_is_not_blank(size: str) -> None:
    assert spread(png(size)) > 20


@pytest.mark.parametrize("size", ["1920x1080", "a4-300dpi"])
def test_title_and_legend_areas_are_not_empty(size: str) -> None:
    img = png(size)
    width, height, dpi = sheet_size(size)
    margin = 0.3 if width / height < 1.6 else 0.25
    top = margin + 0.22  # below the banner
    title = crop_inches(img, dpi, margin, top, 3.0, 0.6)
    legend = crop_inches(img, dpi, width / dpi - margin - 2.6, top + 0.8, 2.6, 2.0)
    blank = crop_inches(img, dpi, width / dpi - margin - 3.5, top + 0.05, 0.8, 0.4)
    assert spread(title) > 30
    assert spread(legend) > 30
    assert spread(blank) < 1  # the control area right of the title really is empty


def test_pdf_is_one_page_with_title_and_sources_text() -> None:
    reader = PdfReader(io.BytesIO(rendered("a4-300dpi", "pdf")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert TITLE in text
    assert "Sources:" in text
    assert "Dera Murad Jamali" in text  # event 1 of 2011, numbered in the sources line
    assert "Data as of 2026-11-29" in text and "1.0.0" in text


def test_svg_is_valid_xml_with_text_kept_as_text() -> None:
    root = ET.fromstring(rendered("1920x1080", "svg"))
    assert root.tag.endswith("svg")
    assert TITLE in "".join(root.itertext())


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_same_view_gives_same_bytes(fmt: str) -> None:
    assert render_sheet(spec_for(size="1920x1080", fmt=fmt)) == rendered("1920x1080", fmt)


def test_hostile_title_is_printed_literally() -> None:
    hostile = "<script>alert(1)</script> $x^2$ & {{7*7}}"
    svg = render_sheet(spec_for(size="1920x1080", fmt="svg", title=hostile))
    root = ET.fromstring(svg)  # still well-formed XML
    assert hostile in "".join(root.itertext())
    assert b"<script>" not in svg


@pytest.mark.parametrize(
    ("size", "fmt", "message"),
    [
        ("100000x100000", "png", "too large"),
        ("poster", "png", "Unknown sheet size"),
        ("a4-300dpi", "tiff", "Unknown sheet format"),
    ],
)
def test_impossible_requests_raise_export_error(size: str, fmt: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        render_sheet(spec_for(size=size, fmt=fmt))


def test_unwritable_path_raises_export_error(tmp_path) -> None:
    with pytest.raises(ExportError, match="Could not write"):
        render_sheet(spec_for(size="1920x1080"), tmp_path / "missing" / "sheet.png")
    with pytest.raises(ExportError, match="Could not write"):
        render_sheet(spec_for(size="1920x1080"), tmp_path)  # a folder, not a file


def test_written_file_equals_returned_bytes(tmp_path) -> None:
    out = tmp_path / "sheet.png"
    assert render_sheet(spec_for(size="1920x1080"), out) == out.read_bytes()


def test_scale_bar_factor_matches_torkham_to_peshawar() -> None:
    where = DS.places.set_index("id").geometry
    torkham = (where["torkham_crossing"].x, where["torkham_crossing"].y)
    peshawar = (where["peshawar_city"].x, where["peshawar_city"].y)
    x0, y0 = to_mercator(*torkham)
    x1, y1 = to_mercator(*peshawar)
    projected_km = float(np.hypot(x1 - x0, y1 - y0)) / 1000
    ground = projected_km * ground_scale((torkham[1] + peshawar[1]) / 2)
    true_km = distance_km(Point(*torkham), Point(*peshawar))
    assert 38 < true_km < 50
    assert ground == pytest.approx(true_km, rel=0.005)


def test_thousands_of_overlay_points_render() -> None:
    rng = np.random.default_rng(0)
    rows = pd.DataFrame({"lat": rng.uniform(25, 36, 20_000), "lon": rng.uniform(61, 75, 20_000),
                         "year": 2011})  # fmt: skip
    scene = scene_of(DS, 2011, overlay_inputs=[OverlayInput("ov1", "Field reports", "#332288",
                                                            rows)])  # fmt: skip
    spec = sheet_spec(scene, size="1920x1080")
    assert "Field reports (20,000)" in spec.subtitle
    img = Image.open(io.BytesIO(render_sheet(spec)))
    assert img.size == (1920, 1080)


def test_quiet_year_and_hidden_layers_still_render() -> None:
    spec = sheet_spec(scene_of(DS, 1999, layers=["routes"]), size="1920x1080", fmt="pdf")
    assert spec.events == () and spec.places == ()
    text = PdfReader(io.BytesIO(render_sheet(spec))).pages[0].extract_text()
    assert "Events layer hidden" in text


def test_cumulative_sheet_numbers_every_event() -> None:
    spec = sheet_spec(scene_of(DS, 2015, "cumulative"), size="1920x1080")
    assert [e.number for e in spec.events] == list(range(1, len(spec.events) + 1))
    assert len(spec.events) > 40
    assert Image.open(io.BytesIO(render_sheet(spec))).size == (1920, 1080)


def test_sheet_legend_lists_only_what_is_on_the_map() -> None:
    quiet = sheet_spec(scene_of(DS, "2012-08-15", layers=["routes", "events"]))
    assert [e.label for e in quiet.legend] == ["Open"]  # no events, no places that day
    busy = sheet_spec(scene_of(DS, 2011))
    labels = [e.label for e in busy.legend]
    assert "Closed by Pakistan" in labels and "Blocked (protest)" not in labels
    assert "Two colours: status changed in this time" in labels


def test_sheet_subtitle_says_the_exact_window() -> None:
    assert sheet_spec(scene_of(DS, "2012-03-15")).subtitle.startswith("15 Mar 2012 · ")
    assert sheet_spec(scene_of(DS, "2012-03")).subtitle.startswith("Mar 2012 · ")
    assert sheet_spec(scene_of(DS, 2011)).subtitle.startswith("2011 · events in year")
