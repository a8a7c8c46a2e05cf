"""Plain-text figures: casualty ranges (the scene writes the summary line)."""

from typing import Any


def format_range(r: dict[str, Any], noun: str) -> str:
    """Format a low/best/high range: ``"24 killed (reports range 24–28)"``.

    Examples
    --------
    >>> format_range({"low": 24, "best": 24, "high": 28}, "killed")
    '24 killed (reports range 24–28)'
    >>> format_range({"low": 12, "best": None, "high": 13}, "wounded")
    '12–13 wounded'
    """
    low, best, high = r.get("low"), r.get("best"), r.get("high")
    if best is not None and low == high == best:
        return f"{best:,} {noun}"
    if best is not None:
        return f"{best:,} {noun} (reports range {low:,}–{high:,})"
    return f"{low:,}–{high:,} {noun}"


def format_casualties(casualties: dict[str, Any] | None) -> str:
    """Format an event's casualty ranges, or return ``""`` when none apply."""
    if not casualties:
        return ""
    parts = [format_range(casualties[k], k) for k in ("killed", "wounded") if k in casualties]
    return " · ".join(parts)
