"""Open the database, refuse a corrupt or foreign one, and apply ``alembic upgrade head``."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = {"saved_views"}


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Return an alembic config for the store's migrations, bound to a connection or URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    """Return the revision ids this Atlas ships."""
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_sqlite_file(path: Path) -> None:
    """Raise ``StoreError`` if ``path`` exists but is not a SQLite database.

    An empty file is a new database. Anything else must start with SQLite's header.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a SQLite database (it does not start with SQLite's header): "
            "it may be corrupt or another kind of file. Move it away, or set ATLAS_DB_URL "
            "to another database."
        )


def upgrade(conn: Connection, where: str) -> None:
    """Bring the schema to the newest revision on ``conn`` (inside the caller's transaction).

    Raises
    ------
    StoreError
        When the database belongs to another program (tables but no Atlas revision) or
        to a newer Atlas (a revision this one does not know).
    """
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            listed = ", ".join(sorted(tables)[:5])
            raise StoreError(
                f"{where} holds another program's tables ({listed}) and no Atlas schema: "
                "the Atlas will not write into it. Set ATLAS_DB_URL to a database of its own."
            )
    else:
        found = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
        unknown = found - known_revisions()
        if unknown:
            raise StoreError(
                f"{where} was made by a newer Atlas or another program (schema revision "
                f"{', '.join(sorted(unknown))}); this Atlas reads "
                f"{', '.join(sorted(known_revisions()))}."
            )
    command.upgrade(alembic_config(conn), "head")
    missing = TABLES - set(inspect(conn).get_table_names())
    if missing:
        raise StoreError(f"{where} lacks the table(s) {', '.join(sorted(missing))}.")
