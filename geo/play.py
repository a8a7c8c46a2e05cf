"""Step a play-through of the years: advance, loop or stop at the last year."""

from geo.timeline import FIRST_YEAR, LAST_YEAR

SPEEDS = {"slow": 2.5, "normal": 1.5, "fast": 0.8}  # seconds per year


def play_step(year: int, *, loop: bool) -> tuple[int, bool]:
    """Return the next year and whether play goes on.

    Examples
    --------
    >>> play_step(2010, loop=False), play_step(2015, loop=False), play_step(2015, loop=True)
    ((2011, True), (2015, False), (1994, True))
    """
    if year < LAST_YEAR:
        return year + 1, True
    if loop:
        return FIRST_YEAR, True
    return LAST_YEAR, False


def play_start(year: int) -> int:
    """Return the year play starts from: the current one, or the first after the end.

    Examples
    --------
    >>> play_start(2011), play_start(2015)
    (2011, 1994)
    """
    return FIRST_YEAR if year >= LAST_YEAR else year
