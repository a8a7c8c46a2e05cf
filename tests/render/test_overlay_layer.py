"""Overlay layer: local assets only, hostile text escaped in HTML and inert in a real browser."""

import re
from pathlib import Path

import folium
import pandas as pd
import pytest

from geo.overlay import load_overlay, overlay_in_year
from render.assets import (
    ATLAS_CSS,
    ATLAS_JS,
    CLUSTER_CSS,
    CLUSTER_JS,
    LEAFLET_CSS,
    LEAFLET_JS,
    inline_assets_for_export,
)
from render.overlay_layer import LABEL_CHARS, overlay_feature_group

ROOT = Path(__file__).resolve().parents[2]

IMG = '<img src=x onerror="window.__pwned=1">'
TEMPLATE = "${window.__pwned=2}"
BACKTICK = "`+(window.__pwned=3)+`"
SCRIPT = "</script><script>window.__pwned=4</script>"
HOSTILE = IMG + TEMPLATE + BACKTICK + SCRIPT + "\\'\""
CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "code.jquery.com",
             "netdna.bootstrapcdn.com", "maxcdn", "googleapis.com")  # fmt: skip


def hostile_events() -> tuple[pd.DataFrame, list[str]]:
    rows = [["33.6", "73.0", "2011", HOSTILE, HOSTILE], ["31.5", "74.3", "2011", "Lahore", "ok"]]
    frame = pd.DataFrame(rows, columns=["lat", "lon", "year", "name", HOSTILE])
    ov = load_overlay(frame.to_csv(index=False).encode(), HOSTILE + ".csv")
    return overlay_in_year(ov, 2011), ov.fields


def render(events: pd.DataFrame, fields: list[str], *, name: str = HOSTILE + ".csv") -> str:
    m = folium.Map(location=[32, 73], zoom_start=6, tiles=None, maxZoom=18)
    overlay_feature_group(events, name=name, color="#e41a1c", key="ov1").add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m.get_root().render()


def scripts(page: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.DOTALL)


def test_rendered_map_references_no_cdn_and_uses_local_cluster_assets() -> None:
    page = render(*hostile_events())
    assert not [host for host in CDN_HOSTS if host in page]
    assert CLUSTER_JS in page
    assert all(css in page for css in CLUSTER_CSS)
    assert not re.search(r"""(src|href)=["']https?://""", page)


def test_hostile_strings_appear_only_escaped() -> None:
    page = render(*hostile_events())
    assert "<img" not in page
    assert "${window" not in page
    assert "`+(window" not in page
    assert page.count("</script>") == len(re.findall(r"<script\b", page))
    assert "<script>window.__pwned" not in page
    assert "\\u0026lt;img src=x onerror=\\u0026quot;window.__pwned=1\\u0026quot;\\u0026gt;" in page


def test_every_marker_row_is_in_the_cluster_data() -> None:
    events, fields = hostile_events()
    page = render(events, fields)
    data = next(s for s in scripts(page) if "Atlas.cluster(" in s)
    assert data.count("[33.6, 73.0, ") == 1
    assert data.count("[31.5, 74.3, ") == 1


def test_empty_year_renders_an_empty_cluster() -> None:
    events, fields = hostile_events()
    page = render(events.iloc[0:0], fields)
    assert '"rows": []' in page


def test_colour_must_be_a_plain_css_colour() -> None:
    events, _fields = hostile_events()
    with pytest.raises(ValueError, match="colour"):
        overlay_feature_group(events, name="x", color="red;}</style>")


# ---------------------------------------------------------------- real browser


def _inline_assets(page: str) -> str:
    assets = inline_assets_for_export()
    for url, key, tag in (
        (LEAFLET_JS, "leaflet.js", "script"),
        (CLUSTER_JS, "markercluster.js", "script"),
        (ATLAS_JS, "atlas.js", "script"),
        (LEAFLET_CSS, "leaflet.css", "style"),
        (ATLAS_CSS, "atlas.css", "style"),
        (CLUSTER_CSS[0], "markercluster.css", "style"),
    ):
        body = assets[key]
        assert "</script" not in body.lower()
        pattern = (
            rf'<script src="{re.escape(url)}"></script>'
            if tag == "script"
            else rf'<link rel="stylesheet" href="{re.escape(url)}"/>'
        )
        page = re.sub(pattern, lambda _m, b=body, t=tag: f"<{t}>{b}</{t}>", page)
    return re.sub(rf'<link rel="stylesheet" href="{re.escape(CLUSTER_CSS[1])}"/>', "", page)


@pytest.mark.e2e
def test_hostile_overlay_shows_literal_text_and_runs_nothing_in_chromium(
    browser,
    tmp_path: Path,
) -> None:
    page_html = _inline_assets(render(*hostile_events()))
    (tmp_path / "overlay.html").write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 700})
    blocked: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")) or re.match(
            r"https?://(127\.0\.0\.1|localhost)[:/]", url
        ):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "overlay.html").as_uri())
    page.wait_for_selector(".leaflet-overlay-pane canvas", state="attached")
    # Zoom in so both points are separate canvas markers, then hover and click each.
    page.evaluate(
        "() => { const m = Object.values(window).find(v => v && v instanceof L.Map);"
        " m.setView([33.6, 73.0], 14, {animate: false}); }"
    )
    page.wait_for_timeout(300)
    box = page.locator(".leaflet-container").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.wait_for_selector(".leaflet-tooltip", timeout=5_000)
    tooltip = page.locator(".leaflet-tooltip").inner_text()
    page.mouse.click(cx, cy)  # in the app a click shows the full record beside the map
    layer_names = page.locator(".leaflet-control-layers-overlays").inner_text()
    page.wait_for_timeout(500)
    pwned = page.evaluate("() => window.__pwned")
    page.screenshot(path=str(tmp_path / "overlay.png"))
    page.close()

    assert pwned is None
    assert not page_errors_of_concern(errors), errors
    assert blocked == []
    label, when = tooltip.splitlines()
    assert label == HOSTILE[:LABEL_CHARS] + "…"
    assert when == f"2011 · {HOSTILE}.csv"
    assert HOSTILE + ".csv" in layer_names


def page_errors_of_concern(errors: list[str]) -> list[str]:
    return [e for e in errors if "pwned" in e or "LatLng" in e or "SyntaxError" in e]
