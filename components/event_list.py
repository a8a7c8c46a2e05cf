"""The year's events as a keyboard-friendly list, and the card of the selected event."""

import geopandas as gpd
import streamlit as st

from components.controls import select_event
from geo.dates import format_event_dates
from geo.style import CATEGORY_STYLES
from geo.summary import format_casualties
from geo.text import escape_markdown as md
from geo.text import safe_url


def _pick(key: str, centers: dict[str, tuple[float, float]]) -> None:
    event_id = st.session_state[key]
    select_event(event_id, center=centers.get(event_id))


_OPTIONS: dict[int, tuple[gpd.GeoDataFrame, tuple]] = {}


def _options(shown: gpd.GeoDataFrame) -> tuple[list[str], dict[str, str], dict]:
    """Ids, labels and map centres of the shown events, once per (shared, memoised) frame."""
    hit = _OPTIONS.get(id(shown))
    if hit is None or hit[0] is not shown:
        rows = list(zip(shown["id"], shown["date"], shown["date_precision"], shown["title"],
                        shown.geometry, strict=True))  # fmt: skip
        labels = {
            i: f"{format_event_dates(d, p, None)} · {t}"
            + ("" if g is not None else " (no map location)")
            for i, d, p, t, g in rows
        }
        centers = {i: (g.y, g.x) for i, _, _, _, g in rows if g is not None}
        if len(_OPTIONS) >= 256:
            _OPTIONS.clear()
        hit = _OPTIONS[id(shown)] = (shown, (list(shown["id"]), labels, centers))
    return hit[1]


def event_list(shown: gpd.GeoDataFrame, selected: str | None, *, key: str) -> None:
    """List the shown events, newest last; picking one selects it and centres the map on it."""
    ids, labels, centers = _options(shown)
    st.session_state[key] = selected if selected in ids else None
    st.radio(
        "Events", ids, index=None, format_func=labels.get, key=key, on_change=_pick,
        args=(key, centers), label_visibility="collapsed",
    )  # fmt: skip


def _md_link(text: str, url: str | None) -> str:
    ok = safe_url(url)
    if not ok:
        return md(text)
    href = str(url).strip().replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{md(text)}]({href})"


def event_card(event: object) -> None:
    """Show one event in full: date at its precision, summary, casualties, dispute, sources."""
    style = CATEGORY_STYLES[event.category]
    with st.container(border=True):
        st.markdown(f"**{md(event.title)}**")
        when = format_event_dates(event.date, event.date_precision, event.end_date)
        st.caption(f"{md(when)} · {md(style.label)} · precision: {md(event.date_precision)}")
        st.markdown(md(event.summary))
        casualties = format_casualties(event.casualties)
        if casualties:
            st.markdown(f"**Casualties:** {md(casualties)}")
        if event.disputed:
            st.warning(f"Disputed: {md(event.disputed)}", icon=":material/balance:")
            for claim in event.disputed_claims:
                src = claim["source"]
                st.markdown(
                    f"- {md(claim['claim'])} — {_md_link(src['title'], src.get('url'))} "
                    f"({md(src['publisher'])})"
                )
        seed = getattr(event, "seed_claim", None)
        if isinstance(seed, str) and seed:
            st.caption(f"The seed text says: {md(seed)}")
        lines = [
            f"{i}. {_md_link(s['title'], s.get('url'))} — {md(s['publisher'])}"
            + (f", {md(s['date'])}" if s.get("date") else "")
            for i, s in enumerate(event.sources, 1)
        ]
        st.markdown("**Sources**\n\n" + "\n".join(lines))
