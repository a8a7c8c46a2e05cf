"""Atlas.controls: briefing (no controls, fitted view), the tiles notice, legend, popups."""

import json

import pytest

pytestmark = pytest.mark.e2e

FIT = [[24.8, 66.9], [34.6, 71.2]]  # Karachi to Kabul and the Khyber
LEGEND = '<h4>Route status</h4><div class="row"><span>Open</span></div>'


def controls(**extra: object) -> str:
    opts = {"title": "NATO–Pakistan Atlas · 2011", "legend_html": LEGEND,
            "tiles_notice": "Online tiles are unreachable.", "sync_url": False} | extra  # fmt: skip
    return json.dumps(opts)


def map_script(opts: str, *, width: int = 800) -> str:
    return f"""
      document.getElementById("m").style.width = "{width}px";
      window.map = L.map("m", {{center: [29.8, 68.6], zoom: 4}});
      window.tiles = L.tileLayer("/no-tiles/{{z}}/{{x}}/{{y}}.png", {{attribution: "Test tiles"}});
      window.bundled = L.featureGroup();
      L.control.layers({{"Bundled": bundled, "Online": tiles}}, {{}}, {{collapsed: false}})
        .addTo(map);
      bundled.addTo(map);
      Atlas.controls(map, {opts});
    """


def fitted(frame) -> bool:
    """The content's box is all in view and fills the map one way (at least 70 %)."""
    return frame.evaluate(
        f"""() => {{ const fit = L.latLngBounds({FIT}), size = map.getSize();
             const sw = map.latLngToContainerPoint(fit.getSouthWest());
             const ne = map.latLngToContainerPoint(fit.getNorthEast());
             return map.getBounds().contains(fit) &&
               (ne.x - sw.x >= 0.7 * size.x || sw.y - ne.y >= 0.7 * size.y); }}"""
    )


def test_briefing_hides_the_controls_and_fits_the_view_to_the_frame(page, site) -> None:
    page.goto(site.page("brief.html", '<div id="m" class="m"></div>',
                        script=map_script(controls(briefing=True, fit=FIT))))  # fmt: skip
    page.locator(".atlas-legend").wait_for()
    for hidden in (".leaflet-control-zoom", ".leaflet-control-layers", ".atlas-mouse",
                   ".atlas-fullscreen"):  # fmt: skip
        assert page.locator(hidden).is_hidden(), hidden
    assert page.locator(".atlas-stamp").is_visible() and page.locator(".atlas-legend").is_visible()
    assert fitted(page)
    zoom = page.evaluate("() => map.getZoom()")
    # The page sizes the frame from outside: the map takes the new size and fits again.
    page.evaluate("() => { const m = document.getElementById('m');"
                  " m.style.width = '1600px'; m.style.height = '1000px'; }")  # fmt: skip
    page.wait_for_function("() => map.getSize().x === 1600 && map.getSize().y === 1000")
    page.wait_for_function(f"() => map.getZoom() > {zoom}")
    assert fitted(page)
    assert page.errors == []


def test_briefing_keeps_an_extent_from_the_page_url(page, site) -> None:
    script = map_script(controls(briefing=True, fit=FIT, sync_url=True))
    frame_url = site.page("brief-kept.html", '<div id="m" class="m"></div>', script=script)
    parent = site.page("brief-parent.html", f'<iframe src="{frame_url}" width="820" height="520">'
                       "</iframe>", atlas=False)  # fmt: skip
    page.goto(parent + "?view=34.0500,71.2000,9")
    frame = page.frame_locator("iframe")
    frame.locator(".atlas-legend").wait_for()
    inner = page.frames[1]
    assert inner.evaluate("() => map.getZoom()") == 4  # left as the page opened it
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-fitted") is None
    assert "view=34.0500,71.2000,9" in page.url  # and the shared extent is not overwritten


def test_without_briefing_every_control_is_there(page, site) -> None:
    script = map_script(controls())
    page.goto(site.page("plain.html", '<div id="m" class="m"></div>', script=script))
    page.locator(".atlas-legend").wait_for()
    for shown in (".leaflet-control-zoom", ".leaflet-control-layers", ".atlas-mouse"):
        assert page.locator(shown).is_visible(), shown
    assert page.evaluate("() => map.getZoom()") == 4


def choose(page, name: str) -> None:
    page.locator(".leaflet-control-layers label", has_text=name).click()


def test_tiles_notice_hides_by_itself_on_dismiss_and_on_the_bundled_basemap(page, site) -> None:
    page.goto(site.page("notice.html", '<div id="m" class="m"></div>',
                        script=map_script(controls(notice_ms=400))))  # fmt: skip
    notice = page.locator(".atlas-notice")
    choose(page, "Online")
    notice.wait_for(state="visible")
    assert notice.inner_text() == "Online tiles are unreachable."
    notice.wait_for(state="hidden")  # by itself, although tiles keep failing
    page.evaluate("() => map.panBy([300, 200], {animate: false})")  # more failed tiles
    page.wait_for_timeout(300)
    assert notice.is_hidden()  # said once per choice of the layer
    choose(page, "Bundled")
    choose(page, "Online")
    notice.wait_for(state="visible")
    page.get_by_role("button", name="Dismiss this notice").click()
    assert notice.is_hidden()
    choose(page, "Bundled")
    page.evaluate("() => Atlas._.notify(map, 'Online tiles are unreachable.', 'tiles')")
    choose(page, "Online")
    choose(page, "Bundled")
    assert notice.is_hidden()  # choosing the bundled basemap clears it
    assert page.errors == []


@pytest.mark.parametrize(("width", "state"), [(500, "folded"), (900, "open")])
def test_legend_is_folded_on_small_maps_and_opens_on_demand(page, site, width, state) -> None:
    page.goto(site.page(f"legend{width}.html", '<div id="m" class="m"></div>',
                        script=map_script(controls(), width=width)))  # fmt: skip
    legend = page.locator(".atlas-legend")
    legend.wait_for()
    assert legend.get_attribute("data-atlas-legend") == state
    assert page.get_by_text("Route status").is_visible() == (state == "open")
    legend.get_by_role("button").click()
    assert page.get_by_text("Route status").is_visible() == (state != "open")


def test_a_popup_opens_clear_of_the_title_stamp(page, site) -> None:
    marker = {"lat": 36.4, "lon": 66.5, "size": 20, "cls": "atlas-event", "title": "Near the top",
              "icon_html": '<svg width="20" height="20"><circle cx="10" cy="10" r="9"/></svg>',
              "popup_html": "<h3>A long popup title</h3>" + "<p>line</p>" * 6}  # fmt: skip
    script = map_script(controls()) + (
        "Atlas.stamp(map, {title: 'NATO–Pakistan Atlas · 2011', subtitle: 'a subtitle',"
        " year: 2011, view: ''});"
        f"window.group = L.featureGroup().addTo(map); Atlas.markers(group, [{json.dumps(marker)}]);"
    )
    page.goto(site.page("popup.html", '<div id="m" class="m"></div>', script=script))
    page.evaluate("() => map.setView([36.2, 68.0], 6, {animate: false})")
    page.locator(".atlas-event").click()
    page.locator(".leaflet-popup-content h3").wait_for()
    page.wait_for_function("() => !map._panAnim || !map._panAnim._inProgress")
    page.wait_for_timeout(400)  # the autopan animation ends
    title = page.locator(".leaflet-popup-content h3").bounding_box()
    stamp = page.locator(".atlas-stamp").bounding_box()
    assert title["y"] >= stamp["y"] + stamp["height"]
    assert page.errors == []


PNG = (  # a 1×1 tile
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_a_tile_layer_is_credited_only_while_its_tiles_show(page, site) -> None:
    script = map_script(controls()) + (
        f'window.good = L.tileLayer("{PNG}", {{attribution: "Good tiles"}});'
    )
    page.goto(site.page("credit.html", '<div id="m" class="m"></div>', script=script))
    credit = page.locator(".leaflet-control-attribution")
    choose(page, "Online")
    page.locator(".atlas-notice").wait_for(state="visible")  # its tiles failed
    assert "Test tiles" not in credit.inner_text()
    choose(page, "Bundled")
    page.evaluate("() => { map.removeLayer(bundled); good.addTo(map); }")
    page.wait_for_function("() => document.querySelector('.leaflet-tile-loaded')")
    assert "Good tiles" in credit.inner_text()
    assert "Test tiles" not in credit.inner_text()
    page.evaluate("() => { map.removeLayer(good); }")
    assert "Good tiles" not in credit.inner_text()
    assert page.errors == []


def test_the_legend_lists_what_the_stamp_sends_and_follows_it(page, site) -> None:
    two = '<h4>Route status</h4><div class="row"><span>Open</span></div>'
    one = '<h4>Events</h4><div class="row"><span>Armed incident</span></div>'
    stamp = {"title": "Atlas", "subtitle": "", "year": 2011, "view": ""}
    script = map_script(controls(legend_html="")) + (
        f"window.stamp = {json.dumps(stamp)};"
        f"Atlas.stamp(map, Object.assign({{legend_html: {json.dumps(two)}}}, stamp));"
    )
    page.goto(site.page("legend-stamp.html", '<div id="m" class="m"></div>', script=script))
    legend = page.locator(".atlas-legend")
    assert legend.inner_text().split("\n")[1:] == ["ROUTE STATUS", "Open"]  # h4 in capitals
    page.evaluate(f"() => Atlas.stamp(map, Object.assign({{legend_html: {one!r}}}, stamp))")
    assert "Armed incident" in legend.inner_text() and "Open" not in legend.inner_text()
    page.evaluate("() => Atlas.stamp(map, Object.assign({legend_html: ''}, stamp))")
    assert legend.is_hidden()  # nothing on the map to explain


def test_a_legend_sent_as_shared_parts_is_put_back_together(page, site) -> None:
    # The manifest sends each legend row once (``legends.parts``) and each year's legend as
    # a list of part ids; the map must show the same rows as a legend sent whole.
    parts = {"p0": "<h4>Route status</h4>", "p1": '<div class="row"><span>Open</span></div>',
             "p2": '<div class="row"><span>Closed by Pakistan</span></div>'}  # fmt: skip
    legends = {"L0": ["p0", "p1"], "L1": ["p0", "p1", "p2"], "parts": parts}
    stamp = {"title": "Atlas", "subtitle": "", "year": 2011, "view": ""}
    script = map_script(controls(legend_html="")) + (
        f"window.legends = {json.dumps(legends)}; window.stamp = {json.dumps(stamp)};"
        "Atlas._.applyStamp(map, Object.assign({legend_ref: 'L1'}, stamp), legends);"
    )
    page.goto(site.page("legend-parts.html", '<div id="m" class="m"></div>', script=script))
    legend = page.locator(".atlas-legend")
    assert legend.inner_text().split("\n")[1:] == ["ROUTE STATUS", "Open", "Closed by Pakistan"]
    page.evaluate(
        "() => Atlas._.applyStamp(map, Object.assign({legend_ref: 'L0'}, stamp), legends)"
    )
    assert "Closed by Pakistan" not in legend.inner_text() and "Open" in legend.inner_text()
    assert page.errors == []
