"""A throw-away Synapse homeserver on 127.0.0.1 for the Matrix end-to-end tests.

Synapse comes from PyPI into its own virtualenv (`.cache/synapse-venv`, gitignored),
installed here when missing and reused afterwards, so the project's own
environment never carries Synapse's dependencies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[3]
VENV = ROOT / ".cache" / "synapse-venv"
SERVER_NAME = "localhost"
PACKAGE = "matrix-synapse"
_HIGH = {"per_second": 10_000, "burst_count": 10_000}


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_synapse() -> float:
    """Install Synapse into its own virtualenv if missing; returns the seconds it took."""
    python = venv_python()
    probe = [str(python), "-c", "import synapse.app.homeserver"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return 0.0
    started = time.monotonic()
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", PACKAGE],
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def _relaxed(config: dict[str, Any], port: int, data: Path) -> dict[str, Any]:
    config.update(
        {
            "listeners": [
                {
                    "port": port,
                    "bind_addresses": ["127.0.0.1"],
                    "type": "http",
                    "tls": False,
                    "x_forwarded": False,
                    "resources": [{"names": ["client"], "compress": False}],
                }
            ],
            "database": {"name": "sqlite3", "args": {"database": str(data / "homeserver.db")}},
            "presence": {"enabled": False},
            "caches": {"sync_response_cache_duration": 0},
            "enable_registration": False,
            "report_stats": False,
            "suppress_key_server_warning": True,
            "trusted_key_servers": [],
            "url_preview_enabled": False,
            "rc_message": _HIGH,
            "rc_registration": _HIGH,
            "rc_login": {"address": _HIGH, "account": _HIGH, "failed_attempts": _HIGH},
            "rc_joins": {"local": _HIGH, "remote": _HIGH},
            "rc_joins_per_room": _HIGH,
            "rc_invites": {"per_room": _HIGH, "per_user": _HIGH, "per_issuer": _HIGH},
            "rc_3pid_validation": _HIGH,
            "rc_key_requests": _HIGH,
            "rc_admin_redaction": _HIGH,
            "rc_room_creation": _HIGH,
            "rc_delayed_event_mgmt": _HIGH,
            "rc_reports": _HIGH,
            "rc_media_create": _HIGH,
        }
    )
    return config


@dataclass
class Synapse:
    """One running homeserver; `restart()` keeps its data (to test reconnection)."""

    workdir: Path
    port: int
    secret: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.workdir / "homeserver.yaml"

    @classmethod
    def create(cls, workdir: Path) -> Synapse:
        workdir.mkdir(parents=True, exist_ok=True)
        data = workdir / "data"
        config_path = workdir / "homeserver.yaml"
        subprocess.run(
            [
                str(venv_python()),
                "-m",
                "synapse.app.homeserver",
                "--server-name",
                SERVER_NAME,
                "--config-path",
                str(config_path),
                "--generate-config",
                "--report-stats=no",
                "--data-directory",
                str(data),
            ],
            check=True,
            capture_output=True,
            cwd=workdir,
        )
        config = yaml.safe_load(config_path.read_text())
        port = free_port()
        config_path.write_text(yaml.safe_dump(_relaxed(config, port, data)))
        return cls(workdir, port, str(config["registration_shared_secret"]))

    def start(self, timeout: float = 60.0) -> None:
        with (self.workdir / "synapse.out").open("ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [str(venv_python()), "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Synapse exited, see {self.workdir / 'synapse.out'}")
            try:
                self._get("/_matrix/client/versions")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise RuntimeError("Synapse did not answer in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + path, timeout=5) as resp:
            result: dict[str, Any] = json.load(resp)
            return result

    def register(self, username: str, password: str, admin: bool = False) -> str:
        """Create a user through the admin API (shared-secret HMAC); returns the MXID."""
        nonce = self._get("/_synapse/admin/v1/register")["nonce"]
        mac = hmac.new(self.secret.encode(), digestmod=hashlib.sha1)
        kind = b"admin" if admin else b"notadmin"
        mac.update(b"\x00".join([nonce.encode(), username.encode(), password.encode(), kind]))
        body = {
            "nonce": nonce,
            "username": username,
            "password": password,
            "admin": admin,
            "mac": mac.hexdigest(),
        }
        request = urllib.request.Request(
            self.url + "/_synapse/admin/v1/register",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            return str(json.load(resp)["user_id"])
