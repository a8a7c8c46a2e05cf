"""Exports in a worker process, so rendering a sheet never holds the server's interpreter.

The "Prepare files" button used to render the map sheet (matplotlib) and the extracts on
the session's script thread. That held the GIL for seconds and every other analyst's rerun
waited behind it. Now the panel sends a job of plain, picklable values (the view as its
saved-view document, each overlay's rows in the window as column arrays, the format, size
and reopen URL) to a small process pool. The worker reads the bundled dataset once, builds
the scene with the same pure function the app uses (``geo.scene.build_scene``) and renders
every product with the same ``render/`` functions, so there is still one scene per view.

No Streamlit here: the worker imports only ``geo``, ``render`` and this module.
``ATLAS_EXPORT_WORKERS`` sets the pool size (default 1 on a 2-core replica); ``0`` runs
exports on the session's thread as before (tests that patch the renderers in-process).
"""

import ctypes
import gc
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from geo.errors import AtlasDataError, ViewDocError
from geo.io import Dataset, read_dataset
from geo.scene import OverlayInput, build_scene, overlay_rows_in_window
from geo.view import View
from geo.view_doc import view_from_doc, view_to_doc
from render.exports import ExportFile, build_files
from render.sheet_spec import FORMATS

JOB_TIMEOUT_S = 180.0  # an A4 sheet at 300 dpi takes seconds; a stuck job must not hang a session
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_dataset: Dataset | None = None  # the worker's own copy, read once per worker process


@dataclass(frozen=True)
class OverlayRows:
    """An overlay's rows in the window, as picklable column arrays with the row index."""

    key: str
    name: str
    color: str
    columns: tuple[str, ...]
    arrays: tuple[Any, ...] = field(repr=False)
    index: Any = field(repr=False)

    @classmethod
    def of(cls, o: OverlayInput, view: View) -> "OverlayRows":
        """Return the rows of ``o`` that ``view`` shows, column by column."""
        rows = overlay_rows_in_window(o.rows, view)
        cols = tuple(str(c) for c in rows.columns)
        return cls(o.key, o.name, o.color, cols, tuple(rows[c].array for c in rows.columns),
                   rows.index.to_numpy())  # fmt: skip

    def to_input(self) -> OverlayInput:
        """Return the scene input these rows were made from (same columns, dtypes, index)."""
        rows = pd.DataFrame(dict(zip(self.columns, self.arrays, strict=True)), index=self.index)
        return OverlayInput(self.key, self.name, self.color, rows)


@dataclass(frozen=True)
class ExportJob:
    """Everything a worker needs to prepare one view's files; plain values only."""

    data_dir: str
    fingerprint: str
    view_doc: dict = field(repr=False)
    overlays: tuple[OverlayRows, ...]
    fmt: str
    size: str
    url: str

    @classmethod
    def of(cls, ds_dir: Path, ds: Dataset, view: View, overlays: Sequence[OverlayInput], *,
           fmt: str, size: str, url: str) -> "ExportJob":  # fmt: skip
        """Return the job for a view and this session's overlays."""
        rows = tuple(OverlayRows.of(o, view) for o in overlays)
        return cls(str(ds_dir), ds.fingerprint, view_to_doc(view), rows, fmt, size, url)


def run_job(job: ExportJob) -> tuple[list[ExportFile], list[str]]:
    """Prepare a job's files (in the worker): read the data once, build the scene, render."""
    global _dataset
    try:
        view = view_from_doc(job.view_doc)
        if job.fmt not in FORMATS:
            raise ValueError(f"unknown sheet format {job.fmt!r}")
        overlays = [o.to_input() for o in job.overlays]
    except (ViewDocError, ValueError, TypeError, KeyError) as exc:
        return [], [f"The export request could not be read ({exc}); nothing was prepared."]
    if _dataset is None or _dataset.fingerprint != job.fingerprint:
        try:
            _dataset = read_dataset(Path(job.data_dir))
        except AtlasDataError as exc:
            return [], [f"The bundled data could not be read for the export: {exc}"]
    if _dataset.fingerprint != job.fingerprint:
        return [], ["The bundled data changed on disk since this server started: restart the "
                    "Atlas to export it."]  # fmt: skip
    scene = build_scene(_dataset, view, overlays)
    try:
        return build_files(_dataset, scene, fmt=job.fmt, size=job.size, url=job.url)
    finally:
        _release_heap()


def _release_heap() -> None:
    # An A4 sheet's canvas is tens of MB; glibc keeps freed heap unless asked to return it,
    # and the worker waits for the next job holding it.
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return


def warm_worker() -> bool:
    """Import the renderers in the worker (the first export then starts at once)."""
    import render.sheet  # noqa: F401  (matplotlib, the slowest import)

    return True


def _watch_parent() -> None:
    # A worker whose server died (killed, not shut down) must not linger: exit with it.
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="atlas-export-parent-watch").start()


def worker_count() -> int:
    """Return the pool size from ``ATLAS_EXPORT_WORKERS`` (default 1; 0: in-process)."""
    raw = os.environ.get("ATLAS_EXPORT_WORKERS", "1").strip()
    return max(0, min(int(raw), 4)) if raw.isdigit() else 1


def export_pool() -> ProcessPoolExecutor:
    """Return this server process's export pool, created on first use and then reused."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max(worker_count(), 1), mp_context=get_context("spawn"),
                                        initializer=_watch_parent)  # fmt: skip
            _pool.submit(warm_worker)
        return _pool


def _discard(pool: ProcessPoolExecutor, *, kill: bool = False) -> None:
    """Drop a broken or stuck pool (once, whoever notices first); the next job makes a new one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    if kill:  # a stuck worker would keep the next pool's jobs waiting: stop it
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def prepare_in_worker(job: ExportJob, *, timeout: float = JOB_TIMEOUT_S,
                      task: Callable[[ExportJob], tuple[list[ExportFile], list[str]]] = run_job,
                      ) -> tuple[list[ExportFile], list[str]]:  # fmt: skip
    """Run ``task(job)`` in the export pool and wait (the GIL is free meanwhile).

    A worker that dies (BrokenProcessPool: killed, out of memory) is replaced and the job
    tried once more in the new pool, so an analyst whose job merely queued behind the one
    that crashed still gets files; a second crash, a timeout or an input that cannot be sent
    gives a message instead, and the session goes on.
    """
    outcome = _attempt(job, timeout, task)
    if outcome is None:  # the pool broke under it: a fresh pool, once
        outcome = _attempt(job, timeout, task)
    if outcome is None:
        return [], ["The export worker stopped unexpectedly (it has been restarted); nothing "
                    "was prepared. Try again, or a smaller sheet size."]  # fmt: skip
    return outcome


def _attempt(job: ExportJob, timeout: float, task: Callable[[ExportJob], Any],
             ) -> tuple[list[ExportFile], list[str]] | None:  # fmt: skip
    """One try in the current pool; ``None`` if the pool broke (it is discarded)."""
    pool = export_pool()
    try:
        future = pool.submit(task, job)
    except (BrokenProcessPool, RuntimeError):  # broken, or just shut down by another session
        _discard(pool)
        return None
    try:
        return future.result(timeout=timeout)
    except BrokenProcessPool:
        _discard(pool)
        return None
    except TimeoutError:
        _discard(pool, kill=True)
        return [], [f"Preparing the files took longer than {timeout:.0f} s and was stopped; "
                    "try a smaller sheet size."]  # fmt: skip
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        return [], [f"The export request could not be sent to the worker ({exc}); nothing "
                    "was prepared."]  # fmt: skip


def warm_pool() -> None:
    """Start the pool and its worker's imports ahead of the first export (if pooled)."""
    if worker_count():
        export_pool()
