"""Panels under the map run their contents only while open, and keep what was typed."""

from streamlit.testing.v1 import AppTest


def _app() -> None:
    import streamlit as st

    from components.panels import keep, open_panel, seed, value

    st.session_state["runs_inside"] = st.session_state.get("runs_inside", 0)
    panel = open_panel("Export this view", key="p_open", icon=":material/download:")
    if panel is not None:
        with panel:
            st.session_state["runs_inside"] += 1
            seed("title", "NATO–Pakistan Atlas")
            st.text_input("Title", key="title", on_change=keep, args=("title",))
    st.markdown(f"title={value('title', 'NATO–Pakistan Atlas')}")


def test_a_closed_panel_runs_nothing_and_a_reopened_one_keeps_the_typed_title() -> None:
    at = AppTest.from_function(_app).run()
    assert not at.text_input and at.session_state["runs_inside"] == 0  # closed: nothing runs
    assert at.markdown[0].value == "title=NATO–Pakistan Atlas"
    at.session_state["p_open"] = True
    at.run()
    assert at.text_input(key="title").value == "NATO–Pakistan Atlas"
    at.text_input(key="title").input("Closure, 2011–12").run()
    at.session_state["p_open"] = False
    at.run()
    at.run()  # a later rerun, the panel still closed
    assert not at.text_input
    assert at.markdown[0].value == "title=Closure, 2011–12"  # what a saved view takes
    at.session_state["p_open"] = True
    at.run()
    assert at.text_input(key="title").value == "Closure, 2011–12"
    assert not at.exception
