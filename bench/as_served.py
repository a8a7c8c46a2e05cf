"""Serve a bench app (floor or naive) the way serve.py serves the Atlas, minus the warm-up.

``st.App`` with a lifespan that sets TCP_NODELAY on the server's socket
(``components.warmup.nodelay_listeners``), so the three apps share one transport and the
ratios measure the apps, not a socket option. The script is named by ``ATLAS_BENCH_SCRIPT``
(relative to the project root).
"""

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
SCRIPT_ENV = "ATLAS_BENCH_SCRIPT"
sys.path.insert(0, str(ROOT))


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[dict]:
    from components.warmup import nodelay_listeners

    yield {"nodelay_sockets": nodelay_listeners()}


app = st.App(str(ROOT / os.environ[SCRIPT_ENV]), lifespan=lifespan)
