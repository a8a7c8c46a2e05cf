"""A throwaway PostgreSQL cluster on a loopback port, in a temporary folder (tests, bench)."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    """Return the folder holding ``initdb`` and ``pg_ctl`` (Debian's newest), if any."""

    def major(p: str) -> int:
        part = Path(p).parts[-3]
        return int(part) if part.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    exe = shutil.which("initdb")
    return Path(exe).resolve().parent if exe and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> tuple[list[str], int | None, int | None]:
    """initdb refuses root: as root, run the server as the ``postgres`` user."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root, and no 'postgres' user to run the server") from None
    return ["runuser", "-u", "postgres", "--"], pw.pw_uid, pw.pw_gid


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster (trust auth, user ``atlas``) and yield its psycopg URL; stop it after."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("initdb/pg_ctl not found (Debian: apt-get install postgresql)")
    prefix, uid, gid = _runner()
    tmp = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data, port = tmp / "data", _free_port()
    if uid is not None:
        os.chown(tmp, uid, gid)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

    def run(*args: str) -> None:
        out = subprocess.run([*prefix, *args], capture_output=True, text=True, env=env,
                             timeout=120, check=False)  # fmt: skip
        if out.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {out.stderr.strip()[-800:]}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "atlas", "--auth=trust", "-E", "UTF8",
        "--no-sync")  # fmt: skip
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-w", "-o", opts, "start")
    try:
        yield f"postgresql+psycopg://atlas@127.0.0.1:{port}/postgres"
    finally:
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
