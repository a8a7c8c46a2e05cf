"""Load and validate the curated tables in data/curation/ (YAML files checked by JSON Schema)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
CURATION_DIR = ROOT / "data" / "curation"
SCHEMA_DIR = CURATION_DIR / "schema"


class CurationError(RuntimeError):
    """Raised when a curation file is malformed or two files disagree."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicate mapping keys (YAML would keep the last)."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in out:
            mark = key_node.start_mark
            raise CurationError(f"{mark.name}:{mark.line + 1}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml(path: Path) -> Any:
    """Read one YAML file with duplicate keys rejected."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_UniqueKeyLoader)


def validate(doc: Any, schema_name: str, path: Path) -> None:
    """Validate ``doc`` against ``schema/<schema_name>.schema.json``; name file and field."""
    schema = json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [
            f"  at {'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message[:300]}"
            for e in errors[:10]
        ]
        raise CurationError(
            f"{path.name} does not match {schema_name}.schema.json:\n" + "\n".join(lines)
        )


def _files(directory: Path, stem: str) -> list[Path]:
    """``stem.yaml`` first, then ``stem_*.yaml`` in name order."""
    main = directory / f"{stem}.yaml"
    extra = sorted(directory.glob(f"{stem}_*.yaml"))
    return ([main] if main.exists() else []) + extra


def _merge(target: dict, items: dict, what: str, path: Path) -> None:
    for key, value in items.items():
        if key in target:
            raise CurationError(f"{path.name}: {what} {key!r} is already defined in another file")
        target[key] = value


@dataclass
class Curation:
    """Every curated table, merged over its files and validated."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    url_evidence: dict[str, list[str]] = field(default_factory=dict)  # source key -> files
    kind_map: dict[str, str] = field(default_factory=dict)
    gazetteer_places: dict[str, dict[str, Any]] = field(default_factory=dict)
    added_places: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    periods: list[dict[str, Any]] = field(default_factory=list)
    routes: dict[str, Any] = field(default_factory=dict)
    border_crossings: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def load(directory: Path = CURATION_DIR) -> Curation:
    """Read and validate ``sources*``, ``places*``, ``events*``, ``periods*``, ``routes`` and
    ``border_crossings``."""
    cur = Curation()
    for path in _files(directory, "sources"):
        doc = read_yaml(path)
        validate(doc, "sources", path)
        _merge(cur.sources, doc["sources"], "source", path)
        evidence = doc.get("url_evidence", ["gazetteer"])
        for key in doc["sources"]:
            cur.url_evidence[key] = evidence
        cur.files.append(path)
    for path in _files(directory, "places"):
        doc = read_yaml(path)
        validate(doc, "places", path)
        _merge(cur.kind_map, doc.get("kind_map", {}), "kind", path)
        _merge(cur.gazetteer_places, doc.get("gazetteer_places", {}), "place", path)
        cur.added_places.extend(doc.get("added_places", []))
        cur.files.append(path)
    for path in _files(directory, "events"):
        doc = read_yaml(path)
        validate(doc, "events", path)
        _merge(cur.events, doc["events"], "event", path)
        cur.files.append(path)
    for path in _files(directory, "periods"):
        doc = read_yaml(path)
        validate(doc, "periods", path)
        cur.periods.extend(doc["periods"])
        cur.files.append(path)
    path = directory / "routes.yaml"
    if path.exists():
        doc = read_yaml(path)
        validate(doc, "routes", path)
        cur.routes = doc
        cur.files.append(path)
    path = directory / "border_crossings.yaml"
    if path.exists():
        doc = read_yaml(path)
        validate(doc, "border_crossings", path)
        cur.border_crossings = doc["crossings"]
        cur.files.append(path)
    ids = [p["id"] for p in cur.periods]
    if len(ids) != len(set(ids)):
        raise CurationError(f"duplicate period id in periods*.yaml: {sorted(ids)}")
    return cur
