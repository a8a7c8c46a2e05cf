"""Store fixtures: every store test runs against SQLite and against a real PostgreSQL.

PostgreSQL comes from ``ATLAS_TEST_PG_URL`` (CI's ``.ci/run`` exports it), else from a
throwaway cluster this session starts when ``initdb``/``pg_ctl`` exist. Without either,
the PostgreSQL cases skip locally and fail in CI (``CI=true``).
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.store.pg_cluster import pg_bin, throwaway_cluster

BACKENDS = ["sqlite", "postgresql"]


def _missing_pg(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI for the store tests: {reason}")
    pytest.skip(f"no PostgreSQL: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server whose ``postgres`` database can create databases."""
    url = os.environ.get("ATLAS_TEST_PG_URL")
    if url:
        yield url
        return
    if pg_bin() is None:
        _missing_pg("set ATLAS_TEST_PG_URL, or install Debian's postgresql (initdb, pg_ctl)")
    try:
        cluster = throwaway_cluster()
        started = cluster.__enter__()
    except RuntimeError as exc:
        _missing_pg(str(exc))
    try:
        yield started
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"atlas_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL on each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        (tmp_path / "var").mkdir()
        return f"sqlite:///{tmp_path / 'var' / 'atlas.sqlite3'}"
    return request.getfixturevalue("pg_url")
