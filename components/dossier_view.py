"""Draw a place or route dossier: description, computed facts, corridor strip, events, sources."""

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from components.data import scene_for
from components.mini_map import build_mini_map
from geo.dates import format_event_dates
from geo.dossier import (
    INCIDENT_CATEGORIES,
    corridor_routes,
    events_for_place,
    events_for_route,
    events_near_routes,
    place_facts,
    route_facts,
    status_history,
)
from geo.geodesy import read_border, read_countries
from geo.io import Dataset
from geo.reader_text import EVIDENCE_WORDS, drawing_basis, reader_text
from geo.sources import sources_markdown
from geo.style import CORRIDOR_LABELS, STATUS_STYLES
from geo.text import escape_markdown as md
from geo.timeline import FIRST_YEAR, LAST_YEAR, events_matching
from geo.view import TimeWindow, View
from render.leaflet import place_markers, route_lines, uncertainty_circles

COUNTRY_NAMES = {"PK": "Pakistan", "AF": "Afghanistan", "other": "outside any polygon"}
CROSSING_CORRIDOR = {"torkham_crossing": "torkham", "chaman_friendship_gate": "chaman"}


@st.cache_resource(show_spinner=False)
def _basemap_geometry() -> tuple[gpd.GeoDataFrame, object]:
    return read_countries(), read_border()


def dossier_options(ds: Dataset) -> dict[str, str]:
    """Return ``{"route:<id>" | "place:<id>": label}``: routes first, then places by name."""
    out = {f"route:{r.id}": f"Route · {r.name}" for r in ds.routes.itertuples()}
    for p in ds.places.sort_values("name").itertuples():
        out[f"place:{p.id}"] = f"Place · {p.name}"
    return out


def _crossing_help(offset_km: float) -> str:
    if offset_km < 0.5:
        return "The drawn line runs through the crossing point."
    return f"The drawn line passes {offset_km:,.1f} km from the crossing point."


def _events_md(events: gpd.GeoDataFrame) -> str:
    return "\n".join(
        f"- **{md(format_event_dates(r.date, r.date_precision, r.end_date))}** · {md(r.title)}"
        for r in events.itertuples()
    )


def _event_list(events: gpd.GeoDataFrame, heading: str) -> None:
    st.markdown(f"**{md(heading)} · {len(events)}**")
    if events.empty:
        st.caption("No event in the Atlas is tied to it.")
    else:
        st.markdown(_events_md(events))


def status_strip(periods: pd.DataFrame, corridor: str) -> alt.TopLevelMixin:
    """Return the corridor's status history 1994–2015: colour, outline dash and a text label."""
    spells = status_history(periods, corridor)
    spells = spells[spells["end"] > pd.Timestamp(FIRST_YEAR, 1, 1)].copy()
    spells["status_label"] = spells["status"].map(lambda s: STATUS_STYLES[s].label)
    spells["text"] = spells["status_label"].where(spells["days"] > 700, "")
    domain = list(STATUS_STYLES)
    labels = [STATUS_STYLES[s].label for s in domain]
    dashes = [[int(v) for v in (STATUS_STYLES[s].dash or "1 0").split()] for s in domain]
    span = alt.Scale(domain=[f"{FIRST_YEAR}-01-01", f"{LAST_YEAR + 1}-01-01"])
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount=22), scale=span)
    base = alt.Chart(spells).encode(x=x)
    bars = base.mark_bar(height=26, strokeWidth=2, stroke="#111111", fillOpacity=0.85).encode(
        x2="end:T",
        color=alt.Color("status_label:N", title="Status", scale=alt.Scale(
            domain=labels, range=[STATUS_STYLES[s].color for s in domain]),
            legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("status_label:N", title="Outline",
                                  scale=alt.Scale(domain=labels, range=dashes), legend=None),
        tooltip=[alt.Tooltip("status_label:N", title="status"), "label:N",
                 alt.Tooltip("start:T", format="%d %b %Y"),
                 alt.Tooltip("end:T", format="%d %b %Y", title="until (exclusive)")],
    )  # fmt: skip
    text = base.mark_text(align="left", dx=4, color="#FFFFFF", fontWeight="bold").encode(
        text="text:N"
    )
    return alt.layer(bars, text).properties(height=60, width="container")


def corridor_section(ds: Dataset, corridor: str) -> None:
    """Draw the corridor's status strip and the incidents-along-the-corridor count."""
    label = CORRIDOR_LABELS[corridor]
    st.markdown(f"##### {md(label)}: status history and incidents along it")
    st.altair_chart(status_strip(ds.periods, corridor), width="stretch")
    spells = status_history(ds.periods, corridor)
    st.caption(" · ".join(
        f"{STATUS_STYLES[s.status].label} {s.start:%d %b %Y}–"
        + ("(not tracked after 2015)" if s.open_ended else f"{s.end:%d %b %Y}")
        for s in spells.itertuples() if s.status != "open"
    ))  # fmt: skip
    km = st.slider(
        "Buffer either side of the corridor's routes (km)",
        1,
        100,
        10,
        key=f"buffer_{corridor}",
        help="Computed with shapely in UTM zone 42N (metres), not in degrees.",
    )
    every = st.toggle(
        "Count every event, not only incidents",
        key=f"every_{corridor}",
        help="Incidents: armed incidents, attacks on supplies, protests/blockades.",
    )
    pool = ds.events if every else events_matching(ds.events, categories=list(INCIDENT_CATEGORIES))
    routes = corridor_routes(ds.routes, corridor)
    near = events_near_routes(pool, routes, km)
    noun = "Events" if every else "Incidents"
    st.metric(f"{noun} within {km} km of the {len(routes)} {label} lines", len(near))
    st.markdown(_events_md(near) or "None.")


def route_dossier(ds: Dataset, route_id: str) -> None:
    """Draw one route's dossier."""
    route = ds.routes[ds.routes["id"] == route_id].iloc[0]
    countries, _ = _basemap_geometry()
    facts = route_facts(route, ds.places, countries)
    crossing = ds.places.loc[ds.places["id"] == facts.crossing_id, "name"].iloc[0]
    st.markdown(f"### {md(route['name'])}")
    st.markdown(md(reader_text(route["description"])))
    c1, c2, c3 = st.columns(3)
    c1.metric("Drawn length, total", f"{facts.length_km:,.0f} km")
    if facts.length_to_crossing_km is not None:
        c2.metric("Start to border crossing", f"{facts.length_to_crossing_km:,.0f} km")
    # Text, not a metric: the crossings' names ("Torkham border crossing (Khyber /
    # Nangarhar)") are longer than a metric's third of the row, which cut them with "…".
    c3.markdown(f":small[Border crossing]  \n**{md(crossing)}**",
                help=_crossing_help(facts.crossing_offset_km))  # fmt: skip
    per_country = " · ".join(f"{COUNTRY_NAMES.get(k, k)} {v:,.0f} km"
                             for k, v in sorted(facts.by_country_km.items()))  # fmt: skip
    st.markdown(f"**Length per country:** {md(per_country)}.")
    st.caption(
        "Lengths are geodesic (WGS 84) along the drawn town-to-town trace, which is 5–11 % "
        "shorter than the road: do not quote them as road distances (see data/README.md)."
    )
    left, right = st.columns([1.2, 1])
    with left:
        corridor_section(ds, route["corridor"])
        _event_list(events_for_route(ds.events, route_id), "Events tied to this route")
    with right:
        year = int(st.session_state.get("year", LAST_YEAR))
        scene = scene_for(View(window=TimeWindow.of_year(year), layers=("routes",)))
        lines = [ln for ln, p in zip(route_lines(scene), scene.routes, strict=True)
                 if p.route_id == route_id]  # fmt: skip
        minx, miny, maxx, maxy = route.geometry.bounds
        m = build_mini_map(((miny + maxy) / 2, (minx + maxx) / 2), zoom=5, markers=[],
                           lines=lines)  # fmt: skip
        st_folium(m, key="dossier_map", height=360, use_container_width=True, returned_objects=[])
        evidence = EVIDENCE_WORDS.get(route["evidence"], "")
        st.markdown(
            f"**Accuracy:** the line is within about {route['accuracy_km']:g} km of the road"
            + (f". **Use by NATO:** {md(evidence)}." if evidence else ".")
        )
        basis = drawing_basis(route["stretches"])
        if basis:
            st.caption(f"How the line is drawn: {md(basis)}")
        st.markdown("**Sources**\n\n" + sources_markdown(route["sources"]))


def place_dossier(ds: Dataset, place_id: str) -> None:
    """Draw one place's dossier."""
    place = ds.places[ds.places["id"] == place_id].iloc[0]
    countries, border = _basemap_geometry()
    facts = place_facts(place, countries, border)
    st.markdown(f"### {md(place['name'])}")
    st.markdown(md(reader_text(place["description"])))
    c1, c2, c3 = st.columns(3)
    c1.metric("Distance to the Afghanistan–Pakistan border", f"{facts.border_km:,.1f} km")
    c2.metric("Lies in the country it claims", "yes" if facts.in_claimed_country else "NO",
              help=f"Claimed {place['country']}; the basemap puts it in "
                   f"{facts.country_found or 'no country'}.")  # fmt: skip
    c3.metric("Uncertainty radius", f"± {facts.accuracy_km:g} km")
    confirmed = "confirmed" if place["coord_confirmed"] else "not confirmed by a source"
    ident = "confirmed" if place["identity_confirmed"] else "not confirmed"
    note = f" · {md(place['label_note'])}" if isinstance(place["label_note"], str) else ""
    st.caption(
        f"Coordinates {confirmed}; identification {ident}{note}. Distances use the bundled "
        "Natural Earth 1:10m boundary, which can be a few km off the true line."
    )
    left, right = st.columns([1.2, 1])
    with left:
        corridor = CROSSING_CORRIDOR.get(place_id)
        if corridor:
            corridor_section(ds, corridor)
        _event_list(events_for_place(ds.events, place_id), "Events at this place")
    with right:
        year = int(st.session_state.get("year", LAST_YEAR))
        scene = scene_for(View(window=TimeWindow.of_year(year), layers=("places", "uncertainty"),
                               place=place_id))  # fmt: skip
        markers = [m for m in place_markers(scene) if m["selected"]]
        circles = [c for c in uncertainty_circles(scene)
                   if (c["lat"], c["lon"]) == (markers[0]["lat"], markers[0]["lon"])]  # fmt: skip
        zoom = 9 if facts.accuracy_km < 8 else 8
        m = build_mini_map((place.geometry.y, place.geometry.x), zoom=zoom, markers=markers,
                           circles=circles)  # fmt: skip
        st_folium(m, key="dossier_map", height=360, use_container_width=True, returned_objects=[])
        st.markdown("**Sources**\n\n" + sources_markdown(place["sources"]))
