"""The briefing deck: PPTX slides with picture and notes, merged A4 PDF, the years as a GIF."""

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from xml.dom import minidom

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from geo.errors import ExportError
from geo.scene import OverlayInput
from geo.view import TimeWindow, View
from render import deck

NASTY = "<script>alert('x')</script> & \"Q\" $x^2$ **b** \x0bend"
NASTY_PLAIN = "<script>alert('x')</script> & \"Q\" $x^2$ **b** end"


@pytest.fixture(scope="module")
def slides() -> list[deck.Slide]:
    from geo.io import read_dataset

    overlay = OverlayInput("ov1", "Convoys", "#332288",
                           pd.DataFrame({"lat": [34.0, 31.0], "lon": [71.1, 66.4],
                                         "year": [2008, 2011]}))  # fmt: skip
    items = [
        deck.DeckItem("Routes in 2008", "Both corridors open.",
                      View(window=TimeWindow.of_year(2008), overlays=("Convoys",))),
        deck.DeckItem(NASTY, NASTY, View(window=TimeWindow.of_year(2011),
                                         overlays=("Convoys", "Gone"))),
        deck.DeckItem("Blockade", "", View(window=TimeWindow.of_year(2014), mode="cumulative")),
    ]  # fmt: skip
    return deck.slides_for(read_dataset(), items, overlays=[overlay],
                           url_for=lambda v: f"http://atlas.example/?year={v.year}")  # fmt: skip


def test_pptx_has_one_16_9_slide_per_view_with_title_picture_and_notes(slides) -> None:
    prs = Presentation(io.BytesIO(deck.deck_pptx(slides)))
    assert prs.slide_width * 9 == pytest.approx(prs.slide_height * 16, rel=1e-3)
    assert len(prs.slides) == 3
    for slide, want, year in zip(prs.slides, slides, (2008, 2011, 2014), strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        with Image.open(io.BytesIO(pictures[0].image.blob)) as im:
            assert im.size == (1920, 1080)
        assert slide.shapes.title.text == deck.plain(want.title)
        notes = slide.notes_slide.notes_text_frame.text
        assert "What is on the map now:" in notes and "Sources:" in notes
        assert want.notes[0] in notes
        assert all(src in notes for src in want.sources)
        assert f"Reopen this view: http://atlas.example/?year={year}" in notes
    first = prs.slides[0].notes_slide.notes_text_frame.text
    assert first.startswith("Both corridors open.") and "Overlay Convoys:" in first


def test_a_missing_overlay_is_left_out_and_said(slides) -> None:
    assert slides[0].missing == () and slides[1].missing == ("Gone",)
    assert "Not shown (overlay not loaded in this session): Gone" in deck.notes_text(slides[1])


def test_names_and_notes_reach_pptx_and_pdf_as_plain_text(slides) -> None:
    data = deck.deck_pptx(slides)
    prs = Presentation(io.BytesIO(data))
    assert prs.slides[1].shapes.title.text == NASTY_PLAIN
    assert prs.slides[1].notes_slide.notes_text_frame.text.startswith(NASTY_PLAIN)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("ppt/slides/slide2.xml").decode()
        minidom.parseString(xml)  # well-formed: the name could not break out of its text run
    assert "&lt;script&gt;" in xml and "<script>" not in xml
    pdf = PdfReader(io.BytesIO(deck.deck_pdf(slides)))
    assert [o.title for o in pdf.outline] == ["Routes in 2008", NASTY_PLAIN, "Blockade"]
    text = " ".join(pdf.pages[1].extract_text().split())
    assert "Slide 2 of 3" in text and "<script>alert('x')</script>" in text and "$x^2$" in text


def test_pdf_has_one_a4_landscape_page_per_view(slides) -> None:
    pdf = PdfReader(io.BytesIO(deck.deck_pdf(slides)))
    assert len(pdf.pages) == 3
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "Slide 1 of 3 · Routes in 2008 — Both corridors open." in first
    assert "Supply routes" in first  # the sheet itself (its legend) is on the page


def _ink_above_rule(png: bytes) -> int:
    """Dark pixels (the bold title's ink; the subtitle is grey) above the title block's rule."""
    with Image.open(io.BytesIO(png)) as im:
        dark = np.asarray(im.convert("L"))[: im.height // 4] < 60
    full = dark.sum(axis=1) > dark.shape[1] / 2  # rows of a full-width line
    assert full.any(), "the title block's rule is not in the top quarter"
    return int(dark[: int(np.argmax(full))].sum())


def test_a_slide_is_titled_once_and_its_pdf_page_by_the_views_name(slides) -> None:
    from geo.io import read_dataset
    from render.sheet import render_sheet

    # The slide's own title names the view; the picture starts with the window line.
    assert _ink_above_rule(slides[0].picture) == 0
    plain_sheet = render_sheet(deck.build_scene(read_dataset(), View(), ()), size=deck.SLIDE_SIZE)
    assert _ink_above_rule(plain_sheet) > 0  # an export sheet keeps its title
    with Image.open(io.BytesIO(slides[0].picture)) as im:
        assert im.info["Title"].startswith("2008")
    page = " ".join(PdfReader(io.BytesIO(slides[0].page)).pages[0].extract_text().split())
    assert "Routes in 2008" in page and "NATO–Pakistan Atlas" not in page
    view = View(window=TimeWindow.of_year(2014), title="Khyber blockade, as briefed")
    typed = deck.slides_for(read_dataset(), [deck.DeckItem("Blockade", "", view)])
    assert _ink_above_rule(typed[0].picture) > 0  # a title the analyst typed stays on the map
    page = " ".join(PdfReader(io.BytesIO(typed[0].page)).pages[0].extract_text().split())
    assert "Khyber blockade, as briefed" in page and "NATO–Pakistan Atlas" not in page


def test_an_empty_deck_explains_what_to_do() -> None:
    for make in (deck.deck_pptx, deck.deck_pdf):
        with pytest.raises(ExportError, match="Save view"):
            make([])


@pytest.mark.skipif(
    not shutil.which("soffice") and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (CI installs libreoffice-impress)",
)
def test_libreoffice_converts_the_pptx_headless(slides, tmp_path: Path) -> None:
    src = tmp_path / "deck.pptx"
    src.write_bytes(deck.deck_pptx(slides))
    soffice = shutil.which("soffice")
    assert soffice, "CI must install libreoffice-impress"
    out = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    pdf = PdfReader(tmp_path / "deck.pdf")
    assert len(pdf.pages) == 3
    assert "Routes in 2008" in pdf.pages[0].extract_text()


def test_animation_steps_are_the_years_or_the_months_of_a_window() -> None:
    years = deck.animation_views(View(window=TimeWindow.of_year(2011), mode="cumulative"))
    assert [v.year for v in years] == list(range(1994, 2016))
    assert {v.mode for v in years} == {"cumulative"}
    window = View(window=TimeWindow(date(2011, 11, 20), date(2012, 1, 5)))
    assert [v.window.label() for v in deck.animation_views(window)] == [
        "Nov 2011", "Dec 2011", "Jan 2012"]  # fmt: skip
    month = deck.animation_views(View(window=TimeWindow.of_month(2012, 3)))
    assert len(month) == 12 and month[0].window.label() == "Jan 2012"


def test_gif_has_one_frame_per_year_and_fits_5_mb_at_1280x720() -> None:
    from geo.io import read_dataset

    frames = deck.animation_frames(read_dataset(), View())
    assert len(frames) == 22
    gif = deck.deck_gif(frames, fps=2)
    assert len(gif) <= deck.GIF_LIMIT, f"{len(gif) / 2**20:.2f} MB"
    with Image.open(io.BytesIO(gif)) as im:
        assert im.size == (1280, 720) and im.n_frames == 22
        assert im.info["loop"] == 0 and im.info["duration"] == 500
        im.seek(0)
        first = im.convert("RGB").copy()
        im.seek(17)  # 2011: the closure year differs from 1994
        assert first.tobytes() != im.convert("RGB").tobytes()


def test_frame_rate_is_checked() -> None:
    png = io.BytesIO()
    Image.new("RGB", (1280, 720), "white").save(png, format="PNG")
    with pytest.raises(ExportError, match="Frame rate"):
        deck.deck_gif([png.getvalue()], fps=0)
    with pytest.raises(ExportError, match="No frames"):
        deck.deck_gif([], fps=1)
