"""GDAL's VRT driver must not turn an upload into a server file read once hardened."""

import contextlib
import os
import subprocess
import sys
import uuid
import warnings
from pathlib import Path

import pytest

from geo.gdal_guard import gdal_environment_is_hardened, harden_gdal_environment

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import io, sys
sys.path.insert(0, {root!r})
if {harden!r}:
    from geo.gdal_guard import harden_gdal_environment
    harden_gdal_environment()
import geopandas
vrt = {vrt!r}
try:
    print(geopandas.read_file(io.BytesIO(vrt)).to_string())
except Exception as exc:
    print("refused:", type(exc).__name__)
"""


def _probe(tmp_path: Path, *, harden: bool) -> tuple[str, str]:
    token = f"CANARY_{uuid.uuid4().hex}"
    canary = tmp_path / "canary.csv"
    canary.write_text(f"id,secret\n1,{token}\n")
    vrt = (
        '<OGRVRTDataSource><OGRVRTLayer name="canary">'
        f"<SrcDataSource>{canary}</SrcDataSource>"
        "</OGRVRTLayer></OGRVRTDataSource>"
    ).encode()
    env = {k: v for k, v in os.environ.items() if k != "OGR_SKIP"}
    code = PROBE.format(root=str(ROOT), harden=harden, vrt=vrt)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    return token, done.stdout + done.stderr


def test_vrt_upload_reads_a_server_file_without_the_guard(tmp_path: Path) -> None:
    token, out = _probe(tmp_path, harden=False)
    if token not in out:
        pytest.skip("this GDAL build does not reproduce the VRT file read")
    assert token in out


def test_vrt_upload_cannot_read_a_server_file_after_hardening(tmp_path: Path) -> None:
    token, out = _probe(tmp_path, harden=True)
    assert token not in out
    assert "refused:" in out


def test_harden_keeps_existing_ogr_skip_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGR_SKIP", "GPX,KML")
    for key in ("GDAL_HTTP_TIMEOUT", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS"):
        monkeypatch.setenv(key, "")
    monkeypatch.setenv("GDAL_DISABLE_READDIR_ON_OPEN", "")
    with pytest.warns(RuntimeWarning) if "pyogrio" in sys.modules else contextlib.nullcontext():
        harden_gdal_environment()
    assert os.environ["OGR_SKIP"] == "GPX,KML,OGR_VRT"
    assert os.environ["GDAL_HTTP_TIMEOUT"] == "1"
    assert os.environ["GDAL_DISABLE_READDIR_ON_OPEN"] == "EMPTY_DIR"
    assert os.environ["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"].startswith(".")
    assert gdal_environment_is_hardened()


def test_harden_is_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGR_SKIP", "OGR_VRT")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # already hardened: nothing to warn about
        harden_gdal_environment()
    assert os.environ["OGR_SKIP"] == "OGR_VRT"


def test_warns_when_pyogrio_was_loaded_unhardened(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyogrio  # noqa: F401  (make sure it is loaded)

    monkeypatch.setenv("OGR_SKIP", "GPX")
    with pytest.warns(RuntimeWarning, match="imported before harden_gdal_environment"):
        harden_gdal_environment()


def test_unhardened_environment_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGR_SKIP", "GPX")
    assert not gdal_environment_is_hardened()
