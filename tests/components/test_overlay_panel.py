"""The overlay panel in a running script: reports, years outside the story, mapping, removal."""

from streamlit.testing.v1 import AppTest

ACLED_2020S = (b"event_id_cnty,event_date,year,event_type,location,latitude,longitude\n"
               + b"".join(f"PAK{i},{i + 1} May 202{i},202{i},Battles,Bannu,33.0,70.6\n".encode()
                          for i in range(5)))  # fmt: skip
AMBIGUOUS = b"lat,lon,date\n33.6,73.0,03/04/2011\n34.0,71.5,05/06/2012\n"
ODD_DATES = b"latitude,longitude,event_date,year\n33,73,sometime,x\n34,71,later,y\n"


def panel(data: bytes, name: str) -> AppTest:
    def script(data: bytes, name: str) -> None:
        import streamlit as st

        from components.overlays import _load, overlay_panel, overlay_year_span

        if "seeded" not in st.session_state:  # what an upload does, without the upload widget
            st.session_state.seeded = True
            _load(data, name, None)
        overlay_panel()
        st.text(f"span={overlay_year_span()}")

    at = AppTest.from_function(script, kwargs={"data": data, "name": name}, default_timeout=30)
    return at.run()


def plain(markdown: str) -> str:
    """The text a reader sees (the panel escapes Markdown in uploaded names and values)."""
    return str(markdown).replace("\\", "")


def texts(at: AppTest) -> str:
    parts = [e.value for e in [*at.success, *at.warning, *at.error, *at.caption, *at.text]]
    return " | ".join(plain(p) for p in parts)


def test_recent_events_say_at_once_that_they_are_outside_the_story() -> None:
    at = panel(ACLED_2020S, "balochistan.csv")
    assert not at.exception
    assert "balochistan.csv: 5 events loaded, 0 rejected" in plain(at.success[0].value)
    outside = "5 of 5 events fall outside the story’s years 1994–2015 (5 from 2020–2024)"
    assert outside in plain(at.warning[0].value)
    assert "span=(2020, 2024)" in texts(at)


def test_removing_an_overlay_removes_its_success_message() -> None:
    at = panel(ACLED_2020S, "balochistan.csv")
    assert len(at.success) == 1
    at.button(key="drop_ov1").click().run()
    assert not at.exception
    assert len(at.success) == 0 and len(at.warning) == 0
    assert "span=None" in texts(at)


def test_ambiguous_dates_are_read_the_other_way_in_one_click() -> None:
    at = panel(AMBIGUOUS, "osint.csv")
    assert "read day-first ('03/04/2011' is 3 April 2011, not 4 March 2011)" in texts(at)
    button = at.button(key="overlay_other_order")
    assert "month-first" in button.label
    button.click().run()
    assert not at.exception
    store = at.session_state["overlays"]
    assert list(store) == ["ov1"]  # the same overlay, re-read
    assert store["ov1"].overlay.events["date"].tolist() == ["2011-03-04", "2012-05-06"]


def test_full_rejection_offers_the_mapping_step_and_the_year_column() -> None:
    at = panel(ODD_DATES, "odd.csv")
    message = plain(at.error[0].value)
    assert "all 2 rows were rejected" in message and "'sometime'" in message
    labels = [b.label for b in at.button]
    assert "Load with this mapping" in labels
    assert "Use the year column (year) instead" in labels
    assert [s.label for s in at.selectbox][:2] == ["Latitude", "Longitude"]


def test_a_headerless_file_loads_through_the_mapping_step_with_sample_values() -> None:
    rows = "".join(f"PAK{i},{i + 1} March 2011,Battles,3{i}.5,7{i}.25\n" for i in range(4))
    at = panel(rows.encode(), "extract.csv")
    assert "no header row" in plain(at.error[0].value)
    latitude = at.selectbox[0]
    assert latitude.value == "column 4"  # guessed from the values, shown with samples
    assert "column 4 (e.g. 30.5, 31.5, 32.5)" in latitude.options
    next(b for b in at.button if b.label == "Load with this mapping").click().run()
    assert not at.exception
    assert "extract.csv: 4 events loaded, 0 rejected" in plain(at.success[0].value)
    assert len(at.error) == 0


def test_a_workbooks_sheet_picker_reads_another_sheet() -> None:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "2011"
    wb.active.append(["lat", "lon", "year"])
    wb.active.append([33.6, 73.0, 2011])
    other = wb.create_sheet("2012")
    for row in (["lat", "lon", "year"], [34.0, 71.5, 2012], [31.5, 74.3, 2012]):
        other.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    at = panel(buf.getvalue(), "book.xlsx")
    assert "book.xlsx: 1 event loaded" in plain(at.success[0].value)
    at.selectbox(key="overlay_sheet_ov1").select("2012").run()
    assert not at.exception
    assert "book.xlsx: 2 events loaded" in plain(at.success[0].value)
    assert at.session_state["overlays"]["ov1"].overlay.sheet == "2012"
