"""A map that follows the slider gets the same arguments for every year of one view."""

from components.atlas_map import _manifest, following_view
from components.data import scene_for
from geo.view import DEFAULT_YEAR, TimeWindow, View


def _year(y: int, **kw) -> View:
    return View(window=TimeWindow.of_year(y), **kw)


def test_two_years_of_one_mode_send_the_same_manifest_and_layers() -> None:
    a, b = _year(2003, mode="cumulative"), _year(2012, mode="cumulative")
    ma, mb = _manifest(a, [], scene_for(a)), _manifest(b, [], scene_for(b))
    assert ma == mb  # what streamlit-folium compares does not change with the year
    assert ma["year"] == DEFAULT_YEAR  # shown only if neither the slider nor the URL is found
    assert ma["years"]["2012"]["stamp"]["year"] == 2012  # each year's own stamp is there
    assert following_view(a) == following_view(b) == a.with_(window=TimeWindow.of_year(2011))


def test_a_selection_keeps_the_view_its_own_year() -> None:
    view = _year(2011, selected="ev_2011_11_26_salala")
    manifest = _manifest(view, [], scene_for(view))
    assert following_view(view) == view
    assert manifest["year"] == 2011
    assert (
        manifest["years"]["2011"]["stamp"]["view"]
        != _manifest(_year(2011), [], scene_for(_year(2011)))["years"]["2011"]["stamp"]["view"]
    )  # the selection is in the drawn year's stamp
