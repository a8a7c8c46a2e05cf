"""Keep shared URLs working: a page URL naming the mode by an old name is redirected.

The sidebar's mode control is bound to the URL by its option names, and Streamlit drops a
name it does not offer. The modes were once named for years ("everything up to year"),
so a URL shared then would open, but the address bar would lose its mode. This ASGI
middleware (``serve.py`` installs it) answers such a page request with a redirect to the
same page and the mode's name of today (``geo.view.renamed_query``), before Streamlit's
page loads. Every other request goes to Streamlit unchanged.
"""

from typing import Any

from geo.view import renamed_query

# Streamlit's own routes and files: never a page URL an analyst shares.
NOT_PAGES = ("/_stcore/", "/static/", "/app/static/", "/component/", "/media/")


class SharedUrls:
    """ASGI middleware: redirect a page URL with an old mode name to today's name."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        query = scope.get("query_string", b"")
        page = scope["type"] == "http" and scope.get("method") in ("GET", "HEAD")
        if not page or b"mode=" not in query or path.startswith(NOT_PAGES):
            await self.app(scope, receive, send)
            return
        renamed = renamed_query(query.decode("utf-8", "replace"))
        if renamed is None:
            await self.app(scope, receive, send)
            return
        location = f"?{renamed}".encode()  # the same page (and base path, behind nginx)
        await send({"type": "http.response.start", "status": 302,
                    "headers": [(b"location", location), (b"cache-control", b"no-store"),
                                (b"content-length", b"0")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})
