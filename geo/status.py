"""The state of the supply corridors and places at a date or over a year."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.dates import format_day

# Used to pick the one style a route gets for a whole year: the most severe status wins,
# and the tooltip spells out when it changed.
SEVERITY = {"inactive": 0, "open": 1, "blocked": 2, "closed": 3}


@dataclass(frozen=True)
class Spell:
    """One status holding over a stretch of days (``end`` exclusive, ``None`` = open-ended)."""

    status: str
    label: str
    start: date
    end: date | None
    scope: str | None = None


_BY_SUBJECT: dict[int, tuple[pd.DataFrame, dict[str, list[Spell]]]] = {}


def _spells(periods: pd.DataFrame, subject: str) -> list[Spell]:
    """Return a subject's spells in order, indexing the frame once (the bundled periods are
    shared read-only; the frame is kept with its index, so the identity check is sound)."""
    hit = _BY_SUBJECT.get(id(periods))
    if hit is None or hit[0] is not periods:
        table: dict[str, list[Spell]] = {}
        for r in periods.sort_values("start").itertuples():
            table.setdefault(r.subject, []).append(
                Spell(
                    status=r.status,
                    label=r.label,
                    start=r.start.date(),
                    end=None if pd.isna(r.end) else r.end.date(),
                    scope=r.scope if isinstance(getattr(r, "scope", None), str) else None,
                )
            )
        if len(_BY_SUBJECT) >= 32:
            _BY_SUBJECT.clear()
        hit = _BY_SUBJECT[id(periods)] = (periods, table)
    return hit[1].get(subject, [])


def status_on(periods: pd.DataFrame, subject: str, day: date) -> Spell | None:
    """Return the spell covering ``day`` for a corridor, place or mission, else ``None``.

    Starts are inclusive and ends exclusive: on the day a closure ends, the route is open.

    Examples
    --------
    >>> status_on(periods, "torkham", date(2011, 11, 26)).status  # doctest: +SKIP
    'closed'
    """
    for spell in _spells(periods, subject):
        if spell.start <= day and (spell.end is None or day < spell.end):
            return spell
    return None


def spells_in_year(periods: pd.DataFrame, subject: str, year: int) -> list[Spell]:
    """Return the spells of a subject that overlap ``year``, in order."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return [
        s for s in _spells(periods, subject) if s.start <= last and (s.end is None or s.end > first)
    ]


@dataclass(frozen=True)
class YearStatus:
    """A corridor's status for a whole year, for styling and tooltips."""

    status: str  # the most severe status that held at any time in the year
    note: str  # e.g. "closed from 26 Nov 2011" or "open all year"


def corridor_year_status(periods: pd.DataFrame, corridor: str, year: int) -> YearStatus:
    """Summarise a corridor's year: the most severe status, and when it changed.

    Examples
    --------
    >>> corridor_year_status(periods, "chaman", 2011).note  # doctest: +SKIP
    'closed from 26 Nov 2011'
    """
    spells = spells_in_year(periods, corridor, year)
    if not spells:
        return YearStatus("inactive", "no data for this year")
    worst = max(spells, key=lambda s: SEVERITY.get(s.status, 0))
    if len(spells) == 1:
        return YearStatus(worst.status, f"{worst.status} all year")
    notes = [_describe(s, year) for s in spells if s.status == worst.status]
    return YearStatus(worst.status, "; ".join(notes))


def _describe(spell: Spell, year: int) -> str:
    starts_inside = spell.start.year == year
    ends_inside = spell.end is not None and spell.end.year == year and spell.end > date(year, 1, 1)
    if starts_inside and ends_inside:
        return f"{spell.status} {format_day(spell.start)}, reopened {format_day(spell.end)}"
    if starts_inside:
        return f"{spell.status} from {format_day(spell.start)}"
    if ends_inside:
        return f"{spell.status} until reopening on {format_day(spell.end)}"
    return f"{spell.status} all year"
