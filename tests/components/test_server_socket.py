"""The served entry's socket: connections accepted by a Streamlit-style listener get TCP_NODELAY.

Without it, every response after a connection's first waited 40 ms for the browser's
delayed ACK (headers and body are two writes under Nagle's algorithm).
"""

import socket
import sys

import pytest

from components.warmup import nodelay_listeners

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")


def _listener() -> socket.socket:
    sock = socket.socket(family=socket.AF_INET)  # as Streamlit 1.67 binds it: protocol 0
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def _accepted_nodelay(listener: socket.socket) -> int:
    with socket.create_connection(listener.getsockname()):
        accepted, _ = listener.accept()
        with accepted:
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_listener_bound_as_streamlit_does_accepts_connections_without_nodelay() -> None:
    with _listener() as listener:
        assert listener.proto == 0  # why asyncio's own TCP_NODELAY never applied
        assert _accepted_nodelay(listener) == 0


def test_nodelay_listeners_reaches_the_connections_the_listener_accepts() -> None:
    with _listener() as listener, socket.socket() as unbound:
        assert nodelay_listeners() >= 1
        assert _accepted_nodelay(listener) != 0
        # A socket that is not listening is left alone.
        assert unbound.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0


def test_the_cold_entry_sets_nodelay_in_a_sessions_first_run() -> None:
    # `streamlit run app.py` has no lifespan: the app's first run of a session does it.
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    app_py = Path(__file__).resolve().parents[2] / "app.py"
    with _listener() as listener:
        assert _accepted_nodelay(listener) == 0
        app = AppTest.from_file(str(app_py), default_timeout=60).run()
        assert not app.exception
        assert app.session_state["_nodelay_sockets"] >= 1
        assert _accepted_nodelay(listener) != 0
