"""The one cache seam between the data files and the pages: datasets and scenes.

Every cache here is Streamlit's (``st.cache_resource``) on plain, hashable keys: the data
folder, the dataset's content fingerprint and a view's ``content_key()``. Values are
shared read-only by every session; never modify them. Overlays are each session's own:
they are added to a cached scene (``geo.scene.add_overlays``), never cached with it.
"""

import os
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from geo.io import DATA_DIR, Dataset, read_dataset
from geo.scene import OverlayInput, Scene, add_overlays, base_scene
from geo.view import View

SCENE_ENTRIES = 2048  # 22 years × 2 modes × a few layer choices and selections, and months


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


@st.cache_resource(show_spinner=False, max_entries=SCENE_ENTRIES)
def _scene(path: str, fingerprint: str, key: tuple, _view: View) -> Scene:
    # ``key`` (the view's content key) and the dataset's fingerprint decide the entry;
    # ``_view`` is the value that key was made from.
    return base_scene(_load(path), _view)


def scene_for(view: View, overlays: Sequence[OverlayInput] = ()) -> Scene:
    """Return the scene of a view over the bundled data, with this session's overlays."""
    ds = load_dataset()
    scene = _scene(str(data_dir()), ds.fingerprint, view.content_key(), view)
    return add_overlays(scene, overlays)
