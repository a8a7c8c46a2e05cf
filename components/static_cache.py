"""Serve the map's static files gzip-compressed once, from memory, ahead of Streamlit.

Streamlit serves ``/app/static/`` from disk and its gzip middleware compresses every
response again, per request: the 1.2 MB basemap cost 71 ms of server CPU for each visitor
(6 ms uncompressed), and each year's layer JSON a few more. Under a team's load that is
CPU the sessions' reruns wait for. This ASGI middleware (``serve.py`` installs it with
``st.App(middleware=...)``, where it runs before Streamlit's own) answers a GET or HEAD for
the Atlas's, Leaflet's and MarkerCluster's files with a gzip body made once per file
version and kept in memory, with an ETag and a ``304`` when the browser has it.

Streamlit's own scripts and styles (``/static/js``, ``/static/css``, about 100 on a first
visit) go the same way: Streamlit sends them uncompressed from disk, 1.3 ms each here;
from memory, 0.3 ms and a third of the bytes.

Content-named files (``layers/<hash>.json``, ``basemap-<hash>.json``, Streamlit's hashed
bundles) never change, so they are marked immutable: a returning analyst's browser does
not ask again. Everything else is revalidated by its ETag. Whatever this does not handle
(another path, a Range request, a client without gzip, a file under 1 kB, a name outside
the pattern) goes to Streamlit unchanged.
"""

import gzip
import hashlib
import os
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]  # fmt: skip

URL_PREFIX = "/app/static/"
FOLDERS = ("atlas", "leaflet", "markercluster")  # what the map's frame loads
# A relative path of plain name parts: no "..", no empty part, no backslash, no "%".
SAFE_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")
CONTENT_NAMED = re.compile(r"atlas/(?:layers/[0-9a-f]{20}|basemap-[0-9a-f]{12})\.json")
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".json": "application/json", ".svg": "image/svg+xml"}  # fmt: skip
MIN_SIZE = 1000  # as Streamlit's own gzip middleware: smaller files go there
LEVEL = 6  # the basemap: 0.44 MB at 6 as at 9, in a third of the time
BUDGET = 64 * 2**20  # bytes of compressed bodies held; past it the cache starts again
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@dataclass(frozen=True)
class Entry:
    """One file version, compressed: what a response needs."""

    stamp: tuple[int, int]  # (mtime_ns, size) of the file it was made from
    etag: str
    body: bytes  # gzip
    content_type: str


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip;q=0`` refuses it)."""
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


class FileCache:
    """Compressed static files by relative path, each made once per (mtime, size)."""

    def __init__(self, root: Path, folders: tuple[str, ...]) -> None:
        self.root = Path(root).resolve()
        self.folders = folders
        self.entries: dict[str, Entry] = {}
        self.lock = threading.Lock()

    def entry(self, relative: str) -> Entry | None:
        """Return the compressed entry of ``root/relative``, or None to let Streamlit serve it."""
        if not SAFE_PATH.fullmatch(relative) or relative.split("/", 1)[0] not in self.folders:
            return None
        kind = TYPES.get(os.path.splitext(relative)[1])
        path = self.root / relative
        try:
            if kind is None or path.is_symlink() or not path.resolve().is_relative_to(self.root):
                return None
            info = path.stat()
        except OSError:
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        known = self.entries.get(relative)
        if known is not None and known.stamp == stamp:
            return known
        if info.st_size < MIN_SIZE or not path.is_file():
            return None
        raw = path.read_bytes()
        made = Entry(stamp, f'"{hashlib.sha256(raw).hexdigest()[:32]}"',
                     gzip.compress(raw, compresslevel=LEVEL, mtime=0), kind)  # fmt: skip
        with self.lock:
            if sum(len(e.body) for e in self.entries.values()) + len(made.body) > BUDGET:
                self.entries.clear()
            self.entries[relative] = made
        return made

    def warm(self, relatives: list[str] | None = None) -> int:
        """Compress these files (default: every file in the folders) now; return how many
        are held. zlib lets go of the GIL while it compresses: a thread doing this at app
        start runs on the other core."""
        if relatives is None:
            relatives = sorted(str(p.relative_to(self.root)) for f in self.folders
                               for p in (self.root / f).rglob("*") if p.is_file())  # fmt: skip
        return sum(self.entry(r) is not None for r in relatives)


_CACHES: dict[tuple[Path, tuple[str, ...]], FileCache] = {}


def file_cache(root: Path, folders: tuple[str, ...] = FOLDERS) -> FileCache:
    """The process's one cache of ``root`` (the middleware and the warm-up share it)."""
    key = (Path(root).resolve(), folders)
    return _CACHES.setdefault(key, FileCache(*key))


@dataclass(frozen=True)
class Mount:
    """A URL prefix served from a cache; ``immutable``: which of its paths never change."""

    prefix: str
    cache: FileCache
    immutable: re.Pattern


def warm_map_files(urls: list[str]) -> int:
    """Compress the map's scripts and styles and the files at these ``/app/static/`` URLs."""
    from render.assets import STATIC

    cache = file_cache(STATIC)
    files = [u.removeprefix(URL_PREFIX) for u in urls]
    files += sorted(str(p.relative_to(cache.root)) for f in FOLDERS
                    for p in (cache.root / f).glob("*.[jc]s*"))  # fmt: skip
    return cache.warm(files)


def frontend_mount() -> Mount:
    """Streamlit's own scripts and styles (``/static/js``, ``/static/css``).

    Their names carry a content hash, and Streamlit itself marks them immutable; it serves
    them from disk uncompressed (compressing per request cost more than it saved). Made
    once here, they are both: about 100 of them on a first visit, 3-4x smaller.
    """
    from streamlit import file_util

    root = Path(file_util.get_static_dir()) / "static"
    return Mount("/static/", file_cache(root, ("js", "css")), re.compile(r"(?:js|css)/.+"))


class StaticCache:
    """ASGI middleware: the map's static files (and Streamlit's), gzip made once."""

    def __init__(self, app: ASGIApp, root: Path, frontend: bool = True) -> None:
        self.app = app
        self.cache = file_cache(root)
        self.mounts = [Mount(URL_PREFIX, self.cache, CONTENT_NAMED)]
        if frontend:
            self.mounts.append(frontend_mount())

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        found = await self._lookup(scope)
        if found is None:
            await self.app(scope, receive, send)
            return
        mount, relative, entry, headers = found
        cache_control = IMMUTABLE if mount.immutable.fullmatch(relative) else REVALIDATE
        response_headers = [
            (b"content-type", entry.content_type.encode()),
            (b"etag", entry.etag.encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", cache_control.encode()),
            (b"x-content-type-options", b"nosniff"),
        ]
        if entry.etag in [t.strip() for t in headers.get("if-none-match", "").split(",")]:
            await send({"type": "http.response.start", "status": 304, "headers": response_headers})
            await send({"type": "http.response.body", "body": b""})
            return
        response_headers += [
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(entry.body)).encode()),
        ]
        body = b"" if scope["method"] == "HEAD" else entry.body
        await send({"type": "http.response.start", "status": 200, "headers": response_headers})
        await send({"type": "http.response.body", "body": body})

    async def _lookup(self, scope: Scope) -> tuple[Mount, str, Entry, dict[str, str]] | None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        mount = next((m for m in self.mounts if path.startswith(m.prefix)), None)
        if scope.get("method") not in ("GET", "HEAD") or mount is None:
            return None
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if "range" in headers or not accepts_gzip(headers.get("accept-encoding", "")):
            return None
        relative = path.removeprefix(mount.prefix)
        entry = mount.cache.entries.get(relative)
        if entry is None or not mount.immutable.fullmatch(relative):
            # A content-named file never changes; any other is checked against its stamp,
            # and a new one read and compressed, off the event loop (the basemap: ~25 ms).
            entry = await anyio.to_thread.run_sync(mount.cache.entry, relative)
        return None if entry is None else (mount, relative, entry, headers)
