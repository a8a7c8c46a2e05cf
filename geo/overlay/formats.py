"""Recognise known event-file layouts (ACLED, UCDP GED, GDELT) and common column names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.overlay.model import ColumnMapping

CANDIDATES = {
    "lat": ("latitude", "lat", "y", "actiongeo_lat", "decimallatitude"),
    "lon": ("longitude", "lon", "lng", "long", "x", "actiongeo_long", "decimallongitude"),
    "date": ("event_date", "date", "sqldate", "date_start", "datetime", "timestamp"),
    "year": ("year",),
    "label": ("label", "name", "title", "location", "actiongeo_fullname", "where_coordinates"),
    "category": ("category", "event_type", "type", "type_of_violence", "eventrootcode"),
    "wkt": ("geom_wkt", "wkt", "the_geom", "wkt_geom", "geometry", "geom"),
}
ID_COLUMNS = ("event_id_cnty", "event_id", "globaleventid")
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "side_a", "side_b")
ADMIN_COLUMNS = ("admin1", "admin2", "admin3", "adm_1", "adm_2", "province", "district",
                 "country", "location", "city", "town", "village", "region", "place")  # fmt: skip
HXL_ROLES = {"#geo+lat": "lat", "#geo+lon": "lon", "#date": "date", "#date+year": "year",
             "#loc+name": "label", "#event+type": "category"}  # fmt: skip

CAMEO_ROOTS = dict(enumerate((
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
    "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid",
    "Yield", "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest",
    "Exhibit force posture", "Reduce relations", "Coerce", "Assault", "Fight",
    "Use unconventional mass violence",
), start=1))  # fmt: skip
UCDP_VIOLENCE = {1: "State-based conflict", 2: "Non-state conflict", 3: "One-sided violence"}

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip


def _gdelt(version: int) -> list[str]:
    geo = list(_GEO) if version == 1 else [*_GEO[:4], "ADM2Code", *_GEO[4:]]
    return [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        *(f"Actor1{a}" for a in _ACTOR), *(f"Actor2{a}" for a in _ACTOR),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
        *(f"{who}Geo_{g}" for who in ("Actor1", "Actor2", "Action") for g in geo),
        "DATEADDED", "SOURCEURL",
    ]  # fmt: skip


GDELT1_COLUMNS = _gdelt(1)  # 58 columns (57 in the 1979–2013 back files: no SOURCEURL)
GDELT2_COLUMNS = _gdelt(2)  # 61 columns
GDELT_BY_WIDTH = {57: GDELT1_COLUMNS[:57], 58: GDELT1_COLUMNS, 61: GDELT2_COLUMNS}


@dataclass(frozen=True)
class Layout:
    """A recognised file layout: its name, how numeric dates read by default, code names."""

    name: str
    prefer: str = "dmy"
    categories: dict[int, str] = field(default_factory=dict)


def _lower(columns: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for col in columns:
        out.setdefault(str(col).strip().lower(), col)
    return out


def pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    """The first column (case-insensitive, spaces ignored) among ``names``."""
    lowered = _lower(columns)
    return next((lowered[c] for c in names if c in lowered), None)


def recognise(columns: list[str]) -> Layout | None:
    """Name a known layout from its documented columns (``None`` for anything else).

    Examples
    --------
    >>> recognise(["EVENT_ID_CNTY", "EVENT_DATE", "LATITUDE", "LONGITUDE"]).name
    'ACLED (older upper-case columns)'
    >>> recognise(GDELT2_COLUMNS).name
    'GDELT 2.0 events'
    """
    names = set(_lower(columns))
    if {"event_id_cnty", "latitude", "longitude"} <= names:
        upper = any(c.strip().isupper() for c in columns if c.strip().lower() == "latitude")
        return Layout("ACLED (older upper-case columns)" if upper else "ACLED")
    if {"date_start", "type_of_violence"} <= names or {"where_coordinates", "best"} <= names:
        return Layout("UCDP GED", prefer="mdy", categories=UCDP_VIOLENCE)
    if {"globaleventid", "sqldate", "actiongeo_lat"} <= names:
        version = "2.0" if "actiongeo_adm2code" in names else "1.0"
        return Layout(f"GDELT {version} events", categories=CAMEO_ROOTS)
    return None


def detect_mapping(columns: list[str], tags: list[str] | None = None) -> ColumnMapping | None:
    """Recognise known export columns, common lat/lon/date spellings, or HXL hashtags.

    Parameters
    ----------
    columns
        Header names, in file order; matched case-insensitively, ignoring surrounding spaces.
    tags
        The HXL hashtag row under the header, if the file has one (same order).

    Returns
    -------
    ColumnMapping or None
        ``None`` when no coordinates (lat/lon or WKT) or no date/year column is recognised.

    Examples
    --------
    >>> detect_mapping(["Lat", "LNG", "Year"]).lon
    'LNG'
    >>> detect_mapping(["a", "b"]) is None
    True
    """
    roles = {role: pick(columns, names) for role, names in CANDIDATES.items()}
    for col, tag in zip(columns, tags or [], strict=False):
        role = HXL_ROLES.get(re.sub(r"\s+", "", str(tag)).lower())
        if role and not roles[role]:
            roles[role] = col
    has_xy = bool(roles["lat"] and roles["lon"])
    if not (has_xy or roles["wkt"]) or not (roles["date"] or roles["year"]):
        return None
    if has_xy:
        roles["wkt"] = None
    return ColumnMapping(**roles)


_NUMBER = re.compile(r"^[+-]?\d{1,3}[.,]\d+$")


def guess_mapping(columns: list[str], samples: dict[str, list[str]]) -> ColumnMapping:
    """A starting point for the mapping step, from the sample values of unnamed columns.

    The first two columns of decimal numbers become latitude (if within ±90) and
    longitude, or else the first column of WKT geometries gives the coordinates; the first
    column of date-like values becomes the date.
    """
    import pandas as pd

    from geo.overlay.dates import parse_dates
    from geo.overlay.wkt import looks_like_wkt

    decimals = [c for c in columns if samples.get(c) and all(map(_NUMBER.match, samples[c]))]
    lat = next(
        (c for c in decimals if all(abs(float(v.replace(",", "."))) <= 90 for v in samples[c])),
        None,
    )
    lon = next((c for c in decimals if c != lat), None)
    wkt = None
    if not (lat and lon):
        wkt = next((c for c in columns if samples.get(c) and all(map(looks_like_wkt, samples[c]))),
                   None)  # fmt: skip
    date = year = None
    for c in columns:
        values = samples.get(c) or []
        if not values or c in (lat, lon, wkt):
            continue
        parsed = parse_dates(pd.Series(values))
        if parsed.year.notna().all():
            if (parsed.precision == "year").all():
                year = year or c
            elif date is None:
                date = c
    if wkt:
        lat = lon = None
    return ColumnMapping(lat=lat, lon=lon, date=date, year=year, wkt=wkt)
