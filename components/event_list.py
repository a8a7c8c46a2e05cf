"""The window's events as a keyboard-friendly list, and the card of the selected event."""

import streamlit as st

from components.controls import select_event
from geo.dates import format_event_dates
from geo.scene import Scene
from geo.sources import SECONDARY_ONLY_NOTE, secondary_only, sources_markdown
from geo.style import CATEGORY_STYLES
from geo.summary import format_casualties
from geo.text import escape_markdown as md
from geo.text import safe_url


def _pick(key: str, centers: dict[str, tuple[float, float]]) -> None:
    event_id = st.session_state[key]
    select_event(event_id, center=centers.get(event_id))


def _options(scene: Scene) -> tuple[list[str], dict[str, str], dict]:
    """Ids, labels and map centres of the scene's events."""
    labels = {e.id: f"{e.when} · {e.title}" + ("" if e.lat is not None else " (no map location)")
              for e in scene.events}  # fmt: skip
    centers = {e.id: (e.lat, e.lon) for e in scene.events if e.lat is not None}
    return [e.id for e in scene.events], labels, centers


def event_list(scene: Scene, *, key: str) -> None:
    """List the scene's events, oldest first; picking one selects it and centres the map."""
    ids, labels, centers = _options(scene)
    selected = scene.view.selected
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


def drone_link(event_id: str) -> str:
    """The drone-strike counts of the year an event is linked to (the 2013 blockade), if any."""
    from components.data import load_dataset
    from geo.drones import compare_text

    layer = load_dataset().drones
    if layer is None:
        return ""
    years = [y for y, ids in layer.linked_events.items() if event_id in ids]
    if not years:
        return ""
    y = years[0]
    return (f"Linked to the drone-strike layer: in {y}, {compare_text(layer.yearly[y])} "
            "(turn on the Drone strikes layer to see them by agency).")  # fmt: skip


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
        drones = drone_link(event.id)
        if drones:
            st.info(md(drones), icon=":material/flight:")
        if secondary_only(event.sources):
            st.warning(md(SECONDARY_ONLY_NOTE), icon=":material/report:")
        st.markdown("**Sources**\n\n" + sources_markdown(event.sources))
