"""Figures the READMEs state about the bundled data, held to the data (they went stale)."""

import re
from pathlib import Path

from geo.io import read_dataset
from geo.sources import secondary_only

ROOT = Path(__file__).resolve().parents[1]
DS = read_dataset()
WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _flat(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def test_both_readmes_name_every_event_resting_only_on_secondary_sources() -> None:
    weak = sorted(e.id for e in DS.events.itertuples() if secondary_only(e.sources))
    said = re.search(r"the (\w+) events that still rest only on secondary sources",
                     _flat(ROOT / "README.md"))  # fmt: skip
    assert said and WORDS.index(said[1]) == len(weak)
    section = _flat(ROOT / "data" / "README.md").split("**Still resting only on `secondary`")[1]
    events = section.split("- places")[0]
    assert sorted(set(re.findall(r"`(ev_[a-z0-9_]+)`", events))) == weak
