"""The Docker image's steps, without Docker (no engine on these machines): a clean venv
from requirements.lock, the package installed from a copy of what the Dockerfile
copies, then `mentor db upgrade` and `mentor run` with the image's environment (its
ENV lines, read from the Dockerfile) against PostgreSQL, as compose.yaml runs them.

Slow (a fresh install, ~1-2 min): one test, not parametrised, so it runs once a suite.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _new_pg_database
from tests.support.ci import unavailable
from tests.support.fake_telegram import FakeTelegram
from tests.support.faults import Watch
from tests.support.postgres import PgCluster
from tests.unit.test_deploy_files import ROOT, command, docker_env, dockerfile

COPIED = ("pyproject.toml", "README.md", "bot", "adapters", "mentor", "knowledge")  # the COPY lines


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def step(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, (argv, done.stdout[-2000:], done.stderr[-2000:])
    return done.stdout


@pytest.mark.postgres
def test_the_image_steps_install_migrate_run_and_pass_the_healthcheck(
    tmp_path: Path, pg_cluster: PgCluster | None
) -> None:
    if pg_cluster is None:
        unavailable("PostgreSQL binaries not available")
    copied = {
        source
        for instruction, args in dockerfile()
        if instruction == "COPY"
        for source in args.split()[:-1]
    }
    assert copied - {"requirements.lock"} == set(COPIED)
    app = tmp_path / "app"
    app.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, app / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, app / name)
    venv = tmp_path / "venv"
    step([sys.executable, "-m", "venv", str(venv)], tmp_path)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    step([*pip, "-r", str(ROOT / "requirements.lock")], tmp_path)
    step([*pip, "--no-deps", str(app)], tmp_path)

    telegram = FakeTelegram()
    port = free_port()
    env = {
        **docker_env(),
        # Outside a container: the data and knowledge paths of this copy, loopback only.
        "MENTOR_DATA_DIR": str(tmp_path / "data"),
        "MENTOR_KNOWLEDGE_DIR": str(app / "knowledge"),
        "MENTOR_HTTP_HOST": "127.0.0.1",
        "MENTOR_HEALTH_PORT": str(port),
        "MENTOR_DATABASE_URL": asyncio.run(_new_pg_database(pg_cluster)),
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        **telegram.env(),
    }
    steps = dict(dockerfile())
    healthcheck = command(steps["HEALTHCHECK"].split(" CMD ", 1)[1])
    assert step(["mentor", "db", "upgrade"], tmp_path, env).strip() == "Base de données à jour."
    run = command(steps["CMD"])
    proc = subprocess.Popen(
        run, cwd=tmp_path, env=env, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    assert proc.stderr is not None
    err = Watch(proc.stderr)
    try:
        assert err.wait_for("Mentor en marche", timeout=120), err.text
        probe = subprocess.run(healthcheck, cwd=tmp_path, env=env, timeout=30, check=False)
        assert probe.returncode == 0, err.text
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        logged = err.text  # read to the end before the pipe is closed
        proc.stderr.close()
        telegram.close()
    assert proc.returncode == 0, logged
    records = [json.loads(line) for line in logged.splitlines()]  # JSON lines, as set
    assert any("Mentor en marche" in r["message"] for r in records)
    assert telegram.chats == []  # nothing sent: no reminder due, no message received
    down = subprocess.run(healthcheck, cwd=tmp_path, env=env, timeout=30, check=False)
    assert down.returncode == 1  # and the healthcheck notices when it is gone
