"""Bad databases give one clear StoreError; replicas in separate processes lose nothing."""

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from store import StoreError, ViewStore
from store.config import database_url
from tests.conftest import ROOT


def test_a_corrupt_sqlite_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "atlas.sqlite3"
    db.write_bytes(b"%PDF-1.7 this is not a database\n" * 50)
    with pytest.raises(StoreError, match=r"not a SQLite database") as err:
        ViewStore(f"sqlite:///{db}")
    assert str(db) in str(err.value)
    assert db.read_bytes().startswith(b"%PDF")  # left as it was


def test_a_damaged_sqlite_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "atlas.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError, match=r"failed on .*atlas\.sqlite3: "):
        ViewStore(f"sqlite:///{db}")


def test_another_programs_database_is_not_written_into(db_url: str) -> None:
    other = create_engine(db_url)
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
    other.dispose()
    with pytest.raises(StoreError, match=r"another program's tables \(invoices\)"):
        ViewStore(db_url)
    check = create_engine(db_url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM invoices")).scalar_one() == 0
        tables = conn.execute(
            text("SELECT count(*) FROM information_schema.tables WHERE table_name='saved_views'")
            if check.dialect.name == "postgresql"
            else text("SELECT count(*) FROM sqlite_master WHERE name='saved_views'")
        ).scalar_one()
    check.dispose()
    assert tables == 0


def test_a_database_from_a_newer_atlas_is_refused(db_url: str) -> None:
    ViewStore(db_url).close()
    eng = create_engine(db_url)
    with eng.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    eng.dispose()
    with pytest.raises(StoreError, match=r"newer Atlas .*0099_future"):
        ViewStore(db_url)


def test_an_unreachable_server_is_a_clear_message() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(
        StoreError, match=rf"failed on postgresql\+psycopg://atlas:\*\*\*@127.0.0.1:{port}"
    ):
        ViewStore(f"postgresql://atlas:secret@127.0.0.1:{port}/atlas")


def test_the_url_comes_from_the_environment_then_secrets_then_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ATLAS_DB_URL", raising=False)
    assert database_url() == f"sqlite:///{ROOT / 'var' / 'atlas.sqlite3'}"
    assert database_url("postgres://a@db:5432/atlas") == "postgresql+psycopg://a@db:5432/atlas"
    monkeypatch.setenv("ATLAS_DB_URL", "postgresql://b:pw@db2/atlas")
    assert database_url("postgres://a@db:5432/atlas") == "postgresql+psycopg://b:pw@db2/atlas"
    monkeypatch.setenv("ATLAS_DB_URL", "mysql://x@y/z")
    with pytest.raises(StoreError, match="not supported"):
        database_url()
    monkeypatch.setenv("ATLAS_DB_URL", "not a url")
    with pytest.raises(StoreError, match="malformed"):
        database_url()


_REPLICA = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from geo.view import View
    from geo.view_doc import view_to_doc
    from store import ViewStore
    url, tag, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
    while time.time() < go:
        time.sleep(0.005)
    store = ViewStore(url)  # both replicas migrate a fresh database at the same moment
    for i in range(12):
        store.save(f"{{tag}}-{{i}}", "", view_to_doc(View()))
    store.close()
""")


def test_two_replica_processes_opening_and_saving_at_once_lose_nothing(db_url: str) -> None:
    import time

    go = str(time.time() + 2.0)
    code = _REPLICA.format(root=str(ROOT))
    procs = [
        subprocess.Popen([sys.executable, "-c", code, db_url, tag, go], stderr=subprocess.PIPE,
                         text=True)
        for tag in ("r1", "r2")
    ]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    store = ViewStore(db_url)
    listed = store.views()
    store.close()
    assert sorted(v.name for v in listed) == sorted(
        f"{t}-{i}" for t in ("r1", "r2") for i in range(12)
    )
    assert [v.position for v in listed] == list(range(1, 25))


def test_python_m_store_migrates_and_reports(tmp_path: Path) -> None:
    env = {**os.environ, "ATLAS_DB_URL": f"sqlite:///{tmp_path / 'v.sqlite3'}"}
    ok = subprocess.run([sys.executable, "-m", "store", "upgrade"], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert ok.returncode == 0 and "schema at head, 0 saved views" in ok.stdout
    (tmp_path / "v.sqlite3").write_bytes(b"garbage" * 100)
    bad = subprocess.run([sys.executable, "-m", "store", "status"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert bad.returncode == 1 and "is not a SQLite database" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_migrations_go_down_and_up_again(db_url: str) -> None:
    from alembic import command

    from store.migrate import alembic_config

    ViewStore(db_url).close()
    eng = create_engine(db_url)
    with eng.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 0
    eng.dispose()
    store = ViewStore(db_url)  # upgrade head again, on a database that had the schema once
    assert store.save("again", "", {"kind": "x"}).position == 1
    store.close()


def test_sixteen_openers_of_a_new_sqlite_file_all_get_it_in_wal_mode(tmp_path: Path) -> None:
    # SQLite does not wait (busy handler) for the switch to WAL, so a bare
    # "PRAGMA journal_mode=WAL" fails now and then when replicas open a new file at once
    # (about 1 open in 500 here; it failed CI once). Each round opens one new file.
    import sqlite3
    import threading

    from store.repository import use_wal

    failures: list[str] = []
    for round_ in range(80):
        path = tmp_path / f"r{round_}.sqlite3"
        start = threading.Barrier(16)

        def opener(path: Path = path, start: threading.Barrier = start) -> None:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                   check_same_thread=False)  # fmt: skip
            start.wait()
            try:
                use_wal(conn)
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("CREATE TABLE IF NOT EXISTS t (a)")
                conn.execute("COMMIT")
                failures.extend([] if _mode(conn) == "wal" else [f"{path.name}: {_mode(conn)}"])
            except sqlite3.OperationalError as exc:
                failures.append(f"{path.name}: {exc}")
            finally:
                conn.close()

        threads = [threading.Thread(target=opener) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []


def _mode(conn: object) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()  # type: ignore[attr-defined]


def test_the_switch_to_wal_waits_out_a_lock_and_gives_up_with_the_reason() -> None:
    import sqlite3

    from store.repository import use_wal

    class Busy:  # a connection whose file another replica is switching for `times` tries
        def __init__(self, times: int) -> None:
            self.times, self.mode = times, "delete"

        def execute(self, sql: str) -> "Busy":
            if sql.endswith("=WAL"):
                if self.times:
                    self.times -= 1
                    raise sqlite3.OperationalError("database is locked")
                self.mode = "wal"
            return self

        def fetchone(self) -> tuple[str]:
            return (self.mode,)

    conn = Busy(times=3)
    use_wal(conn, budget_s=5)
    assert conn.mode == "wal" and conn.times == 0
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        use_wal(Busy(times=10_000), budget_s=0.2)
