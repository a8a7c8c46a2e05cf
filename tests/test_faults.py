"""Faults without a browser: a broken bundled data file at start-up, a failing export."""

import errno
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.errors import AtlasDataError
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


ENOSPC_MESSAGE = "No space left on device"


def _full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, ENOSPC_MESSAGE)


def _export_panel_wired() -> bool:
    return "export_panel" in (ROOT / "app_pages" / "map.py").read_text(encoding="utf-8")


@pytest.mark.skipif(not _export_panel_wired(), reason="the export panel is not on the map page")
def test_full_disk_during_export_gives_a_clear_message_and_the_session_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import matplotlib.figure
    import PIL.Image

    monkeypatch.setenv("ATLAS_EXPORT_WORKERS", "0")  # the patches below reach this process only
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["export_panel_open"] = True  # the panel draws its contents while open
    at.run()
    assert not at.exception
    with monkeypatch.context() as patch:
        # Every way the sheet reaches bytes (PNG through Pillow, PDF through matplotlib) fails.
        patch.setattr(matplotlib.figure.Figure, "savefig", _full_disk)
        patch.setattr(PIL.Image.Image, "save", _full_disk)
        at.button(key="export_go").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("could not be written" in m and ENOSPC_MESSAGE in m for m in messages), messages
    assert not any("Traceback" in m for m in messages)
    # The session keeps working: the year still moves, and the next export succeeds.
    at.sidebar.slider[0].set_value(2012).run()
    assert not at.exception
    assert "2012" in at.markdown[0].value or any("2012" in m.value for m in at.markdown)
    at.button(key="export_go").click().run()
    assert not at.exception
    assert not [e.value for e in at.error if ENOSPC_MESSAGE in e.value]


def test_sheet_written_to_a_full_device_raises_a_clear_export_error() -> None:
    from geo.errors import ExportError
    from geo.io import read_dataset
    from render.sheet import render_sheet
    from render.sheet_spec import sheet_spec
    from tests.conftest import scene_of

    full = Path("/dev/full")  # Linux's always-full device: every write fails with ENOSPC
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    scene = scene_of(read_dataset(), 2011, layers=["routes", "places", "events"])
    spec = sheet_spec(scene, fmt="png", size="1920x1080")
    with pytest.raises(ExportError, match=ENOSPC_MESSAGE) as info:
        render_sheet(spec, full)
    assert "full" in str(info.value)


def test_broken_basemap_file_is_named_not_a_traceback(monkeypatch, tmp_path) -> None:
    """A corrupt file under data/basemap/ stops the app with a message naming it."""
    from render import basemap as map_layers

    broken = tmp_path / "basemap"
    shutil.copytree(map_layers.BASEMAP_DIR, broken)
    (broken / "afpak_border.geojson").write_text('{"type": "FeatureColl', encoding="utf-8")
    monkeypatch.setattr(map_layers, "BASEMAP_DIR", broken)
    map_layers.basemap_layers.cache_clear()
    try:
        with pytest.raises(AtlasDataError, match=r"basemap/afpak_border\.geojson: cannot be read"):
            map_layers.basemap_layers()
    finally:
        map_layers.basemap_layers.cache_clear()
