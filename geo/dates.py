"""Dates at their stated precision: parse to a span, and format for analysts."""

import calendar
from datetime import date

_MONTHS = [calendar.month_abbr[m] for m in range(13)]


def date_span(value: str, precision: str | None = None) -> tuple[date, date]:
    """Return the first and last day covered by an ISO date written at some precision.

    Parameters
    ----------
    value
        ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.
    precision
        Ignored if ``None``; the written form decides.

    Returns
    -------
    tuple of date
        ``(first_day, last_day)``, both inclusive.

    Examples
    --------
    >>> date_span("2008-12")
    (datetime.date(2008, 12, 1), datetime.date(2008, 12, 31))
    >>> date_span("2004")
    (datetime.date(2004, 1, 1), datetime.date(2004, 12, 31))
    """
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def format_date(value: str, precision: str) -> str:
    """Format a date at its precision: ``"26 Nov 2011"``, ``"Dec 2008"`` or ``"≈ 2004"``.

    Examples
    --------
    >>> format_date("2011-11-26", "day")
    '26 Nov 2011'
    >>> format_date("2004", "year")
    '≈ 2004'
    """
    first, _ = date_span(value)
    if precision == "day":
        return f"{first.day} {_MONTHS[first.month]} {first.year}"
    if precision == "month":
        return f"{_MONTHS[first.month]} {first.year}"
    return f"≈ {first.year}"


def format_day(day: date, *, with_year: bool = True) -> str:
    """Format one day: ``"26 Nov 2011"`` or, without the year, ``"26 Nov"``."""
    text = f"{day.day} {_MONTHS[day.month]}"
    return f"{text} {day.year}" if with_year else text


def format_event_dates(value: str, precision: str, end_date: str | None) -> str:
    """Format an event's date, with its end when it lasts: ``"26 Nov 2011 – 3 Jul 2012"``."""
    text = format_date(value, precision)
    if end_date:
        end = date_span(end_date)[1]
        text = f"{text} – {format_day(end)}"
    return text
