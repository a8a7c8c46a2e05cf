"""Play/pause through the years: a sidebar control and a timer that reruns the app."""

import time

import streamlit as st

from geo.play import SPEEDS, play_start, play_step

SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast"}
DEFAULT_SPEED = "normal"


def _toggle() -> None:
    playing = not st.session_state.get("playing", False)
    st.session_state.playing = playing
    if playing:
        st.session_state.year = play_start(int(st.session_state.get("year", 2011)))
        st.session_state.play_last = time.monotonic()


def advance_play(default_year: int) -> None:
    """Move the year on one step if playing and the interval has passed (before the slider).

    Only ``st.session_state.year`` changes, so the map swaps its layers without a remount.
    """
    if not st.session_state.get("playing"):
        return
    interval = SPEEDS[st.session_state.get("play_speed") or DEFAULT_SPEED]
    now = time.monotonic()
    # 0.8: a timer tick that arrives a little early still counts; a rerun caused by some
    # other widget right after a step does not.
    if now - st.session_state.get("play_last", 0.0) < interval * 0.8:
        return
    year, going = play_step(int(st.session_state.get("year", default_year)),
                            loop=bool(st.session_state.get("play_loop")))  # fmt: skip
    st.session_state.year = year
    st.session_state.playing = going
    st.session_state.play_last = now


def _tick(interval: float) -> None:
    # The fragment also runs inline with every full run; only a timer run that finds the
    # interval over asks for the full rerun that steps the year.
    due = time.monotonic() - st.session_state.get("play_last", 0.0) >= interval * 0.8
    if st.session_state.get("playing") and due:
        st.rerun(scope="app")


def play_controls() -> None:
    """Draw Play/Pause, speed and loop; while playing, rerun the app once per interval."""
    playing = bool(st.session_state.get("playing"))
    left, right = st.columns([1, 1.2], vertical_alignment="center")
    left.button(
        "⏸ Pause" if playing else "▶ Play", on_click=_toggle, key="play_button", width="stretch",
        help="Step through the years from the current one (from 1994 if at the end).",
    )  # fmt: skip
    right.checkbox("Loop", key="play_loop", help="Start again at 1994 after 2015.")
    st.segmented_control(
        "Speed", list(SPEEDS), default=DEFAULT_SPEED, format_func=SPEED_LABELS.get,
        key="play_speed", required=True, label_visibility="collapsed",
    )  # fmt: skip
    if playing:
        interval = SPEEDS[st.session_state.get("play_speed") or DEFAULT_SPEED]
        st.fragment(_tick, run_every=interval)(interval)
