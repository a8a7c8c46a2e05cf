"""The map extent as it travels in the URL: ``?view=lat,lon,zoom``."""

import math
from dataclasses import dataclass

MIN_ZOOM, MAX_ZOOM = 3, 18


@dataclass(frozen=True)
class MapExtent:
    """A map centre and zoom level."""

    lat: float
    lon: float
    zoom: int

    def to_param(self) -> str:
        """Return the value of the ``view`` query parameter."""
        return f"{self.lat:.4f},{self.lon:.4f},{self.zoom}"


def parse_view(value: object) -> MapExtent | None:
    """Parse ``"lat,lon,zoom"`` from a URL; anything malformed or out of range gives ``None``.

    Examples
    --------
    >>> parse_view("34.1,71.1,9")
    MapExtent(lat=34.1, lon=71.1, zoom=9)
    >>> parse_view("nan,71,9") is None, parse_view("95,71,9") is None
    (True, True)
    """
    if not isinstance(value, str) or value.count(",") != 2 or len(value) > 64:
        return None
    try:
        lat_s, lon_s, zoom_s = value.split(",")
        lat, lon, zoom = float(lat_s), float(lon_s), int(zoom_s)
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-85 <= lat <= 85 and -180 <= lon <= 180 and MIN_ZOOM <= zoom <= MAX_ZOOM):
        return None
    return MapExtent(lat, lon, zoom)
