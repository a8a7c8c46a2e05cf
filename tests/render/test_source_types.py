"""Source types are shown with every citation, and weakly sourced events are flagged."""

from types import SimpleNamespace

from streamlit.testing.v1 import AppTest

from geo.sources import SECONDARY_ONLY_NOTE, secondary_only, sources_markdown, typed_citation
from render.popups import event_popup_html, sources_html

REUTERS = {"title": "Pakistan shuts route", "publisher": "Reuters", "date": "2011-11-26",
           "url": "https://example.org/r", "type": "press_agency"}  # fmt: skip
BLOG = {"title": "Trucks at Torkham", "publisher": "a blogspot site", "date": None,
        "url": None, "type": "secondary"}  # fmt: skip
UNTYPED = {"title": "Old record", "publisher": "Dawn", "date": None, "url": None}


def _event(sources: list[dict]) -> SimpleNamespace:
    return SimpleNamespace(
        id="ev_2012_07_25_x", title="Trucks cross", category="context", date="2012-07-25",
        date_precision="day", end_date=None, summary="Some trucks crossed.", casualties=None,
        disputed=None, disputed_claims=[], seed_claim=None, sources=sources,
    )  # fmt: skip


def test_popup_sources_say_each_type_in_words() -> None:
    html = sources_html([REUTERS, BLOG, UNTYPED])
    assert "— Reuters, 2011-11-26 (press agency)</li>" in html
    assert "— a blogspot site (secondary)</li>" in html
    assert "— Dawn</li>" in html  # no type recorded: nothing invented
    assert "press_agency" not in html


def test_popup_type_is_escaped_and_unknown_types_are_not_shown() -> None:
    html = sources_html([{**REUTERS, "type": "<script>alert(1)</script>"}])
    assert "<script>" not in html and "alert" not in html


def test_popup_flags_an_event_resting_on_secondary_sources_only() -> None:
    assert SECONDARY_ONLY_NOTE.split(" (")[0] in event_popup_html(_event([BLOG, BLOG]))
    assert "Rests on secondary" not in event_popup_html(_event([BLOG, REUTERS]))
    assert "Rests on secondary" not in event_popup_html(_event([UNTYPED]))


def test_secondary_only_needs_every_source_typed_weak() -> None:
    assert secondary_only([BLOG])
    assert not secondary_only([BLOG, UNTYPED])
    assert not secondary_only([])


def test_sheet_and_markdown_citations_carry_the_type() -> None:
    assert typed_citation(REUTERS) == "Reuters, “Pakistan shuts route” (2011-11-26) [press agency]"
    assert typed_citation(UNTYPED) == "Dawn, “Old record”"
    text = sources_markdown([REUTERS, BLOG])
    assert text.startswith("1. [Pakistan shuts route](https://example.org/r) — Reuters, ")
    assert "(press agency)" in text and "2. Trucks at Torkham — a blogspot site (secondary)" in text


def _card_app(weak: bool) -> None:
    from types import SimpleNamespace

    from components.event_list import event_card

    src = {"title": "T", "publisher": "P", "date": None, "url": None,
           "type": "secondary" if weak else "newspaper"}  # fmt: skip
    event_card(SimpleNamespace(
        id="ev_test", title="Trucks cross", category="context", date="2012-07-25",
        date_precision="day", end_date=None, summary="Some trucks crossed.", casualties=None,
        disputed=None, disputed_claims=[], seed_claim=None, sources=[src],
    ))  # fmt: skip


def test_event_card_shows_types_and_the_secondary_only_warning() -> None:
    weak = AppTest.from_function(_card_app, args=(True,), default_timeout=60).run()
    assert not weak.exception
    assert any("Rests on secondary sources only" in w.value for w in weak.warning)
    assert any("— P (secondary)" in m.value for m in weak.markdown)
    strong = AppTest.from_function(_card_app, args=(False,), default_timeout=60).run()
    assert not strong.exception
    assert not strong.warning
    assert any("— P (newspaper)" in m.value for m in strong.markdown)
