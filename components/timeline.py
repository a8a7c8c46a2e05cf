"""The event timeline: every event on a date axis by category, the view's window as a band."""

import copy
from datetime import date
from functools import partial

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from components.controls import pick_from_chart
from components.data import data_dir, load_dataset
from geo.dates import format_event_dates
from geo.drones import DroneLayer, yearly_rows
from geo.io import Dataset
from geo.style import CATEGORY_STYLES, DRONE_COLOR, STATUS_STYLES, VEGA_SHAPES
from geo.timeline import FIRST_YEAR, LAST_YEAR
from geo.view import TimeWindow, View

MAP_PAGE = "app_pages/map.py"  # the timeline is drawn inside the Map page's fragment
EVENTS, BAND, SPANS = "timeline_events", "timeline_year", "timeline_spans"  # named datasets


def _event_rows(events: gpd.GeoDataFrame) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "id": events["id"],
            "title": events["title"],
            "date": events["start"],
            # the tooltip's date at the event's precision ("≈ 2001", "Dec 2008")
            "when": [
                format_event_dates(d, p, None)
                for d, p in zip(events["date"], events["date_precision"], strict=True)
            ],
            "year": events["year"],
            "category": events["category"].map(lambda c: CATEGORY_STYLES[c].label),
        }
    )
    rows["lane"] = rows["category"]
    return rows[(rows["date"].dt.year >= FIRST_YEAR) & (rows["date"].dt.year <= LAST_YEAR)]


def _period_rows(periods: pd.DataFrame) -> pd.DataFrame:
    corr = periods[
        (periods["subject_type"] == "corridor") & periods["status"].isin(["closed", "blocked"])
    ]
    end = corr["end"].fillna(pd.Timestamp(LAST_YEAR, 12, 31))
    return pd.DataFrame(
        {
            "lane": corr["subject"].str.title() + " corridor",
            "start": corr["start"],
            "end": end,
            "status": corr["status"].map(lambda s: STATUS_STYLES[s].label),
            "label": corr["label"],
        }
    )


DRONE_LANE = "US drone strikes (yearly)"
WINDOW_LINE = "#B08800"  # the band's amber, dark enough to read as a 2 px line
NARROW_DAYS = 120  # a window shorter than this is also drawn as a line
LANE_LABEL_PX = 200  # the longest lane name ("US drone strikes (yearly)") is ~150 px


def drone_band(drones: DroneLayer | None, x_scale: alt.Scale, y: alt.Y) -> list[alt.Chart]:
    """A lane of yearly bars, darker with more strikes; both publishers' counts on hover."""
    if drones is None:
        return []
    rows = pd.DataFrame(yearly_rows(drones)).assign(lane=DRONE_LANE)
    return [
        alt.Chart(rows).mark_bar(height=10, color=DRONE_COLOR).encode(
            x=alt.X("start:T", title=None, scale=x_scale), x2="end:T", y=y,
            opacity=alt.Opacity("strikes:Q", scale=alt.Scale(range=[0.15, 1.0]), legend=None),
            tooltip=[alt.Tooltip("year:O", title="year"), alt.Tooltip("counts:N", title="strikes"),
                     alt.Tooltip("events:N", title="linked events")],
        )
    ]  # fmt: skip


def window_rows(window: TimeWindow) -> pd.DataFrame:
    """The window as the timelines' band data: its ends, middle, label, and whether short."""
    lo, hi = pd.Timestamp(window.start), pd.Timestamp(window.end)
    end = hi + pd.Timedelta(hours=23)
    return pd.DataFrame({"start": [lo], "end": [end], "mid": [lo + (end - lo) / 2],
                         "narrow": [(window.end - window.start).days < NARROW_DAYS],
                         "label": [window.label()]})  # fmt: skip


def window_layers(data: object, x_scale: alt.Scale) -> list[alt.Chart]:
    """The window's band and, for a short one, its line, from ``window_rows`` data.

    A day or a month is under 4 px of the 22 years' axis: a window that short is also
    marked by a line at its middle, named on hover.
    """
    band = alt.Chart(data).mark_rect(color="#FFD400", opacity=0.25).encode(
        x=alt.X("start:T", title=None, scale=x_scale), x2="end:T"
    )  # fmt: skip
    line = (
        alt.Chart(data).transform_filter("datum.narrow")
        .mark_rule(color=WINDOW_LINE, strokeWidth=2, opacity=0.9)
        .encode(x=alt.X("mid:T", title=None, scale=x_scale),
                tooltip=[alt.Tooltip("label:N", title="shown")])
        .properties(name="window_line")
    )  # fmt: skip
    return [band, line]


def timeline_chart(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, drones: DroneLayer | None = None, *,
    height: int = 230,
) -> alt.TopLevelMixin:  # fmt: skip
    """Return the Altair timeline: events as marks by category, closures as bars, the view's
    window shaded (``window_layers``).

    The chart reads named datasets (``timeline_data``) and its spec does not depend on the
    year or the selection. A year change therefore sends the browser new data only, and
    Streamlit updates the drawn chart in place instead of building a new Vega view (which
    held the map back by ~90 ms on every change).
    """
    cats = [s.label for s in CATEGORY_STYLES.values()]
    colors = [s.color for s in CATEGORY_STYLES.values()]
    shapes = [VEGA_SHAPES[s.shape] for s in CATEGORY_STYLES.values()]
    lanes = cats + list(dict.fromkeys(_period_rows(periods)["lane"]))
    lanes += [DRONE_LANE] if drones is not None else []
    x_scale = alt.Scale(domain=[alt.DateTime(year=FIRST_YEAR, month=1, date=1),
                                alt.DateTime(year=LAST_YEAR, month=12, date=31)])  # fmt: skip
    # One view, not a vconcat: Streamlit sets each concatenated view's plot to the full
    # container width, so the y labels pushed 2014–2015 off the right edge.
    # Streamlit's chart theme cuts axis labels at 100 px ("Supply-line decisi…"): the
    # lanes' names are short enough to show whole.
    y = alt.Y("lane:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes),
              axis=alt.Axis(labelLimit=LANE_LABEL_PX))  # fmt: skip
    band, mark = window_layers(alt.NamedData(name=BAND), x_scale)
    pick = alt.selection_point(name="pick", fields=["id"], on="click", clear=False)
    marks = (
        alt.Chart(alt.NamedData(name=EVENTS))
        .mark_point(filled=True, size=90, stroke="#000000", strokeWidth=0.3)
        .encode(
            x=alt.X("date:T", title=None, scale=x_scale, axis=alt.Axis(format="%Y", tickCount=22)),
            y=y,
            color=alt.Color("category:N", scale=alt.Scale(domain=cats, range=colors), legend=None),
            shape=alt.Shape("category:N", scale=alt.Scale(domain=cats, range=shapes), legend=None),
            opacity=alt.condition("datum.in_year", alt.value(1.0), alt.value(0.35)),
            strokeWidth=alt.condition("datum.selected", alt.value(3), alt.value(0.3)),
            tooltip=[alt.Tooltip("when:N", title="date"), "title:N", "category:N"],
        )
        .add_params(pick)
    )
    bars = alt.Chart(alt.NamedData(name=SPANS)).mark_bar(height=8, opacity=0.9).encode(
        x=alt.X("start:T", title=None, scale=x_scale), x2="end:T", y=y,
        color=alt.Color("status:N", scale=alt.Scale(
            domain=[STATUS_STYLES[s].label for s in ("closed", "blocked")],
            range=[STATUS_STYLES[s].color for s in ("closed", "blocked")]), legend=None),
        tooltip=["lane:N", "status:N", "label:N", alt.Tooltip("start:T", format="%d %b %Y"),
                 alt.Tooltip("end:T", format="%d %b %Y", title="until")],
    )  # fmt: skip
    height += 22 * (len(lanes) - len(cats))
    return (
        alt.layer(band, mark, marks, bars, *drone_band(drones, x_scale, y))
        .resolve_scale(color="independent")
        .properties(height=height, width="container")
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%dT%H:%M:%S")
    return out.to_dict(orient="records")


def timeline_data(ds: Dataset, view: View) -> dict[str, list[dict]]:
    """Return the chart's named datasets for a view: its window as the band, the selection."""
    return _view_data(_static_rows(ds), view)


def _static_rows(ds: Dataset) -> tuple[list[dict], pd.Series, pd.Series, list[dict]]:
    """What the timeline shows whatever the view: event rows, their spans, the closures."""
    rows = _event_rows(ds.events)
    by_id = ds.events.set_index("id")
    start = by_id["start"].reindex(rows["id"]).to_numpy()
    end = by_id["end"].reindex(rows["id"]).to_numpy()
    return _records(rows.drop(columns=["year"])), start, end, _records(_period_rows(ds.periods))


def _view_data(static: tuple, view: View) -> dict[str, list[dict]]:
    # Only the highlight (in the window), the selection and the band depend on the view.
    records, start, end, spans = static
    w = view.window
    lo, hi = pd.Timestamp(w.start), pd.Timestamp(w.end)
    inside = (start <= hi) if view.mode == "cumulative" else (start <= hi) & (end >= lo)
    selected = view.selected or ""
    events = [{**r, "in_year": bool(i), "selected": r["id"] == selected}
              for r, i in zip(records, inside, strict=True)]  # fmt: skip
    return {EVENTS: events, BAND: _records(window_rows(w)), SPANS: spans}


def event_timeline(ds: Dataset, view: View, *, key: str) -> None:
    """Draw the timeline; clicking an event selects it, moves to its year and centres the map."""
    st.vega_lite_chart(
        spec=drawn_spec(ds, view), on_select=partial(pick_from_chart, key, ds.events, MAP_PAGE),
        key=key, width="stretch", selection_mode="pick",
    )  # fmt: skip


def drawn_spec(ds: Dataset, view: View) -> dict:
    """Return the spec the widget is given for a view (``timeline_spec`` as Arrow)."""
    # What the widget is given: the cached chart (Streamlit copies the spec before it
    # changes it) and the datasets as the Arrow bytes Streamlit would make of the records,
    # made once per window. Copying and converting them again cost ~10 ms of each rerun.
    path, w = str(data_dir()), view.window
    arrow = _arrow(path, ds.fingerprint, w.start.isoformat(), w.end.isoformat(), view.mode,
                   view.selected)  # fmt: skip
    # The chart's own inline data (the drone lane) stays: replacing the datasets whole
    # had left that lane empty on the Map page.
    return {**_chart(path, ds.fingerprint), "datasets": {**_chart_arrow(path, ds.fingerprint),
                                                         **arrow}}  # fmt: skip


@st.cache_resource(show_spinner=False)
def _chart(path: str, fingerprint: str) -> dict:
    # Building and validating the Altair chart costs 0.2–0.5 s: once per dataset.
    ds = load_dataset()
    return timeline_chart(ds.events, ds.periods, ds.drones).to_dict()


@st.cache_resource(show_spinner=False)
def _chart_arrow(path: str, fingerprint: str) -> dict[str, bytes]:
    # The chart's inline datasets (the drone lane's yearly rows) as Arrow: once per dataset.
    own = _chart(path, fingerprint).get("datasets", {})
    return {name: convert_anything_to_arrow_bytes(rows) for name, rows in own.items()}


@st.cache_resource(show_spinner=False, max_entries=1024)
def _data(path: str, fingerprint: str, start: str, end: str, mode: str,
          selected: str | None) -> dict[str, list[dict]]:  # fmt: skip
    view = View(window=TimeWindow(date.fromisoformat(start), date.fromisoformat(end)),
                mode=mode, selected=selected)  # fmt: skip
    return _view_data(_static(path, fingerprint), view)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _arrow(path: str, fingerprint: str, start: str, end: str, mode: str,
           selected: str | None) -> dict[str, bytes]:  # fmt: skip
    data = _data(path, fingerprint, start, end, mode, selected)
    return {name: convert_anything_to_arrow_bytes(rows) for name, rows in data.items()}


@st.cache_resource(show_spinner=False)
def _static(path: str, fingerprint: str) -> tuple:
    # The rows, dates and spans are the dataset's: built once, not once per window.
    return _static_rows(load_dataset())


def timeline_spec(ds: Dataset, view: View) -> dict:
    """Return the timeline's Vega-Lite spec with its datasets for a view.

    Both parts are cached on plain keys (the data folder, the dataset's fingerprint, the
    window, mode and selection), so a new dataset can never be served an old one's data.
    """
    path = str(data_dir())
    w = view.window
    spec = copy.deepcopy(_chart(path, ds.fingerprint))
    data = _data(path, ds.fingerprint, w.start.isoformat(), w.end.isoformat(), view.mode,
                 view.selected)  # fmt: skip
    spec["datasets"] = {**spec.get("datasets", {}), **copy.deepcopy(data)}
    return spec
