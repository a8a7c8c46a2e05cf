"""Briefing decks from saved views: PPTX (one 16:9 slide each), PDF (one A4 sheet each), GIF.

``slides_for`` is the one place that turns saved views into slide pictures and notes
(through ``geo.scene.build_scene`` and ``render.sheet.render_sheet``); the writers below
take the finished ``Slide`` values and know nothing about the map.
"""

import io
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure
from PIL import Image

from geo.errors import ExportError
from geo.io import Dataset
from geo.scene import OverlayInput, build_scene
from geo.style import BASEMAP_STYLE, CATEGORY_STYLES, OKABE_ITO, PLACE_STYLES, STATUS_STYLES
from geo.timeline import FIRST_YEAR, LAST_YEAR
from geo.view import DEFAULT_TITLE, TimeWindow, View
from render.sheet import render_sheet, sheet_spec

SLIDE_SIZE, PAGE_SIZE, FRAME_SIZE = "1920x1080", "a4-300dpi", "1280x720"
MAX_FRAMES = 60
GIF_LIMIT = 5 * 2**20
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
STYLE_COLORS = (
    "#FFFFFF", "#1A1A1A", "#555555", *OKABE_ITO.values(), *BASEMAP_STYLE.values(),
    *(s.color for s in (*STATUS_STYLES.values(), *CATEGORY_STYLES.values(),
                        *PLACE_STYLES.values())),
)  # fmt: skip
NO_VIEWS = ("The deck is empty: set the map as it should appear on a slide, then give it a "
            "name and press Save view. Each saved view becomes one slide.")  # fmt: skip


@dataclass(frozen=True)
class DeckItem:
    """One saved view to put in the deck: its name, note and view."""

    name: str
    note: str
    view: View


@dataclass(frozen=True)
class Slide:
    """One finished slide: title, pictures and the text of its speaker notes."""

    title: str
    note: str
    picture: bytes  # PNG of the map sheet at 1920 × 1080, legend, stamp, scale bar, banner
    page: bytes = b""  # the same sheet as an A4 PDF page
    notes: tuple[str, ...] = ()  # "what is on the map now"
    sources: tuple[str, ...] = ()  # numbered, matching the numbers on the map
    missing: tuple[str, ...] = ()  # overlays the view names that this session does not have
    reopen_url: str = ""


def plain(value: object) -> str:
    """Return text safe for a PPTX or PDF text run: characters XML cannot hold removed.

    Examples
    --------
    >>> plain("a\\x0bb <c> & $d$")
    'ab <c> & $d$'
    """
    return _XML_INVALID.sub("", "" if value is None else str(value))


def _sheet(ds: Dataset, view: View, overlays: Sequence[OverlayInput], fmt: str, size: str,
           url: str = "") -> bytes:  # fmt: skip
    return render_sheet(build_scene(ds, view, overlays), fmt=fmt, size=size, reopen_url=url)


def slides_for(
    ds: Dataset, items: Sequence[DeckItem], *, overlays: Sequence[OverlayInput] = (),
    url_for: Callable[[View], str] | None = None, pdf: bool = True,
) -> list[Slide]:  # fmt: skip
    """Render each saved view through the scene and the sheet renderer.

    The slide's own title names the view, so its picture carries no second title line (only
    a title the analyst typed for the map, when it is not the view's name). The A4 page has
    no slide around it: its title is the map's typed title, else the view's name.

    Parameters
    ----------
    ds
        The dataset.
    items
        The saved views, in deck order.
    overlays
        The session's overlays; a view gets those it names, and the names it lacks are
        listed in ``Slide.missing`` (and said in the notes).
    url_for
        Returns the URL that reopens a view (printed on the sheet and in the notes).
    pdf
        Also render the A4 PDF page of each view.

    Returns
    -------
    list of Slide
        Empty for no items.
    """
    slides = []
    for item in items:
        have = [o for o in overlays if o.name in item.view.overlays]
        missing = tuple(n for n in item.view.overlays if n not in {o.name for o in have})
        view = item.view.with_(overlays=tuple(o.name for o in have))
        url = url_for(view) if url_for else ""
        scene = build_scene(ds, view, have)
        own = view.title.strip() if view.title.strip() not in (DEFAULT_TITLE, item.name) else ""
        picture = replace(sheet_spec(scene, size=SLIDE_SIZE, reopen_url=url), title=own)
        page = b""
        if pdf:
            spec = sheet_spec(scene, fmt="pdf", size=PAGE_SIZE, reopen_url=url)
            page = render_sheet(replace(spec, title=own or plain(item.name) or DEFAULT_TITLE))
        slides.append(
            Slide(
                title=item.name, note=item.note, picture=render_sheet(picture), page=page,
                notes=scene.notes, sources=scene.sources, missing=missing, reopen_url=url,
            )
        )  # fmt: skip
    return slides


def notes_text(slide: Slide) -> str:
    """Return a slide's speaker notes: the note, what the map shows, the numbered sources."""
    parts = [slide.note.strip()] if slide.note.strip() else []
    parts.append("What is on the map now:\n" + "\n".join(f"- {n}" for n in slide.notes))
    if slide.missing:
        parts.append("Not shown (overlay not loaded in this session): " + ", ".join(slide.missing))
    parts.append("Sources:\n" + ("\n".join(slide.sources) or "No events with sources shown."))
    if slide.reopen_url:
        parts.append(f"Reopen this view: {slide.reopen_url}")
    return plain("\n\n".join(parts))


def deck_pptx(slides: Sequence[Slide], *, title: str = "NATO–Pakistan Atlas briefing") -> bytes:
    """Write a 16:9 PowerPoint deck: per slide a title, the map picture and speaker notes."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    if not slides:
        raise ExportError(NO_VIEWS)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = plain(title)
    layout = prs.slide_layouts[5]  # "Title Only": a real title, so outlines and readers see it
    w, h = prs.slide_width, prs.slide_height
    top, margin = Inches(0.95), Inches(0.15)
    for s in slides:
        slide = prs.slides.add_slide(layout)
        head = slide.shapes.title
        head.left, head.top = Inches(0.4), Inches(0.12)
        head.width, head.height = w - Inches(0.8), Inches(0.75)
        head.text_frame.text = plain(s.title)
        for run in head.text_frame.paragraphs[0].runs:
            run.font.size = Pt(28)
        with Image.open(io.BytesIO(s.picture)) as im:
            ratio = im.width / im.height
        pic_h = h - top - margin
        pic_w = Emu(int(pic_h * ratio))
        if pic_w > w - 2 * margin:
            pic_w = w - 2 * margin
            pic_h = Emu(int(pic_w / ratio))
        slide.shapes.add_picture(io.BytesIO(s.picture), (w - pic_w) // 2, top, pic_w, pic_h)
        slide.notes_slide.notes_text_frame.text = notes_text(s)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _stamp(width_pt: float, height_pt: float, text: str) -> bytes:
    """A transparent page the size of the sheet with one line in its top margin."""
    fig = Figure(figsize=(width_pt / 72, height_pt / 72))
    fig.patch.set_alpha(0)
    fig.text(1 - 0.3 / (width_pt / 72), 1 - 0.1 / (height_pt / 72), text, ha="right", va="top",
             fontsize=7, color="#333333", family="DejaVu Sans", parse_math=False)  # fmt: skip
    buf = io.BytesIO()
    FigureCanvasPdf(fig).print_pdf(buf, metadata={"CreationDate": None, "ModDate": None})
    return buf.getvalue()


def stamp_line(slide: Slide, number: int, total: int) -> str:
    """Return the line printed in a PDF page's top margin: slide number, name and note."""
    note = " ".join(slide.note.split())
    line = f"Slide {number} of {total} · {slide.title}" + (f" — {note}" if note else "")
    return plain(textwrap.shorten(line, 120, placeholder=" …"))


def deck_pdf(slides: Sequence[Slide], *, title: str = "NATO–Pakistan Atlas briefing") -> bytes:
    """Merge the slides' A4 sheet pages into one PDF, each named in the margin and outline."""
    from pypdf import PdfReader, PdfWriter

    if not slides:
        raise ExportError(NO_VIEWS)
    writer = PdfWriter()
    for n, s in enumerate(slides, start=1):
        if not s.page:
            raise ExportError(f"Slide {n} has no PDF page: render it with pdf=True.")
        first = len(writer.pages)
        for page in PdfReader(io.BytesIO(s.page)).pages:
            box = page.mediabox
            line = stamp_line(s, n, len(slides))
            over = PdfReader(io.BytesIO(_stamp(float(box.width), float(box.height), line)))
            writer.add_page(page).merge_page(over.pages[0])
        writer.add_outline_item(title=plain(s.title) or f"Slide {n}", page_number=first)
    writer.add_metadata({"/Title": plain(title), "/Creator": "NATO–Pakistan Atlas"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def animation_views(view: View) -> list[View]:
    """Return the steps of the animation: every year, or the months of a window.

    A year view steps through the Atlas's years; a window of two months or more through
    its months; a month or a day through the months of its year (at most 60 steps).

    Examples
    --------
    >>> [v.window.label() for v in animation_views(View(window=TimeWindow.of_month(2012, 3)))][:2]
    ['Jan 2012', 'Feb 2012']
    """
    w = view.window
    if w.granularity == "year":
        return [view.with_(window=TimeWindow.of_year(y)) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
    start, end = (w.start.year, w.start.month), (w.end.year, w.end.month)
    if start == end:
        start, end = (w.start.year, 1), (w.start.year, 12)
    steps, (y, m) = [], start
    while (y, m) <= end and len(steps) < MAX_FRAMES:
        steps.append(view.with_(window=TimeWindow.of_month(y, m)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return steps


def animation_frames(ds: Dataset, view: View, *, overlays: Sequence[OverlayInput] = ()
                     ) -> list[bytes]:  # fmt: skip
    """Render one 1280 × 720 sheet per animation step (title stamp and legend burned in)."""
    have = [o for o in overlays if o.name in view.overlays]
    return [_sheet(ds, v, have, "png", FRAME_SIZE) for v in animation_views(view)]


def _palette(images: Sequence[Image.Image], seed: Sequence[str]) -> Image.Image:
    """One palette for every frame: the style's exact colours, then the frames' own."""
    exact = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in dict.fromkeys(seed)]
    tile = (160, 90)
    cols = math.ceil(math.sqrt(len(images)))
    sample = Image.new("RGB", (tile[0] * cols, tile[1] * math.ceil(len(images) / cols)), "white")
    for i, im in enumerate(images):
        sample.paste(
            im.resize(tile, Image.Resampling.BOX), (tile[0] * (i % cols), tile[1] * (i // cols))
        )
    rest = sample.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT)
    values = [v for rgb in exact for v in rgb] + (rest.getpalette() or [])[: 3 * (256 - len(exact))]
    palette = Image.new("P", (1, 1))
    palette.putpalette(values + [0] * (768 - len(values)))
    return palette


def deck_gif(frames: Sequence[bytes], *, fps: float = 1.0, size: tuple[int, int] = (1280, 720),
             colors: Sequence[str] = ()) -> bytes:  # fmt: skip
    """Write an animated GIF, one frame per PNG, looping, at ``fps`` frames a second.

    All frames share one 256-colour palette without dithering: the legend's colours (and
    ``colors``, e.g. the overlays') exactly, the rest adapted to the frames, so the flat map
    colours stay flat and true and the frames compress well.
    """
    if not frames:
        raise ExportError("No frames to animate.")
    if not 0.1 <= fps <= 10:
        raise ExportError(f"Frame rate {fps} is outside 0.1–10 frames a second.")
    images = []
    for data in frames:
        with Image.open(io.BytesIO(data)) as im:
            rgb = im.convert("RGB")
        images.append(rgb if rgb.size == size else rgb.resize(size, Image.Resampling.LANCZOS))
    palette = _palette(images, [*STYLE_COLORS, *colors])
    frames_p = [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]
    buf = io.BytesIO()
    frames_p[0].save(buf, format="GIF", save_all=True, append_images=frames_p[1:],
                     duration=round(1000 / fps), loop=0, optimize=False, disposal=1)  # fmt: skip
    return buf.getvalue()


def deck_stem(today: date | None = None) -> str:
    """Return the file name stem of a deck: ``nato-pakistan-atlas_deck_2026-12-01``."""
    return f"nato-pakistan-atlas_deck_{(today or date.today()).isoformat()}"
