"""Time the briefing deck for 5 saved views: store round trip, slides, PPTX, PDF and the GIF.

Run alone: ``.venv/bin/python bench/deck.py`` (prints one JSON object); ``bench/run.py``
calls ``deck_timings()``. The store part uses a throwaway SQLite file.
"""

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

YEARS = (2001, 2008, 2011, 2012, 2014)  # five slides: the story's turning points


def deck_timings(n_views: int = 5) -> dict[str, object]:
    """Return seconds and sizes for a deck of ``n_views`` saved views and a 22-frame GIF."""
    from geo.io import read_dataset
    from geo.view import TimeWindow, View
    from geo.view_doc import view_from_doc, view_to_doc
    from render import deck
    from store import ViewStore

    ds = read_dataset()
    views = [View(window=TimeWindow.of_year(YEARS[i % len(YEARS)])) for i in range(n_views)]
    out: dict[str, object] = {"views": n_views}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        store = ViewStore(f"sqlite:///{tmp}/bench.sqlite3")
        for i, v in enumerate(views):
            store.save(f"Slide {i + 1}", "", view_to_doc(v))
        items = [deck.DeckItem(s.name, s.note, view_from_doc(s.doc)) for s in store.views()]
        store.close()
        out["store_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    slides = deck.slides_for(ds, items)
    out["slides_s"] = round(time.perf_counter() - t, 3)
    for name, make in (("pptx", deck.deck_pptx), ("pdf", deck.deck_pdf)):
        t = time.perf_counter()
        data = make(slides)
        out[f"{name}_s"], out[f"{name}_kb"] = round(time.perf_counter() - t, 3), len(data) // 1024
    t = time.perf_counter()
    frames = deck.animation_frames(ds, View())
    out["gif_frames_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    gif = deck.deck_gif(frames, fps=1)
    out["gif_encode_s"], out["gif_kb"] = round(time.perf_counter() - t, 3), len(gif) // 1024
    out["gif_frames"] = len(frames)
    out["deck_total_s"] = round(sum(float(out[k]) for k in ("slides_s", "pptx_s", "pdf_s")), 3)
    return out


if __name__ == "__main__":
    sys.stdout.write(json.dumps(deck_timings()) + "\n")
