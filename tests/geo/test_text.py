"""Escaping: hostile text stays text in HTML, JS templates, scripts, Markdown and CSV."""

import json

import pytest

from geo.dates import format_date, format_event_dates
from geo.text import escape_markdown, escape_text, json_for_script, neutralise_cell, safe_url

HOSTILE = '<img src=x onerror="alert(1)">`${alert(2)}`</script>\\'


def test_escape_text_leaves_no_live_characters() -> None:
    out = escape_text(HOSTILE)
    for live in "<>\"'`$\\":
        assert live not in out


def test_json_for_script_cannot_close_a_script_and_round_trips() -> None:
    out = json_for_script({"t": HOSTILE, "u": "\u2028"})
    assert "</script>" not in out and "<" not in out
    assert json.loads(out) == {"t": HOSTILE, "u": "\u2028"}


def test_json_for_script_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        json_for_script({"x": float("nan")})


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://a.org/x?y=1", True), ("http://a.org", True), ("javascript:alert(1)", False),
     ("data:text/html,hi", False), ("//evil.org", False), (None, False)],
)  # fmt: skip
def test_safe_url_allows_only_http(url: object, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


def test_markdown_escape_defuses_links_and_emphasis() -> None:
    assert escape_markdown("[x](javascript:y) *b*") == "\\[x\\]\\(javascript\\:y\\) \\*b\\*"


@pytest.mark.parametrize(
    ("value", "precision", "text"),
    [("2011-11-26", "day", "26 Nov 2011"), ("2008-12", "month", "Dec 2008"),
     ("2004", "year", "≈ 2004")],
)  # fmt: skip
def test_dates_show_their_precision(value: str, precision: str, text: str) -> None:
    assert format_date(value, precision) == text


def test_lasting_event_shows_its_end() -> None:
    assert format_event_dates("2011-11-26", "day", "2012-07-03") == "26 Nov 2011 – 3 Jul 2012"
