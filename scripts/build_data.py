"""Build the Atlas data files (data/*.geojson) from the gazetteer and data/curation/.

Usage (from the repository root)::

    .venv/bin/python scripts/build_data.py [GAZETTEER_JSON] [--out data] [--check]

GAZETTEER_JSON defaults to ``data/curation/gazetteer.json`` (a verbatim copy of
``shared/research/gazetteer.json``). Every hand-curated fact (sources, places, events,
periods, routes, route waypoints, the road reference, border corrections) is a data file in
``data/curation/``, validated by ``scripts/data_curation.py`` against the JSON Schemas in
``data/curation/schema/``. ``--check`` writes nothing and exits 1 if a file would change.

Outputs (RFC 7946 FeatureCollections, EPSG:4326, [lon, lat], coordinates rounded to 5
decimals, stable order): places, routes, events, periods, border_crossings (and the layers
other modules add, e.g. drone_strikes).

The build refuses to write anything if a URL cited by the gazetteer is missing from the
structured sources of that record, or if a structured source carries a URL that does not
appear verbatim in its file's ``url_evidence`` (no invented URLs).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import drone_layer
import route_features
import route_geometry as rg
from data_curation import Curation, CurationError, load

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GAZETTEER = ROOT / "data" / "curation" / "gazetteer.json"
DATASET_VERSION = "1.0.0"
DATA_AS_OF = "2026-11-29"
URL_RE = re.compile(r"https?://\S+")


LICENCE = "CC BY 4.0 (NATO–Pakistan Atlas); see data/README.md for source licences"
LICENCES = {
    "routes.geojson": "ODbL 1.0: the route lines are derived from OpenStreetMap data "
    "(© OpenStreetMap contributors, openstreetmap.org/copyright); see data/README.md",
}


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


CUR = Curation()  # set by main() from data/curation/


def _source(key: str) -> dict[str, Any]:
    """The output source object: title, publisher, date, url (+ type when curated)."""
    if key not in CUR.sources:
        raise BuildError(f"unknown source key {key!r}")
    s = CUR.sources[key]
    out = {"title": s["title"], "publisher": s["publisher"], "date": s.get("date"),
           "url": s.get("url")}  # fmt: skip
    if "type" in s:
        out["type"] = s["type"]
    return out


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
    """Every curated URL occurs verbatim in one of its file's ``url_evidence`` files."""
    texts: dict[str, str] = {"gazetteer": gazetteer_text}
    for key, src in CUR.sources.items():
        url = src.get("url")
        if url is None:
            continue
        for name in CUR.url_evidence[key]:
            if name not in texts:
                path = ROOT / name
                if not path.is_file():
                    raise BuildError(f"source {key}: url_evidence file {name} does not exist")
                texts[name] = path.read_text(encoding="utf-8")
        if not any(url in texts[name] for name in CUR.url_evidence[key]):
            where = ", ".join(CUR.url_evidence[key])
            raise BuildError(f"source {key}: URL {url} does not appear in {where}")


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
            "licence": LICENCES.get(name, LICENCE),
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
        if p["kind"] not in CUR.kind_map:
            raise BuildError(f"{pid}: unmapped kind {p['kind']!r}")
        extra = CUR.gazetteer_places.get(pid, {})
        description = extra.get("description") or p.get("notes") or ""
        if not description:
            raise BuildError(f"{pid}: no description")
        label_note = extra.get("label_note")
        if label_note is None and not p["coord_confirmed"]:
            label_note = "approximate"
        props = {
            "id": pid,
            "name": p["name"],
            "kind": CUR.kind_map[p["kind"]],
            "country": p["country"],
            "accuracy_km": float(p["accuracy_km"]),
            "coord_confirmed": bool(p["coord_confirmed"]),
            "identity_confirmed": bool(p["identity_confirmed"]),
            "description": description,
            "label_note": label_note,
            "from_seed": bool(p["seed_mention"]),
            "sources": _sources(extra.get("sources", []), pid, p["source"]),
            "coord_basis": p.get("precision"),
            "origin": "gazetteer",
        }
        features.append(_feature(pid, _point(p["lon"], p["lat"]), props))
        index[pid] = {"lat": p["lat"], "lon": p["lon"], "accuracy_km": float(p["accuracy_km"])}
    for p in CUR.added_places:
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
            "coord_basis": p.get("coord_basis", "GeoNames centroid (cities1000)"),
            "origin": "added",
        }
        features.append(_feature(pid, _point(p["lon"], p["lat"]), props))
        index[pid] = {"lat": p["lat"], "lon": p["lon"], "accuracy_km": float(p["accuracy_km"])}
    return features, index


# ---------------------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------------------
def _claims(claims: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [{"claim": c["claim"], "source": _source(c["source"])} for c in claims]


def _curated_event(eid: str, x: dict[str, Any]) -> dict[str, Any]:
    """A gazetteer-shaped record for an event defined wholly in a curation file."""
    return {
        "id": eid, "date": x["date"], "precision": x["date_precision"],
        "end_date": x["end_date"], "name": x["title"], "description": x["summary"],
        "place_id": x["place_id"], "lat": x.get("lat"), "lon": x.get("lon"),
        "accuracy_km": x.get("accuracy_km"), "discrepancy": None, "seed_claim": None,
        "in_seed": x["from_seed"], "confirmed": x["confirmed"], "date_note": x["date_note"],
        "source": None,
    }  # fmt: skip


def build_events(
    gaz: dict[str, Any], places: dict[str, dict[str, Any]], route_ids: set[str]
) -> list[dict[str, Any]]:
    """Gazetteer events (gazetteer order), then events defined wholly in curation files."""
    gaz_ids = {e["id"] for e in gaz["events"]}
    for eid, x in CUR.events.items():
        if x.get("gazetteer", True) and eid not in gaz_ids:
            raise BuildError(f"{eid}: curated but not in the gazetteer (set gazetteer: false)")
        if not x.get("gazetteer", True) and eid in gaz_ids:
            raise BuildError(f"{eid}: gazetteer: false but the gazetteer has this id")
    records = list(gaz["events"]) + [
        _curated_event(eid, x) for eid, x in CUR.events.items() if not x.get("gazetteer", True)
    ]
    features = []
    for e in records:
        eid = e["id"]
        extra = CUR.events.get(eid)
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
        route_id = extra.get("route_id")
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
            "sources": _sources(extra["sources"], eid, e["source"]),
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
PERIOD_OPTIONAL = ("disputed", "disputed_claims")


def build_periods(event_ids: set[str]) -> list[dict[str, Any]]:
    """Status periods in curation order (periods.yaml, then periods_*.yaml).

    Every period carries ``disputed`` (default null) and ``disputed_claims`` (default [],
    each claim's source key resolved to a full source object, as for events).
    """
    features = []
    for p in CUR.periods:
        for ev in p["event_ids"]:
            if ev not in event_ids:
                raise BuildError(f"period {p['id']}: unknown event {ev}")
        claims = p.get("disputed_claims", [])
        if claims and not p.get("disputed"):
            raise BuildError(f"period {p['id']}: disputed_claims without a disputed note")
        props = {k: v for k, v in p.items() if k not in ("sources", *PERIOD_OPTIONAL)}
        props["disputed"] = p.get("disputed")
        props["disputed_claims"] = _claims(claims)
        props["sources"] = _sources(p["sources"], p["id"], None)
        features.append(_feature(p["id"], None, props))
    return features


# ---------------------------------------------------------------------------------------
def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def build(gaz_path: Path) -> dict[str, str]:
    """Build every output file; return {file name: text}. Writes nothing."""
    global CUR
    raw = gaz_path.read_text(encoding="utf-8")
    gaz = json.loads(raw)
    try:
        CUR = load()
    except CurationError as exc:
        raise BuildError(str(exc)) from exc
    _check_no_invented_urls(raw)
    place_features, place_index = build_places(gaz)
    try:
        route_features_ = route_features.build_routes(CUR, gaz, place_index, _sources, _feature)
        crossing_features = route_features.build_border_crossings(
            CUR, place_index, _sources, _feature
        )
    except rg.RouteError as exc:
        raise BuildError(str(exc)) from exc
    route_ids = {f["id"] for f in route_features_}
    event_features = build_events(gaz, place_index, route_ids)
    period_features = build_periods({f["id"] for f in event_features})
    out = {}
    for name, feats in (
        ("places.geojson", place_features),
        ("routes.geojson", route_features_),
        ("events.geojson", event_features),
        ("periods.geojson", period_features),
        ("border_crossings.geojson", crossing_features),
    ):
        out[name] = _text(_collection(name, feats))
    event_ids = {f["id"] for f in event_features}
    out[drone_layer.NAME] = _text(drone_layer.build(_source, _collection, event_ids))
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the data files, or with ``--check`` report (exit 1) any that would change."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gazetteer", nargs="?", default=str(DEFAULT_GAZETTEER))
    parser.add_argument("--out", default=str(ROOT / "data"))
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    texts = build(Path(args.gazetteer))
    out = Path(args.out)
    if args.check:
        stale = [
            n
            for n, t in texts.items()
            if not (out / n).is_file() or (out / n).read_bytes() != t.encode("utf-8")
        ]
        for name in stale:
            print(f"{out / name} differs from a rebuild (run make data)")
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
