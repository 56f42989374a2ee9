"""The `mentor` command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=60,
    )


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("mentor ")


def test_ask_json_prints_one_object_with_the_contract_fields() -> None:
    result = run("ask", "--json", "c'est quoi le CCP1 ?")
    assert result.returncode == 0
    answer = json.loads(result.stdout)
    assert set(answer) == {"text", "entry", "score", "sources", "fallback", "alternatives"}
    assert isinstance(answer["alternatives"], list)


def test_ask_batch_answers_one_line_per_question() -> None:
    result = run("ask", "--json", stdin="bonjour\nc'est quoi le CCP1 ?\n\nrecette de crêpes\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all("fallback" in json.loads(line) for line in lines)


def test_invalid_setting_gives_one_line_naming_the_variable() -> None:
    result = run("ask", "bonjour", env={"MENTOR_TIMEZONE": "Mars/Olympus"})
    assert result.returncode == 2
    assert "MENTOR_TIMEZONE" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_run_without_transport_says_so_and_fails(tmp_path: Path) -> None:
    result = run(
        "run",
        env={"TELEGRAM_BOT_TOKEN": "", "MATRIX_HOMESERVER": "", "MENTOR_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "Aucun transport configuré" in result.stderr


def test_db_upgrade_creates_the_sqlite_file(tmp_path: Path) -> None:
    result = run("db", "upgrade", env={"MENTOR_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert (tmp_path / "mentor.sqlite3").exists()


def test_chat_works_when_stdin_is_a_pipe(tmp_path: Path) -> None:
    result = run("chat", stdin="bonjour\n/aide\n1\n", env={"MENTOR_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "Bonjour" in result.stdout and "/aide" in result.stdout


def test_unknown_subcommand_exits_with_usage_error() -> None:
    result = run("fly")
    assert result.returncode == 2


def test_batch_answers_every_line_despite_an_invalid_byte_under_strict_utf8() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json"],
        input=b"bonjour\n\xff\xfe invalide\nc'est quoi le CCP1 ?\n",
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-300:]
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3
    assert "CCP1" in json.loads(lines[2])["text"]


def test_database_down_at_start_gives_one_line_naming_it_and_fails(tmp_path: Path) -> None:
    down = "postgresql+asyncpg://mentor:secret@127.0.0.1:1/mentor"
    for args in (("db", "upgrade"), ("nudges", "due"), ("nudges", "run-once"), ("run",)):
        result = run(
            *args,
            env={
                "MENTOR_DATABASE_URL": down,
                "MENTOR_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:abc",
                "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot",
                "MENTOR_HEALTH_PORT": "0",
            },
        )
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0, args
        assert len(lines) == 1, (args, result.stderr[-500:])
        assert "127.0.0.1:1" in lines[0] and "secret" not in lines[0]
