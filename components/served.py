"""Serve a map layer's JSON to the browser by URL instead of inside every rerun.

A year change used to resend every layer (≈150 KB for the bundled data, ≈430 KB more
with a 100,000-event overlay) through the websocket, where Streamlit's frontend parsed it
and handed it to the map's iframe as a script to evaluate. Now the map gets
``{"$ref": url}`` and fetches the JSON itself (``atlas.js`` keeps what it has drawn).

Two places, by whose data it is:

- The bundled data's layers (``static_url``) are public: each is written once to
  ``static/atlas/layers/`` under the hash of its content, shared by every session.
- An analyst's overlay (``publisher``) goes into Streamlit's in-memory media store, not
  onto disk: the store keeps a file while a session's latest run still uses it, and drops
  it when no session does. The overlay therefore never leaves the server's memory, is
  reachable only at a URL named by the hash of its content, and is gone when the session
  ends.
"""

import hashlib
import os
import tempfile
from collections.abc import Callable

from streamlit import runtime

from render.assets import STATIC, STATIC_URL

LAYERS_DIR = STATIC / "atlas" / "layers"


def static_url(body: str) -> str:
    """Write ``body`` (JSON) once under the hash of its content and return its URL path."""
    data = body.encode("utf-8")
    name = f"{hashlib.sha256(data).hexdigest()[:20]}.json"
    target = LAYERS_DIR / name
    if not target.exists():
        LAYERS_DIR.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=LAYERS_DIR, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)  # atomic: a browser never reads half a file
    return f"{STATIC_URL}/atlas/layers/{name}"


def publisher(prefix: str) -> Callable[[str, str], str] | None:
    """Return a function that serves JSON under ``prefix``, or ``None`` outside a Streamlit run.

    Each slot (say ``"atlas_map:ov1"``) holds one file at a time for this session: new
    content in the same slot releases the previous one.
    """
    if not runtime.exists():
        return None
    manager = runtime.get_instance().media_file_mgr

    def publish(slot: str, body: str) -> str:
        return manager.add(body.encode("utf-8"), "application/json", f"atlas:{prefix}:{slot}")

    return publish
