"""Server entry: `streamlit run serve.py` warms the process, then serves app.py.

Streamlit 1.67 runs an ``st.App`` with uvicorn, and uvicorn accepts no request until the
app's lifespan start-up has returned: ``/_stcore/health`` cannot answer "ok" (and no
session can start) before the warm-up is done. ``make run``, the systemd unit and the
deploy demo start the Atlas this way; ``streamlit run app.py`` still works, cold.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import streamlit as st
from starlette.middleware import Middleware
from streamlit.logger import get_logger

from components.shared_urls import SharedUrls
from components.static_cache import StaticCache
from render.assets import STATIC

ROOT = Path(__file__).resolve().parent
LOG = get_logger("atlas.serve")


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[dict]:
    """Warm up in a worker thread (the runtime is started, so the real caches fill)."""
    from components.warmup import warm_other_modes, warm_up  # after the runtime starts

    figures = await anyio.to_thread.run_sync(warm_up)
    LOG.info("Atlas warm-up done: %s", figures)
    warm_other_modes()  # the rest, paced, while serving
    yield {"warm_up": figures}


# The map's static files, compressed once and served from memory ahead of Streamlit's
# per-request gzip (components/static_cache.py); shared URLs with a mode's old name
# redirected to today's (components/shared_urls.py).
app = st.App(str(ROOT / "app.py"), lifespan=lifespan,
             middleware=[Middleware(StaticCache, root=STATIC), Middleware(SharedUrls)])  # fmt: skip

if __name__ == "__main__":
    app.run()
