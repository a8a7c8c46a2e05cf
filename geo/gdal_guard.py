"""Harden GDAL's environment so driver auto-detection cannot read server files or URLs.

GDAL reads ``OGR_SKIP`` when its drivers are registered, i.e. when pyogrio is first
imported; setting it later has no effect. Call :func:`harden_gdal_environment` at the top of
``app.py``, before anything imports geopandas or pyogrio.
"""

import os
import sys
import warnings

SKIPPED_DRIVERS = ("OGR_VRT",)
HARDENED = {
    "GDAL_HTTP_TIMEOUT": "1",
    # /vsicurl/ only opens URLs with an allowed extension; this one never occurs.
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".atlas-network-access-disabled",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
}


def harden_gdal_environment() -> None:
    """Skip the OGR VRT driver and neuter GDAL network access, keeping existing OGR_SKIP values.

    Warns if pyogrio was imported before the environment was hardened, because GDAL has
    then registered its drivers and ``OGR_SKIP`` no longer applies in this process.
    """
    already = gdal_environment_is_hardened()
    skipped = [d for d in os.environ.get("OGR_SKIP", "").split(",") if d.strip()]
    skipped += [d for d in SKIPPED_DRIVERS if d not in skipped]
    os.environ["OGR_SKIP"] = ",".join(skipped)
    os.environ.update(HARDENED)
    if "pyogrio" in sys.modules and not already:
        warnings.warn(
            "pyogrio was imported before harden_gdal_environment(); OGR_SKIP has no effect "
            "until the process restarts",
            RuntimeWarning,
            stacklevel=2,
        )


def gdal_environment_is_hardened() -> bool:
    """True when OGR_SKIP lists every driver in ``SKIPPED_DRIVERS`` (for a startup check)."""
    skipped = {d.strip() for d in os.environ.get("OGR_SKIP", "").split(",")}
    return all(d in skipped for d in SKIPPED_DRIVERS)
