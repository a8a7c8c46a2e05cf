"""The timelines' lane names show whole: Streamlit's chart theme cuts axis labels at 100 px."""

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

from components.chronology import chronology_chart
from components.timeline import timeline_chart
from geo.io import read_dataset
from geo.view import TimeWindow

DS = read_dataset()
THEME_LABEL_PX = 12  # Streamlit's axis labels (fontSizes.twoSm); DejaVu is wider than its font


def _lanes_and_limit(spec: dict) -> tuple[list[str], int | None]:
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y", {})
        if y.get("field") == "lane":
            return y["scale"]["domain"], y.get("axis", {}).get("labelLimit")
    raise AssertionError("no lane axis in the chart")


def _width_px(text: str) -> float:
    path = TextPath((0, 0), text, size=THEME_LABEL_PX, prop=FontProperties(family="DejaVu Sans"))
    return path.get_extents().width


def test_every_lane_name_fits_its_axis_label_limit_in_both_timelines() -> None:
    charts = {
        "map timeline": timeline_chart(DS.events, DS.periods, DS.drones),
        "chronology": chronology_chart(DS.events, DS.periods, TimeWindow.of_year(2011),
                                       selected=None, drones=DS.drones),
    }  # fmt: skip
    for name, chart in charts.items():
        lanes, limit = _lanes_and_limit(chart.to_dict())
        assert limit is not None, f"{name}: the theme's 100 px cut applies"
        too_long = [lane for lane in lanes if _width_px(lane) > limit]
        assert too_long == [], f"{name}: cut to {limit} px: {too_long}"
        assert any(_width_px(lane) > 100 for lane in lanes)  # the theme's cap would cut these
