"""A throwaway PostgreSQL cluster for the store tests: initdb + pg_ctl in a temporary folder,
on a free port, as the ``postgres`` user when the tests run as root. No mocks: a real server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def binaries() -> Path | None:
    """The folder of initdb/pg_ctl: on the PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster and yield the URL of a fresh database in it; stop and delete it after."""
    bindir = binaries()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries not found: `make setup` installs the postgresql package")
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    data, port = root / "data", _free_port()
    as_root = os.geteuid() == 0

    def run(*cmd: str) -> None:
        full = ["runuser", "-u", "postgres", "--", *cmd] if as_root else list(cmd)
        subprocess.run(full, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    if as_root:
        shutil.chown(root, user="postgres")
    run(str(bindir / "initdb"), "-D", str(data), "-U", "briefing", "--auth=trust", "--locale=C", "-E", "UTF8")
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
    try:
        yield f"postgresql://briefing@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
