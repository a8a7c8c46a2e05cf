"""Sidebar controls shared by every page: year, month or day, mode, layers; all in the URL."""

from datetime import date

import geopandas as gpd
import streamlit as st

from components.play import advance_play, play_controls
from geo.timeline import FIRST_YEAR, LAST_YEAR, MODES, OLD_MODE_LABELS, clamp_year
from geo.view import DEFAULT_YEAR, LAYERS, MONTHS, TimeWindow, View
from geo.viewstate import parse_view

YEAR_LABEL = "Year"
DEFAULT_MODE = "year"
WHOLE_YEAR = "Whole year"
MONTH_OPTIONS = [WHOLE_YEAR, *MONTHS]
WINDOW_PARAMS = ("date", "from", "to")  # a typed day or window: written by code, not bound


def year_span_shown() -> tuple[int, int]:
    """The years the slider offers: 1994–2015, or later when an overlay of this session is."""
    from components.overlays import overlay_year_span  # the session's overlays only

    span = overlay_year_span()
    last = max(LAST_YEAR, span[1]) if span else LAST_YEAR
    return FIRST_YEAR, min(last, 2100)


def _clamp(year: object) -> int:
    return clamp_year(year, last=year_span_shown()[1])


def _clear_window() -> None:
    for k in WINDOW_PARAMS:
        if k in st.query_params:
            del st.query_params[k]
    # Only a typed one: popping the empty value made the next slider message "change" it,
    # and its callback turned every second year step into a full run.
    if st.session_state.get("day_window"):
        del st.session_state["day_window"]


def month_shown(window: TimeWindow) -> str:
    """The month control's choice: the month that holds the window (a typed day in March
    reads "Mar", not "Whole year"), else the whole year."""
    return MONTHS[window.within_month - 1] if window.within_month else WHOLE_YEAR


def _step(delta: int) -> None:
    st.session_state.year = _clamp(st.session_state.get("year", DEFAULT_YEAR) + delta)
    _clear_window()


def _step_month(delta: int) -> None:
    """Step by a calendar month, across years too (◀ ▶ beside the month control)."""
    _clear_window()
    year = int(st.session_state.get("year", DEFAULT_YEAR))
    month = st.session_state.get("month") or WHOLE_YEAR
    m = MONTH_OPTIONS.index(month) if month in MONTH_OPTIONS else 0
    if m == 0:
        m = 1 if delta > 0 else 12
    else:
        m += delta
    if m < 1 and year > FIRST_YEAR:
        year, m = year - 1, 12
    elif m > 12 and year < year_span_shown()[1]:
        year, m = year + 1, 1
    st.session_state.year = year
    st.session_state.month = MONTHS[min(max(m, 1), 12) - 1]


def _moved(key: str) -> bool:
    """Whether widget ``key`` now holds another value than the last run saw.

    Streamlit can call a slider's ``on_change`` for a message that only repeats its value
    (End pressed at the last year, then a button clicked at once): that is no move, so it
    must neither let go of a chosen month nor narrow the button's rerun to the map.
    """
    seen = st.session_state.setdefault(SEEN_KEY, {})
    value = st.session_state.get(key)
    if key in seen and seen[key] == value:
        return False
    seen[key] = value
    return True


def _year_moved() -> None:
    if not _moved("year"):
        return
    # The slider means a whole year: a finer window chosen before is let go.
    st.session_state.month = WHOLE_YEAR
    st.session_state[SEEN_KEY]["month"] = WHOLE_YEAR
    _clear_window()
    _view_changed()


def _month_moved() -> None:
    if not _moved("month"):
        return
    _clear_window()
    _view_changed()


def full_run() -> None:
    """``on_click`` for a button whose action is drawn outside the map fragment.

    A button acted on in the script body casts no vote in its interaction: when a view
    control's callback in the same message asks for the map fragment only, the click
    would be lost. A callback that returns normally makes the interaction a full run.
    """


def _typed_window() -> None:
    picked = st.session_state.get("day_window")
    if not isinstance(picked, tuple | list) or not picked:
        return
    lo = picked[0]
    hi = picked[1] if len(picked) > 1 else lo
    for k in WINDOW_PARAMS:
        if k in st.query_params:
            del st.query_params[k]
    if lo == hi:
        st.query_params["date"] = lo.isoformat()
    else:
        st.query_params["from"], st.query_params["to"] = lo.isoformat(), hi.isoformat()
    st.session_state.year = lo.year
    st.session_state.month = month_shown(TimeWindow(min(lo, hi), max(lo, hi)))


BOUND = {"year", "month", "mode", "layers", "briefing"}  # query parameters bound to widgets
SCOPE_KEY = "_view_scope"  # fragments that the year, mode and layer controls rerun alone
SEEN_KEY = "_controls_seen"  # the year and month each full run drew (see _moved)


def scope_view_changes(*fragment_keys: str) -> None:
    """Let year, mode and layer changes rerun only these fragments of the current page.

    Call it in the page's full run, right before drawing the fragments; everything that
    depends on the year must be inside them. Pages that do not call it rerun whole.
    """
    st.session_state[SCOPE_KEY] = list(fragment_keys)


def _view_changed() -> None:
    # A keyed rerun replaces the interaction's full-app rerun: the sidebar and the page
    # around the fragments stay as they are, so the server does less and the browser
    # redraws less. The keys were registered by the page drawn in the last full run.
    keys = st.session_state.get(SCOPE_KEY)
    if keys:
        st.rerun(keys)


def _adopt_shared_url() -> None:
    """On a session's first run: a shared ``?date=`` or ``?from=&to=`` sets the slider's year,
    and a mode named as the Atlas named it before is read."""
    if "_window_adopted" in st.session_state:
        return
    st.session_state._window_adopted = True
    if st.query_params.get("mode") in OLD_MODE_LABELS and "mode" not in st.session_state:
        # A URL shared while the modes' names said "year". serve.py's middleware renames
        # it before the page loads (components/shared_urls.py); under a bare `streamlit
        # run app.py` the widget drops the old name, and the mode it named is set here.
        st.session_state.mode = OLD_MODE_LABELS[st.query_params["mode"]]
    window = View.from_query(st.query_params).window
    if window.granularity in ("day", "window"):
        st.query_params["year"] = str(window.year)
        st.session_state.year = window.year
        st.session_state.month = month_shown(window)
        if st.session_state.month == WHOLE_YEAR:  # the widget's default is not in the URL
            st.query_params.pop("month", None)
        else:
            st.query_params["month"] = st.session_state.month


def year_controls() -> tuple[int, str, list[str]]:
    """Draw the year slider, step buttons, month, mode and layer choice; return their values."""
    st.session_state[SCOPE_KEY] = []  # a full run: the page registers its fragments again
    _adopt_shared_url()
    advance_play(DEFAULT_YEAR)
    # An overlay with later events widens the slider, so they are never a silent nothing.
    first, last = year_span_shown()
    if "year" in st.session_state and _clamp(st.session_state.year) != st.session_state.year:
        st.session_state.year = _clamp(st.session_state.year)  # e.g. a later overlay removed
    # Never disabled at 1994/2015 (they clamp instead): a slider change reruns only the
    # page's fragment, so a disabled state drawn here could be stale.
    back, fwd = st.columns(2)
    back.button("◀ Year", on_click=_step, args=(-1,), width="stretch",
                help="Previous year (stays at 1994)", key="year_back")  # fmt: skip
    fwd.button("Year ▶", on_click=_step, args=(1,), width="stretch",
               help="Next year (stays at 2015)", key="year_fwd")  # fmt: skip
    year = st.slider(
        YEAR_LABEL, first, last, DEFAULT_YEAR, key="year", bind="query-params",
        help="Arrow keys step one year; Home and End jump to the first and last year."
        + (f" Years after {LAST_YEAR} show your overlays only: the bundled story ends in "
           f"{LAST_YEAR}." if last > LAST_YEAR else ""),
        on_change=_year_moved,
    )  # fmt: skip
    month_controls()
    st.session_state[SEEN_KEY] = {"year": year, "month": st.session_state.get("month")}
    play_controls()
    mode = st.segmented_control(
        "Show", list(MODES), default=DEFAULT_MODE, format_func=MODES.get, key="mode",
        bind="query-params", selection_mode="single", required=True, on_change=_view_changed,
    )  # fmt: skip
    layers = st.pills(
        "Layers", list(LAYERS), default=list(LAYERS), format_func=LAYERS.get,
        selection_mode="multi", key="layers", bind="query-params", on_change=_view_changed,
    )  # fmt: skip
    return year, mode or DEFAULT_MODE, list(layers or [])


# The sidebar's date box is 172 px wide and a window's two dates 194 px at the theme's
# size, so the box scrolled and showed "2013-12-15 – 2013-12-3". At 12 px both fit whole.
_WINDOW_BOX_CSS = """<style>
.st-key-day_window [data-testid="stDateInputFieldsScroller"],
.st-key-day_window [data-testid="stDateInputFieldsScroller"] span { font-size: 0.75rem; }
</style>"""


def month_controls() -> None:
    """Draw the month control (arrow keys step months) and a typed day or window."""
    st.select_slider(
        "Month", MONTH_OPTIONS, value=WHOLE_YEAR, key="month", bind="query-params",
        help="Arrow keys step one month inside the year; ◀ ▶ below cross into the next year.",
        on_change=_month_moved,
    )  # fmt: skip
    back, fwd = st.columns(2)
    back.button("◀ Month", on_click=_step_month, args=(-1,), width="stretch", key="month_back")
    fwd.button("Month ▶", on_click=_step_month, args=(1,), width="stretch", key="month_fwd")
    window = View.from_query(st.query_params).window
    typed = window.granularity in ("day", "window")
    with st.expander("Day or window", expanded=typed, icon=":material/event:"):
        st.html(_WINDOW_BOX_CSS)
        st.date_input(
            "Day, or first and last day", value=(window.start, window.end) if typed else (),
            min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31),
            key="day_window", on_change=_typed_window, format="YYYY-MM-DD",
            help="Type or pick one day, or a first and a last day. The year slider or "
            "the month control replaces it.",
        )  # fmt: skip
        if typed:
            st.caption(f"Showing {window.label()}")


def current_view(*, title: str = "", banner: str = "") -> View:
    """Return the view the sidebar and the URL describe (time, mode, layers, selection)."""
    year = _clamp(st.session_state.get("year", DEFAULT_YEAR))
    params = st.query_params
    window = View.from_query(params).window
    if window.granularity not in ("day", "window") or window.year != year:
        month = st.session_state.get("month")
        if month in MONTHS:
            window = TimeWindow.of_month(year, MONTHS.index(month) + 1)
        else:
            window = TimeWindow.of_year(year)

    mode = st.session_state.get("mode") or DEFAULT_MODE
    layers = tuple(st.session_state.get("layers") or ())
    view = View(window=window, mode=mode, layers=layers, selected=selected_event(),
                extent=parse_view(params.get("view")))  # fmt: skip
    if title:
        view = view.with_(title=title)
    return view.with_(banner=banner) if banner else view


def apply_view(view: View) -> None:
    """Make ``view`` the current one (a saved view opened): controls, URL and extent."""
    w = view.window
    _clear_window()
    st.session_state.year = w.year
    st.session_state.month = WHOLE_YEAR if w.granularity == "year" else month_shown(w)
    if w.granularity == "day":
        st.query_params["date"] = w.start.isoformat()
    elif w.granularity == "window":
        st.query_params["from"], st.query_params["to"] = w.start.isoformat(), w.end.isoformat()
    st.session_state.mode = view.mode
    st.session_state.layers = list(view.layers)
    select_event(view.selected)
    if view.extent is not None:
        st.session_state.map_center = (view.extent.lat, view.extent.lon)
        st.session_state.map_zoom = view.extent.zoom
        st.query_params["view"] = view.extent.to_param()


def selected_event() -> str | None:
    """Return the selected event id, which lives in ``?event=`` so a shared URL keeps it."""
    if "event" not in st.session_state:
        st.session_state.event = st.query_params.get("event")
    return st.session_state.event


def select_event(event_id: str | None, *, center: tuple[float, float] | None = None) -> None:
    """Select an event (or clear with ``None``), update the URL and optionally re-centre the map."""
    st.session_state.event = event_id
    if event_id:
        st.query_params["event"] = event_id
    elif "event" in st.query_params:
        del st.query_params["event"]
    if center is not None:
        st.session_state.map_center = center


def pick_event(events: gpd.GeoDataFrame, event_id: str | None, *, page: str | None = None) -> None:
    """Select an event everywhere: ``?event=``, the shared year, and the map's centre.

    ``page``: the page the pick was made on, when the pick was made inside a fragment (the
    Map page's timeline). A pick in another year then reopens that page at the event's
    year, so the sidebar's slider moves too; a fragment's own rerun would leave it behind.
    """
    rows = events[events["id"] == event_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    center = None if row.geometry is None else (row.geometry.y, row.geometry.x)
    select_event(event_id, center=center)
    # select_event sets the map's centre; the Map page needs a zoom to go with it even when
    # it has not been opened yet in this session.
    st.session_state.map_zoom = st.session_state.get("map_zoom") or 7
    year = int(row["year"])
    if FIRST_YEAR <= year <= LAST_YEAR and year != st.session_state.get("year"):
        st.session_state.year = year
        st.session_state.month = WHOLE_YEAR
        _clear_window()
        if page is not None:
            # Widget-bound parameters (year, mode, layers, briefing) follow their widgets.
            keep = [(k, v) for k in st.query_params if k not in BOUND
                    for v in st.query_params.get_all(k)]  # fmt: skip
            st.switch_page(page, query_params=keep)


def pick_from_chart(key: str, events: gpd.GeoDataFrame, page: str | None = None) -> None:
    """``on_select`` callback of a chart whose point selection is named ``pick`` (by event id)."""
    picked = ((st.session_state.get(key) or {}).get("selection") or {}).get("pick") or []
    if picked:
        pick_event(events, picked[0].get("id"), page=page)
