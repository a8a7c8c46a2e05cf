"""Role columns (``_lat _lon _date …``) for validation, and the fields an overlay keeps."""

from __future__ import annotations

import pandas as pd

from geo.overlay import formats
from geo.overlay.model import MAX_FIELDS_SHOWN, RESERVED, ColumnMapping


def with_roles(table: pd.DataFrame, mapping: ColumnMapping, *, coords: bool = True) -> pd.DataFrame:
    """Add ``_lat _lon _date _year _label _category`` columns for validation.

    A WKT column gives ``_lat``/``_lon`` in :func:`make_source` (``geo.overlay.wkt``).
    """
    empty = pd.Series("", index=table.index, dtype=object)

    def col(name: str | None) -> pd.Series:
        if not name or name not in table:
            return empty
        return table[name] if table[name].dtype == float else table[name].astype(object)

    roles = {"_date": col(mapping.date), "_year": col(mapping.year),
             "_label": col(mapping.label), "_category": col(mapping.category)}  # fmt: skip
    if coords and mapping.lat and mapping.lon:
        roles |= {"_lat": col(mapping.lat), "_lon": col(mapping.lon)}
    return table.assign(**roles)


def shown_fields(
    keys: list[str], mapping: ColumnMapping, csv_layout: bool
) -> list[tuple[str, str]]:
    """(source column, name in events) for the first fields worth showing, plus actors."""
    skip = {mapping.lat, mapping.lon, mapping.wkt} if csv_layout else set()
    roles = {"date": mapping.date, "year": mapping.year, "label": mapping.label,
             "category": mapping.category, "lat": mapping.lat, "lon": mapping.lon}  # fmt: skip
    out = []
    for key in keys:
        if key in skip:
            continue
        actor = key.strip().lower() in formats.ACTOR_COLUMNS
        if len(out) >= MAX_FIELDS_SHOWN and not actor:
            continue
        if key in RESERVED:
            if roles.get(key) != key:
                out.append((key, f"{key} (field)"))
        else:
            out.append((key, key))
    return out
