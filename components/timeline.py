"""The event timeline: every event on a date axis by category, the selected year highlighted."""

import copy
from functools import partial

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st

from components.controls import pick_from_chart
from geo.dates import format_event_dates
from geo.style import CATEGORY_STYLES, STATUS_STYLES, VEGA_SHAPES
from geo.timeline import FIRST_YEAR, LAST_YEAR

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


def timeline_chart(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, *, height: int = 230
) -> alt.TopLevelMixin:
    """Return the Altair timeline: events as marks by category, closures as bars, year shaded.

    The chart reads named datasets (``timeline_data``) and its spec does not depend on the
    year or the selection. A year change therefore sends the browser new data only, and
    Streamlit updates the drawn chart in place instead of building a new Vega view (which
    held the map back by ~90 ms on every change).
    """
    cats = [s.label for s in CATEGORY_STYLES.values()]
    colors = [s.color for s in CATEGORY_STYLES.values()]
    shapes = [VEGA_SHAPES[s.shape] for s in CATEGORY_STYLES.values()]
    lanes = cats + list(dict.fromkeys(_period_rows(periods)["lane"]))
    x_scale = alt.Scale(domain=[alt.DateTime(year=FIRST_YEAR, month=1, date=1),
                                alt.DateTime(year=LAST_YEAR, month=12, date=31)])  # fmt: skip
    # One view, not a vconcat: Streamlit sets each concatenated view's plot to the full
    # container width, so the y labels pushed 2014–2015 off the right edge.
    y = alt.Y("lane:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes))
    band = alt.Chart(alt.NamedData(name=BAND)).mark_rect(color="#FFD400", opacity=0.25).encode(
        x=alt.X("start:T", title=None, scale=x_scale), x2="end:T"
    )  # fmt: skip
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
        alt.layer(band, marks, bars)
        .resolve_scale(color="independent")
        .properties(height=height, width="container")
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%dT%H:%M:%S")
    return out.to_dict(orient="records")


def timeline_data(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, selected: str | None
) -> dict[str, list[dict]]:
    """Return the chart's named datasets for a year and a selected event."""
    rows = _event_rows(events)
    rows["in_year"] = rows["year"] == year
    rows["selected"] = rows["id"] == (selected or "")
    band = pd.DataFrame({"start": [pd.Timestamp(year, 1, 1)], "end": [pd.Timestamp(year, 12, 31)]})
    return {
        EVENTS: _records(rows.drop(columns=["year"])),
        BAND: _records(band),
        SPANS: _records(_period_rows(periods)),
    }


def event_timeline(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, *, selected: str | None, key: str
) -> None:
    """Draw the timeline; clicking an event selects it, moves to its year and centres the map."""
    spec = timeline_spec(events, periods, year, selected)
    st.vega_lite_chart(
        spec=spec, on_select=partial(pick_from_chart, key, events, MAP_PAGE), key=key,
        width="stretch",
        selection_mode="pick",
    )  # fmt: skip


_SPECS: dict[tuple, tuple[gpd.GeoDataFrame, pd.DataFrame, dict]] = {}
_DATA: dict[tuple, dict[str, list[dict]]] = {}  # keyed with _SPECS's key: valid while it is


def timeline_spec(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, selected: str | None
) -> dict:
    """Return the timeline's Vega-Lite spec with its datasets for a year and selection.

    Building and validating the Altair chart costs 0.2–0.5 s: it is built once per
    dataset (the frames are cached, shared read-only and kept here, so identity is sound).
    """
    key = (id(events), id(periods))
    hit = _SPECS.get(key)
    if hit is None or hit[0] is not events or hit[1] is not periods:
        if len(_SPECS) >= 8:
            _SPECS.clear()
        hit = _SPECS[key] = (events, periods, timeline_chart(events, periods).to_dict())
    data = _DATA.get((key, year, selected))
    if data is None:
        if len(_DATA) >= 512:
            _DATA.clear()
        data = _DATA[(key, year, selected)] = timeline_data(events, periods, year, selected)
    spec = copy.deepcopy(hit[2])
    spec["datasets"] = copy.deepcopy(data)
    return spec
