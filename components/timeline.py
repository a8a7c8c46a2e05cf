"""The event timeline: every event on a date axis by category, the selected year highlighted."""

import copy
from functools import partial

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st

from components.controls import pick_from_chart
from geo.style import CATEGORY_STYLES, STATUS_STYLES
from geo.timeline import FIRST_YEAR, LAST_YEAR

_SHAPES = {"circle": "circle", "square": "square", "diamond": "diamond", "triangle": "triangle-up",
           "star": "triangle-down", "cross": "cross", "hexagon": "circle",
           "pentagon": "square", "triangle_down": "triangle-down"}  # fmt: skip


def _event_rows(events: gpd.GeoDataFrame, year: int, selected: str | None) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "id": events["id"],
            "title": events["title"],
            "date": events["start"],
            "category": events["category"].map(lambda c: CATEGORY_STYLES[c].label),
            "in_year": events["year"] == year,
            "selected": events["id"] == selected,
        }
    )
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
    events: gpd.GeoDataFrame,
    periods: pd.DataFrame,
    year: int,
    *,
    selected: str | None = None,
    height: int = 230,
) -> alt.TopLevelMixin:
    """Return the Altair timeline: events as marks by category, closures as bars, year shaded."""
    cats = [s.label for s in CATEGORY_STYLES.values()]
    colors = [s.color for s in CATEGORY_STYLES.values()]
    shapes = [_SHAPES[s.shape] for s in CATEGORY_STYLES.values()]
    x_scale = alt.Scale(domain=[f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31"])
    band = alt.Chart(pd.DataFrame({"start": [pd.Timestamp(year, 1, 1)],
                                   "end": [pd.Timestamp(year, 12, 31)]})).mark_rect(
        color="#FFD400", opacity=0.25
    ).encode(x=alt.X("start:T", scale=x_scale), x2="end:T")  # fmt: skip
    pick = alt.selection_point(name="pick", fields=["id"], on="click", clear=False)
    rows = _event_rows(events, year, selected)
    marks = (
        alt.Chart(rows)
        .mark_point(filled=True, size=90, stroke="#000000", strokeWidth=0.3)
        .encode(
            x=alt.X("date:T", title=None, scale=x_scale, axis=alt.Axis(format="%Y", tickCount=22)),
            y=alt.Y("category:N", title=None, sort=cats),
            color=alt.Color("category:N", scale=alt.Scale(domain=cats, range=colors), legend=None),
            shape=alt.Shape("category:N", scale=alt.Scale(domain=cats, range=shapes), legend=None),
            opacity=alt.condition("datum.in_year", alt.value(1.0), alt.value(0.35)),
            strokeWidth=alt.condition("datum.selected", alt.value(3), alt.value(0.3)),
            tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), "title:N", "category:N"],
        )
        .add_params(pick)
    )
    top = alt.layer(band, marks).properties(height=height, width="container")
    spans = _period_rows(periods)
    if spans.empty:
        return top
    bars = alt.Chart(spans).mark_bar(height=8, opacity=0.9).encode(
        x=alt.X("start:T", scale=x_scale), x2="end:T",
        y=alt.Y("lane:N", title=None),
        color=alt.Color("status:N", scale=alt.Scale(
            domain=[STATUS_STYLES[s].label for s in ("closed", "blocked")],
            range=[STATUS_STYLES[s].color for s in ("closed", "blocked")]), legend=None),
        tooltip=["lane:N", "status:N", "label:N", alt.Tooltip("start:T", format="%d %b %Y"),
                 alt.Tooltip("end:T", format="%d %b %Y", title="until")],
    )  # fmt: skip
    bottom = alt.layer(band, bars).properties(height=44, width="container")
    return alt.vconcat(top, bottom, spacing=4).resolve_scale(color="independent")


def event_timeline(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, *, selected: str | None, key: str
) -> None:
    """Draw the timeline; clicking an event selects it, moves to its year and centres the map."""
    spec = timeline_spec(events, periods, year, selected)
    st.vega_lite_chart(
        spec=spec, on_select=partial(pick_from_chart, key, events), key=key, width="stretch",
        selection_mode="pick",
    )  # fmt: skip


_SPECS: dict[tuple, tuple[gpd.GeoDataFrame, pd.DataFrame, dict]] = {}


def timeline_spec(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, year: int, selected: str | None
) -> dict:
    """Return the timeline's Vega-Lite spec, built once per year and selection.

    Building and validating the Altair chart costs ~0.15 s, a large share of a rerun; the
    dataset is cached and shared read-only, so the spec can be reused across reruns and
    sessions (the frames are kept in the cache, so the identity check is sound).
    """
    key = (id(events), id(periods), year, selected)
    hit = _SPECS.get(key)
    if hit is None or hit[0] is not events or hit[1] is not periods:
        if len(_SPECS) >= 256:
            _SPECS.clear()
        spec = timeline_chart(events, periods, year, selected=selected).to_dict()
        hit = _SPECS[key] = (events, periods, spec)
    return copy.deepcopy(hit[2])
