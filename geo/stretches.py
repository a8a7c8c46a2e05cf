"""Cut a route line into its stretches by region, so region-scoped periods style them apart."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pyproj import Geod
from shapely.geometry import LineString

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Piece:
    """A part of a route line lying in one region (``None`` when the route has no stretches)."""

    region: str | None
    coords: tuple[tuple[float, float], ...]  # lon, lat


def cumulative_km(coords: Sequence[tuple[float, float]]) -> np.ndarray:
    """Return the geodesic distance along a lon/lat line at each vertex, in km."""
    lons = np.array([c[0] for c in coords], dtype=float)
    lats = np.array([c[1] for c in coords], dtype=float)
    _, _, dist = _GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return np.concatenate([[0.0], np.cumsum(dist) / 1000.0])


def _at(coords: Sequence[tuple[float, float]], km: np.ndarray, x: float) -> tuple[float, float]:
    i = int(np.clip(np.searchsorted(km, x, side="right") - 1, 0, len(coords) - 2))
    span = km[i + 1] - km[i]
    t = 0.0 if span <= 0 else (x - km[i]) / span
    (x0, y0), (x1, y1) = coords[i], coords[i + 1]
    return (x0 + t * (x1 - x0), y0 + t * (y1 - y0))


def route_pieces(
    coords: Sequence[tuple[float, float]], stretches: Sequence[dict[str, Any]] | None
) -> list[Piece]:
    """Split a route's line where its region changes, following its ``stretches``.

    Consecutive stretches in the same region make one piece. Without stretches, the
    whole line is one piece of unknown region.

    Examples
    --------
    >>> line = [(67.0, 25.0), (67.0, 26.0), (67.0, 27.0)]
    >>> parts = route_pieces(line, [{"from_km": 0, "to_km": 110.6, "region": "Sindh"},
    ...                             {"from_km": 110.6, "to_km": 221.3, "region": "Punjab"}])
    >>> [p.region for p in parts]
    ['Sindh', 'Punjab']
    """
    coords = [(float(x), float(y)) for x, y in coords]
    if not stretches or len(coords) < 2:
        return [Piece(None, tuple(coords))]
    merged: list[list[Any]] = []
    for s in sorted(stretches, key=lambda s: float(s["from_km"])):
        region = s.get("region")
        if merged and merged[-1][0] == region:
            merged[-1][2] = float(s["to_km"])
        else:
            merged.append([region, float(s["from_km"]), float(s["to_km"])])
    km = cumulative_km(coords)
    total = float(km[-1])
    # Stretch ends were measured on the same line; the last one closes it.
    merged[0][1], merged[-1][2] = 0.0, total
    pieces = []
    for region, lo, hi in merged:
        lo, hi = max(0.0, lo), min(total, hi)
        if hi <= lo:
            continue
        inner = [coords[i] for i in range(len(coords)) if lo < km[i] < hi]
        line = (_at(coords, km, lo), *inner, _at(coords, km, hi))
        pieces.append(Piece(region, tuple((round(x, 5), round(y, 5)) for x, y in line)))
    return pieces


DRAW_TOLERANCE_DEG = 0.0005  # ≈ 50 m: far inside every route's stated accuracy (≥ 0.5 km)


def route_pieces_of(routes: Any) -> dict[str, tuple[Piece, ...]]:
    """Cut every route of a routes frame into its pieces, simplified for drawing (≈ 50 m).

    The road-traced lines carry a vertex every ~0.8 km; at 50 m the drawn and exported
    line keeps its shape with about a third of the vertices.
    """
    out = {}
    for r in routes.itertuples():
        stretches = getattr(r, "stretches", None)
        stretches = stretches if isinstance(stretches, list) else None
        pieces = []
        for piece in route_pieces(list(r.geometry.coords), stretches):
            line = LineString(piece.coords).simplify(DRAW_TOLERANCE_DEG, preserve_topology=False)
            coords = tuple((round(x, 5), round(y, 5)) for x, y in line.coords)
            pieces.append(Piece(piece.region, coords))
        out[str(r.id)] = tuple(pieces)
    return out
