"""Export failures become clear messages, and the other products are still made."""

import errno

import pytest

import components.export_panel as panel
from geo.errors import ExportError
from geo.io import read_dataset
from geo.view import View
from geo.viewstate import MapExtent

DS = read_dataset()


def prepare(**kw: object) -> tuple[list, list[str]]:
    args = {"fmt": "png", "size": "1920x1080"} | kw
    view = View(layers=("routes", "events"), title="Brief", extent=MapExtent(34.0, 71.3, 8))
    return panel.prepare_exports(DS, view, [], **args)


@pytest.fixture(autouse=True)
def _no_session(monkeypatch) -> None:
    monkeypatch.setattr(panel, "reopen_url", lambda *a: "http://127.0.0.1:8501/?year=2011")


def test_full_disk_is_reported_and_the_rest_still_exports(monkeypatch) -> None:
    def full(*args: object, **kwargs: object) -> bytes:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("render.sheet.render_sheet", full)  # the panel imports it on first use
    files, errors = prepare()
    assert errors == ["Sheet PNG could not be written: No space left on device."]
    assert [f.label for f in files] == ["HTML map", "GeoJSON", "CSV"]


def test_impossible_size_is_reported_clearly() -> None:
    files, errors = prepare(size="100000x100000")
    assert len(errors) == 1 and "too large to render" in errors[0]
    assert len(files) == 3


def test_export_error_from_html_is_reported(monkeypatch) -> None:
    def offline_only(*args: object, **kwargs: object) -> bytes:
        raise ExportError("The HTML export would need 'x.js' from the network.")

    monkeypatch.setattr(panel, "export_html", offline_only)
    files, errors = prepare()
    assert errors == ["HTML map: The HTML export would need 'x.js' from the network."]
    assert files[0].data.startswith(b"\x89PNG")
