"""compose.yaml, the Dockerfile and .env.example agree with the code: every variable
they set is a real setting, every command they run exists (the image cannot be built
here; tests/storage/test_image_steps.py runs its steps)."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings
from mentor.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {name.upper() for name in Settings.model_fields}
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}  # read by compose.yaml itself, not by Mentor


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [
        (parts[0].upper(), parts[1] if len(parts) > 1 else "")
        for line in joined.splitlines()
        if (parts := line.strip().split(None, 1))
    ]


def docker_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, args in dockerfile():
        if instruction == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(args))  # type: ignore[misc]
    return env


def command(args: str) -> list[str]:
    return list(json.loads(args))


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return loaded


def assert_runs(argv: list[str]) -> None:
    """`mentor …` parses to a command main() handles; `python -m X` names a module."""
    if argv[0] == "mentor":
        parsed = build_parser().parse_args(argv[1:])
        assert parsed.command is not None, argv
        if parsed.command == "db":
            assert parsed.db_command is not None, argv
    else:
        assert argv[:2] == ["python", "-m"], argv
        assert importlib.util.find_spec(argv[2]) is not None, argv


def test_the_dockerfile_sets_real_settings_and_runs_real_commands() -> None:
    env = docker_env()
    ours = {k for k in env if k.startswith(("MENTOR_", "TELEGRAM_", "MATRIX_"))}
    assert ours <= SETTINGS, ours - SETTINGS
    assert env["MENTOR_HTTP_HOST"] == "0.0.0.0"
    steps = dict(dockerfile())
    assert_runs(command(steps["CMD"]))
    assert steps["HEALTHCHECK"].split(" CMD ", 1)[0].startswith("--interval")
    assert_runs(command(steps["HEALTHCHECK"].split(" CMD ", 1)[1]))
    assert steps["EXPOSE"] == env["MENTOR_HEALTH_PORT"]
    assert steps["USER"] not in ("root", "0")
    assert Settings(_env_file=None, **{k.lower(): v for k, v in env.items() if k in ours})  # type: ignore[call-arg, arg-type]


def test_compose_sets_real_settings_and_runs_real_commands() -> None:
    services = compose()["services"]
    mentor_services = [s for s in services.values() if s.get("image") == "mentor:latest"]
    assert {tuple(s["command"]) for s in mentor_services} == {
        ("mentor", "db", "upgrade"),
        ("mentor", "run"),
    }
    for service in mentor_services:
        assert_runs(service["command"])
        assert set(service["environment"]) <= SETTINGS
        assert service["env_file"] == ".env"
    run = services["mentor"]
    assert run["depends_on"]["db"]["condition"] == "service_healthy"
    assert run["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert run["restart"] == "on-failure"
    published = {p.rsplit(":", 1)[1] for p in run["ports"]}
    assert str(Settings.model_fields["mentor_health_port"].default) in published
    assert str(Settings.model_fields["telegram_webhook_port"].default) in published
    assert all(p.startswith("127.0.0.1:") for s in services.values() for p in s.get("ports", []))
    assert "healthcheck" in services["db"]
    assert services["synapse"]["profiles"] == ["matrix"]


def test_env_example_names_only_real_settings() -> None:
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert names - COMPOSE_ONLY <= SETTINGS, names - COMPOSE_ONLY - SETTINGS
    assert "TELEGRAM_BOT_TOKEN" in names
    assert names >= COMPOSE_ONLY
