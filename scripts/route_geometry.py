"""Build the supply-route lines: cut the road reference at documented towns, trace the rest."""

from __future__ import annotations

import csv
import heapq
import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, shape

GEOD = Geod(ellps="WGS84")
TO_METRIC = Transformer.from_crs("EPSG:4326", "EPSG:32642", always_xy=True)  # UTM 42N
JOIN_KM = 2.0  # reference pieces whose ends are this close are one road (joint)
NEAR_KM = 0.5  # any two reference vertices this close are linked (out-and-back strands)
BRIDGE_KM = 15.0  # larger reference gaps up to this are bridged straight (basis "traced")
CUT_MAX_KM = 8.0  # a waypoint on a reference leg must lie this close to the reference
TRACED_SEGMENT_KM = 5.0  # traced legs are densified along the geodesic to this spacing
BASES = {"wp", "gn", "src", "est", "ref"}
# Basemap label (pk_admin_labels.geojson `short`) -> stretch region. FATA (the Khyber Agency
# on the Torkham road) counts as Khyber Pakhtunkhwa: the 2013-14 blockade held in KP,
# including the Peshawar-Torkham road.
REGION_OF_LABEL = {
    "Sindh": "Sindh",
    "Balochistan": "Balochistan",
    "Punjab": "Punjab",
    "KP": "Khyber Pakhtunkhwa",
    "FATA": "Khyber Pakhtunkhwa",
    "ICT": "Islamabad",
}


class RouteError(RuntimeError):
    """Raised when the waypoints and the road reference do not fit together."""


@dataclass(frozen=True)
class Waypoint:
    """One row of ``roads/waypoints.csv``: a documented point and how the line leaves it."""

    way: str
    seq: int
    name: str
    lat: float
    lon: float
    basis: str
    source: str
    next: str  # a reference ``ref`` (follow the road), "traced" (geodesic), "" (way ends)
    pin: bool  # the exact coordinate is a vertex of the line
    accuracy_km: float | None  # stated accuracy of a traced leg leaving this waypoint


def read_waypoints(path: Path) -> dict[str, list[Waypoint]]:
    """Read and check the waypoint table, grouped by way in ``seq`` order."""
    ways: dict[str, list[Waypoint]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                acc = float(row["accuracy_km"]) if row["accuracy_km"].strip() else None
                w = Waypoint(row["way"], int(row["seq"]), row["name"], float(row["lat"]),
                             float(row["lon"]), row["basis"], row["source"], row["next"],
                             row["pin"] == "1", acc)  # fmt: skip
            except (KeyError, ValueError) as exc:
                raise RouteError(f"{path.name}:{n}: {exc}") from exc
            if w.basis not in BASES or not w.name or not w.source:
                raise RouteError(f"{path.name}:{n}: bad basis/name/source in {row}")
            if w.next == "traced" and (w.accuracy_km is None or w.accuracy_km <= 0):
                raise RouteError(f"{path.name}:{n}: a traced leg needs accuracy_km > 0")
            ways.setdefault(w.way, []).append(w)
    for name, wps in ways.items():
        wps.sort(key=lambda w: w.seq)
        if len({w.seq for w in wps}) != len(wps):
            raise RouteError(f"way {name}: duplicate seq")
        if any(not w.next for w in wps[:-1]) or wps[-1].next:
            raise RouteError(f"way {name}: only the last waypoint may (and must) have no next")
    return ways


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


class RoadNetwork:
    """The reference lines of one road as a graph: vertices, road edges, joints, bridges."""

    def __init__(self, pieces: list[list[tuple[float, float]]]) -> None:
        self.xy: list[tuple[float, float]] = []
        self.adj: dict[int, list[tuple[int, float, str]]] = {}
        ends: list[tuple[int, int]] = []  # (node, piece)
        piece_of: list[int] = []
        for p, piece in enumerate(pieces):
            base = len(self.xy)
            self.xy.extend((float(x), float(y)) for x, y in piece)
            piece_of.extend([p] * len(piece))
            for i in range(len(piece) - 1):
                self._edge(base + i, base + i + 1, "road")
            ends += [(base, p), (base + len(piece) - 1, p)]
        mx, my = TO_METRIC.transform([c[0] for c in self.xy], [c[1] for c in self.xy])
        self.metric = np.column_stack([mx, my])
        owner = np.array(piece_of)
        for i in range(len(self.xy)):
            d = np.hypot(*(self.metric[i + 1 :] - self.metric[i]).T) / 1000.0
            for j in np.flatnonzero(d <= NEAR_KM) + i + 1:
                self._edge(i, int(j), "joint")
        for node, p in ends:
            d = np.hypot(*(self.metric - self.metric[node]).T) / 1000.0
            d[owner == p] = np.inf
            for q in set(piece_of) - {p}:
                mask = owner == q
                j = int(np.flatnonzero(mask)[np.argmin(d[mask])])
                if d[j] <= BRIDGE_KM:
                    self._edge(node, j, "joint" if d[j] <= JOIN_KM else "bridge")

    def _edge(self, a: int, b: int, kind: str) -> None:
        w = _km(self.xy[a], self.xy[b])
        self.adj.setdefault(a, []).append((b, w, kind))
        self.adj.setdefault(b, []).append((a, w, kind))

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """Return the vertex nearest a point and its distance in km."""
        x, y = TO_METRIC.transform(lon, lat)
        d = np.hypot(self.metric[:, 0] - x, self.metric[:, 1] - y) / 1000.0
        i = int(np.argmin(d))
        return i, float(d[i])

    def path(self, a: int, b: int) -> tuple[list[tuple[float, float]], list[str]]:
        """Shortest path along the road from vertex ``a`` to ``b``: coordinates, edge kinds."""
        dist, prev = {a: 0.0}, {}
        heap = [(0.0, a)]
        while heap:
            d, n = heapq.heappop(heap)
            if n == b:
                break
            if d > dist[n]:
                continue
            for m, w, kind in self.adj.get(n, []):
                if d + w < dist.get(m, math.inf):
                    dist[m], prev[m] = d + w, (n, kind)
                    heapq.heappush(heap, (d + w, m))
        if b not in dist:
            raise RouteError("the reference does not connect the two waypoints")
        nodes, kinds = [b], []
        while nodes[-1] != a:
            n, kind = prev[nodes[-1]]
            nodes.append(n)
            kinds.append(kind)
        return [self.xy[n] for n in reversed(nodes)], kinds[::-1]


def read_reference(path: Path) -> dict[str, RoadNetwork]:
    """Read ``osm_roads_ref.geojson`` into one road network per ``ref``."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for f in doc["features"]:
        g = f["geometry"]
        parts = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
        out[f["properties"]["ref"]] = RoadNetwork(parts)
    return out


@dataclass
class Line:
    """A route line under construction: vertices and, per segment, (basis, ref, accuracy)."""

    coords: list[tuple[float, float]] = field(default_factory=list)
    segs: list[tuple[str, str | None, float | None]] = field(default_factory=list)
    anchors: list[tuple[Waypoint, int]] = field(default_factory=list)

    def add(self, pt: tuple[float, float], seg: tuple[str, str | None, float | None]) -> None:
        pt = (round(pt[0], 5), round(pt[1], 5))
        if self.coords and pt == self.coords[-1]:
            return
        if self.coords:
            self.segs.append(seg)
        self.coords.append(pt)


def _gap(a: tuple[float, float], b: tuple[float, float], ref: str | None) -> tuple:
    """A connector or a bridge across a reference gap: a joint up to JOIN_KM, else traced.

    A straight bridge is stated to be within a quarter of its length of the road (at least
    1 km), rounded up to 0.5 km.
    """
    d = _km(a, b)
    if d <= JOIN_KM and ref is not None:
        return ("osm_reference", ref, None)
    return ("traced", None, max(1.0, math.ceil(d / 4.0 * 2) / 2))


def build_line(wps: list[Waypoint], nets: dict[str, RoadNetwork]) -> Line:
    """Assemble one route line from its waypoints (see data/README.md, "Routes")."""
    line = Line()
    cuts: dict[tuple[int, str], int] = {}
    for i, w in enumerate(wps):
        for ref in {w.next, wps[i - 1].next if i else ""} & set(nets):
            node, d = nets[ref].nearest(w.lon, w.lat)
            if d > CUT_MAX_KM:
                raise RouteError(f"{w.way}/{w.name}: {d:.1f} km from the {ref} reference")
            cuts[(i, ref)] = node
    for i, w in enumerate(wps):
        exact = (w.lon, w.lat)
        prev_ref = wps[i - 1].next if i and wps[i - 1].next in nets else None
        if i == 0:
            line.add(exact if w.pin or w.next not in nets else nets[w.next].xy[cuts[(0, w.next)]],
                     ("", None, None))  # fmt: skip
        elif w.pin and prev_ref:
            line.add(exact, _gap(line.coords[-1], exact, prev_ref))
        line.anchors.append((w, len(line.coords) - 1))
        if i == len(wps) - 1:
            break
        nxt = wps[i + 1]
        if w.next in nets:
            pts, kinds = nets[w.next].path(cuts[(i, w.next)], cuts[(i + 1, w.next)])
            line.add(pts[0], _gap(line.coords[-1], pts[0], w.next))
            for pt, kind in zip(pts[1:], kinds, strict=True):
                if kind == "bridge":
                    _traced(line, line.coords[-1], pt, _gap(line.coords[-1], pt, None)[2])
                else:
                    line.add(pt, ("osm_reference", w.next, None))
        else:
            start = line.coords[-1]
            if nxt.pin or nxt.next not in nets:
                end = (nxt.lon, nxt.lat)
            else:
                end = nets[nxt.next].xy[cuts[(i + 1, nxt.next)]]
            _traced(line, start, end, w.accuracy_km)
    return line


def _traced(line: Line, start: tuple, end: tuple, accuracy_km: float | None) -> None:
    """Append a geodesic leg densified to TRACED_SEGMENT_KM."""
    n = max(0, math.ceil(_km(start, end) / TRACED_SEGMENT_KM) - 1)
    mids = GEOD.npts(start[0], start[1], end[0], end[1], n) if n else []
    for pt in [*mids, end]:
        line.add(pt, ("traced", None, accuracy_km))


def region_faces(basemap: Path) -> list[tuple[Any, str]]:
    """Pakistan cut along its province lines, each face labelled with its stretch region."""
    countries = json.loads((basemap / "countries.geojson").read_text(encoding="utf-8"))
    pk = next(shape(f["geometry"]) for f in countries["features"]
              if f["properties"]["iso_a2"] == "PK")  # fmt: skip
    lines = json.loads((basemap / "pk_admin_lines.geojson").read_text(encoding="utf-8"))
    labels = json.loads((basemap / "pk_admin_labels.geojson").read_text(encoding="utf-8"))
    cut = shapely.union_all([shape(f["geometry"]) for f in lines["features"]]).buffer(0.003)
    faces = []
    for face in shapely.get_parts(pk.difference(cut)):
        for lab in labels["features"]:
            if face.contains(shape(lab["geometry"])):
                faces.append((face, lab["properties"]["short"]))
    return faces


def _region(pt: tuple[float, float], faces: list[tuple[Any, str]]) -> str:
    p = Point(pt)
    _face, short = min(faces, key=lambda f: f[0].distance(p))
    if short not in REGION_OF_LABEL:
        raise RouteError(f"route point {pt} lies in {short}, which has no stretch region")
    return REGION_OF_LABEL[short]


def cumulative_km(coords: list[tuple[float, float]]) -> np.ndarray:
    """Geodesic distance along the line at each vertex, in km (as geo/stretches.py)."""
    lons = np.array([c[0] for c in coords])
    lats = np.array([c[1] for c in coords])
    _, _, d = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return np.concatenate([[0.0], np.cumsum(d) / 1000.0])


CAPTURE_KM = 20.0  # reference beside a stretch within this counts as the road it follows


def _metric(geom: Any) -> Any:
    return shapely.transform(
        geom, lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1]))
    )


def _samples(line: Any, step_km: float = 1.0) -> np.ndarray:
    pts = []
    for part in shapely.get_parts(line):
        n = max(2, int(part.length / 1000.0 / step_km) + 1)
        pts.extend(shapely.line_interpolate_point(part, np.linspace(0.0, part.length, n)))
    return np.array(pts)


def deviation_km(coords: list[tuple[float, float]], ref_lines: Any) -> tuple[np.ndarray, float]:
    """Measure a stretch against its reference road every 1 km, both ways (in UTM 42N).

    Returns the route-to-reference distances, and the largest reference-to-route distance
    over the reference points beside the stretch (within CAPTURE_KM, projecting more than
    2 km inside its ends): a shortcut across a bend shows up there.
    """
    line, ref = _metric(LineString(coords)), _metric(ref_lines)
    forward = shapely.distance(_samples(line), ref) / 1000.0
    pts = _samples(ref)
    d = shapely.distance(pts, line) / 1000.0
    pos = shapely.line_locate_point(line, pts) / 1000.0
    mask = (d <= CAPTURE_KM) & (pos > 2.0) & (pos < line.length / 1000.0 - 2.0)
    return forward, float(d[mask].max()) if mask.any() else 0.0


def stretches(line: Line, crossing_index: int, faces: list[tuple[Any, str]],
              ref_geoms: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    """Cut the line where region, basis or reference road change; measure each stretch."""
    km = cumulative_km(line.coords)
    keys = []
    for i, (basis, ref, acc) in enumerate(line.segs):
        a, b = line.coords[i], line.coords[i + 1]
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        region = "Afghanistan" if i >= crossing_index else _region(mid, faces)
        keys.append((region, basis, ref, acc))
    out: list[dict[str, Any]] = []
    for (region, basis, ref, _acc), group in itertools.groupby(enumerate(keys), key=lambda t: t[1]):
        idx = [i for i, _ in group]
        lo, hi = idx[0], idx[-1] + 1
        part = line.coords[lo : hi + 1]
        if basis == "osm_reference":
            dev, back = deviation_km(part, ref_geoms[ref])
            p95, mx = float(np.percentile(dev, 95)), max(float(dev.max()), back)
            acc = max(0.5, math.ceil(mx * 2) / 2)
            p95_km, max_km = round(p95, 2), round(mx, 2)
        else:
            acc = max(keys[i][3] for i in idx)
            p95_km = max_km = None
        item = {"from_km": round(float(km[lo]), 2), "to_km": round(float(km[hi]), 2),
                "region": region, "basis": basis, "ref": ref, "accuracy_km": float(acc),
                "p95_km": p95_km, "max_km": max_km}  # fmt: skip
        if out and item["to_km"] - item["from_km"] < 0.05 and out[-1]["region"] == region:
            out[-1]["to_km"] = item["to_km"]  # a rounding sliver: part of the stretch before
        else:
            out.append(item)
    return out


def reference_geoms(path: Path) -> dict[str, Any]:
    """The reference lines per ``ref`` as shapely (Multi)LineStrings in lon/lat."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["ref"]: shape(f["geometry"]) for f in doc["features"]}
