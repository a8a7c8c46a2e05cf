"""The one cached seam between the data files and the pages."""

import os
from pathlib import Path

import streamlit as st

from geo.io import DATA_DIR, Dataset, read_dataset


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
