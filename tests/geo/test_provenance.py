"""The About page's tables: every disagreement, differing figure and seed claim, once."""

import re

import pytest

from geo.io import read_dataset
from geo.provenance import (
    DATA_README,
    differing_figures,
    disputes,
    readme_section,
    seed_corrections,
    source_profile,
)

DS = read_dataset()


def test_every_disputed_event_and_period_is_listed_once_oldest_first() -> None:
    table = disputes(DS)
    expected = int(DS.events["disputed"].notna().sum() + DS.periods["disputed"].notna().sum())
    assert len(table) == expected
    reopening = table[table["kind"] == "status period"]
    assert list(reopening["when"]) == ["3 Jul 2012 – 25 Jul 2012"]
    assert reopening["claims"].iloc[0] == 3
    assert table["start"].is_monotonic_increasing and table["when"].iloc[0] == "May 1994"


def test_differing_casualty_figures_name_both_reports() -> None:
    table = differing_figures(DS)
    salala = table[table["what"].str.contains("Salala")]
    assert len(salala) == 1
    assert "24 killed (reports range 24–28)" in salala["figures"].iloc[0]
    # an event whose reports agree is not listed
    agreed = [r.title for r in DS.events.itertuples()
              if r.casualties and all(v.get("low") == v.get("high")
                                      for v in r.casualties.values())]  # fmt: skip
    assert agreed and not set(agreed) & set(table["what"])


def test_seed_claims_come_with_the_sources_correction_and_confirmation() -> None:
    table = seed_corrections(DS)
    assert len(table) == int(DS.events["seed_claim"].notna().sum())
    seeded = DS.events[DS.events["seed_claim"].notna()]
    assert int((~table["confirmed"]).sum()) == int((~seeded["confirmed"].astype(bool)).sum()) == 1
    assert table[~table["confirmed"]]["what"].str.contains("2013").all()  # 'strengthened
    mnna = table[table["what"].str.contains("Major Non-NATO Ally")]
    assert (mnna["correction"].str.contains("US legal status")).all() and len(mnna) == 2


def test_source_profile_counts_every_citation_by_type() -> None:
    kinds, publishers, documents = source_profile(DS)
    total = sum(len(s or []) for f in (DS.events, DS.periods, DS.places) for s in f["sources"])
    assert kinds["citations"].sum() == total
    assert kinds["citations"].is_monotonic_decreasing
    assert {"newspaper", "press agency", "official"} <= set(kinds["type"])
    assert 0 < publishers <= documents <= total


def test_readme_section_returns_the_licences_and_refuses_a_missing_heading(tmp_path) -> None:
    text = readme_section(DATA_README, "Licences")
    assert "ODbL 1.0" in text and "CC BY 4.0" in text and "\n## " not in text
    # The About page shows this to analysts: no internal issue numbers.
    assert re.findall(r"\bissues? \d+", text) == []
    doc = tmp_path / "x.md"
    doc.write_text("# T\n\n## A\nbody\n\n## B\nrest\n", encoding="utf-8")
    assert readme_section(doc, "A") == "body"
    with pytest.raises(ValueError, match="no '## C' section"):
        readme_section(doc, "C")
