"""Faults without a browser: a broken bundled data file at start-up, a failing export."""

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT


def broken_data_dir(tmp_path: Path, name: str, how: str) -> Path:
    """Copy the bundled dataset and break one file: delete, truncate, or fill with junk."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("basemap", "*.md"))
    target = folder / name
    if how == "missing":
        target.unlink()
    elif how == "truncated":
        target.write_bytes(target.read_bytes()[:100])
    elif how == "binary":
        target.write_bytes(b"\x00\xff\xfe not json \x81")
    elif how == "unreadable":
        target.chmod(0)
    return folder


def page_text(at: AppTest) -> str:
    """Every text the page shows, for checking that no traceback or path leaks."""
    parts = [e.value for e in (*at.error, *at.info, *at.markdown, *at.title)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("name", "how", "problem"),
    [
        ("events.geojson", "missing", "file is missing"),
        ("places.geojson", "missing", "file is missing"),
        ("routes.geojson", "truncated", "not valid JSON"),
        ("periods.geojson", "binary", "cannot be read"),
    ],
)
def test_broken_bundled_file_gives_a_clear_page_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, how: str, problem: str
) -> None:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(broken_data_dir(tmp_path, name, how)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert name in message and problem in message, message
    text = page_text(at)
    assert "Traceback" not in text and 'File "' not in text and str(tmp_path) not in text
    assert len(at.sidebar.slider) == 0  # the app stopped before drawing anything else


def test_restored_file_loads_again_nothing_cached_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = broken_data_dir(tmp_path, "events.geojson", "truncated")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert at.error and "events.geojson" in at.error[0].value
    shutil.copy(DATA / "events.geojson", folder / "events.geojson")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception and not at.error
    assert at.sidebar.slider[0].value == 2011
