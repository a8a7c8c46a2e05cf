"""The state of the supply corridors and places on a day or over a time window.

Periods are indexed once per dataset (``index_spells``) into a ``Spells`` value held by
the ``Dataset``; every lookup reads that index, so nothing here caches by identity.

A period may carry a ``region`` (say ``"Khyber Pakhtunkhwa"``): it then holds only on
the route stretches in that region. Outside it, the corridor keeps the status it had
before the regional period began (the periods of a corridor without a region tile time,
and a regional period fills the gap it leaves in them).
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

import pandas as pd

from geo.dates import format_day

# Used to pick the one style a route gets for a window with several statuses: the most
# severe wins, and the route is drawn so the others show too (``WindowStatus.also``).
SEVERITY = {"inactive": 0, "open": 1, "blocked": 2, "closed": 3}


@dataclass(frozen=True)
class Spell:
    """One status holding over a stretch of days (``end`` exclusive, ``None`` = open-ended)."""

    status: str
    label: str
    start: date
    end: date | None
    scope: str | None = None
    region: str | None = None
    period_id: str = ""
    disputed: str | None = None  # what the sources disagree on, if they do

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the spell holds on any day from ``first`` to ``last`` (inclusive)."""
        return self.start <= last and (self.end is None or self.end > first)


Spells = Mapping[str, tuple[Spell, ...]]  # subject -> spells in start order


def index_spells(periods: pd.DataFrame) -> Spells:
    """Index the periods by subject, in start order (done once, when the dataset is read).

    Examples
    --------
    >>> index_spells(periods)["torkham"][0].status  # doctest: +SKIP
    'inactive'
    """
    table: dict[str, list[Spell]] = {}
    has_region = "region" in periods.columns
    for r in periods.sort_values(["subject", "start"], kind="stable").itertuples():
        region = getattr(r, "region", None) if has_region else None
        disputed = getattr(r, "disputed", None)
        table.setdefault(r.subject, []).append(
            Spell(
                status=r.status,
                label=r.label,
                start=r.start.date(),
                end=None if pd.isna(r.end) else r.end.date(),
                scope=r.scope if isinstance(getattr(r, "scope", None), str) else None,
                region=region if isinstance(region, str) and region else None,
                period_id=str(r.id),
                disputed=disputed if isinstance(disputed, str) and disputed else None,
            )
        )
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


def spells_for(spells: Spells, subject: str, region: str | None = None) -> tuple[Spell, ...]:
    """Return the spells that hold for a subject in a region, in order.

    ``region=None`` means "anywhere": regional spells hold too (used for places and for
    routes whose stretches are not known). With a region, a spell for another region is
    left out and the spell before it is stretched over the gap it leaves.
    """
    every = spells.get(subject, ())
    if region is None:
        return every
    kept: list[Spell] = []
    for s in every:
        if s.region is not None and s.region != region:
            continue
        kept.append(s)
    out: list[Spell] = []
    for s in kept:
        if out and out[-1].region is None and s.region is None:
            prev = out[-1]
            gap = prev.end is not None and prev.end < s.start
            if gap and prev.status == s.status:  # the same status on both sides: one spell
                out[-1] = replace(prev, end=s.end)
                continue
            if gap:  # a regional spell elsewhere left this gap: the earlier status holds on
                out[-1] = replace(prev, end=s.start)
        out.append(s)
    return tuple(out)


def status_on(
    spells: Spells, subject: str, day: date, *, region: str | None = None
) -> Spell | None:
    """Return the spell covering ``day`` for a corridor, place or mission, else ``None``.

    Starts are inclusive and ends exclusive: on the day a closure ends, the route is open.

    Examples
    --------
    >>> status_on(spells, "torkham", date(2011, 11, 26)).status  # doctest: +SKIP
    'closed'
    """
    for spell in reversed(spells_for(spells, subject, region)):
        if spell.start <= day and (spell.end is None or day < spell.end):
            return spell
    return None


def spells_between(
    spells: Spells, subject: str, first: date, last: date, *, region: str | None = None
) -> list[Spell]:
    """Return the spells of a subject holding on any day from ``first`` to ``last``."""
    return [s for s in spells_for(spells, subject, region) if s.overlaps(first, last)]


def spells_in_year(spells: Spells, subject: str, year: int) -> list[Spell]:
    """Return the spells of a subject that overlap ``year``, in order."""
    return spells_between(spells, subject, date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class WindowStatus:
    """A corridor's status over a window, for styling, tooltips, notes and extracts."""

    status: str  # the most severe status that held at any time in the window
    note: str  # e.g. "closed from 26 Nov 2011" or "open all year"
    also: tuple[str, ...] = ()  # the other statuses that held in the window, in order
    labels: tuple[str, ...] = ()  # the period labels behind it (for popups)
    disputed: tuple[str, ...] = ()  # where the sources disagree about the window's periods


def window_status(
    spells: Spells, subject: str, first: date, last: date, *, region: str | None = None
) -> WindowStatus:
    """Summarise a corridor over the days ``first``–``last``: the worst status, and when.

    Examples
    --------
    >>> window_status(spells, "chaman", date(2011, 1, 1), date(2011, 12, 31)).note  # doctest: +SKIP
    'closed from 26 Nov 2011'
    >>> window_status(spells, "chaman", date(2012, 3, 15), date(2012, 3, 15)).note  # doctest: +SKIP
    'closed 26 Nov 2011 – 3 Jul 2012'
    """
    found = spells_between(spells, subject, first, last, region=region)
    if not found:
        return WindowStatus("inactive", "no data for this time")
    worst = max(found, key=lambda s: SEVERITY.get(s.status, 0))
    also = tuple(dict.fromkeys(s.status for s in found if s.status != worst.status))
    labels = tuple(dict.fromkeys(s.label for s in found))
    disputed = tuple(dict.fromkeys(s.disputed for s in found if s.disputed))
    if first == last:
        return WindowStatus(worst.status, _span(worst), also, labels, disputed)
    if len(found) == 1:
        whole = "all year" if _is_year(first, last) else "throughout"
        return WindowStatus(worst.status, f"{worst.status} {whole}", also, labels, disputed)
    notes = [_describe(s, first, last) for s in found if s.status == worst.status]
    return WindowStatus(worst.status, "; ".join(notes), also, labels, disputed)


def corridor_year_status(spells: Spells, corridor: str, year: int) -> WindowStatus:
    """Summarise a corridor's whole year (see ``window_status``)."""
    return window_status(spells, corridor, date(year, 1, 1), date(year, 12, 31))


def _is_year(first: date, last: date) -> bool:
    return first == date(first.year, 1, 1) and last == date(first.year, 12, 31)


def _span(spell: Spell) -> str:
    """A spell's own span: ``"closed 26 Nov 2011 – 3 Jul 2012"`` or ``"open since …"``."""
    if spell.end is None:
        return f"{spell.status} since {format_day(spell.start)}"
    return f"{spell.status} {format_day(spell.start)} – {format_day(spell.end)}"


def _describe(spell: Spell, first: date, last: date) -> str:
    starts_inside = first < spell.start <= last
    ends_inside = spell.end is not None and first < spell.end <= last
    if starts_inside and ends_inside:
        return f"{spell.status} {format_day(spell.start)}, reopened {format_day(spell.end)}"
    if starts_inside:
        return f"{spell.status} from {format_day(spell.start)}"
    if ends_inside:
        return f"{spell.status} until reopening on {format_day(spell.end)}"
    whole = "all year" if _is_year(first, last) else "throughout"
    return f"{spell.status} {whole}"
