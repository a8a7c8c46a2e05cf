"""The Briefing deck panel alone (AppTest): save → list → reorder → rename → open → delete."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


def _app() -> None:
    import streamlit as st

    from components.deck_panel import deck_panel
    from geo.view import TimeWindow, View
    from geo.viewstate import MapExtent

    start = View(window=TimeWindow.of_year(2008), overlays=("Convoys",),
                 extent=MapExtent(33.9, 71.1, 8), title="Routes")  # fmt: skip
    st.session_state.setdefault("deck_panel_open", True)  # its contents run while open
    view = st.session_state.get("current", start)
    got = deck_panel(view, st.session_state.get("present", []))
    if got is not None:
        st.session_state["current"] = st.session_state["opened"] = got


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ATLAS_DB_URL", f"sqlite:///{tmp_path / 'var' / 'atlas.sqlite3'}")
    at = AppTest.from_function(_app, default_timeout=60)
    return at.run()


def _button(at: AppTest, label: str, nth: int = 0):
    return [b for b in at.button if b.label == label][nth]


def _save(at: AppTest, name: str, note: str = "") -> AppTest:
    at.text_input(key="deck_name").input(name)
    at.text_area(key="deck_note").input(note)
    return _button(at, "Save view").click().run()


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_an_empty_deck_says_what_to_do(app: AppTest) -> None:
    assert any("The deck is empty" in i.value for i in app.info)
    assert not [b for b in app.button if b.label == "Prepare deck"]
    assert not app.exception


def test_save_list_reorder_rename_open_and_delete(app: AppTest) -> None:
    at = _save(app, "Routes <b>in</b> 2008", "First *slide* [x](javascript:alert(1))")
    at = _save(at, "Closure")
    text = _markdown(at)
    assert "Routes \\<b\\>in\\</b\\> 2008" in text  # escaped: shown as typed, never as markup
    assert any("First \\*slide\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\)" in c.value
               for c in at.caption)  # fmt: skip
    assert text.index("1\\. Routes") < text.index("2\\. Closure")

    at = _button(at, "↑", 1).click().run()  # move "Closure" up
    text = _markdown(at)
    assert text.index("1\\. Closure") < text.index("2\\. Routes")

    ids = sorted(int(t.key.removeprefix("deck_rn_")) for t in at.text_input
                 if t.key.startswith("deck_rn_"))  # fmt: skip
    at.text_input(key=f"deck_rn_{ids[0]}").input("Routes, 2008")
    at = _button(at, "Save changes", 1).click().run()  # the second row is now "Routes"
    assert "2\\. Routes, 2008" in _markdown(at)

    at = _button(at, "Open", 1).click().run()
    opened = at.session_state["opened"]
    assert opened.year == 2008 and opened.title == "Routes" and opened.extent.zoom == 8
    assert opened.overlays == ()  # "Convoys" is not loaded in this session
    assert any("without the overlay Convoys\\: it is not loaded" in i.value for i in at.info)

    at = _button(at, "Delete", 0).click().run()  # the confirm button inside the first popover
    text = _markdown(at)
    assert "Closure" not in text and "1\\. Routes, 2008" in text
    assert not at.exception


def test_a_view_opens_with_its_overlay_when_the_session_has_it(app: AppTest) -> None:
    at = _save(app, "With overlay")
    at.session_state["present"] = ["Convoys"]
    at = _button(at, "Open").click().run()
    assert at.session_state["opened"].overlays == ("Convoys",)
    assert not any("without the overlay" in i.value for i in at.info)


def test_a_corrupt_database_disables_saving_and_the_app_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"\x00garbage, not a database" * 100)
    monkeypatch.setenv("ATLAS_DB_URL", f"sqlite:///{db}")
    at = AppTest.from_function(_app, default_timeout=60).run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "Saving views is off" in warning and "is not a SQLite database" in warning
    assert not [b for b in at.button if b.label == "Save view"]


def test_prepare_deck_offers_pptx_pdf_and_gif(app: AppTest) -> None:
    at = _save(app, "Routes in 2008")
    at = _button(at, "Prepare deck").click().run(timeout=180)
    labels = [b.label for b in at.get("download_button")]
    assert [x.split(" ")[0] for x in labels] == ["PPTX", "PDF", "GIF"], labels
    assert "22 frames" in labels[2]
    assert any("without Convoys" in w.value for w in at.warning)
    assert not at.exception


def test_a_view_without_a_name_is_refused_and_the_note_is_kept(app: AppTest) -> None:
    at = _save(app, "   ", "A long note worth keeping")
    assert any("needs a name" in e.value for e in at.error)
    assert at.text_area(key="deck_note").value == "A long note worth keeping"
    assert any("The deck is empty" in i.value for i in at.info)
    at = _save(at, "Named now", "A long note worth keeping")
    assert at.text_input(key="deck_name").value == "" and "1\\. Named now" in _markdown(at)
