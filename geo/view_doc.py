"""Saved views as versioned JSON documents, so a view saved today still opens tomorrow.

Version 1 is the Atlas before time windows (a year and the map's ``view`` string);
version 2 holds the whole ``View``. ``view_from_doc`` reads both.
"""

import math
from datetime import date
from typing import Any

from geo.errors import ViewDocError
from geo.timeline import FIRST_YEAR, LAST_YEAR
from geo.view import DEFAULT_TITLE, LAYERS, TimeWindow, View
from geo.viewstate import parse_view

DOC_KIND = "nato-pakistan-atlas/view"
DOC_VERSION = 2
_MAX_TEXT = 200


def view_to_doc(view: View) -> dict[str, Any]:
    """Return a saved view's JSON document (the current version).

    Examples
    --------
    >>> view_to_doc(View())["version"]
    2
    """
    e = view.extent
    return {
        "kind": DOC_KIND,
        "version": DOC_VERSION,
        "view": {
            "window": {"start": view.window.start.isoformat(), "end": view.window.end.isoformat()},
            "mode": view.mode,
            "layers": list(view.layers),
            "selected": view.selected,
            "place": view.place,
            "extent": None if e is None else {"lat": e.lat, "lon": e.lon, "zoom": e.zoom},
            "overlays": list(view.overlays),
            "title": view.title,
            "banner": view.banner,
        },
    }


def view_from_doc(doc: object) -> View:
    """Return the view a saved document describes, from any version of the format.

    Version 1 (the Atlas before time windows) kept a ``year`` and the map's ``view``
    string; it opens as that whole year. Raises ``ViewDocError`` with what is wrong.

    Examples
    --------
    >>> view_from_doc({"kind": DOC_KIND, "version": 1, "year": 2008, "mode": "year"}).year
    2008
    """
    if not isinstance(doc, dict) or doc.get("kind") != DOC_KIND:
        raise ViewDocError("not an Atlas saved view")
    version = doc.get("version")
    try:
        if version == 1:
            return _from_v1(doc)
        if version == DOC_VERSION:
            return _from_v2(doc.get("view"))
    except (KeyError, TypeError, ValueError) as exc:
        raise ViewDocError(f"version {version} document is malformed: {exc}") from None
    raise ViewDocError(f"unknown saved-view version {version!r} (this Atlas reads 1 and 2)")


def _text(value: object, default: str = "") -> str:
    return str(value)[:_MAX_TEXT] if isinstance(value, str) else default


def _from_v1(doc: dict[str, Any]) -> View:
    year = int(doc["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return View(
        window=TimeWindow.of_year(year),
        mode=doc.get("mode") or "year",
        layers=tuple(doc.get("layers") or LAYERS),
        selected=doc.get("event") or None,
        extent=parse_view(doc.get("view")),
        overlays=tuple(str(o) for o in doc.get("overlays") or ()),
        title=_text(doc.get("title"), DEFAULT_TITLE),
        banner=_text(doc.get("banner")),
    )


def _from_v2(body: object) -> View:
    if not isinstance(body, dict):
        raise TypeError("'view' is not an object")
    w = body["window"]
    start, end = date.fromisoformat(w["start"]), date.fromisoformat(w["end"])
    e = body.get("extent")
    extent = None
    if isinstance(e, dict):
        lat, lon = float(e["lat"]), float(e["lon"])
        if math.isfinite(lat) and math.isfinite(lon):
            extent = parse_view(f"{lat},{lon},{int(e['zoom'])}")
    return View(
        window=TimeWindow(start, end),
        mode=body.get("mode") or "year",
        layers=tuple(body.get("layers") or ()),
        selected=body.get("selected") or None,
        place=body.get("place") or None,
        extent=extent,
        overlays=tuple(str(o) for o in body.get("overlays") or ()),
        title=_text(body.get("title"), DEFAULT_TITLE),
        banner=_text(body.get("banner")),
    )
