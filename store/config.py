"""Where the saved views live: one database URL, from the environment, secrets or the default."""

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from store.errors import StoreError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "var" / "atlas.sqlite3"  # git-ignored; created on first use
ENV_VAR = "ATLAS_DB_URL"


def database_url(secret_url: str | None = None) -> str:
    """Return the configured URL: ``ATLAS_DB_URL``, else the secrets' URL, else the SQLite file.

    ``secret_url`` is Streamlit's ``[connections.sql] url`` (read by the page, since this
    package does not import Streamlit). ``postgresql://`` and ``postgres://`` URLs are read
    with psycopg 3.

    Examples
    --------
    >>> database_url("postgres://atlas@db:5432/atlas")  # doctest: +SKIP
    'postgresql+psycopg://atlas@db:5432/atlas'
    """
    raw = os.environ.get(ENV_VAR) or secret_url or f"sqlite:///{DEFAULT_PATH}"
    return normalise_url(raw)


def normalise_url(raw: str) -> str:
    """Return ``raw`` with PostgreSQL URLs pinned to the psycopg 3 driver.

    Raises
    ------
    StoreError
        When ``raw`` is not a database URL this store can use.
    """
    url = parse_url(raw)
    if url.get_backend_name() == "postgres" or url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"{redacted(url)} is not supported: use a SQLite file (sqlite:///path) or "
            "PostgreSQL (postgresql://user@host:port/db)."
        )
    return url.render_as_string(hide_password=False)


def parse_url(raw: str) -> URL:
    """Parse a database URL, raising ``StoreError`` with the reason when it is malformed."""
    try:
        return make_url(raw.strip())
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"The database URL is malformed ({exc}).") from None


def redacted(url: str | URL) -> str:
    """Return the URL with its password hidden, for messages and logs."""
    url = url if isinstance(url, URL) else parse_url(url)
    return url.render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite URL (``None`` for PostgreSQL or an in-memory database)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
