"""Build the Atlas data files (data/*.geojson) from the research gazetteer.

Usage (from the repository root)::

    .venv/bin/python scripts/build_data.py [GAZETTEER_JSON] [--out data]

GAZETTEER_JSON defaults to ``../shared/research/gazetteer.json`` relative to the repository
root.  The hand-curated complement (structured sources, categories, actors, casualties,
disputes, route vertices, periods) lives in ``scripts/data_curation.py``.

Outputs (RFC 7946 FeatureCollections, EPSG:4326, [lon, lat], coordinates rounded to 5
decimals, stable order): places.geojson, routes.geojson, events.geojson, periods.geojson.

The build refuses to write anything if a URL cited by the gazetteer is missing from the
structured sources of that record, or if a structured source carries a URL that does not
appear verbatim in the gazetteer (no invented URLs).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from pyproj import Geod

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data_curation as cur

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GAZETTEER = ROOT.parent / "shared" / "research" / "gazetteer.json"
DATASET_VERSION = "1.0.0"
DATA_AS_OF = "2026-11-29"
MAX_SEGMENT_KM = 10.0
GEOD = Geod(ellps="WGS84")
URL_RE = re.compile(r"https?://\S+")


class BuildError(RuntimeError):
    """Raised when the curated tables and the gazetteer disagree."""


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def _urls(text: str) -> list[str]:
    """URLs cited in a gazetteer free-text source string (truncated '…' URLs skipped)."""
    out = []
    for url in URL_RE.findall(text or ""):
        url = url.rstrip(".,;")
        while url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1].rstrip(".,;")
        if "…" not in url:
            out.append(url)
    return out


def _source(key: str) -> dict[str, Any]:
    if key not in cur.SOURCES:
        raise BuildError(f"unknown source key {key!r}")
    return dict(cur.SOURCES[key])


def _sources(keys: list[str], record_id: str, cited_text: str | None) -> list[dict[str, Any]]:
    if not keys:
        raise BuildError(f"{record_id}: no sources")
    srcs = [_source(k) for k in keys]
    have = {s["url"] for s in srcs if s["url"]}
    for url in _urls(cited_text or ""):
        if url not in have:
            raise BuildError(f"{record_id}: gazetteer cites {url} but no structured source has it")
    return srcs


def _check_no_invented_urls(gazetteer_text: str) -> None:
    for key, src in cur.SOURCES.items():
        url = src["url"]
        if url is not None and url not in gazetteer_text:
            raise BuildError(f"source {key}: URL {url} does not appear in the gazetteer")


def _r(x: float) -> float:
    return round(float(x), 5)


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [_r(lon), _r(lat)]}


def _collection(name: str, features: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "metadata": {
            "dataset": "nato-pakistan-atlas",
            "dataset_version": DATASET_VERSION,
            "data_as_of": DATA_AS_OF,
            "file": name,
            "licence": "CC BY 4.0 (NATO–Pakistan Atlas); see data/README.md for source licences",
            "generator": "scripts/build_data.py",
        },
        "features": features,
    }


def _feature(fid: str, geometry: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


# ---------------------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------------------
def build_places(gaz: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    features: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    for p in gaz["places"]:
        pid = p["id"]
        if p["kind"] not in cur.KIND_MAP:
            raise BuildError(f"{pid}: unmapped kind {p['kind']!r}")
        extra = cur.PLACE_EXTRA.get(pid, {})
        description = extra.get("description") or p.get("notes") or ""
        if not description:
            raise BuildError(f"{pid}: no description")
        label_note = extra.get("label_note")
        if label_note is None and not p["coord_confirmed"]:
            label_note = "approximate"
        props = {
            "id": pid,
            "name": p["name"],
            "kind": cur.KIND_MAP[p["kind"]],
            "country": p["country"],
            "accuracy_km": float(p["accuracy_km"]),
            "coord_confirmed": bool(p["coord_confirmed"]),
            "identity_confirmed": bool(p["identity_confirmed"]),
            "description": description,
            "label_note": label_note,
            "from_seed": bool(p["seed_mention"]),
            "sources": _sources(cur.PLACE_SOURCES.get(pid, []), pid, p["source"]),
            "coord_basis": p.get("precision"),
            "origin": "gazetteer",
        }
        features.append(_feature(pid, _point(p["lon"], p["lat"]), props))
        index[pid] = {"lat": p["lat"], "lon": p["lon"], "accuracy_km": float(p["accuracy_km"])}
    for p in cur.NEW_PLACES:
        pid = p["id"]
        if pid in index:
            raise BuildError(f"added place {pid} duplicates a gazetteer id")
        props = {
            "id": pid,
            "name": p["name"],
            "kind": p["kind"],
            "country": p["country"],
            "accuracy_km": float(p["accuracy_km"]),
            "coord_confirmed": p["coord_confirmed"],
            "identity_confirmed": p["identity_confirmed"],
            "description": p["description"],
            "label_note": p["label_note"],
            "from_seed": p["from_seed"],
            "sources": _sources(p["sources"], pid, None),
            "coord_basis": "GeoNames centroid (cities1000)",
            "origin": "added",
        }
        features.append(_feature(pid, _point(p["lon"], p["lat"]), props))
        index[pid] = {"lat": p["lat"], "lon": p["lon"], "accuracy_km": float(p["accuracy_km"])}
    return features, index


# ---------------------------------------------------------------------------------------
# routes
# ---------------------------------------------------------------------------------------
def _segment(spec: str) -> list[cur.Vertex]:
    name, _, stop = spec.partition(":")
    verts = list(cur.ROUTE_SEGMENTS[name])
    if stop:
        for i, v in enumerate(verts):
            if v[2].startswith(stop):
                return verts[: i + 1]
        raise BuildError(f"segment {name}: no vertex labelled {stop!r}")
    return verts


def _densify(verts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Insert geodesic intermediate points so no segment exceeds MAX_SEGMENT_KM."""
    out = [verts[0]]
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(verts):
        _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
        n = max(0, math.ceil(dist / 1000.0 / MAX_SEGMENT_KM) - 1)
        if n:
            for lon, lat in GEOD.npts(lon1, lat1, lon2, lat2, n):
                out.append((lat, lon))
        out.append((lat2, lon2))
    return out


def _length_km(coords: list[list[float]]) -> float:
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return GEOD.line_length(lons, lats) / 1000.0


def build_routes(gaz: dict[str, Any]) -> list[dict[str, Any]]:
    groutes = {r["id"]: r for r in gaz["routes"]}
    features = []
    for spec in cur.ROUTES:
        g = groutes[spec["gazetteer_id"]]
        anchors: list[cur.Vertex] = []
        distinct: tuple[int, int] | None = None
        for seg in spec["segments"]:
            verts = _segment(seg)
            start_idx = len(anchors) - 1 if anchors else 0
            if anchors and (anchors[-1][0], anchors[-1][1]) == (verts[0][0], verts[0][1]):
                verts = verts[1:]
            anchors.extend(verts)
            if spec["distinct_from"] and seg.split(":")[0] == spec["distinct_from"][0]:
                distinct = (start_idx, len(anchors) - 1)
        # every gazetteer waypoint must be an anchor, in order, with exact coordinates
        wp_anchor = [(v[0], v[1]) for v in anchors if v[3] == "wp"]
        skipped: dict[str, str] = spec.get("skipped_waypoints", {})
        for w in g["waypoints"]:
            if (w["lat"], w["lon"]) not in wp_anchor and w["name"] not in skipped:
                raise BuildError(f"{spec['id']}: gazetteer waypoint {w['name']} not used")
        # densify, keeping track of the anchors' positions
        coords: list[list[float]] = []
        anchor_pos: list[int] = []
        for i, v in enumerate(anchors):
            if i == 0:
                coords.append([_r(v[1]), _r(v[0])])
                anchor_pos.append(0)
                continue
            prev = anchors[i - 1]
            pts = _densify([(prev[0], prev[1]), (v[0], v[1])])[1:]
            coords.extend([_r(lon), _r(lat)] for lat, lon in pts)
            anchor_pos.append(len(coords) - 1)
        n_wp = sum(1 for v in anchors if v[3] == "wp")
        n_gn = sum(1 for v in anchors if v[3] == "gn")
        est = [v[2] for v in anchors if v[3] == "est"]
        length = _length_km(coords)
        geometry_note = (
            f"Densified town-to-town trace, NOT snapped to a road dataset. {len(anchors)} "
            f"anchor vertices: {n_wp} gazetteer waypoints (coordinates copied exactly), {n_gn} "
            f"GeoNames town centroids on the road (spot-checked), and {len(est)} vertices "
            f"ESTIMATED from knowledge of the road alignment (not from a retrieved source): "
            f"{'; '.join(est)}. Legs were then densified along the WGS84 geodesic "
            f"(pyproj.Geod.npts) so that no segment exceeds {MAX_SEGMENT_KM:g} km; densified "
            f"points add no information about the road. Expected offset from the real road: "
            f"typically 1–4 km, up to about {spec['accuracy_km']:g} km where the road winds "
            f"between anchors (mountain passes, city bypasses). No registry package carrying "
            f"Natural Earth roads (ne_10m_roads) was found, so no snapping was done."
        )
        for name, why in skipped.items():
            geometry_note += f" Gazetteer waypoint '{name}' not used as a vertex: {why}."
        description = g["notes"]
        if spec["end_place_id"] == "kandahar_airfield":
            description += (
                " Drawn to Kandahar Airfield (ISAF's southern hub), which Highway 4 passes "
                "before Kandahar city (17 km further NW, not drawn)."
            )
        if distinct:
            description += (
                f" Shares its other sections with a main route; the section that differs runs "
                f"{spec['distinct_from'][1]}–{spec['distinct_from'][2]} (see distinct_section)."
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
            "accuracy_km": float(spec["accuracy_km"]),
            "description": description,
            "geometry_note": geometry_note,
            "sources": _sources(cur.ROUTE_SOURCES[spec["id"]], spec["id"], g["source"]),
            "gazetteer_id": g["id"],
            "confirmed": bool(g["confirmed"]),
            "length_km": round(length, 1),
            "anchors": [
                {"name": v[2], "basis": v[3], "vertex_index": anchor_pos[i]}
                for i, v in enumerate(anchors)
            ],
            "distinct_section": (
                {
                    "from": spec["distinct_from"][1],
                    "to": spec["distinct_from"][2],
                    "vertex_range": [anchor_pos[distinct[0]], anchor_pos[distinct[1]]],
                }
                if distinct
                else None
            ),
        }
        geom = {"type": "LineString", "coordinates": coords}
        features.append(_feature(spec["id"], geom, props))
    return features


# ---------------------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------------------
def _claims(claims: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [{"claim": c["claim"], "source": _source(c["source"])} for c in claims]


def build_events(
    gaz: dict[str, Any], places: dict[str, dict[str, Any]], route_ids: set[str]
) -> list[dict[str, Any]]:
    features = []
    for e in gaz["events"]:
        eid = e["id"]
        extra = cur.EVENT_EXTRA.get(eid)
        if extra is None:
            raise BuildError(f"{eid}: no curated extra")
        place_id = extra["place_id"] if "place_id" in extra else e["place_id"]
        if place_id is not None and place_id not in places:
            raise BuildError(f"{eid}: unknown place {place_id}")
        if place_id is not None:
            pl = places[place_id]
            geometry = _point(pl["lon"], pl["lat"])
            acc = extra.get("accuracy_km", e["accuracy_km"] or pl["accuracy_km"])
        elif e["lat"] is not None:
            geometry = _point(e["lon"], e["lat"])
            acc = extra.get("accuracy_km", e["accuracy_km"])
        else:
            geometry, acc = None, None
        route_id = cur.EVENT_ROUTES.get(eid)
        if route_id is not None and route_id not in route_ids:
            raise BuildError(f"{eid}: unknown route {route_id}")
        date_note = e["date_note"]
        if extra.get("date_note_extra"):
            date_note = (
                f"{date_note} {extra['date_note_extra']}" if date_note else extra["date_note_extra"]
            )
        props = {
            "id": eid,
            "date": e["date"],
            "date_precision": e["precision"],
            "end_date": e["end_date"],
            "category": extra["category"],
            "title": e["name"],
            "summary": e["description"],
            "place_id": place_id,
            "route_id": route_id,
            "actors": extra["actors"],
            "casualties": extra.get("casualties"),
            "disputed": extra.get("disputed", e["discrepancy"]),
            "disputed_claims": _claims(extra.get("disputed_claims", [])),
            "seed_claim": extra.get("seed_claim", e["seed_claim"]),
            "from_seed": bool(e["in_seed"]),
            "confirmed": bool(e["confirmed"]),
            "date_note": date_note,
            "accuracy_km": float(acc) if acc is not None else None,
            "sources": _sources(cur.EVENT_SOURCES.get(eid, []), eid, e["source"]),
            "place_note": extra.get("place_note"),
            "casualties_note": extra.get("casualties_note"),
            "vehicles_destroyed": extra.get("vehicles_destroyed"),
            "attackers": extra.get("attackers"),
            "losses_note": extra.get("losses_note"),
        }
        features.append(_feature(eid, geometry, props))
    return features


# ---------------------------------------------------------------------------------------
# periods
# ---------------------------------------------------------------------------------------
def build_periods(event_ids: set[str]) -> list[dict[str, Any]]:
    features = []
    for p in cur.PERIODS:
        for ev in p["event_ids"]:
            if ev not in event_ids:
                raise BuildError(f"period {p['id']}: unknown event {ev}")
        props = {k: v for k, v in p.items() if k != "sources"}
        props["sources"] = _sources(p["sources"], p["id"], None)
        features.append(_feature(p["id"], None, props))
    return features


# ---------------------------------------------------------------------------------------
def _write(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes, {len(data['features'])} features)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gazetteer", nargs="?", default=str(DEFAULT_GAZETTEER))
    parser.add_argument("--out", default=str(ROOT / "data"))
    args = parser.parse_args(argv)
    gaz_path = Path(args.gazetteer)
    raw = gaz_path.read_text(encoding="utf-8")
    gaz = json.loads(raw)
    _check_no_invented_urls(raw)

    place_features, place_index = build_places(gaz)
    route_features = build_routes(gaz)
    route_ids = {f["id"] for f in route_features}
    event_features = build_events(gaz, place_index, route_ids)
    period_features = build_periods({f["id"] for f in event_features})

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "places.geojson", _collection("places.geojson", place_features))
    _write(out / "routes.geojson", _collection("routes.geojson", route_features))
    _write(out / "events.geojson", _collection("events.geojson", event_features))
    _write(out / "periods.geojson", _collection("periods.geojson", period_features))
    for f in route_features:
        p = f["properties"]
        print(f"  {p['id']}: {p['length_km']} km, {len(f['geometry']['coordinates'])} vertices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
