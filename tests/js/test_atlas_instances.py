"""Atlas.create(map): per-map state, and following the year slider found by its widget key."""

import pytest

pytestmark = pytest.mark.e2e

CONTROLS = (
    '{title: "Atlas", legend_html: "<h4>Route status</h4>", tiles_notice: "Tiles down.",'
    " sync_url: false}"
)


def line(status: str, color: str, lat: float) -> dict:
    return {"latlngs": [[lat, 66.0], [lat + 1.5, 70.0]], "color": color, "weight": 4, "dash": None,
            "status": status, "tooltip_html": status, "popup_html": status}  # fmt: skip


def manifest(site, slider: object, year: int, years: dict[int, str]) -> dict:
    """A manifest whose years differ by the status of their one route."""
    entries = {}
    for y, status in years.items():
        ref = site.json(f"routes-{status}.json", [line(status, "#0072B2", 30.0)])
        stamp = {"title": f"Atlas · {y}", "subtitle": status, "year": y, "view": str(y)}
        entries[str(y)] = {"stamp": stamp, "layers": {"routes": ref}, "overlays": {}}
    return {"slider": slider, "year": year, "years": entries}


def test_two_maps_on_one_page_keep_their_own_layers_and_year(page, site) -> None:
    open_ref = site.json("two-open.json", [line("open", "#0072B2", 29.0)])
    closed_ref = site.json(
        "two-closed.json", [line("closed", "#D55E00", 29.0), line("closed", "#D55E00", 31.0)]
    )
    script = f"""
      function make(id, year, ref) {{
        const map = L.map(id, {{center: [30, 68], zoom: 5}});
        Atlas.controls(map, {CONTROLS});
        Atlas.stamp(map, {{title: "Atlas · " + year, subtitle: "", year: year, view: id}});
        const group = L.featureGroup().addTo(map);
        Atlas.layer(group, {{key: "routes", fn: "lines", $ref: ref}});
        return map;
      }}
      window.a = make("a", 2010, {open_ref!r});
      window.b = make("b", 2012, {closed_ref!r});
    """
    page.goto(site.page("two.html", '<div id="a" class="m"></div><div id="b" class="m"></div>',
                        script=script))  # fmt: skip
    page.locator("#a path.atlas-route").first.wait_for()
    page.locator("#b path.atlas-route").nth(1).wait_for()
    page.wait_for_function("() => !document.querySelector('[data-atlas-loading]')")
    assert page.locator("#a path.atlas-status-open").count() == 1
    assert page.locator("#a path.atlas-status-closed").count() == 0
    assert page.locator("#b path.atlas-status-closed").count() == 2
    assert page.locator("#b path.atlas-status-open").count() == 0
    assert page.locator("#a").get_attribute("data-atlas-year") == "2010"
    assert page.locator("#b").get_attribute("data-atlas-year") == "2012"
    assert page.locator("#a .atlas-stamp-title").inner_text() == "Atlas · 2010"
    assert page.locator("#b .atlas-stamp-title").inner_text() == "Atlas · 2012"
    assert page.evaluate("() => Atlas.create(a) !== Atlas.create(b)")
    assert page.evaluate("() => Atlas.create(a).groups.routes !== Atlas.create(b).groups.routes")
    assert page.errors == []


PARENT = """
<div class="stElementContainer st-key-speed"><div data-testid="stSlider">
  <div data-testid="stWidgetLabel"><p>Year</p></div>
  <div role="slider"><input type="range" min="1" max="9" value="3" aria-valuetext="3"></div>
</div></div>
<div class="stElementContainer st-key-year"><div data-testid="stSlider">
  <div data-testid="stWidgetLabel"><p>{label}</p></div>
  <div role="slider"><input type="range" min="1994" max="2015" value="2010"
       aria-valuetext="2010"></div>
</div></div>
<iframe src="{frame}" style="width: 820px; height: 520px"></iframe>
"""


def follow_page(page, site, name: str, slider: object, label: str, query: str = ""):
    """A fake Streamlit page (a keyed slider, a decoy) around a map that follows it."""
    m = manifest(site, slider, 2012, {2010: "open", 2011: "closed", 2012: "blocked"})
    ref = m["years"]["2012"]["layers"]["routes"]
    script = f"""
      window.map = L.map("m", {{center: [30, 68], zoom: 5}});
      Atlas.controls(map, {CONTROLS});
      Atlas.stamp(map, {{title: "", subtitle: "", year: 2012, view: "", manifest: {m!r}}});
      const group = L.featureGroup().addTo(map);
      Atlas.layer(group, {{key: "routes", fn: "lines", $ref: {ref!r}}});
    """.replace("True", "true")
    frame_url = site.page(f"{name}-map.html", '<div id="m" class="m"></div>', script=script)
    page.goto(site.page(f"{name}.html", PARENT.format(label=label, frame=frame_url), atlas=False)
              + query)  # fmt: skip
    frame = page.frame_locator("iframe")
    return frame, page.locator(".st-key-year input")


def move(thumb, year: int) -> None:
    """Move the slider as Streamlit's frontend does: value and aria-valuetext attributes."""
    thumb.evaluate(
        "(el, y) => { el.value = String(y); el.setAttribute('value', String(y));"
        " el.setAttribute('aria-valuetext', String(y)); }",
        year,
    )


@pytest.mark.parametrize(
    ("slider", "label"),
    [({"key": "year"}, "Année"), ("Année", "Année")],
    ids=["by-widget-key", "by-label-legacy"],
)
def test_map_follows_the_slider_it_is_told_about(page, site, slider, label) -> None:
    name = "follow-key" if isinstance(slider, dict) else "follow-label"
    frame, thumb = follow_page(page, site, name, slider, label)
    container = frame.locator(".leaflet-container")
    # The slider says 2010 although the rerun's year is 2012: the map shows the slider's year.
    frame.locator(".leaflet-container[data-atlas-year='2010'] path.atlas-status-open").wait_for()
    assert container.get_attribute("data-atlas-slider") == "found"
    move(thumb, 2011)
    frame.locator(".leaflet-container[data-atlas-year='2011'] path.atlas-status-closed").wait_for()
    assert frame.locator("path.atlas-status-open").count() == 0
    assert frame.locator(".atlas-stamp-title").inner_text() == "Atlas · 2011"
    move(page.locator(".st-key-speed input"), 5)  # the other slider is not followed
    move(thumb, 2010)
    frame.locator(".leaflet-container[data-atlas-year='2010'] path.atlas-status-open").wait_for()
    assert page.errors == []


def test_a_key_that_matches_no_widget_leaves_the_map_on_the_rerun_year(page, site) -> None:
    frame, thumb = follow_page(page, site, "follow-none", {"key": "no such key"}, "Year")
    frame.locator(".leaflet-container[data-atlas-year='2012'] path.atlas-status-blocked").wait_for()
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-slider") == "missing"
    move(thumb, 2011)
    page.wait_for_timeout(300)  # nothing is to happen; give a wrong follower time to act
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-year") == "2012"


def test_a_year_the_manifest_lacks_keeps_the_map_on_its_year(page, site) -> None:
    # An overlay's year after 2015 widens the slider before a rerun brings that year's
    # entry: the map stays where it is rather than jumping to the manifest's own year.
    frame, thumb = follow_page(page, site, "follow-later", {"key": "year"}, "Year")
    frame.locator(".leaflet-container[data-atlas-year='2010'] path.atlas-status-open").wait_for()
    move(thumb, 2013)
    page.wait_for_timeout(300)  # nothing is to happen; give a wrong follower time to act
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-year") == "2010"
    assert frame.locator("path.atlas-status-open").count() == 1
    move(thumb, 2011)
    frame.locator(".leaflet-container[data-atlas-year='2011'] path.atlas-status-closed").wait_for()
    assert page.errors == []


def test_without_its_slider_the_map_shows_the_year_in_the_page_url(page, site) -> None:
    # The slider is bound to ?year=, so the page's URL names its year when the map cannot
    # find the slider itself; the manifest's own year is the last resort.
    frame, _ = follow_page(page, site, "follow-url", {"key": "no such key"}, "Year",
                           query="?year=2011&mode=year")  # fmt: skip
    frame.locator(".leaflet-container[data-atlas-year='2011'] path.atlas-status-closed").wait_for()
    assert frame.locator(".leaflet-container").get_attribute("data-atlas-slider") == "missing"
    assert frame.locator(".atlas-stamp-title").inner_text() == "Atlas · 2011"


def test_the_slider_value_goes_to_the_server_before_the_map_redraws(page, site) -> None:
    # Streamlit's key press queues the send of the slider's new value (a 0 ms timer) and
    # then moves the thumb. Redrawing the map inside that move held the send, and so the
    # rest of the page's rerun, back by the whole draw.
    frame, thumb = follow_page(page, site, "follow-order", {"key": "year"}, "Year")
    frame.locator(".leaflet-container[data-atlas-year='2010'] path.atlas-status-open").wait_for()
    thumb.evaluate(
        """(el) => {
          const stamp = () => document.querySelector("iframe").contentDocument
            .querySelector(".atlas-stamp-title").textContent;
          setTimeout(() => { window.stampAtSend = stamp(); }, 0);  // Streamlit's send
          el.value = "2011"; el.setAttribute("value", "2011");
          el.setAttribute("aria-valuetext", "2011");
        }"""
    )
    frame.locator(".leaflet-container[data-atlas-year='2011'] path.atlas-status-closed").wait_for()
    assert page.evaluate("window.stampAtSend") == "Atlas · 2010"
    assert frame.locator(".atlas-stamp-title").inner_text() == "Atlas · 2011"
    assert page.errors == []
