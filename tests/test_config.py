"""The reviewed Streamlit configuration, and what ./static may hold."""

import ast
import base64
import os
import re
import socket
import tomllib
from pathlib import Path

import pytest

from geo.overlay import MAX_BYTES
from render.assets import STATIC, vendor_assets
from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
VENDORED = {"leaflet", "markercluster", "atlas"}


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("server", "enableCORS", True),
        ("server", "enableXsrfProtection", True),
        ("server", "address", "127.0.0.1"),
        ("server", "maxUploadSize", 50),
        ("server", "enableStaticServing", True),
        ("server", "disconnectedSessionTTL", 60),
        ("server", "enableAgentApi", False),
        ("server", "headless", True),
        ("client", "showErrorDetails", "none"),
        ("client", "toolbarMode", "viewer"),
        ("client", "disableDataExport", True),
        ("browser", "gatherUsageStats", False),
    ],
)
def test_config_sets_reviewed_value(section: str, key: str, expected: object) -> None:
    assert CONFIG[section][key] == expected


def test_upload_cap_matches_the_overlay_loader_limit() -> None:
    assert CONFIG["server"]["maxUploadSize"] == MAX_BYTES / 2**20
    assert CONFIG["server"]["maxUploadSize"] <= 50


def test_cors_allows_no_other_origin_and_hosts_are_pinned() -> None:
    assert CONFIG["server"].get("corsAllowedOrigins", []) == []
    hosts = CONFIG["server"]["allowedHosts"]
    assert hosts and "*" not in hosts
    assert set(hosts) <= {"127.0.0.1", "localhost"}


def test_config_holds_no_secret() -> None:
    assert "cookieSecret" not in CONFIG["server"]
    assert 0 < CONFIG["server"]["disconnectedSessionTTL"] <= 120


def test_every_key_is_a_streamlit_option() -> None:
    from streamlit import config

    for section, values in CONFIG.items():
        for key in values:
            assert f"{section}.{key}" in config._config_options_template, f"{section}.{key}"


def test_vendor_assets_fills_static_with_vendored_folders_only(tmp_path: Path) -> None:
    target = vendor_assets(tmp_path / "static")
    assert {p.name for p in target.iterdir()} == VENDORED
    assert all(p.is_dir() and not p.is_symlink() for p in target.iterdir())


def test_served_static_holds_only_vendored_assets() -> None:
    vendor_assets()
    assert {p.name for p in STATIC.iterdir()} <= VENDORED
    atlas = {p.name for p in (STATIC / "atlas").iterdir()}
    allowed = {"atlas.js", "atlas.css", "layers"}  # layers: the bundled data's map layers
    assert all(n in allowed or n.startswith("basemap-") for n in atlas), atlas
    layers = STATIC / "atlas" / "layers"
    names = [p.name for p in layers.iterdir()] if layers.exists() else []
    assert all(re.fullmatch(r"[0-9a-f]{20}\.json", n) for n in names), names
    suffixes = {p.suffix for p in STATIC.rglob("*") if p.is_file()}
    assert suffixes <= {".js", ".css", ".png", ".json", ""}, suffixes


ALLOWED_STATIC_WRITERS = {"render/assets.py", "components/served.py",
                          "components/atlas_map.py"}  # fmt: skip
WRITE_CALLS = {"write_bytes", "write_text", "open", "copy2", "copyfile", "copytree", "move",
               "rename", "mkstemp", "NamedTemporaryFile", "savefig", "save"}  # fmt: skip


def _calls(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            out.add(fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", ""))
    return out


def test_only_the_asset_vendoring_code_writes_into_static() -> None:
    """User uploads and exports must never land in ./static: it is served as-is."""
    offenders = []
    sources = [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]
    sources += [*(ROOT / "components").glob("*.py"), *(ROOT / "geo").rglob("*.py")]
    sources += [*(ROOT / "render").glob("*.py"), *(ROOT / "store").rglob("*.py")]
    for path in sources:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        strings = {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        }
        # ./static is reached through render.assets.STATIC or a "static/..." literal;
        # a bare "static" names a folder inside an installed wheel (read-only).
        touches = "STATIC" in names or any(t.startswith(("static/", "./static")) for t in strings)
        if touches and _calls(tree) & WRITE_CALLS and rel not in ALLOWED_STATIC_WRITERS:
            offenders.append(rel)
    assert offenders == []


def test_only_bundled_data_layers_are_written_to_static() -> None:
    """``served.static_url`` writes public files: only the bundled data's layers may use it.

    Its one caller is ``atlas_map.layer_refs``, which refuses a scene that holds overlays;
    an analyst's overlay goes through the session-only media store instead.
    """
    from components.atlas_map import layer_refs
    from geo.io import read_dataset
    from geo.scene import OverlayInput
    from tests.conftest import scene_of

    users = {}
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"),
                 *(ROOT / "components").glob("*.py"), *(ROOT / "render").glob("*.py")]:  # fmt: skip
        if "static_url(" in path.read_text(encoding="utf-8"):
            users.setdefault("static_url(", set()).add(path.name)
    assert users["static_url("] == {"served.py", "atlas_map.py"}
    import pandas as pd

    rows = pd.DataFrame({"lat": [34.0], "lon": [71.5], "year": [2011]})
    with_overlay = scene_of(read_dataset(), 2011, overlay_inputs=[
        OverlayInput("ov1", "mine", "#332288", rows)])  # fmt: skip
    with pytest.raises(ValueError, match="session-only"):
        layer_refs(with_overlay)


def _handshake_status(port: int, host: str) -> int:
    """Open the session websocket with a given Host header; return the HTTP status."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request.encode())
        return int(conn.recv(200).split(b" ", 2)[1])


@pytest.mark.e2e
def test_running_server_refuses_websockets_for_foreign_hosts() -> None:
    """DNS rebinding: a page on evil.example resolving to us must not get a session."""
    from tests.e2e.conftest import free_port, start_app, stop_app

    port = free_port()
    proc = start_app(port)
    try:
        assert _handshake_status(port, f"127.0.0.1:{port}") == 101
        assert _handshake_status(port, "localhost") == 101
        assert _handshake_status(port, "evil.example") == 403
        assert _handshake_status(port, f"evil.example:{port}") == 403
    finally:
        stop_app(proc)
