"""The full chronology: filters, one Altair chart of events and periods, and its selection."""

from functools import partial

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st

from components.controls import pick_from_chart
from components.timeline import DRONE_LANE, LANE_LABEL_PX, drone_band, window_layers, window_rows
from geo.dates import format_event_dates
from geo.drones import DroneLayer
from geo.io import Dataset
from geo.style import CATEGORY_STYLES, OKABE_ITO, STATUS_STYLES, VEGA_SHAPES
from geo.timeline import FIRST_YEAR, LAST_YEAR, events_matching
from geo.view import TimeWindow

SEED_CHOICES = {"all": "All events", "seed": "From the seed text", "added": "Added context"}
# Vega-Lite's names for the marker shapes in geo.style (hexagon has no Vega shape).
_X = alt.Scale(domain=[f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31"])


def chronology_filters(ds: Dataset) -> gpd.GeoDataFrame:
    """Draw the filter row and search box; return the events that pass every filter."""
    events = ds.events
    actors = sorted({a for row in events["actors"] for a in row})
    places = dict(zip(ds.places["id"], ds.places["name"], strict=True))
    used_places = [p for p in places if p in set(events["place_id"].dropna())]
    routes = dict(zip(ds.routes["id"], ds.routes["name"], strict=True))
    c1, c2, c3 = st.columns(3)
    cats = c1.multiselect("Category", list(CATEGORY_STYLES), key="chrono_cats",
                          format_func=lambda c: CATEGORY_STYLES[c].label,
                          placeholder="All categories")  # fmt: skip
    who = c2.multiselect("Actor", actors, key="chrono_actors", placeholder="All actors")
    seed = c3.segmented_control("Origin", list(SEED_CHOICES), default="all", required=True,
                                format_func=SEED_CHOICES.get, key="chrono_seed")  # fmt: skip
    c4, c5, c6 = st.columns(3)
    place = c4.selectbox("Place", used_places, index=None, key="chrono_place",
                         format_func=places.get, placeholder="Any place")  # fmt: skip
    route = c5.selectbox("Route", list(routes), index=None, key="chrono_route",
                         format_func=routes.get, placeholder="Any route")  # fmt: skip
    text = c6.text_input("Search titles and summaries", key="chrono_text",
                         placeholder="e.g. tanker, Salala, apology")  # fmt: skip
    return events_matching(
        events, categories=cats or None, actors=who or None, place_id=place, route_id=route,
        from_seed={"all": None, "seed": True, "added": False}[seed or "all"], text=text or None,
    )  # fmt: skip


def _period_rows(periods: pd.DataFrame) -> pd.DataFrame:
    """Closures, the blockade, Shamsi in US use and the missions, one lane each."""
    keep = periods[
        ((periods["subject_type"] == "corridor") & periods["status"].isin(["closed", "blocked"]))
        | (periods["subject_type"] != "corridor")
    ]
    lanes = {"torkham": "Torkham corridor", "chaman": "Chaman corridor",
             "shamsi_airfield": "Shamsi: US use", "isaf": "NATO missions",
             "resolute_support": "NATO missions", "unprofor": "UNPROFOR (Pakistan)"}  # fmt: skip
    colours = {"closed": STATUS_STYLES["closed"].color, "blocked": STATUS_STYLES["blocked"].color,
               "us_use": OKABE_ITO["orange"], "active": OKABE_ITO["grey"]}  # fmt: skip
    end = keep["end"].fillna(pd.Timestamp(LAST_YEAR + 1, 1, 1))
    return pd.DataFrame({
        "lane": keep["subject"].map(lambda s: lanes.get(s, s)),
        "start": keep["start"], "end": end.clip(upper=pd.Timestamp(LAST_YEAR + 1, 1, 1)),
        "label": keep["label"], "status": keep["status"],
        "colour": keep["status"].map(colours),
        "short": keep["subject"].map({"isaf": "ISAF", "resolute_support": "RS",
                                      "unprofor": "UNPROFOR", "shamsi_airfield": "US use"})
        .fillna(keep["status"]),
    })  # fmt: skip


def chronology_chart(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, window: TimeWindow, *,
    selected: str | None,
    drones: DroneLayer | None = None,
) -> alt.TopLevelMixin:  # fmt: skip
    """Return the chart: events by category (colour and shape), periods as labelled bars,
    the sidebar's window shaded (a day or a month also as a line)."""
    cats = [s.label for s in CATEGORY_STYLES.values()]
    rows = pd.DataFrame({
        "id": events["id"], "title": events["title"], "date": events["start"],
        "when": [format_event_dates(d, p, None)
                 for d, p in zip(events["date"], events["date_precision"], strict=True)],
        "category": events["category"].map(lambda c: CATEGORY_STYLES[c].label),
        "selected": events["id"] == selected,
    })  # fmt: skip
    rows = rows[rows["date"].dt.year.between(FIRST_YEAR, LAST_YEAR)]
    band = window_layers(window_rows(window), _X)
    pick = alt.selection_point(name="pick", fields=["id"], on="click", clear=False)
    spans = _period_rows(periods)
    # One view, not a vconcat: Streamlit sets each concatenated view's plot to the full
    # container width, so the y labels pushed the last years off the right edge.
    lanes = cats + list(dict.fromkeys(spans["lane"]))
    lanes += [DRONE_LANE] if drones is not None else []
    # Streamlit's chart theme cuts axis labels at 100 px ("Supply-line decisi…"): the
    # lanes' names are short enough to show whole.
    y = alt.Y("lane:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes),
              axis=alt.Axis(labelLimit=LANE_LABEL_PX))  # fmt: skip
    rows["lane"] = rows["category"]
    marks = (
        alt.Chart(rows)
        .mark_point(filled=True, size=110, stroke="#000000")
        .encode(
            x=alt.X("date:T", title=None, scale=_X, axis=alt.Axis(format="%Y", tickCount=22)),
            y=y,
            color=alt.Color("category:N", legend=None, scale=alt.Scale(
                domain=cats, range=[s.color for s in CATEGORY_STYLES.values()])),
            shape=alt.Shape("category:N", legend=None, scale=alt.Scale(
                domain=cats, range=[VEGA_SHAPES[s.shape] for s in CATEGORY_STYLES.values()])),
            strokeWidth=alt.condition("datum.selected", alt.value(3), alt.value(0.4)),
            size=alt.condition("datum.selected", alt.value(260), alt.value(110)),
            tooltip=[alt.Tooltip("when:N", title="date"), "title:N", "category:N"],
        )
        .add_params(pick)
    )  # fmt: skip
    base = alt.Chart(spans).encode(x=alt.X("start:T", scale=_X, title=None), y=y)
    bars = base.mark_bar(height=14, stroke="#333333", strokeWidth=0.5).encode(
        x2="end:T", color=alt.Color("colour:N", scale=None),
        tooltip=["lane:N", "label:N", alt.Tooltip("start:T", format="%d %b %Y"),
                 alt.Tooltip("end:T", format="%d %b %Y", title="until")],
    )  # fmt: skip
    labels = base.mark_text(align="left", dx=3, fontSize=10, color="#111111").encode(text="short:N")
    height = 34 * len(lanes)
    return (
        alt.layer(*band, marks, bars, labels, *drone_band(drones, _X, y))
        .resolve_scale(color="independent")
        .properties(height=height, width="container")
    )


def chronology_timeline(
    events: gpd.GeoDataFrame,
    periods: pd.DataFrame,
    window: TimeWindow,
    *,
    selected: str | None,
    key: str,
    drones: DroneLayer | None = None,
) -> None:
    """Draw the chronology chart; clicking an event selects it and moves to its year."""
    st.altair_chart(
        chronology_chart(events, periods, window, selected=selected, drones=drones),
        on_select=partial(pick_from_chart, key, events), key=key, width="stretch",
        selection_mode="pick",
    )  # fmt: skip
