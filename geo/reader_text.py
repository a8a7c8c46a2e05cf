"""Analyst-facing text for dossiers: drop build notes from descriptions, say how a line is drawn."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Sentences that instruct the map builder or the curator, not the reader.
_BUILD_NOTE = re.compile(
    r"^(Snap to|Mark as|Render as|Do not render|Draw as|WARNING:|TODO|Gazetteer waypoint)|"
    r"ESTIMATED from knowledge|No registry package",
    re.IGNORECASE,
)
_INTERNAL_REF = re.compile(r"\s*\(see [a-z]+_[a-z0-9_]+\)")  # "(see distinct_section)"
EVIDENCE_WORDS = {
    "documented": "the sources name it as a NATO supply route",
    "inferred": "inferred from events along it (attacks, blockade camps); no source names it "
    "a designated NATO route",
}


def reader_text(text: object) -> str:
    """Return a description without the sentences meant for the builder or curator.

    Examples
    --------
    >>> reader_text("Official N-5 alignment. Snap to OSM N-5 geometry for drawing.")
    'Official N-5 alignment.'
    >>> reader_text("Shares a section (see distinct_section).")
    'Shares a section.'
    >>> reader_text(None)
    ''
    """
    if not isinstance(text, str):
        return ""
    sentences = re.split(r"(?<=[.!?])\s+", _INTERNAL_REF.sub("", text).strip())
    return " ".join(s for s in sentences if s and not _BUILD_NOTE.search(s))


def _km(v: float) -> str:
    return f"{v:,.0f}"


def _span(values: Sequence[float]) -> str:
    lo, hi = min(values), max(values)
    return f"±{lo:g} km" if lo == hi else f"±{lo:g}–{hi:g} km"


def drawing_basis(stretches: object) -> str:
    """Describe in plain words how much of a route follows mapped roads and where it is traced.

    Examples
    --------
    >>> drawing_basis([{"from_km": 0, "to_km": 80, "region": "Sindh", "basis": "osm_reference",
    ...                 "accuracy_km": 1.0},
    ...                {"from_km": 80, "to_km": 100, "region": "Punjab", "basis": "traced",
    ...                 "accuracy_km": 3.0}])  # doctest: +NORMALIZE_WHITESPACE
    '80 of 100 km (80 %) follow OpenStreetMap road lines (within ±1 km of them; those lines are
    within about 1–2.5 km of the real road). The rest is traced between documented towns,
    within ±3 km of the road: in Punjab.'
    >>> drawing_basis(None)
    ''
    """
    if not isinstance(stretches, list) or not stretches:
        return ""
    rows: list[Mapping[str, Any]] = [s for s in stretches if isinstance(s, Mapping)]
    total = sum(float(s["to_km"]) - float(s["from_km"]) for s in rows)
    on_ref = [s for s in rows if s.get("basis") == "osm_reference"]
    traced = [s for s in rows if s.get("basis") != "osm_reference"]
    ref_km = sum(float(s["to_km"]) - float(s["from_km"]) for s in on_ref)
    parts = []
    if on_ref and total > 0:
        fit = _span([float(s["accuracy_km"]) for s in on_ref])
        parts.append(f"{_km(ref_km)} of {_km(total)} km ({100 * ref_km / total:.0f} %) follow "
                     f"OpenStreetMap road lines (within {fit} of them; those lines are within "
                     "about 1–2.5 km of the real road).")  # fmt: skip
    if traced:
        regions: list[str] = []
        for s in traced:
            if s.get("region") and s["region"] not in regions:
                regions.append(str(s["region"]))
        names = (
            ", ".join(regions[:-1]) + " and " + regions[-1]
            if len(regions) > 1
            else "".join(regions)
        )
        where = f": in {names}" if regions else ""
        lead = "The rest is" if on_ref else "The line is"
        fit = _span([float(s["accuracy_km"]) for s in traced])
        parts.append(f"{lead} traced between documented towns, within {fit} of the road{where}.")
    return " ".join(parts)
