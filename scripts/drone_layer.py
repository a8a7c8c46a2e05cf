"""Build data/drone_strikes.geojson from data/curation/drone_strikes.yaml (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from data_curation import CURATION_DIR, read_yaml, validate

NAME = "drone_strikes.geojson"
PATH = CURATION_DIR / "drone_strikes.yaml"
LICENCE = (
    "CC BY 4.0 (NATO–Pakistan Atlas aggregation). The counts are facts aggregated from New "
    "America's and the Bureau of Investigative Journalism's strike lists and cited per "
    "publisher; TBIJ's list (CC BY-NC-ND 3.0) is not redistributed. See data/README.md"
)
PUBLISHERS = ("new_america", "tbij")

SourceFn = Callable[[str], dict[str, Any]]


def load(path: Path = PATH) -> dict[str, Any]:
    """Read and validate the curated drone-strike table."""
    doc = read_yaml(path)
    validate(doc, "drone_strikes", path)
    return doc


def _area_feature(
    key: str, area: dict[str, Any], rows: list[dict[str, Any]], source: SourceFn
) -> dict[str, Any]:
    point = area["point"]
    geometry = None
    if point is not None:
        lonlat = [round(point["lon"], 5), round(point["lat"], 5)]
        geometry = {"type": "Point", "coordinates": lonlat}
    totals = {}
    for pub in PUBLISHERS:
        counts = [r[pub] for r in rows if r[pub]]
        totals[pub] = {
            "strikes": sum(c["strikes"] for c in counts),
            "killed": {
                "low": sum(c["killed"]["low"] for c in counts),
                "high": sum(c["killed"]["high"] for c in counts),
            },
        }
    props = {
        "id": f"drone_area_{key}",
        "area": key,
        "name": area["name"],
        "province": area["province"],
        "label": point["label"] if point else None,
        "accuracy_km": float(point["accuracy_km"]) if point else None,
        "point_basis": point["basis"] if point else None,
        "note": area.get("note"),
        "years": [{"year": r["year"], **{p: r[p] for p in PUBLISHERS}} for r in rows],
        "totals": totals,
        "sources": [source(k) for k in point["sources"]] if point else [],
    }
    return {"type": "Feature", "id": props["id"], "geometry": geometry, "properties": props}


def build(
    source: SourceFn,
    collection: Callable[[str, list[dict[str, Any]]], dict[str, Any]],
    event_ids: set[str],
) -> dict[str, Any]:
    """The drone-strike FeatureCollection: one feature per area, yearly totals as a member.

    Parameters
    ----------
    source
        Resolves a source key to an output source object (raises on an unknown key).
    collection
        Wraps features in a FeatureCollection with the dataset metadata.
    event_ids
        Ids of the built events; every ``linked_event_ids`` entry must be one of them.

    Returns
    -------
    dict
        GeoJSON with foreign members ``window``, ``publishers``, ``yearly`` and ``as_published``.
    """
    doc = load()
    features = []
    for key, area in doc["areas"].items():
        rows = sorted((r for r in doc["by_area"] if r["area"] == key), key=lambda r: r["year"])
        features.append(_area_feature(key, area, rows, source))
    out = collection(NAME, features)
    out["metadata"]["licence"] = LICENCE
    out["window"] = doc["window"]
    out["publishers"] = {
        name: {**{k: v for k, v in pub.items() if k != "sources"},
               "sources": [source(k) for k in pub["sources"]]}
        for name, pub in doc["publishers"].items()
    }  # fmt: skip
    yearly = []
    for row in doc["years"]:
        unknown = sorted(set(row["linked_event_ids"]) - event_ids)
        if unknown:
            raise ValueError(f"{PATH.name}: year {row['year']} links unknown events {unknown}")
        lwj = row["long_war_journal"]
        yearly.append(
            {
                "year": row["year"],
                "new_america": row["new_america"],
                "tbij": row["tbij"],
                "long_war_journal": (
                    {"strikes": lwj["strikes"], "source": source(lwj["source"])} if lwj else None
                ),
                "linked_event_ids": row["linked_event_ids"],
            }
        )
    out["yearly"] = yearly
    out["as_published"] = [{**p, "source": source(p["source"])} for p in doc["as_published"]]
    return out
