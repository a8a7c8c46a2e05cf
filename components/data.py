"""The one cached seam between the data files and the pages."""

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import streamlit as st

from geo.io import DATA_DIR, Dataset, read_dataset
from geo.summary import year_summary
from geo.timeline import events_shown


def data_dir() -> Path:
    """Return the data folder: ``ATLAS_DATA_DIR`` if set (tests, fault drills), else ``data/``."""
    return Path(os.environ.get("ATLAS_DATA_DIR", DATA_DIR))


@st.cache_resource(show_spinner=False)
def _load(path: str) -> Dataset:
    return read_dataset(Path(path))


def load_dataset() -> Dataset:
    """Return the validated dataset, parsed once per process and shared read-only.

    Raises ``geo.errors.AtlasDataError`` naming the file, feature and field at fault.
    """
    return _load(str(data_dir()))


T = TypeVar("T")
_MEMO: dict[tuple, tuple[Dataset, object]] = {}
_LOCK = threading.Lock()


def memo(ds: Dataset, key: tuple, compute: Callable[[], T]) -> T:
    """Return ``compute()`` for the cached dataset, computed once per ``key`` and shared.

    For things derived from the dataset alone (a year's events, its summary line, the
    search options), which every session and rerun would otherwise rebuild. The result is
    shared read-only: never modify it. The dataset is kept with the entry, so a reloaded
    dataset never meets a stale result.
    """
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is ds:
        return hit[1]  # type: ignore[return-value]
    out = compute()
    with _LOCK:
        if len(_MEMO) >= 1024:
            _MEMO.clear()
        _MEMO[key] = (ds, out)
    return out


def shown_events(ds: Dataset, year: int, mode: str) -> gpd.GeoDataFrame:
    """Return the events the map shows for a year and mode (shared: read-only)."""
    return memo(ds, ("shown", year, mode), lambda: events_shown(ds.events, year, mode))


def summary_line(ds: Dataset, year: int, mode: str) -> str:
    """Return the one-line summary of a year in a mode (see ``geo.summary.year_summary``)."""
    return memo(
        ds, ("summary", year, mode), lambda: year_summary(ds.events, ds.periods, year, mode)
    )
