"""US drone strikes in Pakistan by year and agency, as each publisher counted them.

The layer (``data/drone_strikes.geojson``, built by ``scripts/drone_layer.py``) holds
aggregated counts only: New America's and TBIJ's strike counts side by side, deaths as
low–high ranges, per FATA agency or KP district and per year, 2004–2015. Counts are
yearly, so a window finer than a year shows its whole year's counts, and says so.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import AtlasDataError

PUBLISHERS = {"new_america": "New America", "tbij": "TBIJ"}
FILE = "drone_strikes.geojson"


@dataclass(frozen=True)
class Count:
    """One publisher's count: strikes, and people killed as a low–high range."""

    strikes: int
    killed_low: int
    killed_high: int

    def text(self) -> str:
        """``"122 strikes, 636–1,025 killed"``."""
        killed = (f"{self.killed_low:,}" if self.killed_low == self.killed_high
                  else f"{self.killed_low:,}–{self.killed_high:,}")  # fmt: skip
        return f"{self.strikes:,} strike{'s' * (self.strikes != 1)}, {killed} killed"


@dataclass(frozen=True)
class Area:
    """An agency or district with a representative point (``None``: not mapped)."""

    id: str
    name: str
    label: str
    lon: float | None
    lat: float | None
    accuracy_km: float | None
    years: dict[int, dict[str, Count]]  # year -> publisher -> count


@dataclass(frozen=True)
class DroneLayer:
    """Every area's yearly counts, the yearly totals, and the publishers' citations."""

    areas: tuple[Area, ...]
    yearly: dict[int, dict[str, Count]]
    linked_events: dict[int, tuple[str, ...]]
    publishers: dict[str, Any]
    first_year: int
    last_year: int


def _count(raw: object) -> Count | None:
    if not isinstance(raw, dict):
        return None
    killed = raw.get("killed") or {}
    return Count(int(raw["strikes"]), int(killed.get("low", 0)), int(killed.get("high", 0)))


def _counts(row: dict[str, Any]) -> dict[str, Count]:
    out = {}
    for key in PUBLISHERS:
        c = _count(row.get(key))
        if c is not None:
            out[key] = c
    return out


def read_drones(path: Path) -> DroneLayer | None:
    """Read the drone layer, or return ``None`` when the file is absent.

    Raises ``AtlasDataError`` naming the file when it cannot be read as the layer.
    """
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        areas = []
        for f in doc["features"]:
            p, g = f["properties"], f.get("geometry")
            lon, lat = (g["coordinates"][0], g["coordinates"][1]) if g else (None, None)
            years = {int(y["year"]): _counts(y) for y in p.get("years") or []}
            areas.append(Area(str(p["id"]), str(p["name"]), str(p.get("label") or p["name"]),
                              lon, lat, p.get("accuracy_km"), years))  # fmt: skip
        yearly = {int(y["year"]): _counts(y) for y in doc["yearly"]}
        links = {int(y["year"]): tuple(y.get("linked_event_ids") or ()) for y in doc["yearly"]}
        window = doc.get("window") or {}
        return DroneLayer(tuple(areas), yearly, links, dict(doc.get("publishers") or {}),
                          int(window.get("first_year", min(yearly))),
                          int(window.get("last_year", max(yearly))))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AtlasDataError(f"cannot be read as the drone layer ({exc.__class__.__name__})",
                             file=FILE) from None  # fmt: skip


def years_of(first: int, last: int, *, cumulative: bool, layer: DroneLayer) -> range:
    """The years whose counts a window shows: its own, or every year up to its end."""
    lo = layer.first_year if cumulative else first
    return range(max(lo, layer.first_year), min(last, layer.last_year) + 1)


def total(counts: Sequence[dict[str, Count]]) -> dict[str, Count]:
    """Sum yearly counts per publisher (a publisher missing from every year is left out)."""
    out: dict[str, Count] = {}
    for row in counts:
        for key, c in row.items():
            prev = out.get(key)
            out[key] = c if prev is None else Count(prev.strikes + c.strikes,
                                                    prev.killed_low + c.killed_low,
                                                    prev.killed_high + c.killed_high)  # fmt: skip
    return out


def compare_text(counts: dict[str, Count]) -> str:
    """Both publishers side by side: ``"New America 122 strikes, …; TBIJ 128 strikes, …"``.

    Examples
    --------
    >>> compare_text({"new_america": Count(122, 636, 1025), "tbij": Count(128, 755, 1108)})
    'New America 122 strikes, 636–1,025 killed; TBIJ 128 strikes, 755–1,108 killed'
    """
    parts = [f"{PUBLISHERS[k]} {counts[k].text()}" for k in PUBLISHERS if k in counts]
    return "; ".join(parts) or "no strikes recorded"


@dataclass(frozen=True)
class DroneMark:
    """One area's strikes in a view's years, both publishers side by side."""

    id: str
    name: str
    label: str
    lon: float
    lat: float
    counts: dict[str, Count]
    years: str  # "2010", "2008–2012", "2004–2013"

    @property
    def most(self) -> int:
        """The larger of the publishers' strike counts (sizes the symbol)."""
        return max((c.strikes for c in self.counts.values()), default=0)


def _years_label(years: range) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def drone_marks(layer: DroneLayer, first: int, last: int, *, cumulative: bool
                ) -> tuple[DroneMark, ...]:  # fmt: skip
    """Return the mapped areas with strikes in the window's years, most strikes first."""
    years = years_of(first, last, cumulative=cumulative, layer=layer)
    label = _years_label(years)
    out = []
    for a in layer.areas:
        if a.lon is None or a.lat is None:
            continue
        counts = total([a.years[y] for y in years if y in a.years])
        if counts:
            out.append(DroneMark(a.id, a.name, a.label, a.lon, a.lat, counts, label))
    return tuple(sorted(out, key=lambda m: -m.most))


def drone_note(layer: DroneLayer, first: int, last: int, *, cumulative: bool,
               finer: bool) -> str | None:  # fmt: skip
    """The notes' line on drone strikes in the window's years, or ``None`` outside 2004–2015."""
    years = years_of(first, last, cumulative=cumulative, layer=layer)
    if not years:
        return None
    counts = total([layer.yearly[y] for y in years if y in layer.yearly])
    unit = " (counts are yearly)" if finer else ""
    return f"US drone strikes in Pakistan, {_years_label(years)}{unit}: {compare_text(counts)}."


def yearly_rows(layer: DroneLayer) -> list[dict[str, Any]]:
    """One row per year for a chart band: the larger count sizes it, both are in the text."""
    rows = []
    for year, counts in sorted(layer.yearly.items()):
        most = max((c.strikes for c in counts.values()), default=0)
        rows.append({"year": year, "start": f"{year}-01-01T00:00:00",
                     "end": f"{year}-12-31T23:00:00", "strikes": most,
                     "counts": compare_text(counts),
                     "events": ", ".join(layer.linked_events.get(year, ()))})  # fmt: skip
    return rows
