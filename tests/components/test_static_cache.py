"""The map's static files: gzip made once, from memory, and nothing outside the folders."""

import asyncio
import gzip
import os

import pytest

from components.static_cache import StaticCache, accepts_gzip, file_cache, frontend_mount

LAYER = "atlas/layers/" + "ab" * 10 + ".json"
BODY = b'{"type": "FeatureCollection", "features": []}' + b" " * 4000


async def _fallback(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"from streamlit"})


def _get(app, path: str, *, method: str = "GET", **headers: str) -> tuple[int, dict, bytes]:
    scope = {"type": "http", "method": method, "path": path, "headers": [
        (k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}  # fmt: skip
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return (start["status"], {k.decode(): v.decode() for k, v in start["headers"]},
            b"".join(m.get("body", b"") for m in sent[1:]))  # fmt: skip


@pytest.fixture
def static(tmp_path):
    for rel, body in {LAYER: BODY, "atlas/atlas.js": b"var x = 1;\n" * 200,
                      "atlas/tiny.js": b"1", "leaflet/leaflet.js": b"L = {};\n" * 300,
                      "secret/keys.json": b"{}" * 800}.items():  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(body)
    return tmp_path


def test_a_layer_is_served_gzipped_immutable_and_unchanged(static) -> None:
    app = StaticCache(_fallback, root=static)
    status, headers, body = _get(app, "/app/static/" + LAYER, accept_encoding="gzip, br")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/json"
    assert "immutable" in headers["cache-control"]
    assert gzip.decompress(body) == BODY
    assert int(headers["content-length"]) == len(body) < len(BODY)


def test_the_browser_copy_is_confirmed_with_304(static) -> None:
    app = StaticCache(_fallback, root=static)
    _, first, _ = _get(app, "/app/static/atlas/atlas.js", accept_encoding="gzip")
    assert first["cache-control"] == "no-cache"  # not content-named: revalidated
    status, _, body = _get(app, "/app/static/atlas/atlas.js", accept_encoding="gzip",
                           if_none_match=first["etag"])  # fmt: skip
    assert (status, body) == (304, b"")


def test_a_changed_file_is_served_new(static) -> None:
    app = StaticCache(_fallback, root=static)
    _, before, _ = _get(app, "/app/static/leaflet/leaflet.js", accept_encoding="gzip")
    target = static / "leaflet" / "leaflet.js"
    target.write_bytes(b"L = {v: 2};\n" * 300)
    os.utime(target, ns=(1, 1))  # a new stamp even within the clock's resolution
    _, after, body = _get(app, "/app/static/leaflet/leaflet.js", accept_encoding="gzip")
    assert after["etag"] != before["etag"]
    assert gzip.decompress(body) == b"L = {v: 2};\n" * 300


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/app/static/" + LAYER, {}),  # no gzip asked for
        ("/app/static/" + LAYER, {"accept_encoding": "gzip;q=0"}),
        ("/app/static/" + LAYER, {"accept_encoding": "gzip", "range": "bytes=0-9"}),
        ("/app/static/atlas/tiny.js", {"accept_encoding": "gzip"}),  # under 1 kB
        ("/app/static/secret/keys.json", {"accept_encoding": "gzip"}),  # not a map folder
        ("/app/static/atlas/../secret/keys.json", {"accept_encoding": "gzip"}),
        ("/app/static/atlas//atlas.js", {"accept_encoding": "gzip"}),
        ("/app/static/atlas/missing.js", {"accept_encoding": "gzip"}),
        ("/_stcore/health", {"accept_encoding": "gzip"}),
    ],
)
def test_everything_else_goes_to_streamlit(static, path, headers) -> None:
    status, _, body = _get(StaticCache(_fallback, root=static), path, **headers)
    assert (status, body) == (299, b"from streamlit")


def test_a_symlink_out_of_the_folder_is_not_followed(static, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "x.js"
    outside.write_bytes(b"secret();\n" * 200)
    (static / "atlas" / "link.js").symlink_to(outside)
    status, _, _ = _get(StaticCache(_fallback, root=static), "/app/static/atlas/link.js",
                        accept_encoding="gzip")  # fmt: skip
    assert status == 299


def test_head_sends_headers_only(static) -> None:
    status, headers, body = _get(StaticCache(_fallback, root=static), "/app/static/" + LAYER,
                                 method="HEAD", accept_encoding="gzip")  # fmt: skip
    assert (status, body) == (200, b"")
    assert headers["content-encoding"] == "gzip"


def test_the_warm_up_and_the_middleware_share_one_cache(static) -> None:
    assert file_cache(static).warm([LAYER, "atlas/tiny.js", "atlas/../x.js"]) == 1
    assert LAYER in StaticCache(_fallback, root=static).cache.entries


@pytest.mark.parametrize(
    ("header", "ok"),
    [("gzip", True), ("br, gzip;q=0.5", True), ("*", True), ("gzip;q=0", False),
     ("br", False), ("", False), ("gzip;q=x", False)],
)  # fmt: skip
def test_accept_encoding(header, ok) -> None:
    assert accepts_gzip(header) is ok


def test_streamlits_own_bundles_are_served_compressed_and_immutable(static) -> None:
    app = StaticCache(_fallback, root=static)
    bundles = sorted((frontend_mount().cache.root / "js").glob("index.*.js"))
    assert bundles, "Streamlit's frontend entry bundle is where frontend_mount looks"
    status, headers, body = _get(app, f"/static/js/{bundles[0].name}", accept_encoding="gzip")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert gzip.decompress(body) == bundles[0].read_bytes()
    # the page itself and the manifest stay Streamlit's (never cached, base URL rewritten)
    for path in ("/static/index.html", "/index.html", "/static/manifest.json"):
        assert _get(app, path, accept_encoding="gzip")[0] == 299
