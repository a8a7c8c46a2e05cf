"""One view of the Atlas as a frozen value: time window, mode, layers, selection, extent.

The URL and a saved view's document are two codecs of the same value: ``View.from_query``
and ``View.to_query`` for the URL here, ``geo.view_doc`` for saved views.
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode

from geo.dates import format_day
from geo.timeline import FIRST_YEAR, LAST_YEAR, MODES, OLD_MODE_LABELS, clamp_year
from geo.viewstate import MapExtent, parse_view

LAYERS = {"routes": "Supply routes", "places": "Places", "uncertainty": "Uncertainty circles",
          "events": "Events", "drones": "Drone strikes"}  # fmt: skip
DEFAULT_TITLE = "NATO–Pakistan Atlas"
DEFAULT_YEAR = 2011
DEFAULT_EXTENT = MapExtent(29.8, 68.6, 6)  # Karachi, both corridors, Kabul and Shamsi in view
MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]
_MAX_TEXT = 200


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class TimeWindow:
    """An inclusive span of days: a year, a month, a day, or any window between."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def of_year(cls, year: int) -> "TimeWindow":
        """Return the whole calendar year."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def of_month(cls, year: int, month: int) -> "TimeWindow":
        """Return one calendar month."""
        return cls(date(year, month, 1), _month_end(year, month))

    @classmethod
    def of_day(cls, day: date) -> "TimeWindow":
        """Return one day."""
        return cls(day, day)

    @property
    def granularity(self) -> str:
        """``"year"``, ``"month"``, ``"day"`` or ``"window"`` (any other span)."""
        s, e = self.start, self.end
        if s == e:
            return "day"
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return "year"
        if (
            s.day == 1
            and (s.year, s.month) == (e.year, e.month)
            and e == _month_end(e.year, e.month)
        ):
            return "month"
        return "window"

    @property
    def year(self) -> int:
        """The year the window starts in (what the year slider shows)."""
        return self.start.year

    @property
    def month(self) -> int | None:
        """The month of a one-month window, else ``None``."""
        return self.start.month if self.granularity == "month" else None

    @property
    def within_month(self) -> int | None:
        """The month that holds the whole window (a day, a month or less), else ``None``.

        >>> TimeWindow(date(2013, 12, 15), date(2013, 12, 15)).within_month
        12
        >>> TimeWindow(date(2013, 11, 20), date(2014, 1, 5)).within_month is None
        True
        """
        s, e = self.start, self.end
        return s.month if (s.year, s.month) == (e.year, e.month) else None

    def label(self) -> str:
        """Return the window as analysts write it.

        Examples
        --------
        >>> TimeWindow.of_year(2011).label(), TimeWindow.of_month(2012, 3).label()
        ('2011', 'Mar 2012')
        >>> TimeWindow(date(2012, 3, 15), date(2012, 3, 15)).label()
        '15 Mar 2012'
        >>> TimeWindow(date(2011, 11, 20), date(2012, 1, 5)).label()
        '20 Nov 2011 – 5 Jan 2012'
        """
        g = self.granularity
        if g == "year":
            return str(self.start.year)
        if g == "month":
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if g == "day":
            return format_day(self.start)
        same_year = self.start.year == self.end.year
        return f"{format_day(self.start, with_year=not same_year)} – {format_day(self.end)}"

    def contains_year(self, year: int) -> bool:
        """Whether any day of ``year`` lies in the window."""
        return self.start.year <= year <= self.end.year


@dataclass(frozen=True)
class View:
    """Everything that decides what the map, the sheet, the extracts and the notes show."""

    window: TimeWindow = field(default_factory=lambda: TimeWindow.of_year(DEFAULT_YEAR))
    mode: str = "year"  # "year": events in the window; "cumulative": everything up to its end
    layers: tuple[str, ...] = tuple(LAYERS)
    selected: str | None = None  # an event id
    place: str | None = None  # a place found by search, highlighted on the map
    extent: MapExtent | None = None  # None: the default framing
    overlays: tuple[str, ...] = ()  # names of the analyst overlays shown
    title: str = DEFAULT_TITLE
    banner: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; expected one of {sorted(MODES)}")
        unknown = [k for k in self.layers if k not in LAYERS]
        if unknown:
            raise ValueError(f"unknown layers {unknown}; expected some of {list(LAYERS)}")
        # One canonical order, so equal views are equal values and equal cache keys.
        object.__setattr__(self, "layers", tuple(k for k in LAYERS if k in self.layers))

    @property
    def year(self) -> int:
        """The year the window starts in."""
        return self.window.year

    def with_(self, **changes: Any) -> "View":
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    def content_key(self) -> tuple:
        """A plain, hashable key of what the view shows (its extent only frames it)."""
        w = self.window
        return (w.start.isoformat(), w.end.isoformat(), self.mode, self.layers, self.selected,
                self.place, self.overlays, self.title, self.banner)  # fmt: skip

    def time_label(self) -> str:
        """Return the window with the mode: ``"2011"`` or ``"up to 15 Mar 2012"``."""
        text = self.window.label()
        return text if self.mode == "year" else f"up to {text}"

    def mode_label(self) -> str:
        """Return the mode as analysts read it, for this window's unit.

        Examples
        --------
        >>> View().mode_label(), View(mode="cumulative").mode_label()
        ('events in year', 'everything up to year end')
        """
        unit = self.window.granularity
        if self.mode == "year":
            return {"day": "events on the day", "window": "events in window"}.get(
                unit, f"events in {unit}")  # fmt: skip
        return {"day": "everything up to the day", "window": "everything up to window end"}.get(
            unit, f"everything up to {unit} end")  # fmt: skip

    # -- URL codec ----------------------------------------------------------------------
    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> "View":
        """Read a view from URL query parameters; anything malformed falls back quietly.

        ``year=2011`` (the year slider), ``month=Mar`` with it, ``date=2012-03-15`` (one
        day) and ``from=2012-03-01&to=2012-04-15`` (a window) are all read; a day or a
        window wins over the year. ``mode`` and ``layers`` take the keys or the labels the
        sidebar's widgets write; ``event`` the selected event; ``view=lat,lon,zoom`` the
        extent.

        Examples
        --------
        >>> View.from_query({"date": "2012-03-15"}).window.label()
        '15 Mar 2012'
        >>> View.from_query({"year": "2012", "month": "Aug"}).window.label()
        'Aug 2012'
        >>> View.from_query({"year": "1990"}).year
        1994
        """
        window = _window_from(params)
        mode = _one(params, "mode")
        modes = {**OLD_MODE_LABELS, **{k: k for k in MODES}, **{v: k for k, v in MODES.items()}}
        layers_raw = _all(params, "layers")
        by_label = {**{k: k for k in LAYERS}, **{v: k for k, v in LAYERS.items()}}
        layers = tuple(by_label[x] for x in layers_raw if x in by_label)
        if "layers" not in params:
            layers = tuple(LAYERS)
        event = _one(params, "event")
        return cls(
            window=window,
            mode=modes.get(mode or "", "year"),
            layers=layers,
            selected=event if event and len(event) <= _MAX_TEXT else None,
            extent=parse_view(_one(params, "view")),
        )

    def to_query(self) -> list[tuple[str, str]]:
        """Return the URL's query parameters, in the form the sidebar's widgets read back.

        Examples
        --------
        >>> View(window=TimeWindow.of_month(2012, 3)).to_query()[:3]
        [('year', '2012'), ('month', 'Mar'), ('mode', 'events in the time shown')]
        """
        w = self.window
        params = [("year", str(w.year))]
        g = w.granularity
        if g == "month":
            params.append(("month", MONTHS[w.start.month - 1]))
        elif g == "day":
            params.append(("date", w.start.isoformat()))
        elif g == "window":
            params += [("from", w.start.isoformat()), ("to", w.end.isoformat())]
        params.append(("mode", MODES[self.mode]))
        params += [("layers", LAYERS[k]) for k in self.layers]
        if self.extent is not None:
            params.append(("view", self.extent.to_param()))
        if self.selected:
            params.append(("event", self.selected))
        return params


def _one(params: Mapping[str, Any], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value) if value is not None else None


def _all(params: Mapping[str, Any], key: str) -> list[str]:
    getter = getattr(params, "get_all", None)
    if callable(getter):
        return [str(v) for v in getter(key)]
    value = params.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def parse_day(value: object) -> date | None:
    """Parse ``YYYY-MM-DD`` inside the Atlas's years, else ``None``.

    Examples
    --------
    >>> parse_day("2012-03-15"), parse_day("2012-02-30"), parse_day("1980-01-01")
    (datetime.date(2012, 3, 15), None, None)
    """
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _window_from(params: Mapping[str, Any]) -> TimeWindow:
    lo, hi = parse_day(_one(params, "from")), parse_day(_one(params, "to"))
    if lo and hi:
        return TimeWindow(min(lo, hi), max(lo, hi))
    day = parse_day(_one(params, "date"))
    if day:
        return TimeWindow.of_day(day)
    year = clamp_year(_one(params, "year") or DEFAULT_YEAR)
    month = _one(params, "month")
    if month in MONTHS:
        return TimeWindow.of_month(year, MONTHS.index(month) + 1)
    return TimeWindow.of_year(year)


def renamed_query(query: str) -> str | None:
    """Return a URL query with a mode's old name (or its key) as the sidebar names it now.

    ``None`` when nothing needs renaming. URLs shared while the modes were named for years
    ("everything up to year") must open the same view; the sidebar's widget reads only
    today's names, so ``serve.py`` redirects such a URL before the page loads.

    Examples
    --------
    >>> renamed_query("year=2008&mode=everything+up+to+year&layers=Events")
    'year=2008&mode=everything+up+to+its+end&layers=Events'
    >>> renamed_query("year=2008&mode=everything+up+to+its+end") is None
    True
    """
    pairs = parse_qsl(query, keep_blank_values=True)
    names = {**MODES, **{old: MODES[k] for old, k in OLD_MODE_LABELS.items()}}
    if not any(k == "mode" and v in names and v not in MODES.values() for k, v in pairs):
        return None
    return urlencode([(k, names.get(v, v) if k == "mode" else v) for k, v in pairs])
