"""The saved-view store on SQLite and PostgreSQL: saving, ordering, editing, restarts."""

import json
import threading
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from geo.view import TimeWindow, View
from geo.view_doc import DOC_KIND, view_from_doc, view_to_doc
from geo.viewstate import MapExtent
from store import SavedViewError, StaleViewError, ViewStore

RICH = View(
    window=TimeWindow(date(2011, 11, 20), date(2012, 1, 5)), mode="cumulative",
    layers=("routes", "events"), selected="ev_2011b", place="karachi_port",
    extent=MapExtent(31.5, 69.25, 7), overlays=("Convoy attacks <b>",),
    title="Closure · *2011* [x](javascript:1)", banner="UNCLASSIFIED",
)  # fmt: skip


@pytest.fixture
def store(db_url: str):
    s = ViewStore(db_url)
    yield s
    s.close()


def test_saved_view_opens_exactly_after_a_restart(db_url: str) -> None:
    first = ViewStore(db_url)
    saved = first.save("Closure", "Both gates shut.", view_to_doc(RICH))
    first.save("Blockade", "", view_to_doc(View(window=TimeWindow.of_year(2014))))
    first.close()  # the server stops; a new process opens a new engine on the same URL

    again = ViewStore(db_url)
    listed = again.views()
    assert [v.name for v in listed] == ["Closure", "Blockade"]
    assert listed[0].id == saved.id and listed[0].note == "Both gates shut."
    assert view_from_doc(listed[0].doc) == RICH
    assert view_from_doc(listed[1].doc).window == TimeWindow.of_year(2014)
    again.close()


def test_version_1_document_opens_as_its_year(store: ViewStore) -> None:
    v1 = {"kind": DOC_KIND, "version": 1, "year": 2008, "mode": "year",
          "layers": ["routes", "places"], "event": "ev_2008", "view": "33.9,71.1,8",
          "overlays": ["Convoys"], "title": "Routes in 2008", "banner": "DRAFT"}  # fmt: skip
    store.save("Old", "", v1)
    view = view_from_doc(store.views()[0].doc)
    assert view.window == TimeWindow.of_year(2008)
    assert view.layers == ("routes", "places") and view.selected == "ev_2008"
    assert view.extent == MapExtent(33.9, 71.1, 8) and view.overlays == ("Convoys",)
    assert (view.title, view.banner) == ("Routes in 2008", "DRAFT")


def test_views_are_listed_in_deck_order_and_can_be_moved(store: ViewStore) -> None:
    ids = [store.save(n, "", view_to_doc(View())).id for n in ("a", "b", "c", "d")]
    store.move_up(ids[2])
    assert [v.name for v in store.views()] == ["a", "c", "b", "d"]
    store.move_down(ids[0])
    store.move_up(ids[2])  # already first: stays
    assert [v.name for v in store.views()] == ["c", "a", "b", "d"]
    store.move(ids[3], -10)
    store.move_down(ids[1])
    assert [v.name for v in store.views()] == ["d", "c", "a", "b"]
    assert [v.position for v in store.views()] == [1, 2, 3, 4]
    store.reorder([ids[1], ids[0]])
    assert [v.name for v in store.views()] == ["b", "a", "d", "c"]


def test_rename_edit_note_and_delete(store: ViewStore) -> None:
    a = store.save("Routes 2008", "first", view_to_doc(View()))
    b = store.rename(a.id, "  Routes\n in 2008 ", revision=a.revision)
    assert b.name == "Routes in 2008" and b.revision == a.revision + 1
    c = store.edit_note(a.id, "line one\nline two\x00", revision=b.revision)
    assert c.note == "line one\nline two" and store.get(a.id).name == "Routes in 2008"
    store.delete(a.id, revision=c.revision)
    assert store.views() == [] and store.get(a.id) is None


def test_an_edit_from_a_stale_session_is_refused_and_loses_nothing(db_url: str) -> None:
    one, two = ViewStore(db_url), ViewStore(db_url)  # two replicas, one database
    mine = one.save("Closure", "", view_to_doc(View()))
    two.rename(mine.id, "Closure (checked)", revision=mine.revision)
    with pytest.raises(StaleViewError, match="changed in another session"):
        one.rename(mine.id, "Closure v2", revision=mine.revision)
    with pytest.raises(StaleViewError, match="changed in another session"):
        one.delete(mine.id, revision=mine.revision)
    assert one.get(mine.id).name == "Closure (checked)"
    two.delete(mine.id)
    with pytest.raises(StaleViewError, match="deleted"):
        one.edit_note(mine.id, "x")
    with pytest.raises(StaleViewError, match="deleted"):
        one.move_up(mine.id)
    one.close()
    two.close()


def test_concurrent_saves_from_two_sessions_lose_nothing(db_url: str) -> None:
    stores = [ViewStore(db_url), ViewStore(db_url)]
    n = 15
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(s: ViewStore, tag: str) -> None:
        start.wait()
        try:
            for i in range(n):
                s.save(f"{tag}-{i}", "", view_to_doc(View(window=TimeWindow.of_year(1994 + i))))
        except BaseException as exc:  # reported below, with the test's own assertion
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(stores[k % 2], f"s{k}")) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    listed = stores[0].views()
    assert sorted(v.name for v in listed) == sorted(f"s{k}-{i}" for k in range(4) for i in range(n))
    assert [v.position for v in listed] == list(range(1, 4 * n + 1))
    for s in stores:
        s.close()


@pytest.mark.parametrize(("name", "message"), [("", "needs a name"), (" \n\t", "needs a name"),
                                               ("x" * 121, "at most 120")])  # fmt: skip
def test_a_view_needs_a_short_name(store: ViewStore, name: str, message: str) -> None:
    with pytest.raises(SavedViewError, match=message):
        store.save(name, "", view_to_doc(View()))
    assert store.count() == 0


def test_a_note_is_limited_and_a_document_must_be_json(store: ViewStore) -> None:
    with pytest.raises(SavedViewError, match="at most 2000"):
        store.save("a", "n" * 2001, view_to_doc(View()))
    with pytest.raises(SavedViewError, match="JSON"):
        store.save("a", "", {"x": float("nan")})
    with pytest.raises(SavedViewError, match="JSON object"):
        store.save("a", "", ["not", "an", "object"])  # type: ignore[arg-type]
    assert store.count() == 0


def test_a_row_with_a_broken_document_is_listed_with_the_reason(store: ViewStore) -> None:
    ok = store.save("fine", "", view_to_doc(View()))
    bad = store.save("broken", "", view_to_doc(View()))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE saved_views SET doc = '{not json' WHERE id = :i"), {"i": bad.id})
    listed = {v.name: v for v in store.views()}
    assert listed["fine"].doc == ok.doc and listed["fine"].problem is None
    assert listed["broken"].doc is None and "not valid JSON" in listed["broken"].problem


def test_names_and_notes_are_stored_as_given_text(store: ViewStore) -> None:
    name = "<script>alert(1)</script> & **bold** $x$"
    note = '=HYPERLINK("x") [link](javascript:alert(1))\n<i>two</i>'
    store.save(name, note, view_to_doc(View()))
    got = store.views()[0]
    assert (got.name, got.note) == (name, note)
    raw = create_engine(store.url)
    with raw.connect() as conn:
        assert json.loads(conn.execute(text("SELECT doc FROM saved_views")).scalar_one())["kind"]
    raw.dispose()
