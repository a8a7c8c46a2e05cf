"""The schema of the bundled data files, as checks that name the file, feature and field."""

import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from geo.errors import AtlasDataError

PLACE_KINDS = frozenset(
    {
        "border_crossing", "port", "air_base", "incident_site", "terminal", "headquarters",
        "conference_venue", "deployment", "city", "protest_camp", "mountain_pass",
    }
)  # fmt: skip
CATEGORIES = frozenset(
    {"cooperation", "diplomacy", "conflict", "supply_attack", "logistics", "protest", "context"}
)
CORRIDORS = frozenset({"torkham", "chaman"})
VARIANTS = frozenset({"main", "alternative"})
EVIDENCE = frozenset({"documented", "inferred"})
PRECISIONS = frozenset({"day", "month", "year"})
SUBJECT_TYPES = frozenset({"corridor", "place", "mission"})
CORRIDOR_STATUSES = frozenset({"inactive", "open", "closed", "blocked"})
REGIONS = frozenset(
    {"Sindh", "Balochistan", "Punjab", "Khyber Pakhtunkhwa", "Islamabad", "Afghanistan"}
)
STRETCH_BASES = frozenset({"osm_reference", "traced"})
STRETCH_KEYS = frozenset(
    {"from_km", "to_km", "region", "basis", "ref", "accuracy_km", "p95_km", "max_km"}
)
# Validated when present, not required: data built before issue 13 has neither.
OPTIONAL_FIELDS = frozenset({"stretches", "region"})
# Optional in periods only (issue 18.9): data built before it has neither; events require them.
OPTIONAL_PERIOD_FIELDS = frozenset({"disputed", "disputed_claims"})

_DATE_RE = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}
_ANY_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID_RE = re.compile(r"^[a-z0-9_]+$")

Check = Callable[[Any], bool]


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _opt_str(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _positive(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v > 0 and v == v


def _opt_positive(v: Any) -> bool:
    return v is None or _positive(v)


def _enum(values: frozenset[str]) -> Check:
    return lambda v: v in values


def _opt_enum(values: frozenset[str]) -> Check:
    return lambda v: v is None or v in values


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(_is_str(x) for x in v)


def _opt_date(v: Any) -> bool:
    return v is None or (isinstance(v, str) and bool(_ANY_DATE.match(v)))


def _date(v: Any) -> bool:
    return isinstance(v, str) and bool(_ANY_DATE.match(v))


def _source(v: Any) -> bool:
    return (
        isinstance(v, dict)
        and _is_str(v.get("title"))
        and _is_str(v.get("publisher"))
        and _opt_date(v.get("date"))
        and (v.get("url") is None or str(v.get("url")).startswith(("http://", "https://")))
    )


def _sources(v: Any) -> bool:
    return isinstance(v, list) and len(v) >= 1 and all(_source(s) for s in v)


def _range(v: Any) -> bool:
    if not isinstance(v, dict):
        return False
    nums = [v.get(k) for k in ("low", "best", "high")]
    if any(n is not None and (not isinstance(n, int) or n < 0) for n in nums):
        return False
    low, best, high = nums
    if low is None or high is None or low > high:
        return False
    return best is None or low <= best <= high


def _casualties(v: Any) -> bool:
    return v is None or (
        isinstance(v, dict)
        and set(v) <= {"killed", "wounded"}
        and all(_range(r) for r in v.values())
    )


def _claims(v: Any) -> bool:
    return isinstance(v, list) and all(
        isinstance(c, dict) and _is_str(c.get("claim")) and _source(c.get("source")) for c in v
    )


def _km(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 and v == v


def _stretch(s: Any) -> bool:
    if not isinstance(s, dict) or set(s) != STRETCH_KEYS:
        return False
    if not (_km(s["from_km"]) and _km(s["to_km"]) and s["from_km"] < s["to_km"]):
        return False
    if s["region"] not in REGIONS or s["basis"] not in STRETCH_BASES:
        return False
    if not _positive(s["accuracy_km"]):
        return False
    measured = s["p95_km"], s["max_km"]
    if s["basis"] == "traced":
        return s["ref"] is None and measured == (None, None)
    return (
        _is_str(s["ref"])
        and all(_km(m) for m in measured)
        and s["p95_km"] <= s["max_km"] <= s["accuracy_km"]
    )


def _stretches(v: Any) -> bool:
    """Stretches in order along the line from km 0, each starting where the last ended."""
    if not isinstance(v, list) or not v or not all(_stretch(s) for s in v):
        return False
    if v[0]["from_km"] != 0:
        return False
    return all(abs(a["to_km"] - b["from_km"]) < 1e-6 for a, b in itertools.pairwise(v))


PLACE_FIELDS: dict[str, Check] = {
    "id": lambda v: isinstance(v, str) and bool(_ID_RE.match(v)),
    "name": _is_str,
    "kind": _enum(PLACE_KINDS),
    "country": _is_str,
    "accuracy_km": _positive,
    "coord_confirmed": _is_bool,
    "identity_confirmed": _is_bool,
    "description": _is_str,
    "label_note": _opt_str,
    "from_seed": _is_bool,
    "sources": _sources,
}

ROUTE_FIELDS: dict[str, Check] = {
    "id": _is_str,
    "name": _is_str,
    "corridor": _enum(CORRIDORS),
    "variant": _enum(VARIANTS),
    "highways": _str_list,
    "evidence": _enum(EVIDENCE),
    "border_crossing_id": _is_str,
    "accuracy_km": _positive,
    "description": _is_str,
    "sources": _sources,
    "stretches": _stretches,
}

EVENT_FIELDS: dict[str, Check] = {
    "id": _is_str,
    "date": _date,
    "date_precision": _enum(PRECISIONS),
    "end_date": _opt_date,
    "category": _enum(CATEGORIES),
    "title": _is_str,
    "summary": _is_str,
    "place_id": _opt_str,
    "route_id": _opt_str,
    "actors": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "casualties": _casualties,
    "disputed": _opt_str,
    "disputed_claims": _claims,
    "from_seed": _is_bool,
    "accuracy_km": _opt_positive,
    "sources": _sources,
}

PERIOD_FIELDS: dict[str, Check] = {
    "id": _is_str,
    "subject_type": _enum(SUBJECT_TYPES),
    "subject": _is_str,
    "status": _is_str,
    "label": _is_str,
    "start": _date,
    "end": _opt_date,
    "region": _opt_enum(REGIONS),
    "disputed": _opt_str,
    "disputed_claims": _claims,
    "sources": _sources,
}

GEOMETRY_TYPES = {
    "places.geojson": {"Point"},
    "routes.geojson": {"LineString"},
    "events.geojson": {"Point", None},
    "periods.geojson": {None},
}


def check_properties(
    file: str, feature_id: str | None, props: dict[str, Any], fields: dict[str, Check]
) -> None:
    """Raise ``AtlasDataError`` naming the first field that is missing or invalid."""
    optional = OPTIONAL_FIELDS | (OPTIONAL_PERIOD_FIELDS if fields is PERIOD_FIELDS else set())
    for name, check in fields.items():
        if name not in props:
            if name in optional:
                continue
            raise AtlasDataError("required field is missing", file=file, feature_id=feature_id,
                                 field=name)  # fmt: skip
        value = props[name]
        if not check(value):
            raise AtlasDataError(
                f"invalid value {value!r}", file=file, feature_id=feature_id, field=name
            )


def check_date_precision(file: str, feature_id: str, date: str, precision: str) -> None:
    """Raise unless ``date`` is written at exactly its stated precision."""
    if not _DATE_RE[precision].match(date):
        raise AtlasDataError(
            f"date {date!r} does not match date_precision {precision!r}",
            file=file, feature_id=feature_id, field="date",
        )  # fmt: skip


def check_unique(file: str, ids: Iterable[str]) -> None:
    """Raise if any id appears twice."""
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise AtlasDataError("duplicate id", file=file, feature_id=i, field="id")
        seen.add(i)
