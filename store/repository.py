"""The saved-view repository: save, list in order, rename, edit a note, move, delete, get.

Every write runs under one lock (``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped
advisory lock on PostgreSQL), so saves from several sessions or replicas at once each get
their own place at the end of the deck and none is lost. Name, note and document edits
carry the revision the editor read, and a stale one is refused (``StaleViewError``).
"""

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select, text, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from store import migrate
from store.config import database_url, normalise_url, parse_url, redacted, sqlite_path
from store.errors import SavedViewError, StaleViewError, StoreError
from store.models import NAME_MAX, NOTE_MAX, SavedViewRow

T = SavedViewRow.__table__
PG_LOCK_KEY = 0x41544C53  # "ATLS": one advisory lock for all writes to the store
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SQLITE_WAIT_S = 30.0  # how long a SQLite write (or the switch to WAL) waits for another


def use_wal(dbapi_conn: Any, budget_s: float = SQLITE_WAIT_S) -> None:
    """Put a SQLite database in WAL mode, waiting for replicas that open it at the same time.

    WAL is a property of the file, so once any connection has switched it there is nothing
    to do. The switch itself needs the file to itself, and SQLite does not run its busy
    handler for it: two replicas opening a new database at once could fail at once with
    "database is locked". So the switch is retried with backoff within ``budget_s``.
    """
    deadline = time.monotonic() + budget_s
    pause = 0.01
    while True:
        try:
            mode = dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                dbapi_conn.execute("PRAGMA journal_mode=WAL")  # ":memory:" stays "memory"
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


@dataclass(frozen=True)
class SavedView:
    """One saved view as read from the store."""

    id: int
    name: str
    note: str
    position: int  # 1 = the first slide
    doc: dict[str, Any] | None  # None when the stored text is not a JSON object
    revision: int
    created_at: datetime
    updated_at: datetime
    problem: str | None = None  # why ``doc`` could not be read


class ViewStore:
    """Saved views in one database, migrated to the newest schema when opened.

    Raises ``StoreError`` (with the reason) when the database cannot be opened or used.
    """

    def __init__(self, url: str | None = None, *, pool: bool = True) -> None:
        self.url = database_url() if url is None else normalise_url(url)
        self.where = redacted(self.url)
        self.is_sqlite = parse_url(self.url).get_backend_name() == "sqlite"
        path = sqlite_path(self.url)
        if path is not None:
            migrate.check_sqlite_file(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create {path.parent}: {exc.strerror or exc}.") from None
        self.engine = self._engine(pool)
        try:
            with self._write("Opening the saved views") as conn:
                migrate.upgrade(conn, self.where)
        except StoreError:
            self.engine.dispose()
            raise

    def _engine(self, pool: bool) -> Engine:
        kw: dict[str, Any] = {} if pool else {"poolclass": NullPool}
        if not self.is_sqlite:
            return create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 5},
                                 **kw)  # fmt: skip
        engine = create_engine(
            self.url, connect_args={"timeout": SQLITE_WAIT_S, "check_same_thread": False}, **kw
        )

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
            use_wal(dbapi_conn)  # readers do not wait for a save

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("atlas_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"{doing} failed on {self.where}: {reason}.") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"{doing} failed on {self.where}: {exc}.") from None

    @contextmanager
    def _write(self, doing: str = "Saving") -> Iterator[Connection]:
        with self._guard(doing), self.engine.connect() as conn:
            conn.execution_options(atlas_write=True)
            with conn.begin():
                if not self.is_sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._guard("Reading the saved views"), self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()

    # -- reads --------------------------------------------------------------------------
    def views(self) -> list[SavedView]:
        """Return the saved views in deck order."""
        with self._read() as conn:
            rows = conn.execute(select(T).order_by(T.c.position, T.c.id)).all()
        return [_record(r, i) for i, r in enumerate(rows, start=1)]

    def get(self, view_id: int) -> SavedView | None:
        """Return one saved view, or ``None`` if it no longer exists."""
        for item in self.views():
            if item.id == view_id:
                return item
        return None

    def count(self) -> int:
        """Return how many views are saved."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(T)).scalar_one())

    # -- writes -------------------------------------------------------------------------
    def save(self, name: str, note: str, doc: dict[str, Any]) -> SavedView:
        """Save a view at the end of the deck and return it."""
        name, note, body = clean_name(name), clean_note(note), _dump(doc)
        now = datetime.now(UTC)
        with self._write() as conn:
            last = conn.execute(select(func.coalesce(func.max(T.c.position), 0))).scalar_one()
            new_id = conn.execute(
                T.insert().values(name=name, note=note, position=int(last) + 1, doc=body,
                                  created_at=now, updated_at=now, revision=1)
            ).inserted_primary_key[0]  # fmt: skip
        found = self.get(int(new_id))
        assert found is not None
        return found

    def rename(self, view_id: int, name: str, *, revision: int | None = None) -> SavedView:
        """Rename a saved view; with ``revision``, refuse if it changed since then."""
        return self._edit(view_id, revision, name=clean_name(name))

    def edit_note(self, view_id: int, note: str, *, revision: int | None = None) -> SavedView:
        """Replace a saved view's note; with ``revision``, refuse if it changed since then."""
        return self._edit(view_id, revision, note=clean_note(note))

    def edit(
        self, view_id: int, *, name: str | None = None, note: str | None = None,
        revision: int | None = None,
    ) -> SavedView:  # fmt: skip
        """Change the name and/or the note in one write (one new revision)."""
        values = {} if name is None else {"name": clean_name(name)}
        if note is not None:
            values["note"] = clean_note(note)
        return self._edit(view_id, revision, **values)

    def replace_doc(
        self, view_id: int, doc: dict[str, Any], *, revision: int | None = None
    ) -> SavedView:
        """Store a new document for a saved view (e.g. the map as it is now)."""
        return self._edit(view_id, revision, doc=_dump(doc))

    def _edit(self, view_id: int, revision: int | None, **values: str) -> SavedView:
        stmt = update(T).where(T.c.id == view_id)
        if revision is not None:
            stmt = stmt.where(T.c.revision == revision)
        with self._write() as conn:
            done = conn.execute(
                stmt.values(**values, revision=T.c.revision + 1, updated_at=datetime.now(UTC))
            ).rowcount
        if not done:
            raise _stale(self.get(view_id))
        found = self.get(view_id)
        if found is None:
            raise _stale(None)
        return found

    def move(self, view_id: int, steps: int) -> None:
        """Move a saved view ``steps`` places later in the deck (negative: earlier)."""
        with self._write() as conn:
            ids = list(conn.execute(select(T.c.id).order_by(T.c.position, T.c.id)).scalars())
            if view_id not in ids:
                raise _stale(None)
            i = ids.index(view_id)
            ids.insert(max(0, min(len(ids) - 1, i + steps)), ids.pop(i))
            _renumber(conn, ids)

    def move_up(self, view_id: int) -> None:
        """Move a saved view one place earlier."""
        self.move(view_id, -1)

    def move_down(self, view_id: int) -> None:
        """Move a saved view one place later."""
        self.move(view_id, 1)

    def reorder(self, ids: list[int]) -> None:
        """Put the given views first, in this order; the others keep their order after them."""
        with self._write() as conn:
            current = list(conn.execute(select(T.c.id).order_by(T.c.position, T.c.id)).scalars())
            wanted = [i for i in dict.fromkeys(ids) if i in current]
            _renumber(conn, wanted + [i for i in current if i not in wanted])

    def delete(self, view_id: int, *, revision: int | None = None) -> None:
        """Delete a saved view; with ``revision``, refuse if it changed since then."""
        stmt = delete(T).where(T.c.id == view_id)
        if revision is not None:
            stmt = stmt.where(T.c.revision == revision)
        with self._write() as conn:
            done = conn.execute(stmt).rowcount
        if not done:
            raise _stale(self.get(view_id))


def open_store(url: str | None = None) -> ViewStore:
    """Open (and migrate) the store at ``url``, or at the configured URL."""
    return ViewStore(url)


def clean_name(name: object) -> str:
    """Return the name on one line without control characters; refuse an empty or long one."""
    text_ = " ".join(_CONTROL.sub(" ", str(name or "")).split())
    if not text_:
        raise SavedViewError("A saved view needs a name.")
    if len(text_) > NAME_MAX:
        raise SavedViewError(f"A name has at most {NAME_MAX} characters ({len(text_)} given).")
    return text_


def clean_note(note: object) -> str:
    """Return the note without control characters (line breaks kept); refuse a long one."""
    text_ = _CONTROL.sub("", str(note or "").replace("\r\n", "\n")).strip()
    if len(text_) > NOTE_MAX:
        raise SavedViewError(f"A note has at most {NOTE_MAX} characters ({len(text_)} given).")
    return text_


def _dump(doc: object) -> str:
    if not isinstance(doc, dict):
        raise SavedViewError("A saved view's document must be a JSON object.")
    try:
        return json.dumps(doc, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise SavedViewError(f"The view cannot be stored as JSON: {exc}.") from None


def _renumber(conn: Connection, ids: list[int]) -> None:
    for pos, i in enumerate(ids, start=1):
        conn.execute(update(T).where(T.c.id == i, T.c.position != pos).values(position=pos))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive UTC


def _record(row: Any, position: int) -> SavedView:
    problem, doc = None, None
    try:
        loaded = json.loads(row.doc)
        doc = loaded if isinstance(loaded, dict) else None
        problem = None if doc is not None else "its stored document is not a JSON object"
    except (TypeError, ValueError) as exc:
        problem = f"its stored document is not valid JSON ({exc})"
    return SavedView(int(row.id), row.name, row.note, position, doc, int(row.revision),
                     _aware(row.created_at), _aware(row.updated_at), problem)  # fmt: skip


def _stale(now: SavedView | None) -> StaleViewError:
    if now is None:
        return StaleViewError("This saved view was deleted in another session.")
    return StaleViewError(
        f"“{now.name}” was changed in another session (now revision {now.revision}): "
        "the list shows it as it is now; try again."
    )
