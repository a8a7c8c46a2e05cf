"""The mapping step places rows by a WKT column: guessed, or chosen instead of lat/lon."""

from streamlit.testing.v1 import AppTest

from tests.components.test_overlay_panel import panel, plain

HEADERLESS_WKT = "".join(
    f"E{i},2011-03-0{i + 1},POINT (7{i}.5 3{i}.25)\n" for i in range(4)
).encode()
UNNAMED = (
    b"score,weight,wo,wann\n12.5,45.25,POINT (71.5 34),2011-03-12\n"
    b"13.5,46.25,POINT (66.9 30.1),2012-07-04\n"
)  # two decimal columns: not lat/lon


def load_button(at: AppTest):
    return next(b for b in at.button if b.label == "Load with this mapping")


def test_a_headerless_wkt_file_is_offered_as_wkt_and_loads() -> None:
    at = panel(HEADERLESS_WKT, "extract.csv")
    assert "no header row" in plain(at.error[0].value)
    assert at.radio[0].value == "Coordinates as WKT"
    geometry = at.selectbox[0]
    assert geometry.label.startswith("WKT geometry") and geometry.value == "column 3"
    assert "Latitude" not in [s.label for s in at.selectbox]
    load_button(at).click().run()
    assert not at.exception
    assert "extract.csv: 4 events loaded, 0 rejected" in plain(at.success[0].value)
    events = at.session_state["overlays"]["ov1"].overlay.events
    assert events["lat"].tolist() == [30.25, 31.25, 32.25, 33.25]


def test_wkt_can_be_chosen_instead_of_latitude_and_longitude() -> None:
    at = panel(UNNAMED, "ucdp_extract.csv")
    assert "no latitude/longitude" in plain(at.error[0].value)
    assert [s.label for s in at.selectbox][:2] == ["Latitude", "Longitude"]
    at.radio[0].set_value("Coordinates as WKT").run()
    geometry = at.selectbox[0]
    assert geometry.label.startswith("WKT geometry")
    assert geometry.value == "wo"  # the column whose values look like WKT
    next(s for s in at.selectbox if s.label.startswith("Label")).select("score")
    load_button(at).click().run()
    assert not at.exception
    assert "ucdp_extract.csv: 2 events loaded, 0 rejected" in plain(at.success[0].value)
    events = at.session_state["overlays"]["ov1"].overlay.events
    assert events[["lat", "lon"]].values.tolist() == [[34.0, 71.5], [30.1, 66.9]]
    assert events["label"].tolist() == ["12.5", "13.5"]
