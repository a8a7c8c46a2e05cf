"""Dossiers show analyst-facing text only: no internal ids, field names or build notes."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.io import read_dataset
from geo.reader_text import drawing_basis, reader_text

ROOT = Path(__file__).resolve().parents[1]
DS = read_dataset()
BUILD_NOTES = ("Snap to OSM", "ESTIMATED from knowledge", "No registry package",
               "Gazetteer waypoint", "Mark as", "Do not render", "Render as",
               "distance from the line", "distinct_section")  # fmt: skip
SNAKE_ID = re.compile(r"\b(ev_\d{4}_\w+|route_\w+|[a-z]+_[a-z0-9]+(?:_[a-z0-9]+)*)\b")
LINK = re.compile(r"\]\([^)]*\)|https?://\S+")  # a link's address is not text a reader reads
ROUTES = [f"route:{r}" for r in DS.routes["id"]]
PLACES = [f"place:{p}" for p in ("torkham_crossing", "khyber_pass", "chaman_friendship_gate",
                                 "peshawar_ring_road_terminals", "salala_checkposts",
                                 "petersberg")]  # fmt: skip


def _shown_text(at: AppTest) -> list[str]:
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [f"{m.label} {m.value} {m.help or ''}" for m in at.metric]
    texts += [w.value for w in at.warning] + [i.value for i in at.info]
    return [LINK.sub("]", t) for t in texts]


@pytest.fixture(scope="module")
def at() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    app.switch_page("app_pages/dossiers.py")
    app.run()
    assert not app.exception
    return app


@pytest.mark.parametrize("choice", ROUTES + PLACES)
def test_dossier_shows_no_internal_ids_or_build_notes(at: AppTest, choice: str) -> None:
    at.selectbox(key="dossier").set_value(choice).run()
    assert not at.exception
    text = "\n".join(_shown_text(at))
    assert len(text) > 200  # the dossier was drawn
    for note in BUILD_NOTES:
        assert note.lower() not in text.lower(), f"{choice}: shows the build note {note!r}"
    assert not SNAKE_ID.findall(text), f"{choice}: shows internal ids {SNAKE_ID.findall(text)}"
    if choice.startswith("route:"):
        assert "How the line is drawn:" in text and "OpenStreetMap road lines" in text
        assert "Border crossing" in text
    assert "(newspaper)" in text or "(secondary)" in text or "(research)" in text


def test_reader_text_keeps_facts_and_drops_every_build_note_in_the_data() -> None:
    for df in (DS.routes, DS.places):
        for row in df.itertuples():
            kept = reader_text(row.description)
            assert kept, f"{row.id}: the whole description was dropped"
            assert not any(n.lower() in kept.lower() for n in BUILD_NOTES), row.id
    n5 = DS.routes.set_index("id").loc["route_torkham_n5"]
    assert "Official N-5 alignment" in reader_text(n5["description"])
    assert re.match(r"[\d,]+ of [\d,]+ km \(\d+ %\) follow", drawing_basis(n5["stretches"]))
