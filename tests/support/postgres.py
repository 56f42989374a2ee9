"""A throw-away PostgreSQL cluster on 127.0.0.1 for the storage tests.

PostgreSQL refuses to run as root, so when the tests run as root (CI does) the
cluster is created and started as the `postgres` system user with `runuser`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    port: int
    datadir: Path
    pg_ctl: str
    as_user: list[str]
    options: str = ""

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def pause(self) -> None:
        """Stop the server (clients lose their connections), keeping its data."""
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.datadir), "-m", "fast", "-w", "stop"],
            check=True,
            capture_output=True,
        )

    def resume(self) -> None:
        """Start it again on the same port, as after an outage."""
        _pg_start(self.as_user, self.pg_ctl, self.datadir, self.options)

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.datadir), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.datadir.parent, ignore_errors=True)


def start_cluster() -> PgCluster | None:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return None
    base = Path(tempfile.mkdtemp(prefix="mentor-pg-"))
    datadir = base / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        os.chmod(base, 0o700)
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *as_user,
            initdb,
            "-D",
            str(datadir),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    _pg_start(as_user, pg_ctl, datadir, options)
    return PgCluster(port=port, datadir=datadir, pg_ctl=pg_ctl, as_user=as_user, options=options)


def _pg_start(as_user: list[str], pg_ctl: str, datadir: Path, options: str) -> None:
    subprocess.run(
        [
            *as_user,
            pg_ctl,
            "-D",
            str(datadir),
            "-o",
            options,
            "-l",
            str(datadir.parent / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
