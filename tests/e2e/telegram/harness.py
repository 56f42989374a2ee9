"""The Telegram Bot API emulator: installed from npm on first use, run on a loopback port.

`telegram-test-api` is installed into `.cache/telegram-emulator` (gitignored) by the
tests themselves, then started behind `emulator.js`, which fixes its incompatibilities
with python-telegram-bot 22 and adds a few test-only routes.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / ".cache" / "telegram-emulator"
SCRIPT = Path(__file__).with_name("emulator.js")
PACKAGE = "telegram-test-api"
VERSION = "4.2.1"
BOT_USERNAME = "MentorTestBot"  # what emulator.js answers to getMe


class EmulatorUnavailable(RuntimeError):
    """node/npm missing or the install failed."""


def ensure_installed() -> Path:
    """Install the emulator into the cache folder unless it is already there."""
    modules = CACHE / "node_modules"
    manifest = modules / PACKAGE / "package.json"
    if manifest.exists() and json.loads(manifest.read_text())["version"] == VERSION:
        return modules
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise EmulatorUnavailable("node and npm are needed for the Telegram e2e tests")
    CACHE.mkdir(parents=True, exist_ok=True)
    if not (CACHE / "package.json").exists():
        (CACHE / "package.json").write_text('{"private": true}\n')
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", f"{PACKAGE}@{VERSION}"],
        cwd=CACHE,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not manifest.exists():
        raise EmulatorUnavailable(f"npm install {PACKAGE}@{VERSION} failed: {done.stderr[-500:]}")
    return modules


@dataclass
class Emulator:
    port: int
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_api(self) -> str:
        """The value for TELEGRAM_API_BASE_URL."""
        return f"{self.url}/bot"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def start_emulator(port: int | None = None, ready_within: float = 15.0) -> Emulator:
    modules = ensure_installed()
    port = port or free_port()
    process = subprocess.Popen(
        ["node", str(SCRIPT), str(port)],
        env={**os.environ, "NODE_PATH": str(modules)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = process.stdout.readline()
        if line.startswith("READY"):
            return Emulator(port, process)
        if not line:  # exited
            break
    process.kill()
    _, err = process.communicate(timeout=5)
    raise EmulatorUnavailable(f"the emulator did not start: {err[-800:]}")
