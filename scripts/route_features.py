"""Route and border-crossing features for data/*.geojson, from the curated route inputs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import route_geometry as rg
from data_curation import CURATION_DIR, Curation
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[1]
BORDER = ROOT / "data" / "basemap" / "afpak_border.geojson"
GEOD = Geod(ellps="WGS84")
Sources = Callable[[list[str], str, str | None], list[dict[str, Any]]]
Feature = Callable[[str, dict[str, Any] | None, dict[str, Any]], dict[str, Any]]
BuildError = rg.RouteError


def _r(x: float) -> float:
    return round(float(x), 5)


def _length_km(coords: list[list[float]]) -> float:
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return GEOD.line_length(lons, lats) / 1000.0


def _route_waypoints(spec: dict[str, Any], ways: dict[str, list[rg.Waypoint]]) -> list:
    """The route's waypoints: its ways in order, joined where one ends and the next starts."""
    out: list[rg.Waypoint] = []
    for item in spec["ways"]:
        name, _, stop = item.partition(":")
        if name not in ways:
            raise BuildError(f"{spec['id']}: unknown way {name}")
        wps = list(ways[name])
        if stop:
            i = next((i for i, w in enumerate(wps) if w.name.startswith(stop)), None)
            if i is None:
                raise BuildError(f"way {name}: no waypoint named {stop!r}")
            wps = wps[: i + 1]
            wps[-1] = rg.Waypoint(**{**wps[-1].__dict__, "next": ""})
        if out:
            if (out[-1].lat, out[-1].lon) != (wps[0].lat, wps[0].lon):
                raise BuildError(f"{spec['id']}: way {name} does not start where the last ended")
            wps[0] = rg.Waypoint(**{**wps[0].__dict__, "pin": wps[0].pin or out[-1].pin})
            out.pop()
        out.extend(wps)
    return out


def _geometry_note(line: rg.Line, stretches: list[dict[str, Any]], skipped: dict) -> str:
    total = stretches[-1]["to_km"]
    osm = sum(s["to_km"] - s["from_km"] for s in stretches if s["basis"] == "osm_reference")
    traced = [s for s in stretches if s["basis"] == "traced" and s["to_km"] - s["from_km"] >= 1]
    est = [w.name for w, _ in line.anchors if w.basis == "est"]
    note = (
        f"{osm:.0f} of {total:.0f} km ({100 * osm / total:.0f} %) follow the OpenStreetMap-"
        f"derived road reference (data/curation/roads/, ODbL), cut at the documented towns; "
        f"there the line is within the stated accuracy of that reference (measured every 1 km), "
        f"which is itself within about 1–2.5 km of the real road. The rest is traced "
        f"(geodesic legs between documented points, densified to {rg.TRACED_SEGMENT_KM:g} km) "
        f"where the reference has no line: "
        + "; ".join(
            f"km {s['from_km']:.0f}–{s['to_km']:.0f} ({s['region']}, ±{s['accuracy_km']:g} km)"
            for s in traced
        )
        + "."
    )
    if est:
        note += (
            f" Traced legs use {len(est)} vertices ESTIMATED from knowledge of the road "
            f"(not from a retrieved source): {'; '.join(est)}."
        )
    for name, why in skipped.items():
        note += f" Gazetteer waypoint '{name}' not used: {why}."
    return note


def build_routes(
    cur: Curation,
    gaz: dict[str, Any],
    places: dict[str, dict[str, Any]],
    _sources: Sources,
    _feature: Feature,
) -> list[dict[str, Any]]:
    """The route lines: the road reference cut at towns, traced legs where it has none."""
    spec_all = cur.routes
    base = CURATION_DIR
    ways = rg.read_waypoints(base / spec_all["waypoints"])
    nets = rg.read_reference(base / spec_all["reference"])
    ref_geoms = rg.reference_geoms(base / spec_all["reference"])
    faces = rg.region_faces(ROOT / "data" / "basemap")
    groutes = {r["id"]: r for r in gaz["routes"]}
    known = {"gazetteer", "geonames", "osm_roads_ref", "estimate"}
    for wps in ways.values():
        for w in wps:
            if w.source not in known and w.source not in cur.sources:
                raise BuildError(f"waypoint {w.way}/{w.name}: unknown source {w.source}")
            if w.next not in nets and w.next not in ("traced", ""):
                raise BuildError(f"waypoint {w.way}/{w.name}: unknown road {w.next}")
    features = []
    for spec in spec_all["routes"]:
        g = groutes[spec["gazetteer_id"]]
        wps = _route_waypoints(spec, ways)
        skipped = spec["skipped_waypoints"]
        used = {(w.lat, w.lon) for w in wps if w.basis == "wp"}
        for w in g["waypoints"]:
            if (w["lat"], w["lon"]) not in used and w["name"] not in skipped:
                raise BuildError(f"{spec['id']}: gazetteer waypoint {w['name']} not used")
        try:
            line = rg.build_line(wps, nets)
        except rg.RouteError as exc:
            raise BuildError(f"{spec['id']}: {exc}") from exc
        cross = places[spec["border_crossing_id"]]
        cpt = (_r(cross["lon"]), _r(cross["lat"]))
        if cpt not in line.coords:
            raise BuildError(f"{spec['id']}: the crossing is not a vertex")
        stretches = rg.stretches(line, line.coords.index(cpt), faces, ref_geoms)
        coords = [[x, y] for x, y in line.coords]
        description = g["notes"]
        if spec["end_place_id"] == "kandahar_airfield":
            description += (
                " Drawn to Kandahar Airfield (ISAF's southern hub), which Highway 4 passes "
                "before Kandahar city (17 km further NW, not drawn)."
            )
        distinct = spec["distinct_section"]
        vrange = None
        if distinct:
            idx = [v for w, v in line.anchors if w.way == distinct["way"]]
            vrange = [idx[0], idx[-1]]
            description += (
                f" Shares its other sections with a main route; the section that differs runs "
                f"{distinct['from']}–{distinct['to']} (see distinct_section)."
            )
        props = {
            "id": spec["id"],
            "name": spec["name"],
            "corridor": spec["corridor"],
            "variant": spec["variant"],
            "highways": spec["highways"],
            "evidence": spec["evidence"],
            "border_crossing_id": spec["border_crossing_id"],
            "start_place_id": spec["start_place_id"],
            "end_place_id": spec["end_place_id"],
            "accuracy_km": max(s["accuracy_km"] for s in stretches),
            "description": description,
            "geometry_note": _geometry_note(line, stretches, skipped),
            "sources": _sources(spec["sources"], spec["id"], g["source"]),
            "gazetteer_id": g["id"],
            "confirmed": bool(g["confirmed"]),
            "length_km": round(_length_km(coords), 1),
            "stretches": stretches,
            "anchors": [
                {"name": w.name, "basis": w.basis, "vertex_index": v} for w, v in line.anchors
            ],
            "skipped_waypoints": skipped,
            "distinct_section": (
                {"from": distinct["from"], "to": distinct["to"], "vertex_range": vrange}
                if distinct
                else None
            ),
        }
        features.append(_feature(spec["id"], {"type": "LineString", "coordinates": coords}, props))
    return features


def build_border_crossings(
    cur: Curation, places: dict[str, dict[str, Any]], _sources: Sources, _feature: Feature
) -> list[dict[str, Any]]:
    """The gate points at which geo/dossier.py corrects the Natural Earth boundary."""
    border = shape(json.loads(BORDER.read_text(encoding="utf-8"))["features"][0]["geometry"])
    features = []
    for c in cur.border_crossings:
        pid = c["place_id"]
        if pid not in places:
            raise BuildError(f"border crossing {pid}: unknown place")
        pl = places[pid]
        near = nearest_points(Point(pl["lon"], pl["lat"]), border)[1]
        offset = GEOD.inv(pl["lon"], pl["lat"], near.x, near.y)[2] / 1000.0
        if offset >= c["radius_km"]:
            raise BuildError(f"border crossing {pid}: the boundary is beyond radius_km")
        props = {"id": pid, "radius_km": float(c["radius_km"]),
                 "natural_earth_offset_km": round(offset, 2), "note": c["note"],
                 "sources": _sources(c["sources"], pid, None)}  # fmt: skip
        features.append(
            _feature(pid, {"type": "Point", "coordinates": [_r(pl["lon"]), _r(pl["lat"])]}, props)
        )
    return features
