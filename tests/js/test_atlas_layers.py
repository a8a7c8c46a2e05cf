"""Atlas.lines with a second status, co-located markers fanned out, labels kept clear."""

import json
import math

import pytest

from tests.js.conftest import overlap, rects

pytestmark = pytest.mark.e2e

SQUARE = '<svg width="{s}" height="{s}"><rect width="{s}" height="{s}" fill="#D55E00"/></svg>'


def map_page(page, site, name: str, script: str, *, zoom: int = 6, center=(30.0, 68.0)) -> None:
    head = f"""
      window.map = L.map("m", {{center: {list(center)}, zoom: {zoom}, zoomAnimation: false}});
      Atlas.controls(map, {{title: "Atlas", legend_html: "", tiles_notice: "", sync_url: false}});
      window.group = L.featureGroup().addTo(map);
    """
    page.goto(site.page(name, '<div id="m" class="m"></div>', script=head + script))


def dashes(value: str | None) -> list[float]:
    return [float(x) for x in (value or "").replace(",", " ").split()]


def painted(pattern: list[float], offset: float, length: float) -> list[tuple[float, float]]:
    """The stretches of [0, length) that a dash pattern shifted by ``offset`` paints."""
    period = sum(pattern)
    out, pos, i = [], -offset % period - period, 0
    while pos < length:
        step = pattern[i % len(pattern)]
        if i % 2 == 0 and step > 0:
            lo, hi = max(pos, 0.0), min(pos + step, length)
            if hi > lo:
                out.append((lo, hi))
        pos += step
        i += 1
    return out


def test_a_route_with_a_second_status_draws_both_in_turn(page, site) -> None:
    lines = [
        {"latlngs": [[25.0, 66.0], [31.0, 70.0]], "color": "#0072B2", "weight": 4, "dash": None,
         "status": "open", "tooltip_html": "<b>Torkham</b>", "popup_html": "Torkham",
         "second": {"color": "#D55E00", "dash": "10 7"}},
        {"latlngs": [[26.0, 64.0], [32.0, 68.0]], "color": "#D55E00", "weight": 4,
         "dash": "10 7", "status": "closed", "tooltip_html": "Chaman", "popup_html": "Chaman"},
    ]  # fmt: skip
    map_page(page, site, "second.html", f"Atlas.lines(group, {json.dumps(lines)});")
    main = page.locator("path.atlas-status-open")
    second = page.locator("path.atlas-route-second")
    assert main.count() == 1 and second.count() == 1  # the plain route has no second line
    assert page.locator("path.atlas-route").count() == 2
    assert main.get_attribute("stroke") == "#0072B2"
    assert second.get_attribute("stroke") == "#D55E00"
    main_dash = dashes(main.get_attribute("stroke-dasharray"))
    second_dash = dashes(second.get_attribute("stroke-dasharray"))
    offset = float(second.get_attribute("stroke-dashoffset"))
    period = sum(main_dash)
    assert period == pytest.approx(sum(second_dash)) and offset == pytest.approx(period / 2)
    # Along two periods, the statuses take turns: neither paints where the other does, and
    # the second keeps its own dash (several dashes per stretch, not one block).
    a, b = painted(main_dash, 0, 2 * period), painted(second_dash, offset, 2 * period)
    assert not any(lo < y and x < hi for lo, hi in a for x, y in b)
    assert len(b) >= 4 and all(hi - lo <= 10.01 for lo, hi in b)
    assert sum(hi - lo for lo, hi in a) == pytest.approx(period)  # the solid main: half of it
    # Tooltip and popup stay on the main line (and its casing); the second lets the pointer by.
    assert "leaflet-interactive" in main.get_attribute("class")
    assert "leaflet-interactive" not in second.get_attribute("class")
    box = main.bounding_box()
    for t in (0.3, 0.5, 0.7):  # along the route, in either status's stretch
        page.mouse.move(box["x"] + (1 - t) * box["width"], box["y"] + t * box["height"])
        tip = page.locator(".leaflet-tooltip")
        tip.wait_for()
        assert tip.inner_text() == "Torkham"
        page.mouse.move(5, 5)
        tip.wait_for(state="detached")
    assert page.errors == []


def events_at(lat: float, lon: float, n: int, size: int = 20) -> list[dict]:
    """``n`` events on one spot, as the server sends them (with its own small shift)."""
    out = []
    for k in range(n):
        icon = SQUARE.format(s=size)
        if k:
            icon = f'<div style="transform: translate({7 * k}px, -3px)">{icon}</div>'
        out.append({"lat": lat, "lon": lon, "size": size, "icon_html": icon,
                    "cls": f"atlas-event atlas-cat-conflict atlas-stack-{k}",
                    "title": f"Event {k}", "tooltip_html": f"Event {k}", "z": 100 + k})  # fmt: skip
    return out


@pytest.mark.parametrize("n", [2, 5])
def test_events_on_one_spot_never_overlap_at_any_zoom(page, site, n: int) -> None:
    markers = events_at(34.43, 70.93, n) + events_at(25.0, 63.0, 1)
    map_page(page, site, f"stack{n}.html", f"Atlas.markers(group, {json.dumps(markers)});",
             center=(34.43, 70.93))  # fmt: skip
    for zoom in (5, 9, 13):
        page.evaluate(f"() => map.setZoom({zoom}, {{animate: false}})")
        boxes = rects(page, ".atlas-event svg")
        assert len(boxes) == n + 1
        clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlap(a, b)]
        assert clashes == [], (zoom, clashes)
        spot = page.evaluate(
            "() => { const p = map.latLngToContainerPoint([34.43, 70.93]);"
            " const r = document.getElementById('m').getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }"
        )
        centres = [((b["l"] + b["r"]) / 2, (b["t"] + b["b"]) / 2) for b in boxes[:n]]
        far = max(math.dist(spot, c) for c in centres)
        assert far < 20 + 4 * n  # still read as one place
    assert page.locator(".atlas-stack-spot").count() == 1  # the exact spot is marked once
    assert page.errors == []


KHYBER = [
    ("Peshawar", 34.008, 71.578), ("Jamrud", 34.0, 71.38), ("Landi Kotal", 34.1, 71.14),
    ("Torkham", 34.13, 71.09), ("Jalalabad", 34.43, 70.45), ("Khyber Pass", 34.08, 71.2),
]  # fmt: skip


def test_place_labels_clear_each_other_and_every_marker(page, site) -> None:
    places = [
        {"lat": lat, "lon": lon, "size": 12, "icon_html": SQUARE.format(s=12),
         "cls": "atlas-place atlas-kind-city", "title": name, "label": name, "z": -100}
        for name, lat, lon in KHYBER
    ]  # fmt: skip
    events = events_at(34.008, 71.578, 3) + events_at(34.13, 71.09, 2) + events_at(34.08, 71.2, 1)
    script = f"Atlas.markers(group, {json.dumps(places)});"
    script += f"Atlas.markers(group, {json.dumps(events)});"
    map_page(page, site, "labels.html", script, zoom=6, center=(34.07, 71.35))
    shown = {}
    for zoom in (6, 8, 9, 11):
        page.evaluate(f"() => map.setZoom({zoom}, {{animate: false}})")
        page.wait_for_function(
            "() => document.querySelectorAll('[data-atlas-label]').length === 6 &&"
            " !Atlas.create(map).labelFrame"
        )
        labels = rects(page, ".atlas-place-label")
        icons = rects(page, ".leaflet-marker-icon")
        clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :]
                   if overlap(a, b)]  # fmt: skip
        covered = [(a["text"], m) for a in labels for m in icons if overlap(a, m)]
        assert clashes == [] and covered == [], (zoom, clashes, covered)
        shown[zoom] = {a["text"] for a in labels}
    on_screen = set(page.evaluate(
        """() => { const c = document.getElementById('m').getBoundingClientRect();
             return Array.from(document.querySelectorAll('.atlas-place')).filter(e => {
               const r = e.getBoundingClientRect();
               return r.left >= c.left && r.right <= c.right && r.top >= c.top
                 && r.bottom <= c.bottom; }).map(e => e.title); }"""
    ))  # fmt: skip
    assert len(on_screen) >= 5
    assert shown[11] >= on_screen  # room for every label on screen when zoomed in
    assert len(shown[6]) < len(shown[11])  # and some give way when zoomed out
    assert page.errors == []


def test_labels_lay_out_beside_markers_of_any_icon_size_form(page, site) -> None:
    # Markercluster gives its icons an L.Point size and some markers have iconSize: null;
    # the label layout must measure those too instead of failing (it used to throw,
    # "reading '0'", whenever an overlay's clusters were on the map).
    script = """
      Atlas.markers(group, [{lat: 34.0, lon: 71.5, size: 12, cls: "atlas-place", label: "Peshawar",
                             icon_html: "<b>x</b>", title: "Peshawar"}]);
      L.marker([34.6, 72.4], {icon: L.divIcon({html: "12", iconSize: L.point(40, 40)})}).addTo(map);
      L.marker([33.4, 70.6], {icon: L.divIcon({html: "<i>n</i>", iconSize: null})}).addTo(map);
      map.setZoom(7);
    """
    map_page(page, site, "label-sizes.html", script, center=(34.0, 71.5))
    page.wait_for_function(
        "() => document.querySelector('.atlas-place-label')"
        "?.getAttribute('data-atlas-label') !== null"
    )
    assert page.errors == []
    assert page.locator(".atlas-place-label").get_attribute("data-atlas-label") != "hidden"


def _layer_count(page) -> int:
    """Chromium's composited layers for the page, read from its layer tree (CDP)."""
    cdp = page.context.new_cdp_session(page)
    got: dict = {}
    cdp.on("LayerTree.layerTreeDidChange", lambda e: got.update(layers=e.get("layers") or []))
    cdp.send("LayerTree.enable")
    page.evaluate("() => map.panBy([1, 0], {animate: false})")  # a frame, so the tree is sent
    page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => r(true)))")
    page.wait_for_timeout(200)
    cdp.detach()
    return len(got.get("layers", []))


def test_markers_sit_where_they_belong_without_a_compositor_layer_each(page, site) -> None:
    # 120 places on a grid: Leaflet's own translate3d made each its own compositor layer,
    # and re-layering them slowed every frame a year step drew.
    places = [
        {"lat": 26.0 + 0.5 * (k // 12), "lon": 62.0 + 0.8 * (k % 12), "size": 10,
         "icon_html": SQUARE.format(s=10), "cls": "atlas-place", "title": f"P{k}", "z": -100}
        for k in range(120)
    ]  # fmt: skip
    map_page(page, site, "flat.html", f"Atlas.markers(group, {json.dumps(places)});",
             zoom=5, center=(28.5, 66.5))  # fmt: skip
    icons = page.locator(".leaflet-marker-icon.atlas-place")
    assert icons.count() == 120
    transforms = icons.evaluate_all("(els) => els.map(e => e.style.transform)")
    assert all(t.startswith("translate(") for t in transforms), transforms[:3]
    assert _layer_count(page) < 30
    for zoom, pan in ((6, (40, -25)), (4, (-60, 10))):
        page.evaluate(f"() => {{ map.setZoom({zoom}, {{animate: false}});"
                      f" map.panBy({list(pan)}, {{animate: false}}); }}")  # fmt: skip
        off = page.evaluate(
            """() => { const r = document.getElementById('m').getBoundingClientRect();
                 let worst = 0;
                 for (const el of document.querySelectorAll('.atlas-place')) {
                   const b = el.getBoundingClientRect();
                   const c = [(b.left + b.right) / 2 - r.left, (b.top + b.bottom) / 2 - r.top];
                   const ll = el.title.slice(1) | 0;
                   const p = map.latLngToContainerPoint([26.0 + 0.5 * Math.floor(ll / 12),
                                                         62.0 + 0.8 * (ll % 12)]);
                   worst = Math.max(worst, Math.hypot(p.x - c[0], p.y - c[1]));
                 }
                 return worst; }"""
        )
        assert off < 1.5, (zoom, off)  # each icon is centred on its place
    assert page.errors == []


def test_route_lines_stay_on_their_places_through_animated_zoom_and_pan(page, site) -> None:
    # The vector overlay sits at a 2D translate too, painted with the map pane: after an
    # animated zoom and a pan its lines must still run between their points.
    lines = [{"latlngs": [[25.0, 66.0], [31.0, 70.0]], "color": "#0072B2", "weight": 4,
              "dash": None, "status": "open", "tooltip_html": "T", "popup_html": "T"}]  # fmt: skip
    head = f"""
      window.map = L.map("m", {{center: [28, 68], zoom: 5}});
      window.group = L.featureGroup().addTo(map);
      Atlas.lines(group, {json.dumps(lines)});
    """
    page.goto(site.page("lines-zoom.html", '<div id="m" class="m"></div>', script=head))
    for zoom, pan in ((6, (60, -40)), (5, (-120, 30))):
        page.evaluate(f"() => new Promise(r => {{ map.once('zoomend', () => r(true));"
                      f" map.setZoom({zoom}, {{animate: true}}); }})")  # fmt: skip
        page.evaluate(f"() => map.panBy({list(pan)}, {{animate: false}})")
        page.wait_for_timeout(150)
        off = page.evaluate(
            """() => { const r = document.getElementById('m').getBoundingClientRect();
                 const b = document.querySelector('path.atlas-route').getBoundingClientRect();
                 const a = map.latLngToContainerPoint([25.0, 66.0]);
                 const c = map.latLngToContainerPoint([31.0, 70.0]);
                 return Math.max(Math.abs(b.left - r.left - Math.min(a.x, c.x)),
                                 Math.abs(b.right - r.left - Math.max(a.x, c.x)),
                                 Math.abs(b.top - r.top - Math.min(a.y, c.y)),
                                 Math.abs(b.bottom - r.top - Math.max(a.y, c.y))); }"""
        )
        assert off < 4, (zoom, off)  # within the line's width of its end points
    transform = page.evaluate(
        "() => document.querySelector('svg.leaflet-zoom-animated').style.transform"
    )
    assert transform.startswith("translate("), transform
    assert page.errors == []
