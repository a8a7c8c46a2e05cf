"""Exports prepared in the worker process are the files the session thread would make."""

import os
import re
import signal

import pandas as pd
import pytest

import components.export_worker as worker
from geo.io import DATA_DIR, read_dataset
from geo.scene import OverlayInput, build_scene
from geo.view import TimeWindow, View
from geo.view_doc import view_to_doc
from geo.viewstate import MapExtent
from render.exports import build_files

DS = read_dataset()
URL = "http://127.0.0.1:8501/?year=2011"
VIEW = View(layers=("routes", "events", "places"), title="Brief <b>", banner="UNCLASSIFIED",
            extent=MapExtent(34.0, 71.3, 7), overlays=("mine",))  # fmt: skip
ROWS = pd.DataFrame({"lat": [33.0, 34.0, 31.5], "lon": [70.0, 71.5, 66.0],
                     "year": [2011, 2011, 2012], "date": ["2011-05-01", "2011", "2012-01-02"],
                     "date_precision": ["day", "year", "day"], "label": ["a", "b", "c"],
                     "category": ["x", "y", "z"], "note": ["n1", None, "n3"]},
                    index=[7, 3, 9])  # fmt: skip
OVERLAY = OverlayInput("ov1", "mine", "#332288", ROWS)


def job(view: View = VIEW, **kw: object) -> worker.ExportJob:
    args = {"fmt": "png", "size": "1920x1080", "url": URL} | kw
    return worker.ExportJob.of(DATA_DIR, DS, view, [OVERLAY], **args)


def in_process(view: View = VIEW, fmt: str = "png") -> dict[str, bytes]:
    scene = build_scene(DS, view, [OVERLAY])
    files, errors = build_files(DS, scene, fmt=fmt, size="1920x1080", url=URL)
    assert errors == []
    return {f.file_name: f.data for f in files}


def same(files: dict[str, bytes]) -> dict[str, bytes]:
    """Folium names each element with a random id: every other byte must match."""
    return {k: re.sub(rb"_[0-9a-f]{32}", b"_ID", v) for k, v in files.items()}


def _die(job: worker.ExportJob) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does to a worker


@pytest.fixture(scope="module", autouse=True)
def _pool() -> None:
    yield
    pool = worker._pool
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
    worker._pool = None


def test_worker_files_equal_the_session_threads_byte_for_byte() -> None:
    files, errors = worker.prepare_in_worker(job())
    assert errors == []
    got = {f.file_name: f.data for f in files}
    assert [f.label for f in files] == ["Sheet PNG", "HTML map", "GeoJSON", "CSV"]
    assert same(got) == same(in_process())
    csv = got[next(n for n in got if n.endswith(".csv"))].decode("utf-8-sig")
    assert "mine#1" in csv and "note=n1" in csv and "mine#3" not in csv  # 2012's row is out


def test_a_finer_window_and_pdf_come_out_of_the_worker_too() -> None:
    view = VIEW.with_(window=TimeWindow.of_month(2011, 5), mode="cumulative")
    files, errors = worker.prepare_in_worker(job(view, fmt="pdf"))
    assert errors == []
    by_label = {f.label: f for f in files}
    assert by_label["Sheet PDF"].data.startswith(b"%PDF-")
    want = same(in_process(view, fmt="pdf"))
    got = same({f.file_name: f.data for f in files})
    for label in ("HTML map", "GeoJSON", "CSV"):  # a PDF carries its creation time
        assert got[by_label[label].file_name] == want[by_label[label].file_name]


def test_an_impossible_size_is_a_message_and_the_rest_is_made() -> None:
    files, errors = worker.prepare_in_worker(job(size="100000x100000"))
    assert len(errors) == 1 and "too large to render" in errors[0]
    assert [f.label for f in files] == ["HTML map", "GeoJSON", "CSV"]


def test_a_malformed_request_is_a_clear_message() -> None:
    bad = worker.ExportJob(str(DATA_DIR), DS.fingerprint, {"kind": "something else"}, (),
                           "png", "1920x1080", URL)  # fmt: skip
    files, errors = worker.prepare_in_worker(bad)
    assert files == [] and "could not be read" in errors[0]
    assert "not an Atlas saved view" in errors[0]
    odd = worker.ExportJob(str(DATA_DIR), DS.fingerprint, view_to_doc(VIEW), (), "tiff",
                           "1920x1080", URL)  # fmt: skip
    files, errors = worker.prepare_in_worker(odd)
    assert files == [] and "unknown sheet format 'tiff'" in errors[0]


def test_a_dead_worker_is_replaced_and_the_next_export_works() -> None:
    first = worker.export_pool()
    files, errors = worker.prepare_in_worker(job(), task=_die)
    assert files == [] and "stopped unexpectedly" in errors[0] and "restarted" in errors[0]
    assert worker.export_pool() is not first  # a fresh pool, not the broken one
    files, errors = worker.prepare_in_worker(job())
    assert errors == [] and files[0].data.startswith(b"\x89PNG")


def test_a_stuck_export_is_stopped_with_a_message(monkeypatch) -> None:
    files, errors = worker.prepare_in_worker(job(size="a4-300dpi"), timeout=0.01)
    assert files == [] and "took longer than" in errors[0]
    files, errors = worker.prepare_in_worker(job())  # the pool after it serves the next
    assert errors == [] and len(files) == 4


def test_pool_size_comes_from_the_environment(monkeypatch) -> None:
    for raw, n in (("0", 0), ("2", 2), ("", 1), ("many", 1), ("99", 4)):
        monkeypatch.setenv("ATLAS_EXPORT_WORKERS", raw)
        assert worker.worker_count() == n


def test_the_panel_says_when_the_worker_died_and_the_next_try_gives_files(monkeypatch) -> None:
    from functools import partial

    from streamlit.testing.v1 import AppTest

    import components.export_panel as panel
    from tests.conftest import ROOT

    monkeypatch.setenv("ATLAS_EXPORT_WORKERS", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["export_panel_open"] = True  # the panel draws its contents while open
    at.run()
    assert not at.exception
    with monkeypatch.context() as patch:
        patch.setattr(panel, "prepare_in_worker", partial(worker.prepare_in_worker, task=_die))
        at.button(key="export_go").click().run()
    assert not at.exception
    assert any("stopped unexpectedly" in e.value for e in at.error), [e.value for e in at.error]
    at.sidebar.slider[0].set_value(2012).run()  # the session goes on
    assert not at.exception
    at.button(key="export_go").click().run()
    assert not at.exception and not at.error
    labels = [b.label for b in at.get("download_button")]
    assert any(label.startswith("Sheet PNG") for label in labels), labels


def test_missing_or_changed_data_is_a_message_not_a_traceback(tmp_path) -> None:
    from dataclasses import replace

    files, errors = worker.prepare_in_worker(replace(job(), data_dir=str(tmp_path),
                                                     fingerprint="not this data"))  # fmt: skip
    assert files == [] and "could not be read for the export" in errors[0]
    files, errors = worker.prepare_in_worker(replace(job(), fingerprint="not this data"))
    assert files == [] and "changed on disk" in errors[0]
    files, errors = worker.prepare_in_worker(job())  # and the worker still exports
    assert errors == [] and len(files) == 4
