"""Shared URLs naming the mode the old way are redirected to today's name; nothing else is."""

import asyncio

from components.shared_urls import SharedUrls


async def _streamlit(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"the page"})


def _get(path: str, query: str, method: str = "GET") -> tuple[int, dict[str, str]]:
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(),
             "headers": []}  # fmt: skip
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    asyncio.run(SharedUrls(_streamlit)(scope, receive, send))
    return sent[0]["status"], {k.decode(): v.decode() for k, v in sent[0]["headers"]}


def test_a_page_url_with_an_old_mode_name_is_redirected_to_the_same_page() -> None:
    for path in ("/", "/chronology", "/atlas/compare"):  # behind nginx: the path is kept
        status, headers = _get(path, "year=2008&mode=everything+up+to+year&event=ev_1")
        assert status == 302
        assert headers["location"] == "?year=2008&mode=everything+up+to+its+end&event=ev_1"
        assert headers["cache-control"] == "no-store"


def test_current_urls_and_streamlits_own_routes_go_through() -> None:
    assert _get("/", "year=2008&mode=everything+up+to+its+end")[0] == 200
    assert _get("/", "year=2008")[0] == 200
    assert _get("/_stcore/health", "mode=everything+up+to+year")[0] == 200
    assert _get("/static/js/main.js", "mode=events+in+year")[0] == 200
    assert _get("/", "mode=everything+up+to+year", method="POST")[0] == 200
