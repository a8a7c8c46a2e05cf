"""Data extracts of what a view shows, as GeoJSON (RFC 7946) and formula-safe CSV."""

import csv
import io
import json
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
from shapely.geometry import mapping

from geo.io import Dataset
from geo.scene import Scene
from geo.scene_text import citation
from geo.summary import format_casualties
from geo.text import neutralise_cell

_OVERLAY_ROLES = ("lat", "lon", "year", "date", "label", "category")
CSV_COLUMNS = ["layer", "id", "name", "date", "type", "status", "lat", "lon", "description",
               "details", "sources"]  # fmt: skip


def _clean(value: Any) -> Any:
    """Turn numpy/pandas values into JSON-ready Python values (NaN and NaT become None)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _sources(items: Any) -> list[dict[str, Any]]:
    return [{k: s.get(k) for k in ("title", "publisher", "date", "url")} for s in items or []]


def extract_features(scene: Scene) -> list[dict[str, Any]]:
    """Return the scene's features as GeoJSON Feature dicts: events, places, routes, overlays.

    Route stretches carry their status in the window (and the region where a period is
    regional); events and places carry their ``sources``. Hidden layers are left out.
    Unlocated events keep a ``null`` geometry.
    """
    feats: list[dict[str, Any]] = []
    when = scene.view.window.label()
    for ev in scene.drawn_events:
        e = ev.record
        props = {
            "layer": "event", "id": e.id, "name": e.title, "date": ev.when,
            "type": e.category, "status": None, "description": e.summary,
            "details": format_casualties(e.casualties) or None,
            "sources": _sources(e.sources),
        }  # fmt: skip
        feats.append(_feature(e.geometry, props))
    for pm in scene.places:
        p = pm.record
        props = {"layer": "place", "id": p.id, "name": p.name, "date": None, "type": p.kind,
                 "status": None, "description": p.description,
                 "details": f"location accurate to {p.accuracy_km:g} km",
                 "sources": _sources(p.sources)}  # fmt: skip
        feats.append(_feature(p.geometry, props))
    for piece in scene.routes:
        r, st = piece.record, piece.status
        region = f", {piece.region}" if piece.region else ""
        props = {"layer": "route", "id": r.id, "name": r.name, "date": when,
                 "type": f"{r.corridor} corridor, {r.variant}{region}", "status": st.status,
                 "description": r.description, "details": st.note,
                 "sources": _sources(r.sources)}  # fmt: skip
        feats.append({"type": "Feature", "properties": _props(props),
                      "geometry": {"type": "LineString",
                                   "coordinates": [list(c) for c in piece.coords]}})  # fmt: skip
    for d in scene.drones:
        from geo.drones import compare_text

        props = {"layer": "drone_strikes", "id": d.id, "name": d.name, "date": d.years,
                 "type": "US drone strikes by agency (aggregated counts)", "status": None,
                 "description": f"Representative point: {d.label}",
                 "details": compare_text(d.counts), "sources": _drone_sources(scene)}  # fmt: skip
        feats.append({"type": "Feature", "properties": _props(props),
                      "geometry": {"type": "Point", "coordinates": [d.lon, d.lat]}})  # fmt: skip
    for o in scene.overlays:
        feats += _overlay_features(o.name, o.rows)
    return feats


def _drone_sources(scene: Scene) -> list[dict[str, Any]]:
    return [{"title": "Counterterrorism Wars: Pakistan (drone strikes)", "publisher": "New America",
             "date": None, "url": None},
            {"title": "Drone strikes in Pakistan", "publisher":
             "The Bureau of Investigative Journalism", "date": None, "url": None}]  # fmt: skip


def _overlay_features(name: str, rows: pd.DataFrame) -> list[dict[str, Any]]:
    extra = [c for c in rows.columns if c not in _OVERLAY_ROLES and not str(c).startswith("_")]
    out = []
    for i, row in enumerate(rows.to_dict("records")):
        details = "; ".join(f"{k}={_clean(row[k])}" for k in extra if _clean(row[k]) is not None)
        props = {
            "layer": "overlay", "id": f"{name}#{i + 1}", "name": _clean(row.get("label")),
            "date": _clean(row.get("date")) or _clean(row.get("year")),
            "type": _clean(row.get("category")), "status": None,
            "description": f"from your overlay {name}", "details": details or None,
            "sources": [{"title": name, "publisher": "analyst upload", "date": None,
                         "url": None}],
        }  # fmt: skip
        geom = {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    return out


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _clean(v) if not isinstance(v, list) else v for k, v in props.items()}


def _feature(geometry: Any, props: dict[str, Any]) -> dict[str, Any]:
    geom = None if geometry is None or geometry.is_empty else mapping(geometry)
    return {"type": "Feature", "geometry": geom, "properties": _props(props)}


def to_geojson(
    features: list[dict[str, Any]], *, metadata: Mapping[str, Any] | None = None
) -> bytes:
    """Return an RFC 7946 FeatureCollection (WGS84 lon/lat) with a ``metadata`` member."""
    doc = {"type": "FeatureCollection", "metadata": dict(metadata or {}), "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def _flatten_sources(sources: list[dict[str, Any]]) -> str:
    parts = []
    for i, s in enumerate(sources, start=1):
        url = f" <{s['url']}>" if s.get("url") else ""
        parts.append(f"[{i}] {citation(s)}{url}")
    return " | ".join(parts)


def to_csv(features: list[dict[str, Any]]) -> bytes:
    """Return one CSV row per feature, sources flattened, every text cell formula-neutralised.

    UTF-8 with a byte-order mark (so Excel reads the accents), RFC 4180 quoting and CRLF.
    A text cell that starts with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe; numbers (coordinates) stay numbers.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in features:
        p = f["properties"]
        lat = lon = None
        if f["geometry"] and f["geometry"]["type"] == "Point":
            lon, lat = f["geometry"]["coordinates"][:2]
        row = {**p, "lat": lat, "lon": lon, "sources": _flatten_sources(p.get("sources") or [])}
        writer.writerow([neutralise_cell("" if row.get(c) is None else row[c])
                         for c in CSV_COLUMNS])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def extract_metadata(ds: Dataset, scene: Scene, reopen_url: str = "") -> dict[str, Any]:
    """Return the extract's provenance: dataset version, data date, view and its URL."""
    meta = ds.metadata or {}
    w = scene.view.window
    return {
        "dataset": meta.get("dataset"),
        "dataset_version": meta.get("dataset_version"),
        "data_as_of": meta.get("data_as_of"),
        "licence": meta.get("licence"),
        "year": w.year,
        "window": {"start": w.start.isoformat(), "end": w.end.isoformat(), "label": w.label()},
        "mode": scene.view.mode_label(),
        "reopen_url": reopen_url or None,
    }
